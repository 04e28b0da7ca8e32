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
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.display import WIDGET_MIME
from ..interactives import (
    canary,
    deploy_frequency,
    dora,
    error_budget,
    feedback_loops,
    handoff,
    monitoring,
    pipeline,
    small_batches,
    team_paths,
    value_stream,
)


@dataclass(frozen=True)
class Check:
    """One exercise's check: what to type, the model's answer and how close is right.

    ``expected`` computes the answer with the course's model (a number, or the index
    of the right choice); ``tolerance`` is how far off a number may be and still be
    right (it stands for the rounding the exercise asks for).
    """

    label: str
    prompt: str
    expected: Callable[[], float]
    tolerance: float = 0.0
    unit: str = ""
    hint: str = ""
    choices: tuple[str, ...] = field(default=())

    def answer(self) -> float:
        """The model's answer, rounded as far as the tolerance allows."""
        return round(float(self.expected()), 6)


@dataclass(frozen=True)
class Verdict:
    """Whether an answer is right, and the Korean sentence that says so."""

    right: bool
    message: str


# A number as a learner types it: 12, 12.5, .5, 2,016 (thousands separated by commas).
# ASCII digits only, as in JavaScript, where the page runs the same pattern.
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$", re.ASCII)
# Units a learner may type after the number (longest first: 분째 before 분).
UNITS = ("%", "시간", "분째", "분", "일", "건", "번", "개")
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


def _handoff_lead(**params) -> float:
    return handoff.compare(**params)["silo"].mean_lead_time


# Exercise 3.3's team: 20 deploys a month, 6 of them failed, 30 h lead time, 3 h restore.
DORA_TEAM = {
    "deploys_per_month": 20,
    "failed_per_month": 6,
    "lead_time_hours": 30,
    "restore_hours": 3,
}
TIERS = ("Elite", "High", "Medium", "Low")


def _furthest_from_elite(team: dict) -> int:
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
            lambda: _handoff_lead(handoff_delay=8),
            tolerance=1.5,
            unit="시간",
            hint="인계 지연 슬라이더를 8시간에 두고, 그림 아래 설명의 기능 조직 평균 리드 타임을 읽으세요.",
        ),
        Check(
            "ch1-ex-capacity",
            "역할별 인원이 1명일 때 기능 조직의 평균 리드 타임은 몇 시간입니까?",
            lambda: _handoff_lead(capacity=1),
            tolerance=1.5,
            unit="시간",
            hint="직접 계산해 보기에서 역할별 인원을 1로 바꾼 뒤 그림 아래 설명을 읽으세요.",
        ),
        Check(
            "ch2-ex-probability",
            "결함 확률이 5%일 때 매주 릴리스의 실패 확률은 몇 %입니까?",
            lambda: (
                100
                * small_batches.compare_cadences(failure_probability=0.05)[
                    "weekly"
                ].failure_probability
            ),
            tolerance=1,
            unit="%",
            hint="매주 릴리스에는 변경이 20개 들어갑니다. 20개가 모두 멀쩡할 확률을 먼저 구하세요.",
        ),
        Check(
            "ch2-ex-runners",
            "실행기 1개, 병합 간격 0.5일일 때 피드백 시간의 중앙값은 몇 시간입니까?",
            lambda: pipeline.simulate(runners=1, merge_interval=0.5).median_feedback_hours,
            tolerance=2,
            unit="시간",
            hint="실행기 수를 1, 병합 간격을 0.5일로 둔 뒤 그림 아래 설명의 중앙값을 읽으세요.",
        ),
        Check(
            "ch2-ex-alert",
            "창 15분, 임계값 160ms인 규칙은 장애를 몇 분 만에 잡습니까?",
            lambda: monitoring.evaluate(160, 15).detection_delay,
            tolerance=0.5,
            unit="분",
            hint="창 15분 단추를 누르고 임계값을 160ms에 둔 뒤, 장애가 시작된 때와 첫 경보 사이를 보세요.",
        ),
        Check(
            "ch3-ex-constraint",
            "운영 속도만 2배로 했을 때 처리량은 주당 몇 건입니까?",
            lambda: value_stream.compare()["제약(운영) 2배"].throughput_per_week,
            tolerance=0.15,
            unit="건",
            hint="제약(운영) 2배 단추를 누르고 그림 아래 설명의 처리량을 읽으세요.",
        ),
        Check(
            "ch3-ex-business",
            "비즈니스 피드백 주기가 14일이면 그 사이에 기술 루프(10분)는 몇 번 돕니까?",
            lambda: feedback_loops.learning_summary(business_days=14)["unvalidated_changes"],
            tolerance=0.5,
            unit="번",
            hint="14일을 분으로 바꾼 뒤 기술 루프 한 번의 길이(10분)로 나누세요.",
        ),
        Check(
            "ch3-ex-dora",
            "가장 먼저 개선할 지표는 무엇입니까?",
            lambda: _furthest_from_elite(DORA_TEAM),
            choices=tuple(dora.assess(**DORA_TEAM).tiers),
            hint="네 지표의 등급을 비교하고, Elite 구간에서 가장 멀리 떨어진 지표를 찾으세요.",
        ),
        Check(
            "ch4-ex-canary-share",
            "카나리 비율이 1%일 때 자동 롤백은 몇 분째에 일어납니까?",
            lambda: canary.rollout(canary_share=0.01).rollback_minute,
            unit="분째",
            hint="카나리 비율 슬라이더를 1%에 두고 롤백 선이 그어진 분을 읽으세요.",
        ),
        Check(
            "ch4-ex-false-rollback",
            "임계 오류율을 0.008로 낮추면 멀쩡한 버전이 몇 분째에 롤백됩니까?",
            lambda: (
                canary.rollout(
                    threshold=0.008, new_error_rate=0.005, canary_share=0.01
                ).rollback_minute
            ),
            unit="분째",
            hint="세 칸(새 버전 오류율 0.005, 카나리 비율 0.01, 롤백 임계 오류율 0.008)을 모두 바꿨는지 확인하세요.",
        ),
        Check(
            "ch4-ex-frequency",
            "일주일에 두 번 배포하는 팀의 배포 간격은 며칠입니까?",
            lambda: 1 / deploy_frequency.own_organisation("팀", 2, "week").deploys_per_day,
            tolerance=0.05,
            unit="일",
            hint="일주일(7일)을 배포 횟수로 나누세요.",
        ),
        Check(
            "ch5-ex-budget",
            "SLO가 99.95%일 때 30일 오류 예산은 몇 분입니까?",
            lambda: error_budget.allowed_downtime_minutes(0.9995, 30),
            tolerance=0.05,
            unit="분",
            hint="30일은 43,200분입니다. 허용되는 비율은 100%에서 SLO를 뺀 값입니다.",
        ),
        Check(
            "ch5-ex-paths",
            "100명을 8명 이하의 팀으로 나누면 소통 경로는 모두 몇 개입니까?",
            lambda: sum(team_paths.split_paths(100, 8)[1:]),
            unit="개",
            hint="팀 안의 경로와 팀 사이의 경로를 따로 구해 더하세요. 팀 수는 100 ÷ 8을 올림한 값입니다.",
        ),
    )
}

SELF_ASSESSED = {
    "ch1-ex-quality": (
        "품질 조건이 빠지면 생길 수 있는 일(예: 테스트를 건너뛴 배포)을 적었다",
        "이 장의 실천 방법 두 가지를 이름으로 들었다",
        "각 실천이 속도와 품질을 함께 지키는 방법을 설명했다",
    ),
    "ch1-ex-handoff": (
        "변경 하나가 거치는 인계를 순서대로 적었다",
        "여섯 가지 실천 방법 중 두 가지를 골랐다",
        "고른 실천이 어느 인계를 없애거나 줄이는지 연결했다",
    ),
    "ch2-ex-iac": (
        "웹 서버 수를 바꾼 뒤 계획에 새로 생긴 항목을 적었다",
        "선언을 바꾸는 것과 콘솔에서 손으로 만드는 것의 차이를 설명했다",
        "손으로 만든 서버가 다음 apply에서 어떻게 되는지 적었다",
    ),
    "ch3-ex-threeways": (
        "흐름, 피드백, 지속적 학습 각각에 실천을 하나씩 연결했다",
        "각 연결의 이유를 한 줄로 적었다",
    ),
    "ch5-ex-roadmap": (
        "로드맵 워크숍에서 경고가 하나도 없는 로드맵을 만들었다",
        "각 단계에 둔 이유를 ERP 시나리오의 조건과 연결했다",
        "A·B·C사의 교훈 가운데 하나 이상을 근거로 들었다",
    ),
    "ch5-ex-discussion": (
        "세 질문(장애물, 성공 전략, 단계별 로드맵)에 세 줄씩 답했다",
        "각 답을 네 가지 성공 요소 중 하나와 연결했다",
    ),
}


def _number(text: str) -> float | None:
    cleaned = text.strip().replace(" ", "")
    for unit in UNITS:
        if cleaned.endswith(unit):
            cleaned = cleaned[: -len(unit)]
            break
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
    value = _number(answer) if isinstance(answer, str) else None
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
    rules = {"number": NUMBER.pattern, "units": list(UNITS), "messages": MESSAGES}
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
