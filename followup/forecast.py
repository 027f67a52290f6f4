"""Forecasting a recurring peak from history, and the staff it calls for.

Business follow-up plans a cycle that comes round again (the "618" festival, the
monthly close) from the last cycle: the seasonal naive forecast scaled by growth
(Hyndman and Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., section 5.2), measured by its percentage errors, and turned
into a number of workers with a staffing norm.

>>> import pandas as pd
>>> history = pd.Series([100, 120, 110, 132],
...                     index=pd.to_datetime(["2024-06-17", "2024-06-18", "2025-06-17", "2025-06-18"]))
>>> forecast = seasonal_naive(history, pd.to_datetime(["2025-06-17", "2025-06-18"]), growth=1.1)
>>> forecast.round(1).tolist()
[110.0, 132.0]
>>> round(forecast_errors(history.iloc[2:], forecast).mape, 9)
0.0
>>> staff_needed(1_000, per_hour=10, shift_hours=8, permanent=600)
5
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from followup.bounds import MAX_MAGNITUDE, MAX_PERIODS, aligned, elements, floats, real, real_array, shown
from followup.errors import DataError, ResourceError

__all__ = [
    "ForecastErrors",
    "catch_up_days",
    "forecast_errors",
    "same_period_growth",
    "seasonal_naive",
    "shift_capacity",
    "staff_needed",
]

#: The season of a yearly cycle: the same calendar date one year before.
YEAR = pd.DateOffset(years=1)


def _dated(history: pd.Series, name: str = "history") -> pd.Series:
    if not isinstance(history, pd.Series) or not isinstance(history.index, pd.DatetimeIndex):
        raise DataError(f"{name} must be a pandas Series indexed by dates, got {type(history).__name__}"
                        f"{'' if not isinstance(history, pd.Series) else ' indexed by ' + type(history.index).__name__}"
                        f"; use series.set_axis(pd.to_datetime(dates))")
    if history.index.hasnans:
        raise DataError(f"{name} has a value without a date (NaT); give every value a date or drop it")
    if not history.index.is_unique:
        twice = history.index[history.index.duplicated()][0]
        raise DataError(f"{name} has two values for {twice.date()}; keep one value per date (sum or drop one)")
    values = floats(history)
    bad = ~(np.abs(values) <= MAX_MAGNITUDE)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise DataError(f"{name} on {history.index[k].date()} is {shown(history.iloc[k])}; give a finite number "
                        f"(within {MAX_MAGNITUDE:g}) for every date, or drop the date")
    return pd.Series(values, index=history.index, name=history.name)


def _dates(dates, name: str = "dates") -> pd.DatetimeIndex:
    """Dates to forecast as a DatetimeIndex; refuses text that is not a date, blanks and repeats."""
    if isinstance(dates, (str, bytes)) or not pd.api.types.is_list_like(dates):
        raise DataError(f"{name} must be a list of dates (e.g. pd.to_datetime(['2025-06-18'])), got {shown(dates)}")
    try:
        index = pd.DatetimeIndex(pd.to_datetime(list(dates)))
    except (ValueError, TypeError, OverflowError) as exc:
        raise DataError(f"{name} holds something that is not a date ({str(exc)[:80]}); write dates as "
                        "'2025-06-18'") from None
    if index.hasnans:
        raise DataError(f"{name} has a blank date (NaT); remove it")
    if not index.is_unique:
        raise DataError(f"{name} lists {index[index.duplicated()][0].date()} twice; give each date once")
    return index


def _timestamp(value, name: str) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        stamp = pd.NaT
    if stamp is pd.NaT or isinstance(value, (bool, int, float)):
        raise DataError(f"{name} must be a date such as '2025-06-18', got {shown(value)}")
    return stamp


def _lookup(history: pd.Series, dates: pd.DatetimeIndex, what: str) -> np.ndarray:
    missing = dates.difference(history.index)
    if len(missing):
        raise DataError(f"history has no value for {missing[0].date()} ({what}); extend the history back to "
                        f"{missing.min().date()} or forecast later dates")
    return history.loc[dates].to_numpy(dtype=float)


def seasonal_naive(history: pd.Series, dates, *, season: pd.DateOffset = YEAR, growth: float = 1.0) -> pd.Series:
    """Forecast each of ``dates`` as the value one ``season`` earlier, times ``growth``.

    "Last year x growth": the 18 June forecast is 18 June of the year before
    scaled by how much the business has grown (see :func:`same_period_growth`).

    >>> history = pd.Series([200.0, 50.0], index=pd.to_datetime(["2024-06-18", "2024-06-19"]))
    >>> seasonal_naive(history, pd.to_datetime(["2025-06-18"]), growth=1.5).tolist()
    [300.0]
    >>> seasonal_naive(history, pd.to_datetime(["2025-06-20"]))
    Traceback (most recent call last):
    ...
    followup.errors.DataError: history has no value for 2024-06-20 (one season before 2025-06-20); ...
    """
    history = _dated(history)
    growth = real(growth, "growth", low=0, low_open=True, high=1_000, error=DataError, hint=" (1.1 for +10 %)")
    dates = _dates(dates)
    before = dates - season
    for date, earlier in zip(dates, before):
        if earlier not in history.index:
            raise DataError(f"history has no value for {earlier.date()} (one season before {date.date()}); "
                            f"extend the history back to {before.min().date()} or forecast later dates")
    return pd.Series(history.loc[before].to_numpy(dtype=float) * growth, index=dates, name="forecast")


def same_period_growth(history: pd.Series, start, end, *, season: pd.DateOffset = YEAR) -> float:
    """Total of ``history`` from ``start`` to ``end`` over the same span one ``season`` earlier.

    The growth a planner knows on ``end``: January-May this year over
    January-May last year, or a whole year over the year before.

    >>> history = pd.Series([10.0, 12.0], index=pd.to_datetime(["2024-01-01", "2025-01-01"]))
    >>> same_period_growth(history, "2025-01-01", "2025-01-01")
    1.2
    """
    history = _dated(history)
    start, end = _timestamp(start, "start"), _timestamp(end, "end")
    if end < start:
        raise DataError(f"the period ends ({end.date()}) before it starts ({start.date()}); swap start and end")
    if (end - start).days > MAX_PERIODS:
        raise DataError(f"the period from {start.date()} to {end.date()} is longer than {MAX_PERIODS:,} days; "
                        "give a shorter one")
    now = pd.date_range(start, end, freq="D")
    before = pd.date_range(start - season, end - season, freq="D")
    total_now = _lookup(history, now, f"from {start.date()} to {end.date()}").sum()
    total_before = _lookup(history, before, f"one season before {start.date()} to {end.date()}").sum()
    if total_before <= 0:
        raise DataError(f"history sums to {total_before:g} from {before[0].date()} to {before[-1].date()}; "
                        f"growth needs a positive total in the earlier period")
    return float(total_now / total_before)


@dataclass(frozen=True)
class ForecastErrors:
    """How far a forecast was from what happened, in per cent of the actual.

    ``percentage_errors`` are signed as (forecast - actual) / actual x 100, so a
    negative error is a shortfall: the forecast was too low (Hyndman and
    Athanasopoulos sign the error the other way round, actual - forecast).
    ``mape`` is the mean of their absolute values; ``peak_error`` compares the
    forecast's highest value with the actual highest value, the figure a
    staffing plan rests on.
    """

    percentage_errors: pd.Series
    mape: float
    peak_error: float


def forecast_errors(actual, forecast) -> ForecastErrors:
    """Percentage errors, MAPE and peak error of ``forecast`` against ``actual`` (same length, in order).

    >>> errors = forecast_errors([100, 200], [110, 180])
    >>> errors.percentage_errors.tolist(), errors.mape, errors.peak_error
    ([10.0, -10.0], 10.0, -10.0)
    >>> forecast_errors([100, 0], [110, 5])
    Traceback (most recent call last):
    ...
    followup.errors.DataError: actual value at position 1 is 0; a percentage error needs actual values above 0 ...
    """
    given, _ = aligned({"actual": actual, "forecast": forecast}, error=DataError)  # by date, not by position
    actual, forecast = given["actual"], given["forecast"]
    if np.ndim(elements(actual)) != 1 or np.ndim(elements(forecast)) != 1:
        raise DataError(f"actual and forecast must be 1-D sequences, got shapes {np.shape(actual)} and "
                        f"{np.shape(forecast)}")
    actual_values = real_array(actual, "actual", error=DataError)
    forecast_values = real_array(forecast, "forecast", error=DataError)
    if actual_values.shape != forecast_values.shape or actual_values.ndim != 1 or not len(actual_values):
        raise DataError(f"actual has {actual_values.shape} values and forecast {forecast_values.shape}; "
                        f"give two non-empty 1-D sequences of the same length, day for day")
    for name, values in (("actual", actual_values), ("forecast", forecast_values)):
        bad = np.flatnonzero(~(np.abs(values) <= MAX_MAGNITUDE))
        if len(bad):
            raise DataError(f"{name} value at position {bad[0]} is {values[bad[0]]}; fill or drop that day "
                            f"(values are finite, within {MAX_MAGNITUDE:g})")
    not_positive = np.flatnonzero(actual_values <= 0)
    if len(not_positive):
        i = not_positive[0]
        raise DataError(f"actual value at position {i} is {actual_values[i]:g}; a percentage error needs actual "
                        f"values above 0 (drop that day or use an absolute error)")
    index = actual.index if isinstance(actual, pd.Series) else None
    with np.errstate(over="ignore"):
        ratios = 100 * (forecast_values - actual_values) / actual_values
    if not np.isfinite(ratios).all():
        i = int(np.flatnonzero(~np.isfinite(ratios))[0])
        raise DataError(f"actual value at position {i} is {actual_values[i]:g}, so small that its percentage "
                        "error overflows; drop that day or use an absolute error")
    errors = pd.Series(ratios, index=index, name="percentage_error")
    return ForecastErrors(
        percentage_errors=errors,
        mape=float(errors.abs().mean()),
        peak_error=float(100 * (forecast_values.max() - actual_values.max()) / actual_values.max()),
    )


def _positive(**values: float) -> None:
    for name, value in values.items():
        real(value, name, low=0, low_open=True, error=ResourceError, hint=" (check the staffing norm)")


def _amount(value, name: str) -> float:
    return real(value, name, low=0, error=ResourceError)


def _whole_count(quotient: float, what: str) -> int:
    """ceil(quotient) as an int, refused when the inputs make it astronomically large."""
    if not quotient <= MAX_MAGNITUDE:  # also catches inf and NaN from a tiny divisor
        raise ResourceError(f"that needs {quotient:g} {what}, beyond {MAX_MAGNITUDE:g}; check the units of the "
                            "inputs (orders per hour, not per second?)")
    return max(0, math.ceil(quotient))


def shift_capacity(headcount: float, per_hour: float, hours: float, *, absence_rate: float = 0.0) -> float:
    """Orders (or any work units) ``headcount`` people handle in ``hours``, net of absence.

    >>> shift_capacity(100, per_hour=10, hours=8, absence_rate=0.1)
    7200.0
    """
    _positive(per_hour=per_hour, hours=hours)
    headcount = _amount(headcount, "headcount")
    absence_rate = real(absence_rate, "absence_rate", low=0, high=1, error=ResourceError,
                        hint=" (a share below 1: write 6 % as 0.06)")
    if not absence_rate < 1:
        raise ResourceError(f"absence_rate must be a share from 0 to below 1, got {absence_rate!r} "
                            f"(write 6 % as 0.06)")
    return float(headcount * (1 - absence_rate) * per_hour * hours)


def staff_needed(orders: float, per_hour: float, shift_hours: float, permanent: float = 0.0) -> int:
    """Workers to add so that ``orders`` are handled in one shift, beyond the ``permanent`` capacity.

    Each added worker handles ``per_hour`` x ``shift_hours`` orders; the count is
    rounded up (a fraction of a worker does not cover the peak) and is 0 when the
    permanent staff suffice.

    >>> staff_needed(1_000, per_hour=10, shift_hours=8, permanent=600)
    5
    >>> staff_needed(500, per_hour=10, shift_hours=8, permanent=600)
    0
    """
    _positive(per_hour=per_hour, shift_hours=shift_hours)
    orders, permanent = _amount(orders, "orders"), _amount(permanent, "permanent")
    with np.errstate(over="ignore", divide="ignore"):
        quotient = (orders - permanent) / (per_hour * shift_hours) if per_hour * shift_hours > 0 else math.inf
    return _whole_count(quotient, "workers")


def catch_up_days(backlog: float, daily_demand: float, daily_capacity: float) -> int:
    """Days to work off ``backlog`` when each day brings ``daily_demand`` and the staff handle ``daily_capacity``.

    Only the spare capacity (capacity - demand) eats into the backlog, so the
    time to catch up grows with the time lost.

    >>> catch_up_days(backlog=1_000, daily_demand=1_000, daily_capacity=1_250)
    4
    """
    backlog, daily_demand = _amount(backlog, "backlog"), _amount(daily_demand, "daily_demand")
    daily_capacity = _amount(daily_capacity, "daily_capacity")
    spare = daily_capacity - daily_demand
    if spare <= 0:
        raise ResourceError(f"daily capacity {daily_capacity:,.0f} does not exceed the daily demand "
                            f"{daily_demand:,.0f}, so the backlog never shrinks; add overtime, staff or a backup "
                            f"supplier")
    return _whole_count(backlog / spare, "days")
