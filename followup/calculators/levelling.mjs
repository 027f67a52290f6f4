// Resource levelling and usage profiles, mirroring followup/levelling.py (serial_sgs with the
// "lft" rule or your own keys) and followup/resources.py (usage_profile "peak" on whole-number
// times, over_allocation, standby_cost): the same validation order and messages (pure: no DOM).
import { ScheduleError, criticalPathMethod } from "./cpm.mjs";
import { isNa, pyG, pyRepr, toNumeric } from "./pymirror.mjs";

export class ResourceError extends Error {
  constructor(message) {
    super(message);
    this.name = "ResourceError";
  }
}

const EPS = 1e-9; // levelling.py's _EPS: demands and capacities may be fractional

const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
const listRepr = (items) => `[${items.map(pyRepr).join(", ")}]`;

// Demand rows [{id, <resource>: units}] as levelling/resources read them: columns in order of
// first appearance, a resource a row lacks is empty (NaN, read as 0).
export function demandTable(demands) {
  const columns = [];
  for (const row of demands) for (const key of Object.keys(row)) if (key !== "id" && !columns.includes(key)) columns.push(key);
  const byId = new Map(demands.map((row) => [String(row.id).trim(), row]));
  return { columns, byId, ids: demands.map((row) => String(row.id).trim()) };
}


function whole(values, what, names) {
  values.forEach((v, k) => {
    if (!Number.isInteger(v)) {
      throw new ScheduleError(
        `${what} of ${pyRepr(names[k])} is ${pyRepr(v)}; levelling works on whole periods - express times ` +
          "in a smaller unit (e.g. hours instead of days) so they are integers",
      );
    }
  });
}

// levelling.py's _network: validate the resource data against the CPM result.
function sgsNetwork(cpm, demands, capacities) {
  const ids = cpm.table.map((r) => r.id);
  const dur = cpm.table.map((r) => r.duration);
  whole(dur, "duration", ids);
  whole(cpm.links.map((l) => l.lag), "lag of the link into", cpm.links.map((l) => l.successor));
  const resources = Object.keys(capacities ?? {});
  if (!resources.length) {
    throw new ResourceError("capacities must be a non-empty mapping like {'crane': 1, 'welders': 6}");
  }
  const table = demandTable(demands);
  const unknown = table.columns.filter((r) => !resources.includes(r));
  if (unknown.length) {
    throw new ResourceError(
      `unknown resource ${pyRepr(unknown[0])} in demands (capacities name ${listRepr(resources)}); ` +
        "add its capacity or fix the column name",
    );
  }
  const stray = table.ids.filter((i) => !ids.includes(i));
  if (stray.length) {
    throw new ResourceError(`demands list activity ${pyRepr(stray[0])}, which is not in activities; remove or add it`);
  }
  const cap = resources.map((res) => {
    const value = capacities[res];
    if (!isNumber(value) || value < 0) {
      throw new ResourceError(`capacity of ${pyRepr(res)} is ${pyRepr(value)}; capacities must be numbers >= 0`);
    }
    return value;
  });
  // demands reindexed on (ids, resources): first bad column (capacities order), then first bad row
  for (const res of resources) {
    for (const id of ids) {
      const row = table.byId.get(id);
      const given = row && res in row ? row[res] : NaN;
      const x = toNumeric(given);
      if ((Number.isNaN(x) && !isNa(given)) || x < 0) {
        throw new ResourceError(`demand of activity ${pyRepr(id)} for ${pyRepr(res)} is ${pyRepr(given)}; use a number >= 0`);
      }
    }
  }
  const dem = ids.map((id) => resources.map((res) => {
    const row = table.byId.get(id);
    const x = row && res in row ? toNumeric(row[res]) : NaN;
    return Number.isNaN(x) ? 0 : x;
  }));
  dem.forEach((row, j) => row.forEach((d, r) => {
    if (d > cap[r] + EPS) {
      throw new ResourceError(
        `activity ${pyRepr(ids[j])} needs ${pyG(d)} ${pyRepr(resources[r])} but only ${pyG(cap[r])} exist: it can ` +
          "never be scheduled; raise the capacity, or split the activity so each part fits",
      );
    }
  }));
  const index = new Map(ids.map((id, i) => [id, i]));
  const preds = ids.map(() => []);
  const succs = ids.map(() => []);
  for (const l of cpm.links) {
    const i = index.get(l.predecessor), j = index.get(l.successor);
    const offset = { FS: dur[i] + l.lag, SS: l.lag, FF: dur[i] + l.lag - dur[j], SF: l.lag - dur[j] }[l.type];
    preds[j].push([i, offset]);
    succs[i].push([j, offset]);
  }
  const used = dem.map((row) => row.flatMap((d, r) => (d > 0 ? [r] : [])));
  return { ids, dur, dem, cap, preds, succs, used, resources };
}

// Eligible activity with the smallest key first (ties: input order), like _activity_list.
function activityList(net, key) {
  const waiting = net.preds.map((p) => p.length);
  const eligible = new Set(waiting.flatMap((w, j) => (w === 0 ? [j] : [])));
  const order = [];
  while (eligible.size) {
    let best = -1;
    for (const j of eligible) if (best < 0 || key[j] < key[best] || (key[j] === key[best] && j < best)) best = j;
    eligible.delete(best);
    order.push(best);
    for (const [k] of net.succs[best]) {
      waiting[k] -= 1;
      if (waiting[k] === 0) eligible.add(k);
    }
  }
  return order;
}

// Serial SGS on a time grid: each activity at its earliest precedence- and resource-feasible start.
function scheduleList(net, order) {
  const usage = net.cap.map(() => new Float64Array(1024));
  const start = new Array(net.dur.length).fill(0);
  const grow = (end) => {
    for (let r = 0; r < usage.length; r++) {
      if (usage[r].length < end) {
        const bigger = new Float64Array(Math.max(end, usage[r].length * 2));
        bigger.set(usage[r]);
        usage[r] = bigger;
      }
    }
  };
  for (const j of order) {
    let es = 0;
    for (const [i, offset] of net.preds[j]) if (start[i] + offset > es) es = start[i] + offset;
    const d = net.dur[j];
    const used = net.used[j];
    let t = es;
    if (d > 0 && used.length) {
      const limit = used.map((r) => net.cap[r] - net.dem[j][r] + EPS);
      // the first window [t, t + d) without a period whose usage would pass a capacity
      for (;;) {
        grow(t + d);
        let blocked = -1;
        for (let p = t + d - 1; p >= t && blocked < 0; p--) {
          if (used.some((r, u) => usage[r][p] > limit[u])) blocked = p;
        }
        if (blocked < 0) break;
        t = blocked + 1;
      }
      for (const r of used) for (let p = t; p < t + d; p++) usage[r][p] += net.dem[j][r];
    }
    start[j] = t;
  }
  return start;
}

// serial_sgs(activities, links, demands, capacities, priority): priority "lft" or an array of
// keys aligned with the activities (smaller first). {table: [{id, duration, start, finish}], makespan, activity_list}
export function serialSgs(activities, links, demands, capacities, priority = "lft") {
  const cpm = criticalPathMethod(activities, links);
  const net = sgsNetwork(cpm, demands, capacities);
  let key;
  if (Array.isArray(priority)) key = priority.map(Number);
  else if (priority === "lft") key = cpm.table.map((r) => r.late_finish);
  else throw new ScheduleError(`unknown priority rule ${pyRepr(priority)}; the calculator offers 'lft' or your own keys`);
  const order = activityList(net, key);
  const start = scheduleList(net, order);
  const finish = start.map((s, j) => s + net.dur[j]);
  return {
    table: net.ids.map((id, j) => ({ id, duration: net.dur[j], start: start[j], finish: finish[j] })),
    makespan: finish.length ? Math.max(...finish) : 0,
    cpm_duration: cpm.duration,
    activity_list: order.map((j) => net.ids[j]),
  };
}

// resources.py's _aligned_demands: demands on the schedule's ids, validated.
function alignedDemands(ids, demands) {
  const table = demandTable(demands);
  const unknown = table.ids.filter((i) => !ids.includes(i));
  if (unknown.length) {
    throw new ResourceError(
      `demands list activity ${pyRepr(unknown[0])}, which is not in the schedule; remove it or add the activity`,
    );
  }
  for (const col of table.columns) {
    for (const id of table.ids) {
      const given = col in table.byId.get(id) ? table.byId.get(id)[col] : NaN;
      const x = toNumeric(given);
      if ((Number.isNaN(x) && !isNa(given)) || x < 0) {
        throw new ResourceError(
          `demand of activity ${pyRepr(id)} for resource ${pyRepr(col)} is ${pyRepr(given)}; ` +
            "demands must be non-negative numbers",
        );
      }
    }
  }
  return table.columns.map((col) => ids.map((id) => {
    const row = table.byId.get(id);
    const x = row && col in row ? toNumeric(row[col]) : NaN;
    return Number.isNaN(x) ? 0 : x;
  }));
}

// usage_profile(schedule, demands, period, how="peak") for whole-number starts and durations:
// {period_start: [...], usage: {<resource>: [...]}}, the peak in use within each period.
export function usageProfile(rows, demands, period, startKey) {
  const ids = rows.map((r) => r.id);
  const units = alignedDemands(ids, demands);
  const columns = demandTable(demands).columns;
  const starts = rows.map((r) => r[startKey]);
  const finishes = rows.map((r, j) => starts[j] + r.duration);
  const end = finishes.length ? Math.max(...finishes) : 0;
  const nPeriods = end > 0 ? Math.ceil(end / period - 1e-12) : 0;
  const usage = {};
  columns.forEach((col, c) => {
    const delta = new Float64Array(nPeriods * period + 1);
    rows.forEach((_, j) => {
      if (finishes[j] > starts[j] && units[c][j] !== 0) {
        delta[starts[j]] += units[c][j];
        delta[finishes[j]] -= units[c][j];
      }
    });
    const peak = new Array(nPeriods).fill(0);
    let level = 0;
    for (let t = 0; t < nPeriods * period; t++) {
      level += delta[t];
      const k = Math.floor(t / period);
      if (level > peak[k]) peak[k] = level;
    }
    usage[col] = peak;
  });
  return { period_start: Array.from({ length: nPeriods }, (_, k) => k * period), usage };
}

// over_allocation(profile, capacities): [{period_start, resource, usage, capacity, excess}] in period order.
export function overAllocation(profile, capacities) {
  const columns = Object.keys(profile.usage);
  for (const res of columns) {
    if (!(res in capacities)) {
      const known = Object.keys(capacities).sort();
      throw new ResourceError(
        `no capacity for resource ${pyRepr(res)} (known: ${listRepr(known)}); ` +
          "add it to capacities or fix the resource name",
      );
    }
    if (!isNumber(capacities[res]) || capacities[res] < 0) {
      throw new ResourceError(
        `capacity of resource ${pyRepr(res)} is ${pyRepr(capacities[res])}; capacities must be numbers >= 0`,
      );
    }
  }
  const rows = [];
  profile.period_start.forEach((start, k) => {
    for (const res of columns) {
      const used = profile.usage[res][k];
      if (used > capacities[res]) {
        rows.push({ period_start: start, resource: res, usage: used, capacity: capacities[res],
          excess: used - capacities[res] });
      }
    }
  });
  return rows;
}

// standby_cost(delay, rates): one delay for every item, or an array of delays aligned with the
// rates (the Python mapping item -> delay). {table: [{item, quantity, rate, delay, cost}], total}.
export function standbyCost(delay, rates) {
  const table = rates.map((r, k) => ({ item: r.item, quantity: "quantity" in r ? r.quantity : 1, rate: r.rate,
    delay: Array.isArray(delay) ? delay[k] : delay }));
  for (const col of ["rate", "quantity", "delay"]) {
    for (const row of table) {
      const x = toNumeric(row[col]);
      if (Number.isNaN(x) || x < 0) {
        throw new ResourceError(`${col} of item ${pyRepr(row.item)} is ${pyRepr(row[col])}; use a number >= 0`);
      }
    }
  }
  for (const row of table) row.cost = row.delay * row.rate * row.quantity;
  return { table, total: table.reduce((sum, row) => sum + row.cost, 0) };
}
