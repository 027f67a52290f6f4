"""The new-product development case (S1.2): schema, the figures DATASHEET.md quotes, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import pandas as pd
import pytest
from _dataset_checks import expect_bad_cell

from followup.acceptance import demonstration_sample_size, pass_probability
from followup.change_cost import change_cost_by_phase
from followup.datasets import npd_launch
from followup.milestone_trend import milestone_trend, reached_on

CASE = npd_launch.load()
REACHED = reached_on(CASE.reports)


def test_shape_of_the_case():
    assert CASE.project["target_yield"] == 0.95 and CASE.project["target_confidence"] == 0.95
    assert CASE.reports["report_date"].nunique() == 16
    assert CASE.trial_runs["purpose"].tolist() == ["pilot", "pilot", "acceptance"]


def test_milestones_reached_and_the_slip():
    assert [d.strftime("%Y-%m-%d") for d in REACHED] == [
        "2024-03-14", "2024-08-04", "2024-11-17", "2025-03-10", "2025-04-22"]
    assert (REACHED["M5"] - CASE.baseline["M5"]).days == 50
    trend = milestone_trend(CASE.reports, CASE.baseline)
    assert trend.loc[pd.Timestamp("2024-04-30"), "M5"] == 0 and trend.loc[pd.Timestamp("2024-05-31"), "M5"] == 19


def test_the_acceptance_run_is_the_93_unit_one_failure_plan():
    n = demonstration_sample_size(CASE.project["target_yield"], CASE.project["target_confidence"], 1)
    run = CASE.trial_runs.set_index("run").loc["T3"]
    assert n == 93 == run["units_tested"] and run["units_failed"] <= 1
    assert run["run_date"] <= REACHED["M4"]
    assert [round(100 * pass_probability(93, 1, y), 1) for y in (0.93, 0.95, 0.97)] == [0.9, 5.0, 22.8]


def test_millions_in_tooling_at_trial_production():
    items = CASE.commitments
    tooling = items[(items["category"] == "tooling") & (items["committed_on"] <= REACHED["M4"])]
    assert (tooling["amount_cny"] * tooling["scrap_share"]).sum() == 2_195_000
    gates = CASE.milestones.assign(reached_on=CASE.milestones["milestone"].map(REACHED))
    cost = change_cost_by_phase(items, gates, delay_cost_per_day=CASE.project["delay_cost_cny_per_day"],
                                redesign_cost=CASE.project["redesign_cost_cny"])
    assert cost["total"].loc[["M1", "M2", "M3", "M4"]].tolist() == [1_058_000, 4_003_000, 6_758_000, 9_067_000]
    assert cost["total"].is_monotonic_increasing


@pytest.mark.parametrize(("name", "row", "column", "value", "reason"), [
    ("reports.csv", 3, "milestone", "M9", "not a milestone in milestones.csv"),
    ("trial_runs.csv", 1, "units_failed", "500", "more units failed than"),
    ("commitments.csv", 2, "scrap_share", "1.5", "above the maximum"),
    ("milestones.csv", 1, "baseline_date", "15/03/2024", "ISO date"),
])
def test_bad_value_names_file_column_and_row(tmp_path, name, row, column, value, reason):
    expect_bad_cell("npd_launch", tmp_path, name, row, column, value, reason)
