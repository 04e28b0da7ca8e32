"""작은 배치 vs 큰 배치: how the release cadence sets the risk of each deployment.

Changes arrive every working day and wait for the next release. Each change is
faulty with a small probability, and one faulty change fails the whole release.
Over a quarter (65 working days) the model shows, for each cadence:

* the probability that a release fails, and its blast radius (changes per release);
* the time to find the faulty change by bisecting the batch;
* the resulting time to restore: detection + bisection + fix and redeploy.

Expected values come from closed formulas; one quarter is also simulated with a
seeded generator, so the learner sees individual releases fail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.draws import binomial, generator, poisson
from ..core.explorer import slider_explorer
from ..core.figure import bar, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, percent, rounded, style_figure

QUARTER_DAYS = 65  # working days in a quarter (13 weeks x 5 days)
CADENCES = {
    "daily": ("매일", 1),
    "weekly": ("매주", 5),
    "biweekly": ("2주마다", 10),
    "monthly": ("매월", 21),
    "quarterly": ("분기마다", 65),
}
DETECT_MINUTES = 30.0
FIX_MINUTES = 30.0
TITLE = "작은 배치 vs 큰 배치"
SPEC = Spec(
    cadence=Field(
        "릴리스 주기",
        "weekly",
        kind="choice",
        choices={key: label for key, (label, _) in CADENCES.items()},
    ),
    changes_per_day=Field("하루 변경 수", 4.0, low=0, high=200, low_inclusive=False),
    failure_probability=Field("변경 하나의 결함 확률", 0.02, low=0, high=0.5, step=0.01),
    bisect_minutes=Field("이분 탐색 한 단계", 20.0, low=1, high=600, unit="분"),
    seed=Field("난수 시드", 7, kind="integer", low=0, high=2**31 - 1),
)


@dataclass(frozen=True)
class CadenceRisk:
    """Expected figures for one release cadence."""

    cadence: str
    interval_days: int
    batch_size: float
    failure_probability: float
    bisect_steps: int
    find_minutes: float
    restore_minutes: float
    releases: int
    expected_failures: float

    @property
    def changes_rolled_back(self) -> float:
        """Expected changes pulled back by failed releases over the quarter."""
        return self.expected_failures * self.batch_size


def bisect_steps(batch_size: float) -> int:
    """Builds needed to find one faulty change among ``batch_size`` by halving."""
    return max(0, math.ceil(math.log2(max(batch_size, 1.0))))


def cadence_risk(params: dict, cadence: str) -> CadenceRisk:
    """Expected risk figures of ``cadence`` for the change stream of ``params``
    (inputs checked by :data:`SPEC`)."""
    label, interval = CADENCES[cadence]
    batch = params["changes_per_day"] * interval
    fail = 1.0 - (1.0 - params["failure_probability"]) ** batch
    steps = bisect_steps(batch)
    find = steps * params["bisect_minutes"]
    releases = QUARTER_DAYS // interval
    return CadenceRisk(
        cadence=cadence,
        interval_days=interval,
        batch_size=batch,
        failure_probability=fail,
        bisect_steps=steps,
        find_minutes=find,
        restore_minutes=DETECT_MINUTES + find + FIX_MINUTES,
        releases=releases,
        expected_failures=releases * fail,
    )


def compare_cadences(**params) -> dict[str, CadenceRisk]:
    """Expected figures for every cadence. Keyword arguments are fields of
    :data:`SPEC`; invalid values raise :class:`~devops_course.core.errors.CourseInputError`."""
    return _risks(SPEC.check(params))


def _risks(checked: dict) -> dict[str, CadenceRisk]:
    return {cadence: cadence_risk(checked, cadence) for cadence in CADENCES}


@dataclass(frozen=True)
class Release:
    """One release of the simulated quarter."""

    day: int
    changes: int
    faulty: int

    @property
    def failed(self) -> bool:
        return self.faulty > 0


def simulate_quarter(**params) -> list[Release]:
    """Simulate one quarter: Poisson arrivals each day, each change faulty with
    the given probability, released at the chosen cadence. Keyword arguments are
    fields of :data:`SPEC`."""
    return _quarter(SPEC.check(params))


def _quarter(checked: dict) -> list[Release]:
    rng = generator(checked["seed"])
    arrivals, faulty = [], []
    for _ in range(QUARTER_DAYS):
        arrivals.append(poisson(rng, checked["changes_per_day"]))
        faulty.append(binomial(rng, arrivals[-1], checked["failure_probability"]))
    interval = CADENCES[checked["cadence"]][1]
    releases = []
    for end in range(interval, QUARTER_DAYS + 1, interval):
        window = slice(end - interval, end)
        releases.append(Release(end, sum(arrivals[window]), sum(faulty[window])))
    return releases


@dataclass(frozen=True)
class BatchResult:
    """One simulated quarter of the chosen cadence and the risks of every cadence."""

    params: dict  # the checked inputs (see :data:`SPEC`)
    risks: dict[str, CadenceRisk]
    releases: list[Release]


def model(params: dict) -> BatchResult:
    """The model: expected risks of every cadence and one simulated quarter."""
    checked = SPEC.check(params)
    return BatchResult(checked, _risks(checked), _quarter(checked))


# ---------------------------------------------------------------- figure


def figure(result: BatchResult) -> dict:
    """The simulated quarter of the chosen cadence above the expected risk of
    every cadence."""
    checked, risks, releases = result.params, result.risks, result.releases
    labels = [f"{CADENCES[c][0]}<br>(변경 {risks[c].batch_size:.0f}개)" for c in CADENCES]
    chosen = risks[checked["cadence"]]
    cadence_name = CADENCES[checked["cadence"]][0]
    fig = subplots(
        rows=2,
        cols=2,
        specs=[[{"colspan": 2}, None], [{}, {}]],
        row_heights=[0.45, 0.55],
        vertical_spacing=0.2,
        horizontal_spacing=0.14,
        subplot_titles=(
            f"시뮬레이션한 한 분기: {cadence_name} 릴리스",
            "릴리스 하나가 실패할 확률 (괄호: 폭발 반경)",
            "장애가 난 릴리스를 복구하는 시간",
        ),
    )
    for failed, name, colour, pattern in (
        (False, "성공한 릴리스", PALETTE["blue"], ""),
        (True, "실패한 릴리스", PALETTE["vermillion"], "x"),
    ):
        chosen_releases = [r for r in releases if r.failed == failed]
        fig.add_trace(
            bar(
                name=name,
                x=[r.day for r in chosen_releases],
                y=[r.changes for r in chosen_releases],
                customdata=[r.faulty for r in chosen_releases],
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate="%{x}일째 릴리스: 변경 %{y}개, 결함 %{customdata}개<extra></extra>",
            ),
            row=1,
            col=1,
        )
    fig.add_trace(
        bar(
            name="릴리스 실패 확률",
            x=labels,
            y=rounded([risks[c].failure_probability * 100 for c in CADENCES], 1),
            marker={"color": PALETTE["vermillion"], "pattern": {"shape": "/"}},
            text=[f"{risks[c].failure_probability:.0%}" for c in CADENCES],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: 실패 확률 %{y}%<extra></extra>",
            customdata=rounded([risks[c].batch_size for c in CADENCES], 1),
            showlegend=False,
        ),
        row=2,
        col=1,
    )
    for part, name, colour, pattern in (
        ("detect", "탐지", PALETTE["grey"], "."),
        ("find", "결함 변경 찾기(이분 탐색)", PALETTE["orange"], "/"),
        ("fix", "수정·재배포", PALETTE["green"], ""),
    ):
        values = {
            "detect": [DETECT_MINUTES] * len(CADENCES),
            "find": [risks[c].find_minutes for c in CADENCES],
            "fix": [FIX_MINUTES] * len(CADENCES),
        }[part]
        fig.add_trace(
            bar(
                name=name,
                x=labels,
                y=rounded(values, 1),
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate=f"%{{x}}: {name} %{{y}}분<extra></extra>",
            ),
            row=2,
            col=2,
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="분기 안의 날짜(영업일)", range=[0, QUARTER_DAYS + 2], row=1, col=1)
    fig.update_yaxes(title_text="릴리스의 변경 수", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="실패 확률(%)", range=[0, 118], row=2, col=1)
    fig.update_yaxes(title_text="복구 시간(분)", rangemode="tozero", row=2, col=2)
    fig.update_xaxes(tickangle=0, row=2)
    failed = sum(r.failed for r in releases)
    return style_figure(
        fig,
        title="작은 배치 vs 큰 배치: 릴리스 주기와 배포 위험",
        alt=(
            f"하루 변경 {checked['changes_per_day']:g}개, 변경당 결함 확률 "
            f"{percent(checked['failure_probability'])}일 때 {cadence_name} 릴리스는 "
            f"한 번에 변경 {chosen.batch_size:.0f}개를 내보내고 실패 확률은 "
            f"{chosen.failure_probability:.0%}, 결함을 찾는 데 {chosen.bisect_steps}번의 "
            f"빌드({chosen.find_minutes:.0f}분), 복구에 {chosen.restore_minutes:.0f}분이 걸립니다. "
            f"시뮬레이션한 분기에서는 릴리스 {len(releases)}번 중 {failed}번이 실패했습니다. "
            "매일 릴리스하면 실패 확률과 복구 시간이 가장 작고, 분기마다 릴리스하면 가장 큽니다."
        ),
        height=720,
    )


def explorer() -> dict:
    """Kernel-free explorer: a slider over the release cadence."""
    defaults = SPEC.defaults()
    scenarios = [
        (label, figure(model({**defaults, "cadence": cadence})))
        for cadence, (label, _) in CADENCES.items()
    ]
    return slider_explorer(
        scenarios, label="릴리스 주기", active=list(CADENCES).index(defaults["cadence"])
    )


# ---------------------------------------------------------------- widget


def interactive():
    """작은 배치 vs 큰 배치, in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer())
