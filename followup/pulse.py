"""The business pulse model: a fixed fleet shared out among regions, period by period.

A business follows demand as it moves: in peak season a consumer-goods company may
send most of its delivery vehicles to the region where the peak is (the article's
S3.1: 80 % of the fleet to the East China warehouse), then spread them out again.
The functions here turn demand by period and region into an integer allocation of
the fleet, and measure what it achieves (utilisation, unmet demand) and costs
(vehicles redeployed between periods).

Every formula is written out in the docstrings because an in-browser calculator
mirrors this module in JavaScript and must give the same numbers. Rounding never
uses banker's rounding: "round half up" is ``floor(x + 0.5)`` in both languages.

Demand and capacity share one unit (vehicle-loads, trips, tonnes per period).

Example::

    >>> import pandas as pd
    >>> demand = pd.DataFrame({"period": ["peak"] * 3, "region": ["East", "North", "South"],
    ...                        "demand": [800, 120, 80]})
    >>> allocate_fleet(demand, 50)["vehicles"].tolist()
    [40, 6, 4]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from followup.bounds import MAX_MAGNITUDE, floats, shown
from followup.errors import ResourceError
from followup.resources import plain

__all__ = [
    "allocate_fleet",
    "largest_remainder",
    "utilisation",
    "redeployment_cost",
    "peak_share",
    "pulse_scenario",
    "PulseScenario",
]


#: Largest fleet (or number of seats) shared out: quotas stay exact to well below one unit in double precision.
MAX_UNITS = 1_000_000_000


def _count(value, what: str, *, positive: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
            or not (1 if positive else 0) <= value <= MAX_UNITS:
        beyond = f" (beyond the {MAX_UNITS:,} this model accepts)" if isinstance(value, (int, np.integer)) \
            and value > MAX_UNITS else ""
        raise ResourceError(f"{what} must be a whole number {'> 0' if positive else '>= 0'}, got {shown(value)}{beyond}")
    return int(value)


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not 0 <= value <= MAX_MAGNITUDE:  # False for NaN
        beyond = f" (beyond the {MAX_MAGNITUDE:g} this model accepts)" if isinstance(value, (int, float)) \
            and not isinstance(value, bool) and math.isfinite(value) and value > MAX_MAGNITUDE else ""
        raise ResourceError(f"{what} must be a finite number >= 0, got {shown(value)}{beyond}")
    return float(value)


# Twin: largestRemainder in followup/calculators/pulse_calculator.mjs (tests/test_parity.py).
def largest_remainder(weights, seats: int) -> list[int]:
    """Share ``seats`` whole units in proportion to ``weights`` (Hamilton's method).

    ``quota_i = seats * w_i / sum(w)`` (as ``(seats * w_i) / total`` in double precision);
    each gets ``floor(quota_i)``; the units left go one each to the largest
    ``quota_i - floor(quota_i)``, ties to the earlier position. If every weight is 0
    the weights count as equal.

    Example::

        >>> largest_remainder([1, 1, 1], 10)
        [4, 3, 3]
    """
    seats = _count(seats, "seats")
    if isinstance(weights, (str, bytes, Mapping)) or not np.iterable(weights):
        raise ResourceError(f"weights must be a list of numbers >= 0, got {shown(weights)}")
    weights = [_number(w, f"weight {k}") for k, w in enumerate(weights)]
    if not weights:
        return []
    total = sum(weights)
    if total == 0:
        weights, total = [1.0] * len(weights), float(len(weights))
    quotas = [(seats * w) / total for w in weights]
    shares = [math.floor(q) for q in quotas]
    left = seats - sum(shares)
    if not 0 <= left <= len(weights):  # only if double rounding were to misplace a whole unit
        raise ResourceError(f"the weights {weights[:5]} cannot be shared exactly in double precision; "
                            "scale them to smaller whole numbers")
    # stable sort: on equal remainders the earlier region comes first
    for k in sorted(range(len(weights)), key=lambda k: -(quotas[k] - shares[k]))[:left]:
        shares[k] += 1
    return shares


def _where(row) -> str:
    return f"region {plain(row['region'])!r} in period {plain(row['period'])!r}"


def _demand_grid(demand: pd.DataFrame) -> tuple[list, list, pd.DataFrame]:
    """Validate a period/region/demand table; return periods and regions in order of first appearance."""
    if not isinstance(demand, pd.DataFrame):
        raise ResourceError("demand must be a DataFrame with columns 'period', 'region', 'demand'")
    missing = [c for c in ("period", "region", "demand") if c not in demand.columns]
    if missing:
        raise ResourceError(f"demand lacks column(s) {missing}; it needs 'period', 'region', 'demand'")
    if not demand.columns.is_unique:
        raise ResourceError("demand has two columns with the same name; keep one each of 'period', 'region', 'demand'")
    values = pd.Series(floats(demand["demand"]), index=demand.index)
    bad = ~((values >= 0) & (values <= MAX_MAGNITUDE))
    if bad.any():
        row = demand[bad].iloc[0]
        raise ResourceError(
            f"demand of {_where(row)} is {shown(row['demand'])}; "
            f"use a number from 0 to {MAX_MAGNITUDE:g}"
        )
    dup = demand.duplicated(["period", "region"])
    if dup.any():
        row = demand[dup].iloc[0]
        raise ResourceError(
            f"{_where(row)} appears twice; keep one row per period and region"
        )
    periods = list(pd.unique(demand["period"]))
    regions = list(pd.unique(demand["region"]))
    if len(demand) != len(periods) * len(regions):
        present = set(zip(demand["period"], demand["region"]))
        period, region = next((p, r) for p in periods for r in regions if (p, r) not in present)
        raise ResourceError(
            f"period {plain(period)!r} has no row for region {plain(region)!r}; add it (with demand 0 if there is none)"
        )
    table = demand[["period", "region"]].assign(demand=values.to_numpy())
    return periods, regions, table


def allocate_fleet(demand: pd.DataFrame, fleet_size: int, *, min_per_region: int = 0) -> pd.DataFrame:
    """Allocate a fleet of whole vehicles to regions, each period, in proportion to demand.

    In every period each region first gets ``min_per_region`` vehicles; the other
    ``fleet_size - min_per_region * n_regions`` are shared in proportion to the
    regions' demand by ``largest_remainder`` (ties to the region listed first in
    ``demand``; equal shares if the period's demand is 0). Every vehicle is always
    allocated, so each period's allocation sums to ``fleet_size``.

    Args:
        demand: DataFrame with ``period``, ``region``, ``demand`` (one row per period and
            region; periods and regions keep the order in which they first appear).
        fleet_size: vehicles in the fleet.
        min_per_region: vehicles every region keeps whatever its demand.

    Returns:
        DataFrame ``period, region, demand, vehicles`` in the input's period/region order.

    Example::

        >>> d = pd.DataFrame({"period": [1, 1, 2, 2], "region": ["E", "W", "E", "W"],
        ...                   "demand": [90, 10, 50, 50]})
        >>> allocate_fleet(d, 10, min_per_region=2)["vehicles"].tolist()
        [7, 3, 5, 5]
    """
    fleet_size = _count(fleet_size, "fleet_size")
    min_per_region = _count(min_per_region, "min_per_region")
    periods, regions, table = _demand_grid(demand)
    spare = fleet_size - min_per_region * len(regions)
    if spare < 0:
        raise ResourceError(
            f"min_per_region={min_per_region} for {len(regions)} regions needs {min_per_region * len(regions)} "
            f"vehicles but the fleet has {fleet_size}; lower the minimum or enlarge the fleet"
        )
    rows = []
    for period in periods:
        block = table[table["period"] == period].set_index("region").loc[regions]
        shares = largest_remainder(block["demand"].tolist(), spare)
        for region, d, share in zip(regions, block["demand"], shares):
            rows.append((period, region, d, min_per_region + share))
    return pd.DataFrame(rows, columns=["period", "region", "demand", "vehicles"])


def utilisation(allocation: pd.DataFrame, demand: pd.DataFrame | None = None, *,
                capacity_per_vehicle: float) -> pd.DataFrame:
    """Service and utilisation of an allocation, per period and region.

    ``capacity = vehicles * capacity_per_vehicle``; ``served = min(demand, capacity)``;
    ``unmet = demand - served``; ``utilisation = served / capacity`` (NaN where a region
    has no vehicle). ``demand`` (period, region, demand) defaults to the ``demand``
    column of ``allocation``.

    Example::

        >>> a = pd.DataFrame({"period": [1, 1], "region": ["E", "W"], "vehicles": [8, 2], "demand": [100, 10]})
        >>> utilisation(a, capacity_per_vehicle=10)[["served", "unmet", "utilisation"]].values.tolist()
        [[80.0, 20.0, 1.0], [10.0, 0.0, 0.5]]
    """
    capacity_per_vehicle = _number(capacity_per_vehicle, "capacity_per_vehicle")
    allocation = _check_allocation(allocation)
    if demand is None:
        if "demand" not in allocation.columns:
            raise ResourceError("pass demand=... (period, region, demand): the allocation has no 'demand' column")
        demand = allocation[["period", "region", "demand"]]
    _, _, demand = _demand_grid(demand)
    merged = allocation[["period", "region", "vehicles"]].merge(demand, on=["period", "region"], how="left")
    if merged["demand"].isna().any():
        row = merged[merged["demand"].isna()].iloc[0]
        raise ResourceError(f"no demand for {_where(row)}; add that row")
    merged["capacity"] = merged["vehicles"] * capacity_per_vehicle
    merged["served"] = np.minimum(merged["demand"], merged["capacity"]).astype(float)
    merged["unmet"] = merged["demand"] - merged["served"]
    with np.errstate(divide="ignore", invalid="ignore"):
        merged["utilisation"] = np.where(merged["capacity"] > 0, merged["served"] / merged["capacity"], np.nan)
    return merged[["period", "region", "demand", "vehicles", "capacity", "served", "unmet", "utilisation"]]


def _check_allocation(allocation: pd.DataFrame) -> pd.DataFrame:
    """The allocation with its ``vehicles`` as whole numbers, or ResourceError naming the bad row."""
    if not isinstance(allocation, pd.DataFrame):
        raise ResourceError("allocation must be a DataFrame with 'period', 'region', 'vehicles'")
    missing = [c for c in ("period", "region", "vehicles") if c not in allocation.columns]
    if missing:
        raise ResourceError(f"allocation lacks column(s) {missing}; use the output of allocate_fleet")
    if len(allocation) == 0:
        raise ResourceError("allocation is empty; give one row per period and region (see allocate_fleet)")
    if not allocation.columns.is_unique:
        raise ResourceError("allocation has two columns with the same name; keep one 'vehicles' column")
    vehicles = pd.Series(floats(allocation["vehicles"]), index=allocation.index)
    bad = ~((vehicles >= 0) & (vehicles <= MAX_UNITS)) | (vehicles != vehicles.round())
    if bad.any():
        row = allocation[bad].iloc[0]
        raise ResourceError(
            f"vehicles of {_where(row)} is {shown(row['vehicles'])}; "
            f"use a whole number from 0 to {MAX_UNITS:,}"
        )
    return allocation.assign(vehicles=vehicles.astype(np.int64))


def redeployment_cost(allocation: pd.DataFrame, cost_per_move: float) -> pd.DataFrame:
    """Vehicles moved between consecutive periods and what the moves cost.

    For each period after the first (periods in order of first appearance):
    ``moves = sum over regions of max(0, vehicles_now - vehicles_before)`` (a region
    absent in a period counts as 0 vehicles); ``cost = moves * cost_per_move``. The
    first period has 0 moves. ``result["cost"].sum()`` is the total.

    Example::

        >>> a = pd.DataFrame({"period": [1, 1, 2, 2], "region": ["E", "W"] * 2, "vehicles": [5, 5, 8, 2]})
        >>> r = redeployment_cost(a, 1200)
        >>> r["moves"].tolist(), r["cost"].tolist()
        ([0, 3], [0.0, 3600.0])
    """
    cost_per_move = _number(cost_per_move, "cost_per_move")
    allocation = _check_allocation(allocation)
    grid = allocation.pivot_table(index="period", columns="region", values="vehicles", aggfunc="sum",
                                  fill_value=0, sort=False)
    grid = grid.loc[list(pd.unique(allocation["period"])), list(pd.unique(allocation["region"]))]
    moves = grid.diff().clip(lower=0).sum(axis=1).astype(int)
    moves.iloc[0] = 0
    return pd.DataFrame({"period": grid.index, "moves": moves.to_numpy(),
                         "cost": moves.to_numpy() * cost_per_move})


def peak_share(allocation: pd.DataFrame, region) -> pd.Series:
    """Share of the fleet in ``region`` each period: ``vehicles(region) / vehicles(all regions)``.

    Example::

        >>> a = pd.DataFrame({"period": ["peak", "peak"], "region": ["East", "West"], "vehicles": [40, 10]})
        >>> peak_share(a, "East").tolist()
        [0.8]
    """
    allocation = _check_allocation(allocation)
    if region not in set(allocation["region"]):
        raise ResourceError(
            f"unknown region {plain(region)!r}; the allocation has {list(pd.unique(allocation['region']))}"
        )
    periods = list(pd.unique(allocation["period"]))
    total = allocation.groupby("period", sort=False)["vehicles"].sum().loc[periods]
    mine = allocation[allocation["region"] == region].groupby("period", sort=False)["vehicles"].sum()
    share = mine.reindex(periods, fill_value=0) / total.replace(0, np.nan)
    return share.rename(f"share_{region}")


@dataclass(frozen=True)
class PulseScenario:
    """Result of ``pulse_scenario``.

    Attributes:
        allocation: per period and region: ``period, region, demand, vehicles, capacity,
            served, unmet, utilisation``.
        summary: per period: ``period, demand, capacity, served, unmet, utilisation,
            peak_share, moves, cost``.
        totals: ``served, unmet, service_level (served / demand), utilisation (served /
            capacity), moves, cost`` over the whole cycle.
    """

    allocation: pd.DataFrame
    summary: pd.DataFrame
    totals: dict


PULSE_PERIODS = ("before peak", "peak", "after peak")


# Twin: pulseScenario in followup/calculators/pulse_calculator.mjs (tests/test_parity.py).
def pulse_scenario(base_demand_by_region: Mapping, peak_intensity: float, peak_region, share_to_peak: float,
                   fleet: int, capacity: float, cost_per_move: float) -> PulseScenario:
    """One peak season: off-season, peak, off-season again, with a fleet sent to the peak.

    Exact model (what the calculator computes):

    1. Periods ``"before peak"``, ``"peak"``, ``"after peak"``. Demand per region is
       ``base_demand_by_region`` in the off-season periods; at the peak the peak
       region's demand is multiplied by ``peak_intensity``, the others unchanged.
    2. Off-season allocation: ``allocate_fleet`` of the base demand (no minimum).
    3. Peak allocation: ``n = floor(share_to_peak * fleet + 0.5)`` vehicles to the peak
       region; the other ``fleet - n`` shared among the other regions in proportion to
       their demand by ``largest_remainder`` (regions in the given order).
    4. ``utilisation`` with ``capacity`` per vehicle; ``redeployment_cost`` with
       ``cost_per_move`` (the fleet moves twice: out to the peak and back).
    5. Totals: sums over the three periods; ``service_level = served / demand``,
       ``utilisation = served / capacity`` (fleet-wide).

    Example (S3.1: 80 % of 100 vehicles to East China at a triple peak)::

        >>> s = pulse_scenario({"East": 300, "North": 200, "South": 200, "West": 100}, 3.0, "East",
        ...                    0.8, 100, 10, 500)
        >>> s.summary.loc[1, ["peak_share", "cost"]].tolist(), s.totals["moves"]
        ([0.8, 21000.0], 84)
    """
    if not isinstance(base_demand_by_region, Mapping) or len(base_demand_by_region) < 2:
        raise ResourceError("base_demand_by_region must map at least two regions to their off-season demand")
    if peak_region not in base_demand_by_region:
        raise ResourceError(
            f"peak_region {peak_region!r} is not one of the regions {list(base_demand_by_region)}; pick one of them"
        )
    peak_intensity = _number(peak_intensity, "peak_intensity")
    share_to_peak = _number(share_to_peak, "share_to_peak")
    if share_to_peak > 1:
        raise ResourceError(f"share_to_peak is a fraction of the fleet between 0 and 1, got {share_to_peak!r}")
    fleet = _count(fleet, "fleet", positive=True)
    regions = list(base_demand_by_region)
    base = [_number(base_demand_by_region[r], f"base demand of {r!r}") for r in regions]
    peak = [d * peak_intensity if r == peak_region else d for r, d in zip(regions, base)]
    demand = pd.DataFrame({
        "period": [p for p in PULSE_PERIODS for _ in regions],
        "region": regions * 3,
        "demand": base + peak + base,
    })
    off = allocate_fleet(demand[demand["period"] == PULSE_PERIODS[0]], fleet)["vehicles"].tolist()
    to_peak = math.floor(share_to_peak * fleet + 0.5)
    others = iter(largest_remainder([d for r, d in zip(regions, peak) if r != peak_region], fleet - to_peak))
    at_peak = [to_peak if r == peak_region else next(others) for r in regions]
    allocation = demand.assign(vehicles=off + at_peak + off)
    detail = utilisation(allocation, capacity_per_vehicle=capacity)
    moves = redeployment_cost(allocation, cost_per_move)
    per_period = detail.groupby("period", sort=False)[["demand", "capacity", "served", "unmet"]].sum()
    per_period = per_period.loc[list(PULSE_PERIODS)].reset_index()
    per_period["utilisation"] = per_period["served"] / per_period["capacity"].replace(0, np.nan)
    per_period["peak_share"] = peak_share(allocation, peak_region).to_numpy()
    per_period["moves"] = moves["moves"].to_numpy()
    per_period["cost"] = moves["cost"].to_numpy()
    served, total_demand, total_capacity = (float(per_period[c].sum()) for c in ("served", "demand", "capacity"))
    totals = {
        "served": served,
        "unmet": float(per_period["unmet"].sum()),
        "service_level": served / total_demand if total_demand else float("nan"),
        "utilisation": served / total_capacity if total_capacity else float("nan"),
        "moves": int(per_period["moves"].sum()),
        "cost": float(per_period["cost"].sum()),
    }
    return PulseScenario(allocation=detail, summary=per_period, totals=totals)
