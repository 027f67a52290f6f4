"""The business pulse model: allocation, utilisation, redeployment, peak share, scenario."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.errors import ResourceError
from followup.pulse import (
    PULSE_PERIODS,
    allocate_fleet,
    largest_remainder,
    peak_share,
    pulse_scenario,
    redeployment_cost,
    utilisation,
)


def demand_table(periods, regions, values):
    return pd.DataFrame({"period": [p for p in periods for _ in regions], "region": list(regions) * len(periods),
                         "demand": values})


def test_largest_remainder_hand_cases():
    assert largest_remainder([1, 1, 1], 10) == [4, 3, 3]       # tie: first region
    assert largest_remainder([3, 1, 1], 10) == [6, 2, 2]
    assert largest_remainder([5, 3, 2], 7) == [4, 2, 1]        # quotas 3.5, 2.1, 1.4
    assert largest_remainder([0, 0], 3) == [2, 1]              # no demand: equal shares
    assert largest_remainder([2.5, 7.5], 4) == [1, 3]
    assert largest_remainder([], 3) == []


def test_allocation_proportional_with_minimum():
    d = demand_table([1, 2], ["E", "W"], [90, 10, 50, 50])
    out = allocate_fleet(d, 10, min_per_region=2)
    assert out["vehicles"].tolist() == [7, 3, 5, 5]
    assert list(out.columns) == ["period", "region", "demand", "vehicles"]
    assert allocate_fleet(d, 10)["vehicles"].tolist() == [9, 1, 5, 5]


def test_allocation_keeps_the_given_region_order():
    d = pd.DataFrame({"period": ["p", "p"], "region": ["West", "East"], "demand": [1, 1]})
    assert allocate_fleet(d, 3)[["region", "vehicles"]].values.tolist() == [["West", 2], ["East", 1]]


@pytest.mark.parametrize(
    "demand, kwargs, message",
    [
        (pd.DataFrame({"period": [1], "region": ["E"]}), {}, r"lacks column\(s\) \['demand'\]"),
        (pd.DataFrame({"period": [1], "region": ["E"], "demand": [-3]}), {}, "region 'E' in period 1 is -3"),
        (pd.DataFrame({"period": [1], "region": ["E"], "demand": ["lots"]}), {}, "is 'lots'"),
        (pd.DataFrame({"period": [1, 1], "region": ["E", "E"], "demand": [1, 2]}), {}, "appears twice"),
        (pd.DataFrame({"period": [1, 1, 2], "region": ["E", "W", "E"], "demand": [1, 2, 3]}), {},
         "period 2 has no row for region 'W'"),
        (pd.DataFrame({"period": [1, 1], "region": ["E", "W"], "demand": [1, 2]}), {"min_per_region": 6},
         "needs 12 vehicles but the fleet has 10"),
        (pd.DataFrame({"period": [1], "region": ["E"], "demand": [1]}), {"fleet_size": 2.5}, "fleet_size"),
        (pd.DataFrame({"period": [1], "region": ["E"], "demand": [1]}), {"min_per_region": -1}, "min_per_region"),
        ({"E": 1}, {}, "DataFrame"),
    ],
)
def test_allocation_errors(demand, kwargs, message):
    kwargs = {"fleet_size": 10, **kwargs}
    with pytest.raises(ResourceError, match=message):
        allocate_fleet(demand, **kwargs)


def test_utilisation():
    a = pd.DataFrame({"period": [1, 1, 1], "region": ["E", "W", "N"], "vehicles": [8, 2, 0],
                      "demand": [100, 10, 5]})
    out = utilisation(a, capacity_per_vehicle=10)
    assert out["served"].tolist() == [80, 10, 0]
    assert out["unmet"].tolist() == [20, 0, 5]
    assert out["utilisation"].iloc[:2].tolist() == [1.0, 0.5] and math.isnan(out["utilisation"].iloc[2])
    other = pd.DataFrame({"period": [1, 1, 1], "region": ["E", "W", "N"], "demand": [10, 10, 10]})
    assert utilisation(a, other, capacity_per_vehicle=10)["served"].tolist() == [10, 10, 0]


def test_utilisation_errors():
    a = pd.DataFrame({"period": [1], "region": ["E"], "vehicles": [2]})
    with pytest.raises(ResourceError, match="pass demand="):
        utilisation(a, capacity_per_vehicle=1)
    with pytest.raises(ResourceError, match="no demand for region 'E' in period 1"):
        utilisation(a, pd.DataFrame({"period": [2], "region": ["E"], "demand": [1]}), capacity_per_vehicle=1)
    with pytest.raises(ResourceError, match="capacity_per_vehicle"):
        utilisation(a.assign(demand=1), capacity_per_vehicle=-1)
    with pytest.raises(ResourceError, match="vehicles of region 'E' in period 1 is 2.5"):
        utilisation(a.assign(vehicles=2.5, demand=1), capacity_per_vehicle=1)
    with pytest.raises(ResourceError, match=r"lacks column\(s\) \['vehicles'\]"):
        utilisation(a.drop(columns="vehicles"), capacity_per_vehicle=1)


def test_redeployment_cost_counts_each_moved_vehicle_once():
    a = pd.DataFrame({"period": [1, 1, 2, 2, 3, 3], "region": ["E", "W"] * 3, "vehicles": [5, 5, 8, 2, 5, 5]})
    out = redeployment_cost(a, 1200)
    assert out["moves"].tolist() == [0, 3, 3] and out["cost"].tolist() == [0, 3600, 3600]
    assert out["period"].tolist() == [1, 2, 3]
    with pytest.raises(ResourceError, match="cost_per_move"):
        redeployment_cost(a, float("nan"))


def test_peak_share():
    a = pd.DataFrame({"period": ["off", "off", "peak", "peak"], "region": ["East", "West"] * 2,
                      "vehicles": [5, 5, 8, 2]})
    assert peak_share(a, "East").tolist() == [0.5, 0.8]
    with pytest.raises(ResourceError, match="unknown region 'Tibet'"):
        peak_share(a, "Tibet")


def test_scenario_article_s31():
    s = pulse_scenario({"East": 300, "North": 200, "South": 200, "West": 100}, 3.0, "East", 0.8, 100, 10, 500)
    assert s.summary["period"].tolist() == list(PULSE_PERIODS)
    peak = s.allocation[s.allocation["period"] == "peak"]
    assert peak["vehicles"].tolist() == [80, 8, 8, 4]
    assert peak["demand"].tolist() == [900, 200, 200, 100]
    off = s.allocation[s.allocation["period"] == "before peak"]
    assert off["vehicles"].tolist() == [38, 25, 25, 12]  # 37.5 / 12.5 tie: East, listed first
    assert s.summary["moves"].tolist() == [0, 42, 42]
    assert s.summary["peak_share"].tolist() == [0.38, 0.8, 0.38]
    assert s.totals == {"served": 2600.0, "unmet": 400.0, "service_level": 2600 / 3000,
                        "utilisation": 2600 / 3000, "moves": 84, "cost": 42000.0}


def test_scenario_rounding_is_half_up():
    s = pulse_scenario({"A": 1, "B": 1}, 1.0, "A", 0.25, 2, 1, 0)  # 0.5 vehicle -> 1, not banker's 0
    assert s.allocation[s.allocation["period"] == "peak"]["vehicles"].tolist() == [1, 1]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"base_demand_by_region": {"A": 1}}, "at least two regions"),
        ({"peak_region": "Z"}, "peak_region 'Z'"),
        ({"share_to_peak": 1.5}, "between 0 and 1"),
        ({"peak_intensity": -1}, "peak_intensity"),
        ({"fleet": 0}, "fleet must be a whole number > 0"),
        ({"base_demand_by_region": {"A": 1, "B": -1}}, "base demand of 'B'"),
    ],
)
def test_scenario_errors(kwargs, message):
    args = {"base_demand_by_region": {"A": 1, "B": 1}, "peak_intensity": 2.0, "peak_region": "A",
            "share_to_peak": 0.5, "fleet": 10, "capacity": 1, "cost_per_move": 1, **kwargs}
    with pytest.raises(ResourceError, match=message):
        pulse_scenario(**args)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 4), st.lists(st.integers(0, 1000), min_size=2, max_size=6), st.integers(0, 200),
       st.integers(0, 5))
def test_allocation_sums_to_fleet(n_periods, base, fleet, minimum):
    regions = [f"r{k}" for k in range(len(base))]
    values = [v * (p + 1) % 997 for p in range(n_periods) for v in base]
    d = demand_table(range(n_periods), regions, values)
    if minimum * len(regions) > fleet:
        with pytest.raises(ResourceError):
            allocate_fleet(d, fleet, min_per_region=minimum)
        return
    out = allocate_fleet(d, fleet, min_per_region=minimum)
    assert (out.groupby("period")["vehicles"].sum() == fleet).all()
    assert (out["vehicles"] >= minimum).all()
    # each region is within one vehicle of its exact proportional quota
    for _, block in out.groupby("period"):
        total = block["demand"].sum()
        spare = fleet - minimum * len(regions)
        quota = spare * block["demand"] / total if total else pd.Series(spare / len(regions), index=block.index)
        assert ((block["vehicles"] - minimum - quota).abs() < 1).all()
