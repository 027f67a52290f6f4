"""The "618" order-peak case (S2.1): schema, what history predicts, bad values.

S2.1 states no number; it claims a business can forecast its peak from history. The figures below are the
ones DATASHEET.md quotes, computed here from the data. No followup module computes forecast errors, so MAPE
is plain pandas/numpy.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import math

import numpy as np
import pytest
from _dataset_checks import broken_copy, expect_bad_cell, expect_data_error, row_label

from followup.datasets import order_peak_618
from followup.errors import DataError

CASE = order_peak_618.load()
ORDERS = CASE.daily_orders.assign(year=CASE.daily_orders["date"].dt.year)


def growth_jan_may(year: int) -> float:
    """Orders of January-May of ``year`` over the same months a year before: known before the June peak."""
    spring = ORDERS[ORDERS["date"].dt.month <= 5].groupby("year")["orders"].sum()
    return spring[year] / spring[year - 1]


def mape_last_year_times_growth(year: int) -> float:
    """MAPE (%) of forecasting each day of ``year``'s 618 window as the same date a year before x growth."""
    actual = CASE.window(year)["orders"].to_numpy()
    forecast = CASE.window(year - 1)["orders"].to_numpy() * growth_jan_may(year)
    return float(np.mean(np.abs(forecast - actual) / actual) * 100)


def test_schema_and_span():
    assert ORDERS["date"].min().date().isoformat() == "2021-01-01"
    assert ORDERS["date"].max().date().isoformat() == "2025-12-31"
    assert len(ORDERS) == 1826 and ORDERS["orders"].dtype == "int64"
    assert set(CASE.events["event"]) == {"spring_festival", "618", "double_11"}
    assert CASE.staffing_norms["year"].tolist() == list(range(2021, 2027))  # 2026 is the year to plan


def test_the_peaks_fall_on_18_june_and_11_november():
    for year in range(2021, 2026):
        june = CASE.window(year)
        assert june.loc[june["orders"].idxmax(), "date"].strftime("%m-%d") == "06-18"
        assert june.iloc[0]["date"].strftime("%m-%d") == "06-01"  # the build-up starts on 1 June
        whole_year = ORDERS[ORDERS["year"] == year]
        assert whole_year.loc[whole_year["orders"].idxmax(), "date"].strftime("%m-%d") == "11-11"
        slump = CASE.window(year, "spring_festival")
        assert slump["orders"].min() < 0.6 * whole_year["orders"].median()


def test_weekly_pattern_and_trend():
    ordinary = ORDERS[ORDERS["event"].isna()]
    by_weekday = ordinary.groupby(ordinary["date"].dt.day_of_week)["orders"].mean()
    assert by_weekday.idxmax() == 0 and by_weekday.idxmin() == 4  # Monday highest, Friday lowest
    yearly = ORDERS.groupby("year")["orders"].mean()
    assert yearly.is_monotonic_increasing
    assert 0.06 < (yearly[2025] / yearly[2021]) ** (1 / 4) - 1 < 0.12  # about 9 % a year


def test_last_year_times_growth_predicts_the_618_window_within_about_ten_percent():
    mape = {year: round(mape_last_year_times_growth(year), 1) for year in range(2022, 2026)}
    assert mape == {2022: 7.4, 2023: 9.9, 2024: 10.3, 2025: 6.5}  # the values DATASHEET.md quotes


def test_peak_day_forecast_error_is_the_risk():
    errors = {}
    for year in range(2022, 2026):
        actual = CASE.window(year)["orders"].max()
        forecast = CASE.window(year - 1)["orders"].max() * growth_jan_may(year)
        errors[year] = round((forecast - actual) / actual * 100, 1)
    assert errors == {2022: 0.3, 2023: -16.5, 2024: 14.5, 2025: 3.0}


def test_temporary_staff_for_the_2026_peak():
    yearly = ORDERS.groupby("year")["orders"].sum()
    peak_2026 = CASE.window(2025)["orders"].max() * yearly[2025] / yearly[2024]
    norms = CASE.staffing_norms.set_index("year").loc[2026]
    rate = norms["orders_per_labour_hour"]
    permanent_capacity = (norms["permanent_headcount"] * (1 - norms["absence_rate"]) * rate
                          * (norms["shift_hours"] + norms["overtime_hours_max"]))
    temps = math.ceil((peak_2026 - permanent_capacity) / (rate * norms["temp_productivity"] * norms["shift_hours"]))
    assert round(peak_2026) == 335_222 and permanent_capacity == 177_840 and temps == 1_499


@pytest.mark.parametrize(("row", "column", "value", "reason"), [
    (169, "orders", "12,5k", "'12,5k'"),
    (3, "weekday", "Mon", "is a Sun"),  # the loader checks the weekday against the date
])
def test_bad_value_names_file_column_and_row(tmp_path, row, column, value, reason):
    expect_bad_cell("order_peak_618", tmp_path, "daily_orders.csv", row, column, value, reason)


def test_missing_day_is_named(tmp_path):
    def drop_row_10(text):
        lines = text.split("\n")
        return "\n".join(lines[:10] + lines[11:])

    folder = broken_copy("order_peak_618", tmp_path, "daily_orders.csv", drop_row_10)
    expect_data_error(order_peak_618.load, folder, "daily_orders.csv", "column 'date'", row_label(10),
                      "does not follow")


@pytest.mark.parametrize("year, event", [(2030, "618"), (2024, "black_friday")])
def test_window_outside_the_data_is_refused(year, event):
    with pytest.raises(DataError, match="events.csv has no"):
        CASE.window(year, event)
