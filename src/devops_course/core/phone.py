"""Figures laid out for a phone: one column, wrapped titles, controls that fit.

A course figure is designed for a page about 740 px wide. On a phone the book
has about 340 px: side-by-side subplots squeeze into slivers, long titles run off
the edge, a horizontal legend wraps over the plots and a row of buttons does not
fit. :func:`phone_figure` returns the same figure re-laid for that width:

* subplots in one column, in reading order, each as tall as it was (or taller),
  with its title moved along, in the layout and in every slider step and button;
* the title (and subplot titles) wrapped at word boundaries to fit the width;
* the legend under the figure, with room reserved for its wrapped rows;
* buttons above the plots stacked one per line; sliders across the full width;
* tables with columns wide enough for their longest word, and tall enough for
  every row, so that nothing scrolls or is cut.

A figure whose module drew a phone version itself (``layout.meta.phone``, a
layout patch, as the chapter 1 diagram) takes that instead.

The data's values never change, only where and how they are drawn (the layout,
and a few placement keys of traces: a domain, a table's column widths, a label's
position), so the book sends that small patch next to the figure
(:func:`phone_patch`) and the page picks a layout by the width it has
(``course-plotly.js``).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

PHONE_WIDTH = 340  # px: the figure's width in the book on a 390 px phone
PHONE_BELOW = 560  # px: a figure narrower than this takes the phone layout
TITLE_FONT = 15
SUBPLOT_TITLE_FONT = 14
MARGIN = {"l": 52, "r": 12}
PLOT_WIDTH = PHONE_WIDTH - MARGIN["l"] - MARGIN["r"]
CELL_GAP = 96  # px between stacked cells: tick labels and an axis title, then a title
MIN_CELL = 200  # px: the least height of a stacked subplot
BUTTON_HEIGHT = 30  # px per stacked button
LEGEND_ROW = 24  # px per row of a horizontal legend
TILT = -45  # degrees: category labels that fit neither whole nor wrapped
_TAG = re.compile(r"<[^>]+>")


def text_width(text: str, size: float) -> float:
    """Estimated width in px of plotly ``text`` (HTML tags dropped) at font ``size``.

    Hangul and other wide characters take about an em, Latin letters and digits
    about 0.6 (measured against Nanum Gothic in Chromium).
    """
    lines = re.split(r"<br\s*/?>", str(text), flags=re.I)
    return max((_line_width(_TAG.sub("", line), size) for line in lines), default=0.0)


def _line_width(line: str, size: float) -> float:
    ems = 0.0
    for char in line:
        if unicodedata.east_asian_width(char) in "WF":
            ems += 0.95
        elif char == " ":
            ems += 0.3
        elif char.isupper() or char.isdigit():
            ems += 0.62
        else:
            ems += 0.58
    return ems * size


def wrap(text: str, size: float, width: float) -> str:
    """``text`` with ``<br>`` between words so that no line is wider than ``width``."""
    lines: list[str] = []
    for line in re.split(r"<br\s*/?>", str(text), flags=re.I):
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and text_width(candidate, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return "<br>".join(lines)


def line_count(text: str) -> int:
    """How many lines plotly draws for ``text``."""
    return len(re.split(r"<br\s*/?>", str(text), flags=re.I))


# ----------------------------------------------------------------- the grid


def subplot_cells(figure: dict) -> list[dict[str, Any]]:
    """Every subplot: its x axis key (or its domain traces), x and y domains."""
    layout = figure["layout"]
    cells = []
    for key, axis in layout.items():
        if not re.fullmatch(r"xaxis\d*", key) or "domain" not in axis:
            continue
        y_key = "yaxis" + axis.get("anchor", "y")[1:]
        y_domain = layout.get(y_key, {}).get("domain", [0, 1])
        cells.append({"x": key, "y": y_key, "xd": axis["domain"], "yd": y_domain})
    for trace in figure["data"]:
        if trace.get("type") in ("table", "indicator"):
            trace.setdefault("domain", {"x": [0, 1], "y": [0, 1]})
        domain = trace.get("domain")
        if not domain:
            continue
        cell = next((c for c in cells if c.get("domain") == domain), None)
        if cell is None:
            cell = {"domain": domain, "xd": domain["x"], "yd": domain["y"], "kinds": set()}
            cells.append(cell)
        cell["kinds"].add(trace.get("type"))
    return cells


def _side_by_side(cells: list[dict]) -> bool:
    return any(
        a is not b and _overlaps(a["yd"], b["yd"]) and not _overlaps(a["xd"], b["xd"])
        for a in cells
        for b in cells
    )


def _overlaps(first: list[float], second: list[float]) -> bool:
    return min(first[1], second[1]) - max(first[0], second[0]) > 1e-6


def plots_height(layout: dict) -> float:
    """The height (px) of the plotting area: the figure's, less its top and bottom
    margins."""
    margin = layout.get("margin", {})
    return layout.get("height", 450) - margin.get("t", 100) - margin.get("b", 80)


class _Restack:
    """Where each subplot goes when the grid becomes one column."""

    def __init__(self, cells: list[dict], plot_height: float, notes: list[dict]):
        order = sorted(cells, key=lambda c: (-round(c["yd"][1], 3), c["xd"][0]))
        heights = [
            max(MIN_CELL, c["least"], (c["yd"][1] - c["yd"][0]) * plot_height) for c in order
        ]
        # room above each cell below the first: the upper cell's axis, then a title
        gaps = [CELL_GAP + 18 * (line_count(self._title_text(c, notes)) - 1) for c in order[1:]]
        self.plot_height = sum(heights) + sum(gaps)
        self.old_plot = plot_height
        self.right = max(c["xd"][1] for c in cells)
        top = self.plot_height
        for cell, height, gap in zip(order, heights, [0, *gaps]):
            top -= gap
            cell["new_yd"] = [_fraction(top - height, self), _fraction(top, self)]
            # a gauge keeps a gauge's width; plots and tables take the full width
            cell["new_xd"] = (
                [0.12, 0.88] if "indicator" in cell.get("kinds", ()) else [0, self.right]
            )
            top -= height
        self.cells = order

    @staticmethod
    def _title_text(cell: dict, notes: list[dict]) -> str:
        title = next((n for n in notes if is_title_of(n, cell)), None)
        return wrap(title["text"], SUBPLOT_TITLE_FONT, PHONE_WIDTH - 70) if title else ""

    def move_note(self, note: dict) -> None:
        """Move a note on the plots along with its subplot.

        A subplot title (centred on a cell's top) goes to the cell's new top. Any
        other note placed on the paper keeps its distance in pixels from the top
        of the subplot it sits above.
        """
        if note.get("xref") != "paper" or note.get("yref") != "paper":
            return
        for cell in self.cells:
            if is_title_of(note, cell):
                note["x"] = round((cell["new_xd"][0] + cell["new_xd"][1]) / 2, 4)
                note["y"] = cell["new_yd"][1]
                note["text"] = wrap(note.get("text", ""), SUBPLOT_TITLE_FONT, PHONE_WIDTH - 70)
                note.setdefault("font", {})["size"] = SUBPLOT_TITLE_FONT
                return
        y = note.get("y", 0.5)
        below = [c for c in self.cells if c["yd"][1] <= y + 1e-6 and 0 <= y <= 1]
        if below:
            cell = max(below, key=lambda c: c["yd"][1])
            offset = (y - cell["yd"][1]) * self.old_plot
            note["y"] = round(cell["new_yd"][1] + offset / self.plot_height, 4)
            note["x"] = 0 if note.get("xanchor") == "left" else note.get("x", 0.5)

    def apply(self, figure: dict) -> None:
        """Give every axis and domain trace its place in the column."""
        layout = figure["layout"]
        for cell in self.cells:
            if "domain" in cell:
                for trace in figure["data"]:
                    if trace.get("domain") == cell["domain"]:
                        trace["domain"] = {"x": cell["new_xd"], "y": cell["new_yd"]}
            else:
                layout[cell["x"]]["domain"] = cell["new_xd"]
                layout[cell["y"]]["domain"] = cell["new_yd"]


def _fraction(pixels: float, restack: _Restack) -> float:
    return round(pixels / restack.plot_height, 4)


def is_title_of(note: dict, cell: dict) -> bool:
    if note.get("xref") != "paper" or note.get("yref") != "paper":
        return False
    centre = (cell["xd"][0] + cell["xd"][1]) / 2
    return (
        note.get("yanchor") == "bottom"
        and abs(note.get("x", -1) - centre) < 0.02
        and abs(note.get("y", -1) - cell["yd"][1]) < 0.02
    )


# ------------------------------------------------------------------ layout


def phone_figure(figure: dict) -> dict:
    """A copy of ``figure`` (plotly JSON) laid out for a phone's width."""
    phone = copy.deepcopy(figure)
    layout = phone["layout"]
    own = (layout.get("meta") or {}).pop("phone", None)
    if own:  # a diagram drawn again for a phone by its own module
        layout.update(own)
        return phone
    old_plot = plots_height(layout)
    restack, plot_height = _one_column(phone, old_plot)
    _fit_notes(phone, restack, old_plot, plot_height)
    grown = fit_category_ticks(phone)
    keep_value_labels_whole(phone)
    _lower_notes_below(layout, grown, plot_height)
    top = _top_room(phone, restack, plot_height)
    bottom = _bottom_room(phone, plot_height, grown)
    _set_size(phone, plot_height, top, bottom)
    return phone


def _one_column(phone: dict, old_plot: float) -> tuple[_Restack | None, float]:
    """Stack side-by-side subplots (if any); make every table tall enough. Returns
    the restack and the plots' new height."""
    cells = subplot_cells(phone)
    for cell in cells:
        cell["least"] = _fit_tables(phone, cell)
    if _side_by_side(cells):
        restack = _Restack(cells, old_plot, phone["layout"].get("annotations", []))
        restack.apply(phone)
        return restack, restack.plot_height
    plot_height = old_plot  # every table tall enough, the others scaled alike
    for cell in cells:
        plot_height = max(plot_height, cell["least"] / (cell["yd"][1] - cell["yd"][0]))
    return None, plot_height


def _fit_notes(phone: dict, restack: _Restack | None, old_plot: float, plot_height: float):
    """Move the notes with their subplots, wrap long ones, wrap the titles."""
    for notes in annotation_lists(phone):
        for note in notes:
            if restack:
                restack.move_note(note)
            _keep_in_pixels(note, old_plot, plot_height)
            # a note from the plots' left edge has less room: labels may widen the margin
            room = PHONE_WIDTH - (140 if note.get("xanchor") == "left" else 80)
            if text_width(note.get("text", ""), 13) > room:
                note["text"] = wrap(note["text"], 13, room)
    for title in figure_titles(phone):
        title["text"] = wrap(title.get("text", ""), TITLE_FONT, PHONE_WIDTH - 24)
        title.setdefault("font", {})["size"] = TITLE_FONT


def _lower_notes_below(layout: dict, grown: float, plot_height: float) -> None:
    """Notes under the plots make way for x labels that wrapped onto more lines."""
    if grown:
        for note in layout.get("annotations", []):
            if note.get("yref") == "paper" and note.get("y", 0) < 0:
                note["y"] = round(note["y"] - (grown + 14) / plot_height, 4)


def _top_room(phone: dict, restack: _Restack | None, plot_height: float) -> float:
    """Room above the plots: the title's lines, then the stacked buttons."""
    layout = phone["layout"]
    top = 12 + max((line_count(t.get("text", "")) for t in figure_titles(phone)), default=1) * 20
    first_title = (
        restack._title_text(restack.cells[0], layout.get("annotations", [])) if restack else ""
    )
    clear = 22 * line_count(first_title) if first_title else 0
    return top + _stack_top_menus(layout, plot_height, clear)


def _bottom_room(phone: dict, plot_height: float, grown: float) -> float:
    """Room below the plots: axes and slider as before, a player's buttons, the legend."""
    layout = phone["layout"]
    bottom = layout.get("margin", {}).get("b", 80) + grown
    for slider in layout.get("sliders", []):
        _fit_slider(slider)
    for menu in layout.get("updatemenus", []):
        if menu.get("y", 1) < 0:  # a player's buttons: under the full-width slider
            menu.update(x=0, xanchor="left", y=-(bottom + 4) / plot_height)
            bottom += BUTTON_HEIGHT + 12
    return bottom + _legend_below(phone)


def _set_size(phone: dict, plot_height: float, top: float, bottom: float) -> None:
    """Margins and height for the phone; titles anchored inside the top edge."""
    layout = phone["layout"]
    margin = layout.setdefault("margin", {})
    margin.update(
        l=min(margin.get("l", 80), MARGIN["l"]),  # axes' automargin widens it for labels
        r=min(margin.get("r", 80), MARGIN["r"]),
        t=top + 30,
        b=bottom,
    )
    layout["height"] = round(plot_height + margin["t"] + margin["b"])
    for title in figure_titles(phone):
        # plotly lifts a title of several lines above a top anchor: lower it
        drop = 4 + 10 * (line_count(title.get("text", "")) - 1)
        title.update(yref="container", y=round(1 - drop / layout["height"], 4), yanchor="top")
    keep_x_labels_clear(layout)


def keep_x_labels_clear(layout: dict) -> None:
    """x tick labels 6 px below the axis, clear of the y axis's lowest label."""
    for key, axis in layout.items():
        if re.fullmatch(r"xaxis\d*", key):
            axis["ticklabelstandoff"] = 6


def _fit_tables(figure: dict, cell: dict) -> float:
    """Size the columns of the cell's tables for a phone; return the height they need.

    Each column is at least as wide as its longest word (plotly wraps cell text
    at spaces only), and the rest of the width is shared as before. The height is
    the sum of the rows, each as tall as its most wrapped cell.
    """
    need = 0.0
    for trace in figure["data"]:
        if trace.get("type") != "table" or trace.get("domain") != cell.get("domain"):
            continue
        width = _table_room(figure) * (cell["xd"][1] - cell["xd"][0]) - 4
        header, cells = trace.get("header", {}), trace.get("cells", {})
        columns = [[h, *c] for h, c in zip(header.get("values", []), cells.get("values", []))]
        shares = trace.get("columnwidth") or [1] * len(columns)
        size = cells.get("font", {}).get("size", 12)
        least = [max(_longest_word(v, size) for v in column) + 16 for column in columns]
        while sum(least) > width and size > 10:  # smaller type before cut words
            size -= 1
            least = [max(_longest_word(v, size) for v in column) + 16 for column in columns]
        for part in (header, cells):
            part.setdefault("font", {})["size"] = min(size + 1, part["font"].get("size", 13))
        cells["font"]["size"] = size
        spare = max(width - sum(least), 0)
        widths = [lw + spare * share / sum(shares) for lw, share in zip(least, shares)]
        trace["columnwidth"] = [round(w) for w in widths]
        rows = max(len(column) for column in columns)
        for row in range(rows):
            lines = max(
                line_count(wrap(str(c[row]), size, w - 16))
                for c, w in zip(columns, widths)
                if row < len(c)
            )
            least_row = cells.get("height", 20) if row else header.get("height", 28)
            need += max(least_row, lines * size * 1.5 + 12)
    return need * 1.1  # plotly's own padding, and a margin for the estimate


def _table_room(figure: dict) -> float:
    """The plots' width on a phone: less the y axis labels of horizontal bars."""
    margins = min(figure["layout"].get("margin", {}).get("l", 80), MARGIN["l"]) + MARGIN["r"]
    labels = [
        label
        for key in figure["layout"]
        if re.fullmatch(r"yaxis\d*", key)
        for label in _category_labels(figure, "y", "y" + key[5:])
    ]
    if labels:
        widest = max(text_width(wrap(label, 13, PHONE_WIDTH / 3), 13) for label in labels)
        margins = max(margins, widest + 16 + MARGIN["r"])
    return PHONE_WIDTH - margins


def _longest_word(text, size: float) -> float:
    words = re.split(r"\s+|<br\s*/?>", _TAG.sub(" ", str(text)))
    return max((text_width(word, size) for word in words), default=0.0)


def fit_category_ticks(
    figure: dict,
    plot_width: float = PLOT_WIDTH,
    figure_width: float = PHONE_WIDTH,
    *,
    may_tilt: bool = False,
) -> float:
    """Wrap the labels of crowded category axes at their spaces, or shrink them.

    An x axis shares its part of ``plot_width`` among its labels; a y axis's labels
    (horizontal bars) take at most a third of ``figure_width``. Labels that do not
    fit even wrapped and shrunk go on one line each and tilt by :data:`TILT`, if
    ``may_tilt``. Returns how much taller (px) the x labels became.
    """
    layout = figure["layout"]
    grown = 0.0
    for key, axis in list(layout.items()):
        match = re.fullmatch(r"([xy])axis(\d*)", key)
        if not match or axis.get("type") == "log":
            continue
        labels = _category_labels(figure, match[1], match[1] + match[2])
        if len(labels) < 2:
            continue
        if match[1] == "x":
            domain = axis.get("domain", [0, 1])
            slot = plot_width * (domain[1] - domain[0]) / len(labels) - 4
        else:
            slot = figure_width / 3
        if max(text_width(label, 13) for label in labels) <= slot:
            continue
        size = 13 if all(text_width(wrap(lb, 13, slot), 13) <= slot for lb in labels) else 11
        ticktext = [wrap(re.sub(r"<br\s*/?>", " ", label), size, slot) for label in labels]
        axis.setdefault("tickfont", {})["size"] = size
        if may_tilt and max(text_width(text, size) for text in ticktext) > slot:
            one_line = [re.sub(r"<br\s*/?>", " ", label) for label in labels]
            axis.update(tickvals=labels, ticktext=one_line, tickangle=TILT)
            if match[1] == "x":  # a tilted label is as tall as it is wide, or so
                tall = 0.71 * (max(text_width(t, size) for t in one_line) + size)
                before = max(line_count(label) for label in labels) * 13 * 1.3
                grown = max(grown, tall - before)
            continue
        axis.update(tickvals=labels, ticktext=ticktext, tickangle=0)
        if match[1] == "x":
            before = max(line_count(label) for label in labels)
            grown = max(grown, (max(line_count(t) for t in ticktext) - before) * size * 1.3)
    return grown


def _category_labels(figure: dict, letter: str, name: str) -> list[str]:
    """The text categories on axis ``name`` (``"x2"``), in the data and in every
    slider step and button that replaces the data."""
    arrays = []
    for index, trace in enumerate(figure["data"]):
        if trace.get(f"{letter}axis", letter) != name:
            continue
        arrays.append(trace.get(letter) or [])
        for control in figure["layout"].get("sliders", []) + figure["layout"].get(
            "updatemenus", []
        ):
            for step in control.get("steps", control.get("buttons", [])):
                args = step.get("args") or [None]
                values = args[0].get(letter) if isinstance(args[0], dict) else None
                if (
                    isinstance(values, list)
                    and index < len(values)
                    and isinstance(values[index], list)
                ):
                    arrays.append(values[index])
    labels: list[str] = []
    for array in arrays:
        for value in array:
            if isinstance(value, str) and value not in labels:
                labels.append(value)
    return labels


def keep_value_labels_whole(figure: dict) -> None:
    """Value labels are not cut at the plots' edge: a horizontal bar puts its label
    inside when outside would not fit, a marker's label may cross the edge."""
    for trace in figure["data"]:
        if trace.get("type") == "bar" and trace.get("orientation") == "h":
            if trace.get("textposition") == "outside":
                trace["textposition"] = "auto"
        if trace.get("type") == "scatter" and "text" in trace.get("mode", ""):
            trace["cliponaxis"] = False


def _fit_slider(slider: dict) -> None:
    """Stretch a slider across the plots; wrap its step labels to their share.

    plotly widens the margins for end labels that stick out, and skips labels
    that would collide.
    """
    steps = [step for step in slider.get("steps", []) if step.get("label")]
    share = max(PHONE_WIDTH / max(len(steps), 1), 90)
    for step in steps:
        step["label"] = wrap(step["label"], 12, share - 8)
    slider.update(x=0, len=1)
    slider.setdefault("font", {})["size"] = 12
    if steps:  # end labels are centred on the rail's ends: keep them on screen
        pad = slider.setdefault("pad", {})
        pad["l"] = round(max(0, text_width(steps[0]["label"], 12) / 2 - MARGIN["l"] + 6))
        pad["r"] = round(max(0, text_width(steps[-1]["label"], 12) / 2 - MARGIN["r"] + 6))


def figure_titles(figure: dict) -> Iterable[dict]:
    """The figure's title, and the titles its frames and controls set."""
    layout = figure["layout"]
    candidates = [layout.get("title")]
    candidates += [frame.get("layout", {}).get("title") for frame in figure.get("frames", [])]
    for update in _layout_updates(layout):
        candidates.append(update.get("title"))
    return [t for t in candidates if isinstance(t, dict)]


def _layout_updates(layout: dict) -> Iterable[dict]:
    """The layout changes that sliders and buttons make (plotly's ``update`` args)."""
    for control in layout.get("sliders", []) + layout.get("updatemenus", []):
        for step in control.get("steps", control.get("buttons", [])):
            args = step.get("args") or []
            if step.get("method") == "update" and len(args) > 1 and isinstance(args[1], dict):
                yield args[1]
            elif step.get("method") == "relayout" and args and isinstance(args[0], dict):
                yield args[0]


def annotation_lists(figure: dict) -> Iterable[list[dict]]:
    yield figure["layout"].get("annotations", [])
    for update in _layout_updates(figure["layout"]):
        if isinstance(update.get("annotations"), list):
            yield update["annotations"]


def _keep_in_pixels(note: dict, old_plot: float, new_plot: float) -> None:
    """A note above or below the plots keeps its distance from them in pixels."""
    if note.get("yref") != "paper" or old_plot == new_plot:
        return
    y = note.get("y", 0.5)
    if y < 0:
        note["y"] = round(y * old_plot / new_plot, 4)
    elif y > 1:
        note["y"] = round(1 + (y - 1) * old_plot / new_plot, 4)


def _stack_top_menus(layout: dict, plot_height: float, clear: float) -> float:
    """Stack the buttons above (or on) the plots, ``clear`` px above the plots' top,
    under the title; return the height they take."""
    used = 0.0
    for menu in layout.get("updatemenus", []):
        if menu.get("y", 1) < 0:
            continue
        count = len(menu.get("buttons", []))
        wide = sum(text_width(b.get("label", ""), 13) + 24 for b in menu.get("buttons", []))
        fits = wide <= PHONE_WIDTH - 8
        height = BUTTON_HEIGHT if fits else BUTTON_HEIGHT * count
        menu.update(
            direction="right" if fits else "down",
            x=-MARGIN["l"] / (PHONE_WIDTH - MARGIN["l"] - MARGIN["r"]),
            xanchor="left",
            yanchor="top",
            y=1 + (height + used + clear + 12) / plot_height,
        )
        used += height + 8
    return used + clear


def _legend_rows(figure: dict) -> int:
    """Rows the horizontal legend takes at the phone's width."""
    layout = figure["layout"]
    if layout.get("showlegend") is False:
        return 0
    names = [
        t.get("name", "") for t in figure["data"] if t.get("name") and t.get("showlegend", True)
    ]
    if not names or (len(figure["data"]) == 1 and not layout.get("showlegend")):
        return 0
    title = (layout.get("legend", {}).get("title") or {}).get("text", "")
    rows, used = 1, text_width(title, 13) + 8 if title else 0
    for name in names:
        item = 48 + text_width(name, 13)
        if used and used + item > PHONE_WIDTH:
            rows, used = rows + 1, 0
        used += item
    return rows


def _legend_below(figure: dict) -> float:
    """Put the legend at the foot of the figure; return the height it adds."""
    rows = _legend_rows(figure)
    if not rows:
        return 0
    figure["layout"]["legend"].update(y=0, yanchor="bottom", yref="container", x=0)
    return rows * LEGEND_ROW + 8


def phone_patch(figure: dict) -> dict:
    """What :func:`phone_figure` changes, small enough to ship beside the figure.

    ``layout`` is the phone layout, except that the data half of each slider step
    and button (``args[0]``) is ``None``: it is the same as the figure's.
    ``traces`` holds what changes in each trace (its domain, a table's column
    widths...) or ``None``; ``frames`` each frame's phone layout.
    """
    phone = phone_figure(figure)
    layout = phone["layout"]
    for control in layout.get("sliders", []) + layout.get("updatemenus", []):
        for step in control.get("steps", control.get("buttons", [])):
            if step.get("method") in ("update", "restyle") and step.get("args"):
                step["args"][0] = None
    return {
        "layout": layout,
        "traces": [
            {key: value for key, value in phone_trace.items() if trace.get(key) != value} or None
            for trace, phone_trace in zip(figure["data"], phone["data"])
        ],
        "frames": [frame.get("layout", {}) for frame in phone.get("frames", [])],
    }
