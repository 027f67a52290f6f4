"""The "618" order-peak case (S2.1): schema, what history predicts, bad values.

S2.1 states no number; it claims a business can forecast its peak from history. The figures below are the
ones DATASHEET.md quotes, computed here from the data with followup.forecast (the chapter's helpers).

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import pytest
from _dataset_checks import broken_copy, expect_bad_cell, expect_data_error, row_label

from followup.datasets import order_peak_618
from followup.errors import DataError
from followup.forecast import forecast_errors, same_period_growth, seasonal_naive, shift_capacity, staff_needed

CASE = order_peak_618.load()
ORDERS = CASE.daily_orders.assign(year=CASE.daily_orders["date"].dt.year)


HISTORY = CASE.daily_orders.set_index("date")["orders"]


def window_errors(year: int):
    """Errors of forecasting ``year``'s 618 window as the same dates a year before x January-May growth."""
    window = CASE.window(year)
    growth = same_period_growth(HISTORY, f"{year}-01-01", f"{year}-05-31")  # known before the June peak
    return forecast_errors(window["orders"], seasonal_naive(HISTORY, window["date"], growth=growth))


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
    mape = {year: round(window_errors(year).mape, 1) for year in range(2022, 2026)}
    assert mape == {2022: 7.4, 2023: 9.9, 2024: 10.3, 2025: 6.5}  # the values DATASHEET.md quotes


def test_peak_day_forecast_error_is_the_risk():
    errors = {year: round(window_errors(year).peak_error, 1) for year in range(2022, 2026)}
    assert errors == {2022: 0.3, 2023: -16.5, 2024: 14.5, 2025: 3.0}


def test_temporary_staff_for_the_2026_peak():
    peak_2026 = CASE.window(2025)["orders"].max() * same_period_growth(HISTORY, "2025-01-01", "2025-12-31")
    norms = CASE.staffing_norms.set_index("year").loc[2026]
    rate = norms["orders_per_labour_hour"]
    permanent_capacity = shift_capacity(norms["permanent_headcount"], per_hour=rate,
                                        hours=norms["shift_hours"] + norms["overtime_hours_max"],
                                        absence_rate=norms["absence_rate"])
    temps = staff_needed(peak_2026, per_hour=rate * norms["temp_productivity"], shift_hours=norms["shift_hours"],
                         permanent=permanent_capacity)
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
