"""Monte Carlo schedule risk and booking overlap: analytic checks, reproducibility, errors."""

import numpy as np
import pandas as pd
import pytest

from followup.errors import ScheduleError, SimulationError
from followup.montecarlo import (
    ThreePointEstimate,
    probability_of_overlap,
    simulate_overlap,
    simulate_schedule,
)
from followup.schedule import critical_path_method


def three_point(rows):
    return pd.DataFrame(rows, columns=["id", "low", "mode", "high"])


def test_zero_width_estimates_reproduce_cpm_with_every_link_type():
    # The PDM example of test_schedule_textbook: duration 23, critical E -> T -> H.
    activities = pd.DataFrame({"id": ["E", "P", "B", "T", "H"], "duration": [10, 8, 6, 3, 4]})
    links = pd.DataFrame(
        [("E", "P", "SS", 2), ("P", "B", "FF", 2), ("E", "T", "FS", -1), ("B", "H", "FS", 0), ("T", "H", "SF", 14)],
        columns=["predecessor", "successor", "type", "lag"],
    )
    cpm = critical_path_method(activities, links)
    fixed = activities.assign(low=activities["duration"], mode=activities["duration"], high=activities["duration"])
    for distribution in ("triangular", "pert"):
        result = simulate_schedule(fixed, links, distribution=distribution, iterations=50)
        assert (result.finish_times == 23).all()
        assert result.planned_duration == 23
        assert result.criticality_index.to_dict() == {"E": 1.0, "P": 0.0, "B": 0.0, "T": 1.0, "H": 1.0}
        np.testing.assert_allclose(result.activities["mean_early_start"], cpm.table["early_start"])
        np.testing.assert_allclose(result.activities["mean_early_finish"], cpm.table["early_finish"])


def test_triangular_single_activity_matches_its_cdf():
    # Triangular(2, 3, 6): F(3) = (3-2)^2 / ((6-2)(3-2)) = 1/4; F(5) = 1 - (6-5)^2 / ((6-2)(6-3)) = 11/12;
    # mean (2+3+6)/3 = 11/3; median: 1 - (6-x)^2/12 = 1/2 -> x = 6 - sqrt(6) = 3.5505.
    r = simulate_schedule(three_point([("A", 2, 3, 6)]), iterations=40_000, seed=5)
    assert r.probability_finish_by(3) == pytest.approx(0.25, abs=0.01)
    assert r.probability_finish_by(5) == pytest.approx(11 / 12, abs=0.01)
    assert r.finish_times.mean() == pytest.approx(11 / 3, abs=0.02)
    assert r.percentile(50) == pytest.approx(6 - np.sqrt(6), abs=0.03)
    assert r.finish_times.min() >= 2 and r.finish_times.max() <= 6
    assert r.iterations == 40_000


def test_pert_beta_parameters():
    # PERT(2, 3, 8): alpha = 1 + 4(3-2)/6 = 5/3, beta = 1 + 4(8-3)/6 = 13/3, so the mean is
    # 2 + 6 * alpha / (alpha + beta) = 2 + 6 * (5/3) / 6 = 3.6667 = (2 + 4*3 + 8) / 6, and the
    # variance is 36 * alpha*beta / ((alpha+beta)^2 (alpha+beta+1)) = 36 * (65/9) / (36 * 7) = 1.0317.
    r = simulate_schedule(three_point([("A", 2, 3, 8)]), distribution="PERT", iterations=60_000, seed=7)
    assert r.distribution == "pert"
    assert r.finish_times.mean() == pytest.approx(22 / 6, abs=0.02)
    assert r.finish_times.var() == pytest.approx(65 / 63, rel=0.04)
    # the triangular mean of the same estimate is (2 + 3 + 8) / 3 = 4.333: a different distribution
    tri = simulate_schedule(three_point([("A", 2, 3, 8)]), iterations=60_000, seed=7)
    assert tri.finish_times.mean() == pytest.approx(13 / 3, abs=0.02)


def test_criticality_index_of_two_equal_parallel_branches_is_about_half():
    acts = three_point([("S", 0, 0, 0), ("A", 4, 5, 9), ("B", 4, 5, 9), ("F", 0, 0, 0)])
    links = pd.DataFrame({"predecessor": ["S", "S", "A", "B"], "successor": ["A", "B", "F", "F"]})
    r = simulate_schedule(acts, links, iterations=20_000, seed=11)
    ci = r.criticality_index
    assert ci["S"] == 1.0 and ci["F"] == 1.0
    assert ci["A"] == pytest.approx(0.5, abs=0.02) and ci["B"] == pytest.approx(0.5, abs=0.02)
    # The plan at the modes finishes at 5, but the later of two uncertain branches rarely does.
    assert r.planned_duration == 5
    assert r.probability_finish_by(5) < 0.1
    assert r.percentile(80) > r.percentile(50) > 5


def test_blank_estimates_keep_the_fixed_duration_and_results_are_reproducible():
    acts = pd.DataFrame(
        {"id": ["A", "B"], "duration": [4, 2], "low": [np.nan, 1], "mode": [np.nan, 2], "high": [np.nan, 5]}
    )
    links = pd.DataFrame({"predecessor": ["A"], "successor": ["B"]})
    r = simulate_schedule(acts, links, iterations=5_000, seed=3)
    assert (r.activities["mean_early_start"]["B"]) == 4.0
    assert r.finish_times.min() >= 5 and r.finish_times.max() <= 9
    again = simulate_schedule(acts, links, iterations=5_000, seed=3)
    np.testing.assert_array_equal(r.finish_times, again.finish_times)
    other = simulate_schedule(acts, links, iterations=5_000, seed=4)
    assert not np.array_equal(r.finish_times, other.finish_times)
    generator = simulate_schedule(acts, links, iterations=5_000, seed=np.random.default_rng(3))
    np.testing.assert_array_equal(r.finish_times, generator.finish_times)


def test_custom_column_names_and_chunking_agree():
    # Enough iterations x activities to need several chunks; zero width keeps it exact.
    n = 300
    acts = pd.DataFrame({"id": [f"a{i}" for i in range(n)], "opt": 1.0, "ml": 1.0, "pess": 1.0})
    links = pd.DataFrame({"predecessor": acts["id"][:-1].to_numpy(), "successor": acts["id"][1:].to_numpy()})
    r = simulate_schedule(acts, links, low="opt", mode="ml", high="pess", iterations=9_000)
    assert (r.finish_times == n).all()
    assert (r.criticality_index == 1.0).all()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("weld", 5, 3, 8)], r"activity 'weld': low 5, mode 3, high 8 are out of order; .*low <= mode <= high"),
        ([("weld", 1, 9, 8)], r"activity 'weld': low 1, mode 9, high 8 are out of order"),
        ([("weld", -1, 2, 3)], r"activity 'weld': low -1 is negative"),
        ([("weld", "soon", 2, 3)], r"activity 'weld' has low 'soon': give a finite number"),
        ([("weld", 1, None, 3)], r"activity 'weld' has an incomplete estimate"),
        ([("weld", None, None, None)], r"activity 'weld' has no low/mode/high estimate and no fixed duration"),
    ],
)
def test_bad_estimates_name_the_activity(rows, message):
    with pytest.raises(SimulationError, match=message):
        simulate_schedule(three_point(rows), iterations=10)


def test_bad_arguments():
    acts = three_point([("A", 1, 2, 3)])
    with pytest.raises(SimulationError, match=r"no 'optimistic' column"):
        simulate_schedule(acts, low="optimistic")
    with pytest.raises(SimulationError, match=r"unknown distribution 'normal': use one of triangular, pert"):
        simulate_schedule(acts, distribution="normal")
    with pytest.raises(SimulationError, match=r"iterations must be a whole number from 1 to 1,000,000 .*, got 0"):
        simulate_schedule(acts, iterations=0)
    result = simulate_schedule(acts, iterations=10)
    with pytest.raises(SimulationError, match=r"percentile must be a finite number from 0 to 100 \(80 for P80\), got 120"):
        result.percentile(120)
    with pytest.raises(SimulationError, match=r"date must be a finite number"):
        result.probability_finish_by("next week")
    with pytest.raises(ScheduleError, match=r"unknown activity 'Z'"):
        simulate_schedule(acts, pd.DataFrame({"predecessor": ["Z"], "successor": ["A"]}))


# ----------------------------------------------------------------- booking overlap
def test_overlap_probability_matches_triangular_tail():
    # A holds the crane from 0 for Triangular(6, 8, 12) h; B is booked at 8 for 4 h.
    # Conflict iff A runs past 8: P = (12-8)^2 / ((12-6)(12-8)) = 2/3.
    # A 2 h buffer books B at 10: P = (12-10)^2 / ((12-6)(12-8)) = 1/6.
    kw = dict(iterations=40_000, seed=9)
    assert probability_of_overlap(0, (6, 8, 12), 8, 4, **kw) == pytest.approx(2 / 3, abs=0.01)
    assert probability_of_overlap(0, (6, 8, 12), 8, 4, buffer=2, **kw) == pytest.approx(1 / 6, abs=0.01)
    # Common random numbers: with the same seed, a bigger buffer can never add conflicts.
    probabilities = [probability_of_overlap(0, (6, 8, 12), 8, 4, buffer=b, **kw) for b in (0, 1, 2, 3, 4)]
    assert probabilities == sorted(probabilities, reverse=True) and probabilities[-1] == 0.0


def test_overlap_fixed_cases_and_mean_overlap():
    assert probability_of_overlap(0, 10, 8, 4) == 1.0
    assert simulate_overlap(0, 10, 8, 4).mean_overlap == pytest.approx(2.0)  # [8, 10]
    assert probability_of_overlap(0, 5, 5, 3) == 0.0  # back to back
    assert probability_of_overlap(10, 3, 0, 4) == 0.0  # B entirely before A
    assert probability_of_overlap(2, 1, 0, 10) == 1.0  # A inside B


def test_overlap_accepts_estimates_and_sample_arrays():
    rng = np.random.default_rng(0)
    starts = rng.uniform(0, 2, size=1_000)
    r = simulate_overlap(ThreePointEstimate(0, 1, 2, "pert"), 3, starts, 1, iterations=1_000)
    assert 0 < r.probability <= 1 and r.overlap.shape == (1_000,)
    assert (r.overlap >= 0).all() and (r.overlap <= 1 + 1e-12).all()  # B lasts 1 h


def test_overlap_errors():
    with pytest.raises(SimulationError, match=r"b_start has 5 samples but iterations=10"):
        simulate_overlap(0, 1, np.zeros(5), 1, iterations=10)
    with pytest.raises(SimulationError, match=r"a_duration must be a number, a \(low, mode, high\) tuple"):
        simulate_overlap(0, "long", 1, 1)
    with pytest.raises(SimulationError, match=r"b_duration has negative, non-numeric or non-finite values"):
        simulate_overlap(0, 1, 1, -2)
    with pytest.raises(SimulationError, match=r"low 5, mode 3, high 8 are out of order"):
        simulate_overlap(0, (5, 3, 8), 1, 1)
    with pytest.raises(SimulationError, match=r"unknown distribution 'uniform'"):
        ThreePointEstimate(1, 2, 3, "uniform")
    with pytest.raises(SimulationError, match=r"buffer must be a finite number"):
        probability_of_overlap(0, 1, 1, 1, buffer="2h")


def test_docstring_examples_run():
    import doctest

    import followup.montecarlo

    result = doctest.testmod(followup.montecarlo, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
