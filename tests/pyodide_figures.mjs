// Run every interactive's default model and figure in Pyodide, under node, from
// the built lab's own files (no network), and print one JSON line: {name: figure}.
// tests/test_lite.py compares it with CPython's figures.
//
// usage: node pyodide_figures.mjs <lite/static/pyodide dir> <wheel>...
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, ...wheels] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/` });
await pyodide.loadPackage(["micropip", "ipython", "traitlets"], { messageCallback: () => {} });
pyodide.FS.mkdirTree("/wheels");
for (const wheel of wheels) {
  pyodide.FS.writeFile(`/wheels/${basename(wheel)}`, readFileSync(wheel));
}
pyodide.globals.set("wheels", wheels.map((w) => `emfs:/wheels/${basename(w)}`));
const result = await pyodide.runPythonAsync(`
import json, micropip
await micropip.install(list(wheels), deps=False)
from devops_course.interactives import NAMES, load
figures = {}
for name in NAMES:
    module = load(name)
    figures[name] = module.figure(module.model(module.SPEC.defaults()))
json.dumps(figures)
`);
console.log(result);
