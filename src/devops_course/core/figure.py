"""Figures as plain plotly JSON: a small builder with no plotly import.

Building a ``plotly.graph_objects`` figure validates every property on every
assignment; for a widget redrawn on each change that was about 90 % of the update
time. The course's figures are therefore plain dicts in plotly's JSON format
(``{"data": [...], "layout": {...}}``), which JupyterLab, the book and plotly.js
read as they are. This module is the part of plotly's Python API the course uses:
subplot grids, ``update_*`` with plotly's "magic underscore" keys, guide lines.
The tests check every figure against plotly's schema, so nothing invalid ships.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

# Property names with an underscore of their own (plotly.py's list); every other
# underscore in a keyword argument of ``update_*`` separates nested keys.
_UNDERSCORED = {
    "error_x",
    "error_y",
    "error_z",
    "copy_xstyle",
    "copy_ystyle",
    "copy_zstyle",
    "paper_bgcolor",
    "plot_bgcolor",
}
SUBPLOT_TITLE_FONT = {"size": 16}
_SECONDARY_Y_WIDTH = 0.94  # plotly's room for a right-hand axis


def trace(kind: str, **properties: Any) -> dict[str, Any]:
    """A trace of plotly type ``kind`` (``"bar"``, ``"scatter"``...) as a dict."""
    return {"type": kind, **properties}


def bar(**properties: Any) -> dict[str, Any]:
    """A bar trace (``go.Bar``) as a dict.

    Numbers written outside the bars keep the figure's font size: plotly.js would
    shrink each one to its bar's width, and a narrow bar's "3,068" became too small
    to read without hovering."""
    if properties.get("textposition") == "outside":
        properties.setdefault("constraintext", "none")
    return trace("bar", **properties)


def scatter(**properties: Any) -> dict[str, Any]:
    """A scatter or line trace (``go.Scatter``) as a dict."""
    return trace("scatter", **properties)


def box(**properties: Any) -> dict[str, Any]:
    """A box plot trace (``go.Box``) as a dict."""
    return trace("box", **properties)


def table(**properties: Any) -> dict[str, Any]:
    """A table trace (``go.Table``) as a dict."""
    return trace("table", **properties)


def indicator(**properties: Any) -> dict[str, Any]:
    """A gauge or number trace (``go.Indicator``) as a dict."""
    return trace("indicator", **properties)


@lru_cache(maxsize=512)
def _split(key: str) -> tuple[str, ...]:
    parts: list[str] = []
    for part in key.split("_"):
        if parts and f"{parts[-1]}_{part}" in _UNDERSCORED:
            parts[-1] = f"{parts[-1]}_{part}"
        else:
            parts.append(part)
    return tuple(parts)


def merge(target: dict[str, Any], update: Mapping[str, Any] | None = None, **keys: Any) -> dict:
    """Merge ``update`` and ``keys`` into ``target`` in place and return it.

    Nested dicts merge; any other value (lists included) replaces. Keys of
    ``update`` may be dotted paths (``"xaxis.title.text"``, as in plotly.js
    ``relayout``); keyword names use plotly's magic underscores: ``title_text="x"``
    sets ``title.text``.
    """
    for key, value in (update or {}).items():
        _merge_path(target, key.split("."), value)
    for key, value in keys.items():
        _merge_path(target, _split(key), value)
    return target


def _merge_path(target: dict, path: Sequence[str], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    last = path[-1]
    if isinstance(value, dict) and isinstance(target.get(last), dict):
        for key, item in value.items():
            _merge_path(target[last], [key], item)
    elif isinstance(value, dict):
        target[last] = _plain_dict(value)
    else:
        target[last] = value


def _plain_dict(value: dict) -> dict:
    return {k: _plain_dict(v) if isinstance(v, dict) else v for k, v in value.items()}


def _spans(sizes: Sequence[float] | None, count: int, spacing: float, total: float = 1.0):
    """Start and end of each of ``count`` cells along one side, left or top first."""
    weights = list(sizes) if sizes else [1.0] * count
    room = total - spacing * (count - 1)
    spans, start = [], 0.0
    for weight in weights:
        size = room * weight / sum(weights)
        spans.append((start, start + size))
        start += size + spacing
    return spans


def _axis_name(kind: str, number: int) -> str:
    return kind if number == 1 else f"{kind}{number}"


class Figure:
    """A plotly figure under construction, held as plain ``data`` and ``layout``.

    ``Figure(d)`` wraps an existing figure dict without copying it.
    """

    def __init__(self, figure: Mapping[str, Any] | None = None):
        figure = figure if figure is not None else {}
        self.data: list[dict[str, Any]] = figure.get("data", [])
        self.layout: dict[str, Any] = figure.get("layout", {})
        self.frames: list[dict[str, Any]] = figure.get("frames", [])
        # What plotly.py writes for ``template="none"``: no template styling at all.
        self.layout.setdefault("template", {"data": {"scatter": [{"type": "scatter"}]}})
        self._cells: dict[tuple[int, int], dict[str, Any]] = {}

    def to_dict(self) -> dict[str, Any]:
        """The figure as plotly JSON data (shared, not copied)."""
        figure = {"data": self.data, "layout": self.layout}
        if self.frames:
            figure["frames"] = self.frames
        return figure

    def copy(self) -> Figure:
        """A deep copy, subplot grid included."""
        # Figures are plain JSON data, and a JSON round trip copies them several
        # times faster than copy.deepcopy.
        twin = Figure(json.loads(json.dumps(self.to_dict())))
        twin._cells = copy.deepcopy(self._cells)
        return twin

    # ------------------------------------------------------------- grid

    def cell(self, row: int, col: int) -> dict[str, Any]:
        """The subplot at (``row``, ``col``): its axes or its domain."""
        return self._cells[(row, col)]

    def axes(self, row: int, col: int, secondary_y: bool = False) -> tuple[str, str]:
        """The short names (``"x2"``, ``"y2"``) of a subplot's axes."""
        cell = self.cell(row, col)
        return cell["x"], cell["y2" if secondary_y else "y"]

    def add_trace(
        self, trace: dict[str, Any], row: int | None = None, col: int | None = None, **kw
    ) -> Figure:
        """Add ``trace`` (a dict), placed in the subplot at ``row``, ``col`` if given."""
        if row is not None:
            cell = self.cell(row, col or 1)
            if "domain" in cell:
                trace["domain"] = dict(cell["domain"])
            else:
                trace["xaxis"], trace["yaxis"] = self.axes(row, col or 1, kw.get("secondary_y"))
        self.data.append(trace)
        return self

    # ------------------------------------------------------------- updates

    def update_layout(self, update: Mapping[str, Any] | None = None, **keys) -> Figure:
        """Merge into the layout (magic underscores allowed in keyword names)."""
        merge(self.layout, update, **keys)
        return self

    def _axis_keys(self, kind: str, row: int | None, col: int | None) -> list[str]:
        if not self._cells:
            named = [key for key in self.layout if key.startswith(f"{kind}axis")]
            return named or [f"{kind}axis"]
        keys = []
        for (r, c), cell in self._cells.items():
            if kind in cell and (row is None or r == row) and (col is None or c == col):
                keys.append(cell[kind].replace(kind, f"{kind}axis", 1))
                if kind == "y" and "y2" in cell:
                    keys.append(cell["y2"].replace("y", "yaxis", 1))
        return keys

    def update_xaxes(self, update=None, *, row=None, col=None, **keys) -> Figure:
        """Merge into every x axis, or those of one row, column or subplot."""
        for key in self._axis_keys("x", row, col):
            merge(self.layout.setdefault(key, {}), update, **keys)
        return self

    def update_yaxes(self, update=None, *, row=None, col=None, secondary_y=None, **keys):
        """Merge into every y axis, or those of one row, column or subplot."""
        for key in self._axis_keys("y", row, col):
            is_secondary = self.layout.get(key, {}).get("overlaying") is not None
            if secondary_y is None or secondary_y == is_secondary:
                merge(self.layout.setdefault(key, {}), update, **keys)
        return self

    def update_traces(self, update=None, *, selector: Mapping | None = None, **keys) -> Figure:
        """Merge into every trace whose properties match ``selector``."""
        for item in self.data:
            if all(item.get(k) == v for k, v in (selector or {}).items()):
                merge(item, update, **keys)
        return self

    def add_annotation(self, **properties) -> Figure:
        """Add one annotation (a text label)."""
        self.layout.setdefault("annotations", []).append(merge({}, **properties))
        return self

    def add_shape(self, **properties) -> Figure:
        """Add one shape (a line, rectangle...)."""
        self.layout.setdefault("shapes", []).append(merge({}, **properties))
        return self


def subplots(
    rows: int = 1,
    cols: int = 1,
    *,
    specs: Sequence[Sequence[dict | None]] | None = None,
    row_heights: Sequence[float] | None = None,
    column_widths: Sequence[float] | None = None,
    vertical_spacing: float | None = None,
    horizontal_spacing: float | None = None,
    subplot_titles: Sequence[str] = (),
) -> Figure:
    """A figure with a grid of subplots, laid out as plotly's ``make_subplots``.

    A spec may set ``colspan``, ``"secondary_y": True`` or a ``type`` other than
    ``"xy"`` (``"indicator"``, ``"table"``), whose traces are placed by domain.
    """
    specs = specs or [[{} for _ in range(cols)] for _ in range(rows)]
    secondary = any(spec and spec.get("secondary_y") for line in specs for spec in line)
    col_spans = _spans(
        column_widths,
        cols,
        0.2 / cols if horizontal_spacing is None else horizontal_spacing,
        _SECONDARY_Y_WIDTH if secondary else 1.0,
    )
    row_spans = _spans(
        row_heights, rows, 0.3 / rows if vertical_spacing is None else vertical_spacing
    )
    fig = Figure()
    counters = {"x": 0, "y": 0}
    titles = iter(subplot_titles)
    for r, line in enumerate(specs, start=1):
        for c, spec in enumerate(line, start=1):
            if spec is None:
                continue
            x0 = col_spans[c - 1][0]
            x1 = col_spans[c - 1 + spec.get("colspan", 1) - 1][1]
            top, bottom = row_spans[r - 1]
            domain = {
                "x": [round(x0, 4), round(x1, 4)],
                "y": [round(1 - bottom, 4), round(1 - top, 4)],
            }
            fig._cells[(r, c)] = _cell(fig.layout, spec, domain, counters)
            title = next(titles, "")
            if title:
                fig.add_annotation(
                    text=title,
                    x=round((x0 + x1) / 2, 4),
                    xref="paper",
                    xanchor="center",
                    y=domain["y"][1],
                    yref="paper",
                    yanchor="bottom",
                    showarrow=False,
                    font=SUBPLOT_TITLE_FONT,
                )
    return fig


def _cell(layout: dict, spec: dict, domain: dict, counters: dict) -> dict[str, Any]:
    if spec.get("type", "xy") != "xy":
        return {"domain": domain}
    counters["x"] += 1
    counters["y"] += 1
    x, y = _axis_name("x", counters["x"]), _axis_name("y", counters["y"])
    layout[f"xaxis{x[1:]}"] = {"anchor": y, "domain": domain["x"]}
    layout[f"yaxis{y[1:]}"] = {"anchor": x, "domain": domain["y"]}
    cell = {"x": x, "y": y}
    if spec.get("secondary_y"):
        counters["y"] += 1
        y2 = _axis_name("y", counters["y"])
        layout[f"yaxis{y2[1:]}"] = {"anchor": x, "overlaying": y, "side": "right"}
        cell["y2"] = y2
    return cell
