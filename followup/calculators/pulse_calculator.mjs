// Resource-pulse calculator (chapter 3). Business side: pulseScenario mirrors
// followup/pulse.py's pulse_scenario; project side: projectProfile mirrors the calculator's
// project_profile (serial SGS of followup/levelling.py, usage profile, over-allocation and
// standby cost of followup/resources.py, in levelling.mjs). render() draws both panels.
import { criticalPathMethod } from "./cpm.mjs";
import { ResourceError, serialSgs, usageProfile, overAllocation, standbyCost } from "./levelling.mjs";
import { pyFloatRepr, pyRepr } from "./pymirror.mjs";
import { h, s, checkInput, control, panel, table, fmt, parseNumber } from "./panel.mjs";

export const PULSE_PERIODS = ["before peak", "peak", "after peak"];
const MINUTES_PER_HOUR = 60;

// pulse.py's _number and _count.
function number(value, what) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ResourceError(`${what} must be a finite number >= 0, got ${pyRepr(value)}`);
  }
  return value;
}

function count(value, what) {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ResourceError(`${what} must be a whole number > 0, got ${pyRepr(value)}`);
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
  if (regions.length < 2) {
    throw new ResourceError("base_demand_by_region must map at least two regions to their off-season demand");
  }
  if (!regions.includes(peakRegion)) {
    throw new ResourceError(
      `peak_region ${pyRepr(peakRegion)} is not one of the regions [${regions.map(pyRepr).join(", ")}]; pick one of them`,
    );
  }
  number(peakIntensity, "peak_intensity");
  number(shareToPeak, "share_to_peak");
  if (shareToPeak > 1) {
    throw new ResourceError(`share_to_peak is a fraction of the fleet between 0 and 1, got ${pyFloatRepr(shareToPeak)}`);
  }
  count(fleet, "fleet");
  const base = regions.map((r) => number(baseDemand[r], `base demand of ${pyRepr(r)}`));
  const peak = regions.map((r, k) => (r === peakRegion ? base[k] * peakIntensity : base[k]));
  const off = largestRemainder(base, fleet);
  const toPeak = Math.floor(shareToPeak * fleet + 0.5);
  const others = largestRemainder(peak.filter((_, k) => regions[k] !== peakRegion), fleet - toPeak);
  let next = 0;
  const atPeak = regions.map((r) => (r === peakRegion ? toPeak : others[next++]));
  const vehicles = [off, atPeak, off];
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
  return {
    allocation,
    summary,
    totals: {
      served,
      unmet: total("unmet"),
      service_level: totalDemand ? served / totalDemand : null,
      utilisation: totalCapacity ? served / totalCapacity : null,
      moves: total("moves"),
      cost: total("cost"),
    },
  };
}

// The project side: early dates or a levelled schedule of the lifts, the hourly crane usage,
// the hours above capacity, and every standby item charged for the hours the phase ends late.
export function projectProfile(activities, links, demands, capacities, levelling, priority, rates) {
  const cpm = criticalPathMethod(activities, links);
  let rows, startKey, finish;
  if (levelling) {
    const keys = priority === "booking" ? activities.map((a) => a.booked_start) : priority;
    const levelled = serialSgs(activities, links, demands, capacities, keys);
    [rows, startKey, finish] = [levelled.table, "start", levelled.makespan];
  } else {
    [rows, startKey, finish] = [cpm.table, "early_start", cpm.duration];
  }
  const profile = usageProfile(rows, demands, MINUTES_PER_HOUR, startKey);
  const over = overAllocation(profile, capacities);
  return {
    starts: rows.map((r) => r[startKey]),
    profile,
    over,
    finish,
    cpm_finish: cpm.duration,
    standby: standbyCost((finish - cpm.duration) / MINUTES_PER_HOUR, rates),
  };
}

// ---------------------------------------------------------------------------------------------
// Drawing

const pct = (x, digits = 1) => (x === null ? "n/a" : `${fmt(100 * x, digits)} %`);

function clockOf(origin, minutes) {
  const t = new Date(Date.parse(`${origin}Z`) + minutes * 60000);
  return `${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 16)}`;
}

function peakChart(result, peakRegion) {
  const rows = result.allocation.filter((r) => r.period === "peak");
  const width = 700, left = 120, rowH = 30, top = 22;
  const max = Math.max(1, ...rows.flatMap((r) => [r.demand, r.capacity]));
  const x = (v) => left + ((width - left - 70) * v) / max;
  const height = top + rows.length * rowH + 6;
  const id = `lm-peak-${Math.random().toString(36).slice(2, 9)}`;
  const svg = s("svg", { class: "lm-calc-chart lm-calc-out", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-labelledby": `${id}-t ${id}-d` },
  s("title", { id: `${id}-t` }, "Peak period: demand and fleet capacity by region"),
  s("desc", { id: `${id}-d` }, "For each region, the upper bar is the demand at the peak and the lower bar " +
    "the capacity of the vehicles allocated there; the unmet demand is written at the end of the row."),
  s("text", { x: left, y: 12 }, "peak period — grey: demand · blue: capacity of the vehicles sent (loads)"));
  rows.forEach((r, k) => {
    const y = top + k * rowH;
    svg.append(
      s("text", { x: left - 6, y: y + 17, "text-anchor": "end" }, r.region === peakRegion ? `${r.region} (peak)` : r.region),
      s("rect", { class: "bar", x: left, y: y + 3, width: Math.max(1, x(r.demand) - left), height: 10 },
        s("title", {}, `${r.region}: demand ${fmt(r.demand)} loads`)),
      s("rect", { class: "bar supply", x: left, y: y + 15, width: Math.max(1, x(r.capacity) - left), height: 10 },
        s("title", {}, `${r.region}: ${r.vehicles} vehicles, capacity ${fmt(r.capacity)} loads`)),
      s("text", { x: Math.max(x(r.demand), x(r.capacity)) + 4, y: y + 17 },
        r.unmet > 0 ? `unmet ${fmt(r.unmet, 0)}` : "all served"),
    );
  });
  return svg;
}

function histogram(result, resource, capacity, origin) {
  const usage = result.profile.usage[resource] ?? [];
  const width = 700, left = 34, top = 14, plotH = 110, bottom = 30;
  const max = Math.max(1, capacity, ...usage);
  const bw = (width - left - 8) / Math.max(1, usage.length);
  const y = (v) => top + plotH - (plotH * v) / max;
  const id = `lm-hist-${Math.random().toString(36).slice(2, 9)}`;
  const overHours = usage.filter((u) => u > capacity).length;
  const svg = s("svg", { class: "lm-calc-chart lm-calc-out", viewBox: `0 0 ${width} ${top + plotH + bottom}`,
    role: "img", "aria-labelledby": `${id}-t ${id}-d` },
  s("title", { id: `${id}-t` }, `Cranes of ${resource} in use, hour by hour`),
  s("desc", { id: `${id}-d` }, `${usage.length} hours from ${origin.slice(0, 10)}; the solid line is the capacity ` +
    `(${capacity}); ${overHours} hour(s) above it, drawn in the alert colour.`));
  for (let v = 0; v <= max; v += Math.max(1, Math.ceil(max / 4))) {
    svg.append(s("line", { class: "grid", x1: left, x2: width - 8, y1: y(v), y2: y(v) }),
      s("text", { x: left - 4, y: y(v) + 4, "text-anchor": "end" }, String(v)));
  }
  usage.forEach((u, k) => {
    if (u > 0) {
      svg.append(s("rect", { class: u > capacity ? "over" : "bar", x: left + k * bw, y: y(u),
        width: Math.max(0.8, bw - 0.3), height: y(0) - y(u) }));
    }
  });
  for (let day = 0; day * 24 < usage.length; day += 2) {
    svg.append(s("text", { x: left + day * 24 * bw, y: top + plotH + 14 }, clockOf(origin, day * 1440).slice(5, 10)));
  }
  svg.append(s("line", { class: "capacity", x1: left, x2: width - 8, y1: y(capacity), y2: y(capacity) }),
    s("text", { x: left, y: top + plotH + 27 }, "day (month-day); bars: cranes in use in the hour"));
  return svg;
}

function render({ model, el }) {
  el.setAttribute("data-lm-calculator", "pulse"); // how the browser tests find it
  const businessEl = h("div", {});
  const projectEl = h("div", { style: "margin-top: 0.75rem" });
  el.replaceChildren(businessEl, projectEl);

  // -------- business side
  const b = panel(businessEl, `${model.get("title")} — business: the fleet pulse`);
  const regions = Object.keys(model.get("base_demand"));
  const intensity = control("input", "Peak intensity (× off-season demand)", {
    type: "number", min: 0, step: 0.1, value: model.get("peak_intensity") ?? "" });
  const region = control("select", "Peak region", { value: model.get("peak_region") },
    regions.map((r) => ({ value: r, label: r })));
  const share = control("input", "Share of the fleet sent to the peak region (%)", {
    type: "number", min: 0, max: 100, step: 1,
    value: typeof model.get("share_to_peak") === "number" ? Math.round(model.get("share_to_peak") * 1e6) / 1e4 : "" });
  const cost = control("input", "Cost of moving one vehicle (CNY)", {
    type: "number", min: 0, step: 100, value: model.get("cost_per_move") ?? "" });
  b.inputs.append(intensity.field, region.field, share.field, cost.field, h("p", { class: "lm-calc-hint" },
    `A fleet of ${model.get("fleet")} vehicles, each delivering ${fmt(model.get("capacity_per_vehicle"))} loads ` +
      "a period, serves every region off-season in proportion to demand; at the peak the share you set goes to " +
      "the peak region and the rest is shared among the others; then the fleet moves back."));

  const num = (ctl) => (ctl.control.validity.badInput ? null : parseNumber(ctl.control.value));
  const shareValue = () => { const v = num(share); return v === null ? null : v / 100; };

  function updateBusiness() {
    let r;
    try {
      checkInput(num(intensity), "The peak intensity", "give how many times its off-season demand the peak " +
        "region sees, a number of 0 or more (e.g. 3.1)", (x) => x >= 0);
      checkInput(num(share), "The share of the fleet sent to the peak region", "give a percentage from 0 to 100",
        (x) => x >= 0 && x <= 100, " %");
      checkInput(num(cost), "The cost of moving one vehicle", "give an amount in CNY of 0 or more",
        (x) => x >= 0, " CNY");
      r = pulseScenario(model.get("base_demand"), num(intensity), region.control.value, shareValue(),
        model.get("fleet"), model.get("capacity_per_vehicle"), num(cost));
    } catch (err) {
      b.showError(err.message);
      return;
    }
    b.showResult();
    const t = r.totals;
    b.results.replaceChildren(
      h("ul", { class: "lm-calc-summary lm-calc-out" },
        h("li", {}, h("strong", {}, "Service level over the cycle: "),
          `${pct(t.service_level)} of demand served (${fmt(t.unmet, 0)} loads unmet).`),
        h("li", {}, h("strong", {}, "Fleet utilisation: "), `${pct(t.utilisation)} of the capacity used.`),
        h("li", {}, h("strong", {}, "Redeployment: "),
          `${fmt(t.moves, 0)} vehicle moves, CNY ${fmt(t.cost, 0)} (out to the peak and back).`)),
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

  // While the panel writes its inputs to the model, the model's change events are its own echo.
  let sending = false;
  function send(values) {
    sending = true;
    try {
      for (const [key, value] of Object.entries(values)) model.set(key, value);
      model.save_changes();
    } finally {
      sending = false;
    }
  }

  function sendBusiness() {
    send({ peak_intensity: num(intensity), peak_region: region.control.value, share_to_peak: shareValue(),
      cost_per_move: num(cost) });
    updateBusiness();
  }
  for (const c of [intensity, share, cost]) c.control.addEventListener("input", sendBusiness);
  region.control.addEventListener("change", sendBusiness);

  // -------- project side
  const p = panel(projectEl, "Project: the dome phase's cranes (booked, or levelled)");
  const capacities = model.get("capacities");
  const pools = Object.keys(capacities);
  const capControls = pools.map((pool) => control("input", `Cranes in ${pool}`, {
    type: "number", min: 0, step: 1, value: capacities[pool] ?? "" }));
  const levelling = control("select", "Levelling", { value: model.get("levelling") ? "on" : "off" }, [
    { value: "off", label: "off: lifts at their booked times (clashes show)" },
    { value: "on", label: "on: serial SGS, no crane above capacity" },
  ]);
  const priority = control("select", "Who gets the crane first when levelling", { value: model.get("priority") }, [
    { value: "lft", label: "critical path first (latest finish time)" },
    { value: "booking", label: "first booked, first served" },
  ]);
  const shown = control("select", "Histogram of", { value: pools.includes("TC1+TC2") ? "TC1+TC2" : pools[0] },
    pools.map((pool) => ({ value: pool, label: pool })));
  p.inputs.append(...capControls.map((c) => c.field), levelling.field, priority.field, shown.field,
    h("p", { class: "lm-calc-hint" },
      `${model.get("activities").length - 1} lifts of the dome phase, each released at its booked start and ` +
        "waiting for the lift it follows; times to the minute, with cranes ignored off-levelling. " +
        "TC1 and TC2 (identical 64 t tower cranes) form one pool."));

  const capacityValues = () => Object.fromEntries(pools.map((pool, k) => [pool, num(capControls[k])]));

  function updateProject() {
    const caps = capacityValues();
    let r;
    try {
      for (const pool of pools) {
        checkInput(caps[pool], `The number of cranes in ${pool}`, "give a whole number of 0 or more",
          (x) => Number.isInteger(x) && x >= 0);
      }
      r = projectProfile(model.get("activities"), model.get("links"), model.get("demands"), caps,
        levelling.control.value === "on", priority.control.value, model.get("rates"));
    } catch (err) {
      p.showError(err.message);
      return;
    }
    p.showResult();
    const origin = model.get("origin");
    const delayH = (r.finish - r.cpm_finish) / MINUTES_PER_HOUR;
    const moved = r.starts.filter((st, k) => st !== model.get("activities")[k].booked_start && k > 0).length;
    const overHours = new Set(r.over.map((o) => o.period_start)).size;
    p.results.replaceChildren(
      h("ul", { class: "lm-calc-summary lm-calc-out" },
        h("li", {}, h("strong", {}, "Over-allocated hours: "), overHours === 0
          ? "none: no crane pool is ever asked for more cranes than it has."
          : `${overHours} hour(s) in which a crane pool is booked above its capacity ` +
            `(${[...new Set(r.over.map((o) => o.resource))].join(", ")}).`),
        h("li", {}, h("strong", {}, "Phase end: "), `${clockOf(origin, r.finish)}, ` +
          (delayH > 0 ? `${fmt(delayH)} h after the booked plan.` : "as booked.")),
        h("li", {}, h("strong", {}, "Lifts moved from their booked start: "), String(moved)),
        h("li", {}, h("strong", {}, "Standby cost of the late end: "),
          `CNY ${fmt(r.standby.total, 0)} (every standby item charged for ${fmt(delayH)} h; each hour late ` +
            `costs CNY ${fmt(standbyCost(1, model.get("rates")).total, 0)}).`)),
      histogram(r, shown.control.value, caps[shown.control.value], origin),
    );
  }

  function sendProject() {
    send({ capacities: capacityValues(), levelling: levelling.control.value === "on",
      priority: priority.control.value });
    updateProject();
  }
  for (const c of capControls) c.control.addEventListener("input", sendProject);
  levelling.control.addEventListener("change", sendProject);
  priority.control.addEventListener("change", sendProject);
  shown.control.addEventListener("change", updateProject);

  // A change made from Python (a live kernel) redraws from the model; a control is rewritten
  // only when it disagrees, so an echo never disturbs what the reader is typing.
  const sync = (ctl, value) => {
    if (num(ctl) !== value) ctl.control.value = value ?? "";
  };
  const fromModel = () => {
    sync(intensity, model.get("peak_intensity"));
    region.control.value = model.get("peak_region");
    const sh = model.get("share_to_peak");
    if (shareValue() !== sh) share.control.value = typeof sh === "number" ? Math.round(sh * 1e6) / 1e4 : "";
    sync(cost, model.get("cost_per_move"));
    const caps = model.get("capacities");
    pools.forEach((pool, k) => sync(capControls[k], caps[pool]));
    levelling.control.value = model.get("levelling") ? "on" : "off";
    priority.control.value = model.get("priority");
    updateBusiness();
    updateProject();
  };
  const inputs = ["peak_intensity", "peak_region", "share_to_peak", "cost_per_move", "capacities", "levelling",
    "priority"];
  model.on(inputs.map((name) => `change:${name}`).join(" "), () => {
    if (!sending) fromModel();
  });
  updateBusiness();
  updateProject();
}

export default { render };
