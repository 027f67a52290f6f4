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

#: a number, usually small and sensible, sometimes odd
numbers = st.one_of(
    st.integers(0, 12), st.integers(0, 12), st.integers(-3, 12),
    st.floats(-5, 20, allow_nan=False), ODD_SCALARS,
)
small_counts = st.one_of(st.integers(0, 6), ODD_SCALARS)
probabilities = st.one_of(st.floats(0, 1), ODD_SCALARS)
ratings = st.one_of(st.integers(1, 10), st.integers(1, 10), st.integers(-1, 12), ODD_SCALARS)
ID_POOL = ["A", "B", "C", "D", "E", " A", "road to", "1", "2", "x y", "B SS"]
ids = st.one_of(st.sampled_from(ID_POOL), st.sampled_from([None, np.nan, 1, 1.5, "Z", ""]))
link_types = st.one_of(st.sampled_from(["FS", "SS", "FF", "SF", "fs", None]), st.sampled_from(["XX", 3, ""]))
seeds = st.one_of(st.integers(0, 2**32), st.sampled_from([None, "abc", 1.5, -1, True, 2**70]))
iterations = st.one_of(st.integers(0, 60), st.sampled_from([10**9, 10**12, -1, 1.5, True, "10", 2**63]))


def _column(draw, elements, n):
    return draw(st.lists(elements, min_size=n, max_size=n))


@st.composite
def activities(draw, max_size=5, extra=()):
    """An activities table: mostly good ids and durations, sometimes odd ones or odd columns."""
    n = draw(st.integers(0, max_size))
    good = draw(st.booleans())
    act_ids = ID_POOL[:n] if good else _column(draw, ids, n)
    durations = _column(draw, st.integers(0, 6) if good and draw(st.booleans()) else numbers, n)
    frame = pd.DataFrame({"id": act_ids, "duration": pd.Series(durations, dtype=object)})
    if good and all(type(d) is int and -2**63 <= d < 2**63 for d in durations):
        frame["duration"] = frame["duration"].astype("int64")
    for column in extra:
        frame[column] = pd.Series(_column(draw, numbers, n), dtype=object)
    if draw(st.integers(0, 20)) == 0:
        frame = pd.concat([frame, frame[["id"]]], axis=1)  # a duplicated 'id' column
    if draw(st.integers(0, 20)) == 0:
        frame = frame.drop(columns="duration")
    return frame


@st.composite
def links(draw, acts, max_links=6):
    """Links among the activities' ids (sometimes unknown ids, odd types and lags), or None."""
    if draw(st.integers(0, 5)) == 0 or "id" not in acts.columns:
        return None
    known = [v for v in acts["id"].iloc[:, 0] if isinstance(v, str)] if isinstance(acts["id"], pd.DataFrame) \
        else [v for v in acts["id"] if isinstance(v, str)]
    pool = st.sampled_from(known) if known and draw(st.booleans()) else ids
    m = draw(st.integers(0, max_links))
    pairs = []
    if known and draw(st.booleans()):  # acyclic: forward in the listing
        order = {v: k for k, v in enumerate(known)}
        for _ in range(m):
            a, b = draw(st.sampled_from(known)), draw(st.sampled_from(known))
            if order[a] < order[b]:
                pairs.append((a, b))
    else:
        pairs = [(draw(pool), draw(pool)) for _ in range(m)]
    frame = pd.DataFrame({"predecessor": [p for p, _ in pairs], "successor": [s for _, s in pairs]})
    if draw(st.booleans()):
        frame["type"] = _column(draw, link_types, len(pairs))
    if draw(st.booleans()):
        frame["lag"] = pd.Series(_column(draw, st.one_of(st.integers(-3, 4), numbers), len(pairs)), dtype=object)
    return frame


@st.composite
def demands(draw, acts, resources=("R", "S")):
    """A demands table by id (sometimes odd values or ids) for a subset of the resources."""
    act_ids = [v for v in acts["id"]] if "id" in acts.columns and acts["id"].ndim == 1 else []
    chosen = draw(st.lists(st.sampled_from(resources), unique=True, min_size=1, max_size=len(resources)))
    values = st.integers(0, 3) if draw(st.booleans()) else st.one_of(st.integers(0, 3), numbers)
    frame = pd.DataFrame({r: pd.Series(_column(draw, values, len(act_ids)), dtype=object) for r in chosen},
                         index=pd.Index(act_ids, dtype=object))
    if draw(st.integers(0, 10)) == 0:
        frame.loc["Z"] = 1
    if draw(st.booleans()):
        frame = frame.infer_objects()
    return frame


capacity_values = st.one_of(st.integers(0, 4), st.integers(1, 4), st.sampled_from(
    [float("nan"), float("inf"), -1, True, "2", None, 0.5, 1e300]))


@st.composite
def capacities(draw, resources=("R", "S")):
    """A mapping resource -> capacity, sometimes with odd capacities, missing resources or not a mapping."""
    if draw(st.integers(0, 15)) == 0:
        return draw(st.sampled_from([None, [], "R", {}]))
    return {r: draw(capacity_values) for r in resources if draw(st.integers(0, 8)) > 0}


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
    values = draw(st.lists(st.one_of(st.floats(1, 500), numbers), min_size=2 * n, max_size=2 * n))
    kind = draw(st.sampled_from(["ok", "ok", "duplicate", "text", "plain"]))
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
