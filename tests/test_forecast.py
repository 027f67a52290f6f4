"""followup.forecast: hand-worked cases, the errors it raises, and properties of the measures."""

import doctest

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import followup.forecast
from followup.errors import DataError, ResourceError
from followup.forecast import (
    catch_up_days,
    forecast_errors,
    same_period_growth,
    seasonal_naive,
    shift_capacity,
    staff_needed,
)

# Two Junes of three days each, and the two Januaries before them (orders per day).
HISTORY = pd.Series(
    [10, 10, 20, 100, 200, 150, 12, 12, 24, 110, 260, 150],
    index=pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-06-17", "2024-06-18", "2024-06-19",
                          "2025-01-01", "2025-01-02", "2025-01-03", "2025-06-17", "2025-06-18", "2025-06-19"]),
)
JUNE_2025 = pd.to_datetime(["2025-06-17", "2025-06-18", "2025-06-19"])


def test_docstring_examples_run():
    assert doctest.testmod(followup.forecast, optionflags=doctest.ELLIPSIS).failed == 0


def test_last_year_times_growth_by_hand():
    # January 2025 totals 48 against 40 in January 2024: growth 1.2.
    growth = same_period_growth(HISTORY, "2025-01-01", "2025-01-03")
    assert growth == pytest.approx(1.2)
    forecast = seasonal_naive(HISTORY, JUNE_2025, growth=growth)
    assert forecast.tolist() == pytest.approx([120, 240, 180])
    assert forecast.index.equals(JUNE_2025)


def test_errors_by_hand():
    forecast = pd.Series([120.0, 240.0, 180.0], index=JUNE_2025)
    errors = forecast_errors(HISTORY.loc[JUNE_2025], forecast)
    # (120-110)/110, (240-260)/260, (180-150)/150
    expected = [100 * 10 / 110, -100 * 20 / 260, 100 * 30 / 150]
    assert errors.percentage_errors.tolist() == pytest.approx(expected)
    assert errors.percentage_errors.index.equals(JUNE_2025)
    assert errors.mape == pytest.approx(np.mean(np.abs(expected)))
    assert errors.peak_error == pytest.approx(100 * (240 - 260) / 260)  # a shortfall is negative


def test_staffing_by_hand():
    # 100 people, 6 % absent, 10 orders an hour, 8 + 2 hours: 9,400 orders.
    permanent = shift_capacity(100, per_hour=10, hours=10, absence_rate=0.06)
    assert permanent == pytest.approx(9_400)
    # 10,000 orders: 600 left over, 6 per hour x 8 h = 48 per temp -> 12.5 -> 13 temps.
    assert staff_needed(10_000, per_hour=6, shift_hours=8, permanent=permanent) == 13
    assert staff_needed(9_000, per_hour=6, shift_hours=8, permanent=permanent) == 0
    # 1,000 lost orders, 200 spare a day: 5 days.
    assert catch_up_days(1_000, daily_demand=800, daily_capacity=1_000) == 5


@pytest.mark.parametrize(("call", "match"), [
    (lambda: seasonal_naive(HISTORY.to_numpy(), JUNE_2025), "Series indexed by dates"),
    (lambda: seasonal_naive(HISTORY, ["2025-06-20"]), "no value for 2024-06-20"),
    (lambda: seasonal_naive(HISTORY, JUNE_2025, growth=0), "growth must be a positive number"),
    (lambda: same_period_growth(HISTORY, "2025-01-03", "2025-01-01"), "ends .2025-01-01. before it starts"),
    (lambda: same_period_growth(HISTORY, "2025-01-01", "2025-01-04"), "no value for 2025-01-04"),
    (lambda: forecast_errors([1, 2], [1, 2, 3]), "same length"),
    (lambda: forecast_errors([100, 0], [1, 2]), "position 1 is 0"),
    (lambda: forecast_errors([100, 1], [1, np.nan]), "forecast value at position 1 is nan"),
])
def test_bad_history_names_the_value(call, match):
    with pytest.raises(DataError, match=match):
        call()


@pytest.mark.parametrize(("call", "match"), [
    (lambda: shift_capacity(100, per_hour=10, hours=8, absence_rate=6), "write 6 % as 0.06"),
    (lambda: staff_needed(1_000, per_hour=0, shift_hours=8), "per_hour must be a positive number .*, got 0"),
    (lambda: catch_up_days(1_000, daily_demand=900, daily_capacity=900), "never shrinks"),
])
def test_bad_norm_names_the_value(call, match):
    with pytest.raises(ResourceError, match=match):
        call()


positive = st.floats(min_value=1, max_value=1e6, allow_nan=False)


@given(st.lists(positive, min_size=1, max_size=30), st.floats(min_value=0.5, max_value=2))
def test_a_forecast_scaled_by_k_has_percentage_errors_k_minus_one(actual, k):
    errors = forecast_errors(actual, [k * a for a in actual])
    assert errors.percentage_errors.to_numpy() == pytest.approx(100 * (k - 1), abs=1e-7)
    assert errors.mape == pytest.approx(100 * abs(k - 1), abs=1e-7)
    assert errors.peak_error == pytest.approx(100 * (k - 1), abs=1e-7)


@given(st.lists(positive, min_size=1, max_size=30), st.lists(positive, min_size=30, max_size=30))
def test_mape_is_the_mean_absolute_percentage_error_and_bounds_every_sign(actual, noise):
    forecast = noise[: len(actual)]
    errors = forecast_errors(actual, forecast)
    assert errors.mape >= 0
    assert errors.mape == pytest.approx(errors.percentage_errors.abs().mean())
    assert errors.percentage_errors.min() >= -100  # a forecast of 0 or more is at most 100 % short


@given(positive, st.floats(min_value=0.5, max_value=50), st.floats(min_value=1, max_value=12),
       st.floats(min_value=0, max_value=1e6))
def test_staff_needed_is_the_least_count_that_covers_the_orders(orders, per_hour, hours, permanent):
    n = staff_needed(orders, per_hour=per_hour, shift_hours=hours, permanent=permanent)
    assert permanent + n * per_hour * hours >= orders * (1 - 1e-12)
    if n > 0:
        assert permanent + (n - 1) * per_hour * hours < orders
