// Parity harness: runs the calculators' JS compute functions on cases written by
// tests/test_parity.py and writes what they return (or the error they throw).
//
//   node tests/js/parity.mjs cases.json out.json
//
// cases.json: {"modules": {"<name>": "<path of a bundled ES module>"},
//              "cases": [{"module": "<name>", "fn": "<export>", "args": [...]}]}
// out.json:   [{"ok": true, "value": ...} | {"ok": false, "error": "<Error name>", "message": "..."}]
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [casesPath, outPath] = process.argv.slice(2);
if (!casesPath || !outPath) {
  console.error("usage: node tests/js/parity.mjs cases.json out.json");
  process.exit(2);
}
const { modules, cases } = JSON.parse(readFileSync(casesPath, "utf-8"));

const loaded = {};
for (const [name, path] of Object.entries(modules)) {
  loaded[name] = await import(pathToFileURL(path).href);
}

const results = cases.map(({ module, fn, args }) => {
  const f = loaded[module]?.[fn];
  if (typeof f !== "function") {
    return { ok: false, error: "HarnessError", message: `module ${module} exports no function ${fn}` };
  }
  try {
    return { ok: true, value: f(...args) };
  } catch (err) {
    return { ok: false, error: err.name, message: err.message };
  }
});
writeFileSync(outPath, JSON.stringify(results));
