"""The PD-1 trial case (S4.3): schema, the article's figures computed from the data, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import pytest
from _dataset_checks import expect_bad_cell

from followup.datasets import pd1_trial
from followup.risk import contingency_reserve, rank_register, same_rpn_different_severity
from followup.schedule import critical_path_method, links_from_predecessors

TRIAL = pd1_trial.load()
COSTS = TRIAL.costs.assign(cost_usd=TRIAL.costs["quantity"] * TRIAL.costs["unit_cost_usd"])
BY_SCENARIO = COSTS.groupby("scenario")["cost_usd"].sum()


def schedule(plan: str):
    phases = TRIAL.phases if plan == "revised" else TRIAL.phases[TRIAL.phases["scope"] == "baseline"]
    return critical_path_method(phases, links_from_predecessors(phases, f"predecessors_{plan}"))


def test_schema_units_and_ranges():
    assert TRIAL.phases["duration"].dtype == "int64"
    assert set(TRIAL.adverse_events["grade"]) == {1, 2, 3, 4, 5}  # CTCAE grades
    events = TRIAL.adverse_events
    assert (events["patients"] <= events["patients_at_risk"]).all()
    # worst grade per patient: the grades of one category never add up to more patients than are at risk
    per_category = events.groupby(["data_cut", "cohort", "arm", "irae_category"])
    assert (per_category["patients"].sum() <= per_category["patients_at_risk"].first()).all()
    # the final data cut holds every event of the interim one
    main = events[events["cohort"] == "main"].pivot_table(index=["arm", "irae_category", "grade"],
                                                          columns="data_cut", values="patients")
    assert (main["final"] >= main["interim_m24"]).all()
    assert not COSTS.duplicated(["scenario", "item_id"]).any()
    assert COSTS["cost_usd"].dtype == "int64"  # whole dollars: totals are exact


def test_enrolment_matches_the_cohorts():
    enrolled = TRIAL.enrolment.groupby("cohort")["patients_enrolled"].sum()
    assert enrolled["safety_followup"] == 2_000  # S4.3: 2,000 added safety follow-up cases
    final = TRIAL.adverse_events.query("data_cut == 'final' and cohort == 'main'")
    assert final.groupby("arm")["patients_at_risk"].first().sum() == enrolled["main"]
    rate = TRIAL.enrolment.query("cohort == 'safety_followup'")
    per_site_month = rate["patients_enrolled"].sum() / rate["sites_active"].sum()
    assert 0.3 <= per_site_month <= 1.2  # oncology sites enrol roughly 0.3-1 patient a month


def test_interim_signal_crossed_the_protocol_boundary():
    rule = TRIAL.decisions.dropna(subset=["threshold_pct"]).iloc[0]
    interim = TRIAL.adverse_events.query("data_cut == 'interim_m24' and arm == 'anti_pd1' "
                                         "and irae_category == 'pneumonitis'")
    rate = 100 * interim.loc[interim["grade"] >= 3, "patients"].sum() / interim["patients_at_risk"].iloc[0]
    assert rate > rule["threshold_pct"]
    assert rule["month"] == 24 and TRIAL.decisions["month"].is_monotonic_increasing


def test_irae_rates_are_plausible_for_pd1_inhibitors():
    safety = TRIAL.adverse_events.query("cohort == 'safety_followup'")
    n = safety["patients_at_risk"].iloc[0]
    any_grade = safety.groupby("irae_category")["patients"].sum() / n
    severe = safety[safety["grade"] >= 3].groupby("irae_category")["patients"].sum() / n
    assert 0.05 <= any_grade["endocrinopathy"] <= 0.20 and 0.08 <= any_grade["dermatitis"] <= 0.25
    assert 0.02 <= any_grade["pneumonitis"] <= 0.08 and severe.max() < 0.04
    fatal = safety.loc[safety["grade"] == 5, "patients"].sum() / n
    assert 0.001 <= fatal <= 0.01  # fatal irAEs: a few per thousand patients
    chemo = TRIAL.adverse_events.query("data_cut == 'final' and arm == 'chemotherapy'")
    anti = TRIAL.adverse_events.query("data_cut == 'final' and cohort == 'main' and arm == 'anti_pd1'")
    assert (chemo["patients"].sum() / chemo["patients_at_risk"].iloc[0]
            < anti["patients"].sum() / anti["patients_at_risk"].iloc[0] / 3)


def test_added_cohort_delays_filing_by_the_months_the_cost_model_charges():
    baseline, revised = schedule("baseline"), schedule("revised")
    delay = revised.finish - baseline.finish
    assert (baseline.finish, revised.finish) == (54, 66)
    charged = COSTS.query("scenario == 'safety_followup' and category == 'delay'")["quantity"]
    assert (charged == delay).all()
    # the safety cohort, not the main trial, is now on the critical path
    assert set(revised.critical_activities) >= {"H", "I", "J", "K"}
    assert not revised.table.loc["D", "critical"]


def test_enrolment_and_site_months_follow_the_schedule():
    table = schedule("revised").table
    for cohort, phase in (("main", "C"), ("safety_followup", "J")):
        months = TRIAL.enrolment.query("cohort == @cohort")["month"]
        # month m spans schedule time m-1 to m
        assert months.tolist() == list(range(table.loc[phase, "early_start"] + 1, table.loc[phase, "early_finish"] + 1))
    open_months = table.loc["K", "early_finish"] - table.loc["I", "early_start"]  # sites open until the last follow-up
    items = COSTS.query("scenario == 'safety_followup'").set_index("item_id")["quantity"]
    assert items["SITE-02"] == 200 * open_months and items["MON-02"] == open_months
    assert items["SITE-01"] == TRIAL.enrolment.query("cohort == 'safety_followup'")["sites_active"].max()


def test_added_follow_up_and_its_delay_cost_usd_380_million():  # S4.3
    assert BY_SCENARIO["safety_followup"] == 380_000_000
    per_patient = BY_SCENARIO["safety_followup"] / 2_000
    assert per_patient == 190_000  # the article notes' sanity check: high for follow-up alone ...
    direct = COSTS.query("scenario == 'safety_followup' and category != 'delay'")["cost_usd"].sum()
    assert 60_000 <= direct / 2_000 <= 120_000  # ... a plausible oncology per-patient cost
    assert direct / BY_SCENARIO["safety_followup"] < 0.55  # the delay carries about half the figure


def test_clinical_holds_of_18_and_24_months():  # S4.3: a hold delays the project 18-24 months
    months = COSTS.query("category == 'delay'").groupby("scenario")["quantity"].first()
    assert months["clinical_hold_18"] == 18 and months["clinical_hold_24"] == 24
    assert BY_SCENARIO["safety_followup"] < BY_SCENARIO["clinical_hold_24"]
    monthly = COSTS.query("scenario == 'clinical_hold_18' and category == 'delay'")["unit_cost_usd"].sum()
    assert BY_SCENARIO["clinical_hold_24"] - BY_SCENARIO["clinical_hold_18"] == 6 * monthly


def test_risk_register_prices_holds_from_the_cost_model():
    risks = TRIAL.risks.set_index("risk_id")
    assert risks.loc["R1", "impact"] == BY_SCENARIO["clinical_hold_18"]
    assert risks.loc["R8", "impact"] == BY_SCENARIO["clinical_hold_24"]
    reserve = contingency_reserve(TRIAL.risks)
    assert reserve.total == pytest.approx((TRIAL.risks["probability"] * TRIAL.risks["impact"]).sum())
    assert rank_register(TRIAL.risks, by="emv").iloc[0]["risk_id"] == "R1"
    assert rank_register(TRIAL.risks, by="ap").iloc[0]["severity"] == 10


def test_equal_rpn_hides_different_severities():  # S4.2's RPN = S x O x D, applied to this register
    pairs = same_rpn_different_severity(TRIAL.risks)
    names = TRIAL.risks.set_index("risk_id")["risk"]
    assert ((pairs["risk_a"] == names["R1"]) & (pairs["risk_b"] == names["R5"]) & (pairs["rpn"] == 120)).any()


@pytest.mark.parametrize(("name", "row", "column", "value", "reason"), [
    ("costs.csv", 4, "unit_cost_usd", "60k", "not an integer"),
    ("phases.csv", 5, "predecessors_revised", "D; X", "'X' is not a phase id"),
    ("adverse_events.csv", 10, "grade", "6", "above the maximum"),
    ("risks.csv", 2, "probability", "35%", "not a number"),
])
def test_mistyped_value_names_file_column_and_row(tmp_path, name, row, column, value, reason):
    expect_bad_cell("pd1_trial", tmp_path, name, row, column, value, reason)
