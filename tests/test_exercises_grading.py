"""`make grade` on a generated class: every kind of submission gets its row and the right points.

The class (tools/sample_submissions.py) is right, wrong in each named way, blank and broken (a syntax
error, a deleted cell, an infinite loop, another chapter's notebook, a file that is not a notebook).
Grading runs otter-grader on each notebook, as `make grade` does, so this test takes minutes.
"""
import csv
import json
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import exercise_sets  # noqa: E402
import grade  # noqa: E402
import sample_submissions  # noqa: E402

SET = "02-time"  # graded with its whole class: every kind of submission
#: The other sets get a smaller class (right, each mistake of the first variant, blank, a deleted cell), so the
#: test stays within minutes on a two-core machine; the broken kinds do not depend on the set.
SMALL_CLASS = ("right", "wrong_0", "blank", "deleted_cell")
OTHER_SETS = [s.id for s in exercise_sets.discover() if s.id != SET]


def _grade(tmp_path_factory, set_id, only=None):
    folder = tmp_path_factory.mktemp(f"class-{set_id}") / "submissions"
    expected = sample_submissions.write_class(set_id, folder, only=only)
    out = folder.parent / "grades"
    grade.main([str(folder), "--out", str(out), "--timeout", "150", "--set", set_id])
    with (out / "gradebook.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (out / "summary.csv").open(encoding="utf-8") as f:
        summary = {r["exercise"]: r for r in csv.DictReader(f)}
    return expected, rows, summary, out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return _grade(tmp_path_factory, SET)


@pytest.fixture(scope="module")
def graded_others(tmp_path_factory):
    return {set_id: _grade(tmp_path_factory, set_id, SMALL_CLASS) for set_id in OTHER_SETS}


def _wrong_rows(expected, rows):
    wrong = []
    for row in rows:
        points, kind, fragment = expected[row["student"]][row["exercise"]]
        if (float(row["points"]), row["kind"]) != (float(points), kind) or fragment not in row["feedback"]:
            wrong.append((row["student"], row["exercise"], row["points"], row["kind"], row["feedback"][:80]))
    return wrong


def test_every_submission_has_a_row_per_exercise(graded):
    expected, rows, _, _ = graded
    exercises = [e.name for e in exercise_sets.discover(SET)[0].exercises]
    assert sorted((r["student"], r["exercise"]) for r in rows) == sorted(
        (student, e) for student in expected for e in exercises)


def test_points_kind_and_feedback_of_every_row(graded):
    expected, rows, _, _ = graded
    wrong = _wrong_rows(expected, rows)
    assert not wrong, wrong


@pytest.mark.parametrize("set_id", OTHER_SETS)
def test_every_other_set_grades_right_wrong_blank_and_broken(graded_others, set_id):
    expected, rows, summary, _ = graded_others[set_id]
    exercises = [e.name for e in exercise_sets.discover(set_id)[0].exercises]
    assert sorted((r["student"], r["exercise"]) for r in rows) == sorted(
        (student, e) for student in expected for e in exercises)
    wrong = _wrong_rows(expected, rows)
    assert not wrong, wrong
    right = sum(float(r["points"]) for r in rows if r["student"] == "right")
    assert right == exercise_sets.discover(set_id)[0].points
    for exercise, line in summary.items():
        _, kind, message = expected["wrong_0"][exercise]
        if kind == "mistake":
            assert line["most_common_mistake"] == message, line


def test_broken_submissions_say_why(graded):
    _, rows, _, _ = graded
    why = {r["student"]: r["feedback"] for r in rows if r["exercise"] == "exercise_6"}
    assert "SyntaxError" in why["syntax_error"] and "deleted" in why["deleted_cell"]
    assert "did not finish" in why["infinite_loop"]
    assert "not of 02-time" in why["other_chapter"] and "not a Jupyter notebook" in why["not_a_notebook"]


def test_summary_names_the_most_common_mistake(graded):
    expected, rows, summary, _ = graded
    for exercise, line in summary.items():
        _, kind, message = expected["wrong_0"][exercise]
        if kind == "mistake":  # wrong_0 and wrong_0_again make the same mistake: the most common one
            assert line["most_common_mistake"] == message and int(line["mistake_count"]) == 2, line
        mine = [r for r in rows if r["exercise"] == exercise and r["kind"] != "not-graded"]
        assert float(line["share_correct"]) == pytest.approx(
            sum(r["kind"] == "correct" for r in mine) / len(mine), abs=0.001)


def test_results_are_otters_gradescope_json(graded):
    _, _, _, out = graded
    result = json.loads((out / "results" / "right.json").read_text(encoding="utf-8"))
    scored = [t for t in result["tests"] if "score" in t]
    assert sum(t["score"] for t in scored) == exercise_sets.discover(SET)[0].points
