"""피드백 루프 타이머: the three layers of feedback on one accelerated clock.

Chapter 3's seed names three layers of feedback, each with its own cycle time:

* technical feedback (tests, monitoring, alerts): seconds to minutes;
* process feedback (retrospectives, postmortems): weeks to months;
* business feedback (analytics, A/B tests, OKRs): months.

The model counts the learning cycles each layer completes in a horizon (a sprint,
a quarter, a year), and how many changes ship between two business feedbacks: the
changes whose value nobody has checked yet. A fast technical loop with a slow
business loop ships many changes quickly, possibly in the wrong direction.

All times are calendar time; cycles are counted as whole completed cycles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.figure import Figure, bar, indicator, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import BUTTON_STYLE, PALETTE, SLIDER_STYLE, style_figure

MINUTES_PER_DAY = 24 * 60
HORIZONS = {"sprint": ("스프린트(2주)", 14), "quarter": ("분기(91일)", 91), "year": ("1년", 365)}
LAYER_NAMES = ("기술적 피드백", "프로세스 피드백", "비즈니스 피드백")
LAYER_COLOURS = (PALETTE["blue"], PALETTE["orange"], PALETTE["green"])
LAYER_PATTERNS = ("", "/", ".")
TITLE = "피드백 루프 타이머"
SPEC = Spec(
    technical_minutes=Field(
        "기술적 피드백 주기", 10.0, low=0.01, high=7 * MINUTES_PER_DAY, unit="분"
    ),
    process_days=Field("프로세스 피드백 주기", 14.0, low=1, high=365, unit="일"),
    business_days=Field("비즈니스 피드백 주기", 90.0, low=1, high=730, unit="일"),
    horizon=Field(
        "기간", "year", kind="choice", choices={key: label for key, (label, _) in HORIZONS.items()}
    ),
    step=Field("재생 위치", 100, kind="integer", low=0, high=100, unit="%", step=2, play=True),
)


def cycle_days(settings: dict) -> tuple[float, float, float]:
    """The three layers' cycle times in days (``settings`` checked by :data:`SPEC`)."""
    return (
        settings["technical_minutes"] / MINUTES_PER_DAY,
        settings["process_days"],
        settings["business_days"],
    )


def horizon_days(settings: dict) -> int:
    """The length of the chosen horizon in days."""
    return HORIZONS[settings["horizon"]][1]


def cycles_completed(settings: dict, elapsed_days: float) -> tuple[int, int, int]:
    """Whole learning cycles each layer has completed after ``elapsed_days``."""
    return tuple(math.floor(elapsed_days / cycle + 1e-9) for cycle in cycle_days(settings))


def unvalidated_changes(settings: dict) -> float:
    """Changes shipped, one per technical cycle, between two business feedbacks."""
    technical, _, business = cycle_days(settings)
    return business / technical


def learning_summary(**settings) -> dict[str, object]:
    """Cycles per layer over the horizon and the unvalidated changes per business
    cycle. Keyword arguments are fields of :data:`SPEC`."""
    checked = SPEC.check(settings)
    return {
        "cycles": dict(zip(LAYER_NAMES, cycles_completed(checked, horizon_days(checked)))),
        "unvalidated_changes": unvalidated_changes(checked),
    }


# ---------------------------------------------------------------- figure


def _format_cycle(days: float) -> str:
    minutes = days * MINUTES_PER_DAY
    if minutes < 1:
        return f"{minutes * 60:.0f}초"
    if minutes < 120:
        return f"{minutes:.0f}분"
    if days < 2:
        return f"{minutes / 60:.0f}시간"
    return f"{days:.0f}일"


def _progress(cycle_days: float, elapsed: float, count: int) -> float:
    """How far the current cycle has run, in percent. A cycle shorter than a day
    turns many times between two frames, so its needle stays at 100 %."""
    if cycle_days < 1:
        return 100.0
    return round((elapsed / cycle_days - count) * 100, 1)


def _frame_traces(settings: dict, elapsed: float) -> list:
    counts = cycles_completed(settings, elapsed)
    traces: list = []
    for index, (name, cycle) in enumerate(zip(LAYER_NAMES, cycle_days(settings))):
        traces.append(
            indicator(
                mode="gauge",
                value=_progress(cycle, elapsed, counts[index]),
                title={
                    "text": (
                        f"<b>{name}</b><br><span style='font-size:13px'>주기 "
                        f"{_format_cycle(cycle)} · 완료 {counts[index]:,}회</span>"
                    ),
                },
                gauge={
                    "shape": "angular",
                    "axis": {
                        "range": [0, 100],
                        "tickvals": [0, 50, 100],
                        "ticktext": ["0", "50%", "100%"],
                        "tickfont": {"size": 11},
                    },
                    "bar": {"color": LAYER_COLOURS[index], "thickness": 0.75},
                    "bgcolor": "#F2F2F2",
                },
            )
        )
    traces.append(
        bar(
            orientation="h",
            y=list(LAYER_NAMES),
            x=[max(count, 0.8) for count in counts],
            text=[f"{count:,}회" for count in counts],
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": list(LAYER_COLOURS),
                "pattern": {"shape": list(LAYER_PATTERNS)},
            },
            hovertemplate="%{y}: 학습 사이클 %{text}<extra></extra>",
            showlegend=False,
        )
    )
    return traces


@dataclass(frozen=True)
class ClockState:
    """The loops' settings and the moment the clock shows, in days."""

    settings: dict  # the checked inputs (see :data:`SPEC`)
    elapsed_days: float


def model(params: dict) -> ClockState:
    """The model: the settings, and the moment ``step`` percent into the horizon."""
    checked = SPEC.check(params)
    return ClockState(checked, horizon_days(checked) * checked["step"] / 100)


def figure(state: ClockState) -> dict:
    """Three gauges (the needle marks how far the current cycle has run, the number
    counts completed cycles) above the cumulative cycles on a log scale."""
    settings, elapsed = state.settings, state.elapsed_days
    end = horizon_days(settings)
    fig = subplots(
        rows=2,
        cols=3,
        specs=[[{"type": "indicator"}] * 3, [{"type": "xy", "colspan": 3}, None, None]],
        row_heights=[0.5, 0.5],
        vertical_spacing=0.22,
        horizontal_spacing=0.1,
    )
    for index, trace in enumerate(_frame_traces(settings, elapsed)):
        if index < 3:
            fig.add_trace(trace, row=1, col=index + 1)
        else:
            fig.add_trace(trace, row=2, col=1)
    top = max(cycles_completed(settings, end)) * 8
    powers = range(0, 8)
    fig.update_xaxes(
        type="log",
        range=[-0.3, math.log10(max(top, 10))],
        tickvals=[10**p for p in powers],
        ticktext=[f"{10**p:,}" for p in powers],
        title_text="완료한 학습 사이클 수(로그 눈금)",
        row=2,
        col=1,
    )
    fig.update_yaxes(autorange="reversed", row=2, col=1)
    label = HORIZONS[settings["horizon"]][0]
    waiting = unvalidated_changes(settings)
    fig.add_annotation(
        text=(
            f"비즈니스 피드백 한 번을 기다리는 동안 기술 루프는 {waiting:,.0f}번 돕니다.<br>"
            "루프마다 변경 하나가 나간다면, 그만큼이 가치를 확인받지 못한 채 쌓입니다(24시간으로 센 상한)."
        ),
        xref="paper",
        yref="paper",
        x=0,
        y=0.45,
        yanchor="bottom",
        showarrow=False,
        xanchor="left",
        font={"size": 13},
    )
    style_figure(
        fig,
        title=f"{TITLE}: {label} 동안의 학습 사이클 ({elapsed:.0f}일째)",
        alt=_alt(settings, elapsed),
        height=600,
    )
    fig.update_layout(margin={"l": 110, "r": 50})
    return fig.to_dict()


def _alt(settings: dict, elapsed: float) -> str:
    """What the clock shows after ``elapsed`` days, in words."""
    label = HORIZONS[settings["horizon"]][0]
    counts, cycles = cycles_completed(settings, elapsed), cycle_days(settings)
    when = f"{label} 동안" if elapsed >= horizon_days(settings) else f"{elapsed:.0f}일째까지"
    return (
        f"{when} 기술적 피드백(주기 {_format_cycle(cycles[0])})은 "
        f"{counts[0]:,}번, 프로세스 피드백(주기 {_format_cycle(cycles[1])})은 "
        f"{counts[1]:,}번, 비즈니스 피드백(주기 {_format_cycle(cycles[2])})은 "
        f"{counts[2]:,}번 돕니다. 비즈니스 피드백 한 번 사이에 기술 루프가 "
        f"{unvalidated_changes(settings):,.0f}번 돕니다. "
        "루프마다 변경 하나가 나간다고 보고 하루 24시간을 센 모델의 상한입니다."
    )


def _add_animation(figure: dict, settings: dict, frames: int) -> dict:
    """Add a plotly animation over the horizon, with a play button, to ``figure``."""
    fig = Figure(figure)
    end = horizon_days(settings)
    moments = [end * (i + 1) / frames for i in range(frames)]
    title = fig.layout["title"]["text"].rsplit("(", 1)[0]
    fig.frames.extend(
        {
            "name": f"{moment:.0f}일",
            "data": _frame_traces(settings, moment),
            "layout": {
                "title": {"text": title + f"({moment:.0f}일째)"},
                "meta": {"alt": _alt(settings, moment)},
            },
        }
        for moment in moments
    )
    play = {"frame": {"duration": 350, "redraw": True}, "transition": {"duration": 0}}
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "x": 0,
                "xanchor": "left",
                "y": -0.22,
                "yanchor": "top",
                "showactive": False,
                **BUTTON_STYLE,
                "buttons": [
                    {
                        "label": "▶ 재생",
                        "method": "animate",
                        "args": [None, {**play, "fromcurrent": False}],
                    },
                    {
                        "label": "❚❚ 멈춤",
                        "method": "animate",
                        "args": [
                            [None],
                            {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"},
                        ],
                    },
                ],
            }
        ],
        sliders=[
            {
                "active": len(moments) - 1,
                "currentvalue": {"prefix": "경과: ", "font": {"size": 14}},
                "pad": {"t": 75},
                "x": 0.34,
                "len": 0.64,
                **SLIDER_STYLE,
                "steps": [
                    {
                        "label": frame["name"],
                        "method": "animate",
                        "args": [[frame["name"]], {**play, "mode": "immediate"}],
                    }
                    for frame in fig.frames
                ],
            }
        ],
    )
    layout = fig.layout
    margin_b = layout["margin"]["b"]
    layout["meta"]["print"] = {"height": layout["height"], "margin_b": margin_b}
    fig.update_layout(height=layout["height"] + 110, margin_b=margin_b + 110)
    return fig.to_dict()


def explorer() -> dict:
    """Kernel-free explorer: the default horizon on an accelerated clock, with a play
    button."""
    state = model(SPEC.defaults())
    return _add_animation(figure(state), state.settings, frames=26)


def _loops(technical_minutes: float, process_days: float, business_days: float) -> dict:
    return {
        "technical_minutes": technical_minutes,
        "process_days": process_days,
        "business_days": business_days,
    }


def balance_figure(**settings) -> dict:
    """Compare 'only the technical loop is fast' with 'all three loops are fast'.
    Keyword arguments are fields of :data:`SPEC`."""
    current = SPEC.check(settings)
    scenarios = {
        "지금 설정": current,
        "기술 루프만 빠름": {**current, **_loops(10, 30, 180)},
        "세 루프 모두 빠름": {**current, **_loops(10, 7, 14)},
    }
    fig = subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.16,
        subplot_titles=(
            f"{HORIZONS[current['horizon']][0]} 동안의 학습 사이클",
            "비즈니스 피드백 한 번 사이의 기술 루프(상한)",
        ),
    )
    for index, name in enumerate(LAYER_NAMES):
        values = [cycles_completed(s, horizon_days(s))[index] for s in scenarios.values()]
        fig.add_trace(
            bar(
                name=name,
                x=list(scenarios),
                y=[max(v, 0.8) for v in values],
                text=[f"{v:,}" for v in values],
                textposition="outside",
                cliponaxis=False,
                marker={"color": LAYER_COLOURS[index], "pattern": {"shape": LAYER_PATTERNS[index]}},
                hovertemplate=f"%{{x}}: {name} %{{text}}회<extra></extra>",
            ),
            row=1,
            col=1,
        )
    fig.add_trace(
        bar(
            name="비즈니스 피드백 한 번 사이의 기술 루프 수",
            x=list(scenarios),
            y=[round(unvalidated_changes(s)) for s in scenarios.values()],
            text=[f"{unvalidated_changes(s):,.0f}" for s in scenarios.values()],
            textposition="outside",
            cliponaxis=False,
            marker={"color": PALETTE["vermillion"], "pattern": {"shape": "x"}},
            showlegend=False,
            hovertemplate="%{x}: 기술 루프 %{text}번<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.update_yaxes(
        type="log",
        tickvals=[10**p for p in range(7)],
        ticktext=[f"{10**p:,}" for p in range(7)],
        title_text="사이클 수(로그 눈금)",
        row=1,
        col=1,
    )
    fig.update_yaxes(title_text="기술 루프 수", rangemode="tozero", row=1, col=2)
    fig.update_xaxes(tickangle=0)
    fast_only = scenarios["기술 루프만 빠름"]
    return style_figure(
        fig,
        title="기술 루프만 빠를 때와 세 루프가 모두 빠를 때",
        alt=(
            "기술 루프만 빠른 조직에서는 비즈니스 피드백(180일)을 한 번 기다리는 동안 기술 루프가 "
            f"{unvalidated_changes(fast_only):,.0f}번 돕니다(하루 24시간 내내 10분마다 한 번으로 센 "
            "모델의 상한이지 관측값이 아닙니다). 세 루프가 모두 빠른 조직은 2주마다 비즈니스 가설을 확인합니다."
        ),
        height=460,
    )


# ---------------------------------------------------------------- widget


def interactive():
    """Feedback-loop timers: a live accelerated clock (Play) in Jupyter, an
    animation with a play button in the book."""
    return make_interactive(TITLE, SPEC, model, figure, explorer())
