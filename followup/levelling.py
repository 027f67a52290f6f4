"""Resource levelling (serial schedule generation) and resource smoothing within float.

*Levelling* lets the finish date move so that no resource is ever used above its
capacity (the resource-constrained project scheduling problem, RCPSP); *smoothing*
keeps the finish date and only shifts activities inside their float to flatten the
usage histogram (PMBOK Guide, 6th ed., 6.5.2.3 "Resource optimization").

Times are whole periods of the caller's unit (days, hours, minutes): durations and
lags must be integers. Express a schedule with half-days in hours, say.

The serial schedule generation scheme (SGS, Kolisch 1996) used here:

1. Build an *activity list*: repeatedly take, among the *eligible* activities (every
   predecessor, through any link type, already listed), the one with the smallest
   priority value; ties go to the activity that comes first in the input
   ``activities`` table. Priority rules (smaller value = scheduled first):

   - ``"lft"`` latest finish time from the CPM backward pass (``late_finish``);
   - ``"lst"`` latest start time (``late_start``);
   - ``"mts"`` most total successors: minus the number of activities that
     (transitively) follow it;
   - ``"grpw"`` greatest rank positional weight: minus (own duration + durations of
     its immediate successors);
   - ``"spt"`` shortest processing time: the duration;
   - or a Series of numbers indexed by activity id (your own rule).

2. Take the activities in list order and start each at the earliest whole time
   ``t >= 0`` that satisfies every link from an already scheduled predecessor and
   leaves usage <= capacity for every resource in every period ``t .. t+duration-1``
   (compared as ``usage <= capacity - demand + 1e-9`` so fractional units such as
   0.1 FTE do not fail on rounding). Milestones (duration 0) use no resource.
   A link ``i -> j`` with lag ``L`` requires ``S_j >= S_i + offset`` with offset
   ``d_i + L`` (FS), ``L`` (SS), ``d_i + L - d_j`` (FF) or ``L - d_j`` (SF).

Example::

    >>> import pandas as pd
    >>> acts = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 2]})
    >>> links = pd.DataFrame({"predecessor": ["A"], "successor": ["C"], "type": ["FS"], "lag": [0]})
    >>> demands = pd.DataFrame({"crane": [1, 1, 1]}, index=["A", "B", "C"])
    >>> res = serial_sgs(acts, links, demands, {"crane": 1})
    >>> res.starts.to_dict(), res.makespan
    ({'A': 0, 'B': 3, 'C': 5}, 7)

References: R. Kolisch (1996), Serial and parallel resource-constrained project
scheduling methods revisited, EJOR 90(2); V. Valls, F. Ballestin, S. Quintanilla
(2005), Justification and RCPSP: a technique that pays, EJOR 165(2).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from followup.bounds import (MAX_CELLS, MAX_MAGNITUDE, MAX_PERIODS, MAX_SAMPLING_PASSES, count, floats, generator,
                             shown)
from followup.errors import ResourceError, ScheduleError
from followup.resources import _aligned_demands, _check_capacities, plain, usage_profile, usage_steps
from followup.schedule import Schedule, critical_path_method, link_offsets

__all__ = [
    "LevelledSchedule",
    "SmoothedSchedule",
    "serial_sgs",
    "level_resources",
    "smooth_resources",
    "is_feasible",
    "PRIORITY_RULES",
]

PRIORITY_RULES = ("lft", "lst", "mts", "grpw", "spt")
_EPS = 1e-9  # demands and capacities may be fractional (0.5 FTE); compare with a tolerance


@dataclass(frozen=True)
class LevelledSchedule:
    """A resource-feasible schedule.

    Attributes:
        table: DataFrame indexed by activity id with ``duration``, ``start``, ``finish``.
        makespan: project duration (last finish; the project starts at 0).
        cpm_duration: duration with resources ignored (a lower bound of ``makespan``).
        activity_list: ids in the order the SGS scheduled them (for improved schedules,
            the ids by start time, in a precedence-feasible order).
        priority: the rule used for the (first) activity list.
        method: ``"single"``, ``"forward-backward"`` or ``"sampling"``.
        schedules: number of schedules generated (SGS passes) to get this one.
    """

    table: pd.DataFrame
    makespan: int
    cpm_duration: float
    activity_list: tuple
    priority: str
    method: str = "single"
    schedules: int = 1

    @property
    def starts(self) -> pd.Series:
        """Start time of each activity, by id."""
        return self.table["start"]


@dataclass(frozen=True)
class _Network:
    """Integer arrays of a project for the SGS; ``preds[j]`` holds ``(i, offset)``: ``S_j >= S_i + offset``."""

    ids: list
    dur: np.ndarray
    dem: np.ndarray
    cap: np.ndarray
    preds: list
    succs: list
    used: list = field(repr=False)  # resource columns each activity uses
    limit: list = field(repr=False)  # capacity minus own demand on those resources, as a column
    demand_column: list = field(repr=False)  # own demand on those resources, as a column

    def reversed(self) -> "_Network":
        """The mirror project: time runs backwards, so a right-justified schedule is an SGS of this one.

        With ``S' = T - S - d``, ``S_j - S_i >= a`` becomes ``S'_i - S'_j >= a + d_j - d_i``.
        """
        d = self.dur
        preds = [[(j, a + d[j] - d[i]) for j, a in self.succs[i]] for i in range(len(d))]
        succs = [[(i, a + d[j] - d[i]) for i, a in self.preds[j]] for j in range(len(d))]
        return _Network(self.ids, d, self.dem, self.cap, preds, succs, self.used, self.limit,
                        self.demand_column)


def _whole(values: pd.Series, what: str, ids) -> np.ndarray:
    numeric = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(numeric) | (numeric != np.round(numeric))
    if bad.any():
        k = int(np.argmax(bad))
        raise ScheduleError(
            f"{what} of {ids[k]!r} is {plain(values.iloc[k])!r}; levelling works on whole periods - express times "
            "in a smaller unit (e.g. hours instead of days) so they are integers"
        )
    return numeric.astype(np.int64)


def _link_offsets(ids: pd.Index, dur: np.ndarray, links: pd.DataFrame) -> tuple[list, list]:
    """``preds[j] = [(i, offset)]`` and ``succs[i] = [(j, offset)]`` with ``S_j >= S_i + offset``.

    ``links`` are a CPM ``Schedule.links`` (validated, ids as text, type and lag filled in).
    """
    preds = [[] for _ in ids]
    succs = [[] for _ in ids]
    pred = ids.get_indexer(links["predecessor"])
    succ = ids.get_indexer(links["successor"])
    offsets = link_offsets(links, pd.Series(dur, index=ids))
    if np.issubdtype(dur.dtype, np.integer):  # whole durations and lags: keep offsets usable as indices
        offsets = np.rint(offsets).astype(np.int64)
    for i, j, offset in zip(pred.tolist(), succ.tolist(), offsets.tolist()):
        preds[j].append((i, offset))
        succs[i].append((j, offset))
    return preds, succs


def _text_index(frame: pd.DataFrame) -> pd.DataFrame:
    """Demands re-keyed by id as text, as the CPM compares ids."""
    if not isinstance(frame, pd.DataFrame):
        raise ResourceError(f"demands must be a DataFrame indexed by activity id with one column per resource, "
                            f"got {type(frame).__name__}")
    return frame.set_axis(frame.index.astype(str).str.strip(), axis=0)


def _horizon_bound(dur: np.ndarray, links: pd.DataFrame, n_resources: int) -> None:
    """Refuse, before any work, a time grid too large: no serial schedule is longer than sum(d) + sum(|lag|)."""
    horizon = float(dur.sum()) + float(np.abs(links["lag"].to_numpy(dtype=float)).sum())
    if horizon > MAX_PERIODS or horizon * max(n_resources, 1) > MAX_CELLS:
        raise ResourceError(
            f"the schedule may span up to {horizon:,.0f} periods (durations plus lags) for {n_resources} "
            f"resource(s); levelling works on a grid of whole periods, at most {MAX_PERIODS:,} periods and "
            f"{MAX_CELLS:,} resource-periods: express the times in a coarser unit (e.g. days instead of hours)"
        )


def _network(cpm, demands: pd.DataFrame, capacities: Mapping) -> _Network:
    """Validate resource data and build the arrays the SGS runs on (the CPM validated the network)."""
    ids = cpm.table.index
    dur = _whole(cpm.table["duration"], "duration", ids)
    _whole(cpm.links["lag"], "lag of the link into", cpm.links["successor"].tolist())
    if not isinstance(capacities, Mapping) or not capacities:
        raise ResourceError("capacities must be a non-empty mapping like {'crane': 1, 'welders': 6}")
    demands = _text_index(demands)
    unknown = [r for r in demands.columns if r not in capacities]
    if unknown:
        raise ResourceError(
            f"unknown resource {unknown[0]!r} in demands (capacities name {list(capacities)}); "
            "add its capacity or fix the column name"
        )
    resources = list(capacities)
    cap = np.array([_check_capacities(capacities, resources, for_levelling=True)[r] for r in resources], dtype=float)
    dem_frame = _aligned_demands(ids, demands, for_levelling=True).reindex(columns=resources)
    dem = dem_frame.fillna(0).to_numpy(dtype=float)
    _horizon_bound(dur, cpm.links, len(resources))
    over = dem > cap + _EPS
    if over.any():
        j, r = map(int, np.argwhere(over)[0])
        raise ResourceError(
            f"activity {ids[j]!r} needs {dem[j, r]:g} {resources[r]!r} but only {cap[r]:g} exist: it can never "
            "be scheduled; raise the capacity, or split the activity so each part fits"
        )
    preds, succs = _link_offsets(ids, dur, cpm.links)
    # lags were checked whole above, so the offsets are exact integers
    preds = [[(i, int(a)) for i, a in p] for p in preds]
    succs = [[(j, int(a)) for j, a in q] for q in succs]
    used = [np.flatnonzero(row > 0) for row in dem]
    limit = [(cap[u] - dem[j, u] + _EPS)[:, None] for j, u in enumerate(used)]
    demand_column = [dem[j, u][:, None] for j, u in enumerate(used)]
    return _Network(ids, dur, dem, cap, preds, succs, used, limit, demand_column)


def _activity_list(net: _Network, key: np.ndarray) -> list[int]:
    """Topological order taking the eligible activity with the smallest key (ties: input order)."""
    waiting = [len(p) for p in net.preds]
    heap = [(key[j], j) for j in range(len(key)) if waiting[j] == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        _, j = heapq.heappop(heap)
        order.append(j)
        for k, _ in net.succs[j]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(heap, (key[k], k))
    if len(order) < len(key):
        stuck = [net.ids[j] for j in range(len(key)) if waiting[j] > 0]
        raise ScheduleError(f"activities {stuck[:5]} wait on each other (a cycle); break the loop in the links")
    return order


def _sampled_list(net: _Network, key: list[float], rng: np.random.Generator) -> list[int]:
    """Regret-based biased random sampling: P(j) proportional to max(key over eligible) - key_j + 1."""
    waiting = [len(p) for p in net.preds]
    eligible = [j for j in range(len(key)) if waiting[j] == 0]
    draws = rng.random(len(key)).tolist()
    order = []
    while eligible:
        top = max(key[e] for e in eligible)
        weights = [top - key[e] + 1.0 for e in eligible]
        target = draws[len(order)] * sum(weights)
        pick = len(eligible) - 1  # guards against rounding when target is at the very end
        for k, w in enumerate(weights):
            target -= w
            if target < 0:
                pick = k
                break
        j = eligible.pop(pick)
        order.append(j)
        for k, _ in net.succs[j]:
            waiting[k] -= 1
            if waiting[k] == 0:
                eligible.append(k)
    return order


def _schedule(net: _Network, order: list[int]) -> np.ndarray:
    """Serial SGS on a time grid: each activity at its earliest precedence- and resource-feasible start."""
    dur = net.dur.tolist()
    usage = np.zeros((len(net.cap), sum(dur) + 1))  # resource x period
    start = [0] * len(dur)
    makespan = 0
    for j in order:
        es = 0
        for i, offset in net.preds[j]:
            if start[i] + offset > es:
                es = start[i] + offset
        d = dur[j]
        t = es
        used = net.used[j]
        if d > 0 and len(used):
            # every period from the makespan on is free, so some t <= max(es, makespan) fits
            end = max(es, makespan) + d
            if end > usage.shape[1]:
                usage = np.hstack([usage, np.zeros((len(net.cap), end + usage.shape[1] // 2))])
            limit = net.limit[j]
            blocked = (usage[used, t:t + d] > limit).any(axis=0)
            if blocked.any():
                # first start after es whose d periods are all unblocked, scanning up to the makespan
                t += int(np.flatnonzero(blocked)[-1]) + 1
                blocked = (usage[used, t:end] > limit).any(axis=0)
                run = np.concatenate(([0], np.cumsum(blocked)))
                t += int(np.argmax(run[d:] == run[:-d]))
            usage[used, t:t + d] += net.demand_column[j]
        start[j] = t
        if t + d > makespan:
            makespan = t + d
    return np.array(start, dtype=np.int64)


def _lower_bound(net: _Network, cpm_duration: float) -> int:
    """Critical path, or the work of the busiest resource spread over its capacity, whichever is larger."""
    work = (net.dur[:, None] * net.dem).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.where(net.cap > 0, work / np.where(net.cap > 0, net.cap, 1), 0)
    return int(np.ceil(max(cpm_duration, spread.max(initial=0)) - _EPS))


def _makespan(net: _Network, start: np.ndarray) -> int:
    return int((start + net.dur).max()) if len(start) else 0


def _double_justify(net: _Network, rev: _Network, start: np.ndarray) -> np.ndarray:
    """Right-justify (latest finish first, in the mirror project), then left-justify (earliest start first)."""
    finish = start + net.dur
    mirrored = _schedule(rev, _activity_list(rev, -finish.astype(float)))
    right = _makespan(rev, mirrored) - mirrored - net.dur
    return _schedule(net, _activity_list(net, right.astype(float)))


def _improve(net: _Network, rev: _Network, start: np.ndarray) -> tuple[np.ndarray, int]:
    """Repeat double justification while it shortens the schedule; returns the best and the SGS passes used."""
    best, passes = start, 0
    while True:
        candidate = _double_justify(net, rev, best)
        passes += 2
        if _makespan(net, candidate) >= _makespan(net, best):
            return best, passes
        best = candidate


def _priority_key(rule, net: _Network, cpm_table: pd.DataFrame) -> np.ndarray:
    ids = net.ids
    if isinstance(rule, pd.Series):
        rule = rule.set_axis(rule.index.astype(str).str.strip())
        missing = [i for i in ids if i not in rule.index]
        if missing:
            raise ScheduleError(f"the priority Series has no value for activity {missing[0]!r}; give every id one")
        if not rule.index.is_unique:
            raise ScheduleError(f"the priority Series lists activity {shown(rule.index[rule.index.duplicated()][0])}"
                                " twice; give one value per id")
        key = floats(rule.loc[ids])
        if not np.isfinite(key).all():
            k = int(np.flatnonzero(~np.isfinite(key))[0])
            raise ScheduleError(f"the priority of activity {ids[k]!r} is {shown(rule.loc[ids[k]])}; give every id "
                                "a finite number (smaller = scheduled first)")
        return key
    if not isinstance(rule, str):
        raise ScheduleError(f"unknown priority rule {shown(rule)}; use one of {PRIORITY_RULES} or a Series of "
                            "numbers by id")
    if rule == "lft":
        return cpm_table.loc[ids, "late_finish"].to_numpy(dtype=float)
    if rule == "lst":
        return cpm_table.loc[ids, "late_start"].to_numpy(dtype=float)
    if rule == "spt":
        return net.dur.astype(float)
    if rule == "grpw":
        return -np.array([net.dur[j] + sum(net.dur[k] for k, _ in net.succs[j]) for j in range(len(ids))], float)
    if rule == "mts":
        followers = [set() for _ in ids]
        for j in reversed(_activity_list(net, np.zeros(len(ids)))):
            for k, _ in net.succs[j]:
                followers[j] |= followers[k] | {k}
        return -np.array([len(f) for f in followers], dtype=float)
    raise ScheduleError(f"unknown priority rule {rule!r}; use one of {PRIORITY_RULES} or a Series of numbers by id")


def _result(net, start, cpm, order, priority, method, schedules) -> LevelledSchedule:
    table = pd.DataFrame(
        {"duration": net.dur, "start": start, "finish": start + net.dur}, index=pd.Index(net.ids, name="id")
    )
    return LevelledSchedule(
        table=table,
        makespan=_makespan(net, start),
        cpm_duration=cpm.duration,
        activity_list=tuple(net.ids[j] for j in order),
        priority=priority if isinstance(priority, str) else "custom",
        method=method,
        schedules=schedules,
    )


def _prepare(activities, links, demands, capacities):
    cpm = critical_path_method(activities, links)  # validates ids, durations, link types and cycles
    return cpm, _network(cpm, demands, capacities)


def serial_sgs(activities: pd.DataFrame, links, demands: pd.DataFrame, capacities: Mapping, *,
               priority="lft") -> LevelledSchedule:
    """One pass of the serial schedule generation scheme with a priority rule.

    See the module docstring for the exact rule, its tie-breaking and the link offsets.

    Args:
        activities: DataFrame with ``id`` and whole-number ``duration``.
        links: DataFrame ``predecessor, successor, type (FS/SS/FF/SF), lag`` or ``None``.
        demands: DataFrame indexed by id, one column per resource (absent ids demand 0).
        capacities: units of each resource available in every period.
        priority: one of ``PRIORITY_RULES`` or a Series of numbers by id (smaller first).

    Raises:
        ResourceError: unknown resource, negative demand, or an activity whose demand
            exceeds the capacity (it could never start).
        ScheduleError: bad network (from the CPM), fractional times, unknown rule.

    Example::

        >>> acts = pd.DataFrame({"id": ["A", "B"], "duration": [2, 2]})
        >>> serial_sgs(acts, None, pd.DataFrame({"R": [1, 1]}, index=["A", "B"]), {"R": 1}).makespan
        4
    """
    cpm, net = _prepare(activities, links, demands, capacities)
    order = _activity_list(net, _priority_key(priority, net, cpm.table))
    return _result(net, _schedule(net, order), cpm, order, priority, "single", 1)


def level_resources(activities: pd.DataFrame, links, demands: pd.DataFrame, capacities: Mapping, *,
                    method: str = "sampling", iterations: int = 100, priority="lft",
                    seed=0) -> LevelledSchedule:
    """Level resources: a priority-rule schedule, improved.

    Methods:
        ``"single"``: one serial SGS pass (``serial_sgs``).
        ``"forward-backward"``: that pass, then double justification (right- then
            left-justify, Valls et al. 2005) repeated while it shortens the project.
        ``"sampling"``: the above, plus ``iterations`` activity lists drawn by
            regret-based biased random sampling on the priority rule (probability of an
            eligible activity proportional to ``max(priority over eligible) - priority + 1``),
            each scheduled and double-justified; the shortest schedule wins (first found
            on ties). Sampling stops early once the makespan reaches the lower bound
            ``max(CPM duration, ceil(work of a resource / its capacity))``.

    The result is always resource- and precedence-feasible and never longer than the
    single pass. ``seed`` (an int or ``numpy.random.Generator``) fixes the sampling.

    Example::

        >>> acts = pd.DataFrame({"id": list("ABCD"), "duration": [2, 3, 2, 3]})
        >>> dem = pd.DataFrame({"R": [1, 1, 1, 1]}, index=list("ABCD"))
        >>> level_resources(acts, None, dem, {"R": 2}, iterations=10).makespan
        5
    """
    if not isinstance(method, str) or method not in ("single", "forward-backward", "sampling"):
        raise ScheduleError(f"unknown method {shown(method)}; use 'single', 'forward-backward' or 'sampling'")
    iterations = count(iterations, "iterations", high=MAX_SAMPLING_PASSES, error=ScheduleError,
                       hint=" (random activity lists to try)")
    rng = generator(seed, error=ScheduleError)
    cpm, net = _prepare(activities, links, demands, capacities)
    if method == "sampling" and iterations * len(net.ids) > 50 * MAX_SAMPLING_PASSES:
        raise ScheduleError(
            f"iterations={iterations} on {len(net.ids)} activities is more sampling than this function does "
            f"(iterations x activities at most {50 * MAX_SAMPLING_PASSES:,}): lower iterations"
        )
    key = _priority_key(priority, net, cpm.table)
    order = _activity_list(net, key)
    best = _schedule(net, order)
    schedules = 1
    if method != "single":
        rev = net.reversed()
        best, passes = _improve(net, rev, best)
        schedules += passes
        if method == "sampling":
            lower_bound = _lower_bound(net, cpm.duration)
            sample_key = key.tolist()
            for _ in range(iterations):
                if _makespan(net, best) <= lower_bound:
                    break  # no schedule can be shorter
                candidate, passes = _improve(net, rev, _schedule(net, _sampled_list(net, sample_key, rng)))
                schedules += 1 + passes
                if _makespan(net, candidate) < _makespan(net, best):
                    best = candidate
    if method != "single":
        order = _activity_list(net, best.astype(float))  # by start time, precedence-feasible
    return _result(net, best, cpm, order, priority, method, schedules)


def _starts_series(starts) -> pd.Series:
    if isinstance(starts, LevelledSchedule):
        return starts.starts
    if isinstance(starts, pd.DataFrame):
        if "start" not in starts.columns:
            raise ScheduleError(f"the starts table needs a 'start' column (columns: {list(starts.columns)})")
        return starts.set_index("id")["start"] if "id" in starts.columns else starts["start"]
    if isinstance(starts, (pd.Series, Mapping)):
        return pd.Series(starts, dtype=object)
    raise ScheduleError(f"starts must be a Series or mapping id -> start, a LevelledSchedule or a table with "
                        f"'start', got {type(starts).__name__}")


def is_feasible(starts, activities: pd.DataFrame, links, demands: pd.DataFrame,
                capacities: Mapping) -> tuple[bool, list[str]]:
    """Check a schedule against every link and every resource capacity.

    ``starts``: a Series or mapping id -> start, a ``LevelledSchedule``, or a table with
    ``start``. Times may be fractional here. Returns ``(ok, violations)`` where each
    violation is a sentence naming the link or the resource, the time span and the ids.

    Example::

        >>> acts = pd.DataFrame({"id": ["A", "B"], "duration": [2, 2]})
        >>> dem = pd.DataFrame({"crane": [1, 1]}, index=["A", "B"])
        >>> is_feasible({"A": 0, "B": 1}, acts, None, dem, {"crane": 1})
        (False, ['crane: 2 in use > capacity 1 during [1, 2) (A, B)'])
    """
    cpm = critical_path_method(activities, links)  # validates the network, ids as text
    ids = cpm.table.index
    dur = cpm.table["duration"].to_numpy()
    starts = _starts_series(starts)
    starts = starts.set_axis(starts.index.astype(str).str.strip())
    if not starts.index.is_unique:
        raise ScheduleError(f"starts list activity {shown(starts.index[starts.index.duplicated()][0])} twice; "
                            "give one start per activity")
    demands = _text_index(demands)
    if not isinstance(capacities, Mapping):
        raise ResourceError("capacities must be a mapping like {'crane': 1, 'welders': 6}")
    unknown = [r for r in demands.columns if r not in capacities]
    if unknown:
        raise ResourceError(
            f"unknown resource {unknown[0]!r} in demands (capacities name {list(capacities)}); "
            "add its capacity or fix the column name"
        )
    caps = _check_capacities(capacities, list(demands.columns))
    dem = _aligned_demands(ids, demands)
    given = floats(starts)
    odd = np.flatnonzero(np.isnan(given) & starts.notna().to_numpy() | np.isinf(given)
                         | (np.abs(np.nan_to_num(given)) > MAX_MAGNITUDE))
    if len(odd):
        k = int(odd[0])
        raise ScheduleError(f"start of activity {starts.index[k]!r} is {shown(starts.iloc[k])}; give a finite "
                            f"number (within {MAX_MAGNITUDE:g}) or leave it out to report it missing")
    starts = pd.Series(given, index=starts.index)
    violations = []
    missing = [i for i in ids if i not in starts.index or pd.isna(starts.get(i))]
    violations += [f"activity {i!r} has no start" for i in missing]
    violations += [f"activity {i!r} starts at {starts[i]:g}, before the project start 0"
                   for i in ids if i not in missing and starts[i] < 0]
    if missing:
        return False, violations
    start = starts.loc[ids].to_numpy(dtype=float)
    preds, _ = _link_offsets(ids, dur, cpm.links)
    for j, incoming in enumerate(preds):
        for i, offset in incoming:
            if start[j] < start[i] + offset - _EPS:
                violations.append(
                    f"link {ids[i]!r} -> {ids[j]!r}: {ids[j]!r} starts at {start[j]:g} but may start at "
                    f"{start[i] + offset:g} at the earliest"
                )
    finish = start + dur
    for res in dem.columns:
        units = dem[res].to_numpy(dtype=float)
        times, levels = usage_steps(start, finish, units)
        for k in np.flatnonzero(levels > caps[res] + _EPS):
            lo, hi = times[k], times[k + 1]
            who = [ids[j] for j in range(len(ids)) if units[j] > 0 and start[j] <= lo and finish[j] >= hi]
            violations.append(
                f"{res}: {levels[k]:g} in use > capacity {caps[res]:g} during [{lo:g}, {hi:g}) "
                f"({', '.join(map(str, who))})"
            )
    return not violations, violations


@dataclass(frozen=True)
class SmoothedSchedule:
    """Result of ``smooth_resources``.

    Attributes:
        table: DataFrame indexed by id with ``duration``, ``early_start``, ``start``
            (smoothed) and ``shift`` (start - early_start).
        profile: usage of the smoothed resource per period (``usage_profile``).
        peak_before, peak_after: highest usage in the early-start and smoothed schedules.
        sum_squares_before, sum_squares_after: sum over periods of usage squared.
        finish: project finish, the same before and after.
    """

    table: pd.DataFrame
    profile: pd.DataFrame
    peak_before: float
    peak_after: float
    sum_squares_before: float
    sum_squares_after: float
    finish: float

    @property
    def starts(self) -> pd.Series:
        """Smoothed start time of each activity, by id."""
        return self.table["start"]


def smooth_resources(schedule, demands: pd.DataFrame, *, resource: str, within: str = "free",
                     objective: str = "squares", max_passes: int = 20) -> SmoothedSchedule:
    """Resource smoothing: flatten one resource's histogram without moving the finish date.

    Starting from the early-start schedule, activities are shifted later, never beyond
    their float, so the project finish (and so the critical path) stays put. Burgess and
    Killebrew's procedure: take the activities by decreasing early start, move each to
    the start in its window that minimises the objective (ties: the earliest start), and
    repeat passes until nothing moves (at most ``max_passes``).

    Args:
        schedule: a CPM ``Schedule`` (``critical_path_method``) in whole periods.
        demands: DataFrame indexed by id with a column ``resource``.
        resource: the resource to smooth.
        within: ``"free"`` (default) an activity moves within its free float only, which
            never disturbs a successor; ``"total"`` it may use its total float as long as
            every link (``schedule.links``) to its neighbours' *current* starts holds.
        objective: ``"squares"`` minimise the sum of squared usage (the classic measure of
            a bumpy histogram); ``"peak"`` minimise the peak first, then the sum of squares.

    Example::

        >>> from followup.schedule import critical_path_method
        >>> acts = pd.DataFrame({"id": ["A", "B", "C"], "duration": [4, 2, 2]})
        >>> cpm = critical_path_method(acts)
        >>> res = smooth_resources(cpm, pd.DataFrame({"fitters": [0, 1, 1]}, index=["A", "B", "C"]),
        ...                        resource="fitters")
        >>> res.peak_before, res.peak_after, res.starts.tolist()
        (2.0, 1.0, [0, 2, 0])
    """
    if not isinstance(within, str) or within not in ("free", "total"):
        raise ScheduleError(f"within must be 'free' or 'total', got {shown(within)}")
    if not isinstance(objective, str) or objective not in ("squares", "peak"):
        raise ResourceError(f"objective must be 'squares' or 'peak', got {shown(objective)}")
    max_passes = count(max_passes, "max_passes", high=1_000, error=ScheduleError)
    if not isinstance(schedule, Schedule):
        raise ScheduleError("smooth_resources needs the Schedule returned by critical_path_method (with .links), "
                            f"got {type(schedule).__name__}")
    demands = _text_index(demands)
    if resource not in demands.columns:
        raise ResourceError(f"unknown resource {shown(resource)}; demands have columns {list(demands.columns)}")
    table = schedule.table
    ids = table.index
    stray = [i for i in demands.index if i not in table.index]
    if stray:
        raise ResourceError(f"demands list activity {stray[0]!r}, which is not in the schedule; remove it")
    dur = _whole(table["duration"], "duration", ids)
    early = _whole(table["early_start"], "early start", ids)
    slack = table["free_float"] if within == "free" else table["total_float"]
    # The finish stays put: the imposed one if later than the network's, else the network's; a negative
    # float (an imposed finish the network cannot make) leaves no room to move.
    finish = max(int((early + dur).max()), int(np.ceil(schedule.finish)))  # the CPM never returns an empty network
    latest = np.minimum(early + np.maximum(_whole(slack, within + " float", ids), 0), finish - dur)
    latest = np.maximum(latest, early)
    if finish > MAX_PERIODS:
        raise ResourceError(f"the schedule spans {finish:,} periods; smoothing works on a grid of at most "
                            f"{MAX_PERIODS:,}: express the times in a coarser unit")
    preds, succs = _link_offsets(ids, dur, schedule.links)
    units = _aligned_demands(ids, demands[[resource]])[resource].to_numpy(dtype=float)
    usage = np.zeros(finish)
    for j in range(len(ids)):
        usage[early[j]:early[j] + dur[j]] += units[j]
    peak_before, squares_before = float(usage.max(initial=0.0)), float((usage ** 2).sum())
    start = early.copy()
    order = sorted(range(len(ids)), key=lambda j: (-early[j], j))
    for _ in range(max_passes):
        moved = False
        for j in order:
            d, r = dur[j], units[j]
            if d == 0 or r == 0 or latest[j] == early[j]:
                continue
            lo = max([early[j]] + [start[i] + a for i, a in preds[j]])
            hi = min([latest[j]] + [start[k] - a for k, a in succs[j]])
            if hi < lo:  # only with an imposed finish the links cannot make: stay put
                lo = hi = start[j]
            usage[start[j]:start[j] + d] -= r
            run = np.concatenate(([0.0], np.cumsum(usage)))
            candidates = np.arange(lo, hi + 1)
            # adding r over [t, t+d) raises the sum of squares by 2 r sum(usage) + d r^2: compare sum(usage)
            added = run[candidates + d] - run[candidates]
            if objective == "peak":
                rest = usage.max(initial=0.0)
                window_peak = np.array([usage[t:t + d].max() for t in candidates]) + r
                best = min(range(len(candidates)), key=lambda k: (max(rest, window_peak[k]), added[k], k))
            else:
                best = int(np.argmin(added))
            t = int(candidates[best])
            moved |= t != start[j]
            start[j] = t
            usage[t:t + d] += r
        if not moved:
            break
    result = pd.DataFrame(
        {"duration": dur, "early_start": early, "start": start, "shift": start - early},
        index=pd.Index(ids, name="id"),
    )
    return SmoothedSchedule(
        table=result,
        profile=usage_profile(result, demands[[resource]], start_col="start"),
        peak_before=peak_before,
        peak_after=float(usage.max(initial=0.0)),
        sum_squares_before=squares_before,
        sum_squares_after=float((usage ** 2).sum()),
        finish=finish,
    )
