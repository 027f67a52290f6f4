"""Decision latency: how long an issue waits for a decision, as a function of the levels it climbs.

An issue that a team cannot settle is escalated; each level it climbs adds the time until that
level's manager looks at it (the next meeting, the next review) and decides or passes it on. With a
wait ``w`` per level and ``a`` hours of analysis, the latency of an issue escalated through ``k``
levels is about ``a + k w``. A war room cuts both ``k`` (decision levels compressed to two, S5.2) and
``w`` (the deciders sit in the room).

>>> decision_latency(levels=4, wait_per_level_hours=20, analysis_hours=2)
82.0
>>> decision_latency(levels=2, wait_per_level_hours=3, analysis_hours=2)
8.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup.bounds import require_number
from followup.errors import OrganisationError

__all__ = ["ISSUE_COLUMNS", "MAX_LEVELS", "decision_latency", "issue_latency", "latency_fit"]

#: The most decision levels accepted (a deep corporate hierarchy has 6-8).
MAX_LEVELS = 20
MAX_HOURS = 10_000
#: The columns :func:`issue_latency` reads.
ISSUE_COLUMNS = ("issue_id", "raised_at", "decided_at", "decision_levels")


def decision_latency(levels: int, wait_per_level_hours: float, analysis_hours: float = 0.0) -> float:
    """Hours from raising an issue to its decision: ``analysis_hours + levels * wait_per_level_hours``.

    Twin of ``decisionLatency`` in ``followup/calculators/organisation_calculator.mjs``.
    """
    k = require_number(levels, "levels", low=1, high=MAX_LEVELS, integer=True, unit="levels")
    wait = require_number(wait_per_level_hours, "wait_per_level_hours", low=0, high=MAX_HOURS, unit="hours")
    analysis = require_number(analysis_hours, "analysis_hours", low=0, high=MAX_HOURS, unit="hours")
    return float(analysis + k * wait)


def issue_latency(issues: pd.DataFrame) -> pd.DataFrame:
    """The issues with ``latency_h`` (raised to decided, hours) added; checks columns and order of times."""
    if not isinstance(issues, pd.DataFrame):
        raise OrganisationError(f"issues must be a pandas DataFrame with columns {', '.join(ISSUE_COLUMNS)}")
    missing = [c for c in ISSUE_COLUMNS if c not in issues.columns]
    if missing:
        raise OrganisationError(f"issues have no column {', '.join(map(repr, missing))}; they need "
                                f"{', '.join(ISSUE_COLUMNS)}")
    latency = (issues["decided_at"] - issues["raised_at"]) / pd.Timedelta(hours=1)
    if (latency < 0).any():
        row = issues.index[(latency < 0).to_numpy()][0]
        raise OrganisationError(f"issue {issues.loc[row, 'issue_id']!r} is decided before it is raised; "
                                "correct raised_at or decided_at")
    return issues.assign(latency_h=latency)


def latency_fit(issues: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Least-squares fit of latency = ``analysis_h`` + ``hours_per_level`` x levels, in hours.

    One row per group of ``by`` (e.g. ``"period"``), or one row ``"all"``. A group whose issues
    all climbed the same number of levels cannot separate the two terms and is refused.
    """
    table = issue_latency(issues)
    if by is not None and by not in table.columns:
        raise OrganisationError(f"issues have no column {by!r} to group by; use one of {', '.join(table.columns)}")
    groups = [("all", table)] if by is None else list(table.groupby(by, sort=True))
    rows = {}
    for name, part in groups:
        levels = part["decision_levels"].to_numpy(dtype=float)
        if len(np.unique(levels)) < 2:
            raise OrganisationError(f"the issues of {name!r} all climbed {levels[0]:g} level(s); a fit of latency "
                                    "against levels needs issues with at least two different numbers of levels")
        slope, intercept = np.polyfit(levels, part["latency_h"].to_numpy(dtype=float), 1)
        rows[name] = {"analysis_h": float(intercept), "hours_per_level": float(slope), "issues": len(part)}
    return pd.DataFrame.from_dict(rows, orient="index")
