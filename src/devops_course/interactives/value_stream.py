"""부분 최적화 vs 전체 최적화: speeding up a stage that is not the constraint.

Work items flow through development, testing and operations (deployment). Each
stage has one team that handles one item at a time; service times are random
around a mean (exponential, seeded). Development pulls new items from an endless
backlog, so it pushes work downstream as fast as it can.

Operations is the constraint (8 hours per item against 6 and 4). Doubling the
developers' speed then adds work in progress and queue time in front of
operations, and throughput stays where it was. Doubling the constraint's speed is
what raises throughput. The flow is a SimPy discrete-event simulation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import simpy

from ..core.draws import generator
from ..core.explorer import add_view_buttons
from ..core.figure import bar, scatter, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, rounded, style_figure

STAGES = (("개발", 6.0), ("테스트", 4.0), ("운영(배포)", 8.0))
WEEK_HOURS = 40.0
PRESETS = {
    "기준": (1.0, 1.0, 1.0),
    "개발만 2배": (2.0, 1.0, 1.0),
    "제약(운영) 2배": (1.0, 1.0, 2.0),
    "개발·운영 2배": (2.0, 1.0, 2.0),
}
PRESET_STYLE = {
    "기준": (PALETTE["black"], "solid"),
    "개발만 2배": (PALETTE["vermillion"], "dash"),
    "제약(운영) 2배": (PALETTE["blue"], "dot"),
    "개발·운영 2배": (PALETTE["green"], "dashdot"),
    "지금 설정": (PALETTE["purple"], "longdash"),
}
TITLE = "부분 최적화 vs 전체 최적화"
SPEEDS = ("dev_speed", "test_speed", "ops_speed")
SPEC = Spec(
    dev_speed=Field("개발 속도 배수", 1.0, low=0.25, high=4, step=0.25),
    test_speed=Field("테스트 속도 배수", 1.0, low=0.25, high=4, step=0.25),
    ops_speed=Field("운영 속도 배수", 1.0, low=0.25, high=4, step=0.25),
    weeks=Field("기간", 6, kind="integer", low=1, high=26, unit="주"),
    seed=Field("난수 시드", 14, kind="integer", low=0, high=2**31 - 1),
)


@dataclass(frozen=True)
class FlowResult:
    """The outcome of one run."""

    params: dict  # the checked inputs (see :data:`SPEC`)
    finished: tuple[tuple[float, float, float], ...] = field(
        repr=False
    )  # (start, ops queue start, done)
    wip_times: tuple[float, ...] = field(repr=False)
    wip_levels: tuple[int, ...] = field(repr=False)

    @property
    def throughput_per_week(self) -> float:
        return len(self.finished) / self.params["weeks"]

    @property
    def mean_lead_hours(self) -> float:
        if not self.finished:
            return 0.0
        return sum(done - start for start, _, done in self.finished) / len(self.finished)

    @property
    def mean_wip(self) -> float:
        """Time-averaged number of items started but not yet deployed."""
        horizon = self.params["weeks"] * WEEK_HOURS
        times = list(self.wip_times) + [horizon]
        area = sum(level * (times[i + 1] - times[i]) for i, level in enumerate(self.wip_levels))
        return area / horizon


def simulate(**params) -> FlowResult:
    """Run the value stream (SimPy) for ``weeks`` working weeks. Keyword arguments
    are fields of :data:`SPEC`; invalid values raise
    :class:`~devops_course.core.errors.CourseInputError`."""
    return _simulate(SPEC.check(params))


def _simulate(p: dict) -> FlowResult:
    speeds = (p["dev_speed"], p["test_speed"], p["ops_speed"])
    # One generator per stage: changing one stage's speed leaves the others' draws alone.
    draws = [generator(p["seed"], stage) for stage in range(len(STAGES))]
    horizon = p["weeks"] * WEEK_HOURS
    env = simpy.Environment()
    queues = [simpy.Store(env) for _ in STAGES[1:]]
    finished: list[tuple[float, float, float]] = []
    wip = {"level": 0, "times": [0.0], "levels": [0]}

    def note_wip(change: int) -> None:
        wip["level"] += change
        wip["times"].append(env.now)
        wip["levels"].append(wip["level"])

    def service(stage: int) -> float:
        return draws[stage].expovariate(speeds[stage] / STAGES[stage][1])

    def development():
        while True:
            start = env.now
            note_wip(+1)
            yield env.timeout(service(0))
            yield queues[0].put({"start": start})

    def downstream(stage: int):
        while True:
            item = yield queues[stage - 1].get()
            if stage == len(STAGES) - 1:
                item["ops_queue"] = item.get("queued", env.now)
            yield env.timeout(service(stage))
            if stage < len(STAGES) - 1:
                item["queued"] = env.now
                yield queues[stage].put(item)
            else:
                finished.append((item["start"], item["ops_queue"], env.now))
                note_wip(-1)

    env.process(development())
    for stage in range(1, len(STAGES)):
        env.process(downstream(stage))
    env.run(until=horizon)
    return FlowResult(p, tuple(finished), tuple(wip["times"]), tuple(wip["levels"]))


def compare(**params) -> dict[str, FlowResult]:
    """The four preset scenarios, plus '지금 설정' when the speeds differ from all.
    Keyword arguments are fields of :data:`SPEC`."""
    return _compare(SPEC.check(params))


def _compare(checked: dict) -> dict[str, FlowResult]:
    speeds = tuple(checked[key] for key in SPEEDS)
    results = {
        name: _simulate({**checked, **dict(zip(SPEEDS, preset))})
        for name, preset in PRESETS.items()
    }
    if matching_preset(*speeds) is None:
        results["지금 설정"] = _simulate(checked)
    return results


def matching_preset(dev_speed: float, test_speed: float, ops_speed: float) -> str | None:
    """The preset scenario these speeds reproduce, if any."""
    speeds = (dev_speed, test_speed, ops_speed)
    return next((name for name, preset in PRESETS.items() if preset == speeds), None)


# ---------------------------------------------------------------- figure


@dataclass(frozen=True)
class Scenarios:
    """The preset scenarios and, when it differs from all, the current setting."""

    params: dict  # the checked inputs (see :data:`SPEC`)
    results: dict[str, FlowResult]


def model(params: dict) -> Scenarios:
    """The model: every preset scenario, plus '지금 설정' when it is none of them."""
    checked = SPEC.check(params)
    return Scenarios(checked, _compare(checked))


def figure(scenarios: Scenarios) -> dict:
    """Work in progress over time and the three outcomes of every scenario."""
    results, params = scenarios.results, scenarios.params
    dev_speed, test_speed, ops_speed = (params[key] for key in SPEEDS)
    fig = subplots(
        rows=2,
        cols=3,
        specs=[[{"colspan": 3}, None, None], [{}, {}, {}]],
        row_heights=[0.5, 0.5],
        vertical_spacing=0.2,
        horizontal_spacing=0.08,
        subplot_titles=(
            "진행 중인 작업(WIP)",
            "처리량(주당 배포 건수)",
            "평균 WIP(건)",
            "평균 리드 타임(시간)",
        ),
    )
    same_as = matching_preset(dev_speed, test_speed, ops_speed)
    for name, result in results.items():
        colour, dash = PRESET_STYLE[name]
        current = name in (same_as, "지금 설정")
        fig.add_trace(
            scatter(
                name=name,
                legendgroup=name,
                x=rounded(result.wip_times, 1),
                y=list(result.wip_levels),
                mode="lines",
                line={"shape": "hv", "color": colour, "dash": dash, "width": 4 if current else 2},
                hovertemplate=f"{name}: %{{x}}시간에 WIP %{{y}}건<extra></extra>",
            ),
            row=1,
            col=1,
        )
    names = list(results)
    colours = [PRESET_STYLE[name][0] for name in names]
    for col, values, unit in (
        (1, [r.throughput_per_week for r in results.values()], "건/주"),
        (2, [r.mean_wip for r in results.values()], "건"),
        (3, [r.mean_lead_hours for r in results.values()], "시간"),
    ):
        fig.add_trace(
            bar(
                x=names,
                y=rounded(values, 1),
                text=[f"{v:.1f}" for v in values],
                textposition="outside",
                cliponaxis=False,
                marker={
                    "color": colours,
                    "pattern": {"shape": ["", "x", ".", "/", "+"][: len(names)]},
                },
                showlegend=False,
                hovertemplate=f"%{{x}}: %{{y}}{unit}<extra></extra>",
            ),
            row=2,
            col=col,
        )
    fig.update_xaxes(title_text="경과 시간(근무 시간)", row=1, col=1)
    fig.update_yaxes(title_text="WIP(건)", rangemode="tozero", row=1, col=1)
    fig.update_xaxes(tickangle=-30, tickfont={"size": 11}, row=2)
    for col in (1, 2, 3):
        fig.update_yaxes(rangemode="tozero", row=2, col=col)
    base, dev, ops = results["기준"], results["개발만 2배"], results["제약(운영) 2배"]
    style_figure(
        fig,
        title="부분 최적화 vs 전체 최적화: 개발만 빨라지면?",
        alt=(
            f"{params['weeks']}주 동안 기준 흐름은 주당 {base.throughput_per_week:.1f}건을 배포하고 평균 WIP는 "
            f"{base.mean_wip:.1f}건입니다. 개발만 두 배 빨라지면 처리량은 주당 "
            f"{dev.throughput_per_week:.1f}건에 머무르고 WIP는 {dev.mean_wip:.1f}건, 리드 타임은 "
            f"{base.mean_lead_hours:.0f}시간에서 {dev.mean_lead_hours:.0f}시간으로 늘어납니다. 제약인 "
            f"운영을 두 배 빠르게 하면 처리량이 주당 {ops.throughput_per_week:.1f}건으로 오릅니다."
        ),
        height=700,
    )
    if same_as:
        fig.layout["meta"]["note"] = (
            f"지금 설정(개발 ×{dev_speed:g}, 테스트 ×{test_speed:g}, 운영 ×{ops_speed:g})은 "
            f"'{same_as}' 시나리오와 같아서 따로 그리지 않고, 그 시나리오의 선을 굵게 표시했습니다."
        )
    return fig.to_dict()


def explorer() -> dict:
    """Kernel-free explorer: buttons pick which scenario's WIP line to show."""
    fig = figure(model(SPEC.defaults()))
    names = list(PRESETS)
    views = [("모두 보기", [True] * len(fig["data"]), {})]
    for name in names:
        mask = [trace.get("legendgroup") in (None, name) for trace in fig["data"]]
        views.append((name, mask, {}))
    # Inside the WIP panel's empty top-left corner, clear of the legend.
    return add_view_buttons(fig, views, x=0.01, y=0.99, anchor=("left", "top"))


# ---------------------------------------------------------------- widget


def interactive():
    """Local against global optimisation in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer())
