"""The live face of an interactive: ipywidgets controls bound to a figure builder.

Every control change calls the builder with all control values. A
:class:`~devops_course.errors.CourseInputError` shows its Korean message above the
figure and the last good figure stays in place; nothing reaches the learner as a
traceback.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import plotly.graph_objects as go

from .display import figure_bundle
from .errors import CourseInputError

ERROR_STYLE = (
    "border-left:4px solid #D55E00;background:#FFF4EC;color:#5A1E00;padding:6px 10px;margin:4px 0"
)

NOTE_STYLE = (
    "border-left:4px solid #0072B2;background:#EEF6FB;color:#0B3954;padding:6px 10px;margin:4px 0"
)


def _figure_output(fig: go.Figure) -> dict:
    return {"output_type": "display_data", "data": figure_bundle(fig, ""), "metadata": {}}


class LiveFigure:
    """Controls, a Korean status line and a figure that follows the controls.

    ``build_figure`` takes the control values as keyword arguments and returns a
    plotly figure; it raises ``CourseInputError`` for values it does not accept.
    """

    def __init__(
        self,
        controls: Mapping[str, widgets.ValueWidget],
        build_figure: Callable[..., go.Figure],
        *,
        columns: int = 3,
    ):
        self.controls = dict(controls)
        self.build_figure = build_figure
        self.message = widgets.HTML(value="")
        self.output = widgets.Output()
        self.figure: go.Figure | None = None
        self.good_values: dict[str, object] = {}
        self._error = ""
        grid = widgets.GridBox(
            list(self.controls.values()),
            layout=widgets.Layout(grid_template_columns=f"repeat({columns}, auto)"),
        )
        self.view = widgets.VBox([grid, self.message, self.output])
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        if not self.refresh():
            raise CourseInputError(self.error_text)

    @property
    def values(self) -> dict[str, object]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def error_text(self) -> str:
        """The Korean message on display, or an empty string."""
        return html.unescape(self._error)

    def refresh(self) -> bool:
        """Rebuild the figure from the controls; return False and keep the last
        good figure if the values are rejected."""
        values = self.values
        try:
            fig = self.build_figure(**values)
        except CourseInputError as error:
            self._show_error(str(error))
            return False
        self._show_error("")
        self._show_note(fig)
        self.figure = fig
        self.good_values = values
        # Setting ``outputs`` directly keeps the figure out of the cell's own
        # output stream (a ``with output:`` block would leak under nbval).
        self.output.outputs = (_figure_output(fig),)
        return True

    def _on_change(self, _change) -> None:
        self.refresh()

    def _show_note(self, fig: go.Figure) -> None:
        """Show the figure's ``layout.meta.note``: what the figure cannot say itself."""
        meta = fig.layout.meta
        note = meta.get("note") if isinstance(meta, dict) else None
        if note:
            self.message.value = (
                f'<div role="status" style="{NOTE_STYLE}">ℹ {html.escape(note)}</div>'
            )

    def _show_error(self, text: str) -> None:
        self._error = html.escape(text)
        if text:
            self.message.value = (
                f'<div role="alert" style="{ERROR_STYLE}">⚠ {self._error} '
                "아래 그림은 마지막으로 올바르게 계산한 결과입니다.</div>"
            )
        else:
            self.message.value = ""


def number_box(description: str, value: float, *, integer: bool = False, step=None):
    """A text box for a number that accepts anything the learner types.

    The model, not the box, judges the value, so an out-of-range entry gets the
    model's Korean message instead of being silently clamped.
    """
    style = {"description_width": "initial"}
    layout = widgets.Layout(width="auto")
    if integer:
        return widgets.IntText(value=value, description=description, style=style, layout=layout)
    return widgets.FloatText(
        value=value, description=description, step=step, style=style, layout=layout
    )


def choice_box(description: str, options, value):
    """A dropdown of labelled options: ``options`` is a list of (label, value)."""
    return widgets.Dropdown(
        options=options,
        value=value,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto"),
    )
