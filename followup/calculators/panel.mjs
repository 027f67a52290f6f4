// What the calculators' render functions share (DOM only, no computing): the panel and its
// controls, one binding of controls to the model, and one drawing layer for tables and SVG charts.
// Every <input>/<select> gets a <label for> and `data-lm-suppress-shortcuts`
// (JupyterLab otherwise takes arrow keys); ids are unique per page, since a page may
// show the same calculator twice.

let idCounter = 0;

export function uniqueId(prefix) {
  idCounter += 1;
  return `lm-calc-${prefix}-${idCounter}`;
}

const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, attrs, children) {
  setAttrs(node, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// h("div", {class: "x", "aria-label": "y"}, child, "text", ...); s(...) the same for SVG elements.
export const h = (tag, attrs = {}, ...children) => build(document.createElement(tag), attrs, children);
export const s = (tag, attrs = {}, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

// A labelled form control; returns {field, control}. `kind` is "input" or "select" (with its options).
export function control(kind, label, attrs = {}, options = []) {
  const id = uniqueId(kind);
  const ctl = h(kind, { id, "data-lm-suppress-shortcuts": true, ...attrs });
  for (const opt of options) ctl.append(h("option", { value: opt.value }, opt.label));
  if (kind === "select") ctl.value = attrs.value; // a select's value attribute would choose nothing
  const field = h("div", { class: "lm-calc-field" }, h("label", { for: id }, label), ctl);
  return { field, control: ctl };
}

// A message beside one control (`ctl`), or none (`message` null): the control is marked
// aria-invalid and described by the message, which screen readers announce (role="alert").
function fieldError(ctl, message) {
  let note = ctl.lmFieldError;
  if (!note && message === null) return;
  if (!note) {
    note = h("span", { class: "lm-calc-field-error", id: uniqueId("error"), role: "alert" });
    ctl.lmFieldError = note;
    ctl.after(note);
    ctl.setAttribute("aria-describedby", note.id);
  }
  note.textContent = message ?? "";
  note.hidden = message === null;
  if (message === null) ctl.removeAttribute("aria-invalid");
  else ctl.setAttribute("aria-invalid", "true");
}

// The frame of a calculator: a heading (h3: the chapters introduce each calculator in an h2
// section), the inputs, an alert line and the results.
// `showError(message, ctl)` marks the last results stale and keeps them visible, the message
// beside the control `ctl` when given (else in the alert line); `showResult()` clears all that.
// `checked(ctl, ...)` reads the number typed in `ctl` and checks it in the reader's terms (the
// label, the unit, the fix), before the library's own checks, whose messages name parameters in
// code terms: it returns the number, or null once the message is shown beside `ctl`.
function panel(el, title) {
  const alert = h("p", { class: "lm-calc-alert", role: "alert", hidden: true });
  const staleNote = h(
    "p",
    { class: "lm-calc-stale-note", hidden: true },
    "The results shown (dimmed) are out of date: they belong to the last valid input.",
  );
  const inputs = h("div", { class: "lm-calc-inputs" });
  const results = h("div", { class: "lm-calc-results", "aria-live": "polite" });
  const root = h(
    "section",
    { class: "lm-calc", "aria-label": title },
    h("h3", { class: "lm-calc-title" }, title),
    inputs,
    alert,
    staleNote,
    results,
  );
  el.replaceChildren(root);
  return {
    root,
    inputs,
    results,
    // Elements holding results carry the class `lm-calc-out`: dimmed while stale.
    showError(message, ctl = null) {
      for (const other of root.querySelectorAll('[aria-invalid="true"]')) if (other !== ctl) fieldError(other, null);
      if (ctl) fieldError(ctl, message);
      alert.textContent = ctl ? "" : message;
      alert.hidden = Boolean(ctl);
      const stale = root.querySelector(".lm-calc-out") !== null;
      staleNote.hidden = !stale;
      root.classList.toggle("lm-calc-stale", stale);
    },
    checked(ctl, what, rule, ok, unit = "") {
      const value = readNumber(ctl);
      if (value !== null && Number.isFinite(value) && ok(value)) return value;
      this.showError(value === null ? `${what} is missing or not a number: ${rule}.`
        : `${what} is ${fmt(value, 6)}${unit}: ${rule}.`, ctl);
      return null;
    },
    showResult() {
      for (const ctl of root.querySelectorAll('[aria-invalid="true"]')) fieldError(ctl, null);
      alert.textContent = "";
      alert.hidden = true;
      staleNote.hidden = true;
      root.classList.remove("lm-calc-stale");
    },
  };
}

// The calculator `key` drawn in `el`: one panel per title. A calculator with independent groups of
// inputs draws a panel per group, so a bad value dims only its own group's last good result.
export function panels(el, key, titles) {
  el.setAttribute("data-lm-calculator", key); // how the browser tests find it
  const holders = titles.map(() => h("div", { class: "lm-calc-group" }));
  el.replaceChildren(...holders);
  return titles.map((title, k) => panel(holders[k], title));
}

// An error type of the library's name (the parity tests compare names); `where` says which field is
// at fault, so a panel can mark it.
export function errorType(name, Base = Error) {
  return class extends Base {
    constructor(message, where = null) {
      super(message);
      this.name = name;
      this.where = where;
    }
  };
}

// Calls fn when the reader edits one of the controls: a list on "change", a field on "input" (each keystroke).
export function onEdit(controls, fn) {
  for (const ctl of controls) ctl.addEventListener(ctl.tagName === "SELECT" ? "change" : "input", fn);
}

// ---------------------------------------------------------------------------------- the model
// A typed number: null when blank, not a number, or text the browser refused (validity.badInput).
export const readNumber = (ctl) => (ctl.validity?.badInput ? null : parseNumber(ctl.value));

// How a trait lives in a control: `read` it from the page, `write` the model's value into it.
export const numberTrait = (ctl) => ({ read: () => readNumber(ctl), write: (v) => { ctl.value = v ?? ""; } });
export const choiceTrait = (ctl, parse = String) => ({ read: () => parse(ctl.value), write: (v) => { ctl.value = v; } });

// Binds traits ({name: {read, write}}) to the model; returns send(), which writes them all in one save.
// The change events a send fires are the panel's own echo (JupyterLab's model fires them at once) and
// are ignored; a change made from Python (a live kernel) is written into each control that disagrees
// (so an echo never disturbs what the reader is typing), then redraw() runs.
export function bind(model, traits, redraw) {
  const entries = Object.entries(traits);
  let sending = false;
  model.on(entries.map(([name]) => `change:${name}`).join(" "), () => {
    if (sending) return;
    for (const [name, t] of entries) {
      if (JSON.stringify(t.read()) !== JSON.stringify(model.get(name))) t.write(model.get(name));
    }
    redraw();
  });
  return function send() {
    sending = true;
    try {
      for (const [name, t] of entries) model.set(name, t.read());
      model.save_changes();
    } finally {
      sending = false;
    }
  };
}

// ---------------------------------------------------------------------------------- drawing
// The summary of a result: a list of [label, text...] items, each label in bold (none when null).
export function summary(items, attrs = {}, tag = "ul") {
  return h(tag, { class: "lm-calc-summary lm-calc-out", ...attrs },
    items.map(([label, ...text]) => h("li", {}, label && h("strong", {}, label), ...text)));
}

// A <table> with a caption, a header row and body rows already built.
export function grid(caption, headers, rows) {
  return h("table", { class: "lm-calc-table" }, h("caption", {}, caption),
    h("thead", {}, h("tr", {}, headers.map((label) => h("th", { scope: "col" }, label)))), h("tbody", {}, rows));
}

// A scrolling table from column specs [{label, value: row => text, numeric}]; the first column heads each row.
export function table(caption, columns, rows) {
  return h("div", { class: "lm-calc-table-wrap" }, grid(caption, columns.map((c) => c.label), rows.map((row) =>
    h("tr", {}, columns.map((c, i) =>
      h(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : null, class: c.numeric ? "num" : null }, c.value(row)))))));
}

// An SVG chart (role="img") named by its <title> and described by its <desc>; a result, so `lm-calc-out`
// unless `cls` says otherwise.
export function chart(title, desc, width, height, cls = "lm-calc-out") {
  const id = uniqueId("chart");
  return s("svg", { class: `lm-calc-chart ${cls}`, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-labelledby": `${id}-t ${id}-d` }, s("title", { id: `${id}-t` }, title), s("desc", { id: `${id}-d` }, desc));
}

// from, from + step, ... up to `to`, at most `limit` values: a reader's number never makes a long loop.
export function ticks(from, to, step, limit = 100) {
  const values = [];
  for (let k = 0; k <= limit && from + k * step <= to + 1e-9 * step; k++) values.push(from + k * step);
  return values;
}

// One axis's grid lines and tick labels. Axis "x": a vertical line at pos(v) from y `from` to `to`, the
// label centred at y `at`; axis "y": a horizontal line at pos(v) from x `from` to `to`, the label
// right-aligned at x `at`. Without `from`, labels only.
export function axis(svg, which, values, pos, { from, to, at, label = String }) {
  for (const v of values) {
    const p = pos(v);
    if (from !== undefined) {
      svg.append(s("line", which === "x" ? { class: "grid", x1: p, x2: p, y1: from, y2: to }
        : { class: "grid", x1: from, x2: to, y1: p, y2: p }));
    }
    svg.append(s("text", which === "x" ? { x: p, y: at, "text-anchor": "middle" }
      : { x: at, y: p + 4, "text-anchor": "end" }, label(v)));
  }
}

// A bar (an SVG rect) with its tooltip.
export const bar = (attrs, tip) => s("rect", attrs, s("title", {}, tip));

// Numbers as a reader wants them: no float noise, thousands separated. One formatter per
// precision (building an Intl.NumberFormat per call would dominate a redraw's time).
const formatters = new Map();

export function fmt(x, digits = 2) {
  if (!Number.isFinite(x)) return String(x);
  if (!formatters.has(digits)) {
    formatters.set(digits, new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
  }
  return formatters.get(digits).format(x);
}

// The UTC date and time `minutes` after `origin` (ISO text without a zone), "YYYY-MM-DD HH:MM";
// null when that is beyond the dates a browser can show.
export function timeAfter(origin, minutes) {
  const t = new Date(Date.parse(`${origin}Z`) + minutes * 60000);
  return Number.isNaN(t.getTime()) ? null : t.toISOString().slice(0, 16).replace("T", " ");
}

// Parse a typed number; returns null for blank, non-numeric or overlong text (the caller names the
// field). The pattern is unambiguous, so a long string fails in linear time.
export function parseNumber(text) {
  const t = String(text).trim();
  if (t === "" || t.length > 64 || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}
