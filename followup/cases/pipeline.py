"""The rules of the pipeline case (S2.2): welding days, welding options and the rain window.

:mod:`followup.datasets.pipeline` reads the files; this module says what they mean. The data
generator (``data/pipeline/generate.py``), chapter 2, its exercise checks and the float calculator
all call these functions::

    >>> from followup.datasets import pipeline as loader
    >>> case = loader.load()
    >>> welding_days(3935, 45, 1)              # the wetland section, manual welding
    88
    >>> sorted(welding_changes(case, "auto_air")["durations"].items())
    [('WLD-W', 40)]
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from followup.errors import DataError, ScheduleError
from followup.schedule import Schedule, critical_path_method, links_from_predecessors

if TYPE_CHECKING:
    from followup.datasets.pipeline import PipelineCase

__all__ = ["DRY_SEASON_ID", "MOBILISATION_ID", "OUTLOOK_ID", "activities_for", "apply_welding_changes",
           "option_rows", "option_welding_days", "rain_start_day", "schedule_with_rains", "welding_changes",
           "welding_days"]

MOBILISATION_ID = "MOB-WELD"
OUTLOOK_ID = "OUTLOOK"
DRY_SEASON_ID = "DRY"


def welding_days(joints: int, joints_per_spread_day: int, spreads: int) -> int:
    """Whole days to weld ``joints`` with ``spreads`` spreads (the last partial day counts).

    >>> welding_days(100, 30, 1)
    4
    """
    return math.ceil(joints / (joints_per_spread_day * spreads))


def option_rows(case: PipelineCase, option: str) -> pd.DataFrame:
    """The rows of ``welding_options.csv`` for ``option`` (one per section it covers)."""
    rows = case.welding_options[case.welding_options["option"] == option]
    if rows.empty:
        raise DataError(
            f"welding option {option!r} is not in welding_options.csv; use one of "
            f"{', '.join(case.welding_options['option'].unique())}"
        )
    return rows


def option_welding_days(case: PipelineCase, option: str, section: str) -> int:
    """Days to weld ``section`` with ``option``: :func:`welding_days` of its joints and productivity.

    >>> from followup.datasets import pipeline as loader
    >>> option_welding_days(loader.load(), "auto_air", "W")
    40
    """
    rows = option_rows(case, option)
    row = rows[rows["section"] == section]
    if row.empty:
        raise DataError(
            f"welding option {option!r} has no row for section {section!r} in welding_options.csv; "
            f"it covers {', '.join(rows['section'])}"
        )
    joints = int(case.sections.loc[case.sections["section"] == section, "joints"].iloc[0])
    return welding_days(joints, int(row["joints_per_spread_day"].iloc[0]), int(row["spreads"].iloc[0]))


def welding_changes(case: PipelineCase, option: str, scenario: str = "actual") -> dict:
    """What ``option`` changes in the activity table, as plain data (the float calculator ships it).

    ``durations``: the welding activity ``WLD-<section>`` of each section the option covers gets
    the days from its productivity;
    ``after``: welding that must wait for the equipment's mobilisation; ``extra``: the rows
    added when the equipment is brought in - the milestone ``OUTLOOK`` (the ``scenario``'s rain
    onset known, a lag from START) and ``MOB-WELD``, the mobilisation.
    """
    rows = option_rows(case, option)
    known = int(case.rain_window.set_index("scenario").loc[scenario, "known_from_day"])
    changes: dict = {"durations": {}, "after": {}, "extra": []}
    for _, row in rows.iterrows():
        welding = f"WLD-{row['section']}"
        changes["durations"][welding] = option_welding_days(case, option, row["section"])
        mobilisation = int(row["mobilisation_days"])
        if mobilisation == 0:
            continue
        changes["after"][welding] = MOBILISATION_ID
        changes["extra"] += [
            {"id": OUTLOOK_ID, "name": f"Rain onset known ({scenario})", "phase": "milestone",
             "section": "all", "duration": 0, "predecessors": f"START FS+{known}", "crew": None,
             "crew_size": 0, "rain_exposed": False},
            {"id": MOBILISATION_ID, "name": f"Mobilise {row['method']} ({option})", "phase": "procurement",
             "section": row["section"], "duration": mobilisation, "predecessors": OUTLOOK_ID,
             "crew": None, "crew_size": 0, "rain_exposed": False},
        ]
    return changes


def apply_welding_changes(activities: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """``activities`` with :func:`welding_changes` applied: a new frame (twin: ``applyWeldingChanges`` in
    followup/calculators/float_calculator.mjs; tests/test_parity.py holds them equal)."""
    plan = activities.copy()
    for activity, days in changes["durations"].items():
        plan.loc[plan["id"] == activity, "duration"] = days
    for activity, wait_for in changes["after"].items():
        rows = plan["id"] == activity
        plan.loc[rows, "predecessors"] = plan.loc[rows, "predecessors"] + f"; {wait_for}"
    if changes["extra"]:
        extra = pd.DataFrame(changes["extra"]).reindex(columns=plan.columns).astype(plan.dtypes.to_dict())
        plan = pd.concat([plan, extra], ignore_index=True)
    return plan


def activities_for(case: PipelineCase, option: str = "manual", scenario: str = "actual") -> pd.DataFrame:
    """The case's activity table with ``option``'s welding (see :func:`welding_changes`)."""
    return apply_welding_changes(case.activities, welding_changes(case, option, scenario))


def rain_start_day(case: PipelineCase, scenario: str = "actual") -> int:
    """Project day the rains start in ``scenario`` (``planned`` or ``actual``)."""
    return int(case.rain_window.set_index("scenario").loc[scenario, "rain_start_day"])


def schedule_with_rains(case: PipelineCase, plan: pd.DataFrame, scenario: str = "actual") -> Schedule:
    """Schedule ``plan`` with the weather window of ``scenario``: rained-out work waits for the dry season.

    Plain CPM knows nothing of the rains. Here, if the rain-exposed work of
    ``plan`` would not be done when the rains start, its unfinished days are
    worked after the next dry season starts: a milestone ``DRY`` on
    ``dry_season_start_day`` is added, and the last rain-exposed activity
    gets a finish-to-finish link from it with a lag of the days left. When
    the work is done in time, the plain CPM schedule is returned.

    >>> from followup.datasets import pipeline as loader
    >>> case = loader.load()
    >>> late = schedule_with_rains(case, activities_for(case, "manual"))
    >>> int(late.table.loc["BKF-W", "early_finish"]), late.duration
    (570, 730)
    >>> schedule_with_rains(case, activities_for(case, "auto_air")).duration
    610
    """
    if DRY_SEASON_ID in set(plan["id"]):
        raise ScheduleError(f"the plan already has an activity {DRY_SEASON_ID!r}, the id this method gives "
                            f"the dry-season milestone; rename that activity")
    window = case.rain_window.set_index("scenario")
    if scenario not in window.index:
        raise DataError(f"scenario {scenario!r} is not in rain_window.csv; use one of "
                        f"{', '.join(window.index)}")
    rain_day = int(window.loc[scenario, "rain_start_day"])
    dry_day = int(window.loc[scenario, "dry_season_start_day"])
    schedule = critical_path_method(plan, links_from_predecessors(plan))
    exposed = schedule.table.loc[schedule.table["rain_exposed"].astype(bool), "early_finish"]
    if exposed.empty:
        raise ScheduleError("no activity of the plan has rain_exposed = True, so the rains stop nothing; "
                            "mark the activities the weather window applies to")
    remaining = int(exposed.max()) - rain_day
    if remaining <= 0:
        return schedule
    dry = pd.DataFrame([{"id": DRY_SEASON_ID, "name": f"Next dry season ({scenario})", "duration": 0,
                         "predecessors": f"START FS+{dry_day}", "rain_exposed": False}])
    extended = pd.concat([plan, dry], ignore_index=True)
    last = extended["id"] == exposed.idxmax()
    extended.loc[last, "predecessors"] = extended.loc[last, "predecessors"] + f"; {DRY_SEASON_ID} FF+{remaining}"
    return critical_path_method(extended, links_from_predecessors(extended))
