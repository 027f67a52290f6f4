// Goal calculator (chapter 1). Python computes every finite input space when the notebook runs
// (the replenishment policy grid and the best policy for every target, the demonstrating sample of
// each plan and its OC curve) and ships it in the model; this module draws and picks. Only what
// the reader types freely is computed here, each function naming its Python twin (parity:
// tests/test_parity_goals.py):
//   passProbability        <-> followup.acceptance.pass_probability
//   demonstratedConfidence <-> followup.acceptance.demonstrated_confidence
// Messages are the page's own (a value shown as typed, not in Python's repr); the parity test
// requires a refusal wherever Python refuses, of the same error class.
import { h, s, axis, bind, chart, choiceTrait, control, errorType, fmt, numberTrait, onEdit, panels, summary,
  ticks } from "./panel.mjs";

export const FollowupError = errorType("FollowupError");

// acceptance.py's MAX_SAMPLE and MAX_FAILURES: the bounds of every loop below.
export const MAX_SAMPLE = 100000;
export const MAX_FAILURES = 50;

const isReal = (v) => typeof v === "number" && Number.isFinite(v);
const isWhole = (v) => isReal(v) && Number.isInteger(v);
// A refused value as the message quotes it: text in quotes, a missing value as "missing".
const shown = (v) => (typeof v === "string" ? JSON.stringify(v.slice(0, 60)) : v === null || v === undefined
  ? "missing" : typeof v === "number" ? fmt(v, 6) : String(v));
// Python's format(x, ".2%").
const pct2 = (x) => `${(100 * x).toFixed(2)}%`;

// The best policy meeting a target (a share), or why none does: `steps` are best_policy's answers at
// every stock-out rate of the grid (followup.calculators.goal_calculator.best_steps), the answer for a
// target is the last step at or below it. A lookup, not a twin: the rule stays in Python.
export function bestAt(steps, policies, target) {
  const step = steps.findLast((st) => st.rate <= target);
  return step ? { row: policies[step.row] } : { note: "no policy in the grid keeps the stock-out rate at or below " +
    `${pct2(target)} (the lowest is ${pct2(steps[0].rate)}); raise the target or extend the grid's safety factors` };
}

// acceptance.py's _plan and _share, same checks in the same order, same messages.
function plan(n, c) {
  if (!isWhole(n) || n < 1 || n > MAX_SAMPLE) {
    throw new FollowupError(`sample_size is ${shown(n)}; give a whole number of units from 1 to 100,000`);
  }
  if (!isWhole(c) || c < 0 || c > MAX_FAILURES) {
    throw new FollowupError(`failures_allowed is ${shown(c)}; give a whole number from 0 to ${MAX_FAILURES}`);
  }
  if (c >= n) {
    throw new FollowupError(`failures_allowed (${c}) must be smaller than sample_size (${n}); otherwise every run passes`);
  }
}

function share(value, name, closed) {
  const ok = isReal(value) && (closed ? value >= 0 && value <= 1 : value > 0 && value < 1);
  if (!ok) {
    const bounds = closed ? "from 0 to 1" : "strictly between 0 and 1";
    throw new FollowupError(`${name} is ${shown(value)}; give a share ${bounds} (e.g. 0.95 for 95 %)`);
  }
  return value;
}

// P(at most c failures among n) for a failure probability p: the binomial CDF summed term by
// term in logs (c <= MAX_FAILURES terms); twin of _binomial_cdf in followup/acceptance.py (same sum, same order).
function binomCdf(c, n, p) {
  if (p === 0) return 1;
  if (p === 1) return 0;
  const logP = Math.log(p), logQ = Math.log1p(-p);
  let logChoose = 0, total = 0;
  for (let k = 0; k <= c; k += 1) {
    if (k > 0) logChoose += Math.log(n - k + 1) - Math.log(k);
    total += Math.exp(logChoose + k * logP + (n - k) * logQ);
  }
  return Math.min(1, total);
}

// pass_probability
export function passProbability(n, c, trueYield) {
  plan(n, c);
  return binomCdf(c, n, 1 - share(trueYield, "true_yield", true));
}

// demonstrated_confidence
export function demonstratedConfidence(n, c, targetYield) {
  const target = share(targetYield, "target_yield", false);
  return 1 - passProbability(n, c, target);
}

// ------------------------------------------------------------------------------- drawing
const pct = (x, digits = 1) => `${fmt(100 * x, digits)} %`;
// A probability as a reader reads it: one decimal, and a bound where one decimal would round to 0 or 100.
const chance = (x) => (x > 0 && x < 0.0005 ? "< 0.05 %" : x < 1 && x > 0.9995 ? "> 99.95 %" : pct(x));
const percentLabel = (v) => `${fmt(100 * v, 0)} %`;

const MARKERS = ["circle", "rect", "diamond", "triangle"];

function marker(kind, x, y, r, attrs) {
  if (kind === "rect") return s("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, ...attrs });
  if (kind === "diamond") return s("polygon", { points: `${x},${y - r * 1.3} ${x + r * 1.3},${y} ${x},${y + r * 1.3} ${x - r * 1.3},${y}`, ...attrs });
  if (kind === "triangle") return s("polygon", { points: `${x},${y - r * 1.3} ${x + r * 1.2},${y + r} ${x - r * 1.2},${y + r}`, ...attrs });
  return s("circle", { cx: x, cy: y, r, ...attrs });
}

// Stock-out rate against turnover (log scale), one line per review period; the chosen policy,
// the best one meeting the target and the target itself marked.
function tradeoffChart(policies, chosen, best, target, asIs) {
  const width = 700, left = 64, right = 16, top = 14, plotH = 220, bottom = 48;
  const periods = [...new Set(policies.map((p) => p.review_period))].sort((a, b) => a - b);
  const turn = policies.map((p) => p.turnover);
  const lo = Math.log(Math.min(...turn, asIs.turnover) * 0.9), hi = Math.log(Math.max(...turn) * 1.1);
  const yMax = Math.max(...policies.map((p) => p.stockout_rate), target ?? 0) * 1.08;
  const x = (t) => left + ((Math.log(t) - lo) / (hi - lo)) * (width - left - right);
  const y = (r) => top + plotH - (plotH * r) / yMax;
  const svg = chart("Stock-out rate against inventory turnover, one line per review period",
    `Each point is a policy of the grid; the safety factor rises to the left. Chosen: review every ` +
      `${chosen.review_period} days, z = ${chosen.safety_factor}, turnover ${fmt(chosen.turnover, 1)}, stock-outs ` +
      `${pct(chosen.stockout_rate)}.` + (best ? ` Best meeting the target: turnover ${fmt(best.turnover, 1)}.` : ""),
    width, top + plotH + bottom, "lm-calc-goal-chart");
  axis(svg, "y", ticks(0, yMax, 0.02), y, { from: left, to: width - right, at: left - 6, label: percentLabel });
  axis(svg, "x", [10, 20, 50, 100, 200, 500].filter((t) => Math.log(t) > lo && Math.log(t) < hi), x,
    { from: top, to: top + plotH, at: top + plotH + 14 });
  periods.forEach((period, k) => {
    const rows = policies.filter((p) => p.review_period === period);
    svg.append(s("polyline", { class: "curve", fill: "none", stroke: "currentColor", "stroke-opacity": 0.55,
      "stroke-dasharray": ["", "6 3", "2 3", "8 2 2 2"][k % 4],
      points: rows.map((p) => `${x(p.turnover)},${y(p.stockout_rate)}`).join(" ") }));
    for (const p of rows) svg.append(marker(MARKERS[k % 4], x(p.turnover), y(p.stockout_rate), 2.5, { fill: "currentColor", "fill-opacity": 0.55 }));
    const last = rows[0];
    svg.append(s("text", { x: x(last.turnover) - 4, y: y(last.stockout_rate) - 6, "text-anchor": "end" },
      `every ${period} d`));
  });
  if (target !== null) {
    svg.append(s("line", { class: "target", x1: left, x2: width - right, y1: y(target), y2: y(target) }),
      s("text", { x: width - right, y: y(target) - 4, "text-anchor": "end" }, `target ${pct(target)}`));
  }
  svg.append(marker("diamond", x(asIs.turnover), y(asIs.stockout_rate), 5, { fill: "none", stroke: "currentColor", "stroke-width": 1.5 },
  ), s("text", { x: x(asIs.turnover) + 8, y: y(asIs.stockout_rate) + 14 }, "as-is"));
  if (best) {
    svg.append(s("circle", { cx: x(best.turnover), cy: y(best.stockout_rate), r: 8, fill: "none", class: "marker" }));
  }
  svg.append(s("circle", { cx: x(chosen.turnover), cy: y(chosen.stockout_rate), r: 5, class: "bar supply" }),
    s("text", { x: left, y: top + plotH + 30 }, "turnover per year (log scale) · dot: yours · " +
      "ring: best at the target · ◇: the stores' own"));
  return svg;
}

// OC curves: P(pass) against the true yield for the typed plan (solid) and the plan that
// demonstrates the target at the confidence picked (dashed).
function ocChart(yields, typed, required, target, labels) {
  const width = 700, left = 56, right = 16, top = 14, plotH = 200, bottom = 64;
  const x0 = yields[0], x1 = yields[yields.length - 1];
  const x = (v) => left + ((v - x0) / (x1 - x0)) * (width - left - right);
  const y = (p) => top + plotH - plotH * p;
  // The reader's plan may be the demonstrating plan itself: then one curve, named once.
  const same = labels[0] === labels[1];
  const key = same ? `solid: ${labels[0]}, the plan that demonstrates the target`
    : `solid: ${labels[0]} · dashed: ${labels[1]}`;
  const svg = chart("Operating characteristic: probability the trial run passes against the line's true yield",
    `${same ? labels[0] : `${labels[0]} (solid) and ${labels[1]} (dashed)`}; the dotted line marks the target ` +
      `yield ${pct(target, 0)}.`, width, top + plotH + bottom, "lm-calc-goal-chart");
  axis(svg, "y", ticks(0, 1, 0.25), y, { from: left, to: width - right, at: left - 6, label: percentLabel });
  // x labels a line below the y axis's "0 %", so the two corner labels do not touch.
  axis(svg, "x", ticks(Math.ceil(x0 * 100), x1 * 100, 2), (v) => x(v / 100), { at: top + plotH + 20, label: (v) => `${v} %` });
  svg.append(s("line", { class: "target", x1: x(target), x2: x(target), y1: top, y2: top + plotH }));
  const line = (values, dashed) => s("polyline", { class: `curve${dashed ? " dashed" : ""}`,
    stroke: dashed ? "currentColor" : "var(--lm-calc-accent)",
    points: values.map((p, k) => `${x(yields[k])},${y(p)}`).join(" ") });
  if (!same) svg.append(line(required, true));
  svg.append(line(typed, false),
    s("text", { x: (left + width - right) / 2, y: top + plotH + 38, "text-anchor": "middle" }, "line's true yield"),
    s("text", { x: left, y: top + plotH + 56 }, key));
  return svg;
}

function render({ model, el }) {
  const [b, p] = panels(el, "goal", [`${model.get("title")} — business: a KPI that is never done`,
    "Project: the acceptance test of the yield in the charter"]);
  const policies = model.get("policies");
  const asIs = model.get("as_is");

  // -------- business side: pick a policy of the grid, and the best one under a typed target
  const periods = [...new Set(policies.map((p) => p.review_period))].sort((a, c) => a - c);
  const factors = [...new Set(policies.map((p) => p.safety_factor))].sort((a, c) => a - c);
  const period = control("select", "Review period", { value: String(model.get("review_period")) },
    periods.map((p) => ({ value: String(p), label: p === 1 ? "every day" : `every ${p} days` })));
  const factorIndex = Math.max(0, factors.indexOf(model.get("safety_factor")));
  const factor = control("input", "Safety factor z", { type: "range", min: 0, max: factors.length - 1, step: 1,
    value: factorIndex, "aria-valuetext": `z = ${factors[factorIndex]}` });
  const factorShown = h("output", { "aria-hidden": "true" }, `z = ${factors[factorIndex]}`);
  factor.field.append(factorShown);
  const target = control("input", "Stock-out target (% of SKU-days)", { type: "number", min: 0, max: 100, step: 0.5,
    value: model.get("stockout_target") ?? "" });
  b.inputs.append(period.field, factor.field, target.field, h("p", { class: "lm-calc-hint" },
    `${policies.length} policies simulated in Python on 2025's daily demand of the chapter's 72 SKU-store series, ` +
      "levels set from 2024: S = mean × (R + L) + z × sd × √(R + L). Stock-out rate: share of SKU-days with unmet " +
      "demand; fill rate: units sold / units demanded; turnover: cost of goods sold / average stock at cost."));
  // The slider moves along the grid's safety factors; the model holds the factor itself.
  const factorTrait = { read: () => factors[Number(factor.control.value)],
    write: (z) => { factor.control.value = String(Math.max(0, factors.indexOf(z))); } };

  function updateBusiness() {
    const z = factorTrait.read();
    const chosen = policies.find((row) => row.review_period === Number(period.control.value) && row.safety_factor === z);
    factorShown.textContent = `z = ${z}`;
    factor.control.setAttribute("aria-valuetext", `z = ${z}`);
    const value = b.checked(target.control, "The stock-out target", "give a percentage of SKU-days from 0 to 100 " +
      "(e.g. 2)", (v) => v >= 0 && v <= 100, " %");
    if (value === null) return;
    b.showResult();
    const best = model.get("best");
    const inPeriod = bestAt(best[chosen.review_period], policies, value / 100);
    const overall = bestAt(best.all, policies, value / 100);
    const describe = (r) => `review every ${r.review_period} d, z = ${r.safety_factor}: turnover ` +
      `${fmt(r.turnover, 1)} a year, stock-outs ${pct(r.stockout_rate)} of SKU-days, fill rate ${pct(r.fill_rate)}`;
    const review = chosen.review_period === 1 ? "daily" : `${chosen.review_period}-day`;
    b.results.replaceChildren(
      summary([
        ["Your policy: ", `${describe(chosen)}; average stock CNY ${fmt(chosen.average_stock_cost, 0)} at cost.`],
        ["The stores' own policy (weekly): ", `turnover ${fmt(asIs.turnover, 1)}, stock-outs ` +
          `${pct(asIs.stockout_rate)}, fill rate ${pct(asIs.fill_rate)}.`],
        [`Best within ${review} review meeting ${fmt(value, 2)} %: `, inPeriod.row ? `${describe(inPeriod.row)}.` : inPeriod.note],
        ["Best of any review period: ", overall.row ? `${describe(overall.row)}.` : overall.note]]),
      h("div", { class: "lm-calc-table-wrap lm-calc-out" },
        tradeoffChart(policies, chosen, inPeriod.row ?? null, value / 100, asIs)),
    );
  }

  // -------- project side: pick a plan, type a sample size
  const plans = model.get("plans");
  const yields = model.get("oc_yields");
  const goal = model.get("target_yield");
  const confidences = [...new Set(plans.map((r) => r.confidence))];
  const failures = [...new Set(plans.map((r) => r.failures_allowed))];
  const confidence = control("select", "Confidence", { value: String(model.get("confidence")) },
    confidences.map((c) => ({ value: String(c), label: pct(c, 0) })));
  const allowed = control("select", "Failures allowed", { value: String(model.get("failures_allowed")) },
    failures.map((c) => ({ value: String(c), label: String(c) })));
  const units = control("input", "Units tested in the trial run", { type: "number", min: 1, max: MAX_SAMPLE, step: 1,
    value: model.get("sample_size") ?? "" });
  const required = h("p", { class: "lm-calc-hint" });
  p.inputs.append(confidence.field, allowed.field, units.field, required);

  const planOf = () => plans.find((r) => r.confidence === Number(confidence.control.value)
    && r.failures_allowed === Number(allowed.control.value));

  function updateProject() {
    const chosen = planOf();
    const c = chosen.failures_allowed;
    required.textContent = `To demonstrate a yield of ${pct(goal, 0)} at ${pct(chosen.confidence, 0)} confidence ` +
      `with ${c} failure${c === 1 ? "" : "s"} allowed, test ${fmt(chosen.sample_size, 0)} units (computed in Python). ` +
      "Type another number of units to see what that plan would show.";
    const n = p.checked(units.control, "The number of units tested", `give a whole number of units from ${c + 1} ` +
      `(more than the failures allowed) to ${fmt(MAX_SAMPLE, 0)}`, (v) => Number.isInteger(v) && v > c && v <= MAX_SAMPLE);
    if (n === null) return;
    p.showResult();
    const shown = demonstratedConfidence(n, c, goal);
    const passes = [0.93, 0.95, 0.97].map((yv) => passProbability(n, c, yv));
    const curve = yields.map((yv) => passProbability(n, c, yv));
    const planText = `${fmt(n, 0)} units, at most ${c} failing`;
    p.results.replaceChildren(
      summary([
        ["Confidence demonstrated: ", `passing ${planText} shows a yield of at least ${pct(goal, 0)} with ` +
          `${chance(shown)} confidence` +
          (shown + 1e-12 >= chosen.confidence ? "." : ` — short of the ${pct(chosen.confidence, 0)} asked for.`)],
        ["Chance a line passes: ", `true yield 93 %: ${chance(passes[0])}; 95 %: ${chance(passes[1])}; ` +
          `97 %: ${chance(passes[2])}.`]]),
      // Wide enough to read on a phone: the chart scrolls sideways rather than shrinking its text.
      h("div", { class: "lm-calc-table-wrap lm-calc-out" },
        ocChart(yields, curve, chosen.oc, goal, [planText, `${fmt(chosen.sample_size, 0)} units, at most ${c} failing`])),
    );
  }

  const send = bind(model, {
    review_period: choiceTrait(period.control, Number), safety_factor: factorTrait,
    stockout_target: numberTrait(target.control), confidence: choiceTrait(confidence.control, Number),
    failures_allowed: choiceTrait(allowed.control, Number), sample_size: numberTrait(units.control),
  }, () => { updateBusiness(); updateProject(); });
  onEdit([period.control, factor.control, target.control], () => { send(); updateBusiness(); });
  // A new plan brings its demonstrating sample into the field; the reader may then type another.
  onEdit([confidence.control, allowed.control], () => { units.control.value = String(planOf().sample_size); });
  onEdit([confidence.control, allowed.control, units.control], () => { send(); updateProject(); });
  updateBusiness();
  updateProject();
}

export default { render };
