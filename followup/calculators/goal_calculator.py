"""The goal calculator of chapter 1: a KPI that is never done beside a deliverable's acceptance test.

Two sides, one widget:

* **Business: the replenishment policy** (``data/retail_replenishment/``). The reader picks a review
  period and a safety factor and sees the policy's inventory turnover, stock-out rate (per SKU-day)
  and fill rate, and types a stock-out target to see the policy with the highest turnover that
  meets it. The policies form a finite grid, so Python simulates them all when the notebook runs
  (:func:`followup.cases.retail_replenishment.policy_grid`) and ships the table;
  the target is typed freely, but :func:`followup.replenishment.best_policy`'s answer changes only
  where the target crosses a policy's stock-out rate, so Python ships its answer at each of those
  rates too (:func:`best_steps`); the page only picks and draws.
* **Project: the acceptance test of "yield >= 95 %"** (``data/npd_launch/``). The reader picks the
  confidence and the failures allowed, and sees the sample that demonstrates the target (a finite
  grid, computed in Python by :func:`followup.cases.npd_launch.acceptance_plans`); then types any number of
  units to test, and the page computes that plan's operating characteristic (OC) and the chance a
  93 %, 95 % or 97 % line passes.

What the reader types freely is mirrored in JavaScript (``goal_calculator.mjs``): ``passProbability``
and ``demonstratedConfidence`` are the twins of their namesakes in :mod:`followup.acceptance`;
``tests/test_parity_goals.py`` holds them equal. Python recomputes the result on every change
(``result``), and a bad value becomes ``error`` while the last valid result stays.

Example::

    >>> calc = GoalCalculator.from_case()
    >>> calc.result.required_sample, round(calc.result.pass_at[0.97], 3)
    (93, 0.228)
    >>> calc.sample_size = 0
    >>> calc.error
    'sample_size is 0; give a whole number of units from 1 to 100,000'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import traitlets

from followup.acceptance import demonstrated_confidence, oc_curve, pass_probability
from followup.calculators._base import HERE, Calculator, json_records
from followup.cases.npd_launch import (CHECK_YIELDS, CONFIDENCES, FAILURES_ALLOWED, OC_YIELDS, acceptance_plans,
                                       required_sample)
from followup.cases.retail_replenishment import as_is_kpis, policy_grid
from followup.datasets import npd_launch, retail_replenishment
from followup.errors import FollowupError
from followup.replenishment import best_policy

__all__ = ["GoalCalculator", "GoalResult", "OC_YIELDS", "CHECK_YIELDS", "CONFIDENCES", "FAILURES_ALLOWED"]

# The project side's finite inputs (CONFIDENCES, FAILURES_ALLOWED) and the yields its answers are read at
# (CHECK_YIELDS, OC_YIELDS) are the case's: followup.cases.npd_launch (re-exported here for the chapter).


@dataclass(frozen=True)
class GoalResult:
    """What the goal calculator shows for one set of inputs."""

    chosen: pd.Series  # the grid row of the review period and safety factor picked
    best_in_period: pd.Series  # highest turnover meeting the target, same review period
    best_overall: pd.Series  # highest turnover meeting the target, any review period
    required_sample: int  # units that demonstrate the target yield at the confidence picked
    confidence_shown: float  # what passing the typed plan demonstrates
    pass_at: dict[float, float]  # P(pass) of the typed plan at each of CHECK_YIELDS
    oc: pd.Series  # P(pass) of the typed plan over OC_YIELDS


def best_steps(grid: pd.DataFrame) -> dict[str, list[dict]]:
    """Every answer of :func:`~followup.replenishment.best_policy` on ``grid``, as steps of the target.

    For each review period (key ``"all"``: any period) the steps are the stock-out rates of the grid at
    which the best policy changes, each with its row's position in ``grid``: for a target ``t`` the
    answer is the last step whose ``rate`` is at most ``t`` (none below the first). The page picks
    the step (``bestAt`` in ``goal_calculator.mjs``); the rule stays in Python.

    >>> grid = pd.DataFrame({"review_period": [7, 7], "safety_factor": [0.0, 1.0],
    ...                      "turnover": [30.0, 20.0], "stockout_rate": [0.09, 0.02]})
    >>> best_steps(grid)["7"]
    [{'rate': 0.02, 'row': 1}, {'rate': 0.09, 'row': 0}]
    """
    steps = {}
    for period in [None, *sorted(grid["review_period"].unique().tolist())]:
        rows = grid if period is None else grid[grid["review_period"] == period]
        key, found = "all" if period is None else str(period), []
        for rate in sorted(set(rows["stockout_rate"].tolist())):
            row = int(grid.index.get_loc(best_policy(grid, rate, period).name))
            if not found or found[-1]["row"] != row:
                found.append({"rate": float(rate), "row": row})
        steps[key] = found
    return steps


class GoalCalculator(Calculator):
    """Replenishment policy KPIs and a trial run's acceptance test, live in the browser."""

    _module = "goal_calculator.mjs"
    # The panel's chart styles after the calculators' shared ones.
    _css = (HERE / "calculators.css").read_text(encoding="utf-8") + "\n" + \
        (Path(__file__).with_name("goal_calculator.css")).read_text(encoding="utf-8")
    _inputs = ("review_period", "safety_factor", "stockout_target", "confidence", "failures_allowed", "sample_size")

    title = traitlets.Unicode("Goal calculator").tag(sync=True)
    # business side: the reader's inputs, then the precomputed grid
    review_period = traitlets.Int(7).tag(sync=True)
    safety_factor = traitlets.Float(1.0).tag(sync=True)
    stockout_target = traitlets.Any(2.0).tag(sync=True)  # per cent of SKU-days (Any: a bad value is a message)
    policies = traitlets.List(traitlets.Dict()).tag(sync=True)  # policy_grid rows
    best = traitlets.Dict().tag(sync=True)  # best_steps(policies): best_policy's answer for every target
    as_is = traitlets.Dict().tag(sync=True)  # the stores' own policy: turnover, stockout_rate, fill_rate
    # project side: the reader's inputs, then the precomputed plans
    confidence = traitlets.Float(0.95).tag(sync=True)
    failures_allowed = traitlets.Int(1).tag(sync=True)
    sample_size = traitlets.Any(93).tag(sync=True)  # units tested (Any: a bad value is a message)
    target_yield = traitlets.Float(0.95).tag(sync=True)
    plans = traitlets.List(traitlets.Dict()).tag(sync=True)  # plan_table rows with their OC over oc_yields
    oc_yields = traitlets.List(traitlets.Float()).tag(sync=True)

    @classmethod
    def from_case(cls, **kwargs: Any) -> GoalCalculator:
        """The calculator on ``data/retail_replenishment/`` and ``data/npd_launch/``; traits may be overridden.

        Defaults: weekly review (the stores' own period) at safety factor 1.0, a target of 2 % of
        SKU-days out of stock (about the stores' own rate); the charter's yield and confidence with
        one failure allowed, and the sample that demonstrates them.
        """
        retail, npd = retail_replenishment.load(), npd_launch.load()
        grid = policy_grid(retail)
        kpis = as_is_kpis(retail)
        target, conf = float(npd.project["target_yield"]), float(npd.project["target_confidence"])
        plans = acceptance_plans(npd)
        defaults = {
            "policies": json_records(grid),
            "as_is": {"turnover": kpis.turnover, "stockout_rate": kpis.stockout_rate, "fill_rate": kpis.fill_rate},
            "target_yield": target, "confidence": conf,
            "plans": json_records(plans), "oc_yields": list(OC_YIELDS),
        }
        defaults["sample_size"] = required_sample(plans, conf, kwargs.get("failures_allowed", 1))
        return cls(**{**defaults, **kwargs})

    @traitlets.observe("policies")
    def _policies_changed(self, change: dict) -> None:
        self.best = best_steps(pd.DataFrame(change["new"]))

    def _compute(self) -> GoalResult:
        grid = pd.DataFrame(self.policies)
        chosen = grid[(grid["review_period"] == self.review_period) & (grid["safety_factor"] == self.safety_factor)]
        if chosen.empty:
            raise FollowupError(f"no policy with review_period {self.review_period} and safety_factor "
                                f"{self.safety_factor} in the grid; pick values the grid holds")
        target = self.stockout_target
        if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 <= target <= 100:
            raise FollowupError(f"stockout_target is {target!r}; give a percentage of SKU-days from 0 to 100")
        n, c = self.sample_size, self.failures_allowed
        return GoalResult(
            chosen=chosen.iloc[0],
            best_in_period=best_policy(grid, target / 100, self.review_period),
            best_overall=best_policy(grid, target / 100),
            required_sample=required_sample(self.plans, self.confidence, c),
            confidence_shown=demonstrated_confidence(n, c, self.target_yield),
            pass_at={y: pass_probability(n, c, y) for y in CHECK_YIELDS},
            oc=oc_curve(n, c, self.oc_yields),
        )

    def _summary(self) -> str:
        r = self.result
        return (f"review every {self.review_period} d, z = {self.safety_factor:g}: turnover {r.chosen['turnover']:.1f}, "
                f"stock-outs {r.chosen['stockout_rate']:.1%}; {self.sample_size} units, {self.failures_allowed} "
                f"failure(s) allowed: demonstrates {r.confidence_shown:.1%}, a 97 % line passes "
                f"{r.pass_at[0.97]:.1%}")
