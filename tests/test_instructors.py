"""For instructors: slide metadata, offline reveal.js decks, the instructor guide
and the session clock in a real browser."""

import re

import nbformat
import pytest
from conftest import CHAPTERS, HTML, ROOT, SCROLL_PAST_FIGURES, require_build, screenshot_path

MAX_SLIDE_CHARACTERS = 1500  # prose on one slide; more is split into sub-slides


def _cells(chapter):
    return nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4).cells


def _slide_type(cell):
    return cell.metadata.get("slideshow", {}).get("slide_type")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_cell_has_slide_metadata(chapter):
    cells = _cells(chapter)
    assert all(
        _slide_type(cell) in ("slide", "subslide", "fragment", "-", "skip") for cell in cells
    )
    assert _slide_type(cells[0]) == "slide" and cells[0].source.startswith("# ")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_titles_are_slides_and_setup_is_skipped(chapter):
    for cell in _cells(chapter):
        if cell.metadata.get("devops_course") == "chapter-glossary":
            continue  # JupyterLab's term definitions: not on slides, not in the book
        if cell.cell_type == "markdown" and re.match(r"^##? ", cell.source):
            assert _slide_type(cell) == "slide", cell.source[:40]
        if cell.cell_type == "code" and "google.colab" in cell.source:
            assert _slide_type(cell) == "skip"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_interactives_get_a_slide_of_their_own(chapter):
    for cell in _cells(chapter):
        if cell.cell_type == "code" and cell.source.strip().endswith(".interactive()"):
            assert _slide_type(cell) in ("slide", "subslide")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_long_prose_is_split(chapter):
    lengths, current = [], 0
    for cell in _cells(chapter):
        if _slide_type(cell) in ("slide", "subslide"):
            lengths.append(current)
            current = 0
        if cell.cell_type == "markdown" and _slide_type(cell) != "skip":
            current += len(cell.source)
    lengths.append(current)
    assert max(lengths) <= MAX_SLIDE_CHARACTERS


@pytest.mark.build
def test_decks_exist_and_need_no_cdn():
    index = require_build(HTML / "slides" / "index.html").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        deck = HTML / "slides" / f"{chapter}.slides.html"
        text = deck.read_text(encoding="utf-8")
        assert f'href="{deck.name}"' in index
        assert "unpkg.com" not in text and "cdnjs" not in text and "cdn.jsdelivr" not in text
        assert 'src="reveal.js/dist/reveal.js"' in text
    assert (HTML / "slides" / "reveal.js" / "dist" / "reveal.js").exists()


@pytest.mark.build
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_deck_steps_through_slides_offline(offline_page, chapter):
    page = offline_page.page
    page.goto(f"{offline_page.site_url}/slides/{chapter}.slides.html", wait_until="load")
    page.wait_for_function("typeof Reveal !== 'undefined' && Reveal.isReady()")
    total = page.evaluate("Reveal.getTotalSlides()")
    # The presenter's right arrow, pressed to the end, visits every slide once, in
    # order: the figure and quiz slides stacked under a section too.
    visited = [page.evaluate("JSON.stringify(Reveal.getIndices())")]
    while not page.evaluate("Reveal.isLastSlide()") and len(visited) <= total:
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "before => JSON.stringify(Reveal.getIndices()) !== before", arg=visited[-1]
        )
        visited.append(page.evaluate("JSON.stringify(Reveal.getIndices())"))
    assert len(visited) == len(set(visited)) == total, f"→ visits {len(visited)} of {total}"
    page.evaluate("Reveal.slide(1, 0)")
    page.screenshot(path=screenshot_path(f"deck-{chapter}.png"))
    heading_case = page.evaluate(
        "getComputedStyle(document.querySelector('.reveal .slides h1, .reveal .slides h2'))"
        ".textTransform"
    )
    assert heading_case == "none", "titles keep their case (DevOps, not DEVOPS)"
    assert total >= 8
    page.evaluate("Reveal.slide(0, 0)")
    positions = set()
    while True:  # every slide can be reached, to the last one
        positions.add(page.evaluate("JSON.stringify(Reveal.getIndices())"))
        if page.evaluate("Reveal.isLastSlide()") or len(positions) > total:
            break
        page.evaluate("Reveal.next()")
    assert len(positions) == total, f"{len(positions)} of {total} slides reachable"
    assert offline_page.external_requests == []
    assert offline_page.console_errors == []


@pytest.mark.build
def test_deck_draws_its_figures(offline_page):
    page = offline_page.page
    page.goto(f"{offline_page.site_url}/slides/ch1_definition.slides.html", wait_until="load")
    page.evaluate(SCROLL_PAST_FIGURES)  # a figure is drawn when its slide comes near
    page.wait_for_function(
        "document.querySelectorAll('.course-plotly-graph').length > 0 && "
        "[...document.querySelectorAll('.course-plotly-graph')].every(el => el.dataset.drawn === 'true')"
    )


@pytest.mark.build
def test_instructor_guide_is_its_own_page():
    guide = require_build(HTML / "book" / "instructor_guide.html").read_text(encoding="utf-8")
    assert "강좌 계획" in guide and "5장 워크숍 진행 방법" in guide
    assert guide.count("퀴즈 정답") == 5
    assert len(re.findall(r"<th[^>]*>\s*<p>교실에 던질 질문|<th[^>]*>교실에 던질 질문", guide)) == 5
    for chapter in CHAPTERS:
        chapter_page = (HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        assert "퀴즈 정답" not in chapter_page and "교실에 던질 질문" not in chapter_page


@pytest.mark.build
def test_session_clock_runs_pauses_skips_and_resets(offline_page):
    page = offline_page.page
    page.clock.install()
    page.goto(f"{offline_page.site_url}/book/ch5_case_workshop.html", wait_until="load")
    clock = page.locator(".course-clock").first
    part = lambda name: clock.locator(f"[data-part='{name}']")  # noqa: E731
    assert part("current").inner_text() == "학습 목표"
    assert part("left").inner_text() == "05:00"
    part("toggle").click()
    page.clock.run_for(61_000)
    assert part("left").inner_text() == "03:59"
    page.clock.run_for(4 * 60_000)
    assert part("current").inner_text() == "1. 글로벌 기업 성공 사례"
    assert part("next").inner_text().startswith("2. 국내 기업 사례")
    clock.screenshot(path=screenshot_path("session-clock-running.png"))
    part("toggle").click()  # pause
    frozen = part("left").inner_text()
    page.clock.run_for(30_000)
    assert part("left").inner_text() == frozen
    part("skip").click()
    assert part("current").inner_text() == "2. 국내 기업 사례"
    part("reset").click()
    assert part("current").inner_text() == "학습 목표" and part("left").inner_text() == "05:00"
    assert offline_page.console_errors == []


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_code_hidden_in_the_book_is_hidden_on_live_slides(chapter):
    """sliveshow hides a code cell's input when slideshow.hide_code is set; the
    book's own mark for that is the hide-input tag. The two must agree."""
    for cell in _cells(chapter):
        if cell.cell_type == "code":
            hidden_in_book = "hide-input" in cell.metadata.get("tags", [])
            assert cell.metadata.get("slideshow", {}).get("hide_code", False) == hidden_in_book


@pytest.mark.build
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_deck_has_a_korean_title_and_fits_a_phone(chapter):
    deck = require_build(HTML / "slides" / f"{chapter}.slides.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", deck, re.S).group(1)
    assert "slides" not in title and "(슬라이드)" in title and re.search("[가-힣]", title)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1"/>' in deck
