"""Sphinx feature: "직접 계산해 보기", the real model under each explorer figure.

An explorer figure that comes from an interactive (its output names it, see
:class:`~devops_course.core.display.Interactive`) gets a button under it. The page's
``course-live.js`` runs that interactive's ``model`` and ``figure`` in the page with
Pyodide, from the files the in-browser lab ships (``lite/course-live.json``, written
by ``tools/build_lite.py``), and only once the button is pressed.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .figure_node import PlotlyFigureNode

BUTTON_TEXT = "직접 계산해 보기"
# The lab's folder, from the script's own folder (_static) at the site's root.
LITE_FROM_STATIC = "../lite/"


def live_box(graph_id: str) -> str:
    """The button (shown by the script) and the status line under a live figure."""
    return (
        f'<div class="course-live" data-graph="{graph_id}">'
        f'<button type="button" class="course-live-start" hidden>{BUTTON_TEXT}</button>'
        '<p class="course-live-status" role="status"></p></div>\n'
    )


def _has_live_figure(doctree) -> bool:
    return any(node.get("interactive") for node in doctree.findall(PlotlyFigureNode))


def _add_live_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is not None and _has_live_figure(doctree):
        app.add_js_file(
            "course-live.js", priority=620, defer="defer", **{"data-lite": LITE_FROM_STATIC}
        )


def setup(app: Sphinx) -> dict:
    """Add the page script to the pages that have a live figure."""
    app.connect("html-page-context", _add_live_script)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
