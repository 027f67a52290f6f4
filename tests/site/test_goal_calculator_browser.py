"""The goal calculator (chapter 1) on the built site: it recomputes in the browser with no kernel and no
third-party request, and agrees with the library.

The check finds the page that embeds ``GoalCalculator`` (by its anywidget id in the page's widget state), loads
it in headless Chromium (fixtures of ``tests/site/conftest.py``), moves the policy, types a stock-out target and
a number of units as a reader would, and compares what the panel shows with the library's result for the same
inputs. A bad value must show a message beside its field, mark the field ``aria-invalid`` and keep the last
result. Input -> result times are printed (run with ``-s``), not asserted.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from followup.acceptance import demonstrated_confidence, pass_probability
from followup.calculators.goal_calculator import GoalCalculator
from followup.replenishment import best_policy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def goal_page(built_site):
    """(URL, stored traits) of the first page embedding the goal calculator."""
    return built_site.page_embedding(GoalCalculator, "chapters/01-goals.ipynb")


def number_after(text: str, label: str) -> float:
    match = re.search(re.escape(label) + r"\s*([<>] )?([-\d,.]+)", text)
    assert match, f"{label!r} not in:\n{text}"
    return (match.group(1) or "") + match.group(2).replace(",", "") if match.group(1) else \
        float(match.group(2).replace(",", ""))


def percent(x: float) -> float | str:
    """A share as the panel shows it: one decimal, a bound where one decimal would read 0 or 100."""
    if 0 < x < 0.0005:
        return "< 0.05"
    if 0.9995 < x < 1:
        return "> 99.95"
    return round(100 * x, 1)


def test_goal_calculator_recomputes_in_the_page(page_log, goal_page):
    url, traits = goal_page
    log = page_log(url)
    views = log.widget_views()
    assert views and all(v["rendered"] for v in views), f"{url}: a widget view did not render"
    errors_on_load = len(log.console_errors)  # the theme's own messages are test_offline.py's business
    panel = log.calculator("goal")  # the probes of tests/site/conftest.py
    set_, state = panel.set, panel.state

    first = state()
    assert first["unlabelled"] == 0 and first["svg_unlabelled"] == 0, "every control and chart needs a label"
    assert first["alerts"] == [] and first["invalid"] == [] and first["stale"] == [False, False]
    grid = pd.DataFrame(traits["policies"])
    factors = sorted(grid["safety_factor"].unique())

    # business side: the chosen policy is the grid's row; the best policy is best_policy's
    def check_business(period, z, target_pct):
        business = state()["summaries"][0]
        row = grid[(grid["review_period"] == period) & (grid["safety_factor"] == z)].iloc[0]
        mine = business.split("Your policy:")[1].split("\n")[0]
        assert number_after(mine, "turnover") == round(row["turnover"], 1)
        assert number_after(mine, "stock-outs") == percent(row["stockout_rate"])
        best = best_policy(grid, target_pct / 100, period)
        within = business.split("Best within")[1].split("\n")[0]
        assert f"z = {best['safety_factor']:g}" in within and number_after(within, "turnover") == round(best["turnover"], 1)
        overall = best_policy(grid, target_pct / 100)
        anywhere = business.split("Best of any review period:")[1]
        assert f"review every {overall['review_period']:g} d, z = {overall['safety_factor']:g}" in anywhere

    check_business(traits["review_period"], traits["safety_factor"], traits["stockout_target"])
    set_("Safety factor z", factors.index(0.5))
    set_("Stock-out target (% of SKU-days)", 1)
    check_business(traits["review_period"], 0.5, 1)
    set_("Review period", 3)
    check_business(3, 0.5, 1)

    # a bad target: a message beside its field, aria-invalid, the last result kept (dimmed)
    before = state()["summaries"][0]
    set_("Stock-out target (% of SKU-days)", 150)
    bad = state()
    assert bad["invalid"] == [["Stock-out target (% of SKU-days)",
                               "The stock-out target is 150 %: give a percentage of SKU-days from 0 to 100 (e.g. 2)."]]
    assert bad["summaries"][0] == before and bad["stale"] == [True, False]
    set_("Stock-out target (% of SKU-days)", 1)
    assert state()["invalid"] == [] and state()["stale"] == [False, False]

    # project side: picking a plan brings its demonstrating sample; typed plans are computed in the page
    target = traits["target_yield"]

    def check_project(n, c):
        project = state()["summaries"][1]
        assert number_after(project, "with") == percent(demonstrated_confidence(n, c, target))
        for y in (93, 95, 97):
            assert number_after(project, f"true yield {y} %:" if y == 93 else f"{y} %:") == \
                percent(pass_probability(n, c, y / 100)), (n, c, y)

    check_project(traits["sample_size"], traits["failures_allowed"])
    set_("Failures allowed", 0)
    plan = next(p for p in traits["plans"] if p["confidence"] == traits["confidence"] and p["failures_allowed"] == 0)
    assert state()["values"]["Units tested in the trial run"] == str(plan["sample_size"])
    check_project(plan["sample_size"], 0)
    set_("Units tested in the trial run", 300)
    check_project(300, 0)
    set_("Failures allowed", 3)
    set_("Units tested in the trial run", 2_000)
    check_project(2_000, 3)

    before = state()["summaries"][1]
    for typed, shown in (("93.5", "93.5"), ("3", "3"), ("", None)):
        set_("Units tested in the trial run", typed)
        bad = state()
        rule = "give a whole number of units from 4 (more than the failures allowed) to 100,000."
        expected = (f"The number of units tested is {shown}: {rule}" if shown is not None
                    else f"The number of units tested is missing or not a number: {rule}")
        assert bad["invalid"] == [["Units tested in the trial run", expected]]
        assert bad["summaries"][1] == before and bad["stale"] == [False, True]
    calc = GoalCalculator.from_case(failures_allowed=3, sample_size=3)
    assert calc.error.startswith("failures_allowed (3) must be smaller than sample_size (3)")
    set_("Units tested in the trial run", 2_000)
    assert state()["invalid"] == [] and state()["summaries"][1] == before

    assert not log.failed, log.failed
    assert not log.offsite(), f"requests left 127.0.0.1: {log.offsite()}"
    assert log.console_errors[errors_on_load:] == [], "driving the calculator logged errors"
    assert not any("lm-calc" in e or "goal" in e for e in log.console_errors), log.console_errors
    panel.report()
