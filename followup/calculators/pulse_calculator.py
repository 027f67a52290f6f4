"""The resource-pulse calculator of chapter 3: a business pulse beside a project's frozen cranes.

Two sides, one widget:

* **Business pulse** (``data/fleet_pulse/``): the reader sets the peak intensity, the
  share of the fleet sent to the peak region and the cost of moving a truck, and sees
  utilisation, unmet demand and redeployment cost - :func:`followup.pulse.pulse_scenario`.
* **Project profile** (``data/hualong_crane/``): the lifts of the dome phase as a network
  (each lift released at its booked start, ``after_lift`` links with their gaps, times in
  minutes); the reader sets the crane capacities and switches levelling on or off and
  sees the hourly crane-usage histogram, the phase end and the standby cost of any delay
  - :func:`followup.levelling.serial_sgs`, :func:`followup.resources.usage_profile`,
  :func:`~followup.resources.over_allocation` and :func:`~followup.resources.standby_cost`.

The serial SGS knows only crane capacity and the links: not the cranes' daily operating hours nor
the wind, which made the real dome lift 37 hours late (:func:`followup.datasets.hualong_crane.replay`
models those). So the project side shows what capacity alone does: which lifts move, whether the
phase end moves, and what an hour of standby costs.

The browser computes both (``pulse_calculator.mjs``); Python recomputes them on every
change (``result``) and ``tests/test_parity.py`` holds the two equal.

Example::

    >>> calc = PulseCalculator.from_case()
    >>> float(calc.result.business.summary.loc[1, "peak_share"])
    0.8
    >>> calc.capacities = {**calc.capacities, "TC1+TC2": 1}
    >>> calc.result.project.over_allocated_hours > 0      # levelling off: the clashes show
    True
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
from followup.resources import StandbyCost, over_allocation, standby_cost, usage_profile
from followup.schedule import critical_path_method

__all__ = ["PulseCalculator", "PulseResult", "ProjectProfile", "lift_network", "project_profile"]

MINUTES_PER_HOUR = 60
#: Tower cranes TC1 and TC2 are the same model (64 t, 80 m jib): one pool, so a lift may take either.
CRANE_POOLS = {"TC1": "TC1+TC2", "TC2": "TC1+TC2"}
START_ID = "START"
PRIORITIES = {"lft": "critical path first (latest finish time)", "booking": "first booked, first served"}


@dataclass(frozen=True)
class ProjectProfile:
    """The project side: where each lift starts and what the cranes carry, hour by hour."""

    starts: pd.Series  # start of each activity, minutes from the phase's first midnight
    profile: pd.DataFrame  # peak cranes in use per hour (index: period_start in minutes), one column per pool
    over: pd.DataFrame  # over_allocation of the profile: one row per hour and crane pool above capacity
    finish: int  # end of the last lift, minutes
    cpm_finish: int  # the same with cranes ignored (the booked plan)
    standby: StandbyCost  # every standby item charged for the hours the phase ends late

    @property
    def over_allocated_hours(self) -> int:
        """Hours in which some crane pool is booked above its capacity."""
        return int(self.over["period_start"].nunique())


@dataclass(frozen=True)
class PulseResult:
    business: PulseScenario
    project: ProjectProfile


def lift_network(case: hualong_crane.CraneCase) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The dome phase as ``(activities, links, demands)`` in whole minutes from its first midnight.

    A milestone ``START`` releases each lift at its booked start (an FS link with that lag);
    ``after_lift`` becomes an FS link with lag ``gap_h`` in minutes. Each lift needs one unit
    of its crane pool (TC1 and TC2 pooled, see :data:`CRANE_POOLS`). ``activities`` also
    carries ``booked_start`` (minutes), the key of the "first booked" priority.

    >>> acts, links, demands = lift_network(hualong_crane.load())
    >>> acts.loc[0, "id"], int(demands.sum().sum()) == len(acts) - 1
    ('START', True)
    """
    lifts = case.lifts
    origin = lifts["planned_start"].min().normalize()
    minutes = lambda t: ((t - origin) / pd.Timedelta(minutes=1)).round().astype(int)  # noqa: E731
    booked = minutes(lifts["planned_start"])
    activities = pd.DataFrame({
        "id": [START_ID, *lifts["lift_id"]],
        "name": ["Phase start (first midnight)", *lifts["description"]],
        "duration": [0, *(minutes(lifts["planned_finish"]) - booked)],
        "booked_start": [0, *booked],
    })
    release = pd.DataFrame({"predecessor": START_ID, "successor": lifts["lift_id"], "type": "FS", "lag": booked})
    chained = lifts[lifts["after_lift"].notna()]
    after = pd.DataFrame({"predecessor": chained["after_lift"], "successor": chained["lift_id"], "type": "FS",
                          "lag": (chained["gap_h"].fillna(0) * MINUTES_PER_HOUR).round().astype(int)})
    links = pd.concat([release, after], ignore_index=True)
    pools = lifts["crane_id"].map(lambda c: CRANE_POOLS.get(c, c))
    columns = list(dict.fromkeys(case.cranes["crane_id"].map(lambda c: CRANE_POOLS.get(c, c))))
    demands = pd.DataFrame(0, index=pd.Index(lifts["lift_id"], name="id"), columns=columns)
    for lift, pool in zip(lifts["lift_id"], pools):
        demands.loc[lift, pool] = 1
    return activities, links, demands


def project_profile(activities: pd.DataFrame, links: pd.DataFrame, demands: pd.DataFrame, capacities: dict,
                    *, levelling: bool, priority: str, rates: pd.DataFrame) -> ProjectProfile:
    """Schedule the lifts (early dates, or levelled by the serial SGS) and measure crane usage.

    ``priority`` is ``"lft"`` or ``"booking"`` (the ``booked_start`` column: first booked,
    first served). The delay is the levelled finish minus the CPM finish, charged to every
    item of ``rates`` (``item``, ``rate`` per hour, ``quantity``) by :func:`standby_cost`.
    """
    cpm = critical_path_method(activities, links)
    if levelling:
        rule = pd.Series(activities["booked_start"].to_numpy(), index=activities["id"]) \
            if priority == "booking" else priority
        levelled = serial_sgs(activities, links, demands, capacities, priority=rule)
        table, start_col, finish = levelled.table, "start", levelled.makespan
    else:
        table, start_col, finish = cpm.table, "early_start", cpm.duration
    profile = usage_profile(table, demands, period=MINUTES_PER_HOUR, start_col=start_col)
    return ProjectProfile(
        starts=table[start_col],
        profile=profile,
        over=over_allocation(profile, capacities),
        finish=int(finish),
        cpm_finish=int(cpm.duration),
        standby=standby_cost((finish - cpm.duration) / MINUTES_PER_HOUR, rates),
    )


class PulseCalculator(Calculator):
    """Business pulse vs frozen project resources, live in the browser."""

    _module = "pulse_calculator.mjs"
    _inputs = ("peak_intensity", "peak_region", "share_to_peak", "cost_per_move", "capacities", "levelling",
               "priority")

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
    capacities = traitlets.Dict().tag(sync=True)  # crane pool -> cranes available
    levelling = traitlets.Bool(False).tag(sync=True)
    priority = traitlets.Enum(tuple(PRIORITIES), "lft").tag(sync=True)
    activities = traitlets.List(traitlets.Dict()).tag(sync=True)
    links = traitlets.List(traitlets.Dict()).tag(sync=True)
    demands = traitlets.List(traitlets.Dict()).tag(sync=True)  # rows {id, <pool>: units}
    rates = traitlets.List(traitlets.Dict()).tag(sync=True)  # rows {item, rate, quantity}
    origin = traitlets.Unicode("").tag(sync=True)  # the phase's first midnight, ISO

    @classmethod
    def from_case(cls, **kwargs: Any) -> PulseCalculator:
        """The calculator on ``data/fleet_pulse/`` and ``data/hualong_crane/``; traits may be overridden.

        Business defaults: each region's off-season demand is its median week of 2025; the
        peak is East China's busiest week over its median (rounded to 0.1), 80 % of the
        fleet goes there (S3.1). Project defaults: one crane per pool, two in TC1+TC2.
        """
        pulse_case, crane_case = fleet_pulse.load(), hualong_crane.load()
        demand = pulse_case.demand
        median = demand.groupby("region", sort=False)["demand"].median()
        east = demand[demand["region"] == "East China"]["demand"]
        fleet = pulse_case.fleet.iloc[0]
        activities, links, demands = lift_network(crane_case)
        rates = crane_case.standby_rates[["item", "rate", "quantity"]]
        defaults = {
            "base_demand": {str(r): float(v) for r, v in median.items()},
            "peak_region": "East China",
            "peak_intensity": round(float(east.max() / median["East China"]), 1),
            "share_to_peak": 0.8,
            "fleet": int(fleet["vehicles"]),
            "capacity_per_vehicle": float(fleet["capacity_per_vehicle"]),
            "cost_per_move": int(fleet["cost_per_move_cny"]),
            "capacities": {pool: (2 if pool == "TC1+TC2" else 1) for pool in demands.columns},
            "activities": json_records(activities),
            "links": json_records(links),
            "demands": json_records(demands.reset_index()),
            "rates": json_records(rates),
            "origin": crane_case.lifts["planned_start"].min().normalize().isoformat(),
        }
        return cls(**{**defaults, **kwargs})

    def _compute(self) -> PulseResult:
        business = pulse_scenario(self.base_demand, self.peak_intensity, self.peak_region, self.share_to_peak,
                                  self.fleet, self.capacity_per_vehicle, self.cost_per_move)
        demands = pd.DataFrame(self.demands).set_index("id")
        project = project_profile(pd.DataFrame(self.activities), pd.DataFrame(self.links), demands,
                                  dict(self.capacities), levelling=self.levelling, priority=self.priority,
                                  rates=pd.DataFrame(self.rates))
        return PulseResult(business=business, project=project)

    def _summary(self) -> str:
        b, p = self.result.business, self.result.project
        return (f"peak share {b.summary.loc[1, 'peak_share']:.0%}, service level {b.totals['service_level']:.1%}, "
                f"redeployment CNY {b.totals['cost']:,.0f}; levelling {'on' if self.levelling else 'off'}, "
                f"{p.over_allocated_hours} over-allocated hour(s), phase ends {(p.finish - p.cpm_finish) / 60:g} h "
                f"after the plan, standby CNY {p.standby.total:,.0f}")
