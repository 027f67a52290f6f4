"""Time of the vectorised risk and screening functions on realistic and large inputs.

Run from the repository root::

    .venv/bin/python benchmarks/bench_risk_screening.py

Prints, each the best of 5 runs: RPN and Action Priority over 1,000,000 random rating triples (and the
per-call cost of the scalar path), ranking a 10,000-risk register, and for the card-fraud case (one day,
tens of thousands of transactions, article paragraph S4.1) the confusion counts at one threshold, the
measures at 1,001 thresholds and the lowest threshold within a 0.3 % false-positive rate - on 60,000
and on 1,000,000 synthetic transactions (seed 0). Target: each call on a day of transactions well under
a second, so calculators and notebooks stay interactive.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from followup.risk import action_priority, rank_register, rpn
from followup.screening import confusion_at_threshold, measures_by_threshold, threshold_for_fpr


def best_of(fn, repeat: int = 5) -> float:
    """Best wall time of ``repeat`` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def transactions(n: int, rng: np.random.Generator):
    fraud = rng.random(n) < 0.0035
    scores = np.where(fraud, rng.beta(6, 2, n), rng.beta(2, 6, n))
    return scores, fraud


def main() -> None:
    rng = np.random.default_rng(0)
    s, o, d = (rng.integers(1, 11, 1_000_000) for _ in range(3))
    print(f"rpn, 1,000,000 triples:               {best_of(lambda: rpn(s, o, d)):8.2f} ms")
    print(f"action_priority, 1,000,000 triples:   {best_of(lambda: action_priority(s, o, d)):8.2f} ms")
    per_call = best_of(lambda: [action_priority(9, 2, 5) for _ in range(10_000)]) / 10_000 * 1000
    print(f"action_priority, one scalar call:     {per_call:8.2f} µs")

    register = pd.DataFrame({"id": [f"R{i:05d}" for i in range(10_000)], "severity": s[:10_000],
                             "occurrence": o[:10_000], "detection": d[:10_000]})
    print(f"rank_register by AP, 10,000 risks:    {best_of(lambda: rank_register(register, by='ap')):8.2f} ms")

    thresholds = np.linspace(0, 1, 1001)
    for n in (60_000, 1_000_000):
        scores, labels = transactions(n, rng)
        print(f"-- {n:,} transactions ({labels.sum():,} fraud)")
        print(f"confusion_at_threshold:               "
              f"{best_of(lambda: confusion_at_threshold(scores, labels, 0.5)):8.2f} ms")
        print(f"measures_by_threshold, 1,001 values:  "
              f"{best_of(lambda: measures_by_threshold(scores, labels, thresholds)):8.2f} ms")
        print(f"threshold_for_fpr(0.003):             "
              f"{best_of(lambda: threshold_for_fpr(scores, labels, 0.003)):8.2f} ms")


if __name__ == "__main__":
    main()
