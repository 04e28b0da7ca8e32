"""CI/CD 파이프라인 시뮬레이터: how often developers merge decides how soon they learn.

Developers write code continuously and merge it into the main line every
``merge_interval`` working days. Each merge runs the pipeline: build, unit test,
integration test, staging and production, each stage with a duration and a
failure rate. The longer the branches live, the more the merge diverges from what
the others did meanwhile, so both merge conflicts and integration failures grow
with the time between merges. A failed stage sends the change back to its
developer, who fixes it and runs the pipeline again.

The model measures, from the moment the code was written (on average half a merge
interval before the merge):

* the feedback time: when the developer first hears that the change is broken;
* the lead time: when the change is running in production.

The pipeline is a SimPy discrete-event simulation with a limited number of runners.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import median

import simpy

from ..core.draws import generator
from ..core.explorer import slider_explorer
from ..core.figure import bar, box, scatter, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, rounded, style_figure

DAY_MINUTES = 8 * 60  # one working day


@dataclass(frozen=True)
class PipelineStage:
    """A pipeline stage: its Korean name, duration in minutes and base failure rate."""

    name: str
    minutes: float
    failure_rate: float


STAGES = (
    PipelineStage("빌드", 5, 0.02),
    PipelineStage("단위 테스트", 10, 0.05),
    PipelineStage("통합 테스트", 20, 0.05),
    PipelineStage("스테이징", 30, 0.03),
    PipelineStage("프로덕션 배포", 10, 0.01),
)
INTEGRATION = 2  # index of the stage whose failures grow with divergence
CONFLICT_RATE = 0.05  # per day of divergence and per other developer
INTEGRATION_GROWTH = 0.04  # extra integration failure probability per day of divergence
MAX_ATTEMPTS = 20
INTERVALS = (0.5, 1, 2, 5, 10)
INTERVAL_LABELS = {
    0.25: "하루 4번",
    0.5: "하루 2번",
    1: "매일",
    2: "이틀마다",
    5: "매주",
    10: "2주마다",
}
TITLE = "CI/CD 파이프라인 시뮬레이터"
# The ranges bound the cost: one call simulates developers x days x (3.8 + 1 /
# merge_interval) merges (about 37 us each in CPython), so the largest corner,
# 20 developers for 30 days merging 4 times a day, stays near 0.2 s (issue 25).
SPEC = Spec(
    merge_interval=Field("병합 간격", 1.0, low=0.25, high=20, unit="일", step=0.25),
    developers=Field("개발자 수", 6, kind="integer", low=1, high=20),
    runners=Field("파이프라인 실행기 수", 4, kind="integer", low=1, high=20),
    days=Field("시뮬레이션 기간", 20, kind="integer", low=5, high=30, unit="일"),
    seed=Field("난수 시드", 11, kind="integer", low=0, high=2**31 - 1),
)


def conflict_probability(params: dict) -> float:
    """Chance that a merge conflicts with the others' work (``params`` checked by
    :data:`SPEC`)."""
    exposure = params["merge_interval"] * (params["developers"] - 1)
    return 1.0 - math.exp(-CONFLICT_RATE * exposure)


def failure_rate(params: dict, stage: int) -> float:
    """Failure probability of ``stage`` for a merge of this size."""
    rate = STAGES[stage].failure_rate
    if stage == INTEGRATION:
        rate += INTEGRATION_GROWTH * params["merge_interval"]
    return min(rate, 0.9)


def fix_minutes(params: dict) -> float:
    """Time to find and fix a failure: bigger merges are harder to debug."""
    return 30 + 15 * params["merge_interval"]


@dataclass(frozen=True)
class MergeRecord:
    """What happened to one merge."""

    developer: int
    written: float  # minutes; the average time its code was written
    merged: float
    conflict: bool
    first_failure: float | None  # minutes, when the first failure was reported
    deployed: float | None
    failures: tuple[int, ...]  # the stage index of every failed run

    @property
    def feedback_minutes(self) -> float | None:
        """From writing the code to hearing it is broken (None if it never broke)."""
        return None if self.first_failure is None else self.first_failure - self.written

    @property
    def lead_minutes(self) -> float | None:
        """From writing the code to running it in production."""
        return None if self.deployed is None else self.deployed - self.written


@dataclass(frozen=True)
class PipelineResult:
    """The outcome of :func:`simulate`."""

    params: dict  # the checked inputs (see :data:`SPEC`)
    merges: tuple[MergeRecord, ...] = field(repr=False)
    stage_runs: tuple[int, ...]
    stage_failures: tuple[int, ...]

    @property
    def feedback_hours(self) -> list[float]:
        return [m.feedback_minutes / 60 for m in self.merges if m.feedback_minutes is not None]

    @property
    def lead_hours(self) -> list[float]:
        return [m.lead_minutes / 60 for m in self.merges if m.lead_minutes is not None]

    @property
    def conflict_share(self) -> float:
        return sum(m.conflict for m in self.merges) / len(self.merges) if self.merges else 0.0

    @property
    def median_feedback_hours(self) -> float:
        return median(self.feedback_hours) if self.feedback_hours else 0.0

    @property
    def median_lead_hours(self) -> float:
        return median(self.lead_hours) if self.lead_hours else 0.0


def _merge(env, developer, merged, params, runner, draws, records, counts):
    yield env.timeout(merged)
    written = merged - params["merge_interval"] * DAY_MINUTES / 2
    conflict = draws.random() < conflict_probability(params)
    if conflict:
        yield env.timeout(30 * params["merge_interval"])  # resolve the conflict first
    first_failure = None
    failures: list[int] = []
    for _attempt in range(MAX_ATTEMPTS):
        failed_at = None
        with runner.request() as request:
            yield request
            for stage, spec in enumerate(STAGES):
                counts[0][stage] += 1
                yield env.timeout(spec.minutes)
                if draws.random() < failure_rate(params, stage):
                    counts[1][stage] += 1
                    failed_at = stage
                    break
        if failed_at is None:
            records.append(
                MergeRecord(
                    developer, written, merged, conflict, first_failure, env.now, tuple(failures)
                )
            )
            return
        failures.append(failed_at)
        if first_failure is None:
            first_failure = env.now
        yield env.timeout(fix_minutes(params))
    records.append(
        MergeRecord(developer, written, merged, conflict, first_failure, None, tuple(failures))
    )


def simulate(**params) -> PipelineResult:
    """Run the pipeline simulation (SimPy). Keyword arguments are fields of
    :data:`SPEC`; invalid values raise :class:`~devops_course.core.errors.CourseInputError`.
    """
    return _simulate(SPEC.check(params))


def _simulate(checked: dict) -> PipelineResult:
    env = simpy.Environment()
    runner = simpy.Resource(env, checked["runners"])
    interval = checked["merge_interval"] * DAY_MINUTES
    horizon = checked["days"] * DAY_MINUTES
    records: list[MergeRecord] = []
    counts = ([0] * len(STAGES), [0] * len(STAGES))
    for developer in range(checked["developers"]):
        # Each developer gets an own generator, so adding a developer leaves the
        # others' luck unchanged; start times are staggered across the interval.
        draws = generator(checked["seed"], developer)
        merged = interval * (developer + 1) / checked["developers"]
        while merged <= horizon:
            env.process(_merge(env, developer, merged, checked, runner, draws, records, counts))
            merged += interval
    env.run()
    records.sort(key=lambda record: (record.merged, record.developer))
    return PipelineResult(checked, tuple(records), tuple(counts[0]), tuple(counts[1]))


def compare_intervals(intervals=INTERVALS, **params) -> dict[float, PipelineResult]:
    """Simulate every merge interval with otherwise equal parameters. Keyword
    arguments are fields of :data:`SPEC`."""
    return _compare_intervals(intervals, SPEC.check(params))


def _compare_intervals(intervals, checked: dict) -> dict[float, PipelineResult]:
    return {
        interval: _simulate({**checked, "merge_interval": SPEC["merge_interval"].check(interval)})
        for interval in intervals
    }


# ---------------------------------------------------------------- figure


def _interval_label(interval: float) -> str:
    return INTERVAL_LABELS.get(interval, f"{interval:g}일마다")


@dataclass(frozen=True)
class IntervalComparison:
    """Runs at the standard merge intervals and at the chosen one."""

    merge_interval: float
    results: dict[float, PipelineResult]


def model(params: dict) -> IntervalComparison:
    """The model: one run per merge interval (the standard ones and the chosen one)."""
    checked = SPEC.check(params)
    merge_interval = checked["merge_interval"]
    intervals = sorted(set(INTERVALS) | {merge_interval})
    return IntervalComparison(merge_interval, _compare_intervals(intervals, checked))


def figure(result: IntervalComparison) -> dict:
    """Feedback and lead time for every merge interval, and the stage outcomes of
    the chosen one."""
    merge_interval, results = result.merge_interval, result.results
    intervals = list(results)
    chosen = results[merge_interval]
    fig = subplots(
        rows=2,
        cols=2,
        vertical_spacing=0.2,
        horizontal_spacing=0.12,
        subplot_titles=(
            "피드백 시간: 망가진 것을 알기까지",
            "리드 타임: 프로덕션에 나가기까지",
            f"단계별 실행과 실패 ({_interval_label(merge_interval)} 병합)",
            "병합 충돌과 통합 테스트 실패",
        ),
    )
    for column, values, name in (
        (1, lambda r: r.feedback_hours, "피드백 시간"),
        (2, lambda r: r.lead_hours, "리드 타임"),
    ):
        for interval in intervals:
            selected = interval == merge_interval
            colour = PALETTE["vermillion"] if selected else PALETTE["blue"]
            fig.add_trace(
                box(
                    name=_interval_label(interval),
                    y=rounded(values(results[interval]), 1),
                    marker={"color": colour, "size": 3},
                    line={"color": colour, "width": 3 if selected else 1.5},
                    boxpoints=False,
                    showlegend=False,
                    hovertemplate=f"{_interval_label(interval)} 병합 {name}: %{{y}}시간<extra></extra>",
                ),
                row=1,
                col=column,
            )
    stage_names = [stage.name for stage in STAGES]
    passed = [runs - fails for runs, fails in zip(chosen.stage_runs, chosen.stage_failures)]
    fig.add_trace(
        bar(
            name="통과",
            x=stage_names,
            y=passed,
            marker={"color": PALETTE["green"]},
            hovertemplate="%{x}: 통과 %{y}회<extra></extra>",
        ),
        row=2,
        col=1,
    )
    fig.add_trace(
        bar(
            name="실패",
            x=stage_names,
            y=list(chosen.stage_failures),
            marker={"color": PALETTE["vermillion"], "pattern": {"shape": "x"}},
            hovertemplate="%{x}: 실패 %{y}회<extra></extra>",
        ),
        row=2,
        col=1,
    )
    labels = [_interval_label(i) for i in intervals]
    fig.add_trace(
        scatter(
            name="병합 충돌 비율",
            x=labels,
            y=[round(results[i].conflict_share * 100, 1) for i in intervals],
            mode="lines+markers",
            marker={"symbol": "square", "size": 9, "color": PALETTE["orange"]},
            line={"color": PALETTE["orange"]},
            hovertemplate="%{x}: 충돌 %{y}%<extra></extra>",
        ),
        row=2,
        col=2,
    )
    fig.add_trace(
        scatter(
            name="통합 테스트 실패율",
            x=labels,
            y=[
                round(
                    100
                    * results[i].stage_failures[INTEGRATION]
                    / max(1, results[i].stage_runs[INTEGRATION]),
                    1,
                )
                for i in intervals
            ],
            mode="lines+markers",
            marker={"symbol": "diamond", "size": 9, "color": PALETTE["purple"]},
            line={"color": PALETTE["purple"], "dash": "dash"},
            hovertemplate="%{x}: 통합 테스트 실패 %{y}%<extra></extra>",
        ),
        row=2,
        col=2,
    )
    fig.update_layout(barmode="stack")
    log_ticks = {"type": "log", "tickvals": [1, 2, 5, 10, 20, 50, 100, 200, 500]}
    fig.update_yaxes(title_text="시간(로그 눈금)", row=1, col=1, **log_ticks)
    fig.update_yaxes(title_text="시간(로그 눈금)", row=1, col=2, **log_ticks)
    fig.update_yaxes(title_text="실행 횟수", row=2, col=1)
    fig.update_yaxes(title_text="%", rangemode="tozero", row=2, col=2)
    fig.update_xaxes(tickangle=0)
    daily = results[1] if 1 in results else chosen
    return style_figure(
        fig,
        title="CI/CD 파이프라인: 병합 간격과 피드백",
        alt=(
            f"개발자 {chosen.params['developers']}명이 {_interval_label(merge_interval)} 병합하면 "
            f"망가진 변경을 아는 데 중앙값 {chosen.median_feedback_hours:.1f}시간, 프로덕션까지 "
            f"중앙값 {chosen.median_lead_hours:.1f}시간이 걸리고 병합의 "
            f"{chosen.conflict_share:.0%}가 충돌합니다. 매일 병합하면 각각 "
            f"{daily.median_feedback_hours:.1f}시간과 {daily.median_lead_hours:.1f}시간입니다. "
            "병합 간격이 길수록 충돌과 통합 테스트 실패가 늘고 피드백이 늦어집니다."
        ),
        height=720,
    )


def explorer() -> dict:
    """Kernel-free explorer: a slider over the merge interval."""
    defaults = SPEC.defaults()
    scenarios = [
        (_interval_label(interval), figure(model({**defaults, "merge_interval": interval})))
        for interval in INTERVALS
    ]
    return slider_explorer(
        scenarios,
        label="병합 간격",
        active=INTERVALS.index(defaults["merge_interval"]),
        data_keys=("x", "y", "line.color", "line.width", "marker.color"),
    )


# ---------------------------------------------------------------- widget


def interactive():
    """The pipeline simulator in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer())
