"""ERP 도입 로드맵 워크숍: order the adoption steps into phases and see the risks.

The scenario of chapter 5's exercise: a mid-sized manufacturer (500 staff, an IT
team of 20, many legacy systems, a conservative culture, a limited budget) brings
DevOps to its ERP system. The learner puts each step into a phase (1-4, or leaves
it out). The tool draws the roadmap as a timeline and warns about risky orders,
each warning tied to a lesson of the chapter: company A's cultural resistance,
company B's automating everything at once, company C's deployment without
monitoring.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.errors import CourseInputError
from ..core.explorer import slider_explorer
from ..core.figure import bar, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, style_figure, styled_table

STEPS = {
    "vcs": "버전 관리",
    "ci": "지속적 통합(CI)",
    "tests": "테스트 자동화",
    "monitoring": "모니터링",
    "iac": "코드형 인프라(IaC)",
    "cd": "지속적 배포(CD)",
    "culture": "문화 활동(교육·경영진 지원)",
}
PHASE_MONTHS = 3
MAX_STEPS_PER_PHASE = 3  # an IT team of 20 on a limited budget
PHASES = {0: "하지 않음", 1: "1단계", 2: "2단계", 3: "3단계", 4: "4단계"}


@dataclass(frozen=True)
class RoadmapWarning:
    """A risky order: what is wrong, and the lesson (and case) it comes from."""

    title: str
    lesson: str


def check_plan(plan: Mapping[str, int]) -> dict[str, int]:
    """Validate a whole plan: a step missing from ``plan`` is left out (phase 0)."""
    if isinstance(plan, Mapping):
        plan = {**dict.fromkeys(STEPS, 0), **plan}
    return _some_step_planned(SPEC.check(plan))


def _some_step_planned(plan: dict[str, int]) -> dict[str, int]:
    if not any(plan.values()):
        raise CourseInputError("로드맵: 적어도 한 단계는 일정에 넣으세요.")
    return plan


def review(plan: dict[str, int]) -> list[RoadmapWarning]:
    """Warnings about the plan, from the chapter's lessons."""
    p = check_plan(plan)
    warnings: list[RoadmapWarning] = []

    def before(a: str, b: str) -> bool:
        """True if ``a`` is planned and ``b`` is missing or comes no later than ``a``."""
        return p[a] > 0 and (p[b] == 0 or p[b] >= p[a])

    if before("cd", "monitoring"):
        warnings.append(
            RoadmapWarning(
                "지속적 배포가 모니터링보다 먼저이거나 같은 단계입니다",
                "C사의 실패: 빠르게 배포했지만 장애의 원인을 찾지 못했습니다. 배포와 모니터링은 세트입니다.",
            )
        )
    if before("cd", "tests"):
        warnings.append(
            RoadmapWarning(
                "테스트 자동화 없이 지속적 배포를 합니다",
                "자동화된 검증 없이 자주 배포하면 결함도 자주 나갑니다. 테스트 자동화를 먼저 갖추세요.",
            )
        )
    if p["ci"] and (p["vcs"] == 0 or p["vcs"] > p["ci"]):
        warnings.append(
            RoadmapWarning(
                "버전 관리보다 지속적 통합이 먼저입니다",
                "지속적 통합은 공유 저장소에 자주 병합하는 일입니다. 버전 관리가 먼저 있어야 합니다.",
            )
        )
    if p["iac"] and (p["vcs"] == 0 or p["vcs"] > p["iac"]):
        warnings.append(
            RoadmapWarning(
                "버전 관리 없이 코드형 인프라를 도입합니다",
                "인프라 코드도 코드입니다. 버전 관리 없이는 변경 이력도 검토도 없습니다.",
            )
        )
    crowded = [
        phase for phase in range(1, 5) if list(p.values()).count(phase) > MAX_STEPS_PER_PHASE
    ]
    if crowded:
        warnings.append(
            RoadmapWarning(
                f"{', '.join(f'{phase}단계' for phase in crowded)}에 한꺼번에 {MAX_STEPS_PER_PHASE}개가 넘는 일을 합니다",
                "B사의 실패: 점진적 도입 없이 한 번에 모두 자동화해 오히려 생산성이 떨어졌습니다. IT팀 20명과 "
                "제한된 예산으로는 단계마다 몇 가지씩만 하세요.",
            )
        )
    if p["culture"] == 0 or p["culture"] > 1:
        warnings.append(
            RoadmapWarning(
                "문화 활동이 1단계에 없습니다",
                "A사의 실패: 개발팀과 운영팀의 갈등과 기존 프로세스 고수. 보수적인 조직 문화에서는 교육과 "
                "경영진 지원으로 시작하세요. 문화 변화가 기술보다 중요합니다.",
            )
        )
    return warnings


EXAMPLES = {
    "권장 순서": {"culture": 1, "vcs": 1, "ci": 2, "tests": 2, "monitoring": 3, "iac": 3, "cd": 4},
    "CD부터 서두른 계획": {
        "culture": 1,
        "vcs": 1,
        "ci": 1,
        "cd": 2,
        "tests": 3,
        "monitoring": 4,
        "iac": 0,
    },
    "한 번에 모두": {key: 1 for key in STEPS},
}
TITLE = "ERP 도입 로드맵 워크숍"
SPEC = Spec(
    **{
        key: Field(label, EXAMPLES["CD부터 서두른 계획"][key], kind="choice", choices=PHASES)
        for key, label in STEPS.items()
    }
)


@dataclass(frozen=True)
class Review:
    """A checked plan and the warnings about it."""

    plan: dict[str, int]
    warnings: list[RoadmapWarning]


def model(params: dict | None = None) -> Review:
    """The model: the plan checked (a step not given keeps its default phase), and
    the chapter's warnings about it."""
    plan = _some_step_planned(SPEC.check(params))
    return Review(plan, review(plan))


def figure(result: Review) -> dict:
    """The roadmap as a timeline, above a table of the warnings and their lessons."""
    p, warnings = result.plan, result.warnings
    planned = sorted((phase, key) for key, phase in p.items() if phase)
    fig = subplots(
        rows=2,
        cols=1,
        specs=[[{"type": "xy"}], [{"type": "table"}]],
        row_heights=[0.5, 0.5],
        vertical_spacing=0.14,
    )
    colours = {1: PALETTE["blue"], 2: PALETTE["green"], 3: PALETTE["orange"], 4: PALETTE["purple"]}
    patterns = {1: "", 2: "/", 3: ".", 4: "x"}
    for phase in range(1, 5):
        keys = [key for ph, key in planned if ph == phase]
        fig.add_trace(
            bar(
                name=f"{phase}단계 ({(phase - 1) * PHASE_MONTHS}~{phase * PHASE_MONTHS}개월)",
                orientation="h",
                y=[STEPS[key] for key in keys],
                x=[PHASE_MONTHS] * len(keys),
                base=[(phase - 1) * PHASE_MONTHS] * len(keys),
                marker={"color": colours[phase], "pattern": {"shape": patterns[phase]}},
                hovertemplate="%{y}: " + f"{phase}단계<extra></extra>",
            ),
            row=1,
            col=1,
        )
    skipped = [STEPS[key] for key, phase in p.items() if phase == 0]
    rows = [(f"⚠ {w.title}", w.lesson) for w in warnings] or [
        ("✓ 경고 없음", "이 장의 교훈에 어긋나는 순서가 없습니다.")
    ]
    if skipped:
        rows.append(("일정에 없는 단계", ", ".join(skipped)))
    fig.add_trace(
        styled_table(
            ["위험한 순서", "교훈"],
            [[r[0] for r in rows], [r[1] for r in rows]],
            fill="#FFF4EC" if warnings else "#EEF7F1",
            columnwidth=[1.1, 2.2],
            # Room for two wrapped lines of Hangul: the default row clips the second.
            row_height=44,
        ),
        row=2,
        col=1,
    )
    order = [STEPS[key] for _, key in planned]
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], row=1, col=1)
    fig.update_xaxes(
        title_text="개월", range=[0, 4 * PHASE_MONTHS], tickvals=[0, 3, 6, 9, 12], row=1, col=1
    )
    style_figure(
        fig,
        title=f"ERP DevOps 도입 로드맵: 경고 {len(warnings)}개",
        alt=(
            "로드맵 순서: "
            + ", ".join(f"{STEPS[key]}({phase}단계)" for phase, key in planned)
            + ". "
            + (" ".join(f"경고: {w.title}." for w in warnings) if warnings else "경고 없음.")
        ),
        height=740,
    )
    fig.update_layout(barmode="overlay", margin={"l": 190})
    return fig.to_dict()


def explorer() -> dict:
    """Kernel-free explorer: a slider over three example roadmaps; the default is
    the widget's starting plan."""
    figures = [(name, figure(model(plan))) for name, plan in EXAMPLES.items()]
    return slider_explorer(
        figures,
        label="예시 로드맵",
        active=list(EXAMPLES.values()).index(SPEC.defaults()),
        layout_keys=("meta", "title", "yaxis.categoryarray"),
        data_keys=("x", "y", "base", "cells.values", "cells.fill.color"),
    )


def interactive():
    """The roadmap workshop: one phase dropdown per step."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
