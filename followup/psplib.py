"""Reader of PSPLIB single-mode instances (``.sm`` files) and their optimum tables.

PSPLIB (Kolisch & Sprecher, 1997) is the standard benchmark library of the
resource-constrained project scheduling problem (RCPSP). Each ``.sm`` file holds
one project: jobs with a duration and a demand per renewable resource, finish-to-
start precedence links, and the capacity of each resource. Job 1 and the last job
are dummy source and sink of duration 0.

Example::

    >>> inst = read_sm("j30/j301_1.sm")                       # doctest: +SKIP
    >>> inst.mpm_time, inst.capacities["R1"]                    # doctest: +SKIP
    (38, 12)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.errors import DataError

__all__ = ["PsplibInstance", "read_sm", "read_optimum"]


@dataclass(frozen=True)
class PsplibInstance:
    """One PSPLIB project.

    Attributes:
        name: file stem, e.g. ``"j301_1"``.
        activities: DataFrame with columns ``id`` (str ``"1"`` .. ``"N"``) and ``duration`` (int).
        links: DataFrame with columns ``predecessor``, ``successor``, ``type`` (always ``"FS"``), ``lag`` (0).
        capacities: renewable resource capacity per period, e.g. ``{"R1": 12, "R2": 13, ...}``.
        demands: DataFrame indexed by activity id, one int column per resource (``R1`` ...).
        mpm_time: critical-path length with resources ignored, as stated in the file header.
        horizon: the file's upper bound on the makespan (sum of durations).
    """

    name: str
    activities: pd.DataFrame
    links: pd.DataFrame
    capacities: dict[str, int]
    demands: pd.DataFrame
    mpm_time: int
    horizon: int


_RULE = re.compile(r"^[*\-]{5,}\s*$")


#: Largest number accepted in a file (durations, demands, capacities, bounds): far above any PSPLIB set.
_MAX_VALUE = 10**9


def _ints(path: Path, lineno: int, line: str, what: str) -> list[int]:
    try:
        values = [int(tok) for tok in line.split()]
    except ValueError:
        raise DataError(
            f"{path.name} line {lineno}: expected integers in the {what} section, got {line.strip()!r}; "
            "the file is not a PSPLIB single-mode .sm file or is corrupted - re-copy it from PSPLIB"
        ) from None
    for value in values:
        if not 0 <= value <= _MAX_VALUE:
            raise DataError(
                f"{path.name} line {lineno}: {value} in the {what} section; PSPLIB numbers (durations, demands, "
                f"capacities, job numbers) are whole numbers from 0 to {_MAX_VALUE:,} - re-copy the file"
            )
    return values


def _header_int(path: Path, lineno: int, line: str) -> int:
    value = line.split(":", 1)[1].split() if ":" in line else []
    if not value or not value[0].isdigit() or not value[0].isascii() or int(value[0]) > _MAX_VALUE:
        raise DataError(
            f"{path.name} line {lineno}: expected an integer after ':' in {line.strip()!r}; "
            "re-copy the file from PSPLIB"
        )
    return int(value[0])


def read_sm(path: str | Path) -> PsplibInstance:
    """Read a PSPLIB single-mode ``.sm`` file.

    Raises ``DataError`` naming the file and line when a section is missing or a
    line does not parse, and when the job counts of the sections disagree.

    Example::

        >>> inst = read_sm("j30/j301_1.sm")                   # doctest: +SKIP
        >>> len(inst.activities), inst.horizon                  # doctest: +SKIP
        (32, 158)
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such PSPLIB file; check the path (the PSPLIB sets the book uses live in data/psplib)")
    lines = path.read_text(encoding="ascii", errors="replace").splitlines()

    n_jobs = horizon = mpm_time = None
    successors: dict[int, list[int]] = {}
    durations: dict[int, int] = {}
    requests: dict[int, list[int]] = {}
    resource_names: list[str] = []
    capacities: list[int] | None = None
    section = None
    for lineno, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            continue
        lower = stripped.lower()
        if lower.startswith("jobs (incl. supersource/sink"):
            n_jobs = _header_int(path, lineno, stripped)
        elif lower.startswith("horizon"):
            horizon = _header_int(path, lineno, stripped)
        elif lower.startswith("project information"):
            section = "project"
        elif lower.startswith("precedence relations"):
            section = "precedence"
        elif lower.startswith("requests/durations"):
            section = "requests"
        elif lower.startswith("resourceavailabilities"):
            section = "availability"
        elif lower.startswith("pronr."):
            continue
        elif lower.startswith("jobnr."):
            if section == "requests":
                # "jobnr. mode duration  R 1  R 2 ..." -> resource names R1, R2, ...
                resource_names = [f"{k}{n}" for k, n in re.findall(r"\b([RND])\s*(\d+)", stripped)]
            continue
        elif section == "project":
            values = _ints(path, lineno, stripped, "PROJECT INFORMATION")
            if len(values) < 6:
                raise DataError(
                    f"{path.name} line {lineno}: PROJECT INFORMATION needs 6 numbers "
                    f"(pronr #jobs rel.date duedate tardcost MPM-Time), got {stripped!r}; re-copy the file"
                )
            mpm_time = values[5]
            section = None
        elif section == "precedence":
            values = _ints(path, lineno, stripped, "PRECEDENCE RELATIONS")
            if len(values) < 3 or len(values) != 3 + values[2]:
                raise DataError(
                    f"{path.name} line {lineno}: a precedence line is 'jobnr #modes #successors successors...' "
                    f"with as many successors as announced, got {stripped!r}; re-copy the file"
                )
            successors[values[0]] = values[3:]
        elif section == "requests":
            values = _ints(path, lineno, stripped, "REQUESTS/DURATIONS")
            if not resource_names or len(values) != 3 + len(resource_names):
                raise DataError(
                    f"{path.name} line {lineno}: a request line is 'jobnr mode duration' plus one demand per "
                    f"resource ({len(resource_names)} resources), got {stripped!r}; re-copy the file"
                )
            if values[1] != 1:
                raise DataError(
                    f"{path.name} line {lineno}: job {values[0]} has mode {values[1]}; only single-mode (.sm) "
                    "files are supported - use a .sm instance, not a multi-mode .mm one"
                )
            durations[values[0]] = values[2]
            requests[values[0]] = values[3:]
        elif section == "availability":
            if stripped.upper().startswith(("R", "N", "D")):
                resource_names = resource_names or [f"{k}{n}" for k, n in re.findall(r"\b([RND])\s*(\d+)", stripped)]
                continue
            capacities = _ints(path, lineno, stripped, "RESOURCEAVAILABILITIES")
            if len(set(resource_names)) != len(resource_names):
                raise DataError(
                    f"{path.name}: the resources are named {resource_names}, one name twice; every resource needs "
                    "its own name (R 1, R 2, ...) - re-copy the file"
                )
            if len(capacities) != len(resource_names):
                raise DataError(
                    f"{path.name} line {lineno}: {len(capacities)} capacities for {len(resource_names)} "
                    "resources; re-copy the file"
                )
            section = None

    missing = [
        label
        for label, value in [
            ("'jobs (incl. supersource/sink )'", n_jobs),
            ("'horizon'", horizon),
            ("PROJECT INFORMATION (MPM-Time)", mpm_time),
            ("PRECEDENCE RELATIONS", successors or None),
            ("REQUESTS/DURATIONS", durations or None),
            ("RESOURCEAVAILABILITIES", capacities),
        ]
        if value is None
    ]
    if missing:
        raise DataError(
            f"{path.name} line {len(lines)}: file ends without {', '.join(missing)}; "
            "the file is truncated or not a PSPLIB .sm file - re-copy it"
        )
    if n_jobs > len(lines):
        raise DataError(f"{path.name}: the header announces {n_jobs} jobs but the file has {len(lines)} lines; "
                        "re-copy the file")
    expected = list(range(1, n_jobs + 1))
    for label, table in [("PRECEDENCE RELATIONS", successors), ("REQUESTS/DURATIONS", durations)]:
        if sorted(table) != expected:
            absent = sorted(set(expected) - set(table)) or sorted(set(table) - set(expected))
            raise DataError(
                f"{path.name}: {label} lists jobs {min(table)}..{max(table)} ({len(table)} jobs) but the header "
                f"announces {n_jobs}; jobs {absent[:5]} differ - re-copy the file"
            )
    for job, succ in successors.items():
        unknown = [s for s in succ if s not in durations]
        if unknown:
            raise DataError(
                f"{path.name}: job {job} has successor(s) {unknown} that are not jobs 1..{n_jobs}; re-copy the file"
            )

    ids = [str(j) for j in expected]
    activities = pd.DataFrame({"id": ids, "duration": [durations[j] for j in expected]})
    pairs = [(str(j), str(s)) for j in expected for s in successors[j]]
    links = pd.DataFrame(
        {
            "predecessor": [p for p, _ in pairs],
            "successor": [s for _, s in pairs],
            "type": ["FS"] * len(pairs),
            "lag": [0] * len(pairs),
        }
    )
    demands = pd.DataFrame(
        [requests[j] for j in expected], index=pd.Index(ids, name="id"), columns=resource_names
    )
    return PsplibInstance(
        name=path.stem,
        activities=activities,
        links=links,
        capacities=dict(zip(resource_names, capacities)),
        demands=demands,
        mpm_time=mpm_time,
        horizon=horizon,
    )


def read_optimum(csv_path: str | Path) -> pd.DataFrame:
    """Read a PSPLIB ``optimum.csv`` (``problem,optimum``) into ``problem, lower, upper``.

    ``problem`` is the instance name without ``.sm`` (``"j301_1"``). A proven optimum
    ``43`` gives ``lower == upper == 43``; a best-known interval ``104..105`` gives
    ``lower=104, upper=105``. Where only an upper bound is known (``..103``, 416 rows
    of the j120 table) ``lower`` is missing (``pd.NA``); the critical-path length
    ``PsplibInstance.mpm_time`` is then the trivial lower bound. Both columns are
    nullable integers (``Int64``).

    Example::

        >>> read_optimum("j120/optimum/optimum.csv").iloc[0].tolist()   # doctest: +SKIP
        ['j1201_1', 104, 105]
    """
    csv_path = Path(csv_path)
    if not csv_path.is_file():
        raise DataError(f"{csv_path}: no such optimum table; check the path (e.g. j30/optimum/optimum.csv)")
    lines = csv_path.read_text(encoding="ascii", errors="replace").splitlines()
    if not lines or [c.strip() for c in lines[0].split(",")] != ["problem", "optimum"]:
        raise DataError(f"{csv_path.name} line 1: header must be 'problem,optimum'; re-copy the file")
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        match = re.fullmatch(r"(\d{1,9})|(\d{0,9})\.\.(\d{1,9})", fields[1]) if len(fields) == 2 else None
        if not match:
            raise DataError(
                f"{csv_path.name} line {lineno}: expected 'name.sm,value', 'name.sm,lower..upper' "
                "or 'name.sm,..upper', "
                f"got {line!r}; re-copy the file"
            )
        if match.group(1):
            lower = upper = int(match.group(1))
        else:
            lower = int(match.group(2)) if match.group(2) else pd.NA
            upper = int(match.group(3))
        if lower is not pd.NA and upper < lower:
            raise DataError(f"{csv_path.name} line {lineno}: interval {fields[1]} has upper < lower; re-copy the file")
        rows.append((fields[0].removesuffix(".sm"), lower, upper))
    table = pd.DataFrame(rows, columns=["problem", "lower", "upper"])
    return table.astype({"lower": "Int64", "upper": "Int64"})
