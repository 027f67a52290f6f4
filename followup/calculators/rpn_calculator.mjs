// RPN / Action Priority calculator (chapter 4). The AIAG-VDA table is data Python computed
// (followup.risk.action_priority_letters, shipped as the trait ap_letters): the page looks ratings
// up. It ranks what the reader typed itself: rankRegister and sameRpnDifferentSeverity are the twins
// of followup/risk.py's rank_register and same_rpn_different_severity (messages shorter); change
// both, then run tests/test_parity.py. render() draws the panel.
import { h, bind, choiceTrait, control, errorType, grid, numberTrait, onEdit, panels, readNumber, summary } from "./panel.mjs";

// `where`: {row, rating} of the rating at fault, so the panel can mark that field.
export const RatingError = errorType("RatingError");

const AP_NAMES = { H: "High", M: "Medium", L: "Low" };
const AP_ORDER = { H: 0, M: 1, L: 2 };
const RATINGS = ["severity", "occurrence", "detection"];
const isRating = (v) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 10;

// risk.py's _id_column: rows are named by `risk`, else `id`, else position.
const idColumn = (register) => ["risk", "id"].find((c) => register.some((r) => c in r)) ?? null;

// Ratings checked column by column (all severities first), as risk.py's _triplet does.
function ratings(register) {
  if (!register.length) throw new RatingError("the risk register is empty: give at least one failure mode");
  const column = idColumn(register);
  for (const rating of RATINGS) {
    register.forEach((r, row) => {
      if (!isRating(r[rating])) {
        const name = column ? `${column} '${r[column]}'` : `row ${row}`;
        throw new RatingError(`${rating} of ${name} is ${r[rating] ?? "missing"}; ratings are whole numbers ` +
          "from 1 to 10", { row, rating });
      }
    });
  }
}

// The register with rpn and action_priority (letters: the shipped table), rows in input order.
function rated(register, letters) {
  ratings(register);
  const column = idColumn(register);
  const seen = new Set();
  for (const r of register) {
    if (column && seen.has(r[column])) throw new RatingError(`the risk register lists ${column} '${r[column]}' twice`);
    seen.add(r[column]);
  }
  return register.map((r) => ({ ...r, rpn: r.severity * r.occurrence * r.detection,
    action_priority: letters[100 * (r.severity - 1) + 10 * (r.occurrence - 1) + (r.detection - 1)] }));
}

const RANK_KEYS = { // risk.py's _RANK_KEYS (those the panel offers): descending, ties to input order
  rpn: (r) => [r.rpn, r.severity, r.occurrence, r.detection],
  ap: (r) => [-AP_ORDER[r.action_priority], r.severity, r.occurrence, r.detection],
  severity: (r) => [r.severity, r.occurrence, r.detection],
};

// rank_register: rows with rpn, action_priority and rank (1 = act first), sorted by rank; `row` is
// each one's input position. Rows equal on every key share a rank.
export function rankRegister(register, by, letters) {
  const rows = rated(register, letters).map((r, row) => ({ ...r, row }));
  const keys = rows.map(RANK_KEYS[by]);
  const order = rows.map((_, i) => i).sort((a, b) => {
    for (let j = 0; j < keys[a].length; j++) if (keys[a][j] !== keys[b][j]) return keys[b][j] - keys[a][j];
    return a - b;
  });
  let rank = 0;
  return order.map((i, pos) => {
    if (pos === 0 || keys[order[pos - 1]].some((v, j) => v !== keys[i][j])) rank = pos + 1;
    return { ...rows[i], rank };
  });
}

// same_rpn_different_severity: pairs with equal RPN whose severities differ by minGap or more.
export function sameRpnDifferentSeverity(register, minGap, letters) {
  if (!(Number.isInteger(minGap) && minGap >= 1 && minGap <= 9)) {
    throw new RatingError(`min_gap is ${minGap ?? "missing"}; give a whole number of severity steps from 1 to 9`,
      { rating: "gap" });
  }
  const column = idColumn(register);
  const table = rated(register, letters).map((r, row) => ({ ...r, name: column ? r[column] : row, row }));
  const pairs = [];
  for (const a of table) for (const b of table) if (a.rpn === b.rpn && a.severity - b.severity >= minGap) pairs.push([a, b]);
  pairs.sort(([a1, b1], [a2, b2]) => (a2.severity - b2.severity) - (a1.severity - b1.severity) || a2.rpn - a1.rpn ||
    a1.row - a2.row || b1.row - b2.row);
  return pairs.map(([a, b]) => ({ risk_a: a.name, risk_b: b.name, rpn: a.rpn, severity_a: a.severity,
    severity_b: b.severity, severity_gap: a.severity - b.severity, priority_a: a.action_priority,
    priority_b: b.action_priority }));
}

// ---------------------------------------------------------------------------------------------
// Drawing

function render({ model, el }) {
  const [p] = panels(el, "rpn", [model.get("title")]);
  const letters = model.get("ap_letters");
  const choices = Object.entries(model.get("rank_choices")).map(([value, label]) => ({ value, label }));
  const rankBy = control("select", "Rank by", { value: model.get("rank_by") }, choices);
  const gap = control("input", "Severity gap that counts as sharp", {
    type: "number", min: 1, max: 9, step: 1, value: model.get("min_gap") ?? "" });
  const hint = h("p", { class: "lm-calc-hint" }, "Rate each failure mode from 1 to 10: severity (S) of the " +
    "effect, occurrence (O) of the cause, detection (D), where 10 means hardest to detect.");
  const ratingsBox = h("div", { class: "lm-calc-table-wrap" });
  p.inputs.append(rankBy.field, gap.field, h("div", { class: "lm-calc-field wide" }, hint, ratingsBox));

  const copy = (rows) => rows.map((r) => ({ ...r }));
  let register = copy(model.get("register"));
  let cells = new Map(); // row -> output <td>s; "row:rating" -> its input
  const send = bind(model, {
    register: { read: () => copy(register), write: (v) => { register = copy(v); buildInputs(); } },
    rank_by: choiceTrait(rankBy.control),
    min_gap: numberTrait(gap.control),
  }, update);

  function buildInputs() {
    cells = new Map();
    const name = idColumn(register);
    const rows = register.map((r, i) => {
      const label = name ? String(r[name]) : `row ${i}`;
      const inputs = RATINGS.map((rt) => {
        const input = h("input", { type: "number", min: 1, max: 10, step: 1, value: r[rt] ?? "",
          "aria-label": `${rt[0].toUpperCase()}${rt.slice(1)} of ${label}`, "data-lm-suppress-shortcuts": true,
          oninput: (ev) => { register[i][rt] = readNumber(ev.target); send(); update(); } });
        cells.set(`${i}:${rt}`, input);
        return h("td", {}, input);
      });
      const out = { rpn: h("td", { class: "num lm-calc-out" }), ap: h("td", { class: "lm-calc-out" }),
        rank: h("td", { class: "num lm-calc-out" }) };
      cells.set(i, out);
      return h("tr", {}, h("th", { scope: "row" }, label), inputs, out.rpn, out.ap, out.rank);
    });
    ratingsBox.replaceChildren(grid("Failure modes: your ratings and what they give",
      ["Failure mode", "S", "O", "D", "RPN", "Action Priority", "Rank"], rows));
  }

  function update() {
    const by = rankBy.control.value;
    const minGap = readNumber(gap.control);
    let ranked, pairs;
    try {
      ranked = rankRegister(register, by, letters);
      pairs = sameRpnDifferentSeverity(register, minGap, letters);
    } catch (err) {
      const where = err.where ?? {};
      p.showError(err.message, where.rating === "gap" ? gap.control : cells.get(`${where.row}:${where.rating}`));
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
    const notice = pairs.length
      ? h("div", { class: "lm-calc-notice lm-calc-out", role: "status" },
        h("p", {}, h("strong", {}, "Same RPN, very different severity. "),
          "RPN ranks these pairs as equally urgent although one effect is far more severe:"),
        h("ul", {}, pairs.map((q) => h("li", {},
          `${q.risk_a} (S ${q.severity_a}) and ${q.risk_b} (S ${q.severity_b}) both have RPN ${q.rpn}, ` +
            `a severity gap of ${q.severity_gap}; ` + (q.priority_a !== q.priority_b
            ? `the Action Priority tells them apart (${q.priority_a} vs ${q.priority_b}).`
            : `the Action Priority gives both ${q.priority_a}.`)))))
      : h("p", { class: "lm-calc-hint lm-calc-out" },
        `No two failure modes share an RPN with severities ${minGap} or more apart.`);
    p.results.replaceChildren(
      h("p", { class: "lm-calc-out" }, `Ranked by ${choices.find((c) => c.value === by).label}. ` +
        `${ranked.filter((r) => r.action_priority === "H").length} of ${ranked.length} failure modes ` +
        "have Action Priority High."),
      summary(ranked.map((r) => [column ? String(r[column]) : `row ${r.row}`, ` — rank ${r.rank}: Action ` +
        `Priority ${AP_NAMES[r.action_priority]}, RPN ${r.rpn} (S ${r.severity}, O ${r.occurrence}, D ${r.detection})`]),
      { "aria-label": "Ranking, act first at the top" }, "ol"),
      notice);
  }

  onEdit([rankBy.control, gap.control], () => { send(); update(); });
  buildInputs();
  update();
}

export default { render };
