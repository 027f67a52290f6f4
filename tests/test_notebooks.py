"""Static checks of every notebook in the book, complementing nbval (which re-runs them).

They catch what nbval cannot see: outputs not stored at all (nbval then passes trivially), outputs stored from
an out-of-order session, widget views whose state was not saved (the static page would show nothing), widget
cells whose outputs nbval would compare, and paths of the author's machine leaking into outputs.
"""
import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    p for folder in ("chapters", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)  # exercises/source/ (the sets' sources, never in the book) too: tools/exercise_sets.py stores one fresh run
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MACHINE_PATH = re.compile(r"(/work/|/tmp/|/root/|/home/\w+/|[A-Z]:\\\\Users)")


def code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return nb, [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


def test_the_book_has_notebooks():
    assert NOTEBOOKS, "no notebook found under chapters/ or exercises/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_outputs_come_from_one_fresh_run(path):
    _, cells = code_cells(path)
    counts = [c.get("execution_count") for c in cells]
    assert None not in counts, f"{path.name}: some code cells were never run; refresh with `make execute`"
    assert counts == list(range(1, len(cells) + 1)), (
        f"{path.name}: execution counts {counts[:10]}... are not 1..N; re-run top to bottom with `make execute`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_errors_are_only_where_intended(path):
    _, cells = code_cells(path)
    for n, cell in enumerate(cells, start=1):
        errors = [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
        tagged = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        assert not errors or tagged, (
            f"{path.name}, code cell {n}: stored error {errors[0]['ename'] if errors else ''} in a cell not tagged "
            "raises-exception"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_widgets_have_saved_state_and_are_not_compared_by_nbval(path):
    nb, cells = code_cells(path)
    views = []
    for n, cell in enumerate(cells, start=1):
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view:
                views.append(view["model_id"])
                assert "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []), (
                    f"{path.name}, code cell {n} shows a widget: tag it nbval-ignore-output"
                )
    if views:
        state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
        missing = [m for m in views if m not in state.get("state", {})]
        assert not missing, (
            f"{path.name}: widget state for {missing} was not saved, so the static page would show nothing; "
            "re-execute with `make execute`"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_paths_of_the_authors_machine(path):
    _, cells = code_cells(path)
    for n, cell in enumerate(cells, start=1):
        text = json.dumps(cell.get("outputs", []))
        found = MACHINE_PATH.search(text)
        assert not found, f"{path.name}, code cell {n}: an output shows a local path ({found.group(0)}...)"
