// A small host for anywidget front-end modules on the static book pages (an ES module; no kernel).
//
// myst-nb stores each notebook's widget state in the page (<script type="application/vnd.jupyter.
// widget-state+json">) and marks each widget's place with a view script (…widget-view+json, holding
// its model_id). For every view whose model is an anywidget model (model_module "anywidget"), this
// host imports the model's `_esm` (from a blob URL, as anywidget does), adds its `_css` once, and
// calls the module's `initialize({model})` once per model and `render({model, el})` per view, with
// the model interface anywidget's front-end standard defines: get / set / on / off / save_changes /
// send / widget_manager. Any anywidget model in the stored state renders; nothing else is loaded
// (no require.js, no ipywidgets HTML manager). Without a kernel `save_changes` and `send` keep the
// values in the page. A view of any other widget library gets a short note instead of a blank.
// The rendered view sits in <div class="widget-subarea"> just before its view script, where the
// ipywidgets HTML manager puts it, so page checks read both the same way.
const STATE = "application/vnd.jupyter.widget-state+json";
const VIEW = "application/vnd.jupyter.widget-view+json";

const same = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);

// The model a module receives: the stored state, change events, no kernel.
function createModel(id, state, models) {
  const values = { ...state };
  const listeners = new Map(); // event name -> Set of callbacks
  const names = (spec) => String(spec).split(/\s+/).filter(Boolean);
  const emit = (name, ...args) => {
    for (const callback of [...(listeners.get(name) ?? [])]) callback(...args);
  };
  return {
    model_id: id,
    get: (key) => values[key],
    set(key, value) {
      if (same(values[key], value)) return;
      values[key] = value;
      emit(`change:${key}`, null, value);
      emit("change");
    },
    on(spec, callback) {
      for (const name of names(spec)) {
        if (!listeners.has(name)) listeners.set(name, new Set());
        listeners.get(name).add(callback);
      }
    },
    off(spec, callback) {
      for (const name of spec ? names(spec) : [...listeners.keys()]) {
        if (callback) listeners.get(name)?.delete(callback);
        else listeners.delete(name);
      }
    },
    save_changes() {}, // no kernel behind a static page: the values stay in the page
    send() {},
    widget_manager: {
      async get_model(other) {
        return models.get(String(other).replace(/^IPY_MODEL_/, ""));
      },
    },
  };
}

const modules = new Map(); // module source -> Promise of its widget definition
function load(esm) {
  if (!modules.has(esm)) {
    // anywidget's rule: an _esm that is one http(s) URL is imported from there, any other is source
    const url = /^https?:\/\/\S+$/.test(esm.trim()) ? esm.trim()
      : URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
    modules.set(esm, import(url).then(async (mod) => {
      const definition = mod.default ?? mod;
      return typeof definition === "function" ? await definition() : definition;
    }));
  }
  return modules.get(esm);
}

const styles = new Set();
function addStyle(css) {
  if (!css || styles.has(css)) return;
  styles.add(css);
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
}

function note(el, text) {
  const p = document.createElement("p");
  p.className = "lm-widget-note";
  p.textContent = text;
  el.replaceChildren(p);
}

async function main() {
  const stored = document.querySelector(`script[type="${STATE}"]`);
  if (!stored) return;
  const state = JSON.parse(stored.textContent).state ?? {};
  const models = new Map();
  const initialized = new Map(); // model id -> Promise of initialize()
  for (const [id, entry] of Object.entries(state)) {
    if (entry.model_module === "anywidget") models.set(id, createModel(id, entry.state, models));
  }
  const views = [...document.querySelectorAll(`script[type="${VIEW}"]`)];
  await Promise.all(views.map(async (script) => {
    const id = JSON.parse(script.textContent).model_id;
    const area = document.createElement("div");
    area.className = "widget-subarea";
    const el = document.createElement("div");
    area.append(el);
    script.before(area);
    const model = models.get(id);
    if (!model) {
      note(el, "This widget needs a live Jupyter kernel (open the notebook in JupyterLab or Binder).");
      return;
    }
    try {
      addStyle(model.get("_css"));
      const widget = await load(model.get("_esm"));
      if (!initialized.has(id)) initialized.set(id, Promise.resolve(widget.initialize?.({ model })));
      await initialized.get(id);
      await widget.render?.({ model, el });
    } catch (error) {
      note(el, `This calculator could not start: ${error.message}`);
      console.warn("anywidget host:", error);
    }
  }));
  document.documentElement.dataset.anywidgetHost = "ready";
}

// Loaded async: start once the page is parsed ("interactive"), without waiting for deferred scripts.
if (document.readyState === "loading") {
  document.addEventListener("readystatechange", main, { once: true });
} else {
  main();
}
