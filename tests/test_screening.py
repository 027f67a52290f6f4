"""Screening measures for the card-fraud case: counts, measures, the FPR threshold, validation."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.errors import DataError, FollowupError
from followup.screening import (
    Confusion,
    confusion_at_threshold,
    measures_by_threshold,
    screening_measures,
    threshold_for_fpr,
)

SCORES = [0.95, 0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.1]
LABELS = [1, 0, 1, 0, 1, 0, 0, 0]


def test_confusion_worked_by_hand():
    c = confusion_at_threshold(SCORES, LABELS, 0.55)
    assert c == Confusion(threshold=0.55, tp=2, fp=2, tn=3, fn=1)
    assert c.total == 8


def test_threshold_is_inclusive():
    assert confusion_at_threshold([0.5, 0.5], [1, 0], 0.5) == Confusion(0.5, 1, 1, 0, 0)
    assert confusion_at_threshold([0.5, 0.5], [1, 0], 0.5000001) == Confusion(0.5000001, 0, 0, 1, 1)


def test_measures_worked_by_hand():
    m = screening_measures(SCORES, LABELS, 0.55)
    assert m == pytest.approx({"precision": 2 / 4, "recall": 2 / 3, "false_positive_rate": 2 / 5,
                               "specificity": 3 / 5, "accuracy": 5 / 8, "flagged_share": 4 / 8})


def test_measures_undefined_ratios_are_nan():
    nothing = screening_measures(SCORES, LABELS, 2.0)
    assert math.isnan(nothing["precision"]) and nothing["recall"] == 0 and nothing["flagged_share"] == 0
    no_fraud = screening_measures([0.1, 0.9], [0, 0], 0.5)
    assert math.isnan(no_fraud["recall"]) and no_fraud["false_positive_rate"] == 0.5
    all_fraud = screening_measures([0.1, 0.9], [1, 1], 0.5)
    assert math.isnan(all_fraud["false_positive_rate"]) and math.isnan(all_fraud["specificity"])


def test_accuracy_says_little_when_fraud_is_rare():
    rng = np.random.default_rng(4)
    labels = rng.random(50_000) < 0.003
    scores = np.where(labels, rng.beta(5, 2, labels.size), rng.beta(2, 5, labels.size))
    flag_nothing = screening_measures(scores, labels, 1.01)
    assert flag_nothing["accuracy"] > 0.99 and flag_nothing["recall"] == 0
    at_92 = measures_by_threshold(scores, labels, np.linspace(0, 1, 201))
    row = at_92.iloc[(at_92["accuracy"] - 0.92).abs().argmin()]
    assert row["false_positive_rate"] > 0.05   # "92 % accuracy" flags thousands of good customers


def test_labels_as_booleans_and_series():
    s = pd.Series(SCORES, index=[f"t{i}" for i in range(8)])
    y = pd.Series(LABELS, index=s.index).astype(bool)
    assert confusion_at_threshold(s, y, 0.55) == confusion_at_threshold(SCORES, LABELS, 0.55)
    assert confusion_at_threshold(SCORES, [float(v) for v in LABELS], 0.55).tp == 2


def test_measures_by_threshold_table():
    table = measures_by_threshold(SCORES, LABELS, [0.0, 0.55, 1.0])
    assert list(table.columns) == ["threshold", "tp", "fp", "tn", "fn", "precision", "recall",
                                   "false_positive_rate", "specificity", "accuracy", "flagged_share"]
    assert table[["tp", "fp", "tn", "fn"]].values.tolist() == [[3, 5, 0, 0], [2, 2, 3, 1], [0, 0, 5, 3]]
    assert table["recall"].is_monotonic_decreasing and table["false_positive_rate"].is_monotonic_decreasing


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.booleans()), min_size=1, max_size=60),
       st.lists(st.integers(-1, 22), min_size=1, max_size=8))
def test_vectorised_table_equals_one_threshold_at_a_time(rows, thresholds):
    scores = [s / 20 for s, _ in rows]
    labels = [int(b) for _, b in rows]
    ts = [t / 20 for t in thresholds]
    table = measures_by_threshold(scores, labels, ts)
    for t, row in zip(ts, table.itertuples()):
        c = confusion_at_threshold(scores, labels, t)
        assert (row.tp, row.fp, row.tn, row.fn) == (c.tp, c.fp, c.tn, c.fn)
        m = screening_measures(scores, labels, t)
        for name, value in m.items():
            assert (math.isnan(value) and math.isnan(getattr(row, name))) or value == pytest.approx(getattr(row, name))


def brute_threshold(scores, labels, max_fpr):
    """The smallest score value whose FPR is within max_fpr, by trying every one."""
    negatives = sum(1 for v in labels if not v)
    for t in sorted(set(scores)):
        fp = sum(1 for s, v in zip(scores, labels) if s >= t and not v)
        if fp / negatives <= max_fpr + 1e-12:
            return t
    return None


def test_threshold_for_fpr_by_hand():
    assert threshold_for_fpr(SCORES, LABELS, 0.2) == 0.8       # 5 legitimate: 1 false positive allowed
    assert threshold_for_fpr(SCORES, LABELS, 0.0) == 0.95
    assert threshold_for_fpr(SCORES, LABELS, 1.0) == 0.1       # flag everything


def test_threshold_for_fpr_nothing_can_be_flagged():
    t = threshold_for_fpr([0.9, 0.2], [0, 1], 0.0)
    assert t > 0.9 and confusion_at_threshold([0.9, 0.2], [0, 1], t).fp == 0


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.booleans()), min_size=1, max_size=50), st.integers(0, 100))
def test_threshold_for_fpr_matches_brute_force(rows, percent):
    scores = [s / 30 for s, _ in rows]
    labels = [int(b) for _, b in rows]
    if all(labels):
        return
    max_fpr = percent / 100
    t = threshold_for_fpr(scores, labels, max_fpr)
    expected = brute_threshold(scores, labels, max_fpr)
    if expected is None:
        assert t > max(scores)
    else:
        assert t == expected
    assert screening_measures(scores, labels, t)["false_positive_rate"] <= max_fpr + 1e-12


def test_threshold_for_fpr_article_figure_on_tens_of_thousands():
    rng = np.random.default_rng(7)
    labels = rng.random(60_000) < 0.004
    scores = np.round(np.where(labels, rng.beta(6, 2, labels.size), rng.beta(2, 6, labels.size)), 4)
    t = threshold_for_fpr(scores, labels, 0.003)
    fpr = screening_measures(scores, labels, t)["false_positive_rate"]
    assert fpr <= 0.003
    lower = np.max(scores[scores < t])       # the next lower threshold breaks the limit
    assert screening_measures(scores, labels, lower)["false_positive_rate"] > 0.003


def test_fpr_limit_exactly_on_an_integer_count():
    # 1000 legitimate, limit 0.003 -> exactly 3 false positives allowed despite 0.003 * 1000 rounding.
    scores = np.r_[np.arange(1000) / 1000, [0.9995]]
    labels = np.r_[np.zeros(1000, dtype=int), [1]]
    t = threshold_for_fpr(scores, labels, 0.003)
    assert confusion_at_threshold(scores, labels, t).fp == 3


@pytest.mark.parametrize("scores, labels, message", [
    ([0.1, 0.2], [0, 1, 1], "scores has 2 values but labels has 3"),
    ([0.1, 0.2], [0, 2], r"labels at position 1 is .*2.*; labels must be 0 \(legitimate\) or 1 \(fraud\)"),
    ([0.1, 0.2], [0, -1], "labels at position 1"),
    ([0.1, 0.2], [0, float("nan")], "labels at position 1 is .*nan"),
    ([0.1, 0.2], ["0", "1"], "labels at position 0 is .*'0'"),
    ([0.1, float("nan")], [0, 1], "scores at position 1 is .*nan.*finite numbers"),
    ([0.1, "high"], [0, 1], "scores at position 1 is .*'high'"),
    ([0.1, True], [0, 1], "scores at position 1 is True"),
    (pd.Series([0.1, 0.2], index=["a", "b"]), pd.Series([0, 5], index=["a", "b"]), "labels at row 'b'"),
    ([], [], "empty"),
    ([[0.1]], [[1]], "one-dimensional"),
])
def test_bad_input_names_position_and_fix(scores, labels, message):
    with pytest.raises(DataError, match=message):
        confusion_at_threshold(scores, labels, 0.5)


@pytest.mark.parametrize("threshold", [float("nan"), "0.5", None, True])
def test_bad_threshold(threshold):
    with pytest.raises(DataError, match="threshold is"):
        confusion_at_threshold(SCORES, LABELS, threshold)
    with pytest.raises(FollowupError):
        measures_by_threshold(SCORES, LABELS, [0.1, threshold])


@pytest.mark.parametrize("max_fpr", [-0.1, 1.5, "0.003", float("nan"), True])
def test_bad_max_fpr(max_fpr):
    with pytest.raises(DataError, match="max_fpr is .*0.3 % is 0.003"):
        threshold_for_fpr(SCORES, LABELS, max_fpr)


def test_fpr_undefined_without_legitimate_transactions_and_empty_thresholds():
    with pytest.raises(DataError, match="no legitimate transaction"):
        threshold_for_fpr([0.2, 0.4], [1, 1], 0.003)
    with pytest.raises(DataError, match="non-empty list"):
        measures_by_threshold(SCORES, LABELS, [])
