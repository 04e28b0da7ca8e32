"""Drive one chapter in the in-browser lab (JupyterLite) with Playwright, offline.

Used by tests/test_lite.py (correctness) and tools/bench.py (timings). The page may
reach only the local server that serves the built book: every other request is
aborted and recorded.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from local_site import Server, keep_offline, still_context

KERNEL_IDLE = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session
    && widget.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""
ALL_RUN = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const cells = widget.content.widgets.filter(cell => cell.model.type === 'code');
  return widget.sessionContext.session.kernel.status === 'idle'
    && cells.every(cell => cell.model.executionCount !== null);
}"""
ERROR_OUTPUTS = """() => {
  const widget = window.jupyterapp.shell.currentWidget;
  const errors = [];
  for (const cell of widget.content.widgets) {
    if (cell.model.type !== 'code') continue;
    for (let i = 0; i < cell.model.outputs.length; i++) {
      const output = cell.model.outputs.get(i).toJSON();
      if (output.output_type === 'error') errors.push(output.ename + ': ' + output.evalue);
      if (output.output_type === 'stream' && output.name === 'stderr') errors.push(String(output.text));
    }
  }
  return errors;
}"""
FIGURES = (
    "() => [...document.querySelectorAll('.js-plotly-plot')].map(el => JSON.stringify(el.data))"
)


@dataclass
class ChapterRun:
    """What happened when one chapter ran in the lab."""

    chapter: str
    kernel_seconds: float = 0.0  # from opening the lab until the kernel is idle
    run_seconds: float = 0.0  # "run all cells" until every code cell has run
    bytes_loaded: int = 0  # sent by the server until all cells ran (empty cache)
    gzip_bytes_loaded: int = 0  # the same files, compressed as a web server would
    errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    figures: int = 0
    widget_changed_figure: bool | None = None


class LabPage:
    """A fresh browser context (empty cache) holding the lab, offline."""

    def __init__(self, browser, site_url: str):
        self.site_url = site_url
        self.context = still_context(browser, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.external: list[str] = []
        keep_offline(self.context, site_url, self.external)

    def open(self, chapter: str, timeout_ms: int = 180_000) -> float:
        """Open the chapter in the lab; return the seconds until its kernel is idle."""
        started = time.perf_counter()
        self.page.goto(f"{self.site_url}/lite/lab/index.html?path={chapter}.ipynb")
        self.page.wait_for_function(KERNEL_IDLE, timeout=timeout_ms, polling=200)
        return time.perf_counter() - started

    def run_all(self, timeout_ms: int = 600_000) -> float:
        """Run every cell; return the seconds until all have run and the kernel is idle."""
        started = time.perf_counter()
        self.page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        self.page.wait_for_function(ALL_RUN, timeout=timeout_ms, polling=100)
        return time.perf_counter() - started

    def errors(self) -> list[str]:
        return self.page.evaluate(ERROR_OUTPUTS)

    def figures(self) -> list[str]:
        return self.page.evaluate(FIGURES)

    def change_first_number_box(self, timeout_ms: int = 30_000) -> bool:
        """Raise the first live number box by one step; True when a figure changed."""
        before = self.figures()
        box = self.page.locator(".jupyter-widgets.widget-text input[type='number']").first
        box.scroll_into_view_if_needed()
        value = float(box.input_value() or 0)
        box.fill(f"{value + 1:g}")
        box.press("Enter")
        try:
            self.page.wait_for_function(
                f"before => JSON.stringify(({FIGURES})()) !== before",
                arg=json.dumps(before),
                timeout=timeout_ms,
                polling=200,
            )
        except Exception:
            return False
        return True

    def close(self) -> None:
        self.context.close()


def run_chapter(server: Server, site_url: str, browser, chapter: str) -> ChapterRun:
    """Open ``chapter`` in a fresh, offline lab, run it all, change one live control,
    and report. ``server`` serves ``site_url`` and counts the bytes it sends."""
    lab = LabPage(browser, site_url)
    result = ChapterRun(chapter)
    server.bytes_sent = server.gzip_bytes_sent = 0
    try:
        result.kernel_seconds = lab.open(chapter)
        result.run_seconds = lab.run_all()
        result.errors = lab.errors()
        result.figures = len(lab.figures())
        result.bytes_loaded = server.bytes_sent
        result.gzip_bytes_loaded = server.gzip_bytes_sent
        result.widget_changed_figure = lab.change_first_number_box()
        result.external_requests = list(lab.external)
    finally:
        lab.close()
    return result
