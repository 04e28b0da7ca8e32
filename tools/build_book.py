"""Build the HTML book and the PDF; `make book` runs this.

Both builds run `jupyter-book build` with `-n -W --keep-going`, so any warning
fails the build. Notebooks execute through the jupyter-cache in
`_build/.jupyter_cache`: an unchanged notebook is not executed again.

Nothing may be stale after an incremental build:

* a notebook whose imported course code, package data (quizzes, session plans) or
  pinned runtime changed is executed and read again (the Sphinx extension
  `devops_course.book.fresh_outputs`, page by page);
* a change to the Sphinx extension (`devops_course/book` and the course code it
  imports) changes how every page is written, so this script clears the saved
  Sphinx environment and the output (the execution cache stays);
* the slides are exported from the notebooks as this build executed them, and the
  lab is rebuilt when anything it serves changed.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
PACKAGE = ROOT / "src" / "devops_course"


def digest(paths) -> str:
    """A hash of the contents of ``paths`` (sorted, so it is stable)."""
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(str(path.relative_to(ROOT)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def invalidate(stamp_name: str, current: str, stale: list[Path]) -> None:
    """Remove ``stale`` paths when the digest stored under ``stamp_name`` changed."""
    stamp = BUILD / stamp_name
    if stamp.exists() and stamp.read_text() == current:
        return
    for path in stale:
        if path.exists():
            print(f"[build] {path.relative_to(ROOT)} is stale, removing it")
            shutil.rmtree(path)
    BUILD.mkdir(exist_ok=True)
    stamp.write_text(current)


def jupyter_book(*arguments: str) -> float:
    """Run one jupyter-book build; exit on failure; return the seconds it took."""
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        ".",
        "-n",
        "-W",
        "--keep-going",
        *arguments,
    ]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"[build] failed: {' '.join(command)}")
    return time.perf_counter() - started


def build_slides() -> list[Path]:
    """Export every chapter, as this build executed it, to a reveal.js deck in
    _build/html/slides."""
    from devops_course.book.plotly_bundle import bundle_name
    from devops_course.book.slides import build_decks

    executed = BUILD / "jupyter_execute" / "book"
    chapters = [executed / path.name for path in sorted((ROOT / "book").glob("ch*.ipynb"))]
    missing = [path for path in chapters if not path.exists()]
    if missing:
        sys.exit(f"[build] no executed notebook at {missing[0]}")
    node_modules = ROOT / "node_modules"
    return build_decks(
        chapters, BUILD / "html", node_modules, bundle_name(node_modules), ROOT / "book" / "images"
    )


def build_lite(runtime: list[Path]) -> float | None:
    """Build the in-browser lab unless nothing it serves has changed; its seconds."""
    import build_lite as lite

    inputs = [
        *runtime,
        *sorted((ROOT / "book").glob("ch*.ipynb")),
        *(ROOT / "book" / page for page in lite.BOOK_PAGES),
        *sorted((ROOT / "lite").iterdir()),
        ROOT / "pyproject.toml",
        ROOT / "package-lock.json",
        ROOT / "tools" / "build_lite.py",
        ROOT / "tools" / "lab_notebook.py",
        ROOT / "tools" / "notebook_glossary.py",
    ]
    stamp, current = BUILD / ".lite-digest", digest(inputs)
    if (lite.OUTPUT / "jupyter-lite.json").exists() and stamp.exists():
        if stamp.read_text() == current:
            return None
    started = time.perf_counter()
    megabytes = lite.build()
    stamp.write_text(current)
    print(f"[build] in-browser lab: {megabytes:.1f} MB")
    return time.perf_counter() - started


def main() -> None:
    from devops_course.book.fresh_outputs import RUNTIME_PINS, module_closure
    from devops_course.book.offline import write_service_worker

    # What the lab serves besides the notebooks: the package's code and data and
    # the pinned runtime.
    runtime = [p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".json")] + [
        ROOT / pin for pin in RUNTIME_PINS
    ]
    # How pages are written: the extension, its data, and the course code it imports.
    extension = {
        p for p in (PACKAGE / "book").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    } | module_closure(["import devops_course.book"])
    invalidate(
        ".extension-digest",
        digest(extension),
        [BUILD / ".doctrees", BUILD / "html", BUILD / "latex"],
    )

    html_seconds = jupyter_book()
    started = time.perf_counter()
    decks = build_slides()
    slides_seconds = time.perf_counter() - started
    lite_seconds = build_lite(runtime)
    pdf_seconds = jupyter_book("--builder", "pdflatex")
    pdf = BUILD / "latex" / "book.pdf"
    if not pdf.exists():
        sys.exit(f"[build] no PDF at {pdf}")
    # The site links the whole-book PDF (sidebar and intro page) as book.pdf.
    shutil.copyfile(pdf, BUILD / "html" / "book.pdf")
    # Last, when every file of the site is in place: the offline worker names its
    # cache by a digest of them all.
    offline = write_service_worker(BUILD / "html")
    print()
    print(f"HTML: {BUILD / 'html' / 'index.html'}   ({html_seconds:.1f} s)")
    print(f"PDF:  {pdf}   ({pdf_seconds:.1f} s)")
    print(
        f"Slides: {BUILD / 'html' / 'slides' / 'index.html'}   ({len(decks)} decks, {slides_seconds:.1f} s)"
    )
    lite_note = "unchanged" if lite_seconds is None else f"{lite_seconds:.1f} s"
    print(f"Lab:  {BUILD / 'html' / 'lite' / 'lab' / 'index.html'}   ({lite_note})")
    print(f"Offline: {BUILD / 'html' / 'sw.js'}   (version {offline['version']})")


if __name__ == "__main__":
    main()
