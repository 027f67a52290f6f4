"""Burn-down / burn-up series: hand-computed curves, period options, actuals, errors."""

import numpy as np
import pandas as pd
import pytest

from followup.errors import ScheduleError
from followup.progress import burndown
from followup.schedule import critical_path_method


def parallel():
    # A(2) and B(4) side by side, no links: early both start at 0; late, A runs 2-4.
    return critical_path_method(pd.DataFrame({"id": ["A", "B"], "duration": [2, 4]}))


def test_early_and_late_curves_by_hand():
    # Early: completed(t) = min(t, 2) + min(t, 4) -> 0, 2, 4, 5, 6.
    early = burndown(parallel())
    assert early["period"].tolist() == [0, 1, 2, 3, 4]
    assert early["planned_completed"].tolist() == [0, 2, 4, 5, 6]
    assert early["planned_remaining"].tolist() == [6, 4, 2, 1, 0]
    # Late: A from 2 to 4 -> completed(t) = clip(t - 2, 0, 2) + t -> 0, 1, 2, 4, 6.
    late = burndown(parallel(), by="late")
    assert late["planned_completed"].tolist() == [0, 1, 2, 4, 6]


def test_work_column_milestones_and_fractional_periods():
    acts = pd.DataFrame(
        {"id": ["A", "M", "B"], "duration": [4, 0, 2], "cost": [400.0, 50.0, 100.0]}
    )
    links = pd.DataFrame({"predecessor": ["A", "M"], "successor": ["M", "B"]})
    s = critical_path_method(acts, links)
    # A spends 100/day on 0-4, milestone M pays 50 at 4, B spends 50/day on 4-6.
    got = burndown(s, work="cost", periods=[0, 1.5, 4, 5, 6])
    assert got["period"].tolist() == [0, 1.5, 4, 5, 6]
    assert got["planned_completed"].tolist() == [0, 150, 450, 500, 550]
    assert got["planned_remaining"].tolist() == [550, 400, 100, 50, 0]


def test_period_length_and_negative_late_dates():
    s = critical_path_method(
        pd.DataFrame({"id": ["A", "B"], "duration": [10, 10]}),
        pd.DataFrame({"predecessor": ["A"], "successor": ["B"]}),
        finish=15,
    )
    # Late dates: A -5..5, B 5..15 (5 days behind). Weekly periods cover -7..21.
    got = burndown(s, by="late", periods=7)
    assert got["period"].tolist() == [-7, 0, 7, 14, 21]
    # by 0 the late plan should already have done 5 days of A; by 14, 19 of 20.
    assert got["planned_completed"].tolist() == [0, 5, 12, 19, 20]


def test_actual_is_compared_and_adds_its_time_points():
    actual = pd.Series({0: 6.0, 2.5: 4.0, 4: 1.0})
    got = burndown(parallel(), actual=actual)
    assert got["period"].tolist() == [0, 1, 2, 2.5, 3, 4]
    row = got.set_index("period").loc[2.5]
    # planned at 2.5: 2 + 2.5 = 4.5 completed, 1.5 remaining; actual 4 remaining -> 2.5 behind.
    assert row["planned_remaining"] == pytest.approx(1.5)
    assert row["actual_completed"] == pytest.approx(2.0)
    assert row["variance"] == pytest.approx(2.5)
    assert np.isnan(got.set_index("period").loc[1, "actual_remaining"])


def test_random_networks_curves_are_monotone_and_early_is_ahead_of_late():
    rng = np.random.default_rng(4)
    for _ in range(20):
        n = int(rng.integers(2, 30))
        acts = pd.DataFrame({"id": [f"a{i}" for i in range(n)], "duration": rng.integers(0, 9, n)})
        pairs = {(int(i), int(j)) for i, j in rng.integers(0, n, (2 * n, 2)) if i < j}
        links = pd.DataFrame(
            [(f"a{i}", f"a{j}") for i, j in sorted(pairs)], columns=["predecessor", "successor"]
        )
        s = critical_path_method(acts, links)
        early = burndown(s, periods=0.5)
        late = burndown(s, by="late", periods=early["period"])
        total = acts["duration"].sum()
        assert early["planned_remaining"].iloc[0] == total and early["planned_remaining"].iloc[-1] == 0
        assert (np.diff(early["planned_remaining"]) <= 1e-9).all()
        assert (early["planned_completed"].to_numpy() >= late["planned_completed"].to_numpy() - 1e-9).all()


def test_large_schedule_is_cheap():
    # 50,000 activities x 2,000 periods would be 10^8 cells if computed naively.
    n = 50_000
    acts = pd.DataFrame({"id": np.arange(n).astype(str), "duration": np.arange(n) % 2_000})
    got = burndown(critical_path_method(acts))
    assert len(got) == 2_000
    assert got["planned_remaining"].iloc[-1] == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "soon"}, r"by must be 'early' or 'late', got 'soon'"),
        ({"work": "hours"}, r"no work column 'hours'"),
        ({"periods": 0}, r"period length and must be > 0, got 0"),
        ({"periods": [0, 2, 1]}, r"periods must be increasing"),
        ({"actual": [1, 2]}, r"actual must be a pandas Series"),
        ({"actual": pd.Series({0: -1.0})}, r"actual remaining work at time 0 is -1.0"),
        ({"actual": pd.Series({"Monday": 3.0})}, r"actual has time point 'Monday'"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ScheduleError, match=message):
        burndown(parallel(), **kwargs)


def test_bad_schedule_or_work_values():
    with pytest.raises(ScheduleError, match=r"needs the Schedule returned by critical_path_method, got DataFrame"):
        burndown(pd.DataFrame())
    s = critical_path_method(pd.DataFrame({"id": ["A"], "duration": [1], "hours": [-3]}))
    with pytest.raises(ScheduleError, match=r"activity 'A' has work -3 in 'hours'"):
        burndown(s, work="hours")


def test_docstring_examples_run():
    import doctest

    import followup.progress

    result = doctest.testmod(followup.progress, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
