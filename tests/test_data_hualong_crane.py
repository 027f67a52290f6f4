"""The Hualong One crane case (S3.2): schema, the 37 hours and CNY 900,000 from the data, bad values.

Regeneration, datasheet, missing and truncated files: tests/test_data_contract.py, for every case.
"""

from datetime import datetime

import pandas as pd
import pytest
from _dataset_checks import DATA, expect_bad_cell

from followup.datasets import hualong_crane
from followup.datasets.hualong_crane import DOME_LIFT, charged_hours, replay
from followup.levelling import serial_sgs
from followup.resources import conflicts, standby_cost

CASE = hualong_crane.load()
LIFTS = CASE.lifts.set_index("lift_id")


def bookings(kind: str) -> pd.DataFrame:
    origin = CASE.wind["hour_start"].min()
    return pd.DataFrame({
        "resource": CASE.lifts["crane_id"], "units": 1, "id": CASE.lifts["lift_id"],
        "start": (CASE.lifts[f"{kind}_start"] - origin) / pd.Timedelta(hours=1),
        "finish": (CASE.lifts[f"{kind}_finish"] - origin) / pd.Timedelta(hours=1),
    })


def test_twenty_contractors_minute_level_times_and_capacities():
    assert CASE.lifts["contractor_id"].nunique() == 20  # S3.2: 20 contractors
    assert CASE.lifts["contractor"].str.match(r"C\d\d [A-Z]").all()
    for column in ("planned_start", "planned_finish", "actual_start", "actual_finish"):
        assert (CASE.lifts[column].dt.second == 0).all()
    assert (CASE.lifts["planned_start"].dt.minute % 5 != 0).any() or \
        (CASE.lifts["planned_start"].dt.minute != 0).any()
    for lift in CASE.lifts.itertuples():  # every hook load within the chart at its radius
        assert lift.hook_load_t <= CASE.capacity_at(lift.crane_id, lift.radius_m), lift.lift_id
    dome = LIFTS.loc[DOME_LIFT]
    assert dome["crane_id"] == "CC1600" and dome["hook_load_t"] / CASE.capacity_at("CC1600", dome["radius_m"]) < 0.85


def test_the_heavy_crane_was_booked_six_months_ahead():  # S3.2: booked half a year ahead
    crane = CASE.cranes.set_index("crane_id").loc["CC1600"]
    assert crane["max_capacity_t"] == 1600
    months = (LIFTS.loc[DOME_LIFT, "planned_start"] - crane["booking_date"]).days / 30.44
    assert 5.5 <= months <= 6.5
    assert crane["booked_from"] <= CASE.lifts.loc[CASE.lifts["crane_id"] == "CC1600", "actual_start"].min()
    assert CASE.lifts.loc[CASE.lifts["crane_id"] == "CC1600", "actual_finish"].max() <= crane["booked_to"]


def test_one_tower_crane_double_booking_in_the_plan_none_in_the_actuals():
    capacity = {crane: 1 for crane in CASE.cranes["crane_id"]}
    planned = conflicts(bookings("planned"), capacity)
    assert len(planned) == 1
    assert planned["resource"].iloc[0] == "TC2" and set(planned["ids"].iloc[0]) == {"L-PRB", "L-CV9"}
    assert conflicts(bookings("actual"), capacity).empty


def test_replaying_the_site_rules_gives_the_recorded_actual_times():
    run = replay(CASE.lifts, CASE.cranes, CASE.wind)
    for lift in CASE.lifts.itertuples():
        assert run.actual[lift.lift_id] == (lift.actual_start, lift.actual_finish), lift.lift_id
    moved = CASE.lifts[CASE.lifts["actual_start"] != CASE.lifts["planned_start"]]["lift_id"].tolist()
    assert sorted(moved) == ["L-CV9", "L-DOME"]  # the cascade: wall module, then the dome


def test_dome_lift_delayed_37_hours():  # S3.2
    delay = (LIFTS.loc[DOME_LIFT, "actual_start"] - LIFTS.loc[DOME_LIFT, "planned_start"]) / pd.Timedelta(hours=1)
    assert delay == 37
    assert replay(CASE.lifts, CASE.cranes, CASE.wind).delay_hours(CASE.lifts, DOME_LIFT) == 37


def test_dome_waited_for_wind_it_could_lift_in():
    wind = CASE.wind.set_index("hour_start")["wind_mean_ms"]
    dome = LIFTS.loc[DOME_LIFT]
    ready = LIFTS.loc["L-CV9", "actual_finish"] + pd.Timedelta(hours=dome["gap_h"])
    assert dome["planned_start"] < ready < dome["actual_start"]
    assert (wind[ready.floor("h"):dome["actual_start"] - pd.Timedelta(hours=1)] > dome["max_wind_ms"]).all()
    lift_hours = wind[dome["actual_start"]:dome["actual_finish"] - pd.Timedelta(hours=1)]
    assert len(lift_hours) == 8 and (lift_hours <= dome["max_wind_ms"]).all()


def test_standby_during_the_delay_is_exactly_cny_900000():  # S3.2
    dome = LIFTS.loc[DOME_LIFT]
    hours = CASE.standby_hours(dome["planned_start"], dome["actual_start"])
    assert sorted(hours.unique()) == [24.0, 37.0]  # crews on the 07:00-19:00 shift, equipment every hour
    cost = standby_cost(hours, CASE.standby_rates)
    assert cost.total == pytest.approx(900_000, abs=1e-6)
    assert cost.total / 37 == pytest.approx(24_324.32, abs=0.01)  # the rate the article's figures imply


def test_crane_rates_agree_between_files():
    rates = CASE.standby_rates.dropna(subset=["crane_id"]).set_index("crane_id")["rate"]
    cranes = CASE.cranes.set_index("crane_id")["standby_cny_per_hour"]
    assert (rates == cranes.loc[rates.index]).all()


def test_charged_hours_across_days():
    assert charged_hours(datetime(2024, 3, 14, 6), datetime(2024, 3, 15, 19), "00:00", "24:00") == 37
    assert charged_hours(datetime(2024, 3, 14, 20), datetime(2024, 3, 15, 6), "07:00", "19:00") == 0


@pytest.mark.parametrize(("row", "column", "value", "reason"), [
    (12, "planned_start", "12/03/2024 14:30", "not an ISO datetime"),
    (5, "crane_id", "TC9", "'TC9'"),  # an unknown crane
    # a finish equal to its own start: the loader's order check, not the cell's type
    (3, "actual_finish", pd.read_csv(DATA / "hualong_crane" / "lifts.csv")["actual_start"].iloc[2],
     "finishes at or before actual_start"),
])
def test_bad_value_names_file_column_and_row(tmp_path, row, column, value, reason):
    expect_bad_cell("hualong_crane", tmp_path, "lifts.csv", row, column, value, reason)


# ------------------------------------------------------------------------------ dome network (levelling)
def test_dome_network_holds_the_clash_the_calendar_and_the_wind():
    net = hualong_crane.dome_network(CASE)
    kind = net.activities.set_index("id")["kind"]
    lifts = CASE.lifts.set_index("lift_id")
    tc2 = lifts[(lifts["crane_id"] == "TC2") & lifts["planned_start"].between("2024-03-12 07:00", "2024-03-14 07:00")]
    assert set(kind.index[kind == "lift"]) == {*tc2.index, DOME_LIFT}
    # every lift released at its booked minute; the dome not before its slot
    release = net.links[net.links["predecessor"] == "START"].set_index("successor")["lag"]
    booked = (tc2["planned_start"] - net.origin) / pd.Timedelta(minutes=1)
    assert (release.loc[tc2.index] == booked).all() and release[DOME_LIFT] == net.dome_slot
    # nights 18:00-07:00 from cranes.csv hold TC2; the windy spell holds the dome's crane
    nights = kind.index[kind == "calendar"].drop("too windy for the dome")
    assert (net.activities.set_index("id").loc[nights, "duration"] == 13 * 60).all()
    assert net.demands.loc["too windy for the dome"].to_dict() == {"TC2": 0, "CC1600": 1}
    wind = CASE.wind.set_index("hour_start")["wind_mean_ms"]
    spell_start = net.origin + pd.Timedelta(minutes=int(release["too windy for the dome"]))
    assert wind[spell_start] > lifts.loc[DOME_LIFT, "max_wind_ms"] >= wind[spell_start - pd.Timedelta(hours=1)]


@pytest.mark.parametrize(("rule", "delay", "waits"), [("booking", 37, "L-CV9"), ("lft", 0, "L-PRB")])
def test_levelling_the_dome_network_by_rule(rule, delay, waits):  # S3.2: 37 hours with the site's rule
    net = hualong_crane.dome_network(CASE)
    levelled = serial_sgs(net.activities, net.links, net.demands, net.capacities, priority=net.priority(rule))
    assert (levelled.starts[DOME_LIFT] - net.dome_slot) / 60 == delay
    release = net.links[net.links["predecessor"] == "START"].set_index("successor")["lag"]
    assert levelled.starts[waits] > release[waits]  # the lift that waits past its booking


def test_hold_tower_cranes_shuts_the_whole_pool_and_checks_the_count():
    net = hualong_crane.dome_network(CASE, tower_cranes=3)
    assert net.capacities == {"TC2": 3, "CC1600": 1}
    assert net.demands.loc["TC2 shut 13 Mar", "TC2"] == 3 and net.demands.loc["L-CV9", "TC2"] == 1
    with pytest.raises(hualong_crane.ResourceError, match=r"tower_cranes is 0; give a whole number"):
        hualong_crane.dome_network(CASE, tower_cranes=0)
    with pytest.raises(hualong_crane.ResourceError, match="unknown; use 'booking'"):
        net.priority("fifo")


def test_dome_network_needs_one_windy_spell():
    calm = CASE.wind.assign(wind_mean_ms=1.0)
    with pytest.raises(hualong_crane.DataError, match="should form one spell; regenerate"):
        hualong_crane.dome_network(hualong_crane.CraneCase(CASE.lifts, CASE.cranes, CASE.load_charts, calm,
                                                           CASE.standby_rates))


def test_dome_network_without_weather_has_no_windy_spell():
    calm = hualong_crane.dome_network(CASE, weather=False)
    assert hualong_crane.WINDY_SPELL in set(hualong_crane.dome_network(CASE).activities["id"])
    assert hualong_crane.WINDY_SPELL not in set(calm.activities["id"]) | set(calm.demands.index)
    assert len(calm.activities) == len(calm.demands) + 2  # all but START and the closing work hold a crane
