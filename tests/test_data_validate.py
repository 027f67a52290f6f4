"""Tests of the shared CSV reader/writer of the case datasets (followup.datasets._validate)."""

import doctest
import hashlib
import importlib

import numpy as np
import pandas as pd
import pytest

import followup.datasets
from followup.datasets._validate import (
    MANIFEST,
    Column,
    check_references,
    read_csv_checked,
    read_manifest,
    run_generator,
    schema_markdown,
    write_case,
    write_csv,
    write_manifest,
)
from followup.errors import DataError

SCHEMA = (
    Column("id", "str", pattern=r"[A-Z]+", unique=True),
    Column("duration", "int", unit="days", min=0, max=100),
    Column("cost", "float", unit="USD", min=0, nullable=True),
    Column("wet", "bool"),
    Column("day", "date", min="2024-01-01"),
    Column("at", "datetime"),
    Column("kind", "str", choices=("a", "b")),
)
GOOD = (
    "id,duration,cost,wet,day,at,kind\n"
    "AA,3,10.5,true,2024-02-01,2024-02-01T07:30,a\n"
    "BB,0,,false,2024-02-02,2024-02-02T18:05,b\n"
)


def write(tmp_path, text, name="t.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def error(path, schema=SCHEMA, **kwargs) -> str:
    with pytest.raises(DataError) as caught:
        read_csv_checked(path, schema, **kwargs)
    return str(caught.value)


def test_reads_typed_columns_in_schema_order(tmp_path):
    frame = read_csv_checked(write(tmp_path, GOOD), SCHEMA)
    assert list(frame.columns) == [c.name for c in SCHEMA]
    assert frame["duration"].dtype == np.int64 and frame["duration"].tolist() == [3, 0]
    assert frame["cost"].dtype == np.float64 and np.isnan(frame["cost"].iloc[1])
    assert frame["wet"].dtype == bool and frame["wet"].tolist() == [True, False]
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])
    assert frame["at"].iloc[1] == pd.Timestamp("2024-02-02T18:05")
    assert pd.api.types.is_string_dtype(frame["id"])


def test_column_order_of_the_file_does_not_matter(tmp_path):
    lines = GOOD.split("\n")
    swapped = "\n".join(",".join(reversed(line.split(","))) if line else line for line in lines)
    frame = read_csv_checked(write(tmp_path, swapped), SCHEMA)
    assert frame["id"].tolist() == ["AA", "BB"]


@pytest.mark.parametrize(
    "bad, column, row, words",
    [
        ("AA,x,10.5,true,2024-02-01,2024-02-01T07:30,a", "duration", 1, "not an integer (days)"),
        ("AA,3.5,10.5,true,2024-02-01,2024-02-01T07:30,a", "duration", 1, "not an integer"),
        ("AA,101,10.5,true,2024-02-01,2024-02-01T07:30,a", "duration", 1, "above the maximum 100"),
        ("AA,3,-1,true,2024-02-01,2024-02-01T07:30,a", "cost", 1, "below the minimum 0"),
        ("AA,3,ten,true,2024-02-01,2024-02-01T07:30,a", "cost", 1, "not a number (USD)"),
        ("AA,3,nan,true,2024-02-01,2024-02-01T07:30,a", "cost", 1, "not a finite number"),
        ("AA,3,1,yes,2024-02-01,2024-02-01T07:30,a", "wet", 1, "not 'true' or 'false'"),
        ("AA,3,1,true,2023-12-31,2024-02-01T07:30,a", "day", 1, "below the minimum 2024-01-01"),
        ("AA,3,1,true,01/02/2024,2024-02-01T07:30,a", "day", 1, "not an ISO date"),
        ("AA,3,1,true,2024-02-01,2024-02-01T07:30+08:00,a", "at", 1, "time zone"),
        ("AA,3,1,true,2024-02-01,2024-02-01T07:30,c", "kind", 1, "not one of a, b"),
        ("aa,3,1,true,2024-02-01,2024-02-01T07:30,a", "id", 1, "does not match the pattern"),
        ("AA,,1,true,2024-02-01,2024-02-01T07:30,a", "duration", 1, "empty cell"),
    ],
)
def test_a_bad_cell_names_file_column_and_data_row(tmp_path, bad, column, row, words):
    text = "id,duration,cost,wet,day,at,kind\n" + bad + "\n"
    message = error(write(tmp_path, text))
    assert "t.csv" in message and f"column {column!r}" in message
    assert f"data row {row} (spreadsheet line {row + 1})" in message
    assert words in message and "regenerate" in message


def test_second_row_is_data_row_2(tmp_path):
    message = error(write(tmp_path, GOOD.replace("BB,0,", "BB,zero,")))
    assert "column 'duration', data row 2 (spreadsheet line 3)" in message


def test_missing_file_says_how_to_regenerate(tmp_path):
    message = error(tmp_path / "absent.csv", regenerate="python data/x/generate.py")
    assert "absent.csv" in message and "file not found" in message
    assert "python data/x/generate.py" in message


def test_empty_file_and_header_only(tmp_path):
    assert "empty" in error(write(tmp_path, ""))
    assert "0 data rows" in error(write(tmp_path, GOOD.split("\n")[0] + "\n"))


def test_truncated_last_row_names_the_first_missing_column(tmp_path):
    cut = GOOD.rstrip("\n")[: GOOD.rstrip("\n").rindex(",2024-02-02,")] + "\n"
    message = error(write(tmp_path, cut))
    assert "column 'day', data row 2" in message and "truncated row" in message


def test_missing_extra_and_repeated_columns(tmp_path):
    no_kind = "\n".join(line.rsplit(",", 1)[0] if line else line for line in GOOD.split("\n"))
    assert "column 'kind'" in error(write(tmp_path, no_kind)) and "missing from the header" in error(
        write(tmp_path, no_kind))
    extra = GOOD.replace("kind\n", "kind,colour\n").replace(",a\n", ",a,red\n").replace(",b\n", ",b,blue\n")
    assert "column 'colour'" in error(write(tmp_path, extra)) and "unexpected column" in error(write(tmp_path, extra))
    repeated = GOOD.replace("kind\n", "kind,kind\n").replace(",a\n", ",a,a\n").replace(",b\n", ",b,b\n")
    assert "repeats this column" in error(write(tmp_path, repeated))


def test_too_many_cells(tmp_path):
    message = error(write(tmp_path, GOOD.replace(",b\n", ",b,extra\n")))
    assert "data row 2" in message and "8 cells" in message


def test_unique_column(tmp_path):
    message = error(write(tmp_path, GOOD.replace("BB,", "AA,")))
    assert "column 'id', data row 2" in message and "repeats data row 1" in message


def test_not_utf8(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(GOOD.replace("AA", "\xc9A").encode("latin-1"))
    assert "not UTF-8" in error(path)


def test_unknown_dtype_is_refused():
    with pytest.raises(DataError, match="unknown dtype 'number'"):
        Column("x", "number")


def test_check_references_with_lists_and_strip(tmp_path):
    frame = pd.DataFrame({"predecessors": ["A", "A; B SS+2", None, "A; C FF+1"]})
    check_references(frame.iloc[:3], "predecessors", {"A", "B"}, path="acts.csv", target="id", separator=";",
                     strip=r"\s.*$")
    with pytest.raises(DataError) as caught:
        check_references(frame, "predecessors", {"A", "B"}, path="acts.csv", target="id", separator=";",
                         strip=r"\s.*$")
    assert "acts.csv, column 'predecessors', data row 4" in str(caught.value) and "'C'" in str(caught.value)


def test_write_csv_round_trip_is_byte_stable(tmp_path):
    frame = read_csv_checked(write(tmp_path, GOOD), SCHEMA)
    formats = {"cost": ".1f", "day": "%Y-%m-%d", "at": "%Y-%m-%dT%H:%M"}
    first = write_csv(frame, tmp_path / "a.csv", formats).read_bytes()
    assert first == GOOD.encode()
    again = write_csv(read_csv_checked(tmp_path / "a.csv", SCHEMA), tmp_path / "b.csv", formats).read_bytes()
    assert again == first


def test_write_csv_refuses_an_unformatted_float(tmp_path):
    with pytest.raises(DataError, match="column 'x': no fixed format"):
        write_csv(pd.DataFrame({"x": [0.1]}), tmp_path / "x.csv")


def test_write_case_writes_each_file_with_its_formats_and_the_manifest(tmp_path):
    files = {"a.csv": (pd.DataFrame({"x": [0.125]}), {"x": ".2f"}), "b.csv": (pd.DataFrame({"n": [7]}), {})}
    paths = write_case(files, tmp_path / "new")
    assert [p.name for p in paths] == ["a.csv", "b.csv", MANIFEST]
    assert (tmp_path / "new" / "a.csv").read_bytes() == b"x\n0.12\n"
    assert (tmp_path / "new" / "b.csv").read_bytes() == b"n\n7\n"
    # sha256sum's own format: `sha256sum -c MANIFEST.sha256` checks the folder too
    assert read_manifest(tmp_path / "new") == {
        "a.csv": hashlib.sha256(b"x\n0.12\n").hexdigest(), "b.csv": hashlib.sha256(b"n\n7\n").hexdigest()}
    digest = hashlib.sha256(b"n\n7\n").hexdigest()
    assert (tmp_path / "new" / MANIFEST).read_text().splitlines()[1] == f"{digest}  b.csv"


def test_run_generator_writes_into_out_or_the_default_folder(tmp_path, capsys):
    def build():
        return {"a.csv": (pd.DataFrame({"n": [1, 2]}), {})}

    default = tmp_path / "default"
    assert run_generator(build, default, "Demo case.\n\nmore", []) == [default / "a.csv", default / MANIFEST]
    run_generator(build, default, "Demo case.", ["--out", str(tmp_path / "elsewhere")])
    assert (tmp_path / "elsewhere" / "a.csv").read_bytes() == b"n\n1\n2\n"
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"wrote {default / 'a.csv'}", f"wrote {default / MANIFEST}",
                       f"wrote {tmp_path / 'elsewhere' / 'a.csv'}", f"wrote {tmp_path / 'elsewhere' / MANIFEST}"]
    with pytest.raises(SystemExit):
        run_generator(build, tmp_path, "Demo case.", ["--bogus"])


# ---- files as spreadsheets and editors leave them
def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())  # Excel's "CSV UTF-8"
    assert read_csv_checked(path, SCHEMA)["id"].tolist() == ["AA", "BB"]


@pytest.mark.parametrize("tail", ["\n", "\n\n", "\r\n", ",,,,,,\n"])
def test_blank_lines_at_the_end_are_accepted(tmp_path, tail):
    assert len(read_csv_checked(write(tmp_path, GOOD + tail), SCHEMA)) == 2


def test_crlf_line_endings_are_accepted(tmp_path):
    assert len(read_csv_checked(write(tmp_path, GOOD.replace("\n", "\r\n")), SCHEMA)) == 2


def test_a_blank_line_inside_the_data_is_still_refused(tmp_path):
    text = GOOD.replace("\nBB", "\n\nBB")
    assert "data row 2" in error(write(tmp_path, text)) and "truncated row" in error(write(tmp_path, text))


# ---- composite keys
KEYED = (Column("region", "str", key=True), Column("period", "int", key=True), Column("demand", "int"))


def test_a_repeated_composite_key_names_both_rows_and_the_key(tmp_path):
    text = "region,period,demand\nnorth,1,5\nnorth,2,6\nsouth,1,7\nnorth,2,9\n"
    message = error(write(tmp_path, text), KEYED, regenerate="python data/x/generate.py")
    assert "data row 4 (spreadsheet line 5)" in message and "repeats data row 2" in message
    assert "region 'north', period 2" in message and "(region, period) must appear once" in message
    assert "python data/x/generate.py" in message


def test_rows_that_share_part_of_the_key_are_fine(tmp_path):
    text = "region,period,demand\nnorth,1,5\nnorth,2,6\nsouth,1,7\n"
    assert len(read_csv_checked(write(tmp_path, text), KEYED)) == 3


def test_a_date_key_is_quoted_as_the_file_writes_it(tmp_path):
    schema = (Column("day", "date", key=True), Column("site", "str", key=True), Column("n", "int"))
    message = error(write(tmp_path, "day,site,n\n2024-01-02,a,1\n2024-01-02,a,2\n"), schema)
    assert "day '2024-01-02', site 'a'" in message


def test_schema_markdown_names_the_key():
    assert "part of the key (region, period)" in schema_markdown(KEYED)


# ---- the checksum manifest
def recorded_case(tmp_path, text=GOOD):
    """A folder holding t.csv as a generator leaves it: the file and its manifest."""
    path = write(tmp_path, text)
    write_manifest(tmp_path, [path])
    return path


def test_a_file_as_recorded_loads(tmp_path):
    assert len(read_csv_checked(recorded_case(tmp_path), SCHEMA)) == 2


def test_a_valid_but_changed_value_is_refused_with_what_to_run(tmp_path):
    path = recorded_case(tmp_path)
    path.write_text(GOOD.replace("AA,3,", "AA,4,"), encoding="utf-8", newline="")
    message = error(path, regenerate="python data/x/generate.py")
    assert "t.csv" in message and MANIFEST in message and "SHA-256" in message
    assert "restore it with `python data/x/generate.py`" in message
    assert "record the edit with `python data/x/generate.py --record`" in message
    assert "make execute" in message and "Changing a dataset" in message


def test_a_file_cut_inside_its_last_cell_is_refused(tmp_path):
    schema = (Column("id", "str"), Column("orders", "int", min=0))
    path = recorded_case(tmp_path, "id,orders\nA,5\nB,1250\n")
    path.write_bytes(b"id,orders\nA,5\nB,12")  # an interrupted copy: 1250 became 12, still a valid value
    message = error(path, schema)
    assert "data row" not in message and "cut inside its last row" in message


def test_a_file_missing_from_the_manifest_is_refused(tmp_path):
    recorded_case(tmp_path)
    other = write(tmp_path, GOOD, "u.csv")
    assert "not listed in" in error(other) and "--record" in error(other, regenerate="python g.py")


def test_a_folder_without_manifest_is_not_compared(tmp_path):
    assert len(read_csv_checked(write(tmp_path, GOOD.replace("AA,3,", "AA,4,")), SCHEMA)) == 2


def test_a_broken_manifest_line_is_named(tmp_path):
    path = write(tmp_path, GOOD)
    (tmp_path / MANIFEST).write_text("not a digest  t.csv\n", encoding="utf-8")
    assert f"{MANIFEST}, line 1" in error(path)


def test_run_generator_record_keeps_the_files_and_records_an_edit(tmp_path, capsys):
    def build():
        return {"a.csv": (pd.DataFrame({"n": [1, 2]}), {})}

    run_generator(build, tmp_path, "Demo.", [])
    schema = (Column("n", "int"),)
    (tmp_path / "a.csv").write_bytes(b"n\n1\n3\n")  # a deliberate edit
    with pytest.raises(DataError, match="--record"):
        read_csv_checked(tmp_path / "a.csv", schema, regenerate="python g.py")
    capsys.readouterr()
    assert run_generator(build, tmp_path, "Demo.", ["--record"]) == [tmp_path / MANIFEST]
    assert (tmp_path / "a.csv").read_bytes() == b"n\n1\n3\n"  # not rewritten
    assert read_csv_checked(tmp_path / "a.csv", schema)["n"].tolist() == [1, 3]
    out = capsys.readouterr().out
    assert "changed since the last record: a.csv" in out and "make execute" in out
    (tmp_path / "a.csv").unlink()
    with pytest.raises(DataError, match="a.csv not found, nothing recorded"):
        run_generator(build, tmp_path, "Demo.", ["--record"])


def test_schema_markdown_lists_every_column():
    table = schema_markdown(SCHEMA)
    for column in SCHEMA:
        assert f"`{column.name}`" in table
    assert "| `duration` | int | days | 0 to 100 |" in table


@pytest.mark.parametrize("module", ["_validate", *followup.datasets.__all__])
def test_docstring_examples_run(module):
    mod = importlib.import_module(f"followup.datasets.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_missing_file_in_a_copy_of_a_case_folder_points_at_the_case_generator(tmp_path):
    copy = tmp_path / "pipeline"
    copy.mkdir()
    message = error(copy / "activities.csv")
    assert "python data/pipeline/generate.py --out " in message and str(copy) in message
