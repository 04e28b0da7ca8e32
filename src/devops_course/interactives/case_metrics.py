"""사례 지표 비교: the before/after and headline figures of chapter 5's cases.

Every number comes from seed 001 (Session 7: DevOps 성공 사례 분석), which does not
name its own sources. The learner can add their own team's before/after figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.explorer import add_view_buttons
from ..core.figure import Figure, bar
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, style_figure

SOURCE = "출처: 5장 원문. 원문은 이 수치들의 원 출처를 밝히지 않습니다(확인되지 않은 주장)."


@dataclass(frozen=True)
class BeforeAfter:
    """One metric of one company, before and after adopting DevOps (minutes)."""

    company: str
    metric: str
    before: float
    after: float

    @property
    def improvement(self) -> float:
        """How many times faster it became."""
        return self.before / self.after


KAKAO = (
    BeforeAfter("카카오", "배포 시간", 60, 10),
    BeforeAfter("카카오", "장애 복구", 30, 5),
)
RECOVERY = (("카카오(도입 후)", 5.0), ("Amazon", 2.5))  # minutes, seed 001
NINETY_DAYS_MINUTES = 60 * 24 * 90
TITLE = "사례 지표 비교"
SPEC = Spec(
    deploy_before=Field(
        "우리 팀 배포 시간: 전", 120.0, low=0.1, high=NINETY_DAYS_MINUTES, unit="분"
    ),
    deploy_after=Field("우리 팀 배포 시간: 후", 30.0, low=0.1, high=NINETY_DAYS_MINUTES, unit="분"),
    restore_before=Field(
        "우리 팀 장애 복구: 전", 60.0, low=0.1, high=NINETY_DAYS_MINUTES, unit="분"
    ),
    restore_after=Field(
        "우리 팀 장애 복구: 후", 20.0, low=0.1, high=NINETY_DAYS_MINUTES, unit="분"
    ),
)
# The static book has no reader to type a team's figures, so its explorer shows
# the published cases only; the widget always adds the learner's team.
EXPLORER_DIFFERS = "The explorer leaves out the learner's own team."


def own_team(
    deploy_before: float, deploy_after: float, restore_before: float, restore_after: float
):
    """The learner's own before/after figures in minutes, checked."""
    values = SPEC.check(
        deploy_before=deploy_before,
        deploy_after=deploy_after,
        restore_before=restore_before,
        restore_after=restore_after,
    )
    return (
        BeforeAfter("우리 팀", "배포 시간", values["deploy_before"], values["deploy_after"]),
        BeforeAfter("우리 팀", "장애 복구", values["restore_before"], values["restore_after"]),
    )


def model(params: dict) -> tuple[BeforeAfter, ...]:
    """The model: the learner's team's before/after figures, checked."""
    return own_team(**SPEC.check(params))


def netflix_downtime_minutes_per_year(availability: float = 0.9999) -> float:
    """The most downtime a year that an availability allows."""
    return (1 - availability) * 365 * 24 * 60


def figure(own: tuple[BeforeAfter, ...] = ()) -> dict:
    """Before/after bars (Kakao, and ``own``: the learner's team if given), recovery
    times side by side, and Netflix's availability as allowed downtime."""
    rows = KAKAO + tuple(own)
    labels = [f"{row.company}<br>{row.metric}" for row in rows]
    fig = Figure()
    for when, colour, pattern in (("전", PALETTE["vermillion"], "/"), ("후", PALETTE["blue"], "")):
        fig.add_trace(
            bar(
                name=f"도입 {when}",
                legendgroup="before-after",
                x=labels,
                y=[row.before if when == "전" else row.after for row in rows],
                text=[
                    f"{(row.before if when == '전' else row.after):g}분"
                    + ("" if when == "전" else f"<br>({row.improvement:.1f}배 빨라짐)")
                    for row in rows
                ],
                textposition="outside",
                cliponaxis=False,
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate="%{x}: %{text}<extra></extra>",
            )
        )
    fig.add_trace(
        bar(
            name="장애 복구 시간",
            legendgroup="recovery",
            x=[name for name, _ in RECOVERY],
            y=[minutes for _, minutes in RECOVERY],
            text=[f"{minutes:g}분" for _, minutes in RECOVERY],
            textposition="outside",
            cliponaxis=False,
            marker={"color": [PALETTE["blue"], PALETTE["orange"]], "pattern": {"shape": ["", "."]}},
            visible=False,
            hovertemplate="%{x}: 평균 %{text}<extra></extra>",
        )
    )
    downtime = netflix_downtime_minutes_per_year()
    fig.add_trace(
        bar(
            name="허용되는 연간 장애 시간",
            legendgroup="availability",
            x=["99.9%", "99.99%(원문의 Netflix)", "99.999%"],
            y=[netflix_downtime_minutes_per_year(a) for a in (0.999, 0.9999, 0.99999)],
            text=[
                f"{netflix_downtime_minutes_per_year(a):,.1f}분" for a in (0.999, 0.9999, 0.99999)
            ],
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": [PALETTE["grey"], PALETTE["green"], PALETTE["grey"]],
                "pattern": {"shape": ["/", "", "x"]},
            },
            visible=False,
            hovertemplate="가용성 %{x}: 1년에 %{text}까지<extra></extra>",
        )
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="분", rangemode="tozero")
    fig.add_annotation(
        text=SOURCE,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.3,
        showarrow=False,
        xanchor="left",
        font={"size": 12, "color": "#444444"},
    )
    style_figure(
        fig,
        title="사례 지표 비교: 도입 전과 후"
        if not own
        else "사례 지표 비교: 카카오와 우리 팀(입력한 값)",
        alt=(
            "원문에 따르면 카카오는 배포 시간을 1시간에서 10분으로, 장애 복구를 30분에서 5분으로 "
            "줄였고, Amazon의 평균 장애 복구는 2.5분입니다. 가용성 99.99%는 1년에 약 "
            f"{downtime:.1f}분의 장애만 허용합니다. {SOURCE}"
        ),
        height=480,
    )
    fig.update_layout(margin={"b": 120})
    return fig.to_dict()


VIEWS = (
    ("도입 전후", [True, True, False, False], {"yaxis.title.text": "분"}),
    ("장애 복구 시간", [False, False, True, False], {"yaxis.title.text": "평균 복구 시간(분)"}),
    ("가용성", [False, False, False, True], {"yaxis.title.text": "1년에 허용되는 장애(분)"}),
)


def explorer() -> dict:
    """Kernel-free explorer: three views of the published case figures."""
    return add_view_buttons(figure(), VIEWS, y=1.1)


# ---------------------------------------------------------------- widget


def interactive():
    """Case metrics, with the learner's own before/after added in Jupyter."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
