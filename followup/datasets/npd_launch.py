"""Loader of ``data/npd_launch/``: a new-product development project run to a preset deliverable (S1.2).

The project case of the goals chapter: an air purifier taken from requirements to mass production
through five milestones with acceptance criteria, followed up by monthly milestone-trend reports,
with the money committed phase by phase (tooling, line) and the trial-production yield data.
``load()`` returns an :class:`NpdCase`::

    >>> from followup.datasets import npd_launch
    >>> case = npd_launch.load()
    >>> case.milestones["milestone"].tolist()
    ['M1', 'M2', 'M3', 'M4', 'M5']

See ``data/npd_launch/DATASHEET.md`` for every column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, check_references, location, read_csv_checked
from followup.errors import DataError
from followup.milestone_trend import reached_on

CASE = "npd_launch"
CATEGORIES = ("design", "prototype", "tooling", "line", "materials", "certification", "trial")
PURPOSES = ("pilot", "acceptance")
FIX = "python data/npd_launch/generate.py"

PROJECT = (
    Column("project", "str", description="project name"),
    Column("product", "str", description="the deliverable"),
    Column("start_date", "date", description="project start (charter signed)"),
    Column("target_yield", "float", unit="share", min=0.5, max=1,
           description="the charter's success metric: first-pass yield of the line at the final test"),
    Column("target_confidence", "float", unit="share", min=0.5, max=0.999,
           description="confidence with which the trial run must demonstrate the yield"),
    Column("delay_cost_cny_per_day", "float", unit="CNY / day", min=0, max=100_000_000,
           description="contribution margin lost per day the launch is late"),
    Column("redesign_cost_cny", "float", unit="CNY", min=0, max=1_000_000_000,
           description="engineering cost of redoing the circuit design (the same at any phase)"),
)
MILESTONES = (
    Column("milestone", "str", pattern=r"M\d", unique=True, description="milestone id"),
    Column("name", "str", description="deliverable that closes the phase"),
    Column("acceptance_criterion", "str", description="what must be shown for the stage gate to pass"),
    Column("baseline_date", "date", description="date in the approved baseline"),
    Column("change_delay_days", "int", unit="days", min=0, max=1000,
           description="launch delay if the circuit design is changed right after this milestone"),
)
REPORTS = (
    Column("report_date", "date", key=True, description="date of the monthly progress report"),
    Column("milestone", "str", key=True, description="milestone id (milestones.csv)"),
    Column("forecast_date", "date",
           description="date the report forecasts for the milestone (on or before report_date: reached on that date)"),
)
COMMITMENTS = (
    Column("item", "str", unique=True, description="what the money buys"),
    Column("category", "str", choices=CATEGORIES, description="kind of commitment"),
    Column("committed_on", "date", description="day the purchase order or contract was signed"),
    Column("amount_cny", "float", unit="CNY", min=0, max=1_000_000_000, description="amount committed"),
    Column("scrap_share", "float", unit="share", min=0, max=1,
           description="share of the amount lost (scrapped or redone) if the circuit design changes after this day"),
)
TRIAL_RUNS = (
    Column("run", "str", unique=True, description="trial-production run id"),
    Column("run_date", "date", description="day of the final test of the run"),
    Column("purpose", "str", choices=PURPOSES, description="pilot (learning) or acceptance (the stage-gate test)"),
    Column("units_tested", "int", unit="units", min=1, max=1_000_000, description="units through the final test"),
    Column("units_failed", "int", unit="units", min=0, max=1_000_000, description="units that failed it"),
)
FILES = {"project.csv": PROJECT, "milestones.csv": MILESTONES, "reports.csv": REPORTS,
         "commitments.csv": COMMITMENTS, "trial_runs.csv": TRIAL_RUNS}


@dataclass(frozen=True)
class NpdCase:
    """The new-product case: one DataFrame per file, and the project's one row as a Series.

    The case's rules (acceptance plans, the cost of a design change) are in :mod:`followup.cases.npd_launch`.
    """

    project: pd.Series
    milestones: pd.DataFrame
    reports: pd.DataFrame
    commitments: pd.DataFrame
    trial_runs: pd.DataFrame

    @property
    def baseline(self) -> dict[str, pd.Timestamp]:
        """Milestone id -> baseline date."""
        return dict(zip(self.milestones["milestone"], self.milestones["baseline_date"]))

    @property
    def reached_on(self) -> pd.Series:
        """Milestone id -> the date the reports record it reached (:func:`followup.milestone_trend.reached_on`)."""
        return reached_on(self.reports)


def load(data_dir: str | Path | None = None) -> NpdCase:
    """Read and check every file (default folder ``data/npd_launch/``).

    Besides the schema: ``project.csv`` has one row; reports name known milestones, at most one
    forecast per milestone and report; no run fails more units than it tested. Raises
    :class:`~followup.errors.DataError` naming file, column and data row.
    """
    folder = case_dir(CASE, data_dir)
    frames = {name: read_csv_checked(folder / name, schema) for name, schema in FILES.items()}
    if len(frames["project.csv"]) != 1:
        raise DataError(f"{location(folder / 'project.csv')}: {len(frames['project.csv'])} data rows, the case "
                        f"describes one project; keep one row or regenerate the file with `{FIX}`")
    reports = frames["reports.csv"]
    check_references(reports, "milestone", frames["milestones.csv"]["milestone"], path=folder / "reports.csv",
                     target="milestone in milestones.csv")
    repeated = reports.duplicated(["report_date", "milestone"])
    if repeated.any():
        row = int(reports.index[repeated.to_numpy()][0])
        raise DataError(f"{location(folder / 'reports.csv', 'milestone', row + 1)}: a second forecast for "
                        f"{reports['milestone'].iloc[row]!r} in the same report; keep one")
    runs = frames["trial_runs.csv"]
    over = runs.index[(runs["units_failed"] > runs["units_tested"]).to_numpy()]
    if len(over):
        row = int(over[0])
        raise DataError(f"{location(folder / 'trial_runs.csv', 'units_failed', row + 1)}: more units failed than "
                        f"were tested; correct it or regenerate the file with `{FIX}`")
    return NpdCase(project=frames["project.csv"].iloc[0], milestones=frames["milestones.csv"], reports=reports,
                   commitments=frames["commitments.csv"], trial_runs=runs)
