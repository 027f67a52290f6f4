"""Quality and speed of resource levelling on the PSPLIB j30 set and 60 j120 instances (data/psplib/).

Prints, per set and method, the mean and max gap of the makespan to the reference
bound, the CPU time spent levelling the whole set and the wall time (which also
covers reading the files and checking every schedule's feasibility):

- j30: gap to the proven optimum (``optimum.csv``);
- j120 (the 60 instances in the repository, one per parameter group): gap to the best known lower bound (``optimum.csv``'s lower value; where the
  file gives only an upper bound, the critical-path length MPM-Time, the bound the
  RCPSP literature uses for j120), and to the best known upper bound.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench_levelling.py                 # j30 + j120, 2 processes
    .venv/bin/python benchmarks/bench_levelling.py --sets j30 --iterations 100 --processes 2
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from followup.levelling import is_feasible, level_resources
from followup.psplib import read_optimum, read_sm

PSPLIB = Path(__file__).resolve().parents[1] / "data" / "psplib"  # committed (data/psplib/README.md)


def _run(job):
    path, method, iterations = job
    inst = read_sm(path)
    began = time.process_time()  # CPU time: fair even when other jobs share the machine
    res = level_resources(inst.activities, inst.links, inst.demands, inst.capacities,
                          method=method, iterations=iterations, seed=0)
    seconds = time.process_time() - began
    ok, _ = is_feasible(res, inst.activities, inst.links, inst.demands, inst.capacities)
    return inst.name, inst.mpm_time, res.makespan, res.schedules, ok, seconds


def bench(subset: str, method: str, iterations: int, processes: int) -> dict:
    files = sorted((PSPLIB / subset).glob("*.sm"))
    bounds = read_optimum(PSPLIB / subset / "optimum" / "optimum.csv").set_index("problem")
    jobs = [(f, method, iterations) for f in files]
    began = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        rows = list(pool.map(_run, jobs, chunksize=8))
    seconds = time.perf_counter() - began
    columns = ["problem", "mpm_time", "makespan", "schedules", "feasible", "cpu"]
    out = pd.DataFrame(rows, columns=columns).set_index("problem")
    out = out.join(bounds)
    lower = out["lower"].astype("Float64").fillna(out["mpm_time"]).astype(float)
    gap = (out["makespan"] - lower) / lower
    gap_upper = (out["makespan"] - out["upper"].astype(float)) / out["upper"].astype(float)
    assert out["feasible"].all(), "an infeasible schedule: levelling is broken"
    assert (out["makespan"] >= lower).all(), "a makespan below a proven bound: levelling is broken"
    return {
        "set": subset, "method": method, "iterations": iterations, "instances": len(out),
        "mean_gap_%": 100 * gap.mean(), "max_gap_%": 100 * gap.max(),
        "mean_gap_to_best_known_%": 100 * gap_upper.mean(),
        "at_bound": int((gap == 0).sum()), "schedules_per_instance": out["schedules"].mean(),
        "wall_seconds": seconds, "levelling_cpu_seconds": out["cpu"].sum(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", default=["j30", "j120"], choices=["j30", "j120"])
    parser.add_argument("--iterations", type=int, default=100, help="sampling iterations on j30 (default 100)")
    parser.add_argument("--iterations-j120", type=int, default=20, help="sampling iterations on j120 (default 20)")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    results = []
    for subset in args.sets:
        iterations = args.iterations if subset == "j30" else args.iterations_j120
        for method, its in [("single", 0), ("forward-backward", 0), ("sampling", iterations)]:
            results.append(bench(subset, method, its, args.processes))
            r = results[-1]
            reference = "optimum" if subset == "j30" else "lower bound (file, else MPM-Time)"
            print(f"{subset:5s} {method:17s} it={its:<4d} gap to {reference}: mean {r['mean_gap_%']:.2f} % "
                  f"max {r['max_gap_%']:.1f} %  | to best known {r['mean_gap_to_best_known_%']:.2f} %  "
                  f"| at bound {r['at_bound']}/{r['instances']}  | {r['schedules_per_instance']:.0f} schedules"
                  f"/instance  | levelling {r['levelling_cpu_seconds']:.1f} CPU-s, wall {r['wall_seconds']:.1f} s "
                  f"on {args.processes} processes (wall includes reading and the feasibility check)", flush=True)
    print(pd.DataFrame(results).round(2).to_string(index=False))


if __name__ == "__main__":
    main()
