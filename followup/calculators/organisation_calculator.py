"""The organisation calculator of chapter 5: hand-offs, team size, decision levels, milestone pay.

Business side: the hand-offs a request passes, the wait at each and the touch time give its lead
time and flow efficiency, and what one team owning the case would take. Project side: team size
gives the communication channels n(n-1)/2; decision levels, the wait per level and the analysis
time give the decision latency. Pay: the reading of "10 nodes x 15 %" and the nodes reached give
what has been paid of the pot.

The browser computes what the reader types freely (``organisation_calculator.mjs`` mirrors
:func:`followup.flow.lead_time`, :func:`followup.flow.flow_efficiency`,
:func:`followup.communication.communication_channels`, :func:`followup.decisions.decision_latency`
and :func:`followup.bounds.require_number`, each naming its twin; ``tests/test_parity_organisation.py``
holds them equal). The pay readings have a finite input space (three readings x 11 node counts),
so Python computes the whole table (:func:`followup.pay.payment_readings`) and ships it in the
``payments`` trait; the browser only picks a cell.

Example::

    >>> calc = OrganisationCalculator.from_case()
    >>> round(calc.result.flow_efficiency, 3), calc.result.channels
    (0.096, 91)
    >>> calc.handoffs = -1
    >>> calc.error
    'handoffs is -1; give a whole number from 0 to 100'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import traitlets

from followup.calculators._base import Calculator, json_records
from followup.cases.chip_war_room import functional_period
from followup.cases.dealership_4s import typical_loan
from followup.communication import communication_channels
from followup.datasets import chip_war_room, dealership_4s
from followup.decisions import decision_latency
from followup.errors import OrganisationError
from followup.flow import flow_efficiency, lead_time
from followup.pay import READINGS, payment_readings

__all__ = ["OrganisationCalculator", "OrganisationResult", "organisation_result"]

#: S5.3: "10 payment nodes, each triggering 15 % of the team's performance pay".
ARTICLE_NODES, ARTICLE_SHARE = 10, 0.15


@dataclass(frozen=True)
class OrganisationResult:
    """What the organisation calculator shows for one set of inputs."""

    lead_time_h: float
    flow_efficiency: float
    single_team_lead_time_h: float  # the same touch time with no hand-off
    channels: int
    latency_h: float
    paid_share: float  # of the pot, under the chosen reading after ``nodes_reached`` nodes


def organisation_result(handoffs: Any, wait_per_handoff_h: Any, touch_h: Any, team_size: Any, decision_levels: Any,
                        wait_per_level_h: Any, analysis_h: Any, reading: str, nodes_reached: Any) -> OrganisationResult:
    """Every figure of the panel, computed with the library (bad values raise OrganisationError).

    >>> organisation_result(3, 12, 4, 14, 2, 3.5, 4.2, "capped", 10).paid_share
    1.0
    """
    lead = lead_time(touch_h, handoffs, wait_per_handoff_h)
    if reading not in READINGS:
        raise OrganisationError(f"reading is {reading!r}; use one of {', '.join(map(repr, READINGS))}")
    table = payment_readings(ARTICLE_NODES, ARTICLE_SHARE)
    if isinstance(nodes_reached, bool) or nodes_reached not in range(0, ARTICLE_NODES + 1):
        raise OrganisationError(f"nodes_reached is {nodes_reached!r}; give a whole number from 0 to {ARTICLE_NODES}")
    return OrganisationResult(
        lead_time_h=lead,
        flow_efficiency=flow_efficiency(touch_h, lead),
        single_team_lead_time_h=lead_time(touch_h, 0, wait_per_handoff_h),
        channels=communication_channels(team_size),
        latency_h=decision_latency(decision_levels, wait_per_level_h, analysis_h),
        paid_share=0.0 if nodes_reached == 0 else float(table.loc[nodes_reached, reading]),
    )


class OrganisationCalculator(Calculator):
    """Lead time and flow efficiency, channels and decision latency, milestone pay, live in the browser."""

    _module = "organisation_calculator.mjs"
    _inputs = ("handoffs", "wait_per_handoff_h", "touch_h", "team_size", "decision_levels", "wait_per_level_h",
               "analysis_h", "reading", "nodes_reached")

    title = traitlets.Unicode("Organisation calculator").tag(sync=True)
    # Any value is accepted from the page (a bad one shows as ``error``), hence traitlets.Any.
    handoffs = traitlets.Any(3).tag(sync=True)
    wait_per_handoff_h = traitlets.Any(12.0).tag(sync=True)
    touch_h = traitlets.Any(4.0).tag(sync=True)
    team_size = traitlets.Any(14).tag(sync=True)
    decision_levels = traitlets.Any(4).tag(sync=True)
    wait_per_level_h = traitlets.Any(20.0).tag(sync=True)
    analysis_h = traitlets.Any(2.0).tag(sync=True)
    reading = traitlets.Unicode("as_written").tag(sync=True)
    nodes_reached = traitlets.Any(ARTICLE_NODES).tag(sync=True)
    #: the pay readings computed in Python: rows {node, <reading>: cumulative share of the pot}
    payments = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: reading key -> label, in display order
    reading_labels = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        table = payment_readings(ARTICLE_NODES, ARTICLE_SHARE)
        kwargs.setdefault("payments", json_records(table.reset_index()))
        kwargs.setdefault("reading_labels", dict(READINGS))
        super().__init__(**kwargs)

    @classmethod
    def from_case(cls, **kwargs: Any) -> OrganisationCalculator:
        """Defaults from the chapter's cases: the dealership's typical loan request
        (:func:`followup.cases.dealership_4s.typical_loan`), the chip project's functional period
        (:func:`followup.cases.chip_war_room.functional_period`)."""
        defaults = {
            **typical_loan(dealership_4s.load()),
            **functional_period(chip_war_room.load()),
            "title": "Organisation calculator: hand-offs, channels, decision levels, milestone pay",
        }
        return cls(**{**defaults, **kwargs})

    def _compute(self) -> OrganisationResult:
        return organisation_result(self.handoffs, self.wait_per_handoff_h, self.touch_h, self.team_size,
                                   self.decision_levels, self.wait_per_level_h, self.analysis_h, self.reading,
                                   self.nodes_reached)

    def _summary(self) -> str:
        r = self.result
        return (f"lead time {r.lead_time_h:.1f} h, flow efficiency {100 * r.flow_efficiency:.1f} %, "
                f"{r.channels} channels, decision latency {r.latency_h:.1f} h, "
                f"paid {100 * r.paid_share:.0f} % of the pot ({self.reading}, {self.nodes_reached} nodes)")
