"""The calculators on the built site: they recompute in the browser, with no kernel, and agree with
the library.

For each calculator the check finds the page of the site that embeds it (by its anywidget id in the
page's widget state), loads it in headless Chromium, changes inputs as a reader would (a duration,
the welding method; a rating; the peak share, the levelling rule and the number of tower cranes), and
compares what the panel shows with the Python library's result for the same inputs; an invalid input
must be refused by Python too and its message shown beside the field the reader typed in (marked
``aria-invalid``), with the last good result kept. A fuzz test types hundreds of bad values into every
control (no page error, no frozen tab, a working panel after a good value), a keyboard-only test edits
a value with the keyboard alone, and each module is also mounted the way JupyterLab's anywidget mounts
it. Input -> result times are printed (run with ``-s``), not asserted.
"""
from __future__ import annotations

import copy
import re

import pandas as pd
import pytest

from followup.calculators import FloatCalculator, PulseCalculator, RpnCalculator
from followup.calculators.goal_calculator import GoalCalculator
from followup.calculators.organisation_calculator import OrganisationCalculator
from followup.calculators.float_calculator import float_result
from followup.calculators.rpn_calculator import rpn_result
from followup.cases.hualong_crane import dome_network, project_profile
from followup.datasets import hualong_crane, pipeline
from followup.pulse import pulse_scenario

pytestmark = pytest.mark.browser

WIDGETS = {
    "float": FloatCalculator,
    "rpn": RpnCalculator,
    "pulse": PulseCalculator,
    "goal": GoalCalculator,  # chapter 1 (its own checks: tests/site/test_goal_calculator_browser.py)
    "organisation": OrganisationCalculator,  # chapter 5 (tests/site/test_organisation_calculator_browser.py)
}


def find_calculator_pages(built_site) -> dict[str, tuple[str, dict]]:
    """key -> (URL, traits) of the first calculator of that kind in the site, in page order.

    The traits are the ones stored with the page, so the expected results follow whatever the
    chapter set (``from_case(...)`` arguments), not this file's assumptions.
    """
    found = {key: built_site.embedding(widget) for key, widget in WIDGETS.items()}
    return {key: where for key, where in found.items() if where is not None}


@pytest.fixture(scope="module")
def calculator_pages(built_site):
    return find_calculator_pages(built_site)


def open_panel(page_log, calculator_pages, key):
    """The first calculator of kind ``key`` on its page (a ``CalculatorPanel``, tests/site/conftest.py) and
    the traits the page stored for it."""
    if key not in calculator_pages:
        widget = WIDGETS[key]
        pytest.fail(f"no page of the built site embeds {widget.__name__}: the chapter should display "
                    f"{widget.__name__}.from_case() in an executed cell (make execute, then make book)")
    url, traits = calculator_pages[key]
    log = page_log(url)
    views = log.widget_views()
    assert views and all(v["rendered"] for v in views), f"{url}: a widget view did not render"
    nth = log.page.evaluate("""([key, id]) => [...document.querySelectorAll(`[data-lm-calculator="${key}"]`)]
        .findIndex((el) => el.querySelector(".lm-calc-title").textContent.startsWith(id))""", [key, traits["title"]])
    assert nth >= 0, f"{url}: the calculator titled {traits['title']!r} is not on the page"
    panel = log.calculator(key, nth)
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

    # invalid input: refused by Python too, the message beside the field, the last valid result kept
    before = panel.state()["rows"]
    bad = copy.deepcopy(rows)
    bad[[r["id"] for r in rows].index("DES-B")]["predecessors"] = "SURV; TIE"
    panel.set("Predecessors of DES-B", "SURV; TIE")
    calc = FloatCalculator(case, activities=bad, welding_option="auto_air", rain_start_day=350)
    state = panel.state()
    assert "cycle" in calc.error
    assert len(state["alerts"]) == 1 and state["alerts"][0].startswith("the links form a cycle: ")
    assert state["invalid"] == [["Predecessors of DES-B", state["alerts"][0]]]
    assert state["stale"] == [True] and state["rows"] == before
    panel.set("Predecessors of DES-B", "SURV")
    assert panel.state()["invalid"] == []
    panel.set("Duration of SURV (days)", -3)
    message = "activity 'SURV' has duration -3: give a number >= 0 (0 makes it a milestone)"
    assert panel.state()["invalid"] == [["Duration of SURV (days)", message]]
    panel.set("Duration of SURV (days)", 99999999)  # issue 16: froze the page, or "Invalid time value"
    assert panel.state()["invalid"][0][1].startswith("activity 'SURV' has a duration of 99999999 days")
    panel.set("Rains start on project day", 1e309)
    assert panel.state()["invalid"][0][0] == "Rains start on project day"
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

    for value, typed in ((11, "11"), (7.5, "7.5"), (None, ""), (99999999, "99999999")):
        bad = copy.deepcopy(register)
        bad[0]["severity"] = value
        panel.set(f"Severity of {register[0]['risk']}", typed)
        state = panel.state()
        assert RpnCalculator(register=bad, rank_by="rpn", min_gap=gap).error.startswith("severity of risk"), typed
        shown = f"{value}" if value is not None else "missing"
        assert state["invalid"] == [[f"Severity of {register[0]['risk']}", f"severity of risk '{register[0]['risk']}' "
                                     f"is {shown}; ratings are whole numbers from 1 to 10"]], typed
        assert state["stale"] == [True]
    panel.set(f"Severity of {register[0]['risk']}", register[0]["severity"])
    assert panel.state()["alerts"] == [] and panel.state()["invalid"] == []
    panel.report()


# ------------------------------------------------------------------------------------------ pulse
def test_pulse_calculator_recomputes_in_the_page(page_log, calculator_pages):
    panel, traits = open_panel(page_log, calculator_pages, "pulse")
    args = dict(base_demand_by_region=traits["base_demand"], peak_intensity=traits["peak_intensity"],
                peak_region=traits["peak_region"], share_to_peak=0.6, fleet=traits["fleet"],
                capacity=traits["capacity_per_vehicle"], cost_per_move=traits["cost_per_move"])
    panel.set("Share of the fleet sent to the peak region (%)", 60)
    totals = pulse_scenario(**args).totals
    business = panel.state()["summaries"][0]
    assert summary_number(business, "Service level over the cycle:") == round(100 * totals["service_level"], 1)
    assert summary_number(business, "vehicle moves, CNY") == totals["cost"]
    assert summary_number(business, "Redeployment:") == totals["moves"]

    # in the panel's terms (a percentage), where the library speaks of a fraction
    share = "Share of the fleet sent to the peak region (%)"
    panel.set(share, 150)
    state = panel.state()
    assert PulseCalculator.from_case(share_to_peak=1.5).error.startswith("share_to_peak is a fraction")
    assert state["invalid"] == [[share, "The share of the fleet sent to the peak region is 150 %: "
                                        "give a percentage from 0 to 100."]]
    assert state["stale"][0] is True and state["stale"][1] is False  # the project side is unaffected
    panel.set(share, 80)
    panel.set("Cost of moving one vehicle (CNY)", "")
    assert panel.state()["invalid"] == [["Cost of moving one vehicle (CNY)", "The cost of moving one vehicle is "
                                         "missing or not a number: give an amount in CNY from 0 to 1,000,000,000."]]
    panel.set("Cost of moving one vehicle (CNY)", traits["cost_per_move"])
    assert panel.state()["alerts"] == []

    # the project side opens on the article's case: the site's rule, one tower crane (S3.2)
    case = hualong_crane.load()
    network, rates = dome_network(case), case.standby_rates

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

    for typed in (0, 7, 99999999):  # issue 16: 99999999 froze the crane axis loop
        panel.set("Tower cranes for TC2's lifts", typed)
        state = panel.state()
        assert state["invalid"] == [["Tower cranes for TC2's lifts", f"The number of tower cranes is "
                                     f"{typed:,}: give a whole number of cranes from 1 to 6."]]
        assert state["stale"] == [False, True]
        assert PulseCalculator.from_case(tower_cranes=typed).error.startswith(f"tower_cranes is {typed}")
    panel.set("Tower cranes for TC2's lifts", 1)
    assert panel.state()["alerts"] == []
    panel.report()


# ------------------------------------------------------------------------------------------ fuzz
# Bad values a reader may type or paste (issue 16): huge, tiny, negative, non-numeric, very long.
BAD_VALUES = ["99999999", "1e309", "-1e309", "1e308", "-1", "-99999999", "0.000001", "1e-309", "abc", "NaN",
              "Infinity", "-0", "1,5", "+-3", "0x10", "   ", "", "٣", "<b>x</b>", "9" * 400, "1" * 5000 + "x",
              "A" + " " * 1000 + "+" + "1" * 1000 + "x", "START FS+99999999999999999999", "START; START; START",
              "; ; ;", "START XX+1", "START\tSS\t+2", "x" * 20000]

# Types every bad value into every text and number control of each calculator on the page (setting
# the value and firing the event the control fires, as typing does), after each one checking the
# page still answers; then a good value must bring the panel back. Returns what happened.
FUZZ_JS = """async ([key, nth, values]) => {
  const root = document.querySelectorAll(`[data-lm-calculator="${key}"]`)[nth];
  const controls = [...root.querySelectorAll("input")].filter((c) => !c.disabled);
  let typed = 0;
  const broken = [];
  for (const ctl of controls) {
    const good = ctl.value;
    for (const value of values) {
      ctl.value = value;
      ctl.dispatchEvent(new Event("input", { bubbles: true }));
      typed += 1;
    }
    ctl.value = good;
    ctl.dispatchEvent(new Event("input", { bubbles: true }));
    const invalid = root.querySelectorAll('[aria-invalid="true"]').length;
    const stale = root.querySelector(".lm-calc-stale") !== null;
    if (invalid || stale) broken.push(ctl.getAttribute("aria-label") || ctl.id);
  }
  return { controls: controls.length, typed, broken };
}"""


def test_fuzz_every_calculator_control(page_log, calculator_pages):
    """>= 200 bad values into the calculators: no page error, no frozen tab, each panel works after."""
    total, frozen = 0, []
    for key in WIDGETS:
        panel, _ = open_panel(page_log, calculator_pages, key)
        page = panel.log.page
        errors_before = len([e for e in panel.log.console_errors if e.startswith("uncaught")])
        for value in BAD_VALUES:  # one value at a time into every control, so a hang is caught per value
            try:
                result = page.evaluate(FUZZ_JS, [key, panel.nth, [value]])
                page.wait_for_function("() => true", timeout=10_000)
            except Exception as exc:  # noqa: BLE001 - a frozen tab times out
                frozen.append(f"{key}: {value[:30]!r}: {exc}"[:200])
                break
            assert result["broken"] == [], f"{key}: after {value[:30]!r} a good value did not restore {result['broken']}"
            total += result["typed"]
        for select in page.locator(f'[data-lm-calculator="{key}"] select').all():
            for option in select.locator("option").all():  # every choice of every list
                select.select_option(option.get_attribute("value"))
        page_errors = [e for e in panel.log.console_errors if e.startswith("uncaught")][errors_before:]
        assert page_errors == [], f"{key}: uncaught errors in the page: {page_errors[:3]}"
        state = panel.state()
        assert state["summaries"] and not any(state["stale"]), f"{key}: the panel does not work after the fuzz"
    print(f"fuzz: {total} bad values typed into the calculators' controls, {len(frozen)} frozen")
    assert not frozen, frozen
    assert total >= 200


# ------------------------------------------------------------------------------------------ keyboard
def test_keyboard_alone_edits_a_value_and_the_result_changes(page_log, calculator_pages):
    """Tab from the top of the page to the RPN calculator's first rating, type, see the ranking change."""
    panel, traits = open_panel(page_log, calculator_pages, "rpn")
    page = panel.log.page
    target = f"Severity of {traits['register'][0]['risk']}"
    before = panel.state()["rows"][0]["cells"][3:]
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(2000):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.getAttribute('aria-label')") == target:
            break
    else:
        pytest.fail(f"Tab never reached the field {target!r}")
    page.keyboard.press("Control+A")
    new = "1" if traits["register"][0]["severity"] != 1 else "10"
    page.keyboard.type(new)
    after = panel.state()["rows"][0]["cells"][3:]
    assert after != before, "typing a rating with the keyboard did not change its RPN / priority / rank"
    assert int(after[0]) == int(new) * traits["register"][0]["occurrence"] * traits["register"][0]["detection"]
    # a list by keyboard too: the ranking rule, with the arrow keys
    page.keyboard.press("Shift+Tab")
    while page.evaluate("() => document.activeElement.tagName") != "SELECT":
        page.keyboard.press("Shift+Tab")
    summary = panel.state()["summaries"][0]
    page.keyboard.press("ArrowDown")
    assert panel.state()["summaries"][0] != summary, "changing the ranking rule by keyboard changed nothing"


KEYBOARD_EDITS = {  # calculator -> (the field Tab must reach, what to type)
    "goal": ("Units tested in the trial run", "300"),
    "organisation": ("People in the team", "28"),
}


@pytest.mark.parametrize("key", list(KEYBOARD_EDITS))
def test_keyboard_alone_edits_a_typed_field(page_log, calculator_pages, key):
    """Tab from the top of the page to a typed field of the goal and organisation calculators, type, see the
    results change."""
    panel, _ = open_panel(page_log, calculator_pages, key)
    page = panel.log.page
    label, value = KEYBOARD_EDITS[key]
    before = panel.state()["summaries"]
    focused_label = """([key, nth]) => {
      const root = document.querySelectorAll(`[data-lm-calculator="${key}"]`)[nth];
      const ctl = document.activeElement;
      if (!ctl || !ctl.id || !root.contains(ctl)) return null;
      const lab = root.querySelector(`label[for="${ctl.id}"]`);
      return lab && lab.textContent.trim();
    }"""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(3000):
        page.keyboard.press("Tab")
        if page.evaluate(focused_label, [key, panel.nth]) == label:
            break
    else:
        pytest.fail(f"Tab never reached the field {label!r}")
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    after = panel.state()
    assert after["summaries"] != before, f"{key}: typing {value} into {label!r} with the keyboard changed nothing"
    assert after["invalid"] == [] and not any(after["stale"])


# ------------------------------------------------------------------------------------------ JupyterLab
# The way JupyterLab's anywidget mounts a module: import the module's source from a blob URL, call
# render({model, el}) with a Backbone-like model (set fires change events at once, also for the
# view's own sets; save_changes sends the changed traits to the kernel). The page records what would
# go to the kernel and the kernel's replies are played back with model.set from outside.
LAB_JS = """async ([esm, state, edit, reply]) => {
  const values = { ...state }, handlers = [], sent = [];
  let pending = {};
  const model = {
    get: (k) => values[k],
    set(k, v) {
      const changed = JSON.stringify(values[k]) !== JSON.stringify(v);
      values[k] = v; pending[k] = v;
      if (changed) for (const [n, f] of handlers) if (n.split(" ").includes("change:" + k)) f(null, v);
    },
    on: (n, f) => handlers.push([n, f]),
    off: (n, f) => { for (let i = handlers.length - 1; i >= 0; i--) if (handlers[i][1] === f) handlers.splice(i, 1); },
    save_changes() { sent.push(pending); pending = {}; },
    send() {},
  };
  const el = document.createElement("div");
  document.body.append(el);
  const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
  const widget = (await import(url)).default;
  await widget.render({ model, el });
  const text = () => [...el.querySelectorAll(".lm-calc-results")].map((u) => u.innerText).join("\\n");
  const first = text();
  let ctl = el.querySelector(`[aria-label="${edit[0]}"]`);
  if (!ctl) ctl = el.querySelector("#" + CSS.escape([...el.querySelectorAll("label")]
    .find((l) => l.textContent.trim() === edit[0]).htmlFor));
  ctl.value = edit[1];
  ctl.dispatchEvent(new Event(ctl.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
  const edited = text();
  for (const [k, v] of Object.entries(reply)) model.set(k, v);  // the kernel changes a trait
  return { first, edited, replied: text(), sent, control: ctl.value };
}"""

LAB_CASES = {  # calculator -> (a reader's edit, the trait it must send, a kernel's change of a trait)
    "float": (("Rains start on project day", "300"), "rain_start_day", {"welding_option": "auto_air"}),
    "rpn": (("Rank by", "rpn"), "rank_by", {"min_gap": 1}),
    "pulse": (("Tower cranes for TC2's lifts", "2"), "tower_cranes", {"priority": "lft", "tower_cranes": 1}),
    "goal": (("Units tested in the trial run", "300"), "sample_size", {"review_period": 3}),
    "organisation": (("People in the team", "28"), "team_size", {"handoffs": 0}),
}


@pytest.mark.parametrize("key", list(LAB_CASES))
def test_module_works_as_jupyterlab_mounts_it(page_log, calculator_pages, key):
    """The same module in a Lab-like host: a reader's edit reaches the kernel, a kernel change redraws."""
    (label, value), trait, reply = LAB_CASES[key]
    widget = WIDGETS[key]
    url, traits = calculator_pages.get(key, (None, None))
    assert traits is not None, f"no page embeds {widget.__name__}"
    state = {k: v for k, v in traits.items() if not k.startswith("_")}
    log = page_log("")
    known = len(log.console_errors)  # the landing page's own (sphinx-thebe's double config script)
    got = log.page.evaluate(LAB_JS, [widget._esm, state, [label, value], reply])
    assert got["first"] and got["edited"] != got["first"], "the reader's edit did not redraw the panel"
    assert any(trait in message for message in got["sent"]), f"save_changes never sent {trait}: {got['sent']}"
    assert got["replied"] != got["edited"], "a change from the kernel did not redraw the panel"
    assert [e for e in log.console_errors[known:] if e.startswith("uncaught")] == []
