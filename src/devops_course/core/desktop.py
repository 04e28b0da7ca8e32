"""The wide layout at its narrowest.

Course figures are designed for a page about 740 px wide. The book shows that
layout on every figure of 560 px or more (narrower ones take the phone layout,
``phone.py``), and a laptop often gives less than 740: 608 px in a 1200 px
window with both sidebars, 672 px at 1280. There, crowded category labels ran
into each other, long titles ran off their subplot, and the axes' zeros met at
the corner: 51 overlapping or clipped texts in a 1200 px window.

:func:`desktop_figure` fits the layout to :data:`NARROWEST` px, so that it holds
at every width the book draws it:

* category labels wrap at their spaces, or shrink, to their share of the axis,
  or else tilt, pushing down what is under the plots;
* the title shrinks (to 13 px), and wraps only where nothing sits under it;
* subplot titles take one size at which each fits its subplot (11 px at least);
  notes placed in paper coordinates shrink, then wrap, to the room they have;
* marker labels may cross the plots' edge instead of being cut;
* slider labels wrap to their share of the rail, which leaves room at its ends
  for the end labels;
* x tick labels keep 6 px from the axis, clear of the y axis's lowest label (as on
  a phone).

The data never change, and the few trace keys that do (a label's clipping) are
set alike by the phone layout, so the figure's phone patch still applies.
"""

from __future__ import annotations

import copy

from .figure import SUBPLOT_TITLE_FONT
from .phone import (
    PHONE_BELOW,
    annotation_lists,
    figure_titles,
    fit_category_ticks,
    is_title_of,
    keep_value_labels_whole,
    keep_x_labels_clear,
    plots_height,
    subplot_cells,
    text_width,
    wrap,
)

NARROWEST = PHONE_BELOW  # px: the narrowest figure that takes the wide layout
SMALLEST_TITLE = 13  # px: the figure's title shrinks to this, then wraps if it may
SMALLEST_NOTE = 11  # px: subplot titles and notes shrink to this
SUBPLOT_TITLE_SIZE = SUBPLOT_TITLE_FONT["size"]


def desktop_figure(figure: dict) -> dict:
    """A copy of ``figure`` (plotly JSON) whose wide layout fits :data:`NARROWEST` px."""
    wide = copy.deepcopy(figure)
    layout = wide["layout"]
    margin = layout.get("margin", {})
    plot_width = NARROWEST - margin.get("l", 80) - margin.get("r", 80)
    grown = fit_category_ticks(wide, plot_width, NARROWEST, may_tilt=True)
    if grown > 0:
        _make_room_below(layout, grown)
    keep_value_labels_whole(wide)
    crowded_top = bool(layout.get("updatemenus")) or layout.get("showlegend") is not False
    for title in figure_titles(wide):
        _fit_text(title, NARROWEST - 24, 17, SMALLEST_TITLE, may_wrap=not crowded_top)
    _fit_notes(wide, plot_width, margin)
    for slider in layout.get("sliders", []):
        _fit_slider_labels(slider, plot_width, margin)
    keep_x_labels_clear(layout)
    return wide


def _make_room_below(layout: dict, grown: float) -> None:
    """Taller x labels push down what is under the plots: notes, the slider (whose
    place is measured from the plots' bottom), and the figure's foot."""
    plot_height = plots_height(layout)
    for note in layout.get("annotations", []):
        if note.get("yref") == "paper" and note.get("y", 0) < 0:
            note["y"] = round(note["y"] - grown / plot_height, 4)
    for slider in layout.get("sliders", []):
        slider.setdefault("pad", {})["t"] = round(slider.get("pad", {}).get("t", 0) + grown)
    layout.setdefault("margin", {})["b"] = round(layout["margin"].get("b", 80) + grown)
    layout["height"] = round(layout.get("height", 450) + grown)


def _fit_text(item: dict, room: float, size: float, smallest: float, may_wrap: bool) -> None:
    """Shrink ``item``'s text (a title or note) to fit ``room`` px, down to
    ``smallest``; then wrap it, if it ``may_wrap``."""
    text = str(item.get("text", ""))
    size = item.get("font", {}).get("size", size)
    if not text or text_width(text, size) <= room:
        return
    fitted = max(smallest, min(size, room / text_width(text, 1)))
    item.setdefault("font", {})["size"] = round(fitted, 1)
    if text_width(text, fitted) > room and may_wrap:
        item["text"] = wrap(text, fitted, room)


def _fit_notes(figure: dict, plot_width: float, margin: dict) -> None:
    """Subplot titles take one size, the largest at which each fits its subplot
    (a wrapped one would grow into what is above it); other notes in the margins
    shrink, then wrap, to the room on their side."""
    cells = subplot_cells(figure)
    titles, size = [], SUBPLOT_TITLE_SIZE
    for notes in annotation_lists(figure):
        for note in notes:
            if note.get("xref") != "paper":
                continue
            cell = next((c for c in cells if is_title_of(note, c)), None)
            if cell is None:
                _fit_text(note, _room(note, plot_width, margin), 13, SMALLEST_NOTE, True)
                continue
            titles.append(note)
            room = plot_width * (cell["xd"][1] - cell["xd"][0])
            own = note.get("font", {}).get("size", SUBPLOT_TITLE_SIZE)
            width = text_width(note.get("text", ""), 1)
            size = min(size, own, max(SMALLEST_NOTE, room / width) if width else own)
    for note in titles:
        if size < note.get("font", {}).get("size", SUBPLOT_TITLE_SIZE):
            note.setdefault("font", {})["size"] = round(size, 1)


def _room(note: dict, plot_width: float, margin: dict) -> float:
    """The width (px) a note has between its anchor and the figure's edge, on the
    side (or sides) it extends to."""
    left = margin.get("l", 80) + note.get("x", 0.5) * plot_width
    right = NARROWEST - left
    anchor = note.get("xanchor", "auto")
    if anchor == "left":
        return right - 4
    if anchor == "right":
        return left - 4
    return 2 * min(left, right) - 8


def _fit_slider_labels(slider: dict, plot_width: float, margin: dict) -> None:
    """Wrap each step's label to its share of the slider's rail, and pad the rail
    so that the end labels, centred on its ends, stay inside the figure."""
    steps = [step for step in slider.get("steps", []) if step.get("label")]
    if not steps:
        return
    size = slider.get("font", {}).get("size", 13)
    share = plot_width * slider.get("len", 1) / len(steps) - 8
    for step in steps:
        if text_width(step["label"], size) > share:
            step["label"] = wrap(step["label"], size, share)
    start = margin.get("l", 80) + slider.get("x", 0) * plot_width
    end = NARROWEST - start - slider.get("len", 1) * plot_width
    pad = slider.setdefault("pad", {})
    first, last = (text_width(steps[i]["label"], size) / 2 + 4 for i in (0, -1))
    pad["l"] = max(pad.get("l", 0), round(first - start))
    pad["r"] = max(pad.get("r", 0), round(last - end))
