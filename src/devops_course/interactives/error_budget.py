"""오류 예산 계산기 (Google SRE): how much downtime an SLO allows, and how fast
an incident history burns it.

* Error budget = (1 - SLO) x the period. 99.99 % over a 30-day month is
  43,200 min x 0.0001 = 4.32 minutes.
* Burn rate = the share of the budget used / the share of the period elapsed.
  A burn rate of 1 uses the budget up exactly at the end of the period; above 1 it
  runs out early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..core.errors import CourseInputError
from ..core.explorer import slider_explorer
from ..core.figure import bar, scatter, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, add_guides, hline, style_figure
from ..core.validation import require_number

PERIODS = {"month": ("30일(한 달)", 30), "quarter": ("90일(분기)", 90), "year": ("365일(1년)", 365)}
SLOS = (0.99, 0.995, 0.999, 0.9995, 0.9999)
EXAMPLE_HISTORY = "3:4, 9:12, 17:6, 24:20"  # a teaching example: day:minutes
TITLE = "오류 예산 계산기"
SPEC = Spec(
    slo=Field("SLO(목표 가용성)", 0.999, low=0.5, high=0.99999, step=0.0001),
    period=Field(
        "기간", "month", kind="choice", choices={key: label for key, (label, _) in PERIODS.items()}
    ),
    history=Field("장애 기록", EXAMPLE_HISTORY, kind="text", unit="일:분, …", high=500),
    today=Field(
        "오늘",
        30.0,
        low=1,
        high=max(days for _, days in PERIODS.values()),
        unit="며칠째",
        limit="기간의 날수 이하",
    ),
)


@dataclass(frozen=True)
class Incident:
    """An outage: the day of the period it happened on, and its minutes of downtime."""

    day: float
    minutes: float


def allowed_downtime_minutes(slo: float, period_days: float) -> float:
    """The error budget in minutes."""
    slo = SPEC["slo"].check(slo)
    days = require_number("기간(일)", period_days, 1, 3650)
    return (1 - slo) * days * 24 * 60


def parse_history(text: str, period_days: float) -> tuple[Incident, ...]:
    """Read incidents written as ``day:minutes`` pairs separated by commas.

    Example: ``"3:4, 9:12"`` is a 4-minute outage on day 3 and a 12-minute one on
    day 9. An empty string is no incidents.
    """
    text = SPEC["history"].check(text)
    incidents = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)", part)
        if not match:
            raise CourseInputError(
                f"장애 기록: '{part}'를 읽을 수 없습니다. '일:분' 형식으로, 쉼표로 구분해 적으세요 "
                "(예: 3:4, 9:12)."
            )
        day, minutes = float(match.group(1)), float(match.group(2))
        if not 0 <= day <= period_days:
            raise CourseInputError(f"장애 기록: {day:g}일째는 기간(0~{period_days:g}일) 밖입니다.")
        if not 0 < minutes <= period_days * 24 * 60:
            raise CourseInputError(
                f"장애 기록: 장애 시간 {minutes:g}분이 0보다 크고 기간보다 짧아야 합니다."
            )
        incidents.append(Incident(day, minutes))
    return tuple(sorted(incidents, key=lambda incident: incident.day))


@dataclass(frozen=True)
class BudgetReport:
    """The budget, what the incidents used of it, and the burn rate."""

    slo: float
    period_days: float
    today: float
    incidents: tuple[Incident, ...]

    @cached_property
    def budget_minutes(self) -> float:
        return allowed_downtime_minutes(self.slo, self.period_days)

    @property
    def used_minutes(self) -> float:
        return sum(i.minutes for i in self.incidents if i.day <= self.today)

    @property
    def remaining_minutes(self) -> float:
        return self.budget_minutes - self.used_minutes

    @property
    def burn_rate(self) -> float:
        """Budget share used divided by period share elapsed."""
        return (self.used_minutes / self.budget_minutes) / (self.today / self.period_days)


def report(
    slo: float = 0.999, period: str = "month", history: str = EXAMPLE_HISTORY, today: float = 30
) -> BudgetReport:
    """Check the inputs and build the report for ``today`` (a day of the period)."""
    checked = SPEC.check(slo=slo, period=period, history=history, today=today)
    days = PERIODS[checked["period"]][1]
    today = require_number("오늘", checked["today"], 1, days)
    return BudgetReport(checked["slo"], days, today, parse_history(checked["history"], days))


def model(params: dict) -> BudgetReport:
    """The model: the budget of ``params`` and what the incidents used of it."""
    return report(**SPEC.check(params))


def figure(result: BudgetReport) -> dict:
    """Cumulative downtime against the budget, and the budget of every SLO."""
    slo, budget = result.slo, result.budget_minutes
    period_label = next(label for label, days in PERIODS.values() if days == result.period_days)
    fig = subplots(
        rows=1,
        cols=2,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.14,
        subplot_titles=(
            f"SLO {slo * 100:g}%: 오류 예산 소진",
            f"SLO별 오류 예산({period_label})",
        ),
    )
    days, used = [0.0], [0.0]
    for incident in result.incidents:
        days += [incident.day, incident.day]
        used += [used[-1], used[-1] + incident.minutes]
    days.append(result.period_days)
    used.append(used[-1])
    fig.add_trace(
        scatter(
            name="누적 장애 시간",
            x=days,
            y=[round(u, 2) for u in used],
            mode="lines",
            line={"color": PALETTE["vermillion"], "width": 3},
            hovertemplate="%{x}일째까지 누적 %{y}분<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        scatter(
            name="번 레이트 1(예산을 기간 끝에 딱 다 씀)",
            x=[0, result.period_days],
            y=[0, round(budget, 2)],
            mode="lines",
            line={"color": PALETTE["blue"], "dash": "dash"},
            hovertemplate="번 레이트 1: %{x}일째 %{y}분<extra></extra>",
        ),
        row=1,
        col=1,
    )
    budget_line, budget_label = hline(
        budget,
        fig.axes(1, 1),
        line={"color": PALETTE["black"], "dash": "dot"},
        label=f"예산 {budget:,.1f}분",
    )
    add_guides(fig, [budget_line], [budget_label])
    labels = [f"{s * 100:g}%" for s in SLOS]
    budgets = [allowed_downtime_minutes(s, result.period_days) for s in SLOS]
    fig.add_trace(
        bar(
            name="SLO별 예산",
            x=labels,
            y=[round(minutes, 2) for minutes in budgets],
            text=[f"{minutes:,.1f}분" for minutes in budgets],
            textposition="outside",
            cliponaxis=False,
            marker={
                "color": [PALETTE["vermillion"] if s == slo else PALETTE["grey"] for s in SLOS],
                "pattern": {"shape": ["x" if s == slo else "" for s in SLOS]},
            },
            showlegend=False,
            hovertemplate="SLO %{x}: 예산 %{text}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="기간의 날짜(일)", range=[0, result.period_days], row=1, col=1)
    fig.update_yaxes(title_text="분", rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text="SLO", type="category", row=1, col=2)
    fig.update_yaxes(
        title_text="허용 장애(분, 로그 눈금)",
        type="log",
        tickvals=[1, 10, 100, 1000, 10000],
        ticktext=["1", "10", "100", "1,000", "10,000"],
        row=1,
        col=2,
    )
    state = (
        f"예산의 {result.used_minutes / budget:.0%}를 써서 {result.remaining_minutes:,.1f}분이 남았습니다"
        if result.remaining_minutes >= 0
        else f"예산을 {-result.remaining_minutes:,.1f}분 초과했습니다"
    )
    return style_figure(
        fig,
        title=f"오류 예산: {result.today:g}일째 번 레이트 {result.burn_rate:.2f}",
        alt=(
            f"SLO {slo * 100:g}%, {period_label}의 오류 예산은 {budget:,.1f}분입니다. "
            f"{result.today:g}일째까지 장애 {len([i for i in result.incidents if i.day <= result.today])}건, "
            f"{result.used_minutes:g}분으로 {state}. 번 레이트는 {result.burn_rate:.2f}입니다."
        ),
        height=460,
    )


def explorer() -> dict:
    """Kernel-free explorer: a slider over the SLO, for the example history."""
    defaults = SPEC.defaults()
    scenarios = [(f"{s * 100:g}%", figure(model({**defaults, "slo": s}))) for s in SLOS]
    return slider_explorer(
        scenarios,
        label="SLO",
        active=SLOS.index(defaults["slo"]),
        layout_keys=("annotations", "meta", "title", "shapes"),
    )


def interactive():
    """The error budget calculator in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
