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
import { h, s, bar, bind, chart, choiceTrait, control, errorType, fmt, numberTrait, onEdit, panels, summary } from "./panel.mjs";

// `where`: the library's name of the value refused, so the panel marks the field it came from.
export const OrganisationError = errorType("OrganisationError");

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

// Blocks laid end to end along one row, scaled to fill the chart: [[hours, fill, tooltip, attrs], ...].
function blocks(svg, total, height, parts) {
  const scale = 580 / Math.max(total, 1e-9);
  let x = 10;
  for (const [hours, fill, tip, { min = 0, ...attrs } = {}] of parts) {
    svg.append(bar({ x, y: 10, width: Math.max(hours * scale, min), height, fill, ...attrs }, tip));
    x += hours * scale;
  }
  return svg;
}

function drawValueStream(touch, handoffs, wait, lead) {
  const piece = touch / (handoffs + 1);
  const legend = `Blue: work (${fmt(touch, 1)} h). Orange, dashed outline: waiting at the hand-offs ` +
    `(${fmt(lead - touch, 1)} h).`;
  const parts = Array.from({ length: 2 * handoffs + 1 }, (_, i) => (i % 2 === 0 // handoffs <= MAX_HANDOFFS (leadTime)
    ? [piece, TOUCH, `work: ${fmt(piece, 2)} h`, { min: 0.5 }]
    : [wait, WAIT, `wait at hand-off ${(i + 1) / 2}: ${fmt(wait, 1)} h`, { stroke: "#ffffff", "stroke-dasharray": "4 2" }]));
  return [blocks(chart(`Lead time of ${fmt(lead, 1)} h: ${handoffs + 1} stretches of work and ${handoffs} waits`,
    legend, 600, 50, ""), lead, 30, parts), h("p", { class: "lm-calc-hint" }, legend)];
}

function drawTeam(n) {
  if (n > DRAW_PEOPLE) {
    return h("p", { class: "lm-calc-hint" }, `(The diagram draws every channel up to ${DRAW_PEOPLE} people.)`);
  }
  const svg = chart(`${n} people, every pair joined by a line: ${communicationChannels(n)} channels`,
    "Each dot is a person; each line a channel between two of them.", 220, 220, "");
  svg.style.maxWidth = "220px";
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
  const legend = "Blue: analysis. Orange: one block per decision level.";
  const parts = [[analysis, TOUCH, `analysis: ${fmt(analysis, 1)} h`], // levels <= MAX_LEVELS (decisionLatency)
    ...Array.from({ length: levels }, (_, k) => [wait, WAIT, `level ${k + 1}: ${fmt(wait, 1)} h`, { stroke: "#ffffff" }])];
  return [blocks(chart(`Decision latency of ${fmt(latency, 1)} h: ${fmt(analysis, 1)} h of analysis, then ${levels} ` +
    `levels of ${fmt(wait, 1)} h`, legend, 600, 45, ""), latency, 25, parts), h("p", { class: "lm-calc-hint" }, legend)];
}

function render({ model, el }) {
  const panelsByGroup = panels(el, "organisation", GROUPS.map(([, title], k) => (k === 0 ? `${model.get("title")}. ${title}` : title)));
  const controls = {};
  const traits = {};
  const outputs = {};
  GROUPS.forEach(([key, , names], k) => {
    const p = panelsByGroup[k];
    for (const name of names) {
      const [label, , attrs] = FIELDS[name];
      const c = control("input", label, { type: "number", ...attrs, value: model.get(name) ?? "" });
      controls[name] = c.control;
      traits[name] = numberTrait(c.control);
      p.inputs.append(c.field);
    }
    if (key === "pay") {
      const labels = model.get("reading_labels");
      const reading = control("select", "Reading of 10 × 15 %", { value: model.get("reading") },
        Object.entries(labels).map(([value, text]) => ({ value, label: text })));
      const nodes = control("input", "Payment nodes reached", { type: "range", min: 0, max: 10, step: 1,
        value: model.get("nodes_reached") });
      traits.reading = choiceTrait(reading.control);
      traits.nodes_reached = choiceTrait(nodes.control, Number);
      p.inputs.append(reading.field, nodes.field);
    }
    outputs[key] = h("div", { class: "lm-calc-out", "data-output": key });
    p.results.append(outputs[key]);
  });
  const send = bind(model, traits, update);
  onEdit(el.querySelectorAll("input, select"), () => { send(); update(); });
  const value = (name) => traits[name].read();

  // Run one group's computation; a library error goes beside the field it names (panel.mjs's
  // showError), the group's last good result stays, dimmed.
  function group(k, compute) {
    const [key, , names] = GROUPS[k];
    try {
      outputs[key].replaceChildren(...compute());
      panelsByGroup[k].showResult();
    } catch (err) {
      if (!(err instanceof OrganisationError)) throw err;
      const name = names.find((n) => FIELDS[n][1] === err.where) ?? names[0];
      panelsByGroup[k].showError(`${FIELDS[name][0]}: ${err.message}.`, controls[name]);
    }
  }

  function update() {
    group(0, () => {
      const [k, w, t] = [value("handoffs"), value("wait_per_handoff_h"), value("touch_h")];
      const lead = leadTime(t, k, w);
      const efficiency = flowEfficiency(t, lead);
      const single = leadTime(t, 0, w);
      return [
        summary([
          ["Lead time: ", `${fmt(lead, 1)} h (${fmt(lead / 24, 1)} days)`],
          ["Flow efficiency: ", `${fmt(100 * efficiency, 1)} % of the lead time is work`],
          ["One team owning the case: ", `${fmt(single, 1)} h, ${fmt(lead / single, 1)} times faster (no hand-off, ` +
            "same work)"]], { class: "lm-calc-summary", "aria-label": "Business results" }),
        ...drawValueStream(t, k, w, lead),
      ];
    });
    group(1, () => {
      const n = value("team_size");
      const channels = communicationChannels(n);
      const [levels, wait, analysis] = [value("decision_levels"), value("wait_per_level_h"), value("analysis_h")];
      const latency = decisionLatency(levels, wait, analysis);
      return [
        summary([
          ["Communication channels: ", `${fmt(channels, 0)} (n(n−1)/2 for ${fmt(n, 0)} people)`],
          ["Decision latency: ", `${fmt(latency, 1)} h (${fmt(latency / 24, 1)} days)`]],
        { class: "lm-calc-summary", "aria-label": "Project results" }),
        drawTeam(n),
        ...drawLatency(levels, wait, analysis, latency),
      ];
    });
    // Pay: the table comes from Python (followup.pay.payment_readings); pick the row and column.
    group(2, () => {
      const reading = value("reading");
      const reached = value("nodes_reached");
      const rows = model.get("payments");
      const paid = reached === 0 ? 0 : rows[reached - 1][reading];
      const nodes = rows.map((row, i) => {
        const step = row[reading] - (i === 0 ? 0 : rows[i - 1][reading]);
        const done = i < reached;
        return h("li", { style: `display:inline-block; min-width:3.2rem; margin:0.1rem; padding:0.1rem 0.2rem; text-align:center;`
          + `border:1px solid var(--lm-calc-border, #c9ced6); ${done ? "font-weight:700; background: var(--lm-calc-surface, #f3f4f5);" : ""}` },
        `${row.node}: ${fmt(100 * step, 1)} %${done ? " ✔" : ""}`);
      });
      return [
        summary([
          ["Paid so far: ", `${fmt(100 * paid, 1)} % of the pot after ${reached} of ${rows.length} nodes`],
          ["Reading: ", model.get("reading_labels")[reading]],
          [null, paid > 1 + 1e-9 ? "More than the whole pot: as written, the schedule cannot be a split of one pot."
            : "Within the pot."]], { class: "lm-calc-summary", "aria-label": "Pay results" }),
        h("ol", { "aria-label": "Payout at each node (✔ reached)", style: "padding-left: 0; list-style: none" }, nodes),
      ];
    });
  }
  update();
}

export default { render };
