// Float calculator (chapter 2, pipeline case). Compute functions mirror the library:
// criticalPathMethod / linksFromPredecessors (followup/schedule.py, in cpm.mjs) and
// weldingPlan (PipelineCase.activities_for in followup/datasets/pipeline.py);
// render() draws the panel: summary, SVG Gantt chart and the activity table. The bundle
// (followup/calculators/_base.py) also exports cpm.mjs's functions, for the parity test.
import { ScheduleError, criticalPathMethod, linksFromPredecessors } from "./cpm.mjs";
import { pyRepr } from "./pymirror.mjs";
import { h, s, control, panel, fmt, parseNumber } from "./panel.mjs";


export class DataError extends Error {
  constructor(message) {
    super(message);
    this.name = "DataError";
  }
}

const MOBILISATION_ID = "MOB-WELD";
const OUTLOOK_ID = "OUTLOOK";

// The plan with `option`'s welding (PipelineCase.activities_for): the welding activity
// WLD-<section> of each section the option covers gets ceil(joints / (joints per
// spread-day x spreads)) days, and an option that needs equipment brought in adds the
// milestone OUTLOOK (rain onset known, `knownDay` after START) and MOB-WELD before the welding.
// "manual" keeps the table as typed: its durations are the manual welding plan.
export function weldingPlan(activities, weldingOptions, joints, option, knownDay, scenario = "actual") {
  const rows = weldingOptions.filter((o) => o.option === option);
  if (!rows.length) {
    const known = [...new Set(weldingOptions.map((o) => o.option))].join(", ");
    throw new DataError(`welding option ${pyRepr(option)} is not in welding_options.csv; use one of ${known}`);
  }
  if (option === "manual") return activities.map((a) => ({ ...a }));
  let plan = activities.map((a) => ({ ...a }));
  for (const row of rows) {
    const days = Math.ceil(joints[row.section] / (row.joints_per_spread_day * row.spreads));
    const welding = plan.filter((a) => a.id === `WLD-${row.section}`);
    for (const a of welding) a.duration = days;
    if (row.mobilisation_days === 0) continue;
    for (const a of welding) a.predecessors = `${a.predecessors}; ${MOBILISATION_ID}`;
    plan = plan.concat([
      { id: OUTLOOK_ID, name: `Rain onset known (${scenario})`, duration: 0,
        predecessors: `START FS+${knownDay}`, rain_exposed: false },
      { id: MOBILISATION_ID, name: `Mobilise ${row.method} (${option})`, duration: row.mobilisation_days,
        predecessors: OUTLOOK_ID, rain_exposed: false },
    ]);
  }
  return plan;
}

export function checkRainStartDay(day) {
  if (!(typeof day === "number" && Number.isInteger(day) && day >= 0)) {
    throw new ScheduleError(
      `the rain start day is ${day === null || day === undefined ? "missing" : pyRepr(day)}; ` +
        "give the project day the rains begin, a whole number >= 0 (day 0 is the notice to proceed)",
    );
  }
  return day;
}

// Everything the panel shows: the plan, its schedule and whether the rain-exposed work
// (rows with rain_exposed) finishes by the day the rains start.
export function floatResult(activities, weldingOptions, joints, option, knownDay, rainStartDay) {
  checkRainStartDay(rainStartDay);
  const plan = weldingPlan(activities, weldingOptions, joints, option, knownDay);
  const schedule = criticalPathMethod(plan, linksFromPredecessors(plan));
  const exposed = schedule.table.filter((_, i) => plan[i].rain_exposed === true);
  const exposedFinish = exposed.length ? Math.max(...exposed.map((r) => r.early_finish)) : null;
  return {
    plan,
    schedule,
    rain_start_day: rainStartDay,
    rain_exposed_finish: exposedFinish,
    finishes_before_rain: exposedFinish === null ? null : exposedFinish <= rainStartDay,
  };
}

// ---------------------------------------------------------------------------------------------
// Drawing

function dayToDate(startDate, day) {
  const date = new Date(`${startDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + Math.floor(day));
  return date.toISOString().slice(0, 10);
}

function gantt(result, startDate) {
  const rows = result.schedule.table;
  const rowH = 13;
  const left = 84, right = 10, top = 30, width = 700;
  const horizon = Math.max(result.schedule.duration, result.rain_start_day) * 1.02 || 1;
  const x = (t) => left + ((width - left - right) * t) / horizon;
  const height = top + rows.length * rowH + 8;
  const id = `lm-gantt-${Math.random().toString(36).slice(2, 9)}`;
  const svg = s("svg", {
    class: "lm-calc-chart lm-calc-out", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-labelledby": `${id}-t ${id}-d`,
  });
  svg.append(
    // Critical bars are hatched as well as coloured, so they stand out in greyscale too.
    s("defs", {}, s("pattern", { id: `${id}-hatch`, width: 6, height: 6, patternUnits: "userSpaceOnUse",
      patternTransform: "rotate(45)" }, s("line", { class: "hatch", x1: 0, y1: 0, x2: 0, y2: 6 }))),
    s("title", { id: `${id}-t` }, "Gantt chart of the schedule on early dates"),
    s("desc", { id: `${id}-d` },
      `${rows.length} activities over ${fmt(result.schedule.duration)} days; critical activities drawn ` +
        `hatched and marked "critical" in their tooltip; dashed boxes show total float; the dashed vertical ` +
        `line is the rain start on day ${result.rain_start_day}.`),
  );
  const step = horizon > 600 ? 100 : horizon > 200 ? 50 : horizon > 60 ? 10 : 5;
  for (let t = 0; t <= horizon; t += step) {
    svg.append(
      s("line", { class: "grid", x1: x(t), x2: x(t), y1: top - 4, y2: height - 6 }),
      s("text", { x: x(t), y: top - 8, "text-anchor": "middle" }, String(t)),
    );
  }
  svg.append(s("text", { x: left - 12, y: top - 8, "text-anchor": "end" }, "day"));
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const status = r.critical ? "critical" : `total float ${fmt(r.total_float)} d`;
    const tip = `${r.id} ${r.name}: days ${fmt(r.early_start)}–${fmt(r.early_finish)} ` +
      `(${dayToDate(startDate, r.early_start)} to ${dayToDate(startDate, r.early_finish)}), ${status}`;
    svg.append(s("text", { x: left - 4, y: y + rowH - 3, "text-anchor": "end" },
      result.plan[i].rain_exposed === true ? `${r.id} *` : r.id));
    if (r.total_float > 0) {
      svg.append(s("rect", {
        class: "float", x: x(r.early_finish), y: y + 3, height: rowH - 6,
        width: Math.max(0, x(r.early_finish + r.total_float) - x(r.early_finish)),
      }));
    }
    const bar = s("rect", {
      class: r.critical ? "bar critical" : "bar", x: x(r.early_start), y: y + 2, height: rowH - 4,
      width: Math.max(2, x(r.early_finish) - x(r.early_start)),
    });
    bar.append(s("title", {}, tip));
    svg.append(bar);
    if (r.critical) {
      svg.append(s("rect", { fill: `url(#${id}-hatch)`, "pointer-events": "none", x: bar.getAttribute("x"),
        y: y + 2, height: rowH - 4, width: bar.getAttribute("width") }));
    }
  });
  svg.append(s("text", { x: left, y: 11 },
    "hatched: critical · plain grey: not critical · dashed box: total float · *: rain-exposed"));
  const rx = x(result.rain_start_day);
  svg.append(
    s("line", { class: "marker", x1: rx, x2: rx, y1: top - 4, y2: height - 4 }),
    s("text", { x: Math.min(rx + 3, width - 110), y: height - 4 }, `rains start (day ${result.rain_start_day})`),
  );
  return svg;
}

function summary(result, startDate) {
  const sched = result.schedule;
  const paths = sched.critical_paths;
  const items = [
    h("li", {}, h("strong", {}, "Project duration: "),
      `${fmt(sched.duration)} days (handover ${dayToDate(startDate, sched.duration)}).`),
  ];
  if (result.rain_exposed_finish !== null) {
    const margin = result.rain_start_day - result.rain_exposed_finish;
    items.push(h("li", {}, h("strong", {}, "Rain-exposed work: "),
      `finishes on day ${fmt(result.rain_exposed_finish)} (${dayToDate(startDate, result.rain_exposed_finish)}); ` +
        `the rains start on day ${result.rain_start_day} — ` +
        (result.finishes_before_rain
          ? `it finishes before the rain, with ${fmt(margin)} days to spare.`
          : `it does NOT finish before the rain: ${fmt(-margin)} days too late.`)));
  }
  const shown = paths.slice(0, 3);
  items.push(h("li", {}, h("strong", {}, `Critical path${paths.length > 1 ? "s" : ""} (${paths.length}): `),
    shown.map((p) => p.join(" → ")).join("; ") + (paths.length > 3 ? `; and ${paths.length - 3} more` : "")));
  return h("ul", { class: "lm-calc-summary lm-calc-out" }, items);
}

const COLUMNS = [
  ["early_start", "ES"], ["early_finish", "EF"], ["late_start", "LS"], ["late_finish", "LF"],
  ["total_float", "Total float"], ["free_float", "Free float"],
];

function render({ model, el }) {
  el.setAttribute("data-lm-calculator", "float"); // how the browser tests find it
  const p = panel(el, model.get("title"));
  const options = model.get("welding_options");
  const choices = [...new Set(options.map((o) => o.option))].map((option) => {
    const row = options.find((o) => o.option === option);
    const label = option === "manual"
      ? `manual welding (durations as in the table)`
      : `${option}: ${row.method}, ready ${row.mobilisation_days} days after the outlook ` +
        `(freight USD ${fmt(row.freight_usd, 0)})`;
    return { value: option, label };
  });
  const welding = control("select", "Welding method", { value: model.get("welding_option") }, choices);
  const rain = control("input", "Rains start on project day", {
    type: "number", min: 0, step: 1, value: model.get("rain_start_day") ?? "",
  });
  p.inputs.append(welding.field, rain.field, h("p", { class: "lm-calc-hint" },
    "Edit a duration (days) or the predecessors (e.g. \"STR-W SS+5; STR-W FF+3\": type FS when omitted, " +
      "lag in days) in the table; the schedule is recomputed as you type. Day 0 is the notice to proceed, " +
      `${model.get("start_date")}; the early rain onset became known on day ${model.get("rain_known_day")}.`));

  const summaryBox = h("div", {});
  const chartBox = h("div", {});
  const tableBox = h("div", { class: "lm-calc-table-wrap" });
  p.results.append(summaryBox, chartBox, tableBox);

  let activities = model.get("activities").map((a) => ({ ...a }));
  let lastSent = JSON.stringify(activities);
  let structure = "";
  let cells = new Map(); // id -> {duration input or cell, outputs}

  function inputsFor(a, i, covered) {
    const dur = h("input", {
      type: "number", min: 0, step: 1, value: a.duration ?? "",
      "aria-label": `Duration of ${a.id} (days)`, "data-lm-suppress-shortcuts": true,
      oninput: (ev) => {
        activities[i].duration = ev.target.validity.badInput ? null : parseNumber(ev.target.value);
        changed();
      },
    });
    const pred = h("input", {
      type: "text", value: a.predecessors ?? "", class: "lm-calc-predecessors",
      "aria-label": `Predecessors of ${a.id}`, "data-lm-suppress-shortcuts": true,
      oninput: (ev) => {
        activities[i].predecessors = ev.target.value;
        changed();
      },
    });
    if (covered) dur.disabled = true;
    return { dur, pred };
  }

  function buildTable(plan) {
    cells = new Map();
    const byId = new Map(activities.map((a, i) => [a.id, i]));
    const option = welding.control.value;
    // Welding rows whose duration the chosen option sets (from its productivity).
    const setByOption = new Set(option === "manual" ? [] :
      options.filter((o) => o.option === option).map((o) => `WLD-${o.section}`));
    const body = plan.map((row) => {
      const i = byId.get(row.id);
      const own = i !== undefined;
      const covered = own && setByOption.has(row.id);
      const inputs = own ? inputsFor(activities[i], i, covered) : null;
      const outs = Object.fromEntries(COLUMNS.map(([key]) => [key, h("td", { class: "num lm-calc-out" })]));
      outs.critical = h("td", { class: "lm-calc-out" });
      outs.duration = covered || !own ? h("td", { class: "num lm-calc-out" }) : null;
      cells.set(row.id, { outs, dur: inputs?.dur });
      return h("tr", {},
        h("th", { scope: "row", class: "lm-calc-activity" }, row.id, h("small", {}, row.name ?? "")),
        own && !covered ? h("td", {}, inputs.dur) : outs.duration,
        COLUMNS.map(([key]) => outs[key]),
        outs.critical,
        own ? h("td", {}, inputs.pred) : h("td", {}, row.predecessors ?? ""));
    });
    tableBox.replaceChildren(h("table", { class: "lm-calc-table" },
      h("caption", {}, "Activities (days): edit the duration and predecessors; early and late dates and floats"),
      h("thead", {}, h("tr", {},
        ["Activity", "Duration", ...COLUMNS.map(([, label]) => label), "Critical?", "Predecessors"]
          .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, body)));
  }

  function update() {
    let result;
    const option = welding.control.value;
    try {
      result = floatResult(activities, options, model.get("joints"), option,
        model.get("rain_known_day"), rainDay());
    } catch (err) {
      if (!structure) {
        // Invalid from the start: still give the reader the table to fix it in.
        structure = "invalid";
        buildTable(activities);
      }
      p.showError(err.message);
      return;
    }
    p.showResult();
    const shape = option + "|" + result.plan.map((r) => r.id).join(",");
    if (shape !== structure) {
      structure = shape;
      buildTable(result.plan);
    }
    for (const r of result.schedule.table) {
      const c = cells.get(r.id);
      for (const [key] of COLUMNS) c.outs[key].textContent = fmt(r[key]);
      c.outs.critical.textContent = r.critical ? "yes" : "no";
      if (c.outs.duration) c.outs.duration.textContent = fmt(r.duration);
      c.outs.critical.parentElement.classList.toggle("critical", r.critical);
    }
    summaryBox.replaceChildren(summary(result, model.get("start_date")));
    chartBox.replaceChildren(gantt(result, model.get("start_date")));
  }

  function rainDay() {
    return rain.control.validity.badInput ? null : parseNumber(rain.control.value);
  }

  function changed() {
    lastSent = JSON.stringify(activities);
    model.set("activities", activities.map((a) => ({ ...a })));
    model.set("welding_option", welding.control.value);
    model.set("rain_start_day", rainDay());
    model.save_changes();
    update();
  }

  welding.control.addEventListener("change", () => {
    structure = ""; // the welding rows' inputs change (typed or set by the option)
    changed();
  });
  rain.control.addEventListener("input", changed);
  model.on("change:activities", () => {
    if (JSON.stringify(model.get("activities")) === lastSent) return;
    activities = model.get("activities").map((a) => ({ ...a }));
    lastSent = JSON.stringify(activities);
    structure = "";
    update();
  });
  model.on("change:welding_option", () => {
    if (welding.control.value === model.get("welding_option")) return;
    welding.control.value = model.get("welding_option");
    structure = "";
    update();
  });
  model.on("change:rain_start_day", () => {
    if (rainDay() === model.get("rain_start_day")) return;
    rain.control.value = model.get("rain_start_day") ?? "";
    update();
  });
  update();
}

export default { render };
