// RPN / Action Priority calculator (chapter 4). The compute functions mirror
// followup/risk.py (same table, same ranking rule, same messages); render() draws the panel.
import { pyRepr, pyFloatRepr } from "./pymirror.mjs";
import { h, checkInput, control, panel, parseNumber } from "./panel.mjs";

export class RatingError extends Error {
  constructor(message) {
    super(message);
    this.name = "RatingError";
  }
}

export class DataError extends Error {
  constructor(message) {
    super(message);
    this.name = "DataError";
  }
}

export class FollowupError extends Error {
  constructor(message) {
    super(message);
    this.name = "FollowupError";
  }
}

export const AP_LEVELS = ["H", "M", "L"];
const AP_NAMES = { H: "High", M: "Medium", L: "Low" };
const RATINGS = ["severity", "occurrence", "detection"];
const RULE = "ratings are whole numbers from 1 to 10";

export const SEVERITY_BANDS = [[9, 10], [7, 8], [4, 6], [2, 3], [1, 1]];
export const OCCURRENCE_BANDS = [[8, 10], [6, 7], [4, 5], [2, 3], [1, 1]];
export const DETECTION_BANDS = [[7, 10], [5, 6], [2, 4], [1, 1]];

// AIAG & VDA FMEA Handbook (2019), Action Priority for DFMEA and PFMEA:
// ACTION_PRIORITY_TABLE[severity band][occurrence band][detection band], bands as above.
export const ACTION_PRIORITY_TABLE = [
  [["H", "H", "H", "H"], ["H", "H", "H", "H"], ["H", "H", "H", "M"], ["H", "M", "L", "L"], ["L", "L", "L", "L"]],
  [["H", "H", "H", "H"], ["H", "H", "H", "M"], ["H", "M", "M", "M"], ["M", "M", "L", "L"], ["L", "L", "L", "L"]],
  [["H", "H", "M", "M"], ["M", "M", "M", "L"], ["M", "L", "L", "L"], ["L", "L", "L", "L"], ["L", "L", "L", "L"]],
  [["M", "M", "L", "L"], ["L", "L", "L", "L"], ["L", "L", "L", "L"], ["L", "L", "L", "L"], ["L", "L", "L", "L"]],
  [["L", "L", "L", "L"], ["L", "L", "L", "L"], ["L", "L", "L", "L"], ["L", "L", "L", "L"], ["L", "L", "L", "L"]],
];

const band = (bands, rating) => bands.findIndex(([low, high]) => low <= rating && rating <= high);

// How risk.py quotes a bad rating (_show).
function show(value) {
  if (typeof value === "boolean") return `${value ? "True" : "False"} (a yes/no value)`;
  if (typeof value === "string") return `${pyRepr(value)} (text)`;
  if (value === null || value === undefined) return "missing";
  if (Number.isNaN(value)) return "missing (NaN)";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  return String(value);
}

const isWholeRating = (v) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 10;

function rating(value, name, where = "") {
  if (!isWholeRating(value)) throw new RatingError(`${name}${where} is ${show(value)}; ${RULE}`);
  return value;
}

export function rpn(severity, occurrence, detection) {
  return rating(severity, "severity") * rating(occurrence, "occurrence") * rating(detection, "detection");
}

export function actionPriority(severity, occurrence, detection) {
  const s = rating(severity, "severity");
  const o = rating(occurrence, "occurrence");
  const d = rating(detection, "detection");
  return ACTION_PRIORITY_TABLE[band(SEVERITY_BANDS, s)][band(OCCURRENCE_BANDS, o)][band(DETECTION_BANDS, d)];
}

// The register as risk.py sees it: a DataFrame built from the rows, whose columns are
// the keys in order of first appearance; a key a row lacks reads as NaN.
function columnsOf(register) {
  const columns = [];
  for (const r of register) for (const key of Object.keys(r)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

const cell = (r, key) => (key in r ? r[key] : NaN);

// risk.py's _id_column / _row_labels: name rows by `risk`, else `id`, else position.
function idColumn(register) {
  const columns = columnsOf(register);
  return ["risk", "id"].find((c) => columns.includes(c)) ?? null;
}

function rowLabels(register) {
  const column = idColumn(register);
  if (column === null) return register.map((_, i) => ` of row ${i}`);
  return register.map((r) => ` of ${column === "risk" ? "risk" : "id"} ${pyRepr(cell(r, column))}`);
}

// Ratings checked column by column (all severities first), like risk.py's _triplet.
function registerRatings(register) {
  const columns = columnsOf(register);
  const missing = RATINGS.filter((c) => !columns.includes(c));
  if (missing.length) {
    const found = columns.map(pyRepr).join(", ") || "none";
    throw new DataError(
      `the risk register has no column ${missing.map(pyRepr).join(", ")}; ` +
        `it needs ${RATINGS.map(pyRepr).join(", ")} (found: ${found})`,
    );
  }
  const labels = rowLabels(register);
  const cols = RATINGS.map((name) =>
    register.map((r, i) => {
      const value = cell(r, name);
      if (!isWholeRating(value)) throw new RatingError(`${name}${labels[i]} is ${show(value)}; ${RULE}`);
      return value;
    }),
  );
  return register.map((_, i) => cols.map((c) => c[i]));
}

const RANK_KEYS = {
  rpn: (r) => [r.rpn, r.severity, r.occurrence, r.detection],
  ap: (r) => [-AP_LEVELS.indexOf(r.action_priority), r.severity, r.occurrence, r.detection],
  severity: (r) => [r.severity, r.occurrence, r.detection],
};

// The ranking as positions: `rows` (input order, with rpn and action_priority), `order`
// (input positions, act first at the top) and `ranks` (aligned with `order`).
export function rankPositions(register, by = "rpn") {
  if (!(by in RANK_KEYS)) {
    throw new FollowupError(
      `rank_register(by=${pyRepr(by)}) is not a ranking; use one of 'rpn', 'ap', 'severity', 'emv'`,
    );
  }
  const triplets = registerRatings(register);
  const rows = register.map((r, i) => {
    const [s, o, d] = triplets[i];
    return { ...r, rpn: s * o * d, action_priority: actionPriority(s, o, d) };
  });
  const column = idColumn(register);
  if (column !== null) {
    const seen = new Set();
    for (const r of register) {
      const name = cell(r, column);
      if (seen.has(name)) {
        throw new DataError(
          `the risk register lists ${column} ${pyRepr(name)} twice; give every risk its own ${column}`,
        );
      }
      seen.add(name);
    }
  }
  const keys = rows.map(RANK_KEYS[by]);
  const order = rows.map((_, i) => i);
  // Descending on every key; rows equal on all keys keep their input order and share a rank.
  order.sort((a, b) => {
    for (let j = 0; j < keys[a].length; j++) if (keys[a][j] !== keys[b][j]) return keys[b][j] - keys[a][j];
    return a - b;
  });
  let rank = 0;
  const ranks = order.map((i, pos) => {
    const prev = order[pos - 1];
    if (prev === undefined || keys[prev].some((v, j) => v !== keys[i][j])) rank = pos + 1;
    return rank;
  });
  return { rows, order, ranks };
}

// rank_register: rows with rpn, action_priority and rank (1 = act first), sorted by rank.
export function rankRegister(register, by = "rpn") {
  const { rows, order, ranks } = rankPositions(register, by);
  return order.map((i, pos) => ({ ...rows[i], rank: ranks[pos] }));
}

// Pairs with equal RPN whose severities differ by at least minGap (risk.py's same_rpn_different_severity).
export function sameRpnDifferentSeverity(register, minGap = 5) {
  if (!(typeof minGap === "number" && Number.isInteger(minGap) && minGap >= 1 && minGap <= 9)) {
    throw new FollowupError(
      `min_gap is ${pyRepr(minGap)}; give a whole number of severity steps from 1 to 9`,
    );
  }
  const triplets = registerRatings(register);
  const column = idColumn(register);
  const table = register.map((r, i) => {
    const [s, o, d] = triplets[i];
    return { name: column ? cell(r, column) : i, rpn: s * o * d, severity: s, priority: actionPriority(s, o, d), row: i };
  });
  const pairs = [];
  for (const a of table) {
    for (const b of table) {
      if (a.rpn === b.rpn && a.severity - b.severity >= minGap) pairs.push([a, b]);
    }
  }
  pairs.sort(([a1, b1], [a2, b2]) =>
    (a2.severity - b2.severity) - (a1.severity - b1.severity) || a2.rpn - a1.rpn || a1.row - a2.row || b1.row - b2.row,
  );
  return pairs.map(([a, b]) => ({
    risk_a: a.name,
    risk_b: b.name,
    rpn: a.rpn,
    severity_a: a.severity,
    severity_b: b.severity,
    severity_gap: a.severity - b.severity,
    priority_a: a.priority,
    priority_b: b.priority,
  }));
}

// ---------------------------------------------------------------------------------------------
// Drawing

const RANK_CHOICES = [
  { value: "ap", label: "Action Priority (H > M > L)" },
  { value: "rpn", label: "RPN (S × O × D)" },
  { value: "severity", label: "Severity" },
];

function render({ model, el }) {
  el.setAttribute("data-lm-calculator", "rpn"); // how the browser tests find it
  const p = panel(el, model.get("title"));
  const rankBy = control("select", "Rank by", { value: model.get("rank_by") }, RANK_CHOICES);
  const gap = control("input", "Severity gap that counts as sharp", {
    type: "number", min: 1, max: 9, step: 1, value: model.get("min_gap"),
  });
  const hint = h(
    "p",
    { class: "lm-calc-hint" },
    "Rate each failure mode from 1 to 10: severity (S) of the effect, occurrence (O) of the cause, " +
      "detection (D), where 10 means hardest to detect.",
  );
  const ratingsBox = h("div", { class: "lm-calc-table-wrap" });
  p.inputs.append(rankBy.field, gap.field, h("div", { class: "lm-calc-field wide" }, hint, ratingsBox));

  let register = model.get("register").map((r) => ({ ...r }));
  let lastSent = JSON.stringify(register);
  const cells = new Map(); // "row:rating" -> output <td>s of that row

  function readRating(input) {
    // A blank or non-numeric entry becomes None on the Python side: "missing".
    return input.validity && input.validity.badInput ? null : parseNumber(input.value);
  }

  function buildInputs() {
    cells.clear();
    const name = idColumn(register) ?? null;
    const rows = register.map((r, i) => {
      const label = name ? String(r[name]) : `row ${i}`;
      const inputs = RATINGS.map((rt) =>
        h("td", {}, h("input", {
          type: "number", min: 1, max: 10, step: 1, value: r[rt] ?? "",
          "aria-label": `${rt[0].toUpperCase()}${rt.slice(1)} of ${label}`,
          "data-lm-suppress-shortcuts": true,
          "data-row": i, "data-rating": rt,
          oninput: (ev) => {
            register[i][rt] = readRating(ev.target);
            send();
            update();
          },
        })),
      );
      const out = {
        rpn: h("td", { class: "num lm-calc-out" }),
        ap: h("td", { class: "lm-calc-out" }),
        rank: h("td", { class: "num lm-calc-out" }),
      };
      cells.set(i, out);
      return h("tr", {}, h("th", { scope: "row" }, label), inputs, out.rpn, out.ap, out.rank);
    });
    ratingsBox.replaceChildren(
      h("table", { class: "lm-calc-table" },
        h("caption", {}, "Failure modes: your ratings and what they give"),
        h("thead", {}, h("tr", {}, ["Failure mode", "S", "O", "D", "RPN", "Action Priority", "Rank"]
          .map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rows)),
    );
  }

  function send() {
    lastSent = JSON.stringify(register);
    model.set("register", register.map((r) => ({ ...r })));
    model.set("rank_by", rankBy.control.value);
    model.set("min_gap", parseNumber(gap.control.value));
    model.save_changes();
  }

  function update() {
    const by = rankBy.control.value;
    const minGap = parseNumber(gap.control.value);
    let ranked, pairs;
    try {
      const { rows, order, ranks } = rankPositions(register, by);
      ranked = order.map((i, pos) => ({ ...rows[i], rank: ranks[pos], row: i }));
      checkInput(minGap, "The severity gap", "give a whole number of severity steps from 1 to 9",
        (x) => Number.isInteger(x) && x >= 1 && x <= 9);
      pairs = sameRpnDifferentSeverity(register, minGap);
    } catch (err) {
      p.showError(err.message);
      return;
    }
    p.showResult();
    const column = idColumn(register);
    for (const r of ranked) {
      const out = cells.get(r.row);
      out.rpn.textContent = String(r.rpn);
      out.ap.textContent = `${r.action_priority} (${AP_NAMES[r.action_priority]})`;
      out.rank.textContent = String(r.rank);
    }
    const list = h("ol", { class: "lm-calc-summary lm-calc-out", "aria-label": "Ranking, act first at the top" },
      ranked.map((r) => h("li", {},
        h("strong", {}, column ? String(r[column]) : `row ${r.row}`),
        ` — rank ${r.rank}: Action Priority ${AP_NAMES[r.action_priority]}, RPN ${r.rpn} ` +
          `(S ${r.severity}, O ${r.occurrence}, D ${r.detection})`)));
    const notice = pairs.length
      ? h("div", { class: "lm-calc-notice lm-calc-out", role: "status" },
          h("p", {}, h("strong", {}, "Same RPN, very different severity. "),
            "RPN ranks these pairs as equally urgent although one effect is far more severe:"),
          h("ul", {}, pairs.map((q) => h("li", {},
            `${q.risk_a} (S ${q.severity_a}) and ${q.risk_b} (S ${q.severity_b}) both have RPN ${q.rpn}, ` +
              `a severity gap of ${q.severity_gap}; ` +
              (q.priority_a !== q.priority_b
                ? `the Action Priority tells them apart (${q.priority_a} vs ${q.priority_b}).`
                : `the Action Priority gives both ${q.priority_a}.`)))))
      : h("p", { class: "lm-calc-hint lm-calc-out" },
          `No two failure modes share an RPN with severities ${minGap} or more apart.`);
    p.results.replaceChildren(
      h("p", { class: "lm-calc-out" }, `Ranked by ${RANK_CHOICES.find((c) => c.value === by).label}. ` +
        `${ranked.filter((r) => r.action_priority === "H").length} of ${ranked.length} failure modes ` +
        "have Action Priority High."),
      list,
      notice,
    );
  }

  rankBy.control.addEventListener("change", () => { send(); update(); });
  gap.control.addEventListener("input", () => { send(); update(); });
  model.on("change:register", () => {
    if (JSON.stringify(model.get("register")) === lastSent) return;
    register = model.get("register").map((r) => ({ ...r }));
    lastSent = JSON.stringify(register);
    buildInputs();
    update();
  });
  model.on("change:rank_by", () => { rankBy.control.value = model.get("rank_by"); update(); });
  model.on("change:min_gap", () => {
    if (parseNumber(gap.control.value) !== model.get("min_gap")) gap.control.value = model.get("min_gap") ?? "";
    update();
  });
  buildInputs();
  update();
}

export default { render };
