"""The live face of an interactive: ipywidgets controls made from its spec.

Every control change checks the values against the spec, runs the model and draws
the figure. A :class:`~devops_course.core.errors.CourseInputError` shows its Korean
message above the figure and the last good figure stays in place; nothing reaches
the learner as a traceback.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .display import Interactive, figure_bundle, note_text
from .errors import CourseInputError
from .params import Field, Spec

if TYPE_CHECKING:  # ipywidgets is imported where a widget is built, so that the
    # models and figures also run where it is absent (in the web book's page).
    import ipywidgets as widgets

ERROR_STYLE = (
    "border-left:4px solid #D55E00;background:#FFF4EC;color:#5A1E00;padding:6px 10px;margin:4px 0"
)

NOTE_STYLE = (
    "border-left:4px solid #0072B2;background:#EEF6FB;color:#0B3954;padding:6px 10px;margin:4px 0"
)


def _figure_output(fig: dict) -> dict:
    return {"output_type": "display_data", "data": figure_bundle(fig, ""), "metadata": {}}


def control_for(spec: Field) -> widgets.ValueWidget:
    """The ipywidgets control of one field, labelled with its caption.

    Number boxes accept anything the learner types: the spec, not the box, judges
    the value, so an out-of-range entry gets the Korean message instead of being
    silently clamped.
    """
    import ipywidgets as widgets

    common = {
        "description": spec.caption,
        "style": {"description_width": "initial"},
        "layout": widgets.Layout(width="auto"),
    }
    if spec.kind == "choice":
        options = [(label, value) for value, label in spec.choices.items()]
        return widgets.Dropdown(options=options, value=spec.default, **common)
    if spec.kind == "text":
        return widgets.Text(value=spec.default, continuous_update=False, **common)
    if spec.play:
        return widgets.Play(
            value=spec.default,
            min=int(spec.low),
            max=int(spec.high),
            step=int(spec.step or 1),
            interval=300,
            description=spec.caption,
        )
    if spec.kind == "integer":
        return widgets.IntText(value=spec.default, **common)
    return widgets.FloatText(value=spec.default, step=spec.step, **common)


class LiveFigure:
    """Controls, a Korean status line and a figure that follows the controls.

    ``render`` takes the control values (a dict) and returns a figure dict; it
    raises CourseInputError for values the model does not accept (the model
    checks them against the spec).
    """

    def __init__(self, spec: Spec, render: Callable[[dict[str, Any]], dict], *, columns: int = 3):
        import ipywidgets as widgets

        self.spec = spec
        self.render = render
        self.controls = {name: control_for(field) for name, field in spec.controls().items()}
        self.message = widgets.HTML(value="")
        self.output = widgets.Output()
        self.figure: dict | None = None
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
        """Redraw from the controls; return False and keep the last good figure if
        the values are rejected."""
        values = self.values
        try:
            fig = self.render(values)
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

    def _show_note(self, fig: dict) -> None:
        """Show the figure's ``layout.meta.note``: what the figure cannot say itself."""
        note = note_text(fig)
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


def make_interactive(
    title: str,
    spec: Spec,
    model: Callable[[dict[str, Any]], Any],
    figure: Callable[[Any], dict],
    explorer: dict,
    *,
    columns: int = 3,
) -> Interactive:
    """One interactive in all three media from its registered parts: the live
    widget runs ``figure(model(params))`` on every change; ``explorer`` is the
    precomputed figure for the static book and the PDF. The interactive's name is
    its module's (``devops_course.interactives.<name>``)."""
    live = LiveFigure(spec, lambda params: figure(model(params)), columns=columns)
    return Interactive(live, explorer, title, name=model.__module__.rsplit(".", 1)[-1])
