"""The in-browser lab (JupyterLite + Pyodide under _build/html/lite): built from
pinned, local parts only, and every chapter runs in it offline."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import CHAPTERS, HTML, ROOT, require_build
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
    labels, in_the_lab = set(), 0
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
            if "브라우저에서 실행" in how:
                in_the_lab += 1
                named = re.findall(r"\*\*([^*]+)\*\*", how.split("열고")[1])
                assert set(named) <= labels, named
    assert in_the_lab >= 7, "the exercises the explorers cannot do name the lab"


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
@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_runs_in_the_browser_lab_offline(lab_site, browser, chapter):
    server, url = lab_site
    run = run_chapter(server, url, browser, chapter)
    assert run.errors == []
    assert run.external_requests == []
    assert run.figures >= 1
    assert run.widget_changed_figure, "changing a live control redraws its figure"
    if chapter == "ch1_definition":
        claimed = stated()
        assert run.gzip_bytes_loaded / 1e6 == pytest.approx(claimed["first_load_mb"], rel=0.25)
        assert run.bytes_loaded / 1e6 == pytest.approx(claimed["uncompressed_mb"], rel=0.25)
