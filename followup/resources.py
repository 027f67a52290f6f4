"""Resource usage profiles, over-allocation, booking conflicts and standby cost.

Times are in the caller's unit (days, hours, minutes ...): the functions never
convert them, so a start of ``6`` and a period of ``1`` mean "hour 6" and "one
hour" if your schedule is in hours. Demands and capacities are in units of the
resource held at the same time (cranes, welders, vehicle-loads).

Example::

    >>> import pandas as pd
    >>> table = pd.DataFrame({"duration": [2, 3], "early_start": [0, 1]}, index=["A", "B"])
    >>> demands = pd.DataFrame({"welders": [2, 1]}, index=["A", "B"])
    >>> usage_profile(table, demands)["welders"].tolist()
    [2, 3, 1, 1]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from followup.errors import ResourceError

__all__ = ["usage_profile", "over_allocation", "conflicts", "standby_cost", "StandbyCost"]


def plain(value):
    """A numpy scalar as the Python number it holds, so messages read ``-1``, not ``np.int64(-1)``."""
    return value.item() if isinstance(value, np.generic) else value


def usage_steps(starts, finishes, units) -> tuple[np.ndarray, np.ndarray]:
    """Exact step function of simultaneous usage of one resource.

    Returns ``(times, levels)``: usage is ``levels[k]`` on ``[times[k], times[k+1])``
    and 0 outside ``[times[0], times[-1])``. Bookings of zero length use nothing.

    Example::

        >>> usage_steps([0, 1], [2, 4], [2, 1])
        (array([0, 1, 2, 4]), array([2, 3, 1]))
    """
    starts, finishes, units = (np.asarray(x) for x in (starts, finishes, units))
    keep = (finishes > starts) & (units != 0)
    starts, finishes, units = starts[keep], finishes[keep], units[keep]
    if len(starts) == 0:
        return np.array([0]), np.array([], dtype=units.dtype)
    times = np.union1d(starts, finishes)
    delta = np.zeros(len(times), dtype=np.result_type(units, np.int64))
    np.add.at(delta, np.searchsorted(times, starts), units)
    np.add.at(delta, np.searchsorted(times, finishes), -units)
    return times, np.cumsum(delta)[:-1]


def _schedule_frame(schedule, start_col: str, durations) -> pd.DataFrame:
    """Normalise the accepted schedule inputs to a frame indexed by id with ``start`` and ``duration``."""
    if isinstance(schedule, (pd.Series, Mapping)):
        starts = pd.Series(schedule)
        if durations is None:
            raise ResourceError(
                "usage_profile got only start times; pass durations=... (a Series by id or the activities "
                "table with 'id' and 'duration') or pass a schedule table with a 'duration' column"
            )
        if isinstance(durations, pd.DataFrame):
            durations = durations.set_index("id")["duration"] if "id" in durations else durations["duration"]
        durations = pd.Series(durations)
        missing = [i for i in starts.index if i not in durations.index]
        if missing:
            raise ResourceError(f"no duration for activity {plain(missing[0])!r}; add it to durations")
        return pd.DataFrame({"start": starts, "duration": durations.loc[starts.index]})
    table = getattr(schedule, "table", schedule)
    if not isinstance(table, pd.DataFrame):
        raise ResourceError(
            f"usage_profile expects a schedule table (DataFrame), a Schedule with .table, or a Series of starts "
            f"with durations=...; got {type(schedule).__name__}"
        )
    if "id" in table.columns:
        table = table.set_index("id")
    for col in (start_col, "duration"):
        if col not in table.columns:
            raise ResourceError(
                f"schedule table has no column {col!r} (columns: {list(table.columns)}); "
                "pass start_col= naming its start column (e.g. 'early_start', 'late_start' or 'start')"
            )
    return pd.DataFrame({"start": table[start_col], "duration": table["duration"]})


def _aligned_demands(ids: pd.Index, demands: pd.DataFrame) -> pd.DataFrame:
    """Demands re-indexed on the schedule's ids (absent ids demand nothing)."""
    if not isinstance(demands, pd.DataFrame):
        raise ResourceError("demands must be a DataFrame indexed by activity id with one column per resource")
    unknown = [i for i in demands.index if i not in ids]
    if unknown:
        raise ResourceError(
            f"demands list activity {plain(unknown[0])!r}, which is not in the schedule; remove it or add the activity"
        )
    numeric = demands.apply(pd.to_numeric, errors="coerce")
    bad = numeric.isna() & demands.notna() | (numeric < 0)
    if bad.any().any():
        col = bad.any().idxmax()
        row = bad[col].idxmax()
        raise ResourceError(
            f"demand of activity {row!r} for resource {col!r} is {plain(demands.loc[row, col])!r}; "
            "demands must be non-negative numbers"
        )
    return numeric.reindex(ids).fillna(0)


def usage_profile(schedule, demands: pd.DataFrame, *, period=1, start_col: str = "early_start",
                  durations=None, how: str = "peak") -> pd.DataFrame:
    """Usage of each resource per period: the resource histogram of a schedule.

    Args:
        schedule: a DataFrame indexed by activity id (or with an ``id`` column) holding
            ``duration`` and the start column ``start_col`` (a CPM ``Schedule.table``, or a
            ``LevelledSchedule.table`` with ``start_col="start"``); an object with such a
            ``.table``; or a Series of start times by id together with ``durations=``.
        demands: DataFrame indexed by id, one column per resource, units held while the
            activity runs. Activities absent from it demand nothing.
        period: length of one period in the schedule's time unit (1 = one day if the
            schedule is in days; 7 then gives weeks).
        start_col: which start column of the table to use.
        how: ``"peak"`` (default) the largest simultaneous usage inside the period, the
            figure to compare with a capacity; ``"mean"`` the time-average over the period.

    Returns:
        DataFrame indexed by ``period_start`` (0, period, 2*period, ... up to the last
        finish) with one column per resource. With whole-number times and ``period=1``
        both ``how`` give the usage of each unit of time.

    Example::

        >>> table = pd.DataFrame({"duration": [2, 3], "start": [0, 1]}, index=["A", "B"])
        >>> demands = pd.DataFrame({"crane": [1, 1]}, index=["A", "B"])
        >>> usage_profile(table, demands, start_col="start", period=2)["crane"].tolist()
        [2, 1]
    """
    if not (isinstance(period, (int, float, np.integer, np.floating)) and period > 0):
        raise ResourceError(f"period must be a positive number of time units, got {period!r}")
    if how not in ("peak", "mean"):
        raise ResourceError(f"how must be 'peak' or 'mean', got {how!r}")
    frame = _schedule_frame(schedule, start_col, durations)
    if frame.isna().any().any() or (frame["duration"] < 0).any():
        bad = frame.index[frame.isna().any(axis=1) | (frame["duration"] < 0)][0]
        raise ResourceError(f"activity {plain(bad)!r} has a missing start or a negative duration; fix the schedule")
    dem = _aligned_demands(frame.index, demands)
    starts = frame["start"].to_numpy()
    finishes = starts + frame["duration"].to_numpy()
    end = finishes.max() if len(finishes) else 0
    n_periods = int(np.ceil(end / period - 1e-12)) if end > 0 else 0
    grid = np.arange(n_periods + 1) * period
    profile = {}
    for res in dem.columns:
        times, levels = usage_steps(starts, finishes, dem[res].to_numpy())
        if n_periods == 0 or len(levels) == 0:
            profile[res] = np.zeros(n_periods, dtype=levels.dtype)
            continue
        # cut the step function at every period boundary, then aggregate the pieces per period
        edges = np.union1d(times, grid)
        edges = edges[(edges >= 0) & (edges <= grid[-1])]
        left = edges[:-1]
        pos = np.searchsorted(times, left, side="right") - 1
        level = np.where((pos >= 0) & (pos < len(levels)), levels[np.clip(pos, 0, len(levels) - 1)], 0)
        which = np.minimum((left // period).astype(int), n_periods - 1)
        if how == "peak":
            out = np.zeros(n_periods, dtype=level.dtype)
            np.maximum.at(out, which, level)
        else:
            out = np.zeros(n_periods)
            np.add.at(out, which, level * np.diff(edges))
            out = out / period
        profile[res] = out
    index = pd.Index(grid[:-1], name="period_start")
    return pd.DataFrame(profile, index=index, columns=list(dem.columns))


def _check_capacities(capacities: Mapping, resources) -> dict:
    if not isinstance(capacities, Mapping):
        raise ResourceError("capacities must be a mapping like {'R1': 12, 'crane': 1}")
    for res in resources:
        if res not in capacities:
            raise ResourceError(
                f"no capacity for resource {res!r} (known: {sorted(map(str, capacities))}); "
                "add it to capacities or fix the resource name"
            )
        cap = capacities[res]
        if not isinstance(cap, (int, float, np.integer, np.floating)) or isinstance(cap, bool) or cap < 0:
            raise ResourceError(f"capacity of resource {res!r} is {plain(cap)!r}; capacities must be numbers >= 0")
    return dict(capacities)


def over_allocation(profile: pd.DataFrame, capacities: Mapping) -> pd.DataFrame:
    """Periods in which a resource is used above its capacity.

    Returns a DataFrame with columns ``period_start, resource, usage, capacity, excess``
    (``excess = usage - capacity``), one row per over-allocated period and resource,
    in period order; empty when the profile fits.

    Example::

        >>> profile = pd.DataFrame({"crane": [1, 2, 1]}, index=pd.Index([0, 1, 2], name="period_start"))
        >>> over_allocation(profile, {"crane": 1}).values.tolist()
        [[1, 'crane', 2, 1, 1]]
    """
    caps = _check_capacities(capacities, profile.columns)
    rows = []
    for period_start, usage in profile.iterrows():
        for res in profile.columns:
            if usage[res] > caps[res]:
                rows.append((period_start, res, usage[res], caps[res], usage[res] - caps[res]))
    return pd.DataFrame(rows, columns=["period_start", "resource", "usage", "capacity", "excess"])


def conflicts(bookings: pd.DataFrame, capacities: Mapping) -> pd.DataFrame:
    """Groups of interval bookings that together need more than a resource's capacity.

    Args:
        bookings: DataFrame with columns ``resource, start, finish, units, id``; a booking
            holds ``units`` of ``resource`` on ``[start, finish)`` (times in the caller's unit).
        capacities: units available of each resource at any time.

    Returns:
        DataFrame with columns ``resource, start, finish, overlap, ids, units, capacity,
        excess``: one row per maximal time span during which the same set of bookings
        (``ids``, a tuple in booking order) overlaps beyond capacity; ``overlap`` is the
        span's length, ``units`` the total booked in it. Empty when nothing clashes. A
        single booking above capacity is reported alone.

    Example: two heavy lifts booked on the one 1,600-t crane::

        >>> b = pd.DataFrame({"resource": ["crane", "crane"], "start": [8, 10], "finish": [12, 14],
        ...                   "units": [1, 1], "id": ["dome lift", "steam generator"]})
        >>> conflicts(b, {"crane": 1})[["start", "finish", "overlap", "ids"]].values.tolist()
        [[10, 12, 2, ('dome lift', 'steam generator')]]
    """
    required = ["resource", "start", "finish", "units", "id"]
    missing = [c for c in required if c not in bookings.columns]
    if missing:
        raise ResourceError(f"bookings lack column(s) {missing}; they need {required}")
    for col in ("start", "finish", "units"):
        if not pd.api.types.is_numeric_dtype(bookings[col]) or bookings[col].isna().any():
            raise ResourceError(f"bookings column {col!r} must hold numbers with no blanks")
    backwards = bookings[bookings["finish"] < bookings["start"]]
    if len(backwards):
        raise ResourceError(
            f"booking {plain(backwards['id'].iloc[0])!r} finishes ({backwards['finish'].iloc[0]}) before it starts "
            f"({backwards['start'].iloc[0]}); swap or correct the times"
        )
    if (bookings["units"] < 0).any():
        raise ResourceError(f"booking {plain(bookings.loc[bookings['units'] < 0, 'id'].iloc[0])!r} has negative units")
    caps = _check_capacities(capacities, pd.unique(bookings["resource"]))
    rows = []
    for res in pd.unique(bookings["resource"]):
        group = bookings[bookings["resource"] == res]
        times, levels = usage_steps(group["start"], group["finish"], group["units"])
        current = None
        for k, level in enumerate(levels):
            lo, hi = times[k], times[k + 1]
            if level <= caps[res]:
                current = None
                continue
            active = group[(group["start"] <= lo) & (group["finish"] >= hi) & (group["finish"] > group["start"])]
            ids = tuple(active["id"])
            if current is not None and current[4] == ids and current[2] == lo:
                current[2] = hi
                current[3] = hi - current[1]
            else:
                current = [res, lo, hi, hi - lo, ids, level, caps[res], level - caps[res]]
                rows.append(current)
    return pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["resource", "start", "finish", "overlap", "ids", "units", "capacity", "excess"],
    )


@dataclass(frozen=True)
class StandbyCost:
    """Cost of equipment and crews standing by: ``table`` per item and the ``total``."""

    table: pd.DataFrame
    total: float


def standby_cost(delay_hours, rates) -> StandbyCost:
    """Cost of idle equipment and crews while the work waits.

    ``cost = delay x rate x quantity`` per item, where ``rate`` is per unit of time of
    ``delay_hours`` (hours in the name because standby rates are usually quoted per hour;
    any unit works if delay and rate use the same one).

    Args:
        delay_hours: one number (every item waits that long) or a mapping/Series item -> delay.
        rates: a mapping item -> rate per time unit, or a DataFrame with columns ``item``,
            ``rate`` and optionally ``quantity`` (e.g. 12 riggers at 80 per hour each).

    Example::

        >>> r = pd.DataFrame({"item": ["crawler crane", "rigging crew"], "rate": [9000, 80],
        ...                   "quantity": [1, 12]})
        >>> standby_cost(6, r).total
        59760.0
    """
    if isinstance(rates, Mapping):
        rates = pd.DataFrame({"item": list(rates), "rate": list(rates.values())})
    if not isinstance(rates, pd.DataFrame) or not {"item", "rate"} <= set(rates.columns):
        raise ResourceError("rates must be a mapping item -> rate or a DataFrame with columns 'item', 'rate'")
    table = rates[["item", "rate"]].copy()
    table["quantity"] = rates["quantity"] if "quantity" in rates.columns else 1
    if np.isscalar(delay_hours):
        table["delay"] = delay_hours
    else:
        delays = pd.Series(delay_hours)
        missing = [i for i in table["item"] if i not in delays.index]
        if missing:
            raise ResourceError(f"no delay given for item {plain(missing[0])!r}; add it to delay_hours")
        table["delay"] = delays.loc[table["item"]].to_numpy()
    for col in ("rate", "quantity", "delay"):
        values = pd.to_numeric(table[col], errors="coerce")
        bad = values.isna() | (values < 0)
        if bad.any():
            item = table.loc[bad, "item"].iloc[0]
            raise ResourceError(f"{col} of item {item!r} is {plain(table.loc[bad, col].iloc[0])!r}; use a number >= 0")
        table[col] = values
    table["cost"] = table["delay"] * table["rate"] * table["quantity"]
    table = table[["item", "quantity", "rate", "delay", "cost"]]
    return StandbyCost(table=table.reset_index(drop=True), total=float(table["cost"].sum()))
