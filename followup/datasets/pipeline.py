"""Loader of ``data/pipeline/``: the EPC crude-oil pipeline whose rainy season came two weeks early (S2.2).

``load()`` returns a :class:`PipelineCase` whose ``activities`` table feeds the
critical path method directly::

    >>> from followup.datasets import pipeline
    >>> from followup.schedule import critical_path_method, links_from_predecessors
    >>> case = pipeline.load()
    >>> plan = case.activities_for("manual")
    >>> table = critical_path_method(plan, links_from_predecessors(plan)).table
    >>> int(table.loc[table["rain_exposed"], "early_finish"].max()) <= case.rain_start_day("planned")
    True

Days are calendar days counted from the notice to proceed (day 0 =
``project_start_date``). See ``data/pipeline/DATASHEET.md`` for every column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, check_references, location, read_csv_checked
from followup.errors import DataError, ScheduleError
from followup.schedule import Schedule, critical_path_method, links_from_predecessors

CASE = "pipeline"
SECTION_IDS = ("A", "B", "W")
ID_PATTERN = r"[A-Z][A-Z0-9-]*"

PROJECT = (
    Column("project_start_date", "date", description="day 0 of the schedule (notice to proceed)"),
    Column("length_km", "float", unit="km", min=1, max=5000, description="length of the EPC section"),
    Column("diameter_in", "int", unit="inch", min=4, max=60, description="nominal pipe diameter"),
    Column("wall_thickness_mm", "float", unit="mm", min=3, max=40, description="line-pipe wall thickness"),
    Column("steel_grade", "str", description="line-pipe steel grade"),
    Column("coating", "str", description="factory corrosion coating"),
    Column("joint_length_m", "float", unit="m", min=6, max=24, description="length of one pipe joint"),
    Column("design_pressure_bar", "float", unit="bar", min=1, max=300,
           description="maximum allowable operating pressure"),
    Column("currency", "str", choices=("USD",), description="currency of every money column"),
)
SECTIONS = (
    Column("section", "str", choices=SECTION_IDS, unique=True, description="section id"),
    Column("name", "str", description="section name and chainage"),
    Column("km_from", "float", unit="km", min=0, description="start chainage"),
    Column("km_to", "float", unit="km", min=0, description="end chainage"),
    Column("length_km", "float", unit="km", min=0.1, description="km_to - km_from"),
    Column("joints", "int", unit="joints", min=1, description="ceil(length / joint length): girth welds to make"),
    Column("terrain", "str", description="ground conditions"),
    Column("rain_exposed", "bool", description="true when the rains stop work in this section"),
)
ACTIVITIES = (
    Column("id", "str", pattern=ID_PATTERN, unique=True, description="activity id"),
    Column("name", "str", description="activity name"),
    Column("phase", "str", choices=("milestone", "engineering", "land", "procurement", "construction",
                                    "precommissioning", "commissioning"), description="EPC phase"),
    Column("section", "str", choices=("all",) + SECTION_IDS, description="section the work is in"),
    Column("duration", "int", unit="calendar days", min=0, max=400,
           description="planned duration (manual welding plan)"),
    Column("predecessors", "str", nullable=True,
           description="'A; B SS+5; C FF+3' (type FS when omitted; lag in days), parsed by links_from_predecessors"),
    Column("crew", "str", nullable=True, description="crew or spread doing the work (empty: none on site)"),
    Column("crew_size", "int", unit="people", min=0, max=1000, description="headcount of the crew"),
    Column("rain_exposed", "bool", description="true when the rains stop this activity (the weather window applies)"),
)
WELDING_OPTIONS = (
    Column("option", "str", key=True, choices=("manual", "auto_air", "auto_sea"), description="welding option"),
    Column("section", "str", key=True, choices=SECTION_IDS, description="section welded"),
    Column("method", "str", description="welding process"),
    Column("spreads", "int", unit="spreads", min=1, max=10, description="welding spreads working the section"),
    Column("joints_per_spread_day", "int", unit="joints / spread-day", min=1, max=400, description="productivity"),
    Column("welders_per_spread", "int", unit="people", min=1, max=200, description="welders and operators"),
    Column("equipment_usd_per_day", "float", unit="USD / day", min=0,
           description="welding equipment rate while working"),
    Column("freight_usd", "float", unit="USD", min=0, description="freight of the equipment to site"),
    Column("mobilisation_days", "int", unit="calendar days", min=0, max=365,
           description="from the decision to the first production weld (freight, customs, set-up, qualification)"),
)
RAIN_WINDOW = (
    Column("scenario", "str", choices=("planned", "actual"), unique=True, description="baseline or what happened"),
    Column("rain_start_day", "int", unit="project day", min=0,
           description="first day the rains stop rain-exposed work"),
    Column("rain_start_date", "date", description="rain_start_day as a date"),
    Column("dry_season_start_day", "int", unit="project day", min=0, description="first day of the next dry season"),
    Column("dry_season_start_date", "date", description="dry_season_start_day as a date"),
    Column("known_from_day", "int", unit="project day", min=0, description="day the project learnt this onset"),
    Column("note", "str", description="source of the date"),
)
STANDBY_COSTS = (
    Column("item", "str", unique=True, description="what stands by"),
    Column("category", "str", choices=("equipment", "crew", "site"), description="cost category"),
    Column("quantity", "int", min=1, description="how many"),
    Column("unit", "str", description="unit of the quantity"),
    Column("rate", "float", unit="USD per unit-day", min=0,
           description="standby rate of one unit (the `rate` of followup.resources.standby_cost, in days)"),
    Column("basis", "str", description="how the rate was set"),
)
FILES = {
    "project.csv": PROJECT,
    "sections.csv": SECTIONS,
    "activities.csv": ACTIVITIES,
    "welding_options.csv": WELDING_OPTIONS,
    "rain_window.csv": RAIN_WINDOW,
    "standby_costs.csv": STANDBY_COSTS,
}
MOBILISATION_ID = "MOB-WELD"
OUTLOOK_ID = "OUTLOOK"
DRY_SEASON_ID = "DRY"


@dataclass(frozen=True)
class PipelineCase:
    """The pipeline case: one DataFrame per file (see the datasheet)."""

    project: pd.DataFrame
    sections: pd.DataFrame
    activities: pd.DataFrame
    welding_options: pd.DataFrame
    rain_window: pd.DataFrame
    standby_costs: pd.DataFrame

    def _option_rows(self, option: str) -> pd.DataFrame:
        rows = self.welding_options[self.welding_options["option"] == option]
        if rows.empty:
            raise DataError(
                f"welding option {option!r} is not in welding_options.csv; use one of "
                f"{', '.join(self.welding_options['option'].unique())}"
            )
        return rows

    def welding_days(self, option: str, section: str) -> int:
        """Days to weld ``section`` with ``option``: ceil(joints / (joints per spread-day x spreads)).

        >>> load().welding_days("manual", "W"), load().welding_days("auto_air", "W")
        (88, 40)
        """
        rows = self._option_rows(option)
        row = rows[rows["section"] == section]
        if row.empty:
            raise DataError(
                f"welding option {option!r} has no row for section {section!r} in welding_options.csv; "
                f"it covers {', '.join(rows['section'])}"
            )
        joints = int(self.sections.loc[self.sections["section"] == section, "joints"].iloc[0])
        rate = int(row["joints_per_spread_day"].iloc[0]) * int(row["spreads"].iloc[0])
        return math.ceil(joints / rate)

    def activities_for(self, option: str = "manual", scenario: str = "actual") -> pd.DataFrame:
        """The activity table with ``option``'s welding: a new frame, ``activities`` is unchanged.

        The welding activity (``WLD-<section>``) of every section the option
        covers gets the duration from its productivity. An option that needs
        equipment brought in (``mobilisation_days`` > 0) adds two rows: the
        milestone ``OUTLOOK`` on the day the ``scenario``'s rain onset became
        known (a lag from START) and ``MOB-WELD``, the mobilisation, which the
        welding must wait for.
        """
        rows = self._option_rows(option)
        plan = self.activities.copy()
        known = int(self.rain_window.set_index("scenario").loc[scenario, "known_from_day"])
        for _, row in rows.iterrows():
            welding = plan["id"] == f"WLD-{row['section']}"
            plan.loc[welding, "duration"] = self.welding_days(option, row["section"])
            mobilisation = int(row["mobilisation_days"])
            if mobilisation == 0:
                continue
            plan.loc[welding, "predecessors"] = plan.loc[welding, "predecessors"] + f"; {MOBILISATION_ID}"
            extra = pd.DataFrame([
                {"id": OUTLOOK_ID, "name": f"Rain onset known ({scenario})", "phase": "milestone",
                 "section": "all", "duration": 0, "predecessors": f"START FS+{known}", "crew": None,
                 "crew_size": 0, "rain_exposed": False},
                {"id": MOBILISATION_ID, "name": f"Mobilise {row['method']} ({option})", "phase": "procurement",
                 "section": row["section"], "duration": mobilisation, "predecessors": OUTLOOK_ID,
                 "crew": None, "crew_size": 0, "rain_exposed": False},
            ]).astype(plan.dtypes.to_dict())
            plan = pd.concat([plan, extra], ignore_index=True)
        return plan

    def rain_start_day(self, scenario: str = "actual") -> int:
        """Project day the rains start in ``scenario`` (``planned`` or ``actual``)."""
        return int(self.rain_window.set_index("scenario").loc[scenario, "rain_start_day"])

    def schedule_with_rains(self, plan: pd.DataFrame, scenario: str = "actual") -> Schedule:
        """Schedule ``plan`` with the weather window of ``scenario``: rained-out work waits for the dry season.

        Plain CPM knows nothing of the rains. Here, if the rain-exposed work of
        ``plan`` would not be done when the rains start, its unfinished days are
        worked after the next dry season starts: a milestone ``DRY`` on
        ``dry_season_start_day`` is added, and the last rain-exposed activity
        gets a finish-to-finish link from it with a lag of the days left. When
        the work is done in time, the plain CPM schedule is returned.

        >>> case = load()
        >>> late = case.schedule_with_rains(case.activities_for("manual"))
        >>> int(late.table.loc["BKF-W", "early_finish"]), late.duration
        (570, 730)
        >>> case.schedule_with_rains(case.activities_for("auto_air")).duration
        610
        """
        if DRY_SEASON_ID in set(plan["id"]):
            raise ScheduleError(f"the plan already has an activity {DRY_SEASON_ID!r}, the id this method gives "
                                f"the dry-season milestone; rename that activity")
        window = self.rain_window.set_index("scenario")
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


def load(data_dir: str | Path | None = None) -> PipelineCase:
    """Read and check every file of the case (default folder ``data/pipeline/``).

    Raises :class:`~followup.errors.DataError` naming file, column and data row.
    """
    folder = case_dir(CASE, data_dir)
    frames = {name: read_csv_checked(folder / name, schema) for name, schema in FILES.items()}
    if len(frames["project.csv"]) != 1:
        raise DataError(
            f"{location(folder / 'project.csv', None, 2)}: the file holds {len(frames['project.csv'])} data rows; "
            f"it describes one project, keep one row"
        )
    activities = frames["activities.csv"]
    check_references(activities, "section", set(frames["sections.csv"]["section"]) | {"all"},
                     path=folder / "activities.csv", target="section in sections.csv (or 'all')")
    check_references(activities, "predecessors", set(activities["id"]), path=folder / "activities.csv",
                     target="activity id in this file", separator=";", strip=r"\s.*$")
    check_references(frames["welding_options.csv"], "section", set(frames["sections.csv"]["section"]),
                     path=folder / "welding_options.csv", target="section in sections.csv")
    return PipelineCase(
        project=frames["project.csv"],
        sections=frames["sections.csv"],
        activities=activities,
        welding_options=frames["welding_options.csv"],
        rain_window=frames["rain_window.csv"],
        standby_costs=frames["standby_costs.csv"],
    )
