"""The rules of the NPD launch case (chapter 1, S1.2): the acceptance plans of the charter's yield, and
the cost of a design change after each milestone.

:mod:`followup.datasets.npd_launch` reads the files; this module says which plans a trial run of the
charter's "yield >= 95 %" may use, and what each shows, for the chapter, its exercises and the goal
calculator (which ships the table to the page), and what the circuit change costs milestone by milestone::

    >>> from followup.datasets import npd_launch as loader
    >>> case = loader.load()
    >>> plans = acceptance_plans(case)
    >>> int(required_sample(plans, 0.95, 1)), len(plans["oc"].iloc[0]) == len(OC_YIELDS)
    (93, True)
    >>> design_change_cost(case)["total"].loc[["M1", "M5"]].tolist()
    [1058000.0, 9692000.0]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from followup.acceptance import oc_curve, plan_table
from followup.change_cost import change_cost_by_phase
from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup.datasets.npd_launch import NpdCase

__all__ = ["CHECK_YIELDS", "CONFIDENCES", "FAILURES_ALLOWED", "OC_YIELDS", "acceptance_plans", "design_change_cost",
           "required_sample"]

#: The confidences and failures allowed a plan may use, and the yields its answers are read at.
CONFIDENCES = (0.80, 0.90, 0.95, 0.99)
FAILURES_ALLOWED = tuple(range(6))
CHECK_YIELDS = (0.93, 0.95, 0.97)
OC_YIELDS = tuple(np.round(np.linspace(0.85, 1.0, 61), 4).tolist())  # the x axis of an OC chart


def acceptance_plans(case: NpdCase) -> pd.DataFrame:
    """Every plan (confidence x failures allowed) for the charter's target yield: its demonstrating sample,
    P(pass) at :data:`CHECK_YIELDS` (:func:`followup.acceptance.plan_table`) and, in column ``oc``, its
    operating characteristic over :data:`OC_YIELDS`."""
    plans = plan_table(float(case.project["target_yield"]), CONFIDENCES, FAILURES_ALLOWED, CHECK_YIELDS)
    plans["oc"] = [oc_curve(int(p.sample_size), int(p.failures_allowed), OC_YIELDS).tolist()
                   for p in plans.itertuples()]
    return plans


def required_sample(plans, confidence: float, failures_allowed: int) -> int:
    """The demonstrating sample of the plan with ``confidence`` and ``failures_allowed`` among ``plans``
    (a table from :func:`acceptance_plans`, or its rows as dicts)."""
    rows = plans.to_dict("records") if isinstance(plans, pd.DataFrame) else plans
    for plan in rows:
        if plan["confidence"] == confidence and plan["failures_allowed"] == failures_allowed:
            return int(plan["sample_size"])
    raise FollowupError(f"no precomputed plan for confidence {confidence!r} and {failures_allowed!r} failures "
                        f"allowed; use a confidence among {CONFIDENCES} and failures among {FAILURES_ALLOWED}")


def design_change_cost(case: NpdCase) -> pd.DataFrame:
    """Cost of the circuit-design change right after each milestone, reached on the date the reports record
    (:func:`followup.change_cost.change_cost_by_phase` with the project's cost of a day's delay and of the
    redesign)."""
    gates = case.milestones.assign(reached_on=case.milestones["milestone"].map(case.reached_on))
    return change_cost_by_phase(case.commitments, gates, delay_cost_per_day=case.project["delay_cost_cny_per_day"],
                                redesign_cost=case.project["redesign_cost_cny"])
