"""The organisation calculator on the built site: it recomputes in the browser, with no kernel and no
third-party request, agrees with the library, and shows a bad value beside its field.

The check finds the page that embeds ``OrganisationCalculator`` (by its anywidget id in the page's widget state),
loads it in headless Chromium, changes inputs as a reader would and compares what the panel shows with
``organisation_result`` for the same inputs. Input -> result times are printed (run with ``-s``), not asserted.
"""
from __future__ import annotations

import re

import pytest

from followup.calculators.organisation_calculator import OrganisationCalculator, organisation_result

pytestmark = pytest.mark.browser

TRAITS = OrganisationCalculator._inputs


@pytest.fixture(scope="module")
def calculator_page(built_site):
    """(URL, stored traits) of the first page embedding the organisation calculator."""
    return built_site.page_embedding(OrganisationCalculator, "chapters/05-organisation.ipynb")


def figure(text: str, label: str) -> float:
    match = re.search(re.escape(label) + r"\s*([-\d,.]+)", text)
    assert match, f"{label!r} not in:\n{text}"
    return float(match.group(1).replace(",", ""))


def own_errors(log) -> list[str]:
    """Console errors and failed requests that are not the theme stack's or the browser's favicon probe
    (those are tests/site/test_offline.py's concern, for every page)."""
    elsewhere = [e for e in log.console_errors if "/_static/" in e or "THEBE_JS_URL" in e or "/favicon.ico" in e]
    return [e for e in log.console_errors if e not in elsewhere] + [f for f in log.failed if "/favicon.ico" not in f]


def expected(traits: dict):
    return organisation_result(*(traits[name] for name in TRAITS))


def test_the_calculator_recomputes_on_the_static_page(page_log, calculator_page):
    url, stored = calculator_page
    log = page_log(url)
    views = log.widget_views()
    assert views and all(v["rendered"] for v in views), f"{url}: a widget view did not render"
    calc = log.calculator("organisation")  # the probes of tests/site/conftest.py
    state = calc.state()
    assert state["unlabelled"] == 0 and state["svg_unlabelled"] == 0, "every control and chart needs a label"
    assert not state["invalid"], f"the chapter's defaults are invalid: {state['invalid']}"
    text = {group: shown["text"] for group, shown in state["outputs"].items()}

    traits = {name: stored[name] for name in TRAITS}
    want = expected(traits)
    assert figure(text["business"], "Lead time:") == round(want.lead_time_h, 1)
    assert figure(text["business"], "Flow efficiency:") == round(100 * want.flow_efficiency, 1)
    assert figure(text["project"], "Communication channels:") == want.channels
    assert figure(text["project"], "Decision latency:") == round(want.latency_h, 1)
    assert figure(text["pay"], "Paid so far:") == round(100 * want.paid_share, 1)

    for label, trait, value in [("Hand-offs (changes of team)", "handoffs", 0),
                                ("Wait at each hand-off (h)", "wait_per_handoff_h", 6.5),
                                ("Hand-offs (changes of team)", "handoffs", 2),
                                ("People in the team", "team_size", 28),
                                ("Decision levels", "decision_levels", 2),
                                ("Wait per level (h)", "wait_per_level_h", 3.5),
                                ("Reading of 10 × 15 %", "reading", "capped"),
                                ("Payment nodes reached", "nodes_reached", 7)]:
        calc.set(label, value)
        traits[trait] = value
    state = calc.state()
    text = {group: shown["text"] for group, shown in state["outputs"].items()}
    want = expected(traits)
    assert not state["invalid"]
    assert figure(text["business"], "Lead time:") == round(want.lead_time_h, 1)
    assert figure(text["business"], "One team owning the case:") == round(want.single_team_lead_time_h, 1)
    assert figure(text["project"], "Communication channels:") == want.channels == 378
    assert figure(text["project"], "Decision latency:") == round(want.latency_h, 1)
    assert figure(text["pay"], "Paid so far:") == 100.0 and want.paid_share == 1.0

    assert not log.offsite(), f"third-party requests: {log.offsite()}"
    assert not [r for r in log.requests if "/api/kernels" in r], "the page asked for a kernel"
    assert not own_errors(log), own_errors(log)
    calc.report()


@pytest.mark.parametrize(("label", "value", "group", "message"), [
    ("Hand-offs (changes of team)", "-1", "business", "handoffs is -1; give a whole number from 0 to 100"),
    ("Touch time of the case (h)", "", "business",
     "touch_hours is missing or not a number; give a number above 0 and up to 10,000 hours"),
    ("People in the team", "0", "project", "people is 0; give a whole number from 1 to 100,000 people"),
    ("Decision levels", "2.5", "project", "levels is 2.5; give a whole number from 1 to 20 levels"),
    ("Wait per level (h)", "20000", "project", "wait_per_level_hours is 20000; give a number from 0 to 10,000 hours"),
])
def test_a_bad_value_is_named_beside_its_field_and_the_last_result_stays(page_log, calculator_page, label, value,
                                                                          group, message):
    url, stored = calculator_page
    log = page_log(url)
    calc = log.calculator("organisation")
    before = calc.state()["outputs"]
    calc.set(label, value)
    after = calc.state()
    assert after["invalid"] == [[label, f"{label}: {message}."]]  # the message beside the field, describing it
    shown = after["outputs"]
    assert shown[group]["stale"] and shown[group]["text"] == before[group]["text"]  # last good result kept
    assert set(shown) == {"business", "project", "pay"}
    assert not any(shown[g]["stale"] for g in shown if g != group)
    python = OrganisationCalculator(**{name: stored[name] for name in TRAITS})
    trait = {"Hand-offs (changes of team)": "handoffs", "Touch time of the case (h)": "touch_h",
             "People in the team": "team_size", "Decision levels": "decision_levels",
             "Wait per level (h)": "wait_per_level_h"}[label]
    setattr(python, trait, None if value == "" else float(value) if "." in value else int(value))
    # Python refuses the same value, naming the same argument (the page's words are its own, shorter)
    assert python.error.split(";")[0] == message.split(";")[0], python.error
    assert not own_errors(log) and not log.offsite()
