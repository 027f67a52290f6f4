// Organisation calculator (chapter 5). Only what the reader types freely is computed here, each
// function naming its Python twin (tests/test_parity_organisation.py holds them equal: the same
// values, and a refusal wherever Python refuses, in the page's own shorter words):
//   requireNumber          <-> followup.bounds.require_number
//   leadTime, flowEfficiency <-> followup.flow.lead_time, flow_efficiency
//   communicationChannels  <-> followup.communication.communication_channels
//   decisionLatency        <-> followup.decisions.decision_latency
// The pay readings (a finite space: 3 readings x 11 node counts) are computed in Python and arrive as
// the `payments` table; render() only picks a cell. Every loop a reader's number controls is bounded
// by the checks before it (hand-offs <= 100, levels <= 20, people drawn only up to DRAW_PEOPLE).
import { h, s, control, panel, parseNumber, fmt } from "./panel.mjs";

export class OrganisationError extends Error {
  // `argument`: the library's name of the value refused, so the panel marks the field it came from.
  constructor(message, argument = null) {
    super(message);
    this.name = "OrganisationError";
    this.argument = argument;
  }
}

// The bounds of the library (followup/flow.py, communication.py, decisions.py).
export const MAX_HOURS = 10000;
export const MAX_HANDOFFS = 100;
export const MAX_PEOPLE = 100000;
export const MAX_LEVELS = 20;
const DRAW_PEOPLE = 16; // the team diagram draws every channel up to this size (120 lines)

// Twin of require_number in followup/bounds.py.
export function requireNumber(value, name, { low, high, integer = false, unit = "", aboveLow = false }) {
  const kind = integer ? "a whole number" : "a number";
  const rule = `give ${kind} ${aboveLow ? "above" : "from"} ${fmt(low, 6)} ${aboveLow ? "and up " : ""}to ` +
    `${fmt(high, 6)}${unit ? ` ${unit}` : ""}`;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new OrganisationError(`${name} is missing or not a number; ${rule}`, name);
  }
  if (!Number.isFinite(value) || value < low || value > high || (aboveLow && value === low)
      || (integer && !Number.isInteger(value))) {
    throw new OrganisationError(`${name} is ${value}; ${rule}`, name); // the value as typed
  }
  return value;
}

// Twin of lead_time in followup/flow.py.
export function leadTime(touchHours, handoffs, waitPerHandoffHours) {
  const touch = requireNumber(touchHours, "touch_hours", { low: 0, high: MAX_HOURS, unit: "hours", aboveLow: true });
  const count = requireNumber(handoffs, "handoffs", { low: 0, high: MAX_HANDOFFS, integer: true });
  const wait = requireNumber(waitPerHandoffHours, "wait_per_handoff_hours", { low: 0, high: MAX_HOURS, unit: "hours" });
  return touch + count * wait;
}

// Twin of flow_efficiency in followup/flow.py.
export function flowEfficiency(touchHours, leadTimeHours) {
  const touch = requireNumber(touchHours, "touch_hours", { low: 0, high: MAX_HOURS, unit: "hours", aboveLow: true });
  const lead = requireNumber(leadTimeHours, "lead_time_hours",
    { low: 0, high: MAX_HOURS * (MAX_HANDOFFS + 1), unit: "hours", aboveLow: true });
  if (lead < touch) {
    throw new OrganisationError(`lead_time_hours (${fmt(lead, 6)}) is shorter than touch_hours (${fmt(touch, 6)}); `
      + "the lead time includes the touch time: give a lead time at least as long", "lead_time_hours");
  }
  return touch / lead;
}

// Twin of communication_channels in followup/communication.py.
export function communicationChannels(people) {
  const n = requireNumber(people, "people", { low: 1, high: MAX_PEOPLE, integer: true, unit: "people" });
  return (n * (n - 1)) / 2;
}

// Twin of decision_latency in followup/decisions.py.
export function decisionLatency(levels, waitPerLevelHours, analysisHours = 0) {
  const k = requireNumber(levels, "levels", { low: 1, high: MAX_LEVELS, integer: true, unit: "levels" });
  const wait = requireNumber(waitPerLevelHours, "wait_per_level_hours", { low: 0, high: MAX_HOURS, unit: "hours" });
  const analysis = requireNumber(analysisHours, "analysis_hours", { low: 0, high: MAX_HOURS, unit: "hours" });
  return analysis + k * wait;
}

// ---------------------------------------------------------------------------------------------
// Drawing

// trait -> [label, argument name in the library's messages, input attributes]
const FIELDS = {
  handoffs: ["Hand-offs (changes of team)", "handoffs", { min: 0, max: MAX_HANDOFFS, step: 1 }],
  wait_per_handoff_h: ["Wait at each hand-off (h)", "wait_per_handoff_hours", { min: 0, max: MAX_HOURS, step: 0.1 }],
  touch_h: ["Touch time of the case (h)", "touch_hours", { min: 0, max: MAX_HOURS, step: 0.1 }],
  team_size: ["People in the team", "people", { min: 1, max: MAX_PEOPLE, step: 1 }],
  decision_levels: ["Decision levels", "levels", { min: 1, max: MAX_LEVELS, step: 1 }],
  wait_per_level_h: ["Wait per level (h)", "wait_per_level_hours", { min: 0, max: MAX_HOURS, step: 0.1 }],
  analysis_h: ["Analysis before escalating (h)", "analysis_hours", { min: 0, max: MAX_HOURS, step: 0.1 }],
};
const GROUPS = [
  ["business", "Business: a request passing from team to team", ["handoffs", "wait_per_handoff_h", "touch_h"]],
  ["project", "Project: team size and decision levels", ["team_size", "decision_levels", "wait_per_level_h", "analysis_h"]],
  ["pay", "Pay: 10 payment nodes of 15 % (S5.3)", []],
];
const TOUCH = "#0072B2"; // Okabe-Ito blue, as in followup.organisation_plots
const WAIT = "#E69F00"; // Okabe-Ito orange (waits are also hatched)

function svgChart(label, height) {
  return s("svg", { class: "lm-calc-chart", viewBox: `0 0 600 ${height}`, role: "img", "aria-label": label },
    s("title", {}, label));
}

function drawValueStream(touch, handoffs, wait, lead) {
  const label = `Lead time of ${fmt(lead, 1)} h: ${handoffs + 1} stretches of work and ${handoffs} waits`;
  const svg = svgChart(label, 50);
  const scale = 580 / lead;
  let x = 10;
  const piece = touch / (handoffs + 1);
  for (let i = 0; i <= handoffs; i++) { // handoffs <= MAX_HANDOFFS (checked by leadTime)
    svg.append(s("rect", { x, y: 10, width: Math.max(piece * scale, 0.5), height: 30, fill: TOUCH },
      s("title", {}, `work: ${fmt(piece, 2)} h`)));
    x += piece * scale;
    if (i < handoffs) {
      svg.append(s("rect", { x, y: 10, width: wait * scale, height: 30, fill: WAIT, stroke: "#ffffff",
        "stroke-dasharray": "4 2" }, s("title", {}, `wait at hand-off ${i + 1}: ${fmt(wait, 1)} h`)));
      x += wait * scale;
    }
  }
  return [svg, h("p", { class: "lm-calc-hint" },
    `Blue: work (${fmt(touch, 1)} h). Orange, dashed outline: waiting at the hand-offs (${fmt(lead - touch, 1)} h).`)];
}

function drawTeam(n) {
  if (n > DRAW_PEOPLE) {
    return h("p", { class: "lm-calc-hint" }, `(The diagram draws every channel up to ${DRAW_PEOPLE} people.)`);
  }
  const label = `${n} people, every pair joined by a line: ${communicationChannels(n)} channels`;
  const svg = s("svg", { class: "lm-calc-chart", viewBox: "0 0 220 220", role: "img", "aria-label": label,
    style: "max-width: 220px" }, s("title", {}, label));
  const points = Array.from({ length: n }, (_, i) => [110 + 90 * Math.cos((2 * Math.PI * i) / n - Math.PI / 2),
    110 + 90 * Math.sin((2 * Math.PI * i) / n - Math.PI / 2)]);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      svg.append(s("line", { x1: points[i][0], y1: points[i][1], x2: points[j][0], y2: points[j][1], class: "grid" }));
    }
  }
  for (const [x, y] of points) svg.append(s("circle", { cx: x, cy: y, r: 7, fill: TOUCH }));
  return svg;
}

function drawLatency(levels, wait, analysis, latency) {
  const label = `Decision latency of ${fmt(latency, 1)} h: ${fmt(analysis, 1)} h of analysis, then ${levels} levels of ${fmt(wait, 1)} h`;
  const svg = svgChart(label, 45);
  const scale = 580 / Math.max(latency, 1e-9);
  let x = 10;
  svg.append(s("rect", { x, y: 10, width: analysis * scale, height: 25, fill: TOUCH }, s("title", {}, `analysis: ${fmt(analysis, 1)} h`)));
  x += analysis * scale;
  for (let k = 1; k <= levels; k++) { // levels <= MAX_LEVELS (checked by decisionLatency)
    svg.append(s("rect", { x, y: 10, width: wait * scale, height: 25, fill: WAIT, stroke: "#ffffff" },
      s("title", {}, `level ${k}: ${fmt(wait, 1)} h`)));
    x += wait * scale;
  }
  return [svg, h("p", { class: "lm-calc-hint" }, "Blue: analysis. Orange: one block per decision level.")];
}

function render({ model, el }) {
  el.setAttribute("data-lm-calculator", "organisation"); // how the browser tests find it
  // One panel per group, so a bad value in one group dims only that group's last good result.
  const holders = GROUPS.map(() => h("div", { class: "lm-calc-group" }));
  el.replaceChildren(...holders);
  const controls = {};
  const panels = {};
  const outputs = {};
  GROUPS.forEach(([key, title, names], k) => {
    const p = panel(holders[k], k === 0 ? `${model.get("title")}. ${title}` : title);
    panels[key] = p;
    for (const name of names) {
      const [label, , attrs] = FIELDS[name];
      const c = control("input", label, { type: "number", ...attrs, value: model.get(name) ?? "" });
      c.control.addEventListener("input", () => {
        model.set(name, c.control.validity && c.control.validity.badInput ? null : parseNumber(c.control.value));
        model.save_changes();
        update();
      });
      controls[name] = c.control;
      p.inputs.append(c.field);
    }
    if (key === "pay") {
      const labels = model.get("reading_labels");
      const reading = control("select", "Reading of 10 × 15 %", { value: model.get("reading") },
        Object.entries(labels).map(([value, text]) => ({ value, label: text })));
      const nodes = control("input", "Payment nodes reached", { type: "range", min: 0, max: 10, step: 1,
        value: model.get("nodes_reached") });
      reading.control.addEventListener("change", () => { model.set("reading", reading.control.value); model.save_changes(); update(); });
      nodes.control.addEventListener("input", () => { model.set("nodes_reached", Number(nodes.control.value)); model.save_changes(); update(); });
      controls.reading = reading.control;
      controls.nodes_reached = nodes.control;
      p.inputs.append(reading.field, nodes.field);
    }
    outputs[key] = h("div", { class: "lm-calc-out", "data-output": key });
    p.results.append(outputs[key]);
  });

  const value = (name) => model.get(name);

  // Run one group's computation; a library error goes beside the field it names (panel.mjs's
  // showError), the group's last good result stays, dimmed.
  function group(key, names, compute) {
    try {
      outputs[key].replaceChildren(...compute());
      panels[key].showResult();
    } catch (err) {
      if (!(err instanceof OrganisationError)) throw err;
      const name = names.find((n) => FIELDS[n][1] === err.argument) ?? names[0];
      panels[key].showError(`${FIELDS[name][0]}: ${err.message}.`, controls[name]);
    }
  }

  function update() {
    group("business", ["handoffs", "wait_per_handoff_h", "touch_h"], () => {
      const [k, w, t] = [value("handoffs"), value("wait_per_handoff_h"), value("touch_h")];
      const lead = leadTime(t, k, w);
      const efficiency = flowEfficiency(t, lead);
      const single = leadTime(t, 0, w);
      return [
        h("ul", { class: "lm-calc-summary", "aria-label": "Business results" },
          h("li", {}, h("strong", {}, "Lead time: "), `${fmt(lead, 1)} h (${fmt(lead / 24, 1)} days)`),
          h("li", {}, h("strong", {}, "Flow efficiency: "), `${fmt(100 * efficiency, 1)} % of the lead time is work`),
          h("li", {}, h("strong", {}, "One team owning the case: "),
            `${fmt(single, 1)} h, ${fmt(lead / single, 1)} times faster (no hand-off, same work)`)),
        ...drawValueStream(t, k, w, lead),
      ];
    });
    group("project", ["team_size", "decision_levels", "wait_per_level_h", "analysis_h"], () => {
      const n = value("team_size");
      const channels = communicationChannels(n);
      const [levels, wait, analysis] = [value("decision_levels"), value("wait_per_level_h"), value("analysis_h")];
      const latency = decisionLatency(levels, wait, analysis);
      return [
        h("ul", { class: "lm-calc-summary", "aria-label": "Project results" },
          h("li", {}, h("strong", {}, "Communication channels: "), `${fmt(channels, 0)} (n(n−1)/2 for ${fmt(n, 0)} people)`),
          h("li", {}, h("strong", {}, "Decision latency: "), `${fmt(latency, 1)} h (${fmt(latency / 24, 1)} days)`)),
        drawTeam(n),
        ...drawLatency(levels, wait, analysis, latency),
      ];
    });
    // Pay: the table comes from Python (followup.pay.payment_readings); pick the row and column.
    const reading = value("reading");
    const reached = value("nodes_reached");
    const rows = value("payments");
    const labels = value("reading_labels");
    const paid = reached === 0 ? 0 : rows[reached - 1][reading];
    const nodes = rows.map((row, i) => {
      const step = row[reading] - (i === 0 ? 0 : rows[i - 1][reading]);
      const done = i < reached;
      return h("li", { style: `display:inline-block; min-width:3.2rem; margin:0.1rem; padding:0.1rem 0.2rem; text-align:center;`
        + `border:1px solid var(--lm-calc-border, #c9ced6); ${done ? "font-weight:700; background: var(--lm-calc-surface, #f3f4f5);" : ""}` },
      `${row.node}: ${fmt(100 * step, 1)} %${done ? " ✔" : ""}`);
    });
    panels.pay.showResult();
    outputs.pay.replaceChildren(
      h("ul", { class: "lm-calc-summary", "aria-label": "Pay results" },
        h("li", {}, h("strong", {}, "Paid so far: "), `${fmt(100 * paid, 1)} % of the pot after ${reached} of ${rows.length} nodes`),
        h("li", {}, h("strong", {}, "Reading: "), labels[reading]),
        h("li", {}, paid > 1 + 1e-9 ? "More than the whole pot: as written, the schedule cannot be a split of one pot."
          : "Within the pot.")),
      h("ol", { "aria-label": "Payout at each node (✔ reached)", style: "padding-left: 0; list-style: none" }, nodes),
    );
  }

  for (const name of [...Object.keys(FIELDS), "reading", "nodes_reached"]) {
    model.on(`change:${name}`, () => {
      const ctl = controls[name];
      const current = name === "reading" ? ctl.value : parseNumber(ctl.value);
      if (current !== model.get(name)) ctl.value = model.get(name) ?? "";
      update();
    });
  }
  update();
}

export default { render };
