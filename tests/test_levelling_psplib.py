"""Levelling on the PSPLIB benchmark sets: every schedule feasible and never below the known bounds.

The fast suite runs the single pass and forward-backward improvement on all 480 j30
instances and 30 of the 60 j120 instances in data/psplib/; the sampling method on the full sets is ``slow``
(``benchmarks/bench_levelling.py`` reports its quality and time).
"""

from pathlib import Path

import pandas as pd
import pytest

from followup.levelling import is_feasible, level_resources
from followup.psplib import read_optimum, read_sm

PSPLIB = Path(__file__).resolve().parents[1] / "data" / "psplib"  # committed (data/psplib/README.md)


def _load(subset, step=1):
    files = sorted((PSPLIB / subset).glob("*.sm"))[::step]
    bounds = read_optimum(PSPLIB / subset / "optimum" / "optimum.csv").set_index("problem")
    return [read_sm(f) for f in files], bounds


@pytest.fixture(scope="module")
def j30():
    return _load("j30")


@pytest.fixture(scope="module")
def j120_sample():
    return _load("j120", step=2)


def _check(instances, bounds, method, iterations=0):
    """Feasible, at least the optimum / lower bound / critical path; returns the mean gap to ``lower``."""
    gaps = []
    for inst in instances:
        res = level_resources(inst.activities, inst.links, inst.demands, inst.capacities,
                              method=method, iterations=iterations)
        ok, violations = is_feasible(res, inst.activities, inst.links, inst.demands, inst.capacities)
        assert ok, (inst.name, violations[:3])
        lower = bounds.loc[inst.name, "lower"]
        lower = inst.mpm_time if pd.isna(lower) else int(lower)  # j120: only an upper bound known
        assert res.makespan >= max(lower, inst.mpm_time), inst.name
        assert res.cpm_duration == inst.mpm_time, inst.name
        gaps.append((res.makespan - lower) / lower)
    return sum(gaps) / len(gaps)


def test_j30_single_pass_all_feasible_and_not_below_optimum(j30):
    instances, bounds = j30
    assert len(instances) == 480
    gap = _check(instances, bounds, "single")
    assert 0 < gap < 0.10  # a priority rule alone lands a few percent above the optimum


def test_j30_forward_backward_all_feasible_and_better(j30):
    instances, bounds = j30
    single = _check(instances[::4], bounds, "single")
    improved = _check(instances[::4], bounds, "forward-backward")
    assert improved < single


def test_j30_sampling_sample(j30):
    instances, bounds = j30
    assert _check(instances[::40], bounds, "sampling", iterations=30) < 0.03


def test_j120_sample_not_below_lower_bound(j120_sample):
    instances, bounds = j120_sample
    _check(instances, bounds, "forward-backward")


@pytest.mark.slow
def test_j30_sampling_all(j30):
    instances, bounds = j30
    assert _check(instances, bounds, "sampling", iterations=100) < 0.02


@pytest.mark.slow
def test_j120_all_single_pass():
    instances, bounds = _load("j120")
    _check(instances, bounds, "single")
