"""The organisation calculator's Python side: defaults from the cases, recomputation, errors, bounds."""
import re

import pytest

from followup.calculators._base import HERE
from followup.calculators.organisation_calculator import OrganisationCalculator, organisation_result


def test_defaults_come_from_the_cases():
    calc = OrganisationCalculator.from_case()
    assert (calc.handoffs, calc.touch_h, calc.team_size, calc.decision_levels) == (3, 4.0, 14, 4)
    assert calc.error == "" and calc.result.channels == 91
    assert calc.result.lead_time_h == pytest.approx(4.0 + 3 * calc.wait_per_handoff_h)
    assert calc.result.paid_share == 1.5  # as written, all 10 nodes: 150 % of the pot


def test_a_bad_value_keeps_the_last_result_and_names_the_argument():
    calc = OrganisationCalculator.from_case()
    before = calc.result
    calc.decision_levels = 0
    assert calc.error == "levels is 0; give a whole number from 1 to 20 levels"
    assert calc.stale and calc.result is before
    calc.decision_levels = 2
    assert not calc.stale and calc.result.latency_h == pytest.approx(2 + 2 * calc.wait_per_level_h, abs=0.2)
    assert "error" not in repr(calc)


@pytest.mark.parametrize(("trait", "value", "words"), [
    ("reading", "generous", "reading is 'generous'"),
    ("nodes_reached", 11, "nodes_reached is 11"),
    ("team_size", None, "people is missing or not a number"),
    ("wait_per_handoff_h", -2, "wait_per_handoff_hours is -2"),
])
def test_each_input_is_checked(trait, value, words):
    calc = OrganisationCalculator.from_case()
    setattr(calc, trait, value)
    assert calc.error.startswith(words)


def test_capped_reading_pays_the_whole_pot_at_node_seven():
    assert organisation_result(3, 12, 4, 14, 2, 3.5, 4.2, "capped", 7).paid_share == 1.0
    assert organisation_result(3, 12, 4, 14, 2, 3.5, 4.2, "capped", 0).paid_share == 0.0


def test_every_mirrored_function_names_its_python_twin():
    source = (HERE / "organisation_calculator.mjs").read_text(encoding="utf-8")
    twins = re.findall(r"// Twin of (\w+) in (followup/[\w/]+\.py)\.\nexport function (\w+)", source)
    assert {js for _, _, js in twins} == {"requireNumber", "leadTime", "flowEfficiency", "communicationChannels",
                                          "decisionLatency"}
    for python_name, path, js_name in twins:
        text = (HERE.parents[1] / path).read_text(encoding="utf-8")
        assert f"def {python_name}(" in text, path
        if js_name != "requireNumber":
            assert f"Twin of ``{js_name}`` in ``followup/calculators/organisation_calculator.mjs``" in text, python_name
        else:  # bounds.require_number's docstring names it
            assert "Twin: ``requireNumber`` in\n    ``followup/calculators/organisation_calculator.mjs``" in text
