"""The rules of the chip war-room case (chapter 5, S5.2): the functional period's team and decision chain.

:mod:`followup.datasets.chip_war_room` reads the files; this module says what the project looked like
before the war room (for the chapter and the organisation calculator)::

    >>> from followup.datasets import chip_war_room as loader
    >>> functional_period(loader.load())["decision_levels"]
    4
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.decisions import latency_fit

if TYPE_CHECKING:
    from followup.datasets.chip_war_room import ChipWarRoomCase

__all__ = ["functional_period"]


def functional_period(case: ChipWarRoomCase) -> dict:
    """The war room's head count, the most decision levels an issue climbed in the functional period, and that
    period's fitted hours per level and analysis hours (to 0.1), as the arguments ``team_size``,
    ``decision_levels``, ``wait_per_level_h`` and ``analysis_h`` of the organisation calculator."""
    fit = latency_fit(case.issues, "period").loc["functional"]
    return {
        "team_size": int(case.roster["war_room"].sum()),
        "decision_levels": int(case.issues.loc[case.issues["period"] == "functional", "decision_levels"].max()),
        "wait_per_level_h": round(float(fit["hours_per_level"]), 1),
        "analysis_h": round(float(fit["analysis_h"]), 1),
    }
