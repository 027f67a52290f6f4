"""The subsea-tunnel case (S4.2): schema, the article's figures computed from the data, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import pytest
from _dataset_checks import expect_bad_cell

from followup.datasets import subsea_tunnel
from followup.risk import contingency_reserve, rank_register

TUNNEL = subsea_tunnel.load()
POINTS = TUNNEL.monitoring_points.set_index("point_id")
READINGS = TUNNEL.settlement.join(POINTS, on="point_id")


def test_schema_units_and_ranges():
    progress = TUNNEL.tbm_progress
    assert progress["day"].tolist() == list(range(1, len(progress) + 1))
    assert progress["face_chainage_m"].is_monotonic_increasing
    assert progress["rings_installed"].is_monotonic_increasing
    # the face moves whole rings (1.5 m) and only on boring days
    step = progress["face_chainage_m"].diff().dropna()
    assert ((step / 1.5).round(9) % 1 == 0).all()
    assert (step[progress["activity"].iloc[1:] != "boring"] == 0).all()
    assert not TUNNEL.settlement.duplicated(["day", "point_id"]).any()
    assert (TUNNEL.grouting["chainage_to_m"] > TUNNEL.grouting["chainage_from_m"]).all()


def test_settlement_peaks_at_7_mm_against_15_mm_allowed():  # S4.2
    peak = READINGS.loc[READINGS["settlement_mm"].idxmax()]
    assert peak["settlement_mm"] == 7.0 and peak["allowance_mm"] == 15.0
    assert peak["zone"] == "fault"  # the worst reading is in the fault zone
    assert (peak["point_id"], peak["day"]) == ("SP07", 58)  # as DATASHEET.md says
    assert (READINGS["settlement_mm"] <= READINGS["allowance_mm"]).all()
    assert peak["settlement_mm"] / peak["allowance_mm"] == pytest.approx(0.467, abs=0.001)


def test_reinforcement_is_why_the_fault_zone_stays_within_the_allowance():
    fault = POINTS[POINTS["zone"] == "fault"]
    assert (fault["segment_type"] == "strengthened").all()  # the two schemes: segments ...
    assert (fault["design_prediction_mm"] > fault["allowance_mm"]).all()  # unreinforced, it would fail
    final = READINGS.groupby("point_id")["settlement_mm"].last()
    assert final[fault.index].mean() > 2 * final[POINTS.index[POINTS["zone"] == "normal"]].mean()


def test_grouting_covers_the_fault_zone_and_slows_settlement():
    low, high = POINTS.loc[POINTS["zone"] == "fault", "chainage_m"].agg(["min", "max"])
    pre = TUNNEL.grouting[TUNNEL.grouting["measure"] == "pre_excavation_grouting"].sort_values("chainage_from_m")
    # ... and grouting: the curtain-grouted stretches overlap and cover the whole fault zone
    assert pre["chainage_from_m"].iloc[0] <= low and pre["chainage_to_m"].iloc[-1] >= high
    assert (pre["chainage_from_m"].iloc[1:].to_numpy() <= pre["chainage_to_m"].iloc[:-1].to_numpy()).all()
    grouting_days = TUNNEL.tbm_progress.query("activity == 'probe_and_grout'")["day"]
    assert set(pre["day"]) <= set(grouting_days)
    secondary = TUNNEL.grouting[TUNNEL.grouting["measure"] == "secondary_grouting"]
    assert len(secondary) >= 3
    for event in secondary.itertuples():
        point = POINTS.index[(POINTS["chainage_m"] > event.chainage_from_m)
                             & (POINTS["chainage_m"] < event.chainage_to_m)][0]
        series = READINGS[READINGS["point_id"] == point].set_index("day")["settlement_mm"]
        before = series.loc[event.day - 1] - series.loc[event.day - 2]
        assert before > 0.8  # the trigger: more than 0.8 mm in a day
        after = (series.loc[event.day + 10] - series.loc[event.day]) / 10
        assert after < before / 3  # the grouting arrests the settlement


def test_top_5_risks_hold_the_contingency_budget():  # S4.2: TOP 5 risks, each with a contingency budget
    ranked = rank_register(TUNNEL.risks, by="rpn")
    top5 = ranked[ranked["rank"] <= 5]
    assert len(top5) == 5 and top5["contingency_cny"].notna().all()
    assert ranked.loc[ranked["rank"] > 5, "contingency_cny"].isna().all()
    names = set(top5["risk"])
    assert {"water inrush at a fault", "rock burst in hard granite", "fault-zone collapse and settlement"} <= names
    reserve = contingency_reserve(top5)
    assert top5["contingency_cny"].sum() >= reserve.total  # the budget covers the TOP 5's EMV
    # Action Priority puts a severe, hard-to-detect risk outside the RPN TOP 5 into its own TOP 5
    by_ap = rank_register(TUNNEL.risks, by="ap")
    assert set(by_ap.head(5)["risk"]) != names


@pytest.mark.parametrize(("name", "row", "column", "value", "reason"), [
    ("settlement.csv", 40, "settlement_mm", "7,1", "not a number"),
    ("risks.csv", 3, "severity", "11", "above the maximum"),
    ("grouting.csv", 2, "measure", "jet_grouting", "not one of"),
    ("settlement.csv", 8, "point_id", "SP99", "'SP99' is not a point_id in monitoring_points.csv"),
])
def test_mistyped_value_names_file_column_and_row(tmp_path, name, row, column, value, reason):
    expect_bad_cell("subsea_tunnel", tmp_path, name, row, column, value, reason)
