"""Kernel-free explorers: precomputed scenarios behind plotly sliders and buttons.

A reader of the static book has no Python, so every scenario is computed while the
notebook runs and stored in one figure. A slider swaps the trace data (and the
annotations) between scenarios; buttons switch which traces are visible. The two
touch different attributes, so they combine freely.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

from .style import BUTTON_STYLE, SLIDER_STYLE

AXIS_NAME = re.compile(r"[xy]axis\d*")
DATA_KEYS = ("x", "y", "base", "text", "customdata", "hovertext", "marker.color")


def _lookup(trace: dict, key: str):
    value = trace
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _data_update(fig: dict, keys: Sequence[str]) -> dict[str, list]:
    update: dict[str, list] = {}
    for key in keys:
        values = [_lookup(trace, key) for trace in fig["data"]]
        if any(value is not None for value in values):
            update[key] = values
    return update


def _axis_types(layout: dict) -> dict[str, str]:
    """The axis types the figure sets. A step that changes x or y makes plotly.js
    guess each axis's type again unless the step names it, and "99.9%" or "5%"
    labels look like numbers: a category axis would turn numeric."""
    return {
        f"{name}.type": axis["type"]
        for name, axis in layout.items()
        if AXIS_NAME.fullmatch(name) and isinstance(axis, dict) and "type" in axis
    }


def slider_explorer(
    scenarios: Sequence[tuple[str, dict]],
    *,
    label: str,
    active: int = 0,
    layout_keys: Sequence[str] = ("annotations", "meta"),
    data_keys: Sequence[str] = DATA_KEYS,
) -> dict:
    """Combine figures that differ only in data into one figure with a slider.

    ``scenarios`` are (step label, figure dict) pairs built by the same function, so
    their traces line up one to one. The returned figure shows scenario ``active``.
    """
    if not scenarios:
        raise ValueError("slider_explorer needs at least one scenario")
    trace_count = len(scenarios[0][1]["data"])
    if any(len(fig["data"]) != trace_count for _, fig in scenarios):
        raise ValueError("every scenario must have the same traces")
    steps = []
    for step_label, fig in scenarios:
        layout_update = {key: _lookup(fig["layout"], key) for key in layout_keys}
        layout_update.update(_axis_types(fig["layout"]))
        steps.append(
            {
                "method": "update",
                "label": step_label,
                "args": [_data_update(fig, data_keys), layout_update],
            }
        )
    explorer = copy.deepcopy(scenarios[active][1])
    layout = explorer["layout"]
    layout["sliders"] = [
        {
            "active": active,
            "currentvalue": {"prefix": f"{label}: ", "font": {"size": 14}},
            "pad": {"t": 70, "b": 10},
            "len": 0.92,
            "x": 0.04,
            "steps": steps,
            **SLIDER_STYLE,
        }
    ]
    base_height = layout.get("height") or 420
    margin = layout.setdefault("margin", {})
    # The PDF shows the default scenario without the slider, at the base size.
    layout["meta"] = {
        **layout.get("meta", {}),
        "print": {"height": base_height, "margin_b": margin.get("b")},
    }
    layout["height"] = base_height + 100
    margin["b"] = max(margin.get("b") or 0, 150)
    return explorer


def add_view_buttons(
    fig: dict,
    views: Sequence[tuple[str, Sequence[bool], dict]],
    *,
    active: int = 0,
    x: float = 1.0,
    y: float = 1.16,
    anchor: tuple[str, str] = ("right", "bottom"),
) -> dict:
    """Add a row of buttons, each showing one set of traces, to the figure dict.

    ``views`` are (button label, visibility mask, layout update) triples; the layout
    update (for example a legend title) may be empty.
    """
    buttons = [
        {"label": label, "method": "update", "args": [{"visible": list(mask)}, dict(layout)]}
        for label, mask, layout in views
    ]
    fig["layout"]["updatemenus"] = [
        {
            "type": "buttons",
            "direction": "right",
            "active": active,
            "buttons": buttons,
            "x": x,
            "xanchor": anchor[0],
            "y": y,
            "yanchor": anchor[1],
            "pad": {"r": 0, "t": 0},
            **BUTTON_STYLE,
            "font": {**BUTTON_STYLE["font"], "size": 13},
            "showactive": True,
        }
    ]
    for trace, visible in zip(fig["data"], views[active][1]):
        trace["visible"] = visible
    return fig
