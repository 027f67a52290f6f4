// The critical path method on the page, for what a reader types freely (durations, predecessors).
// Twin of followup/schedule.py: critical_path_method and links_from_predecessors (with its
// _split_entry). Same order of checks, passes, free-float rule, critical test and path order;
// messages are shorter. Change both, then run tests/test_parity.py. Pure: no DOM.

import { errorType } from "./panel.mjs";

// `where`: {activity, field} of the cell at fault when there is one, so a panel can mark that field.
export const ScheduleError = errorType("ScheduleError");

export const LINK_TYPES = ["FS", "SS", "FF", "SF"];
const FROM_FINISH = { FS: true, SS: false, FF: true, SF: false };
const TO_FINISH = { FS: false, SS: false, FF: true, SF: true };
export const MAX_PREDECESSORS_CHARS = 10000; // schedule.py's MAX_PREDECESSORS_CHARS
export const MAX_LAG = 1000000; // schedule.py's MAX_LAG

export const isNa = (v) => v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
const show = (v) => (typeof v === "string" ? `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'` : String(v));

function activityIds(activities) {
  if (!Array.isArray(activities) || activities.length === 0) {
    throw new ScheduleError("activities is empty: give at least one activity (a row with id and duration)");
  }
  const ids = activities.map((a, row) => {
    if (isNa(a.id)) throw new ScheduleError(`activity in row ${row} has no id: give every activity a unique id`);
    return String(a.id).trim();
  });
  const seen = new Set();
  for (const id of ids) {
    if (seen.has(id)) throw new ScheduleError(`duplicate activity id '${id}': every activity needs a unique id`);
    seen.add(id);
  }
  return ids;
}

// A duration as the panel gives it: a number (typed) or null (blank, not a number).
function durations(activities, ids) {
  return activities.map((a, i) => {
    if (typeof a.duration === "number" && Number.isFinite(a.duration) && a.duration >= 0) return a.duration;
    throw new ScheduleError(`activity '${ids[i]}' has ${isNa(a.duration) ? "no duration" : `duration ${show(a.duration)}`}` +
      ": give a number >= 0 (0 makes it a milestone)", { activity: ids[i], field: "duration" });
  });
}

// Links as linksFromPredecessors makes them (known ids, a type of LINK_TYPES, a finite lag): only a
// link of an activity to itself is left to refuse.
function linkArrays(links, ids) {
  const index = new Map(ids.map((id, i) => [id, i]));
  const rows = links ?? [];
  const pred = rows.map((l) => index.get(l.predecessor)), succ = rows.map((l) => index.get(l.successor));
  rows.forEach((l, k) => {
    if (pred[k] === succ[k]) {
      throw new ScheduleError(`activity '${l.successor}' is listed among its own predecessors: remove it`,
        { activity: l.successor, field: "predecessors" });
    }
  });
  return { pred, succ, kind: rows.map((l) => l.type), lag: rows.map((l) => l.lag) };
}

// schedule.py's _describe_cycle: walk back along blocked links from the first blocked activity.
function describeCycle(blocked, pred, succ, ids) {
  const back = new Map();
  pred.forEach((p, k) => { if (blocked[p] && blocked[succ[k]] && !back.has(succ[k])) back.set(succ[k], p); });
  let node = blocked.indexOf(true);
  const seen = new Map(), walk = [];
  while (!seen.has(node)) { seen.set(node, walk.length); walk.push(node); node = back.get(node); }
  let cycle = walk.slice(seen.get(node)).reverse();
  const start = cycle.indexOf(Math.min(...cycle));
  cycle = [...cycle.slice(start), ...cycle.slice(0, start), cycle[start]];
  return `the links form a cycle: ${cycle.map((i) => ids[i]).join(" -> ")}; remove or reverse one of these links`;
}

// The validated network, out-links per activity in link order, Kahn's order with ties in input order.
function compileNetwork(activities, links) {
  const ids = activityIds(activities);
  const d = durations(activities, ids);
  const { pred, succ, kind, lag } = linkArrays(links, ids);
  const n = ids.length;
  const out = Array.from({ length: n }, () => []);
  pred.forEach((p, k) => out[p].push(k));
  const indegree = new Array(n).fill(0);
  for (const s of succ) indegree[s] += 1;
  const order = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order.push(i);
  for (let head = 0; head < order.length; head++) {
    for (const k of out[order[head]]) if (--indegree[succ[k]] === 0) order.push(succ[k]);
  }
  if (order.length < n) throw new ScheduleError(describeCycle(indegree.map((x) => x > 0), pred, succ, ids));
  // ES_s >= ES_p + w for every link type (schedule.py's link offsets).
  const weights = lag.map((l, k) => l + (FROM_FINISH[kind[k]] ? d[pred[k]] : 0) - (TO_FINISH[kind[k]] ? d[succ[k]] : 0));
  const integral = d.every(Number.isInteger) && lag.every(Number.isInteger);
  return { ids, d, pred, succ, kind, lag, out, order, integral, weights };
}

// Critical paths along driving links between critical activities, depth first, in id order.
function criticalPaths(ids, critical, links) {
  const pairs = new Set(), list = [];
  for (const l of links) {
    const key = `${l.p},${l.s}`;
    if (l.driving && critical[l.p] && critical[l.s] && !pairs.has(key)) { pairs.add(key); list.push([l.p, l.s]); }
  }
  list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const nexts = ids.map(() => []);
  const incoming = ids.map(() => false);
  for (const [a, b] of list) { nexts[a].push(b); incoming[b] = true; }
  const starts = ids.flatMap((_, i) => (critical[i] && !incoming[i] ? [i] : []));
  // No count guard as in schedule.py (MAX_CRITICAL_PATHS): the panel's network has its case's ~30
  // activities, whose paths number at most 3^(30/3) = 59,049, below schedule.py's limit.
  const paths = [];
  for (const start of starts) {
    const stack = [[start, [start]]];
    while (stack.length) {
      const [node, path] = stack.pop();
      if (!nexts[node].length) paths.push(path.map((i) => ids[i]));
      for (let f = nexts[node].length - 1; f >= 0; f--) stack.push([nexts[node][f], [...path, nexts[node][f]]]);
    }
  }
  return paths;
}

// critical_path_method(activities, links): {table, duration, links, critical_paths}, rows in input order.
export function criticalPathMethod(activities, links = null) {
  const net = compileNetwork(activities, links);
  const { d, order, out, succ, pred, weights } = net;
  const es = d.map(() => 0);
  for (const node of order) for (const k of out[node]) es[succ[k]] = Math.max(es[succ[k]], es[node] + weights[k]);
  const ef = es.map((x, i) => x + d[i]);
  const end = Math.max(...ef);
  const ls = d.map((x) => end - x);
  for (let o = order.length - 1; o >= 0; o--) {
    const node = order[o];
    for (const k of out[node]) ls[node] = Math.min(ls[node], ls[succ[k]] - weights[k]);
  }
  const totalFloat = ls.map((x, i) => x - es[i]);
  const slack = weights.map((w, k) => es[succ[k]] - es[pred[k]] - w);
  const freeFloat = ef.map((x) => end - x);
  slack.forEach((s, k) => { if (s < freeFloat[pred[k]]) freeFloat[pred[k]] = s; });
  const tolerance = 1e-9 * Math.max(1, Math.abs(end));
  const minFloat = Math.min(...totalFloat);
  const critical = totalFloat.map((tf) => tf <= minFloat + tolerance);
  const t = net.integral && Number.isInteger(end) ? Math.round : (x) => x;
  const table = net.ids.map((id, i) => ({
    id, name: "name" in activities[i] ? activities[i].name : id, duration: t(d[i]),
    early_start: t(es[i]), early_finish: t(ef[i]), late_start: t(ls[i]), late_finish: t(ls[i] + d[i]),
    total_float: t(totalFloat[i]), free_float: t(freeFloat[i]), critical: critical[i],
  }));
  const linkTable = pred.map((p, k) => ({ predecessor: net.ids[p], successor: net.ids[succ[k]], type: net.kind[k],
    lag: t(net.lag[k]), slack: t(slack[k]), driving: slack[k] <= tolerance, p, s: succ[k] }));
  const paths = criticalPaths(net.ids, critical, linkTable);
  for (const l of linkTable) { delete l.p; delete l.s; }
  return { table, duration: t(end), links: linkTable, critical_paths: paths };
}

// schedule.py's _split_entry: "ID [TYPE][+-LAG]" in one pass (linear time, no backtracking).
// The lag is the text after the last sign when that is a number; the type two ASCII letters after a
// space at the end of the rest; the id what remains. null: an entry spanning lines.
export function splitEntry(token) {
  if (/[\n\r]/.test(token)) return null;
  let rest = token, lag = null;
  const sign = Math.max(token.lastIndexOf("+"), token.lastIndexOf("-"));
  if (sign >= 0) {
    const body = token.slice(sign + 1).replace(/^[ \t]+/, "");
    const head = token.slice(0, sign).trimEnd();
    if (head && /[0-9]$/.test(body) && /^[0-9]*$/.test(body.replace(".", ""))) {
      lag = token[sign] + body;
      rest = head;
    }
  }
  let kind = null;
  if (rest.length >= 4 && (rest[rest.length - 3] === " " || rest[rest.length - 3] === "\t") && /^[A-Za-z]{2}$/.test(rest.slice(-2))) {
    kind = rest.slice(-2);
    rest = rest.slice(0, -3).trimEnd();
  }
  return [rest, kind, lag];
}

// links_from_predecessors: "A; B SS+2; C FF-1; D +3" per activity -> link rows.
export function linksFromPredecessors(activities, column = "predecessors") {
  const ids = activityIds(activities);
  const known = new Set(ids);
  const rows = [];
  activities.forEach((a, row) => {
    const successor = ids[row];
    const at = { activity: successor, field: "predecessors" };
    if (isNa(a[column])) return;
    const text = String(a[column]);
    if (text.length > MAX_PREDECESSORS_CHARS) {
      throw new ScheduleError(`the predecessors of activity '${successor}' are ${text.length} characters long; ` +
        `list at most ${MAX_PREDECESSORS_CHARS}`, at);
    }
    for (const raw of text.split(/[;,]/)) {
      const token = raw.trim();
      if (!token) continue;
      const where = `activity '${successor}', entry ${show(token)}`;
      if (known.has(token)) { rows.push({ predecessor: token, successor, type: "FS", lag: 0 }); continue; }
      const parts = splitEntry(token);
      if (parts === null) throw new ScheduleError(`cannot read ${where}: write 'ID', 'ID SS', 'ID FF-1' or 'ID +2'`, at);
      let [predecessor, kind, lag] = parts;
      if (kind !== null && !LINK_TYPES.includes(kind.toUpperCase())) {
        // e.g. "road to -1": when "road to" is an id, that id with a lag; "road to": an id, not id + type "to"
        const whole = lag !== null ? `${predecessor} ${kind}` : token;
        if (!known.has(whole) && lag !== null) throw new ScheduleError(`unknown link type '${kind}' in ${where}: use one of ${LINK_TYPES.join(", ")}`, at);
        [predecessor, kind] = [whole, null];
      }
      if (!known.has(predecessor)) throw new ScheduleError(`${where}: no activity has the id ${show(predecessor)}`, at);
      const value = lag === null ? 0 : Number(lag.replace(/[ \t]/g, ""));
      if (!(Math.abs(value) <= MAX_LAG)) throw new ScheduleError(`the lag in ${where} is too large: give at most ${MAX_LAG}`, at);
      rows.push({ predecessor, successor, type: (kind ?? "FS").toUpperCase(), lag: value });
    }
  });
  return rows;
}
