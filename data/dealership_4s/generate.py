"""Rebuild the 4S dealership case files (article paragraph S5.1) byte for byte.

    python data/dealership_4s/generate.py            # writes into data/dealership_4s/
    python data/dealership_4s/generate.py --out DIR  # writes into DIR (used by the tests)

Loan approvals that pass sales, finance and risk control (one row per step, waits at each
hand-off drawn from gamma distributions), and the body-and-paint shop's job cards six months
before and six months after its 14 technicians were split into 7 certified specialisms, with the
after-period efficiency calibrated to the reported +40 %. Noise from
``numpy.random.default_rng(SEED)``; every parameter is documented in DATASHEET.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # run as a script from anywhere: make `followup` importable

from followup.datasets._validate import CaseFiles, run_generator, write_case  # noqa: E402
from followup.datasets.dealership_4s import JOB_TYPES, STEP_TEAM, STEPS  # noqa: E402

SEED = 451  # 4S, fifth chapter, first case
# ---- loan approvals
FIRST_DAY, SHOWROOM_DAYS = pd.Timestamp("2025-03-03"), 24  # Monday 3 March 2025, Monday to Saturday
CASES_PER_DAY = 5
ARRIVAL_HOURS = (9.5, 17.5)  # customers apply between 09:30 and 17:30
TOUCH_HOURS = {"loan_application": (0.5, 1.0), "loan_file": (0.75, 1.25), "credit_review": (1.0, 2.0),
               "contract_signing": (0.5, 1.0)}  # uniform ranges of the work on each step
WAIT_MEAN_HOURS = {"loan_file": 9.0, "credit_review": 22.0, "contract_signing": 7.0}  # queue before the step
WAIT_SHAPE = 2.0  # gamma shape: most waits near the mean, a few long ones
# ---- body-shop job cards
MONTHS = {"before": ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"],
          "after": ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"]}
CARDS_PER_MONTH = 100
TECHNICIANS = [f"T{i:02d}" for i in range(1, 15)]  # 14 technicians, 2 per specialism after the split
MIX = {  # share of cards by job type
    "before": {"aluminium": 0.10, "carbon_fibre": 0.04, "steel_panel": 0.30, "plastic_repair": 0.20,
               "paint": 0.24, "glass": 0.06, "adas_calibration": 0.06},
    "after": {"aluminium": 0.07, "carbon_fibre": 0.02, "steel_panel": 0.22, "plastic_repair": 0.27,
              "paint": 0.26, "glass": 0.06, "adas_calibration": 0.10},
}
STANDARD_HOURS = {"aluminium": (6, 14), "carbon_fibre": (4, 10), "steel_panel": (2, 6), "plastic_repair": (1, 3),
                  "paint": (3, 8), "glass": (1, 2.5), "adas_calibration": (1, 2)}
EFFICIENCY = {  # standard / actual hours of a typical job, before calibration
    "before": {"aluminium": 0.55, "carbon_fibre": 0.50, "steel_panel": 0.85, "plastic_repair": 0.88,
               "paint": 0.80, "glass": 0.85, "adas_calibration": 0.60},
    "after": {"aluminium": 1.00, "carbon_fibre": 0.95, "steel_panel": 1.08, "plastic_repair": 1.12,
              "paint": 1.10, "glass": 1.05, "adas_calibration": 1.05},
}
SLOW_MONTH = ("2024-01", 0.90)  # January 2024: the new-year rush, two technicians off sick
NOISE_SD = 0.15  # log-scale job-to-job noise of the actual hours
TARGET_GAIN = 0.40  # S5.1: "raised labour-hour efficiency by 40 %"


def loan_events(rng: np.random.Generator) -> pd.DataFrame:
    days = [d for d in pd.date_range(FIRST_DAY, periods=SHOWROOM_DAYS + 4, freq="D") if d.day_of_week < 6]
    rows, number = [], 0
    for day in days[:SHOWROOM_DAYS]:
        arrivals = np.sort(rng.uniform(*ARRIVAL_HOURS, CASES_PER_DAY))
        for arrival in arrivals:
            number += 1
            clock = day + pd.Timedelta(minutes=round(arrival * 60))
            for step in STEPS:
                if step in WAIT_MEAN_HOURS:
                    wait = rng.gamma(WAIT_SHAPE, WAIT_MEAN_HOURS[step] / WAIT_SHAPE)
                    clock += pd.Timedelta(minutes=round(wait * 60))
                touch = rng.uniform(*TOUCH_HOURS[step])
                end = clock + pd.Timedelta(minutes=max(1, round(touch * 60)))
                rows.append((f"L{number:03d}", step, STEP_TEAM[step], clock, end))
                clock = end
    return pd.DataFrame(rows, columns=["case_id", "step", "team", "start", "end"])


def job_cards(rng: np.random.Generator) -> pd.DataFrame:
    drawn = {}
    for period, months in MONTHS.items():
        types = list(MIX[period])
        picks = rng.choice(len(types), size=len(months) * CARDS_PER_MONTH, p=list(MIX[period].values()))
        kinds = [types[k] for k in picks]
        standard = np.array([round(rng.uniform(*STANDARD_HOURS[k]), 1) for k in kinds])
        noise = np.exp(rng.normal(0, NOISE_SD, len(kinds)))
        month = np.repeat(months, CARDS_PER_MONTH)
        slow = np.where(month == SLOW_MONTH[0], SLOW_MONTH[1], 1.0)
        rate = np.array([EFFICIENCY[period][k] for k in kinds]) * slow
        if period == "before":
            who = rng.choice(TECHNICIANS, size=len(kinds))
            role = ["generalist"] * len(kinds)
        else:  # two certified specialists per job type, in the order of JOB_TYPES
            pair = rng.integers(0, 2, len(kinds))
            who = [TECHNICIANS[2 * JOB_TYPES.index(k) + p] for k, p in zip(kinds, pair)]
            role = kinds
        drawn[period] = pd.DataFrame({"period": period, "month": month, "job_type": kinds, "technician_id": who,
                                      "technician_role": role, "standard_hours": standard,
                                      "raw_actual": standard / rate * noise})
    before = drawn["before"].assign(actual_hours=lambda f: f["raw_actual"].round(1).clip(lower=0.1))
    after = drawn["after"]
    # Calibrate the after period to the reported gain: one factor on every after-card's hours.
    efficiency_before = before["standard_hours"].sum() / before["actual_hours"].sum()
    factor = after["standard_hours"].sum() / (efficiency_before * (1 + TARGET_GAIN)) / after["raw_actual"].sum()
    after = after.assign(actual_hours=(after["raw_actual"] * factor).round(1).clip(lower=0.1))
    cards = pd.concat([before, after], ignore_index=True).drop(columns="raw_actual")
    cards.insert(0, "card_id", [f"J{i:04d}" for i in range(1, len(cards) + 1)])
    return cards


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    return {
        "loan_events.csv": (loan_events(rng), {"start": "%Y-%m-%dT%H:%M", "end": "%Y-%m-%dT%H:%M"}),
        "job_cards.csv": (job_cards(rng), {"standard_hours": ".1f", "actual_hours": ".1f"}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
