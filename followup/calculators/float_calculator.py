"""The float calculator of chapter 2: edit the pipeline plan, see the critical path move.

The reader edits activity durations and predecessors, the day the rains start and
the welding method; the panel shows the project duration, whether the rain-exposed
wetland work finishes before the rain, the critical path(s), every activity's dates
and floats, and a Gantt chart. The welding options are a finite set: Python computes
what each changes in the plan (:func:`followup.cases.pipeline.welding_changes`) and ships
it as data. Durations and predecessors are typed freely, so the page runs the critical
path method itself (``cpm.mjs``, the twin of :mod:`followup.schedule`); Python recomputes
the same result on every change (``result``), and ``tests/test_parity.py`` holds the two equal.

Example::

    >>> calc = FloatCalculator.from_case()
    >>> calc.result.schedule.duration > 0
    True
    >>> calc.welding_option = "auto_air"
    >>> calc.result.plan["id"].tolist()[-2:]
    ['OUTLOOK', 'MOB-WELD']
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

import pandas as pd
import traitlets

from followup.calculators._base import Calculator, json_records
from followup.cases import pipeline as rules
from followup.datasets import pipeline
from followup.errors import ScheduleError
from followup.schedule import Schedule, critical_path_method, links_from_predecessors

__all__ = ["FloatCalculator", "FloatResult", "float_result"]

#: The columns of an activity row the calculator shows and edits.
ACTIVITY_FIELDS = ("id", "name", "duration", "predecessors", "rain_exposed")
#: The largest day the panel takes (a duration, the rain day): 100 years, so every date can be drawn.
MAX_DAY = 36_500


@dataclass(frozen=True)
class FloatResult:
    """What the float calculator shows for one set of inputs."""

    plan: pd.DataFrame  # the activities as scheduled (welding option applied)
    schedule: Schedule
    rain_start_day: int
    rain_exposed_finish: int | float | None  # latest early finish of rain-exposed work (None: none)
    finishes_before_rain: bool | None


def _check_rain_start_day(day: Any) -> int:
    # Twin: checkRainStartDay in float_calculator.mjs.
    if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= MAX_DAY:
        shown = "missing" if day is None else repr(day)
        raise ScheduleError(
            f"the rain start day is {shown}; give the project day the rains begin, "
            f"a whole number from 0 to {MAX_DAY:,} (day 0 is the notice to proceed)"
        )
    return day


def _check_durations(plan: pd.DataFrame) -> None:
    # Twin: checkDurations in float_calculator.mjs. The type of a duration is the library's check.
    for activity, value in zip(plan["id"], plan["duration"]):
        if isinstance(value, numbers.Real) and not isinstance(value, bool) and abs(value) > MAX_DAY:
            raise ScheduleError(f"activity '{activity}' has a duration of {value!r} days; "
                                f"give at most {MAX_DAY:,} days (100 years)")


def float_result(case: pipeline.PipelineCase, activities: list[dict], option: str, rain_start_day: Any,
                 changes: dict | None = None) -> FloatResult:
    """Schedule ``activities`` (rows of :data:`ACTIVITY_FIELDS`) with welding ``option``.

    ``"manual"`` schedules the rows as given (their welding durations are the manual
    plan); another option applies :func:`followup.cases.pipeline.welding_changes` (or
    ``changes``, the same computed once). Cells keep the values given (object columns),
    so a bad one is quoted as typed.

    >>> case = pipeline.load()
    >>> rows = FloatCalculator.rows_from_case(case)
    >>> float_result(case, rows, "manual", 392).finishes_before_rain   # day 392: the early rains
    False
    >>> float_result(case, rows, "auto_air", 392).finishes_before_rain
    True
    """
    _check_rain_start_day(rain_start_day)
    frame = pd.DataFrame(list(activities), columns=list(ACTIVITY_FIELDS), dtype=object)
    if changes is None:
        changes = _calculator_changes(case, option)
    plan = rules.apply_welding_changes(frame, changes)
    _check_durations(plan)
    schedule = critical_path_method(plan, links_from_predecessors(plan))
    exposed = schedule.table.loc[plan["rain_exposed"].to_numpy() == True, "early_finish"]  # noqa: E712
    finish = exposed.max().item() if len(exposed) else None
    return FloatResult(
        plan=plan,
        schedule=schedule,
        rain_start_day=rain_start_day,
        rain_exposed_finish=finish,
        finishes_before_rain=None if finish is None else bool(finish <= rain_start_day),
    )


def _calculator_changes(case: pipeline.PipelineCase, option: str) -> dict:
    """The changes the panel applies for ``option``: none for "manual" (the table's durations are the
    manual plan, as the reader typed them), the case's rule otherwise."""
    if option == "manual":
        rules.option_rows(case, option)  # the option must exist in the case all the same
        return {"durations": {}, "after": {}, "extra": []}
    changes = rules.welding_changes(case, option, "actual")
    fields = set(ACTIVITY_FIELDS)
    return {**changes, "extra": [{k: v for k, v in row.items() if k in fields} for row in changes["extra"]]}


class FloatCalculator(Calculator):
    """Critical path, floats and the rain window of the pipeline case, live in the browser."""

    _module = "float_calculator.mjs"
    _inputs = ("activities", "welding_option", "rain_start_day")

    title = traitlets.Unicode("Float calculator: the pipeline plan against the early rains").tag(sync=True)
    #: rows {id, name, duration, predecessors, rain_exposed}; the welding durations are the manual plan
    activities = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: an ``option`` of welding_options.csv: "manual", "auto_air" or "auto_sea"
    welding_option = traitlets.Unicode("manual").tag(sync=True)
    #: project day the rains start (any value is accepted; a bad one shows as ``error``)
    rain_start_day = traitlets.Any(0).tag(sync=True)
    # Computed by Python for the page (read-only for the reader): each option's label and changes.
    welding_choices = traitlets.List(traitlets.Dict()).tag(sync=True)  # [{value, label}]
    welding_changes = traitlets.Dict().tag(sync=True)  # option -> {durations, after, extra}
    max_day = traitlets.Int(MAX_DAY).tag(sync=True)
    rain_known_day = traitlets.Int(0).tag(sync=True)
    start_date = traitlets.Unicode("").tag(sync=True)

    def __init__(self, case: pipeline.PipelineCase | None = None, **kwargs: Any) -> None:
        self._case = case if case is not None else pipeline.load()
        known = self._case.rain_window.set_index("scenario")
        options = self._case.welding_options.drop_duplicates("option")
        choices = [{"value": "manual", "label": "manual welding (durations as in the table)"} if o.option == "manual"
                   else {"value": o.option, "label": f"{o.option}: {o.method}, ready {o.mobilisation_days} days "
                                                   f"after the outlook (freight USD {o.freight_usd:,.0f})"}
                   for o in options.itertuples()]
        defaults = {
            "activities": self.rows_from_case(self._case),
            "rain_start_day": int(known.loc["actual", "rain_start_day"]),
            "welding_choices": choices,
            "welding_changes": {c["value"]: _calculator_changes(self._case, c["value"]) for c in choices},
            "rain_known_day": int(known.loc["actual", "known_from_day"]),
            "start_date": str(self._case.project["project_start_date"].iloc[0])[:10],
        }
        super().__init__(**{**defaults, **kwargs})

    @classmethod
    def from_case(cls, **kwargs: Any) -> FloatCalculator:
        """The calculator on ``data/pipeline/`` (the chapter's case); traits may be overridden."""
        return cls(pipeline.load(), **kwargs)

    @staticmethod
    def rows_from_case(case: pipeline.PipelineCase) -> list[dict]:
        """The case's activities as calculator rows (empty predecessors as "")."""
        frame = case.activities[list(ACTIVITY_FIELDS)].copy()
        frame["predecessors"] = frame["predecessors"].fillna("")
        return json_records(frame)

    def _compute(self) -> FloatResult:
        return float_result(self._case, self.activities, self.welding_option, self.rain_start_day)

    def _summary(self) -> str:
        r: FloatResult = self.result
        rain = ("no rain-exposed work" if r.rain_exposed_finish is None else
                f"rain-exposed work ends day {r.rain_exposed_finish}, rains start day {r.rain_start_day}")
        return f"welding={self.welding_option!r}, duration={r.schedule.duration} days, {rain}"
