"""Loader of ``data/dealership_4s/``: a 4S dealership organised by function (S5.1).

Two files: an event log of customer loan approvals that pass sales, finance and risk control
(``loan_events.csv``, one row per step) and the body-and-paint shop's job cards before and after
its technicians were split into 7 certified specialisms (``job_cards.csv``)::

    >>> from followup.datasets import dealership_4s
    >>> case = dealership_4s.load()
    >>> sorted(case.loan_events["team"].unique())
    ['finance', 'risk_control', 'sales']
    >>> sorted(case.job_cards["period"].unique())
    ['after', 'before']

See ``data/dealership_4s/DATASHEET.md`` for every column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, location, read_csv_checked
from followup.errors import DataError

CASE = "dealership_4s"
TEAMS = ("sales", "finance", "risk_control")
STEPS = ("loan_application", "loan_file", "credit_review", "contract_signing")
#: The team that does each step (the loader checks the log against it).
STEP_TEAM = {"loan_application": "sales", "loan_file": "finance", "credit_review": "risk_control",
             "contract_signing": "sales"}
JOB_TYPES = ("aluminium", "carbon_fibre", "steel_panel", "plastic_repair", "paint", "glass", "adas_calibration")
PERIODS = ("before", "after")

LOAN_EVENTS = (
    Column("case_id", "str", key=True, pattern=r"L\d{3}", description="loan case (one customer's application)"),
    Column("step", "str", key=True, choices=STEPS, description="step of the approval"),
    Column("team", "str", choices=TEAMS, description="team that does the step"),
    Column("start", "datetime", min="2020-01-01", max="2035-12-31", description="start of the work on the step (local time)"),
    Column("end", "datetime", min="2020-01-01", max="2035-12-31", description="end of the work on the step (local time)"),
)
JOB_CARDS = (
    Column("card_id", "str", pattern=r"J\d{4}", unique=True, description="job card"),
    Column("period", "str", choices=PERIODS, description="before or after the split into 7 specialisms"),
    Column("month", "str", pattern=r"\d{4}-\d{2}", description="month the job was closed (YYYY-MM)"),
    Column("job_type", "str", choices=JOB_TYPES, description="kind of repair"),
    Column("technician_id", "str", pattern=r"T\d{2}", description="technician who did the job"),
    Column("technician_role", "str", choices=("generalist", *JOB_TYPES),
           description="the technician's role: generalist (before) or certified specialism (after)"),
    Column("standard_hours", "float", unit="h", min=0.1, max=100, description="flat-rate time of the job in the maker's labour-time guide"),
    Column("actual_hours", "float", unit="h", min=0.1, max=200, description="hours clocked on the job"),
)
FILES = {"loan_events.csv": LOAN_EVENTS, "job_cards.csv": JOB_CARDS}


@dataclass(frozen=True)
class DealershipCase:
    """The dealership case: the loan approvals' event log and the body shop's job cards."""

    loan_events: pd.DataFrame
    job_cards: pd.DataFrame


def load(data_dir: str | Path | None = None) -> DealershipCase:
    """Read and check both files (default folder ``data/dealership_4s/``).

    Besides the schema: every step ends at or after its start, each step is done by its team
    (:data:`STEP_TEAM`), and each case runs its four steps once, in order, without overlap. An
    ``after`` card is done by a specialist of its job type. Raises
    :class:`~followup.errors.DataError` naming file, column and data row.
    """
    folder = case_dir(CASE, data_dir)
    frames = {name: read_csv_checked(folder / name, schema) for name, schema in FILES.items()}
    events, cards = frames["loan_events.csv"], frames["job_cards.csv"]
    path = folder / "loan_events.csv"
    backwards = events.index[(events["end"] < events["start"]).to_numpy()]
    if len(backwards):
        row = int(backwards[0])
        raise DataError(f"{location(path, 'end', row + 1)}: the step ends before it starts; correct the times "
                        f"or regenerate the file with `python data/{CASE}/generate.py`")
    wrong_team = events.index[(events["step"].map(STEP_TEAM) != events["team"]).to_numpy()]
    if len(wrong_team):
        row = int(wrong_team[0])
        raise DataError(f"{location(path, 'team', row + 1)}: {events.loc[row, 'step']!r} is done by "
                        f"{STEP_TEAM[events.loc[row, 'step']]!r}, not {events.loc[row, 'team']!r}; correct it")
    for case_id, part in events.groupby("case_id", sort=False):
        row = int(part.index[0])
        if part["step"].tolist() != list(STEPS):
            raise DataError(f"{location(path, 'step', row + 1)}: case {case_id!r} has the steps "
                            f"{part['step'].tolist()}; each case runs {', '.join(STEPS)} once, in this order")
        if (part["start"].to_numpy()[1:] < part["end"].to_numpy()[:-1]).any():
            raise DataError(f"{location(path, 'start', row + 1)}: a step of case {case_id!r} starts before the "
                            "previous one ends; correct the times")
    mismatch = cards.index[((cards["period"] == "after") & (cards["technician_role"] != cards["job_type"])
                            | (cards["period"] == "before") & (cards["technician_role"] != "generalist")).to_numpy()]
    if len(mismatch):
        row = int(mismatch[0])
        raise DataError(f"{location(folder / 'job_cards.csv', 'technician_role', row + 1)}: a {cards.loc[row, 'period']!r} "
                        f"card is done by a {'specialist of its job type' if cards.loc[row, 'period'] == 'after' else 'generalist'}, "
                        f"not {cards.loc[row, 'technician_role']!r}; correct it")
    return DealershipCase(loan_events=events, job_cards=cards)
