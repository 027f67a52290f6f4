"""The library behind chapter 1 (goals): replenishment, acceptance sampling, p-chart, milestone trend, cost of
change, the goal calculator's Python side, and their docstring examples.

Each bad input raises the library's own error naming the argument and the fix, before any work.
"""

import doctest

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import acceptance, change_cost, control_chart, goal_plots, milestone_trend, replenishment
from followup.acceptance import demonstration_sample_size, oc_curve, pass_probability
from followup.calculators import goal_calculator
from followup.calculators.goal_calculator import GoalCalculator
from followup.change_cost import change_cost_by_phase
from followup.control_chart import p_chart
from followup.errors import DataError, FollowupError, SimulationError
from followup.milestone_trend import milestone_trend as trend
from followup.replenishment import best_policy, inventory_kpis, order_up_to_levels, simulate_periodic_review


@pytest.mark.parametrize("module", [replenishment, acceptance, control_chart, milestone_trend, change_cost,
                                    goal_plots, goal_calculator])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 1 and result.failed == 0


# ----------------------------------------------------------------------------- replenishment
@settings(max_examples=60, deadline=None)
@given(demand=st.lists(st.lists(st.integers(0, 30), min_size=3, max_size=3), min_size=1, max_size=60),
       level=st.integers(0, 80), period=st.integers(1, 10), lead=st.integers(1, 6))
def test_lost_sales_simulation_keeps_its_books(demand, level, period, lead):
    run = simulate_periodic_review(demand, [level] * 3, period, [lead] * 3)
    d = np.asarray(demand)
    assert (run.sold <= d).all() and (run.closing_stock >= 0).all()
    previous = np.vstack([[level] * 3, run.closing_stock[:-1]])
    assert (run.closing_stock == previous + run.received - run.sold).all()
    assert (run.ordered[np.arange(len(d)) % period != 0] == 0).all()  # orders only on review days


def test_more_stock_means_fewer_stockouts_and_lower_turnover():
    rng = np.random.default_rng(1)
    demand = rng.poisson(5, (200, 4))
    kpis = [inventory_kpis(simulate_periodic_review(demand, [s] * 4, 7, [2] * 4), [1.0] * 4) for s in (30, 45, 60)]
    assert kpis[0].stockout_rate > kpis[1].stockout_rate > kpis[2].stockout_rate
    assert kpis[0].turnover > kpis[1].turnover > kpis[2].turnover


@pytest.mark.parametrize("call, words", [
    (lambda: simulate_periodic_review([1, 2], [3], 1, [1]), "(days, series) table"),
    (lambda: simulate_periodic_review([[1.5]], [3], 1, [1]), "whole numbers"),
    (lambda: simulate_periodic_review([[-1]], [3], 1, [1]), "below the minimum 0"),
    (lambda: simulate_periodic_review([[1]], [3], 0, [1]), "review_period is 0"),
    (lambda: simulate_periodic_review([[1]], [3], 1, [0]), "lead_time holds 0"),
    (lambda: simulate_periodic_review([[1]], [3, 4], 1, [1]), "order_up_to has shape (2,)"),
    (lambda: simulate_periodic_review(np.zeros((3000, 1000), dtype=int), [1] * 1000, 1, [1] * 1000), "more than"),
    (lambda: order_up_to_levels([[1], [2]], 7, [1], 9), "safety_factor is 9"),
])
def test_replenishment_refuses_bad_input(call, words):
    with pytest.raises(SimulationError, match=None) as caught:
        call()
    assert words in str(caught.value)


def test_best_policy_refuses_an_impossible_target():
    grid = pd.DataFrame({"review_period": [7], "safety_factor": [0.0], "turnover": [10.0], "stockout_rate": [0.05]})
    with pytest.raises(SimulationError, match="the lowest is 5.00%"):
        best_policy(grid, 0.01)
    with pytest.raises(SimulationError, match="use one of \\[7\\]"):
        best_policy(grid, 0.1, review_period=3)
    with pytest.raises(SimulationError, match="give a share from 0 to 1"):
        best_policy(grid, 2)


# ----------------------------------------------------------------------------- acceptance
@pytest.mark.parametrize("failures", range(5))
@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99])
def test_the_demonstration_sample_is_the_smallest(failures, confidence):
    n = demonstration_sample_size(0.95, confidence, failures)
    assert pass_probability(n, failures, 0.95) <= 1 - confidence < pass_probability(n - 1, failures, 0.95)


ORACLE_PLANS = [(59, 0), (93, 1), (124, 2), (1, 0), (300, 5), (2000, 10), (100_000, 50), (45, 0), (93, 50)]
ORACLE_YIELDS = [0.0, 0.5, 0.85, 0.93, 0.95, 0.9525, 0.97, 0.999, 1.0]


def test_the_binomial_sum_matches_scipy():
    # scipy is the oracle only (full environment): the library sums the binomial terms itself
    stats = pytest.importorskip("scipy.stats", reason="scipy is in requirements.txt as the tests' oracle")
    for n, c in ORACLE_PLANS:
        for y in ORACLE_YIELDS:
            expected = float(stats.binom.cdf(c, n, 1 - y))
            assert pass_probability(n, c, y) == pytest.approx(expected, rel=1e-12, abs=1e-300), (n, c, y)
    grid = np.linspace(0.85, 1, 61)
    assert np.allclose(oc_curve(93, 1, grid).to_numpy(), stats.binom.cdf(1, 93, 1 - grid), rtol=1e-12, atol=0)


@pytest.mark.parametrize("target", [0.8, 0.9, 0.95, 0.99, 0.999])
def test_the_demonstration_sample_is_scipys(target):
    stats = pytest.importorskip("scipy.stats", reason="scipy is in requirements.txt as the tests' oracle")

    def smallest(conf, c):  # the search as it was written on scipy's binomial CDF
        low, high = c + 1, acceptance.MAX_SAMPLE
        while low < high:
            middle = (low + high) // 2
            low, high = (low, middle) if stats.binom.cdf(c, middle, 1 - target) <= 1 - conf else (middle + 1, high)
        return low

    for conf in (0.5, 0.8, 0.9, 0.95, 0.99):
        for c in (0, 1, 2, 4, 10, 25, 50):
            if stats.binom.cdf(c, acceptance.MAX_SAMPLE, 1 - target) <= 1 - conf:
                assert demonstration_sample_size(target, conf, c) == smallest(conf, c), (target, conf, c)


def test_zero_failure_sample_is_the_success_run_formula():
    assert demonstration_sample_size(0.95, 0.95, 0) == int(np.ceil(np.log(0.05) / np.log(0.95)))


def test_oc_curve_rises_with_the_yield():
    curve = oc_curve(93, 1, np.linspace(0.8, 1, 41))
    assert curve.is_monotonic_increasing and curve.iloc[-1] == 1


@pytest.mark.parametrize("call, words", [
    (lambda: pass_probability(0, 0, 0.9), "sample_size is 0"),
    (lambda: pass_probability(10, 10, 0.9), "must be smaller than sample_size"),
    (lambda: pass_probability(10, 1, 1.5), "true_yield is 1.5"),
    (lambda: demonstration_sample_size(1.0, 0.9), "target_yield is 1.0"),
    (lambda: demonstration_sample_size(0.999999, 0.999999, 50), "no sample of at most"),
    (lambda: oc_curve(10, 1, []), "yields must be"),
])
def test_acceptance_refuses_bad_input(call, words):
    with pytest.raises(FollowupError) as caught:
        call()
    assert words in str(caught.value)


# ----------------------------------------------------------------------------- p-chart, trend, cost
def test_p_chart_limits_follow_each_periods_size():
    chart = p_chart([90, 900], [100, 1000])
    assert chart["centre"].iloc[0] == pytest.approx(0.9)
    assert (chart["upper"] - chart["centre"]).iloc[0] == pytest.approx(3 * np.sqrt(0.09 / 100))
    assert (chart["upper"] - chart["centre"]).iloc[1] == pytest.approx(3 * np.sqrt(0.09 / 1000))


@pytest.mark.parametrize("counts, sizes, words", [
    ([5, 6], [10], "same length"), ([11], [10], "period 0: count 11 of size 10"), ([1.5], [10], "whole numbers"),
])
def test_p_chart_refuses_bad_counts(counts, sizes, words):
    with pytest.raises(DataError) as caught:
        p_chart(counts, sizes)
    assert words in str(caught.value)


def test_milestone_trend_names_a_milestone_without_baseline():
    reports = pd.DataFrame({"report_date": pd.to_datetime(["2024-01-31"]), "milestone": ["M9"],
                            "forecast_date": pd.to_datetime(["2024-05-01"])})
    with pytest.raises(DataError, match="milestone 'M9' has no baseline date"):
        trend(reports, {"M1": "2024-03-01"})
    with pytest.raises(DataError, match="has no column 'forecast_date'"):
        trend(reports.drop(columns="forecast_date"), {"M9": "2024-03-01"})


def test_change_cost_refuses_a_bad_scrap_share():
    items = pd.DataFrame({"item": ["moulds"], "committed_on": pd.to_datetime(["2024-01-01"]),
                          "amount_cny": [1.0], "scrap_share": [1.2]})
    gates = pd.DataFrame({"milestone": ["M1"], "reached_on": pd.to_datetime(["2024-02-01"]), "change_delay_days": [1]})
    with pytest.raises(DataError, match="item 'moulds' has a scrap_share outside 0 to 1"):
        change_cost_by_phase(items, gates, delay_cost_per_day=1)
    with pytest.raises(DataError, match="delay_cost_per_day is -1"):
        change_cost_by_phase(items.assign(scrap_share=0.5), gates, delay_cost_per_day=-1)


# ----------------------------------------------------------------------------- the calculator's Python side
@pytest.fixture(scope="module")
def calc():
    return GoalCalculator.from_case()


def test_calculator_defaults_come_from_the_cases(calc):
    assert (calc.review_period, calc.safety_factor, calc.stockout_target) == (7, 1.0, 2.0)
    assert calc.result.required_sample == calc.sample_size == 93
    assert len(calc.policies) == 60 and len(calc.plans) == 24 and len(calc.oc_yields) == 61
    assert calc.result.best_in_period["safety_factor"] == 1.0


def test_a_bad_value_keeps_the_last_result(calc):
    before = calc.result
    calc.stockout_target = 150
    assert calc.error.startswith("stockout_target is 150") and calc.stale and calc.result is before
    calc.stockout_target = 2.0
    calc.sample_size = 93.5
    assert calc.error.startswith("sample_size is 93.5") and repr(calc) == f"GoalCalculator(error={calc.error!r})"
    calc.sample_size = 93
    assert not calc.error and calc.result.confidence_shown == pytest.approx(0.95, abs=1e-3)


def test_the_stylesheet_extends_the_shared_one(calc):
    assert ".lm-calc-field-error" in calc._css and ".lm-calc {" in calc._css
