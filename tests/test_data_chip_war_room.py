"""The chip war-room case (S5.2): schema, the figures DATASHEET.md quotes, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import pandas as pd
import pytest
from _dataset_checks import broken_copy, expect_bad_cell, expect_data_error, replace_cell

from followup.communication import channels_through_leads, communication_channels
from followup.datasets import chip_war_room
from followup.decisions import issue_latency, latency_fit
from followup.errors import DataError
from followup.raci import raci_problems

CASE = chip_war_room.load()


def test_schema_and_periods():
    assert CASE.issues.groupby("period").size().to_dict() == {"functional": 60, "war_room": 61}
    assert CASE.issues.groupby("period")["decision_levels"].max().to_dict() == {"functional": 4, "war_room": 2}
    assert len(CASE.escalations) == CASE.issues["decision_levels"].sum()


def test_latency_falls_with_the_levels():
    latency = issue_latency(CASE.issues).groupby("period")["latency_h"].mean().round(1).to_dict()
    assert latency == {"functional": 48.3, "war_room": 9.6}
    fit = latency_fit(CASE.issues, "period").round(1)
    assert fit.loc["functional", ["analysis_h", "hours_per_level"]].tolist() == [2.0, 19.7]
    assert fit.loc["war_room", ["analysis_h", "hours_per_level"]].tolist() == [4.2, 3.5]


def test_the_clock_tree_issue_is_cracked_within_72_hours():
    issue = CASE.article_issue()
    assert issue["issue_id"] == "IS-085" and issue["category"] == "clock_tree" and issue["decision_levels"] == 2
    hours = (issue["resolved_at"] - issue["raised_at"]) / pd.Timedelta(hours=1)
    assert hours == 71.5  # S5.2: "cracked within 72 hours"
    assert CASE.path("IS-085")["decider_role"].tolist() == ["war_room_lead", "project_director"]


def test_team_channels_and_the_dual_reporting_task():
    room = CASE.roster[CASE.roster["war_room"]]
    assert communication_channels(len(room)) == 91
    assert channels_through_leads(room.groupby("home_department", sort=False).size().tolist()) == 30
    problems = raci_problems(CASE.raci)
    assert problems["task_id"].tolist() == ["T07"] and "2 Accountables" in problems["problem"].iloc[0]


@pytest.mark.parametrize(("name", "row", "column", "value", "reason"), [
    ("issues.csv", 1, "decision_levels", "0", "below the minimum"),
    ("escalations.csv", 1, "decider_role", "cto", "is not one of"),
    ("raci.csv", 1, "responsibility", "X", "is not one of"),
    ("roster.csv", 2, "war_room", "yes", "is not 'true' or 'false'"),
])
def test_bad_value_names_file_column_and_row(tmp_path, name, row, column, value, reason):
    expect_bad_cell("chip_war_room", tmp_path, name, row, column, value, reason)


def test_an_escalation_out_of_step_is_named(tmp_path):
    folder = broken_copy("chip_war_room", tmp_path, "escalations.csv",
                         lambda text: replace_cell(text, 2, "received_at", "2024-03-05T03:53"))
    expect_data_error(chip_war_room.load, folder, "escalations.csv", "issue 'IS-001'", "do not follow")


def test_unknown_issue_path_is_refused():
    with pytest.raises(DataError, match="no issue 'IS-999'"):
        CASE.path("IS-999")
