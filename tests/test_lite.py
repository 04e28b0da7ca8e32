"""The in-browser lab (JupyterLite + Pyodide under _build/html/lite): built from
pinned, local parts only, and every chapter runs in it offline."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import CHAPTERS, CHROMIUM, CHROMIUM_ARGS, HTML, ROOT, require_build
from lite_session import run_chapter
from local_site import serve

LITE = HTML / "lite"
PYODIDE_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            found[name.lower().replace("_", "-")] = version
    return found


def stated() -> dict:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["course_lite"]


# ---------------------------------------------------------------- pins (no build)


@pytest.mark.build
def test_lite_pins_are_the_versions_pyodide_locks():
    lock = json.loads(require_build(PYODIDE_LOCK).read_text())["packages"]
    lite = pins(ROOT / "lite" / "requirements.txt")
    locked = {name: lite[name] for name in lite if name in lock}
    assert {"micropip", "ipython", "jedi", "traitlets"} <= set(locked)
    assert {name: lock[name]["version"] for name in locked} == locked


def test_lite_runs_the_binder_pins_of_what_the_chapters_import():
    binder, lite = (
        pins(ROOT / "binder" / "requirements.txt"),
        pins(ROOT / "lite" / "requirements.txt"),
    )
    for name in ("ipywidgets", "simpy", "jupyterquiz"):
        assert lite[name] == binder[name], name
    assert "numpy" not in binder and "numpy" not in lite


def test_the_package_needs_no_compiled_dependency():
    project = (ROOT / "pyproject.toml").read_text()
    dependencies = re.search(r"dependencies = \[(.*?)\]", project, re.S).group(1)
    assert "numpy" not in dependencies and "plotly" not in dependencies
    sources = "".join(p.read_text() for p in (ROOT / "src" / "devops_course").rglob("*.py"))
    assert "import numpy" not in sources


def test_chapters_install_the_course_in_the_browser_lab():
    for chapter in CHAPTERS:
        notebook = json.loads((ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
        first = "".join(next(c for c in notebook["cells"] if c["cell_type"] == "code")["source"])
        assert 'elif sys.platform == "emscripten":' in first
        assert "%pip install --quiet --no-deps devops-course ipywidgets comm simpy" in first
        # piplite rewrites every %pip line of a cell, taken branch or not
        assert first.count("%pip") == 1, chapter


# ---------------------------------------------------------------- the built lab


@pytest.mark.build
def test_the_lab_serves_its_own_pyodide_and_a_lock_that_matches_it():
    lock_path = require_build(LITE / "static" / "pyodide" / "pyodide-lock.json")
    lock = json.loads(lock_path.read_text())
    assert lock["packages"], "the lock lists the kernel's packages"
    for entry in lock["packages"].values():
        wheel = lock_path.parent / entry["file_name"]
        assert wheel.exists(), entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]
    for core in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (lock_path.parent / core).exists()


@pytest.mark.build
def test_the_lab_never_falls_back_to_a_public_index():
    config = json.loads(require_build(LITE / "jupyter-lite.json").read_text())[
        "jupyter-config-data"
    ]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"].startswith("./static/pyodide/")
    assert not re.search(r"https?://", json.dumps(kernel))
    assert (
        config["settingsOverrides"]["@jupyterlab/translation-extension:plugin"]["locale"] == "ko_KR"
    )
    assert (LITE / "api" / "translations" / "ko_KR.json").exists()


@pytest.mark.build
def test_the_lab_holds_every_chapter_without_outputs():
    for chapter in CHAPTERS:
        notebook = json.loads(require_build(LITE / "files" / f"{chapter}.ipynb").read_text())
        assert all(c.get("outputs", []) == [] for c in notebook["cells"])
    wheels = {p.name.split("-")[0] for p in (LITE / "pypi").glob("*.whl")}
    assert {"devops_course", "ipywidgets", "comm", "simpy", "jupyterquiz"} <= wheels


def test_the_lab_titles_notes_exercises_and_solutions_in_korean():
    """jupyterlab-myst would title them "Note", "Exercise 4" and "Solution to
    Exercise 4"; the lab's copy gives them the book's Korean titles."""
    from lab_notebook import lab_notebook, markdown_cells

    english = re.compile(r"^(:{3,}|`{3,})\{(note|exercise|solution)\}", re.M)
    for chapter in CHAPTERS:
        path = ROOT / "book" / f"{chapter}.ipynb"
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join(markdown_cells(cells))
        exercises = len(re.findall(r"\{exercise\}", markdown))
        lab = "\n".join(
            c["source"]
            for c in lab_notebook(path, ("glossary.md",))["cells"]
            if c["cell_type"] == "markdown"
        )
        assert english.search(markdown) and not english.search(lab), chapter
        number = chapter[2]
        for n in range(1, exercises + 1):
            assert f"{{admonition}} 연습 {number}.{n}\n:class: tip" in lab, (chapter, n)
            assert f"{{admonition}} 해답 연습 {number}.{n}\n:class: dropdown" in lab
        assert lab.count("{admonition} 참고\n:class: note") == len(
            re.findall(r"\{note\}", markdown)
        )


@pytest.mark.build
def test_the_lab_titles_exercises_as_the_book_does():
    from lab_notebook import lab_notebook

    for chapter in CHAPTERS:
        page = require_build(HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        titles = re.findall(r'admonition-title">(.*?)</p>', page)
        in_book = [" ".join(re.sub(r"<[^>]+>", "", t).split()) for t in titles if "연습" in t]
        lab = json.dumps(lab_notebook(ROOT / "book" / f"{chapter}.ipynb", ()), ensure_ascii=False)
        in_lab = re.findall(r"\{admonition\} ((?:해답 )?연습 [\d.]+)", lab)
        assert in_book and in_lab == in_book, chapter


@pytest.mark.build
def test_every_link_in_the_lab_opens_something_the_lab_serves():
    """Links between pages (not to the web) name a file in the lab's contents, and the
    set-up cell is folded so that a chapter opens on its prose."""
    served = {p.name for p in require_build(LITE / "files").iterdir()}
    assert {"glossary.md", "references.md"} <= served
    for chapter in CHAPTERS:
        cells = json.loads((LITE / "files" / f"{chapter}.ipynb").read_text())["cells"]
        for cell in cells:
            cell["source"] = "".join(cell["source"])
        markdown = "\n".join(c["source"] for c in cells if c["cell_type"] == "markdown")
        targets = re.findall(r"\]\((?!https?:|#|mailto:)([^)#\s]+)", markdown)
        assert targets and set(targets) <= served, (chapter, set(targets) - served)
        setup = next(c for c in cells if c["cell_type"] == "code")
        assert setup["source"].startswith("# 실행 환경 준비")
        assert setup["metadata"]["jupyter"]["source_hidden"] is True
    glossary = (LITE / "files" / "glossary.md").read_text(encoding="utf-8")
    assert ":::{glossary}" in glossary and "```{glossary}" not in glossary
    assert "Lead Time\n: **리드 타임.**" in glossary


@pytest.mark.build
def test_every_chapter_page_has_the_button_and_its_note():
    for chapter in CHAPTERS:
        page = require_build(HTML / "book" / f"{chapter}.html").read_text(encoding="utf-8")
        target = f"../lite/lab/index.html?path={chapter}.ipynb"
        assert f'href="{target}"' in page, chapter
        assert "▶ 브라우저에서 실행" in page and "btn-course-lite" in page
        assert f"약 {stated()['first_load_mb']}\u00a0MB" in page
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert f"처음 한 번은 약 {stated()['first_load_mb']} MB" in intro


@pytest.mark.build
def test_the_pdf_has_no_lab_button():
    tex = require_build(ROOT / "_build" / "latex" / "book.tex").read_text(encoding="utf-8")
    assert "이 장의 코드와 위젯을 이 브라우저에서 실행합니다" not in tex
    assert "course-lite" not in tex


def test_every_exercise_says_how_to_do_it_in_the_web_book():
    """Each exercise says how to do it on the page; one that needs a value no explorer
    offers is done with 직접 계산해 보기 and names only controls its form has."""
    labels, live = set(), 0
    from devops_course.interactives import NAMES, load

    for name in NAMES:
        spec = load(name).SPEC
        labels |= {spec[key].label for key in spec}
    for chapter in CHAPTERS:
        notebook = json.loads((ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            text = "".join(cell["source"])
            if "{exercise}" not in text:
                continue
            exercise = text.split("::::{solution}")[0]
            assert "**웹 책에서:**" in exercise, exercise[:80]
            how = exercise.split("**웹 책에서:**")[1]
            assert "브라우저에서 실행" not in how, "done on the page, not sent to the lab"
            if "직접 계산해 보기" in how:
                live += 1
                named = re.findall(r"\*\*([^*]+)\*\*", how.split("나타나는")[1])
                assert set(named) <= labels, named
    assert live >= 9, "the exercises the explorers cannot do use the live model"


# ---------------------------------------------------------------- Pyodide itself


def canonical(value):
    """Floats to 10 significant digits: Pyodide's libm and glibc may differ in the
    last bit of log10 or sin (the random draws themselves are bit-identical)."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


@pytest.mark.build
def test_pyodide_draws_what_cpython_draws():
    """Every interactive's default figure is the same in Pyodide (node, offline) as
    in this CPython: same seed, same draws, same numbers."""
    pyodide = require_build(LITE / "static" / "pyodide")
    wheels = sorted((LITE / "pypi").glob("*.whl"))
    script = ROOT / "tests" / "pyodide_figures.mjs"
    result = subprocess.run(
        ["node", str(script), str(pyodide), *map(str, wheels)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    in_pyodide = json.loads(result.stdout.strip().splitlines()[-1])
    from devops_course.interactives import NAMES, load

    for name in NAMES:
        module = load(name)
        figure = module.figure(module.model(module.SPEC.defaults()))
        assert canonical(in_pyodide[name]) == canonical(json.loads(json.dumps(figure))), name


# ---------------------------------------------------------------- in the browser


@pytest.fixture(scope="module")
def lab_site():
    require_build(LITE / "lab" / "index.html")
    server, url = serve(str(HTML))
    yield server, url
    server.shutdown()


@pytest.mark.browser
def test_in_the_lab_terms_and_pages_open_and_titles_are_korean(lab_site, browser):
    """A learner in the lab hovers and clicks a term, then the glossary link: the term's
    definition comes into view, then the whole glossary opens rendered in a tab."""
    from local_site import keep_offline, still_context

    server, url = lab_site
    context = still_context(browser, viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    keep_offline(context, url, blocked)
    page = context.new_page()
    page.goto(f"{url}/lite/lab/index.html?path=ch1_definition.ipynb")
    cells = ".jp-Notebook .jp-MarkdownCell"
    page.wait_for_function(
        f"() => document.querySelectorAll('{cells} a[href=\"#term-lead-time\"]').length > 0"
        f" && !!document.getElementById('term-lead-time')",
        timeout=180_000,
        polling=200,
    )
    text = page.locator(".jp-Notebook").text_content()
    assert "연습 1.1" in text and "참고" in text
    assert not re.search(r"\b(Note|Exercise \d|Solution to)\b", text)
    page.locator(f'{cells} a[href="#term-lead-time"]').first.click()
    page.wait_for_function(
        """() => { const r = document.getElementById('term-lead-time').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= innerHeight; }""",
        timeout=10_000,
    )
    page.locator(f"{cells} a", has_text="용어집").last.click()
    tab = page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text="glossary.md")
    tab.wait_for(timeout=30_000)
    page.get_by_text("일이 시작되거나 변경이 커밋된 때부터").last.wait_for(timeout=60_000)
    assert blocked == []
    context.close()


@pytest.mark.browser
def test_a_learner_who_reopens_the_lab_loads_it_from_the_cache_until_it_is_rebuilt(
    tmp_path, browser
):
    """With a browser profile (its disk cache), as a learner has: the first visit
    (open chapter 1, run every cell) loads what the banner states, within 10 %; a
    second loads almost nothing; after a rebuild (a changed jupyter-lite.json, dated
    1985 like every build's) the learner gets the new one. Playwright's request
    routing turns the HTTP cache off, so this test cuts the network with a host rule."""
    from lite_session import ALL_RUN, KERNEL_IDLE

    site = tmp_path / "site"
    shutil.copytree(require_build(LITE), site / "lite", symlinks=True)
    server, url = serve(str(site))
    app_name = (
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).appName"
    )
    visits = []
    try:
        offline = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
        context = browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, offline]
        )
        try:
            page = context.new_page()
            for visit in ("first", "again", "rebuilt"):
                server.bytes_sent = server.gzip_bytes_sent = 0
                page.goto(f"{url}/lite/lab/index.html?path=ch1_definition.ipynb")
                page.wait_for_function(KERNEL_IDLE, timeout=180_000, polling=200)
                if visit == "first":
                    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
                    page.wait_for_function(ALL_RUN, timeout=600_000, polling=100)
                sent = (server.bytes_sent / 1e6, server.gzip_bytes_sent / 1e6)
                visits.append((*sent, page.evaluate(app_name)))
                page.goto("about:blank")
                if visit == "again":
                    config = site / "lite" / "jupyter-lite.json"
                    dated = config.stat().st_mtime
                    data = json.loads(config.read_text())
                    data["jupyter-config-data"]["appName"] = "다시 만든 실습실"
                    config.write_text(json.dumps(data, ensure_ascii=False))
                    os.utime(config, (dated, dated))
        finally:
            context.close()
    finally:
        server.shutdown()
    (first, first_gzip, name), (again, _, same), (*_, renamed) = visits
    claimed = stated()
    assert first_gzip == pytest.approx(claimed["first_load_mb"], rel=0.10), visits
    assert first == pytest.approx(claimed["uncompressed_mb"], rel=0.10), visits
    assert again < first / 100, visits
    assert name == same == "DevOps 입문 강좌 실습실" and renamed == "다시 만든 실습실"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_runs_in_the_browser_lab_offline(lab_site, browser, chapter):
    server, url = lab_site
    run = run_chapter(server, url, browser, chapter)
    assert run.errors == []
    assert run.external_requests == []
    assert run.figures >= 1
    assert run.widget_changed_figure, "changing a live control redraws its figure"
