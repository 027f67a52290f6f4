"""Time of `simulate_schedule`: 10,000 iterations of a 1,000-activity random network.

Run from the repository root::

    .venv/bin/python benchmarks/bench_montecarlo.py
    .venv/bin/python benchmarks/bench_montecarlo.py --n 2000 --iterations 20000

Target: under 1 s for 1,000 activities (about 3,000 FS links) and 10,000 iterations.
The network comes from `bench_cpm.random_network` (seed 0); estimates are
low = 0.8 x, mode = x, high = 1.5 x of its durations.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cpm import random_network  # noqa: E402

from followup.montecarlo import simulate_schedule  # noqa: E402
from followup.schedule import critical_path_method  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000, help="number of activities")
    parser.add_argument("--iterations", type=int, default=10_000)
    args = parser.parse_args()

    activities, links = random_network(args.n, 3.0)
    x = activities["duration"].astype(float)
    activities = activities.assign(low=0.8 * x, mode=x, high=1.5 * x)
    print(f"network: {len(activities):,} activities, {len(links):,} links, {args.iterations:,} iterations")
    for distribution in ("triangular", "pert"):
        start = time.perf_counter()
        result = simulate_schedule(activities, links, distribution=distribution, iterations=args.iterations)
        elapsed = time.perf_counter() - start
        print(
            f"  {distribution:<10} {elapsed:6.3f} s   planned {result.planned_duration}, "
            f"P50 {result.percentile(50):.1f}, P80 {result.percentile(80):.1f}, "
            f"P(finish by plan) {result.probability_finish_by(result.planned_duration):.3f}"
        )
    tracemalloc.start()
    simulate_schedule(activities, links, iterations=args.iterations)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"  peak traced memory (triangular run): {peak / 2**20:.0f} MiB")
    planned = critical_path_method(activities, links).duration
    assert np.isclose(result.planned_duration, planned), "planned duration must equal the CPM duration"


if __name__ == "__main__":
    main()
