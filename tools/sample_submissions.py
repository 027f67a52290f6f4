"""A class of made-up submissions for an exercise set: right, wrong in each named way, blank and broken.

The instructor's side only (the students' repository has no ``tools/``): :func:`answer_key` records what a
check compares an answer with - the expected value and the named mistakes - by calling it once with the
comparison functions of ``followup.checks`` wrapped. The library's ``Feedback`` never carries them.

Usage: python tools/sample_submissions.py NN-topic OUT_DIR [STUDENT ...]   (then: make grade SUBMISSIONS=OUT_DIR)

Writes ``right.ipynb``, ``wrong_<v>.ipynb`` (variant v: every exercise with a named mistake gets its v-th
one, the others the right answer), ``blank.ipynb`` and the broken kinds (``syntax_error``,
``deleted_cell``, ``infinite_loop``, ``other_chapter``, ``not_a_notebook``), and beside the folder
``OUT_DIR.expected.json``: the
points and kind each submission should get, per exercise.
"""
from __future__ import annotations

import importlib
import json
import math
import re
import pathlib
import sys
from dataclasses import dataclass, field
from unittest import mock

import nbformat
import numpy as np
import pandas as pd

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import exercise_sets  # noqa: E402

COMPARISONS = ("check_number", "check_set", "check_series", "check_table", "check_choice")


@dataclass
class Key:
    """What check ``k`` compares with: the right answer and the wrong answers it names (with their messages)."""

    expected: object
    mistakes: list[tuple[object, str]] = field(default_factory=list)


def answer_key(module_name: str) -> dict[int, Key]:
    """The answer key of a check module, recorded from its checks (for tests and sample classes only)."""
    module = importlib.import_module(module_name)
    keys, numbers = {}, sorted(int(n.split("_")[1]) for n in dir(module) if n.startswith("check_")
                               and n.split("_")[1].isdigit())
    for number in numbers:
        seen = []

        def recorder(name):
            original = getattr(module, name)

            def record(answer, expected, **options):
                seen.append((name, expected, options))
                return original(answer, expected, **options)
            return record

        present = [n for n in COMPARISONS if hasattr(module, n)]
        with mock.patch.multiple(module, **{n: recorder(n) for n in present}):
            getattr(module, f"check_{number}")(...)
        name, expected, options = seen[0]
        key = Key(expected)
        if name == "check_choice":
            key.mistakes = [(option, message) for option, message in options.get("feedback", {}).items()
                            if option != expected]
        else:
            key.mistakes = [(m.value, m.message) for m in options.get("mistakes", ()) if m.when is None]
        keys[number] = key
    return keys


def printed_forms(value) -> set[str]:
    """How a page would print an expected number, at least four significant digits long (shorter ones are
    too common to mean anything); used to search pages and repositories for printed answers.

    >>> sorted(printed_forms(1234.5)), sorted(printed_forms(0.5))
    (['1,234', '1234'], [])
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        return set()
    if isinstance(value, (int, np.integer)) or float(value).is_integer():
        forms = {f"{value:,.0f}", f"{value:.0f}"}  # a whole number is printed whole: 3, not 3.000
    elif abs(value) >= 1000:
        forms = {f"{value:,.0f}", f"{value:.0f}"}
    else:
        forms = {f"{value:.4g}", f"{value:.3f}"}
    return {f for f in forms if sum(ch.isdigit() for ch in f.lstrip("0.-")) >= 4}


def as_code(value) -> str:
    """Python source that rebuilds ``value`` in a learner's notebook (pandas imported as ``pd``)."""
    def plain(v):
        if isinstance(v, (np.integer, np.bool_)):
            return v.item()
        if isinstance(v, (float, np.floating)):
            v = float(v)
            return int(v) if v.is_integer() and math.fabs(v) < 1e15 else v
        return v

    if isinstance(value, pd.DataFrame):
        columns = {c: {str(i): plain(x) for i, x in value[c].items()} for c in value.columns}
        return f"pd.DataFrame({columns!r})"
    if isinstance(value, pd.Series):
        return f"pd.Series({ {str(i): plain(x) for i, x in value.items()}!r})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(repr(plain(v)) for v in sorted(value, key=str)) + "}"
    return repr(plain(value))


def _blank(number: int) -> re.Pattern:
    """The line of a learners' cell that holds exercise ``number``'s blank (alone or under a scaffold)."""
    return re.compile(rf"^answer_{number} = \.\.\.[ \t]*$", re.M)


def _with_answers(nb, answers: dict[int, str]):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        for number, code in answers.items():
            if cell.cell_type == "code" and _blank(number).search(cell.source):
                cell.source = _blank(number).sub(lambda _: f"answer_{number} = {code}", cell.source)
    return nb


def write_class(set_id: str, out: pathlib.Path, other_set: str | None = None, only=None) -> dict:
    """Write the sample class of ``set_id`` into ``out``; return (and write) the expected outcome.

    ``only`` (names such as ``{"right", "wrong_0", "blank"}``) keeps a smaller class: grading is minutes per
    dozen notebooks on two cores, so a test grades one set's whole class and a few kinds of the others.
    """
    exercise_set = {s.id: s for s in exercise_sets.discover()}[set_id]
    keys = answer_key(exercise_set.module)
    learners = exercise_sets.learners_notebook(exercise_set)
    points = {e.number: e.points for e in exercise_set.exercises}
    out.mkdir(parents=True, exist_ok=True)
    expected = {}

    def submit(student, answers, outcome, transform=None):
        nb = _with_answers(learners, {k: as_code(v) for k, v in answers.items()})
        if transform:
            transform(nb)
        nbformat.write(nb, out / f"{student}.ipynb")
        expected[student] = outcome

    right = {k: key.expected for k, key in keys.items()}
    full = {f"exercise_{k}": [points[k], "correct", ""] for k in keys}
    submit("right", right, full)
    for variant in range(max(len(key.mistakes) for key in keys.values())):
        answers, outcome = dict(right), dict(full)
        for k, key in keys.items():
            if variant < len(key.mistakes):
                answers[k] = key.mistakes[variant][0]
                outcome[f"exercise_{k}"] = [0, "mistake", key.mistakes[variant][1]]
        submit(f"wrong_{variant}", answers, outcome)
    # the first wrong variant twice, so that its mistakes are the most common
    submit("wrong_0_again", {k: (key.mistakes[0][0] if key.mistakes else key.expected) for k, key in keys.items()},
           expected["wrong_0"])
    submit("blank", {}, {f"exercise_{k}": [0, "not-answered", ""] for k in keys})

    last = max(keys)

    def syntax_error(nb):
        cell = next(c for c in nb.cells if re.search(rf"^answer_{last} =", c.source, re.M))
        cell.source = f"answer_{last} = (1 +"

    def deleted_cell(nb):
        nb.cells = [c for c in nb.cells if not re.search(rf"^answer_{last} =", c.source, re.M)]

    def infinite_loop(nb):
        nb.cells.insert(2, nbformat.v4.new_code_cell("while True:\n    pass"))

    broken = dict(full, **{f"exercise_{last}": [0, "missing", ""]})
    submit("syntax_error", right, broken, syntax_error)
    submit("deleted_cell", right, broken, deleted_cell)
    submit("infinite_loop", right, {f"exercise_{k}": [0, "not-graded", "grading stopped"] for k in keys},
           infinite_loop)
    other = other_set or next(s.id for s in exercise_sets.discover() if s.id != set_id)
    nbformat.write(exercise_sets.learners_notebook({s.id: s for s in exercise_sets.discover()}[other]),
                   out / "other_chapter.ipynb")
    expected["other_chapter"] = {f"exercise_{k}": [0, "not-graded", f"the notebook of {other}"] for k in keys}
    (out / "not_a_notebook.ipynb").write_text("print('this was saved as a script')\n", encoding="utf-8")
    expected["not_a_notebook"] = {f"exercise_{k}": [0, "not-graded", "not a Jupyter notebook"] for k in keys}
    if only is not None:
        for student in set(expected) - set(only):
            (out / f"{student}.ipynb").unlink()
            del expected[student]
    (out.parent / f"{out.name}.expected.json").write_text(json.dumps(expected, indent=1), encoding="utf-8")
    return expected


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    outcome = write_class(sys.argv[1], pathlib.Path(sys.argv[2]), only=sys.argv[3:] or None)
    print(f"wrote {len(outcome)} submissions to {sys.argv[2]} (expected outcome beside it)")
