"""The checks of chapter 5's exercises: each accepts the worked solution and names the typical mistakes.

The right answers are recomputed here the way exercises/solutions/05-organisation-solutions.ipynb computes them
(from the data, with the library), not read from the checks module, so a check that drifts from its solution fails.
"""

import pandas as pd
import pytest
from _feedback_checks import rejected

from followup.communication import communication_channels
from followup.datasets import dealership_4s
from followup.exercises import organisation as ex
from followup.flow import case_flow, handoff_waits, littles_law, throughput
from followup.raci import raci_problems

EVENTS = dealership_4s.load().loan_events
FLOW = case_flow(EVENTS)
WAITS = handoff_waits(EVENTS)


FIRST = EVENTS.groupby("case_id")["start"].min()
WEEK = FIRST[(FIRST >= "2025-03-10") & (FIRST < "2025-03-16")].index
WEEK_FLOW = case_flow(EVENTS[EVENTS["case_id"].isin(WEEK)])


def efficiency_pct():
    return 100 * WEEK_FLOW["touch_time_h"].sum() / WEEK_FLOW["lead_time_h"].sum()


def lead_after():
    gone = WAITS[(WAITS["from_team"] == "finance") & (WAITS["to_team"] == "risk_control")]
    return (FLOW["lead_time_h"].sum() - gone["wait_h"].sum()) / len(FLOW)


def wip_after():
    return littles_law(throughput=throughput(EVENTS), lead_time=lead_after() / 24)


# ----------------------------------------------------------------------------- exercise 1
def test_1_accepts_66_channels():
    assert communication_channels(12) == 66 == 12 * 11 / 2
    assert ex.check_1(66)


@pytest.mark.parametrize(("answer", "words"), [(132, "every pair twice"), (144, "themselves included"),
                                               (78, "talking to themself"), (11, "one member")])
def test_1_names_the_typical_mistakes(answer, words):
    rejected(ex.check_1(answer), words)


# ----------------------------------------------------------------------------- exercise 2
def test_2_accepts_the_flow_efficiency_to_one_decimal():
    assert len(WEEK) == 30 and round(efficiency_pct(), 1) == 9.4
    assert ex.check_2(efficiency_pct()) and ex.check_2(round(efficiency_pct(), 1))
    assert not ex.check_2(round(efficiency_pct(), 1) + 0.1)  # the tolerance is the stated precision


def test_2_names_the_typical_mistakes():
    touch, lead = WEEK_FLOW["touch_time_h"].sum(), WEEK_FLOW["lead_time_h"].sum()
    rejected(ex.check_2(touch / lead), "per cent")
    rejected(ex.check_2(100 * WEEK_FLOW["flow_efficiency"].mean()), "averaged the cases")
    rejected(ex.check_2(100 * FLOW["touch_time_h"].sum() / FLOW["lead_time_h"].sum()), "every case of the log")
    rejected(ex.check_2(100 - efficiency_pct()), "spent waiting")
    rejected(ex.check_2(100 * touch / (lead - touch)), "divided the touch time by the waiting time")


# ----------------------------------------------------------------------------- exercise 3
def test_3_accepts_the_new_lead_time():
    assert round(lead_after(), 1) == 19.7
    assert ex.check_3(round(lead_after(), 1))


def test_3_names_the_typical_mistakes():
    now = FLOW["lead_time_h"].mean()
    rejected(ex.check_3(now), "today's mean lead time")
    rejected(ex.check_3(now - lead_after()), "how much shorter")
    rejected(ex.check_3(now - WAITS["wait_h"].mean()), "average hand-off")
    review = EVENTS[EVENTS["team"] == "risk_control"]
    rejected(ex.check_3(lead_after() - ((review["end"] - review["start"]) / pd.Timedelta(hours=1)).mean()),
             "credit review's own work")
    rejected(ex.check_3(lead_after() / 24), "hours, not days")


# ----------------------------------------------------------------------------- exercise 4
def test_4_accepts_littles_law_with_the_new_lead_time():
    assert round(wip_after(), 2) == 3.46
    assert ex.check_4(round(wip_after(), 2))


def test_4_names_the_typical_mistakes():
    rate = throughput(EVENTS)
    rejected(ex.check_4(rate * lead_after()), "in days too")
    rejected(ex.check_4(rate * FLOW["lead_time_h"].mean() / 24), "today's work in progress")
    rejected(ex.check_4(rate / (lead_after() / 24)), "multiplies")


# ----------------------------------------------------------------------------- exercise 5
def test_5_accepts_the_defective_tasks():
    answer = set(raci_problems(ex.exercise_raci())["task_id"])
    assert answer == {"F3", "F4", "F5"}  # no R; two A (dual reporting); no A
    assert ex.check_5(answer) and ex.check_5(sorted(answer))


def test_5_names_the_typical_mistakes_without_naming_the_missing_tasks():
    feedback = ex.check_5({"F4"})
    rejected(feedback, "exactly one Accountable and at least one Responsible")
    assert "F3" not in feedback.message and "F5" not in feedback.message
    rejected(ex.check_5({"F2", "F3", "F4", "F5"}), "Two Responsibles are allowed")
    rejected(ex.check_5({"F1", "F3", "F4", "F5"}), "both Responsible and Accountable")
    missing = ex.check_5({"F3"})
    rejected(missing, "2 task ids are missing")
    assert "F4" not in missing.message


# ----------------------------------------------------------------------------- exercise 6
def test_6_accepts_eighteen_months():
    assert 12 * 10 * 0.15 == pytest.approx(18)
    assert ex.check_6(18)


@pytest.mark.parametrize(("answer", "words"), [(12, "That is one year"), (1.5, "as if it were months"),
                                               (150, "in per cent"), (100 / 15, "capped reading"),
                                               (15, "1.5 months")])
def test_6_names_the_typical_mistakes(answer, words):
    rejected(ex.check_6(answer), words)


# ----------------------------------------------------------------------------- no answer given away
@pytest.mark.parametrize(("check", "expected"), [
    (ex.check_1, lambda: 66), (ex.check_2, efficiency_pct), (ex.check_3, lead_after), (ex.check_4, wip_after),
    (ex.check_6, lambda: 18),
], ids=["1", "2", "3", "4", "6"])
@pytest.mark.parametrize("factor", [0.63, 1.37])
def test_an_unexplained_wrong_number_says_which_way_but_not_by_how_much(check, expected, factor):
    wrong = expected() * factor
    feedback = check(round(wrong) if check is ex.check_1 else wrong)  # channels are whole: a fraction is a form slip
    assert not feedback
    assert feedback.message.startswith(("Too few", "Too low", "Too short") if factor < 1
                                       else ("Too many", "Too high", "Too long")), feedback.message
    assert not any(ch.isdigit() for ch in feedback.message), feedback.message


def test_text_instead_of_a_number_is_explained():
    rejected(ex.check_2("9.5 %"), "A number is expected")
    rejected(ex.check_5("F3, F4"), "A collection of task ids is expected")


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(ex, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3 and result.failed == 0
