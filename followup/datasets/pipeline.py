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

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.cases import pipeline as rules
from followup.cases.pipeline import DRY_SEASON_ID, MOBILISATION_ID, OUTLOOK_ID  # noqa: F401 - their old home
from followup.datasets._validate import Column, case_dir, check_references, location, read_csv_checked
from followup.errors import DataError
from followup.schedule import Schedule

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


@dataclass(frozen=True)
class PipelineCase:
    """The pipeline case: one DataFrame per file (see the datasheet)."""

    project: pd.DataFrame
    sections: pd.DataFrame
    activities: pd.DataFrame
    welding_options: pd.DataFrame
    rain_window: pd.DataFrame
    standby_costs: pd.DataFrame

    # The case's rules live in followup.cases.pipeline; these methods are conveniences that call them.
    def welding_days(self, option: str, section: str) -> int:
        """Days to weld ``section`` with ``option`` (:func:`followup.cases.pipeline.option_welding_days`).

        >>> load().welding_days("manual", "W"), load().welding_days("auto_air", "W")
        (88, 40)
        """
        return rules.option_welding_days(self, option, section)

    def activities_for(self, option: str = "manual", scenario: str = "actual") -> pd.DataFrame:
        """The activity table with ``option``'s welding (:func:`followup.cases.pipeline.activities_for`)."""
        return rules.activities_for(self, option, scenario)

    def rain_start_day(self, scenario: str = "actual") -> int:
        """Project day the rains start in ``scenario`` (:func:`followup.cases.pipeline.rain_start_day`)."""
        return rules.rain_start_day(self, scenario)

    def schedule_with_rains(self, plan: pd.DataFrame, scenario: str = "actual") -> Schedule:
        """``plan`` scheduled with the rain window (:func:`followup.cases.pipeline.schedule_with_rains`).

        >>> case = load()
        >>> case.schedule_with_rains(case.activities_for("manual")).duration
        730
        """
        return rules.schedule_with_rains(self, plan, scenario)


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
