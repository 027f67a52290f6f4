"""The contract every case dataset keeps, tested once for all of them (``followup.datasets.__all__``).

For each case: the generator rebuilds the committed CSV files byte for byte; the loader's ``FILES`` are
exactly those files and the DATASHEET.md documents every column of each; a missing file is named with the
command that regenerates it; a truncated file is named with its first missing column and the cut row; the
generator's MANIFEST.sha256 records every file, and a re-saved or cut file is refused with what to run; a
byte-order mark and a trailing blank line are accepted; every file declares its key and refuses a repeated row.
What is particular to a case (its calibrated article figures, its own bad values) stays in
``tests/test_data_<case>.py``.
"""

import hashlib
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _dataset_checks import DATA, assert_regenerates, broken_copy, expect_data_error, row_label, truncate_last_row

import followup.datasets
from followup.datasets._validate import MANIFEST, read_manifest

CASES = tuple(followup.datasets.__all__)
LOADERS = {case: importlib.import_module(f"followup.datasets.{case}") for case in CASES}
EVERY_FILE = [(case, name) for case in CASES for name in LOADERS[case].FILES]


def test_every_case_folder_has_a_loader():
    assert sorted(p.parent.name for p in DATA.glob("*/generate.py")) == sorted(CASES)


@pytest.mark.parametrize("case", CASES)
def test_generator_rebuilds_every_file_byte_for_byte(case, tmp_path):
    assert_regenerates(case, tmp_path)


@pytest.mark.parametrize("case", CASES)
def test_datasheet_documents_every_file_and_column(case):
    loader = LOADERS[case]
    assert loader.CASE == case
    assert sorted(loader.FILES) == sorted(p.name for p in (DATA / case).glob("*.csv"))
    sheet = (DATA / case / "DATASHEET.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in sheet and "Synthetic data" in sheet and f"python data/{case}/generate.py" in sheet
    for name, schema in loader.FILES.items():
        assert f"### `{name}`" in sheet, f"{name}: no section in the datasheet"
        section = sheet.split(f"### `{name}`", 1)[1].split("### ", 1)[0]
        assert [c.name for c in schema if f"| `{c.name}` |" not in section] == [], name


@pytest.mark.parametrize(("case", "name"), EVERY_FILE)
def test_missing_file_says_how_to_regenerate(case, name, tmp_path):
    folder = broken_copy(case, tmp_path, name, lambda text: text)
    (folder / name).unlink()
    expect_data_error(LOADERS[case].load, folder, name, "file not found",
                      f"python data/{case}/generate.py --out {folder}")


@pytest.mark.parametrize(("case", "name"), EVERY_FILE)
def test_truncated_file_names_file_column_and_row(case, name, tmp_path):
    cut, row, column = truncate_last_row((DATA / case / name).read_text(encoding="utf-8"))
    folder = broken_copy(case, tmp_path, name, lambda text: cut)
    expect_data_error(LOADERS[case].load, folder, name, f"column {column!r}", row_label(row), "truncated")


# ---- the checksum manifest each generator writes, and files as spreadsheets and editors leave them
@pytest.mark.parametrize("case", CASES)
def test_the_manifest_records_every_file_of_the_case(case):
    recorded = read_manifest(DATA / case)
    assert recorded is not None, f"data/{case}/{MANIFEST} is missing: run `.venv/bin/python data/{case}/generate.py`"
    assert sorted(recorded) == sorted(LOADERS[case].FILES)
    for name, digest in recorded.items():
        assert hashlib.sha256((DATA / case / name).read_bytes()).hexdigest() == digest, (
            f"data/{case}/{name} differs from {MANIFEST}: restore it (`git checkout -- data/{case}/{name}`) or, "
            f"if you changed it on purpose, run `.venv/bin/python data/{case}/generate.py --record`")


@pytest.mark.parametrize(("case", "name"), EVERY_FILE)
def test_a_resaved_file_is_refused_with_what_to_run(case, name, tmp_path):
    # Excel's re-save: same values, CRLF line endings; the loader cannot tell a harmless re-save from an edit
    folder = broken_copy(case, tmp_path, name, lambda text: text.replace("\n", "\r\n"), manifest=True)
    message = expect_data_error(LOADERS[case].load, folder, name, MANIFEST, "--record", "make execute")
    assert f"python data/{case}/generate.py --out {folder}" in message


@pytest.mark.parametrize(("case", "name"), EVERY_FILE)
def test_a_file_cut_inside_its_last_cell_is_refused(case, name, tmp_path):
    folder = broken_copy(case, tmp_path, name, lambda text: text[:-2], manifest=True)
    message = expect_data_error(LOADERS[case].load, folder, name)
    assert "cut inside its last row" in message or "data row" in message


@pytest.mark.parametrize(("case", "name"), EVERY_FILE)
def test_a_byte_order_mark_and_a_trailing_blank_line_are_accepted(case, name, tmp_path):
    folder = broken_copy(case, tmp_path, name, lambda text: "\ufeff" + text + "\n")
    LOADERS[case].load(folder)


@pytest.mark.parametrize(("case", "name"), EVERY_FILE)
def test_every_file_declares_its_key_and_a_repeated_row_is_refused(case, name, tmp_path):
    schema = LOADERS[case].FILES[name]
    key = [c.name for c in schema if c.unique] or [c.name for c in schema if c.key]
    text = (DATA / case / name).read_text(encoding="utf-8")
    rows = text.rstrip("\n").split("\n")
    if len(rows) == 2:
        return  # one data row: nothing can repeat (the loader requires exactly one where it matters)
    assert key, (f"data/{case}/{name}: no unique column and no key=True columns in the schema; mark the columns "
                 f"that identify a row with key=True in followup/datasets/{case}.py")
    folder = broken_copy(case, tmp_path, name, lambda text: text + rows[-1] + "\n")
    expect_data_error(LOADERS[case].load, folder, name, f"data row {len(rows)}", f"repeats data row {len(rows) - 1}")


def test_a_failing_data_test_says_what_to_run(tmp_path):
    (tmp_path / "test_data_demo.py").write_text("def test_figure():\n    assert 1 == 2\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "_dataset_checks", "--rootdir",
         str(tmp_path), "-c", os.devnull, str(tmp_path)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)}, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "what to run after changing a dataset" in run.stdout and "generate.py --record" in run.stdout
