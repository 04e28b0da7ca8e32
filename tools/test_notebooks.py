"""`make test-notebooks`: strict nbval over every notebook in book/, on two workers.

This is the quick check after editing a notebook; `make test` runs the same
notebooks together with everything else. Two things make two workers pay off on
two cores:

- the notebooks are handed out longest first (by file size, which follows the
  work each one does), so the last one to finish is a short one;
- the hypothesis and anyio pytest plugins, which only the unit tests use, are left
  out: each worker would otherwise spend ~0.6 s importing them.

    python tools/test_notebooks.py            # two workers
    python tools/test_notebooks.py --serial   # one process, for comparison
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def notebooks_longest_first() -> list[str]:
    """The notebooks of book/, largest file first."""
    paths = sorted((ROOT / "book").glob("*.ipynb"), key=lambda p: (-p.stat().st_size, p.name))
    return [str(p.relative_to(ROOT)) for p in paths]


def pytest_command(serial: bool = False) -> list[str]:
    """The pytest command line for the notebook tests."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        *notebooks_longest_first(),
        "-q",
        "-o",
        "addopts=",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:hypothesispytest",
        "-p",
        "no:anyio",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        "tests/nbval_sanitize.cfg",
    ]
    if not serial:
        # Keep the order above: xdist would otherwise sort by number of cells.
        command += ["-n", "2", "--dist", "loadfile", "--no-loadscope-reorder"]
    return command


def main() -> int:
    return subprocess.run(pytest_command(serial="--serial" in sys.argv[1:]), cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
