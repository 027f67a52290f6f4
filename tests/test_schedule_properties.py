"""Properties of the critical path method on random valid networks (hypothesis)."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.montecarlo import simulate_schedule
from followup.schedule import LINK_TYPES, critical_path_method

TOL = 1e-9


@st.composite
def networks(draw, max_activities=10, integer=True):
    """A random acyclic network: links only go forward in a shuffled listing."""
    n = draw(st.integers(1, max_activities))
    if integer:
        durations = draw(st.lists(st.integers(0, 12), min_size=n, max_size=n))
    else:
        durations = draw(st.lists(st.floats(0, 12, allow_nan=False), min_size=n, max_size=n))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n)) if pairs else []
    types = draw(st.lists(st.sampled_from(LINK_TYPES), min_size=len(chosen), max_size=len(chosen)))
    lags = draw(st.lists(st.integers(-4, 6), min_size=len(chosen), max_size=len(chosen)))
    listing = draw(st.permutations(range(n)))  # input order independent of the topological order
    ids = [f"a{k}" for k in range(n)]
    activities = pd.DataFrame({"id": [ids[k] for k in listing], "duration": [durations[k] for k in listing]})
    links = pd.DataFrame(
        {
            "predecessor": [ids[i] for i, _ in chosen],
            "successor": [ids[j] for _, j in chosen],
            "type": types,
            "lag": lags,
        }
    )
    return activities, links


def start_constraint_weights(table, links):
    """w with ES_s >= ES_p + w, written out per link type from the definitions."""
    d = table["duration"]
    w = []
    for p, s, kind, lag in links.itertuples(index=False):
        w.append(
            {
                "FS": d[p] + lag,
                "SS": lag,
                "FF": d[p] + lag - d[s],
                "SF": lag - d[s],
            }[kind]
        )
    return np.array(w, dtype=float)


def reference_early_starts(activities, links):
    """Bellman-Ford style relaxation until nothing changes: an independent forward pass."""
    table = activities.assign(id=activities["id"].astype(str)).set_index("id")
    w = start_constraint_weights(table, links)
    es = pd.Series(0.0, index=table.index)
    for _ in range(len(table) + 1):
        changed = False
        for (p, s), weight in zip(zip(links["predecessor"], links["successor"]), w):
            if es[p] + weight > es[s] + TOL:
                es[s] = es[p] + weight
                changed = True
        if not changed:
            break
    return es


@settings(max_examples=150, deadline=None)
@given(networks())
def test_floats_and_duration(network):
    activities, links = network
    s = critical_path_method(activities, links)
    t = s.table
    assert s.duration == t["early_finish"].max()
    assert (t["total_float"] >= -TOL).all()
    assert (t["free_float"] <= t["total_float"] + TOL).all()
    assert (t["free_float"] >= -TOL).all()
    assert np.allclose(t.loc[t["critical"], "total_float"], 0)
    assert (t.loc[~t["critical"], "total_float"] > 0).all()
    assert (t["early_start"] >= 0).all() and (t["late_finish"] <= s.duration).all()
    np.testing.assert_allclose(t["early_start"], reference_early_starts(activities, links)[t.index])


@settings(max_examples=150, deadline=None)
@given(networks())
def test_early_and_late_dates_honour_every_link(network):
    activities, links = network
    s = critical_path_method(activities, links)
    t = s.table
    w = start_constraint_weights(t, links)
    p, q = links["predecessor"], links["successor"]
    for start in ("early_start", "late_start"):
        assert (t.loc[q, start].to_numpy() >= t.loc[p, start].to_numpy() + w - TOL).all()
    # link slack on early dates is what the links table reports
    np.testing.assert_allclose(
        s.links["slack"], t.loc[q, "early_start"].to_numpy() - t.loc[p, "early_start"].to_numpy() - w
    )


@settings(max_examples=150, deadline=None)
@given(networks(max_activities=8))
def test_critical_paths_are_driving_chains_covering_every_critical_activity(network):
    activities, links = network
    s = critical_path_method(activities, links)
    t = s.table
    driving = set(zip(s.links.loc[s.links["driving"], "predecessor"], s.links.loc[s.links["driving"], "successor"]))
    seen = set()
    for path in s.critical_paths:
        assert t.loc[path, "critical"].all()
        assert all((a, b) in driving for a, b in zip(path, path[1:]))
        seen.update(path)
    assert seen == set(s.critical_activities)
    assert len(s.critical_paths) == len({tuple(p) for p in s.critical_paths})


@settings(max_examples=100, deadline=None)
@given(networks(), st.integers(-20, 20))
def test_imposed_finish_shifts_late_dates_uniformly(network, shift):
    activities, links = network
    free = critical_path_method(activities, links)
    imposed = critical_path_method(activities, links, finish=free.duration + shift)
    np.testing.assert_allclose(imposed.table["late_start"], free.table["late_start"] + shift)
    np.testing.assert_allclose(imposed.table["total_float"], free.table["total_float"] + shift)
    assert imposed.critical_activities == free.critical_activities


@settings(max_examples=60, deadline=None)
@given(networks(integer=False))
def test_float_durations(network):
    activities, links = network
    s = critical_path_method(activities, links)
    t = s.table
    assert (t["total_float"] >= -1e-7).all()
    assert (t["free_float"] <= t["total_float"] + 1e-7).all()
    assert s.critical_activities, "some activity is always critical"


@settings(max_examples=40, deadline=None)
@given(networks(max_activities=8))
def test_monte_carlo_with_zero_width_estimates_reproduces_cpm(network):
    activities, links = network
    cpm = critical_path_method(activities, links)
    d = activities["duration"]
    fixed = activities.assign(low=d, mode=d, high=d)
    result = simulate_schedule(fixed, links, iterations=3, distribution="pert")
    assert (result.finish_times == cpm.duration).all()
    np.testing.assert_allclose(result.activities["mean_early_start"], cpm.table["early_start"])
    np.testing.assert_allclose(result.criticality_index, cpm.table["critical"].astype(float))
