"""Chapter 4 exercise checks: each accepts the worked solution and names the typical mistakes.

The right answers are recomputed here the way the solutions notebook computes them (not taken from
the checks), so a check whose expected answer drifted from the solution fails.
"""
import pytest

from followup.datasets import card_fraud, pd1_trial, subsea_tunnel
from followup.exercises import risk as ex
from followup.risk import contingency_reserve, rank_register
from followup.screening import confusion_at_threshold, screening_measures, threshold_for_fpr

from _feedback_checks import rejected

TXNS = card_fraud.load()
SCORE, IS_FRAUD = TXNS["score"], TXNS["is_fraud"]
RISKS = subsea_tunnel.load().risks.set_index("risk_id")
TRIAL = pd1_trial.load()


# Exercise 1: false-positive rate at threshold 0.2 --------------------------------------------------

COUNTS = confusion_at_threshold(SCORE, IS_FRAUD, 0.2)


def test_1_accepts_the_solution():
    assert ex.check_1(COUNTS.fp / (COUNTS.fp + COUNTS.tn)).correct


@pytest.mark.parametrize(("wrong", "fragment"), [
    (COUNTS.fp / COUNTS.total, "by all transactions"),
    (COUNTS.fp / (COUNTS.fp + COUNTS.tp), "1 - precision"),
    (COUNTS.fn / (COUNTS.fn + COUNTS.tp), "1 - recall"),
    (100 * COUNTS.fp / (COUNTS.fp + COUNTS.tn), "as a share"),
])
def test_1_names_the_mistake(wrong, fragment):
    rejected(ex.check_1(wrong), fragment)


def test_1_text_answer_is_explained():
    rejected(ex.check_1("0.0008"), "A number is expected")


# Exercise 2: RPN per tunnel risk ----------------------------------------------------------------

S, O, D = RISKS["severity"], RISKS["occurrence"], RISKS["detection"]


def test_2_accepts_the_solution():
    assert ex.check_2(S * O * D).correct


@pytest.mark.parametrize(("wrong", "fragment"), [
    (S + O + D, "You added the three ratings"),
    (S * O * (11 - D), "turned the detection scale round"),
    (S * O, "left out detection"),
])
def test_2_names_the_mistake(wrong, fragment):
    rejected(ex.check_2(wrong), fragment)


def test_2_one_wrong_row_is_located():
    wrong = S * O * D
    wrong["R05"] += 1
    rejected(ex.check_2(wrong), "R05 (too high)")


# Exercise 3: recall within a 0.5 % false-positive rate ------------------------------------------

LOOSER = screening_measures(SCORE, IS_FRAUD, threshold_for_fpr(SCORE, IS_FRAUD, 0.005))
STRICT = screening_measures(SCORE, IS_FRAUD, threshold_for_fpr(SCORE, IS_FRAUD, 0.003))


def test_3_accepts_the_solution_and_it_beats_the_stricter_limit():
    assert ex.check_3(LOOSER["recall"]).correct
    assert ex.check_3(round(LOOSER["recall"], 3)).correct  # a learner's rounded answer
    assert LOOSER["recall"] > STRICT["recall"]


@pytest.mark.parametrize(("wrong", "fragment"), [
    (STRICT["recall"], "article's 0.3 % limit"),
    (LOOSER["precision"], "That is the precision"),
    (LOOSER["accuracy"], "That is the accuracy"),
    (100 * LOOSER["recall"], "as a share"),
])
def test_3_names_the_mistake(wrong, fragment):
    rejected(ex.check_3(wrong), fragment)


# Exercise 4: TOP 5 by Action Priority -----------------------------------------------------------

BY_AP = rank_register(RISKS.reset_index(), by="ap")


def test_4_accepts_the_solution_in_any_order():
    top5 = BY_AP.head(5)["risk_id"].tolist()
    assert ex.check_4(set(top5)).correct and ex.check_4(top5[::-1]).correct


@pytest.mark.parametrize(("by", "fragment"), [("rpn", "TOP 5 by RPN"), ("severity", "severity alone")])
def test_4_names_the_mistake(by, fragment):
    wrong = set(rank_register(RISKS.reset_index(), by=by).head(5)["risk_id"])
    assert wrong != set(BY_AP.head(5)["risk_id"])  # the mistake really gives another set
    rejected(ex.check_4(wrong), fragment)


def test_4_other_sets_say_what_is_wrong_without_naming_the_answer():
    near_miss = set(BY_AP.head(4)["risk_id"]) | {"R99"}
    feedback = ex.check_4(near_miss)
    rejected(feedback, "1 risk id should not be there", "1 risk id is missing")
    assert "R99" not in feedback.message
    assert BY_AP.iloc[4]["risk_id"] not in feedback.message
    rejected(ex.check_4({"R01", "R02"}), "five risk ids")


# Exercise 5: direct cost per added patient ------------------------------------------------------

COSTS = TRIAL.costs.assign(cost_usd=TRIAL.costs["quantity"] * TRIAL.costs["unit_cost_usd"])
ADDED = COSTS[COSTS["scenario"] == "safety_followup"]
PATIENTS = TRIAL.enrolment.query("cohort == 'safety_followup'")["patients_enrolled"].sum()
BY_CATEGORY = ADDED.groupby("category")["cost_usd"].sum()


def test_5_accepts_the_solution():
    answer = BY_CATEGORY.drop("delay").sum() / PATIENTS
    assert ex.check_5(answer).correct
    assert answer < ADDED["cost_usd"].sum() / PATIENTS / 1.5  # the headline figure overstates it


@pytest.mark.parametrize(("wrong", "fragment"), [
    (ADDED["cost_usd"].sum() / PATIENTS, "whole USD 380 million"),
    (BY_CATEGORY["delay"] / PATIENTS, "the delay's cost per patient"),
    (ADDED.loc[ADDED["driver"] == "patient", "cost_usd"].sum() / PATIENTS, "only the lines billed per patient"),
])
def test_5_names_the_mistake(wrong, fragment):
    rejected(ex.check_5(wrong), fragment)


# Exercise 6: judging the EMV reserve -------------------------------------------------------------

def test_6_premise_holds_in_the_data():
    reserve = contingency_reserve(TRIAL.risks).total
    assert TRIAL.risks["impact"].max() > reserve  # (b) is wrong: one risk exceeds the reserve
    assert TRIAL.risks["impact"].sum() > 5 * reserve  # (c) ties up several times the reserve
    ranked = rank_register(TRIAL.risks, by="emv")
    assert ranked.iloc[0]["action_priority"] == "L"  # (d): the L-rated hold is the largest EMV


def test_6_accepts_the_solution():
    assert ex.check_6("a").correct and ex.check_6(" A ").correct


@pytest.mark.parametrize(("wrong", "fragment"), [
    ("b", "costs more than the whole reserve"),
    ("c", "every risk happening at once"),
    ("d", "ranks what to act on, not what money to hold"),
    ("e", "not one of the options"),
])
def test_6_names_the_mistake(wrong, fragment):
    rejected(ex.check_6(wrong), fragment)


# An unrecognised wrong number: which way it is off and what to re-check, never by how much ------------

@pytest.mark.parametrize(("check", "expected", "fragments"), [
    (ex.check_1, COUNTS.fp / (COUNTS.fp + COUNTS.tn), ("legitimate", "0.2")),
    (ex.check_3, LOOSER["recall"], ("threshold",)),
    (ex.check_5, BY_CATEGORY.drop("delay").sum() / PATIENTS, ("'delay'",)),
])
@pytest.mark.parametrize(("factor", "direction"), [(1.37, "Too high"), (0.61, "Too low")])
def test_unrecognised_numbers_do_not_give_the_answer_away(check, expected, fragments, factor, direction):
    feedback = check(expected * factor)
    rejected(feedback, direction, *fragments)
    # The default "Your answer is too high by <gap>" would let a learner subtract their way to the answer.
    assert " by " not in feedback.message.lower().split(".")[0] and "your answer is" not in feedback.message.lower()


def test_docstring_examples_run():
    import doctest

    result = doctest.testmod(ex, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted >= 2 and result.failed == 0
