// Run every interactive's default model and figure in Pyodide, under node, from
// the built lab's own files (no network), and print one JSON line:
// {name: sha256 of the figure's JSON, floats to 10 significant digits}. Pyodide's
// libm (musl) and glibc may differ in the last bit of log10 or sin; the draws
// themselves are bit-identical. tests/test_lite.py compares it with CPython.
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
import hashlib, json, micropip
await micropip.install(list(wheels), deps=False)
from devops_course.interactives import NAMES, load
def canonical(value):
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value
digests = {}
for name in NAMES:
    module = load(name)
    figure = canonical(module.figure(module.model(module.SPEC.defaults())))
    digests[name] = hashlib.sha256(json.dumps(figure, sort_keys=True).encode()).hexdigest()
json.dumps(digests)
`);
console.log(result);
