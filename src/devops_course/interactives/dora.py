"""DORA 네 가지 핵심 지표 자가 진단, against the tiers of the 2021 report.

Source: Google Cloud DORA, *Accelerate State of DevOps Report 2021*, the table of
software delivery performance (Elite, High, Medium, Low). The report's ranges leave
gaps (for example, a lead time between one hour and one day belongs to no tier) and
give one range, 16-30 %, for the change failure rate of High, Medium and Low. The
tool joins the ranges at their boundaries, so every value has a tier, and says when
a change failure rate does not tell the three tiers apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..core.errors import CourseInputError
from ..core.explorer import slider_explorer
from ..core.figure import Figure, scatter, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, style_figure, styled_table

REPORT = "Accelerate State of DevOps Report 2021 (Google Cloud DORA)"
TIERS = ("Elite", "High", "Medium", "Low")
TIER_COLOURS = {
    "Elite": "#CDEBDD",
    "High": "#D4E6F4",
    "Medium": "#FBE7C0",
    "Low": "#F6D3C2",
}
HOURS_PER_MONTH = 730.0  # 365 days / 12 x 24 hours
FIVE_YEARS_HOURS = 24 * 365 * 5
TITLE = "DORA 네 가지 핵심 지표 자가 진단"
SPEC = Spec(
    # 0.01 a month is once in eight years; a rarer team has no failure rate to compute.
    deploys_per_month=Field("한 달 배포 횟수", 4.0, low=0.01, high=1_000_000),
    failed_per_month=Field("그중 장애를 일으킨 배포 수", 1.0, low=0, high=1_000_000),
    lead_time_hours=Field("변경 리드 타임", 72.0, low=0.01, high=FIVE_YEARS_HOURS, unit="시간"),
    restore_hours=Field("서비스 복구 시간", 6.0, low=0.01, high=FIVE_YEARS_HOURS, unit="시간"),
)

# The report's own wording, for the threshold table.
REPORT_TABLE = {
    "배포 빈도": (
        "온디맨드(하루 여러 번)",
        "주 1회 ~ 월 1회",
        "월 1회 ~ 6개월에 1회",
        "6개월에 1회 미만",
    ),
    "변경 리드 타임": ("1시간 미만", "1일 ~ 1주", "1개월 ~ 6개월", "6개월 초과"),
    "서비스 복구 시간": ("1시간 미만", "1일 미만", "1일 ~ 1주", "6개월 초과"),
    "변경 실패율": ("0 ~ 15%", "16 ~ 30%", "16 ~ 30%", "16 ~ 30%"),
}


@dataclass(frozen=True)
class Assessment:
    """The team's four metrics and the tier of each."""

    deploys_per_day: float
    lead_time_hours: float
    restore_hours: float
    change_failure_rate: float
    tiers: dict[str, str]

    @property
    def weakest(self) -> str:
        """The lowest tier among the metrics that separate the tiers."""
        ranks = [TIERS.index(t) for t in self.tiers.values() if t in TIERS]
        return TIERS[max(ranks)]


def frequency_tier(deploys_per_day: float) -> str:
    """Tier of the deployment frequency (the report's ranges joined)."""
    if deploys_per_day >= 1:
        return "Elite"
    if deploys_per_day >= 12 / 365:  # at least monthly
        return "High"
    if deploys_per_day >= 2 / 365:  # at least every six months
        return "Medium"
    return "Low"


def lead_time_tier(hours: float) -> str:
    """Tier of the lead time for changes."""
    if hours < 1:
        return "Elite"
    if hours <= 7 * 24:
        return "High"
    if hours <= 6 * HOURS_PER_MONTH:
        return "Medium"
    return "Low"


def restore_tier(hours: float) -> str:
    """Tier of the time to restore service."""
    if hours < 1:
        return "Elite"
    if hours < 24:
        return "High"
    if hours <= 7 * 24:
        return "Medium"
    return "Low"


def failure_rate_tier(rate: float) -> str:
    """Tier of the change failure rate; 16-30 % is shared by three tiers."""
    if rate <= 0.15:
        return "Elite"
    if rate <= 0.30:
        return "High·Medium·Low"
    return "보고서 범위 밖(30% 초과)"


def assess(
    deploys_per_month: float,
    failed_per_month: float,
    lead_time_hours: float,
    restore_hours: float,
) -> Assessment:
    """Place a team in the 2021 tiers.

    Counts are per month; times in hours. Raises CourseInputError for out-of-range
    or inconsistent input, for example more failed deployments than deployments.
    """
    checked = SPEC.check(
        deploys_per_month=deploys_per_month,
        failed_per_month=failed_per_month,
        lead_time_hours=lead_time_hours,
        restore_hours=restore_hours,
    )
    deploys, failed = checked["deploys_per_month"], checked["failed_per_month"]
    lead, restore = checked["lead_time_hours"], checked["restore_hours"]
    if failed > deploys:
        raise CourseInputError(
            f"그중 장애를 일으킨 배포 수({failed:g})가 한 달 배포 횟수({deploys:g})보다 많을 수 없습니다."
        )
    per_day = deploys * 12 / 365
    rate = failed / deploys
    return Assessment(
        deploys_per_day=per_day,
        lead_time_hours=lead,
        restore_hours=restore,
        change_failure_rate=rate,
        tiers={
            "배포 빈도": frequency_tier(per_day),
            "변경 리드 타임": lead_time_tier(lead),
            "서비스 복구 시간": restore_tier(restore),
            "변경 실패율": failure_rate_tier(rate),
        },
    )


# ---------------------------------------------------------------- figures

# Band edges per metric on the plotted axis: (low, high) per tier.
BANDS = {
    "배포 빈도": {
        "Low": (1 / 3650, 2 / 365),
        "Medium": (2 / 365, 12 / 365),
        "High": (12 / 365, 1),
        "Elite": (1, 1000),
    },
    "변경 리드 타임": {
        "Elite": (0.01, 1),
        "High": (1, 168),
        "Medium": (168, 6 * HOURS_PER_MONTH),
        "Low": (6 * HOURS_PER_MONTH, 24 * 365 * 5),
    },
    "서비스 복구 시간": {
        "Elite": (0.01, 1),
        "High": (1, 24),
        "Medium": (24, 168),
        "Low": (168, 24 * 365 * 5),
    },
    "변경 실패율": {"Elite": (0, 15), "High·Medium·Low": (15, 30), "범위 밖": (30, 100)},
}
AXES = {
    "배포 빈도": ("하루 배포 횟수(로그 눈금)", "log"),
    "변경 리드 타임": ("걸린 시간(로그 눈금)", "log"),
    "서비스 복구 시간": ("걸린 시간(로그 눈금)", "log"),
    "변경 실패율": ("%", "linear"),
}
HOUR_TICKS = (
    [0.01, 0.1, 1, 10, 100, 1000, 10000],
    ["36초", "6분", "1시간", "10시간", "4일", "6주", "14개월"],
)
FREQUENCY_TICKS = (
    [0.001, 0.01, 0.1, 1, 10, 100, 1000],
    ["0.001", "0.01", "0.1", "1", "10", "100", "1000"],
)
EXAMPLES = {
    "매일 여러 번 배포하는 팀": (90, 9, 0.5, 0.5),
    "매주 배포하는 팀": (4, 1, 72, 6),
    "분기마다 릴리스하는 팀": (0.33, 0.33, 2000, 96),
}


def _value(assessment: Assessment, metric: str) -> float:
    return {
        "배포 빈도": assessment.deploys_per_day,
        "변경 리드 타임": assessment.lead_time_hours,
        "서비스 복구 시간": assessment.restore_hours,
        "변경 실패율": assessment.change_failure_rate * 100,
    }[metric]


def _describe(metric: str, value: float) -> str:
    if metric == "배포 빈도":
        return f"하루 {value:.2f}회" if value < 1 else f"하루 {value:.1f}회"
    if metric == "변경 실패율":
        return f"{value:.0f}%"
    return f"{value:.1f}시간" if value < 48 else f"{value / 24:.0f}일"


@lru_cache(maxsize=1)
def _frame() -> Figure:
    """The figure without the team: four axes, their tier bands and labels. It never
    changes, so it is built once and copied for each team."""
    metrics = list(BANDS)
    fig = subplots(rows=len(metrics), cols=1, vertical_spacing=0.17, subplot_titles=metrics)
    shapes, labels = [], list(fig.layout["annotations"])  # the subplot titles first
    for row, metric in enumerate(metrics, start=1):
        title, kind = AXES[metric]
        axis = "x" if row == 1 else f"x{row}"
        yaxis = "y" if row == 1 else f"y{row}"
        for tier, (low, high) in BANDS[metric].items():
            shapes.append(
                {
                    "type": "rect",
                    "xref": axis,
                    "yref": f"{yaxis} domain",
                    "x0": low,
                    "x1": high,
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": TIER_COLOURS.get(tier, "#E8E8E8"),
                    "line": {"width": 1, "color": "white"},
                    "layer": "below",
                }
            )
            centre = math.sqrt(low * high) if kind == "log" and low > 0 else (low + high) / 2
            labels.append(
                {
                    "x": math.log10(centre) if kind == "log" else centre,
                    "y": 0.85,
                    "xref": axis,
                    "yref": f"{yaxis} domain",
                    "text": tier,
                    "showarrow": False,
                    "font": {"size": 12, "color": "#333333"},
                }
            )
        bounds = BANDS[metric]
        low = min(b[0] for b in bounds.values())
        high = max(b[1] for b in bounds.values())
        if kind == "log":
            ticks = FREQUENCY_TICKS if metric == "배포 빈도" else HOUR_TICKS
            fig.update_xaxes(
                type="log",
                range=[math.log10(low), math.log10(high)],
                tickvals=ticks[0],
                ticktext=ticks[1],
                row=row,
                col=1,
            )
        else:
            fig.update_xaxes(range=[low, high], row=row, col=1)
        fig.update_xaxes(title_text=title, title_standoff=4, row=row, col=1)
        fig.update_yaxes(visible=False, range=[0, 1], row=row, col=1)
    fig.update_layout(shapes=shapes, annotations=labels)
    style_figure(fig, title="DORA 자가 진단", alt="", height=700)
    return fig


def model(params: dict) -> Assessment:
    """The model: the team's four metrics placed in the report's tiers."""
    return assess(**SPEC.check(params))


def figure(result: Assessment) -> dict:
    """Each metric on its own axis with the tier bands and the team's position."""
    fig = _frame().copy()
    for row, metric in enumerate(BANDS, start=1):
        value = _value(result, metric)
        fig.add_trace(
            scatter(
                x=[value],
                y=[0.35],
                mode="markers+text",
                marker={"symbol": "diamond", "size": 16, "color": PALETTE["black"]},
                text=[f"우리 팀: {_describe(metric, value)}"],
                textposition="bottom center",
                showlegend=False,
                hovertemplate=f"{metric}: %{{x}}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.layout["annotations"][row - 1]["text"] = f"{metric}: {result.tiers[metric]}"
    fig.update_layout(
        title_text=f"DORA 자가 진단: 가장 약한 지표는 {result.weakest} 수준",
        meta={
            "alt": (
                "2021년 State of DevOps 보고서 기준으로 배포 빈도는 "
                f"{result.tiers['배포 빈도']}, 변경 리드 타임은 {result.tiers['변경 리드 타임']}, "
                f"서비스 복구 시간은 {result.tiers['서비스 복구 시간']}, 변경 실패율은 "
                f"{result.tiers['변경 실패율']} 구간입니다."
            )
        },
    )
    return fig.to_dict()


def threshold_table() -> dict:
    """The report's threshold table, as a figure for every medium."""
    header = ["지표", *TIERS]
    columns = [list(REPORT_TABLE)] + [
        [REPORT_TABLE[metric][i] for metric in REPORT_TABLE] for i in range(len(TIERS))
    ]
    fig = Figure()
    fig.add_trace(
        styled_table(
            header,
            columns,
            fill=["white"] + [TIER_COLOURS[t] for t in TIERS],
            columnwidth=[1.2, 1.5, 1.2, 1.4, 1.2],
            row_height=28,
        )
    )
    style_figure(
        fig,
        title=f"소프트웨어 전달 성과 구간: {REPORT}",
        alt=(
            "2021년 보고서의 구간표. 배포 빈도: Elite 온디맨드(하루 여러 번), High 주 1회~월 1회, "
            "Medium 월 1회~6개월에 1회, Low 6개월에 1회 미만. 변경 리드 타임: Elite 1시간 미만, "
            "High 1일~1주, Medium 1개월~6개월, Low 6개월 초과. 서비스 복구 시간: Elite 1시간 미만, "
            "High 1일 미만, Medium 1일~1주, Low 6개월 초과. 변경 실패율: Elite 0~15%, "
            "High·Medium·Low 16~30%."
        ),
        height=300,
    )
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return fig.to_dict()


def explorer() -> dict:
    """Kernel-free explorer: a slider over three example teams; the default team is
    the widget's default."""
    scenarios = [
        (name, figure(model(dict(zip(SPEC, values))))) for name, values in EXAMPLES.items()
    ]
    default = list(EXAMPLES.values()).index(tuple(SPEC.defaults().values()))
    return slider_explorer(
        scenarios, label="예시 팀", active=default, layout_keys=("annotations", "meta", "title")
    )


# ---------------------------------------------------------------- widget


def interactive():
    """The DORA self-assessment in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
