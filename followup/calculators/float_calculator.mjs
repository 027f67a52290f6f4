// Float calculator (chapter 2, pipeline case). The welding options are data Python computed
// (followup.cases.pipeline.welding_changes, shipped as the trait welding_changes); the page applies
// the chosen one and runs the critical path method (cpm.mjs) on what the reader typed.
// render() draws the panel: summary, SVG Gantt chart and the activity table. The bundle
// (followup/calculators/_base.py) also exports cpm.mjs's functions, for the parity test.
import { ScheduleError, criticalPathMethod, linksFromPredecessors } from "./cpm.mjs";
import { h, s, axis, bar, bind, chart, choiceTrait, control, fmt, grid, numberTrait, panels, readNumber, summary, ticks,
  timeAfter, uniqueId } from "./panel.mjs";

// Twin of apply_welding_changes in followup/cases/pipeline.py (tests/test_parity.py holds them equal).
export function applyWeldingChanges(activities, changes) {
  const plan = activities.map((a) => ({ ...a }));
  for (const a of plan) {
    if (a.id in changes.durations) a.duration = changes.durations[a.id];
    if (a.id in changes.after) a.predecessors = `${a.predecessors}; ${changes.after[a.id]}`;
  }
  const fields = Object.keys(activities[0] ?? {});
  return plan.concat(changes.extra.map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]))));
}

// Twins of _check_rain_start_day and _check_durations in float_calculator.py.
export function checkRainStartDay(day, maxDay) {
  if (!(typeof day === "number" && Number.isInteger(day) && day >= 0 && day <= maxDay)) {
    throw new ScheduleError(`the rain start day is ${day ?? "missing"}; give the project day the rains begin, ` +
      `a whole number from 0 to ${fmt(maxDay)} (day 0 is the notice to proceed)`, { field: "rain" });
  }
  return day;
}

function checkDurations(plan, maxDay) {
  for (const a of plan) {
    if (typeof a.duration === "number" && Math.abs(a.duration) > maxDay) {
      throw new ScheduleError(`activity '${a.id}' has a duration of ${a.duration} days; give at most ` +
        `${fmt(maxDay)} days (100 years)`, { activity: a.id, field: "duration" });
    }
  }
}

// Twin of float_result in float_calculator.py: the plan, its schedule and whether the rain-exposed
// work (rows with rain_exposed) finishes by the day the rains start.
export function floatResult(activities, changes, rainStartDay, maxDay) {
  checkRainStartDay(rainStartDay, maxDay);
  const plan = applyWeldingChanges(activities, changes);
  checkDurations(plan, maxDay);
  const schedule = criticalPathMethod(plan, linksFromPredecessors(plan));
  const exposed = schedule.table.filter((_, i) => plan[i].rain_exposed === true);
  const finish = exposed.length ? Math.max(...exposed.map((r) => r.early_finish)) : null;
  return { plan, schedule, rain_start_day: rainStartDay, rain_exposed_finish: finish,
    finishes_before_rain: finish === null ? null : finish <= rainStartDay };
}

// ---------------------------------------------------------------------------------------------
// Drawing

const dayToDate = (startDate, day) => timeAfter(`${startDate}T00:00`, Math.floor(day) * 1440)?.slice(0, 10) ?? `day ${day}`;

// A round tick step giving at most about 12 grid lines, whatever the horizon.
function tickStep(horizon) {
  const raw = horizon / 10;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw);
}

function gantt(result, startDate) {
  const rows = result.schedule.table;
  const rowH = 13, left = 84, right = 10, top = 30, width = 700;
  const horizon = Math.max(result.schedule.duration, result.rain_start_day, 1) * 1.02;
  const x = (t) => left + ((width - left - right) * t) / horizon;
  const height = top + rows.length * rowH + 8;
  const hatch = uniqueId("hatch");
  const svg = chart("Gantt chart of the schedule on early dates", `${rows.length} activities over ` +
    `${fmt(result.schedule.duration)} days; critical activities drawn hatched and marked "critical" in their ` +
    "tooltip; dashed boxes show total float; the dashed vertical line is the rain start on day " +
    `${result.rain_start_day}.`, width, height);
  // Critical bars are hatched as well as coloured, so they stand out in greyscale too.
  svg.append(s("defs", {}, s("pattern", { id: hatch, width: 6, height: 6, patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)" }, s("line", { class: "hatch", x1: 0, y1: 0, x2: 0, y2: 6 }))));
  axis(svg, "x", ticks(0, horizon, tickStep(horizon), 20), x, { from: top - 4, to: height - 6, at: top - 8, label: fmt });
  svg.append(s("text", { x: left - 12, y: top - 8, "text-anchor": "end" }, "day"));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const status = r.critical ? "critical" : `total float ${fmt(r.total_float)} d`;
    svg.append(s("text", { x: left - 4, y: y + rowH - 3, "text-anchor": "end" },
      result.plan[i].rain_exposed === true ? `${r.id} *` : r.id));
    if (r.total_float > 0) {
      svg.append(s("rect", { class: "float", x: x(r.early_finish), y: y + 3, height: rowH - 6,
        width: Math.max(0, x(r.early_finish + r.total_float) - x(r.early_finish)) }));
    }
    const box = { x: x(r.early_start), y: y + 2, height: rowH - 4, width: Math.max(2, x(r.early_finish) - x(r.early_start)) };
    svg.append(bar({ class: r.critical ? "bar critical" : "bar", ...box }, `${r.id} ${r.name}: days ` +
      `${fmt(r.early_start)}–${fmt(r.early_finish)} (${dayToDate(startDate, r.early_start)} to ` +
      `${dayToDate(startDate, r.early_finish)}), ${status}`));
    if (r.critical) svg.append(s("rect", { fill: `url(#${hatch})`, "pointer-events": "none", ...box }));
  });
  svg.append(s("text", { x: left, y: 11 },
    "hatched: critical · plain grey: not critical · dashed box: total float · *: rain-exposed"));
  const rx = x(result.rain_start_day);
  svg.append(s("line", { class: "marker", x1: rx, x2: rx, y1: top - 4, y2: height - 4 }),
    s("text", { x: Math.min(rx + 3, width - 110), y: height - 4 }, `rains start (day ${result.rain_start_day})`));
  return svg;
}

function resultSummary(result, startDate) {
  const sched = result.schedule;
  const paths = sched.critical_paths;
  const margin = result.rain_start_day - result.rain_exposed_finish;
  return summary([
    ["Project duration: ", `${fmt(sched.duration)} days (handover ${dayToDate(startDate, sched.duration)}).`],
    result.rain_exposed_finish !== null && ["Rain-exposed work: ", `finishes on day ${fmt(result.rain_exposed_finish)} ` +
      `(${dayToDate(startDate, result.rain_exposed_finish)}); the rains start on day ${result.rain_start_day} — ` +
      (result.finishes_before_rain ? `it finishes before the rain, with ${fmt(margin)} days to spare.`
        : `it does NOT finish before the rain: ${fmt(-margin)} days too late.`)],
    [`Critical path${paths.length > 1 ? "s" : ""} (${paths.length}): `, paths.slice(0, 3).map((p) => p.join(" → "))
      .join("; ") + (paths.length > 3 ? `; and ${paths.length - 3} more` : "")],
  ].filter(Boolean));
}

const COLUMNS = [
  ["early_start", "ES"], ["early_finish", "EF"], ["late_start", "LS"], ["late_finish", "LF"],
  ["total_float", "Total float"], ["free_float", "Free float"],
];

function render({ model, el }) {
  const [p] = panels(el, "float", [model.get("title")]);
  const maxDay = model.get("max_day");
  const welding = control("select", "Welding method", { value: model.get("welding_option") }, model.get("welding_choices"));
  const rain = control("input", "Rains start on project day", {
    type: "number", min: 0, max: maxDay, step: 1, value: model.get("rain_start_day") ?? "" });
  p.inputs.append(welding.field, rain.field, h("p", { class: "lm-calc-hint" },
    `Day 0 is the notice to proceed, ${model.get("start_date")}; the early rain onset became known on day ` +
      `${model.get("rain_known_day")}. Durations and days: whole or decimal numbers from 0 to ${fmt(maxDay)}.`));
  const summaryBox = h("div", {});
  const chartBox = h("div", {});
  const tableBox = h("div", { class: "lm-calc-table-wrap", tabindex: 0, role: "region",
    "aria-label": "Activities table (scrolls sideways on narrow screens)" });
  p.results.append(summaryBox, chartBox);
  p.root.append(tableBox); // the table holds inputs: outside the live region, so typing is not re-announced

  const copy = (rows) => rows.map((a) => ({ ...a }));
  let activities = copy(model.get("activities"));
  let structure = "";
  let cells = new Map(); // id -> {outs, dur, pred}
  let edited = null; // the control the reader changed last: where a message about the network goes

  const changes = () => model.get("welding_changes")[welding.control.value];
  const send = bind(model, {
    activities: { read: () => copy(activities), write: (v) => { activities = copy(v); } },
    welding_option: choiceTrait(welding.control),
    rain_start_day: numberTrait(rain.control),
  }, () => { structure = ""; update(); });
  const changed = (ctl) => { edited = ctl; send(); update(); };

  function inputsFor(a, i, covered) {
    const dur = h("input", { type: "number", min: 0, max: maxDay, step: 1, value: a.duration ?? "",
      "aria-label": `Duration of ${a.id} (days)`, "data-lm-suppress-shortcuts": true, disabled: covered,
      oninput: (ev) => { activities[i].duration = readNumber(ev.target); changed(ev.target); } });
    const pred = h("input", { type: "text", value: a.predecessors ?? "", class: "lm-calc-predecessors",
      "aria-label": `Predecessors of ${a.id}`, "data-lm-suppress-shortcuts": true,
      oninput: (ev) => { activities[i].predecessors = ev.target.value; changed(ev.target); } });
    return { dur, pred };
  }

  function buildTable(plan) {
    cells = new Map();
    const byId = new Map(activities.map((a, i) => [a.id, i]));
    const setByOption = new Set(Object.keys(changes().durations)); // durations the option's productivity sets
    const body = plan.map((row) => {
      const i = byId.get(row.id);
      const own = i !== undefined;
      const covered = own && setByOption.has(row.id);
      const inputs = own ? inputsFor(activities[i], i, covered) : null;
      const outs = Object.fromEntries(COLUMNS.map(([key]) => [key, h("td", { class: "num lm-calc-out" })]));
      outs.critical = h("td", { class: "lm-calc-out" });
      outs.duration = covered || !own ? h("td", { class: "num lm-calc-out" }) : null;
      cells.set(row.id, { outs, dur: inputs?.dur, pred: inputs?.pred });
      return h("tr", {},
        h("th", { scope: "row", class: "lm-calc-activity" }, row.id, h("small", {}, row.name ?? "")),
        own && !covered ? h("td", {}, inputs.dur) : outs.duration,
        COLUMNS.map(([key]) => outs[key]), outs.critical,
        h("td", {}, own ? inputs.pred : row.predecessors ?? ""));
    });
    tableBox.replaceChildren(grid("Activities (days): edit the duration and predecessors; early and late dates and " +
      "floats", ["Activity", "Duration", ...COLUMNS.map(([, label]) => label), "Critical?", "Predecessors"], body));
  }

  // The control a message belongs to: the cell the error names, else the one edited last.
  function faultyControl(err) {
    const where = err.where ?? {};
    if (where.field === "rain") return rain.control;
    const cell = where.activity !== undefined ? cells.get(where.activity) : null;
    const ctl = cell && (where.field === "duration" ? cell.dur : cell.pred);
    return ctl && !ctl.disabled ? ctl : edited ?? rain.control;
  }

  function update() {
    let result;
    try {
      result = floatResult(activities, changes(), readNumber(rain.control), maxDay);
    } catch (err) {
      if (!structure) {
        structure = "invalid"; // invalid from the start: still give the reader the table to fix it in
        buildTable(activities);
      }
      p.showError(err.message, faultyControl(err));
      return;
    }
    p.showResult();
    const shape = welding.control.value + "|" + result.plan.map((r) => r.id).join(",");
    if (shape !== structure) {
      const focused = document.activeElement && tableBox.contains(document.activeElement)
        ? document.activeElement.getAttribute("aria-label") : null;
      structure = shape;
      buildTable(result.plan);
      if (focused) tableBox.querySelector(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
    }
    for (const r of result.schedule.table) {
      const c = cells.get(r.id);
      for (const [key] of COLUMNS) c.outs[key].textContent = fmt(r[key]);
      c.outs.critical.textContent = r.critical ? "yes" : "no";
      if (c.outs.duration) c.outs.duration.textContent = fmt(r.duration);
      c.outs.critical.parentElement.classList.toggle("critical", r.critical);
    }
    summaryBox.replaceChildren(resultSummary(result, model.get("start_date")));
    chartBox.replaceChildren(gantt(result, model.get("start_date")));
  }

  welding.control.addEventListener("change", () => { structure = ""; changed(welding.control); });
  rain.control.addEventListener("input", () => changed(rain.control));
  update();
}

export default { render };
