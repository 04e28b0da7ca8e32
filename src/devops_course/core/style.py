"""Shared look of every course figure: palette, fonts, layout and alt text."""

from __future__ import annotations

from .figure import Figure

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#8C8C8C",
}
SEQUENCE = [
    PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")
]
# Patterns repeat the colour information for readers who cannot tell colours apart.
PATTERNS = ["", "/", ".", "x", "\\", "+", "-"]
MARKERS = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross"]

# Dark mode: each light colour the figures use, as written, and what it becomes
# on the book's dark page (background #14181e). The page swaps them when the
# reader's theme is dark. Exact strings: the table header's "#FFFFFF" text stays.
DARK_COLOURS = {
    "white": "#1B2027",  # paper, plot and unchanged table cells
    "#222222": "#E3E6EA",  # ink
    "#333333": "#D5D9DE",
    "#444444": "#C3C8CE",
    "#000000": "#E3E6EA",  # the palette's black: lines and markers
    "#E5E5E5": "#39414C",  # grid
    "#BDBDBD": "#5C6773",  # zero line
    "#F2F2F2": "#2B323C",  # gauge background
    "#F8FAFC": "#2B323C",  # slider rail
    "#BEC8D9": "#5C6773",  # slider border
    "#DBDDE0": "#9AA3AD",  # slider handle when held
    "#E8E8E8": "#3A424D",
    "#8A3B00": "#F5A46B",  # dark orange notes
    # pale fills of tables and bands, as dark tints of the same hues
    "#D7F0E5": "#1D4536",
    "#CDEBDD": "#1D4536",
    "#EEF7F1": "#1A3328",
    "#FCE8C3": "#54411A",
    "#FBE7C0": "#54411A",
    "#F7D4C2": "#5A2E1D",
    "#F6D3C2": "#5A2E1D",
    "#FFF4EC": "#47301F",
    "#FBEFE6": "#3B2A1F",
    "#D4E6F4": "#1D3A52",
    "#E6F1F8": "#1B3040",
}

# Buttons stay light in both modes: plotly draws the pressed one in a fixed pale
# blue, so their text must stay dark. None of these colours is in DARK_COLOURS.
BUTTON_STYLE = {"bgcolor": "#EFEFEF", "bordercolor": "#707070", "font": {"color": "#1A1A1A"}}
# plotly's slider colours, written out so that dark mode can swap them.
SLIDER_STYLE = {
    "bgcolor": "#F8FAFC",
    "bordercolor": "#BEC8D9",
    "activebgcolor": "#DBDDE0",
    "tickcolor": "#333333",
}

AXIS_STYLE = {"gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "automargin": True}
FONT_FAMILY = (
    "'Nanum Gothic', NanumGothic, 'Noto Sans KR', 'Apple SD Gothic Neo', "
    "'Malgun Gothic', sans-serif"
)


def style_figure(
    fig: Figure,
    *,
    title: str,
    alt: str,
    height: int = 420,
) -> dict:
    """Apply the course style to ``fig`` and record its Korean alt text.

    ``alt`` describes the figure for screen readers and for the PDF caption;
    it is stored in ``layout.meta.alt`` and travels with the figure JSON. Returns
    the finished figure as a plotly JSON dict.
    """
    style = {
        "title": {
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 0.99,
            "yanchor": "top",
            "font": {"size": 17},
        },
        "font": {"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        "colorway": SEQUENCE,
        "height": height,
        "margin": {"l": 64, "r": 24, "t": 96, "b": 56},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        # Title, then the legend, then the plots: never on top of each other.
        "legend": {
            "orientation": "h",
            "yref": "container",
            "y": 0.995 - 36 / height,
            "yanchor": "top",
            "x": 0,
            "traceorder": "normal",
        },
        "meta": {"alt": alt},
    }
    fig.update_layout(style)
    fig.layout.setdefault("xaxis", {})
    fig.layout.setdefault("yaxis", {})
    for key, axis in fig.layout.items():
        if key.startswith(("xaxis", "yaxis")):
            axis.update(AXIS_STYLE)
    return fig.to_dict()


def styled_table(
    header: list[str],
    columns: list[list],
    *,
    fill,
    columnwidth: list[float],
    row_height: int = 24,
) -> dict:
    """A table trace in the course style: a dark blue header, left-aligned dark text.

    ``fill`` is the cells' colour: one colour, one per column, or a list of
    per-row colours per column, as plotly's ``cells.fill.color`` takes it.
    """
    return {
        "type": "table",
        "columnwidth": columnwidth,
        "header": {
            "values": header,
            "fill": {"color": "#1F4E79"},
            "font": {"color": "#FFFFFF", "size": 13},  # on dark blue in both modes
            "align": "left",
        },
        "cells": {
            "values": columns,
            "fill": {"color": fill},
            "align": "left",
            "font": {"size": 12, "color": "#222222"},
            "height": row_height,
        },
    }


def rounded(values, digits: int = 2) -> list[float]:
    """Round a sequence of numbers for compact, stable figure JSON."""
    return [round(float(value), digits) for value in values]


def percent(fraction: float, digits: int = 2) -> str:
    """``fraction`` as a percentage with at most ``digits`` decimals and no trailing
    zeros: 0.02 is "2%", 0.025 "2.5%", 0.008 "0.8%" (a title never rounds a
    threshold the figure draws at 0.8 % to "1%")."""
    text = f"{fraction * 100:.{digits}f}".rstrip("0").rstrip(".")
    return f"{'0' if text == '-0' else text}%"


def hline(y: float, axes: tuple[str, str], *, line: dict, label: str = "", left: bool = True):
    """A horizontal guide line across one subplot, and its label, as plain dicts.

    ``axes`` names the subplot's axes, for example ``("x", "y")`` or ``("x2", "y2")``.
    """
    x, y_axis = axes
    shape = {
        "type": "line",
        "xref": f"{x} domain",
        "x0": 0,
        "x1": 1,
        "yref": y_axis,
        "y0": y,
        "y1": y,
        "line": line,
    }
    note = {
        "text": label,
        "xref": f"{x} domain",
        "x": 0 if left else 1,
        "yref": y_axis,
        "y": y,
        "xanchor": "left" if left else "right",
        "yanchor": "bottom",
        "showarrow": False,
    }
    return shape, note


def vline(x: float, axes: tuple[str, str], *, line: dict, label: str = ""):
    """A vertical guide line across one subplot, and its label at the top."""
    x_axis, y = axes
    shape = {
        "type": "line",
        "xref": x_axis,
        "x0": x,
        "x1": x,
        "yref": f"{y} domain",
        "y0": 0,
        "y1": 1,
        "line": line,
    }
    note = {
        "text": label,
        "xref": x_axis,
        "x": x,
        "yref": f"{y} domain",
        "y": 1,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
    }
    return shape, note


def vband(x0: float, x1: float, axes: tuple[str, str], *, colour: str, opacity: float) -> dict:
    """A shaded vertical band across one subplot."""
    x_axis, y = axes
    return {
        "type": "rect",
        "xref": x_axis,
        "x0": x0,
        "x1": x1,
        "yref": f"{y} domain",
        "y0": 0,
        "y1": 1,
        "fillcolor": colour,
        "opacity": opacity,
        "line": {"width": 0},
        "layer": "below",
    }


def add_guides(fig: Figure, shapes: list[dict], notes: list[dict]) -> None:
    """Add shapes and their labels (see :func:`hline`); empty labels are left out."""
    fig.layout.setdefault("shapes", []).extend(shapes)
    fig.layout.setdefault("annotations", []).extend(n for n in notes if n["text"])
