"""One source per exercise set -> the learners' notebook, the instructors' notebook and the autograder's tests.

The source of a set is ``exercises/source/NN-topic.ipynb``; everything else is generated from it:

- ``exercises/NN-topic.ipynb``, the learners' notebook: the source without its ``solution`` cells, with a
  banner after the title saying how to answer (:data:`BANNER`), an ``answer_k = ...`` cell before each check (unless a ``learner`` cell of the source already assigns it),
  check cells locked (not deletable, not editable) and the otter-grader metadata (``assignment_name``);
- ``exercises/solutions/NN-topic-solutions.ipynb``, the instructors' notebook: the source without its
  ``learner`` cells;
- the otter-grader tests of the set, one exception-based test file per exercise: a public case (0 points:
  the answer is given and of the right form) and a hidden case (the exercise's points: the check,
  re-imported fresh so that a redefined ``check_k`` in the notebook cannot pass itself, says correct).

Conventions, so that a new set needs no configuration:

- exercise ``k`` is checked by a code cell whose whole source is ``check_k(answer_k)``;
- the check functions come from the ``followup.exercises.<module>`` the source imports;
- points come from the level in the exercise's heading (``## Exercise k — title (apply)``, see
  :data:`POINTS_BY_LEVEL`), unless the source's metadata ``exercise_set.points`` gives them (``{"k": p}``);
- cells tagged ``solution`` are the instructors' only, cells tagged ``learner`` the learners' only.

Usage::

    python tools/exercise_sets.py                     # every set: write both notebooks and execute them
    python tools/exercise_sets.py --set 02-time       # one set
    python tools/exercise_sets.py --check             # fail if a generated notebook is out of date
    python tools/exercise_sets.py grader OUT_DIR      # the autograder (OUT_DIR/NN-topic/autograder.zip)
    python tools/exercise_sets.py convert NN-topic    # today's pair of notebooks -> exercises/source/NN-topic.ipynb
"""
from __future__ import annotations

import argparse
import copy
import difflib
import json
import pathlib
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass

import nbformat

from followup.checks import NOT_ANSWERED

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCES = ROOT / "exercises" / "source"
CHECK_CELL = re.compile(r"^\s*check_(\d+)\(answer_\1\)\s*$")
HEADING = re.compile(r"^#+\s*Exercise\s+(\d+)\b(.*)$", re.M)
LEVEL = re.compile(r"\((\w+)\)")
IMPORT = re.compile(r"from\s+followup\.exercises\.(\w+)\s+import")
#: Points of an exercise by the level its heading names (Bloom's verbs as the exercise sets use them).
POINTS_BY_LEVEL = {"recall": 1, "remember": 1, "understand": 1, "apply": 2, "analyse": 3, "analyze": 3,
                   "evaluate": 3, "judge": 3, "create": 3}
DEFAULT_POINTS = 1
TAG_SOLUTION, TAG_LEARNER = "solution", "learner"
#: Cell metadata nbformat defines: a check cell can be neither deleted nor edited in Jupyter.
LOCKED = {"deletable": False, "editable": False}
#: The banner every learners' notebook gets after its title: how to answer, before any check has run.
#: Plain CommonMark (a quote, no MyST directive or role), so JupyterLab without jupyterlab-myst renders it as
#: the book does; it speaks to a reader of the website and to one in a notebook. It quotes the neutral box
#: word for word (``NOT_ANSWERED``). Marked in its metadata so that ``convert`` leaves it out of a source (the
#: generator adds it back).
BANNER_MARK = {"exercise_set": "banner"}
BANNER = """> **How to answer these exercises.** On the book's website this page is for reading: to answer, launch it
> with the rocket button at the top of the page (in Binder or, if your course has one, in your JupyterHub), or on
> your own machine run `make lab` in the book's folder and open `exercises/{set_id}.ipynb`. In the notebook, in
> each `answer_k = ...` cell replace the `...` with your answer and run the cell, then run the check below it.
> Until you do, the check says *{not_answered}* It never prints the answer."""


class ExerciseSetError(ValueError):
    """A source notebook that breaks the conventions above; the message names the file and the fix."""


@dataclass(frozen=True)
class Exercise:
    number: int
    points: float

    @property
    def name(self) -> str:
        return f"exercise_{self.number}"

    @property
    def answer(self) -> str:
        return f"answer_{self.number}"


@dataclass(frozen=True)
class ExerciseSet:
    """One set: its id (``NN-topic``), source notebook, check module and exercises."""

    id: str
    source: pathlib.Path
    module: str
    exercises: tuple[Exercise, ...]

    @property
    def learners(self) -> pathlib.Path:
        return ROOT / "exercises" / f"{self.id}.ipynb"

    @property
    def instructors(self) -> pathlib.Path:
        return ROOT / "exercises" / "solutions" / f"{self.id}-solutions.ipynb"

    @property
    def points(self) -> float:
        return sum(e.points for e in self.exercises)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _check_number(cell) -> int | None:
    match = CHECK_CELL.match(cell.source) if cell.cell_type == "code" else None
    return int(match.group(1)) if match else None


def load(source: pathlib.Path) -> ExerciseSet:
    """Read a source notebook and the exercises its check cells define."""
    nb = nbformat.read(source, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    modules = set(IMPORT.findall(code))
    if len(modules) != 1:
        raise ExerciseSetError(f"{source.name}: import the checks from exactly one followup.exercises module "
                               f"(found {sorted(modules) or 'none'})")
    levels = {int(n): next(iter(LEVEL.findall(title)), "").lower() for c in nb.cells if c.cell_type == "markdown"
              for n, title in HEADING.findall(c.source)}
    given = {int(k): v for k, v in nb.metadata.get("exercise_set", {}).get("points", {}).items()}
    numbers = [n for n in map(_check_number, nb.cells) if n is not None]
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        raise ExerciseSetError(f"{source.name}: the check cells must be check_1(answer_1), check_2(answer_2), "
                               f"... in order, each alone in its cell (found {numbers})")
    exercises = tuple(Exercise(n, given.get(n, POINTS_BY_LEVEL.get(levels.get(n, ""), DEFAULT_POINTS)))
                      for n in numbers)
    return ExerciseSet(source.stem, source, f"followup.exercises.{modules.pop()}", exercises)


def discover(only: str | None = None) -> list[ExerciseSet]:
    """Every exercise set, by convention: each ``exercises/source/NN-*.ipynb``."""
    sets = [load(p) for p in sorted(SOURCES.glob("[0-9][0-9]-*.ipynb"))]
    if only is not None:
        sets = [s for s in sets if s.id == only]
        if not sets:
            raise ExerciseSetError(f"no exercise set {only!r} in {SOURCES.relative_to(ROOT)}/")
    return sets


def _clean(cell):
    cell = copy.deepcopy(cell)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    cell.metadata.pop("execution", None)
    return cell


def _without_tag(cell, tag):
    cell.metadata["tags"] = [t for t in _tags(cell) if t != tag]
    if not cell.metadata["tags"]:
        del cell.metadata["tags"]
    return cell


def _notebook(nb, cells, extra_metadata):
    for number, cell in enumerate(cells):  # stable ids: regenerating an unchanged set changes nothing
        cell["id"] = f"cell-{number:03d}"
    out = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(nb.metadata))
    out.metadata.pop("exercise_set", None)
    out.metadata.update(extra_metadata)
    return out


def learners_notebook(exercise_set: ExerciseSet) -> nbformat.NotebookNode:
    """The learners' notebook of a set (no outputs): no solution cell, blanks to fill, locked checks."""
    nb = nbformat.read(exercise_set.source, as_version=4)
    points = {e.number: e for e in exercise_set.exercises}
    cells, assigned, banner = [], set(), False
    for cell in nb.cells:
        if TAG_SOLUTION in _tags(cell):
            continue
        if not banner and cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            cells.append(_without_tag(_clean(cell), TAG_LEARNER))
            cells.append(nbformat.v4.new_markdown_cell(BANNER.format(set_id=exercise_set.id,
                                                                     not_answered=NOT_ANSWERED),
                                                       metadata=copy.deepcopy(BANNER_MARK)))
            banner = True
            continue
        cell = _without_tag(_clean(cell), TAG_LEARNER)
        number = _check_number(cell)
        if cell.cell_type == "code":
            assigned |= {int(n) for n in re.findall(r"^\s*answer_(\d+)\s*=", cell.source, re.M)}
        if number is not None:
            if number not in assigned:
                cells.append(nbformat.v4.new_code_cell(f"answer_{number} = ..."))
            cell.metadata.update(LOCKED)
            cell.metadata["exercise"] = {"name": points[number].name, "points": points[number].points}
        cells.append(cell)
    return _notebook(nb, cells, {"otter": {"assignment_name": exercise_set.id}})


def instructors_notebook(exercise_set: ExerciseSet) -> nbformat.NotebookNode:
    """The instructors' notebook of a set (no outputs): the worked solutions, no learner-only cell."""
    nb = nbformat.read(exercise_set.source, as_version=4)
    cells = [_without_tag(_clean(c), TAG_SOLUTION) for c in nb.cells if TAG_LEARNER not in _tags(c)]
    return _notebook(nb, cells, {"otter": {"assignment_name": exercise_set.id}})


def _sources(nb) -> list[tuple[str, str, list]]:
    return [(c.cell_type, c.source, sorted(c.metadata.get("tags", []))) for c in nb.cells]


def _execute(path: pathlib.Path) -> None:
    """Run a notebook top to bottom in a fresh kernel, storing its outputs in place."""
    subprocess.run([str(pathlib.Path(sys.executable).with_name("jupyter")), "execute", "--inplace", path.name],
                   cwd=path.parent, check=True, capture_output=True)


def write_notebooks(exercise_set: ExerciseSet, execute: bool = True) -> list[pathlib.Path]:
    """Write both notebooks of a set and, with ``execute``, store the outputs of one fresh run in them and in
    the source (whose outputs show the instructor the set runs; the generated notebooks never copy them)."""
    written = []
    for make, path in ((learners_notebook, exercise_set.learners), (instructors_notebook, exercise_set.instructors)):
        nbformat.write(make(exercise_set), path)
        if execute:
            _execute(path)
        written.append(path)
    if execute:
        _execute(exercise_set.source)
    return written


def stale(exercise_set: ExerciseSet) -> list[str]:
    """The generated notebooks whose cells (sources and tags, outputs aside) differ from the source's."""
    problems = []
    for make, path in ((learners_notebook, exercise_set.learners), (instructors_notebook, exercise_set.instructors)):
        if not path.exists() or _sources(make(exercise_set)) != _sources(nbformat.read(path, as_version=4)):
            problems.append(str(path.relative_to(ROOT)))
    return problems


# ---------------------------------------------------------------------------------------------- the grader
TEST_FILE = '''"""Exercise {number} of {set_id}, generated by tools/exercise_sets.py from {source} (do not edit)."""
import importlib

from otter.test_files import test_case

OK_FORMAT = False
name = "{name}"
points = [0, {points}]


def _feedback(env):
    if "{answer}" not in env:
        raise AssertionError("[missing] {answer} is not defined: its cell was deleted or did not run.")
    # A fresh import: a check_{number} redefined in the submission cannot grade itself.
    module = importlib.reload(importlib.import_module("{module}"))
    return module.check_{number}(env["{answer}"])


@test_case(name="{name}: answered, in the right form", hidden=False)
def answered(env):
    feedback = _feedback(env)
    assert feedback.kind not in ("not-answered", "form"), f"[{{feedback.kind}}] {{feedback.message}}"


@test_case(name="{name}: correct", hidden=True)
def correct(env):
    feedback = _feedback(env)
    assert feedback.correct, f"[{{feedback.kind}}] {{feedback.message}}"
'''


def test_file(exercise_set: ExerciseSet, exercise: Exercise) -> str:
    """The otter-grader test file of one exercise."""
    return TEST_FILE.format(number=exercise.number, set_id=exercise_set.id, name=exercise.name,
                            answer=exercise.answer, points=exercise.points, module=exercise_set.module,
                            source=exercise_set.source.relative_to(ROOT).as_posix())


def write_grader(exercise_set: ExerciseSet, out_dir: pathlib.Path) -> pathlib.Path:
    """Write ``out_dir/<set>/autograder.zip`` (otter's layout: otter_config.json, tests/) and return it."""
    folder = out_dir / exercise_set.id
    (folder / "tests").mkdir(parents=True, exist_ok=True)
    config = {"assignment_name": exercise_set.id, "logo": False, "print_summary": False, "print_score": False,
              "points_possible": exercise_set.points}
    (folder / "otter_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    for exercise in exercise_set.exercises:
        (folder / "tests" / f"{exercise.name}.py").write_text(test_file(exercise_set, exercise), encoding="utf-8")
    archive = folder / "autograder.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(folder / "otter_config.json", "otter_config.json")
        for test in sorted((folder / "tests").glob("*.py")):
            zf.write(test, f"tests/{test.name}")
    return archive


# ------------------------------------------------------------------------------------------------ convert
def _split_check(cell, number_hint):
    """A code cell ending in ``check_k(answer...)`` -> (the cell without it or None, k or None)."""
    lines = cell.source.rstrip().splitlines()
    match = re.match(r"^\s*check_(\d+)\((answer(?:_\d+)?)\)\s*$", lines[-1]) if lines else None
    if not match:
        return cell, None
    rest = "\n".join(lines[:-1]).rstrip()
    body = None
    if rest.strip():
        body = copy.deepcopy(cell)
        body.source = rest
    return body, int(match.group(1))


def _normalise(nb) -> list:
    """Cells with every check alone in its cell and ``answer`` renamed ``answer_k`` within exercise k."""
    cells, current = [], None
    for cell in nb.cells:
        if cell.metadata.get("exercise_set") == BANNER_MARK["exercise_set"]:
            continue  # generated: the learners' notebook gets it back from learners_notebook
        cell = _clean(cell)
        if cell.cell_type == "markdown":
            found = HEADING.findall(cell.source)
            current = int(found[-1][0]) if found else current
            cells.append(cell)
            continue
        body, number = _split_check(cell, current)
        number = number or current
        for part in (body,):
            if part is not None and number is not None:
                part.source = re.sub(r"\banswer\b(?!_)", f"answer_{number}", part.source)
            if part is not None:
                cells.append(part)
        if number is not None and body is not cell:
            cells.append(nbformat.v4.new_code_cell(f"check_{number}(answer_{number})"))
    return cells


def _tagged(cell, tag):
    cell.metadata["tags"] = [*_tags(cell), tag]
    return cell


def _merge_block(learner_only: list, solution_only: list) -> list:
    """Interleave cells found in one notebook only; a question the solutions repeat with the solution
    appended becomes a shared question followed by a solution cell."""
    merged, rest = [], list(solution_only)
    for cell in learner_only:
        match = next((j for j, other in enumerate(rest) if cell.cell_type == other.cell_type == "markdown"
                      and other.source.startswith(cell.source.rstrip())), None)
        if match is None:
            merged.append(_tagged(cell, TAG_LEARNER))
            continue
        merged += [_tagged(c, TAG_SOLUTION) for c in rest[:match]]
        merged.append(cell)
        appended = rest[match].source[len(cell.source.rstrip()):].strip()
        if appended:
            rest[match].source = appended
            merged.append(_tagged(rest[match], TAG_SOLUTION))
        rest = rest[match + 1:]
    return merged + [_tagged(c, TAG_SOLUTION) for c in rest]


def convert(set_id: str, out_dir: pathlib.Path = SOURCES, exercises_dir: pathlib.Path = ROOT / "exercises") -> pathlib.Path:
    """Merge today's pair (learners' + solutions notebook) into one tagged source; the author then reviews it."""
    learner = nbformat.read(exercises_dir / f"{set_id}.ipynb", as_version=4)
    solution = nbformat.read(exercises_dir / "solutions" / f"{set_id}-solutions.ipynb", as_version=4)
    ours, theirs = _normalise(learner), _normalise(solution)
    key = [(c.cell_type, c.source.strip()) for c in ours], [(c.cell_type, c.source.strip()) for c in theirs]
    merged = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=key[0], b=key[1], autojunk=False).get_opcodes():
        if op == "equal":
            merged += theirs[j1:j2]
            continue
        merged += _merge_block(ours[i1:i2], theirs[j1:j2])
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{set_id}.ipynb"
    nbformat.write(_notebook(solution, merged, {}), out)
    load(out)  # fails now, naming the fix, if the merged source breaks a convention
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", nargs="?", default="build", choices=["build", "grader", "convert"])
    parser.add_argument("target", nargs="?", help="grader: output folder; convert: the set id (NN-topic)")
    parser.add_argument("--set", dest="only", help="only this set (NN-topic)")
    parser.add_argument("--check", action="store_true", help="build: only report out-of-date notebooks")
    parser.add_argument("--no-execute", action="store_true", help="build: write without executing")
    args = parser.parse_args(argv)
    try:
        if args.command == "convert":
            print(f"wrote {convert(args.target).relative_to(ROOT)}: review its 'learner'/'solution' tags, then build")
            return 0
        sets = discover(args.only)
        if args.command == "grader":
            for s in sets:
                print(write_grader(s, pathlib.Path(args.target or "_build/grader")))
            return 0
        if args.check:
            problems = [p for s in sets for p in stale(s)]
            for p in problems:
                print(f"out of date: {p} (run: python tools/exercise_sets.py)")
            return 1 if problems else 0
        for s in sets:
            for path in write_notebooks(s, execute=not args.no_execute):
                print(f"wrote {path.relative_to(ROOT)}")
    except ExerciseSetError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
