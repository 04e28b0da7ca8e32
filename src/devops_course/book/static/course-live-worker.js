/* The web book's Python: Pyodide in a Web Worker, so the page never freezes.
 * It loads on the first "직접 계산해 보기" and serves every interactive of the page.
 * What it loads is what the in-browser lab ships (lite/course-live.json): the
 * Pyodide core and the wheels the models import, nothing else (no micropip, no
 * IPython). Messages: {id, method, args} in; {id, result} or {id, failed} out,
 * where method is "start" (with the lab's URL) or a function of
 * devops_course.core.in_page ("form", "render"). */
let ready = null;

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  return response.arrayBuffer();
}

async function start(lite) {
  const manifest = await (await fetch(new URL("course-live.json", lite))).json();
  const base = new URL(manifest.pyodide, lite).href;
  const [{ loadPyodide }, ...wheels] = await Promise.all([
    import(`${base}pyodide.mjs`),
    ...manifest.wheels.map((wheel) => fetchBytes(new URL(wheel, lite))),
  ]);
  const pyodide = await loadPyodide({ indexURL: base, packages: [], stdout: () => {}, stderr: () => {} });
  for (const wheel of wheels) {
    pyodide.unpackArchive(wheel, "wheel");
  }
  return pyodide.pyimport("devops_course.core.in_page");
}

self.onmessage = async (event) => {
  const { id, method, args } = event.data;
  try {
    if (method === "start") {
      ready =
        ready ||
        start(args[0]).catch((error) => {
          ready = null; // a later press tries again
          throw error;
        });
      await ready;
      self.postMessage({ id, result: true });
      return;
    }
    const page = await ready;
    self.postMessage({ id, result: page[method](...args) });
  } catch (error) {
    // The page shows its own Korean message; the detail is for the console.
    self.postMessage({ id, failed: String((error && error.message) || error) });
  }
};
