"""Reading and writing the case CSV files, checked against their datasheet schema.

Every loader in :mod:`followup.datasets` describes its files as a tuple of
:class:`Column` and reads them with :func:`read_csv_checked`, which raises a
:class:`~followup.errors.DataError` naming the FILE, the COLUMN and the ROW of
the first problem (a missing file, a truncated file, a mis-typed or
out-of-range value) and saying how to fix it. Generators write with
:func:`write_csv`, whose fixed number formatting makes regeneration byte for
byte identical; every ``data/<case>/generate.py`` hands its files to
:func:`write_case` and its command line to :func:`run_generator`.

Row numbers in messages are *data row* numbers, 1-based, as a reader counts
them below the header; the spreadsheet line is one more (the header is line 1).

Example::

    >>> import tempfile, pathlib
    >>> schema = (Column("id", "str", unique=True),
    ...           Column("duration", "int", unit="days", min=0))
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acts.csv"
    >>> _ = path.write_text("id,duration\\nA,3\\nB,x\\n", encoding="utf-8")
    >>> read_csv_checked(path, schema)
    Traceback (most recent call last):
    ...
    followup.errors.DataError: .../acts.csv, column 'duration', data row 2 (spreadsheet line 3): 'x' is not...
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from followup.errors import DataError

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_ROOT = REPO_ROOT / "data"

DTYPES = ("str", "int", "float", "bool", "date", "datetime")
_INT = re.compile(r"[+-]?\d+")
_BOOL = {"true": True, "false": False}
MANIFEST = "MANIFEST.sha256"
"""The checksum file a generator writes beside its CSV files (``sha256sum`` format: ``<hex>  <name>``)."""
CHANGING_DATA = "CONTRIBUTING.md, section 'Changing a dataset'"

CaseFiles = dict[str, tuple[pd.DataFrame, dict[str, str]]]
"""The files of a case as a generator builds them: ``{file name: (frame, formats for write_csv)}``."""


@dataclass(frozen=True)
class Column:
    """One column of a dataset file, as its datasheet describes it.

    ``dtype`` is one of ``str``, ``int``, ``float``, ``bool`` (``true``/``false``),
    ``date`` (ISO ``YYYY-MM-DD``) or ``datetime`` (ISO ``YYYY-MM-DDTHH:MM[:SS]``,
    timezone-naive). ``min``/``max`` bound numbers, dates and datetimes
    (inclusive; give dates as ISO strings); ``choices`` lists the allowed
    values; ``pattern`` is a regular expression a text value must match in full;
    ``nullable`` allows an empty cell; ``unique`` forbids repeated values.
    ``key`` marks the columns that together identify a row (a composite key,
    e.g. region and period): no two rows may repeat all of them.

    >>> Column("weight_t", "float", unit="t", min=0).unit
    't'
    """

    name: str
    dtype: str
    unit: str = ""
    description: str = ""
    min: float | str | None = None
    max: float | str | None = None
    choices: tuple | None = None
    pattern: str | None = None
    nullable: bool = False
    unique: bool = False
    key: bool = False

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise DataError(
                f"column {self.name!r}: unknown dtype {self.dtype!r}; use one of {', '.join(DTYPES)}"
            )


def case_dir(case: str, data_dir: str | Path | None = None) -> Path:
    """The folder of a case dataset: ``data_dir`` if given, else ``data/<case>`` of the repository.

    >>> case_dir("pipeline").name
    'pipeline'
    """
    return Path(data_dir) if data_dir is not None else DATA_ROOT / case


def display_path(path: str | Path) -> str:
    """``path`` relative to the repository when inside it (messages stay short and machine-independent)."""
    path = Path(path)
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def location(path: str | Path, column: str | None = None, row: int | None = None) -> str:
    """Where a problem is, in the words of every message: file, column, data row (and spreadsheet line).

    >>> location("data/x/a.csv", "weight_t", 4)
    "data/x/a.csv, column 'weight_t', data row 4 (spreadsheet line 5)"
    """
    where = display_path(path)
    if column is not None:
        where += f", column {column!r}"
    if row is not None:
        where += f", data row {row} (spreadsheet line {row + 1})"
    return where


def regenerate_command(case: str, folder: Path, data_dir) -> str:
    """The command that rebuilds a case's files: its generate.py, with ``--out`` when loading a copy elsewhere.

    >>> regenerate_command("card_fraud", Path("data/card_fraud"), None)
    'python data/card_fraud/generate.py'
    """
    return f"python data/{case}/generate.py" + ("" if data_dir is None else f" --out {folder}")


def _regenerate_hint(path: Path, regenerate: str | None) -> str:
    """The command that rebuilds ``path``: its case's generate.py (with ``--out`` for a copy elsewhere)."""
    if regenerate is not None:
        return regenerate
    beside = path.parent / "generate.py"
    if beside.exists() or path.parent.parent.resolve() == DATA_ROOT.resolve():
        return f"python {display_path(beside)}"
    case = DATA_ROOT / path.parent.name / "generate.py"
    if case.exists():
        return f"python {display_path(case)} --out {display_path(path.parent)}"
    return f"the generate.py of its case folder under {display_path(DATA_ROOT)}/"


def _bound(column: Column, value):
    """A ``min``/``max`` bound converted to the column's Python type."""
    if value is None:
        return None
    if column.dtype == "date":
        return date.fromisoformat(value) if isinstance(value, str) else value
    if column.dtype == "datetime":
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    return value


def _parse(text: str, column: Column):
    """Convert one cell; raise ``ValueError`` with a reader's reason."""
    kind = column.dtype
    unit = f" ({column.unit})" if column.unit else ""
    if kind == "str":
        value = text
        if column.pattern is not None and not re.fullmatch(column.pattern, text):
            raise ValueError(f"{text!r} does not match the pattern {column.pattern!r}")
    elif kind == "int":
        if not _INT.fullmatch(text):
            raise ValueError(f"{text!r} is not an integer{unit}")
        value = int(text)
    elif kind == "float":
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number{unit}") from None
        if not math.isfinite(value):
            raise ValueError(f"{text!r} is not a finite number{unit}")
    elif kind == "bool":
        if text not in _BOOL:
            raise ValueError(f"{text!r} is not 'true' or 'false'")
        value = _BOOL[text]
    elif kind == "date":
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not an ISO date YYYY-MM-DD") from None
        if len(text) != 10:
            raise ValueError(f"{text!r} is not an ISO date YYYY-MM-DD")
    else:  # datetime
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not an ISO datetime YYYY-MM-DDTHH:MM") from None
        if value.tzinfo is not None:
            raise ValueError(f"{text!r} carries a time zone; the file holds naive local site time")
    low, high = _bound(column, column.min), _bound(column, column.max)
    if low is not None and value < low:
        raise ValueError(f"{text!r} is below the minimum {column.min}{unit}")
    if high is not None and value > high:
        raise ValueError(f"{text!r} is above the maximum {column.max}{unit}")
    if column.choices is not None and value not in column.choices:
        raise ValueError(f"{text!r} is not one of {', '.join(map(str, column.choices))}")
    return value


def _series(values: list, column: Column) -> pd.Series:
    """Build a column with the dtype the datasheet promises (nullable ints as ``Int64``)."""
    has_null = any(v is None for v in values)
    if column.dtype == "str":
        return pd.Series(values, dtype="str", name=column.name)
    if column.dtype == "int":
        return pd.Series(values, dtype="Int64" if has_null else "int64", name=column.name)
    if column.dtype == "float":
        return pd.Series([np.nan if v is None else v for v in values], dtype="float64", name=column.name)
    if column.dtype == "bool":
        return pd.Series(values, dtype="boolean" if has_null else "bool", name=column.name)
    return pd.Series(pd.to_datetime(values), name=column.name)


def read_csv_checked(
    path: str | Path,
    schema: Sequence[Column],
    *,
    regenerate: str | None = None,
    min_rows: int = 1,
) -> pd.DataFrame:
    """Read a UTF-8 CSV file and check it against ``schema``; return a typed DataFrame.

    The frame has the schema's columns in schema order and a 0-based RangeIndex
    (data row ``n`` of a message is index ``n - 1``). ``regenerate`` is the
    command quoted when the file is missing or broken (default: the
    ``generate.py`` beside the file).

    Raises :class:`DataError` naming file, column and data row for: a missing
    or empty file, a missing, unexpected or repeated column, a row with fewer or
    more cells than the header (a truncated file), an empty cell in a
    non-nullable column, a value of the wrong type or out of range, a repeated
    value in a unique column, a repeated composite key (the ``key`` columns),
    fewer than ``min_rows`` data rows, and a file whose bytes differ from the
    ``MANIFEST.sha256`` beside it (changed or truncated since its generator
    wrote it; a folder without a manifest, e.g. a hand-made copy, is not
    compared). A UTF-8 byte-order mark (as Excel writes) and blank lines at the
    end of the file are accepted.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "crews.csv"
    >>> _ = path.write_text("crew,size\\nwelding,24\\n", encoding="utf-8")
    >>> read_csv_checked(path, (Column("crew", "str"), Column("size", "int", unit="people")))["size"].sum()
    np.int64(24)
    """
    path = Path(path)
    fix = _regenerate_hint(path, regenerate)
    if not path.is_file():
        raise DataError(f"{location(path)}: file not found; regenerate it with `{fix}`")
    raw = path.read_bytes()  # one read: the checksum is of exactly the bytes parsed
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{location(path)}: not UTF-8 text (byte {exc.start}); save it as UTF-8 or regenerate it with `{fix}`"
        ) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # blank lines at the end (an editor's extra newline) are not rows
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DataError(f"{location(path)}: the file is empty (no header line); regenerate it with `{fix}`")

    header = rows[0]
    expected = [c.name for c in schema]
    for position, name in enumerate(header):
        if name in header[:position]:
            raise DataError(f"{location(path, name)}: the header repeats this column; keep one of them")
        if name not in expected:
            raise DataError(
                f"{location(path, name)}: unexpected column (header); the datasheet lists "
                f"{', '.join(expected)}: remove it or add it to the loader's schema and the DATASHEET.md"
            )
    for name in expected:
        if name not in header:
            raise DataError(
                f"{location(path, name)}: column missing from the header (the file looks truncated "
                f"or edited); regenerate it with `{fix}`"
            )

    body = rows[1:]
    if len(body) < min_rows:
        raise DataError(
            f"{location(path)}: {len(body)} data rows, at least {min_rows} expected; regenerate it with `{fix}`"
        )
    position = {name: header.index(name) for name in expected}
    values: dict[str, list] = {name: [] for name in expected}
    for number, row in enumerate(body, start=1):
        if len(row) < len(header):
            missing = header[len(row)]
            raise DataError(
                f"{location(path, missing, number)}: the row has {len(row)} of {len(header)} cells "
                f"(truncated row); complete it or regenerate the file with `{fix}`"
            )
        if len(row) > len(header):
            raise DataError(
                f"{location(path, None, number)}: the row has {len(row)} cells but the header has "
                f"{len(header)} (a stray comma?); quote the value or regenerate the file with `{fix}`"
            )
        for column in schema:
            text = row[position[column.name]]
            if text == "":
                if not column.nullable:
                    raise DataError(
                        f"{location(path, column.name, number)}: empty cell in a column that must have a "
                        f"value; fill it in (see DATASHEET.md) or regenerate the file with `{fix}`"
                    )
                values[column.name].append(None)
                continue
            try:
                values[column.name].append(_parse(text, column))
            except ValueError as exc:
                raise DataError(
                    f"{location(path, column.name, number)}: {exc}; correct the value (see DATASHEET.md) "
                    f"or regenerate the file with `{fix}`"
                ) from None

    for column in schema:
        if column.unique:
            seen: dict = {}
            for number, value in enumerate(values[column.name], start=1):
                if value in seen:
                    raise DataError(
                        f"{location(path, column.name, number)}: {value!r} repeats data row "
                        f"{seen[value]}; values of this column must be unique"
                    )
                seen[value] = number
    _check_key(path, schema, values, fix)
    check_manifest(path, raw, fix)
    return pd.DataFrame({c.name: _series(values[c.name], c) for c in schema})


def _check_key(path: Path, schema: Sequence[Column], values: dict[str, list], fix: str) -> None:
    """No two rows repeat every ``key`` column of ``schema`` (a composite key: region and period, ...)."""
    key = [c.name for c in schema if c.key]
    if not key:
        return
    seen: dict[tuple, int] = {}
    for number, row in enumerate(zip(*(values[name] for name in key)), start=1):
        if row in seen:
            what = ", ".join(f"{name} {_text(value)}" for name, value in zip(key, row))
            raise DataError(
                f"{location(path, None, number)}: the row repeats data row {seen[row]} ({what}); each "
                f"({', '.join(key)}) must appear once: delete or correct one of them, or regenerate the file "
                f"with `{fix}`"
            )
        seen[row] = number


def _text(value) -> str:
    """A key value as the file writes it (dates ISO, not ``datetime.date(...)``)."""
    return repr(value.isoformat() if isinstance(value, (date, datetime)) else value)


def check_references(
    frame: pd.DataFrame,
    column: str,
    allowed: Iterable,
    *,
    path: str | Path,
    target: str,
    separator: str | None = None,
    strip: str | None = None,
) -> None:
    """Check every value of ``frame[column]`` is among ``allowed`` (a foreign key).

    ``frame`` comes from :func:`read_csv_checked` (index ``i`` is data row
    ``i + 1``); ``target`` names what the values refer to, e.g. ``"crane_id in
    cranes.csv"``. With ``separator``, a cell holds a list of references;
    ``strip`` is a regular expression removed from each before the check (e.g.
    ``r"\\s.*$"`` drops the link type and lag of ``"B SS+5"``).

    >>> frame = pd.DataFrame({"crane": ["TC1", "CC1600"]})
    >>> check_references(frame, "crane", {"TC1"}, path="lifts.csv", target="crane_id in cranes.csv")
    Traceback (most recent call last):
    ...
    followup.errors.DataError: lifts.csv, column 'crane', data row 2 (spreadsheet line 3): 'CC1600' is not...
    """
    allowed = set(allowed)
    for index, cell in enumerate(frame[column].tolist()):
        if cell is None or (isinstance(cell, float) and math.isnan(cell)):
            continue
        items = [cell] if separator is None else [s.strip() for s in str(cell).split(separator) if s.strip()]
        for item in items:
            if strip is not None:
                item = re.sub(strip, "", item)
            if item not in allowed:
                raise DataError(
                    f"{location(Path(path), column, index + 1)}: {item!r} is not a {target}; "
                    f"use one of {', '.join(map(str, sorted(allowed)))}"
                )


def write_csv(frame: pd.DataFrame, path: str | Path, formats: dict[str, str] | None = None) -> Path:
    """Write ``frame`` as UTF-8 CSV with ``\\n`` line endings and fixed formatting, byte-reproducibly.

    ``formats`` maps a column to a format: a :func:`format` spec for floats
    (``".2f"``) or a :meth:`~datetime.datetime.strftime` pattern for dates and
    datetimes (``"%Y-%m-%dT%H:%M"``). Every float, date or datetime column needs
    one, so no output depends on pandas' default repr; booleans are written
    ``true``/``false``; the index is not written.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = write_csv(pd.DataFrame({"a": [1.0, 2.5]}), out, {"a": ".1f"})
    >>> out.read_bytes()
    b'a\\n1.0\\n2.5\\n'
    """
    formats = formats or {}
    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        series = frame[name]
        spec = formats.get(name)
        if pd.api.types.is_bool_dtype(series):
            out[name] = series.map(lambda v: "" if pd.isna(v) else ("true" if v else "false"))
        elif pd.api.types.is_float_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            if spec is None:
                raise DataError(
                    f"{display_path(path)}, column {name!r}: no fixed format given; "
                    f"pass formats={{{name!r}: '.2f'}} (numbers) or '%Y-%m-%d' (dates)"
                )
            if pd.api.types.is_float_dtype(series):
                out[name] = series.map(lambda v: "" if pd.isna(v) else format(v, spec))
            else:
                out[name] = series.map(lambda v: "" if pd.isna(v) else v.strftime(spec))
        elif spec is not None:
            out[name] = series.map(lambda v: "" if pd.isna(v) else format(v, spec))
        else:
            out[name] = series.map(lambda v: "" if pd.isna(v) else str(v))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out.to_csv(handle, index=False, lineterminator="\n")
    return path


def write_case(files: CaseFiles, out_dir: str | Path) -> list[Path]:
    """Write every ``name: (frame, formats)`` of a case into ``out_dir`` with :func:`write_csv`, then
    their checksums into ``MANIFEST.sha256`` (:func:`write_manifest`); return the paths, manifest last.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> [p.name for p in write_case({"a.csv": (pd.DataFrame({"x": [0.5]}), {"x": ".2f"})}, out)]
    ['a.csv', 'MANIFEST.sha256']
    >>> (out / "a.csv").read_text()
    'x\\n0.50\\n'
    """
    out = Path(out_dir)
    paths = [write_csv(frame, out / name, formats) for name, (frame, formats) in files.items()]
    return paths + [write_manifest(out, paths)]


def write_manifest(folder: str | Path, paths: Iterable[str | Path]) -> Path:
    """Record the SHA-256 of each file of ``paths`` (all in ``folder``) in ``folder/MANIFEST.sha256``.

    One ``<hex digest>  <file name>`` line per file, sorted by name, as ``sha256sum`` writes them.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_bytes(b"x\\n1\\n")
    >>> print(write_manifest(folder, [folder / "a.csv"]).read_text(), end="")
    daff832f802000e645771a60983c76c963f6ee602a6230e45237bd360e91cc1a  a.csv
    """
    folder = Path(folder)
    lines = [f"{hashlib.sha256(Path(p).read_bytes()).hexdigest()}  {Path(p).name}\n"
             for p in sorted(paths, key=lambda p: Path(p).name)]
    manifest = folder / MANIFEST
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(lines)
    return manifest


def read_manifest(folder: str | Path) -> dict[str, str] | None:
    """``{file name: SHA-256 hex digest}`` from ``folder/MANIFEST.sha256``, or ``None`` when there is none."""
    manifest = Path(folder) / MANIFEST
    if not manifest.is_file():
        return None
    recorded = {}
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        if not line.strip():
            continue
        if not separator or not re.fullmatch(r"[0-9a-f]{64}", digest) or not name.strip():
            raise DataError(
                f"{display_path(manifest)}, line {number}: {line[:80]!r} is not '<SHA-256>  <file name>'; "
                f"rewrite the manifest with the generate.py of the case (`--record` keeps the CSV files as they are)"
            )
        recorded[name.strip()] = digest
    return recorded


def _record_hint(fix: str) -> str:
    """The command that records a deliberate edit: the generator's command with ``--record``."""
    return f"{fix} --record" if fix.startswith("python ") else "the generate.py of the case with --record"


def check_manifest(path: str | Path, raw: bytes, fix: str) -> None:
    """Raise :class:`DataError` unless ``raw`` (the bytes of ``path``) is what ``MANIFEST.sha256`` records.

    ``fix`` is the command that regenerates the case. Nothing is checked when the
    folder has no manifest (a copy made by hand). The message tells apart an
    accident (restore the file) from a deliberate edit (record it, re-execute).
    """
    path = Path(path)
    recorded = read_manifest(path.parent)
    if recorded is None:
        return
    manifest, record = display_path(path.parent / MANIFEST), _record_hint(fix)
    if path.name not in recorded:
        raise DataError(
            f"{location(path)}: the file is not listed in {manifest}, so it cannot be checked; regenerate the "
            f"case with `{fix}`, or record the files as they are with `{record}`"
        )
    if hashlib.sha256(raw).hexdigest() == recorded[path.name]:
        return
    if raw and not raw.endswith(b"\n"):
        how = "it does not end with a line break, so it looks cut inside its last row (an interrupted copy or save)"
    else:
        how = "it was edited, truncated or re-saved since"
    shown = display_path(path)
    restore = f"`git checkout -- {shown}` or `{fix}`" if not Path(shown).is_absolute() else f"`{fix}`"
    raise DataError(
        f"{location(path)}: the file differs from the one its generator wrote (its SHA-256 is not the one "
        f"recorded in {manifest}): {how}. If you did not mean to change it, restore it with {restore}. "
        f"If you edited it on purpose, record the edit with `{record}`, then refresh the notebooks' stored "
        f"outputs with `make execute` (`make book` re-executes by itself); {CHANGING_DATA} says which tests "
        f"to update"
    )


def run_generator(
    build: Callable[[], CaseFiles],
    default_dir: str | Path,
    description: str,
    argv: Sequence[str] | None = None,
) -> list[Path]:
    """The command line of a ``data/<case>/generate.py``: write ``build()`` into ``--out DIR`` (default
    ``default_dir``) with its manifest, print each path written and return the paths.

    ``--record`` rewrites no CSV file: it records the checksums of the case's files as they are now, after
    a deliberate edit by hand (the loaders refuse an edited file until then).
    ``description`` is the script's docstring (its first line becomes the ``--help`` text).

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> paths = run_generator(lambda: {"a.csv": (pd.DataFrame({"n": [1]}), {})}, out, "Demo.", ["--out", out])
    wrote .../a.csv
    wrote .../MANIFEST.sha256
    """
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--out", default=str(default_dir), help="folder to write into (default: beside this script)")
    parser.add_argument("--record", action="store_true",
                        help="write no CSV file: record the checksums of the files as they are (after editing one)")
    args = parser.parse_args(argv)
    if args.record:
        return [_record(list(build()), Path(args.out))]
    paths = write_case(build(), args.out)
    for path in paths:
        print(f"wrote {display_path(path)}")
    return paths


def _record(names: list[str], folder: Path) -> Path:
    """``generate.py --record``: the manifest of the case's files as they are; say which ones changed."""
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise DataError(f"{display_path(folder)}: {', '.join(missing)} not found, nothing recorded; "
                        f"regenerate the case without --record")
    before = read_manifest(folder) or {}
    manifest = write_manifest(folder, [folder / name for name in names])
    after = read_manifest(folder)
    changed = [name for name in names if before.get(name) != after[name]]
    print(f"recorded {display_path(manifest)}; changed since the last record: {', '.join(changed) or 'none'}")
    if changed:
        print("Next: `make execute` refreshes the notebooks' outputs (`make book` re-executes by itself). This "
              "generate.py still writes the old values: change it to match, or tests/test_data_contract.py fails "
              f"and the next regeneration undoes the edit ({CHANGING_DATA}).")
    return manifest


def schema_markdown(schema: Sequence[Column]) -> str:
    """The schema as a Markdown table (column, type, unit, allowed values, description) for a datasheet.

    >>> print(schema_markdown((Column("weight_t", "float", unit="t", min=0, description="lift weight"),)))
    | column | type | unit | allowed | description |
    | --- | --- | --- | --- | --- |
    | `weight_t` | float | t | >= 0 | lift weight |
    """
    lines = ["| column | type | unit | allowed | description |", "| --- | --- | --- | --- | --- |"]
    for c in schema:
        allowed = []
        if c.min is not None and c.max is not None:
            allowed.append(f"{c.min} to {c.max}")
        elif c.min is not None:
            allowed.append(f">= {c.min}")
        elif c.max is not None:
            allowed.append(f"<= {c.max}")
        if c.choices is not None:
            allowed.append("one of " + ", ".join(f"`{v}`" for v in c.choices))
        if c.pattern is not None:
            allowed.append(f"pattern `{c.pattern}`")
        if c.unique:
            allowed.append("unique")
        if c.key:
            allowed.append("part of the key (" + ", ".join(k.name for k in schema if k.key) + ")")
        if c.nullable:
            allowed.append("may be empty")
        cells = (f"`{c.name}`", c.dtype, c.unit or "-", "; ".join(allowed) or "-", c.description)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")  # a | would split the cell
    return "\n".join(lines)
