"""The checks of chapter 1's exercises: each accepts the worked solution, names the typical mistakes, and never
shows the answer.

The right answers are recomputed here the way exercises/solutions/01-goals-solutions.ipynb computes them (from the
data, with the library or plain pandas), not read from the checks module, so a check that drifts from its
solution fails.
"""

import pathlib
import re
import sys

import pandas as pd
import pytest
from _feedback_checks import rejected

from followup.acceptance import pass_probability
from followup.cases.npd_launch import design_change_cost
from followup.control_chart import p_chart
from followup.datasets import npd_launch, retail_replenishment
from followup.exercises import goals as ex
from followup.replenishment import simulate_periodic_review

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from sample_submissions import answer_key  # noqa: E402  (the library's Feedback exposes no answer)

RETAIL = retail_replenishment.load()
NPD = npd_launch.load()
DAILY_2025 = RETAIL.daily[RETAIL.daily["date"].dt.year == 2025]


def one_series(store, sku):
    return DAILY_2025[(DAILY_2025["store"] == store) & (DAILY_2025["sku"] == sku)]


# ----------------------------------------------------------------------------- exercise 1
def solution_1():
    rows = one_series(*ex.EXERCISE_1_SERIES)
    return pd.Series({"stockout_rate_pct": round(100 * (rows["demand"] > rows["sold"]).mean(), 1),
                      "turnover": round(rows["sold"].sum() / rows["closing_stock"].mean(), 1)})


def test_1_accepts_the_solution_rounded_as_asked():
    answer = solution_1()
    assert answer.to_dict() == {"stockout_rate_pct": 7.7, "turnover": 39.4}
    assert ex.check_1(answer)
    assert ex.check_1(answer.iloc[::-1])  # order does not matter, labels do


@pytest.mark.parametrize("wrong, words", [
    (lambda r: 100 * (r["closing_stock"] == 0).mean(), "closed with an empty shelf"),
    (lambda r: 100 * (1 - r["sold"].sum() / r["demand"].sum()), "per unit"),
    (lambda r: 100 * r["sold"].sum() / r["demand"].sum(), "fill rate"),
    (lambda r: (r["demand"] > r["sold"]).mean(), "in per cent"),
], ids=["empty at closing", "per unit", "fill rate", "fraction"])
def test_1_names_the_stockout_mistakes(wrong, words):
    rows = one_series(*ex.EXERCISE_1_SERIES)
    answer = solution_1()
    answer["stockout_rate_pct"] = round(wrong(rows), 4)
    rejected(ex.check_1(answer), words)


@pytest.mark.parametrize("wrong, words", [
    (lambda r: r["demand"].sum() / r["closing_stock"].mean(), "units *demanded*"),
    (lambda r: r["sold"].sum() / ((r["closing_stock"].iloc[0] + r["closing_stock"].iloc[-1]) / 2), "first and the last"),
], ids=["demand", "two points"])
def test_1_names_the_turnover_mistakes(wrong, words):
    answer = solution_1()
    answer["turnover"] = round(wrong(one_series(*ex.EXERCISE_1_SERIES)), 1)
    rejected(ex.check_1(answer), words)


# ----------------------------------------------------------------------------- exercise 2
def solution_2():
    store, sku = ex.EXERCISE_2_SERIES
    column = list(zip(RETAIL.policy["store"], RETAIL.policy["sku"])).index((store, sku))
    demand = RETAIL.demand_matrix(2025)[:, [column]]
    lead = [int(RETAIL.skus.set_index("sku").loc[sku, "lead_time_days"])]
    level = 0
    while simulate_periodic_review(demand, [level], 7, lead).stockout_days.mean() > ex.EXERCISE_2_TARGET:
        level += 1
    return level, int(RETAIL.policy["order_up_to"].iloc[column])


def test_2_accepts_the_smallest_level():
    level, as_is = solution_2()
    assert level == 77 and as_is == 81
    assert ex.check_2(level)


def test_2_names_the_typical_mistakes():
    level, as_is = solution_2()
    rejected(ex.check_2(level - 1), "misses the target")
    rejected(ex.check_2(as_is), "stores' own level")
    rejected(ex.check_2(95), "textbook formula")
    rejected(ex.check_2(level - 10), "Too low")
    rejected(ex.check_2(level + 10), "a smaller one does too")


# ----------------------------------------------------------------------------- exercise 3
def solution_3():
    reports = NPD.reports.pivot(index="report_date", columns="milestone", values="forecast_date")
    moved = (reports.loc["2024-05-31"] - reports.loc["2024-04-30"]).dt.days
    return set(moved.index[(moved >= 14).to_numpy()])


def test_3_accepts_the_milestones_that_jumped():
    answer = solution_3()
    assert answer == {"M2", "M3", "M4", "M5"}
    assert ex.check_3(answer) and ex.check_3(sorted(answer))


def test_3_names_the_typical_mistakes():
    rejected(ex.check_3({"M2"}), "nothing downstream absorbed")
    rejected(ex.check_3(solution_3() | {"M1"}), "reached before that report")


def test_3_does_not_name_missing_milestones():
    feedback = ex.check_3({"M2", "M3"})
    rejected(feedback, "2 milestone ids are missing")
    assert "M4" not in feedback.message and "M5" not in feedback.message


# ----------------------------------------------------------------------------- exercise 4
def solution_4():
    target, confidence, failures = ex.EXERCISE_4_PLAN
    n = failures + 1
    while pass_probability(n, failures, target) > 1 - confidence:
        n += 1
    return n


def test_4_accepts_the_smallest_sample():
    assert solution_4() == 158
    assert ex.check_4(solution_4())


@pytest.mark.parametrize("answer, words", [
    (181, "95 % confidence"), (45, "zero-failure"), (89, "swapped"), (157, "One unit short"),
    (120, "Too small"), (200, "a smaller one does too"),
])
def test_4_names_the_typical_mistakes(answer, words):
    rejected(ex.check_4(answer), words)


# ----------------------------------------------------------------------------- exercise 5
def solution_5():
    """Price the change after each milestone with plain pandas, then take the difference."""
    items, project = NPD.commitments, NPD.project
    gates = NPD.milestones.set_index("milestone")
    reached = NPD.reports[NPD.reports["forecast_date"] <= NPD.reports["report_date"]].groupby("milestone")[
        "forecast_date"].first()

    def cost(m):
        done = items["committed_on"] <= reached[m]
        scrapped = (items.loc[done, "amount_cny"] * items.loc[done, "scrap_share"]).sum()
        return project["redesign_cost_cny"] + scrapped + gates.loc[m, "change_delay_days"] * project[
            "delay_cost_cny_per_day"]

    return cost(ex.CHANGE_LATE) - cost(ex.CHANGE_EARLY)


def test_5_accepts_the_difference():
    assert solution_5() == 5_064_000
    assert ex.check_5(solution_5())


def test_5_names_the_typical_mistakes():
    cost = design_change_cost(NPD)
    rejected(ex.check_5(cost.loc["M4", "scrapped"] - cost.loc["M2", "scrapped"]), "only the scrapped")
    rejected(ex.check_5(cost.loc["M4", "committed"] - cost.loc["M2", "committed"]), "scrap_share")
    rejected(ex.check_5(cost.loc["M4", "total"]), "not how much more")
    rejected(ex.check_5(solution_5() + NPD.project["redesign_cost_cny"]), "cancels")


# ----------------------------------------------------------------------------- exercise 6
def test_6_accepts_not_a_signal_because_the_month_is_inside_its_limits():
    service = RETAIL.service_monthly
    chart = p_chart(service["resolved_48h"], service["complaints"], baseline=slice(0, 12), index=service["month"])
    december = chart.loc["2025-12-01"]
    assert december["lower"] < december["rate"] < december["centre"] and not december["signal"]
    assert ex.check_6("c") and ex.check_6(" C ")


@pytest.mark.parametrize("answer, words", [("d", "own lower limit"), ("b", "half of all months"),
                                           ("a", "baseline is enough")])
def test_6_explains_each_wrong_option(answer, words):
    rejected(ex.check_6(answer), words)


# ----------------------------------------------------------------------------- no answer given away
@pytest.mark.parametrize(("check", "expected"), [
    (ex.check_2, lambda: solution_2()[0]),
    (ex.check_4, solution_4),
    (ex.check_5, solution_5),
])
@pytest.mark.parametrize("factor", [0.6, 1.7])
def test_an_unexplained_wrong_number_says_which_way_but_not_by_how_much(check, expected, factor):
    feedback = check(round(expected() * factor))
    rejected(feedback)
    assert not re.search(r"\d{2,}", feedback.message), feedback.message


@pytest.mark.parametrize("check, answer", [
    (ex.check_1, pd.Series({"stockout_rate_pct": 1.0, "turnover": 10.0})), (ex.check_2, 10), (ex.check_3, {"M1"}),
    (ex.check_4, 10), (ex.check_5, 10), (ex.check_6, "b"),
])
def test_feedback_never_shows_the_expected_answer(check, answer):
    feedback = check(answer)
    shown = f"{feedback} {feedback!r}"  # the HTML shows the same message (its style holds unrelated numbers)
    assert feedback.message in feedback._repr_html_().replace("&#x27;", "'")
    expected = answer_key(ex.__name__)[int(check.__name__[6:])].expected  # the instructors' side records it
    values = expected.to_numpy().ravel().tolist() if isinstance(expected, (pd.Series, pd.DataFrame)) else (
        sorted(expected) if isinstance(expected, set) else [expected])
    for value in values:
        if isinstance(value, float):
            assert f"{value:.1f}" not in shown and (abs(value) < 10 or f"{value:,.0f}" not in shown), value
        elif isinstance(value, int):
            assert re.search(rf"\b{value}\b", shown) is None or value < 10, value
        elif isinstance(value, str) and len(value) > 1 and check is not ex.check_6:
            assert value not in shown or value in str(answer), value


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(ex, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0
