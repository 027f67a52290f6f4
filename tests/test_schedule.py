"""Hand-worked cases of the critical path method: every link type, leads, milestones,
imposed finish, several critical paths, several starts and ends, disconnected parts,
and every error path. Each expected number is derived in the comment above it."""

import numpy as np
import pandas as pd
import pytest

from followup.errors import ScheduleError
from followup.schedule import Schedule, critical_path_method, links_from_predecessors


def acts(**durations):
    return pd.DataFrame({"id": list(durations), "duration": list(durations.values())})


def links(*rows):
    """rows of (predecessor, successor[, type[, lag]])."""
    full = [(*r, "FS", 0)[:4] if len(r) == 2 else (*r, 0)[:4] if len(r) == 3 else r for r in rows]
    return pd.DataFrame(full, columns=["predecessor", "successor", "type", "lag"])


def dates(sched: Schedule, activity: str) -> tuple:
    row = sched.table.loc[activity]
    return tuple(
        row[c].item()
        for c in ("early_start", "early_finish", "late_start", "late_finish", "total_float", "free_float")
    )


# ----------------------------------------------------------------- link types
def test_fs_lag_into_last_activity_counts_in_duration():
    # A(3) FS+2 B(4): ES_B = EF_A + 2 = 5, EF_B = 9 -> the lag is part of the duration 3+2+4 = 9.
    s = critical_path_method(acts(A=3, B=4), links(("A", "B", "FS", 2)))
    assert s.duration == 9 and s.finish == 9
    assert dates(s, "A") == (0, 3, 0, 3, 0, 0)
    assert dates(s, "B") == (5, 9, 5, 9, 0, 0)
    assert s.critical_paths == [["A", "B"]]


def test_fs_lead_overlaps_activities():
    # A(5) FS-2 B(3): B may start 2 before A ends: ES_B = 5-2 = 3, EF_B = 6.
    s = critical_path_method(acts(A=5, B=3), links(("A", "B", "FS", -2)))
    assert s.duration == 6
    assert dates(s, "B") == (3, 6, 3, 6, 0, 0)


def test_ss_lag_leaves_float_on_short_successor():
    # A(6) SS+2 B(3): ES_B = ES_A + 2 = 2, EF_B = 5; project ends with A at 6.
    # Backward: LF_B = 6 -> LS_B = 3, TF_B = 1, FF_B = 6 - 5 = 1.
    # LS_A = min(6 - 6, LS_B - 2) = 0; link slack ES_B - 2 - ES_A = 0 -> FF_A = 0.
    s = critical_path_method(acts(A=6, B=3), links(("A", "B", "SS", 2)))
    assert s.duration == 6
    assert dates(s, "A") == (0, 6, 0, 6, 0, 0)
    assert dates(s, "B") == (2, 5, 3, 6, 1, 1)
    assert s.critical_activities == ["A"]
    assert s.critical_paths == [["A"]]


def test_ff_lag_pushes_the_finish():
    # A(4) FF+3 B(2): EF_B >= EF_A + 3 = 7 -> ES_B = 5. Duration 7 (an FF lag pushes the finish).
    # Backward: LS_B = 7 - 2 = 5; LF_A <= LF_B - 3 = 4 -> LS_A = 0: both critical.
    s = critical_path_method(acts(A=4, B=2), links(("A", "B", "FF", 3)))
    assert s.duration == 7
    assert dates(s, "A") == (0, 4, 0, 4, 0, 0)
    assert dates(s, "B") == (5, 7, 5, 7, 0, 0)
    assert s.critical_paths == [["A", "B"]]


def test_sf_lag():
    # A(2) SF+5 B(3): EF_B >= ES_A + 5 = 5 -> ES_B = 2, EF_B = 5 = duration.
    # Backward: LF_B = 5; LS_A <= LF_B - 5 = 0 -> both critical; FF_A = EF_B - 5 - ES_A = 0.
    s = critical_path_method(acts(A=2, B=3), links(("A", "B", "SF", 5)))
    assert s.duration == 5
    assert dates(s, "A") == (0, 2, 0, 2, 0, 0)
    assert dates(s, "B") == (2, 5, 2, 5, 0, 0)


def test_early_start_is_never_below_zero():
    # A(2) SF+1 B(3): EF_B >= 1 would allow ES_B = -2; the project starts at 0, so ES_B = 0, EF_B = 3.
    # A: LS_A = min(3 - 2, LF_B - 1 = 2) = 1 -> TF_A = 1; FF_A = min(3 - 2, EF_B - 1 - ES_A = 2) = 1.
    s = critical_path_method(acts(A=2, B=3), links(("A", "B", "SF", 1)))
    assert s.duration == 3
    assert dates(s, "B") == (0, 3, 0, 3, 0, 0)
    assert dates(s, "A") == (0, 2, 1, 3, 1, 1)
    assert s.critical_activities == ["B"]


def test_link_type_is_case_insensitive_and_blanks_default():
    # type 'ss' = SS; an empty type is FS and an empty lag is 0.
    frame = pd.DataFrame(
        {"predecessor": ["A", "A"], "successor": ["B", "C"], "type": ["ss", None], "lag": [1, np.nan]}
    )
    s = critical_path_method(acts(A=4, B=1, C=2), frame)
    assert s.table.loc["B", "early_start"] == 1  # SS+1
    assert s.table.loc["C", "early_start"] == 4  # FS+0
    assert s.links["type"].tolist() == ["SS", "FS"]
    assert s.links["lag"].tolist() == [1, 0]


def test_links_default_to_none_and_link_table_marks_driving_links():
    s = critical_path_method(acts(A=1, B=2))
    assert s.duration == 2 and s.critical_activities == ["B"]
    assert s.links.empty
    # C is driven by B (B finishes later), not by A: slack of A -> C = 5 - 1 = 4.
    s = critical_path_method(acts(A=1, B=5, C=1), links(("A", "C"), ("B", "C")))
    assert s.links["slack"].tolist() == [4, 0]
    assert s.links["driving"].tolist() == [False, True]


# ----------------------------------------------------------------- network shapes
def test_milestones_at_start_and_end():
    # S(0) -> A(3), B(2) -> F(0): duration 3; B has TF = FF = 1; milestones have zero length.
    s = critical_path_method(
        acts(S=0, A=3, B=2, F=0), links(("S", "A"), ("S", "B"), ("A", "F"), ("B", "F"))
    )
    assert s.duration == 3
    assert dates(s, "F") == (3, 3, 3, 3, 0, 0)
    assert dates(s, "B") == (0, 2, 1, 3, 1, 1)
    assert s.critical_paths == [["S", "A", "F"]]


def test_imposed_finish_gives_negative_float_and_most_negative_chain_is_critical():
    # A(3) -> B(4) needs 7 but must finish by 5: LS_B = 1, LS_A = -2 -> TF = -2 on both.
    # C(1) alone: LS_C = 4 -> TF_C = 4, not critical. FF_B = 5 - 7 = -2; FF_A = min(5 - 3, 3 - 3) = 0.
    s = critical_path_method(acts(A=3, B=4, C=1), links(("A", "B")), finish=5)
    assert s.duration == 7 and s.finish == 5
    assert dates(s, "A") == (0, 3, -2, 1, -2, 0)
    assert dates(s, "B") == (3, 7, 1, 5, -2, -2)
    assert dates(s, "C") == (0, 1, 4, 5, 4, 4)
    assert s.critical_paths == [["A", "B"]]


def test_imposed_finish_later_than_needed_gives_uniform_positive_float():
    # Same chain with finish 10: every activity has TF >= 3, the smallest (3) is critical.
    s = critical_path_method(acts(A=3, B=4), links(("A", "B")), finish=10)
    assert s.table["total_float"].tolist() == [3, 3]
    assert s.critical_activities == ["A", "B"]


def test_several_critical_paths_in_input_order():
    # A(2) -> B(3) -> D(1) and A -> C(3) -> D: two paths of 6.
    s = critical_path_method(
        acts(A=2, B=3, C=3, D=1), links(("A", "C"), ("A", "B"), ("B", "D"), ("C", "D"))
    )
    assert s.duration == 6
    assert s.critical_paths == [["A", "B", "D"], ["A", "C", "D"]]


def test_several_starts_and_ends_and_a_non_critical_end():
    # Starts A(2), B(4); C(3) after A and B; D(1) after A only.
    # ES_C = max(2, 4) = 4, EF_C = 7 = duration; ES_D = 2, EF_D = 3.
    # D is an end activity with TF = FF = 7 - 3 = 4.
    # A: LS_A = min(7 - 2, LS_C - 2 = 2, LS_D - 2 = 4) = 2 -> TF 2; FF_A = min(4 - 2, 2 - 2) = 0.
    s = critical_path_method(
        acts(A=2, B=4, C=3, D=1), links(("A", "C"), ("B", "C"), ("A", "D"))
    )
    assert s.duration == 7
    assert dates(s, "D") == (2, 3, 6, 7, 4, 4)
    assert dates(s, "A") == (0, 2, 2, 4, 2, 0)
    assert s.critical_paths == [["B", "C"]]


def test_disconnected_parts():
    # A(5) -> B(5) and X(2) -> Y(1) apart: duration 10; X, Y have TF 7; FF_X = 0, FF_Y = 7.
    s = critical_path_method(acts(A=5, B=5, X=2, Y=1), links(("A", "B"), ("X", "Y")))
    assert s.duration == 10
    assert dates(s, "X")[4:] == (7, 0)
    assert dates(s, "Y")[4:] == (7, 7)
    assert s.critical_paths == [["A", "B"]]
    # Two equally long parts are two critical paths; a lone critical activity is a path of one.
    s = critical_path_method(acts(A=5, B=5, X=4, Y=6, Z=10), links(("A", "B"), ("X", "Y")))
    assert s.critical_paths == [["A", "B"], ["X", "Y"], ["Z"]]


def test_table_keeps_input_order_names_and_extra_columns():
    frame = pd.DataFrame(
        {
            "id": [3, 1, 2],
            "duration": [1.5, 2, 0.5],
            "name": ["pour", "dig", "form"],
            "crew": ["c", "a", "b"],
        }
    )
    s = critical_path_method(frame, links(("1", "2"), (2, 3)))
    assert s.table.index.tolist() == ["3", "1", "2"]
    assert s.table.index.name == "id"
    assert list(s.table.columns) == [
        "name", "duration", "early_start", "early_finish", "late_start", "late_finish",
        "total_float", "free_float", "critical", "crew",
    ]
    assert s.table["crew"].tolist() == ["c", "a", "b"]
    assert s.table["name"].tolist() == ["pour", "dig", "form"]
    # Non-integer durations give float dates: 2 + 0.5 + 1.5 = 4.0.
    assert s.duration == pytest.approx(4.0) and isinstance(s.duration, float)
    assert s.table.loc["3", "early_start"] == pytest.approx(2.5)


def test_integer_inputs_give_integer_dates_and_name_defaults_to_id():
    s = critical_path_method(acts(A=2, B=3), links(("A", "B")))
    assert s.table["early_start"].dtype == np.int64
    assert isinstance(s.duration, int)
    assert s.table["name"].tolist() == ["A", "B"]


def test_rescheduling_a_schedule_table_recomputes_dates():
    first = critical_path_method(acts(A=2, B=3), links(("A", "B")))
    changed = first.table.reset_index().assign(duration=[5, 3])
    again = critical_path_method(changed, links(("A", "B")))
    assert again.duration == 8
    assert again.table.loc["B", "early_start"] == 5


def test_too_many_critical_paths_fails_with_advice():
    # 17 diamonds in series, every branch equal: 2**17 = 131,072 critical paths.
    ids = ["n0"]
    rows = []
    for k in range(17):
        top, bottom, join = f"t{k}", f"b{k}", f"n{k + 1}"
        ids += [top, bottom, join]
        rows += [(f"n{k}", top), (f"n{k}", bottom), (top, join), (bottom, join)]
    s = critical_path_method(pd.DataFrame({"id": ids, "duration": 1}), links(*rows))
    assert len(s.critical_activities) == len(ids)
    with pytest.raises(ScheduleError, match=r"131072 critical paths.*critical_activities"):
        s.critical_paths


# ----------------------------------------------------------------- links_from_predecessors
def test_links_from_predecessors_parses_types_lags_and_spaces():
    frame = pd.DataFrame(
        {
            "id": ["A", "B", "site survey", "C", "D"],
            "duration": [1, 2, 3, 4, 5],
            "predecessors": [None, "A", "", "A; B ss+2, site survey FF-1.5", "site survey; C +3"],
        }
    )
    got = links_from_predecessors(frame)
    assert got.to_dict("list") == {
        "predecessor": ["A", "A", "B", "site survey", "site survey", "C"],
        "successor": ["B", "C", "C", "C", "D", "D"],
        "type": ["FS", "FS", "SS", "FF", "FS", "FS"],
        "lag": [0, 0, 2, -1.5, 0, 3],
    }
    assert critical_path_method(frame, got).duration > 0


def test_links_from_predecessors_reads_numeric_cells_from_csv():
    # pandas reads a column of single numeric ids with blanks as floats: 1.0 means id "1".
    frame = pd.DataFrame({"id": [1, 2, 3], "duration": [1, 1, 1], "predecessors": [np.nan, 1.0, 2.0]})
    assert links_from_predecessors(frame)[["predecessor", "successor"]].values.tolist() == [["1", "2"], ["2", "3"]]


def test_links_from_predecessors_errors_name_row_and_token():
    frame = pd.DataFrame({"id": ["weld", "paint"], "duration": [1, 1], "predecessors": ["", "wled"]})
    with pytest.raises(ScheduleError, match=r"'paint' depends on unknown activity 'wled' — did you mean 'weld'\?.*row 1"):
        links_from_predecessors(frame)
    frame["predecessors"] = ["", "weld XY+2"]
    with pytest.raises(ScheduleError, match=r"unknown link type 'XY' in row 1 \(activity 'paint'\), entry 'weld XY\+2'"):
        links_from_predecessors(frame)
    with pytest.raises(ScheduleError, match=r"no 'preds' column"):
        links_from_predecessors(frame, column="preds")


# ----------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"id": ["A", "A"], "duration": [1, 2]}), r"duplicate activity id\(s\) \['A'\]"),
        (pd.DataFrame({"id": ["A", "B"], "duration": [1, np.nan]}), r"activity 'B' has no duration"),
        (pd.DataFrame({"id": ["A", "B"], "duration": [1, -2]}), r"activity 'B' has a negative duration -2"),
        (pd.DataFrame({"id": ["A", "B"], "duration": [1, "two"]}), r"activity 'B' has a non-numeric duration 'two'"),
        (pd.DataFrame({"id": ["A"], "duration": [np.inf]}), r"activity 'A' has an infinite duration"),
        (pd.DataFrame({"id": ["A", None], "duration": [1, 2]}), r"row 1 has no id"),
        (pd.DataFrame({"name": ["A"], "duration": [1]}), r"no 'id' column"),
        (pd.DataFrame({"id": ["A"], "time": [1]}), r"no 'duration' column"),
        (pd.DataFrame({"id": [], "duration": []}), r"activities is empty"),
    ],
)
def test_bad_activities(frame, message):
    with pytest.raises(ScheduleError, match=message):
        critical_path_method(frame)


def test_activities_must_be_a_dataframe():
    with pytest.raises(ScheduleError, match=r"got dict"):
        critical_path_method({"id": ["A"], "duration": [1]})


@pytest.mark.parametrize(
    ("link_frame", "message"),
    [
        (links(("wled", "paint")), r"activity 'paint' depends on unknown activity 'wled' — did you mean 'weld'\?"),
        (links(("weld", "pain")), r"activity 'weld' is linked to unknown successor 'pain' — did you mean 'paint'\?"),
        (links(("weld", "xyz")), r"unknown successor 'xyz' \(link in row 0"),
        (links(("weld", "paint", "FX")), r"link 'weld' -> 'paint' has unknown type 'FX': use one of FS, SS, FF, SF"),
        (links(("weld", "weld")), r"activity 'weld' is linked to itself \(link in row 0\)"),
        (links(("weld", "paint", "FS", "soon")), r"link 'weld' -> 'paint' has lag 'soon'"),
        (pd.DataFrame({"from": ["weld"], "successor": ["paint"]}), r"links has no 'predecessor' column"),
        (pd.DataFrame({"predecessor": [None], "successor": ["paint"]}), r"row 0 \(-> 'paint'\) has no predecessor"),
    ],
)
def test_bad_links(link_frame, message):
    with pytest.raises(ScheduleError, match=message):
        critical_path_method(acts(weld=2, paint=1, cure=3), link_frame)


def test_cycle_is_listed_in_order():
    frame = acts(X=1, A=1, B=1, C=1)
    cycle = links(("X", "A"), ("A", "B"), ("B", "C"), ("C", "A"))
    with pytest.raises(ScheduleError, match=r"cycle: A -> B -> C -> A; remove or reverse one of these links"):
        critical_path_method(frame, cycle)
    # A cycle downstream of another blocked node is still found: two-node cycle behind one.
    with pytest.raises(ScheduleError, match=r"cycle: B -> C -> B"):
        critical_path_method(frame, links(("B", "C"), ("C", "B"), ("C", "X")))


@pytest.mark.parametrize("finish", ["soon", np.inf, None])
def test_bad_finish(finish):
    if finish is None:  # None means "no imposed finish": accepted
        assert critical_path_method(acts(A=1), finish=finish).finish == 1
        return
    with pytest.raises(ScheduleError, match=r"finish must be a"):
        critical_path_method(acts(A=1), finish=finish)


def test_errors_are_value_errors():
    with pytest.raises(ValueError):
        critical_path_method(acts(A=-1))


def test_docstring_examples_run():
    import doctest

    import followup.schedule

    result = doctest.testmod(followup.schedule, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_links_must_be_a_dataframe_and_empty_links_are_none():
    with pytest.raises(ScheduleError, match=r"links must be a pandas DataFrame or None, got list"):
        critical_path_method(acts(A=1), [("A", "B")])
    empty = pd.DataFrame(columns=["predecessor", "successor"])
    assert critical_path_method(acts(A=1, B=2), empty).duration == 2
