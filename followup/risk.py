"""Risk priority: RPN, the AIAG-VDA Action Priority, risk-register ranking and expected monetary value.

FMEA rates each failure mode on three 1-10 scales: severity (S) of the effect, occurrence (O) of the cause
and detection (D), where 10 means *hardest* to detect. The classic risk priority number multiplies them;
the AIAG & VDA FMEA Handbook (2019) replaced it with the Action Priority (High/Medium/Low), a table that
puts severity first. This module computes both, ranks a risk register by either, shows what RPN hides
(only 120 distinct values; equal RPNs with very different severities) and prices risks by expected
monetary value.

Example
-------
>>> rpn(9, 2, 5), action_priority(9, 2, 5)
(90, 'M')
>>> rpn(3, 6, 5), action_priority(3, 6, 5)
(90, 'L')
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from followup.bounds import MAX_MAGNITUDE, aligned, elements
from followup.errors import DataError, FollowupError, RatingError

__all__ = [
    "ACTION_PRIORITY_TABLE",
    "AP_LEVELS",
    "DETECTION_BANDS",
    "OCCURRENCE_BANDS",
    "SEVERITY_BANDS",
    "Contingency",
    "action_priority",
    "action_priority_table",
    "contingency_reserve",
    "expected_monetary_value",
    "rank_register",
    "rating_combinations",
    "rpn",
    "rpn_collisions",
    "rpn_distinct_values",
    "same_rpn_different_severity",
]

RATINGS = ("severity", "occurrence", "detection")
_RULE = "ratings are whole numbers from 1 to 10"

#: Action Priority levels from most to least urgent.
AP_LEVELS = ("H", "M", "L")

# Bands of the handbook's table, inclusive (low, high), in the order the table prints them.
SEVERITY_BANDS = ((9, 10), (7, 8), (4, 6), (2, 3), (1, 1))
OCCURRENCE_BANDS = ((8, 10), (6, 7), (4, 5), (2, 3), (1, 1))
DETECTION_BANDS = ((7, 10), (5, 6), (2, 4), (1, 1))

#: AIAG & VDA FMEA Handbook, 1st ed. (2019), "Action Priority (AP) for DFMEA and PFMEA".
#: ``ACTION_PRIORITY_TABLE[i][j][k]`` is the AP for the i-th severity band, j-th occurrence band and
#: k-th detection band of ``SEVERITY_BANDS``, ``OCCURRENCE_BANDS`` and ``DETECTION_BANDS``.
ACTION_PRIORITY_TABLE = (
    # S 9-10      D 7-10 5-6  2-4  1
    (("H", "H", "H", "H"),  # O 8-10
     ("H", "H", "H", "H"),  # O 6-7
     ("H", "H", "H", "M"),  # O 4-5
     ("H", "M", "L", "L"),  # O 2-3
     ("L", "L", "L", "L")),  # O 1
    # S 7-8
    (("H", "H", "H", "H"),
     ("H", "H", "H", "M"),
     ("H", "M", "M", "M"),
     ("M", "M", "L", "L"),
     ("L", "L", "L", "L")),
    # S 4-6
    (("H", "H", "M", "M"),
     ("M", "M", "M", "L"),
     ("M", "L", "L", "L"),
     ("L", "L", "L", "L"),
     ("L", "L", "L", "L")),
    # S 2-3
    (("M", "M", "L", "L"),
     ("L", "L", "L", "L"),
     ("L", "L", "L", "L"),
     ("L", "L", "L", "L"),
     ("L", "L", "L", "L")),
    # S 1: no discernible effect
    (("L", "L", "L", "L"),
     ("L", "L", "L", "L"),
     ("L", "L", "L", "L"),
     ("L", "L", "L", "L"),
     ("L", "L", "L", "L")),
)


def _band_index(bands):
    """Map rating 1..10 -> index of its band (array of 11, slot 0 unused)."""
    index = np.full(11, -1, dtype=np.int64)
    for i, (low, high) in enumerate(bands):
        index[low:high + 1] = i
    return index


def _expand_table():
    """The band table spread to a 10x10x10 cube of level codes (0 = H, 1 = M, 2 = L) for O(1) lookups."""
    s_band, o_band, d_band = (_band_index(b) for b in (SEVERITY_BANDS, OCCURRENCE_BANDS, DETECTION_BANDS))
    codes = np.array([[[AP_LEVELS.index(level) for level in row] for row in block]
                      for block in ACTION_PRIORITY_TABLE], dtype=np.int8)
    r = np.arange(1, 11)
    return codes[np.ix_(s_band[r], o_band[r], d_band[r])]


_AP_CUBE = _expand_table()


def action_priority_letters() -> str:
    """The Action Priority of every rating triplet as one string of 1,000 letters H/M/L, the letter of
    (S, O, D) at ``100 * (S - 1) + 10 * (O - 1) + (D - 1)``: the table as data for the RPN calculator's
    page, which looks a triplet up there instead of carrying its own copy of the table.

    >>> letters = action_priority_letters()
    >>> letters[100 * 9 + 10 * 1 + 1], letters[0]          # S 10, O 2, D 2 and S 1, O 1, D 1
    ('H', 'L')
    """
    return "".join(np.array(AP_LEVELS)[_AP_CUBE.ravel()])


# --------------------------------------------------------------------------------------------------------
# Rating validation
# --------------------------------------------------------------------------------------------------------

def _show(value) -> str:
    """How a bad rating is quoted in a message."""
    if isinstance(value, (bool, np.bool_)):
        return f"{bool(value)} (a yes/no value)"
    if isinstance(value, str):
        return f"{str(value)!r} (text)"
    if value is None or value is pd.NA or value is pd.NaT:
        return "missing"
    if isinstance(value, numbers.Real) and math.isnan(float(value)):
        return "missing (NaN)"
    if isinstance(value, numbers.Real):
        value = float(value)
        return str(int(value)) if value.is_integer() else repr(value)
    return repr(value)


def _is_whole_rating(value) -> bool:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return False
    value = float(value)
    return math.isfinite(value) and value.is_integer() and 1 <= value <= 10


def _rating_error(name: str, value, where: str = "") -> RatingError:
    return RatingError(f"{name}{where} is {_show(value)}; {_RULE}")


def _rating(value, name: str, where: str = "") -> int:
    """One rating as an int, or RatingError naming it (``where`` is e.g. " of risk 'water ingress'")."""
    if not _is_whole_rating(value):
        raise _rating_error(name, value, where)
    return int(value)


def _position(values, flat_index: int, shape) -> str:
    """' of row <label>' for the flat_index-th element of an array or Series."""
    if isinstance(values, pd.Series):
        return f" of row {values.index[flat_index]!r}"
    if len(shape) > 1:
        return f" at position {tuple(int(i) for i in np.unravel_index(flat_index, shape))}"
    return f" of row {flat_index}"


def _ratings(values, name: str, labels=None):
    """Validate an array-like of ratings and return it as int64 ndarray (same shape).

    ``labels`` (a sequence aligned with ``values``) names the offending element in the message,
    e.g. ``" of risk 'water ingress'"``; otherwise the row label or position is used.
    """
    # Lists stay element by element (object dtype), so a True or a '7' among numbers is seen, not cast.
    arr = elements(values)
    if arr.dtype.kind in "iuf":
        as_float = arr.astype(np.float64, copy=False)
        ok = np.isfinite(as_float) & (as_float == np.round(as_float)) & (as_float >= 1) & (as_float <= 10)
    else:  # bool, object (text, None, pd.NA) or anything else: check element by element
        ok = np.array([_is_whole_rating(v) for v in arr.ravel()], dtype=bool).reshape(arr.shape)
    if not ok.all():
        i = int(np.flatnonzero(~ok.ravel())[0])
        where = labels[i] if labels is not None else _position(values, i, arr.shape)
        raise _rating_error(name, arr.ravel()[i], where)
    return arr.astype(np.int64)


def _is_scalar(value) -> bool:
    return not isinstance(value, (list, tuple, pd.Series, np.ndarray)) and np.ndim(value) == 0


def _triplet(severity, occurrence, detection, labels=None):
    """Validated, broadcast int arrays of S, O and D."""
    arrays = [_ratings(v, n, labels) for v, n in zip((severity, occurrence, detection), RATINGS)]
    try:
        return np.broadcast_arrays(*arrays)
    except ValueError as exc:
        shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(RATINGS, arrays))
        raise RatingError(f"severity, occurrence and detection have different lengths ({shapes}); "
                          "give one rating of each per failure mode") from exc


def _by_label(severity, occurrence, detection):
    """Series of ratings matched by index label (refused when their labels differ), never by position."""
    given, _ = aligned({"severity": severity, "occurrence": occurrence, "detection": detection},
                       error=RatingError)
    return given["severity"], given["occurrence"], given["detection"]


def _series_index(*values):
    """The index of the first pandas Series among the inputs (results keep it), or None."""
    return next((v.index for v in values if isinstance(v, pd.Series)), None)


# --------------------------------------------------------------------------------------------------------
# RPN and Action Priority
# --------------------------------------------------------------------------------------------------------

def rpn(severity, occurrence, detection):
    """Risk priority number RPN = severity x occurrence x detection.

    Works on three scalars (returns an ``int``) or on arrays / Series (returns an int ndarray, or a Series
    named ``rpn`` keeping the first Series' index; Series are matched by label, and refused when their labels
    differ). Each rating must be a whole number from 1 to 10 (7.0 counts as 7).

    >>> rpn(7, 4, 3)
    84
    >>> rpn(pd.Series([10, 1]), pd.Series([1, 10]), pd.Series([1, 1])).tolist()
    [10, 10]
    >>> rpn(pd.Series([10, 1], ["a", "b"]), pd.Series([1, 10], ["b", "a"]), pd.Series([1, 1], ["a", "b"])).tolist()
    [100, 1]
    >>> rpn(11, 2, 2)
    Traceback (most recent call last):
    ...
    followup.errors.RatingError: severity is 11; ratings are whole numbers from 1 to 10
    """
    if all(_is_scalar(v) for v in (severity, occurrence, detection)):
        return (_rating(severity, "severity") * _rating(occurrence, "occurrence")
                * _rating(detection, "detection"))
    severity, occurrence, detection = _by_label(severity, occurrence, detection)
    s, o, d = _triplet(severity, occurrence, detection)
    result = s * o * d
    index = _series_index(severity, occurrence, detection)
    return pd.Series(result, index=index, name="rpn") if index is not None else result


def action_priority(severity, occurrence, detection):
    """Action Priority ``"H"``, ``"M"`` or ``"L"`` from the AIAG & VDA FMEA Handbook table.

    The table (``ACTION_PRIORITY_TABLE``, written out band by band as the handbook prints it: severity
    9-10, 7-8, 4-6, 2-3, 1; occurrence 8-10, 6-7, 4-5, 2-3, 1; detection 7-10, 5-6, 2-4, 1) is the table
    "Action Priority (AP) for DFMEA and PFMEA" of step 5, Risk Analysis, in AIAG & VDA, *Failure Mode and
    Effects Analysis - FMEA Handbook*, 1st ed., Southfield MI / Berlin, 2019. Many public encodings differ
    from it (some copy pre-publication drafts with other severity bands, e.g. 9-10/5-8/2-4/1; some make
    every severity 9-10 "High"); ours was checked cell by cell against several independent
    transcriptions of the published table (in English, Spanish and Korean) that agree with each other. Note that a severity 9-10
    failure whose cause essentially cannot occur (O = 1) is "L", and severity 1 is always "L".

    Scalars give a one-letter ``str``; arrays give an object ndarray of letters and Series a Series named
    ``action_priority``. The vectorised path is a single table look-up, fine for millions of rows.

    >>> action_priority(10, 4, 1), action_priority(8, 2, 5), action_priority(10, 1, 10)
    ('M', 'M', 'L')
    >>> action_priority(np.array([9, 5, 1]), 8, 7).tolist()
    ['H', 'H', 'L']
    """
    if all(_is_scalar(v) for v in (severity, occurrence, detection)):
        code = _AP_CUBE[_rating(severity, "severity") - 1, _rating(occurrence, "occurrence") - 1,
                        _rating(detection, "detection") - 1]
        return AP_LEVELS[code]
    severity, occurrence, detection = _by_label(severity, occurrence, detection)
    s, o, d = _triplet(severity, occurrence, detection)
    letters = np.array(AP_LEVELS, dtype=object)[_AP_CUBE[s - 1, o - 1, d - 1]]
    index = _series_index(severity, occurrence, detection)
    return pd.Series(letters, index=index, name="action_priority") if index is not None else letters


def action_priority_table() -> pd.DataFrame:
    """The handbook's band table as a DataFrame (one row per severity and occurrence band).

    >>> action_priority_table().loc[("9-10", "2-3")].tolist()
    ['H', 'M', 'L', 'L']
    """
    def label(low, high):
        return str(low) if low == high else f"{low}-{high}"

    rows, index = [], []
    for s_band, block in zip(SEVERITY_BANDS, ACTION_PRIORITY_TABLE):
        for o_band, row in zip(OCCURRENCE_BANDS, block):
            index.append((label(*s_band), label(*o_band)))
            rows.append(row)
    columns = pd.Index([f"D {label(*b)}" for b in DETECTION_BANDS], name="detection")
    return pd.DataFrame(rows, index=pd.MultiIndex.from_tuples(index, names=["severity", "occurrence"]),
                        columns=columns)


# --------------------------------------------------------------------------------------------------------
# What RPN hides
# --------------------------------------------------------------------------------------------------------

def rating_combinations() -> pd.DataFrame:
    """All 1,000 (S, O, D) combinations with their RPN and Action Priority, ids like ``"S10-O1-D1"``.

    >>> len(rating_combinations())
    1000
    """
    s, o, d = (a.ravel() for a in np.meshgrid(np.arange(1, 11), np.arange(1, 11), np.arange(1, 11),
                                              indexing="ij"))
    ids = [f"S{a}-O{b}-D{c}" for a, b, c in zip(s, o, d)]
    return pd.DataFrame({"id": ids, "severity": s, "occurrence": o, "detection": d,
                         "rpn": s * o * d, "action_priority": action_priority(s, o, d)})


def rpn_collisions() -> pd.DataFrame:
    """For each RPN value that can occur, how many (S, O, D) combinations give it.

    Only 120 of the numbers 1..1000 can occur, and most are shared by several combinations with very
    different severities and priorities. Columns: ``rpn``, ``combinations``, ``min_severity``,
    ``max_severity`` and ``priorities`` (the Action Priorities met, e.g. ``"H/M/L"``).

    >>> table = rpn_collisions()
    >>> len(table), int(table["combinations"].sum())
    (120, 1000)
    >>> table.set_index("rpn").loc[60, "combinations"]
    np.int64(24)
    """
    combos = rating_combinations()
    grouped = combos.groupby("rpn")
    table = pd.DataFrame({
        "combinations": grouped.size(),
        "min_severity": grouped["severity"].min(),
        "max_severity": grouped["severity"].max(),
        "priorities": grouped["action_priority"].agg(
            lambda levels: "/".join(level for level in AP_LEVELS if level in set(levels))),
    })
    return table.reset_index()


def rpn_distinct_values() -> np.ndarray:
    """The sorted RPN values that some (S, O, D) combination produces (120 of them).

    >>> values = rpn_distinct_values()
    >>> len(values), int(values[0]), int(values[-1]), 11 in values
    (120, 1, 1000, False)
    """
    r = np.arange(1, 11)
    return np.unique(r[:, None, None] * r[None, :, None] * r[None, None, :])


# --------------------------------------------------------------------------------------------------------
# Risk registers
# --------------------------------------------------------------------------------------------------------

def _id_column(register: pd.DataFrame) -> str | None:
    return next((c for c in ("risk", "id") if c in register.columns), None)


def _require_columns(register, columns, what="risk register"):
    if not isinstance(register, pd.DataFrame):
        raise DataError(f"the {what} must be a pandas DataFrame, got {type(register).__name__}; "
                        "build one with pd.DataFrame(...) or a loader from followup.datasets")
    twice = register.columns[register.columns.duplicated()]
    if len(twice):
        raise DataError(f"the {what} has two columns named {twice[0]!r}; rename or drop one of them")
    missing = [c for c in columns if c not in register.columns]
    if missing:
        found = ", ".join(map(repr, register.columns)) or "none"
        raise DataError(f"the {what} has no column {', '.join(map(repr, missing))}; "
                        f"it needs {', '.join(map(repr, columns))} (found: {found})")


def _row_labels(register: pd.DataFrame):
    """' of risk <name>' for each row: the risk column, else the id column, else the index."""
    column = _id_column(register)
    if column is None:
        return [f" of row {label!r}" for label in register.index]
    return [f" of {'risk' if column == 'risk' else 'id'} {value!r}" for value in register[column]]


def _register_ratings(register: pd.DataFrame):
    _require_columns(register, RATINGS)
    labels = _row_labels(register)
    return _triplet(register["severity"].to_numpy(), register["occurrence"].to_numpy(),
                    register["detection"].to_numpy(), labels)


_RANK_KEYS = {
    # Ties broken the way FMEA teams read the table: severity first, then occurrence, then detection.
    "rpn": ("rpn", "severity", "occurrence", "detection"),
    "ap": ("_ap_order", "severity", "occurrence", "detection"),
    "severity": ("severity", "occurrence", "detection"),
    "emv": ("emv", "severity", "occurrence", "detection"),
}


# Twin (the rankings the calculator offers): rankRegister in followup/calculators/rpn_calculator.mjs.
def rank_register(register: pd.DataFrame, *, by: str = "rpn") -> pd.DataFrame:
    """Add ``rpn``, ``action_priority`` (and ``emv`` when ``probability`` and ``impact`` are given) and a
    ``rank`` (1 = act first) to a risk register, sorted by that rank.

    ``register`` needs ``severity``, ``occurrence`` and ``detection`` columns and, to name risks in
    messages, a ``risk`` or ``id`` column. ``by`` is ``"rpn"``, ``"ap"`` (Action Priority H > M > L),
    ``"severity"`` or ``"emv"`` (expected monetary value, needs ``probability`` and ``impact``). Ties are
    broken by severity, then occurrence, then detection; rows equal on every key share a rank.

    >>> register = pd.DataFrame({"risk": ["rock burst", "water ingress", "gas"],
    ...                          "severity": [9, 10, 3], "occurrence": [2, 3, 6], "detection": [5, 3, 5]})
    >>> print(rank_register(register, by="rpn")[["risk", "rpn", "action_priority", "rank"]].to_string(index=False))
             risk  rpn action_priority  rank
    water ingress   90               L     1
       rock burst   90               M     2
              gas   90               L     3
    >>> rank_register(register, by="ap")["risk"].tolist()
    ['rock burst', 'water ingress', 'gas']
    """
    if by not in _RANK_KEYS:
        raise FollowupError(f"rank_register(by={by!r}) is not a ranking; use one of "
                            f"{', '.join(map(repr, _RANK_KEYS))}")
    s, o, d = _register_ratings(register)
    ranked = register.copy()
    ranked["rpn"] = s * o * d
    ranked["action_priority"] = np.array(AP_LEVELS, dtype=object)[_AP_CUBE[s - 1, o - 1, d - 1]]
    has_costs = {"probability", "impact"} <= set(register.columns)
    if by == "emv" and not has_costs:
        _require_columns(register, ("severity", "occurrence", "detection", "probability", "impact"))
    if has_costs:
        ranked["emv"] = expected_monetary_value(register["probability"], register["impact"])
    column = _id_column(register)
    if column is not None and register[column].duplicated().any():
        dup = register.loc[register[column].duplicated(), column].iloc[0]
        raise DataError(f"the risk register lists {column} {dup!r} twice; give every risk its own {column}")

    keys = ranked.assign(_ap_order=-_AP_CUBE[s - 1, o - 1, d - 1].astype(np.int64),
                         severity=s, occurrence=o, detection=d)[list(_RANK_KEYS[by])]
    # Descending on every key; rows equal on all keys keep their input order.
    order = (keys.assign(_original=np.arange(len(keys)))
             .sort_values(list(keys.columns) + ["_original"], ascending=[False] * keys.shape[1] + [True])
             ["_original"].to_numpy())
    ranked = ranked.iloc[order]
    sorted_keys = keys.iloc[order].to_numpy()
    new_group = np.r_[True, (sorted_keys[1:] != sorted_keys[:-1]).any(axis=1)]
    positions = np.arange(1, len(ranked) + 1)
    ranked["rank"] = np.maximum.accumulate(np.where(new_group, positions, 0))
    return ranked


# Twin: sameRpnDifferentSeverity in followup/calculators/rpn_calculator.mjs (tests/test_parity.py).
def same_rpn_different_severity(register: pd.DataFrame, *, min_gap: int = 5) -> pd.DataFrame:
    """Pairs of risks with the same RPN but severities at least ``min_gap`` apart.

    RPN treats them as equally urgent although one may threaten safety and the other be a nuisance.
    Returns one row per pair: ``risk_a`` (the more severe), ``risk_b``, ``rpn``, ``severity_a``,
    ``severity_b``, ``severity_gap``, ``priority_a``, ``priority_b``; sorted by gap (largest first),
    then RPN. Pass :func:`rating_combinations` to see every such pair on the 1-10 scales.

    >>> register = pd.DataFrame({"risk": ["leak", "scratch", "delay"], "severity": [10, 2, 5],
    ...                          "occurrence": [2, 5, 3], "detection": [2, 4, 2]})
    >>> same_rpn_different_severity(register)[["risk_a", "risk_b", "rpn", "severity_gap"]].values.tolist()
    [['leak', 'scratch', 40, 8]]
    """
    if isinstance(min_gap, bool) or not isinstance(min_gap, numbers.Integral) or not 1 <= min_gap <= 9:
        raise FollowupError(f"min_gap is {min_gap!r}; give a whole number of severity steps from 1 to 9")
    s, o, d = _register_ratings(register)
    column = _id_column(register)
    names = register[column].to_numpy() if column else register.index.to_numpy()
    table = pd.DataFrame({"name": names, "rpn": s * o * d, "severity": s,
                          "priority": np.array(AP_LEVELS, dtype=object)[_AP_CUBE[s - 1, o - 1, d - 1]],
                          "_row": np.arange(len(s))})
    pairs = table.merge(table, on="rpn", suffixes=("_a", "_b"))
    pairs = pairs[(pairs["severity_a"] - pairs["severity_b"] >= min_gap)]
    pairs = pairs.assign(severity_gap=pairs["severity_a"] - pairs["severity_b"])
    pairs = pairs.sort_values(["severity_gap", "rpn", "_row_a", "_row_b"], ascending=[False, False, True, True])
    return (pairs.rename(columns={"name_a": "risk_a", "name_b": "risk_b"})
            [["risk_a", "risk_b", "rpn", "severity_a", "severity_b", "severity_gap", "priority_a", "priority_b"]]
            .reset_index(drop=True))


# --------------------------------------------------------------------------------------------------------
# Expected monetary value and contingency
# --------------------------------------------------------------------------------------------------------

def _numbers(values, name: str, labels=None, *, low=None, high=None, rule: str):
    arr = elements(values)
    if arr.dtype.kind in "iuf":
        as_float = arr.astype(np.float64)
        ok = np.isfinite(as_float)
    else:
        ok = np.array([isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
                       and math.isfinite(float(v)) for v in arr.ravel()], dtype=bool).reshape(arr.shape)
        as_float = np.where(ok, arr, np.nan).astype(np.float64) if ok.all() else None
    if ok.all():
        if low is not None:
            ok &= as_float >= low
        if high is not None:
            ok &= as_float <= high
    if not ok.all():
        i = int(np.flatnonzero(~np.asarray(ok).ravel())[0])
        where = labels[i] if labels is not None else (_position(values, i, arr.shape) if arr.ndim else "")
        raise FollowupError(f"{name}{where} is {_show(arr.ravel()[i])}; {rule}")
    return as_float


_PROBABILITY_RULE = "a probability is a number from 0 to 1 (write 30 % as 0.3)"
_IMPACT_RULE = f"an impact is an amount of money within +-{MAX_MAGNITUDE:g}, e.g. 2_500_000"


def expected_monetary_value(probability, impact):
    """Expected monetary value EMV = probability x impact, per risk.

    Scalars give a ``float``; arrays an ndarray; Series a Series named ``emv``. Probabilities must lie in
    [0, 1]; impacts are amounts of money (a negative impact is an opportunity).

    >>> expected_monetary_value(0.2, 5_000_000)
    1000000.0
    >>> expected_monetary_value(1.5, 100)
    Traceback (most recent call last):
    ...
    followup.errors.FollowupError: probability is 1.5; a probability is a number from 0 to 1 (write 30 % as 0.3)
    """
    given, _ = aligned({"probability": probability, "impact": impact})
    probability, impact = given["probability"], given["impact"]
    p = _numbers(probability, "probability", low=0.0, high=1.0, rule=_PROBABILITY_RULE)
    i = _numbers(impact, "impact", low=-MAX_MAGNITUDE, high=MAX_MAGNITUDE, rule=_IMPACT_RULE)
    if _is_scalar(probability) and _is_scalar(impact):
        return float(p * i)
    try:
        p, i = np.broadcast_arrays(p, i)
    except ValueError as exc:
        raise FollowupError(f"probability and impact have different lengths ({np.shape(p)}, {np.shape(i)}); "
                            "give one of each per risk") from exc
    index = _series_index(probability, impact)
    return pd.Series(p * i, index=index, name="emv") if index is not None else p * i


@dataclass(frozen=True)
class Contingency:
    """The contingency reserve of a risk register: EMV per risk and their sum."""

    per_risk: pd.Series
    total: float


def contingency_reserve(register: pd.DataFrame, *, probability: str = "probability",
                        impact: str = "impact") -> Contingency:
    """EMV of each risk in a register and the total, the usual size of a contingency reserve.

    >>> register = pd.DataFrame({"risk": ["rock burst", "water ingress"], "probability": [0.1, 0.3],
    ...                          "impact": [8_000_000, 2_000_000]})
    >>> reserve = contingency_reserve(register)
    >>> reserve.per_risk.to_dict(), reserve.total
    ({'rock burst': 800000.0, 'water ingress': 600000.0}, 1400000.0)
    """
    _require_columns(register, (probability, impact))
    column = _id_column(register)
    labels = _row_labels(register)
    p = _numbers(register[probability].to_numpy(), probability, labels, low=0.0, high=1.0,
                 rule=_PROBABILITY_RULE)
    i = _numbers(register[impact].to_numpy(), impact, labels, low=-MAX_MAGNITUDE, high=MAX_MAGNITUDE,
                 rule=_IMPACT_RULE)
    index = pd.Index(register[column], name=column) if column else register.index
    per_risk = pd.Series(p * i, index=index, name="emv")
    return Contingency(per_risk=per_risk, total=float(per_risk.sum()))
