"""Material requirements planned from a schedule: how much is needed when, and when to order it.

The project side of the article's lead (S0.2): purchases of bulk material (rebar, cement, line pipe) are
matched to the schedule, so each lot arrives when the work that consumes it starts. An activity is assumed
to consume its quantity evenly over its duration; the requirement of a period is the sum over the activities
running in it. The computation reuses :func:`followup.resources.usage_profile` (a material consumed at a
rate is a resource held at that rate).

Example::

    >>> import pandas as pd
    >>> table = pd.DataFrame({"duration": [2, 4], "early_start": [0, 2]}, index=["footings", "columns"])
    >>> bill = pd.DataFrame({"rebar_t": [10, 20]}, index=["footings", "columns"])
    >>> need = material_requirement(table, bill, period=2)
    >>> need["rebar_t"].tolist()
    [10.0, 10.0, 10.0]
    >>> order_plan(need, lead_time=3)[["material", "need_from", "quantity", "order_by"]].values.tolist()
    [['rebar_t', 0, 10.0, -3], ['rebar_t', 2, 10.0, -1], ['rebar_t', 4, 10.0, 1]]
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from followup.errors import ResourceError
from followup.resources import _schedule_frame, plain, usage_profile

__all__ = ["material_requirement", "order_plan"]


def material_requirement(schedule, quantities: pd.DataFrame, *, period=1, start_col: str = "early_start") -> pd.DataFrame:
    """Quantity of each material consumed in each period of a schedule.

    Args:
        schedule: a schedule table indexed by activity id with ``duration`` and ``start_col`` (a CPM
            ``Schedule.table``), or an object with such a ``.table`` (as for ``usage_profile``).
        quantities: bill of quantities, a DataFrame indexed by activity id with one column per material
            (total quantity the activity consumes, in the material's unit). Activities absent from it
            consume nothing.
        period: length of a period in the schedule's time unit (7 = weeks for a schedule in days).
        start_col: the start column to plan from (``early_start``, ``late_start``, ...).

    Returns:
        DataFrame indexed by ``period_start`` with one column per material; each column sums to the
        material's total quantity.

    Raises:
        ResourceError: a quantity is negative or not a number, names an activity the schedule lacks,
            or belongs to an activity of zero duration (a milestone consumes nothing: move it to the
            activity that does the work).
    """
    if not isinstance(quantities, pd.DataFrame):
        raise ResourceError("quantities must be a DataFrame indexed by activity id with one column per material")
    frame = _schedule_frame(schedule, start_col, None)
    unknown = [i for i in quantities.index if i not in frame.index]
    if unknown:
        raise ResourceError(
            f"quantities list activity {plain(unknown[0])!r}, which is not in the schedule; "
            "remove it or add the activity"
        )
    numeric = quantities.apply(pd.to_numeric, errors="coerce")
    bad = (numeric.isna() & quantities.notna()) | (numeric < 0)
    if bad.any().any():
        col = bad.any().idxmax()
        row = bad[col].idxmax()
        raise ResourceError(
            f"quantity of material {col!r} for activity {plain(row)!r} is {plain(quantities.loc[row, col])!r}; "
            "quantities must be numbers >= 0"
        )
    numeric = numeric.fillna(0)
    durations = frame["duration"].reindex(numeric.index)
    instant = numeric.index[(durations <= 0).to_numpy() & (numeric.sum(axis=1) > 0).to_numpy()]
    if len(instant):
        raise ResourceError(
            f"activity {plain(instant[0])!r} has duration 0 but consumes material; "
            "give the quantity to the activity that does the work"
        )
    # consumption rate held while the activity runs; the time-average per period times the period
    # length is the quantity consumed in that period
    rates = numeric.div(durations.astype(float), axis=0)
    profile = usage_profile(frame, rates, period=period, start_col="start", how="mean")
    return profile * period


def order_plan(requirement: pd.DataFrame, lead_time) -> pd.DataFrame:
    """Purchase orders that deliver each period's requirement just in time.

    Args:
        requirement: output of :func:`material_requirement` (index ``period_start``, one column per material).
        lead_time: time from order to delivery, in the schedule's unit: one number for every material, or a
            mapping ``{material: lead time}`` covering each column.

    Returns:
        DataFrame, one row per material and period with a positive need, in material then time order:
        ``material``, ``need_from`` (period start: the lot must be on site by then), ``quantity``,
        ``cumulative`` (running total of the material), ``order_by`` (``need_from - lead_time``; a value
        below 0 means the order must be placed before the project starts).

    Raises:
        ResourceError: a lead time is missing, negative or not a number.
    """
    if not isinstance(requirement, pd.DataFrame):
        raise ResourceError("requirement must be the DataFrame returned by material_requirement")
    if isinstance(lead_time, Mapping):
        leads = dict(lead_time)
    else:
        leads = {material: lead_time for material in requirement.columns}
    for material in requirement.columns:
        if material not in leads:
            raise ResourceError(
                f"lead_time has no entry for material {material!r} (given: {sorted(map(str, leads))}); add it"
            )
        lead = leads[material]
        if isinstance(lead, bool) or not isinstance(lead, (int, float, np.integer, np.floating)) or not lead >= 0:
            raise ResourceError(f"lead_time of material {material!r} is {plain(lead)!r}; it must be a number >= 0")
    rows = []
    for material in requirement.columns:
        need = requirement[material]
        need = need[need > 0]
        rows.append(pd.DataFrame({
            "material": material,
            "need_from": need.index.to_numpy(),
            "quantity": need.to_numpy(),
            "cumulative": need.cumsum().to_numpy(),
            "order_by": need.index.to_numpy() - leads[material],
        }))
    columns = ["material", "need_from", "quantity", "cumulative", "order_by"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)
