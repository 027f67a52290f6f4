"""The contract every case dataset keeps, tested once for all of them (``followup.datasets.__all__``).

For each case: the generator rebuilds the committed CSV files byte for byte; the loader's ``FILES`` are
exactly those files and the DATASHEET.md documents every column of each; a missing file is named with the
command that regenerates it; a truncated file is named with its first missing column and the cut row.
What is particular to a case (its calibrated article figures, its own bad values) stays in
``tests/test_data_<case>.py``.
"""

import importlib

import pytest
from _dataset_checks import DATA, assert_regenerates, broken_copy, expect_data_error, row_label, truncate_last_row

import followup.datasets

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
