"""The cost of a change by phase: what the same design change costs at each milestone.

A project organised around a baseline (article paragraph S1.2) commits money as it goes: design
hours, prototypes, then tooling (moulds) and a retrofitted line. A change to the design decided
after an item is committed scraps the share of that item that depends on the design, and pushes the
launch back. The later the change, the more is committed and the more it costs - the "cost of
change" curve of Boehm, *Software Engineering Economics* (1981), here priced item by item.

>>> import pandas as pd
>>> items = pd.DataFrame({"item": ["design", "moulds"], "committed_on": pd.to_datetime(["2024-01-10", "2024-06-01"]),
...                       "amount_cny": [100_000.0, 2_000_000.0], "scrap_share": [0.5, 0.8]})
>>> gates = pd.DataFrame({"milestone": ["M1", "M2"], "reached_on": pd.to_datetime(["2024-03-01", "2024-07-01"]),
...                       "change_delay_days": [10, 60]})
>>> change_cost_by_phase(items, gates, delay_cost_per_day=1_000, redesign_cost=50_000)["total"].tolist()
[110000.0, 1760000.0]
"""

from __future__ import annotations

import numbers

import pandas as pd

from followup.errors import DataError

__all__ = ["change_cost_by_phase"]

ITEM_COLUMNS = ("item", "committed_on", "amount_cny", "scrap_share")
GATE_COLUMNS = ("milestone", "reached_on", "change_delay_days")
MAX_ROWS = 10_000


def _frame(frame, columns, name) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise DataError(f"{name} must be a DataFrame with columns {', '.join(columns)}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(f"{name} has no column {', '.join(map(repr, missing))}; it needs {', '.join(columns)}")
    if len(frame) > MAX_ROWS:
        raise DataError(f"{name} has {len(frame):,} rows, more than {MAX_ROWS:,}")
    return frame


def _amount(value, name) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value >= 0:
        raise DataError(f"{name} is {value!r}; give an amount in CNY of 0 or more")
    return float(value)


def change_cost_by_phase(commitments: pd.DataFrame, milestones: pd.DataFrame, *, delay_cost_per_day: float,
                         redesign_cost: float = 0.0) -> pd.DataFrame:
    """Cost of one design change decided right after each milestone, split into its parts.

    For the milestone reached on day d: ``scrapped`` = sum of ``amount_cny x scrap_share`` over the
    items committed on or before d; ``delay_cost`` = ``change_delay_days x delay_cost_per_day``;
    ``total`` = ``redesign_cost`` + scrapped + delay_cost. Also returns ``committed`` (all money
    committed by d).
    """
    items = _frame(commitments, ITEM_COLUMNS, "commitments")
    gates = _frame(milestones, GATE_COLUMNS, "milestones")
    per_day, redesign = _amount(delay_cost_per_day, "delay_cost_per_day"), _amount(redesign_cost, "redesign_cost")
    shares = items["scrap_share"]
    if ((shares < 0) | (shares > 1)).any():
        bad = items.loc[(shares < 0) | (shares > 1), "item"].iloc[0]
        raise DataError(f"item {bad!r} has a scrap_share outside 0 to 1; give the share of its cost a change scraps")
    rows = []
    for gate in gates.itertuples(index=False):
        done = items["committed_on"] <= gate.reached_on
        scrapped = float((items.loc[done, "amount_cny"] * shares[done]).sum())
        delay_cost = float(gate.change_delay_days) * per_day
        rows.append({"milestone": gate.milestone, "reached_on": gate.reached_on,
                     "committed": float(items.loc[done, "amount_cny"].sum()), "scrapped": scrapped,
                     "delay_days": int(gate.change_delay_days), "delay_cost": delay_cost,
                     "redesign": redesign, "total": redesign + scrapped + delay_cost})
    return pd.DataFrame(rows).set_index("milestone")
