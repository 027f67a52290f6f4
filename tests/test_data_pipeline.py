"""The pipeline case (S2.2): schema, the article's figures computed from the data, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

import math

import pandas as pd
import pytest
from _dataset_checks import expect_bad_cell

from followup.datasets import pipeline
from followup.errors import DataError, ScheduleError
from followup.resources import standby_cost
from followup.schedule import critical_path_method, links_from_predecessors

CASE = pipeline.load()


def schedule(option: str, scenario: str = "actual") -> pd.DataFrame:
    plan = CASE.activities_for(option, scenario)
    return critical_path_method(plan, links_from_predecessors(plan)).table


def rain_exposed_finish(table: pd.DataFrame) -> int:
    """The window constraint: the last rain-exposed activity must finish by the rain start."""
    return int(table.loc[table["rain_exposed"], "early_finish"].max())


def test_schema_units_and_ranges():
    acts = CASE.activities
    assert 25 <= len(acts) <= 60
    assert acts["duration"].dtype == "int64" and (acts["duration"] >= 0).all()
    assert acts["rain_exposed"].dtype == bool
    assert set(acts.loc[acts["rain_exposed"], "section"]) == {"W"}  # only the wetland floods
    links = links_from_predecessors(acts)
    assert {"FS", "SS", "FF"} <= set(links["type"])  # spreads overlap, as real ones do
    assert CASE.sections["length_km"].sum() == pytest.approx(CASE.project["length_km"].iloc[0])
    assert (CASE.sections["length_km"] == CASE.sections["km_to"] - CASE.sections["km_from"]).all()
    joint = CASE.project["joint_length_m"].iloc[0]
    for row in CASE.sections.itertuples():
        assert row.joints == math.ceil(round(row.length_km * 1000 / joint, 6))
    assert 32 <= CASE.project["diameter_in"].iloc[0] <= 40


def test_welding_durations_follow_from_productivity():
    table = CASE.activities.set_index("id")
    for section in ("A", "B", "W"):
        assert table.loc[f"WLD-{section}", "duration"] == CASE.welding_days("manual", section)
    assert CASE.welding_days("auto_air", "W") < CASE.welding_days("manual", "W") / 2


def test_rain_two_weeks_early():  # S2.2
    assert CASE.rain_start_day("planned") - CASE.rain_start_day("actual") == 14
    dates = CASE.rain_window.set_index("scenario")
    start = CASE.project["project_start_date"].iloc[0]
    for scenario in ("planned", "actual"):
        day = int(dates.loc[scenario, "rain_start_day"])
        assert dates.loc[scenario, "rain_start_date"] == start + pd.Timedelta(days=day)


def test_manual_plan_makes_the_planned_window_but_misses_the_early_rain():
    table = schedule("manual")
    finish = rain_exposed_finish(table)
    assert CASE.rain_start_day("actual") < finish <= CASE.rain_start_day("planned")
    assert (finish, CASE.rain_start_day("planned"), CASE.rain_start_day("actual")) == (402, 406, 392)
    # CPM alone calls the wetland non-critical: its float hides the weather window
    assert table.loc["BKF-W", "total_float"] == 48 and not table.loc["BKF-W", "critical"]


def test_air_freighted_automatic_welding_saves_the_window_sea_freight_does_not():
    air, sea = schedule("auto_air"), schedule("auto_sea")
    assert air.loc["MOB-WELD", "early_start"] == CASE.rain_window.set_index("scenario").loc["actual", "known_from_day"]
    assert rain_exposed_finish(air) <= CASE.rain_start_day("actual")
    assert rain_exposed_finish(air) == 358
    assert rain_exposed_finish(sea) > CASE.rain_start_day("actual")
    # the project finish itself is unchanged: the switch only buys back the window
    assert air.loc["FINISH", "early_finish"] == schedule("manual").loc["FINISH", "early_finish"] == 610


def test_air_freight_and_break_even():  # S2.2: USD 1.2 million of air freight
    wet = CASE.welding_options[CASE.welding_options["section"] == "W"].set_index("option")
    assert wet.loc["auto_air", "freight_usd"] == 1_200_000
    window = CASE.rain_window.set_index("scenario").loc["actual"]
    waiting_days = int(window["dry_season_start_day"] - window["rain_start_day"])
    missing = standby_cost(waiting_days, CASE.standby_costs)  # rates are per day, so the delay is in days
    assert waiting_days == 168 and missing.total == pytest.approx(10_600_800)
    welding_cost = {option: wet.loc[option, "equipment_usd_per_day"] * CASE.welding_days(option, "W")
                    for option in ("manual", "auto_air")}
    assert welding_cost == {"manual": 792_000, "auto_air": 1_000_000}
    break_even_freight = missing.total - (welding_cost["auto_air"] - welding_cost["manual"])
    assert break_even_freight == pytest.approx(10_392_800)
    assert break_even_freight > 8 * wet.loc["auto_air", "freight_usd"]  # the freight was cheap insurance


def test_activities_for_leaves_the_loaded_table_alone():
    before = CASE.activities.copy()
    CASE.activities_for("auto_air")
    pd.testing.assert_frame_equal(CASE.activities, before)
    with pytest.raises(DataError, match="'laser'"):
        CASE.activities_for("laser")


@pytest.mark.parametrize(("row", "column", "value", "reason"), [
    (7, "duration", "ten", "'ten' is not an integer"),
    (3, "predecessors", "SURV; GEOTECH SS+2", "'GEOTECH' is not"),  # an unknown predecessor
])
def test_bad_value_names_file_column_and_row(tmp_path, row, column, value, reason):
    expect_bad_cell("pipeline", tmp_path, "activities.csv", row, column, value, reason)


def test_schedule_with_rains_sends_the_rained_out_days_past_the_dry_season():
    manual = CASE.schedule_with_rains(CASE.activities_for("manual"))
    rain, dry = (int(CASE.rain_window.set_index("scenario").loc["actual", day])
                 for day in ("rain_start_day", "dry_season_start_day"))
    late_days = rain_exposed_finish(schedule("manual")) - rain
    assert late_days == 10
    # The wetland backfill ends its last 10 days after the dry season starts.
    assert manual.table.loc["BKF-W", "early_finish"] == dry + late_days
    assert manual.duration == 730  # 120 days late: the chain's 48 days of float absorb part of the wait
    # Air freight beats the rains: the plain CPM schedule comes back unchanged.
    air = CASE.activities_for("auto_air")
    assert CASE.schedule_with_rains(air).table.equals(critical_path_method(air, links_from_predecessors(air)).table)
    # Against the planned onset the manual plan makes the window too.
    assert CASE.schedule_with_rains(CASE.activities_for("manual"), "planned").duration == 610


def test_schedule_with_rains_refuses_a_clashing_id_and_an_unknown_scenario():
    plan = CASE.activities_for("manual")
    with pytest.raises(ScheduleError, match="already has an activity 'DRY'"):
        CASE.schedule_with_rains(plan.assign(id=plan["id"].replace({"GEO": "DRY"}),
                                             predecessors=plan["predecessors"].str.replace("GEO", "DRY")))
    with pytest.raises(DataError, match="scenario 'monsoon' is not in rain_window.csv"):
        CASE.schedule_with_rains(plan, "monsoon")
