// Drawing helpers shared by the calculators' render functions (DOM only, no computing).
// Every <input>/<select>/<textarea> gets a <label for> and `data-lm-suppress-shortcuts`
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

// A labelled form control; returns {field, control}. `kind` is "input", "select" or "textarea".
export function control(kind, label, attrs = {}, options = []) {
  const id = uniqueId(kind);
  const ctl = h(kind, { id, "data-lm-suppress-shortcuts": true, ...attrs });
  for (const opt of options) ctl.append(h("option", { value: opt.value }, opt.label));
  if (kind === "textarea" && attrs.value !== undefined) ctl.value = attrs.value;
  if (kind === "select" && attrs.value !== undefined) ctl.value = attrs.value;
  const field = h("div", { class: "lm-calc-field" }, h("label", { for: id }, label), ctl);
  return { field, control: ctl };
}

// A message beside one control (`ctl`), or none (`message` null): the control is marked
// aria-invalid and described by the message, which screen readers announce (role="alert").
export function fieldError(ctl, message) {
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

// The frame of a calculator: a heading, the inputs, an alert line and the results.
// `showError(message, ctl)` marks the last results stale and keeps them visible, the message
// beside the control `ctl` when given (else in the alert line); `showResult()` clears all that.
export function panel(el, title) {
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
    h("h4", { class: "lm-calc-title" }, title),
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
    showResult() {
      for (const ctl of root.querySelectorAll('[aria-invalid="true"]')) fieldError(ctl, null);
      alert.textContent = "";
      alert.hidden = true;
      staleNote.hidden = true;
      root.classList.remove("lm-calc-stale");
    },
  };
}

// A table from column specs [{label, value: row => text, numeric}] with a caption.
export function table(caption, columns, rows, rowClass = () => null) {
  return h(
    "div",
    { class: "lm-calc-table-wrap" },
    h(
      "table",
      { class: "lm-calc-table" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c.label)))),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            { class: rowClass(row) },
            columns.map((c, i) =>
              h(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : null, class: c.numeric ? "num" : null }, c.value(row)),
            ),
          ),
        ),
      ),
    ),
  );
}

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

// Parse a typed number; returns null for blank, non-numeric or overlong text (the caller names the
// field). The pattern is unambiguous, so a long string fails in linear time.
export function parseNumber(text) {
  const t = String(text).trim();
  if (t === "" || t.length > 64 || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

// A form value checked in the reader's terms (the label, the unit, the fix) before the
// library's own checks, whose messages name parameters in code terms.
export class InputError extends Error {
  constructor(message) {
    super(message);
    this.name = "InputError";
  }
}

// value: a parsed number or null (blank / not a number); ok(value) says if it is acceptable.
export function checkInput(value, what, rule, ok, unit = "") {
  if (value === null) throw new InputError(`${what} is missing or not a number: ${rule}.`);
  if (!Number.isFinite(value) || !ok(value)) throw new InputError(`${what} is ${fmt(value, 6)}${unit}: ${rule}.`);
  return value;
}
