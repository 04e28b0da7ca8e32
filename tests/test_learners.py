"""For learners: launch buttons, Binder and Colab set-up, downloads, exercises,
quizzes, the glossary and the references."""

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import notebook_glossary
import pytest
import yaml
from conftest import CHAPTERS, HTML, ROOT, require_build, screenshot_path
from set_repository import colab_lines

from devops_course.interactives import handoff

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO = CONFIG["repository"]["url"]
BRANCH = CONFIG["repository"]["branch"]
OWNER_REPO = urlparse(REPO).path.strip("/")


def page(chapter: str) -> str:
    return require_build(HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_launch_buttons_point_at_the_configured_repository(chapter):
    text = page(chapter)
    assert (
        f"https://mybinder.org/v2/gh/{OWNER_REPO}/{BRANCH}?urlpath=lab/tree/book/{chapter}.ipynb"
        in text
    )
    assert (
        f"https://colab.research.google.com/github/{OWNER_REPO}/blob/{BRANCH}/book/{chapter}.ipynb"
        in text
    )
    hub_links = re.findall(r'href="(#jupyterhub\?[^"]+)"', text)
    repo_name = OWNER_REPO.split("/")[1]
    assert [html.unescape(link) for link in hub_links] == [
        f"#jupyterhub?repo=https%3A//github.com/{OWNER_REPO}"
        f"&urlpath=lab/tree/{repo_name}/book/{chapter}.ipynb&branch={BRANCH}"
    ]


def test_jupyterhub_button_asks_for_the_hub_once(offline_page):
    page = offline_page.open("book/ch3_systems_thinking.html")
    page.evaluate(
        "() => { window.__opened = []; window.open = (url) => window.__opened.push(url); }"
    )
    dialogs = []

    def answer(dialog):
        dialogs.append((dialog.type, dialog.message, dialog.default_value))
        if dialog.type == "prompt":
            dialog.accept(answers.pop(0))
        else:
            dialog.accept()

    answers = ["https://hub.example.ac.kr/hub/", "hub.example.ac.kr"]
    page.on("dialog", answer)

    def launch():
        page.locator(".dropdown-launch-buttons .dropdown-toggle").click()
        page.locator("a.btn-course-jupyterhub").click()

    launch()
    page.wait_for_function("window.__opened.length === 1")
    assert "JupyterHub 주소를 입력하세요" in dialogs[0][1] and dialogs[0][2] == ""
    assert page.evaluate("window.__opened[0]") == (
        f"https://hub.example.ac.kr/hub/user-redirect/git-pull?repo=https%3A//github.com/"
        f"{OWNER_REPO}&urlpath=lab/tree/{OWNER_REPO.split('/')[1]}/book/"
        f"ch3_systems_thinking.ipynb&branch={BRANCH}"
    )
    launch()  # the address is remembered and offered again; a bad one is refused
    for _ in range(50):  # wait until the prompt and the alert have been answered
        if len(dialogs) == 3:
            break
        page.wait_for_timeout(100)
    assert dialogs[1][0] == "prompt" and dialogs[1][2] == "https://hub.example.ac.kr"
    assert dialogs[2][0] == "alert" and "https://" in dialogs[2][1] and "웹 주소" in dialogs[2][1]
    assert page.evaluate("window.__opened.length") == 1
    assert offline_page.external_requests == [] and offline_page.console_errors == []


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_colab_cell_installs_from_the_configured_repository(chapter):
    notebook = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    assert 'if "google.colab" in sys.modules:' in first_code.source
    for line in colab_lines(REPO, BRANCH):
        assert line in first_code.source
    assert "enable_custom_widget_manager" in first_code.source
    assert first_code.outputs == [], "outside Colab the set-up cell shows nothing"


def test_binder_files_pin_everything_the_notebooks_import():
    binder = ROOT / "binder"
    assert (binder / "runtime.txt").read_text().strip() == "python-3.11"
    pins = {}
    for line in (binder / "requirements.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower()] = version
    for needed in (
        "ipykernel",
        "ipywidgets",
        "plotly",
        "simpy",
        "jupyterquiz",
        "sliveshow",
        "jupyterlab-myst",
    ):
        assert needed in pins, needed
    assert "pip install --no-deps ." in (binder / "postBuild").read_text()
    assert "-r binder/requirements.txt" in (ROOT / "requirements.txt").read_text()


@pytest.mark.build
def test_pdf_download_is_linked_from_every_page():
    pdf = require_build(HTML / "book.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    for chapter in CHAPTERS:
        assert 'href="../book.pdf"' in page(chapter)
    intro = require_build(HTML / "book" / "intro.html").read_text(encoding="utf-8")
    assert 'href="../book.pdf"' in intro


@pytest.mark.build
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_and_source_downloads(chapter):
    text = page(chapter)
    assert f"_sources/book/{chapter}.ipynb" in text
    assert (HTML / "_sources" / "book" / f"{chapter}.ipynb").exists()


def _local_links(path: Path):
    text = re.sub(r"<script.*?</script>", "", path.read_text(encoding="utf-8"), flags=re.S)
    for href in re.findall(r'href="([^"#?]+)(?:[#?][^"]*)?"', text):
        href = html.unescape(href)
        if href.startswith(("http:", "https:", "mailto:", "javascript:", "data:")) or not href:
            continue
        yield href, (path.parent / unquote(href)).resolve()


@pytest.mark.build
def test_every_local_link_resolves():
    pages = list(require_build(HTML).glob("book/*.html")) + [
        HTML / "index.html",
        HTML / "search.html",
    ]
    pages += list((HTML / "slides").glob("*.html"))
    broken = [
        f"{p.relative_to(HTML)} -> {href}"
        for p in pages
        for href, target in _local_links(p)
        if not target.exists()
    ]
    assert broken == []


def test_glossary_terms_have_english_and_are_linked_from_chapters():
    entries = notebook_glossary.read_glossary()
    names = notebook_glossary.index(entries)
    sources = [
        cell.source
        for chapter in CHAPTERS
        for cell in nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4).cells
        if cell.cell_type == "markdown"
    ]
    linked = {entry.key for entry in notebook_glossary.used_entries(sources, names)}
    assert len(entries) >= 40
    for entry in entries:
        assert entry.key.isascii(), f"no English original: {entry.names}"
        assert entry.key in linked, f"no chapter links {entry.names[0]} to the glossary"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_glossary_cell_is_in_step_with_the_glossary(chapter):
    """JupyterLab resolves terms only inside the notebook: the chapter's own glossary
    cell must hold every term the chapter links, as book/glossary.md defines it."""
    notebook = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    names = notebook_glossary.index(notebook_glossary.read_glossary())
    assert notebook_glossary.synced(notebook, names) == notebook, (
        "run .venv/bin/python tools/notebook_glossary.py"
    )
    last = notebook.cells[-1]
    assert last.metadata["tags"] == ["remove-cell"]
    assert last.metadata["slideshow"]["slide_type"] == "skip"
    targets = re.findall(r"\{term\}`[^`<]*<([^`>]*)>`", "\n".join(c.source for c in notebook.cells))
    defined = re.findall(r"^(\S.*)\n: ", last.source, re.M)
    assert set(targets) <= set(defined)
    assert len(defined) == len(set(defined))


def test_a_term_missing_from_the_glossary_is_refused():
    names = notebook_glossary.index(notebook_glossary.read_glossary())
    assert notebook_glossary.rewrite_terms("{term}`인계`", names) == "{term}`인계 <Handoff>`"
    assert notebook_glossary.rewrite_terms("{term}`DevOps`", names) == "{term}`DevOps`"
    with pytest.raises(ValueError):
        notebook_glossary.rewrite_terms("{term}`없는 용어`", names)


@pytest.mark.build
def test_chapters_link_terms_to_the_glossary_page():
    for chapter in CHAPTERS:
        assert 'href="glossary.html#term-' in page(chapter)


@pytest.mark.build
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_has_exercises_with_hidden_solutions(chapter):
    text = page(chapter)
    exercises = re.findall(r'<div class="exercise admonition"', text)
    assert 3 <= len(exercises) <= 5
    solutions = re.findall(r'class="solution dropdown admonition', text)
    assert len(solutions) == len(exercises), "every solution hides in a dropdown"


def test_at_least_one_exercise_per_chapter_changes_a_parameter():
    for chapter in CHAPTERS:
        text = (ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8")
        exercises = re.findall(r"::::\{exercise\}(.*?)::::", text, re.S)
        assert any(re.search(r"바꾸|줄이|늘리|두 배|로 두", e) for e in exercises), chapter


@pytest.mark.build
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_shows_its_quiz(chapter):
    notebook = (ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8")
    assert re.search(rf'Quiz\(\\"ch{chapter[2]}\\"', notebook)
    assert f'id="quiz_ch{chapter[2]}_' in page(chapter)


@pytest.mark.build
def test_references_page_lists_every_seed_link():
    references = require_build(HTML / "book" / "references.html").read_text(encoding="utf-8")
    for seed in (ROOT / "seeds").glob("*.txt"):
        for url in re.findall(r"https?://[^\s)\]>\"]+", seed.read_text(encoding="utf-8")):
            if "www.w3.org" in url:
                continue  # the SVG namespace, not a resource
            assert html.escape(url) in references or url in references, url


def test_quiz_in_the_browser_offline(offline_page):
    page = offline_page.open("book/ch4_real_stories.html")
    quiz = page.locator("[id^=quiz_ch4]")
    quiz.scroll_into_view_if_needed()
    first = quiz.locator(".Quiz:has(.MultipleChoiceQn)").first
    wrong = first.locator("label.MCButton[data-correct='false']").first
    wrong.click()
    feedback = first.locator(".Feedback")
    assert "incorrect" in feedback.get_attribute("class")
    # said in words, not only in red
    assert feedback.inner_text().startswith("✘ 틀렸습니다.")
    assert "DevOps는 개발(Dev)과 운영(Ops)의 조합입니다" in feedback.inner_text()
    wrong.evaluate("el => Promise.all(el.getAnimations().map(a => a.finished))")
    first.screenshot(path=screenshot_path("quiz-ch4-wrong.png"))
    first.locator("label.MCButton[data-correct='true']").click()
    assert "correct" in feedback.get_attribute("class").split()
    assert feedback.inner_text().startswith("✔ 맞았습니다.")
    numeric = quiz.locator(".Quiz:has(.NumericQn)").first
    box = numeric.locator("input.Input-text")
    assert box.get_attribute("aria-label") == "숫자 답"
    assert "답을 숫자로 입력" in numeric.inner_text()
    box.fill("11.7")
    # The typed answer is readable: dark text on the white box (it was white on white).
    colour, background = box.evaluate(
        "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
    )
    assert colour == "rgb(26, 26, 26)" and background == "rgb(255, 255, 255)"
    # So is its prompt, which sits on the page, not on the dark question box.
    prompt = numeric.locator(".InpLabel").evaluate("l => getComputedStyle(l).color")
    assert prompt == "rgb(26, 26, 26)"
    box.press("Enter")
    assert "5장의 원문이 적은 값" in numeric.locator(".Feedback").inner_text()
    box.fill("11.6")
    box.press("Enter")
    assert "맞았습니다" in numeric.locator(".Feedback").inner_text()
    quiz.screenshot(path=screenshot_path("quiz-ch4-answered.png"))
    assert offline_page.external_requests == [] and offline_page.console_errors == []


def test_solution_opens_on_request(offline_page):
    page = offline_page.open("book/ch1_definition.html")
    solution = page.locator("div.solution.dropdown").first
    # the solution quotes the model's lead time at an 8-hour handoff delay
    eight = handoff.compare(handoff_delay=8)["silo"].mean_lead_time
    answer = solution.locator("p", has_text=f"약 {eight:.0f}시간")
    assert not answer.is_visible(), "solutions stay hidden until the reader asks"
    solution.locator(".admonition-title").click()
    answer.wait_for(state="visible")
    page.locator("#ch1-ex-delay").screenshot(path=screenshot_path("exercise-ch1.png"))
    solution.screenshot(path=screenshot_path("solution-ch1-open.png"))
