"""The 4S dealership case (S5.1): schema, the figures DATASHEET.md quotes, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import pytest
from _dataset_checks import broken_copy, expect_bad_cell, expect_data_error, replace_cell

from followup.datasets import dealership_4s
from followup.flow import average_wip, case_flow, handoff_waits, littles_law, throughput
from followup.labour_efficiency import efficiency_by, efficiency_gain, labour_hour_efficiency, mix_standardised_gain

CASE = dealership_4s.load()
EVENTS, CARDS = CASE.loan_events, CASE.job_cards


def test_schema_and_size():
    assert EVENTS["case_id"].nunique() == 120 and len(EVENTS) == 480
    assert EVENTS["start"].min().isoformat() == "2025-03-03T11:02:00"
    assert CARDS.groupby("period").size().to_dict() == {"after": 600, "before": 600}
    assert set(CARDS.loc[CARDS["period"] == "after", "technician_role"]) == set(dealership_4s.JOB_TYPES)


def test_three_handoffs_and_flow_efficiency():
    flow = case_flow(EVENTS)
    assert (flow["handoffs"] == 3).all()  # S5.1: "may flow through three teams"
    assert round(flow["lead_time_h"].mean(), 1) == 41.9 and round(flow["touch_time_h"].mean(), 1) == 4.0
    assert round(100 * flow["touch_time_h"].sum() / flow["lead_time_h"].sum(), 1) == 9.5
    waits = handoff_waits(EVENTS).groupby(["from_team", "to_team"])["wait_h"].mean().round(1).to_dict()
    assert waits == {("sales", "finance"): 8.9, ("finance", "risk_control"): 22.2, ("risk_control", "sales"): 6.8}


def test_littles_law_holds_over_the_log():
    flow = case_flow(EVENTS)
    wip = average_wip(EVENTS)
    assert round(throughput(EVENTS), 2) == 4.21 and round(wip, 2) == 7.36
    assert littles_law(throughput=throughput(EVENTS), lead_time=flow["lead_time_h"].mean() / 24) == pytest.approx(wip)


def test_the_reported_forty_percent_and_what_it_depends_on():
    gain = efficiency_gain(CARDS, "before", "after")
    assert round(100 * gain, 1) == 40.0  # S5.1: "raised labour-hour efficiency by 40 %"
    before = labour_hour_efficiency(CARDS[CARDS["period"] == "before"])
    after = labour_hour_efficiency(CARDS[CARDS["period"] == "after"])
    assert (round(before, 3), round(after, 3)) == (0.682, 0.955)
    assert round(100 * mix_standardised_gain(CARDS, "before", "after"), 1) == 38.2
    assert round(100 * mix_standardised_gain(CARDS, "before", "after", weights_from="after"), 1) == 35.4
    months = efficiency_by(CARDS[CARDS["period"] == "before"], "month")["efficiency"]
    against = (after / months - 1).round(3)
    assert (against.min(), against.idxmin(), against.max(), against.idxmax()) == (0.265, "2024-02", 0.615, "2024-01")


def test_every_job_type_got_faster():
    table = efficiency_by(CARDS, ["job_type", "period"])["efficiency"].unstack()
    assert (table["after"] > table["before"]).all()


@pytest.mark.parametrize(("name", "row", "column", "value", "reason"), [
    ("loan_events.csv", 1, "team", "finance", "is done by 'sales'"),
    ("loan_events.csv", 3, "start", "3 March", "is not an ISO datetime"),
    ("job_cards.csv", 5, "actual_hours", "-1.0", "below the minimum"),
    ("job_cards.csv", 1, "technician_role", "paint", "generalist"),
])
def test_bad_value_names_file_column_and_row(tmp_path, name, row, column, value, reason):
    expect_bad_cell("dealership_4s", tmp_path, name, row, column, value, reason)


def test_steps_out_of_order_are_named(tmp_path):
    def swap(text):
        text = replace_cell(text, 2, "step", "credit_review")
        text = replace_cell(text, 2, "team", "risk_control")
        text = replace_cell(text, 3, "step", "loan_file")
        return replace_cell(text, 3, "team", "finance")

    folder = broken_copy("dealership_4s", tmp_path, "loan_events.csv", swap)
    expect_data_error(dealership_4s.load, folder, "loan_events.csv", "case 'L001'", "in this order")
