"""The docutils node that carries one plotly figure through the Sphinx build."""

from __future__ import annotations

import copy
import hashlib
import json

from docutils import nodes


class PlotlyFigureNode(nodes.General, nodes.Element):
    """A plotly figure, held as its JSON (``node["figure"]``)."""


def figure_alt(figure: dict) -> str:
    """The figure's Korean alt text (``layout.meta.alt``), or its title."""
    layout = figure.get("layout", {})
    meta = layout.get("meta")
    if isinstance(meta, dict) and meta.get("alt"):
        return str(meta["alt"])
    title = layout.get("title", {})
    text = title.get("text") if isinstance(title, dict) else title
    return str(text or "그림")


def print_figure(figure: dict) -> dict:
    """The figure as it is printed: controls removed, default state kept.

    Sliders and buttons do nothing on paper, so the PDF shows the explorer's
    default scenario without them.
    """
    printed = copy.deepcopy(figure)
    printed.pop("frames", None)  # an animation prints its still picture
    layout = printed.setdefault("layout", {})
    layout.pop("sliders", None)
    layout.pop("updatemenus", None)
    size = (layout.get("meta") or {}).get("print")
    if size:
        layout["height"] = size["height"]
        layout.setdefault("margin", {})["b"] = size["margin_b"]
    return printed


def figure_digest(figure: dict) -> str:
    """A stable content hash, used for file names and element ids."""
    text = json.dumps(figure, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
