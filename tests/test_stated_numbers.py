"""Every number the prose, the solutions and the quizzes quote from a simulation
is the number the model gives today.

The simulations draw from seeded generators, so their figures change whenever a
model or its random draws change (as they did when numpy left the package). Each
claim below is the sentence as the book prints it, with the model's values put in;
the sentence must appear word for word.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devops_course.interactives import canary, handoff, monitoring, pipeline, value_stream

ROOT = Path(__file__).resolve().parent.parent
QUIZZES = ROOT / "src" / "devops_course" / "classroom" / "quizzes"


def markdown(chapter: str) -> str:
    """All markdown cells of a chapter notebook, as one text."""
    notebook = json.loads((ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    return "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )


def quiz_text(name: str) -> str:
    """Questions and feedback of a chapter quiz, with numeric answers as `= value`."""
    parts = []
    for question in json.loads((QUIZZES / f"{name}.json").read_text(encoding="utf-8")):
        parts.append(question["question"])
        for answer in question["answers"]:
            if isinstance(answer.get("answer"), str):
                parts.append(answer["answer"] + (" (정답)" if answer.get("correct") else ""))
            if "value" in answer:
                parts.append(
                    f"= {answer['value']:g}" + (" (정답)" if answer.get("correct") else "")
                )
            parts.append(answer.get("feedback", ""))
    return "\n".join(parts)


def _handoff(**params):
    return handoff.compare(**params)


def ch1_delay():
    four, eight = _handoff(), _handoff(handoff_delay=8)
    return (
        f"기능 조직의 평균 리드 타임은 약 {four['silo'].mean_lead_time:.0f}시간에서 "
        f"약 {eight['silo'].mean_lead_time:.0f}시간으로 늘고, 흐름 효율은 "
        f"{four['silo'].flow_efficiency:.0%}에서 {eight['silo'].flow_efficiency:.0%}로 "
        f"떨어집니다. DevOps 팀은 약 {four['devops'].mean_lead_time:.0f}시간 그대로입니다. "
        f"변경 하나가 기능 조직에서 평균 {four['silo'].handoffs_per_change:.1f}번 인계되므로"
    )


def ch1_devops_unchanged_by_delay():
    four, eight = _handoff(), _handoff(handoff_delay=8)
    assert round(four["devops"].mean_lead_time) == round(eight["devops"].mean_lead_time)
    return "DevOps 팀은 약"


def ch1_capacity():
    one = _handoff(capacity=1)
    waits = one["silo"].stage_hours("wait")
    busiest = handoff.STAGES[waits.index(max(waits))]
    return (
        f"기능 조직의 평균 리드 타임은 약 {one['silo'].mean_lead_time:.0f}시간, 흐름 효율은 "
        f"{one['silo'].flow_efficiency:.0%}가 되고, DevOps 팀은 약 "
        f"{one['devops'].mean_lead_time:.0f}시간, {one['devops'].flow_efficiency:.0%}입니다. "
        f"평균 작업 시간이 가장 긴 {busiest.name}({busiest.mean_hours:g}시간) 단계에 "
        "대기열이 가장 길게 생깁니다."
    )


def ch1_quiz_handoffs():
    silo = _handoff()["silo"]
    extra = silo.handoffs_per_change - (len(handoff.STAGES) - 1)
    return (
        f"= {silo.handoffs_per_change:.1f} (정답)\n"
        f"맞았습니다. 단계 사이의 인계 {len(handoff.STAGES) - 1}번에, 정보 누락으로 "
        f"되돌아갔다 오는 인계가 평균 {extra:.1f}번 더해집니다."
    )


def ch1_quiz_efficiency():
    efficiency = _handoff()["silo"].flow_efficiency
    return (
        f"= {efficiency * 100:.0f} (정답)\n맞았습니다. 리드 타임 가운데 실제로 일한 시간이 "
        f"약 {efficiency:.0%}이고, 나머지는 기다린 시간입니다.\n"
        f"= {100 - round(efficiency * 100)}\n{100 - round(efficiency * 100)}%는 기다린 시간의 비율"
    )


def ch1_quiz_delay():
    four, eight = _handoff(), _handoff(handoff_delay=8)
    return (
        f"떨어진다(약 {four['silo'].flow_efficiency:.0%}에서 "
        f"약 {eight['silo'].flow_efficiency:.0%}로) (정답)"
    )


def ch2_runners():
    four = pipeline.simulate(runners=4, merge_interval=0.5).median_feedback_hours
    one = pipeline.simulate(runners=1, merge_interval=0.5).median_feedback_hours
    return (
        f"실행기 4개일 때 약 {four:.1f}시간이던 피드백 시간의 중앙값이 "
        f"약 {one:.0f}시간으로 늘어납니다."
    )


COUNT_WORDS = {1: "한", 2: "두", 3: "세", 4: "네", 5: "다섯", 6: "여섯", 7: "일곱"}


def ch2_alert():
    long, short = monitoring.evaluate(160, 15), monitoring.evaluate(160, 1)
    assert short.detection_delay == 0, "the solution says the 1-minute rule catches it at once"
    return (
        f"창 15분, 160ms는 오경보가 {long.false_alarms}번이고 장애를 "
        f"{long.detection_delay:.0f}분 만에 잡습니다. 창 1분, 160ms는 장애를 바로 잡지만 "
        f"무해한 급등에도 {COUNT_WORDS[short.false_alarms]} 번 울립니다."
    )


def ch3_constraint():
    results = value_stream.compare()
    base, ops, both = results["기준"], results["제약(운영) 2배"], results["개발·운영 2배"]
    assert ops.mean_wip < base.mean_wip, "the solution says WIP falls"
    return (
        f"처리량이 주당 약 {base.throughput_per_week:.1f}건에서 약 "
        f"{ops.throughput_per_week:.1f}건으로 늘고 WIP는 줄어듭니다."
        f"\n(개발·운영 둘 다 2배일 때 약 {both.throughput_per_week:.1f}건)"
    )


def ch4_canary_share():
    small, default = canary.rollout(canary_share=0.01), canary.rollout()
    return (
        f"1%에서는 {small.rollback_minute}분째에 롤백되고 오류 요청은 "
        f"{small.affected_users}건입니다(5%에서는 {default.rollback_minute}분째, "
        f"{default.affected_users}건)."
    )


def ch4_false_rollback():
    good = dict(new_error_rate=0.005, canary_share=0.01)
    assert canary.rollout(threshold=0.02, **good).rollback_minute is None
    minute = canary.rollout(threshold=0.008, **good).rollback_minute
    return f"멀쩡한 버전이 {minute}분째에 잘못 롤백됩니다(임계값 0.02에서는 롤백되지 않습니다)."


def ch4_quiz_canary():
    run = canary.rollout()
    seen = sum(run.new_requests[: run.rollback_minute])
    return (
        f"= {run.affected_users} (정답)\n맞았습니다. 롤백 전 {run.rollback_minute}분 동안 "
        f"카나리가 받은 요청 {seen}건 가운데 {run.affected_users}건이 오류였습니다."
        f"\n= {seen}\n{seen}건은 롤백 전까지 카나리가 받은 요청 전체입니다."
    )


CLAIMS = {
    "ch1_definition": [ch1_delay, ch1_devops_unchanged_by_delay, ch1_capacity],
    "ch2_practices": [ch2_runners, ch2_alert],
    "ch3_systems_thinking": [ch3_constraint],
    "ch4_real_stories": [ch4_canary_share, ch4_false_rollback],
    "quiz:ch1": [ch1_quiz_handoffs, ch1_quiz_efficiency, ch1_quiz_delay],
    "quiz:ch4": [ch4_quiz_canary],
}


def text_of(source: str) -> str:
    return quiz_text(source[5:]) if source.startswith("quiz:") else markdown(source)


def _pieces(claim: str) -> list[str]:
    # A claim may span two places (a sentence and a parenthesis further on, a
    # question's answer and its feedback): each line must appear as written.
    return [line for line in claim.splitlines() if line]


@pytest.mark.parametrize(
    ("source", "claim"),
    [(source, claim) for source, claims in CLAIMS.items() for claim in claims],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_the_book_states_the_models_numbers(source, claim):
    text = text_of(source)
    for piece in _pieces(claim()):
        assert piece in text, f"{source} should say: {piece}"


def test_the_claim_check_can_fail():
    text = markdown("ch4_real_stories")
    wrong = ch4_false_rollback().replace("분째", "1분째", 1)
    assert wrong not in text
