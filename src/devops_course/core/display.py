"""Display objects that carry one interactive in three media.

A cell's output holds, side by side:

* ``application/vnd.jupyter.widget-view+json``: the live ipywidgets view (Jupyter);
* ``application/vnd.plotly.v1+json``: the kernel-free explorer figure, which the
  book renders as HTML and, for the PDF, as an image;
* ``text/plain``: a Korean sentence saying what the output is;
* ``text/html`` (in Colab only, which renders no plotly mime type): the figure as
  HTML with plotly.js.

Each front end picks the face it can show: JupyterLab the widget; the HTML book the
explorer, and the PDF an image of it, through the ``course_plotly`` mime renderer
(``devops_course.book.plotly_mime``, registered in ``pyproject.toml``), whose
priorities rank the plotly figure above the widget view for those builders.
"""

from __future__ import annotations

import sys
from typing import Any

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _meta(fig: dict) -> dict:
    meta = fig.get("layout", {}).get("meta")
    return meta if isinstance(meta, dict) else {}


def alt_text(fig: dict) -> str:
    """Return the Korean alt text stored in the figure's ``layout.meta``."""
    return str(_meta(fig).get("alt") or "그림")


def note_text(fig: dict) -> str:
    """Return the figure's ``layout.meta.note`` (what it cannot say itself), if any."""
    return str(_meta(fig).get("note") or "")


def _in_colab() -> bool:
    return "google.colab" in sys.modules


def _html_for_colab(fig: dict) -> str:
    # Colab renders no plotly mime type; it needs HTML with plotly.js. Only there
    # is plotly's Python package imported.
    import plotly.io as pio

    return pio.to_html(fig, include_plotlyjs="cdn", full_html=False, validate=False)


def figure_bundle(fig: dict, text: str) -> dict[str, Any]:
    """Return the mime bundle that shows the figure dict ``fig`` in every front end."""
    bundle: dict[str, Any] = {"text/plain": text, PLOTLY_MIME: fig}
    if _in_colab():
        bundle["text/html"] = _html_for_colab(fig)
    return bundle


class StaticFigure:
    """A figure that needs no controls: the same plotly figure in every medium."""

    def __init__(self, fig: dict):
        self.figure = fig

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return figure_bundle(self.figure, f"[그림] {alt_text(self.figure)}")


class Interactive:
    """One interactive: a live widget and a kernel-free explorer figure.

    ``live`` (a :class:`~devops_course.core.live.LiveFigure`, or any object with a
    ``view`` widget) is shown where a kernel runs it; ``explorer`` (a figure dict
    with sliders or buttons over precomputed scenarios) is shown in the static book
    and, as an image of its default state, in the PDF. ``name``, the interactive's
    registered name, goes with the figure in the output's metadata: the web book's
    page runs that model behind its "직접 계산해 보기" button.
    """

    def __init__(self, live, explorer: dict, title: str, name: str = ""):
        self.live = live
        self.widget = live.view
        self.explorer = explorer
        self.title = title
        self.name = name

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        text = (
            f"[인터랙티브] {self.title}: Jupyter에서는 조작할 수 있는 위젯으로, "
            "웹 책에서는 슬라이더와 버튼이 있는 그림으로 보입니다."
        )
        bundle = figure_bundle(self.explorer, text)
        bundle[WIDGET_MIME] = {
            "version_major": 2,
            "version_minor": 0,
            "model_id": self.widget.model_id,
        }
        # The web book's page makes this figure live from the registered name.
        metadata = {PLOTLY_MIME: {"interactive": self.name}} if self.name else {}
        return bundle, metadata
