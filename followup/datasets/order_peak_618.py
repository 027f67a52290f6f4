"""Loader of ``data/order_peak_618/``: five years of daily orders of one fulfilment centre (S2.1).

The business case of the time chapter: a cyclical peak that history predicts.
``load()`` returns an :class:`OrderPeakCase`::

    >>> from followup.datasets import order_peak_618
    >>> case = order_peak_618.load()
    >>> window = case.window(2025)
    >>> str(window.loc[window["orders"].idxmax(), "date"].date())
    '2025-06-18'

See ``data/order_peak_618/DATASHEET.md`` for every column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, location, read_csv_checked
from followup.errors import DataError

CASE = "order_peak_618"
EVENTS = ("spring_festival", "618", "double_11")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

DAILY_ORDERS = (
    Column("date", "date", min="2015-01-01", max="2035-12-31", unique=True, description="calendar day"),
    Column("weekday", "str", choices=WEEKDAYS, description="day of the week of `date`"),
    Column("orders", "int", unit="orders/day", min=0, max=5_000_000, description="orders released to the centre"),
    Column("event", "str", choices=EVENTS, nullable=True, description="event window the day is in (empty: none)"),
)
EVENTS_FILE = (
    Column("year", "int", key=True, min=2015, max=2035, description="calendar year"),
    Column("event", "str", key=True, choices=EVENTS, description="event"),
    Column("start_date", "date", description="first day of the event window (pre-sale or slump start)"),
    Column("peak_date", "date", description="peak day (for the Spring Festival: Lunar New Year's Day)"),
    Column("end_date", "date", description="last day of the event window"),
)
STAFFING_NORMS = (
    Column("year", "int", min=2015, max=2035, unique=True, description="planning year"),
    Column("orders_per_labour_hour", "float", unit="orders / labour-hour", min=1, max=100,
           description="pick-pack-ship productivity of a trained permanent"),
    Column("shift_hours", "float", unit="h", min=4, max=12, description="paid hours of one shift"),
    Column("overtime_hours_max", "float", unit="h", min=0, max=4, description="overtime allowed per person-shift"),
    Column("working_days_per_week", "int", unit="days", min=1, max=7,
           description="shifts a permanent works per normal week (leave is frozen in festival weeks)"),
    Column("permanent_headcount", "int", unit="people", min=0, max=100_000, description="permanent operators"),
    Column("absence_rate", "float", unit="share", min=0, max=0.5, description="share of permanents absent on a day"),
    Column("temp_productivity", "float", unit="share", min=0.1, max=1,
           description="a temp's rate / a permanent's rate"),
    Column("training_days_temp", "int", unit="days", min=0, max=30,
           description="paid training before a temp is productive"),
    Column("temp_day_rate_cny", "float", unit="CNY / person-day", min=0, max=5000,
           description="agency charge per temp-day"),
    Column("agency_lead_days", "int", unit="days", min=0, max=120,
           description="from order to the agency to temps on site"),
)
FILES = {"daily_orders.csv": DAILY_ORDERS, "events.csv": EVENTS_FILE, "staffing_norms.csv": STAFFING_NORMS}


@dataclass(frozen=True)
class OrderPeakCase:
    """The order-peak case: one DataFrame per file (see the datasheet)."""

    daily_orders: pd.DataFrame
    events: pd.DataFrame
    staffing_norms: pd.DataFrame

    def window(self, year: int, event: str = "618") -> pd.DataFrame:
        """Daily orders of ``event``'s window in ``year`` (start to end date of ``events.csv``)."""
        row = self.events[(self.events["year"] == year) & (self.events["event"] == event)]
        if row.empty:
            years = sorted(self.events.loc[self.events["event"] == event, "year"])
            raise DataError(f"events.csv has no {event!r} window in {year}; years with one: {years}")
        start, end = row["start_date"].iloc[0], row["end_date"].iloc[0]
        days = self.daily_orders["date"]
        return self.daily_orders[(days >= start) & (days <= end)].reset_index(drop=True)


def load(data_dir: str | Path | None = None) -> OrderPeakCase:
    """Read and check every file of the case (default folder ``data/order_peak_618/``).

    Besides the schema: days must follow one another with none missing, and
    each ``weekday`` must be the day of the week of its ``date``. Raises
    :class:`~followup.errors.DataError` naming file, column and data row.
    """
    folder = case_dir(CASE, data_dir)
    frames = {name: read_csv_checked(folder / name, schema) for name, schema in FILES.items()}
    orders = frames["daily_orders.csv"]
    path = folder / "daily_orders.csv"
    steps = orders["date"].diff().dt.days.iloc[1:]
    if (steps != 1).any():
        position = int(steps.index[(steps != 1).to_numpy()][0])
        raise DataError(
            f"{location(path, 'date', position + 1)}: "
            f"{orders['date'].iloc[position].date()} does not follow {orders['date'].iloc[position - 1].date()} "
            f"by one day (a missing, repeated or unsorted day); restore the day or regenerate the file with "
            f"`python data/order_peak_618/generate.py`"
        )
    expected = orders["date"].dt.day_of_week.map(dict(enumerate(WEEKDAYS)))  # not strftime: locale-free
    wrong = orders.index[(expected != orders["weekday"]).to_numpy()]
    if len(wrong):
        position = int(wrong[0])
        raise DataError(
            f"{location(path, 'weekday', position + 1)}: "
            f"{orders['weekday'].iloc[position]!r} but {orders['date'].iloc[position].date()} is a "
            f"{expected.iloc[position]}; correct it"
        )
    return OrderPeakCase(daily_orders=orders, events=frames["events.csv"], staffing_norms=frames["staffing_norms.csv"])
