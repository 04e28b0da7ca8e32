"""Point the book at another repository (a fork): `python tools/set_repository.py URL [BRANCH]`.

The repository address lives in one place, `repository.url` (and `.branch`) in
`_config.yml`; the launch buttons (Binder, Colab, JupyterHub) read it from there.
Only the first cell of each chapter notebook, which installs the course package
when the notebook runs in Colab, needs a copy of it; this script rewrites both and
`tests/test_learners.py` checks that they agree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+$")


def colab_lines(url: str, branch: str) -> tuple[str, str]:
    """The two install lines of a chapter's set-up cell for ``url``/``branch``.

    They use ``!pip``, not ``%pip``: the in-browser lab's kernel rewrites every
    ``%pip`` line of a cell before running it, even in the Colab branch it skips.
    """
    raw = url.replace("https://github.com/", "https://raw.githubusercontent.com/")
    return (
        f"    !pip install --quiet -r {raw}/{branch}/binder/requirements.txt",
        f'    !pip install --quiet --no-deps "devops-course @ git+{url}@{branch}"',
    )


def rewrite_notebook(path: Path, url: str, branch: str) -> bool:
    """Replace the install lines in the notebook's set-up cell; True if changed."""
    notebook = nbformat.read(path, as_version=4)
    requirements, package = colab_lines(url, branch)
    changed = False
    for cell in notebook.cells:
        if cell.cell_type != "code" or "google.colab" not in cell.source:
            continue
        lines = cell.source.split("\n")
        for i, line in enumerate(lines):
            if "binder/requirements.txt" in line and line != requirements:
                lines[i], changed = requirements, True
            elif "devops-course @ git+" in line and line != package:
                lines[i], changed = package, True
        cell.source = "\n".join(lines)
    if changed:
        nbformat.write(notebook, path)
    return changed


def main(arguments: list[str]) -> None:
    if not arguments or not GITHUB.match(arguments[0]):
        sys.exit("usage: python tools/set_repository.py https://github.com/OWNER/REPO [BRANCH]")
    url = arguments[0].rstrip("/")
    branch = arguments[1] if len(arguments) > 1 else "main"
    config_path = ROOT / "_config.yml"
    text = config_path.read_text(encoding="utf-8")
    text = re.sub(r"(\nrepository:\n  url: ).*", rf"\g<1>{url}", text)
    text = re.sub(r"(\nrepository:\n  url: .*\n  branch: ).*", rf"\g<1>{branch}", text)
    config_path.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["repository"] == {"url": url, "branch": branch}
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        if rewrite_notebook(path, url, branch):
            print(f"updated {path.relative_to(ROOT)}")
    print(f"repository: {url} ({branch}). Re-run `make notebooks` and `make book`.")


if __name__ == "__main__":
    main(sys.argv[1:])
