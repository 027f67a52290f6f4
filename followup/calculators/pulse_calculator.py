"""The resource-pulse calculator of chapter 3: a business pulse beside a project's frozen cranes.

Two sides, one widget:

* **Business pulse** (``data/fleet_pulse/``): the reader types the peak intensity, the
  share of the fleet sent to the peak region and the cost of moving a truck, and sees
  utilisation, unmet demand and redeployment cost - :func:`followup.pulse.pulse_scenario`,
  whose arithmetic the page runs itself (``pulseScenario`` in ``pulse_calculator.mjs``, its
  twin; ``tests/test_parity.py`` holds the two equal).
* **Project profile** (``data/hualong_crane/``): the chapter's network of the two days
  around the tower-crane clash (:func:`followup.cases.hualong_crane.dome_network`). The reader
  picks the number of tower cranes (1 to :data:`~followup.cases.hualong_crane.MAX_TOWER_CRANES`)
  and the priority rule of the levelling; that is a finite set, so Python computes every
  profile (:func:`followup.cases.hualong_crane.project_profile`) when the notebook runs and
  ships them as data (``profiles``): the page only picks and draws.

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

import numpy as np
import traitlets

from followup.calculators._base import Calculator
from followup.cases import hualong_crane as crane_rules
from followup.cases.fleet_pulse import peak_season
from followup.cases.hualong_crane import (MAX_TOWER_CRANES, MINUTES_PER_HOUR, PRIORITIES, TOWER_CRANE,
                                          ProjectProfile, project_profile)
from followup.datasets import fleet_pulse, hualong_crane
from followup.errors import ResourceError
from followup.pulse import PulseScenario, pulse_scenario
from followup.resources import standby_cost

__all__ = ["PulseCalculator", "PulseResult", "ProjectProfile", "project_profile", "profile_record"]

#: hours of the TC2 histogram the panel draws, from the network's origin
HOURS_SHOWN = 36


@dataclass(frozen=True)
class PulseResult:
    business: PulseScenario
    project: ProjectProfile


def profile_record(profile: ProjectProfile) -> dict:
    """A project profile as the plain data the page draws (hours, minutes from the origin, CNY)."""
    usage = profile.usage.reindex(np.arange(HOURS_SHOWN) * MINUTES_PER_HOUR, fill_value=0)
    return {"usage": [int(u) for u in usage],
            "moved": [{"id": str(i), "hours": float(h)} for i, h in profile.moved.items()],
            "dome_start": profile.dome_start, "dome_finish": profile.dome_finish,
            "delay_hours": float(profile.delay_hours), "standby_total": float(profile.standby.total)}


def _check_tower_cranes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= MAX_TOWER_CRANES \
            or not float(value).is_integer():
        raise ResourceError(f"tower_cranes is {value!r}; the calculator offers a whole number of tower cranes "
                            f"from 1 to {MAX_TOWER_CRANES}")
    return int(value)


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
    # project side: the reader's inputs, then what Python computed for every choice of them
    tower_cranes = traitlets.Any(1).tag(sync=True)  # cranes in the TC2 pool (Any: a bad value is a message)
    priority = traitlets.Enum(tuple(PRIORITIES), "booking").tag(sync=True)
    max_tower_cranes = traitlets.Int(MAX_TOWER_CRANES).tag(sync=True)
    profiles = traitlets.Dict().tag(sync=True)  # rule -> [profile_record for 1..max_tower_cranes cranes]
    blocks = traitlets.List(traitlets.Dict()).tag(sync=True)  # [{id, from, to}] minutes TC2 is shut
    lifts = traitlets.Int(0).tag(sync=True)  # TC2 lifts in the network
    standby_per_hour = traitlets.Float(0.0).tag(sync=True)  # CNY of one full hour of standby
    origin = traitlets.Unicode("").tag(sync=True)  # minute 0 of the network, ISO local time
    dome_slot = traitlets.Int(0).tag(sync=True)  # the dome lift's booked start, minutes from origin

    def __init__(self, crane_case: hualong_crane.CraneCase | None = None, **kwargs: Any) -> None:
        case = crane_case if crane_case is not None else hualong_crane.load()
        self._network = crane_rules.dome_network(case)
        self._rates = case.standby_rates[["item", "rate", "quantity", "charged_from", "charged_to"]]
        net = self._network
        kind = net.activities.set_index("id")["kind"]
        starts = net.links.set_index("successor")["lag"]
        blocks = [{"id": i, "from": int(starts[i]), "to": int(starts[i] + d)}
                  for i, d in net.activities.set_index("id")["duration"].items()
                  if kind[i] == "calendar" and net.demands.loc[i, TOWER_CRANE] > 0]
        defaults = {
            "tower_cranes": net.capacities[TOWER_CRANE],
            "profiles": {rule: [profile_record(project_profile(net, n, rule, self._rates))
                                for n in range(1, MAX_TOWER_CRANES + 1)] for rule in PRIORITIES},
            "blocks": blocks,
            "lifts": int((kind == "lift").sum()) - 1,  # the dome lift is the crawler crane's
            "standby_per_hour": float(standby_cost(1, self._rates).total),
            "origin": net.origin.isoformat(),
            "dome_slot": net.dome_slot,
        }
        super().__init__(**{**defaults, **kwargs})

    @classmethod
    def from_case(cls, **kwargs: Any) -> PulseCalculator:
        """The calculator on ``data/fleet_pulse/`` and ``data/hualong_crane/``; traits may be overridden.

        Business defaults: the case's peak season (:func:`followup.cases.fleet_pulse.peak_season`:
        median weeks off-season, East China's busiest week at the peak, 80 % of the fleet sent
        there, S3.1). Project defaults: the booked plan (one tower crane) levelled first
        booked, first served, the site's rule: the dome 37 hours late (S3.2).
        """
        season = peak_season(fleet_pulse.load())
        defaults = {
            "base_demand": season["base_demand_by_region"],
            "peak_region": season["peak_region"],
            "peak_intensity": season["peak_intensity"],
            "share_to_peak": season["share_to_peak"],
            "fleet": season["fleet"],
            "capacity_per_vehicle": season["capacity"],
            "cost_per_move": season["cost_per_move"],
        }
        return cls(hualong_crane.load(), **{**defaults, **kwargs})

    def _compute(self) -> PulseResult:
        business = pulse_scenario(self.base_demand, self.peak_intensity, self.peak_region, self.share_to_peak,
                                  self.fleet, self.capacity_per_vehicle, self.cost_per_move)
        cranes = _check_tower_cranes(self.tower_cranes)
        return PulseResult(business=business,
                           project=project_profile(self._network, cranes, self.priority, self._rates))

    def _summary(self) -> str:
        b, p = self.result.business, self.result.project
        return (f"peak share {b.summary.loc[1, 'peak_share']:.0%}, service level {b.totals['service_level']:.1%}, "
                f"redeployment CNY {b.totals['cost']:,.0f}; {self.tower_cranes} tower crane(s), "
                f"{PRIORITIES[self.priority]}: dome lift {p.delay_hours:g} h late, standby CNY {p.standby.total:,.0f}")
