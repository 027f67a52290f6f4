"""Loader of ``data/pd1_trial/``: a phase-3 anti-PD-1 trial that adds 2,000 safety follow-up patients (S4.3).

Synthetic (see ``data/pd1_trial/DATASHEET.md``): the phases of the trial as an activity network in
months, monthly enrolment, immune-related adverse events by CTCAE grade, the decision log, a cost
model whose line items add up to the article's USD 380 million for the added follow-up and its delay,
the costs of 18- and 24-month clinical holds, and a risk register::

    from followup.datasets import pd1_trial
    trial = pd1_trial.load()
    costs = trial.costs.assign(cost_usd=trial.costs.quantity * trial.costs.unit_cost_usd)
    costs.groupby("scenario").cost_usd.sum()   # safety_followup: 380,000,000
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, check_references, read_csv_checked, regenerate_command

CASE = "pd1_trial"

SCOPES = ("baseline", "safety_followup")
COHORTS = ("main", "safety_followup")
ARMS = ("anti_pd1", "chemotherapy")
DATA_CUTS = ("interim_m24", "final")
IRAE_CATEGORIES = ("pneumonitis", "colitis", "hepatitis", "endocrinopathy", "dermatitis", "nephritis",
                   "myocarditis")
SCENARIOS = ("safety_followup", "clinical_hold_18", "clinical_hold_24")
COST_CATEGORIES = ("patients", "sites", "monitoring", "data", "delay", "restart")
DRIVERS = ("patient", "site", "site-month", "month", "lump sum")

_PREDECESSORS = r"[A-Z](?: (?:FS|SS|FF|SF)[+-]\d+)?(?:; [A-Z](?: (?:FS|SS|FF|SF)[+-]\d+)?)*"

PHASES = (
    Column("id", "str", pattern=r"[A-Z]", unique=True, description="phase id (one letter)"),
    Column("name", "str", description="what the phase does"),
    Column("scope", "str", choices=SCOPES,
           description="`baseline`: in the original plan; `safety_followup`: added by the safety decision"),
    Column("duration", "int", unit="months", min=1, max=36, description="planned duration"),
    Column("predecessors_baseline", "str", nullable=True, pattern=_PREDECESSORS,
           description="predecessors in the original plan, e.g. `B SS+3` (empty: none, or not in that plan)"),
    Column("predecessors_revised", "str", nullable=True, pattern=_PREDECESSORS,
           description="predecessors once the safety cohort is added (same syntax)"),
)

ENROLMENT = (
    Column("month", "int", key=True, unit="month", min=1, max=120,
           description="trial month; month m spans schedule time m-1 to m (the CPM dates of phases.csv start at 0)"),
    Column("cohort", "str", key=True, choices=COHORTS, description="randomised main cohort or added safety cohort"),
    Column("sites_active", "int", unit="sites", min=0, max=400, description="sites open to enrolment that month"),
    Column("patients_enrolled", "int", unit="patients", min=0, max=1000, description="patients enrolled that month"),
)

ADVERSE_EVENTS = (
    Column("data_cut", "str", key=True, choices=DATA_CUTS,
           description="`interim_m24`: the month-24 data cut that triggered the decision; `final`: the last one"),
    Column("cohort", "str", key=True, choices=COHORTS,
           description="main (randomised 2:1) or safety cohort (single arm)"),
    Column("arm", "str", key=True, choices=ARMS, description="treatment arm"),
    Column("patients_at_risk", "int", unit="patients", min=1, max=5000,
           description="treated patients in the arm at the data cut"),
    Column("irae_category", "str", key=True, choices=IRAE_CATEGORIES,
           description="immune-related adverse event category"),
    Column("grade", "int", key=True, min=1, max=5,
           description="worst CTCAE grade (1 mild ... 4 life-threatening, 5 death)"),
    Column("patients", "int", unit="patients", min=0, max=5000,
           description="patients whose worst event of this category had this grade"),
)

DECISIONS = (
    Column("event_id", "str", pattern=r"D\d+", unique=True, description="event id"),
    Column("month", "int", unit="month", min=1, max=120, description="trial month of the event"),
    Column("event", "str", description="what happened or was decided"),
    Column("metric", "str", nullable=True, description="the safety rule checked at the event, if any"),
    Column("threshold_pct", "float", unit="%", nullable=True, min=0, max=100,
           description="the rule's boundary: above it the rule fires"),
)

COSTS = (
    Column("scenario", "str", key=True, choices=SCENARIOS,
           description="`safety_followup`: the added cohort and its delay; `clinical_hold_18`/`_24`: an FDA hold"),
    Column("item_id", "str", key=True, pattern=r"[A-Z]+-\d{2}", description="line item id (unique within a scenario)"),
    Column("category", "str", choices=COST_CATEGORIES, description="cost category"),
    Column("item", "str", description="what is paid for"),
    Column("driver", "str", choices=DRIVERS, description="the unit the quantity counts"),
    Column("quantity", "int", min=1, max=100_000, description="number of driver units"),
    Column("unit_cost_usd", "int", unit="USD", min=1, max=100_000_000, description="cost per driver unit"),
)

RISKS = (
    Column("risk_id", "str", pattern=r"R\d+", unique=True, description="risk id"),
    Column("risk", "str", unique=True, description="short name of the risk"),
    Column("category", "str", choices=("safety", "regulatory", "operational", "supply", "market"),
           description="risk category"),
    Column("cause", "str", description="what would make it happen"),
    Column("severity", "int", min=1, max=10, description="FMEA severity of the effect (10 worst)"),
    Column("occurrence", "int", min=1, max=10, description="FMEA occurrence of the cause (10 most frequent)"),
    Column("detection", "int", min=1, max=10, description="FMEA detection (10 = hardest to detect in time)"),
    Column("probability", "float", min=0.0, max=1.0, description="probability that it happens before filing"),
    Column("impact", "int", unit="USD", min=0, max=2_000_000_000, description="cost if it happens"),
    Column("mitigation", "str", description="planned response"),
)

#: Every file of the case and its schema.
FILES = {"phases.csv": PHASES, "enrolment.csv": ENROLMENT, "adverse_events.csv": ADVERSE_EVENTS,
         "decisions.csv": DECISIONS, "costs.csv": COSTS, "risks.csv": RISKS}


@dataclass(frozen=True)
class PD1Trial:
    """The tables of the PD-1 trial case (see the module docstring)."""

    phases: pd.DataFrame
    enrolment: pd.DataFrame
    adverse_events: pd.DataFrame
    decisions: pd.DataFrame
    costs: pd.DataFrame
    risks: pd.DataFrame


def _predecessor_ids(phases: pd.DataFrame, column: str) -> pd.DataFrame:
    """``column`` reduced to the ids it names ("B SS+3; C" -> "B;C"), for the reference check."""
    ids = phases[column].map(
        lambda cell: ";".join(item.split()[0] for item in cell.split(";")) if isinstance(cell, str) else cell)
    return pd.DataFrame({column: ids})


def load(data_dir: str | Path | None = None) -> PD1Trial:
    """Read and check every file of the case; return a :class:`PD1Trial`.

    ``data_dir`` defaults to the repository's ``data/pd1_trial/``. Raises
    :class:`~followup.errors.DataError` naming file, column and data row when a file is missing,
    truncated, holds a value of the wrong type or range, or a predecessor names no phase.

    >>> trial = load()
    >>> int(trial.enrolment.query("cohort == 'safety_followup'").patients_enrolled.sum())
    2000
    """
    folder = case_dir(CASE, data_dir)
    fix = regenerate_command(CASE, folder, data_dir)
    phases = read_csv_checked(folder / "phases.csv", PHASES, regenerate=fix)
    baseline_ids = set(phases.loc[phases["scope"] == "baseline", "id"])
    check_references(_predecessor_ids(phases, "predecessors_baseline"), "predecessors_baseline", baseline_ids,
                     path=folder / "phases.csv", target="baseline id in phases.csv", separator=";")
    check_references(_predecessor_ids(phases, "predecessors_revised"), "predecessors_revised",
                     set(phases["id"]), path=folder / "phases.csv", target="phase id in phases.csv",
                     separator=";")
    return PD1Trial(
        phases=phases,
        enrolment=read_csv_checked(folder / "enrolment.csv", ENROLMENT, regenerate=fix),
        adverse_events=read_csv_checked(folder / "adverse_events.csv", ADVERSE_EVENTS, regenerate=fix),
        decisions=read_csv_checked(folder / "decisions.csv", DECISIONS, regenerate=fix),
        costs=read_csv_checked(folder / "costs.csv", COSTS, regenerate=fix),
        risks=read_csv_checked(folder / "risks.csv", RISKS, regenerate=fix),
    )
