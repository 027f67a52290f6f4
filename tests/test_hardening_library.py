"""Regression tests of issue 16 (library hardening): each reproducer of the fuzzing run, and its class.

Oversized calls are checked to be refused before any work: under the fuzz suite's alarm (a hang guard,
not a performance target) and with tracemalloc showing that nothing large was allocated.
"""

import math
import tracemalloc

import pandas as pd
import pytest

from fuzz_library import run_case, Target, check_any
from followup.errors import DataError, FollowupError, ResourceError, ScheduleError, SimulationError
from followup.forecast import catch_up_days, forecast_errors, seasonal_naive, staff_needed
from followup.levelling import is_feasible, level_resources, serial_sgs, smooth_resources
from followup.montecarlo import ThreePointEstimate, probability_of_overlap, simulate_overlap, simulate_schedule
from followup.psplib import read_sm
from followup.pulse import allocate_fleet, largest_remainder
from followup.resources import conflicts, over_allocation, usage_profile
from followup.risk import action_priority, expected_monetary_value, rpn
from followup.schedule import critical_path_method
from followup.screening import confusion_at_threshold

ACTS = pd.DataFrame({"id": ["A", "B", "C"], "duration": [2, 3, 1]})
CHAIN = pd.DataFrame({"predecessor": ["A"], "successor": ["B"]})
DEMANDS = pd.DataFrame({"R": [1, 1, 1]}, index=["A", "B", "C"])
THREE = pd.DataFrame({"id": ["A", "B"], "low": [1, 2], "mode": [2, 3], "high": [4, 5]})


def acts(durations):
    return pd.DataFrame({"id": list("ABCDEFGH")[: len(durations)], "duration": durations})


# --------------------------------------------------------------------------- sizes refused before any work
OVERSIZED = {
    "level_resources(iterations=20_000)": lambda: level_resources(ACTS, None, DEMANDS, {"R": 1}, iterations=20_000),
    "level_resources(iterations=1e12)": lambda: level_resources(ACTS, None, DEMANDS, {"R": 1}, iterations=10**12),
    "serial_sgs, a 10**10-period grid": lambda: serial_sgs(acts([10**10, 1]), None, DEMANDS.iloc[:2], {"R": 1}),
    "usage_profile(period=1e-9)": lambda: usage_profile(critical_path_method(ACTS), DEMANDS, period=1e-9),
    "simulate_schedule(iterations=10**9)": lambda: simulate_schedule(THREE, iterations=10**9),
    "probability_of_overlap(iterations=10**8)": lambda: probability_of_overlap(0, 5, 3, 2, iterations=10**8),
    "smooth_resources on 10**9 periods": lambda: smooth_resources(critical_path_method(acts([10**9])),
                                                                   pd.DataFrame({"R": [1]}, index=["A"]),
                                                                   resource="R"),
}


@pytest.mark.parametrize("name", OVERSIZED)
def test_oversized_calls_are_refused_before_any_work(name):
    tracemalloc.start()
    try:
        outcome, detail = run_case(Target(name, None, check_any), (OVERSIZED[name], (), {}))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome == "documented", detail
    assert peak < 50 * 2**20, f"{name} allocated {peak / 2**20:.0f} MB before refusing"


# --------------------------------------------------------------------------- exact or refused arithmetic
@pytest.mark.parametrize("durations", [[2**62, 2**62], [1e308, 1e308, 1e308], [1 + 1j, 1], [True, 2], ["1e309", 1]])
def test_durations_that_would_wrap_overflow_or_be_misread_are_refused(durations):
    with pytest.raises(ScheduleError, match="activity 'A' has"):
        critical_path_method(acts(durations), CHAIN)


def test_a_huge_lag_is_refused_not_wrapped():
    links = CHAIN.assign(type="FS", lag=[99999999999999999999])
    with pytest.raises(ScheduleError, match="has lag 99999999999999999999"):
        critical_path_method(ACTS, links)


def test_duplicated_columns_are_named():
    frame = pd.concat([ACTS, ACTS[["duration"]]], axis=1)
    with pytest.raises(ScheduleError, match="two columns named 'duration'"):
        critical_path_method(frame)


# --------------------------------------------------------------------------- Series matched by label
def test_rpn_matches_series_by_label():
    result = rpn(pd.Series([10, 1], ["a", "b"]), pd.Series([1, 10], ["b", "a"]), pd.Series([1, 1], ["a", "b"]))
    assert result.to_dict() == {"a": 100, "b": 1}


@pytest.mark.parametrize("function", [rpn, action_priority])
def test_ratings_with_different_labels_are_refused(function):
    with pytest.raises(FollowupError, match="different indexes"):
        function(pd.Series([5, 5], ["a", "b"]), pd.Series([5, 5], ["a", "c"]), 5)


def test_action_priority_matches_by_label():
    s = pd.Series([9, 2], ["x", "y"])
    assert action_priority(s, pd.Series([2, 6], ["y", "x"]), pd.Series([5, 5], ["x", "y"])).tolist() == [
        action_priority(9, 6, 5), action_priority(2, 2, 5)]


def test_emv_forecast_errors_and_screening_match_by_label():
    emv = expected_monetary_value(pd.Series([0.5, 0.1], ["a", "b"]), pd.Series([10.0, 100.0], ["b", "a"]))
    assert emv.to_dict() == {"a": 50.0, "b": 1.0}
    errors = forecast_errors(pd.Series([100.0, 200.0], ["d1", "d2"]), pd.Series([220.0, 110.0], ["d2", "d1"]))
    assert errors.percentage_errors.round(9).tolist() == [10.0, 10.0]
    c = confusion_at_threshold(pd.Series([0.9, 0.1], ["t1", "t2"]), pd.Series([0, 1], ["t2", "t1"]), 0.5)
    assert (c.tp, c.fp, c.tn, c.fn) == (1, 0, 1, 0)
    with pytest.raises(DataError, match="different indexes"):
        forecast_errors(pd.Series([1.0], ["a"]), pd.Series([1.0], ["b"]))
    with pytest.raises(SimulationError, match="different indexes"):
        simulate_overlap(pd.Series([0.0, 1.0], [0, 1]), 2, pd.Series([3.0, 4.0], [5, 6]), 1, iterations=2)


# --------------------------------------------------------------------------- NaN never means unlimited
@pytest.mark.parametrize("call", [
    lambda c: serial_sgs(ACTS, None, DEMANDS, c),
    lambda c: level_resources(ACTS, None, DEMANDS, c, iterations=5),
    lambda c: is_feasible({"A": 0, "B": 0, "C": 0}, ACTS, None, DEMANDS, c),
    lambda c: over_allocation(pd.DataFrame({"R": [5]}), c),
    lambda c: conflicts(pd.DataFrame({"resource": ["R"], "start": [0], "finish": [1], "units": [3], "id": ["x"]}), c),
], ids=["serial_sgs", "level_resources", "is_feasible", "over_allocation", "conflicts"])
def test_nan_capacity_is_refused(call):
    with pytest.raises(ResourceError, match="capacity of (resource )?'R' is nan"):
        call({"R": float("nan")})


def test_infinite_capacity_means_no_limit_and_infinite_start_is_refused():
    assert serial_sgs(ACTS, None, DEMANDS, {"R": math.inf}).makespan == 3
    assert over_allocation(pd.DataFrame({"R": [5]}), {"R": math.inf}).empty
    with pytest.raises(ScheduleError, match="start of activity 'B' is inf"):
        is_feasible({"A": 0, "B": math.inf}, acts([1, 1]), None, DEMANDS.iloc[:2], {"R": 1})


# --------------------------------------------------------------------------- wrong results
def test_usage_profile_keeps_work_before_time_zero():
    table = pd.DataFrame({"duration": [2, 2], "early_start": [-2, 1]}, index=["A", "B"])
    profile = usage_profile(table, pd.DataFrame({"R": [1, 1]}, index=["A", "B"]))
    assert profile.index.tolist() == [-2, -1, 0, 1, 2]
    assert profile["R"].tolist() == [1, 1, 0, 1, 1]
    mean = usage_profile(table, pd.DataFrame({"R": [1, 1]}, index=["A", "B"]), period=2, how="mean")
    assert mean["R"].sum() * 2 == 4  # all four unit-days of work are there


def test_largest_remainder_refuses_negative_weights():
    with pytest.raises(ResourceError, match="weight 1 must be a finite number >= 0"):
        largest_remainder([3, -1], 10)


SM = """jobs (incl. supersource/sink ):  3
horizon                       :  4
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      1      0       5        0       4
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          1           2
   2        1          1           3
   3        1          0
REQUESTS/DURATIONS:
jobnr. mode duration  {names}
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     {d}       {r}    1
  3      1     0       0    0
RESOURCEAVAILABILITIES:
  {names}
   {c}   2
"""


@pytest.mark.parametrize(("fields", "message"), [
    (dict(d=-4), "-4 in the REQUESTS/DURATIONS section"),
    (dict(r=-1), "-1 in the REQUESTS/DURATIONS section"),
    (dict(c=-2), "-2 in the RESOURCEAVAILABILITIES section"),
    (dict(names="R 1  R 1"), r"named \['R1', 'R1'\], one name twice"),
])
def test_read_sm_refuses_negative_numbers_and_duplicate_resource_names(tmp_path, fields, message):
    values = dict(d=4, r=1, c=2, names="R 1  R 2") | fields
    path = tmp_path / "bad.sm"
    path.write_text(SM.format(**values))
    with pytest.raises(DataError, match=message):
        read_sm(path)
    path.write_text(SM.format(d=4, r=1, c=2, names="R 1  R 2"))
    assert read_sm(path).capacities == {"R1": 2, "R2": 2}


# --------------------------------------------------------------------------- documented errors
def test_smooth_resources_with_an_imposed_finish_before_or_after_the_network():
    dem = pd.DataFrame({"R": [1, 1, 1]}, index=["A", "B", "C"])
    late = smooth_resources(critical_path_method(ACTS, finish=9), dem, resource="R")
    assert late.finish == 9 and (late.table["start"] + late.table["duration"] <= 9).all()
    assert late.peak_after == 1.0
    # finish 2 < 5: A and B have negative float and stay; C may only move within 2 - 1 = 1 (no gain)
    early = smooth_resources(critical_path_method(ACTS, CHAIN, finish=2), dem, resource="R")
    assert early.finish == 5 and early.table["shift"].tolist() == [0, 0, 0]
    with pytest.raises(ResourceError, match="demands must be a DataFrame .* got dict"):
        smooth_resources(critical_path_method(ACTS), {"R": {"A": 1}}, resource="R")


@pytest.mark.parametrize("seed", ["abc", 1.5, -1, True])
def test_bad_seeds_are_documented_errors(seed):
    with pytest.raises(FollowupError, match="seed must be a whole number >= 0"):
        simulate_schedule(THREE, iterations=10, seed=seed)
    with pytest.raises(FollowupError, match="seed"):
        level_resources(ACTS, None, DEMANDS, {"R": 1}, iterations=3, seed=seed)
    with pytest.raises(FollowupError, match="seed"):
        probability_of_overlap(0, 5, 3, 2, iterations=10, seed=seed)


def test_three_point_estimates_of_text_and_out_of_order_name_the_argument():
    with pytest.raises(SimulationError, match="low must be a finite number"):
        ThreePointEstimate("1", "2", "3")
    with pytest.raises(SimulationError, match=r"b_duration \('1', '2', '3'\)"):
        probability_of_overlap(0, 5, 3, ("1", "2", "3"))
    with pytest.raises(SimulationError, match=r"a_duration \(5, 3, 4\): .* out of order"):
        probability_of_overlap(0, (5, 3, 4), 3, 2)


@pytest.mark.parametrize("value", [math.inf, math.nan, -math.inf])
def test_staffing_and_fleet_refuse_inf_and_nan(value):
    with pytest.raises(ResourceError, match="orders must be"):
        staff_needed(value, per_hour=10, shift_hours=8)
    with pytest.raises(ResourceError, match="per_hour must be"):
        staff_needed(100, per_hour=value, shift_hours=8)
    with pytest.raises(ResourceError, match="backlog must be"):
        catch_up_days(value, daily_demand=10, daily_capacity=20)
    with pytest.raises(ResourceError, match="daily_capacity must be"):
        catch_up_days(10, daily_demand=10, daily_capacity=value)
    demand = pd.DataFrame({"period": [1, 1], "region": ["E", "W"], "demand": [10, value]})
    with pytest.raises(ResourceError, match="demand of region 'W' in period 1"):
        allocate_fleet(demand, 10)
    with pytest.raises(ResourceError, match="fleet_size must be a whole number"):
        allocate_fleet(demand.assign(demand=[10, 5]), value)


def test_staff_needed_refuses_a_norm_that_makes_the_count_astronomical():
    with pytest.raises(ResourceError, match="that needs .* workers"):
        staff_needed(1e12, per_hour=1e-300, shift_hours=1e-10)


@pytest.mark.parametrize(("history_dates", "dates", "message"), [
    (["2024-06-17", "2024-06-17"], ["2025-06-17"], "two values for 2024-06-17"),
    (["2024-06-17", "2024-06-18"], ["not a date"], "not a date"),
    (["2024-06-17", "2024-06-18"], ["2025-06-17", "2025-06-17"], "lists 2025-06-17 twice"),
    (["2024-06-17", "2024-06-18"], "2025-06-17", "must be a list of dates"),
])
def test_seasonal_naive_refuses_duplicate_and_unparsable_dates(history_dates, dates, message):
    history = pd.Series([100.0, 120.0], index=pd.to_datetime(history_dates))
    with pytest.raises(DataError, match=message):
        seasonal_naive(history, dates)
