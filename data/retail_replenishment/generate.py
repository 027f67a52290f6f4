"""Rebuild the retail replenishment case files (article paragraph S1.1) byte for byte.

    python data/retail_replenishment/generate.py            # writes into data/retail_replenishment/
    python data/retail_replenishment/generate.py --out DIR  # writes into DIR (used by the tests)

Daily demand of 24 SKUs in 3 stores over 2024-2025 is a product of a base rate, the store's size,
a weekly and a yearly pattern, the Spring Festival, one promotion and gamma-Poisson noise drawn with
``numpy.random.default_rng(SEED)``. Sales and stock come from simulating the stores' as-is policy
(weekly review, order-up-to) with followup.replenishment, the same code the chapter uses. The
monthly complaint figures are binomial draws. Every parameter is documented in DATASHEET.md.
"""

from __future__ import annotations

import math
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.replenishment import simulate_periodic_review  # noqa: E402

SEED = 2024
FIRST, LAST = date(2024, 1, 1), date(2025, 12, 31)  # 1 January 2024 is a Monday: the weekly order day
STORES = [("S01", "Xuhui", "East", 1.30), ("S02", "Yangpu", "East", 1.00), ("S03", "Minhang", "East", 0.75)]
# sku, name, category, unit cost, shelf price, supplier lead time (days), base demand (units/day, typical store)
SKUS = [
    ("SKU01", "Mineral water 550 ml x 12", "beverages", 9.80, 15.90, 2, 22.0),
    ("SKU02", "Green tea 500 ml", "beverages", 2.10, 3.50, 2, 35.0),
    ("SKU03", "Cola 330 ml x 6", "beverages", 10.50, 16.80, 2, 14.0),
    ("SKU04", "Orange juice 1 l", "beverages", 8.20, 13.90, 3, 6.0),
    ("SKU05", "Potato crisps 70 g", "snacks", 4.30, 7.50, 3, 12.0),
    ("SKU06", "Sunflower seeds 260 g", "snacks", 7.60, 12.90, 4, 5.0),
    ("SKU07", "Chocolate bar 43 g", "snacks", 3.90, 6.50, 4, 9.0),
    ("SKU08", "Mixed nuts 500 g", "snacks", 32.00, 49.90, 5, 1.6),
    ("SKU09", "UHT milk 250 ml x 12", "dairy", 36.00, 52.00, 2, 8.0),
    ("SKU10", "Yoghurt drink 100 ml x 5", "dairy", 6.90, 10.90, 2, 15.0),
    ("SKU11", "Cheese slices 200 g", "dairy", 12.40, 19.90, 3, 2.5),
    ("SKU12", "Milk powder 800 g", "dairy", 168.00, 239.00, 5, 0.7),
    ("SKU13", "Dish soap 1.5 kg", "household", 9.50, 16.90, 4, 4.0),
    ("SKU14", "Toilet paper x 10", "household", 18.00, 29.90, 3, 7.0),
    ("SKU15", "Laundry pods x 30", "household", 29.00, 45.90, 5, 1.8),
    ("SKU16", "Bin bags x 50", "household", 7.20, 12.90, 4, 3.0),
    ("SKU17", "Toothpaste 120 g", "personal_care", 8.80, 14.90, 4, 4.5),
    ("SKU18", "Shampoo 400 ml", "personal_care", 26.00, 42.90, 5, 2.2),
    ("SKU19", "Tissues x 3", "personal_care", 5.60, 9.90, 3, 10.0),
    ("SKU20", "Sunscreen 50 ml", "personal_care", 45.00, 79.00, 5, 0.9),
    ("SKU21", "Rice 5 kg", "staples", 28.00, 39.90, 3, 5.5),
    ("SKU22", "Soy sauce 500 ml", "staples", 6.30, 9.90, 4, 4.0),
    ("SKU23", "Instant noodles x 5", "staples", 9.90, 15.50, 3, 11.0),
    ("SKU24", "Cooking oil 1.8 l", "staples", 24.00, 35.90, 4, 3.2),
]
WEEKLY = (0.92, 0.90, 0.93, 0.97, 1.08, 1.17, 1.03)  # Monday ... Sunday
SUMMER = {"beverages": 0.30, "snacks": 0.05, "dairy": 0.0, "household": 0.0, "personal_care": 0.08, "staples": -0.04}
SUNSCREEN_SUMMER = 0.9  # SKU20 is strongly seasonal
SPRING_FESTIVAL = {2024: date(2024, 2, 10), 2025: date(2025, 1, 29)}  # Lunar New Year's Day
FESTIVAL_BOOST = {"beverages": 0.5, "snacks": 0.9, "dairy": 0.6, "household": 0.2, "personal_care": 0.1,
                  "staples": 0.7}  # stocking-up in the two weeks before, then a lull
GAMMA_SHAPE = 6.0  # demand ~ Poisson(mean x Gamma(6, 1/6)): more spread than Poisson
REVIEW_PERIOD = 7
AS_IS_COVER = 1.15  # the as-is level: 15 % above the mean demand over review period + lead time
# The regional manager's promotion (S1.1: decided directly, no layers of approval).
PROMOTION = ("P2025-07", "SKU03", "East", date(2025, 7, 14), date(2025, 7, 27), date(2025, 7, 8), 1.8)
TRUE_UPLIFT = 2.1  # the promotion sold better than planned
SERVICE_RATE = 0.88  # share of complaints resolved within 48 h, every month but one
SERVICE_DIP = {date(2025, 9, 1): 0.79}  # a new ticketing system in September 2025
COMPLAINTS_MEAN = 420


def seasonal(category: str, sku: str, day: date) -> float:
    """Yearly and festival multiple of a category's demand on ``day``."""
    amplitude = SUNSCREEN_SUMMER if sku == "SKU20" else SUMMER[category]
    yearly = 1 + amplitude * math.cos(2 * math.pi * (day.timetuple().tm_yday - 196) / 365.25)  # high mid-July
    gap = (day - SPRING_FESTIVAL[day.year]).days
    if -14 <= gap < 0:
        yearly *= 1 + FESTIVAL_BOOST[category] * (1 - abs(gap + 4) / 12)
    elif 0 <= gap <= 6:
        yearly *= 0.7
    return max(yearly, 0.05)


def mean_demand(days: pd.DatetimeIndex, promoted: bool) -> np.ndarray:
    """Expected demand, (days, series) in policy order (store-major), without noise."""
    columns = []
    for _store, _district, _region, size in STORES:
        for sku, _name, category, *_prices, _lead, base in SKUS:
            column = []
            for stamp in days:
                day = stamp.date()
                m = base * size * WEEKLY[day.weekday()] * seasonal(category, sku, day)
                if promoted and sku == PROMOTION[1] and PROMOTION[3] <= day <= PROMOTION[4]:
                    m *= TRUE_UPLIFT
                column.append(m)
            columns.append(column)
    return np.array(columns).T


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    days = pd.date_range(FIRST, LAST, freq="D")
    expected = mean_demand(days, promoted=True)
    demand = rng.poisson(expected * rng.gamma(GAMMA_SHAPE, 1 / GAMMA_SHAPE, expected.shape)).astype(np.int64)

    series = [(store, sku) for store, *_ in STORES for sku, *_ in SKUS]
    lead = np.array([s[5] for _ in STORES for s in SKUS], dtype=np.int64)
    usual = mean_demand(days[:366], promoted=False).mean(axis=0)  # what the store planners assumed (2024)
    levels = np.ceil(usual * (REVIEW_PERIOD + lead) * AS_IS_COVER).astype(np.int64)
    run = simulate_periodic_review(demand, levels, REVIEW_PERIOD, lead)

    stores = pd.DataFrame(STORES, columns=["store", "district", "region", "size_factor"])
    skus = pd.DataFrame([s[:6] for s in SKUS], columns=["sku", "name", "category", "unit_cost_cny",
                                                         "unit_price_cny", "lead_time_days"])
    policy = pd.DataFrame({"store": [s for s, _ in series], "sku": [k for _, k in series],
                           "review_period_days": REVIEW_PERIOD, "review_offset_days": 0, "order_up_to": levels})
    promotions = pd.DataFrame([PROMOTION], columns=["promotion", "sku", "region", "start_date", "end_date",
                                                    "decided_on", "planned_uplift"])
    for column in ("start_date", "end_date", "decided_on"):
        promotions[column] = pd.to_datetime(promotions[column])
    n_days, n_series = demand.shape
    daily = pd.DataFrame({
        "date": np.repeat(days, n_series),
        "store": [s for s, _ in series] * n_days,
        "sku": [k for _, k in series] * n_days,
        "demand": demand.ravel(), "sold": run.sold.ravel(), "received": run.received.ravel(),
        "closing_stock": run.closing_stock.ravel(),
    })
    months = pd.date_range(FIRST, LAST, freq="MS")
    complaints = rng.poisson(COMPLAINTS_MEAN, len(months))
    rates = [SERVICE_DIP.get(m.date(), SERVICE_RATE) for m in months]
    service = pd.DataFrame({"month": months, "complaints": complaints,
                            "resolved_48h": rng.binomial(complaints, rates)})
    return {
        "stores.csv": (stores, {"size_factor": ".2f"}),
        "skus.csv": (skus, {"unit_cost_cny": ".2f", "unit_price_cny": ".2f"}),
        "policy.csv": (policy, {}),
        "promotions.csv": (promotions, {"start_date": "%Y-%m-%d", "end_date": "%Y-%m-%d", "decided_on": "%Y-%m-%d",
                                        "planned_uplift": ".2f"}),
        "daily.csv": (daily, {"date": "%Y-%m-%d"}),
        "service_monthly.csv": (service, {"month": "%Y-%m-%d"}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
