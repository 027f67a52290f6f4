"""Earned value: PV, EV, SPI and earned schedule, checked against hand computations."""

import math

import numpy as np
import pandas as pd
import pytest

from followup.earned_value import earned_value_curve, plot_s_curve, status_at
from followup.errors import ScheduleError
from followup.progress import burndown
from followup.schedule import critical_path_method

ACTS = pd.DataFrame({"id": ["A", "B", "C"], "duration": [4, 6, 2], "budget": [40.0, 30.0, 10.0]})
LINKS = pd.DataFrame({"predecessor": ["A", "B"], "successor": ["B", "C"]})
PLAN = critical_path_method(ACTS, LINKS)            # A 0-4, B 4-10, C 10-12
LATE = critical_path_method(ACTS.assign(duration=[8, 6, 2]), LINKS)  # A 0-8, B 8-14, C 14-16


def test_hand_computed_status():
    # day 6: PV = 40 + 30 * 2/6 = 50; EV = A 6/8 of 40 = 30
    s = status_at(PLAN, LATE, 6, budget="budget")
    assert s.planned_value == pytest.approx(50.0)
    assert s.earned_value == pytest.approx(30.0)
    assert s.spi == pytest.approx(0.6)
    assert s.schedule_variance == pytest.approx(-20.0)
    assert s.budget_at_completion == pytest.approx(80.0)
    # PV reached 30 at day 3 (A earns 10 a day): ES = 3, 3 days behind, SPI(t) = 0.5
    assert s.earned_schedule == pytest.approx(3.0)
    assert s.time_variance == pytest.approx(-3.0)
    assert s.spi_time == pytest.approx(0.5)


def test_on_plan_progress_has_spi_one_and_earned_schedule_equal_to_status():
    for day in (1, 4, 7, 11.5):
        s = status_at(PLAN, PLAN, day, budget="budget")
        assert s.spi == pytest.approx(1.0)
        assert s.earned_schedule == pytest.approx(day)


def test_spi_returns_to_one_at_completion_but_time_variance_does_not():
    # the classic weakness of value-based SPI: at the late finish every budget is earned
    s = status_at(PLAN, LATE, 16, budget="budget")
    assert s.spi == pytest.approx(1.0)
    assert s.time_variance == pytest.approx(12 - 16)


def test_planned_value_is_the_burn_up_of_the_budget():
    curve = earned_value_curve(PLAN, LATE, budget="budget", periods=1)
    burn = burndown(PLAN, work="budget", periods=curve["period"].tolist())
    np.testing.assert_allclose(curve["planned_value"], burn["planned_completed"])
    assert curve["period"].iloc[-1] == 16  # runs to the later finish
    assert curve["earned_value"].iloc[-1] == pytest.approx(80.0)


def test_status_hides_later_earned_value_and_spi_is_nan_before_work():
    curve = earned_value_curve(PLAN, LATE, budget="budget", periods=2, status=6)
    assert curve.loc[curve["period"] > 6, "earned_value"].isna().all()
    assert curve.loc[curve["period"] <= 6, "earned_value"].notna().all()
    assert math.isnan(curve["spi"].iloc[0])


def test_budget_as_series_and_extra_progress_activities_ignored():
    budgets = ACTS.set_index("id")["budget"]
    extra = critical_path_method(pd.concat([ACTS, pd.DataFrame({"id": ["DRY"], "duration": [0]})]), LINKS)
    a = status_at(PLAN, extra, 5, budget=budgets)
    b = status_at(PLAN, PLAN, 5, budget="budget")
    assert a.earned_value == pytest.approx(b.earned_value)


@pytest.mark.parametrize("budget, message", [
    ("cost", "no budget column 'cost'"),
    (pd.Series({"A": 1.0}), "no value for activity id"),
    (pd.Series({"A": 1.0, "B": -2.0, "C": 1.0}), "activity 'B' has budget -2.0"),
    (3, "budget must be a column name"),
])
def test_bad_budgets_are_named(budget, message):
    with pytest.raises(ScheduleError, match=message):
        status_at(PLAN, LATE, 3, budget=budget)


def test_progress_missing_an_activity_and_bad_status_are_named():
    partial = critical_path_method(ACTS.iloc[:2], LINKS.iloc[:1])
    with pytest.raises(ScheduleError, match=r"no activity \['C'\]"):
        status_at(PLAN, partial, 3, budget="budget")
    with pytest.raises(ScheduleError, match="status must be a number"):
        status_at(PLAN, LATE, "day 3", budget="budget")
    with pytest.raises(ScheduleError, match="must be the Schedule"):
        status_at(PLAN, LATE.table, 3, budget="budget")
    with pytest.raises(ScheduleError, match="period length"):
        earned_value_curve(PLAN, LATE, budget="budget", periods=0)


def test_plot_s_curve_draws_both_curves_and_rejects_other_frames():
    curve = earned_value_curve(PLAN, LATE, budget="budget", status=6)
    fig = plot_s_curve(curve, status=6, budget_unit="CNY")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines][:2] == ["planned value (PV)", "earned value (EV)"]
    assert ax.get_ylabel() == "Cumulative value (CNY)"
    with pytest.raises(ScheduleError, match="missing column"):
        plot_s_curve(pd.DataFrame({"period": [0]}))
