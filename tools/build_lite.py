"""Build the in-browser lab (JupyterLite + Pyodide) into _build/html/lite.

Everything it serves comes from this machine: Pyodide's core from the pinned npm
package, the kernel's and the chapters' pure-Python wheels from lite/requirements.txt
(downloaded once by `make`), the course package built from src/, and the chapter
notebooks as the lab shows them (`tools/lab_notebook.py`) with the book pages they
link to. No request leaves the site:
- `pyodide-lock.json` is rewritten to list only the packages shipped here, with the
  sha256 of the files shipped (Pyodide's own lock names 357 packages it does not ship);
- piplite's fallback to the public index is off.

`tools/build_book.py` calls `build()`; run alone, this script builds the lab only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from lab_notebook import lab_notebook
from notebook_glossary import glossary_page, read_glossary

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
STAGE = BUILD / "lite-src"
OUTPUT = BUILD / "html" / "lite"
PYODIDE = ROOT / "node_modules" / "pyodide"
# `make` downloads them next to the interpreter that runs the build (.venv).
WHEELS = Path(sys.prefix) / "lite-wheels"
LITE = ROOT / "lite"
# The Pyodide core files the kernel loads (the npm package also holds typings,
# source maps and two demo consoles).
PYODIDE_CORE = ("pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip")
# What the kernel itself loads at start-up through Pyodide's lock (micropip, then
# IPython and jedi for pyodide-kernel); their dependencies are added from the lock.
KERNEL_PACKAGES = ("micropip", "ipython", "jedi")
# The book's pages the chapters link to that the lab serves too, opened rendered
# (overrides.json). The glossary is rewritten in the MyST syntax JupyterLab renders.
BOOK_PAGES = ("glossary.md", "references.md")
# Extensions of the book's JupyterLab that the lab leaves out: a learner in the lab
# does not present (the book has decks), and sliveshow's 1.7 MB would load anyway.
LEFT_OUT = ("sliveshow",)
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"
# What the web book's pages load to run the models in place ("직접 계산해 보기",
# course-live.js): Pyodide's core, shared with the lab, and the wheels the
# interactives import. Nothing else: no micropip, no IPython.
PAGE_PACKAGES = ("devops-course", "simpy")


def normalise(name: str) -> str:
    """A package name as the lock and wheel indexes compare it."""
    return name.lower().replace("_", "-").replace(".", "-")


def wheel_name(path: Path) -> str:
    return normalise(path.name.split("-")[0])


def wheel_version(path: Path) -> str:
    return path.name.split("-")[1]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lock_closure(packages: dict, roots) -> list[str]:
    """The lock's names for ``roots`` and everything they depend on."""
    wanted, todo = set(), [normalise(r) for r in roots]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo += [normalise(d) for d in packages[name]["depends"]]
    return sorted(wanted)


def write_pyodide(target: Path, wheels: dict[str, Path]) -> list[str]:
    """Copy Pyodide's core and the kernel's wheels to ``target`` with a lock that
    names exactly those wheels; return the names of the locked packages."""
    target.mkdir(parents=True)
    for name in PYODIDE_CORE:
        shutil.copyfile(PYODIDE / name, target / name)
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text())
    packages = {normalise(k): v for k, v in lock["packages"].items()}
    names = lock_closure(packages, KERNEL_PACKAGES)
    shipped = {}
    for name in names:
        entry, wheel = dict(packages[name]), wheels[name]
        if entry["version"] != wheel_version(wheel):
            sys.exit(f"[lite] {wheel.name}: Pyodide's lock wants {name} {entry['version']}")
        shutil.copyfile(wheel, target / wheel.name)
        entry.update(file_name=wheel.name, sha256=sha256(wheel), unvendored_tests=False)
        shipped[name] = entry
    lock["packages"] = shipped
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return names


def course_wheel(target: Path) -> None:
    """Build the course package's wheel into ``target`` (offline: no isolation),
    from a copy of the sources, so that setuptools leaves the work tree alone."""
    source = STAGE / "package-src"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    command += ["--no-build-isolation", "--wheel-dir", str(target), str(source)]
    subprocess.run(command, check=True, cwd=source)
    shutil.rmtree(source)


def lite_config() -> dict:
    """jupyter-lite.json: the local Pyodide, no public index, Korean interface."""
    settings = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": []}}
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "DevOps 입문 강좌 실습실",
            "litePluginSettings": {KERNEL_SETTINGS: settings},
            "settingsOverrides": json.loads((LITE / "overrides.json").read_text()),
            "exposeAppInBrowser": True,
        },
    }


def stage() -> None:
    """Lay out the lab's sources in _build/lite-src."""
    shutil.rmtree(STAGE, ignore_errors=True)
    wheels = {wheel_name(p): p for p in WHEELS.glob("*.whl")}
    locked = write_pyodide(STAGE / "static" / "pyodide", wheels)
    pypi = STAGE / "pypi"
    pypi.mkdir()
    for name, wheel in wheels.items():
        if name not in locked:
            shutil.copyfile(wheel, pypi / wheel.name)
    course_wheel(pypi)
    files = STAGE / "files"
    files.mkdir()
    for chapter in sorted((ROOT / "book").glob("ch*.ipynb")):
        notebook = lab_notebook(chapter, served=BOOK_PAGES)
        text = json.dumps(notebook, ensure_ascii=False, indent=1)
        (files / chapter.name).write_text(text, encoding="utf-8")
    shutil.copyfile(ROOT / "book" / "references.md", files / "references.md")
    (files / "glossary.md").write_text(glossary_page(read_glossary()), encoding="utf-8")
    (STAGE / "jupyter-lite.json").write_text(json.dumps(lite_config(), ensure_ascii=False))


def leave_out(names: tuple[str, ...]) -> None:
    """Remove the federated extensions ``names`` from the built lab: their files, their
    entries in jupyter-lite.json and their settings schemas."""
    config_path = OUTPUT / "jupyter-lite.json"
    config = json.loads(config_path.read_text())
    data = config["jupyter-config-data"]
    data["federated_extensions"] = [
        e for e in data["federated_extensions"] if e["name"] not in names
    ]
    config_path.write_text(json.dumps(config, ensure_ascii=False, indent=2))
    schemas_path = OUTPUT / "build" / "schemas" / "all_federated.json"
    schemas = json.loads(schemas_path.read_text())
    kept = [s for s in schemas if s["id"].split(":")[0] not in names]
    schemas_path.write_text(json.dumps(kept, ensure_ascii=False))
    for name in names:
        shutil.rmtree(OUTPUT / "extensions" / name)


def write_page_manifest() -> None:
    """lite/course-live.json: the files the book's pages load to run the models."""
    wheels = {wheel_name(p): p for p in (OUTPUT / "pypi").glob("*.whl")}
    missing = sorted(set(PAGE_PACKAGES) - set(wheels))
    if missing:
        sys.exit(f"[lite] no wheel for the book's pages: {', '.join(missing)}")
    manifest = {
        "pyodide": "static/pyodide/",
        "wheels": [wheels[name].relative_to(OUTPUT).as_posix() for name in PAGE_PACKAGES],
    }
    (OUTPUT / "course-live.json").write_text(json.dumps(manifest, indent=1))


def build() -> float:
    """Stage and build the lab; return the bytes of the built site in MB."""
    stage()
    shutil.rmtree(OUTPUT, ignore_errors=True)
    jupyter = Path(sys.executable).parent / "jupyter"
    command = [str(jupyter), "lite", "build", "--lite-dir", str(STAGE)]
    command += ["--contents", str(STAGE / "files"), "--output-dir", str(OUTPUT)]
    command += ["--no-sourcemaps", "--no-unused-shared-packages"]
    subprocess.run(command, check=True, cwd=STAGE)
    leave_out(LEFT_OUT)
    write_page_manifest()
    return sum(p.stat().st_size for p in OUTPUT.rglob("*") if p.is_file()) / 1e6


if __name__ == "__main__":
    print(f"[lite] {OUTPUT}: {build():.1f} MB")
