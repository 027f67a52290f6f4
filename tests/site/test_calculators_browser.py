"""The calculators on the built site: they recompute in the browser, with no kernel, and agree with
the library.

For each calculator the check finds the page of the site that embeds it (by its anywidget id in the
page's widget state), loads it in headless Chromium, changes inputs as a reader would (a duration,
the welding method; a rating; the peak share, the levelling rule and the number of tower cranes), and compares what the panel shows
with the Python library's result for the same inputs; an invalid input must show the library's
message in the panel's alert. Input -> result times are printed (run with ``-s``), not asserted.
"""
from __future__ import annotations

import copy
import re

import pandas as pd
import pytest

from followup.calculators import FloatCalculator, PulseCalculator, RpnCalculator
from followup.calculators.float_calculator import float_result
from followup.calculators.pulse_calculator import project_profile
from followup.calculators.rpn_calculator import rpn_result
from followup.datasets import hualong_crane, pipeline
from followup.pulse import pulse_scenario

pytestmark = pytest.mark.browser

WIDGETS = {
    "float": FloatCalculator,
    "rpn": RpnCalculator,
    "pulse": PulseCalculator,
}

# In-page helpers: set a control (found by its label or aria-label) as a reader would, and time the
# input event -> recomputed DOM (synchronous) and -> the next painted frame.
SET_JS = """async ([key, label, value, nth]) => {
  const roots = document.querySelectorAll(`[data-lm-calculator="${key}"]`);
  const root = roots[nth];
  let ctl = root.querySelector(`[aria-label="${label}"]`);
  if (!ctl) {
    const lab = [...root.querySelectorAll("label")].find((l) => l.textContent.trim() === label);
    ctl = lab && root.querySelector("#" + CSS.escape(lab.htmlFor));
  }
  if (!ctl) throw new Error(`no control labelled ${label}`);
  if (!ctl.hasAttribute("data-lm-suppress-shortcuts")) throw new Error(`${label}: no data-lm-suppress-shortcuts`);
  const t0 = performance.now();
  ctl.value = value;
  ctl.dispatchEvent(new Event(ctl.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
  const t1 = performance.now();
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  return { dom_ms: t1 - t0, frame_ms: performance.now() - t0 };
}"""

STATE_JS = """([key, nth]) => {
  const root = document.querySelectorAll(`[data-lm-calculator="${key}"]`)[nth];
  const alerts = [...root.querySelectorAll('[role="alert"]')].filter((a) => !a.hidden).map((a) => a.textContent);
  const panels = [...root.querySelectorAll(".lm-calc")];
  return {
    alerts,
    stale: panels.map((p) => p.classList.contains("lm-calc-stale")),
    summaries: [...root.querySelectorAll(".lm-calc-summary")].map((u) => u.innerText),
    rows: [...root.querySelectorAll(".lm-calc-table tbody tr")].map((tr) => ({
      head: tr.querySelector("th").firstChild.textContent.trim(),
      cells: [...tr.querySelectorAll("td")].map((td) => td.querySelector("input") ? null : td.textContent.trim()),
    })),
    unlabelled: [...root.querySelectorAll("input, select, textarea")].filter((c) =>
      !c.getAttribute("aria-label") && !(c.id && root.querySelector(`label[for="${c.id}"]`))).length,
    svg_unlabelled: [...root.querySelectorAll("svg")].filter((s) => !s.querySelector("title")).length,
  };
}"""


def find_calculator_pages(built_site) -> dict[str, tuple[str, dict]]:
    """key -> (URL, traits) of the first calculator of that kind in the site, in page order.

    The traits are the ones stored with the page, so the expected results follow whatever the
    chapter set (``from_case(...)`` arguments), not this file's assumptions.
    """
    found = {}
    for page in built_site.pages:
        state = (built_site.widget_state(page) or {}).get("state", {})
        for model in state.values():
            for key, widget in WIDGETS.items():
                if model["state"].get("_anywidget_id") == f"{widget.__module__}.{widget.__name__}" \
                        and key not in found:
                    found[key] = (built_site.url_of(page), model["state"])
    return found


@pytest.fixture(scope="module")
def calculator_pages(built_site):
    return find_calculator_pages(built_site)


class Panel:
    """One calculator on an open page."""

    def __init__(self, log, key: str, nth: int = 0):
        self.log, self.key, self.nth = log, key, nth
        self.timings: list[tuple[str, dict]] = []

    def set(self, label: str, value) -> dict:
        timing = self.log.page.evaluate(SET_JS, [self.key, label, str(value), self.nth])
        self.timings.append((f"{label} = {value}", timing))
        return timing

    def state(self) -> dict:
        return self.log.page.evaluate(STATE_JS, [self.key, self.nth])

    def report(self) -> None:
        for what, t in self.timings:
            print(f"{self.key}: {what}: input -> result {t['dom_ms']:.1f} ms, -> next frame {t['frame_ms']:.1f} ms")


def open_panel(page_log, calculator_pages, key) -> tuple[Panel, dict]:
    """The first calculator of kind ``key`` on its page, and the traits the page stored for it."""
    if key not in calculator_pages:
        widget = WIDGETS[key]
        pytest.fail(f"no page of the built site embeds {widget.__name__}: the chapter should display "
                    f"{widget.__name__}.from_case() in an executed cell (make execute, then make book)")
    url, traits = calculator_pages[key]
    log = page_log(url)
    views = log.widget_views()
    assert views and all(v["rendered"] for v in views), f"{url}: a widget view did not render"
    nth = log.page.evaluate("""([key, id]) => [...document.querySelectorAll(`[data-lm-calculator="${key}"]`)]
        .findIndex((el) => el.querySelector("h4").textContent.startsWith(id))""", [key, traits["title"]])
    assert nth >= 0, f"{url}: the calculator titled {traits['title']!r} is not on the page"
    panel = Panel(log, key, nth)
    state = panel.state()
    assert state["unlabelled"] == 0 and state["svg_unlabelled"] == 0, "every control and chart needs a label"
    assert not state["alerts"], f"the chapter's defaults are invalid: {state['alerts']}"
    return panel, traits


def number(text: str) -> float:
    return float(text.replace(",", "").replace("−", "-"))


def summary_number(summary: str, label: str) -> float:
    match = re.search(re.escape(label) + r"\s*(?:CNY\s*)?([-\d,.]+)", summary)
    assert match, f"{label!r} not in the panel's summary:\n{summary}"
    return number(match.group(1))


# ------------------------------------------------------------------------------------------ float
def check_float_table(state, result) -> None:
    table = result.schedule.table
    shown = {row["head"]: row["cells"] for row in state["rows"]}
    assert list(shown) == table.index.tolist()
    for activity, cells in shown.items():
        row = table.loc[activity]
        dates = [number(c) for c in cells[1:7]]  # duration, then ES EF LS LF TF FF, critical?, predecessors
        assert dates == [row[c] for c in ("early_start", "early_finish", "late_start", "late_finish",
                                          "total_float", "free_float")], activity
        assert cells[7] == ("yes" if row["critical"] else "no"), activity
    summary = state["summaries"][0]
    assert summary_number(summary, "Project duration:") == result.schedule.duration
    assert summary_number(summary, "finishes on day") == result.rain_exposed_finish
    assert ("it finishes before the rain" in summary) is result.finishes_before_rain
    assert " → ".join(result.schedule.critical_paths[0]) in summary


def test_float_calculator_recomputes_in_the_page(page_log, calculator_pages):
    panel, traits = open_panel(page_log, calculator_pages, "float")
    case = pipeline.load()
    rows, option, rain = copy.deepcopy(traits["activities"]), traits["welding_option"], traits["rain_start_day"]
    check_float_table(panel.state(), float_result(case, rows, option, rain))
    panel.set("Welding method", "manual")
    option = "manual"
    check_float_table(panel.state(), float_result(case, rows, option, rain))

    rows[[r["id"] for r in rows].index("WLD-W")]["duration"] = 70
    panel.set("Duration of WLD-W (days)", 70)
    check_float_table(panel.state(), float_result(case, rows, option, rain))

    panel.set("Welding method", "auto_air")
    result = float_result(case, rows, "auto_air", rain)
    assert result.finishes_before_rain
    check_float_table(panel.state(), result)

    panel.set("Rains start on project day", 350)
    check_float_table(panel.state(), float_result(case, rows, "auto_air", 350))

    # invalid input: the library's message, the last valid result kept and marked stale
    before = panel.state()["rows"]
    bad = copy.deepcopy(rows)
    bad[[r["id"] for r in rows].index("DES-B")]["predecessors"] = "SURV; TIE"
    panel.set("Predecessors of DES-B", "SURV; TIE")
    calc = FloatCalculator(case, activities=bad, welding_option="auto_air", rain_start_day=350)
    state = panel.state()
    assert state["alerts"] == [calc.error] and "cycle" in calc.error
    assert state["stale"] == [True] and state["rows"] == before
    panel.set("Predecessors of DES-B", "SURV")
    panel.set("Duration of SURV (days)", -3)
    assert panel.state()["alerts"] == [
        "activity 'SURV' has a negative duration -3: give a number >= 0 (0 makes it a milestone)"]
    panel.report()


# ------------------------------------------------------------------------------------------- RPN
def check_rpn(state, ranking: pd.DataFrame) -> None:
    by_risk = ranking.set_index("risk")
    for row in state["rows"]:
        risk = by_risk.loc[row["head"]]
        rpn, ap, rank = row["cells"][3:6]
        assert (int(rpn), ap[0], int(rank)) == (risk["rpn"], risk["action_priority"], risk["rank"]), row["head"]
    order = [line.split(" — ")[0] for line in state["summaries"][0].splitlines()]
    assert order == ranking["risk"].tolist()


def test_rpn_calculator_recomputes_in_the_page(page_log, calculator_pages):
    panel, traits = open_panel(page_log, calculator_pages, "rpn")
    register, gap = copy.deepcopy(traits["register"]), traits["min_gap"]
    check_rpn(panel.state(), rpn_result(register, traits["rank_by"], gap).ranking)

    panel.set("Rank by", "ap")
    risk = register[1]["risk"]
    register[1]["occurrence"] = 9 if register[1]["occurrence"] != 9 else 2
    panel.set(f"Occurrence of {risk}", register[1]["occurrence"])
    check_rpn(panel.state(), rpn_result(register, "ap", gap).ranking)

    panel.set("Rank by", "rpn")
    check_rpn(panel.state(), rpn_result(register, "rpn", gap).ranking)

    for value, typed in ((11, "11"), (7.5, "7.5"), (None, "")):
        bad = copy.deepcopy(register)
        bad[0]["severity"] = value
        panel.set(f"Severity of {register[0]['risk']}", typed)
        state = panel.state()
        assert state["alerts"] == [RpnCalculator(register=bad, rank_by="rpn", min_gap=gap).error], typed
        assert state["stale"] == [True]
    panel.set(f"Severity of {register[0]['risk']}", register[0]["severity"])
    assert panel.state()["alerts"] == []
    panel.report()


# ------------------------------------------------------------------------------------------ pulse
def test_pulse_calculator_recomputes_in_the_page(page_log, calculator_pages):
    panel, traits = open_panel(page_log, calculator_pages, "pulse")
    calc = PulseCalculator(**{k: v for k, v in traits.items() if k in PulseCalculator.class_trait_names()
                              and not k.startswith("_") and k not in ("layout", "tabbable", "tooltip")})
    args = dict(base_demand_by_region=calc.base_demand, peak_intensity=calc.peak_intensity,
                peak_region=calc.peak_region, share_to_peak=0.6, fleet=calc.fleet,
                capacity=calc.capacity_per_vehicle, cost_per_move=calc.cost_per_move)
    panel.set("Share of the fleet sent to the peak region (%)", 60)
    totals = pulse_scenario(**args).totals
    business = panel.state()["summaries"][0]
    assert summary_number(business, "Service level over the cycle:") == round(100 * totals["service_level"], 1)
    assert summary_number(business, "vehicle moves, CNY") == totals["cost"]
    assert summary_number(business, "Redeployment:") == totals["moves"]

    # in the panel's terms (a percentage), where the library speaks of a fraction
    panel.set("Share of the fleet sent to the peak region (%)", 150)
    state = panel.state()
    assert PulseCalculator.from_case(share_to_peak=1.5).error.startswith("share_to_peak is a fraction")
    assert state["alerts"] == ["The share of the fleet sent to the peak region is 150 %: "
                               "give a percentage from 0 to 100."]
    assert state["stale"][0] is True and state["stale"][1] is False  # the project side is unaffected
    panel.set("Share of the fleet sent to the peak region (%)", 80)
    panel.set("Cost of moving one vehicle (CNY)", "")
    assert panel.state()["alerts"] == ["The cost of moving one vehicle is missing or not a number: "
                                       "give an amount in CNY of 0 or more."]
    panel.set("Cost of moving one vehicle (CNY)", calc.cost_per_move)
    assert panel.state()["alerts"] == []

    # the project side opens on the article's case: the site's rule, one tower crane (S3.2)
    network = hualong_crane.DomeNetwork(
        activities=pd.DataFrame(calc.activities), links=pd.DataFrame(calc.links),
        demands=pd.DataFrame(calc.demands).set_index("id"), capacities={"TC2": 1, "CC1600": 1},
        origin=pd.Timestamp(calc.origin), dome_slot=calc.dome_slot)
    rates = pd.DataFrame(calc.rates)

    def shows(project: str, expected) -> None:
        assert summary_number(project, "Dome lift delay (h):") == expected.delay_hours
        assert summary_number(project, "Standby cost of the dome's wait:") == round(expected.standby.total)
        for lift in expected.moved.index:
            assert f"{lift} " in project.split("Who waits:")[1].split("\n")[0]

    booked = project_profile(network, 1, "booking", rates)
    project = panel.state()["summaries"][1]
    assert booked.delay_hours == 37 and booked.standby.total == 900_000
    shows(project, booked)
    panel.set("Who gets the crane first", "lft")
    critical = project_profile(network, 1, "lft", rates)
    project = panel.state()["summaries"][1]
    assert critical.delay_hours == 0 and "on its booked slot" in project
    shows(project, critical)
    panel.set("Who gets the crane first", "booking")
    panel.set("Tower cranes for TC2's lifts", 2)
    project = panel.state()["summaries"][1]
    shows(project, project_profile(network, 2, "booking", rates))
    assert "Who waits: nobody" in project

    panel.set("Tower cranes for TC2's lifts", 0)
    state = panel.state()
    assert state["alerts"] == ["The number of tower cranes is 0: give a whole number of cranes, 1 or more."]
    assert state["stale"] == [False, True]
    calc.tower_cranes = 0
    assert calc.error.startswith("tower_cranes is 0")
    panel.set("Tower cranes for TC2's lifts", 1)
    assert panel.state()["alerts"] == []
    panel.report()
