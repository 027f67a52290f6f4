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

import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from followup.bounds import MAX_MAGNITUDE, MAX_PERIODS, floats, real, shown
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


def _aligned_demands(ids: pd.Index, demands: pd.DataFrame, *, for_levelling: bool = False) -> pd.DataFrame:
    """Demands re-indexed on the schedule's ids (absent ids demand nothing).

    ``for_levelling`` words the messages as the levelling calculator's JavaScript twin does
    (calculators/levelling.mjs; tests/test_parity.py compares them).
    """
    if not isinstance(demands, pd.DataFrame):
        raise ResourceError("demands must be a DataFrame indexed by activity id with one column per resource")
    for axis, what in ((demands.index, "activity"), (demands.columns, "resource")):
        if not axis.is_unique:
            raise ResourceError(f"demands list {what} {shown(axis[axis.duplicated()][0])} twice; "
                                f"give one {'row' if what == 'activity' else 'column'} per {what}")
    unknown = [i for i in demands.index if i not in ids]
    if unknown:
        raise ResourceError(
            f"demands list activity {plain(unknown[0])!r}, which is not in activities; remove or add it"
            if for_levelling else
            f"demands list activity {plain(unknown[0])!r}, which is not in the schedule; remove it or add the activity"
        )
    # integer columns stay integer (profiles of whole units print 3, not 3.0)
    numeric = pd.DataFrame({c: demands[c] if demands[c].dtype.kind in "iuf" else floats(demands[c])
                            for c in demands.columns}, index=demands.index, columns=demands.columns)
    bad = (numeric.isna() & demands.notna()) | ~(numeric.fillna(0).abs() <= MAX_MAGNITUDE) | (numeric < 0)
    if bad.any().any():
        col = bad.any().idxmax()
        row = bad[col].idxmax()
        value = demands.loc[row, col]
        big = numeric.loc[row, col] > MAX_MAGNITUDE
        raise ResourceError(
            f"demand of activity {plain(row)!r} for {'' if for_levelling else 'resource '}{plain(col)!r} is "
            f"{shown(value)}; "
            + (f"demands are at most {MAX_MAGNITUDE:g}" if big else
               "use a number >= 0" if for_levelling else "demands must be non-negative numbers")
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
    period = real(period, "period", low=0, low_open=True, error=ResourceError,
                  hint=" (the period length in time units: 1 = one day if the schedule is in days)")
    if how not in ("peak", "mean"):
        raise ResourceError(f"how must be 'peak' or 'mean', got {how!r}")
    frame = _schedule_frame(schedule, start_col, durations)
    if not frame.index.is_unique:
        raise ResourceError(f"activity {shown(frame.index[frame.index.duplicated()][0])} is listed twice in the "
                            "schedule; give one row per activity")
    starts, lengths = floats(frame["start"]), floats(frame["duration"])
    bad = ~(np.abs(starts) <= MAX_MAGNITUDE) | ~(lengths <= MAX_MAGNITUDE) | (lengths < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        problem = "a negative duration" if lengths[k] < 0 else "a missing or non-numeric start or duration"
        raise ResourceError(f"activity {plain(frame.index[k])!r} has {problem} (start {shown(frame['start'].iloc[k])}"
                            f", duration {shown(frame['duration'].iloc[k])}); give finite numbers, duration >= 0, "
                            f"both within {MAX_MAGNITUDE:g}")
    dem = _aligned_demands(frame.index, demands)
    whole = np.all(starts == np.round(starts)) and np.all(lengths == np.round(lengths))
    if whole:  # keep integer schedules integer, so the profile prints 3, not 3.0
        starts, lengths = starts.astype(np.int64), lengths.astype(np.int64)
    finishes = starts + lengths
    # periods run from the one holding the earliest start (work before time 0 is kept) to the last finish
    first = min(0.0, math.floor(starts.min() / period) * period) if len(starts) else 0.0
    end = finishes.max() if len(finishes) else 0
    span = (end - first) / period
    if span > MAX_PERIODS:
        raise ResourceError(f"the profile would have {span:,.0f} periods of {period:g}; at most {MAX_PERIODS:,}: "
                            "pass a longer period= (e.g. 7 for weeks when the schedule is in days)")
    n_periods = int(np.ceil(span - 1e-12)) if end > first else 0
    grid = first + np.arange(n_periods + 1) * period
    if float(first).is_integer() and float(period).is_integer():
        grid = grid.astype(np.int64)
    profile = {}
    for res in dem.columns:
        times, levels = usage_steps(starts, finishes, dem[res].to_numpy())
        if n_periods == 0 or len(levels) == 0:
            profile[res] = np.zeros(n_periods, dtype=levels.dtype)
            continue
        # cut the step function at every period boundary, then aggregate the pieces per period
        edges = np.union1d(times, grid)
        edges = edges[(edges >= grid[0]) & (edges <= grid[-1])]
        left = edges[:-1]
        pos = np.searchsorted(times, left, side="right") - 1
        level = np.where((pos >= 0) & (pos < len(levels)), levels[np.clip(pos, 0, len(levels) - 1)], 0)
        which = np.clip(((left - grid[0]) // period).astype(int), 0, n_periods - 1)
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


def _check_capacities(capacities: Mapping, resources, *, for_levelling: bool = False) -> dict:
    """Capacities of ``resources``: numbers >= 0; inf is a resource without limit, NaN is refused.

    ``for_levelling`` words the message as the levelling calculator's JavaScript twin does.
    """
    if not isinstance(capacities, Mapping):
        raise ResourceError("capacities must be a mapping like {'R1': 12, 'crane': 1}")
    for res in resources:
        if res not in capacities:
            raise ResourceError(
                f"no capacity for resource {res!r} (known: {sorted(map(str, capacities))}); "
                "add it to capacities or fix the resource name"
            )
        cap = capacities[res]
        if not (isinstance(cap, (int, float, np.integer, np.floating)) and not isinstance(cap, (bool, np.bool_))
                and cap >= 0):  # False for NaN: a blank capacity is not "unlimited"
            raise ResourceError(f"capacity of {'' if for_levelling else 'resource '}{plain(res)!r} is {shown(cap)}; "
                                "capacities must be numbers >= 0")
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
    if not isinstance(profile, pd.DataFrame):
        raise ResourceError(f"profile must be a DataFrame from usage_profile, got {type(profile).__name__}")
    caps = _check_capacities(capacities, profile.columns)
    values = pd.DataFrame({c: floats(profile[c]) for c in profile.columns}, index=profile.index)
    if not np.isfinite(values.to_numpy()).all():
        col = (~np.isfinite(values)).any().idxmax()
        row = (~np.isfinite(values[col])).idxmax()
        raise ResourceError(f"usage of {plain(col)!r} in period {plain(row)!r} is {shown(profile.loc[row, col])}; "
                            "a profile holds finite numbers (use usage_profile)")
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
    if not isinstance(bookings, pd.DataFrame) or not bookings.columns.is_unique:
        raise ResourceError(f"bookings must be a DataFrame with one column each of {required}")
    missing = [c for c in required if c not in bookings.columns]
    if missing:
        raise ResourceError(f"bookings lack column(s) {missing}; they need {required}")
    for col in ("start", "finish", "units"):
        values = bookings[col]
        if (not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
                or pd.api.types.is_complex_dtype(values) or not (values.abs() <= MAX_MAGNITUDE).all()):
            raise ResourceError(f"bookings column {col!r} must hold numbers (finite, within {MAX_MAGNITUDE:g}) "
                                "with no blanks")
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
    if np.isscalar(delay_hours) or delay_hours is None:
        table["delay"] = [delay_hours] * len(table)
    else:
        delays = pd.Series(delay_hours)
        if not delays.index.is_unique:
            raise ResourceError(f"delay_hours lists item {shown(delays.index[delays.index.duplicated()][0])} "
                                "twice; give one delay per item")
        missing = [i for i in table["item"] if i not in delays.index]
        if missing:
            raise ResourceError(f"no delay given for item {plain(missing[0])!r}; add it to delay_hours")
        table["delay"] = delays.loc[table["item"]].to_numpy()
    for col in ("rate", "quantity", "delay"):
        values = pd.Series(floats(table[col]), index=table.index)
        bad = ~((values >= 0) & (values <= MAX_MAGNITUDE))
        if bad.any():
            item = table.loc[bad, "item"].iloc[0]
            raise ResourceError(f"{col} of item {plain(item)!r} is {shown(table.loc[bad, col].iloc[0])}; use a number "
                                f"from 0 to {MAX_MAGNITUDE:g}")
        table[col] = values
    table["cost"] = table["delay"] * table["rate"] * table["quantity"]
    table = table[["item", "quantity", "rate", "delay", "cost"]]
    return StandbyCost(table=table.reset_index(drop=True), total=float(table["cost"].sum()))
