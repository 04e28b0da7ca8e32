"""Binder without Binder: a fresh environment from exactly the binder/ files, set up
the way repo2docker does it, runs every notebook of the book."""

import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

RUNNER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    for path in sorted(Path("book").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": "book"}}).execute()
        errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, (path, errors)
        print("ran", path.name)
    """
)


def _repository_copy(target):
    files = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.mark.slow
def test_every_notebook_runs_in_a_fresh_binder_environment(tmp_path):
    repo = tmp_path / "repo"
    _repository_copy(repo)
    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    # repo2docker: runtime.txt picks Python 3.11, then requirements.txt, then postBuild.
    assert (repo / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert sys.version_info[:2] == (3, 11)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
        cwd=repo,
        env=env,
        check=True,
    )
    subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=env, check=True)
    result = subprocess.run(
        [str(python), "-c", RUNNER], cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr[-3000:]
    ran = result.stdout.count("ran ")
    assert ran == len(list((ROOT / "book").glob("*.ipynb")))
