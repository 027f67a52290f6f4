"""Hand cases and properties of the serial SGS, levelling improvement, smoothing and the feasibility check."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.errors import ResourceError, ScheduleError
from followup.levelling import (
    PRIORITY_RULES,
    is_feasible,
    level_resources,
    serial_sgs,
    smooth_resources,
)
from followup.schedule import critical_path_method


def fs(*pairs, lag=0, kind="FS"):
    return pd.DataFrame({"predecessor": [p for p, _ in pairs], "successor": [s for _, s in pairs],
                         "type": kind, "lag": lag})


def acts(**durations):
    return pd.DataFrame({"id": list(durations), "duration": list(durations.values())})


def dem(resource, **units):
    return pd.DataFrame({resource: list(units.values())}, index=list(units))


# ----------------------------------------------------------------------------- serial SGS
def test_single_crane_serialises_the_lifts():
    res = serial_sgs(acts(A=3, B=2, C=2), fs(("A", "C")), dem("crane", A=1, B=1, C=1), {"crane": 1})
    # LFT: A 5, B 7, C 7 -> list A, B, C (B before C: same LFT, B comes first in the input)
    assert res.activity_list == ("A", "B", "C")
    assert res.starts.to_dict() == {"A": 0, "B": 3, "C": 5}
    assert res.makespan == 7 and res.cpm_duration == 5
    assert res.table["finish"].tolist() == [3, 5, 7]


def test_lft_rule_beats_input_order():
    # B is on the long chain (B -> D), so its late finish is earlier than A's: B goes first
    a = acts(A=2, B=2, D=4)
    res = serial_sgs(a, fs(("B", "D")), dem("R", A=1, B=1, D=0), {"R": 1})
    assert res.activity_list[:2] == ("B", "A")
    assert res.starts.to_dict() == {"B": 0, "A": 2, "D": 2}
    assert res.makespan == 6


def test_ties_go_to_input_order():
    res = serial_sgs(acts(X=2, Y=2, Z=2), None, dem("R", X=1, Y=1, Z=1), {"R": 1})
    assert res.activity_list == ("X", "Y", "Z")
    res = serial_sgs(acts(Z=2, Y=2, X=2), None, dem("R", X=1, Y=1, Z=1), {"R": 1})
    assert res.activity_list == ("Z", "Y", "X")


@pytest.mark.parametrize(
    "rule, first",
    [("lft", "hub"), ("lst", "long"), ("mts", "hub"), ("grpw", "long"), ("spt", "short")],
)
def test_priority_rules(rule, first):
    # CPM: long LS 0 / LF 8; hub LS 4 / LF 7 (x, y follow it); short LS 7 / LF 8
    a = acts(short=1, hub=3, long=8, x=1, y=1)
    links = fs(("hub", "x"), ("hub", "y"))
    res = serial_sgs(a, links, dem("R", short=1, hub=1, long=1, x=1, y=1), {"R": 1}, priority=rule)
    assert res.activity_list[0] == first
    assert res.priority == rule
    assert is_feasible(res, a, links, dem("R", short=1, hub=1, long=1, x=1, y=1), {"R": 1})[0]


def test_custom_priority_series():
    res = serial_sgs(acts(A=1, B=1, C=1), None, dem("R", A=1, B=1, C=1), {"R": 1},
                     priority=pd.Series({"A": 3, "B": 1, "C": 2}))
    assert res.activity_list == ("B", "C", "A") and res.priority == "custom"


def test_resource_gap_is_used_when_it_fits():
    # B (2 units) cannot run beside A (2 of 3 units) but C (1 unit) can
    a = acts(A=4, B=2, C=2)
    res = serial_sgs(a, None, pd.DataFrame({"R": [2, 2, 1]}, index=["A", "B", "C"]), {"R": 3})
    assert res.starts.to_dict() == {"A": 0, "B": 4, "C": 0}


def test_fs_lag_and_other_link_types():
    a = acts(A=3, B=2, C=4, D=1)
    links = pd.DataFrame({"predecessor": ["A", "A", "B"], "successor": ["B", "C", "D"],
                          "type": ["FS", "SS", "FF"], "lag": [2, 1, 1]})
    d = dem("R", A=0, B=0, C=0, D=0)
    res = serial_sgs(a, links, d, {"R": 1})
    cpm = critical_path_method(a, links)
    # no resource conflict: the SGS reproduces the early starts
    assert res.starts.to_dict() == cpm.table["early_start"].to_dict()
    assert res.starts.to_dict() == {"A": 0, "B": 5, "C": 1, "D": 7}


def test_negative_lag_and_sf_link():
    a = acts(A=3, B=2)
    links = pd.DataFrame({"predecessor": ["A"], "successor": ["B"], "type": ["SF"], "lag": [1]})
    res = serial_sgs(a, links, dem("R", A=1, B=1), {"R": 1})
    # SF: B must finish >= A's start + 1 -> any start is fine; the crane forces B after A
    assert res.starts.to_dict() == {"A": 0, "B": 3}
    lead = fs(("A", "B"), lag=-2)
    res = serial_sgs(a, lead, dem("R", A=0, B=0), {"R": 1})
    assert res.starts["B"] == 1


def test_integer_like_ids_and_demand_index():
    a = pd.DataFrame({"id": [1, 2], "duration": [2, 2]})
    res = serial_sgs(a, None, pd.DataFrame({"R": [1, 1]}, index=[1, 2]), {"R": 1})
    assert res.starts.to_dict() == {"1": 0, "2": 2}


def test_fractional_demands_within_capacity():
    res = serial_sgs(acts(A=2, B=2, C=2), None, pd.DataFrame({"fte": [0.5, 0.5, 0.1]}, index=list("ABC")),
                     {"fte": 1.0})
    assert res.starts.to_dict() == {"A": 0, "B": 0, "C": 2}


# ----------------------------------------------------------------------------- errors
def test_demand_above_capacity_names_everything():
    with pytest.raises(ResourceError, match=r"activity 'B' needs 3 'crane' but only 2 exist"):
        serial_sgs(acts(A=1, B=1), None, dem("crane", A=1, B=3), {"crane": 2})


@pytest.mark.parametrize(
    "demands, capacities, message",
    [
        (dem("cranes", A=1), {"crane": 1}, "unknown resource 'cranes'"),
        (dem("crane", A=-1), {"crane": 1}, "demand of activity 'A' for 'crane' is -1"),
        (dem("crane", A="two"), {"crane": 1}, "demand of activity 'A' for 'crane' is 'two'"),
        (dem("crane", Q=1), {"crane": 1}, "demands list activity 'Q'"),
        (dem("crane", A=1), {"crane": -1}, "capacity of 'crane' is -1"),
        (dem("crane", A=1), {}, "non-empty mapping"),
        ([1, 2], {"crane": 1}, "DataFrame"),
    ],
)
def test_resource_errors(demands, capacities, message):
    with pytest.raises(ResourceError, match=message):
        serial_sgs(acts(A=1), None, demands, capacities)


def test_schedule_errors():
    with pytest.raises(ScheduleError, match="duration of 'A' is 1.5"):
        serial_sgs(acts(A=1.5), None, dem("R", A=1), {"R": 1})
    with pytest.raises(ScheduleError, match="lag"):
        serial_sgs(acts(A=1, B=1), fs(("A", "B"), lag=0.5), dem("R", A=1), {"R": 1})
    with pytest.raises(ScheduleError, match="cycle"):
        serial_sgs(acts(A=1, B=1), fs(("A", "B"), ("B", "A")), dem("R", A=1), {"R": 1})
    with pytest.raises(ScheduleError, match="unknown priority rule 'fifo'"):
        serial_sgs(acts(A=1), None, dem("R", A=1), {"R": 1}, priority="fifo")
    with pytest.raises(ScheduleError, match="no value for activity 'B'"):
        serial_sgs(acts(A=1, B=1), None, dem("R", A=1), {"R": 1}, priority=pd.Series({"A": 1}))
    with pytest.raises(ScheduleError, match="unknown method"):
        level_resources(acts(A=1), None, dem("R", A=1), {"R": 1}, method="genetic")
    with pytest.raises(ScheduleError, match="iterations"):
        level_resources(acts(A=1), None, dem("R", A=1), {"R": 1}, iterations=-1)


# ----------------------------------------------------------------------------- improvement
def test_forward_backward_repairs_a_bad_list():
    # SPT starts the two short jobs first and strands the long one; justification regroups them
    a = acts(s1=1, s2=1, long=4, after=1)
    links = fs(("s1", "after"))
    d = pd.DataFrame({"R": [1, 2, 1, 2]}, index=["s1", "s2", "long", "after"])
    single = serial_sgs(a, links, d, {"R": 2}, priority="spt")
    better = level_resources(a, links, d, {"R": 2}, method="forward-backward", priority="spt")
    assert better.makespan <= single.makespan
    assert better.schedules > 1 and better.method == "forward-backward"
    assert is_feasible(better, a, links, d, {"R": 2})[0]


def test_sampling_is_reproducible_and_no_worse():
    rng = np.random.default_rng(3)
    a = acts(**{f"a{k}": int(rng.integers(1, 6)) for k in range(12)})
    links = fs(*[(f"a{k}", f"a{k + 3}") for k in range(9)])
    d = pd.DataFrame({"R": rng.integers(1, 4, 12), "S": rng.integers(0, 3, 12)}, index=a["id"])
    caps = {"R": 4, "S": 3}
    single = level_resources(a, links, d, caps, method="single")
    one = level_resources(a, links, d, caps, iterations=30, seed=7)
    two = level_resources(a, links, d, caps, iterations=30, seed=7)
    assert one.makespan <= single.makespan
    assert one.starts.to_dict() == two.starts.to_dict()
    assert is_feasible(one, a, links, d, caps)[0]


def test_sampling_stops_at_the_critical_path():
    res = level_resources(acts(A=2, B=3), None, dem("R", A=1, B=1), {"R": 2}, iterations=500)
    assert res.makespan == res.cpm_duration == 3 and res.schedules < 10


# ----------------------------------------------------------------------------- feasibility
def test_is_feasible_lists_violations():
    a = acts(A=2, B=2, C=1)
    links = fs(("A", "B"))
    d = dem("crane", A=1, B=1, C=1)
    ok, violations = is_feasible({"A": 0, "B": 1, "C": 1}, a, links, d, {"crane": 1})
    assert not ok
    assert violations[0] == "link 'A' -> 'B': 'B' starts at 1 but may start at 2 at the earliest"
    assert "crane: 3 in use > capacity 1 during [1, 2) (A, B, C)" in violations
    assert is_feasible({"A": 0, "B": 2, "C": 4}, a, links, d, {"crane": 1}) == (True, [])
    ok, violations = is_feasible({"A": 0, "B": 2}, a, links, d, {"crane": 1})
    assert violations == ["activity 'C' has no start"]
    ok, violations = is_feasible(pd.DataFrame({"id": ["A", "B", "C"], "start": [-1, 2, 4]}), a, links, d,
                                 {"crane": 1})
    assert violations == ["activity 'A' starts at -1, before the project start 0"]
    with pytest.raises(ResourceError, match="unknown resource 'crane'"):
        is_feasible({"A": 0, "B": 2, "C": 4}, a, links, d, {"hoist": 1})
    with pytest.raises(ScheduleError, match="'start' column"):
        is_feasible(pd.DataFrame({"id": ["A"], "begin": [0]}), a, links, d, {"crane": 1})


# ----------------------------------------------------------------------------- smoothing
def test_smoothing_within_free_float():
    a = acts(A=4, B=2, C=2)
    cpm = critical_path_method(a)
    res = smooth_resources(cpm, dem("fitters", A=0, B=1, C=1), resource="fitters")
    assert res.starts.tolist() == [0, 2, 0]
    assert (res.peak_before, res.peak_after) == (2.0, 1.0)
    assert res.sum_squares_after < res.sum_squares_before
    assert res.finish == cpm.duration == 4
    assert res.profile["fitters"].tolist() == [1, 1, 1, 1]
    assert res.table["shift"].tolist() == [0, 2, 0]


def test_smoothing_total_float_moves_chains():
    # B -> C has total float 4 but B has no free float: only within="total" moves B
    a = acts(A=6, B=1, C=1)
    links = fs(("B", "C"))
    cpm = critical_path_method(a, links)
    d = dem("fitters", A=1, B=1, C=1)
    free = smooth_resources(cpm, d, resource="fitters")
    total = smooth_resources(cpm, d, resource="fitters", within="total", objective="peak")
    assert free.starts["B"] == 0
    assert total.peak_after == 2.0 and total.finish == 6
    assert is_feasible(total.starts, a, links, pd.DataFrame({"x": [0, 0, 0]}, index=list("ABC")), {"x": 0})[0]
    flat = smooth_resources(cpm, dem("fitters", A=0, B=1, C=1), resource="fitters", within="total")
    assert flat.peak_after == 1.0 and flat.sum_squares_after == 2.0


def test_smoothing_peak_objective_lowers_the_peak():
    a = acts(A=1, B=3, C=3, D=6)
    cpm = critical_path_method(a)
    d = pd.DataFrame({"w": [3, 2, 2, 0]}, index=list("ABCD"))
    res = smooth_resources(cpm, d, resource="w", objective="peak")
    # 15 worker-days in 6 days: B and C (2 each) cannot both avoid A (3) and each other, so 4 is best
    assert res.peak_before == 7.0 and res.peak_after == 4.0


def test_smoothing_errors():
    cpm = critical_path_method(acts(A=2))
    with pytest.raises(ScheduleError, match="within must be"):
        smooth_resources(cpm, dem("w", A=1), resource="w", within="all")
    with pytest.raises(ResourceError, match="objective must be"):
        smooth_resources(cpm, dem("w", A=1), resource="w", objective="max")
    with pytest.raises(ResourceError, match="unknown resource 'v'"):
        smooth_resources(cpm, dem("w", A=1), resource="v")
    with pytest.raises(ScheduleError, match="critical_path_method"):
        smooth_resources(cpm.table, dem("w", A=1), resource="w")
    with pytest.raises(ResourceError, match="activity 'Z'"):
        smooth_resources(cpm, dem("w", Z=1), resource="w")
    with pytest.raises(ResourceError, match="negative"):
        smooth_resources(cpm, dem("w", A=-1), resource="w")
    with pytest.raises(ScheduleError, match="whole periods"):
        smooth_resources(critical_path_method(acts(A=2.5)), dem("w", A=1), resource="w")


# ----------------------------------------------------------------------------- properties
@st.composite
def projects(draw):
    n = draw(st.integers(2, 9))
    ids = [f"a{k}" for k in range(n)]
    durations = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=2 * n))
    rows = [(ids[min(i, j)], ids[max(i, j)]) for i, j in pairs if i != j]
    kinds = draw(st.lists(st.sampled_from(["FS", "SS", "FF", "SF"]), min_size=len(rows), max_size=len(rows)))
    lags = draw(st.lists(st.integers(-2, 3), min_size=len(rows), max_size=len(rows)))
    links = pd.DataFrame({"predecessor": [p for p, _ in rows], "successor": [s for _, s in rows],
                          "type": kinds, "lag": lags})
    caps = {"R": draw(st.integers(1, 4)), "S": draw(st.integers(1, 3))}
    demands = pd.DataFrame({r: draw(st.lists(st.integers(0, c), min_size=n, max_size=n)) for r, c in caps.items()},
                           index=ids)
    return pd.DataFrame({"id": ids, "duration": durations}), links, demands, caps


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects(), st.sampled_from(PRIORITY_RULES), st.sampled_from(["single", "forward-backward", "sampling"]))
def test_levelled_schedules_are_feasible_and_not_shorter_than_cpm(project, rule, method):
    a, links, d, caps = project
    res = level_resources(a, links, d, caps, method=method, priority=rule, iterations=5)
    ok, violations = is_feasible(res, a, links, d, caps)
    assert ok, violations
    assert res.makespan >= critical_path_method(a, links).duration
    assert res.makespan <= serial_sgs(a, links, d, caps, priority=rule).makespan
    assert (res.starts >= 0).all()


@settings(max_examples=60, deadline=None)
@given(projects(), st.sampled_from(["free", "total"]), st.sampled_from(["squares", "peak"]))
def test_smoothing_keeps_finish_and_links(project, within, objective):
    a, links, d, _ = project
    cpm = critical_path_method(a, links)
    res = smooth_resources(cpm, d, resource="R", within=within, objective=objective)
    assert res.finish == cpm.duration
    assert (res.table["start"] + res.table["duration"]).max() == cpm.duration
    slack = cpm.table["free_float" if within == "free" else "total_float"]
    assert (res.table["shift"] >= 0).all() and (res.table["shift"] <= slack).all()
    assert is_feasible(res.starts, a, links, d, {"R": 10**6, "S": 10**6})[0]
    assert res.sum_squares_after <= res.sum_squares_before if objective == "squares" else \
        res.peak_after <= res.peak_before
