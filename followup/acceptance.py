"""Acceptance sampling by attributes: the sample that demonstrates a yield, and its operating characteristic.

A project charter's success metric such as "product yield >= 95 %" (article paragraph S1.2) is
only a test once it says *how* it is shown: test ``n`` units of a trial run, accept when at most
``c`` fail. Such a plan **demonstrates** the yield at confidence C when a line whose yield is
exactly the target would pass with probability at most 1 - C (the binomial "success-run" test of
reliability demonstration; Montgomery, *Introduction to Statistical Quality Control*, 8th ed.,
chapter 15). Its **operating characteristic** (OC) is the probability of passing as a function of
the line's true yield.

>>> demonstration_sample_size(0.95, confidence=0.95, failures_allowed=0)
59
>>> demonstration_sample_size(0.95, confidence=0.95, failures_allowed=1)
93
>>> round(pass_probability(93, 1, true_yield=0.97), 3)
0.228
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from followup.errors import FollowupError

__all__ = [
    "MAX_FAILURES",
    "MAX_SAMPLE",
    "demonstrated_confidence",
    "demonstration_sample_size",
    "oc_curve",
    "pass_probability",
    "plan_table",
]

#: Bounds on what a caller controls, checked before any work.
MAX_SAMPLE = 100_000  # units tested
MAX_FAILURES = 50


def _share(value, name: str, *, closed: bool = False) -> float:
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and np.isfinite(value) \
        and ((0 <= value <= 1) if closed else (0 < value < 1))
    if not ok:
        bounds = "from 0 to 1" if closed else "strictly between 0 and 1"
        raise FollowupError(f"{name} is {value!r}; give a share {bounds} (e.g. 0.95 for 95 %)")
    return float(value)


def _plan(sample_size, failures_allowed) -> tuple[int, int]:
    if not isinstance(sample_size, numbers.Integral) or isinstance(sample_size, bool) \
            or not 1 <= sample_size <= MAX_SAMPLE:
        raise FollowupError(f"sample_size is {sample_size!r}; give a whole number of units from 1 to {MAX_SAMPLE:,}")
    if not isinstance(failures_allowed, numbers.Integral) or isinstance(failures_allowed, bool) \
            or not 0 <= failures_allowed <= MAX_FAILURES:
        raise FollowupError(f"failures_allowed is {failures_allowed!r}; give a whole number from 0 to {MAX_FAILURES}")
    if failures_allowed >= sample_size:
        raise FollowupError(f"failures_allowed ({failures_allowed}) must be smaller than sample_size "
                            f"({sample_size}); otherwise every run passes")
    return int(sample_size), int(failures_allowed)


def _binomial_cdf(failures: int, sample_size: int, failure_rate: float) -> float:
    """P(at most ``failures`` of ``sample_size`` units fail) when each fails with ``failure_rate``.

    The binomial sum itself, term by term in logs (at most ``MAX_FAILURES + 1`` terms, so no approximation is
    needed; the logs keep C(n, k) and p^k from overflowing); the same sum, in the same order, as ``binomCdf`` in
    ``followup/calculators/goal_calculator.mjs``. The arguments are the checked ones of the callers below.

    >>> _binomial_cdf(1, 93, 0.05) < 0.05 < _binomial_cdf(1, 92, 0.05)
    True
    """
    if failure_rate == 0:
        return 1.0
    if failure_rate == 1:
        return 0.0
    log_p, log_q = math.log(failure_rate), math.log1p(-failure_rate)
    log_choose, total = 0.0, 0.0
    for k in range(failures + 1):
        if k > 0:
            log_choose += math.log(sample_size - k + 1) - math.log(k)
        total += math.exp(log_choose + k * log_p + (sample_size - k) * log_q)
    return min(1.0, total)


def pass_probability(sample_size: int, failures_allowed: int, true_yield: float) -> float:
    """P(at most ``failures_allowed`` of ``sample_size`` units fail) when each passes with ``true_yield``.

    Twin of ``passProbability`` in ``followup/calculators/goal_calculator.mjs`` (tests/test_parity_goals.py).

    >>> round(pass_probability(59, 0, 0.95), 4)
    0.0485
    """
    n, c = _plan(sample_size, failures_allowed)
    y = _share(true_yield, "true_yield", closed=True)
    return _binomial_cdf(c, n, 1 - y)


def demonstrated_confidence(sample_size: int, failures_allowed: int, target_yield: float) -> float:
    """The confidence with which passing the plan shows yield >= ``target_yield``: 1 - P(pass | yield = target).

    Twin of ``demonstratedConfidence`` in ``followup/calculators/goal_calculator.mjs``.

    >>> round(demonstrated_confidence(93, 1, 0.95), 4)
    0.95
    """
    return 1 - pass_probability(sample_size, failures_allowed, _share(target_yield, "target_yield"))


def demonstration_sample_size(target_yield: float, confidence: float, failures_allowed: int = 0) -> int:
    """The smallest ``n`` such that passing (at most ``failures_allowed`` failures) demonstrates the yield.

    The pass probability falls as ``n`` grows, so a bisection over 1 to ``MAX_SAMPLE`` units finds the first
    ``n`` with P(pass | yield = target) <= 1 - confidence: at most 17 exact binomial sums.

    >>> demonstration_sample_size(0.95, 0.90, failures_allowed=2)
    105
    """
    y = _share(target_yield, "target_yield")
    conf = _share(confidence, "confidence")
    _plan(failures_allowed + 1, failures_allowed)
    low, high = failures_allowed + 1, MAX_SAMPLE
    if _binomial_cdf(failures_allowed, high, 1 - y) > 1 - conf:
        raise FollowupError(f"no sample of at most {MAX_SAMPLE:,} units demonstrates a yield of {y:.2%} at "
                            f"{conf:.0%} confidence; lower the confidence or the target")
    while low < high:
        middle = (low + high) // 2
        if _binomial_cdf(failures_allowed, middle, 1 - y) <= 1 - conf:
            high = middle
        else:
            low = middle + 1
    return int(low)


def oc_curve(sample_size: int, failures_allowed: int, yields) -> pd.Series:
    """P(pass) of the plan at each true yield of ``yields`` (at most 1,000 of them), indexed by yield.

    >>> oc_curve(93, 1, [0.93, 0.95, 0.97]).round(3).tolist()
    [0.009, 0.05, 0.228]
    """
    n, c = _plan(sample_size, failures_allowed)
    grid = np.asarray(list(yields), dtype=float)
    if not 1 <= grid.size <= 1000 or not np.isfinite(grid).all() or (grid < 0).any() or (grid > 1).any():
        raise FollowupError("yields must be 1 to 1,000 shares from 0 to 1 (e.g. numpy.linspace(0.85, 1, 61))")
    passes = [_binomial_cdf(c, n, 1 - y) for y in grid.tolist()]
    return pd.Series(passes, index=pd.Index(grid, name="true_yield"), name="pass_probability")


def plan_table(target_yield: float, confidences, failures_allowed, check_yields=(0.93, 0.95, 0.97)) -> pd.DataFrame:
    """For each confidence x failures allowed: the demonstrating sample size and P(pass) at ``check_yields``.

    >>> plan_table(0.95, [0.95], [0, 1])[["confidence", "failures_allowed", "sample_size"]].values.tolist()
    [[0.95, 0.0, 59.0], [0.95, 1.0, 93.0]]
    """
    confidences, failures = list(confidences), list(failures_allowed)
    if not confidences or not failures or len(confidences) * len(failures) > 200:
        raise FollowupError("give 1 to 200 plans (confidences x failures_allowed)")
    rows = []
    for conf in confidences:
        for c in failures:
            n = demonstration_sample_size(target_yield, conf, c)
            row = {"confidence": conf, "failures_allowed": c, "sample_size": n}
            for y in check_yields:
                row[f"pass_at_{round(100 * y)}"] = pass_probability(n, c, y)
            rows.append(row)
    return pd.DataFrame(rows)
