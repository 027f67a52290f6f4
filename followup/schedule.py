"""The critical path method (CPM) on an activity-on-node network with PDM links.

An activity network is two DataFrames: ``activities`` (``id``, ``duration``,
optional ``name`` and any extra columns) and ``links`` (``predecessor``,
``successor``, optional ``type`` FS/SS/FF/SF and ``lag``). The forward pass
gives early dates, the backward pass late dates, and from both come total float,
free float and the critical activities and paths.

Every link type reduces to one constraint between the two *start* times, which
is what the passes propagate. With ``d`` the durations and ``w`` the link's
weight::

    FS  ES_s >= EF_p + lag  ->  ES_s >= ES_p + d_p + lag
    SS  ES_s >= ES_p + lag  ->  ES_s >= ES_p + lag
    FF  EF_s >= EF_p + lag  ->  ES_s >= ES_p + d_p + lag - d_s
    SF  EF_s >= ES_p + lag  ->  ES_s >= ES_p + lag - d_s

Example
-------
>>> import pandas as pd
>>> acts = pd.DataFrame({"id": ["A", "B", "C"], "duration": [3, 2, 4]})
>>> links = pd.DataFrame({"predecessor": ["A", "A"], "successor": ["B", "C"]})
>>> sched = critical_path_method(acts, links)
>>> sched.duration
7
>>> sched.critical_paths
[['A', 'C']]
>>> sched.table.loc["B", ["early_start", "total_float", "free_float"]].tolist()
[3, 2, 2]

References
----------
Kelley & Walker, "Critical-path planning and scheduling", Proc. Eastern Joint
Computer Conference, 1959. Moder, Phillips & Davis, *Project Management with
CPM, PERT and Precedence Diagramming*, 3rd ed., 1983 (the PDM link types).
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from followup.bounds import MAX_MAGNITUDE, floats, real, shown
from followup.errors import ScheduleError

__all__ = [
    "LINK_TYPES",
    "Schedule",
    "critical_path_method",
    "link_offsets",
    "links_from_predecessors",
]

LINK_TYPES = ("FS", "SS", "FF", "SF")
# Does the link start from the predecessor's finish / end at the successor's finish?
_FROM_FINISH = np.array([True, False, True, False])
_TO_FINISH = np.array([False, False, True, True])

_DATE_COLUMNS = [
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "total_float",
    "free_float",
]
_COMPUTED_COLUMNS = ["name", "duration", *_DATE_COLUMNS, "critical"]
# Beyond this many critical paths, listing them is no longer informative (and the
# count grows exponentially with ties): callers should use the `critical` column.
_MAX_CRITICAL_PATHS = 100_000


# --------------------------------------------------------------------------- network
@dataclass(frozen=True)
class _Network:
    """A validated network on integer indices, shared by CPM and Monte Carlo."""

    ids: pd.Index  # activity ids as str, input order
    durations: np.ndarray  # float64, shape (n,)
    pred: np.ndarray  # int64 link arrays, shape (m,), input link order
    succ: np.ndarray
    kind: np.ndarray  # index into LINK_TYPES
    lag: np.ndarray  # float64
    order: np.ndarray  # a topological order of 0..n-1 (Kahn, ties in input order)
    out_ptr: np.ndarray  # CSR of links by predecessor: links out_link[out_ptr[i]:out_ptr[i+1]]
    out_link: np.ndarray
    integral: bool  # all durations and lags whole numbers

    @property
    def n(self) -> int:
        return len(self.ids)

    def weights(self, durations: np.ndarray) -> np.ndarray:
        """Link weights w, with ES_s >= ES_p + w, for activity ``durations``."""
        return _offsets(self.kind, self.lag, durations[self.pred], durations[self.succ])


def _offsets(kind: np.ndarray, lag: np.ndarray, pred_duration: np.ndarray, succ_duration: np.ndarray) -> np.ndarray:
    """The one formula of PDM links as start-to-start offsets: FS d_p+lag, SS lag, FF d_p+lag-d_s, SF lag-d_s."""
    return lag + pred_duration * _FROM_FINISH[kind] - succ_duration * _TO_FINISH[kind]


def link_offsets(links: pd.DataFrame, durations: pd.Series) -> np.ndarray:
    """Start-to-start offset w of each link: the successor's start >= the predecessor's start + w.

    ``links`` is a validated ``Schedule.links`` (type and lag filled in); ``durations`` is indexed by id.
    Resource levelling uses this to place activities with every link type.

    >>> links = pd.DataFrame({"predecessor": ["a", "a"], "successor": ["b", "c"], "type": ["FS", "FF"], "lag": [1, 0]})
    >>> link_offsets(links, pd.Series({"a": 4, "b": 2, "c": 3})).tolist()
    [5.0, 1.0]
    """
    needed = ["predecessor", "successor", "type", "lag"]
    if not isinstance(links, pd.DataFrame) or any(c not in links.columns for c in needed):
        raise ScheduleError(f"links must be a DataFrame with columns {needed} (a Schedule.links), got "
                            f"{list(links.columns) if isinstance(links, pd.DataFrame) else type(links).__name__}")
    if not isinstance(durations, pd.Series) or not durations.index.is_unique:
        raise ScheduleError("durations must be a Series of durations indexed by unique activity ids")
    kind = pd.Index(LINK_TYPES).get_indexer(links["type"])
    lag = floats(links["lag"])
    pred_d, succ_d = (floats(durations.reindex(links[end])) for end in ("predecessor", "successor"))
    for values, what in ((kind >= 0, "type"), (np.isfinite(lag), "lag"), (np.isfinite(pred_d), "predecessor"),
                         (np.isfinite(succ_d), "successor")):
        if not values.all():
            row = int(np.flatnonzero(~values)[0])
            raise ScheduleError(f"link in row {row} has a bad {what} ({shown(links.iloc[row].tolist())}): use "
                                f"a validated Schedule.links and durations by id for every linked activity")
    return _offsets(kind.astype(np.int64), lag, pred_d, succ_d)


def _show(value) -> str:
    """repr of a cell value without numpy's type wrapper (-2, not np.int64(-2))."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _suggest(name: str, candidates) -> str:
    # difflib is quadratic in the text's length: suggest among short ids only
    if len(name) > 100:
        return ""
    close = difflib.get_close_matches(name, [c for c in candidates if len(c) <= 100][:10_000], n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _unique_columns(frame: pd.DataFrame, what: str) -> None:
    twice = frame.columns[frame.columns.duplicated()]
    if len(twice):
        raise ScheduleError(f"{what} has two columns named {shown(twice[0])}: rename or drop one of them")


def _require_column(activities: pd.DataFrame, column: str) -> None:
    if column not in activities.columns:
        raise ScheduleError(
            f"activities has no '{column}' column (columns: {list(activities.columns)}); "
            f"add one, e.g. .rename(columns={{...: '{column}'}}), or .reset_index() if it is the index"
        )


def _activity_ids(activities: pd.DataFrame) -> pd.Index:
    if not isinstance(activities, pd.DataFrame):
        raise ScheduleError(
            f"activities must be a pandas DataFrame with columns 'id' and 'duration', "
            f"got {type(activities).__name__}"
        )
    _unique_columns(activities, "activities")
    _require_column(activities, "id")
    if len(activities) == 0:
        raise ScheduleError("activities is empty: give at least one activity (a row with id and duration)")
    raw = activities["id"]
    if raw.isna().any():
        position = int(np.flatnonzero(raw.isna().to_numpy())[0])
        raise ScheduleError(f"activity in row {position} has no id: give every activity a unique id")
    ids = pd.Index(raw.astype(str).str.strip(), name="id")
    duplicated = ids[ids.duplicated()].unique()
    if len(duplicated):
        raise ScheduleError(
            f"duplicate activity id(s) {list(duplicated)}: every activity needs a unique id"
        )
    return ids


def _durations(activities: pd.DataFrame, ids: pd.Index) -> np.ndarray:
    _require_column(activities, "duration")
    raw = activities["duration"]
    # numeric text ("4") is read as its number, as the calculators' twin (calculators/cpm.mjs) reads a field
    numeric = floats(raw, text=True)
    for position in np.flatnonzero(~np.isfinite(numeric) | (numeric < 0) | (numeric > MAX_MAGNITUDE)):
        value = raw.iloc[position]
        if pd.isna(value):
            problem = "has no duration"
        elif np.isnan(numeric[position]):
            problem = f"has a non-numeric duration {shown(value)}"
        elif np.isinf(numeric[position]):
            problem = f"has an infinite duration {_show(value)}"
        elif numeric[position] < 0:
            problem = f"has a negative duration {_show(value)}"
        else:
            raise ScheduleError(
                f"activity '{ids[position]}' has a duration of {_show(value)}, beyond the {MAX_MAGNITUDE:g} time "
                f"units this library accepts: express the times in a coarser unit"
            )
        raise ScheduleError(
            f"activity '{ids[position]}' {problem}: give a number >= 0 (0 makes it a milestone)"
        )
    return numeric


def _link_arrays(links: pd.DataFrame | None, ids: pd.Index):
    """Validate ``links`` and return integer predecessor/successor, type codes and lags."""
    if links is not None and not isinstance(links, pd.DataFrame):
        raise ScheduleError(f"links must be a pandas DataFrame or None, got {type(links).__name__}")
    if links is None or len(links) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, np.empty(0)
    _unique_columns(links, "links")
    for column in ("predecessor", "successor"):
        if column not in links.columns:
            raise ScheduleError(
                f"links has no '{column}' column (columns: {list(links.columns)}); "
                f"a link needs 'predecessor' and 'successor' ids"
            )
    pred_ids = links["predecessor"].astype(str).str.strip()
    succ_ids = links["successor"].astype(str).str.strip()
    pred = ids.get_indexer(pred_ids)
    succ = ids.get_indexer(succ_ids)
    for position in np.flatnonzero((pred < 0) | (succ < 0)):
        p, s = pred_ids.iloc[position], succ_ids.iloc[position]
        if pd.isna(links["predecessor"].iloc[position]):
            raise ScheduleError(f"link in row {position} (-> '{s}') has no predecessor id: fill it in or drop the row")
        if pd.isna(links["successor"].iloc[position]):
            raise ScheduleError(f"link in row {position} ('{p}' ->) has no successor id: fill it in or drop the row")
        if pred[position] < 0:
            raise ScheduleError(
                f"activity '{s}' depends on unknown activity '{p}'{_suggest(p, ids)} "
                f"(link in row {position}: add '{p}' to the activities or correct the id)"
            )
        raise ScheduleError(
            f"activity '{p}' is linked to unknown successor '{s}'{_suggest(s, ids)} "
            f"(link in row {position}: add '{s}' to the activities or correct the id)"
        )
    self_links = np.flatnonzero(pred == succ)
    if len(self_links):
        position = self_links[0]
        raise ScheduleError(
            f"activity '{ids[pred[position]]}' is linked to itself (link in row {position}): remove that link"
        )

    if "type" in links.columns:
        types = links["type"].astype(object).where(links["type"].notna(), "FS").astype(str).str.strip().str.upper()
    else:
        types = pd.Series("FS", index=links.index)
    kind = pd.Index(LINK_TYPES).get_indexer(types)
    for position in np.flatnonzero(kind < 0):
        raise ScheduleError(
            f"link '{ids[pred[position]]}' -> '{ids[succ[position]]}' has unknown type "
            f"{_show(links['type'].iloc[position])}: use one of {', '.join(LINK_TYPES)}"
        )

    if "lag" in links.columns:
        raw = links["lag"]
        lag = floats(raw, text=True)
        bad = (np.isnan(lag) & raw.notna().to_numpy()) | ~(np.abs(np.nan_to_num(lag)) <= MAX_MAGNITUDE)
        for position in np.flatnonzero(bad):
            beyond = np.isfinite(lag[position])
            raise ScheduleError(
                f"link '{ids[pred[position]]}' -> '{ids[succ[position]]}' has lag {shown(raw.iloc[position])}: "
                + (f"beyond the {MAX_MAGNITUDE:g} time units this library accepts" if beyond else
                   "give a finite number (negative for a lead) or leave it empty for 0")
            )
        lag = np.nan_to_num(lag, nan=0.0)  # an empty lag cell means no lag
    else:
        lag = np.zeros(len(links))
    return pred.astype(np.int64), succ.astype(np.int64), kind.astype(np.int64), lag


def _csr(source: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Group link positions by ``source`` node: links of node i are link[ptr[i]:ptr[i+1]]."""
    link = np.argsort(source, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(source, minlength=n), out=ptr[1:])
    return ptr, link


def _topological_order(n, pred, succ, out_ptr, out_link, ids) -> np.ndarray:
    """Kahn's algorithm; raise ScheduleError listing one cycle if there is one."""
    indegree = np.bincount(succ, minlength=n).tolist()
    ptr, link, succ_l = out_ptr.tolist(), out_link.tolist(), succ.tolist()
    queue = deque(i for i in range(n) if indegree[i] == 0)
    order = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for k in link[ptr[node] : ptr[node + 1]]:
            target = succ_l[k]
            indegree[target] -= 1
            if indegree[target] == 0:
                queue.append(target)
    if len(order) < n:
        raise ScheduleError(_describe_cycle(np.array(indegree) > 0, pred, succ, ids))
    return np.array(order, dtype=np.int64)


def _describe_cycle(blocked: np.ndarray, pred, succ, ids) -> str:
    """Walk back along links among the nodes Kahn could not order until a node repeats."""
    # Every blocked node has a blocked predecessor, so the walk never stops short.
    first_blocked_pred = {}
    for p, s in zip(pred.tolist(), succ.tolist()):
        if blocked[p] and blocked[s] and s not in first_blocked_pred:
            first_blocked_pred[s] = p
    node = int(np.flatnonzero(blocked)[0])
    seen = {}
    walk = []
    while node not in seen:
        seen[node] = len(walk)
        walk.append(node)
        node = first_blocked_pred[node]
    cycle = walk[seen[node] :][::-1]  # the walk went backwards
    start = cycle.index(min(cycle))  # begin at the activity listed first
    cycle = cycle[start:] + cycle[:start]
    names = " -> ".join(f"{ids[i]}" for i in [*cycle, cycle[0]])
    return f"the links form a cycle: {names}; remove or reverse one of these links"


def _compile(activities: pd.DataFrame, links: pd.DataFrame | None, *, with_durations: bool = True) -> _Network:
    """Validate the network; ``with_durations=False`` when the caller brings its own (Monte Carlo)."""
    ids = _activity_ids(activities)
    durations = _durations(activities, ids) if with_durations else np.zeros(len(ids))
    pred, succ, kind, lag = _link_arrays(links, ids)
    out_ptr, out_link = _csr(pred, len(ids))
    order = _topological_order(len(ids), pred, succ, out_ptr, out_link, ids)
    integral = bool(np.all(durations == np.round(durations)) and np.all(lag == np.round(lag)))
    return _Network(ids, durations, pred, succ, kind, lag, order, out_ptr, out_link, integral)


# --------------------------------------------------------------------------- passes
def _forward_pass(net: _Network, weights: np.ndarray) -> np.ndarray:
    """Early starts: longest path from time 0 in topological order (never below 0)."""
    es = [0.0] * net.n
    ptr, link = net.out_ptr.tolist(), net.out_link.tolist()
    succ, w = net.succ.tolist(), weights.tolist()
    for node in net.order.tolist():
        start = es[node]
        for k in link[ptr[node] : ptr[node + 1]]:
            candidate = start + w[k]
            if candidate > es[succ[k]]:
                es[succ[k]] = candidate
    return np.array(es)


def _backward_pass(net: _Network, weights: np.ndarray, finish: float) -> np.ndarray:
    """Late starts: every activity finishes by ``finish`` and honours its successors' late starts."""
    ls = (finish - net.durations).tolist()
    ptr, link = net.out_ptr.tolist(), net.out_link.tolist()
    succ, w = net.succ.tolist(), weights.tolist()
    for node in net.order[::-1].tolist():
        latest = ls[node]
        for k in link[ptr[node] : ptr[node + 1]]:
            candidate = ls[succ[k]] - w[k]
            if candidate < latest:
                latest = candidate
        ls[node] = latest
    return np.array(ls)


def _tolerance(scale: float) -> float:
    # 1e-9 in absolute terms for everyday numbers; relative for very long time scales.
    return 1e-9 * max(1.0, abs(scale))


# --------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class Schedule:
    """The result of :func:`critical_path_method`.

    Attributes
    ----------
    table : DataFrame
        One row per activity, indexed by ``id`` in input order: ``name``, ``duration``,
        ``early_start``, ``early_finish``, ``late_start``, ``late_finish``,
        ``total_float``, ``free_float``, ``critical`` and the carried input columns.
    duration : number
        Project duration: the largest early finish.
    finish : number
        The imposed finish, or ``duration`` when none was imposed.
    links : DataFrame
        The links as used: ``predecessor``, ``successor``, ``type``, ``lag``, plus
        ``slack`` (how far the successor could slip on early dates before this link
        binds) and ``driving`` (slack 0: this link sets the successor's early date).
    """

    table: pd.DataFrame
    duration: float
    finish: float
    links: pd.DataFrame

    @property
    def critical_activities(self) -> list[str]:
        """Ids of the critical activities, in input order."""
        return self.table.index[self.table["critical"]].tolist()

    @cached_property
    def critical_paths(self) -> list[list[str]]:
        """Every chain of critical activities joined by driving links, start to end.

        A chain starts at a critical activity no driving link from a critical
        activity enters, and ends at one no such link leaves; branches are listed
        in input order of the activities. A critical activity on its own is a chain
        of one.
        """
        critical = self.table["critical"].to_numpy()
        ids = self.table.index
        positions = pd.Series(np.arange(len(ids)), index=ids)
        chain_links = self.links[self.links["driving"].to_numpy()]
        p = positions.reindex(chain_links["predecessor"]).to_numpy()
        s = positions.reindex(chain_links["successor"]).to_numpy()
        keep = critical[p] & critical[s]
        nexts: dict[int, list[int]] = {}
        has_incoming = np.zeros(len(ids), dtype=bool)
        for a, b in sorted(set(zip(p[keep].tolist(), s[keep].tolist()))):
            nexts.setdefault(a, []).append(b)
            has_incoming[b] = True
        starts = np.flatnonzero(critical & ~has_incoming).tolist()

        # Count first (paths multiply at every tie) so a huge count fails fast.
        count: dict[int, int] = {}

        def n_paths(node: int) -> int:
            stack = [node]
            while stack:
                top = stack[-1]
                pending = [b for b in nexts.get(top, []) if b not in count]
                if pending:
                    stack.extend(pending)
                else:
                    stack.pop()
                    count[top] = sum(count[b] for b in nexts.get(top, [])) or 1
            return count[node]

        total = sum(n_paths(node) for node in starts)
        if total > _MAX_CRITICAL_PATHS:
            raise ScheduleError(
                f"the network has {total} critical paths (ties multiply them): "
                f"use schedule.critical_activities or the 'critical' column instead"
            )
        paths = []
        for start in starts:
            stack = [(start, [start])]
            while stack:
                node, path = stack.pop()
                following = nexts.get(node, [])
                if not following:
                    paths.append([ids[i] for i in path])
                for b in reversed(following):
                    stack.append((b, [*path, b]))
        return paths


# --------------------------------------------------------------------------- API
# Twin: criticalPathMethod in followup/calculators/cpm.mjs (tests/test_parity.py holds them equal).
def critical_path_method(
    activities: pd.DataFrame,
    links: pd.DataFrame | None = None,
    *,
    finish: float | None = None,
) -> Schedule:
    """Schedule an activity network with the critical path method.

    Parameters
    ----------
    activities : DataFrame
        ``id`` (unique; compared as text), ``duration`` (number >= 0; 0 is a
        milestone), optional ``name``; any other column is carried into the table
        (columns named like a computed one are recomputed).
    links : DataFrame or None
        ``predecessor``, ``successor``, optional ``type`` (FS, SS, FF or SF, any
        case; empty = FS) and ``lag`` (empty = 0; negative = lead). ``None``: no links.
    finish : number, optional
        Imposed project finish. Late dates are counted back from it, so float is
        negative wherever the network cannot make it.

    Returns
    -------
    Schedule

    Notes
    -----
    Time is continuous and the project starts at 0. No activity starts before 0
    and none finishes after the project finish (both ends of every activity are
    bounded, not only of those without links), so the backward pass mirrors the
    forward one.

    * Total float = late start - early start.
    * Free float = the smallest slack, on early dates, of the activity's outgoing
      links (FS: ES_s - lag - EF_p; SS: ES_s - lag - ES_p; FF: EF_s - lag - EF_p;
      SF: EF_s - lag - ES_p), and at most finish - EF (the whole value for an
      activity without successors). Free float never exceeds total float when the
      finish is not imposed earlier than the network allows.
    * Critical = total float within 1e-9 (times the project length when that
      exceeds 1, to absorb rounding in long schedules) of the *smallest* total
      float in the network (not of zero). Without an imposed finish the smallest is 0, the
      usual definition; with a finish earlier than the network allows, the chain
      with the most negative float is the one to recover, so it is the critical one.

    Dates come out as integers when all durations, lags and the finish are whole
    numbers, floats otherwise.

    Raises
    ------
    ScheduleError
        Duplicate or missing id, missing/NaN/negative/non-numeric duration, a link to
        an unknown id (with the closest existing id), an unknown link type, a bad lag,
        a self-link, or a cycle (listed in order).

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"id": ["dig", "pour", "cure"], "duration": [2, 1, 3]})
    >>> links = pd.DataFrame({"predecessor": ["dig", "pour"], "successor": ["pour", "cure"],
    ...                       "type": ["FS", "SS"], "lag": [0, 1]})
    >>> s = critical_path_method(acts, links, finish=5)
    >>> s.duration, s.finish, s.critical_activities
    (6, 5, ['dig', 'pour', 'cure'])
    >>> s.table["total_float"].tolist()
    [-1, -1, -1]
    """
    net = _compile(activities, links)
    if finish is not None:
        finish_value = real(finish, "finish", error=ScheduleError, hint=" (the imposed project finish)")
    weights = net.weights(net.durations)
    es = _forward_pass(net, weights)
    ef = es + net.durations
    duration = float(ef.max())
    end = duration if finish is None else finish_value
    ls = _backward_pass(net, weights, end)
    lf = ls + net.durations
    total_float = ls - es

    link_slack = es[net.succ] - es[net.pred] - weights
    free_float = end - ef
    np.minimum.at(free_float, net.pred, link_slack)

    tolerance = _tolerance(max(abs(end), duration))
    critical = total_float <= total_float.min() + tolerance

    # Whole numbers beyond 2**53 are not exact in float64: such dates stay floats rather than wrap.
    integral = net.integral and float(end).is_integer() and max(abs(end), duration) < 2.0**53
    as_time = (lambda a: np.round(a).astype(np.int64)) if integral else (lambda a: a)
    dates = {
        "early_start": es,
        "early_finish": ef,
        "late_start": ls,
        "late_finish": lf,
        "total_float": total_float,
        "free_float": free_float,
    }
    table = pd.DataFrame(index=net.ids)
    table["name"] = activities["name"].array if "name" in activities.columns else net.ids.to_numpy()
    table["duration"] = as_time(net.durations)
    for column, values in dates.items():
        table[column] = as_time(values)
    table["critical"] = critical
    carried = [c for c in activities.columns if c not in ("id", *_COMPUTED_COLUMNS)]
    for column in carried:
        table[column] = activities[column].array

    link_table = pd.DataFrame(
        {
            "predecessor": net.ids[net.pred].to_numpy(),
            "successor": net.ids[net.succ].to_numpy(),
            "type": np.asarray(LINK_TYPES, dtype=object)[net.kind],
            "lag": as_time(net.lag),
            "slack": as_time(link_slack),
            "driving": link_slack <= tolerance,
        }
    )
    as_number = int if integral else float
    return Schedule(table=table, duration=as_number(duration), finish=as_number(end), links=link_table)


# Bounds of a predecessors cell, checked before any parsing: a cell is a short list typed by a person.
MAX_PREDECESSORS_CHARS = 10_000
MAX_LAG = 1_000_000  # days or hours: far beyond any real project, far inside exact float and int64
_LAG_DIGITS = frozenset("0123456789")


def _read_lag(text: str) -> str | None:
    """``text`` without its leading sign if it is a lag body (spaces, digits, at most one '.', a last digit)."""
    body = text.lstrip(" \t")
    if not body or body[-1] not in _LAG_DIGITS or body.count(".") > 1:
        return None
    return body if set(body) <= _LAG_DIGITS | {"."} else None


def _split_entry(token: str) -> tuple[str, str | None, str | None] | None:
    """``token`` as (id, link type or None, signed lag text or None), in one pass: linear time.

    The twin of ``splitEntry`` in followup/calculators/cpm.mjs (same rule; tests/test_parity.py
    holds them equal). An entry is ``ID [TYPE][+-LAG]``: the lag is the text after the last sign
    when that is a number; the type is two ASCII letters after a space at the end of the rest;
    the id is what remains (stripped). ``None``: an entry spanning lines, which no id does.
    """
    if "\n" in token or "\r" in token:
        return None
    lag = None
    rest = token
    sign = max(token.rfind("+"), token.rfind("-"))
    if sign >= 0:
        body = _read_lag(token[sign + 1:])
        head = token[:sign].rstrip()
        if body is not None and head:
            lag, rest = token[sign] + body, head
    kind = None
    if len(rest) >= 4 and rest[-3] in " \t" and rest[-2:].isascii() and rest[-2:].isalpha():
        kind, rest = rest[-2:], rest[:-3].rstrip()
    return rest, kind, lag


def links_from_predecessors(activities: pd.DataFrame, column: str = "predecessors") -> pd.DataFrame:
    """Parse a text column of predecessors into a links DataFrame.

    Each cell lists the activity's predecessors separated by ``;`` or ``,``; each
    entry is an id, optionally followed by a space, a link type and a signed lag:
    ``"A; B SS+2; C FF-1; D +3"`` (``D +3`` is FS with lag 3). An entry that is
    exactly an existing id is always read as that id, so ids may contain spaces.
    Empty cells mean no predecessors. A cell longer than ``MAX_PREDECESSORS_CHARS``
    or a lag beyond ``MAX_LAG`` is refused. Parsing takes time linear in the text
    (twin: ``linksFromPredecessors`` in followup/calculators/cpm.mjs).

    Returns a DataFrame with ``predecessor``, ``successor``, ``type``, ``lag``
    (integers when every lag is whole), in row order.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"id": ["A", "B", "C"], "duration": [2, 3, 1],
    ...                      "predecessors": ["", "A", "A SS+1; B FF-1"]})
    >>> links_from_predecessors(acts).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'predecessor': ['A', 'A', 'B'], 'successor': ['B', 'C', 'C'],
     'type': ['FS', 'SS', 'FF'], 'lag': [0, 1, -1]}
    """
    ids = _activity_ids(activities)
    if column not in activities.columns:
        raise ScheduleError(
            f"activities has no '{column}' column (columns: {list(activities.columns)}); "
            f"pass column=... naming the predecessors column"
        )
    known = set(ids)
    rows = []
    for position, (successor, cell) in enumerate(zip(ids, activities[column])):
        if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
            continue
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)  # a CSV column of single numeric ids with blanks is read as floats
        text = str(cell)
        if len(text) > MAX_PREDECESSORS_CHARS:
            raise ScheduleError(
                f"the predecessors of row {position} (activity '{successor}') are {len(text)} characters long; "
                f"list at most {MAX_PREDECESSORS_CHARS} characters of 'ID', 'ID SS+2', ... entries"
            )
        for token in re.split(r"[;,]", text):
            token = token.strip()
            if not token:
                continue
            where = f"row {position} (activity '{successor}'), entry '{token}'"
            if token in known:
                rows.append((token, successor, "FS", 0.0))
                continue
            parts = _split_entry(token)
            if parts is None:
                raise ScheduleError(
                    f"cannot read {where}: write 'ID', 'ID SS', 'ID FF-1' or 'ID +2'"
                )
            predecessor, kind, lag = parts
            if kind is not None and kind.upper() not in LINK_TYPES:
                # e.g. "road to -1" read as id "road" + type "to": when "road to" is an id, it is that id with
                # a lag (as "D +3" is D with a lag); else, with a lag, the type is unknown; else report it whole
                whole = f"{predecessor} {kind}" if lag is not None else token
                if whole not in known and lag is not None:
                    raise ScheduleError(
                        f"unknown link type '{kind}' in {where}: use one of {', '.join(LINK_TYPES)}"
                    )
                predecessor, kind = whole, None
            if predecessor not in known:
                raise ScheduleError(
                    f"activity '{successor}' depends on unknown activity '{predecessor}'"
                    f"{_suggest(predecessor, ids)} ({where})"
                )
            value = float(lag.replace(" ", "").replace("\t", "")) if lag else 0.0
            if abs(value) > MAX_LAG:
                raise ScheduleError(
                    f"the lag in {where} is beyond {MAX_LAG:,} in size; give a lag of at most {MAX_LAG:,}"
                )
            rows.append((predecessor, successor, (kind or "FS").upper(), value))
    links = pd.DataFrame(rows, columns=["predecessor", "successor", "type", "lag"])
    links["lag"] = links["lag"].astype("float64")
    if (links["lag"] == links["lag"].round()).all():
        links["lag"] = links["lag"].astype(np.int64)
    return links
