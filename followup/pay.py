"""Pay schemes: commission on current results against base pay plus milestone bonuses.

Business pay follows current results: an insurance agent earns a commission on the first-year
premium of the policies sold (the article reports up to 80 %, S5.3). Project pay is base pay plus
a **milestone bonus** (里程碑奖金): a share of the team's performance pay released when a payment
node is reached. The article's satellite project had 10 nodes, each triggering 15 % of the
performance pay: 150 % in all, which cannot be a split of one pot. :func:`payment_readings`
computes the readings under which the schedule adds up.

>>> schedule_total([0.15] * 10)
1.5
>>> is_split_of_one_pot([0.15] * 10)
False
>>> [round(x, 2) for x in capped_payouts([0.15] * 10)]
[0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.1, 0.0, 0.0, 0.0]
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from followup.bounds import require_number
from followup.errors import OrganisationError

__all__ = [
    "MAX_NODES",
    "READINGS",
    "capped_payouts",
    "commission_pay",
    "is_split_of_one_pot",
    "pot_that_fits",
    "milestone_payouts",
    "payment_readings",
    "schedule_total",
]

#: The most payment nodes accepted (a size bound on the caller's schedule).
MAX_NODES = 1_000
#: The readings of "n nodes, each s of the performance pay" that :func:`payment_readings` computes.
READINGS = {
    "as_written": "as written: each node pays the share of one pot",
    "capped": "capped: nodes pay until the pot is spent",
    "rescaled": "rescaled: the shares are weights, scaled to add up to the pot",
}
_TOLERANCE = 1e-9  # shares are decimals such as 0.15: their sum is exact to far better than this


def _shares(shares: Sequence[float]) -> list[float]:
    if isinstance(shares, (str, bytes)) or not isinstance(shares, Sequence) or not shares:
        raise OrganisationError("shares must be a non-empty list of the shares each node pays, e.g. [0.15] * 10")
    if len(shares) > MAX_NODES:
        raise OrganisationError(f"shares lists {len(shares):,} nodes; give at most {MAX_NODES:,}")
    return [require_number(s, f"shares[{i}]", low=0, high=1) for i, s in enumerate(shares)]


def schedule_total(shares: Sequence[float]) -> float:
    """What the nodes pay together, as a share of the pot (1.0 is all of it)."""
    return float(round(sum(_shares(shares)), 12))


def is_split_of_one_pot(shares: Sequence[float]) -> bool:
    """Whether the shares can be parts of one pot: they add up to at most 100 %."""
    return schedule_total(shares) <= 1 + _TOLERANCE


def capped_payouts(shares: Sequence[float]) -> list[float]:
    """Each node's payout when payments stop once the pot (1.0) is spent: the last paying node gets the rest."""
    paid, out = 0.0, []
    for share in _shares(shares):
        payout = max(0.0, min(share, 1.0 - paid))
        paid += payout
        out.append(payout)
    return out


def milestone_payouts(shares: Sequence[float], pot: float, reached: int) -> float:
    """The bonus paid once ``reached`` nodes are reached: ``pot`` x the shares of the first ``reached`` nodes."""
    values = _shares(shares)
    money = require_number(pot, "pot", low=0, high=1e12)
    count = require_number(reached, "reached", low=0, high=len(values), integer=True, unit="nodes")
    return float(money * sum(values[:count]))


def commission_pay(first_year_premium: float, rate: float) -> float:
    """An agent's first-year commission: ``rate`` x the first-year premium of the policies sold."""
    premium = require_number(first_year_premium, "first_year_premium", low=0, high=1e12)
    share = require_number(rate, "rate", low=0, high=1)
    return float(premium * share)


def payment_readings(nodes: int = 10, share: float = 0.15) -> pd.DataFrame:
    """Cumulative payout after each node under each reading of "``nodes`` nodes, each ``share``".

    Rows: nodes 1..``nodes``; columns: the keys of :data:`READINGS`, each the cumulative payout as a
    share of the pot (1.0 = the pot is spent). The fourth reading, a larger pot, is
    :func:`pot_that_fits`.

    >>> payment_readings(10, 0.15).iloc[-1].round(2).to_dict()
    {'as_written': 1.5, 'capped': 1.0, 'rescaled': 1.0}
    """
    n = require_number(nodes, "nodes", low=1, high=MAX_NODES, integer=True, unit="nodes")
    s = require_number(share, "share", low=0, high=1, above_low=True)
    flat = [s] * n
    total = s * n
    cumulative = pd.DataFrame({
        "as_written": pd.Series(flat).cumsum(),
        "capped": pd.Series(capped_payouts(flat)).cumsum(),
        "rescaled": pd.Series([s / total] * n).cumsum(),
    })
    cumulative.index = pd.RangeIndex(1, n + 1, name="node")
    return cumulative.round(12)


def pot_that_fits(shares: Sequence[float]) -> float:
    """The pot, in units of the pay the shares are quoted on, that the schedule spends exactly.

    For 12 nodes x 10 % it is 1.2: the shares add up if they are 10 % of *one year's* performance pay
    and the project's pot is 1.2 years of it, or 10 % of a reference pay 1/1.2 the size of the pot.
    (Not S5.3's 10 x 15 %: that reading is the chapter's exercise 6.)

    >>> pot_that_fits([0.10] * 12)
    1.2
    """
    return schedule_total(shares)
