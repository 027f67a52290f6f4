"""Labour-hour efficiency of a workshop from its job cards, and what a change in it depends on.

A body-and-paint shop books every job at a **standard (flat-rate) time** from the maker's
labour-time guide, and clocks the **actual hours** its technicians spent. Labour-hour efficiency
is standard hours / actual hours: above 1 the shop beats the guide. A "+40 %" is the ratio of two
such efficiencies minus one, and so depends on

- the **job mix**: every job type has its own efficiency, and the overall figure is their
  average weighted by standard hours; a period with more of the easy jobs looks better with no
  one working faster (:func:`mix_standardised_gain` holds the mix fixed);
- the **baseline**: which period (a bad month? a whole year?) the "after" is compared with.

>>> import pandas as pd
>>> cards = pd.DataFrame({"period": ["before", "before", "after", "after"],
...                       "job_type": ["paint", "aluminium", "paint", "aluminium"],
...                       "standard_hours": [4.0, 8.0, 4.0, 8.0], "actual_hours": [5.0, 16.0, 4.0, 8.0]})
>>> round(labour_hour_efficiency(cards[cards["period"] == "before"]), 3)
0.571
>>> round(efficiency_gain(cards, "before", "after"), 3)
0.75
"""

from __future__ import annotations

import pandas as pd

from followup.errors import OrganisationError

__all__ = ["CARD_COLUMNS", "efficiency_by", "efficiency_gain", "labour_hour_efficiency", "mix_standardised_gain"]

#: The columns a set of job cards must have.
CARD_COLUMNS = ("standard_hours", "actual_hours")
MAX_CARDS = 1_000_000


def _checked(cards: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    if not isinstance(cards, pd.DataFrame):
        raise OrganisationError(f"cards must be a pandas DataFrame with columns {', '.join(CARD_COLUMNS)}; "
                                f"got {type(cards).__name__}")
    missing = [c for c in (*CARD_COLUMNS, *extra) if c not in cards.columns]
    if missing:
        raise OrganisationError(f"cards have no column {', '.join(map(repr, missing))}; job cards need "
                                f"{', '.join((*CARD_COLUMNS, *extra))}")
    if len(cards) > MAX_CARDS:
        raise OrganisationError(f"cards has {len(cards):,} rows; give at most {MAX_CARDS:,} job cards")
    for column in CARD_COLUMNS:
        values = pd.to_numeric(cards[column], errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            row = cards.index[bad.to_numpy()][0]
            raise OrganisationError(f"cards row {row!r}: {column} is {cards.loc[row, column]!r}; "
                                    "give hours as a number >= 0")
    return cards


def labour_hour_efficiency(cards: pd.DataFrame) -> float:
    """Standard hours / actual hours over all ``cards`` (a share: 1.0 means exactly the guide's time)."""
    cards = _checked(cards)
    actual = float(cards["actual_hours"].sum())
    if actual == 0:
        raise OrganisationError("the cards clock 0 actual hours (no cards, or all zero); labour-hour efficiency "
                                "needs the hours worked")
    return float(cards["standard_hours"].sum()) / actual


def efficiency_by(cards: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Per group of ``by``: ``cards``, ``standard_hours``, ``actual_hours`` and ``efficiency``."""
    keys = [by] if isinstance(by, str) else list(by)
    cards = _checked(cards, tuple(keys))
    table = cards.groupby(keys, sort=True).agg(cards=("standard_hours", "size"),
                                               standard_hours=("standard_hours", "sum"),
                                               actual_hours=("actual_hours", "sum"))
    table["efficiency"] = table["standard_hours"] / table["actual_hours"]
    return table


def _two_periods(cards, period_column, before, after):
    cards = _checked(cards, (period_column,))
    periods = set(cards[period_column])
    for name in (before, after):
        if name not in periods:
            raise OrganisationError(f"no card has {period_column} == {name!r}; the cards have "
                                    f"{', '.join(map(repr, sorted(periods, key=str)))}")
    return cards[cards[period_column] == before], cards[cards[period_column] == after]


def efficiency_gain(cards: pd.DataFrame, before, after, *, period: str = "period") -> float:
    """Efficiency of the ``after`` cards / efficiency of the ``before`` cards - 1 (0.40 is "+40 %")."""
    first, second = _two_periods(cards, period, before, after)
    return labour_hour_efficiency(second) / labour_hour_efficiency(first) - 1


def mix_standardised_gain(cards: pd.DataFrame, before, after, *, period: str = "period",
                          job_type: str = "job_type", weights_from=None) -> float:
    """The gain with the job mix held fixed: each period's efficiency per job type, weighted alike.

    The overall efficiency is a weighted *harmonic* mean of the job types' efficiencies, with
    their standard hours as weights; this re-weights both periods by the standard-hour shares of
    ``weights_from`` (default ``before``), so only the change within each job type remains.
    """
    first, second = _two_periods(cards, period, before, after)
    _checked(cards, (job_type,))
    base = _checked(cards)[cards[period] == (before if weights_from is None else weights_from)]
    shares = base.groupby(job_type)["standard_hours"].sum()
    shares = shares / shares.sum()
    rates = {name: efficiency_by(part, job_type)["efficiency"] for name, part in (("a", first), ("b", second))}
    lacking = [t for t in shares.index if t not in rates["a"].index or t not in rates["b"].index]
    if lacking:
        raise OrganisationError(f"job type(s) {', '.join(map(repr, lacking))} appear in one period only; "
                                "a fixed-mix comparison needs every job type in both periods")

    def at_fixed_mix(rate: pd.Series) -> float:
        return 1 / float((shares / rate.loc[shares.index]).sum())  # hours per standard hour, re-weighted

    return at_fixed_mix(rates["b"]) / at_fixed_mix(rates["a"]) - 1
