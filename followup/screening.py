"""Measures of a screening model at a threshold: the card-fraud case (article paragraph S4.1).

A model gives every transaction a score; transactions scoring at or above a threshold are flagged for
review. Against the true labels (1 = fraud, 0 = legitimate) that makes four counts - true and false
positives, true and false negatives - and the measures the article mixes up: the *false-positive rate*
(share of legitimate transactions wrongly flagged, the "misjudgement rate within 0.3 %") and
*accuracy* (share of all transactions classified right, the "92 %"), which says little when fraud is rare.

>>> scores = [0.9, 0.8, 0.3, 0.2, 0.1]
>>> labels = [1, 0, 1, 0, 0]
>>> confusion_at_threshold(scores, labels, 0.5)
Confusion(threshold=0.5, tp=1, fp=1, tn=2, fn=1)
>>> screening_measures(scores, labels, 0.5)["recall"]
0.5
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from followup.bounds import aligned, elements
from followup.errors import DataError

__all__ = [
    "Confusion",
    "confusion_at_threshold",
    "measures_by_threshold",
    "screening_measures",
    "threshold_for_fpr",
]


@dataclass(frozen=True)
class Confusion:
    """Counts of a screening at one threshold (flagged = score >= threshold)."""

    threshold: float
    tp: int
    fp: int
    tn: int
    fn: int

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.tn + self.fn


def _where(values, i: int) -> str:
    label = values.index[i] if isinstance(values, pd.Series) else i
    return f"row {label!r}" if isinstance(values, pd.Series) else f"position {label}"


def _as_array(values) -> np.ndarray:
    """Lists stay element by element (object dtype), so a True or a 'high' among numbers is seen, not cast."""
    return elements(values)


def _plain(value):
    """numpy scalars as Python ones, so messages read 2, not np.int64(2)."""
    return value.item() if isinstance(value, np.generic) else value


def _scores_and_labels(scores, labels):
    """Validated float scores and bool labels (True = fraud) as numpy arrays."""
    given, _ = aligned({"scores": scores, "labels": labels}, error=DataError)  # by transaction id, not position
    scores, labels = given["scores"], given["labels"]
    s, y = _as_array(scores), _as_array(labels)
    for name, arr in (("scores", s), ("labels", y)):
        if arr.ndim != 1:
            raise DataError(f"{name} must be one-dimensional (one value per transaction), got shape {arr.shape}")
    if len(s) != len(y):
        raise DataError(f"scores has {len(s)} values but labels has {len(y)}; give one score and one label "
                        "per transaction")
    if len(s) == 0:
        raise DataError("scores and labels are empty; give at least one transaction")

    if s.dtype.kind in "iuf":
        s = s.astype(np.float64)
        bad = ~np.isfinite(s)
    else:
        bad = np.array([isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real)
                        or not math.isfinite(float(v)) for v in s])
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataError(f"scores at {_where(scores, i)} is {_plain(s[i])!r}; scores must be finite "
                        "numbers (fill or drop transactions without a score)")

    if y.dtype.kind == "b":
        return s.astype(np.float64), y
    if y.dtype.kind in "iuf":
        bad = ~((y == 0) | (y == 1))
    else:
        bad = np.array([isinstance(v, (bool, np.bool_)) is False and
                        (not isinstance(v, numbers.Real) or v not in (0, 1)) for v in y])
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataError(f"labels at {_where(labels, i)} is {_plain(y[i])!r}; labels must be 0 "
                        "(legitimate) or 1 (fraud)")
    return s.astype(np.float64), y.astype(bool)


def _threshold(threshold) -> float:
    if isinstance(threshold, (bool, np.bool_)) or not isinstance(threshold, numbers.Real) \
            or not math.isfinite(float(threshold)):
        raise DataError(f"threshold is {threshold!r}; give a finite number (transactions scoring at or above "
                        "it are flagged)")
    return float(threshold)


def _counts(s: np.ndarray, y: np.ndarray, thresholds: np.ndarray):
    """TP, FP, TN, FN for each threshold, by binary search in the sorted scores (O((n + k) log n))."""
    pos, neg = np.sort(s[y]), np.sort(s[~y])
    tp = len(pos) - np.searchsorted(pos, thresholds, side="left")
    fp = len(neg) - np.searchsorted(neg, thresholds, side="left")
    return tp, fp, len(neg) - fp, len(pos) - tp


def confusion_at_threshold(scores, labels, threshold) -> Confusion:
    """The confusion counts when transactions scoring ``>= threshold`` are flagged.

    >>> confusion_at_threshold([0.2, 0.7, 0.7], [0, 0, 1], 0.7).fp
    1
    """
    s, y = _scores_and_labels(scores, labels)
    t = _threshold(threshold)
    flagged = s >= t
    tp = int(np.count_nonzero(flagged & y))
    fp = int(np.count_nonzero(flagged & ~y))
    return Confusion(threshold=t, tp=tp, fp=fp, tn=int(np.count_nonzero(~y)) - fp, fn=int(np.count_nonzero(y)) - tp)


def _ratio(num, den):
    """num / den, NaN where den is 0 (e.g. precision when nothing is flagged)."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _measures(tp, fp, tn, fn) -> dict:
    n = tp + fp + tn + fn
    return {
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "false_positive_rate": _ratio(fp, fp + tn),
        "specificity": _ratio(tn, fp + tn),
        "accuracy": _ratio(tp + tn, n),
        "flagged_share": _ratio(tp + fp, n),
    }


def screening_measures(scores, labels, threshold) -> dict[str, float]:
    """Precision, recall, false-positive rate, specificity, accuracy and flagged share at a threshold.

    - precision: share of flagged transactions that are fraud (NaN when nothing is flagged);
    - recall: share of fraud that is flagged (NaN when there is no fraud);
    - false_positive_rate: share of legitimate transactions flagged (NaN when all are fraud);
    - specificity = 1 - false_positive_rate; accuracy: share classified right; flagged_share: share flagged.

    >>> m = screening_measures([0.9, 0.1, 0.2, 0.3], [1, 0, 0, 0], 0.25)
    >>> m["precision"], m["false_positive_rate"], m["accuracy"]
    (0.5, 0.3333333333333333, 0.75)
    """
    c = confusion_at_threshold(scores, labels, threshold)
    return {name: float(value) for name, value in _measures(c.tp, c.fp, c.tn, c.fn).items()}


def measures_by_threshold(scores, labels, thresholds) -> pd.DataFrame:
    """One row per threshold: the counts (tp, fp, tn, fn) and every measure of :func:`screening_measures`.

    Vectorised: tens of thousands of transactions and hundreds of thresholds take milliseconds.

    >>> table = measures_by_threshold([0.9, 0.1, 0.2, 0.3], [1, 0, 0, 0], [0.15, 0.5])
    >>> table[["threshold", "tp", "fp", "recall", "false_positive_rate"]].values.tolist()
    [[0.15, 1.0, 2.0, 1.0, 0.6666666666666666], [0.5, 1.0, 0.0, 1.0, 0.0]]
    """
    s, y = _scores_and_labels(scores, labels)
    t = np.atleast_1d(_as_array(thresholds))
    if t.ndim != 1 or len(t) == 0:
        raise DataError("thresholds must be a non-empty list of numbers, e.g. np.linspace(0, 1, 101)")
    t = np.array([_threshold(v) for v in t.tolist()])
    tp, fp, tn, fn = _counts(s, y, t)
    table = pd.DataFrame({"threshold": t, "tp": tp, "fp": fp, "tn": tn, "fn": fn})
    return table.assign(**_measures(tp, fp, tn, fn))


def threshold_for_fpr(scores, labels, max_fpr: float) -> float:
    """The lowest threshold whose false-positive rate is at most ``max_fpr`` (flagged = score >= threshold).

    Lower thresholds catch more fraud, so this is the threshold that catches the most fraud within the
    allowed rate of wrongly flagged legitimate transactions - the article's "misjudgement within 0.3 %"
    is ``max_fpr=0.003``. The answer is one of the scores; if even the highest score flags too many
    legitimate transactions, it is a number just above the highest score (nothing flagged).

    >>> scores = [0.95, 0.9, 0.8, 0.6, 0.5, 0.4, 0.3]
    >>> labels = [1, 0, 1, 0, 1, 0, 0]
    >>> threshold_for_fpr(scores, labels, 0.25)   # 4 legitimate: at most 1 may be flagged
    0.8
    """
    if isinstance(max_fpr, (bool, np.bool_)) or not isinstance(max_fpr, numbers.Real) \
            or not 0 <= float(max_fpr) <= 1:
        raise DataError(f"max_fpr is {max_fpr!r}; give a share from 0 to 1 (0.3 % is 0.003)")
    s, y = _scores_and_labels(scores, labels)
    neg = np.sort(s[~y])
    if len(neg) == 0:
        raise DataError("labels contain no legitimate transaction (0): the false-positive rate is undefined")
    # Largest number of false positives allowed; the epsilon absorbs 0.003 * n landing just below an integer.
    allowed = math.floor(float(max_fpr) * len(neg) + 1e-9)
    candidates = np.unique(s)
    fp = len(neg) - np.searchsorted(neg, candidates, side="left")   # non-increasing in the threshold
    ok = np.flatnonzero(fp <= allowed)
    if len(ok) == 0:
        return float(np.nextafter(candidates[-1], np.inf))
    return float(candidates[ok[0]])
