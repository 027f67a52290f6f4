// Resource-pulse calculator (chapter 3). Business side: the reader types the pulse freely, so
// the page runs it: pulseScenario and largestRemainder are the twins of followup/pulse.py's
// pulse_scenario and largest_remainder (messages shorter); change both, then run
// tests/test_parity.py. Project side: the choices (rule x tower cranes) are a finite set, so
// Python computed every profile (followup.cases.hualong_crane.project_profile, the trait
// `profiles`); the page picks one and draws it. render() draws both panels.
import { h, s, axis, bar, bind, chart, choiceTrait, control, errorType, fmt, numberTrait, onEdit, panels, readNumber,
  summary, table, ticks, timeAfter } from "./panel.mjs";

export const ResourceError = errorType("ResourceError");

export const PULSE_PERIODS = ["before peak", "peak", "after peak"];
const MINUTES_PER_HOUR = 60;

// pulse.py's _number and _count.
function number(value, what) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ResourceError(`${what} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

function count(value, what) {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ResourceError(`${what} must be a whole number > 0, got ${value}`);
  }
  return value;
}

// Hamilton's method (pulse.py's largest_remainder): floor of each quota, the units left to the
// largest remainders, ties to the earlier position; all-zero weights count as equal.
export function largestRemainder(weights, seats) {
  let w = weights.map(Number);
  if (!w.length) return [];
  let total = w.reduce((a, b) => a + b, 0);
  if (total === 0) [w, total] = [w.map(() => 1), w.length];
  const quotas = w.map((x) => (seats * x) / total);
  const shares = quotas.map(Math.floor);
  const left = seats - shares.reduce((a, b) => a + b, 0);
  const byRemainder = quotas.map((_, k) => k).sort((a, b) => (quotas[b] - shares[b]) - (quotas[a] - shares[a]) || a - b);
  for (const k of byRemainder.slice(0, left)) shares[k] += 1;
  return shares;
}

// pulse_scenario: {allocation, summary, totals} as in pulse.py (see its docstring for the model).
export function pulseScenario(baseDemand, peakIntensity, peakRegion, shareToPeak, fleet, capacity, costPerMove) {
  const regions = Object.keys(baseDemand ?? {});
  if (regions.length < 2) throw new ResourceError("base_demand_by_region must map at least two regions to their demand");
  if (!regions.includes(peakRegion)) throw new ResourceError(`peak_region '${peakRegion}' is not one of the regions`);
  number(peakIntensity, "peak_intensity");
  number(shareToPeak, "share_to_peak");
  if (shareToPeak > 1) throw new ResourceError(`share_to_peak is a fraction of the fleet between 0 and 1, got ${shareToPeak}`);
  count(fleet, "fleet");
  const base = regions.map((r) => number(baseDemand[r], `base demand of '${r}'`));
  const peak = regions.map((r, k) => (r === peakRegion ? base[k] * peakIntensity : base[k]));
  const off = largestRemainder(base, fleet);
  const toPeak = Math.floor(shareToPeak * fleet + 0.5);
  const others = largestRemainder(peak.filter((_, k) => regions[k] !== peakRegion), fleet - toPeak);
  let next = 0;
  const vehicles = [off, regions.map((r) => (r === peakRegion ? toPeak : others[next++])), off];
  const demand = [base, peak, base];
  number(capacity, "capacity_per_vehicle");
  number(costPerMove, "cost_per_move");
  const allocation = [];
  PULSE_PERIODS.forEach((period, p) => regions.forEach((region, k) => {
    const cap = vehicles[p][k] * capacity;
    const served = Math.min(demand[p][k], cap);
    allocation.push({ period, region, demand: demand[p][k], vehicles: vehicles[p][k], capacity: cap, served,
      unmet: demand[p][k] - served, utilisation: cap > 0 ? served / cap : null });
  }));
  const summary = PULSE_PERIODS.map((period, p) => {
    const rows = allocation.filter((r) => r.period === period);
    const sum = (key) => rows.reduce((a, r) => a + r[key], 0);
    const moves = p === 0 ? 0 : regions.reduce((a, _, k) => a + Math.max(0, vehicles[p][k] - vehicles[p - 1][k]), 0);
    const cap = sum("capacity");
    const total = vehicles[p].reduce((a, b) => a + b, 0);
    return { period, demand: sum("demand"), capacity: cap, served: sum("served"), unmet: sum("unmet"),
      utilisation: cap > 0 ? sum("served") / cap : null,
      peak_share: total > 0 ? vehicles[p][regions.indexOf(peakRegion)] / total : null,
      moves, cost: moves * costPerMove };
  });
  const total = (key) => summary.reduce((a, r) => a + r[key], 0);
  const served = total("served"), totalDemand = total("demand"), totalCapacity = total("capacity");
  return { allocation, summary, totals: { served, unmet: total("unmet"),
    service_level: totalDemand ? served / totalDemand : null,
    utilisation: totalCapacity ? served / totalCapacity : null, moves: total("moves"), cost: total("cost") } };
}

// ---------------------------------------------------------------------------------------------
// Drawing

// Bounds of the reader's numbers (the panel's, in its terms): far beyond the case, far inside exact floats.
const MAX_INTENSITY = 1000;
const MAX_COST = 1e9;
const pct = (x, digits = 1) => (x === null ? "n/a" : `${fmt(100 * x, digits)} %`);

function peakChart(result, peakRegion) {
  const rows = result.allocation.filter((r) => r.period === "peak");
  const width = 700, left = 120, rowH = 30, top = 22;
  const max = Math.max(1, ...rows.flatMap((r) => [r.demand, r.capacity]));
  const x = (v) => left + ((width - left - 70) * v) / max;
  const svg = chart("Peak period: demand and fleet capacity by region", "For each region, the upper bar is the " +
    "demand at the peak and the lower bar the capacity of the vehicles allocated there; the unmet demand is " +
    "written at the end of the row.", width, top + rows.length * rowH + 6);
  svg.append(s("text", { x: left, y: 12 }, "peak period — grey: demand · blue: capacity of the vehicles sent (loads)"));
  rows.forEach((r, k) => {
    const y = top + k * rowH;
    svg.append(
      s("text", { x: left - 6, y: y + 17, "text-anchor": "end" }, r.region === peakRegion ? `${r.region} (peak)` : r.region),
      bar({ class: "bar", x: left, y: y + 3, width: Math.max(1, x(r.demand) - left), height: 10 },
        `${r.region}: demand ${fmt(r.demand)} loads`),
      bar({ class: "bar supply", x: left, y: y + 15, width: Math.max(1, x(r.capacity) - left), height: 10 },
        `${r.region}: ${r.vehicles} vehicles, capacity ${fmt(r.capacity)} loads`),
      s("text", { x: Math.max(x(r.demand), x(r.capacity)) + 4, y: y + 17 },
        r.unmet > 0 ? `unmet ${fmt(r.unmet, 0)}` : "all served"),
    );
  });
  return svg;
}

// TC2's lifts hour by hour over the hours Python computed, the nights shaded, the capacity as a line.
function histogram(usage, capacity, blocks, origin) {
  const hours = usage.length;
  const width = 700, left = 56, right = 40, top = 12, plotH = 150, bottom = 44;
  const max = Math.max(2, capacity, ...usage); // capacity <= max_tower_cranes: the axis loop is bounded
  const bw = (width - left - right) / hours;
  const y = (v) => top + plotH - (plotH * v) / max;
  const svg = chart(`Tower cranes lifting TC2's loads, hour by hour from ${timeAfter(origin, 0)}`, `${hours} hours; ` +
    `bars: cranes lifting in the hour (${usage.filter((u) => u > 0).length} hour(s) with a lift); shaded: the ` +
    `tower cranes are shut; the line is the number of cranes available (${capacity}).`, width, top + plotH + bottom);
  for (const b of blocks) {
    const x0 = Math.max(0, b.from / MINUTES_PER_HOUR), x1 = Math.min(hours, b.to / MINUTES_PER_HOUR);
    if (x1 > x0) {
      svg.append(bar({ x: left + x0 * bw, y: top, width: (x1 - x0) * bw, height: plotH, fill: "currentColor",
        "fill-opacity": 0.1 }, `${b.id}: tower cranes shut`));
    }
  }
  axis(svg, "y", ticks(0, max, 1), y, { from: left, to: width - right, at: left - 6 });
  usage.forEach((u, k) => {
    if (u > 0) {
      svg.append(bar({ class: "bar supply", x: left + k * bw + 0.5, y: y(u), width: Math.max(0.8, bw - 1),
        height: y(0) - y(u) }, `${timeAfter(origin, k * 60)}: ${u} crane(s) lifting`));
    }
  });
  // Every 6 hours: the clock, and under it the month-day.
  const label = (part) => (hr) => timeAfter(origin, hr * 60).slice(5).split(" ")[part];
  const x = (hr) => left + hr * bw;
  axis(svg, "x", ticks(0, hours, 6), x, { at: top + plotH + 14, label: label(1) });
  axis(svg, "x", ticks(0, hours, 6), x, { at: top + plotH + 26, label: label(0) });
  svg.append(s("line", { class: "capacity", x1: left, x2: width - right, y1: y(capacity), y2: y(capacity) }),
    s("text", { x: 14, y: top + plotH / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${top + plotH / 2})` },
      "tower cranes"),
    s("text", { x: left, y: top + plotH + 40 },
      "site time (hour, month-day) · bars: cranes lifting · shaded: cranes shut · line: cranes available"));
  return svg;
}

function render({ model, el }) {
  const [b, p] = panels(el, "pulse", [`${model.get("title")} — business: the fleet pulse`,
    "Project: the crane clash before the dome lift, levelled"]);

  // -------- business side
  const regions = Object.keys(model.get("base_demand"));
  const intensity = control("input", "Peak intensity (× off-season demand)", {
    type: "number", min: 0, step: 0.1, value: model.get("peak_intensity") ?? "" });
  const region = control("select", "Peak region", { value: model.get("peak_region") },
    regions.map((r) => ({ value: r, label: r })));
  const share = control("input", "Share of the fleet sent to the peak region (%)", {
    type: "number", min: 0, max: 100, step: 1 });
  const cost = control("input", "Cost of moving one vehicle (CNY)", {
    type: "number", min: 0, step: 100, value: model.get("cost_per_move") ?? "" });
  b.inputs.append(intensity.field, region.field, share.field, cost.field, h("p", { class: "lm-calc-hint" },
    `A fleet of ${model.get("fleet")} vehicles, each delivering ${fmt(model.get("capacity_per_vehicle"))} loads ` +
      "a period, serves every region off-season in proportion to demand; at the peak the share you set goes to " +
      "the peak region and the rest is shared among the others; then the fleet moves back."));
  // The page shows the share as a percentage; the model holds the fraction.
  const shareTrait = { read: () => { const v = readNumber(share.control); return v === null ? null : v / 100; },
    write: (v) => { share.control.value = typeof v === "number" ? Math.round(v * 1e6) / 1e4 : ""; } };
  shareTrait.write(model.get("share_to_peak"));

  const CHECKS = [
    [intensity, "The peak intensity", "give how many times its off-season demand the peak region sees, " +
      `a number from 0 to ${fmt(MAX_INTENSITY)} (e.g. 3.1)`, (x) => x >= 0 && x <= MAX_INTENSITY, ""],
    [share, "The share of the fleet sent to the peak region", "give a percentage from 0 to 100",
      (x) => x >= 0 && x <= 100, " %"],
    [cost, "The cost of moving one vehicle", `give an amount in CNY from 0 to ${fmt(MAX_COST)}`,
      (x) => x >= 0 && x <= MAX_COST, " CNY"]];

  function updateBusiness() {
    for (const [ctl, ...check] of CHECKS) if (b.checked(ctl.control, ...check) === null) return;
    let r;
    try {
      r = pulseScenario(model.get("base_demand"), readNumber(intensity.control), region.control.value,
        shareTrait.read(), model.get("fleet"), model.get("capacity_per_vehicle"), readNumber(cost.control));
    } catch (err) {
      b.showError(err.message);
      return;
    }
    b.showResult();
    const t = r.totals;
    b.results.replaceChildren(
      summary([
        ["Service level over the cycle: ", `${pct(t.service_level)} of demand served (${fmt(t.unmet, 0)} loads unmet).`],
        ["Fleet utilisation: ", `${pct(t.utilisation)} of the capacity used.`],
        ["Redeployment: ", `${fmt(t.moves, 0)} vehicle moves, CNY ${fmt(t.cost, 0)} (out to the peak and back).`]]),
      peakChart(r, region.control.value),
      h("div", { class: "lm-calc-out" }, table("Per period (loads per period)", [
        { label: "Period", value: (x) => x.period },
        { label: "Demand", value: (x) => fmt(x.demand, 1), numeric: true },
        { label: "Capacity", value: (x) => fmt(x.capacity, 1), numeric: true },
        { label: "Unmet", value: (x) => fmt(x.unmet, 1), numeric: true },
        { label: "Utilisation", value: (x) => pct(x.utilisation), numeric: true },
        { label: "Share in peak region", value: (x) => pct(x.peak_share), numeric: true },
        { label: "Moves", value: (x) => fmt(x.moves, 0), numeric: true },
        { label: "Cost (CNY)", value: (x) => fmt(x.cost, 0), numeric: true },
      ], r.summary)),
    );
  }

  // -------- project side: pick the profile Python computed for the reader's choice
  const origin = model.get("origin");
  const maxCranes = model.get("max_tower_cranes");
  const cranes = control("input", "Tower cranes for TC2's lifts", {
    type: "number", min: 1, max: maxCranes, step: 1, value: model.get("tower_cranes") ?? "" });
  const priority = control("select", "Who gets the crane first", { value: model.get("priority") }, [
    { value: "booking", label: "first booked, first served (the site's rule)" },
    { value: "lft", label: "critical path first (latest finish time)" },
  ]);
  p.inputs.append(cranes.field, priority.field, h("p", { class: "lm-calc-hint" },
    `The chapter's network: the ${model.get("lifts")} lifts booked on tower crane TC2 on 12 and 13 March, each ` +
      "released at its booked start; the closing module, then the closing work, then the dome lift (not before " +
      "its booked slot); the tower cranes' nights and the spell too windy for the dome as blocks that hold a crane. " +
      "Levelling (serial SGS) starts each activity, in the order of your rule, as early as links and cranes allow."));

  function updateProject() {
    const n = p.checked(cranes.control, "The number of tower cranes", `give a whole number of cranes from 1 to ` +
      `${maxCranes}`, (x) => Number.isInteger(x) && x >= 1 && x <= maxCranes);
    if (n === null) return;
    const r = model.get("profiles")[priority.control.value][n - 1];
    p.showResult();
    p.results.replaceChildren(
      summary([
        ["Dome lift delay (h): ", `${fmt(r.delay_hours)} — ` + (r.delay_hours > 0
          ? `it starts ${timeAfter(origin, r.dome_start)} instead of ${timeAfter(origin, model.get("dome_slot"))}.`
          : `it starts on its booked slot, ${timeAfter(origin, r.dome_start)}.`) +
          ` It finishes ${timeAfter(origin, r.dome_finish)}.`],
        ["Who waits: ", r.moved.length ? r.moved.map((m) => `${m.id} ${fmt(m.hours)} h`).join(", ") +
          " (after its earliest start)." : "nobody: every lift starts at its earliest start."],
        ["Standby cost of the dome's wait: ", `CNY ${fmt(r.standby_total, 0)} (equipment charged every hour of the ` +
          "wait, crews only their shift hours 07:00–19:00; a full hour costs at most CNY " +
          `${fmt(model.get("standby_per_hour"), 0)}).`]]),
      histogram(r.usage, n, model.get("blocks"), origin),
    );
  }

  const redraw = () => { updateBusiness(); updateProject(); };
  const send = bind(model, {
    peak_intensity: numberTrait(intensity.control), peak_region: choiceTrait(region.control),
    share_to_peak: shareTrait, cost_per_move: numberTrait(cost.control),
    tower_cranes: numberTrait(cranes.control), priority: choiceTrait(priority.control),
  }, redraw);
  onEdit([intensity, region, share, cost].map((c) => c.control), () => { send(); updateBusiness(); });
  onEdit([cranes, priority].map((c) => c.control), () => { send(); updateProject(); });
  redraw();
}

export default { render };
