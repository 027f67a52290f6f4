"""Checks of the chapter 4 exercises (risk): one ``check_k(answer) -> Feedback`` per exercise.

Each check recomputes the right answer from ``data/`` with the library, so a change to the data or the
library moves the answer and its check together. Known wrong answers get their own explanation.

>>> print(check_1(...))
✎ Not answered yet: Write your answer above (replace the ...) and run this cell.
>>> print(check_4({"R01", "R02", "R03", "R04", "R05"}))  # doctest: +ELLIPSIS
✘ Not yet: That is the TOP 5 by RPN. ...
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from followup.checks import Feedback, Mistake, check_choice, check_number, check_series, check_set
from followup.datasets import card_fraud, pd1_trial, subsea_tunnel
from followup.risk import rank_register, rpn
from followup.screening import confusion_at_threshold, screening_measures, threshold_for_fpr

__all__ = ["EXERCISE_1_THRESHOLD", "EXERCISE_3_MAX_FPR", "FPR_SIGNIFICANT_FIGURES", "RECALL_DECIMALS", "check_1", "check_2", "check_3", "check_4",
           "check_5", "check_6"]

#: Exercise 1 asks for the false-positive rate at this score threshold.
EXERCISE_1_THRESHOLD = 0.2
#: Exercise 3 allows this false-positive rate (0.5 %), not the article's 0.3 %.
EXERCISE_3_MAX_FPR = 0.005
_ARTICLE_MAX_FPR = 0.003
#: Exercise 1 asks for the rate to two significant figures, exercise 3 for the recall to two decimals.
FPR_SIGNIFICANT_FIGURES = 2
RECALL_DECIMALS = 2


@cache
def _transactions() -> pd.DataFrame:
    return card_fraud.load()


@cache
def _tunnel_risks() -> pd.DataFrame:
    return subsea_tunnel.load().risks


@cache
def _trial():
    return pd1_trial.load()


def _close_to(target: float, rel: float = 0.01):
    """A predicate for Mistake(when=...): the answer is within ``rel`` of ``target``."""
    return lambda answer: abs(answer - target) <= rel * abs(target)


def check_1(answer) -> Feedback:
    """Exercise 1: the false-positive rate (a share, not per cent) at a score threshold of 0.2."""
    txns = _transactions()
    c = confusion_at_threshold(txns["score"], txns["is_fraud"], EXERCISE_1_THRESHOLD)
    expected = c.fp / (c.fp + c.tn)
    legit = ~txns["is_fraud"].astype(bool)
    strictly_above = float((txns.loc[legit, "score"] > EXERCISE_1_THRESHOLD).mean())
    mistakes = [] if math.isclose(strictly_above, expected) else [
        Mistake(value=strictly_above,
                message="You flagged only scores strictly above 0.2. Flagged means a score at or above the "
                        "threshold (>=, not >).")]
    return check_number(answer, expected, sig=FPR_SIGNIFICANT_FIGURES, mistakes=[*mistakes,
        Mistake(value=c.fp / c.total,
                message="You divided the false positives by all transactions. The false-positive rate divides "
                        "them by the legitimate transactions only (false positives + true negatives)."),
        Mistake(value=c.fp / (c.fp + c.tp),
                message="That is the share of flagged transactions that are legitimate (1 - precision). The "
                        "false-positive rate asks: of all legitimate transactions, what share is flagged?"),
        Mistake(value=c.fn / (c.fn + c.tp),
                message="That is the share of fraud missed (1 - recall), a different mistake. The "
                        "false-positive rate is about legitimate transactions that are flagged."),
        Mistake(when=_close_to(100 * expected, rel=0.001),
                message="Right number, wrong unit: give the rate as a share (a per cent divided by 100), not in "
                        "per cent."),
    ], too_high="Too high. Count only the legitimate transactions that are flagged (score at or above 0.2 and "
                "not fraud), and divide by all legitimate transactions.",
       too_low="Too low. Recheck both counts: the legitimate transactions flagged (score at or above 0.2, not "
               "fraud) over all the legitimate transactions.")


def _tunnel_rpn() -> pd.Series:
    risks = _tunnel_risks()
    return pd.Series(rpn(risks["severity"], risks["occurrence"], risks["detection"]).to_numpy(),
                     index=risks["risk_id"], name="rpn")


def check_2(answer) -> Feedback:
    """Exercise 2: the RPN of every tunnel risk, as a Series indexed by ``risk_id``."""
    risks = _tunnel_risks().set_index("risk_id")
    s, o, d = risks["severity"], risks["occurrence"], risks["detection"]
    return check_series(answer, _tunnel_rpn(), rel=0, abs=0.5, mistakes=[
        Mistake(value=s + o + d,
                message="You added the three ratings. The RPN multiplies them: S x O x D, from 1 to 1,000."),
        Mistake(value=s * o * (11 - d),
                message="You turned the detection scale round. In FMEA a detection of 10 already means "
                        "'hardest to detect', so it raises the RPN as it is: use S x O x D."),
        Mistake(value=s * o,
                message="You left out detection. The RPN is the product of all three ratings, S x O x D."),
    ])


def check_3(answer) -> Feedback:
    """Exercise 3: the recall (a share) at the lowest threshold keeping the false-positive rate within 0.5 %."""
    txns = _transactions()
    score, is_fraud = txns["score"], txns["is_fraud"]
    at_limit = screening_measures(score, is_fraud, threshold_for_fpr(score, is_fraud, EXERCISE_3_MAX_FPR))
    at_article_limit = screening_measures(score, is_fraud, threshold_for_fpr(score, is_fraud, _ARTICLE_MAX_FPR))
    return check_number(answer, at_limit["recall"], decimals=RECALL_DECIMALS, mistakes=[
        Mistake(value=at_article_limit["recall"],
                message="That is the recall within the article's 0.3 % limit. This exercise allows 0.5 % "
                        "(max_fpr=0.005), so a lower threshold is allowed and more fraud is caught."),
        Mistake(value=at_limit["precision"],
                message="That is the precision (the share of flags that are fraud). Recall is the share of "
                        "all fraud that is flagged."),
        Mistake(value=at_limit["false_positive_rate"],
                message="That is the false-positive rate at the threshold, the constraint itself. The "
                        "question asks what share of the fraud the threshold catches."),
        Mistake(value=at_limit["accuracy"],
                message="That is the accuracy, which is high whatever the threshold because fraud is rare. "
                        "Recall is the share of all fraud that is flagged."),
        Mistake(when=_close_to(100 * at_limit["recall"], rel=0.005),
                message="Right number, wrong unit: give the recall as a share (a per cent divided by 100), not in "
                        "per cent."),
    ], too_high="Too high. A threshold that catches this much fraud flags more than 0.5 % of the legitimate "
                "transactions: check the false-positive rate at your threshold.",
       too_low="Too low. Check the threshold: the lowest one whose false-positive rate stays within 0.5 % "
               "catches the most fraud (threshold_for_fpr finds it); and recall is the fraud flagged over all "
               "the fraud.")


def check_4(answer) -> Feedback:
    """Exercise 4: the ids of the tunnel's TOP 5 risks by Action Priority (ties by S, then O, then D)."""
    risks = _tunnel_risks()
    by_ap = rank_register(risks, by="ap")
    by_rpn = rank_register(risks, by="rpn")
    by_severity = rank_register(risks, by="severity")
    # Neither the missing nor the extra ids are named: either would hand over the answer.
    return check_set(answer, by_ap.head(5)["risk_id"].tolist(), item="risk", name_ids=False, concept=(
        "The TOP 5 are the first five rows of the register ranked by Action Priority (H, then M, then L), "
        "then by severity, occurrence and detection."), mistakes=[
        Mistake(value=set(by_rpn.head(5)["risk_id"]),
                message="That is the TOP 5 by RPN. Rank by Action Priority first (H before M before L, from "
                        "the AIAG-VDA table), then by severity, occurrence and detection."),
        Mistake(value=set(by_severity.head(5)["risk_id"]),
                message="That is the TOP 5 by severity alone. The Action Priority reads severity first but "
                        "also occurrence and detection: a severe cause that is rare and easy to detect can be L."),
        Mistake(when=lambda given: len(given) != 5,
                message="A TOP 5 has five risk ids: the first five rows of the register ranked by Action "
                        "Priority."),
    ])


def _followup_costs() -> pd.DataFrame:
    costs = _trial().costs
    added = costs[costs["scenario"] == "safety_followup"]
    return added.assign(cost_usd=added["quantity"] * added["unit_cost_usd"])


def _added_patients() -> int:
    enrolment = _trial().enrolment
    return int(enrolment.loc[enrolment["cohort"] == "safety_followup", "patients_enrolled"].sum())


def check_5(answer) -> Feedback:
    """Exercise 5: the direct cost per added safety patient (USD), the delay excluded."""
    added = _followup_costs()
    patients = _added_patients()
    is_delay = added["category"] == "delay"
    expected = added.loc[~is_delay, "cost_usd"].sum() / patients
    per_patient_items = added.loc[added["driver"] == "patient", "cost_usd"].sum() / patients
    return check_number(answer, expected, decimals=0, unit="USD", mistakes=[
        Mistake(value=added["cost_usd"].sum() / patients,
                message="That divides the whole USD 380 million, delay included, by the patients: the "
                        "article's figure. Leave out the 'delay' lines, which the trial pays whatever the "
                        "number of patients."),
        Mistake(value=added.loc[is_delay, "cost_usd"].sum() / patients,
                message="That is the delay's cost per patient. The question asks for the direct work: every "
                        "category except 'delay'."),
        Mistake(value=per_patient_items,
                message="You kept only the lines billed per patient. Sites, committees and site management "
                        "fees are direct costs of the cohort too: keep every category except 'delay'."),
        Mistake(value=added.loc[~is_delay, "unit_cost_usd"].sum(),
                message="You added the unit costs, which mix units (per patient, per site, per month). "
                        "Multiply each by its quantity first, then divide the total by the patients."),
    ], too_high="Too high. Use only the scenario 'safety_followup', leave out its 'delay' lines, and divide by "
                "all the added patients.",
       too_low="Too low. Keep every category except 'delay' (patients, sites, monitoring, data), each line "
               "costing quantity x unit_cost_usd, and divide by the added patients only.")


def check_6(answer) -> Feedback:
    """Exercise 6: judge a contingency reserve equal to the PD-1 register's total EMV (one option, a-d)."""
    # The verdicts rest on the data: a risk larger than the reserve (tests/test_exercises_risk.py checks it).
    return check_choice(answer, "a", options="abcd", feedback={
        "b": "No: the reserve is an average over the register. A single large risk, such as the clinical hold, "
             "costs more than the whole reserve.",
        "a": "Yes: EMV prices the expected loss over many risks. With a few large ones the outcome is rarely "
             "the average, so the largest needs its own response (a plan, financing or insurance).",
        "c": "No: holding the sum of all impacts funds every risk happening at once, which is far from likely "
             "and would tie up several times the reserve for nothing.",
        "d": "No: the Action Priority ranks what to act on, not what money to hold. A risk rated L can still be "
             "the largest expected loss in the register.",
    })
