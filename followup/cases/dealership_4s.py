"""The rules of the dealership case (chapter 5, S5.1): the typical loan request the chapter starts from.

:mod:`followup.datasets.dealership_4s` reads the files; this module says what a typical request of the
loan event log looks like (for the chapter and the organisation calculator)::

    >>> from followup.datasets import dealership_4s as loader
    >>> typical_loan(loader.load())["handoffs"]
    3
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.flow import case_flow, handoff_waits

if TYPE_CHECKING:
    from followup.datasets.dealership_4s import DealershipCase

__all__ = ["typical_loan"]


def typical_loan(case: DealershipCase) -> dict:
    """The loan requests' median number of hand-offs, mean wait per hand-off and mean touch time (hours, to
    0.1), as the arguments ``handoffs``, ``wait_per_handoff_h`` and ``touch_h`` of the organisation calculator."""
    flow = case_flow(case.loan_events)
    waits = handoff_waits(case.loan_events)["wait_h"]
    return {
        "handoffs": int(flow["handoffs"].median()),
        "wait_per_handoff_h": round(float(waits.mean()), 1),
        "touch_h": round(float(flow["touch_time_h"].mean()), 1),
    }
