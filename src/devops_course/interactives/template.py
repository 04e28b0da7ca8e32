"""Template: copy this module to add an interactive.

A new interactive is one module in this package with the six parts below, named
exactly so, plus its name in ``NAMES`` in ``__init__.py``. The conformance test
(``tests/test_registry.py``) then checks it like every other: bad input gets a
Korean message that names the allowed range, the model is deterministic, the
figure is valid plotly JSON with alt text, the explorer's default view is the
default figure, and the widget's labels come from the spec. This template passes
the same test, but it is not registered, so the book does not show it.

The example is Little's law: work in progress = throughput x lead time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.explorer import slider_explorer
from ..core.figure import bar, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, style_figure

# 1. The Korean title.
TITLE = "리틀의 법칙"

# 2. The inputs, each written once: label, default, kind, range, unit. The widget's
#    controls and every validation message come from here.
SPEC = Spec(
    throughput=Field("하루 처리량", 4.0, low=0.1, high=1000, unit="건"),
    lead_days=Field("평균 리드 타임", 5.0, low=0.1, high=365, unit="일", step=0.5),
)


@dataclass(frozen=True)
class LittleResult:
    """What the model computed; the figure draws only this."""

    throughput: float
    lead_days: float

    @property
    def work_in_progress(self) -> float:
        return self.throughput * self.lead_days


# 3. The model: pure, deterministic, and it checks its input against the spec.
def model(params: dict) -> LittleResult:
    """Work in progress for the given throughput and lead time."""
    checked = SPEC.check(params)
    return LittleResult(checked["throughput"], checked["lead_days"])


# 4. The figure: the result in, a plotly JSON dict out, with Korean alt text.
def figure(result: LittleResult) -> dict:
    """One bar: the work in progress Little's law predicts."""
    fig = subplots()
    fig.add_trace(
        bar(
            x=["진행 중인 작업"],
            y=[round(result.work_in_progress, 1)],
            marker={"color": PALETTE["blue"]},
            hovertemplate="%{x}: %{y}건<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.update_yaxes(title_text="건", rangemode="tozero")
    return style_figure(
        fig,
        title=TITLE,
        alt=(
            f"하루 {result.throughput:g}건을 처리하고 리드 타임이 {result.lead_days:g}일이면 "
            f"진행 중인 작업은 평균 {result.work_in_progress:,.1f}건입니다."
        ),
    )


# 5. The explorer: precomputed scenarios for the static book; its default view is
#    the default figure.
def explorer() -> dict:
    """Kernel-free explorer: a slider over the lead time."""
    defaults = SPEC.defaults()
    scenarios = [
        (f"{days:g}일", figure(model({**defaults, "lead_days": days}))) for days in (1, 5, 20)
    ]
    return slider_explorer(scenarios, label="평균 리드 타임", active=1)


# 6. The three media together: the notebook's cell calls this.
def interactive():
    """Little's law in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
