"""followup.labour_efficiency, decisions, communication, raci and pay: examples worked by hand, errors, bounds."""
import doctest

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import followup.communication
import followup.decisions
import followup.labour_efficiency
import followup.pay
import followup.raci
from followup.communication import channels_through_leads, communication_channels
from followup.decisions import decision_latency, issue_latency, latency_fit
from followup.errors import OrganisationError
from followup.labour_efficiency import efficiency_by, efficiency_gain, labour_hour_efficiency, mix_standardised_gain
from followup.pay import (capped_payouts, commission_pay, is_split_of_one_pot, milestone_payouts, payment_readings,
                          pot_that_fits, schedule_total)
from followup.raci import raci_matrix, raci_problems


@pytest.mark.parametrize("module", [followup.labour_efficiency, followup.decisions, followup.communication,
                                    followup.raci, followup.pay], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 1 and result.failed == 0


# ------------------------------------------------------------------ labour-hour efficiency
CARDS = pd.DataFrame({
    "period": ["before"] * 3 + ["after"] * 3,
    "job_type": ["paint", "aluminium", "aluminium", "paint", "paint", "aluminium"],
    "standard_hours": [4.0, 8.0, 8.0, 4.0, 4.0, 8.0],
    "actual_hours": [5.0, 16.0, 16.0, 4.0, 4.0, 10.0],
})


def test_efficiency_is_standard_over_actual_hours():
    before = CARDS[CARDS["period"] == "before"]
    assert labour_hour_efficiency(before) == pytest.approx(20 / 37)
    assert efficiency_by(CARDS, ["period", "job_type"]).loc[("before", "paint"), "efficiency"] == 0.8


def test_mix_shift_inflates_the_raw_gain():
    # Paint 0.8 -> 1.0, aluminium 0.5 -> 0.8; the after period has more of the easy paint.
    raw = efficiency_gain(CARDS, "before", "after")
    fixed = mix_standardised_gain(CARDS, "before", "after")
    assert raw == pytest.approx((16 / 18) / (20 / 37) - 1)
    # At the before mix (standard-hour shares 0.2 paint, 0.8 aluminium), a weighted harmonic mean:
    assert fixed == pytest.approx((1 / (0.2 / 1.0 + 0.8 / 0.8)) / (1 / (0.2 / 0.8 + 0.8 / 0.5)) - 1)
    assert fixed < raw


def test_labour_efficiency_errors():
    with pytest.raises(OrganisationError, match="no card has period == 'later'"):
        efficiency_gain(CARDS, "before", "later")
    with pytest.raises(OrganisationError, match="actual_hours is 'x'"):
        labour_hour_efficiency(CARDS.assign(actual_hours=["x"] + [1.0] * 5))
    with pytest.raises(OrganisationError, match="no column 'actual_hours'"):
        labour_hour_efficiency(CARDS.drop(columns="actual_hours"))
    with pytest.raises(OrganisationError, match="appear in one period only"):
        mix_standardised_gain(CARDS.drop(index=5), "before", "after")


# ------------------------------------------------------------------ decisions
def test_decision_latency_and_its_errors():
    assert decision_latency(4, 20, 2) == 82.0 and decision_latency(1, 0) == 0.0
    with pytest.raises(OrganisationError, match="levels is 0; give a whole number from 1 to 20 levels"):
        decision_latency(0, 20)
    with pytest.raises(OrganisationError, match="wait_per_level_hours is -3"):
        decision_latency(2, -3)


def test_latency_fit_recovers_the_line():
    t0 = pd.Timestamp("2024-01-01")
    issues = pd.DataFrame({"issue_id": ["a", "b", "c"], "decision_levels": [1, 2, 4],
                           "raised_at": [t0] * 3,
                           "decided_at": [t0 + pd.Timedelta(hours=2 + 10 * k) for k in (1, 2, 4)]})
    fit = latency_fit(issues)
    assert fit.loc["all", "analysis_h"] == pytest.approx(2) and fit.loc["all", "hours_per_level"] == pytest.approx(10)
    with pytest.raises(OrganisationError, match="at least two different numbers of levels"):
        latency_fit(issues.iloc[:1])
    with pytest.raises(OrganisationError, match="decided before it is raised"):
        issue_latency(issues.assign(decided_at=t0 - pd.Timedelta(hours=1)))


# ------------------------------------------------------------------ communication
def test_channels_by_hand():
    assert [communication_channels(n) for n in (1, 2, 3, 12, 14)] == [0, 1, 3, 66, 91]
    assert channels_through_leads([12]) == 66 and channels_through_leads([3, 3]) == 3 + 3 + 1


@given(st.integers(1, 10_000))
def test_channels_grow_by_n_per_person(n):
    assert communication_channels(n + 1) - communication_channels(n) == n


@pytest.mark.parametrize("bad", [0, -4, 2.5, 100_001, "12", True])
def test_channels_refuse_bad_team_sizes(bad):
    with pytest.raises(OrganisationError, match="people is"):
        communication_channels(bad)


def test_channels_through_leads_bounds_the_list():
    with pytest.raises(OrganisationError, match="at most 1,000"):
        channels_through_leads([2] * 1001)
    with pytest.raises(OrganisationError, match="non-empty list"):
        channels_through_leads([])


# ------------------------------------------------------------------ RACI
def raci(*rows):
    return pd.DataFrame(rows, columns=["task_id", "role", "responsibility"])


def test_raci_finds_each_kind_of_defect():
    matrix = raci(("T1", "a", "R"), ("T1", "b", "A"),
                  ("T2", "a", "R"), ("T2", "b", "C"),
                  ("T3", "a", "R"), ("T3", "b", "A"), ("T3", "c", "A"),
                  ("T4", "a", "A"), ("T4", "b", "I"),
                  ("T5", "a", "R"), ("T5", "b", "R"), ("T5", "c", "A"))  # two R is fine
    problems = raci_problems(matrix)
    assert problems[["task_id", "problem"]].values.tolist() == [
        ["T2", "no Accountable"], ["T3", "dual reporting: 2 Accountables (b, c)"], ["T4", "no Responsible"]]
    assert raci_matrix(matrix).loc["T1"].tolist() == ["R", "A", ""]


def test_raci_accepts_lower_case_and_refuses_unknown_codes():
    assert raci_problems(raci(("T1", "a", "r"), ("T1", "a", "a"))).empty
    assert raci_matrix(raci(("T1", "a", "A"), ("T1", "a", "R"))).loc["T1", "a"] == "R/A"
    with pytest.raises(OrganisationError, match="code 'X' is not one of R, A, C, I"):
        raci_problems(raci(("T1", "a", "X")))


# ------------------------------------------------------------------ pay
def test_ten_nodes_of_fifteen_percent_are_not_one_pot():
    shares = [0.15] * 10
    assert schedule_total(shares) == 1.5 and not is_split_of_one_pot(shares) and pot_that_fits(shares) == 1.5
    assert is_split_of_one_pot([0.1] * 10)
    capped = capped_payouts(shares)
    assert sum(capped) == pytest.approx(1.0) and capped[6] == pytest.approx(0.10) and capped[7:] == [0, 0, 0]


def test_readings_end_where_they_should():
    table = payment_readings(10, 0.15)
    assert table.index.tolist() == list(range(1, 11))
    assert table.iloc[-1].to_dict() == {"as_written": 1.5, "capped": 1.0, "rescaled": 1.0}
    assert table.loc[7, "capped"] == 1.0 and table.loc[6, "capped"] == pytest.approx(0.9)


def test_payouts_and_commission():
    assert milestone_payouts([0.15] * 10, 1_200_000, 3) == pytest.approx(540_000)
    assert commission_pay(10_000, 0.8) == 8_000
    with pytest.raises(OrganisationError, match="reached is 11; give a whole number from 0 to 10 nodes"):
        milestone_payouts([0.15] * 10, 1_200_000, 11)
    with pytest.raises(OrganisationError, match="rate is 80"):
        commission_pay(10_000, 80)
    with pytest.raises(OrganisationError, match="at most 1,000"):
        schedule_total([0.001] * 1001)
