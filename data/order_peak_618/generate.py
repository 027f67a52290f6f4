"""Rebuild the "618" order-peak case files (article paragraph S2.1) byte for byte.

    python data/order_peak_618/generate.py            # writes into data/order_peak_618/
    python data/order_peak_618/generate.py --out DIR  # writes into DIR (used by the tests)

Daily orders of one fulfilment centre, 2021-2025, are a product of a trend,
a weekly pattern, a yearly pattern, the Spring Festival slump, the two
shopping festivals ("618" in June, "Double 11" in November) and noise drawn
with ``numpy.random.default_rng(SEED)``. Every parameter is documented in
DATASHEET.md.
"""

from __future__ import annotations

import math
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.datasets.order_peak_618 import WEEKDAYS  # noqa: E402  (fixed names, not the locale's)

SEED = 618
FIRST, LAST = date(2021, 1, 1), date(2025, 12, 31)
BASE_ORDERS = 58000.0  # ordinary weekday orders on 1 January 2021
GROWTH = {2021: 0.16, 2022: 0.09, 2023: 0.11, 2024: 0.08, 2025: 0.07}  # yearly growth of the base
WEEKLY = {0: 1.05, 1: 1.02, 2: 1.00, 3: 0.98, 4: 0.95, 5: 0.97, 6: 1.03}  # Monday = 0
SPRING_FESTIVAL = {2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
                   2024: date(2024, 2, 10), 2025: date(2025, 1, 29)}  # Lunar New Year's Day
PEAK_618 = {2021: 3.7, 2022: 3.3, 2023: 3.6, 2024: 3.4, 2025: 3.5}  # peak-day multiple of the base
PEAK_1111 = {2021: 5.6, 2022: 5.0, 2023: 5.3, 2024: 5.1, 2025: 5.2}
AFTER_PEAK = {1: 1.9, 2: 1.35}  # the day after the peak still clears late orders
NOISE_SD = 0.045  # log-scale day-to-day noise
EVENT_SD = 0.06  # log-scale noise of an event day's multiple, drawn once per event day

# planning year -> (orders per labour-hour, permanent headcount, agency day rate of a temp in CNY)
STAFFING = {2021: (11.5, 780, 280.0), 2022: (12.2, 840, 290.0), 2023: (12.9, 900, 300.0),
            2024: (13.6, 950, 310.0), 2025: (14.4, 990, 320.0), 2026: (15.0, 1040, 330.0)}
SHIFT_HOURS = 10.0
WORKING_DAYS = 6  # per permanent per week in normal weeks (leave is frozen in festival weeks)
OVERTIME_HOURS = 2.0
ABSENCE_RATE = 0.05
TEMP_PRODUCTIVITY = 0.70
TRAINING_DAYS = 2
AGENCY_LEAD_DAYS = 21


def event_calendar() -> pd.DataFrame:
    """Start, peak and end of each year's Spring Festival slump and shopping festivals."""
    rows = []
    for year in range(FIRST.year, LAST.year + 1):
        lny = SPRING_FESTIVAL[year]
        rows.append((year, "spring_festival", lny - timedelta(days=10), lny, lny + timedelta(days=8)))
        rows.append((year, "618", date(year, 6, 1), date(year, 6, 18), date(year, 6, 20)))
        rows.append((year, "double_11", date(year, 10, 24), date(year, 11, 11), date(year, 11, 13)))
    return pd.DataFrame(rows, columns=["year", "event", "start_date", "peak_date", "end_date"])


def multiples(day: date, rng_event: dict) -> tuple[float, str]:
    """Event multiple of one day and the event's name ('' when none)."""
    year = day.year
    lny = SPRING_FESTIVAL[year]
    gap = (day - lny).days
    if -10 <= gap <= 8:  # couriers and warehouse staff go home; orders fall, lowest on New Year's Eve
        return 1.0 - 0.62 * math.exp(-((gap + 1) ** 2) / 18), "spring_festival"
    june = (day - date(year, 6, 18)).days
    if -17 <= june <= 2:
        if june == -17:  # 1 June: pre-sale balances paid, first wave
            m = 2.3
        elif june < -7:  # pre-sale build-up
            m = 1.15 + 0.04 * (june + 17)
        elif june < 0:  # lull: buyers wait for the peak-day coupons
            m = 1.05
        else:
            m = PEAK_618[year] if june == 0 else AFTER_PEAK[june]
        return m * rng_event.get(day, 1.0), "618"
    november = (day - date(year, 11, 11)).days
    if -18 <= november <= 2:
        if -10 <= november <= -8:  # 1-3 November: first sales window
            m = (3.0, 2.0, 1.5)[november + 10]
        elif november < -10:  # pre-sale from 24 October
            m = 1.12
        elif november < 0:
            m = 0.97
        else:
            m = PEAK_1111[year] if november == 0 else AFTER_PEAK[november]
        return m * rng_event.get(day, 1.0), "double_11"
    return 1.0, ""


def daily_orders(rng: np.random.Generator) -> pd.DataFrame:
    days = pd.date_range(FIRST, LAST, freq="D")
    event_days = [d.date() for d in days if multiples(d.date(), {})[1] in ("618", "double_11")]
    rng_event = dict(zip(event_days, np.exp(rng.normal(0, EVENT_SD, len(event_days)))))
    noise = np.exp(rng.normal(0, NOISE_SD, len(days)))
    rows = []
    level = BASE_ORDERS
    for k, stamp in enumerate(days):
        day = stamp.date()
        if k:
            level *= (1 + GROWTH[day.year]) ** (1 / (366 if day.year % 4 == 0 else 365))
        yearly = 1 + 0.05 * math.sin(2 * math.pi * (stamp.day_of_year - 100) / 365.25)  # soft Q3-Q4 high
        event_multiple, event = multiples(day, rng_event)
        orders = level * WEEKLY[day.weekday()] * yearly * event_multiple * noise[k]
        rows.append((stamp, WEEKDAYS[day.weekday()], int(round(orders)), event or None))
    return pd.DataFrame(rows, columns=["date", "weekday", "orders", "event"])


def staffing_norms() -> pd.DataFrame:
    rows = [(year, rate, SHIFT_HOURS, OVERTIME_HOURS, WORKING_DAYS, headcount, ABSENCE_RATE, TEMP_PRODUCTIVITY,
             TRAINING_DAYS, day_rate, AGENCY_LEAD_DAYS) for year, (rate, headcount, day_rate) in STAFFING.items()]
    return pd.DataFrame(rows, columns=[
        "year", "orders_per_labour_hour", "shift_hours", "overtime_hours_max", "working_days_per_week",
        "permanent_headcount",
        "absence_rate", "temp_productivity", "training_days_temp", "temp_day_rate_cny", "agency_lead_days"])


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    calendar = event_calendar()
    for column in ("start_date", "peak_date", "end_date"):
        calendar[column] = pd.to_datetime(calendar[column])
    return {
        "daily_orders.csv": (daily_orders(rng), {"date": "%Y-%m-%d"}),
        "events.csv": (calendar, {"start_date": "%Y-%m-%d", "peak_date": "%Y-%m-%d", "end_date": "%Y-%m-%d"}),
        "staffing_norms.csv": (staffing_norms(), {
            "orders_per_labour_hour": ".1f", "shift_hours": ".1f", "overtime_hours_max": ".1f",
            "absence_rate": ".2f", "temp_productivity": ".2f", "temp_day_rate_cny": ".2f"}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
