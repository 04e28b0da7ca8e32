"""A learner makes the book's figures live ("직접 계산해 보기") and changes them.

Used by ``tools/bench.py``: Chromium at 390x844 with a profile of its own (so its
HTTP cache works as a learner's does; the host resolver leaves only loopback),
the site served with gzip from loopback. It measures the time from the press to
the first live figure on a cold cache (chapter 1) and on the next chapter (warm),
the bytes the press fetched, and for every interactive the time from a changed
value to its redrawn figure, over its free number's whole range.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from local_site import SCROLL_PAST_FIGURES, serve

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# where each changed value lies in its field's range
FRACTIONS = [i / 20 for i in range(1, 20)]


@dataclass
class LiveRun:
    """What one learner's session measured."""

    cold_seconds: float = 0.0
    warm_seconds: float = 0.0
    cold_gzip_bytes: int = 0
    warm_gzip_bytes: int = 0
    updates: dict[str, list[float]] = field(default_factory=dict)
    computing: dict[str, list[float]] = field(default_factory=dict)  # the worker's part
    redrawing: dict[str, list[float]] = field(default_factory=dict)  # the floor: draw only
    errors: list[str] = field(default_factory=list)


def free_field(module):
    """The interactive's first number box (or its first choice, if it has none)."""
    controls = module.SPEC.controls()
    for key, spec in controls.items():
        if spec.kind in ("number", "integer") and not spec.play:
            return key, spec
    return next(iter(controls.items()))


def values_to_try(spec) -> list[str]:
    """Values across the field's range, as a learner would type them (or choice indexes)."""
    if spec.kind == "choice":
        return [str(i % len(spec.choices)) for i in range(1, 2 * len(spec.choices) + 1)]
    high = spec.default * 20 if spec.limit else spec.high
    low = spec.low
    values = [low + (high - low) * f for f in FRACTIONS]
    return [str(round(v)) if spec.kind == "integer" else f"{v:.4g}" for v in values]


def press(page, graph_id: str) -> float:
    """Press the graph's button; return the seconds to its first live figure."""
    button = page.locator(f'.course-live[data-graph="{graph_id}"] button')
    button.scroll_into_view_if_needed()
    started = time.perf_counter()
    button.click()
    page.wait_for_function(
        "id => document.getElementById(id).dataset.liveRenders === '1'",
        arg=graph_id,
        timeout=120_000,
    )
    return time.perf_counter() - started


def change(page, graph_id: str, key: str, spec, value: str) -> float | None:
    """Set one value as a learner does; return the page's ms to the redrawn figure
    (None when the model refused the value)."""
    graph = page.locator(f"#{graph_id}")
    form = graph.locator("xpath=../preceding-sibling::form[1]")
    done = int(graph.get_attribute("data-live-done") or 0)
    renders = graph.get_attribute("data-live-renders")
    if spec.kind == "choice":
        form.locator(f'select[name="{key}"]').select_option(value)
    else:
        box = form.locator(f'input[name="{key}"]')
        box.fill(value)
        box.press("Tab")
    page.wait_for_function(
        "([id, n]) => Number(document.getElementById(id).dataset.liveDone || 0) > n",
        arg=[graph_id, done],
        timeout=60_000,
    )
    if graph.get_attribute("data-live-renders") == renders:
        return None
    return float(graph.get_attribute("data-live-ms"))


def open_chapter(page, url: str, chapter: str):
    page.goto(f"{url}/book/{chapter}.html", wait_until="load")
    page.evaluate(SCROLL_PAST_FIGURES)
    page.wait_for_function(
        "[...document.querySelectorAll('.course-plotly-graph')]"
        ".every(el => el.dataset.drawn === 'true')",
        timeout=60_000,
    )
    return page.eval_on_selector_all(
        ".course-plotly-graph[data-live]", "els => els.map(e => [e.id, e.dataset.live])"
    )


# The floor of an update: the same figure drawn again, with nothing computed.
REDRAW_ONLY = """async id => {
  const graph = document.getElementById(id);
  const figure = JSON.parse(document.getElementById(id + '-data').textContent);
  const times = [];
  for (let i = 0; i < 9; i++) {
    const started = performance.now();
    await window.coursePlotly.show(graph, figure);
    times.push(performance.now() - started);
  }
  return times;
}"""


def run_live(chapters: list[str]) -> LiveRun:
    """Go through ``chapters`` in one browser: press every button, change every model."""
    from playwright.sync_api import sync_playwright

    from devops_course.interactives import load

    run = LiveRun()
    server, url = serve(str(HTML), compress=True)
    try:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=ARGS, viewport={"width": 390, "height": 844}
            )
            page = context.new_page()
            page.on("pageerror", lambda error: run.errors.append(str(error)))
            for number, chapter in enumerate(chapters):
                graphs = open_chapter(page, url, chapter)
                for index, (graph_id, name) in enumerate(graphs):
                    before = server.gzip_bytes_sent
                    seconds = press(page, graph_id)
                    if index == 0 and number < 2:
                        kind = "cold" if number == 0 else "warm"
                        setattr(run, f"{kind}_seconds", seconds)
                        setattr(run, f"{kind}_gzip_bytes", server.gzip_bytes_sent - before)
                    key, spec = free_field(load(name))
                    run.updates[name], run.computing[name] = [], []
                    for value in values_to_try(spec):
                        ms = change(page, graph_id, key, spec, value)
                        if ms is not None:
                            run.updates[name].append(ms)
                            compute = page.get_attribute(f"#{graph_id}", "data-live-compute-ms")
                            run.computing[name].append(float(compute))
                    run.redrawing[name] = page.evaluate(REDRAW_ONLY, graph_id)
            context.close()
    finally:
        server.shutdown()
    return run


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
