"""Hypothesis strategies of bad and odd inputs for the library fuzz suite (tests/fuzz_library.py).

Mostly plausible values with the odd ones mixed in: huge and tiny magnitudes, int64's edges,
NaN and infinities, booleans, complex numbers, text, None and pd.NA, duplicate and unknown ids.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st

ODD_SCALARS = st.sampled_from([
    0, -1, 1, 2**31, 2**53 + 1, 2**62, 2**63 - 1, -2**63, 10**20, -(10**20), 1e308, -1e308, 5e-324,
    1e-9, 0.5, float("nan"), float("inf"), float("-inf"), True, False, 1 + 1j, "3", "abc", "", " ",
    None, pd.NA, np.int64(7), np.float32(2.5), np.nan, [1], (1, 2, 3),
])


def mostly(valid, odd=ODD_SCALARS, odds=4):
    """``valid`` values, with one draw in ``odds`` from ``odd``."""
    # (one_of would merge identical branches, so the weight is drawn explicitly)
    return st.sampled_from(range(odds)).flatmap(lambda k: odd if k == odds - 1 else valid)


#: a number, usually small and sensible, sometimes odd
numbers = mostly(st.one_of(st.integers(0, 12), st.integers(-3, 12), st.floats(-5, 20, allow_nan=False)))
small_counts = mostly(st.integers(0, 6))
probabilities = mostly(st.floats(0, 1))
ratings = mostly(st.integers(1, 10), st.one_of(st.integers(-1, 12), ODD_SCALARS))
ID_POOL = ["A", "B", "C", "D", "E", " A", "road to", "1", "2", "x y", "B SS"]
ids = st.one_of(st.sampled_from(ID_POOL), st.sampled_from([None, np.nan, 1, 1.5, "Z", ""]))
link_types = st.one_of(st.sampled_from(["FS", "SS", "FF", "SF", "fs", None]), st.sampled_from(["XX", 3, ""]))
seeds = mostly(st.integers(0, 2**32), st.sampled_from([None, "abc", 1.5, -1, True, 2**70]))
iterations = mostly(st.integers(1, 60), st.sampled_from([0, 10**9, 10**12, -1, 1.5, True, "10", 2**63]))


def _column(draw, elements, n):
    return draw(st.lists(elements, min_size=n, max_size=n))


def _mutate(draw, frame, columns, odd=None):
    """Put one odd value into one cell of ``columns`` (the base stays valid, so the odd value is what is tested)."""
    if len(frame) == 0 or not columns:
        return frame
    frame = frame.astype({c: object for c in columns})
    row = draw(st.integers(0, len(frame) - 1))
    frame.iloc[row, frame.columns.get_loc(draw(st.sampled_from(columns)))] = draw(ODD_SCALARS if odd is None else odd)
    return frame


@st.composite
def activities(draw, max_size=5, extra=()):
    """An activities table: valid ids and whole durations, then sometimes one odd cell or an odd layout."""
    n = draw(st.integers(1, max_size))
    frame = pd.DataFrame({"id": ID_POOL[:n], "duration": draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))})
    for column in extra:
        frame[column] = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
    if extra == ("low", "mode", "high"):  # a valid three-point estimate: sort each row
        frame[list(extra)] = np.sort(frame[list(extra)].to_numpy(), axis=1)
    how = draw(st.sampled_from(["valid", "valid", "valid", "odd cell", "odd cell", "odd id", "layout"]))
    if how == "odd cell":
        frame = _mutate(draw, frame, ["duration", *extra])
    elif how == "odd id":
        frame = _mutate(draw, frame, ["id"], ids)
    elif how == "layout":
        frame = draw(st.sampled_from([
            frame.iloc[:0], frame.drop(columns="duration"), pd.concat([frame, frame[["id"]]], axis=1),
            frame.rename(columns={"id": "ID"}), frame.assign(duration=frame["duration"] * 10**11),
            frame.assign(duration=frame["duration"] + 0.5), frame.assign(duration=frame["duration"].astype(bool)),
        ]))
    return frame


@st.composite
def links(draw, acts, max_links=6):
    """Acyclic links among the activities' ids with valid types and lags, then sometimes one odd cell."""
    if draw(st.integers(0, 6)) == 0 or "id" not in acts.columns or acts["id"].ndim != 1:
        return None
    known = [v for v in acts["id"] if isinstance(v, str)]
    pairs = []
    for _ in range(draw(st.integers(0, max_links)) if len(known) > 1 else 0):
        a, b = sorted(draw(st.lists(st.integers(0, len(known) - 1), min_size=2, max_size=2, unique=True)))
        pairs.append((known[a], known[b]))
    m = len(pairs)
    frame = pd.DataFrame({"predecessor": [p for p, _ in pairs], "successor": [s for _, s in pairs],
                          "type": draw(st.lists(st.sampled_from(["FS", "SS", "FF", "SF"]), min_size=m, max_size=m)),
                          "lag": draw(st.lists(st.integers(-2, 3), min_size=m, max_size=m))})
    how = draw(st.sampled_from(["valid", "valid", "valid", "odd lag", "odd type", "odd id", "cycle"]))
    if how == "odd lag":
        frame = _mutate(draw, frame, ["lag"])
    elif how == "odd type":
        frame = _mutate(draw, frame, ["type"], link_types)
    elif how == "odd id":
        frame = _mutate(draw, frame, ["predecessor", "successor"], ids)
    elif how == "cycle" and m:
        frame = pd.concat([frame, frame.iloc[:1].rename(columns={"predecessor": "successor",
                                                                 "successor": "predecessor"})], ignore_index=True)
    return frame


@st.composite
def demands(draw, acts, resources=("R", "S")):
    """Whole demands by id for some resources, then sometimes one odd cell, a stray id or a repeated id."""
    act_ids = list(acts["id"]) if "id" in acts.columns and acts["id"].ndim == 1 else []
    chosen = draw(st.lists(st.sampled_from(resources), unique=True, min_size=1, max_size=len(resources)))
    frame = pd.DataFrame({r: draw(st.lists(st.integers(0, 2), min_size=len(act_ids), max_size=len(act_ids)))
                          for r in chosen}, index=pd.Index(act_ids, dtype=object))
    how = draw(st.sampled_from(["valid", "valid", "valid", "odd cell", "stray", "twice"]))
    if how == "odd cell":
        frame = _mutate(draw, frame, chosen)
    elif how == "stray":
        frame.loc["Z"] = 1
    elif how == "twice" and len(frame):
        frame = pd.concat([frame, frame.iloc[:1]])
    return frame


capacity_values = st.sampled_from([float("nan"), float("inf"), -1, True, "2", None, 0.5, 1e300, 0])


@st.composite
def capacities(draw, resources=("R", "S")):
    """Capacities 2-4 of every resource, then sometimes one odd capacity, one missing, or not a mapping."""
    caps = {r: draw(st.integers(2, 4)) for r in resources}
    how = draw(st.sampled_from(["valid", "valid", "valid", "odd", "missing", "not a mapping"]))
    if how == "odd":
        caps[draw(st.sampled_from(resources))] = draw(capacity_values)
    elif how == "missing":
        del caps[draw(st.sampled_from(resources))]
    elif how == "not a mapping":
        return draw(st.sampled_from([None, [], "R", {}]))
    return caps


@st.composite
def series_pair(draw, elements, max_size=5):
    """Two Series whose indexes are equal, permuted, or different, or plain lists."""
    n = draw(st.integers(0, max_size))
    labels = list("abcdefg")[:n]
    first = draw(st.lists(elements, min_size=n, max_size=n))
    second = draw(st.lists(elements, min_size=n, max_size=n))
    how = draw(st.sampled_from(["lists", "same", "permuted", "different", "mixed"]))
    if how == "lists":
        return first, second
    other = {"same": labels, "permuted": labels[::-1], "different": list("pqrstuv")[:n], "mixed": None}[how]
    a = pd.Series(first, index=labels, dtype=object)
    b = second if other is None else pd.Series(second, index=other, dtype=object)
    return a, b


@st.composite
def dated_history(draw):
    """A daily Series over two years (sometimes with duplicate, unparsable or missing dates, odd values)."""
    n = draw(st.integers(0, 6))
    start = pd.Timestamp("2024-06-15")
    dates = [start + pd.Timedelta(days=k) for k in range(n)] + [start + pd.DateOffset(years=1) + pd.Timedelta(days=k)
                                                                 for k in range(n)]
    values = draw(st.lists(st.floats(1, 500), min_size=2 * n, max_size=2 * n))
    if values and draw(st.booleans()):
        values[draw(st.integers(0, len(values) - 1))] = draw(ODD_SCALARS)
    kind = draw(st.sampled_from(["ok", "ok", "ok", "ok", "duplicate", "text", "plain"]))
    if kind == "duplicate" and dates:
        dates[-1] = dates[0]
    if kind == "text":
        return pd.Series(values, index=[str(d.date()) for d in dates] + [], dtype=object)
    if kind == "plain":
        return values
    return pd.Series(values, index=pd.DatetimeIndex(dates), dtype=object)


forecast_dates = st.one_of(
    st.just(pd.to_datetime(["2025-06-15", "2025-06-16"])),
    st.just(pd.to_datetime(["2025-06-15", "2025-06-15"])),
    st.sampled_from([["2025-06-16"], ["not a date"], [None], [], "2025-06-15", 5, [pd.NaT]]),
)

text = st.text(alphabet="RND 0123456789-*:.,abjo\n", max_size=40)


@st.composite
def sm_file(draw):
    """A PSPLIB .sm text: a valid small one with a few lines broken or numbers changed."""
    n_jobs = 3
    durations = [0, draw(st.integers(-3, 9)), 0]
    requests = [[0, 0], [draw(st.integers(-2, 5)), draw(st.integers(0, 5))], [0, 0]]
    caps = [draw(st.integers(-2, 6)), draw(st.integers(0, 6))]
    names = draw(st.sampled_from(["R 1  R 2", "R 1  R 1", "R 1  N 1"]))
    lines = [
        "*" * 30, f"jobs (incl. supersource/sink ):  {n_jobs}", f"horizon                       :  {sum(durations)}",
        "PROJECT INFORMATION:", "pronr.  #jobs rel.date duedate tardcost  MPM-Time",
        f"    1      1      0       5        0       {max(durations)}",
        "PRECEDENCE RELATIONS:", "jobnr.    #modes  #successors   successors",
        "   1        1          1           2", "   2        1          1           3", "   3        1          0",
        "REQUESTS/DURATIONS:", f"jobnr. mode duration  {names}", "-" * 30,
        *[f"  {j + 1}      1     {durations[j]}       {requests[j][0]}    {requests[j][1]}" for j in range(n_jobs)],
        "RESOURCEAVAILABILITIES:", f"  {names}", f"   {caps[0]}   {caps[1]}", "*" * 30,
    ]
    for _ in range(draw(st.integers(0, 2))):
        k = draw(st.integers(0, len(lines) - 1))
        lines[k] = draw(st.sampled_from([draw(text), "", lines[k] + " 7", lines[k][: len(lines[k]) // 2]]))
    return "\n".join(lines)
