"""The calculators' Python side: defaults from the cases, recomputation on every trait change,
invalid input as a message (never an exception), stable reprs and the shipped ES modules."""

from __future__ import annotations

import copy
import doctest
import json
import re

import pandas as pd
import pytest

import followup.calculators._base as base_module
import followup.calculators.float_calculator as float_module
import followup.calculators.pulse_calculator as pulse_module
import followup.calculators.rpn_calculator as rpn_module
from followup.calculators import FloatCalculator, PulseCalculator, RpnCalculator
from followup.calculators._base import HERE, bundle_module
from followup.datasets import fleet_pulse, hualong_crane, pd1_trial, pipeline, subsea_tunnel
from followup.levelling import serial_sgs
from followup.pulse import pulse_scenario
from followup.errors import DataError
from followup.risk import rank_register
from followup.schedule import critical_path_method, links_from_predecessors


@pytest.fixture(scope="module")
def case():
    return pipeline.load()


@pytest.fixture
def calc(case):
    return FloatCalculator(case)


def edited(rows, index, **changes):
    rows = copy.deepcopy(rows)
    rows[index].update(changes)
    return rows


def row_index(calc, activity_id):
    return [a["id"] for a in calc.activities].index(activity_id)


@pytest.mark.parametrize("module", [base_module, float_module, pulse_module, rpn_module])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0


# ------------------------------------------------------------------------------ float calculator
def test_float_defaults_come_from_the_pipeline_case(calc, case):
    assert [a["id"] for a in calc.activities] == case.activities["id"].tolist()
    assert calc.rain_start_day == case.rain_start_day("actual") == 392
    assert calc.welding_option == "manual" and calc.error == ""
    plan = case.activities_for("manual")
    assert calc.result.schedule.duration == critical_path_method(plan, links_from_predecessors(plan)).duration


def test_float_welding_option_decides_the_rain_window(calc, case):
    # S2.2: with manual welding the wetland work runs into the early rain; air-freighted
    # automatic welding finishes it first; sea freight arrives too late.
    assert calc.result.finishes_before_rain is False
    calc.welding_option = "auto_air"  # the result is fresh right after the assignment
    assert calc.result.finishes_before_rain is True
    assert calc.result.plan.set_index("id").loc["WLD-W", "duration"] == case.welding_days("auto_air", "W")
    calc.welding_option = "auto_sea"
    assert calc.result.finishes_before_rain is False
    calc.rain_start_day = case.rain_start_day("planned")
    assert calc.result.rain_start_day == 406


def test_float_edit_moves_the_dates(calc):
    i = row_index(calc, "WLD-W")
    before = calc.result.schedule.table.loc["WLD-W", "early_finish"]
    calc.activities = edited(calc.activities, i, duration=calc.activities[i]["duration"] + 10)
    assert calc.result.schedule.table.loc["WLD-W", "early_finish"] == before + 10
    assert calc.result.rain_exposed_finish >= before + 10


@pytest.mark.parametrize(("activity", "change", "message"), [
    ("DES-B", {"duration": -2}, "activity 'DES-B' has a negative duration -2: give a number >= 0"),
    ("DES-B", {"duration": "ten"}, "activity 'DES-B' has a non-numeric duration 'ten'"),
    ("DES-B", {"duration": None}, "activity 'DES-B' has no duration"),
    ("DES-B", {"predecessors": "SURVV"}, "unknown activity 'SURVV' — did you mean 'SURV'?"),
    ("DES-B", {"predecessors": "SURV; TIE"}, "the links form a cycle: DES-B -> "),
    ("DES-B", {"predecessors": "SURV XX+3"}, "unknown link type 'XX'"),
])
def test_float_invalid_edit_is_a_message_and_keeps_the_last_result(calc, activity, change, message):
    good = calc.result
    calc.activities = edited(calc.activities, row_index(calc, activity), **change)
    assert message in calc.error
    assert calc.stale and calc.result is good
    assert repr(calc) == f"FloatCalculator(error={calc.error!r})"
    calc.activities = FloatCalculator.rows_from_case(pipeline.load())
    assert calc.error == "" and not calc.stale and calc.result is not good


@pytest.mark.parametrize("day", [-1, 12.5, "soon", None, 99999999, float("inf"), float_module.MAX_DAY + 1])
def test_float_invalid_rain_day(calc, day):
    calc.rain_start_day = day
    assert calc.error.startswith("the rain start day is ")
    assert f"a whole number from 0 to {float_module.MAX_DAY:,}" in calc.error


@pytest.mark.parametrize("duration", [99999999, 1e308, float_module.MAX_DAY + 0.5])
def test_float_refuses_durations_beyond_a_century(calc, duration):
    rows = FloatCalculator.rows_from_case(pipeline.load())
    rows[3]["duration"] = duration
    calc.activities = rows
    assert calc.error == (f"activity '{rows[3]['id']}' has a duration of {duration!r} days; "
                          f"give at most {float_module.MAX_DAY:,} days (100 years)")
    rows = copy.deepcopy(rows)
    rows[3]["duration"] = float_module.MAX_DAY
    calc.activities = rows
    assert calc.error == ""


def test_float_ships_each_welding_option_as_data(calc):
    """The page applies what Python computed: the welding days of the option's productivity."""
    case = pipeline.load()
    assert calc.welding_changes["manual"] == {"durations": {}, "after": {}, "extra": []}
    air = calc.welding_changes["auto_air"]
    assert air["durations"] == {"WLD-W": case.welding_days("auto_air", "W")} and air["after"] == {"WLD-W": "MOB-WELD"}
    assert [row["id"] for row in air["extra"]] == ["OUTLOOK", "MOB-WELD"]
    assert set(air["extra"][0]) == set(float_module.ACTIVITY_FIELDS)
    assert [c["value"] for c in calc.welding_choices] == ["manual", "auto_air", "auto_sea"]


def test_float_unknown_welding_option(calc):
    calc.welding_option = "by hand"
    assert calc.error == ("welding option 'by hand' is not in welding_options.csv; "
                          "use one of manual, auto_air, auto_sea")


def test_float_invalid_defaults_do_not_raise(case):
    rows = edited(FloatCalculator.rows_from_case(case), 1, duration=-1)
    calc = FloatCalculator(case, activities=rows)
    assert calc.result is None and "negative duration" in calc.error


# ------------------------------------------------------------------------------ RPN calculator
@pytest.mark.parametrize("name, loader", [("subsea_tunnel", subsea_tunnel), ("pd1_trial", pd1_trial)])
def test_rpn_defaults_come_from_the_case_register(name, loader):
    calc = RpnCalculator.from_case(name)
    risks = loader.load().risks
    assert [r["risk"] for r in calc.register] == risks["risk"].tolist()
    expected = rank_register(risks[["risk", "severity", "occurrence", "detection"]], by="ap")
    assert calc.result.ranking["risk"].tolist() == expected["risk"].tolist()
    assert calc.result.ranking["rank"].tolist() == expected["rank"].tolist()


def test_rpn_rank_by_and_gap_recompute():
    calc = RpnCalculator(register=[
        {"risk": "leak", "severity": 10, "occurrence": 2, "detection": 2},
        {"risk": "scratch", "severity": 2, "occurrence": 5, "detection": 4},
        {"risk": "delay", "severity": 5, "occurrence": 4, "detection": 3},
    ])
    assert calc.result.collisions[["risk_a", "risk_b"]].values.tolist() == [["leak", "scratch"]]
    assert calc.result.ranking["risk"].tolist() == ["leak", "delay", "scratch"]  # by AP: M, L, L
    calc.rank_by = "rpn"
    assert calc.result.ranking["risk"].tolist() == ["delay", "leak", "scratch"]  # 60, 40, 40
    calc.min_gap = 9
    assert calc.result.collisions.empty


@pytest.mark.parametrize(("value", "shown"), [(11, "11"), (7.5, "7.5"), ("x", "'x' (text)"), (None, "missing"),
                                              (0, "0")])
def test_rpn_invalid_rating_is_a_message(value, shown):
    calc = RpnCalculator.from_case("subsea_tunnel")
    good = calc.result
    rows = edited(calc.register, 2, occurrence=value)
    calc.register = rows
    assert calc.error == (f"occurrence of risk {rows[2]['risk']!r} is {shown}; "
                          "ratings are whole numbers from 1 to 10")
    assert calc.result is good and calc.stale


def test_rpn_invalid_gap_and_case():
    calc = RpnCalculator.from_case("pd1_trial", min_gap=0)
    assert calc.error == "min_gap is 0; give a whole number of severity steps from 1 to 9"
    with pytest.raises(DataError, match="no risk register for case 'pipeline'"):
        RpnCalculator.from_case("pipeline")


# ------------------------------------------------------------------------------ pulse calculator
@pytest.fixture(scope="module")
def pulse_defaults():
    return PulseCalculator.from_case()


def test_pulse_defaults_come_from_the_cases(pulse_defaults):
    calc = pulse_defaults
    demand = fleet_pulse.load().demand
    assert calc.base_demand["East China"] == demand[demand["region"] == "East China"]["demand"].median()
    assert calc.fleet == 400 and calc.share_to_peak == 0.8 and calc.peak_region == "East China"
    expected = pulse_scenario(calc.base_demand, calc.peak_intensity, "East China", 0.8, 400, 6.0, 7000)
    assert calc.result.business.totals == expected.totals
    # the project side opens on the site's rule and reproduces the article (S3.2)
    assert calc.tower_cranes == 1 and calc.priority == "booking"
    assert calc.result.project.delay_hours == 37 and calc.result.project.standby.total == 900_000
    assert list(calc.result.project.moved.index) == ["L-CV9", "CLOSE", hualong_crane.DOME_LIFT]


def test_pulse_ships_every_project_profile_the_reader_can_pick(pulse_defaults):
    """Rule x tower cranes is a finite set: the page picks what Python computed, for every choice."""
    from followup.calculators.pulse_calculator import profile_record
    from followup.cases.hualong_crane import dome_network, project_profile
    case = hualong_crane.load()
    network, rates = dome_network(case), case.standby_rates
    profiles = pulse_defaults.profiles
    assert set(profiles) == {"booking", "lft"} and all(len(p) == pulse_module.MAX_TOWER_CRANES for p in profiles.values())
    for rule in profiles:
        for cranes in range(1, pulse_module.MAX_TOWER_CRANES + 1):
            expected = profile_record(project_profile(network, cranes, rule, rates))
            assert profiles[rule][cranes - 1] == expected, (rule, cranes)
    assert profiles["booking"][0]["delay_hours"] == 37 and profiles["booking"][0]["standby_total"] == 900_000


def test_pulse_project_side_tells_the_chapter_story(pulse_defaults):
    calc = PulseCalculator.from_case(priority="lft")  # critical first: the brackets wait, the dome keeps its slot
    assert calc.result.project.delay_hours == 0 and calc.result.project.standby.total == 0
    assert list(calc.result.project.moved.index) == ["L-PRB"]
    calc.priority, calc.tower_cranes = "booking", 2  # a second tower crane: no clash to resolve
    assert calc.result.project.moved.empty and calc.result.project.delay_hours == 0
    assert calc.result.project.usage.max() == 2  # the two lifts of the clash now run side by side
    # the chapter's own network, levelled by the library, gives what the calculator shows
    case = hualong_crane.load()
    net = hualong_crane.dome_network(case)
    levelled = serial_sgs(net.activities, net.links, net.demands, net.capacities, priority=net.priority("booking"))
    assert (levelled.starts[hualong_crane.DOME_LIFT] - net.dome_slot) / 60 == pulse_defaults.result.project.delay_hours


@pytest.mark.parametrize(("trait", "value", "message"), [
    ("share_to_peak", 1.5, "share_to_peak is a fraction of the fleet between 0 and 1, got 1.5"),
    ("peak_intensity", -2, "peak_intensity must be a finite number >= 0, got -2"),
    ("cost_per_move", None, "cost_per_move must be a finite number >= 0, got None"),
    ("peak_region", "Mars", "peak_region 'Mars' is not one of the regions"),
])
def test_pulse_invalid_business_input(pulse_defaults, trait, value, message):
    calc = PulseCalculator.from_case()
    good = calc.result
    setattr(calc, trait, value)
    assert message in calc.error and calc.result is good


@pytest.mark.parametrize("value", [0, -1, 1.5, None, "two", 7, 99999999, float("inf")])
def test_pulse_invalid_tower_cranes(value):
    calc = PulseCalculator.from_case()
    good = calc.result
    calc.tower_cranes = value
    assert calc.error == f"tower_cranes is {value!r}; the calculator offers a whole number of tower cranes from 1 to 6"
    assert calc.result is good
    calc.tower_cranes = 1
    assert calc.error == ""


# ------------------------------------------------------------------------------ shared
def test_reprs_are_stable_and_without_addresses(case):
    for make in (lambda: FloatCalculator(case), lambda: RpnCalculator.from_case("subsea_tunnel"),
                 PulseCalculator.from_case):
        first, second = repr(make()), repr(make())
        assert first == second and "0x" not in first and "error" not in first


def test_shipped_modules_are_single_bundles():
    for widget in (FloatCalculator, RpnCalculator, PulseCalculator):
        esm = widget._esm
        assert not re.search(r'^import\s', esm, re.MULTILINE), "a relative import cannot load from a blob URL"
        assert esm.count("export default") == 1 and "data-lm-suppress-shortcuts" in esm
        assert esm == bundle_module(HERE / widget._module)
    css = str(FloatCalculator._css)
    assert ".lm-calc-alert" in css and "--pst-color-text-base" in css


def test_bundle_inlines_each_module_once(tmp_path):
    (tmp_path / "a.mjs").write_text('export const A = 1;\n', encoding="utf-8")
    (tmp_path / "b.mjs").write_text('import { A } from "./a.mjs";\nexport const B = A + 1;\n', encoding="utf-8")
    (tmp_path / "main.mjs").write_text('import { A } from "./a.mjs";\nimport { B } from "./b.mjs";\n'
                                       'export default { A, B };\n', encoding="utf-8")
    bundle = bundle_module(tmp_path / "main.mjs")
    assert bundle.count("export const A") == 1 and bundle.count("export const B") == 1
    assert "import" not in bundle


def test_widget_state_is_json(case):
    for calc in (FloatCalculator(case), RpnCalculator.from_case("pd1_trial"), PulseCalculator.from_case()):
        state = calc.get_state()
        json.dumps({k: v for k, v in state.items() if k not in ("_esm", "_css")}, allow_nan=False)
