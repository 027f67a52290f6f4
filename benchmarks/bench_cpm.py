"""Time and memory of `critical_path_method` against the same computation in networkx.

Run from the repository root::

    .venv/bin/python benchmarks/bench_cpm.py            # 100,000 activities, ~300,000 links
    .venv/bin/python benchmarks/bench_cpm.py --n 20000  # a smaller network

The network is random but reproducible (seed 0): each link joins an activity to one
of the 200 activities listed before it, so paths are long as in real schedules, and
the rows are shuffled so the topological sort has work to do. Both implementations
compute early and late dates, total and free float of the same FS network; the
script checks that they agree before printing the figures. A mixed FS/SS/FF/SF
network (ours only) and a 30-activity network (per-call overhead) are timed too.
Target: under 2 s and under 1 GB peak for 100,000 activities and 300,000 links.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import networkx as nx
import numpy as np
import pandas as pd

from followup.schedule import critical_path_method


def random_network(n: int, links_per_activity: float, *, seed: int = 0, mixed: bool = False):
    rng = np.random.default_rng(seed)
    m = int(n * links_per_activity)
    window = max(1, min(200, n // 5))  # how far back a predecessor may be listed
    successor = rng.integers(1, n, size=m)
    predecessor = successor - rng.integers(1, window + 1, size=m)
    keep = predecessor >= 0
    pairs = np.unique(np.stack([predecessor[keep], successor[keep]], axis=1), axis=0)
    names = np.array([f"a{i}" for i in range(n)], dtype=object)
    activities = pd.DataFrame({"id": names, "duration": rng.integers(0, 20, size=n)})
    activities = activities.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    links = pd.DataFrame({"predecessor": names[pairs[:, 0]], "successor": names[pairs[:, 1]]})
    if mixed:
        links["type"] = rng.choice(["FS", "SS", "FF", "SF"], size=len(links), p=[0.7, 0.1, 0.1, 0.1])
        links["lag"] = rng.integers(-2, 5, size=len(links))
    return activities, links


def networkx_cpm(activities: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The same FS computation written with networkx's graph and topological order."""
    duration = dict(zip(activities["id"], activities["duration"].astype(float)))
    graph = nx.DiGraph()
    graph.add_nodes_from(activities["id"])
    graph.add_edges_from(zip(links["predecessor"], links["successor"]))
    order = list(nx.topological_sort(graph))
    es = {}
    for node in order:
        es[node] = max((es[p] + duration[p] for p in graph.predecessors(node)), default=0.0)
    finish = max(es[v] + duration[v] for v in order)
    ls = {}
    for node in reversed(order):
        ls[node] = min((ls[s] for s in graph.successors(node)), default=finish) - duration[node]
    free = {
        v: min((es[s] for s in graph.successors(v)), default=finish) - es[v] - duration[v] for v in order
    }
    ids = activities["id"]
    return pd.DataFrame(
        {
            "early_start": ids.map(es).to_numpy(),
            "total_float": (ids.map(ls) - ids.map(es)).to_numpy(),
            "free_float": ids.map(free).to_numpy(),
        },
        index=ids,
    )


def measure(function, *args, repeat: int = 1):
    """Best wall time of `repeat` runs, then peak traced memory of one more run."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    function(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of activities")
    parser.add_argument("--links-per-activity", type=float, default=3.0)
    args = parser.parse_args()

    activities, links = random_network(args.n, args.links_per_activity)
    print(f"network: {len(activities):,} activities, {len(links):,} FS links")
    ours, t_ours, mem_ours = measure(critical_path_method, activities, links)
    theirs, t_nx, mem_nx = measure(networkx_cpm, activities, links)
    table = ours.table
    for column in ("early_start", "total_float", "free_float"):
        np.testing.assert_allclose(table[column].to_numpy(float), theirs[column].to_numpy(float))
    print(f"  followup  {t_ours:7.3f} s   peak {mem_ours / 2**20:7.1f} MiB   duration {ours.duration}")
    print(f"  networkx  {t_nx:7.3f} s   peak {mem_nx / 2**20:7.1f} MiB   (same dates and floats)")
    print(f"  ratio networkx/followup: time {t_nx / t_ours:.1f}x, memory {mem_nx / mem_ours:.1f}x")

    activities, links = random_network(args.n, args.links_per_activity, mixed=True)
    mixed, t_mixed, mem_mixed = measure(critical_path_method, activities, links)
    print(
        f"mixed FS/SS/FF/SF links with lags and leads ({len(links):,} links): "
        f"{t_mixed:.3f} s, peak {mem_mixed / 2**20:.1f} MiB, duration {mixed.duration}"
    )

    small_activities, small_links = random_network(30, 2.0, seed=1)
    _, t_small, _ = measure(critical_path_method, small_activities, small_links, repeat=200)
    _, t_small_nx, _ = measure(networkx_cpm, small_activities, small_links, repeat=200)
    print(
        f"small network ({len(small_activities)} activities, {len(small_links)} links): "
        f"followup {t_small * 1e3:.2f} ms, networkx {t_small_nx * 1e3:.2f} ms per call (best of 200)"
    )


if __name__ == "__main__":
    main()
