"""The whole build (HTML, slides, PDF) needs no network once `make` has installed
everything: it runs in a network namespace with no interfaces but loopback
(``unshare -n``), or, where that is not allowed, with every proxy variable
pointing at a closed local port."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from tracked_files import copy_tracked_files


def _copy_repository(target: Path) -> None:
    copy_tracked_files(ROOT, target)
    # What `make` installed beside the tracked files: the npm packages.
    shutil.copytree(ROOT / "node_modules", target / "node_modules", symlinks=True)
    build = ROOT / "_build"
    if (build / ".jupyter_cache").is_dir():
        # Reuse executed notebooks (executing them offline works too, just slower),
        # with the digests (inside the cache) of what their outputs came from.
        shutil.copytree(build / ".jupyter_cache", target / "_build" / ".jupyter_cache")


def _isolated() -> list[str]:
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"]).returncode == 0:
        # loopback up, so a kernel could still start if a notebook had to run
        return ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh"]
    return []


@pytest.mark.slow
def test_whole_build_needs_no_network_and_is_never_stale(tmp_path):
    """Offline, and after an edit to package data that no notebook cell shows (a
    quiz question), the rebuilt pages carry the edit: the execution cache knows
    everything an output depends on."""
    repo = tmp_path / "repo"
    _copy_repository(repo)
    quiz = repo / "src" / "devops_course" / "classroom" / "quizzes" / "ch1.json"
    questions = json.loads(quiz.read_text(encoding="utf-8"))
    questions[0]["question"] = "오프라인 빌드 확인용으로 고친 질문입니까?"
    quiz.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = "http://127.0.0.1:9"  # nothing listens there
    env.pop("no_proxy", None)
    env["PYTHONPATH"] = str(repo / "src")  # the copy's (edited) package, not the checkout's
    command = _isolated() + [sys.executable, str(repo / "tools" / "build_book.py")]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, (result.stdout[-2000:], result.stderr[-2000:])
    # the in-browser lab too: Pyodide and its wheels come from what `make` installed
    assert (repo / "_build" / "html" / "lite" / "static" / "pyodide" / "pyodide-lock.json").exists()
    built = repo / "_build"
    assert (built / "html" / "book" / "ch1_definition.html").exists()
    assert (built / "html" / "slides" / "reveal.js" / "dist" / "reveal.js").exists()
    assert (built / "html" / "slides" / "ch5_case_workshop.slides.html").exists()
    assert (built / "latex" / "book.pdf").read_bytes()[:5] == b"%PDF-"
    chapter = (built / "html" / "book" / "ch1_definition.html").read_text(encoding="utf-8")
    assert "오프라인 빌드 확인용으로 고친 질문입니까?" in chapter
