"""What every exercise check of every chapter does, whatever its exercise."""
import importlib
import pkgutil

import pytest

import followup.exercises
from _feedback_checks import rejected

CHECKS = [
    getattr(module, name)
    for info in pkgutil.iter_modules(followup.exercises.__path__)
    for module in [importlib.import_module(f"followup.exercises.{info.name}")]
    for name in sorted(dir(module))
    if name.startswith("check_") and getattr(getattr(module, name), "__module__", None) == module.__name__
]


def test_every_chapter_has_checks():
    modules = {check.__module__ for check in CHECKS}
    assert modules == {"followup.exercises.goals", "followup.exercises.time", "followup.exercises.resources",
                       "followup.exercises.risk", "followup.exercises.organisation"}


@pytest.mark.parametrize("check", CHECKS, ids=[f"{c.__module__.rsplit('.', 1)[1]}.{c.__name__}" for c in CHECKS])
def test_a_blank_answer_is_not_answered_yet(check):
    rejected(check(...), "Not answered yet")
    rejected(check(None), "Not answered yet")
