"""The built book: HTML and PDF exist and hold the chapters' Korean text."""

import json
import re
import subprocess

import pytest
from conftest import CHAPTERS, HTML, PDF, ROOT, require_build

pytestmark = pytest.mark.build

CHAPTER_HEADINGS = {
    "ch1_definition": [
        "DevOps의 정의, 탄생 배경, 필요성",
        "탄생 배경",
        "DevOps의 필요성",
        "시뮬레이션: SDLC 역할 인계",
        "요약",
        "자가 점검",
    ],
    "ch2_practices": [
        "DevOps란 무엇인가: 이점과 모범 사례",
        "DevOps의 이점",
        "신속한 제공",
        "지속적 통합",
        "코드형 인프라",
        "모니터링 및 로깅",
        "참고 자료",
    ],
    "ch3_systems_thinking": [
        "DevOps 개념과 실천: 시스템 사고와 피드백 루프",
        "시스템 사고로 바라본 DevOps",
        "피드백 루프의 최적화와 학습 사이클",
        "다차원적 DevOps 구현 모델",
        "DevOps 여정의 시작과 지속",
    ],
    "ch4_real_stories": ["DevOps 실제 사례", "Amazon", "Netflix", "Etsy", "자료", "요약"],
    "ch5_case_workshop": [
        "DevOps 성공 사례 분석 (원문: Session 7)",
        "1. 글로벌 기업 성공 사례 (25분)",
        "2. 국내 기업 사례 (10분)",
        "3. 실패 사례와 교훈 (8분)",
        "실습: 사례 분석 (7분)",
        "그룹 토론 (5분)",
        "발표 및 피드백 (2분)",
    ],
}


@pytest.fixture(scope="module")
def pdf_text():
    require_build(PDF)
    result = subprocess.run(
        ["pdftotext", "-layout", str(PDF), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_html_chapter_has_its_headings(chapter):
    page = require_build(HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    for heading in CHAPTER_HEADINGS[chapter]:
        assert heading in page, heading
    assert '<html lang="ko"' in page


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_pdf_has_chapter_headings(pdf_text, chapter):
    # pdftotext puts a space where the font switches between Latin and Hangul
    # ("DevOps 의"), so compare without any whitespace.
    flat = re.sub(r"\s+", "", pdf_text)
    for heading in CHAPTER_HEADINGS[chapter]:
        assert re.sub(r"\s+", "", heading) in flat, heading


def test_pdf_fonts_are_embedded_and_korean():
    fonts = subprocess.run(
        ["pdffonts", str(require_build(PDF))], capture_output=True, text=True, check=True
    ).stdout
    assert "Nanum" in fonts
    for line in fonts.splitlines()[2:]:
        assert " yes " in line, f"font not embedded: {line}"


def test_pdf_has_no_missing_korean_glyphs():
    log = require_build(PDF.with_suffix(".log")).read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_pdf_has_no_raw_reprs(pdf_text):
    for raw in ("VBox(", "Figure({", "<IPython", "application/vnd", "[인터랙티브]"):
        assert raw not in pdf_text, raw


def test_pdf_prints_no_raw_markdown(pdf_text):
    # Tables of Markdown outputs (session plans, course plan) and bold text that
    # CommonMark did not close (**제약(constraint)**입니다) would show their syntax.
    assert not re.search(r"\|\s*(?:-{3}|—)+\s*\|", pdf_text)
    assert "**" not in pdf_text


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_html_shows_no_raw_markdown(chapter):
    page = require_build(HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", page, flags=re.S)
    assert "**" not in text


def test_pdf_unnumbered_chapters_have_unnumbered_running_heads(pdf_text):
    flat = re.sub(r"\s+", "", pdf_text)
    for title in ("용어집", "참고자료", "강사용안내"):
        assert not re.search(rf"제\d+장{title}", flat), title


def test_pdf_figures_are_images():
    result = subprocess.run(
        ["pdfimages", "-list", str(require_build(PDF))], capture_output=True, text=True, check=True
    )
    images = [line for line in result.stdout.splitlines()[2:] if line.strip()]
    figure_count = sum(
        json.dumps(nb).count('"application/vnd.plotly.v1+json"')
        for nb in (json.loads((ROOT / "book" / f"{c}.ipynb").read_text()) for c in CHAPTERS)
    )
    assert figure_count >= 2
    assert len(images) >= figure_count


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_pages_carry_no_widget_state_and_no_inline_plotly_js(chapter):
    page = (HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    assert "widget-state+json" not in page
    assert "plotly.js v" not in page, "plotly.js must come from _static, not inline"
    assert "cdn.plot.ly" not in page and "require.min.js" not in page


def _pdf_page_text(number: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(PDF), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _page_count() -> int:
    info = subprocess.run(
        ["pdfinfo", str(require_build(PDF))], capture_output=True, text=True, check=True
    )
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


def test_pdf_is_a_book_with_title_contents_and_page_numbers():
    pages = _page_count()
    assert pages > 40
    assert "DevOps 입문" in _pdf_page_text(1)
    contents = _pdf_page_text(3)
    assert "차례" in contents and "DevOps의정의" in re.sub(r"\s+", "", contents)
    numbered = 0
    for number in range(8, min(pages, 20)):
        lines = [line.strip() for line in _pdf_page_text(number).splitlines() if line.strip()]
        if lines and re.search(r"(^\d+\s)|(\s\d+$)|^\d+$", lines[-1]):
            numbered += 1
    assert numbered >= 8, "body pages carry page numbers in the footer"


def test_pdf_chapters_are_numbered_as_in_the_html(pdf_text):
    flat = re.sub(r"\s+", "", pdf_text)
    for number, chapter in enumerate(CHAPTERS, start=1):
        title = CHAPTER_HEADINGS[chapter][0]
        assert f"제{number}장" in flat
        html_page = (HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        assert re.search(rf'<span class="section-number">{number}\. </span>', html_page)
        assert re.sub(r"\s+", "", title) in flat


def test_pdf_hides_widget_and_setup_code(pdf_text):
    for code in (".interactive()", "google.colab", "notebook.setup()", 'Quiz("ch'):
        assert code not in pdf_text, code
    # code that teaches is kept
    assert "handoff.compare(handoff_delay=delay)" in pdf_text
    assert "iac.apply(desired, actual)" in pdf_text


def test_pdf_contains_the_netflix_svg_as_a_figure():
    tex = require_build(PDF.with_name("book.tex")).read_text(encoding="utf-8")
    assert "netflix-architecture" in tex
    converted = list(PDF.parent.glob("netflix-architecture*.pdf"))
    assert converted, "the SVG is converted to PDF for LaTeX"


def test_pdf_pages_render_with_figures(tmp_path):
    """Render the pages that hold figures and check they are not blank."""
    from PIL import Image

    pages = _page_count()
    captions = ("변경별작업·대기·인계타임라인", "NetflixDevOps아키텍처(원문의SVG그림)")
    figure_pages = [
        n
        for n in range(1, pages + 1)
        if any(c in re.sub(r"\s+", "", _pdf_page_text(n)) for c in captions)
    ]
    assert len(figure_pages) >= 2
    for number in [1] + figure_pages[:3]:
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "40",
                "-png",
                "-f",
                str(number),
                "-l",
                str(number),
                str(PDF),
                str(tmp_path / f"p{number}"),
            ],
            check=True,
        )
        image = Image.open(next(tmp_path.glob(f"p{number}*.png"))).convert("L")
        dark = sum(image.histogram()[:200]) / (image.width * image.height)
        assert dark > (0.005 if number == 1 else 0.04), f"page {number} looks blank ({dark:.3f})"


def test_pdf_sets_apostrophes_without_a_gap(pdf_text):
    """xetexko set ’ full width in the Hangul font: "Architect’ s"."""
    assert "Architect’s Perspective" in pdf_text
    assert not re.search(r"[A-Za-z]’ [a-z]\b", pdf_text)
