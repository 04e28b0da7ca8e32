"""The learner's record: kept in the browser, shown again after a reload, saved to a
file and loaded from one, and tallied for a class on a page of its own.

Every test takes the learner's or the instructor's path in Chromium with every
request off the site blocked: press a quiz choice, type a number and press Enter,
mark an exercise done, reload; save the record, clear it, load the file; hand three
learners' files to the tally page."""

import json
from pathlib import Path

import pytest
from conftest import OfflinePage, screenshot_path

from devops_course.classroom.checks import CHECKS
from devops_course.classroom.quiz import load as load_quiz
from devops_course.classroom.record import catalog

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[1]
CATALOG = catalog(ROOT / "book")
CH1 = CATALOG["chapters"][0]
KEY = "devops-course-record"
SELF = [e["label"] for e in CH1["exercises"] if not e["checked"]]
CHECKED = [e["label"] for e in CH1["exercises"] if e["checked"]]


QUIZ_READY = 'div[id^="quiz_"][data-record-ready="true"]'


def open_chapter(reader, page="ch1_definition"):
    page_ = reader.open(f"book/{page}.html")
    page_.wait_for_selector(QUIZ_READY, state="attached")
    return page_


def reload(page):
    """What the learner does: the browser's reload, then wait for the quiz."""
    page.reload(wait_until="load")
    page.wait_for_selector(QUIZ_READY, state="attached")
    return page


def question(page, index):
    return page.locator(f'div[id^="quiz_"] .Quiz[data-qnum="{index}"]')


def choose(page, index, choice):
    question(page, index).locator("label.MCButton").nth(choice).click()


def type_number(page, index, text):
    box = question(page, index).locator("input.Input-text")
    box.fill(text)
    box.press("Enter")


def right_number(quiz, index) -> str:
    answer = next(a for a in load_quiz(quiz)[index]["answers"] if a.get("correct"))
    return f"{answer['value']:g}"


def verdict_answer(label: str) -> float:
    return CHECKS[label].answer()


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "{}")


@pytest.fixture()
def reader(browser, site_url):
    reader = OfflinePage(browser, site_url, width=390, has_touch=True)
    yield reader
    assert reader.external_requests == []
    assert reader.console_errors == []
    reader.close()


def test_quiz_answers_and_exercises_are_there_after_a_reload(reader):
    page = open_chapter(reader)
    choose(page, 0, 1)  # wrong first
    choose(page, 0, 0)  # then right
    type_number(page, 3, right_number("ch1", 3))
    exercise = SELF[0]
    page.locator(f"#{exercise} .course-checklist input").nth(1).check()
    page.locator(f"#{exercise} .course-exercise-done button").click()
    checked = page.locator(f"#{CHECKED[0]} form.course-check")
    checked.locator("input").fill("12")
    checked.locator("button").click()
    assert "아직 아닙니다" in checked.locator(".course-check-result").inner_text()
    checked.locator("input").fill(f"{verdict_answer(CHECKED[0]):.1f}시간")
    checked.locator("input").press("Enter")
    assert checked.get_attribute("data-checked") == "right"
    page.evaluate("window.scrollTo(0, 0)")  # the browser keeps this place on reload

    page = reload(page)
    labels = question(page, 0).locator("label.MCButton")
    assert "correctButton" in labels.nth(0).get_attribute("class")
    assert "incorrectButton" not in (labels.nth(1).get_attribute("class") or "")
    box = question(page, 3).locator("input.Input-text")
    assert box.input_value() == right_number("ch1", 3)
    assert "correctButton" in box.get_attribute("class")
    assert page.get_attribute(f"#{exercise} .course-exercise-done button", "aria-pressed") == "true"
    ticks = page.locator(f"#{exercise} .course-checklist input")
    assert [ticks.nth(n).is_checked() for n in range(3)] == [False, True, False]
    checked = page.locator(f"#{CHECKED[0]} form.course-check")
    assert checked.get_attribute("data-checked") == "right"
    assert checked.locator("input").input_value().endswith("시간")
    kept = stored(page)["chapters"]["ch1_definition"]["exercises"][CHECKED[0]]
    assert kept["done"] is True and kept["tries"] == 2 and kept["first"] is False
    note = page.locator("p.course-record-note").inner_text()
    assert "지난 답 2개" in note and "내 학습 기록" in note
    assert page.evaluate("window.scrollY") < 50, "showing the kept answers scrolled the page"

    answer = stored(page)["chapters"]["ch1_definition"]["quiz"]["0"]
    assert answer["right"] is True and answer["tries"] == 2
    assert answer["first"] == {"chosen": [1], "right": False}


def test_an_answer_to_an_edited_question_is_dropped_not_shown(reader):
    page = open_chapter(reader)
    choose(page, 0, 0)
    choose(page, 1, 1)
    record = stored(page)
    record["chapters"]["ch1_definition"]["quiz"]["0"]["v"] = "0000000000"  # an older question
    page.evaluate(f"r => localStorage.setItem('{KEY}', JSON.stringify(r))", record)

    page = reload(page)
    assert question(page, 0).locator("label.correctButton, label.incorrectButton").count() == 0
    assert question(page, 1).locator("label.correctButton").count() == 1
    note = page.locator("p.course-record-note").inner_text()
    assert "지난 답 1개" in note and "바뀌어 지난 답 1개는 지웠습니다" in note
    assert "0" not in stored(page)["chapters"]["ch1_definition"]["quiz"]


def record_row(page, chapter="ch1_definition"):
    return page.locator(f'.course-record-table tr[data-page="{chapter}"]')


def test_the_record_is_saved_cleared_and_loaded_again(reader, tmp_path):
    page = open_chapter(reader)
    choose(page, 0, 0)
    choose(page, 1, 0)  # wrong
    page.locator(f"#{SELF[1]} .course-exercise-done button").click()

    page = reader.page
    page.goto(f"{reader.site_url}/book/record.html")
    page.wait_for_selector("#course-record-app[data-ready='true']")
    quiz_cell = record_row(page).locator("[data-cell='quiz']")
    total = len(CH1["questions"])
    assert quiz_cell.inner_text() == f"답함 2/{total} · 맞힘 1"
    assert record_row(page).locator("[data-cell='exercises']").inner_text().startswith("다 풂 1/")
    assert "틀린 퀴즈 2번" in record_row(page).locator("[data-cell='open']").inner_text()
    page.fill(".course-record-nickname input", "별빛")
    page.locator(".course-record-nickname input").press("Tab")

    with page.expect_download() as download:
        page.click(".course-record-save")
    saved = tmp_path / "record.json"
    download.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["format"] == "devops-course-record" and exported["nickname"] == "별빛"
    assert saved.stat().st_size < 4096
    assert "저장했습니다" in page.inner_text(".course-record-message")

    page.click(".course-record-clear")
    assert stored(page) != {}, "one press must not clear the record"
    page.click(".course-record-clear")
    assert stored(page) == {}
    assert quiz_cell.inner_text() == f"답함 0/{total} · 맞힘 0"

    broken = tmp_path / "notes.json"
    broken.write_text('{"format": "something-else"}', encoding="utf-8")
    page.set_input_files(".course-record-file", str(broken))
    page.wait_for_function(
        "document.querySelector('.course-record-message').dataset.tone === 'error'"
    )
    assert "학습 기록 파일이 아닙니다" in page.inner_text(".course-record-message")
    assert stored(page) == {}

    page.set_input_files(".course-record-file", str(saved))
    page.wait_for_function(
        "document.querySelector('.course-record-message').textContent.includes('불러왔습니다')"
    )
    assert quiz_cell.inner_text() == f"답함 2/{total} · 맞힘 1"
    assert page.input_value(".course-record-nickname input") == "별빛"

    page = open_chapter(reader)
    assert question(page, 0).locator("label.correctButton").count() == 1
    assert question(page, 1).locator("label.incorrectButton").count() == 1


def learner(
    identifier: str, nickname: str, answers: dict, done: list[str], checked: dict | None = None
) -> dict:
    """A record as the record page saves it: ``answers`` maps a question index of
    chapter 1 to (first choice, first right, last choice, last right); ``done`` lists
    the exercises marked done; ``checked`` maps an exercise to (first right, right)."""
    quiz = {}
    for index, (first, first_right, last, right) in answers.items():
        quiz[str(index)] = {
            "v": CH1["questions"][index]["v"],
            "chosen": [last],
            "right": right,
            "tries": 1 if first == last else 2,
            "first": {"chosen": [first], "right": first_right},
        }
    exercises = {
        e["label"]: {"v": e["v"], "done": True} for e in CH1["exercises"] if e["label"] in done
    }
    versions = {e["label"]: e["v"] for e in CH1["exercises"]}
    for label, (first, right) in (checked or {}).items():
        exercises[label] = {
            "v": versions[label],
            "done": right,
            "checked": {"answer": "91" if right else "40", "right": right},
            "tries": 1 if first == right else 2,
            "first": first,
        }
    return {
        "format": "devops-course-record",
        "version": 1,
        "id": identifier,
        "nickname": nickname,
        "updated": "2026-12-07T10:00:00.000Z",
        "chapters": {"ch1_definition": {"quiz": quiz, "exercises": exercises, "live": {}}},
    }


def test_the_tally_page_counts_a_class(reader, tmp_path):
    first_exercise = SELF[0]
    records = [
        learner(
            "a" * 16,
            "하늘",
            {0: (0, True, 0, True), 1: (1, True, 1, True)},
            [first_exercise],
            {CHECKED[0]: (True, True)},
        ),
        learner("b" * 16, "", {0: (2, False, 0, True)}, [], {CHECKED[0]: (False, True)}),
        learner(
            "c" * 16,
            "바다",
            {0: (2, False, 2, False), 1: (0, False, 1, True)},
            [first_exercise],
            {CHECKED[0]: (False, False)},
        ),
    ]
    older_a = {**records[0], "updated": "2026-12-01T10:00:00.000Z", "nickname": "예전"}
    files = [tmp_path / f"learner-{n}.json" for n in range(5)]
    for path, record in zip(files, [*records, older_a]):
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    files[4].write_text("이건 JSON이 아닙니다", encoding="utf-8")

    page = reader.page
    page.goto(f"{reader.site_url}/book/tally.html")
    page.wait_for_selector("#course-tally-app[data-ready='true']")
    page.set_input_files(".course-tally-pick input", [str(path) for path in files])
    page.wait_for_selector("#course-tally-app[data-records='3']")

    summary = page.inner_text(".course-tally-summary")
    assert "학습 기록 3개" in summary and "1개는 한 번만" in summary
    assert "하늘" in summary and "바다" in summary and "예전" not in summary
    assert "learner-4.json" in summary and "JSON 파일로 읽을 수 없습니다" in summary

    quiz = page.locator('.course-tally-table[data-page="ch1_definition"][data-table="quiz"]')
    first_row = quiz.locator('tr[data-question="1"]')
    assert first_row.locator("[data-cell='answered']").inner_text() == "3명"
    assert first_row.locator("[data-cell='first']").inner_text() == "1명 / 3명"
    assert first_row.locator("[data-cell='right']").inner_text() == "2명 / 3명"
    wrong = first_row.locator("[data-cell='wrong']").inner_text()
    assert wrong == f"{CH1['questions'][0]['choices'][2]} (2명)"
    second_row = quiz.locator('tr[data-question="2"]')
    assert second_row.locator("[data-cell='first']").inner_text() == "1명 / 2명"
    assert second_row.locator("[data-cell='wrong']").inner_text().endswith("(1명)")
    third_row = quiz.locator('tr[data-question="3"]')
    assert third_row.locator("[data-cell='answered']").inner_text() == "0명"
    exercises = page.locator(
        '.course-tally-table[data-page="ch1_definition"][data-table="exercises"]'
    )
    row = exercises.locator(f'tr[data-exercise="{first_exercise}"]')
    assert row.locator("[data-cell='done']").inner_text() == "2명 / 3명"
    assert row.locator("[data-cell='first']").inner_text() == "해당 없음"
    row = exercises.locator(f'tr[data-exercise="{CHECKED[0]}"]')
    assert row.locator("[data-cell='done']").inner_text() == "2명 / 3명"  # checked right
    assert row.locator("[data-cell='first']").inner_text() == "1명 / 3명"
    assert row.locator("[data-cell='how']").inner_text().startswith("답 확인")
    untouched = exercises.locator(f'tr[data-exercise="{CHECKED[1]}"]')
    assert untouched.locator("[data-cell='done']").inner_text() == "0명 / 3명"
    untouched = page.locator(".course-tally-chapter").nth(1)
    assert untouched.locator(".course-tally-none").count() == 1  # no learner answered ch2
    assert untouched.locator("table").count() == 0
    bars = page.locator(".course-tally-chapter").first.locator(".course-tally-bar-value")
    assert bars.nth(0).inner_text() == "33%" and bars.nth(2).inner_text() == "답 없음"
    page.locator(".course-tally-chapter").first.screenshot(
        path=screenshot_path("tally-ch1-390.png")
    )


def test_a_live_model_opens_with_the_values_it_last_drew(browser, site_url):
    from test_live_page import go_live, wait_for_renders

    from devops_course.core.in_page import page_figure
    from devops_course.interactives import load

    reader = OfflinePage(browser, site_url, width=390, has_touch=True)
    page = reader.open("book/ch5_case_workshop.html")
    graph_id = page.get_attribute('[data-live="error_budget"]', "id")
    form = go_live(page, graph_id)
    form.locator('input[name="slo"]').fill("0.9995")
    form.locator('input[name="slo"]').press("Tab")
    form.locator('select[name="period"]').select_option("1")
    wait_for_renders(page, graph_id, 3)

    page.reload(wait_until="load")
    assert page.get_attribute(f"#{graph_id}", "data-live-state") is None, (
        "nothing runs before the press"
    )
    form = go_live(page, graph_id)
    assert form.locator('input[name="slo"]').input_value() == "0.9995"
    assert form.locator('select[name="period"]').input_value() == "1"
    assert "지난번에" in form.locator(".course-live-restored").inner_text()
    module = load("error_budget")
    params = module.SPEC.defaults()
    params.update(slo=0.9995, period=list(module.SPEC.controls()["period"].choices)[1])
    expected = page_figure(module.figure(module.model(params)))
    caption = page.locator(f"#{graph_id}-caption").inner_text()
    assert caption == expected["layout"]["meta"]["alt"]

    form.locator(".course-live-reset").click()
    wait_for_renders(page, graph_id, 2)
    assert form.locator(".course-live-restored").count() == 0
    assert reader.external_requests == [] and reader.console_errors == []
    reader.close()


def everything_done() -> dict:
    """The record of a learner who did everything: every question answered wrong
    first, then right; every exercise checked or marked done with every tick; every
    interactive of the course drawn live once with its default values."""
    from devops_course.interactives import registry

    tools = registry()
    chapters = {}
    for chapter in CATALOG["chapters"]:
        quiz = {}
        for index, question in enumerate(chapter["questions"]):
            numeric = question["type"] == "numeric"
            given = {"chosen": [], "typed": "2,016.5"} if numeric else {"chosen": [0, 2]}
            quiz[str(index)] = {"v": question["v"], **given, "right": True, "tries": 3}
            quiz[str(index)]["first"] = {**given, "right": False}
        exercises = {}
        for exercise in chapter["exercises"]:
            entry = {"v": exercise["v"], "done": True, "ticks": [True, True, True]}
            if exercise["checked"]:
                entry = {"v": exercise["v"], "done": True, "tries": 2, "first": False}
                entry["checked"] = {"answer": "104.3시간", "right": True}
            exercises[exercise["label"]] = entry
        chapters[chapter["page"]] = {"quiz": quiz, "exercises": exercises, "live": {}}
    for name, module in tools.items():  # every model kept on every page: more than can be
        values = {key: value for key, value in module.SPEC.defaults().items()}
        for chapter in chapters.values():
            chapter["live"][name] = {"v": "0123abcd", "values": values}
    return {
        "format": "devops-course-record",
        "version": 1,
        "id": "f" * 16,
        "nickname": "가" * 40,
        "updated": "2026-12-07T10:00:00.000Z",
        "chapters": chapters,
    }


def test_the_record_of_a_learner_who_did_everything_stays_small(reader, tmp_path):
    """The file a learner saves is the stored record: what does it weigh when they
    have done everything the course offers?"""
    page = open_chapter(reader)
    record = everything_done()
    kept = page.evaluate("r => JSON.stringify(courseRecord.clean(r))", record)
    assert json.loads(kept)["chapters"]["ch5_case_workshop"]["exercises"]  # nothing was cut
    size = len(kept.encode("utf-8"))
    print(f"record of a learner who did everything: {size} bytes")
    assert size < 32 * 1024, "a saved record must stay small (localStorage holds 5 MB)"
    assert len(json.dumps(record, ensure_ascii=False).encode()) >= size * 0.9
