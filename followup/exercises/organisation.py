"""Checks of the exercises of chapter 5 (organisation): one ``check_k(answer)`` per exercise.

Each check recomputes the right answer - from the exercise constants below or from ``data/`` with the
library - and returns a :class:`followup.checks.Feedback` that recognises the typical mistakes of that
exercise, without printing the answer::

    >>> from followup.exercises.organisation import check_1
    >>> print(check_1(...))
    ✎ Not answered yet: Write your answer above (replace the ...) and run this cell.
    >>> print(check_1(11))  # doctest: +ELLIPSIS
    ✘ Not yet: That is how many people one member can talk to...

Exercise 1 uses :data:`TEAM_SIZE`; exercises 2-4 the dealership's loan log (``data/dealership_4s``);
exercise 5 :func:`exercise_raci`; exercise 6 the article's payment schedule (S5.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from followup.checks import Feedback, Mistake, check_number, check_set
from followup.communication import communication_channels
from followup.datasets import dealership_4s
from followup.flow import case_flow, handoff_waits, littles_law, throughput
from followup.pay import pot_that_fits, schedule_total
from followup.raci import raci_problems

__all__ = [
    "FLOW_DECIMALS",
    "LEAD_TIME_DECIMALS",
    "NODES",
    "NODE_SHARE",
    "REMOVED_HANDOFF",
    "TEAM_SIZE",
    "WEEK",
    "WIP_DECIMALS",
    "check_1",
    "check_2",
    "check_3",
    "check_4",
    "check_5",
    "check_6",
    "exercise_raci",
]

#: Exercise 1: the size of the team.
TEAM_SIZE = 12
#: Exercise 2: the showroom week whose applications are measured (Monday to Saturday, 10-15 March 2025).
WEEK = ("2025-03-10", "2025-03-15")
#: Exercises 3-4: the hand-off that disappears when finance and risk control form one back-office team.
REMOVED_HANDOFF = ("finance", "risk_control")
#: Exercise 6: S5.3's payment schedule, "10 payment nodes, each triggering 15 % of the performance pay".
NODES, NODE_SHARE = 10, 0.15
#: The precision the questions state: flow efficiency (%) and lead time (hours) to one decimal, open cases to two.
FLOW_DECIMALS, LEAD_TIME_DECIMALS, WIP_DECIMALS = 1, 1, 2


def _ids(given) -> set[str]:
    """A set answer's task ids as the check compares them (case-folded to the data's upper case)."""
    return {str(i).strip().upper() for i in given}


def check_1(answer) -> Feedback:
    """Exercise 1: the communication channels in a team of :data:`TEAM_SIZE` people."""
    n = TEAM_SIZE
    expected = communication_channels(n)
    return check_number(answer, expected, rel=0, abs=0, unit="channels",
                        whole="Give a whole number: a channel is a pair of people.", mistakes=[
        Mistake("You counted every pair twice (A with B and B with A): a channel joins two people, so divide "
                "by two.", value=n * (n - 1)),
        Mistake("You paired everyone with everyone, themselves included, and counted each pair twice.", value=n * n),
        Mistake("You counted each person talking to themself: a person paired with n - 1 others, not n.",
                value=n * (n + 1) // 2),
        Mistake("That is how many people one member can talk to, not how many pairs the team has.", value=n - 1),
    ], too_low="Too few. Count the pairs: each of the people can talk to every other one.",
       too_high="Too many. Count each pair once, and nobody is paired with themself.")


@lru_cache(maxsize=1)
def _loans() -> tuple[pd.DataFrame, pd.DataFrame]:
    events = dealership_4s.load().loan_events
    return events, case_flow(events)


def _week_cases(events: pd.DataFrame) -> list[str]:
    """The cases whose loan application started in :data:`WEEK` (exercise 2).

    >>> len(_week_cases(dealership_4s.load().loan_events))
    30
    """
    first = events.groupby("case_id")["start"].min()
    start, last = pd.Timestamp(WEEK[0]), pd.Timestamp(WEEK[1]) + pd.Timedelta(days=1)
    return first[(first >= start) & (first < last)].index.tolist()


def check_2(answer) -> Feedback:
    """Exercise 2: the flow efficiency of the :data:`WEEK`'s loan cases together, in per cent (one decimal)."""
    events, _ = _loans()
    flow = case_flow(events[events["case_id"].isin(_week_cases(events))])
    touch, lead = flow["touch_time_h"].sum(), flow["lead_time_h"].sum()
    expected = 100 * touch / lead
    return check_number(answer, expected, decimals=FLOW_DECIMALS, unit="%", mistakes=[
        Mistake("Give it in per cent (multiply the share by 100).", value=touch / lead),
        Mistake("You averaged the cases' own flow efficiencies. The question asks for all cases together: total "
                "touch time over total lead time, so a long case weighs more.",
                value=100 * flow["flow_efficiency"].mean()),
        Mistake("That is the share of the lead time spent waiting; flow efficiency is the share spent working.",
                value=100 * (lead - touch) / lead),
        Mistake("You divided the touch time by the waiting time. Divide it by the whole lead time (work plus "
                "waiting).", value=100 * touch / (lead - touch)),
        Mistake("That is every case of the log; the question asks for the cases that applied in the week of "
                "10 March only.", value=100 * _loans()[1]["touch_time_h"].sum() / _loans()[1]["lead_time_h"].sum()),
    ], too_low="Too low. Recheck the touch time: the sum of every step's end minus start.",
       too_high="Too high. Recheck the lead time: from a case's first start to its last end.")


@dataclass(frozen=True)
class _Removal:
    lead_now: float  # mean lead time of a case, hours
    lead_after: float  # the same with the removed hand-off's wait gone
    removed_wait: float  # mean wait at the removed hand-off, hours
    mean_wait: float  # mean wait over all hand-offs
    review_touch: float  # mean touch time of the step after the removed hand-off
    throughput: float  # cases per day


@lru_cache(maxsize=1)
def _removal() -> _Removal:
    events, flow = _loans()
    waits = handoff_waits(events)
    at = (waits["from_team"] == REMOVED_HANDOFF[0]) & (waits["to_team"] == REMOVED_HANDOFF[1])
    removed = waits.loc[at].set_index("case_id")["wait_h"].reindex(flow.index, fill_value=0.0)
    review = events[events["team"] == REMOVED_HANDOFF[1]]
    return _Removal(
        lead_now=float(flow["lead_time_h"].mean()),
        lead_after=float((flow["lead_time_h"] - removed).mean()),
        removed_wait=float(removed.mean()),
        mean_wait=float(waits["wait_h"].mean()),
        review_touch=float(((review["end"] - review["start"]) / pd.Timedelta(hours=1)).mean()),
        throughput=throughput(events),
    )


def check_3(answer) -> Feedback:
    """Exercise 3: the mean lead time (hours, one decimal) once the finance -> risk control hand-off is gone."""
    r = _removal()
    return check_number(answer, r.lead_after, decimals=LEAD_TIME_DECIMALS, unit="hours", mistakes=[
        Mistake("That is today's mean lead time: take the wait at the removed hand-off out of every case.",
                value=r.lead_now),
        Mistake("That is how much shorter the lead time gets; the question asks for the new lead time.",
                value=r.removed_wait),
        Mistake("You took out an average hand-off's wait. The waits differ a lot from one hand-off to another: "
                "take out the wait at this one.", value=r.lead_now - r.mean_wait),
        Mistake("You also took out the credit review's own work. Merging the teams removes the queue, not the "
                "work: the review is still done.", value=r.lead_after - r.review_touch),
        Mistake("Give it in hours, not days.", value=r.lead_after / 24),
    ], too_low="Too short. Only the wait at the one removed hand-off goes; the other two stay.",
       too_high="Too long. Take the wait at the removed hand-off (finance to risk control) out of every case.")


def check_4(answer) -> Feedback:
    """Exercise 4: open loan cases on average (two decimals) after the change, throughput unchanged (Little's law)."""
    r = _removal()
    expected = littles_law(throughput=r.throughput, lead_time=r.lead_after / 24)
    return check_number(answer, expected, decimals=WIP_DECIMALS, unit="cases", mistakes=[
        Mistake("Throughput is in cases per day: give the lead time in days too (hours / 24).",
                value=r.throughput * r.lead_after),
        Mistake("That is today's work in progress, with today's lead time. Use the lead time after the change.",
                value=littles_law(throughput=r.throughput, lead_time=r.lead_now / 24)),
        Mistake("Little's law multiplies: work in progress = throughput x lead time.",
                value=r.throughput / (r.lead_after / 24)),
    ], too_low="Too few. Recheck the throughput: cases over the days from the first start to the "
               "last end of the log.",
       too_high="Too many. Recheck the lead time after the change, in days.")


def exercise_raci() -> pd.DataFrame:
    """The RACI matrix of exercise 5 (long form): a firmware release of a chip's IP core, six tasks.

    >>> sorted(exercise_raci()["task_id"].unique())
    ['F1', 'F2', 'F3', 'F4', 'F5', 'F6']
    """
    rows = [
        ("F1", "requirements agreed", "architect", "R"), ("F1", "requirements agreed", "architect", "A"),
        ("F1", "requirements agreed", "product_line_manager", "C"),
        ("F2", "firmware written", "firmware", "R"), ("F2", "firmware written", "verification", "R"),
        ("F2", "firmware written", "architect", "A"),
        ("F3", "regression passed", "verification", "A"), ("F3", "regression passed", "firmware", "C"),
        ("F3", "regression passed", "project_manager", "I"),
        ("F4", "silicon bring-up", "firmware", "R"), ("F4", "silicon bring-up", "project_manager", "A"),
        ("F4", "silicon bring-up", "product_line_manager", "A"),
        ("F5", "release notes", "firmware", "R"), ("F5", "release notes", "project_manager", "C"),
        ("F6", "customer release", "project_manager", "R"), ("F6", "customer release", "project_manager", "A"),
        ("F6", "customer release", "product_line_manager", "I"),
    ]
    return pd.DataFrame(rows, columns=["task_id", "task", "role", "responsibility"])


def check_5(answer) -> Feedback:
    """Exercise 5: the set of task ids of :func:`exercise_raci` that break the RACI rules."""
    problems = raci_problems(exercise_raci())
    expected = set(problems["task_id"])
    dual = set(problems.loc[problems["problem"].str.startswith("dual reporting"), "task_id"])
    two_responsible = {"F2"}
    same_role = {"F1", "F6"}
    # Neither the missing nor the extra ids are named: either would hand over the answer.
    return check_set(answer, expected, item="task", name_ids=False, concept=(
        "A task breaks the rules when it has no Accountable, more than one, or no Responsible."), mistakes=[
        Mistake("You found the dual reporting (two Accountables), but the rules ask two things of every task: "
                "exactly one Accountable and at least one Responsible. Check each task for both.", value=dual),
        Mistake("Two Responsibles are allowed: many people may do the work. Only the Accountable must be unique.",
                when=lambda given: bool(two_responsible & _ids(given))),
        Mistake("A role may be both Responsible and Accountable for the same task (R/A): that breaks no rule.",
                when=lambda given: bool(same_role & _ids(given))),
    ])


def check_6(answer) -> Feedback:
    """Exercise 6: the project length (months) at which 10 nodes x 15 % of one year's performance pay is exactly
    the team's performance pay over the project."""
    years = pot_that_fits([NODE_SHARE] * NODES)  # the schedule pays 1.5 years of annual performance pay
    expected = 12 * years
    return check_number(answer, expected, decimals=0, unit="months", mistakes=[
        Mistake("That is one year. Ten nodes of 15 % of a year's pay pay out more than a year's pay: the project "
                "must run longer for the pot to hold them.", value=12),
        Mistake("You gave the total in years as if it were months. Convert: months = 12 x years.", value=years),
        Mistake("That is the schedule's total in per cent of one year's pay; turn it into the months of pay it "
                "represents.", value=100 * schedule_total([NODE_SHARE] * NODES)),
        Mistake("That is how many nodes a single year's pot would pay before it runs out (the capped reading), "
                "not the project length.", value=1 / NODE_SHARE),
        Mistake("You multiplied the nodes by 1.5 months; the 150 % is of a year's pay, so scale twelve months.",
                value=NODES * 1.5),
    ], too_low="Too short. Over that time the team earns less performance pay than the nodes pay out.",
       too_high="Too long. Over that time the team earns more performance pay than the nodes pay out.")
