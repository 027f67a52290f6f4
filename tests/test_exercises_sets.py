"""The exercise sets: one source each generates the learners' notebook, the instructors' and the grader's tests."""
import pathlib
import sys
import zipfile

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import exercise_sets  # noqa: E402

SETS = exercise_sets.discover()
IDS = [s.id for s in SETS]


def test_every_chapter_exercise_notebook_has_a_source():
    learners = sorted(p.stem for p in (ROOT / "exercises").glob("[0-9][0-9]-*.ipynb"))
    assert learners == IDS, "convert a set in today's format: python tools/exercise_sets.py convert NN-topic"


@pytest.mark.parametrize("exercise_set", SETS, ids=IDS)
def test_generated_notebooks_are_up_to_date(exercise_set):
    assert exercise_sets.stale(exercise_set) == [], "regenerate: python tools/exercise_sets.py"


@pytest.mark.parametrize("exercise_set", SETS, ids=IDS)
def test_learners_notebook_has_blanks_locked_checks_and_no_solution(exercise_set):
    nb = nbformat.read(exercise_set.learners, as_version=4)
    source = nbformat.read(exercise_set.source, as_version=4)
    solutions = [c.source for c in source.cells if exercise_sets.TAG_SOLUTION in c.metadata.get("tags", [])]
    code = [c.source for c in nb.cells]
    assert not set(solutions) & set(code)
    assert nb.metadata["otter"]["assignment_name"] == exercise_set.id
    for exercise in exercise_set.exercises:
        check = next(c for c in nb.cells if c.source == f"check_{exercise.number}(answer_{exercise.number})")
        assert check.metadata["deletable"] is False and check.metadata["editable"] is False
        assert check.metadata["exercise"] == {"name": exercise.name, "points": exercise.points}
        blank = nb.cells[nb.cells.index(check) - 1]
        assert f"answer_{exercise.number} = ..." in blank.source, "the blank sits right above its check"


@pytest.mark.parametrize("exercise_set", SETS, ids=IDS)
def test_one_naming_pattern_for_answers(exercise_set):
    for path in (exercise_set.learners, exercise_set.instructors):
        code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert "answer =" not in code and "(answer)" not in code, path.name
        for exercise in exercise_set.exercises:
            assert f"answer_{exercise.number} =" in code, (path.name, exercise.number)


@pytest.mark.parametrize("exercise_set", SETS, ids=IDS)
def test_instructors_notebook_runs_every_check_to_correct(exercise_set):
    nb = nbformat.read(exercise_set.instructors, as_version=4)
    for exercise in exercise_set.exercises:
        check = next(c for c in nb.cells if c.source == f"check_{exercise.number}(answer_{exercise.number})")
        text = "".join(o.get("data", {}).get("text/html", "") for o in check.outputs)
        assert "followup-feedback-correct" in text, (exercise_set.id, exercise.number)


def test_points_follow_the_level_in_the_heading():
    time = next(s for s in SETS if s.id == "02-time")
    assert [e.points for e in time.exercises] == [1, 2, 3, 3, 2, 3]  # recall, apply, analyse x2, apply, judge


@pytest.mark.parametrize("exercise_set", SETS, ids=IDS)
def test_grader_files(exercise_set, tmp_path):
    archive = exercise_sets.write_grader(exercise_set, tmp_path)
    with zipfile.ZipFile(archive) as zf:
        names = sorted(zf.namelist())
        assert names == sorted(["otter_config.json"] + [f"tests/{e.name}.py" for e in exercise_set.exercises])
        test = zf.read("tests/exercise_1.py").decode()
    assert "hidden=True" in test and "points = [0, " in test and exercise_set.module in test
    compile(test, "exercise_1.py", "exec")


@pytest.mark.parametrize("exercise_set", SETS, ids=IDS)
def test_convert_recovers_the_source_from_the_pair(exercise_set, tmp_path):
    # Today's format (a learners' and a solutions notebook) converts to a source that generates the same pair.
    (tmp_path / "solutions").mkdir()
    for make, path in ((exercise_sets.learners_notebook, tmp_path / exercise_set.learners.name),
                       (exercise_sets.instructors_notebook, tmp_path / "solutions" / exercise_set.instructors.name)):
        nbformat.write(make(exercise_set), path)
    converted = exercise_sets.load(exercise_sets.convert(exercise_set.id, tmp_path / "source", tmp_path))
    for make in (exercise_sets.learners_notebook, exercise_sets.instructors_notebook):
        assert exercise_sets._sources(make(converted)) == exercise_sets._sources(make(exercise_set))


def test_a_source_breaking_the_conventions_is_named(tmp_path):
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from followup.exercises.time import check_1"),
                                          nbformat.v4.new_code_cell("check_2(answer_2)")])
    nbformat.write(bad, tmp_path / "09-bad.ipynb")
    with pytest.raises(exercise_sets.ExerciseSetError, match="09-bad.ipynb: the check cells must be"):
        exercise_sets.load(tmp_path / "09-bad.ipynb")
