"""Chapters 4 and 5: deployment frequency, canary, case metrics, error budget,
team paths, the roadmap workshop, the session clock and the quizzes."""

import json
import re

import pytest

from devops_course.classroom import session_clock
from devops_course.classroom.quiz import Quiz, answer_key, load, printable, with_verdicts
from devops_course.core.errors import CourseInputError
from devops_course.interactives import (
    canary,
    case_metrics,
    deploy_frequency,
    dora,
    error_budget,
    handoff,
    roadmap,
    small_batches,
    team_paths,
)

# ---------------------------------------------------------------- deployment frequency


def test_amazon_interval_is_the_2011_figure():
    amazon = deploy_frequency.ORGANISATIONS[0]
    assert amazon.interval_seconds == pytest.approx(11.6)
    assert amazon.deploys_per_day == pytest.approx(7448, rel=1e-3)


def test_own_organisation_is_converted_to_per_day():
    org = deploy_frequency.own_organisation("우리", 14, "week")
    assert org.deploys_per_day == pytest.approx(2)
    assert org.interval_seconds == pytest.approx(43200)


@pytest.mark.parametrize(
    "args",
    [
        ("", 2, "week"),
        ("우리", 0, "week"),
        ("우리", -3, "day"),
        ("우리", 2, "fortnight"),
        ("가" * 30, 2, "day"),
        ("우리", 1e7, "day"),
    ],
)
def test_own_organisation_rejects_bad_input(args):
    with pytest.raises(CourseInputError):
        deploy_frequency.own_organisation(*args)


@pytest.mark.parametrize(
    "seconds, text", [(11.6, "11.6초"), (90, "1.5분"), (8640, "2.4시간"), (91 * 86400, "91일")]
)
def test_human_interval(seconds, text):
    assert deploy_frequency.human_interval(seconds) == text


# ---------------------------------------------------------------- canary


def test_automatic_rollback_limits_the_damage():
    auto = canary.rollout()
    manual = canary.rollout(auto_rollback=False)
    assert auto.rollback_minute is not None and auto.rollback_minute <= canary.CANARY_MINUTES
    assert manual.rollback_minute == canary.MANUAL_DETECTION_MINUTE
    assert auto.affected_users * 50 < manual.affected_users
    assert all(share == 0 for share in auto.new_share[auto.rollback_minute :])


def test_bigger_canary_hurts_more_users_before_the_rollback():
    affected = [canary.rollout(canary_share=s).affected_users for s in canary.SHARES[1:]]
    assert affected == sorted(affected)


def test_a_too_tight_threshold_rolls_back_a_good_version():
    good = dict(new_error_rate=0.005, canary_share=0.01)
    assert canary.rollout(threshold=0.02, **good).rollback_minute is None
    assert canary.rollout(threshold=0.008, **good).rollback_minute is not None


def test_same_minute_same_luck():
    small = canary.rollout(canary_share=0.05, auto_rollback=False)
    assert all(n > 0 for n in small.new_requests[:30])
    again = canary.rollout(canary_share=0.05, auto_rollback=False)
    assert small.new_errors == again.new_errors


def test_the_title_states_the_shares_the_figure_draws():
    """Not "임계 1%" above a line labelled 0.8 %, nor "카나리 2%" for 2.5 %."""
    fig = canary.figure(canary.model({"threshold": 0.008, "canary_share": 0.025}))
    title = fig["layout"]["title"]["text"]
    assert "카나리 2.5%, 임계 0.8%" in title, title
    assert "임계 0.8%" in json.dumps(fig["layout"]["annotations"], ensure_ascii=False)
    assert "카나리 2.5%로" in fig["layout"]["meta"]["alt"]
    default = canary.figure(canary.model({}))["layout"]["title"]["text"]
    assert "카나리 5%, 임계 2%" in default, default


@pytest.mark.parametrize(
    "kwargs",
    [{"canary_share": 0}, {"threshold": 0.9}, {"new_error_rate": -0.1}, {"requests_per_minute": 5}],
)
def test_canary_rejects_bad_input(kwargs):
    with pytest.raises(CourseInputError):
        canary.rollout(**kwargs)


# ---------------------------------------------------------------- case metrics, error budget, paths


def test_kakao_improved_six_times():
    assert [row.improvement for row in case_metrics.KAKAO] == [6.0, 6.0]
    assert case_metrics.netflix_downtime_minutes_per_year() == pytest.approx(52.56)


def test_error_budget_worked_example():
    assert error_budget.allowed_downtime_minutes(0.9999, 30) == pytest.approx(4.32)
    assert error_budget.allowed_downtime_minutes(0.999, 30) == pytest.approx(43.2)


def test_burn_rate():
    result = error_budget.report(slo=0.999, period="month", history="15:30", today=15)
    assert result.used_minutes == 30
    assert result.burn_rate == pytest.approx((30 / 43.2) / 0.5)
    later = error_budget.report(slo=0.999, history="3:4, 20:60", today=10)
    assert later.used_minutes == 4  # the day-20 incident has not happened yet on day 10
    assert later.remaining_minutes == pytest.approx(39.2)


@pytest.mark.parametrize(
    "history, message",
    [
        ("3-4", "읽을 수 없습니다"),
        ("40:5", "기간"),
        ("3:0", "장애 시간"),
        ("a:b", "읽을 수 없습니다"),
    ],
)
def test_error_budget_rejects_bad_history(history, message):
    with pytest.raises(CourseInputError, match=message):
        error_budget.report(history=history)


@pytest.mark.parametrize("kwargs", [{"slo": 1.0}, {"slo": 0.3}, {"period": "week"}, {"today": 0}])
def test_error_budget_rejects_bad_settings(kwargs):
    with pytest.raises(CourseInputError):
        error_budget.report(**kwargs)


def test_communication_paths():
    assert team_paths.paths(10) == 45
    assert team_paths.paths(1) == 0
    assert team_paths.split_paths(40, 8) == (5, 140, 10)
    teams, inside, between = team_paths.split_paths(50, 8)
    assert teams == 7 and inside + between < team_paths.paths(50) / 5
    with pytest.raises(CourseInputError):
        team_paths.paths(0)
    with pytest.raises(CourseInputError):
        team_paths.split_paths(10, 0)


# ---------------------------------------------------------------- roadmap


def test_recommended_roadmap_has_no_warnings():
    assert roadmap.review(roadmap.EXAMPLES["권장 순서"]) == []


@pytest.mark.parametrize(
    "plan, lesson",
    [
        ({"culture": 1, "vcs": 1, "tests": 1, "cd": 2, "monitoring": 3}, "C사"),
        ({key: 1 for key in roadmap.STEPS}, "B사"),
        ({"vcs": 1, "ci": 2, "tests": 2, "monitoring": 3, "cd": 4}, "A사"),
        ({"culture": 1, "ci": 1, "vcs": 2}, "버전 관리가 먼저"),
        ({"culture": 1, "vcs": 1, "cd": 2, "monitoring": 1}, "테스트 자동화"),
    ],
)
def test_risky_orders_are_warned(plan, lesson):
    warnings = roadmap.review(plan)
    assert any(lesson in w.lesson or lesson in w.title for w in warnings)


@pytest.mark.parametrize(
    "plan",
    [
        {},
        {"vcs": 5},
        {"vcs": -1},
        {"vcs": "1"},
        {"kubernetes": 1},
        {key: 0 for key in roadmap.STEPS},
    ],
)
def test_roadmap_rejects_bad_plans(plan):
    with pytest.raises(CourseInputError):
        roadmap.review(plan)


# ---------------------------------------------------------------- session clock


def test_session_plans_follow_the_seed():
    title, segments = session_clock.load_plan("session7")
    assert [s.minutes for s in segments] == [5, 25, 10, 8, 7]
    assert sum(s.minutes for s in segments) == 55
    _, workshop = session_clock.load_plan("session7-workshop")
    assert [s.minutes for s in workshop] == [5, 2]


@pytest.mark.parametrize(
    "plan, message",
    [
        ([], "하나도 없습니다"),
        ([("토론", 0)], "0분보다"),
        ([("토론", -5)], "0분보다"),
        ([("토론", float("nan"))], "숫자"),
        ([("", 5)], "제목"),
        ([("토론", "5")], "숫자"),
        ([("토론", 5, 3)], "형태"),
        (42, "목록"),
    ],
)
def test_bad_plans_get_korean_messages(plan, message):
    with pytest.raises(CourseInputError, match=message):
        session_clock.SessionClock(plan)
    with pytest.raises(CourseInputError, match=message):
        session_clock.check_plan(plan)


def test_clock_output_in_three_media():
    clock = session_clock.SessionClock([("그룹 토론", 5), ("발표", 2)], title="워크숍")
    bundle = clock._repr_mimebundle_()
    assert "그룹 토론 5분 → 발표 2분" in bundle["text/plain"]
    assert "| 1 | 그룹 토론 | 5분 |" in bundle["text/markdown"]
    html = bundle["text/html"]
    assert clock.element_id in html and 'role="timer"' in html
    assert "https://" not in html, "the clock must work offline"
    assert (
        bundle
        == session_clock.SessionClock(
            [("그룹 토론", 5), ("발표", 2)], title="워크숍"
        )._repr_mimebundle_()
    )


def test_clock_reads_right_before_its_script_runs():
    """An untrusted notebook shows the clock's HTML without its script."""
    without_script = re.sub(
        r"<script>.*?</script>",
        "",
        session_clock.SessionClock([("토론", 2.5), ("발표", 2)])._html(),
        flags=re.S,
    )
    text = re.sub(r"<[^>]+>", " ", without_script)
    assert "02:30" in text and "지금: 토론" in " ".join(text.split())
    assert "발표 (2분)" in text and "셀을 실행하면 시계가 움직입니다" in text


def test_quiz_reads_and_answers_without_its_script():
    from devops_course.classroom.quiz import static_html

    questions = load("ch2")
    fallback = static_html(questions, "quiz_x")
    assert fallback.count("<li>") == len(questions)
    choices = sum(len(q["answers"]) for q in questions if q["type"] != "numeric")
    numeric = sum(q["type"] == "numeric" for q in questions)
    assert fallback.count("<details>") == choices + numeric
    assert fallback.count("✔ 맞습니다.") >= sum(q["type"] != "numeric" for q in questions)
    assert "<script" not in fallback and "맞았습니다" not in fallback


def test_unknown_plan():
    with pytest.raises(CourseInputError, match="없습니다"):
        session_clock.SessionClock("session99")


# ---------------------------------------------------------------- quizzes

CHAPTER_QUIZZES = ["ch1", "ch2", "ch3", "ch4", "ch5"]


@pytest.mark.parametrize("name", CHAPTER_QUIZZES)
def test_quiz_shape(name):
    questions = load(name)
    assert 8 <= len(questions) <= 12
    kinds = {q["type"] for q in questions}
    assert {"multiple_choice", "many_choice", "numeric"} <= kinds
    for q in questions:
        assert sum(bool(a.get("correct")) for a in q["answers"]) >= 1
        for answer in q["answers"]:
            feedback = answer.get("feedback", "")
            assert re.search("[가-힣]", feedback), (
                f"Korean feedback missing in {name}: {q['question']}"
            )


@pytest.mark.parametrize("name", CHAPTER_QUIZZES)
def test_right_answers_are_spread_over_the_positions(name):
    """No chapter puts most of its right answers in one position (it once put all
    of them first), and several-correct questions mix right and wrong ones."""
    positions = []
    for q in load(name):
        flags = [bool(a.get("correct")) for a in q["answers"]]
        if q["type"] == "multiple_choice":
            assert flags.count(True) == 1
            positions.append(flags.index(True))
        elif q["type"] == "many_choice":
            assert 2 <= flags.count(True) < len(flags)
            assert flags != sorted(flags, reverse=True) or flags[0] is False
    assert max(positions.count(p) for p in set(positions)) <= (len(positions) + 1) // 2
    assert len(set(positions)) >= 3


def test_every_position_holds_right_answers_across_the_book():
    positions = [
        [bool(a.get("correct")) for a in q["answers"]].index(True)
        for name in CHAPTER_QUIZZES
        for q in load(name)
        if q["type"] == "multiple_choice"
    ]
    assert all(positions.count(p) >= 3 for p in range(4)), positions


def test_quizzes_have_numeric_questions():
    assert all(
        any(q["type"] == "numeric" for q in load(n)) for n in ["ch1", "ch2", "ch3", "ch4", "ch5"]
    )


def _numeric(name, fragment):
    question = next(q for q in load(name) if q["type"] == "numeric" and fragment in q["question"])
    return next(a["value"] for a in question["answers"] if a.get("correct"))


def test_numeric_answers_match_the_models():
    handoffs = handoff.compare()["silo"].handoffs_per_change
    assert _numeric("ch1", "인계") == pytest.approx(handoffs)
    weekly = small_batches.compare_cadences()["weekly"]
    assert _numeric("ch2", "실패할 확률") == round(weekly.failure_probability * 100)
    assert _numeric("ch2", "이분 탐색") == weekly.bisect_steps
    from devops_course.interactives import feedback_loops

    assert _numeric("ch3", "기술 루프") == feedback_loops.learning_summary()["unvalidated_changes"]
    assert _numeric("ch4", "Amazon") == pytest.approx(
        deploy_frequency.ORGANISATIONS[0].interval_seconds
    )
    assert _numeric("ch5", "SLO") == pytest.approx(
        round(error_budget.allowed_downtime_minutes(0.9999, 30), 2)
    )
    assert _numeric("ch5", "10명") == team_paths.paths(10)
    silo = handoff.compare()["silo"]
    assert _numeric("ch1", "흐름 효율") == round(silo.flow_efficiency * 100)
    daily = small_batches.compare_cadences()["daily"]
    assert _numeric("ch2", "매일") == round(daily.failure_probability * 100)
    assessment = dora.assess(20, 3, 72, 6)
    assert _numeric("ch3", "변경 실패율") == pytest.approx(assessment.change_failure_rate * 100)
    assert _numeric("ch4", "카나리") == canary.rollout().affected_users
    burn = error_budget.report(slo=0.999, period="month", history="10:21.6", today=10).burn_rate
    assert _numeric("ch5", "번 레이트") == pytest.approx(burn)


def test_quiz_output():
    quiz = Quiz("ch4", "4장 퀴즈")
    bundle = quiz._repr_mimebundle_()
    html = bundle["text/html"]
    assert quiz.element_id.isidentifier(), "jupyterquiz uses the id as a JavaScript name"
    for english in ("Type numeric answer here", "Incorrect -- try again", '"Correct!"'):
        assert english not in html
    assert "https://" not in html.replace("https://github.com", "")
    assert "onpaste" not in html, "pasting a computed answer is allowed"
    assert "답(숫자): ________" in bundle["text/markdown"]
    assert "맞았습니다" not in bundle["text/markdown"], "no answers in the printed quiz"


def test_answer_key_and_printable():
    key = answer_key("ch5")
    assert "**나. 문화적 저항(A사)**" in key
    assert "**4.32**" in key
    text = printable(load("ch1"), "1장 퀴즈")
    assert text.count("   - 가.") == sum(1 for q in load("ch1") if q["type"] != "numeric")


@pytest.mark.parametrize("name", ["ch1", "ch2", "ch3", "ch4", "ch5"])
def test_every_feedback_says_right_or_wrong_in_words(name):
    for question in with_verdicts(load(name)):
        for answer in question["answers"]:
            verdict = "✔ 맞았습니다. " if answer.get("correct") else "✘ 틀렸습니다. "
            assert answer["feedback"].startswith(verdict), answer
            assert "맞았습니다" not in answer["feedback"][len(verdict) :][:6], answer


def test_quiz_files_have_the_fields_jupyterquiz_reads():
    for name in CHAPTER_QUIZZES:
        for q in load(name):
            assert q["type"] in ("multiple_choice", "many_choice", "numeric")
            assert q["question"].strip() and q["answers"]
            for answer in q["answers"]:
                assert answer["feedback"].strip()
                if q["type"] == "numeric":
                    assert answer["type"] in ("value", "range", "default")
                    if answer["type"] == "value":
                        assert isinstance(answer["value"], (int, float))
                else:
                    assert answer["answer"].strip() and isinstance(answer["correct"], bool)
            if q["type"] == "numeric":
                assert isinstance(q.get("precision", 3), int)
                assert q["answers"][-1]["type"] == "default", "a wrong number gets feedback too"
