"""Monte Carlo schedule risk: three-point durations, finish-date probabilities,
criticality index, and the chance that two resource bookings overlap.

Each activity's duration is drawn from a three-point estimate (low, mode, high):

* ``"triangular"`` — the triangular distribution on [low, high] peaking at mode;
* ``"pert"`` — PERT-beta: low + (high - low) * Beta(alpha, beta) with
  alpha = 1 + 4 (mode - low) / (high - low) and beta = 1 + 4 (high - mode) / (high - low)
  (mean (low + 4 mode + high) / 6).

The forward and backward passes of :mod:`followup.schedule` then run on arrays of
shape (iterations,) per activity, so one pass over the network serves every
iteration.

Example
-------
>>> import pandas as pd
>>> acts = pd.DataFrame({"id": ["A", "B"], "low": [2, 1], "mode": [3, 2], "high": [6, 3]})
>>> links = pd.DataFrame({"predecessor": ["A"], "successor": ["B"]})
>>> result = simulate_schedule(acts, links, iterations=20_000, seed=1)
>>> result.planned_duration
5
>>> round(result.probability_finish_by(5), 2) < 0.5  # the most-likely date is likelier missed than met
True
>>> result.criticality_index.tolist()
[1.0, 1.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from followup.bounds import MAX_CELLS, MAX_ITERATIONS, MAX_MAGNITUDE, aligned, count, floats, generator, real
from followup.errors import SimulationError
from followup.schedule import _FROM_FINISH, _TO_FINISH, _compile, _csr, _forward_pass, _show, _tolerance

__all__ = [
    "DISTRIBUTIONS",
    "MonteCarloResult",
    "OverlapResult",
    "ThreePointEstimate",
    "probability_of_overlap",
    "simulate_overlap",
    "simulate_schedule",
]

DISTRIBUTIONS = ("triangular", "pert")
# Iterations simulated at once: keeps each (activities x iterations) array near 16 MB.
_CELLS_PER_CHUNK = 2_000_000


def _distribution(name: str) -> str:
    key = str(name).strip().lower()
    if key not in DISTRIBUTIONS:
        raise SimulationError(f"unknown distribution {name!r}: use one of {', '.join(DISTRIBUTIONS)}")
    return key


def _rng(seed) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else generator(seed, error=SimulationError)


def _iterations(iterations) -> int:
    return count(iterations, "iterations", low=1, high=MAX_ITERATIONS, error=SimulationError,
                 hint=" (10_000 gives probabilities to about +-0.01)")


def _sample_three_point(low, mode, high, distribution: str, rng: np.random.Generator, size: int) -> np.ndarray:
    """Draw ``size`` durations for each of the estimates: shape (len(low), size)."""
    low, mode, high = (np.asarray(a, dtype=float)[:, None] for a in (low, mode, high))
    width = high - low
    has_width = width > 0
    safe_width = np.where(has_width, width, 1.0)
    if distribution == "triangular":
        # Inverse CDF, so a zero-width estimate (low = mode = high) simply returns that value.
        # In place, as these arrays are the largest the simulation allocates.
        u = rng.random((low.shape[0], size))
        rising = u < np.where(has_width, (mode - low) / safe_width, 0.0)
        x = u * (width * (mode - low))
        np.subtract(1.0, u, out=u)
        u *= width * (high - mode)
        np.copyto(u, x, where=rising)
        np.sqrt(u, out=u)
        np.subtract(high, u, out=x)
        np.add(low, u, out=x, where=rising)
        return x
    alpha = np.where(has_width, 1.0 + 4.0 * (mode - low) / safe_width, 1.0)
    beta = np.where(has_width, 1.0 + 4.0 * (high - mode) / safe_width, 1.0)
    return low + width * rng.beta(alpha, beta, size=(low.shape[0], size))


def _check_order(name: str, low: float, mode: float, high: float) -> None:
    if low < 0:
        raise SimulationError(f"{name}: low {low:g} is negative; durations must be >= 0")
    if not low <= mode <= high:
        raise SimulationError(
            f"{name}: low {low:g}, mode {mode:g}, high {high:g} are out of order; "
            f"a three-point estimate needs low <= mode <= high"
        )


@dataclass(frozen=True)
class ThreePointEstimate:
    """An uncertain quantity given by low, most likely (mode) and high values.

    >>> import numpy as np
    >>> est = ThreePointEstimate(2, 3, 7, distribution="pert")
    >>> est.mean
    3.5
    >>> float(est.sample(np.random.default_rng(0), 100_000).mean().round(1))
    3.5
    """

    low: float
    mode: float
    high: float
    distribution: str = "triangular"

    def __post_init__(self):
        object.__setattr__(self, "distribution", _distribution(self.distribution))
        for name in ("low", "mode", "high"):
            value = real(getattr(self, name), f"the three-point estimate's {name}", error=SimulationError)
            object.__setattr__(self, name, value)
        _check_order("three-point estimate", self.low, self.mode, self.high)

    @property
    def mean(self) -> float:
        if self.distribution == "pert":
            return (self.low + 4 * self.mode + self.high) / 6
        return (self.low + self.mode + self.high) / 3

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """``size`` draws with the generator ``rng`` (e.g. ``numpy.random.default_rng(0)``)."""
        if not isinstance(rng, np.random.Generator):
            raise SimulationError(f"rng must be a numpy Generator (numpy.random.default_rng(seed)), got "
                                  f"{type(rng).__name__}")
        size = count(size, "size", high=MAX_ITERATIONS, error=SimulationError)
        return _sample_three_point([self.low], [self.mode], [self.high], self.distribution, rng, size)[0]


# --------------------------------------------------------------------------- schedule risk
@dataclass(frozen=True, eq=False)
class MonteCarloResult:
    """Outcome of :func:`simulate_schedule`.

    Attributes
    ----------
    finish_times : ndarray
        Project duration in each iteration.
    criticality_index : Series
        Per activity id: share of iterations in which the activity was critical.
    activities : DataFrame
        Per activity id: ``mean_early_start``, ``mean_early_finish``, ``criticality_index``.
    planned_duration : number
        CPM duration with every activity at its mode (the single-point plan).
    distribution, seed
        What was simulated, to reproduce it.
    """

    finish_times: np.ndarray
    criticality_index: pd.Series
    activities: pd.DataFrame
    planned_duration: float
    distribution: str
    seed: object

    @property
    def iterations(self) -> int:
        return len(self.finish_times)

    def probability_finish_by(self, date: float) -> float:
        """Share of iterations finishing at or before ``date``."""
        limit = real(date, "date", error=SimulationError, hint=" (time units from the start)")
        return float(np.mean(self.finish_times <= limit))

    def percentile(self, p: float) -> float:
        """Finish date met in ``p`` percent of iterations, e.g. ``percentile(80)`` is P80."""
        p = real(p, "percentile", low=0, high=100, error=SimulationError, hint=" (80 for P80)")
        return float(np.percentile(self.finish_times, p))


def _estimates(activities: pd.DataFrame, ids: pd.Index, columns: tuple[str, str, str]):
    """low, mode, high arrays; a row with all three blank falls back to its fixed ``duration``."""
    for column in columns:
        if column not in activities.columns:
            raise SimulationError(
                f"activities has no '{column}' column (columns: {list(activities.columns)}); "
                f"pass low=/mode=/high= naming the three-point estimate columns"
            )
    values = []
    for column in columns:
        raw = activities[column]
        numeric = floats(raw)
        for position in np.flatnonzero((np.isnan(numeric) & raw.notna().to_numpy())
                                       | ~(np.abs(np.nan_to_num(numeric)) <= MAX_MAGNITUDE)):
            raise SimulationError(
                f"activity '{ids[position]}' has {column} {_show(raw.iloc[position])}: give a finite number "
                f"(within {MAX_MAGNITUDE:g})"
            )
        values.append(numeric)
    low, mode, high = values
    blank = np.isnan(low) & np.isnan(mode) & np.isnan(high)
    fixed = floats(activities["duration"]).copy() if "duration" in activities.columns else np.full(len(ids), np.nan)
    fixed[np.abs(fixed) > MAX_MAGNITUDE] = np.nan
    for position in np.flatnonzero(blank & ~np.isfinite(fixed)):
        raise SimulationError(
            f"activity '{ids[position]}' has no {'/'.join(columns)} estimate and no fixed duration: give one"
        )
    low, mode, high = (np.where(blank, fixed, a) for a in (low, mode, high))
    for position in np.flatnonzero(np.isnan(low) | np.isnan(mode) | np.isnan(high)):
        raise SimulationError(
            f"activity '{ids[position]}' has an incomplete estimate (low {low[position]}, mode "
            f"{mode[position]}, high {high[position]}): fill in all three or leave all three blank"
        )
    for position in range(len(ids)):
        _check_order(f"activity '{ids[position]}'", low[position], mode[position], high[position])
    return low, mode, high


def _link_groups(net, *, by_successor: bool) -> dict[int, list[tuple]]:
    """Per node, its incoming (forward) or outgoing (backward) links grouped by which end they bind.

    Dates are kept stacked as rows [starts; finishes] of one (2n, k) array, so a link
    reads row ``other + n * reads_finish`` and binds this node's start or finish.
    Each group is (rows to read, lags or None when all zero, binds_finish).
    """
    n = net.n
    from_finish, to_finish = _FROM_FINISH[net.kind], _TO_FINISH[net.kind]
    if by_successor:  # ES_s/EF_s >= (ES_p or EF_p) + lag
        node, other, reads, binds = net.succ, net.pred, from_finish, to_finish
    else:  # LS_p/LF_p <= (LS_s or LF_s) - lag
        node, other, reads, binds = net.pred, net.succ, to_finish, from_finish
    groups: dict[int, list[tuple]] = {}
    ptr, link = _csr(node, n)
    for v in np.flatnonzero(np.diff(ptr)).tolist():
        mine = link[ptr[v] : ptr[v + 1]]
        for finish_end in (False, True):
            chosen = mine[binds[mine] == finish_end]
            if len(chosen):
                lag = net.lag[chosen]
                groups.setdefault(v, []).append(
                    (other[chosen] + n * reads[chosen], lag[:, None] if lag.any() else None, finish_end)
                )
    return groups


def _bound(dates: np.ndarray, rows: np.ndarray, lag, *, latest: bool) -> np.ndarray:
    """The tightest of the dates read through a group of links (max forward, min backward)."""
    values = dates[rows]
    if lag is not None:
        values = values - lag if latest else values + lag
    return values.min(axis=0) if latest else values.max(axis=0)


def _forward_arrays(order: list[int], groups, durations: np.ndarray) -> np.ndarray:
    """Early starts and finishes stacked (2n, k) for k sampled duration sets."""
    n, k = durations.shape
    early = np.zeros((2 * n, k))
    for v in order:
        start = early[v]
        for rows, lag, binds_finish in groups.get(v, ()):
            bound = _bound(early, rows, lag, latest=False)
            np.maximum(start, bound - durations[v] if binds_finish else bound, out=start)
        np.add(start, durations[v], out=early[n + v])
    return early


def _backward_arrays(reverse_order: list[int], groups, durations: np.ndarray, finish: np.ndarray) -> np.ndarray:
    """Late starts and finishes stacked (2n, k); every activity finishes by ``finish``."""
    n, k = durations.shape
    late = np.empty((2 * n, k))
    for v in reverse_order:
        start = late[v]
        np.subtract(finish, durations[v], out=start)
        for rows, lag, binds_finish in groups.get(v, ()):
            bound = _bound(late, rows, lag, latest=True)
            np.minimum(start, bound - durations[v] if binds_finish else bound, out=start)
        np.add(start, durations[v], out=late[n + v])
    return late


def simulate_schedule(
    activities: pd.DataFrame,
    links: pd.DataFrame | None = None,
    *,
    distribution: str = "triangular",
    low: str = "low",
    mode: str = "mode",
    high: str = "high",
    iterations: int = 10_000,
    seed: int | np.random.Generator | None = 0,
) -> MonteCarloResult:
    """Simulate the project duration with uncertain activity durations.

    Parameters
    ----------
    activities : DataFrame
        ``id`` and the three-point estimate columns (named by ``low``, ``mode``,
        ``high``). A row whose three estimates are all blank keeps its fixed
        ``duration``.
    links : DataFrame or None
        As for :func:`followup.schedule.critical_path_method` (all PDM types and lags).
    distribution : {"triangular", "pert"}
    iterations : int
    seed : int, Generator or None
        The same seed gives the same draws, so two runs that differ only in the
        network compare on common random numbers.

    Returns
    -------
    MonteCarloResult
        An activity is critical in an iteration when its total float is zero
        (within 1e-9) in that iteration's own CPM schedule; its criticality index is
        the share of such iterations.

    Raises
    ------
    SimulationError
        Missing estimate column, non-numeric value, or low <= mode <= high broken
        (naming the activity); unknown distribution; iterations < 1.
    ScheduleError
        The network itself is invalid (see ``critical_path_method``).

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"id": ["dig", "pour"], "low": [4, 1], "mode": [5, 1], "high": [9, 1]})
    >>> r = simulate_schedule(acts, distribution="pert", iterations=5_000, seed=2)
    >>> r.criticality_index.to_dict()
    {'dig': 1.0, 'pour': 0.0}
    >>> 5 < r.percentile(50) < r.percentile(80) < 9
    True
    """
    kind = _distribution(distribution)
    iterations = _iterations(iterations)
    net = _compile(activities, links, with_durations=False)
    if net.n * iterations > 5 * MAX_CELLS:
        raise SimulationError(
            f"{iterations:,} iterations of {net.n:,} activities is {net.n * iterations:,} draws, more than the "
            f"{5 * MAX_CELLS:,} one simulation may take: lower iterations"
        )
    lows, modes, highs = _estimates(activities, net.ids, (low, mode, high))
    rng = _rng(seed)

    n = net.n
    forward = _link_groups(net, by_successor=True)
    backward = _link_groups(net, by_successor=False)
    order = net.order.tolist()
    chunk = max(1, min(iterations, _CELLS_PER_CHUNK // max(n, 1)))
    finish_times = np.empty(iterations)
    critical_count = np.zeros(n)
    sum_es = np.zeros(n)
    sum_ef = np.zeros(n)
    for first in range(0, iterations, chunk):
        k = min(chunk, iterations - first)
        durations = _sample_three_point(lows, modes, highs, kind, rng, k)
        early = _forward_arrays(order, forward, durations)
        es, ef = early[:n], early[n:]
        finish = ef.max(axis=0)
        late = _backward_arrays(order[::-1], backward, durations, finish)
        total_float = late[:n] - es
        tolerance = _tolerance(float(finish.max()))
        critical_count += (total_float <= total_float.min(axis=0) + tolerance).sum(axis=1)
        sum_es += es.sum(axis=1)
        sum_ef += ef.sum(axis=1)
        finish_times[first : first + k] = finish

    criticality = pd.Series(critical_count / iterations, index=net.ids, name="criticality_index")
    table = pd.DataFrame(
        {
            "mean_early_start": sum_es / iterations,
            "mean_early_finish": sum_ef / iterations,
            "criticality_index": criticality,
        },
        index=net.ids,
    )
    planned = float((_forward_pass(net, net.weights(modes)) + modes).max())
    return MonteCarloResult(
        finish_times=finish_times,
        criticality_index=criticality,
        activities=table,
        planned_duration=int(planned) if planned.is_integer() else planned,
        distribution=kind,
        seed=seed,
    )


# --------------------------------------------------------------------------- booking overlap
@dataclass(frozen=True, eq=False)
class OverlapResult:
    """Outcome of :func:`simulate_overlap`: per-iteration overlap of two bookings."""

    overlap: np.ndarray  # time both bookings hold the resource, per iteration (0 = no conflict)

    @property
    def probability(self) -> float:
        """Share of iterations in which the bookings overlap for a positive time."""
        return float(np.mean(self.overlap > 0))

    @property
    def mean_overlap(self) -> float:
        """Expected time both bookings claim the resource (conflicts and non-conflicts alike)."""
        return float(self.overlap.mean())


def _draws(name: str, spec, rng: np.random.Generator, iterations: int, *, duration: bool) -> np.ndarray:
    """Samples of a start or duration given as a number, (low, mode, high), estimate or array."""
    if isinstance(spec, ThreePointEstimate):
        values = spec.sample(rng, iterations)
    elif isinstance(spec, tuple) and len(spec) == 3:
        try:
            estimate = ThreePointEstimate(*spec)
        except SimulationError as exc:  # name the argument: "b_duration: low 5, mode 3, high 4 are out of order"
            raise SimulationError(f"{name} {spec!r}: {exc}") from None
        values = estimate.sample(rng, iterations)
    elif isinstance(spec, (int, float, np.number)) and not isinstance(spec, (bool, np.bool_)):
        values = np.full(iterations, real(spec, name, error=SimulationError))
    elif isinstance(spec, (np.ndarray, pd.Series, list)):
        values = floats(spec) if np.ndim(spec) == 1 else np.full(np.shape(spec), np.nan)
        if values.shape != (iterations,):
            raise SimulationError(
                f"{name} has {values.size} samples but iterations={iterations}: give one sample per iteration"
            )
    else:
        raise SimulationError(
            f"{name} must be a number, a (low, mode, high) tuple, a ThreePointEstimate or an array "
            f"of samples, got {spec!r}"
        )
    if not np.all(np.abs(values) <= MAX_MAGNITUDE) or (duration and np.any(values < 0)):
        raise SimulationError(f"{name} has {'negative, ' if duration else ''}non-numeric or non-finite values "
                              f"(or beyond {MAX_MAGNITUDE:g}): check the input")
    return values


def simulate_overlap(
    a_start,
    a_duration,
    b_start,
    b_duration,
    *,
    buffer: float = 0.0,
    iterations: int = 10_000,
    seed: int | np.random.Generator | None = 0,
) -> OverlapResult:
    """Simulate two bookings of one resource and measure how long they overlap.

    Booking A holds the resource from ``a_start`` for ``a_duration``; booking B
    from ``b_start + buffer`` for ``b_duration``. Each of the four may be a number,
    a ``(low, mode, high)`` tuple (triangular), a :class:`ThreePointEstimate`, or
    an array with one sample per iteration (e.g. from :func:`simulate_schedule`).
    ``buffer`` is slack deliberately left before B's booking; run once with
    ``buffer=0`` and once with the buffer under the same ``seed`` to compare both
    on common random numbers.

    Example: a crane booked by team A at hour 0 for 6-8-12 hours, team B booked at
    hour 8 for 4 hours; a 2-hour buffer moves B to hour 10.

    >>> no_buffer = simulate_overlap(0, (6, 8, 12), 8, 4, seed=3)
    >>> with_buffer = simulate_overlap(0, (6, 8, 12), 8, 4, buffer=2, seed=3)
    >>> round(no_buffer.probability, 2), round(with_buffer.probability, 2)  # exact: 2/3 and 1/6
    (0.66, 0.17)
    """
    iterations = _iterations(iterations)
    buffer = real(buffer, "buffer", error=SimulationError, hint=" (time units of slack before B)")
    rng = _rng(seed)
    # samples given as Series are matched by label, never by position
    given, _ = aligned({"a_start": a_start, "a_duration": a_duration, "b_start": b_start,
                        "b_duration": b_duration}, error=SimulationError)
    a_start, a_duration, b_start, b_duration = given.values()
    a0 = _draws("a_start", a_start, rng, iterations, duration=False)
    a_len = _draws("a_duration", a_duration, rng, iterations, duration=True)
    b0 = _draws("b_start", b_start, rng, iterations, duration=False) + buffer
    b_len = _draws("b_duration", b_duration, rng, iterations, duration=True)
    overlap = np.minimum(a0 + a_len, b0 + b_len) - np.maximum(a0, b0)
    return OverlapResult(overlap=np.clip(overlap, 0.0, None))


def probability_of_overlap(
    a_start,
    a_duration,
    b_start,
    b_duration,
    *,
    buffer: float = 0.0,
    iterations: int = 10_000,
    seed: int | np.random.Generator | None = 0,
) -> float:
    """Probability that two resource bookings overlap; see :func:`simulate_overlap`.

    >>> probability_of_overlap(0, 5, 5, 3)  # back to back: touching is not overlapping
    0.0
    >>> probability_of_overlap(0, (4, 5, 8), 5, 3, buffer=3)  # A can never run past 8
    0.0
    """
    return simulate_overlap(
        a_start, a_duration, b_start, b_duration, buffer=buffer, iterations=iterations, seed=seed
    ).probability
