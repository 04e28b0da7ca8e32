"""The book's own plotly.js: only the trace types its figures use.

The full plotly.js is 4.8 MB; the book draws bar, box, indicator, scatter and table
traces only. esbuild bundles those from the pinned ``plotly.js`` npm package into a
1.2 MB file (0.4 MB with gzip), offline, whenever the site is built without it.
tests/test_book_extension.py checks that every figure's trace types are in it.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

# scatter is part of plotly.js's core module
TRACES = ("bar", "box", "indicator", "table")
ENTRY = """var Plotly = require("plotly.js/lib/core");
Plotly.register([{traces}]);
module.exports = Plotly;
"""


def bundle_name(node_modules: Path) -> str:
    """The bundle's file name, versioned by the plotly.js it was built from."""
    version = json.loads((node_modules / "plotly.js" / "package.json").read_text())["version"]
    return f"plotly-course-{version}.min.js"


def build_bundle(node_modules: Path, target: Path) -> None:
    """Bundle plotly.js's core and :data:`TRACES` into ``target`` (minified)."""
    traces = ", ".join(f'require("plotly.js/lib/{name}")' for name in TRACES)
    with tempfile.TemporaryDirectory() as work:
        entry = Path(work) / "plotly-course.js"
        entry.write_text(ENTRY.format(traces=traces))
        command = [
            str(node_modules / ".bin" / "esbuild"),
            str(entry),
            "--bundle",
            "--minify",
            "--format=iife",
            "--global-name=Plotly",
            "--define:global=window",
            "--log-level=warning",
            f"--outfile={target}",
        ]
        # the entry lives outside the repository: NODE_PATH finds plotly.js for it
        subprocess.run(command, check=True, env={**os.environ, "NODE_PATH": str(node_modules)})
    # esbuild also writes the map styles plotly.js's core imports; no figure here uses them
    target.with_suffix(".css").unlink(missing_ok=True)
