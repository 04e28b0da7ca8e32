"""Exercises that check themselves: the learner's answer, right or not, and why.

Each exercise whose answer is one number or one choice has a :class:`Check` here,
next to the model that computes its answer. :func:`verdict` judges an answer and
says in Korean whether it is right, with a hint when it is not; it never gives the
answer itself. The same rule runs in two places:

* in Jupyter, :func:`answer_box` under the exercise (an ipywidgets text box);
* in the web book, ``course-record.js`` on the page, from :func:`page_checks`, the
  same data; ``tests/test_exercise_checks.py`` holds the two to the same verdicts.

Exercises answered in words (:data:`SELF_ASSESSED`) are marked done by the learner,
with a list of what a good answer contains.
"""

from __future__ import annotations

import html
import importlib
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from ..core.display import WIDGET_MIME

# The models are imported when an answer is judged, by name: a chapter's answer box
# shows no model output, so its notebook's outputs do not depend on them (the
# build's execution cache reads a notebook's imports; see book/fresh_outputs.py).
INTERACTIVES = __package__.rsplit(".", 1)[0] + ".interactives"


@dataclass(frozen=True)
class Check:
    """One exercise's check: what to type, the model's answer and how close is right.

    ``expected`` computes the answer (a number, or the index of the right choice)
    with ``model``, the course's interactive module of that name; ``tolerance`` is
    how far off a number may be and still be right (it stands for the rounding the
    exercise asks for).
    """

    label: str
    prompt: str
    model: str
    expected: Callable[[ModuleType], float]
    tolerance: float = 0.0
    unit: str = ""
    hint: str = ""
    choices: tuple[str, ...] = field(default=())

    def answer(self) -> float:
        """The model's answer, rounded as far as the tolerance allows."""
        module = importlib.import_module(f"{INTERACTIVES}.{self.model}")
        return round(float(self.expected(module)), 6)


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, and the Korean sentence that says so."""

    right: bool
    message: str


# A number as a learner types it: 12, 12.5, 12., .5, 2,016 (thousands separated by
# commas), after NFKC folding (full-width １２ is 12), with "약" (about) before it and
# the exercise's own unit after it allowed. ASCII digits only, as in JavaScript,
# where the page runs the same pattern.
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$|^[+-]?\.\d+$", re.ASCII)
ABOUT = "약"
# Every sentence a verdict is made of; the page builds its verdicts from the same.
MESSAGES = {
    "right": "✔ 맞았습니다.",
    "wrong": "✘ 아직 아닙니다.",
    "larger": "입력한 값이 답보다 큽니다.",
    "smaller": "입력한 값이 답보다 작습니다.",
    "number": "숫자로 답하세요(예: 12.5).",
    "unit": "단위({unit})는 빼도 됩니다.",
    "pick": "보기 가운데 하나를 고르세요.",
    "self": "이 연습 문제는 스스로 확인하는 문제입니다.",
}


def _handoff_lead(handoff: ModuleType, **params) -> float:
    return handoff.compare(**params)["silo"].mean_lead_time


# Exercise 3.3's team: 20 deploys a month, 6 of them failed, 30 h lead time, 3 h restore.
DORA_TEAM = {
    "deploys_per_month": 20,
    "failed_per_month": 6,
    "lead_time_hours": 30,
    "restore_hours": 3,
}
TIERS = ("Elite", "High", "Medium", "Low")


# Its four metrics, in the order dora.assess reports them (tests/test_exercise_checks.py).
DORA_METRICS = ("배포 빈도", "변경 리드 타임", "서비스 복구 시간", "변경 실패율")


def _furthest_from_elite(dora: ModuleType, team: dict) -> int:
    """The index of the metric whose tier reaches furthest from Elite (a tier such
    as "High·Medium·Low", shared by three, reaches as far as its last)."""
    tiers = list(dora.assess(**team).tiers.values())
    reach = [TIERS.index(tier.split("·")[-1]) for tier in tiers]
    return reach.index(max(reach))


CHECKS = {
    check.label: check
    for check in (
        Check(
            "ch1-ex-delay",
            "인계 지연이 8시간일 때 기능 조직의 평균 리드 타임은 몇 시간입니까?",
            "handoff",
            lambda m: _handoff_lead(m, handoff_delay=8),
            tolerance=1.5,
            unit="시간",
            hint=(
                "인계 지연만 8시간으로 바꾸고 기능 조직의 평균 리드 타임을 찾으세요. 웹 책에서는 "
                "그림 아래 설명에 있고, Jupyter에서는 handoff.compare(handoff_delay=8)이 알려 줍니다."
            ),
        ),
        Check(
            "ch1-ex-capacity",
            "인계 지연 4시간(기본값)에서 역할별 인원을 1명으로 줄이면 기능 조직의 평균 리드 타임은 몇 시간입니까?",
            "handoff",
            lambda m: _handoff_lead(m, capacity=1),
            tolerance=1.5,
            unit="시간",
            hint=(
                "웹 책에서는 그림 아래 직접 계산해 보기를 누르고 역할별 인원 칸을 1로 바꾼 뒤 그림 "
                "아래 설명을 읽으세요. Jupyter에서는 handoff.compare(capacity=1)이 알려 줍니다."
            ),
        ),
        Check(
            "ch2-ex-probability",
            "변경 하나의 결함 확률이 5%일 때 매주 릴리스가 실패할 확률은 몇 %입니까?",
            "small_batches",
            lambda m: (
                100 * m.compare_cadences(failure_probability=0.05)["weekly"].failure_probability
            ),
            tolerance=1,
            unit="%",
            hint="매주 릴리스에는 변경이 20개 들어갑니다. 20개가 모두 멀쩡할 확률을 먼저 구하세요.",
        ),
        Check(
            "ch2-ex-runners",
            "실행기 1개, 병합 간격 0.5일일 때 피드백 시간의 중앙값은 몇 시간입니까?",
            "pipeline",
            lambda m: m.simulate(runners=1, merge_interval=0.5).median_feedback_hours,
            tolerance=1,
            unit="시간",
            hint=(
                "실행기 수를 1, 병합 간격을 0.5일로 둔 뒤 망가진 변경을 아는 데 걸리는 시간의 "
                "중앙값을 읽으세요(웹 책에서는 그림 아래 설명에 있습니다)."
            ),
        ),
        Check(
            "ch2-ex-alert",
            "창 15분, 임계값 160ms인 경보 규칙의 탐지 지연은 몇 분입니까?",
            "monitoring",
            lambda m: m.evaluate(160, 15).detection_delay,
            tolerance=0.5,
            unit="분",
            hint="창을 15분, 임계값을 160ms로 둔 뒤 장애가 시작된 때부터 첫 경보까지를 보세요.",
        ),
        Check(
            "ch3-ex-constraint",
            "운영 속도만 2배로 했을 때 처리량은 주당 몇 건입니까?",
            "value_stream",
            lambda m: m.compare()["제약(운영) 2배"].throughput_per_week,
            tolerance=0.15,
            unit="건",
            hint="운영 단계의 속도만 2배로 한 시나리오(제약(운영) 2배)에서 주당 처리량을 읽으세요.",
        ),
        Check(
            "ch3-ex-business",
            "비즈니스 피드백 주기가 14일이면 그 사이에 기술 루프(10분)는 몇 번 돕니까?",
            "feedback_loops",
            lambda m: m.learning_summary(business_days=14)["unvalidated_changes"],
            tolerance=0.5,
            unit="번",
            hint="두 주기를 같은 단위로 바꿔 비교하세요.",
        ),
        Check(
            "ch3-ex-dora",
            (
                "한 달에 20번 배포하고(그중 6번 장애) 리드 타임 30시간, 복구 시간 3시간인 팀이 "
                "가장 먼저 개선할 지표는 무엇입니까?"
            ),
            "dora",
            lambda m: _furthest_from_elite(m, DORA_TEAM),
            choices=DORA_METRICS,
            hint="네 지표의 등급을 비교하고, Elite 구간에서 가장 멀리 떨어진 지표를 찾으세요.",
        ),
        Check(
            "ch4-ex-canary-share",
            "카나리 비율이 1%일 때 자동 롤백은 몇 분째에 일어납니까?",
            "canary",
            lambda m: m.rollout(canary_share=0.01).rollback_minute,
            unit="분째",
            hint="카나리 비율을 1%에 두고 자동 롤백 세로선이 가리키는 분을 읽으세요.",
        ),
        Check(
            "ch4-ex-false-rollback",
            (
                "새 버전 오류율 0.005, 카나리 비율 0.01, 롤백 임계 오류율 0.008일 때 자동 롤백은 "
                "몇 분째에 일어납니까?"
            ),
            "canary",
            lambda m: (
                m.rollout(threshold=0.008, new_error_rate=0.005, canary_share=0.01).rollback_minute
            ),
            unit="분째",
            hint=(
                "세 값을 모두 바꿨는지 확인하세요. 새 버전의 오류율이 임계값에 얼마나 가까운지, "
                "카나리에 든 요청이 몇 개인지도 보세요."
            ),
        ),
        Check(
            "ch4-ex-frequency",
            "일주일에 두 번 배포하는 팀의 배포 간격은 며칠입니까?",
            "deploy_frequency",
            lambda m: 1 / m.own_organisation("팀", 2, "week").deploys_per_day,
            tolerance=0.05,
            unit="일",
            hint="하루에 몇 번 배포하는지 먼저 구하고, 배포 한 번마다 며칠이 지나는지 생각하세요.",
        ),
        Check(
            "ch5-ex-budget",
            "SLO가 99.95%일 때 30일 오류 예산은 몇 분입니까?",
            "error_budget",
            lambda m: m.allowed_downtime_minutes(0.9995, 30),
            tolerance=0.05,
            unit="분",
            hint="SLO를 99.95%에 두고 오류 예산 막대의 값을 읽으세요. 허용되는 비율은 100%에서 SLO를 뺀 값입니다.",
        ),
        Check(
            "ch5-ex-paths",
            "100명을 8명 이하의 팀으로 나누면 소통 경로는 모두 몇 개입니까?",
            "team_paths",
            lambda m: sum(m.split_paths(100, 8)[1:]),
            unit="개",
            hint=(
                "팀 안의 경로와 팀 사이의 경로를 따로 구해 더하세요. 팀 수는 100 ÷ 8을 올림한 "
                "값이고, 인원은 그 팀들에 최대한 고르게 나눕니다."
            ),
        ),
    )
}

SELF_ASSESSED = {
    "ch1-ex-quality": (
        "품질 조건이 빠지면 생길 수 있는 일(예: 테스트를 건너뛴 배포)을 적었다",
        "이 장의 실천 방법 가운데 두 가지(예: 지속적 통합, 모니터링과 로깅)를 골라 적었다",
        "각 실천이 속도와 품질을 함께 지키는 방법을 설명했다",
    ),
    "ch1-ex-handoff": (
        "변경 하나가 거치는 인계를 순서대로 적었다",
        "여섯 가지 실천 방법 중 두 가지를 골랐다",
        "고른 실천이 어느 인계를 없애거나 줄이는지 연결했다",
    ),
    "ch2-ex-iac": (
        "웹 서버 수를 3으로 바꾸자 계획에 web-3을 만드는 '+ 생성'이 더해지고, 드리프트를 되돌리는 변경도 남는다는 것을 적었다",
        "선언을 바꾸는 것과 콘솔에서 손으로 만드는 것의 차이를 설명했다",
        "손으로 만든 서버가 다음 apply에서 어떻게 되는지 적었다",
    ),
    "ch3-ex-threeways": (
        "흐름, 피드백, 지속적 학습 각각에 실천을 하나씩 연결했다",
        "각 연결의 이유를 한 줄로 적었다",
    ),
    "ch5-ex-roadmap": (
        "로드맵 워크숍에서 경고가 하나도 없는 로드맵을 만들었다",
        "각 단계에 둔 이유를 ERP 시나리오의 조건(직원 500명, IT팀 20명, 레거시 시스템, 보수적 문화, 제한된 예산)과 연결했다",
        "(선택) A·B·C사의 교훈 가운데 하나 이상을 근거로 들었다",
    ),
    "ch5-ex-discussion": (
        "세 질문(장애물, 성공 전략, 단계별 로드맵)에 세 줄씩 답했다",
        "각 답을 네 가지 성공 요소 중 하나와 연결했다",
    ),
}


def _number(text: str, unit: str) -> float | None:
    """The number in ``text`` as :data:`NUMBER` reads it, or None."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    cleaned = cleaned.removeprefix(ABOUT)
    if unit and cleaned.endswith(unit):
        cleaned = cleaned[: -len(unit)]
    if not NUMBER.fullmatch(cleaned):
        return None
    value = float(cleaned.replace(",", ""))
    return value if math.isfinite(value) else None


def verdict(label: str, answer: object) -> Verdict:
    """Judge ``answer`` (the text typed, or a choice's index) for exercise ``label``."""
    check = CHECKS.get(label)
    if check is None:
        return Verdict(False, MESSAGES["self"])
    if check.choices:
        chosen = answer if isinstance(answer, int) and not isinstance(answer, bool) else -1
        if not 0 <= chosen < len(check.choices):
            return Verdict(False, MESSAGES["pick"])
        if chosen == int(check.answer()):
            return Verdict(True, MESSAGES["right"])
        return Verdict(False, f"{MESSAGES['wrong']} {check.hint}")
    value = _number(answer, check.unit) if isinstance(answer, str) else None
    if value is None:
        unit = " " + MESSAGES["unit"].format(unit=check.unit) if check.unit else ""
        return Verdict(False, MESSAGES["number"] + unit)
    expected = check.answer()
    if abs(value - expected) <= check.tolerance + 1e-9:
        return Verdict(True, MESSAGES["right"])
    direction = MESSAGES["larger"] if value > expected else MESSAGES["smaller"]
    return Verdict(False, f"{MESSAGES['wrong']} {direction} {check.hint}")


def page_checks() -> dict:
    """What the web book's pages need to run the same checks (see ``course-record.js``)."""
    checks = {}
    for label, check in CHECKS.items():
        entry = {"prompt": check.prompt, "unit": check.unit, "hint": check.hint}
        if check.choices:
            entry["choices"] = list(check.choices)
        entry["answer"] = check.answer()
        entry["tolerance"] = check.tolerance
        checks[label] = entry
    rules = {"number": NUMBER.pattern, "about": ABOUT, "messages": MESSAGES}
    return {
        "checks": checks,
        "self": {k: list(v) for k, v in SELF_ASSESSED.items()},
        "rules": rules,
    }


class AnswerBox:
    """In Jupyter: a box under an exercise that checks the learner's answer.

    Pressing Enter, choosing an option or pressing "답 확인" shows :func:`verdict`'s
    sentence; the solution stays behind its toggle.
    """

    def __init__(self, label: str):
        import ipywidgets as widgets

        self.label = label
        self.check = CHECKS[label]
        common = {
            "description": self.check.prompt,
            "style": {"description_width": "initial"},
            "layout": widgets.Layout(width="auto"),
        }
        if self.check.choices:
            options = [("고르세요", -1)] + [(c, i) for i, c in enumerate(self.check.choices)]
            self.field = widgets.Dropdown(options=options, value=-1, **common)
        else:
            unit = f"답({self.check.unit})" if self.check.unit else "답"
            self.field = widgets.Text(placeholder=unit, continuous_update=False, **common)
        self.result = widgets.HTML(value="")
        button = widgets.Button(description="답 확인")
        button.on_click(self.show)
        self.field.observe(self.show, names="value")
        self.view = widgets.VBox([self.field, widgets.HBox([button, self.result])])

    def show(self, _=None) -> Verdict:
        """Judge what the box holds and show the verdict under it."""
        judged = verdict(self.label, self.field.value)
        colour = "#00703C" if judged.right else "#A8200D"
        self.result.value = (
            f'<span role="status" style="color:{colour}">{html.escape(judged.message)}</span>'
        )
        return judged

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/plain": f"[답 확인] {self.check.prompt}",
            WIDGET_MIME: {"version_major": 2, "version_minor": 0, "model_id": self.view.model_id},
        }


def answer_box(label: str) -> AnswerBox:
    """The answer box of exercise ``label``, to display as the last thing in a cell."""
    return AnswerBox(label)
