"""No exercise feedback hands over the answer, whatever form or near miss the learner tries.

- Every set check of every exercise set: a superset or a subset of the expected ids gets feedback naming
  no expected id the answer left out and none of the extra ids it added (either would give the answer away).
- The learners' notebooks are plain CommonMark outside code cells: JupyterLab without jupyterlab-myst
  (Binder's environment) shows a MyST role or directive as literal text.
- Every multiple-choice answer cell shows the quotes; the sets' correct letters differ.
"""
import pathlib
import re
import sys

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import exercise_sets  # noqa: E402
from sample_submissions import answer_key  # noqa: E402

import importlib  # noqa: E402

SETS = exercise_sets.discover()


def _set_checks():
    """(set id, exercise number, check, expected ids, other real ids) of every check that compares a set."""
    found = []
    for exercise_set in SETS:
        module = importlib.import_module(exercise_set.module)
        for number, key in answer_key(exercise_set.module).items():
            expected = key.expected
            if isinstance(expected, (set, frozenset, list, tuple)) and all(isinstance(i, str) for i in expected):
                others = set().union(*[set(v) for v, _ in key.mistakes if isinstance(v, (set, frozenset, list))])
                found.append(pytest.param(getattr(module, f"check_{number}"), set(expected), others,
                                          id=f"{exercise_set.id}-{number}"))
    return found


SET_CHECKS = _set_checks()


def test_every_set_with_a_set_exercise_is_covered():
    assert {p.id.rsplit("-", 1)[0] for p in SET_CHECKS} >= {"01-goals", "02-time", "04-risk", "05-organisation"}


def _named(ids, text):
    return {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text, re.I)}


@pytest.mark.parametrize("check, expected, others", SET_CHECKS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_superset_or_subset_never_names_a_missing_or_extra_id(check, expected, others, data):
    pool = sorted((others | {"X1", "Z9", "M99", "R99", "F9"}) - expected)
    extra = set(data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4)))
    kept = set(data.draw(st.lists(st.sampled_from(sorted(expected)), max_size=len(expected) - 1)))
    for answer in (expected | extra, kept, kept | extra):
        feedback = check(answer)
        assert not feedback.correct
        text = f"{feedback.message} {feedback._repr_html_()}"
        leaked = _named(expected - answer, text) | _named(answer - expected, text)
        assert not leaked, (sorted(answer), feedback.message)


# ---- the learners' notebooks read well in JupyterLab without MyST ----------------------------------------

ROLE = re.compile(r"\{[a-z][\w:-]*\}`")
DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,})\s*\{[\w:-]+\}", re.M)
TARGET = re.compile(r"^\([\w-]+\)=\s*$", re.M)


@pytest.mark.parametrize("exercise_set", SETS, ids=[s.id for s in SETS])
def test_learners_notebooks_have_no_myst_outside_code(exercise_set):
    found = []
    for cell in exercise_set_cells(exercise_set):
        if cell.cell_type == "code":
            continue
        for pattern, what in ((ROLE, "a role"), (DIRECTIVE, "a directive"), (TARGET, "a label")):
            found += [f"{cell.id}: {what} {m.group(0).strip()!r}" for m in pattern.finditer(cell.source)]
    assert not found, "JupyterLab without jupyterlab-myst shows these as literal text: " + "; ".join(found)


def exercise_set_cells(exercise_set):
    return nbformat.read(exercise_set.learners, as_version=4).cells


def test_the_scan_finds_myst():
    assert ROLE.search("see {doc}`x`") and ROLE.search("{glue:text}`a`") and ROLE.search("{term}`RPN`")
    assert DIRECTIVE.search("```{admonition} How\n:class: tip\n```") and DIRECTIVE.search(":::{note}\n:::")
    assert not ROLE.search("a set such as {'A', 'C'} or `{\"M1\"}`") and not DIRECTIVE.search("```python\n```")


@pytest.mark.parametrize("exercise_set", SETS, ids=[s.id for s in SETS])
def test_links_to_the_chapter_are_relative_notebook_paths_that_exist(exercise_set):
    links = [link for cell in exercise_set_cells(exercise_set) if cell.cell_type == "markdown"
             for link in re.findall(r"\]\(([^)\s]+)\)", cell.source) if "://" not in link]
    assert links, "the learners' notebook links to its chapter"
    for link in links:
        assert link.endswith((".ipynb", ".md")) and (exercise_set.learners.parent / link).exists(), link


def test_the_banner_quotes_the_unanswered_box_word_for_word():
    from followup.checks import NOT_ANSWERED

    for exercise_set in SETS:
        banner = next(c for c in exercise_set_cells(exercise_set) if c.metadata.get("exercise_set") == "banner")
        assert NOT_ANSWERED in banner.source and "rocket button" in banner.source and "make lab" in banner.source
        assert "notebook" in banner.source and "website" in banner.source


# ---- multiple choice -------------------------------------------------------------------------------------

def test_choice_answer_cells_show_the_quotes_and_the_letters_vary():
    letters = {}
    for exercise_set in SETS:
        for number, key in answer_key(exercise_set.module).items():
            if not (isinstance(key.expected, str) and len(key.expected) == 1):
                continue
            letters[exercise_set.id] = key.expected
            cells = exercise_set_cells(exercise_set)
            answer_cell = next(c for c in cells if c.cell_type == "code"
                               and re.search(rf"^answer_{number} = \.\.\.", c.source, re.M))
            assert re.search(rf'answer_{number} = "[a-d]"', answer_cell.source), answer_cell.source
    assert len(letters) >= 3 and len(set(letters.values())) == len(letters), letters


# ---- no public helper computes an answer -----------------------------------------------------------------

#: Public functions of the check modules that build an exercise's *input* (a network, a matrix), not its answer.
DATA_BUILDERS = {"hand_network", "exercise_raci"}


@pytest.mark.parametrize("exercise_set", SETS, ids=[s.id for s in SETS])
def test_check_modules_expose_only_checks_constants_and_data(exercise_set):
    module = importlib.import_module(exercise_set.module)
    public = {name for name in dir(module) if not name.startswith("_")}
    own = {name for name in public if callable(getattr(module, name))
           and getattr(getattr(module, name), "__module__", None) == module.__name__}
    helpers = {n for n in own if not re.fullmatch(r"check_\d+", n)} - DATA_BUILDERS
    assert not helpers, f"{module.__name__}: make these private (underscore) or move them to the library: {helpers}"
    exported = set(getattr(module, "__all__", ()))
    assert not {n for n in exported if callable(getattr(module, n)) and n not in DATA_BUILDERS
                and not re.fullmatch(r"check_\d+", n)}, exported
