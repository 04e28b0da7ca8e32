"""The HTML build needs no network: it runs in a network namespace with no
interfaces but loopback (``unshare -n``), or, where that is not allowed, with
every proxy variable pointing at a closed local port."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from tracked_files import copy_tracked_files  # noqa: E402


def _copy_repository(target: Path) -> None:
    copy_tracked_files(ROOT, target)
    cache = ROOT / "_build" / ".jupyter_cache"
    if cache.is_dir():  # reuse executed notebooks; executing them offline works too, just slower
        shutil.copytree(cache, target / "_build" / ".jupyter_cache")


def _isolated() -> list[str]:
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"]).returncode == 0:
        # loopback up, so a kernel could still start if a notebook had to run
        return ["unshare", "-n", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "sh"]
    return []


def test_html_build_needs_no_network(tmp_path):
    repo = tmp_path / "repo"
    _copy_repository(repo)
    env = dict(os.environ)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = "http://127.0.0.1:9"  # nothing listens there
    env.pop("no_proxy", None)
    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    command = _isolated() + [jupyter_book, "build", str(repo), "-n", "-W", "--keep-going"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, (result.stdout[-2000:], result.stderr[-2000:])
    assert (repo / "_build" / "html" / "book" / "ch1_definition.html").exists()
