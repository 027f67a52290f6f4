"""Loader of ``data/chip_war_room/``: a chip-design project before and after a co-located war room (S5.2).

Four files: the issue log of an IP-core / process R&D project (``issues.csv``) with the path of
each issue up the decision levels (``escalations.csv``), six months in the functional
organisation and six months in a war room with 2 decision levels; the cross-functional team
(``roster.csv``); and its responsibility (RACI) matrix (``raci.csv``)::

    >>> from followup.datasets import chip_war_room
    >>> case = chip_war_room.load()
    >>> case.issues.groupby("period")["decision_levels"].max().to_dict()
    {'functional': 4, 'war_room': 2}
    >>> case.article_issue()["category"]
    'clock_tree'

See ``data/chip_war_room/DATASHEET.md`` for every column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.datasets._validate import Column, case_dir, check_references, location, read_csv_checked
from followup.errors import DataError

CASE = "chip_war_room"
PERIODS = ("functional", "war_room")
CATEGORIES = ("timing", "clock_tree", "power", "dft_coverage", "verification_bug", "layout_drc", "process_variation")
#: The deciders, level by level, in each organisation.
DECIDERS = {"functional": ("team_lead", "department_manager", "director", "vp_engineering"),
            "war_room": ("war_room_lead", "project_director")}
ROLES = ("architect", "rtl_design", "verification", "dft", "physical_design", "process_integration",
         "project_manager", "product_line_manager")
RACI_CODES = ("R", "A", "C", "I")

ISSUES = (
    Column("issue_id", "str", pattern=r"IS-\d{3}", unique=True, description="issue"),
    Column("period", "str", choices=PERIODS, description="organisation when the issue was raised"),
    Column("category", "str", choices=CATEGORIES, description="kind of problem"),
    Column("raised_at", "datetime", min="2020-01-01", max="2035-12-31", description="when an engineer raised it"),
    Column("decided_at", "datetime", min="2020-01-01", max="2035-12-31",
           description="when the last level decided what to do"),
    Column("resolved_at", "datetime", min="2020-01-01", max="2035-12-31", description="when the fix was verified"),
    Column("decision_levels", "int", unit="levels", min=1, max=10, description="levels the issue climbed to its decision"),
    Column("article_case", "bool", description="true for the one issue S5.2 reports (the clock tree cracked within 72 hours)"),
)
ESCALATIONS = (
    Column("issue_id", "str", key=True, pattern=r"IS-\d{3}", description="issue (issues.csv)"),
    Column("level", "int", key=True, min=1, max=10, description="1 = the first level above the engineer"),
    Column("decider_role", "str", choices=tuple(r for roles in DECIDERS.values() for r in roles),
           description="who decides at this level"),
    Column("received_at", "datetime", min="2020-01-01", max="2035-12-31", description="when the level received the issue"),
    Column("decided_at", "datetime", min="2020-01-01", max="2035-12-31",
           description="when the level decided or passed it up"),
)
ROSTER = (
    Column("member_id", "str", pattern=r"M\d{2}", unique=True, description="team member"),
    Column("role", "str", choices=ROLES, description="discipline"),
    Column("home_department", "str", description="line department the member belongs to"),
    Column("war_room", "bool", description="true if the member sits in the war room"),
)
RACI = (
    Column("task_id", "str", key=True, pattern=r"T\d{2}", description="task"),
    Column("task", "str", description="what the task delivers"),
    Column("role", "str", key=True, choices=ROLES, description="role (roster.csv)"),
    Column("responsibility", "str", key=True, choices=RACI_CODES,
           description="R responsible, A accountable, C consulted, I informed (one letter per row)"),
)
FILES = {"issues.csv": ISSUES, "escalations.csv": ESCALATIONS, "roster.csv": ROSTER, "raci.csv": RACI}


@dataclass(frozen=True)
class ChipWarRoomCase:
    """The war-room case: issues and their escalations, the team, the RACI matrix."""

    issues: pd.DataFrame
    escalations: pd.DataFrame
    roster: pd.DataFrame
    raci: pd.DataFrame

    def article_issue(self) -> pd.Series:
        """The clock-tree issue S5.2 reports as cracked within 72 hours."""
        return self.issues[self.issues["article_case"]].iloc[0]

    def path(self, issue_id: str) -> pd.DataFrame:
        """The levels ``issue_id`` climbed, in order (rows of ``escalations.csv``)."""
        rows = self.escalations[self.escalations["issue_id"] == issue_id]
        if rows.empty:
            raise DataError(f"escalations.csv has no issue {issue_id!r}; issues look like "
                            f"{self.issues['issue_id'].iloc[0]!r}")
        return rows.reset_index(drop=True)


def load(data_dir: str | Path | None = None) -> ChipWarRoomCase:
    """Read and check every file (default folder ``data/chip_war_room/``).

    Besides the schema: each issue is raised <= decided <= resolved; its escalations are levels
    1..``decision_levels`` by the deciders of its period, each level received when the one below
    decided, and the last level's decision is the issue's ``decided_at``; exactly one issue is the
    article's case. Raises :class:`~followup.errors.DataError` naming file, column and data row.
    """
    folder = case_dir(CASE, data_dir)
    frames = {name: read_csv_checked(folder / name, schema) for name, schema in FILES.items()}
    issues, escalations = frames["issues.csv"], frames["escalations.csv"]
    issues_path, esc_path = folder / "issues.csv", folder / "escalations.csv"
    for earlier, later in (("raised_at", "decided_at"), ("decided_at", "resolved_at")):
        wrong = issues.index[(issues[later] < issues[earlier]).to_numpy()]
        if len(wrong):
            raise DataError(f"{location(issues_path, later, int(wrong[0]) + 1)}: before {earlier}; correct the "
                            f"times or regenerate the file with `python data/{CASE}/generate.py`")
    if int(issues["article_case"].sum()) != 1:
        raise DataError(f"{location(issues_path, 'article_case')}: {int(issues['article_case'].sum())} issues are "
                        "marked true; mark exactly one (the clock-tree issue of S5.2)")
    check_references(escalations, "issue_id", set(issues["issue_id"]), path=esc_path, target="issue_id in issues.csv")
    check_references(frames["raci.csv"], "role", set(frames["roster.csv"]["role"]), path=folder / "raci.csv",
                     target="role in roster.csv")
    by_issue = issues.set_index("issue_id")
    for issue_id, part in escalations.groupby("issue_id", sort=False):
        issue = by_issue.loc[issue_id]
        first = int(part.index[0]) + 1
        deciders = DECIDERS[issue["period"]]
        if part["level"].tolist() != list(range(1, int(issue["decision_levels"]) + 1)):
            raise DataError(f"{location(esc_path, 'level', first)}: issue {issue_id!r} has levels "
                            f"{part['level'].tolist()} but climbed {issue['decision_levels']}; list levels 1 to "
                            f"{issue['decision_levels']} in order")
        if part["decider_role"].tolist() != list(deciders[: len(part)]):
            raise DataError(f"{location(esc_path, 'decider_role', first)}: issue {issue_id!r} of the "
                            f"{issue['period']} period goes to {', '.join(deciders[: len(part)])}, in that order")
        received, decided = part["received_at"].to_numpy(), part["decided_at"].to_numpy()
        if (decided < received).any() or (received[1:] != decided[:-1]).any() or received[0] < issue["raised_at"]:
            raise DataError(f"{location(esc_path, 'received_at', first)}: the levels of issue {issue_id!r} do not "
                            "follow one another (each level receives the issue when the one below decides)")
        if decided[-1] != issue["decided_at"]:
            raise DataError(f"{location(issues_path, 'decided_at')}: issue {issue_id!r} is decided at "
                            f"{issue['decided_at']}, but its last level decided at {pd.Timestamp(decided[-1])}")
    missing = set(issues["issue_id"]) - set(escalations["issue_id"])
    if missing:
        raise DataError(f"{location(esc_path, 'issue_id')}: no escalation for issue(s) {', '.join(sorted(missing))}; "
                        f"regenerate the file with `python data/{CASE}/generate.py`")
    return ChipWarRoomCase(issues=issues, escalations=escalations, roster=frames["roster.csv"], raci=frames["raci.csv"])
