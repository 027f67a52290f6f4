"""Checks shared by the tests of the case datasets (``tests/test_data_*.py``).

Import it from a test module as ``from _dataset_checks import ...`` (pytest puts
``tests/`` on ``sys.path``). It is also a pytest plugin (``-p _dataset_checks`` in
``pyproject.toml``): a failing data test gets a section saying what to run, for the
instructor who changed a dataset on purpose.
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
import io
import shutil
from pathlib import Path

import pytest

from followup.datasets._validate import MANIFEST
from followup.errors import DataError

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT / "data"
WHAT_TO_RUN = """\
This test checks the committed case data (data/<case>/). If you changed a dataset on purpose
(CONTRIBUTING.md, "Changing a dataset"):
  1. edited generate.py:   .venv/bin/python data/<case>/generate.py      (rewrites the CSVs and MANIFEST.sha256)
     edited a CSV by hand: .venv/bin/python data/<case>/generate.py --record, and make generate.py write the same
  2. make execute          (refresh the notebooks' stored outputs; `make book` re-executes by itself)
  3. update the figures this test expects in tests/test_data_<case>.py when the change moves them on purpose,
     then run `make test`."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Add WHAT_TO_RUN to the report of a failing ``tests/test_data_*.py`` test."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and item.path.name.startswith("test_data_"):
        report.sections.append(("what to run after changing a dataset", WHAT_TO_RUN))


def generator(case: str):
    """The ``data/<case>/generate.py`` script as a module (the data folder is not a package)."""
    path = DATA / case / "generate.py"
    spec = importlib.util.spec_from_file_location(f"generate_{case}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_regenerates(case: str, out: Path) -> None:
    """Running the generator into ``out`` rebuilds every committed CSV and the manifest byte for byte."""
    written = generator(case).generate(out)
    committed = sorted([p.name for p in (DATA / case).glob("*.csv")] + [MANIFEST])
    assert (DATA / case / MANIFEST).is_file(), (
        f"data/{case}/{MANIFEST} is missing: run `.venv/bin/python data/{case}/generate.py` and commit it")
    assert sorted(p.name for p in written) == committed
    for name in committed:
        new, old = (out / name).read_bytes(), (DATA / case / name).read_bytes()
        assert b"\r" not in new, f"{name}: line endings must be \\n"
        assert new == old, (
            f"data/{case}/{name}: the committed file differs from what data/{case}/generate.py writes. Changed "
            f"generate.py? Run `.venv/bin/python data/{case}/generate.py` and commit the files. Edited the CSV by "
            f"hand? Make generate.py produce it, or the next regeneration undoes the edit.")


def broken_copy(case: str, tmp_path: Path, name: str, edit, manifest: bool = False) -> Path:
    """A copy of ``data/<case>/`` in ``tmp_path`` whose ``name`` is replaced by ``edit(text)``.

    Without ``manifest`` the copy has no MANIFEST.sha256, as a folder made by hand, so the loader's
    other checks (types, ranges, references) are what it meets; with it, the loader compares checksums.
    """
    folder = tmp_path / case
    ignore = ("*.py", "*.md", "__pycache__") + (() if manifest else (MANIFEST,))
    shutil.copytree(DATA / case, folder, ignore=shutil.ignore_patterns(*ignore))
    path = folder / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8", newline="")
    return folder


def expect_data_error(load, folder: Path, *fragments: str) -> str:
    """``load(folder)`` raises DataError whose message holds every fragment; return the message."""
    with pytest.raises(DataError) as caught:
        load(folder)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def expect_bad_cell(case: str, tmp_path: Path, name: str, row: int, column: str, value: str, *fragments: str) -> str:
    """Load a copy of ``data/<case>/`` whose ``name`` holds ``value`` in data row ``row`` of ``column``.

    The DataError must name the file, the column, the row and every fragment; return its message.
    """
    load = importlib.import_module(f"followup.datasets.{case}").load
    folder = broken_copy(case, tmp_path, name, lambda text: replace_cell(text, row, column, value))
    return expect_data_error(load, folder, name, f"column {column!r}", row_label(row), *fragments)


def replace_cell(text: str, row: int, column: str, value: str) -> str:
    """CSV ``text`` with the cell of data row ``row`` (1-based) in ``column`` set to ``value``."""
    rows = list(csv.reader(io.StringIO(text)))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def truncate_last_row(text: str) -> tuple[str, int, str]:
    """``text`` cut right after the first cell of its last row, as an interrupted copy leaves it.

    Returns the cut text, the data row that is cut and the first column it lacks.
    """
    body = text.rstrip("\n")
    header, last = body.split("\n", 1)[0], body.rsplit("\n", 1)[1]
    cut = body[: len(body) - len(last) + last.index(",")] + "\n"
    return cut, len(body.split("\n")) - 1, header.split(",")[1]


def row_label(row: int) -> str:
    """The row wording every loader message uses."""
    return f"data row {row} (spreadsheet line {row + 1})"
