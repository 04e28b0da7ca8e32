"""Build, edit, build again in the same tree: the next `make book` carries the edit.

A contributor edits a quiz, a session plan or a model and runs the build again.
Every page that shows the edited thing must show the new version (HTML, PDF,
slides, the lab's copy of the package), only the notebooks that use it execute
again, and an edit to a module no notebook imports executes nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from tracked_files import copy_tracked_files

pytestmark = [pytest.mark.build, pytest.mark.slow]
EXECUTED = re.compile(r"book/(\w+)\.ipynb: Executing notebook")


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the repository, built once, that the tests edit in turn."""
    repo = tmp_path_factory.mktemp("incremental") / "repo"
    copy_tracked_files(ROOT, repo)
    shutil.copytree(ROOT / "node_modules", repo / "node_modules", symlinks=True)
    if (ROOT / "_build" / ".jupyter_cache").is_dir():  # start from executed notebooks
        shutil.copytree(ROOT / "_build" / ".jupyter_cache", repo / "_build" / ".jupyter_cache")
    build(repo)
    return repo


def build(repo: Path) -> set[str]:
    """Run `make book`'s build script in ``repo``; the notebooks it executed."""
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}  # the copy's package
    command = [sys.executable, str(repo / "tools" / "build_book.py")]
    result = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout[-3000:], result.stderr[-3000:])
    return set(EXECUTED.findall(result.stdout + result.stderr))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def html(repo: Path, page: str) -> str:
    return (repo / "_build" / "html" / page).read_text(encoding="utf-8")


def pdf_text(repo: Path) -> str:
    pdf = repo / "_build" / "latex" / "book.pdf"
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


def lab_package_file(repo: Path, member: str) -> str:
    (wheel,) = (repo / "_build" / "html" / "lite" / "pypi").glob("devops_course-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(f"devops_course/{member}").decode("utf-8")


def test_a_quiz_edit_reaches_every_medium(tree):
    quiz = tree / "src" / "devops_course" / "classroom" / "quizzes" / "ch1.json"
    questions = json.loads(quiz.read_text(encoding="utf-8"))
    questions[0]["question"] = "증분 빌드 확인용으로 고친 첫 질문입니까?"
    quiz.write_text(json.dumps(questions, ensure_ascii=False, indent=1), encoding="utf-8")
    executed = build(tree)
    assert "ch1_definition" in executed
    assert "증분 빌드 확인용으로 고친 첫 질문입니까?" in html(tree, "book/ch1_definition.html")
    assert "증분 빌드 확인용으로 고친 첫 질문입니까?" in html(
        tree, "slides/ch1_definition.slides.html"
    )
    assert "증분 빌드 확인용으로 고친 첫 질문" in pdf_text(tree).replace("\n", "")
    assert "증분 빌드 확인용으로 고친 첫 질문입니까?" in lab_package_file(
        tree, "classroom/quizzes/ch1.json"
    )


def test_a_session_plan_edit_reaches_the_chapter_and_the_guide(tree):
    plans = tree / "src" / "devops_course" / "classroom" / "data" / "session_plans.json"
    edit(plans, '"title": "학습 목표와 정의"', '"title": "고친 구간: 학습 목표"')
    executed = build(tree)
    assert "instructor_guide" in executed
    assert "고친 구간: 학습 목표" in html(tree, "book/instructor_guide.html")


def test_a_model_edit_executes_only_the_chapter_that_uses_it(tree):
    canary = tree / "src" / "devops_course" / "interactives" / "canary.py"
    edit(canary, 'title_text="오류율(%)"', 'title_text="오류율(%, 고친 축)"')
    executed = build(tree)
    assert executed == {"ch4_real_stories"}
    assert "오류율(%, 고친 축)" in html(tree, "book/ch4_real_stories.html")
    assert "오류율(%, 고친 축)" in html(tree, "slides/ch4_real_stories.slides.html")


def test_an_edit_no_notebook_depends_on_executes_nothing(tree):
    template = tree / "src" / "devops_course" / "interactives" / "template.py"
    edit(template, 'TITLE = "', "# A newcomer's note.\nTITLE = \"")
    assert build(tree) == set()
