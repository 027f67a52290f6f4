"""The calculators stored in the notebooks carry the library's current ES module and CSS.

A calculator's module and styles travel inside the widget state saved in the notebook's metadata (JupyterLab
and the students' repository show that state before anything runs). nbval cannot see it (widget cells are
tagged ``nbval-ignore-output`` and it compares outputs, not metadata), and the book build re-executes
notebooks on its own (tools/data_stamp.py), so without this check an edit of a ``.mjs`` or ``.css`` file
would leave the committed notebooks showing the old calculator.
"""
import importlib
import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for folder in ("chapters", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts and "source" not in p.relative_to(ROOT).parts[1:2])
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def stored_calculators(path: pathlib.Path) -> list[tuple[str, dict]]:
    """(anywidget id, stored traits) of every anywidget model in the notebook's saved widget state."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    models = nb["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}).values()
    return [(m["state"]["_anywidget_id"], m["state"]) for m in models if m["state"].get("_anywidget_id")]


STORED = [(path, anywidget_id, state) for path in NOTEBOOKS for anywidget_id, state in stored_calculators(path)]


def test_the_chapters_store_calculators():
    assert {anywidget_id.rsplit(".", 1)[1] for _, anywidget_id, _ in STORED} >= {
        "GoalCalculator", "FloatCalculator", "PulseCalculator", "RpnCalculator", "OrganisationCalculator"}


@pytest.mark.parametrize(("path", "anywidget_id", "state"), STORED,
                         ids=[f"{p.relative_to(ROOT)}:{a.rsplit('.', 1)[1]}" for p, a, _ in STORED])
def test_a_stored_calculator_carries_the_current_module_and_styles(path, anywidget_id, state):
    module, name = anywidget_id.rsplit(".", 1)
    widget = getattr(importlib.import_module(module), name)
    rerun = "re-execute it (make execute) and commit it"
    assert state["_esm"] == str(widget._esm), (
        f"{path.relative_to(ROOT)} stores an older ES module of {name} than followup/calculators/: {rerun}")
    assert state["_css"] == str(widget._css), (
        f"{path.relative_to(ROOT)} stores older styles of {name} than followup/calculators/: {rerun}")
