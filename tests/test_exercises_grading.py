"""`make grade` on a generated class: every kind of submission gets its row and the right points.

The class (tools/sample_submissions.py) is right, wrong in each named way, blank and broken (a syntax
error, a deleted cell, an infinite loop, another chapter's notebook, a file that is not a notebook).
Grading runs otter-grader on each notebook, as `make grade` does (about 13 s a notebook on two cores), so
the default run grades a representative class, each grading run shared by the checks that read it:

- 02-time: right, its first two named mistakes (the first one twice, so the summary has a most common
  one to find), blank, and every broken kind; the infinite loop in a run of its own with a short timeout
  (a loop costs the whole timeout, and the class's timeout must leave a slow machine room);
- every other set: right and its first named mistakes (its own checks and otter tests, end to end).

``pytest -m slow tests/test_exercises_grading.py`` grades the whole class of every set: every named mistake.
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

SET = "02-time"  # graded with every kind of submission
SETS = [s.id for s in exercise_sets.discover()]
OTHER_SETS = [s for s in SETS if s != SET]
BROKEN = ("syntax_error", "deleted_cell", "other_chapter", "not_a_notebook")  # graded with the class
LOOP = "infinite_loop"  # graded alone: it holds a worker for the whole timeout
CLASS = ("right", "wrong_0", "wrong_0_again", "wrong_1", "blank", *BROKEN)
OTHER_CLASS = ("right", "wrong_0")
TIMEOUT, LOOP_TIMEOUT = 150, 20  # seconds a notebook: room for a loaded machine; enough to show a kill


def _grade(tmp_path_factory, set_id, only=None, timeout=TIMEOUT):
    folder = tmp_path_factory.mktemp(f"class-{set_id}") / "submissions"
    expected = sample_submissions.write_class(set_id, folder, only=only)
    out = folder.parent / "grades"
    grade.main([str(folder), "--out", str(out), "--timeout", str(timeout), "--set", set_id])
    with (out / "gradebook.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (out / "summary.csv").open(encoding="utf-8") as f:
        summary = {r["exercise"]: r for r in csv.DictReader(f)}
    return expected, rows, summary, out


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return _grade(tmp_path_factory, SET, CLASS)


@pytest.fixture(scope="module")
def looping(tmp_path_factory):
    return _grade(tmp_path_factory, SET, (LOOP,), timeout=LOOP_TIMEOUT)


@pytest.fixture(scope="module")
def graded_others(tmp_path_factory):
    return {set_id: _grade(tmp_path_factory, set_id, OTHER_CLASS) for set_id in OTHER_SETS}


def _wrong_rows(expected, rows):
    wrong = []
    for row in rows:
        points, kind, fragment = expected[row["student"]][row["exercise"]]
        if (float(row["points"]), row["kind"]) != (float(points), kind) or fragment not in row["feedback"]:
            wrong.append((row["student"], row["exercise"], row["points"], row["kind"], row["feedback"][:80]))
    return wrong


def _check_class(set_id, expected, rows, summary):
    """A row per submission and exercise, each with its points, kind and feedback; the right notebook gets
    every point; wrong_0's named mistakes are the most common ones of the summary."""
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


def test_every_kind_of_submission_of_one_set(graded):
    expected, rows, summary, _ = graded
    assert set(expected) == set(CLASS)
    _check_class(SET, expected, rows, summary)
    kinds = {r["kind"] for r in rows}
    assert {"correct", "mistake", "not-answered", "missing", "not-graded"} <= kinds


@pytest.mark.parametrize("set_id", OTHER_SETS)
def test_every_other_set_grades_right_and_its_named_mistakes(graded_others, set_id):
    expected, rows, summary, _ = graded_others[set_id]
    _check_class(set_id, expected, rows, summary)
    assert {r["kind"] for r in rows if r["student"] == "wrong_0"} >= {"mistake"}


def test_broken_submissions_say_why(graded, looping):
    why = {r["student"]: r["feedback"] for rows in (graded[1], looping[1]) for r in rows
           if r["exercise"] == "exercise_6"}
    assert "SyntaxError" in why["syntax_error"] and "deleted" in why["deleted_cell"]
    assert "not of 02-time" in why["other_chapter"] and "not a Jupyter notebook" in why["not_a_notebook"]
    assert f"grading stopped after {LOOP_TIMEOUT} s: the notebook did not finish" in why[LOOP]


def test_an_infinite_loop_is_stopped_and_every_exercise_says_so(looping):
    expected, rows, _, _ = looping
    assert set(expected) == {LOOP} and not _wrong_rows(expected, rows)
    assert {r["kind"] for r in rows} == {"not-graded"} and len(rows) == len(expected[LOOP])


def test_summary_names_the_most_common_mistake(graded):
    expected, rows, summary, _ = graded
    for exercise, line in summary.items():
        _, kind, message = expected["wrong_0"][exercise]
        if kind == "mistake":  # wrong_0 and wrong_0_again make the same mistake: more often than wrong_1's
            assert line["most_common_mistake"] == message and int(line["mistake_count"]) == 2, line
        mine = [r for r in rows if r["exercise"] == exercise and r["kind"] != "not-graded"]
        assert float(line["share_correct"]) == pytest.approx(
            sum(r["kind"] == "correct" for r in mine) / len(mine), abs=0.001)


def test_results_are_otters_gradescope_json(graded):
    _, _, _, out = graded
    result = json.loads((out / "results" / "right.json").read_text(encoding="utf-8"))
    scored = [t for t in result["tests"] if "score" in t]
    assert sum(t["score"] for t in scored) == exercise_sets.discover(SET)[0].points


@pytest.mark.slow
@pytest.mark.parametrize("set_id", SETS)
def test_the_whole_class_of_every_set(tmp_path_factory, set_id):
    """Every named mistake of every set, every kind of submission (minutes a set)."""
    expected, rows, summary, _ = _grade(tmp_path_factory, set_id)
    _check_class(set_id, expected, rows, summary)
    keys = sample_submissions.answer_key(exercise_sets.discover(set_id)[0].module)
    assert {f"wrong_{k}" for k in range(max(len(key.mistakes) for key in keys.values()))} <= set(expected)
    assert {"blank", LOOP, *BROKEN} <= set(expected)
