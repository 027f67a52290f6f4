"""Loader of ``data/fleet_pulse/``: the three business cases of S3.1 (fleet pulse, dairy radius, phone RF).

Synthetic (see ``data/fleet_pulse/DATASHEET.md``):

* ``demand.csv``, ``regions.csv``, ``fleet.csv``: weekly truckload demand of an FMCG company in seven
  regions of China over 2025 and its fixed fleet; at the peak week :func:`followup.pulse.allocate_fleet`
  puts 80 % of the vehicles on East China (S3.1).
* ``dairy_radius.csv``, ``dairy_params.csv``: four weeks of outlet replenishment orders of a dairy depot;
  re-optimising the delivery radius every day with :func:`best_radius` costs 17 % less than the fixed
  radius the depot used (S3.1), with the cost model of :func:`delivery_cost`.
* ``phone_rf.csv``: the RF-tuning team of a phone brand week by week; pulling engineers onto after-sales
  complaints makes the tuning finish two weeks late (S3.1), see :func:`rf_finish_week`.

    >>> from followup.datasets import fleet_pulse
    >>> case = fleet_pulse.load()
    >>> int(case.fleet.loc[0, "vehicles"])
    400
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import numpy as np
import pandas as pd

from followup.datasets._validate import Column, case_dir, check_references, location, read_csv_checked, regenerate_command
from followup.errors import DataError, FollowupError

CASE = "fleet_pulse"

REGIONS = ("East China", "North China", "South China", "Central China", "Southwest China",
           "Northwest China", "Northeast China")

DEMAND = (
    Column("period", "int", key=True, unit="ISO week", min=1, max=53,
           description="week of 2025 (the pulse model's period)"),
    Column("week_start", "date", min="2024-12-30", max="2025-12-29", description="Monday of the week"),
    Column("region", "str", key=True, choices=REGIONS, description="sales region, served by its regional warehouse"),
    Column("demand", "int", unit="truckloads / week", min=0, max=100_000,
           description="truckloads to deliver from the region's warehouse that week"),
)

REGION_TABLE = (
    Column("region", "str", choices=REGIONS, unique=True, description="sales region"),
    Column("warehouse_city", "str", description="city of the regional warehouse"),
    Column("road_km_to_east", "int", unit="km", min=0, max=5000,
           description="approximate expressway distance to the East China warehouse (Shanghai)"),
)

FLEET = (
    Column("vehicles", "int", unit="vehicles", min=1, max=100_000, description="trucks in the company's own fleet"),
    Column("capacity_per_vehicle", "int", unit="truckloads / week", min=1, max=50,
           description="loads one truck delivers in a week"),
    Column("cost_per_move_cny", "int", unit="CNY / vehicle move", min=0, max=1_000_000,
           description="cost of moving one truck to another region's warehouse (empty run, driver allowance)"),
)

DAIRY_ORDERS = (
    Column("day", "int", key=True, unit="day", min=1, max=366, description="day of the four-week sample"),
    Column("date", "date", min="2025-01-01", max="2025-12-31", description="calendar date"),
    Column("outlet_id", "str", key=True, pattern=r"O\d{3}", description="store or outlet"),
    Column("distance_km", "float", unit="km", min=0.1, max=500, description="road distance from the depot"),
    Column("demand_crates", "int", unit="crates", min=0, max=500,
           description="crates to deliver that day, from the outlet's IoT-monitored stock (0: no delivery)"),
)

DAIRY_PARAMS = (
    Column("parameter", "str", unique=True,
           choices=("van_capacity_crates", "van_fixed_cny_per_day", "van_cost_cny_per_km", "stop_km",
                    "carrier_base_cny_per_crate", "carrier_cny_per_crate_km", "fixed_radius_km"),
           description="name of the cost-model parameter"),
    Column("value", "float", min=0, max=100_000, description="its value"),
    Column("unit", "str", description="its unit"),
    Column("description", "str", description="what it means"),
)

PHONE_RF = (
    Column("week", "int", unit="week", min=1, max=104, unique=True, description="project week"),
    Column("week_start", "date", min="2025-01-01", max="2026-12-31", description="Monday of the week"),
    Column("rf_engineers", "int", unit="engineers", min=0, max=200, description="engineers assigned to RF tuning"),
    Column("pulled_to_aftersales", "int", unit="engineers", min=0, max=200,
           description="of them, engineers pulled onto after-sales complaints that week"),
    Column("planned_work", "int", unit="engineer-weeks", min=0, max=200,
           description="RF-tuning work the plan scheduled that week (antenna matching, OTA and field tests)"),
)

#: Every file of the case and its schema.
FILES = {"demand.csv": DEMAND, "regions.csv": REGION_TABLE, "fleet.csv": FLEET, "dairy_radius.csv": DAIRY_ORDERS,
         "dairy_params.csv": DAIRY_PARAMS, "phone_rf.csv": PHONE_RF}


@dataclass(frozen=True)
class FleetPulse:
    """The tables of the S3.1 cases (see the module docstring)."""

    demand: pd.DataFrame
    regions: pd.DataFrame
    fleet: pd.DataFrame
    dairy_orders: pd.DataFrame
    dairy_params: dict
    phone_rf: pd.DataFrame


def load(data_dir: str | Path | None = None) -> FleetPulse:
    """Read and check every file of the case; return a :class:`FleetPulse`.

    ``data_dir`` defaults to the repository's ``data/fleet_pulse/``. ``dairy_params`` comes back
    as a ``{parameter: value}`` dict for :func:`delivery_cost`. Raises
    :class:`~followup.errors.DataError` naming file, column and data row when a file is missing,
    truncated or holds a value of the wrong type or range, or when a week lacks a region.

    >>> case = load()
    >>> sorted(case.demand["region"].unique()) == sorted(REGIONS)
    True
    """
    folder = case_dir(CASE, data_dir)
    fix = regenerate_command(CASE, folder, data_dir)
    demand = read_csv_checked(folder / "demand.csv", DEMAND, regenerate=fix)
    regions = read_csv_checked(folder / "regions.csv", REGION_TABLE, regenerate=fix)
    check_references(demand, "region", regions["region"], path=folder / "demand.csv",
                     target="region in regions.csv")
    counts = demand.groupby("period")["region"].nunique()
    short = counts[counts < len(regions)]
    if not short.empty:
        week = int(short.index[0])
        first_row = int(demand.index[demand["period"] == week][0]) + 1
        raise DataError(
            f"{location(folder / 'demand.csv', 'region', first_row)}, the first row of week {week}: the week has "
            f"{int(short.iloc[0])} of {len(regions)} regions; add the missing rows (demand 0 if none) "
            f"or regenerate the file with `{fix}`"
        )
    params = read_csv_checked(folder / "dairy_params.csv", DAIRY_PARAMS, regenerate=fix)
    missing = sorted(set(DAIRY_PARAMS[0].choices) - set(params["parameter"]))
    if missing:
        raise DataError(
            f"{location(folder / 'dairy_params.csv', 'parameter')}: no row for {', '.join(missing)}; "
            f"add it (see DATASHEET.md) or regenerate the file with `{fix}`"
        )
    return FleetPulse(
        demand=demand,
        regions=regions,
        fleet=read_csv_checked(folder / "fleet.csv", FLEET, regenerate=fix),
        dairy_orders=read_csv_checked(folder / "dairy_radius.csv", DAIRY_ORDERS, regenerate=fix),
        dairy_params=dict(zip(params["parameter"], params["value"].astype(float))),
        phone_rf=read_csv_checked(folder / "phone_rf.csv", PHONE_RF, regenerate=fix),
    )


# --------------------------------------------------------------------------------------------------------
# The dairy depot's delivery cost model
# --------------------------------------------------------------------------------------------------------

def delivery_cost(orders: pd.DataFrame, radius_km: float, params: Mapping[str, float]) -> float:
    """Transport cost (CNY) of one day's orders when the depot's own vans serve outlets within ``radius_km``.

    ``orders`` has ``distance_km`` and ``demand_crates`` (rows with 0 crates are skipped). The model:

    * outlets at ``distance_km <= radius_km`` go on the depot's vans, loaded nearest first; a van
      leaves when the next outlet's crates would exceed ``van_capacity_crates``. A van costs
      ``van_fixed_cny_per_day + van_cost_cny_per_km * (2 * farthest stop + stop_km * (stops - 1))``;
    * outlets beyond the radius go by a cold-chain carrier at
      ``carrier_base_cny_per_crate + carrier_cny_per_crate_km * distance_km`` per crate.

    >>> params = {"van_capacity_crates": 100, "van_fixed_cny_per_day": 600, "van_cost_cny_per_km": 3,
    ...           "stop_km": 2, "carrier_base_cny_per_crate": 6, "carrier_cny_per_crate_km": 0.2}
    >>> orders = pd.DataFrame({"distance_km": [10, 20, 50], "demand_crates": [60, 30, 10]})
    >>> delivery_cost(orders, 25, params)   # one van: 600 + 3 * (2*20 + 2); carrier: 10 * (6 + 0.2*50)
    886.0
    """
    if isinstance(radius_km, bool) or not isinstance(radius_km, numbers.Real) \
            or not math.isfinite(radius_km) or radius_km < 0:
        raise FollowupError(f"radius_km is {radius_km!r}; give a distance >= 0 in km, e.g. 25")
    todo = orders[orders["demand_crates"] > 0]
    own = todo[todo["distance_km"] <= radius_km].sort_values("distance_km", kind="stable")
    far = todo[todo["distance_km"] > radius_km]
    carrier = float(((params["carrier_base_cny_per_crate"] + params["carrier_cny_per_crate_km"]
                      * far["distance_km"]) * far["demand_crates"]).sum())
    vans, load, farthest, stops = 0.0, 0, 0.0, 0

    def dispatch() -> float:
        return params["van_fixed_cny_per_day"] + params["van_cost_cny_per_km"] * (
            2 * farthest + params["stop_km"] * (stops - 1))

    for distance, crates in zip(own["distance_km"], own["demand_crates"]):
        if stops and load + crates > params["van_capacity_crates"]:
            vans += dispatch()
            load, stops = 0, 0
        load, farthest, stops = load + crates, distance, stops + 1
    if stops:
        vans += dispatch()
    return round(vans + carrier, 2)


def best_radius(orders: pd.DataFrame, params: Mapping[str, float]) -> tuple[float, float]:
    """The radius (km) that minimises :func:`delivery_cost` for one day's orders, and that cost.

    Only 0 and the distances of the day's outlets can change the cost, so those are the candidates;
    on ties the smallest radius wins.

    >>> params = {"van_capacity_crates": 100, "van_fixed_cny_per_day": 600, "van_cost_cny_per_km": 3,
    ...           "stop_km": 2, "carrier_base_cny_per_crate": 6, "carrier_cny_per_crate_km": 0.2}
    >>> best_radius(pd.DataFrame({"distance_km": [10, 20, 50], "demand_crates": [60, 30, 10]}), params)
    (20.0, 886.0)
    """
    todo = orders[orders["demand_crates"] > 0]
    candidates = np.unique(np.r_[0.0, todo["distance_km"].to_numpy(dtype=float)])
    costs = [delivery_cost(todo, float(r), params) for r in candidates]
    k = int(np.argmin(costs))
    return float(candidates[k]), float(costs[k])


# --------------------------------------------------------------------------------------------------------
# The phone brand's RF tuning
# --------------------------------------------------------------------------------------------------------

def rf_finish_week(weeks: pd.DataFrame, *, pulled: bool = True) -> int:
    """The week in which the RF-tuning work of ``phone_rf.csv`` is done.

    The work is the sum of ``planned_work`` (engineer-weeks). Each week the team does as many
    engineer-weeks as it has engineers at work: ``rf_engineers - pulled_to_aftersales`` (or all
    ``rf_engineers`` with ``pulled=False``); work left over carries into the next week. The finish is
    the first week in which the cumulative work done reaches the total.

    >>> weeks = pd.DataFrame({"week": [1, 2, 3, 4], "rf_engineers": [4, 4, 4, 4],
    ...                       "pulled_to_aftersales": [0, 2, 0, 0], "planned_work": [4, 4, 0, 0]})
    >>> rf_finish_week(weeks, pulled=False), rf_finish_week(weeks)
    (2, 3)
    """
    total = weeks["planned_work"].sum()
    at_work = weeks["rf_engineers"] - (weeks["pulled_to_aftersales"] if pulled else 0)
    done = at_work.cumsum().to_numpy() >= total
    if not done.any():
        raise DataError(
            f"the RF work ({total} engineer-weeks) is not finished by week {int(weeks['week'].max())}; "
            "add weeks to phone_rf.csv or fewer engineers pulled away"
        )
    return int(weeks["week"].to_numpy()[int(np.argmax(done))])
