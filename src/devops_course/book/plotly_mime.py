"""myst-nb renders notebook plotly outputs through this plugin.

myst-nb has no renderer for ``application/vnd.plotly.v1+json`` and silently drops
such outputs. This plugin turns each one into a :class:`PlotlyFigureNode`, a node
that every builder knows how to write: the HTML writer emits the figure JSON for
the book's own plotly.js, the LaTeX writer an image rendered by kaleido.

The plugin is registered under the entry-point group ``myst_nb.mime_renderers`` in
``pyproject.toml``.
"""

from __future__ import annotations

import json

from ..core.display import PLOTLY_MIME, WIDGET_MIME
from .figure_node import PlotlyFigureNode


class PlotlyMimeRenderer:
    """A myst-nb ``MimeRenderPlugin`` for plotly figure JSON."""

    # Plotly JSON wins over every other face of an output in the book; a widget
    # view is never shown there, because no kernel runs behind a static page.
    mime_priority_overrides = [
        ("html", PLOTLY_MIME, 1),
        ("html", WIDGET_MIME, None),
        ("latex", PLOTLY_MIME, 1),
    ]

    @staticmethod
    def handle_mime(renderer, data, inline):
        """Return a figure node for plotly JSON, or None for any other mime type."""
        if data.mime_type != PLOTLY_MIME or inline:
            return None
        content = data.content
        figure = json.loads(content) if isinstance(content, (str, bytes)) else content
        interactive = (data.output_metadata.get(PLOTLY_MIME) or {}).get("interactive", "")
        return [PlotlyFigureNode(figure=figure, interactive=interactive)]
