// The critical path method, mirroring followup/schedule.py step by step (pure: no DOM):
// the same validation order and messages, Kahn's order with ties in input order, the
// same passes, free-float rule, critical test and critical-path enumeration order.
import { closeMatch, isNa, pyRepr, toNumeric } from "./pymirror.mjs";

export class ScheduleError extends Error {
  constructor(message) {
    super(message);
    this.name = "ScheduleError";
  }
}

export const LINK_TYPES = ["FS", "SS", "FF", "SF"];
const FROM_FINISH = { FS: true, SS: false, FF: true, SF: false };
const TO_FINISH = { FS: false, SS: false, FF: true, SF: true };
const MAX_CRITICAL_PATHS = 100000;

function suggest(name, candidates) {
  const close = closeMatch(name, candidates);
  return close === null ? "" : ` — did you mean '${close}'?`;
}

function activityIds(activities) {
  if (!Array.isArray(activities) || activities.length === 0) {
    throw new ScheduleError("activities is empty: give at least one activity (a row with id and duration)");
  }
  activities.forEach((a, position) => {
    if (isNa(a.id)) {
      throw new ScheduleError(`activity in row ${position} has no id: give every activity a unique id`);
    }
  });
  const ids = activities.map((a) => String(a.id).trim());
  const seen = new Set();
  const duplicated = [];
  for (const id of ids) {
    if (seen.has(id) && !duplicated.includes(id)) duplicated.push(id);
    seen.add(id);
  }
  if (duplicated.length) {
    throw new ScheduleError(
      `duplicate activity id(s) [${duplicated.map(pyRepr).join(", ")}]: every activity needs a unique id`,
    );
  }
  return ids;
}

function durations(activities, ids) {
  return activities.map((a, position) => {
    const value = a.duration;
    const x = isNa(value) ? NaN : toNumeric(value);
    if (Number.isFinite(x) && x >= 0) return x;
    let problem;
    if (isNa(value)) problem = "has no duration";
    else if (Number.isNaN(x)) problem = `has a non-numeric duration ${pyRepr(value)}`;
    else if (!Number.isFinite(x)) problem = `has an infinite duration ${pyRepr(value)}`;
    else problem = `has a negative duration ${pyRepr(value)}`;
    throw new ScheduleError(
      `activity '${ids[position]}' ${problem}: give a number >= 0 (0 makes it a milestone)`,
    );
  });
}

function linkArrays(links, ids) {
  const index = new Map(ids.map((id, i) => [id, i]));
  const rows = links ?? [];
  const pred = [], succ = [], kind = [], lag = [];
  rows.forEach((l, position) => {
    const p = String(l.predecessor).trim();
    const s = String(l.successor).trim();
    if (!index.has(p) || !index.has(s)) {
      if (isNa(l.predecessor)) {
        throw new ScheduleError(`link in row ${position} (-> '${s}') has no predecessor id: fill it in or drop the row`);
      }
      if (isNa(l.successor)) {
        throw new ScheduleError(`link in row ${position} ('${p}' ->) has no successor id: fill it in or drop the row`);
      }
      if (!index.has(p)) {
        throw new ScheduleError(
          `activity '${s}' depends on unknown activity '${p}'${suggest(p, ids)} ` +
            `(link in row ${position}: add '${p}' to the activities or correct the id)`,
        );
      }
      throw new ScheduleError(
        `activity '${p}' is linked to unknown successor '${s}'${suggest(s, ids)} ` +
          `(link in row ${position}: add '${s}' to the activities or correct the id)`,
      );
    }
    pred.push(index.get(p));
    succ.push(index.get(s));
  });
  rows.forEach((_, position) => {
    if (pred[position] === succ[position]) {
      throw new ScheduleError(
        `activity '${ids[pred[position]]}' is linked to itself (link in row ${position}): remove that link`,
      );
    }
  });
  rows.forEach((l, position) => {
    const t = isNa(l.type) ? "FS" : String(l.type).trim().toUpperCase();
    if (!LINK_TYPES.includes(t)) {
      throw new ScheduleError(
        `link '${ids[pred[position]]}' -> '${ids[succ[position]]}' has unknown type ` +
          `${pyRepr(l.type)}: use one of ${LINK_TYPES.join(", ")}`,
      );
    }
    kind.push(t);
  });
  rows.forEach((l, position) => {
    const x = isNa(l.lag) ? 0 : toNumeric(l.lag);
    if (!Number.isFinite(x)) {
      throw new ScheduleError(
        `link '${ids[pred[position]]}' -> '${ids[succ[position]]}' has lag ${pyRepr(l.lag)}: ` +
          "give a finite number (negative for a lead) or leave it empty for 0",
      );
    }
    lag.push(x);
  });
  return { pred, succ, kind, lag };
}

function describeCycle(blocked, pred, succ, ids) {
  const firstBlockedPred = new Map();
  pred.forEach((p, k) => {
    const s = succ[k];
    if (blocked[p] && blocked[s] && !firstBlockedPred.has(s)) firstBlockedPred.set(s, p);
  });
  let node = blocked.indexOf(true);
  const seen = new Map();
  const walk = [];
  while (!seen.has(node)) {
    seen.set(node, walk.length);
    walk.push(node);
    node = firstBlockedPred.get(node);
  }
  let cycle = walk.slice(seen.get(node)).reverse(); // the walk went backwards
  const start = cycle.indexOf(Math.min(...cycle)); // begin at the activity listed first
  cycle = [...cycle.slice(start), ...cycle.slice(0, start)];
  const names = [...cycle, cycle[0]].map((i) => ids[i]).join(" -> ");
  return `the links form a cycle: ${names}; remove or reverse one of these links`;
}

// The validated network: ids, durations, links, out-links per activity (in link order), topological order.
export function compileNetwork(activities, links) {
  const ids = activityIds(activities);
  const d = durations(activities, ids);
  const { pred, succ, kind, lag } = linkArrays(links, ids);
  const n = ids.length;
  const out = Array.from({ length: n }, () => []);
  pred.forEach((p, k) => out[p].push(k));
  const indegree = new Array(n).fill(0);
  for (const s of succ) indegree[s] += 1;
  const queue = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  const order = [];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    order.push(node);
    for (const k of out[node]) {
      indegree[succ[k]] -= 1;
      if (indegree[succ[k]] === 0) queue.push(succ[k]);
    }
  }
  if (order.length < n) throw new ScheduleError(describeCycle(indegree.map((x) => x > 0), pred, succ, ids));
  const integral = d.every(Number.isInteger) && lag.every(Number.isInteger);
  // ES_s >= ES_p + w for every link type (schedule.py's weights).
  const weights = lag.map(
    (l, k) => l + (FROM_FINISH[kind[k]] ? d[pred[k]] : 0) - (TO_FINISH[kind[k]] ? d[succ[k]] : 0),
  );
  return { ids, durations: d, pred, succ, kind, lag, out, order, integral, weights };
}

export function forwardPass(net) {
  const es = new Array(net.ids.length).fill(0);
  for (const node of net.order) {
    for (const k of net.out[node]) {
      const candidate = es[node] + net.weights[k];
      if (candidate > es[net.succ[k]]) es[net.succ[k]] = candidate;
    }
  }
  return es;
}

function backwardPass(net, finish) {
  const ls = net.durations.map((d) => finish - d);
  for (let o = net.order.length - 1; o >= 0; o--) {
    const node = net.order[o];
    let latest = ls[node];
    for (const k of net.out[node]) {
      const candidate = ls[net.succ[k]] - net.weights[k];
      if (candidate < latest) latest = candidate;
    }
    ls[node] = latest;
  }
  return ls;
}

function criticalPaths(ids, critical, links) {
  const pairs = new Set();
  const list = [];
  links.forEach((l) => {
    if (!l.driving || !critical[l.p] || !critical[l.s]) return;
    const key = `${l.p},${l.s}`;
    if (!pairs.has(key)) {
      pairs.add(key);
      list.push([l.p, l.s]);
    }
  });
  list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const nexts = new Map();
  const hasIncoming = new Array(ids.length).fill(false);
  for (const [a, b] of list) {
    if (!nexts.has(a)) nexts.set(a, []);
    nexts.get(a).push(b);
    hasIncoming[b] = true;
  }
  const starts = [];
  for (let i = 0; i < ids.length; i++) if (critical[i] && !hasIncoming[i]) starts.push(i);
  const count = new Map();
  const nPaths = (node) => {
    const stack = [node];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const pending = (nexts.get(top) ?? []).filter((b) => !count.has(b));
      if (pending.length) stack.push(...pending);
      else {
        stack.pop();
        count.set(top, (nexts.get(top) ?? []).reduce((sum, b) => sum + count.get(b), 0) || 1);
      }
    }
    return count.get(node);
  };
  const total = starts.reduce((sum, node) => sum + nPaths(node), 0);
  if (total > MAX_CRITICAL_PATHS) {
    throw new ScheduleError(
      `the network has ${total} critical paths (ties multiply them): ` +
        "use schedule.critical_activities or the 'critical' column instead",
    );
  }
  const paths = [];
  for (const start of starts) {
    const stack = [[start, [start]]];
    while (stack.length) {
      const [node, path] = stack.pop();
      const following = nexts.get(node) ?? [];
      if (!following.length) paths.push(path.map((i) => ids[i]));
      for (let f = following.length - 1; f >= 0; f--) stack.push([following[f], [...path, following[f]]]);
    }
  }
  return paths;
}

// critical_path_method(activities, links): {table, duration, links, critical_paths}, with the
// table's rows in input order (id, name, duration, early/late dates, floats, critical).
export function criticalPathMethod(activities, links = null) {
  const net = compileNetwork(activities, links);
  const d = net.durations;
  const es = forwardPass(net);
  const ef = es.map((x, i) => x + d[i]);
  const duration = Math.max(...ef);
  const end = duration;
  const ls = backwardPass(net, end);
  const lf = ls.map((x, i) => x + d[i]);
  const totalFloat = ls.map((x, i) => x - es[i]);
  const linkSlack = net.weights.map((w, k) => es[net.succ[k]] - es[net.pred[k]] - w);
  const freeFloat = ef.map((x) => end - x);
  linkSlack.forEach((slack, k) => {
    if (slack < freeFloat[net.pred[k]]) freeFloat[net.pred[k]] = slack;
  });
  const tolerance = 1e-9 * Math.max(1, Math.abs(Math.max(Math.abs(end), duration)));
  const minFloat = Math.min(...totalFloat);
  const critical = totalFloat.map((tf) => tf <= minFloat + tolerance);
  const t = net.integral && Number.isInteger(end) ? Math.round : (x) => x;
  const table = net.ids.map((id, i) => ({
    id,
    name: "name" in activities[i] ? activities[i].name : id,
    duration: t(d[i]),
    early_start: t(es[i]),
    early_finish: t(ef[i]),
    late_start: t(ls[i]),
    late_finish: t(lf[i]),
    total_float: t(totalFloat[i]),
    free_float: t(freeFloat[i]),
    critical: critical[i],
  }));
  const linkTable = net.pred.map((p, k) => ({
    predecessor: net.ids[p],
    successor: net.ids[net.succ[k]],
    type: net.kind[k],
    lag: t(net.lag[k]),
    slack: t(linkSlack[k]),
    driving: linkSlack[k] <= tolerance,
    p,
    s: net.succ[k],
  }));
  const paths = criticalPaths(net.ids, critical, linkTable);
  for (const l of linkTable) {
    delete l.p;
    delete l.s;
  }
  return { table, duration: t(duration), links: linkTable, critical_paths: paths };
}

const TOKEN = /^(?<id>.*?\S)\s*?(?:\s(?<type>[A-Za-z]{2}))?\s*(?<lag>[+-]\s*\d*\.?\d+)?$/u;

// links_from_predecessors: "A; B SS+2; C FF-1; D +3" per activity -> link rows.
export function linksFromPredecessors(activities, column = "predecessors") {
  const ids = activityIds(activities);
  const known = new Set(ids);
  const rows = [];
  activities.forEach((a, position) => {
    const successor = ids[position];
    const cell = a[column];
    if (isNa(cell)) return;
    for (const raw of String(cell).split(/[;,]/)) {
      const token = raw.trim();
      if (!token) continue;
      const where = `row ${position} (activity '${successor}'), entry '${token}'`;
      if (known.has(token)) {
        rows.push({ predecessor: token, successor, type: "FS", lag: 0 });
        continue;
      }
      const match = TOKEN.exec(token);
      if (match === null) {
        throw new ScheduleError(`cannot read ${where}: write 'ID', 'ID SS', 'ID FF-1' or 'ID +2'`);
      }
      let { id: predecessor, type: kind, lag } = match.groups;
      if (kind !== undefined && !LINK_TYPES.includes(kind.toUpperCase())) {
        if (lag !== undefined) {
          throw new ScheduleError(`unknown link type '${kind}' in ${where}: use one of ${LINK_TYPES.join(", ")}`);
        }
        predecessor = token; // e.g. "road to": an id, not id + type "to"
        kind = undefined;
      }
      if (!known.has(predecessor)) {
        throw new ScheduleError(
          `activity '${successor}' depends on unknown activity '${predecessor}'${suggest(predecessor, ids)} (${where})`,
        );
      }
      rows.push({
        predecessor,
        successor,
        type: (kind ?? "FS").toUpperCase(),
        lag: lag === undefined ? 0 : Number(lag.replaceAll(" ", "")),
      });
    }
  });
  return rows;
}
