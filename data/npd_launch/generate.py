"""Rebuild the new-product development case files (article paragraph S1.2) byte for byte.

    python data/npd_launch/generate.py            # writes into data/npd_launch/
    python data/npd_launch/generate.py --out DIR  # writes into DIR (used by the tests)

An air purifier project: five milestones with acceptance criteria and a baseline; sixteen monthly
reports whose milestone forecasts move when three documented events become known, plus a small
reporting noise drawn with ``numpy.random.default_rng(SEED)``; the money committed item by item
with the share a circuit-design change would scrap; three trial-production runs. Every parameter is
documented in DATASHEET.md.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402

SEED = 95
PROJECT = ("AP-300 launch", "AP-300 air purifier with a new control board", date(2024, 1, 8), 0.95, 0.95,
           25_000.0, 420_000.0)
# milestone, name, acceptance criterion, baseline date, launch delay of a circuit change decided right after it
MILESTONES = [
    ("M1", "Requirements document approved",
     "all 46 requirements reviewed and signed off by product, engineering and quality", date(2024, 3, 15), 12),
    ("M2", "Prototype test passed",
     "design-verification units pass EMC (GB 4343.1), safety (GB 4706) and 500 h life tests", date(2024, 7, 12), 35),
    ("M3", "Production-line retrofit accepted",
     "retrofitted line runs 8 h at 60 units/h with every station in control", date(2024, 10, 18), 70),
    ("M4", "Trial production passed",
     "final-test yield >= 95 % demonstrated at 95 % confidence on an acceptance run", date(2025, 1, 10), 95),
    ("M5", "Mass production started",
     "first 2,000 units shipped; yield and takt on target for 10 working days", date(2025, 3, 3), 120),
]
# Events: (report on which it becomes known, milestone from which on it shifts, days)
EVENTS = [
    (date(2024, 5, 31), "M2", 21),  # an EMC failure of the prototypes: re-spin of the filter stage
    (date(2024, 9, 30), "M3", 10),  # the conveyor supplier delivers late
    (date(2024, 12, 31), "M4", 28),  # pilot run T1 yields 91.5 %: solder profile and test fixture reworked
    (date(2025, 1, 31), "M5", -7),  # the ramp-up plan is compressed to win a week back
]
REPORTS = pd.date_range("2024-01-31", "2025-04-30", freq="ME")
NOISE_DAYS = (-2, 3)  # a report's forecast wobbles by a few days around what is known
ORDER = [m[0] for m in MILESTONES]
# item, category, committed on, amount (CNY), share a circuit change would scrap
COMMITMENTS = [
    ("Requirements and industrial design", "design", date(2024, 1, 15), 380_000, 0.10),
    ("Control-board circuit design", "design", date(2024, 2, 5), 600_000, 0.50),
    ("EVT/DVT prototype builds", "prototype", date(2024, 4, 8), 450_000, 0.70),
    ("EMC and safety pre-compliance tests", "prototype", date(2024, 5, 6), 120_000, 1.00),
    ("Housing injection moulds (4 sets)", "tooling", date(2024, 7, 22), 3_800_000, 0.45),
    ("Front-panel and display bezel mould", "tooling", date(2024, 7, 29), 900_000, 0.25),
    ("SMT stencils and in-circuit test fixture", "tooling", date(2024, 8, 12), 260_000, 1.00),
    ("Assembly-line retrofit", "line", date(2024, 9, 2), 2_400_000, 0.10),
    ("End-of-line test stations", "line", date(2024, 9, 16), 650_000, 0.60),
    ("Long-lead components for trial and launch", "materials", date(2024, 11, 4), 1_800_000, 0.55),
    ("CCC certification", "certification", date(2024, 11, 18), 220_000, 1.00),
    ("Trial-production builds", "trial", date(2024, 12, 2), 380_000, 0.80),
    ("Launch inventory of materials", "materials", date(2025, 2, 17), 2_900_000, 0.40),
]
TRIAL_RUNS = [
    ("T1", date(2024, 12, 20), "pilot", 200, 17),  # 91.5 %: the event of the December report
    ("T2", date(2025, 2, 14), "pilot", 300, 14),  # 95.3 % after the rework, but a pilot proves nothing
    ("T3", date(2025, 3, 6), "acceptance", 93, 1),  # the stage-gate test: n = 93, c = 1
]


def forecasts(rng: np.random.Generator) -> pd.DataFrame:
    """Each report's forecast of every milestone not reached before it (the reached one shows its date)."""
    baseline = {m[0]: m[3] for m in MILESTONES}
    final = {}
    rows = []
    for report in REPORTS:
        day = report.date()
        for milestone in ORDER:
            if milestone in final and final[milestone] < day - timedelta(days=31):
                continue  # reached before the previous report: no longer forecast
            shift = sum(days for known, start, days in EVENTS
                        if known <= day and ORDER.index(milestone) >= ORDER.index(start))
            if milestone not in final:
                forecast = baseline[milestone] + timedelta(days=shift + int(rng.integers(*NOISE_DAYS)))
                if forecast <= day:  # reached this month: the report records the actual date
                    final[milestone] = forecast
            rows.append((report, milestone, pd.Timestamp(final.get(milestone, forecast))))
    return pd.DataFrame(rows, columns=["report_date", "milestone", "forecast_date"])


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    project = pd.DataFrame([PROJECT], columns=["project", "product", "start_date", "target_yield",
                                               "target_confidence", "delay_cost_cny_per_day", "redesign_cost_cny"])
    project["start_date"] = pd.to_datetime(project["start_date"])
    milestones = pd.DataFrame(MILESTONES, columns=["milestone", "name", "acceptance_criterion", "baseline_date",
                                                   "change_delay_days"])
    milestones["baseline_date"] = pd.to_datetime(milestones["baseline_date"])
    commitments = pd.DataFrame(COMMITMENTS, columns=["item", "category", "committed_on", "amount_cny", "scrap_share"])
    commitments["committed_on"] = pd.to_datetime(commitments["committed_on"])
    commitments["amount_cny"] = commitments["amount_cny"].astype(float)
    runs = pd.DataFrame(TRIAL_RUNS, columns=["run", "run_date", "purpose", "units_tested", "units_failed"])
    runs["run_date"] = pd.to_datetime(runs["run_date"])
    day = "%Y-%m-%d"
    return {
        "project.csv": (project, {"start_date": day, "target_yield": ".2f", "target_confidence": ".2f",
                                  "delay_cost_cny_per_day": ".2f", "redesign_cost_cny": ".2f"}),
        "milestones.csv": (milestones, {"baseline_date": day}),
        "reports.csv": (forecasts(rng), {"report_date": day, "forecast_date": day}),
        "commitments.csv": (commitments, {"committed_on": day, "amount_cny": ".2f", "scrap_share": ".2f"}),
        "trial_runs.csv": (runs, {"run_date": day}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
