"""The rules of the fleet-pulse case (S3.1): the peak season the chapter and the calculator start from.

:mod:`followup.datasets.fleet_pulse` reads the files; this module says which season they describe::

    >>> from followup.datasets import fleet_pulse as loader
    >>> season = peak_season(loader.load())
    >>> season["peak_region"], season["share_to_peak"]
    ('East China', 0.8)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.datasets.fleet_pulse import FleetPulse

__all__ = ["PEAK_REGION", "SHARE_TO_PEAK", "peak_season"]

PEAK_REGION = "East China"  # the region of the peak (S3.1)
SHARE_TO_PEAK = 0.8  # the article's 80 % of the fleet sent there (S3.1)


def peak_season(case: FleetPulse) -> dict:
    """The arguments of :func:`followup.pulse.pulse_scenario` for the case's peak season.

    Each region's off-season demand is its median week; the peak intensity is the peak
    region's busiest week over its median (rounded to 0.1); 80 % of the fleet goes there;
    fleet size, capacity per vehicle and the cost of a move come from ``fleet.csv``.
    """
    demand = case.demand
    median = demand.groupby("region", sort=False)["demand"].median()
    peak = demand.loc[demand["region"] == PEAK_REGION, "demand"]
    fleet = case.fleet.iloc[0]
    return {
        "base_demand_by_region": {str(r): float(v) for r, v in median.items()},
        "peak_intensity": round(float(peak.max() / median[PEAK_REGION]), 1),
        "peak_region": PEAK_REGION,
        "share_to_peak": SHARE_TO_PEAK,
        "fleet": int(fleet["vehicles"]),
        "capacity": float(fleet["capacity_per_vehicle"]),
        "cost_per_move": int(fleet["cost_per_move_cny"]),
    }
