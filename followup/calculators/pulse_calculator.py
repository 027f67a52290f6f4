"""The resource-pulse calculator of chapter 3: a business pulse beside a project's frozen cranes.

Two sides, one widget:

* **Business pulse** (``data/fleet_pulse/``): the reader sets the peak intensity, the
  share of the fleet sent to the peak region and the cost of moving a truck, and sees
  utilisation, unmet demand and redeployment cost - :func:`followup.pulse.pulse_scenario`.
* **Project profile** (``data/hualong_crane/``): the chapter's network of the two days
  around the tower-crane clash, with the crane's nights and the windy spell as blocks that
  hold a crane (:func:`followup.datasets.hualong_crane.dome_network`). The reader sets the
  number of tower cranes and the priority rule of the levelling (first booked, first
  served, or critical first) and sees the hourly TC2 histogram, which lifts wait, the
  dome lift's finish and delay, and the standby cost of that delay -
  :func:`followup.levelling.serial_sgs` and :func:`followup.resources.standby_cost` with
  the hours each item is charged (:func:`~followup.datasets.hualong_crane.charged_hours`).

The browser computes both (``pulse_calculator.mjs``); Python recomputes them on every
change (``result``) and ``tests/test_parity.py`` holds the two equal.

Example::

    >>> calc = PulseCalculator.from_case()
    >>> float(calc.result.business.summary.loc[1, "peak_share"])
    0.8
    >>> calc.result.project.delay_hours, calc.result.project.standby.total   # S3.2
    (37.0, 900000.0)
    >>> calc.priority = "lft"                       # critical first: the brackets wait instead
    >>> calc.result.project.delay_hours
    0.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import traitlets

from followup.calculators._base import Calculator, json_records
from followup.datasets import fleet_pulse, hualong_crane
from followup.levelling import serial_sgs
from followup.pulse import PulseScenario, pulse_scenario
from followup.resources import StandbyCost, standby_cost, usage_profile
from followup.schedule import critical_path_method

__all__ = ["PulseCalculator", "PulseResult", "ProjectProfile", "project_profile"]

MINUTES_PER_HOUR = 60
PRIORITIES = {"booking": "first booked, first served", "lft": "critical first (latest finish time)"}


@dataclass(frozen=True)
class ProjectProfile:
    """The project side: the levelled network and what the dome's wait costs."""

    starts: pd.Series  # levelled start of each activity, minutes from the network's origin
    usage: pd.Series  # TC2 cranes in use by lifts, peak per hour (index: hour start in minutes)
    moved: pd.Series  # hours each lift or work starts after its early start (only those that wait)
    dome_start: int  # minutes from the origin
    dome_finish: int
    delay_hours: float  # the dome lift's start after its booked slot
    standby: StandbyCost  # every standby item, charged for its own hours of that delay


@dataclass(frozen=True)
class PulseResult:
    business: PulseScenario
    project: ProjectProfile


def project_profile(network: hualong_crane.DomeNetwork, tower_cranes, priority: str,
                    rates: pd.DataFrame) -> ProjectProfile:
    """Level ``network`` with ``tower_cranes`` in the TC2 pool by the ``priority`` rule; price the dome's wait.

    ``priority`` is ``"booking"`` or ``"lft"`` (:meth:`~followup.datasets.hualong_crane.DomeNetwork.priority`).
    Each item of ``rates`` (``item``, ``rate``, ``quantity``, ``charged_from``, ``charged_to``)
    is charged for the hours of the delay inside its daily charged hours.

    >>> case = hualong_crane.load()
    >>> p = project_profile(hualong_crane.dome_network(case), 2, "booking", case.standby_rates)
    >>> p.delay_hours, list(p.moved.index)      # a second tower crane: nobody waits
    (0.0, [])
    """
    demands, capacities = hualong_crane.hold_tower_cranes(network.activities, network.demands, tower_cranes)
    keys = network.priority(priority)
    levelled = serial_sgs(network.activities, network.links, demands, capacities, priority=keys)
    early = critical_path_method(network.activities, network.links).table["early_start"]
    kind = network.activities.set_index("id")["kind"]
    busy = kind.index[kind.isin(["lift", "work"])]
    shift = (levelled.starts - early).loc[busy]
    lifts = kind.index[kind == "lift"]
    usage = usage_profile(levelled.table.loc[lifts], demands.loc[lifts, [hualong_crane.TOWER_CRANE]],
                          period=MINUTES_PER_HOUR, start_col="start")[hualong_crane.TOWER_CRANE]
    dome = hualong_crane.DOME_LIFT
    start, finish = int(levelled.starts[dome]), int(levelled.table.loc[dome, "finish"])
    slot = network.origin + pd.Timedelta(minutes=network.dome_slot)
    waited = slot + pd.Timedelta(minutes=start - network.dome_slot)
    hours = pd.Series([hualong_crane.charged_hours(slot, waited, r.charged_from, r.charged_to)
                       for r in rates.itertuples()], index=rates["item"].tolist())
    return ProjectProfile(
        starts=levelled.starts, usage=usage, moved=shift[shift > 0] / MINUTES_PER_HOUR,
        dome_start=start, dome_finish=finish, delay_hours=(start - network.dome_slot) / MINUTES_PER_HOUR,
        standby=standby_cost(hours, rates))


class PulseCalculator(Calculator):
    """Business pulse vs frozen project resources, live in the browser."""

    _module = "pulse_calculator.mjs"
    _inputs = ("peak_intensity", "peak_region", "share_to_peak", "cost_per_move", "tower_cranes", "priority")

    title = traitlets.Unicode("Resource calculator: a business pulse and a project's cranes").tag(sync=True)
    # business side (the reader's inputs, then the case data)
    peak_intensity = traitlets.Any(3.0).tag(sync=True)
    peak_region = traitlets.Unicode("").tag(sync=True)
    share_to_peak = traitlets.Any(0.8).tag(sync=True)
    cost_per_move = traitlets.Any(0).tag(sync=True)
    base_demand = traitlets.Dict().tag(sync=True)  # region -> off-season demand per period
    fleet = traitlets.Int(1).tag(sync=True)
    capacity_per_vehicle = traitlets.Float(1.0).tag(sync=True)
    # project side (the reader's inputs, then the case data)
    tower_cranes = traitlets.Any(1).tag(sync=True)  # cranes in the TC2 pool (Any: a bad value is a message)
    priority = traitlets.Enum(tuple(PRIORITIES), "booking").tag(sync=True)
    activities = traitlets.List(traitlets.Dict()).tag(sync=True)  # rows {id, name, duration, kind}, minutes
    links = traitlets.List(traitlets.Dict()).tag(sync=True)
    demands = traitlets.List(traitlets.Dict()).tag(sync=True)  # rows {id, TC2, CC1600}: one tower crane
    rates = traitlets.List(traitlets.Dict()).tag(sync=True)  # rows {item, rate, quantity, charged_from, charged_to}
    origin = traitlets.Unicode("").tag(sync=True)  # minute 0 of the network, ISO local time
    dome_slot = traitlets.Int(0).tag(sync=True)  # the dome lift's booked start, minutes from origin

    @classmethod
    def from_case(cls, **kwargs: Any) -> PulseCalculator:
        """The calculator on ``data/fleet_pulse/`` and ``data/hualong_crane/``; traits may be overridden.

        Business defaults: each region's off-season demand is its median week of 2025; the
        peak is East China's busiest week over its median (rounded to 0.1), 80 % of the
        fleet goes there (S3.1). Project defaults: the booked plan (one tower crane) levelled first
        booked, first served, the site's rule: the dome 37 hours late (S3.2).
        """
        pulse_case, crane_case = fleet_pulse.load(), hualong_crane.load()
        demand = pulse_case.demand
        median = demand.groupby("region", sort=False)["demand"].median()
        east = demand[demand["region"] == "East China"]["demand"]
        fleet = pulse_case.fleet.iloc[0]
        network = hualong_crane.dome_network(crane_case)
        rates = crane_case.standby_rates[["item", "rate", "quantity", "charged_from", "charged_to"]]
        defaults = {
            "base_demand": {str(r): float(v) for r, v in median.items()},
            "peak_region": "East China",
            "peak_intensity": round(float(east.max() / median["East China"]), 1),
            "share_to_peak": 0.8,
            "fleet": int(fleet["vehicles"]),
            "capacity_per_vehicle": float(fleet["capacity_per_vehicle"]),
            "cost_per_move": int(fleet["cost_per_move_cny"]),
            "tower_cranes": network.capacities[hualong_crane.TOWER_CRANE],
            "activities": json_records(network.activities),
            "links": json_records(network.links),
            "demands": json_records(network.demands.reset_index()),
            "rates": json_records(rates),
            "origin": network.origin.isoformat(),
            "dome_slot": network.dome_slot,
        }
        return cls(**{**defaults, **kwargs})

    def _compute(self) -> PulseResult:
        business = pulse_scenario(self.base_demand, self.peak_intensity, self.peak_region, self.share_to_peak,
                                  self.fleet, self.capacity_per_vehicle, self.cost_per_move)
        demands = pd.DataFrame(self.demands).set_index("id")
        network = hualong_crane.DomeNetwork(
            activities=pd.DataFrame(self.activities), links=pd.DataFrame(self.links), demands=demands,
            capacities={hualong_crane.TOWER_CRANE: 1, "CC1600": 1},  # demands hold one crane
            origin=pd.Timestamp(self.origin), dome_slot=self.dome_slot)
        project = project_profile(network, self.tower_cranes, self.priority, pd.DataFrame(self.rates))
        return PulseResult(business=business, project=project)

    def _summary(self) -> str:
        b, p = self.result.business, self.result.project
        return (f"peak share {b.summary.loc[1, 'peak_share']:.0%}, service level {b.totals['service_level']:.1%}, "
                f"redeployment CNY {b.totals['cost']:,.0f}; {self.tower_cranes} tower crane(s), "
                f"{PRIORITIES[self.priority]}: dome lift {p.delay_hours:g} h late, standby CNY {p.standby.total:,.0f}")
