"""Rebuild the chip war-room case files (article paragraph S5.2) byte for byte.

    python data/chip_war_room/generate.py            # writes into data/chip_war_room/
    python data/chip_war_room/generate.py --out DIR  # writes into DIR (used by the tests)

The issue log of an IP-core / process R&D project: six months in the functional organisation
(issues climb up to 4 decision levels, each level looks at an issue at its next review) and six
months in a co-located war room with 2 decision levels; the path of every issue up the levels;
the cross-functional roster; the RACI matrix, whose tape-out sign-off has two Accountables (dual
reporting). One clock-tree issue is the article's "cracked within 72 hours". Noise from
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
from followup.datasets.chip_war_room import CATEGORIES, DECIDERS  # noqa: E402

SEED = 3  # the 3 nm of S5.2
PERIODS = {"functional": (pd.Timestamp("2024-03-04"), pd.Timestamp("2024-08-31")),
           "war_room": (pd.Timestamp("2024-09-02"), pd.Timestamp("2025-02-28"))}
ISSUES_PER_PERIOD = 60
LEVEL_SHARES = {"functional": {1: 0.20, 2: 0.30, 3: 0.30, 4: 0.20}, "war_room": {1: 0.55, 2: 0.45}}
WAIT_MEAN_HOURS = {"functional": 18.0, "war_room": 2.5}  # until a level looks at the issue
WAIT_SHAPE = 2.0
DELIBERATION_HOURS = (0.5, 2.0)  # a level's own time to decide or pass the issue up
ANALYSIS_HOURS = (1.0, 6.0)  # the engineer's analysis before escalating
FIX_MEAN_HOURS = {"timing": 30, "clock_tree": 40, "power": 28, "dft_coverage": 24, "verification_bug": 20,
                  "layout_drc": 16, "process_variation": 48}  # after the decision, to a verified fix
CATEGORY_SHARES = [0.22, 0.10, 0.12, 0.12, 0.22, 0.12, 0.10]  # in the order of CATEGORIES
# S5.2: "a clock-tree optimisation problem was cracked within 72 hours" (war room, 2 levels).
ARTICLE_ISSUE = {"raised_at": "2024-11-12T08:00", "analysis_h": 3.0, "levels": [(1.5, 1.0), (2.5, 1.0)],
                 "fix_h": 62.5}  # (wait, deliberation) per level; raised to resolved: 71.5 h
ROSTER = [  # (role, home department, members); all but the product line manager sit in the war room
    ("architect", "architecture", 2), ("rtl_design", "digital_design", 3), ("verification", "verification", 3),
    ("dft", "dft", 2), ("physical_design", "backend", 2), ("process_integration", "process_rnd", 1),
    ("project_manager", "pmo", 1), ("product_line_manager", "product_line", 1),
]
# (task id, task, {role: codes}); T07's two A are the dual reporting the article attributes to AMD 28 nm.
RACI = [
    ("T01", "architecture specification frozen", {"architect": "RA", "rtl_design": "C", "verification": "C",
                                                  "project_manager": "I", "product_line_manager": "C"}),
    ("T02", "RTL code complete", {"rtl_design": "R", "architect": "A", "verification": "C", "dft": "C"}),
    ("T03", "verification closure (coverage signed)", {"verification": "RA", "rtl_design": "C",
                                                       "project_manager": "I"}),
    ("T04", "scan and BIST inserted", {"dft": "RA", "rtl_design": "C", "physical_design": "I"}),
    ("T05", "timing closure", {"physical_design": "R", "rtl_design": "C", "architect": "A",
                               "process_integration": "C"}),
    ("T06", "clock-tree synthesis", {"physical_design": "RA", "architect": "C", "process_integration": "C"}),
    ("T07", "tape-out sign-off", {"physical_design": "R", "verification": "R", "project_manager": "A",
                                  "product_line_manager": "A", "architect": "C"}),
    ("T08", "process design kit updated", {"process_integration": "RA", "physical_design": "I"}),
]


def _hours(value: float) -> pd.Timedelta:
    return pd.Timedelta(minutes=round(value * 60))


def issue_log(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    drawn = []  # (raised_at, period, category, analysis, [(wait, deliberation)], fix, article)
    for period, (first, last) in PERIODS.items():
        span_h = (last - first) / pd.Timedelta(hours=1)
        raised = np.sort(rng.uniform(0, span_h, ISSUES_PER_PERIOD))
        levels = list(LEVEL_SHARES[period])
        for offset in raised:
            category = CATEGORIES[rng.choice(len(CATEGORIES), p=CATEGORY_SHARES)]
            k = levels[rng.choice(len(levels), p=list(LEVEL_SHARES[period].values()))]
            steps = [(rng.gamma(WAIT_SHAPE, WAIT_MEAN_HOURS[period] / WAIT_SHAPE), rng.uniform(*DELIBERATION_HOURS))
                     for _ in range(k)]
            fix = rng.gamma(2.0, FIX_MEAN_HOURS[category] / 2.0)
            drawn.append((first + _hours(offset), period, category, rng.uniform(*ANALYSIS_HOURS), steps, fix, False))
    drawn.append((pd.Timestamp(ARTICLE_ISSUE["raised_at"]), "war_room", "clock_tree", ARTICLE_ISSUE["analysis_h"],
                  ARTICLE_ISSUE["levels"], ARTICLE_ISSUE["fix_h"], True))
    drawn.sort(key=lambda row: row[0])
    issues, escalations = [], []
    for number, (raised, period, category, analysis, steps, fix, article) in enumerate(drawn, start=1):
        issue_id = f"IS-{number:03d}"
        clock = raised + _hours(analysis)
        for level, (wait, deliberation) in enumerate(steps, start=1):
            received = clock
            clock = received + _hours(wait + deliberation)
            escalations.append((issue_id, level, DECIDERS[period][level - 1], received, clock))
        issues.append((issue_id, period, category, raised, clock, clock + _hours(fix), len(steps), article))
    return (pd.DataFrame(issues, columns=["issue_id", "period", "category", "raised_at", "decided_at", "resolved_at",
                                          "decision_levels", "article_case"]),
            pd.DataFrame(escalations, columns=["issue_id", "level", "decider_role", "received_at", "decided_at"]))


def roster() -> pd.DataFrame:
    rows, number = [], 0
    for role, department, members in ROSTER:
        for _ in range(members):
            number += 1
            rows.append((f"M{number:02d}", role, department, role != "product_line_manager"))
    return pd.DataFrame(rows, columns=["member_id", "role", "home_department", "war_room"])


def raci() -> pd.DataFrame:
    rows = [(task_id, task, role, code) for task_id, task, cells in RACI for role, codes in cells.items()
            for code in codes]
    return pd.DataFrame(rows, columns=["task_id", "task", "role", "responsibility"])


def build() -> CaseFiles:
    """Every file of the case as (frame, fixed formats), keyed by file name."""
    rng = np.random.default_rng(SEED)
    issues, escalations = issue_log(rng)
    stamp = "%Y-%m-%dT%H:%M"
    return {
        "issues.csv": (issues, {"raised_at": stamp, "decided_at": stamp, "resolved_at": stamp}),
        "escalations.csv": (escalations, {"received_at": stamp, "decided_at": stamp}),
        "roster.csv": (roster(), {}),
        "raci.csv": (raci(), {}),
    }


def generate(out_dir: str | Path = HERE) -> list[Path]:
    """Write every file of the case into ``out_dir`` (default: this folder); return their paths."""
    return write_case(build(), out_dir)


if __name__ == "__main__":
    run_generator(build, HERE, __doc__)
