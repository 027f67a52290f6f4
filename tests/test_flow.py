"""followup.flow: flow metrics from an event log, the lead-time formula and Little's law."""
import doctest

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import followup.flow
from followup.errors import OrganisationError
from followup.flow import (average_wip, case_flow, flow_efficiency, handoff_waits, lead_time, littles_law,
                           throughput)


def log(*rows):
    frame = pd.DataFrame(rows, columns=["case_id", "step", "team", "start", "end"])
    return frame.assign(start=pd.to_datetime(frame["start"]), end=pd.to_datetime(frame["end"]))


TWO_CASES = log(
    ("A", "apply", "sales", "2025-03-03 09:00", "2025-03-03 10:00"),
    ("A", "file", "finance", "2025-03-03 12:00", "2025-03-03 13:00"),
    ("A", "check", "finance", "2025-03-03 13:00", "2025-03-03 14:00"),  # same team: no hand-off
    ("B", "apply", "sales", "2025-03-03 10:00", "2025-03-03 11:00"),
    ("B", "file", "finance", "2025-03-04 11:00", "2025-03-04 12:00"),
)


def test_doctests():
    assert doctest.testmod(followup.flow).failed == 0


def test_case_flow_by_hand():
    flow = case_flow(TWO_CASES)
    assert flow.loc["A"].to_dict() == {"lead_time_h": 5.0, "touch_time_h": 3.0, "waiting_h": 2.0, "handoffs": 1,
                                       "flow_efficiency": 0.6}
    assert flow.loc["B", "lead_time_h"] == 26.0 and flow.loc["B", "handoffs"] == 1


def test_row_order_does_not_matter():
    pd.testing.assert_frame_equal(case_flow(TWO_CASES), case_flow(TWO_CASES.iloc[::-1]))


def test_handoff_waits_skip_steps_in_the_same_team():
    waits = handoff_waits(TWO_CASES)
    assert waits.values.tolist() == [["A", "sales", "finance", 2.0], ["B", "sales", "finance", 24.0]]


def test_littles_law_on_the_log_is_exact():
    flow = case_flow(TWO_CASES)
    assert littles_law(throughput=throughput(TWO_CASES), lead_time=flow["lead_time_h"].mean() / 24) == \
        pytest.approx(average_wip(TWO_CASES))


def test_littles_law_needs_exactly_two():
    assert littles_law(wip=10, lead_time=2) == 5.0
    with pytest.raises(OrganisationError, match="exactly two of wip, throughput and lead_time; got wip"):
        littles_law(wip=10)


@pytest.mark.parametrize(("edit", "words"), [
    (lambda f: f.drop(columns="team"), "no column 'team'"),
    (lambda f: f.assign(start=f["start"].astype(str)), "column 'start' holds"),
    (lambda f: f.assign(end=f["start"] - pd.Timedelta(hours=1)), "ends before it starts"),
    (lambda f: f.iloc[:0], "give 1 to"),
])
def test_bad_logs_are_named(edit, words):
    with pytest.raises(OrganisationError, match=words):
        case_flow(edit(TWO_CASES))


def test_overlapping_steps_are_refused():
    overlapping = TWO_CASES.copy()
    overlapping.loc[1, "start"] = pd.Timestamp("2025-03-03 09:30")
    with pytest.raises(OrganisationError, match="starts before the previous step"):
        case_flow(overlapping)


def test_lead_time_and_flow_efficiency():
    assert lead_time(4, 3, 12) == 40.0 and flow_efficiency(4, 40) == 0.1
    assert flow_efficiency(4, lead_time(4, 0, 12)) == 1.0


@pytest.mark.parametrize(("call", "message"), [
    (lambda: lead_time(4, -1, 12), "handoffs is -1; give a whole number from 0 to 100"),
    (lambda: lead_time(4, 2.5, 12), "handoffs is 2.5; give a whole number from 0 to 100"),
    (lambda: lead_time(0, 1, 12), "touch_hours is 0; give a number above 0 and up to 10000 hours"),
    (lambda: lead_time(4, 1, "12"), "wait_per_handoff_hours is missing or not a number"),
    (lambda: lead_time(4, 1, float("inf")), "wait_per_handoff_hours is inf"),
    (lambda: flow_efficiency(5, 4), "lead_time_hours (4) is shorter than touch_hours (5)"),
])
def test_bad_numbers_name_the_argument_and_the_fix(call, message):
    with pytest.raises(OrganisationError) as caught:
        call()
    assert str(caught.value).startswith(message)


@given(st.floats(0.1, 1000), st.integers(0, 100), st.floats(0, 1000))
def test_flow_efficiency_is_a_share_and_falls_with_handoffs(touch, handoffs, wait):
    efficiency = flow_efficiency(touch, lead_time(touch, handoffs, wait))
    assert 0 < efficiency <= 1
    assert efficiency >= flow_efficiency(touch, lead_time(touch, min(handoffs + 1, 100), wait)) - 1e-12
