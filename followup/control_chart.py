"""The p-chart: is this period's rate a signal or the noise of a binomial count?

A business KPI read monthly (a complaint-resolution rate, article paragraph S1.3) moves every month.
The p-chart of Shewhart (Montgomery, *Introduction to Statistical Quality Control*, 8th ed.,
section 7.2) draws the centre line p-bar (all successes / all trials of a baseline) and 3-sigma
limits p-bar +- 3 sqrt(p-bar (1 - p-bar) / n_i) for each period's own size n_i; a point outside the
limits is a signal worth investigating, a point inside is what chance alone produces.

>>> chart = p_chart([45, 47, 44, 30], [50, 50, 50, 50], baseline=slice(0, 3))
>>> round(float(chart["centre"].iloc[0]), 3), chart["signal"].tolist()
(0.907, [False, False, False, True])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup.errors import DataError

__all__ = ["p_chart"]

MAX_PERIODS = 10_000


def p_chart(counts, sizes, *, baseline: slice | None = None, index=None) -> pd.DataFrame:
    """Per period: ``rate`` = counts / sizes, the ``centre`` line, ``lower`` and ``upper`` 3-sigma limits and ``signal``.

    ``counts`` are the successes (e.g. complaints resolved within 48 h) out of ``sizes`` trials
    (complaints received). The centre line comes from the periods of ``baseline`` (default: all),
    so later periods can be judged against a stable past. Limits are clipped to [0, 1].
    ``signal`` is True where the rate falls outside the limits, on either side.
    """
    counts = np.asarray(counts, dtype=float)
    sizes = np.asarray(sizes, dtype=float)
    if counts.ndim != 1 or counts.shape != sizes.shape or not 1 <= counts.size <= MAX_PERIODS:
        raise DataError(f"counts and sizes must be two lists of the same length (1 to {MAX_PERIODS:,} periods); "
                        f"got {counts.shape} and {sizes.shape}")
    if not (np.isfinite(counts).all() and np.isfinite(sizes).all()) or (counts != np.round(counts)).any() \
            or (sizes != np.round(sizes)).any():
        raise DataError("counts and sizes must be whole numbers (a count of cases per period)")
    bad = np.flatnonzero((sizes < 1) | (counts < 0) | (counts > sizes))
    if bad.size:
        k = int(bad[0])
        raise DataError(f"period {k}: count {counts[k]:.0f} of size {sizes[k]:.0f}; each size must be >= 1 and "
                        "each count from 0 to its size")
    chosen = slice(None) if baseline is None else baseline
    base_counts, base_sizes = counts[chosen], sizes[chosen]
    if base_sizes.size == 0:
        raise DataError(f"the baseline {baseline!r} selects no period; give a slice of the periods, e.g. slice(0, 12)")
    centre = base_counts.sum() / base_sizes.sum()
    sigma = np.sqrt(centre * (1 - centre) / sizes)
    lower, upper = np.clip(centre - 3 * sigma, 0, 1), np.clip(centre + 3 * sigma, 0, 1)
    rate = counts / sizes
    return pd.DataFrame({"count": counts.astype(np.int64), "size": sizes.astype(np.int64), "rate": rate,
                         "centre": centre, "lower": lower, "upper": upper,
                         "signal": (rate < lower) | (rate > upper)},
                        index=index)
