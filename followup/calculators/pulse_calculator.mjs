// Resource-pulse calculator (chapter 3). Business side: pulseScenario mirrors
// followup/pulse.py's pulse_scenario; project side: projectProfile mirrors the calculator's
// project_profile on the network of followup.datasets.hualong_crane.dome_network (serial SGS,
// usage profile and standby cost in levelling.mjs). render() draws both panels.
import { criticalPathMethod } from "./cpm.mjs";
import { ResourceError, serialSgs, usageProfile, standbyCost } from "./levelling.mjs";
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

// ---------------------------------------------------------------------------------------------
// The project side: the chapter's network of the two days around the TC2 clash
// (followup.datasets.hualong_crane.dome_network, passed in as data), levelled by the reader's rule.
const TOWER_CRANE = "TC2";
const DOME_LIFT = "L-DOME";
const MINUTES_PER_DAY = 1440;

// hualong_crane.hold_tower_cranes: a night block holds every tower crane of the pool.
export function holdTowerCranes(activities, demands, towerCranes) {
  if (typeof towerCranes !== "number" || !Number.isInteger(towerCranes) || towerCranes < 1) {
    throw new ResourceError(`tower_cranes is ${pyRepr(towerCranes)}; give a whole number of tower cranes, 1 or more`);
  }
  const blocks = new Set(activities.filter((a) => a.kind === "calendar").map((a) => a.id));
  return {
    demands: demands.map((row) => (blocks.has(row.id) && row[TOWER_CRANE] > 0 ? { ...row, [TOWER_CRANE]: towerCranes } : row)),
    capacities: { [TOWER_CRANE]: towerCranes, CC1600: 1 },
  };
}

// DomeNetwork.priority: early start ("booking") or latest finish ("lft"), calendar blocks first.
export function priorityKeys(activities, cpm, rule) {
  const column = { booking: "early_start", lft: "late_finish" }[rule];
  if (!column) {
    throw new ResourceError(`priority rule ${pyRepr(rule)} is unknown; use 'booking' (first booked, first served) ` +
      "or 'lft' (critical first)");
  }
  const kind = new Map(activities.map((a) => [String(a.id).trim(), a.kind]));
  return cpm.table.map((r) => (kind.get(r.id) === "calendar" ? -1 : r[column]));
}

// hualong_crane.charged_hours on minutes from a midnight: hours of [start, finish) inside the
// daily charged_from-charged_to window.
export function chargedHours(start, finish, chargedFrom, chargedTo) {
  const clock = (hhmm) => { const [hh, mm] = hhmm.split(":").map(Number); return 60 * hh + mm; };
  let total = 0;
  for (let day = Math.floor(start / MINUTES_PER_DAY) * MINUTES_PER_DAY; day < finish; day += MINUTES_PER_DAY) {
    total += Math.max(0, Math.min(finish, day + clock(chargedTo)) - Math.max(start, day + clock(chargedFrom)));
  }
  return total / MINUTES_PER_HOUR;
}

// The calculator's project_profile: level, then the TC2 lifts hour by hour, who waits, the
// dome lift's delay after its slot, and each standby item charged for its hours of that delay.
export function projectProfile(activities, links, demands, towerCranes, priority, rates, origin, domeSlot) {
  const held = holdTowerCranes(activities, demands, towerCranes);
  const cpm = criticalPathMethod(activities, links);
  const keys = priorityKeys(activities, cpm, priority);
  const levelled = serialSgs(activities, links, held.demands, held.capacities, keys);
  const kind = new Map(activities.map((a) => [String(a.id).trim(), a.kind]));
  const moved = [];
  levelled.table.forEach((r, k) => {
    const shift = r.start - cpm.table[k].early_start;
    if (["lift", "work"].includes(kind.get(r.id)) && shift > 0) moved.push({ id: r.id, hours: shift / MINUTES_PER_HOUR });
  });
  const lifts = levelled.table.filter((r) => kind.get(r.id) === "lift");
  const liftIds = new Set(lifts.map((r) => r.id));
  const profile = usageProfile(lifts, held.demands.filter((row) => liftIds.has(String(row.id).trim()))
    .map((row) => ({ id: row.id, [TOWER_CRANE]: row[TOWER_CRANE] })), MINUTES_PER_HOUR, "start");
  const dome = levelled.table.find((r) => r.id === DOME_LIFT);
  const [hh, mm] = origin.slice(11, 16).split(":").map(Number);
  const slot = 60 * hh + mm + domeSlot; // minutes from the origin's midnight
  const waited = slot + dome.start - domeSlot;
  const hours = rates.map((r) => chargedHours(slot, waited, r.charged_from, r.charged_to));
  return {
    starts: levelled.table.map((r) => r.start),
    usage: { period_start: profile.period_start, [TOWER_CRANE]: profile.usage[TOWER_CRANE] },
    moved,
    dome_start: dome.start,
    dome_finish: dome.finish,
    delay_hours: (dome.start - domeSlot) / MINUTES_PER_HOUR,
    standby: standbyCost(hours, rates),
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

// TC2's lifts hour by hour over the first 36 hours, the nights shaded, the capacity as a line.
const HOURS_SHOWN = 36;

function histogram(result, capacity, blocks, origin) {
  const usage = result.usage[TOWER_CRANE].slice(0, HOURS_SHOWN);
  const width = 700, left = 56, right = 40, top = 12, plotH = 150, bottom = 44;
  const max = Math.max(2, capacity, ...usage);
  const bw = (width - left - right) / HOURS_SHOWN;
  const y = (v) => top + plotH - (plotH * v) / max;
  const id = `lm-hist-${Math.random().toString(36).slice(2, 9)}`;
  const busy = usage.filter((u) => u > 0).length;
  const svg = s("svg", { class: "lm-calc-chart lm-calc-out", viewBox: `0 0 ${width} ${top + plotH + bottom}`,
    role: "img", "aria-labelledby": `${id}-t ${id}-d` },
  s("title", { id: `${id}-t` }, `Tower cranes lifting TC2's loads, hour by hour from ${clockOf(origin, 0)}`),
  s("desc", { id: `${id}-d` }, `${HOURS_SHOWN} hours; bars: cranes lifting in the hour (${busy} hour(s) with a ` +
    `lift); shaded: the tower cranes are shut; the line is the number of cranes available (${capacity}).`));
  for (const b of blocks) {
    const x0 = Math.max(0, b.from / MINUTES_PER_HOUR), x1 = Math.min(HOURS_SHOWN, b.to / MINUTES_PER_HOUR);
    if (x1 > x0) {
      svg.append(s("rect", { x: left + x0 * bw, y: top, width: (x1 - x0) * bw, height: plotH,
        fill: "currentColor", "fill-opacity": 0.1 }, s("title", {}, `${b.id}: tower cranes shut`)));
    }
  }
  for (let v = 0; v <= max; v += 1) {
    svg.append(s("line", { class: "grid", x1: left, x2: width - right, y1: y(v), y2: y(v) }),
      s("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)));
  }
  usage.forEach((u, k) => {
    if (u > 0) {
      svg.append(s("rect", { class: "bar supply", x: left + k * bw + 0.5, y: y(u), width: Math.max(0.8, bw - 1),
        height: y(0) - y(u) }, s("title", {}, `${clockOf(origin, k * 60)}: ${u} crane(s) lifting`)));
    }
  });
  for (let hr = 0; hr <= HOURS_SHOWN; hr += 6) {
    const [day, clock] = clockOf(origin, hr * 60).slice(5).split(" ");
    svg.append(s("text", { x: left + hr * bw, y: top + plotH + 14, "text-anchor": "middle" }, clock),
      s("text", { x: left + hr * bw, y: top + plotH + 26, "text-anchor": "middle" }, day));
  }
  svg.append(s("line", { class: "capacity", x1: left, x2: width - right, y1: y(capacity), y2: y(capacity) }),
    s("text", { x: 14, y: top + plotH / 2, "text-anchor": "middle",
      transform: `rotate(-90 14 ${top + plotH / 2})` }, "tower cranes"),
    s("text", { x: left, y: top + plotH + 40 },
      "site time (hour, month-day) · bars: cranes lifting · shaded: cranes shut · line: cranes available"));
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
  const p = panel(projectEl, "Project: the crane clash before the dome lift, levelled");
  const activities = model.get("activities");
  const origin = model.get("origin");
  const cranes = control("input", "Tower cranes for TC2's lifts", {
    type: "number", min: 1, step: 1, value: model.get("tower_cranes") ?? "" });
  const priority = control("select", "Who gets the crane first", { value: model.get("priority") }, [
    { value: "booking", label: "first booked, first served (the site's rule)" },
    { value: "lft", label: "critical path first (latest finish time)" },
  ]);
  const nLifts = activities.filter((a) => a.kind === "lift").length - 1;
  p.inputs.append(cranes.field, priority.field, h("p", { class: "lm-calc-hint" },
    `The chapter's network: the ${nLifts} lifts booked on tower crane TC2 on 12 and 13 March, each released at ` +
      "its booked start; the closing module, then the closing work, then the dome lift (not before its booked " +
      "slot); the tower cranes' nights and the spell too windy for the dome as blocks that hold a crane. " +
      "Levelling (serial SGS) starts each activity, in the order of your rule, as early as links and cranes allow."));
  const blocks = model.get("links").filter((l) => activities.some((a) => a.id === l.successor && a.kind === "calendar"))
    .map((l) => ({ id: l.successor, from: l.lag,
      to: l.lag + activities.find((a) => a.id === l.successor).duration }))
    .filter((b) => model.get("demands").find((row) => row.id === b.id)[TOWER_CRANE] > 0);

  function updateProject() {
    let r;
    try {
      checkInput(num(cranes), "The number of tower cranes", "give a whole number of cranes, 1 or more",
        (x) => Number.isInteger(x) && x >= 1);
      r = projectProfile(activities, model.get("links"), model.get("demands"), num(cranes),
        priority.control.value, model.get("rates"), origin, model.get("dome_slot"));
    } catch (err) {
      p.showError(err.message);
      return;
    }
    p.showResult();
    const perHour = standbyCost(1, model.get("rates")).total;
    p.results.replaceChildren(
      h("ul", { class: "lm-calc-summary lm-calc-out" },
        h("li", {}, h("strong", {}, "Dome lift delay (h): "), `${fmt(r.delay_hours)} — ` +
          (r.delay_hours > 0
            ? `it starts ${clockOf(origin, r.dome_start)} instead of ${clockOf(origin, model.get("dome_slot"))}.`
            : `it starts on its booked slot, ${clockOf(origin, r.dome_start)}.`) +
          ` It finishes ${clockOf(origin, r.dome_finish)}.`),
        h("li", {}, h("strong", {}, "Who waits: "), r.moved.length
          ? r.moved.map((m) => `${m.id} ${fmt(m.hours)} h`).join(", ") + " (after its earliest start)."
          : "nobody: every lift starts at its earliest start."),
        h("li", {}, h("strong", {}, "Standby cost of the dome's wait: "),
          `CNY ${fmt(r.standby.total, 0)} (equipment charged every hour of the wait, crews only their shift ` +
            `hours 07:00–19:00; a full hour costs at most CNY ${fmt(perHour, 0)}).`)),
      histogram(r, num(cranes), blocks, origin),
    );
  }

  function sendProject() {
    send({ tower_cranes: num(cranes), priority: priority.control.value });
    updateProject();
  }
  cranes.control.addEventListener("input", sendProject);
  priority.control.addEventListener("change", sendProject);

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
    sync(cranes, model.get("tower_cranes"));
    priority.control.value = model.get("priority");
    updateBusiness();
    updateProject();
  };
  const inputs = ["peak_intensity", "peak_region", "share_to_peak", "cost_per_move", "tower_cranes", "priority"];
  model.on(inputs.map((name) => `change:${name}`).join(" "), () => {
    if (!sending) fromModel();
  });
  updateBusiness();
  updateProject();
}

export default { render };
