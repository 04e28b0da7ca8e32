"""Re-execute chapter notebooks in place, top to bottom, in a fresh kernel.

Usage: python tools/run_notebooks.py [NOTEBOOK ...]   (default: every book/*.ipynb)

Outputs are committed with the notebooks, so run this after editing one. Widget
state and timing metadata are not stored: they change on every run and the book
does not use them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path) -> float:
    """Execute one notebook in place and return the seconds it took."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    started = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - started
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return elapsed


def main(arguments: list[str]) -> None:
    paths = [Path(arg) for arg in arguments] or sorted((ROOT / "book").glob("*.ipynb"))
    for path in paths:
        seconds = run(path)
        size = path.stat().st_size / 1024
        print(
            f"{path.relative_to(ROOT) if path.is_absolute() else path}: {seconds:.1f} s, {size:.0f} KiB"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
