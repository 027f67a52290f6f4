"""Rebuild every file of data/fleet_pulse/ byte for byte.

    python data/fleet_pulse/generate.py            # rewrite the files beside this script
    python data/fleet_pulse/generate.py --out DIR  # write them into DIR instead

Synthetic: the three business cases of S3.1 of the article, each calibrated to its figure (80 % of
the fleet on East China at the peak; dairy transport cost down 17 %; RF tuning two weeks late).
DATASHEET.md gives every parameter and its reasoning.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.datasets.fleet_pulse import (  # noqa: E402
    DAIRY_ORDERS, DAIRY_PARAMS, DEMAND, FLEET, REGION_TABLE, REGIONS,
)

SEED = 20_251_111

# --- FMCG fleet pulse ---------------------------------------------------------------------------------
WEEK_1 = date(2024, 12, 30)  # Monday of ISO week 1 of 2025
WEEKS = 52
# Off-season weekly truckloads: an East-China-centred company sells over half its volume at home.
BASE_DEMAND = {"East China": 780, "North China": 160, "South China": 150, "Central China": 110,
               "Southwest China": 90, "Northwest China": 50, "Northeast China": 70}
WAREHOUSES = {"East China": ("Shanghai", 0), "North China": ("Beijing", 1_210),
              "South China": ("Guangzhou", 1_430), "Central China": ("Wuhan", 830),
              "Southwest China": ("Chengdu", 1_960), "Northwest China": ("Xi'an", 1_380),
              "Northeast China": ("Shenyang", 1_850)}
# Seasonality shared by every region (ISO week -> factor): stocking up before the Spring Festival
# (29 January 2025), the holiday trough after it, a mild summer high.
NATIONAL = {2: 1.20, 3: 1.30, 4: 1.10, 5: 0.55, 6: 0.75, 7: 0.90,
            27: 1.05, 28: 1.05, 29: 1.05, 30: 1.05, 31: 1.05, 32: 1.05}
# East China also ships the national e-commerce peaks from its warehouse: "618" (18 June, week 25)
# and Double 11 (11 November, week 46, the year's peak).
EAST_PULSE = {23: 1.4, 24: 1.9, 25: 2.3, 26: 1.3, 43: 1.3, 44: 1.8, 45: 2.6, 47: 2.0, 48: 1.3}
PEAK_WEEK = 46
PEAK_SHARE = 0.8          # S3.1: 80 % of the vehicles on East China at the peak
NOISE_SD = 0.06           # week-to-week noise of regional demand (log scale)
VEHICLES = 400
CAPACITY_PER_VEHICLE = 6  # truckloads a week: about one delivery run per working day
COST_PER_MOVE = 7_000     # CNY: ~1,400 km empty run at ~CNY 4.5/km plus two days' driver allowance

# --- dairy delivery radius ----------------------------------------------------------------------------
DAIRY_START = date(2025, 4, 7)  # a Monday
DAIRY_DAYS = 28
OUTLETS = 220
DAIRY_PARAMETERS = [
    ("van_capacity_crates", 120.0, "crates", "crates one 4.2 m refrigerated van carries"),
    ("van_fixed_cny_per_day", 580.0, "CNY / van-day",
     "driver, depreciation, insurance and reefer unit of a van used that day"),
    ("van_cost_cny_per_km", 3.2, "CNY / km", "fuel (truck and reefer), tolls and maintenance per van-km"),
    ("stop_km", 2.5, "km", "extra driving per additional stop on a van's run"),
    ("carrier_base_cny_per_crate", 6.0, "CNY / crate", "cold-chain carrier's handling charge per crate"),
    ("carrier_cny_per_crate_km", 0.16, "CNY / crate-km", "cold-chain carrier's distance charge"),
    ("fixed_radius_km", 25.0, "km", "the radius the depot used every day before re-optimising"),
]
# Share of outlets whose stock falls below the reorder point, by weekday (Mon..Sun): the IoT feed
# triggers big Monday and Friday replenishments, little at the weekend.
ORDER_SHARE = (0.55, 0.35, 0.45, 0.35, 0.60, 0.25, 0.15)

# --- phone RF tuning ----------------------------------------------------------------------------------
RF_START = date(2025, 3, 3)
RF_WEEKS = 18
RF_PLAN_WEEKS = 14
RF_TEAM = (8, 8) + (12,) * (RF_WEEKS - 2)  # two weeks of ramp-up, then the full team
# Engineers pulled onto after-sales complaints about the previous model's signal drops.
RF_PULLED = {5: 3, 6: 6, 7: 6, 8: 4, 9: 2}


def demand(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for week in range(1, WEEKS + 1):
        factors = {r: NATIONAL.get(week, 1.0) * np.exp(rng.normal(0.0, NOISE_SD)) for r in REGIONS}
        loads = {r: int(round(BASE_DEMAND[r] * factors[r] * (EAST_PULSE.get(week, 1.0) if r == "East China" else 1.0)))
                 for r in REGIONS}
        if week == PEAK_WEEK:
            # East China's demand is exactly 80 % of the week's: proportional allocation gives it 80 % of the fleet.
            others = sum(v for r, v in loads.items() if r != "East China")
            loads["East China"] = round(others * PEAK_SHARE / (1 - PEAK_SHARE))
        rows += [(week, WEEK_1 + timedelta(weeks=week - 1), r, loads[r]) for r in REGIONS]
    frame = pd.DataFrame(rows, columns=[c.name for c in DEMAND])
    frame["week_start"] = pd.to_datetime(frame["week_start"])
    return frame


def regions() -> pd.DataFrame:
    return pd.DataFrame([(r, *WAREHOUSES[r]) for r in REGIONS], columns=[c.name for c in REGION_TABLE])


def fleet() -> pd.DataFrame:
    return pd.DataFrame([(VEHICLES, CAPACITY_PER_VEHICLE, COST_PER_MOVE)], columns=[c.name for c in FLEET])


def dairy_orders(rng: np.random.Generator) -> pd.DataFrame:
    # Outlets cluster in the city around the depot and thin out towards the county towns.
    distance = np.round(np.sort(np.clip(rng.gamma(3.0, 9.0, OUTLETS), 2.0, 90.0)), 1)
    typical = rng.gamma(2.0, 3.0, OUTLETS)  # an outlet's usual order, crates
    rows = []
    for day in range(1, DAIRY_DAYS + 1):
        share = ORDER_SHARE[(day - 1) % 7] * rng.uniform(0.6, 1.4)
        ordering = rng.random(OUTLETS) < share
        crates = np.where(ordering, np.maximum(1, np.round(typical * rng.lognormal(0.0, 0.3, OUTLETS))), 0)
        rows += [(day, DAIRY_START + timedelta(days=day - 1), f"O{i + 1:03d}", distance[i], int(crates[i]))
                 for i in range(OUTLETS)]
    frame = pd.DataFrame(rows, columns=[c.name for c in DAIRY_ORDERS])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def dairy_params() -> pd.DataFrame:
    return pd.DataFrame(DAIRY_PARAMETERS, columns=[c.name for c in DAIRY_PARAMS])


def phone_rf() -> pd.DataFrame:
    weeks = np.arange(1, RF_WEEKS + 1)
    return pd.DataFrame({
        "week": weeks,
        "week_start": pd.to_datetime([RF_START + timedelta(weeks=int(w) - 1) for w in weeks]),
        "rf_engineers": RF_TEAM,
        "pulled_to_aftersales": [RF_PULLED.get(int(w), 0) for w in weeks],
        "planned_work": [RF_TEAM[w - 1] if w <= RF_PLAN_WEEKS else 0 for w in weeks],
    })


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    return {
        "demand.csv": (demand(rng), {"week_start": "%Y-%m-%d"}),
        "regions.csv": (regions(), {}),
        "fleet.csv": (fleet(), {}),
        "dairy_radius.csv": (dairy_orders(rng), {"date": "%Y-%m-%d", "distance_km": ".1f"}),
        "dairy_params.csv": (dairy_params(), {"value": "g"}),
        "phone_rf.csv": (phone_rf(), {"week_start": "%Y-%m-%d"}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
