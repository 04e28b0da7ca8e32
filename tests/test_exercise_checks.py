"""Exercises that check themselves (devops_course.classroom.checks).

Each check is judged with the model's own answer, with answers just outside what
counts as right and with things a learner types by mistake. The web book runs the
same rule in JavaScript; the browser test holds the two to the same verdicts.
"""

import json
import math
import re
from pathlib import Path

import nbformat
import pytest

from devops_course.classroom import guide
from devops_course.classroom.checks import (
    CHECKS,
    MESSAGES,
    SELF_ASSESSED,
    answer_box,
    page_checks,
    verdict,
)

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"

# What learners type by mistake, or to see what happens.
ODD_ANSWERS = [
    "",
    "   ",
    "abc",
    "NaN",
    "Infinity",
    "1e5",
    "0x10",
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "12..5",
    "1,00",
    "--3",
    "9" * 400,
    "시간",
    "<script>alert(1)</script>",
]


def number_text(value: float) -> str:
    return f"{value:.10g}"


@pytest.mark.parametrize("label", sorted(CHECKS))
def test_the_models_answer_is_right_and_a_wrong_one_is_not(label):
    check = CHECKS[label]
    answer = check.answer()
    if check.choices:
        assert verdict(label, int(answer)).right
        for index in range(len(check.choices)):
            if index != int(answer):
                judged = verdict(label, index)
                assert not judged.right and check.hint in judged.message
        assert verdict(label, len(check.choices)).message == MESSAGES["pick"]
        assert verdict(label, True).message == MESSAGES["pick"]
        return
    assert verdict(label, number_text(answer)).right
    assert verdict(label, f" {number_text(answer)} {check.unit}").right
    assert verdict(label, f"약 {number_text(answer)}{check.unit}").right  # as solutions say it
    full_width = number_text(answer).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    assert verdict(label, full_width).right
    other_unit = verdict(label, number_text(answer) + ("개월" if check.unit != "개월" else "년"))
    assert not other_unit.right and other_unit.message.startswith(MESSAGES["number"])
    assert verdict(label, number_text(answer + check.tolerance)).right
    too_big = verdict(label, number_text(answer + check.tolerance + 1))
    too_small = verdict(label, number_text(answer - check.tolerance - 1))
    assert not too_big.right and MESSAGES["larger"] in too_big.message
    assert not too_small.right and MESSAGES["smaller"] in too_small.message
    assert check.hint in too_big.message


@pytest.mark.parametrize("label", sorted(CHECKS))
def test_odd_answers_get_a_korean_message_not_a_verdict_of_right(label):
    for answer in [*ODD_ANSWERS, None, 3.5, ["1"], {"a": 1}]:
        judged = verdict(label, answer)
        assert not judged.right, answer
        assert re.search("[가-힣]", judged.message)


@pytest.mark.parametrize("label", sorted(CHECKS))
def test_a_hint_never_gives_the_answer(label):
    check = CHECKS[label]
    if check.choices:
        assert check.choices[int(check.answer())] not in check.hint
        return
    answer = check.answer()
    shown = {f"{answer:g}", f"{answer:.1f}", f"{round(answer):d}", f"{round(answer):,d}"}
    for text in shown:
        assert not re.search(rf"(?<![\d.]){re.escape(text)}(?![\d.])", check.hint), text


def test_every_number_answer_is_a_finite_number_within_its_exercise():
    for check in CHECKS.values():
        assert math.isfinite(check.answer())
        assert check.tolerance >= 0 and check.prompt.endswith("?")


def exercises_of(chapter: str) -> dict:
    """The exercises of a chapter notebook: label -> (its cell index, the cells)."""
    notebook = nbformat.read(BOOK / f"{chapter}.ipynb", as_version=4)
    found = {}
    for index, cell in enumerate(notebook.cells):
        match = re.search(r"::::\{exercise\}\n:label: ([\w-]+)", cell.source)
        if cell.cell_type == "markdown" and match:
            found[match[1]] = (index, notebook.cells)
    return found


@pytest.mark.parametrize("chapter", guide.CHAPTERS.values())
def test_every_checked_exercise_has_its_answer_box_in_jupyter(chapter):
    for label, (index, cells) in exercises_of(chapter).items():
        after = cells[index + 1]
        has_box = after.cell_type == "code" and "answer_box(" in after.source
        assert has_box == (label in CHECKS), label
        assert (label in CHECKS) != (label in SELF_ASSESSED), label
        if has_box:
            assert after.source.strip().endswith(f'answer_box("{label}")')
            assert after.metadata["tags"] == ["remove-cell"]  # the page has its own form
            assert after.metadata["slideshow"] == {"slide_type": "skip"}
            output = after.outputs[0]["data"]["text/plain"]
            assert output == f"[답 확인] {CHECKS[label].prompt}"


def test_every_check_belongs_to_an_exercise_of_the_book():
    labels = set()
    for chapter in guide.CHAPTERS.values():
        labels |= set(exercises_of(chapter))
    assert set(CHECKS) | set(SELF_ASSESSED) == labels


def test_the_jupyter_box_shows_the_verdict():
    box = answer_box("ch5-ex-budget")
    box.field.value = "20"
    assert "아직 아닙니다" in box.result.value and "작습니다" in box.result.value
    box.field.value = f"{CHECKS['ch5-ex-budget'].answer():g}분"
    assert MESSAGES["right"] in box.result.value
    choice = answer_box("ch3-ex-dora")
    choice.field.value = int(CHECKS["ch3-ex-dora"].answer())
    assert MESSAGES["right"] in choice.result.value
    assert "<script>" not in verdict("ch5-ex-budget", "<script>").message


def test_the_page_data_carries_the_same_rule():
    data = page_checks()
    assert set(data["checks"]) == set(CHECKS)
    assert data["rules"]["messages"] == MESSAGES
    json.dumps(data, allow_nan=False)  # the page reads it as JSON


@pytest.mark.build
@pytest.mark.parametrize("chapter", guide.CHAPTERS.values())
def test_the_page_judges_every_answer_as_python_does(browser, site_url, chapter):
    from conftest import OfflinePage

    reader = OfflinePage(browser, site_url)
    page = reader.open(f"book/{chapter}.html")
    labels = [label for label in exercises_of(chapter) if label in CHECKS]
    for label in labels:
        check = CHECKS[label]
        answer = check.answer()
        if check.choices:
            answers = list(range(-1, len(check.choices) + 1))
        else:
            near = [answer - check.tolerance - 0.5, answer + check.tolerance, answer + 3]
            answers = [*ODD_ANSWERS, number_text(answer), f"{answer:,.2f}{check.unit}"]
            answers += [f"약 {number_text(answer)}", f"{number_text(answer)}.", f"{answer:g}%"]
            answers += [number_text(value) for value in near]
        for given in answers:
            in_page = page.evaluate(
                "([label, given]) => { const p = window.courseRecordPage;"
                " return courseRecord.verdict(p.checks[label], p.rules, given); }",
                [label, given],
            )
            judged = verdict(label, given)
            assert in_page == {"right": judged.right, "message": judged.message}, (label, given)
        assert page.locator(f"#{label} form.course-check").count() == 1
    assert reader.external_requests == [] and reader.console_errors == []
    reader.close()


def test_the_dora_choices_are_the_models_metrics_in_its_order():
    from devops_course.classroom.checks import DORA_METRICS, DORA_TEAM
    from devops_course.interactives import dora

    assert DORA_METRICS == tuple(dora.assess(**DORA_TEAM).tiers)
    assert CHECKS["ch3-ex-dora"].choices == DORA_METRICS
