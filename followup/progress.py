"""Burn-down and burn-up series of a schedule: planned work remaining and completed over time.

Each activity's work (by default its duration, i.e. work-days) is spread evenly
from its start to its finish, on the early or the late dates; a milestone's work
(usually 0) counts as done the moment it is reached. Summing over activities gives
the planned completed work at any time (burn-up); total minus that is the planned
remaining work (burn-down). Early dates give the fastest the plan allows, late
dates the slowest that still meets the finish: a real project's curve between the
two is on time.

Example
-------
>>> import pandas as pd
>>> from followup.schedule import critical_path_method
>>> acts = pd.DataFrame({"id": ["A", "B"], "duration": [2, 4]})
>>> links = pd.DataFrame({"predecessor": ["A"], "successor": ["B"]})
>>> burndown(critical_path_method(acts, links)).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
{'period': [0, 1, 2, 3, 4, 5, 6],
 'planned_completed': [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
 'planned_remaining': [6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]}
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from followup.bounds import MAX_MAGNITUDE, MAX_PERIODS, floats, shown
from followup.errors import ScheduleError
from followup.schedule import Schedule, _show

__all__ = ["burndown"]


def _ramp_sum(starts: np.ndarray, rates: np.ndarray, times: np.ndarray) -> np.ndarray:
    """sum_i rates_i * max(0, t - starts_i) at each t, in O((n + m) log n) via prefix sums."""
    order = np.argsort(starts, kind="stable")
    s, r = starts[order], rates[order]
    cum_rate = np.concatenate([[0.0], np.cumsum(r)])
    cum_rate_start = np.concatenate([[0.0], np.cumsum(r * s)])
    reached = np.searchsorted(s, times, side="right")
    return times * cum_rate[reached] - cum_rate_start[reached]


def _step_sum(at: np.ndarray, amounts: np.ndarray, times: np.ndarray) -> np.ndarray:
    """sum_i amounts_i * [t >= at_i] at each t."""
    order = np.argsort(at, kind="stable")
    cum = np.concatenate([[0.0], np.cumsum(amounts[order])])
    return cum[np.searchsorted(at[order], times, side="right")]


def _periods(periods, first: float, last: float) -> np.ndarray:
    if periods is None:
        periods = 1
    if isinstance(periods, (int, float, np.number)) and not isinstance(periods, (bool, np.bool_)):
        step = float(periods)
        if not step > 0 or not np.isfinite(step):
            raise ScheduleError(f"periods as a number is the period length and must be > 0, got {shown(periods)}")
        start = math.floor(first / step) * step
        count = round((last - start) / step, 9)
        if count > MAX_PERIODS:
            raise ScheduleError(f"periods={shown(periods)} makes {count:,.0f} periods, more than {MAX_PERIODS:,}; "
                                "give a longer period length")
        return start + step * np.arange(max(math.ceil(count) + 1, 1))
    if isinstance(periods, (str, bytes)) or not np.iterable(periods):
        raise ScheduleError(f"periods must be a period length or a list of time points, got {shown(periods)}")
    values = floats(list(periods))
    if len(values) == 0 or not np.all(np.abs(values) <= MAX_MAGNITUDE) or np.any(np.diff(values) <= 0):
        raise ScheduleError(
            f"periods must be increasing finite time points (or a period length), got {shown(list(periods))}"
        )
    return values


def burndown(
    schedule: Schedule,
    *,
    by: str = "early",
    work: str = "duration",
    periods=None,
    actual: pd.Series | None = None,
) -> pd.DataFrame:
    """Planned remaining and completed work at each period end.

    Parameters
    ----------
    schedule : Schedule
        From :func:`followup.schedule.critical_path_method`.
    by : {"early", "late"}
        Plan on early dates (as soon as possible) or late dates (as late as allowed).
    work : str
        Column of ``schedule.table`` holding each activity's work (hours, cost,
        story points...); the default ``"duration"`` counts activity-days.
    periods : None, number or sequence
        ``None``: every whole time unit; a number: the period length (7 for weeks
        when the schedule is in days); a sequence: the time points themselves.
        Generated periods run from the first start to the last finish.
    actual : Series, optional
        Actual remaining work, indexed by time point. Adds ``actual_remaining``,
        ``actual_completed`` and ``variance`` (actual minus planned remaining:
        positive = behind plan), and the actual time points to the rows.

    Returns
    -------
    DataFrame
        ``period``, ``planned_completed``, ``planned_remaining`` (+ the actual columns).

    Examples
    --------
    >>> import pandas as pd
    >>> from followup.schedule import critical_path_method
    >>> acts = pd.DataFrame({"id": ["A", "B"], "duration": [2, 2], "hours": [16, 40]})
    >>> s = critical_path_method(acts)
    >>> burndown(s, work="hours", periods=[0, 1, 2],
    ...          actual=pd.Series({1: 50.0})).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'period': [0, 1, 2], 'planned_completed': [0.0, 28.0, 56.0],
     'planned_remaining': [56.0, 28.0, 0.0], 'actual_remaining': [nan, 50.0, nan],
     'actual_completed': [nan, 6.0, nan], 'variance': [nan, 22.0, nan]}
    """
    if not isinstance(schedule, Schedule):
        raise ScheduleError(
            f"burndown needs the Schedule returned by critical_path_method, got {type(schedule).__name__}"
        )
    if by not in ("early", "late"):
        raise ScheduleError(f"by must be 'early' or 'late', got {by!r}")
    table = schedule.table
    if work not in table.columns:
        raise ScheduleError(
            f"the schedule table has no work column '{work}' (columns: {list(table.columns)}); "
            f"carry it in the activities DataFrame or pass work=..."
        )
    amounts = floats(table[work])
    for position in np.flatnonzero(~(amounts >= 0) | (amounts > MAX_MAGNITUDE)):
        raise ScheduleError(
            f"activity '{table.index[position]}' has work {_show(table[work].iloc[position])} in '{work}': "
            f"give a number >= 0"
        )
    starts = table[f"{by}_start"].to_numpy(float)
    finishes = table[f"{by}_finish"].to_numpy(float)
    times = _periods(periods, float(min(0.0, starts.min())), float(finishes.max()))
    if actual is not None:
        actual = _actual_remaining(actual)
        times = np.union1d(times, actual.index.to_numpy(float))

    lasting = finishes > starts
    rates = np.where(lasting, amounts / np.where(lasting, finishes - starts, 1.0), 0.0)
    completed = (
        _ramp_sum(starts[lasting], rates[lasting], times)
        - _ramp_sum(finishes[lasting], rates[lasting], times)
        + _step_sum(starts[~lasting], amounts[~lasting], times)
    )
    total = float(amounts.sum())
    completed = np.clip(completed, 0.0, total)  # rounding of the prefix sums must not overshoot
    result = pd.DataFrame(
        {"period": times, "planned_completed": completed, "planned_remaining": total - completed}
    )
    if actual is not None:
        result["actual_remaining"] = actual.reindex(times).to_numpy()
        result["actual_completed"] = total - result["actual_remaining"]
        result["variance"] = result["actual_remaining"] - result["planned_remaining"]
    if np.all(times == np.round(times)):
        result["period"] = result["period"].astype(np.int64)
    return result


def _actual_remaining(actual) -> pd.Series:
    """Validate the actual series: numeric time points, remaining work >= 0."""
    if not isinstance(actual, pd.Series):
        raise ScheduleError(
            f"actual must be a pandas Series of remaining work indexed by time, got {type(actual).__name__}"
        )
    index = floats(pd.Series(actual.index))
    values = floats(actual)
    for position in np.flatnonzero(~(np.abs(index) <= MAX_MAGNITUDE)):
        raise ScheduleError(
            f"actual has time point {_show(actual.index[position])}: index it by numbers (time from the start)"
        )
    for position in np.flatnonzero(~(values >= 0) | (values > MAX_MAGNITUDE)):
        raise ScheduleError(
            f"actual remaining work at time {actual.index[position]} is {_show(actual.iloc[position])}: "
            f"give a number >= 0"
        )
    if len(set(index)) < len(index):
        raise ScheduleError("actual has the same time point twice: give one remaining-work value per time")
    return pd.Series(values, index=index)
