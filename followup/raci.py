"""The responsibility (RACI) matrix: who is Responsible, Accountable, Consulted, Informed for each task.

The rule that makes a RACI matrix work (PMBOK Guide, responsibility assignment matrix): **exactly
one Accountable** per task, who answers for it and signs it off, and **at least one Responsible**,
who does the work. A task with two Accountables is *dual reporting* (双重汇报): in a strong matrix the
project manager and the product line both claim the sign-off, and each decision waits for two
yeses (the friction S5.2 attributes to overlapping authority).

The matrix is given long: one row per (task, role, code); a role both doing and answering for a
task has two rows (``R`` and ``A``).

>>> import pandas as pd
>>> matrix = pd.DataFrame({"task_id": ["T1", "T1", "T2", "T2", "T2"],
...                        "role": ["architect", "pm", "pm", "product_line", "dft"],
...                        "responsibility": ["R", "A", "A", "A", "C"]})
>>> raci_problems(matrix)[["task_id", "problem"]].values.tolist()
[['T2', 'dual reporting: 2 Accountables (pm, product_line)'], ['T2', 'no Responsible']]
"""

from __future__ import annotations

import pandas as pd

from followup.errors import OrganisationError

__all__ = ["MAX_ROWS", "RACI_CODES", "raci_matrix", "raci_problems"]

RACI_CODES = ("R", "A", "C", "I")
MAX_ROWS = 100_000


def _checked(matrix: pd.DataFrame, task: str, role: str, code: str) -> pd.DataFrame:
    if not isinstance(matrix, pd.DataFrame):
        raise OrganisationError(f"matrix must be a pandas DataFrame with columns {task!r}, {role!r}, {code!r} "
                                f"(one row per task, role and code); got {type(matrix).__name__}")
    missing = [c for c in (task, role, code) if c not in matrix.columns]
    if missing:
        raise OrganisationError(f"matrix has no column {', '.join(map(repr, missing))}; a RACI matrix in long form "
                                f"needs {task!r}, {role!r}, {code!r}")
    if len(matrix) > MAX_ROWS:
        raise OrganisationError(f"matrix has {len(matrix):,} rows; give at most {MAX_ROWS:,}")
    codes = matrix[code].astype(str).str.strip().str.upper()
    bad = ~codes.isin(RACI_CODES)
    if bad.any():
        row = matrix.index[bad.to_numpy()][0]
        raise OrganisationError(f"matrix row {row!r} (task {matrix.loc[row, task]!r}, role {matrix.loc[row, role]!r}): "
                                f"code {matrix.loc[row, code]!r} is not one of R, A, C, I; write one letter per row")
    return matrix.assign(**{code: codes})


def raci_problems(matrix: pd.DataFrame, *, task: str = "task_id", role: str = "role",
                  code: str = "responsibility") -> pd.DataFrame:
    """The tasks that break the RACI rules: columns ``task_id``, ``problem``, ``fix`` (empty when valid).

    Problems: no Accountable; two or more Accountables (named: dual reporting); no Responsible.
    Tasks in order of first appearance.
    """
    matrix = _checked(matrix, task, role, code)
    rows = []
    for name, part in matrix.groupby(task, sort=False):
        accountable = part.loc[part[code] == "A", role].astype(str).tolist()
        if not accountable:
            rows.append((name, "no Accountable", "name the one role that answers for the task and signs it off"))
        elif len(accountable) > 1:
            rows.append((name, f"dual reporting: {len(accountable)} Accountables ({', '.join(accountable)})",
                         "keep one Accountable; make the others Consulted"))
        if not (part[code] == "R").any():
            rows.append((name, "no Responsible", "name at least one role that does the work"))
    return pd.DataFrame(rows, columns=["task_id", "problem", "fix"])


def raci_matrix(matrix: pd.DataFrame, *, task: str = "task_id", role: str = "role",
                code: str = "responsibility") -> pd.DataFrame:
    """The long matrix as the familiar grid: tasks down, roles across, codes in the cells ("A/R" when both)."""
    matrix = _checked(matrix, task, role, code)
    order = {c: i for i, c in enumerate(RACI_CODES)}
    cells = (matrix.assign(_order=matrix[code].map(order)).sort_values("_order")
             .groupby([task, role], sort=False)[code].agg("/".join))
    grid = cells.unstack(role).fillna("")
    return grid.reindex(index=pd.unique(matrix[task]), columns=pd.unique(matrix[role]))
