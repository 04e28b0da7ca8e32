"""PNG images of the book's plotly figures for the PDF.

All figures missing from the cache are rendered in one kaleido session (one
Chromium for all of them), and the PNGs are kept in ``_build/.figure-cache`` under
a hash of the printed figure, so an unchanged figure is never rendered twice.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

from .figure_node import PlotlyFigureNode, figure_digest, print_figure

logger = logging.getLogger(__name__)

PRINT_WIDTH = 960  # CSS pixels, about the text width of the PDF at 96 dpi
PRINT_SCALE = 2
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
INSTALL_HINT = (
    "PDF의 그림을 이미지로 만들려면 Chromium과 한글 글꼴이 필요합니다. "
    "Debian/Ubuntu: sudo apt-get install chromium fonts-nanum "
    "(or set BROWSER_PATH to a Chrome/Chromium binary)."
)


def _browser_available() -> bool:
    if os.environ.get("BROWSER_PATH"):
        return Path(os.environ["BROWSER_PATH"]).exists()
    return any(shutil.which(name) for name in BROWSERS)


def start_browser(app) -> None:
    """On the LaTeX builder, start kaleido's Chromium in the background at once, so
    it is ready when the figures are needed, after Sphinx has read every page."""
    if app.builder.format == "latex" and _browser_available():
        import kaleido

        kaleido.start_sync_server(n=2, mathjax=False, silence_warnings=True)


def stop_browser(app, exception) -> None:
    """Close the background Chromium at the end of the build."""
    if app.builder.format == "latex":
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)


def render_pngs(jobs: list[tuple[dict, Path]]) -> None:
    """Render each (figure JSON, target path) to PNG in a single browser session."""
    if not jobs:
        return
    if not _browser_available():
        raise ExtensionError(f"Chromium not found. {INSTALL_HINT}")
    import kaleido

    specs = [
        {
            "fig": figure,
            "path": str(path),
            "opts": {
                "format": "png",
                "width": PRINT_WIDTH,
                "height": figure.get("layout", {}).get("height", 500),
                "scale": PRINT_SCALE,
            },
        }
        for figure, path in jobs
    ]
    for _, path in jobs:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # One Chromium for every figure, with two tabs working at once (two cores);
        # the one start_browser launched if it is running, else a new one.
        kaleido.write_fig_from_object_sync(specs, kopts={"mathjax": False, "n": 2})
    except Exception as error:  # kaleido raises several unrelated types
        raise ExtensionError(f"Figure export failed: {error}. {INSTALL_HINT}") from error
    missing = [str(path) for _, path in jobs if not path.exists()]
    if missing:
        raise ExtensionError(f"Figure export wrote no file for {missing}. {INSTALL_HINT}")


def render_print_images(app, doctree, docname) -> None:
    """On the LaTeX builder, give every figure node a PNG (``node["image"]``)."""
    if app.builder.format != "latex":
        return
    figure_nodes = list(doctree.findall(PlotlyFigureNode))
    if not figure_nodes:
        return
    cache = Path(app.outdir).parent / ".figure-cache"
    jobs: dict[str, tuple[dict, Path]] = {}
    for node in figure_nodes:
        printed = print_figure(node["figure"])
        name = f"plotly-{figure_digest(printed)}.png"
        node["image"] = name
        cached = cache / name
        if not cached.exists():
            jobs[name] = (printed, cached)
    started = time.perf_counter()
    render_pngs(list(jobs.values()))
    logger.info(
        f"[course] {len(figure_nodes)} figures for the PDF: {len(jobs)} rendered "
        f"in {time.perf_counter() - started:.2f} s, {len(figure_nodes) - len(jobs)} from the cache"
    )
    for node in figure_nodes:
        target = Path(app.outdir) / node["image"]
        if not target.exists():
            shutil.copyfile(cache / node["image"], target)
