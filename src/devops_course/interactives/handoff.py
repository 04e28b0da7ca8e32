"""SDLC 역할 인계 시뮬레이션: functional silos against one team that owns each change.

A stream of changes passes the six SDLC stages of chapter 1. In the functional
organisation every stage has its own specialists, and every stage boundary is a
handoff: a communication delay, and sometimes missing information that sends the
change back for rework. In the DevOps organisation the same number of engineers
form one team, and one engineer carries a change through all six stages.

Both organisations see the same changes (the same work per stage and arrival times,
drawn from one seeded generator), so any difference comes from the organisation.

The interactive's contract: :data:`SPEC`, :func:`model` (both organisations, run
by :func:`simulate`), :func:`figure`, :func:`explorer` and :func:`interactive`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

import simpy

from ..core.draws import generator
from ..core.explorer import add_view_buttons, slider_explorer
from ..core.figure import Figure, bar, box, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, rounded, style_figure


@dataclass(frozen=True)
class Stage:
    """One SDLC stage, the specialist role that owns it in a functional organisation,
    and the mean hours of work a change needs there."""

    name: str
    english: str
    role: str
    mean_hours: float


STAGES = (
    Stage("설계", "Design", "Architect", 4.0),
    Stage("개발", "Develop", "Developer", 8.0),
    Stage("테스트", "Test", "SDET", 4.0),
    Stage("배포", "Deploy", "Release Eng", 2.0),
    Stage("운영", "Operate", "Sys Admin", 2.0),
    Stage("지원", "Support", "Customer Support", 2.0),
)
ORGANISATIONS = {"silo": "기능 조직(사일로)", "devops": "DevOps 팀"}
SHORT_NAMES = {"silo": "사일로", "devops": "DevOps 팀"}
KINDS = {"work": "작업", "rework": "재작업", "wait": "대기열 대기", "handoff": "인계 지연"}
KIND_STYLE = {
    "work": (PALETTE["blue"], ""),
    "rework": (PALETTE["orange"], "."),
    "wait": ("#B0B0B0", "/"),
    "handoff": (PALETTE["vermillion"], "x"),
}
TITLE = "SDLC 역할 인계 시뮬레이션"
TOP_ROOM = 140  # px above the plots: the title, the buttons, the legend (two rows)
SPEC = Spec(
    organisation=Field("조직 모델", "silo", kind="choice", choices=ORGANISATIONS),
    handoff_delay=Field("인계 지연", 4.0, low=0, high=168, unit="시간", step=1),
    changes=Field("변경 수", 20, kind="integer", low=1, high=200),
    capacity=Field("역할별 인원", 2, kind="integer", low=1, high=20),
    seed=Field("난수 시드", 42, kind="integer", low=0, high=2**31 - 1),
    rework_probability=Field("정보 누락(재작업) 확률", 0.2, low=0, high=0.9, control=False),
    arrival_interval=Field("변경 도착 간격", 6.0, low=0.5, high=168, unit="시간", control=False),
)
REWORK_SHARE = 0.5  # rework takes half of the stage's original work
WORK_SHAPE = 4.0  # gamma shape of the work times: coefficient of variation 0.5


@dataclass(frozen=True)
class Segment:
    """A span of one change's life: work, rework, waiting in a queue, or a handoff."""

    stage: int
    kind: str
    start: float
    end: float

    @property
    def hours(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class ChangeRecord:
    """Everything that happened to one change."""

    index: int
    arrival: float
    done: float
    handoffs: int
    segments: tuple[Segment, ...]

    @property
    def lead_time(self) -> float:
        """Hours from arrival to the end of the support stage."""
        return self.done - self.arrival

    @property
    def work_time(self) -> float:
        """Hours of hands-on work, rework included."""
        return sum(s.hours for s in self.segments if s.kind in ("work", "rework"))


@dataclass(frozen=True)
class HandoffResult:
    """The outcome of one run of :func:`simulate`."""

    params: dict  # the checked inputs (see :data:`SPEC`)
    changes: tuple[ChangeRecord, ...] = field(repr=False)

    @property
    def lead_times(self) -> list[float]:
        return [change.lead_time for change in self.changes]

    @property
    def mean_lead_time(self) -> float:
        return sum(self.lead_times) / len(self.changes)

    @property
    def flow_efficiency(self) -> float:
        """Work time divided by lead time, over all changes (0 to 1)."""
        return sum(c.work_time for c in self.changes) / sum(self.lead_times)

    @property
    def handoffs_per_change(self) -> float:
        return sum(c.handoffs for c in self.changes) / len(self.changes)

    def stage_hours(self, kind: str) -> list[float]:
        """Mean hours per change spent in each stage on ``kind``."""
        totals = [0.0] * len(STAGES)
        for change in self.changes:
            for segment in change.segments:
                if segment.kind == kind:
                    totals[segment.stage] += segment.hours
        return [total / len(self.changes) for total in totals]


@dataclass(frozen=True)
class _Draws:
    arrivals: list[float]  # hours, per change
    work: list[list[float]]  # hours, per change and stage
    bounce: list[list[bool]]  # rework requested, per change and stage
    delays: list[list[list[float]]]  # hours, per change, stage and handoff


def _draw(params: dict) -> _Draws:
    # The draw order never depends on the organisation or the delay, so both
    # organisations, and every delay, see the very same changes.
    rng = generator(params["seed"])
    n = params["changes"]
    gaps = [0.0] + [rng.expovariate(1 / params["arrival_interval"]) for _ in range(n - 1)]
    work = [
        [rng.gammavariate(WORK_SHAPE, stage.mean_hours / WORK_SHAPE) for stage in STAGES]
        for _ in range(n)
    ]
    bounce = [[rng.random() < params["rework_probability"] for _ in STAGES] for _ in range(n)]
    delays = [
        [[rng.expovariate(1.0) * params["handoff_delay"] for _ in range(3)] for _ in STAGES]
        for _ in range(n)
    ]
    return _Draws(list(accumulate(gaps)), work, bounce, delays)


def _work(env, desk, segments, stage, kind, hours):
    with desk.request() as request:
        queued = env.now
        yield request
        if env.now > queued:
            segments.append(Segment(stage, "wait", queued, env.now))
        start = env.now
        yield env.timeout(hours)
        segments.append(Segment(stage, kind, start, env.now))


def _handoff(env, segments, stage, hours):
    start = env.now
    yield env.timeout(hours)
    if hours > 0:
        segments.append(Segment(stage, "handoff", start, env.now))


def _silo_change(env, index, draws, desks, records):
    yield env.timeout(draws.arrivals[index])
    segments: list[Segment] = []
    handoffs = 0
    for stage in range(len(STAGES)):
        if stage > 0:
            handoffs += 1
            yield from _handoff(env, segments, stage, draws.delays[index][stage][0])
            if draws.bounce[index][stage]:
                # Information got lost: back to the previous role and forward again.
                handoffs += 2
                yield from _handoff(env, segments, stage, draws.delays[index][stage][1])
                rework = draws.work[index][stage - 1] * REWORK_SHARE
                yield from _work(env, desks[stage - 1], segments, stage - 1, "rework", rework)
                yield from _handoff(env, segments, stage, draws.delays[index][stage][2])
        yield from _work(env, desks[stage], segments, stage, "work", draws.work[index][stage])
    records.append(ChangeRecord(index, draws.arrivals[index], env.now, handoffs, tuple(segments)))


def _devops_change(env, index, draws, team, records):
    yield env.timeout(draws.arrivals[index])
    segments: list[Segment] = []
    with team.request() as request:
        queued = env.now
        yield request
        if env.now > queued:
            segments.append(Segment(0, "wait", queued, env.now))
        for stage in range(len(STAGES)):
            start = env.now
            yield env.timeout(draws.work[index][stage])
            segments.append(Segment(stage, "work", start, env.now))
    records.append(ChangeRecord(index, draws.arrivals[index], env.now, 0, tuple(segments)))


def simulate(**params) -> HandoffResult:
    """Run the simulation (SimPy) and return every change's record.

    Keyword arguments are fields of :data:`SPEC` (the others keep their defaults).
    Raises :class:`~devops_course.core.errors.CourseInputError` with a Korean
    message for invalid values.
    """
    return _simulate(SPEC.check(params))


def _simulate(checked: dict) -> HandoffResult:
    draws = _draw(checked)
    env = simpy.Environment()
    records: list[ChangeRecord] = []
    if checked["organisation"] == "silo":
        desks = [simpy.Resource(env, checked["capacity"]) for _ in STAGES]
        for index in range(checked["changes"]):
            env.process(_silo_change(env, index, draws, desks, records))
    else:
        team = simpy.Resource(env, checked["capacity"] * len(STAGES))
        for index in range(checked["changes"]):
            env.process(_devops_change(env, index, draws, team, records))
    env.run()
    records.sort(key=lambda record: record.index)
    return HandoffResult(checked, tuple(records))


def compare(**params) -> dict[str, HandoffResult]:
    """Run both organisations with the same parameters and changes. Keyword
    arguments are fields of :data:`SPEC`."""
    return _compare(SPEC.check(params))


def _compare(checked: dict) -> dict[str, HandoffResult]:
    return {org: _simulate({**checked, "organisation": org}) for org in ORGANISATIONS}


@dataclass(frozen=True)
class Comparison:
    """Both organisations run on the same changes, and the one the figure follows."""

    results: dict[str, HandoffResult]
    show: str


def model(params: dict) -> Comparison:
    """The model: both organisations for one set of parameters (see :data:`SPEC`)."""
    checked = SPEC.check(params)
    return Comparison(_compare(checked), checked["organisation"])


# ---------------------------------------------------------------- figure


def _timeline_traces(result: HandoffResult, org: str) -> list[dict]:
    traces = []
    for kind, label in KINDS.items():
        colour, pattern = KIND_STYLE[kind]
        rows = [
            (change.index + 1, segment)
            for change in result.changes
            for segment in change.segments
            if segment.kind == kind
        ]
        traces.append(
            bar(
                orientation="h",
                name=label,
                legendgroup=f"{org}-{kind}",
                y=[row for row, _ in rows],
                x=rounded([segment.hours for _, segment in rows], 1),
                base=rounded([segment.start for _, segment in rows], 1),
                customdata=[STAGES[segment.stage].name for _, segment in rows],
                marker={"color": colour, "pattern": {"shape": pattern}, "line": {"width": 0}},
                hovertemplate=f"변경 %{{y}} · %{{customdata}} {label}: %{{x}}시간<extra></extra>",
                xaxis="x",
                yaxis="y",
            )
        )
    return traces


def _stage_traces(result: HandoffResult, org: str) -> list[dict]:
    traces = []
    bottom = [0.0] * len(STAGES)
    for kind, label in KINDS.items():
        colour, pattern = KIND_STYLE[kind]
        hours = rounded(result.stage_hours(kind), 1)
        traces.append(
            bar(
                name=label,
                legendgroup=f"{org}-{kind}",
                showlegend=False,
                x=[stage.name for stage in STAGES],
                y=hours,
                base=rounded(bottom, 1),
                marker={"color": colour, "pattern": {"shape": pattern}, "line": {"width": 0}},
                hovertemplate=f"%{{x}} {label}: 변경당 평균 %{{y}}시간<extra></extra>",
            )
        )
        bottom = [low + high for low, high in zip(bottom, hours)]
    return traces


def _summary_text(results: dict[str, HandoffResult]) -> str:
    silo, devops = results["silo"], results["devops"]
    return (
        f"평균 리드 타임: 사일로 {silo.mean_lead_time:.0f}시간, DevOps 팀 "
        f"{devops.mean_lead_time:.0f}시간. 흐름 효율: {silo.flow_efficiency:.0%} 대 "
        f"{devops.flow_efficiency:.0%}. 변경당 인계: {silo.handoffs_per_change:.1f}회 대 "
        f"{devops.handoffs_per_change:.1f}회."
    )


def figure(result: Comparison) -> dict:
    """Draw the timeline and stage breakdown of the organisation shown next to both
    organisations' lead time distribution and flow efficiency."""
    results, show = result.results, result.show
    fig = subplots(
        rows=2,
        cols=3,
        specs=[[{"colspan": 3}, None, None], [{}, {}, {}]],
        row_heights=[0.58, 0.42],
        column_widths=[0.42, 0.29, 0.29],
        vertical_spacing=0.16,
        horizontal_spacing=0.09,
        subplot_titles=(
            "",
            "단계별 변경당 평균 시간",
            "리드 타임 분포",
            "흐름 효율 (작업 ÷ 리드 타임)",
        ),
    )
    for org in ORGANISATIONS:
        for trace in _timeline_traces(results[org], org):
            trace["visible"] = org == show
            fig.add_trace(trace, row=1, col=1)
    for org in ORGANISATIONS:
        for trace in _stage_traces(results[org], org):
            trace["visible"] = org == show
            fig.add_trace(trace, row=2, col=1)
    box_styles = {"silo": (PALETTE["vermillion"], "square"), "devops": (PALETTE["blue"], "circle")}
    for org, (colour, marker) in box_styles.items():
        fig.add_trace(
            box(
                name=SHORT_NAMES[org],
                y=rounded(results[org].lead_times, 1),
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": colour, "symbol": marker, "size": 5},
                line={"color": colour},
                showlegend=False,
                hovertemplate="리드 타임 %{y}시간<extra></extra>",
            ),
            row=2,
            col=2,
        )
    fig.add_trace(
        bar(
            x=list(SHORT_NAMES.values()),
            y=[round(results[org].flow_efficiency * 100, 1) for org in ORGANISATIONS],
            text=[
                f"{results[org].flow_efficiency:.0%}<br>인계 {results[org].handoffs_per_change:.1f}회"
                for org in ORGANISATIONS
            ],
            textposition="outside",
            textangle=0,
            cliponaxis=False,
            marker={"color": [PALETTE["vermillion"], PALETTE["blue"]]},
            showlegend=False,
            hovertemplate="%{x}: 흐름 효율 %{y}%<extra></extra>",
        ),
        row=2,
        col=3,
    )
    # Timeline segments of one change never overlap in time, and the stage
    # breakdown carries its own bases, so bars are overlaid rather than stacked.
    fig.update_layout(barmode="overlay")
    fig.update_traces(selector={"orientation": "h"}, width=0.7)
    fig.update_xaxes(title_text="경과 시간(시간)", row=1, col=1)
    fig.update_yaxes(
        title_text="변경 번호",
        autorange="reversed",
        dtick=max(1, len(results["silo"].changes) // 10),
        row=1,
        col=1,
    )
    fig.update_yaxes(title_text="시간", row=2, col=1)
    fig.update_yaxes(title_text="리드 타임(시간)", rangemode="tozero", row=2, col=2)
    fig.update_yaxes(title_text="%", range=[0, 130], tickvals=[0, 25, 50, 75, 100], row=2, col=3)
    fig.update_xaxes(tickangle=0, row=2)
    fig.update_layout(legend_title_text=f"{SHORT_NAMES[show]} 타임라인:")
    return style_figure(
        fig,
        title=TITLE,
        alt=f"{ORGANISATIONS[show]}의 변경별 작업·대기·인계 타임라인과 두 조직 비교. "
        + _summary_text(results),
        height=780,
    )


def handoff_figure(results: dict[str, HandoffResult], show: str = "silo") -> dict:
    """The figure of :func:`compare`'s results, following organisation ``show``."""
    return figure(Comparison(results, SPEC["organisation"].check(show)))


def explorer(delays=(0, 2, 4, 8, 16)) -> dict:
    """The kernel-free explorer: a slider over the handoff delay and buttons that
    switch the timeline between the two organisations."""
    defaults = SPEC.defaults()
    scenarios = [
        (f"{delay:g}시간", figure(model({**defaults, "handoff_delay": delay}))) for delay in delays
    ]
    default = list(delays).index(defaults["handoff_delay"])
    fig = slider_explorer(scenarios, label="인계 지연", active=default)
    views = []
    for org in ORGANISATIONS:
        mask = [
            trace.get("legendgroup") is None or trace["legendgroup"].startswith(org)
            for trace in fig["data"]
        ]
        legend = {"legend.title.text": f"{SHORT_NAMES[org]} 타임라인:"}
        views.append((f"{ORGANISATIONS[org]} 타임라인", mask, legend))
    return _buttons_above_legend(fig, views)


def _buttons_above_legend(fig: dict, views: list) -> dict:
    """The organisation buttons in a row of their own under the title, and the
    timeline's legend (which wraps on a narrow page) under them: side by side, the
    buttons covered the legend on a laptop."""
    layout = fig["layout"]
    layout["margin"]["t"] = TOP_ROOM
    plot_height = layout["height"] - TOP_ROOM - layout["margin"]["b"]
    add_view_buttons(fig, views, x=0, y=1 + (TOP_ROOM - 34) / plot_height, anchor=("left", "top"))
    layout["legend"]["y"] = round(1 - 72 / layout["height"], 4)
    return fig


def organisation_diagram() -> dict:
    """Redraw of the chapter's idea: six specialists handing a change along,
    against one team that owns the change from design to support.

    Wide, the stages run left to right; on a phone (``meta.phone``) they run top
    to bottom, beside one tall team box.
    """
    fig = Figure()
    _diagram_wide(fig)
    fig.update_xaxes(visible=False, range=[-0.6, 5.6])
    fig.update_yaxes(visible=False, range=[-0.1, 3.0])
    style_figure(
        fig,
        title="기능 조직의 인계 대 한 팀의 소유",
        alt="위: 설계(Architect), 개발(Developer), 테스트(SDET), 배포(Release Eng), "
        "운영(Sys Admin), 지원(Customer Support)의 여섯 전문가가 변경을 다섯 번 인계합니다. "
        "아래: 하나의 DevOps 팀이 여섯 단계를 인계 없이 함께 맡습니다.",
        height=360,
    )
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10}, showlegend=False)
    tall = Figure()
    _diagram_tall(tall)
    fig.layout["meta"]["phone"] = {
        "shapes": tall.layout["shapes"],
        "annotations": tall.layout["annotations"],
        "xaxis": {"visible": False, "range": [-0.05, 1.0]},
        "yaxis": {"visible": False, "range": [-0.6, 6.3]},
        "height": 560,
    }
    return fig.to_dict()


def _box(fig: Figure, x0, x1, y0, y1, colour: str, fill: str) -> None:
    fig.add_shape(
        type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line={"color": colour, "width": 2}, fillcolor=fill
    )


HANDOFF_NOTE = {"size": 11, "color": "#8A3B00"}


def _stage(fig: Figure, box: tuple[float, float, float, float], centre, text: str) -> None:
    """One specialist's stage: a box (x0, x1, y0, y1) and its label at ``centre``."""
    _box(fig, *box, PALETTE["vermillion"], "#FBEFE6")
    fig.add_annotation(x=centre[0], y=centre[1], text=text, showarrow=False, font={"size": 12})


def _handoff_arrow(fig: Figure, tail, head, note_at, **note_anchor) -> None:
    """The arrow from one stage to the next, and its "인계" note at ``note_at``."""
    fig.add_annotation(
        x=head[0],
        y=head[1],
        ax=tail[0],
        ay=tail[1],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=3,
        arrowwidth=2,
        arrowcolor=PALETTE["vermillion"],
        text="",
    )
    fig.add_annotation(
        x=note_at[0], y=note_at[1], text="인계", **note_anchor, showarrow=False, font=HANDOFF_NOTE
    )


def _diagram_wide(fig: Figure) -> None:
    silo_y, team_y = 2.0, 0.45
    for index, stage in enumerate(STAGES):
        _stage(
            fig,
            (index - 0.38, index + 0.38, silo_y - 0.42, silo_y + 0.42),
            (index, silo_y),
            f"<b>{stage.name}</b><br>{stage.english}<br><i>{stage.role}</i>",
        )
        if index:
            _handoff_arrow(
                fig, (index - 0.6, silo_y), (index - 0.4, silo_y), (index - 0.5, silo_y + 0.58)
            )
    _box(fig, -0.45, 5.45, team_y - 0.42, team_y + 0.42, PALETTE["blue"], "#E6F1F8")
    stage_names = " → ".join(stage.name for stage in STAGES)
    fig.add_annotation(
        x=2.5,
        y=team_y,
        text=f"<b>DevOps 팀</b>: 한 팀(한 사람)이 변경을 끝까지 소유합니다<br>{stage_names}",
        showarrow=False,
        font={"size": 13},
    )
    fig.add_annotation(
        x=-0.45,
        y=silo_y + 0.75,
        text="<b>기능 조직</b>: 단계마다 다른 전문가, 단계 사이마다 인계",
        showarrow=False,
        xanchor="left",
        font={"size": 13},
    )


def _diagram_tall(fig: Figure) -> None:
    last = len(STAGES) - 1
    for index, stage in enumerate(STAGES):
        y = last - index
        _stage(
            fig,
            (0.0, 0.56, y - 0.36, y + 0.36),
            (0.28, y),
            f"<b>{stage.name}</b> {stage.english}<br><i>{stage.role}</i>",
        )
        if index:
            _handoff_arrow(fig, (0.28, y + 0.64), (0.28, y + 0.36), (0.3, y + 0.5), xanchor="left")
    _box(fig, 0.64, 0.98, -0.36, last + 0.36, PALETTE["blue"], "#E6F1F8")
    fig.add_annotation(
        x=0.81,
        y=last / 2,
        text="<b>DevOps 팀</b><br>한 팀(한 사람)이<br>변경을 끝까지<br>소유합니다<br><br>"
        + "<br>↓<br>".join(stage.name for stage in STAGES),
        showarrow=False,
        font={"size": 12},
    )
    fig.add_annotation(
        x=0.0,
        y=last + 0.55,
        text="<b>기능 조직</b>: 단계마다 다른 전문가",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"size": 13},
    )


# ---------------------------------------------------------------- widget


def interactive():
    """The chapter's headline interactive in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer())
