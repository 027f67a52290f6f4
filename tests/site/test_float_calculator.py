"""The float calculator of chapter 2 recomputes on the built page: no kernel, no third-party request.

The page is the static site; the expected figures come from the library (``followup.calculators.float_result``),
so the browser's answer is checked against Python's for each change a reader makes.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "chapters/02-time.html"


@pytest.fixture(scope="module")
def python_side():
    """``expect(option, rain_day, **durations) -> FloatResult`` computed by the library."""
    from followup.calculators import FloatCalculator, float_result
    from followup.datasets import pipeline

    case = pipeline.load()
    rows = FloatCalculator.rows_from_case(case)

    def expect(option="manual", rain_day=None, **durations):
        changed = [{**row, "duration": durations.get(row["id"].replace("-", "_"), row["duration"])} for row in rows]
        return float_result(case, changed, option, rain_day if rain_day is not None else case.rain_start_day("actual"))

    return expect


def test_float_calculator_recomputes_on_the_static_page(page_log, python_side):
    log = page_log(PAGE)
    calc = log.page.locator('[data-lm-calculator="float"]')
    summary = calc.locator(".lm-calc-summary")
    alert = calc.locator(".lm-calc-alert")

    baseline = python_side()
    assert f"{baseline.schedule.duration} days" in summary.inner_text()
    assert "does NOT finish before the rain" in summary.inner_text()

    # The welding method: air-freighted automatic welding saves the window.
    calc.get_by_label("Welding method").select_option("auto_air")
    air = python_side("auto_air")
    spare = air.rain_start_day - air.rain_exposed_finish
    assert air.finishes_before_rain
    log.page.wait_for_function(
        "([el, text]) => el.textContent.includes(text)",
        arg=[summary.element_handle(), f"with {spare} days to spare"],
    )
    calc.get_by_label("Welding method").select_option("manual")

    # A longer duration moves the critical path to section B.
    slow_b = python_side(WLD_B=baseline.schedule.table.loc["WLD-B", "duration"] + 12)
    calc.get_by_label("Duration of WLD-B (days)").fill(str(slow_b.schedule.table.loc["WLD-B", "duration"]))
    text = summary.inner_text()
    assert f"{slow_b.schedule.duration} days" in text and "WLD-B" in text and "WLD-A" not in text

    # The rain date.
    calc.get_by_label("Rains start on project day").fill("406")
    assert "finishes before the rain" in summary.inner_text()

    # Bad input shows a message in the panel and keeps the last valid result.
    calc.get_by_label("Duration of WLD-B (days)").fill("-5")
    assert alert.is_visible() and "negative duration" in alert.inner_text() and "WLD-B" in alert.inner_text()
    calc.get_by_label("Duration of WLD-B (days)").fill("125")
    assert not alert.is_visible()
    calc.get_by_label("Predecessors of START").fill("FINISH")
    assert alert.is_visible() and "cycle" in alert.inner_text()

    assert not log.failed, log.failed
    assert not log.offsite(), log.offsite()
    assert not [e for e in log.console_errors if "calculator" in e.lower() or "lm-calc" in e], log.console_errors
