"""Shared look of every course figure: palette, fonts, layout and alt text."""

from __future__ import annotations

import plotly.graph_objects as go

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

FONT_FAMILY = (
    "'Nanum Gothic', NanumGothic, 'Noto Sans KR', 'Apple SD Gothic Neo', "
    "'Malgun Gothic', sans-serif"
)


def style_figure(
    fig: go.Figure,
    *,
    title: str,
    alt: str,
    height: int = 420,
) -> go.Figure:
    """Apply the course style to ``fig`` and record its Korean alt text.

    ``alt`` describes the figure for screen readers and for the PDF caption;
    it is stored in ``layout.meta.alt`` and travels with the figure JSON.
    """
    fig.update_layout(
        template="none",
        title={
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 0.99,
            "yanchor": "top",
            "font": {"size": 17},
        },
        font={"family": FONT_FAMILY, "size": 13, "color": "#222222"},
        colorway=SEQUENCE,
        height=height,
        margin={"l": 64, "r": 24, "t": 96, "b": 56},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}},
        # Title, then the legend, then the plots: never on top of each other.
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0.995 - 36 / height,
            "yanchor": "top",
            "x": 0,
            "traceorder": "normal",
        },
        meta={"alt": alt},
    )
    fig.update_xaxes(gridcolor="#E5E5E5", zerolinecolor="#BDBDBD", automargin=True)
    fig.update_yaxes(gridcolor="#E5E5E5", zerolinecolor="#BDBDBD", automargin=True)
    return fig


def rounded(values, digits: int = 2) -> list[float]:
    """Round a sequence of numbers for compact, stable figure JSON."""
    return [round(float(value), digits) for value in values]
