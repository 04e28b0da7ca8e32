"""The chapters in a real JupyterLab, as a learner and an instructor use them.

JupyterLab runs from the project's pinned environment (binder/requirements.txt,
with binder/overrides.json as its defaults) on 127.0.0.1, and Chromium may reach
nothing else. For every chapter the test

* reads the notebook as it opens, untrusted and not yet run: quizzes and session
  clocks are readable, and glossary terms lead to a definition in the notebook;
* runs every cell and finds no error output;
* changes a control of every interactive and sees its figure change;
* starts the live slideshow with the real Alt+R keystroke and, on a slide, changes
  a control and sees the figure change, with no raw MyST anywhere on the slides.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from conftest import CHAPTERS, ROOT, OfflinePage, screenshot_path

from devops_course.classroom.quiz import load as load_quiz

START_TIMEOUT = 90
RUN_ALL_TIMEOUT_MS = 180_000
FIGURE_TIMEOUT_MS = 15_000
# A markdown cell as rendered: by jupyterlab-myst, or by JupyterLab's own renderer
# (which would show MyST directives as raw text).
RENDERED = ".myst, .jp-RenderedMarkdown"

# A fingerprint of every plotly figure under an element: its data and layout as
# the page holds them (plotly's private "_" keys left out), hashed.
FIGURES_JS = """root => [...root.querySelectorAll('.js-plotly-plot')].map(plot => {
  const text = JSON.stringify([plot.data, plot.layout],
    (key, value) => key.startsWith('_') ? undefined : value);
  let hash = 0;
  for (let i = 0; i < text.length; i++) { hash = (hash * 31 + text.charCodeAt(i)) | 0; }
  return text.length + ':' + hash;
}).join('|')"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of book/, with fresh user settings and workspaces."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "book", home / "book")
    port = _free_port()
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        HOME=str(home),
    )
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
        "--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=",
        f"--ServerApp.root_dir={home / 'book'}", "--allow-root",
    ]  # fmt: skip
    log = open(home / "server.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(
                    f"JupyterLab did not start: {(home / 'server.log').read_text()[-2000:]}"
                )
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=30)
    log.close()


class LabPage(OfflinePage):
    """A Chromium page on the lab that may reach only the lab's own server."""

    def open(self, chapter: str):
        page = self.page
        page.goto(f"{self.site_url}/lab/workspaces/{chapter}/tree/{chapter}.ipynb?reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=60_000)
        page.wait_for_function(
            "[...document.querySelectorAll('.jp-MarkdownCell')].length > 0 && "
            f"[...document.querySelectorAll('.jp-MarkdownCell')].every(c => c.querySelector('{RENDERED}'))",
            timeout=60_000,
        )
        page.wait_for_selector('.jp-StatusBar-TextItem:has-text("| Idle")', timeout=60_000)
        return page

    def run_all(self) -> None:
        page = self.page
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        page.wait_for_function(
            "[...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
            ".every(p => /\\[\\d+\\]/.test(p.textContent))",
            timeout=RUN_ALL_TIMEOUT_MS,
        )


@pytest.fixture()
def lab_page(browser, lab):
    page = LabPage(browser, lab, width=1400)
    yield page
    page.close()


def _interactive_count(chapter: str) -> int:
    notebook = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    return sum(
        cell.cell_type == "code" and cell.source.strip().endswith(".interactive()")
        for cell in notebook.cells
    )


def _term_count(chapter: str) -> int:
    notebook = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    return sum(c.source.count("{term}`") for c in notebook.cells if c.cell_type == "markdown")


def _quiz_questions(chapter: str) -> int:
    return len(load_quiz(chapter[:3]))


def _change(control):
    """Give one control a new valid-looking value; return how to put the old one
    back, or None when the control is neither a dropdown nor a number box."""
    select = control.locator("select")
    number = control.locator("input[type=number]")
    if select.count():
        count, original = select.evaluate("s => [s.options.length, s.selectedIndex]")
        select.select_option(index=(original + 1) % count)
        return lambda: select.select_option(index=original)
    if number.count():
        original = number.input_value()
        number.fill(f"{float(original) * 2 if float(original or 0) else 1:g}")
        number.press("Enter")
        return lambda: (number.fill(original), number.press("Enter"))
    return None


def _change_a_control(page, widget) -> str:
    """Change the controls of one live widget in turn until its figure is redrawn;
    return the label of the control that did it."""
    controls = widget.locator(".widget-gridbox > .widget-inline-hbox")
    tried = []
    for index in range(controls.count()):
        control = controls.nth(index)
        # JupyterLab skips rendering cells far from the viewport: bring this one in.
        control.evaluate("c => c.scrollIntoView({block: 'center'})")
        control.wait_for(state="visible")
        label = control.evaluate("c => c.textContent")
        before = widget.evaluate(FIGURES_JS)
        undo = _change(control)
        if undo is None:
            continue
        try:
            page.wait_for_function(
                f"([root, before]) => ({FIGURES_JS})(root) !== before",
                arg=[widget.element_handle(), before],
                timeout=FIGURE_TIMEOUT_MS,
            )
        except Exception:
            alert = widget.locator("[role=alert]")
            assert alert.count(), f"{label}: figure did not change"
            # Out of range: the Korean message shows. Put the value back, try another.
            tried.append(f"{label}: {alert.inner_text()}")
            undo()
            alert.wait_for(state="detached", timeout=FIGURE_TIMEOUT_MS)
            continue
        assert widget.locator("[role=alert]").count() == 0
        return label
    raise AssertionError(f"no control changed the figure: {tried}")


def _answer_boxes(chapter: str) -> list[str]:
    """The exercises of a chapter with an answer box, in the notebook's order."""
    notebook = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4)
    sources = [c.source for c in notebook.cells if c.cell_type == "code"]
    return [m[1] for s in sources for m in re.finditer(r'answer_box\("([\w-]+)"\)', s)]


def _check_an_answer(page, chapter) -> None:
    """Under the first exercise with an answer box: a wrong answer, then the right one."""
    from devops_course.classroom.checks import CHECKS

    labels = _answer_boxes(chapter)
    boxes = page.locator(".jp-OutputArea-output .widget-vbox:has(button:text-is('답 확인'))")
    assert boxes.count() == len(labels) > 0
    box, check = boxes.first, CHECKS[labels[0]]
    box.evaluate("b => b.scrollIntoView({block: 'center'})")
    verdict = box.locator(".widget-html")
    if check.choices:
        box.locator("select").select_option(
            index=1 + (int(check.answer()) + 1) % len(check.choices)
        )
        box.get_by_role("button", name="답 확인").click()
        page.wait_for_function(
            "v => v.textContent.includes('아직 아닙니다')", arg=verdict.element_handle()
        )
        box.locator("select").select_option(index=1 + int(check.answer()))
    else:
        field = box.locator("input")
        field.fill("abc")
        field.press("Enter")
        page.wait_for_function(
            "v => v.textContent.includes('숫자로')", arg=verdict.element_handle()
        )
        field.fill(f"{check.answer():g}{check.unit}")
        field.press("Enter")
    page.wait_for_function(
        "v => v.textContent.includes('맞았습니다')", arg=verdict.element_handle()
    )


def _next_slide(page) -> None:
    """Press Space and wait until reveal.js shows the next slide or fragment."""
    where = (
        "() => [...document.querySelectorAll('.reveal section.present, .reveal .current-fragment')]"
    )
    page.evaluate(f"({where})().forEach(e => e.dataset.seen = '1')")
    page.keyboard.press("Space")
    page.wait_for_function(f"({where})().some(e => !e.dataset.seen)", timeout=5_000)


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_in_jupyterlab(lab_page, chapter):
    page = lab_page.open(chapter)

    # Opened, not run, not trusted: what the learner reads first.
    markdown = page.eval_on_selector_all(
        f".jp-MarkdownCell :is({RENDERED})", "cells => cells.map(e => e.textContent).join('\\n')"
    )
    assert "{term}" not in markdown and ":::" not in markdown and "{ref}" not in markdown
    # Every term links to its definition in the notebook's own glossary cell
    # (resolved by jupyterlab-myst once the whole notebook is rendered).
    page.wait_for_function(
        """n => {
          const links = [...document.querySelectorAll(".jp-MarkdownCell a[href^='#term-']")];
          return links.length >= n && links.every(a =>
            document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))));
        }""",
        arg=_term_count(chapter),
        timeout=30_000,
    )
    quiz = page.locator(".course-quiz-static")
    assert quiz.count() == 1 and quiz.is_visible()
    assert quiz.locator("li").count() == _quiz_questions(chapter)
    choice = quiz.locator("details:has(summary:text-matches('^가\\.'))").first
    choice.locator("summary").click()
    assert choice.locator("p").inner_text().startswith(("✔", "✘"))
    if chapter == "ch5_case_workshop":
        clock = page.locator(".course-clock").first.text_content()
        assert "05:00" in clock and "다음: 1. 글로벌 기업 성공 사례 (25분)" in clock, clock
    page.screenshot(path=screenshot_path(f"lab-{chapter}-unrun.png"))

    # Run All: no errors, every interactive live.
    lab_page.run_all()
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    widgets = page.locator(".jp-OutputArea-output .widget-vbox:has(> .widget-gridbox)")
    assert widgets.count() == _interactive_count(chapter)
    changed = [_change_a_control(page, widgets.nth(i)) for i in range(widgets.count())]
    assert len(changed) == widgets.count()
    _check_an_answer(page, chapter)
    page.wait_for_selector(".MultipleChoiceQn, .ManyChoiceQn, .NumericQn")
    assert not page.locator(".course-quiz-static").is_visible()

    # Live slides, started with the keystroke the instructor guide names.
    page.locator(".jp-Notebook .jp-Cell").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    page.keyboard.press("Alt+r")
    page.wait_for_selector(".reveal.ready", timeout=30_000)
    deck = page.locator(".reveal")
    slide_text = deck.evaluate(
        f"d => [...d.querySelectorAll(':is({RENDERED})')].map(e => e.textContent).join('\\n')"
    )
    assert len(slide_text) > 1000
    assert "{term}" not in slide_text and ":::" not in slide_text
    live = page.locator(".reveal section.present:not(.stack) .widget-vbox:has(> .widget-gridbox)")
    for _ in range(60):
        if live.count() and live.first.is_visible():
            break
        _next_slide(page)
    assert live.count() and live.first.is_visible(), "no slide with a live widget"
    _change_a_control(page, live.first)
    page.screenshot(path=screenshot_path(f"lab-slide-{chapter}.png"))
    assert lab_page.external_requests == []
