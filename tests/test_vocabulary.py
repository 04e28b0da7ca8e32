"""One vocabulary: the glossary's spellings, Korean headings, and the facts the
editorial notes corrected, kept corrected everywhere a reader looks."""

import json
import re

import nbformat
import pytest
from conftest import ROOT

# Wrong or variant spelling -> the spelling the course uses.
VARIANTS = {
    "무책임 사후 분석": "비난 없는 사후 분석",  # 무책임 means "irresponsible"
    "책임 없는 사후 분석": "비난 없는 사후 분석",
    "마이크로 서비스": "마이크로서비스",
    "데비옵스": "데브옵스 (DevOps)",
    "Flicker": "Flickr",
    "매트릭": "메트릭",
    "lBM": "IBM",
}
# Heading words that may stand without Hangul: the names of the companies in ch4.
NAME_HEADINGS = {"Amazon", "Netflix", "Etsy"}


def _course_texts():
    """(where, text) for every text a reader sees: notebook prose and code, the
    book's pages, the quizzes, the session plans and the package's strings."""
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
            yield f"{path.name} cell {number}", cell.source
    for path in sorted((ROOT / "book").glob("*.md")):
        yield path.name, path.read_text(encoding="utf-8")
    package = ROOT / "src" / "devops_course"
    for path in sorted(package.rglob("*.json")) + sorted(package.rglob("*.py")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def _headings():
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                for heading in re.findall(r"^#{1,4} (.+)$", cell.source, re.M):
                    yield path.name, heading


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_variant_spelling(variant):
    found = [where for where, text in _course_texts() if variant in text]
    assert found == [], f"{variant!r} -> {VARIANTS[variant]!r} in {found}"


def test_the_variant_check_can_fail():
    assert any(variant in "팀은 무책임 사후 분석을 한다" for variant in VARIANTS)


def test_titles_and_navigation_spell_devops_one_way():
    for name, heading in _headings():
        if heading.startswith("#") or name == "instructor_guide.ipynb":
            continue
        assert "데브옵스" not in heading, (name, heading)
    plans = json.loads((ROOT / "src/devops_course/classroom/data/session_plans.json").read_text())
    assert not [p["title"] for p in plans.values() if "데브옵스" in p["title"]]


def test_headings_are_korean():
    english = [
        (name, heading)
        for name, heading in _headings()
        if not re.search("[가-힣]", heading) and heading.strip() not in NAME_HEADINGS
    ]
    assert english == []


def test_corrected_facts_stay_corrected():
    for where, text in _course_texts():
        # Amazon's interval is 11.6 s (Jenkins, Velocity 2011): 11.7 appears only
        # beside the correction.
        for match in re.finditer(r"11\.7초", text):
            nearby = text[max(0, match.start() - 300) : match.end() + 300]
            assert "11.6" in nearby, where
        assert "데이터센터 장애로 3일간" not in text or "데이터베이스" in text, where
        # The canary counts requests, not people.
        assert "명이 오류를 겪" not in text, where


def test_the_guide_states_the_plans_total():
    plans = json.loads((ROOT / "src/devops_course/classroom/data/session_plans.json").read_text())
    total = sum(
        segment["minutes"]
        for name in ("ch1", "ch2", "ch3", "ch4", "session7")
        for segment in plans[name]["segments"]
    )
    guide = nbformat.read(ROOT / "book" / "instructor_guide.ipynb", as_version=4)
    assert f"모두 {total:g}분" in guide.cells[2].source
    assert "반나절" not in guide.cells[2].source


POLITE = re.compile(r"(니다|세요|까요|시다|죠|요)[.!?)\"]*$")
PLAIN = re.compile(r"다[.!?)\"]*$")


def _register_flips(paragraph: str) -> list[str]:
    sentences = [s.strip() for s in re.findall(r"[^.!?\n]+[.!?]", paragraph)]
    polite = [s for s in sentences if POLITE.search(s)]
    plain = [s for s in sentences if PLAIN.search(s) and not POLITE.search(s)]
    return plain if polite and plain else []


def test_the_register_check_can_fail():
    assert _register_flips("DevOps는 문화이다. 이 강좌는 그렇게 봅니다.")
    assert not _register_flips("숫자로 확인해 봅시다. 결과는 다음과 같습니다.")


def test_no_paragraph_flips_register():
    """The seeds' voice ("~이다") and the course's voice ("~입니다") never share a
    paragraph (the policy on the intro page)."""
    flips = []
    for path in sorted((ROOT / "book").glob("ch*.ipynb")):
        for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type != "markdown":
                continue
            for paragraph in re.split(r"\n\s*\n", cell.source):
                if _register_flips(paragraph):
                    flips.append((path.name, number, paragraph[:80]))
    assert flips == []


def test_quiz_feedback_speaks_in_the_course_voice():
    for path in sorted((ROOT / "src/devops_course/classroom/quizzes").glob("*.json")):
        for question in json.loads(path.read_text(encoding="utf-8")):
            for answer in question["answers"]:
                feedback = answer.get("feedback", "")
                ends_plain = PLAIN.search(feedback.strip()) and not POLITE.search(feedback.strip())
                assert not _register_flips(feedback) and not ends_plain, (
                    path.name,
                    feedback,
                )
