"""Usage profiles, over-allocation, booking conflicts and standby cost."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.errors import ResourceError
from followup.resources import conflicts, over_allocation, standby_cost, usage_profile, usage_steps
from followup.schedule import critical_path_method


def table(starts, durations, ids=None):
    ids = ids or [chr(65 + k) for k in range(len(starts))]
    return pd.DataFrame({"duration": durations, "early_start": starts}, index=ids)


def test_usage_steps():
    times, levels = usage_steps([0, 1, 5], [2, 4, 5], [2, 1, 9])  # the zero-length booking uses nothing
    assert times.tolist() == [0, 1, 2, 4] and levels.tolist() == [2, 3, 1]
    times, levels = usage_steps([], [], [])
    assert len(levels) == 0


def test_profile_from_cpm_schedule():
    acts = pd.DataFrame({"id": ["A", "B", "C"], "duration": [2, 3, 1]})
    links = pd.DataFrame({"predecessor": ["A"], "successor": ["C"]})
    cpm = critical_path_method(acts, links)
    demands = pd.DataFrame({"welders": [2, 1, 3], "crane": [0, 1, 1]}, index=["A", "B", "C"])
    early = usage_profile(cpm, demands)
    assert early.index.name == "period_start" and early.index.tolist() == [0, 1, 2]
    assert early["welders"].tolist() == [3, 3, 4]
    assert early["crane"].tolist() == [1, 1, 2]
    late = usage_profile(cpm.table, demands, start_col="late_start")
    assert late["welders"].tolist() == [3, 3, 4]  # B is critical here, A/C too: same dates


def test_profile_periods_peak_and_mean():
    t = table([0, 1], [2, 3])
    d = pd.DataFrame({"w": [2, 1]}, index=["A", "B"])
    assert usage_profile(t, d)["w"].tolist() == [2, 3, 1, 1]
    weekly = usage_profile(t, d, period=2)
    assert weekly.index.tolist() == [0, 2] and weekly["w"].tolist() == [3, 1]
    assert usage_profile(t, d, period=2, how="mean")["w"].tolist() == [2.5, 1.0]
    # fractional times: a half-hour booking in the first hour
    half = usage_profile(pd.DataFrame({"duration": [0.5], "start": [0.25]}, index=["A"]), d.loc[["A"]],
                         start_col="start", how="mean")
    assert half["w"].tolist() == [1.0]


def test_profile_from_starts_and_durations():
    d = pd.DataFrame({"w": [1, 1]}, index=["A", "B"])
    acts = pd.DataFrame({"id": ["A", "B"], "duration": [2, 1]})
    prof = usage_profile(pd.Series({"A": 0, "B": 1}), d, durations=acts)
    assert prof["w"].tolist() == [1, 2]
    prof = usage_profile({"A": 0, "B": 3}, d, durations={"A": 2, "B": 1})
    assert prof["w"].tolist() == [1, 1, 0, 1]


def test_profile_demand_for_unlisted_activity_is_zero():
    prof = usage_profile(table([0, 0], [1, 1]), pd.DataFrame({"w": [4]}, index=["B"]))
    assert prof["w"].tolist() == [4]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"period": 0}, "period must be a positive number"),
        ({"how": "max"}, "how must be"),
        ({"start_col": "start"}, "no column 'start'"),
    ],
)
def test_profile_argument_errors(kwargs, message):
    with pytest.raises(ResourceError, match=message):
        usage_profile(table([0], [1]), pd.DataFrame({"w": [1]}, index=["A"]), **kwargs)


def test_profile_input_errors():
    d = pd.DataFrame({"w": [1]}, index=["A"])
    with pytest.raises(ResourceError, match="durations="):
        usage_profile({"A": 0}, d)
    with pytest.raises(ResourceError, match="no duration for activity 'A'"):
        usage_profile({"A": 0}, d, durations={"B": 1})
    with pytest.raises(ResourceError, match="got list"):
        usage_profile([0], d)
    with pytest.raises(ResourceError, match="activity 'Z', which is not in the schedule"):
        usage_profile(table([0], [1]), pd.DataFrame({"w": [1]}, index=["Z"]))
    with pytest.raises(ResourceError, match="demand of activity 'A' for resource 'w' is -2"):
        usage_profile(table([0], [1]), pd.DataFrame({"w": [-2]}, index=["A"]))
    with pytest.raises(ResourceError, match="negative duration"):
        usage_profile(table([0], [-1]), d)
    with pytest.raises(ResourceError, match="DataFrame indexed by activity id"):
        usage_profile(table([0], [1]), {"w": 1})


def test_over_allocation():
    prof = usage_profile(table([0, 1], [2, 3]), pd.DataFrame({"w": [2, 1], "c": [1, 1]}, index=["A", "B"]))
    over = over_allocation(prof, {"w": 2, "c": 1})
    assert over.values.tolist() == [[1, "w", 3, 2, 1], [1, "c", 2, 1, 1]]
    assert over_allocation(prof, {"w": 3, "c": 2}).empty
    with pytest.raises(ResourceError, match="no capacity for resource 'c'"):
        over_allocation(prof, {"w": 2})
    with pytest.raises(ResourceError, match="capacity of resource 'w' is -1"):
        over_allocation(prof, {"w": -1, "c": 1})
    with pytest.raises(ResourceError, match="mapping"):
        over_allocation(prof, [2, 1])


def bookings(rows):
    return pd.DataFrame(rows, columns=["resource", "start", "finish", "units", "id"])


def test_crane_conflict_reports_the_overlap():
    b = bookings([
        ("crane", 8, 12, 1, "dome"),
        ("crane", 10, 14, 1, "steam generator"),
        ("crane", 20, 22, 1, "polar crane"),
        ("hoist", 0, 30, 2, "site hoist"),
    ])
    out = conflicts(b, {"crane": 1, "hoist": 2})
    assert out[["resource", "start", "finish", "overlap", "ids", "units", "capacity", "excess"]].values.tolist() == [
        ["crane", 10, 12, 2, ("dome", "steam generator"), 2, 1, 1]
    ]


def test_conflict_groups_change_with_the_set_of_bookings():
    b = bookings([("welders", 0, 10, 3, "a"), ("welders", 2, 6, 3, "b"), ("welders", 4, 8, 3, "c")])
    out = conflicts(b, {"welders": 5})
    assert out[["start", "finish", "ids", "units"]].values.tolist() == [
        [2, 4, ("a", "b"), 6],
        [4, 6, ("a", "b", "c"), 9],
        [6, 8, ("a", "c"), 6],
    ]
    alone = conflicts(bookings([("crane", 0, 5, 2, "too heavy")]), {"crane": 1})
    assert alone["ids"].tolist() == [("too heavy",)] and alone["overlap"].tolist() == [5]
    assert conflicts(bookings([("crane", 0, 2, 1, "x"), ("crane", 2, 4, 1, "y")]), {"crane": 1}).empty


def test_conflict_errors():
    with pytest.raises(ResourceError, match=r"lack column\(s\) \['units'\]"):
        conflicts(pd.DataFrame({"resource": ["c"], "start": [0], "finish": [1], "id": ["x"]}), {"c": 1})
    with pytest.raises(ResourceError, match="booking 'x' finishes"):
        conflicts(bookings([("c", 5, 1, 1, "x")]), {"c": 1})
    with pytest.raises(ResourceError, match="booking 'x' has negative units"):
        conflicts(bookings([("c", 0, 1, -1, "x")]), {"c": 1})
    with pytest.raises(ResourceError, match="column 'start' must hold numbers"):
        conflicts(bookings([("c", "8:00", 1, 1, "x")]), {"c": 1})
    with pytest.raises(ResourceError, match="no capacity for resource 'c'"):
        conflicts(bookings([("c", 0, 1, 1, "x")]), {"crane": 1})


def test_standby_cost_of_the_crane_delay():
    rates = pd.DataFrame({"item": ["crawler crane", "rigging crew"], "rate": [9000, 80], "quantity": [1, 12]})
    out = standby_cost(37, rates)
    assert out.table["cost"].tolist() == [333000, 35520]
    assert out.total == 368520.0
    per_item = standby_cost({"crane": 2, "crew": 3}, {"crane": 100, "crew": 10})
    assert per_item.table[["item", "quantity", "delay", "cost"]].values.tolist() == [
        ["crane", 1, 2, 200], ["crew", 1, 3, 30]]


def test_standby_cost_errors():
    with pytest.raises(ResourceError, match="no delay given for item 'crew'"):
        standby_cost({"crane": 2}, {"crane": 100, "crew": 10})
    with pytest.raises(ResourceError, match="rate of item 'crane' is -5"):
        standby_cost(1, {"crane": -5})
    with pytest.raises(ResourceError, match="delay of item 'crane'"):
        standby_cost("long", {"crane": 5})
    with pytest.raises(ResourceError, match="columns 'item', 'rate'"):
        standby_cost(1, pd.DataFrame({"what": ["crane"], "rate": [5]}))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 6), st.integers(0, 4)), min_size=1, max_size=12))
def test_profile_conserves_resource_time(rows):
    starts, durations, units = map(list, zip(*rows))
    ids = [f"a{k}" for k in range(len(rows))]
    t = pd.DataFrame({"duration": durations, "early_start": starts}, index=ids)
    prof = usage_profile(t, pd.DataFrame({"w": units}, index=ids))
    assert prof["w"].sum() == sum(d * u for d, u in zip(durations, units))
    weekly = usage_profile(t, pd.DataFrame({"w": units}, index=ids), period=7, how="mean")
    assert np.isclose(weekly["w"].sum() * 7, prof["w"].sum())
    assert (usage_profile(t, pd.DataFrame({"w": units}, index=ids), period=7)["w"].max()
            == prof["w"].max() if len(prof) else True)


# ----------------------------------------------------------------------------- plots
def test_usage_histogram_marks_over_allocation():
    from followup.resource_plots import plot_usage_histogram

    profile = pd.DataFrame({"crane": [1, 2, 1], "welders": [3, 3, 0]},
                           index=pd.Index([0, 1, 2], name="period_start"))
    fig = plot_usage_histogram(profile, {"crane": 1, "welders": 4}, time_unit="hours")
    crane, welders = fig.axes[:2]
    over = [p for p in crane.patches if p.get_hatch() == "//"]
    assert [(p.get_x(), p.get_y(), p.get_height()) for p in over] == [(0, 1, 0), (1, 1, 1), (2, 1, 0)]
    assert [line.get_ydata()[0] for line in crane.lines] == [1]
    assert not [p for p in welders.patches if p.get_hatch() == "//"]
    assert welders.get_xlabel() == "time (hours from project start)"
    assert [t.get_text() for t in crane.get_legend().get_texts()] == [
        "usage within capacity", "over-allocation", "capacity"]
    one = plot_usage_histogram(profile, None, resources=["welders"])
    assert len(one.axes) == 1 and not one.axes[0].lines
    with pytest.raises(ResourceError, match="resource 'hoist' is not in the profile"):
        plot_usage_histogram(profile, {"hoist": 1}, resources=["hoist"])
    with pytest.raises(ResourceError, match="no capacity for resource 'welders'"):
        plot_usage_histogram(profile, {"crane": 1})


def test_fleet_allocation_chart():
    from followup.pulse import pulse_scenario
    from followup.resource_plots import plot_fleet_allocation

    s = pulse_scenario({"East": 300, "North": 200, "South": 200, "West": 100}, 3.0, "East", 0.8, 100, 10, 500)
    fig = plot_fleet_allocation(s.allocation, peak_region="East")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["38 %", "80 %", "38 %"]
    assert len(ax.patches) == 12 and len({p.get_hatch() for p in ax.patches}) == 4
    assert ax.get_ylabel() == "vehicles allocated"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["before peak", "peak", "after peak"]
    with pytest.raises(ResourceError, match="peak_region 'Tibet'"):
        plot_fleet_allocation(s.allocation, peak_region="Tibet")
    with pytest.raises(ResourceError, match="lacks column"):
        plot_fleet_allocation(s.allocation.drop(columns="vehicles"))
    many = pd.DataFrame({"period": [1] * 8, "region": list("ABCDEFGH"), "vehicles": [1] * 8})
    with pytest.raises(ResourceError, match="at most 7"):
        plot_fleet_allocation(many)
