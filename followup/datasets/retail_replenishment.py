"""Loader of ``data/retail_replenishment/``: two years of daily demand, sales and stock of 24 SKUs in 3 stores (S1.1).

The business case of the goals chapter: shelves replenished by a periodic-review, order-up-to policy
and steered by KPIs (inventory turnover, stock-out rate) that are never "done".
``load()`` returns a :class:`RetailCase`::

    >>> from followup.datasets import retail_replenishment
    >>> case = retail_replenishment.load()
    >>> case.demand_matrix(2025).shape          # days x (store, sku) series
    (365, 72)

See ``data/retail_replenishment/DATASHEET.md`` for every column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from followup.datasets._validate import Column, case_dir, check_references, location, read_csv_checked
from followup.errors import DataError

CASE = "retail_replenishment"
CATEGORIES = ("beverages", "snacks", "dairy", "household", "personal_care", "staples")
FIX = "python data/retail_replenishment/generate.py"

STORES = (
    Column("store", "str", pattern=r"S\d{2}", unique=True, description="store id"),
    Column("district", "str", description="district of Shanghai the store is in"),
    Column("region", "str", description="sales region (the regional manager's area)"),
    Column("size_factor", "float", unit="x", min=0.2, max=5, description="store's demand relative to a typical store"),
)
SKUS = (
    Column("sku", "str", pattern=r"SKU\d{2}", unique=True, description="stock-keeping unit id"),
    Column("name", "str", description="product"),
    Column("category", "str", choices=CATEGORIES, description="category"),
    Column("unit_cost_cny", "float", unit="CNY / unit", min=0.1, max=10_000, description="purchase cost"),
    Column("unit_price_cny", "float", unit="CNY / unit", min=0.1, max=10_000, description="shelf price"),
    Column("lead_time_days", "int", unit="days", min=1, max=30,
           description="from the order (end of a review day) to the delivery (start of the day it arrives)"),
)
POLICY = (
    Column("store", "str", key=True, description="store id (stores.csv)"),
    Column("sku", "str", key=True, description="SKU id (skus.csv)"),
    Column("review_period_days", "int", unit="days", min=1, max=60, description="days between two orders (as-is)"),
    Column("review_offset_days", "int", unit="days", min=0, max=59,
           description="first review day, counted from 1 January 2024 (0 = Monday 1 January)"),
    Column("order_up_to", "int", unit="units", min=0, max=100_000,
           description="as-is order-up-to level S: each order brings stock on hand + on order up to S"),
)
PROMOTIONS = (
    Column("promotion", "str", unique=True, description="promotion id"),
    Column("sku", "str", description="SKU promoted (skus.csv)"),
    Column("region", "str", description="region whose stores run it (stores.csv)"),
    Column("start_date", "date", description="first day on promotion"),
    Column("end_date", "date", description="last day on promotion"),
    Column("decided_on", "date", description="day the regional manager decided it"),
    Column("planned_uplift", "float", unit="x", min=1, max=10, description="demand multiple the manager expected"),
)
DAILY = (
    Column("date", "date", key=True, min="2020-01-01", max="2035-12-31", description="calendar day"),
    Column("store", "str", key=True, description="store id (stores.csv)"),
    Column("sku", "str", key=True, description="SKU id (skus.csv)"),
    Column("demand", "int", unit="units", min=0, max=100_000,
           description="units shoppers wanted (synthetic: known exactly; a real store sees only sales)"),
    Column("sold", "int", unit="units", min=0, max=100_000, description="units sold: min(demand, stock on the shelf)"),
    Column("received", "int", unit="units", min=0, max=100_000, description="units delivered at the start of the day"),
    Column("closing_stock", "int", unit="units", min=0, max=100_000, description="units on the shelf at closing"),
)
SERVICE = (
    Column("month", "date", unique=True, description="first day of the month"),
    Column("complaints", "int", unit="complaints", min=1, max=1_000_000, description="customer complaints received"),
    Column("resolved_48h", "int", unit="complaints", min=0, max=1_000_000,
           description="of those, resolved within 48 hours (the service team's KPI)"),
)
FILES = {"stores.csv": STORES, "skus.csv": SKUS, "policy.csv": POLICY, "promotions.csv": PROMOTIONS,
         "daily.csv": DAILY, "service_monthly.csv": SERVICE}


@dataclass(frozen=True)
class RetailCase:
    """The replenishment case: one DataFrame per file (see the datasheet).

    The case's rules (the policies compared, the stores' own KPIs) are in :mod:`followup.cases.retail_replenishment`.
    """

    stores: pd.DataFrame
    skus: pd.DataFrame
    policy: pd.DataFrame
    promotions: pd.DataFrame
    daily: pd.DataFrame
    service_monthly: pd.DataFrame

    @property
    def series(self) -> pd.MultiIndex:
        """The (store, sku) series in the order of the matrices below."""
        return pd.MultiIndex.from_frame(self.policy[["store", "sku"]])

    def matrix(self, column: str, year: int | None = None) -> pd.DataFrame:
        """``column`` of ``daily.csv`` as days x (store, sku), optionally one calendar year."""
        if column not in ("demand", "sold", "received", "closing_stock"):
            raise DataError(f"no daily column {column!r}; use demand, sold, received or closing_stock")
        daily = self.daily if year is None else self.daily[self.daily["date"].dt.year == year]
        if daily.empty:
            years = sorted(self.daily["date"].dt.year.unique().tolist())
            raise DataError(f"daily.csv has no day in {year}; years in the data: {years}")
        return daily.pivot(index="date", columns=["store", "sku"], values=column)[self.series]

    def demand_matrix(self, year: int | None = None) -> np.ndarray:
        """Daily demand as a (days, series) integer array, optionally one calendar year."""
        return self.matrix("demand", year).to_numpy(dtype=np.int64)

    def per_series(self, column: str) -> np.ndarray:
        """A column of ``skus.csv`` (e.g. ``unit_cost_cny``) repeated for each (store, sku) series."""
        return self.skus.set_index("sku").loc[self.policy["sku"], column].to_numpy()


def load(data_dir: str | Path | None = None) -> RetailCase:
    """Read and check every file (default folder ``data/retail_replenishment/``).

    Besides the schema: ids refer to known stores and SKUs; every series has every day once; no day
    sells more than its demand; and the stock balances (closing = previous closing + received - sold).
    Raises :class:`~followup.errors.DataError` naming file, column and data row.
    """
    folder = case_dir(CASE, data_dir)
    frames = {name: read_csv_checked(folder / name, schema) for name, schema in FILES.items()}
    stores, skus = set(frames["stores.csv"]["store"]), set(frames["skus.csv"]["sku"])
    regions = set(frames["stores.csv"]["region"])
    for name in ("policy.csv", "daily.csv"):
        check_references(frames[name], "store", stores, path=folder / name, target="store in stores.csv")
        check_references(frames[name], "sku", skus, path=folder / name, target="sku in skus.csv")
    check_references(frames["promotions.csv"], "sku", skus, path=folder / "promotions.csv", target="sku in skus.csv")
    check_references(frames["promotions.csv"], "region", regions, path=folder / "promotions.csv",
                     target="region in stores.csv")
    daily = frames["daily.csv"]
    path = folder / "daily.csv"
    over = np.flatnonzero((daily["sold"] > daily["demand"]).to_numpy())
    if over.size:
        row = int(over[0])
        raise DataError(f"{location(path, 'sold', row + 1)}: {daily['sold'].iloc[row]} units sold but only "
                        f"{daily['demand'].iloc[row]} demanded; a shelf cannot sell more than is asked for: "
                        f"correct it or regenerate the file with `{FIX}`")
    days = daily["date"].nunique()
    counts = daily.groupby(["store", "sku"]).size()
    if (counts != days).any() or len(counts) != len(frames["policy.csv"]):
        store, sku = counts.index[(counts != days).to_numpy()][0] if (counts != days).any() else (None, None)
        raise DataError(f"{location(path)}: series ({store}, {sku}) has {counts.get((store, sku), 0)} days, "
                        f"expected {days} (one row per store, SKU and day, a series per policy.csv row); "
                        f"regenerate the file with `{FIX}`")
    ordered = daily.sort_values(["store", "sku", "date"], kind="stable")
    previous = ordered.groupby(["store", "sku"])["closing_stock"].shift()
    balance = previous + ordered["received"] - ordered["sold"]
    broken = ordered.index[(previous.notna() & (balance != ordered["closing_stock"])).to_numpy()]
    if len(broken):
        row = int(broken[0])
        raise DataError(f"{location(path, 'closing_stock', row + 1)}: {daily['closing_stock'].iloc[row]} units, but "
                        f"the previous closing stock + received - sold gives {int(balance.loc[row])}; correct it "
                        f"or regenerate the file with `{FIX}`")
    service = frames["service_monthly.csv"]
    over = np.flatnonzero((service["resolved_48h"] > service["complaints"]).to_numpy())
    if over.size:
        row = int(over[0])
        raise DataError(f"{location(folder / 'service_monthly.csv', 'resolved_48h', row + 1)}: more complaints "
                        "resolved than received; correct it")
    return RetailCase(stores=frames["stores.csv"], skus=frames["skus.csv"], policy=frames["policy.csv"],
                      promotions=frames["promotions.csv"], daily=daily, service_monthly=service)
