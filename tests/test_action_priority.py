"""The AIAG-VDA Action Priority table: handbook cells, structure and monotonicity.

The reference below is typed out a second time, in a different shape (one string per severity band,
occurrence rows top to bottom, detection columns 7-10, 5-6, 2-4, 1), so that a slip in the library's
table is not checked against itself.
"""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.errors import RatingError
from followup.risk import (
    ACTION_PRIORITY_TABLE,
    DETECTION_BANDS,
    OCCURRENCE_BANDS,
    SEVERITY_BANDS,
    action_priority,
    action_priority_table,
)

HANDBOOK = {  # severity band -> rows O 8-10, 6-7, 4-5, 2-3, 1; columns D 7-10, 5-6, 2-4, 1
    (9, 10): "HHHH HHHH HHHM HMLL LLLL",
    (7, 8): "HHHH HHHM HMMM MMLL LLLL",
    (4, 6): "HHMM MMML MLLL LLLL LLLL",
    (2, 3): "MMLL LLLL LLLL LLLL LLLL",
    (1, 1): "LLLL LLLL LLLL LLLL LLLL",
}
O_ROWS = [(8, 10), (6, 7), (4, 5), (2, 3), (1, 1)]
D_COLS = [(7, 10), (5, 6), (2, 4), (1, 1)]


def handbook_ap(s, o, d):
    s_band = next(b for b in HANDBOOK if b[0] <= s <= b[1])
    row = next(i for i, b in enumerate(O_ROWS) if b[0] <= o <= b[1])
    col = next(i for i, b in enumerate(D_COLS) if b[0] <= d <= b[1])
    return HANDBOOK[s_band].split()[row][col]


ALL = list(itertools.product(range(1, 11), repeat=3))
RANK = {"L": 0, "M": 1, "H": 2}


def test_every_one_of_the_1000_combinations_matches_the_handbook():
    wrong = [(s, o, d) for s, o, d in ALL if action_priority(s, o, d) != handbook_ap(s, o, d)]
    assert wrong == []


@pytest.mark.parametrize("s, o, d, expected", [
    (10, 10, 10, "H"), (9, 4, 2, "H"), (10, 4, 1, "M"),   # S 9-10, O 4-5: only D 1 relaxes to M
    (9, 3, 7, "H"), (9, 2, 5, "M"), (10, 3, 4, "L"),      # S 9-10, O 2-3
    (10, 1, 10, "L"), (9, 1, 1, "L"),                     # a cause that essentially cannot occur
    (8, 6, 1, "M"), (7, 5, 1, "M"), (8, 4, 6, "M"), (7, 5, 7, "H"), (8, 3, 4, "L"), (7, 2, 6, "M"),
    (6, 8, 4, "M"), (5, 9, 6, "H"), (4, 7, 1, "L"), (6, 4, 7, "M"), (6, 5, 6, "L"), (5, 3, 10, "L"),
    (3, 9, 8, "M"), (2, 8, 5, "M"), (3, 8, 4, "L"), (3, 7, 10, "L"),
    (1, 10, 10, "L"),
])
def test_spot_values_from_the_handbook_table(s, o, d, expected):
    assert action_priority(s, o, d) == expected


def test_common_wrong_encodings_are_not_ours():
    # Seen in public encodings: "S 9-10 is always H", and a 2017 draft with severity bands 9-10/5-8/2-4/1.
    assert action_priority(10, 2, 2) == "L"
    assert action_priority(5, 4, 8) == "M"   # the draft gives H
    assert action_priority(8, 4, 1) == "M"   # a transcription slip gives L


def test_severity_one_is_always_low():
    assert {action_priority(1, o, d) for o in range(1, 11) for d in range(1, 11)} == {"L"}


def test_table_is_complete_and_shaped_as_the_bands():
    assert len(ACTION_PRIORITY_TABLE) == len(SEVERITY_BANDS) == 5
    assert all(len(block) == len(OCCURRENCE_BANDS) == 5 for block in ACTION_PRIORITY_TABLE)
    assert all(len(row) == len(DETECTION_BANDS) == 4 for block in ACTION_PRIORITY_TABLE for row in block)
    for bands in (SEVERITY_BANDS, OCCURRENCE_BANDS, DETECTION_BANDS):
        covered = sorted(r for low, high in bands for r in range(low, high + 1))
        assert covered == list(range(1, 11))


def test_exhaustive_monotonicity_never_falls_when_a_rating_rises():
    ap = {(s, o, d): RANK[action_priority(s, o, d)] for s, o, d in ALL}
    for (s, o, d), level in ap.items():
        for ds, do, dd in ((1, 0, 0), (0, 1, 0), (0, 0, 1)):
            higher = (s + ds, o + do, d + dd)
            if max(higher) <= 10:
                assert ap[higher] >= level, (s, o, d, higher)


rating = st.integers(1, 10)


@given(rating, rating, rating, rating, rating, rating)
def test_property_ap_is_monotone_in_all_three_ratings(s1, o1, d1, s2, o2, d2):
    low = (min(s1, s2), min(o1, o2), min(d1, d2))
    high = (max(s1, s2), max(o1, o2), max(d1, d2))
    assert RANK[action_priority(*high)] >= RANK[action_priority(*low)]


def test_level_counts_over_all_combinations():
    counts = pd.Series([action_priority(*c) for c in ALL]).value_counts()
    expected = pd.Series([handbook_ap(*c) for c in ALL]).value_counts()
    assert counts.to_dict() == expected.to_dict()
    assert set(counts.index) == {"H", "M", "L"}


def test_vectorised_matches_scalar_on_all_combinations():
    s, o, d = (np.array(x) for x in zip(*ALL))
    letters = action_priority(s, o, d)
    assert isinstance(letters, np.ndarray) and letters.shape == (1000,)
    assert letters.tolist() == [action_priority(*c) for c in ALL]


def test_vectorised_keeps_series_index_and_broadcasts_scalars():
    result = action_priority(pd.Series([10, 5, 1], index=["a", "b", "c"]), 8, 7)
    assert result.name == "action_priority"
    assert result.to_dict() == {"a": "H", "b": "H", "c": "L"}


def test_vectorised_rejects_a_bad_rating_naming_its_row():
    with pytest.raises(RatingError, match=r"detection of row 'b' is 0; ratings are whole numbers from 1 to 10"):
        action_priority(pd.Series([5, 5], index=["a", "b"]), 5, pd.Series([3, 0], index=["a", "b"]))


@pytest.mark.parametrize("bad, shown", [(11, "11"), (0, "0"), (7.5, "7.5"), (True, "True"),
                                        (float("nan"), "missing"), ("H", "'H'"), (None, "missing")])
def test_scalar_rejects_bad_ratings(bad, shown):
    with pytest.raises(RatingError, match=f"occurrence is {shown}"):
        action_priority(5, bad, 5)


def test_whole_floats_are_accepted():
    assert action_priority(9.0, 2.0, 5.0) == action_priority(9, 2, 5) == "M"
    assert action_priority(np.int64(9), np.float32(2), 5) == "M"


def test_band_table_dataframe_reads_like_the_handbook():
    table = action_priority_table()
    assert table.shape == (25, 4)
    assert list(table.columns) == ["D 7-10", "D 5-6", "D 2-4", "D 1"]
    assert table.loc[("7-8", "4-5")].tolist() == ["H", "M", "M", "M"]
    assert table.loc[("1", "8-10")].tolist() == ["L"] * 4
