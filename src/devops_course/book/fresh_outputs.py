"""Re-execute a notebook, and re-read its page, when code or data it uses changed.

myst-nb's execution cache matches a notebook by its own cells, and Sphinx re-reads
a page only when its source file changed. A notebook's outputs also depend on the
course modules its cells import (and everything those import), on the data files
of their packages (quizzes, session plans) and on the pinned runtime. This
extension keeps a digest of those files for every notebook beside the cache; when
a notebook's digest changes, it drops the notebook's cached outputs and tells
Sphinx that the page is outdated, so the next build executes it again. A module no
notebook imports changes nothing.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

PACKAGE = Path(__file__).resolve().parents[1]  # src/devops_course
PACKAGE_NAME = PACKAGE.name
RUNTIME_PINS = ("requirements.txt", "binder/requirements.txt")
DIGESTS_FILE = "course-dependencies.json"
logger = logging.getLogger(__name__)


def _module_file(dotted: str) -> Path | None:
    """The file of module ``dotted`` of the course package, if there is one."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE_NAME:
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _package_of(path: Path) -> str:
    """The dotted package that contains the module file ``path``."""
    return ".".join(path.parent.relative_to(PACKAGE.parent).parts)


def imported_modules(source: str, package: str = "") -> set[str]:
    """Dotted names that ``source`` imports (with ``from a import b``, also ``a.b``).

    ``package`` resolves relative imports. IPython lines (``!pip``, ``%magic``) count
    as ``pass``; a cell that does not parse imports nothing.
    """
    lines = [
        line[: len(line) - len(line.lstrip())] + "pass"
        if line.lstrip().startswith(("!", "%"))
        else line
        for line in source.splitlines()
    ]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _data_files(module: Path) -> list[Path]:
    """The data of the module's package: files that are not Python, outside its
    subpackages (``classroom/quizzes/ch1.json`` belongs to ``classroom``)."""
    folder = module.parent

    def in_subpackage(path: Path) -> bool:
        return any(
            (folder / part / "__init__.py").exists()
            for part in path.relative_to(folder).parents
            if part != Path(".")
        )

    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and not in_subpackage(path)
    ]


def module_closure(sources: Iterable[str]) -> set[Path]:
    """Course files that code ``sources`` needs: the modules they import, all that
    those import in turn, and the data files of each module's package."""
    pending = {name for source in sources for name in imported_modules(source)}
    files: set[Path] = set()
    while pending:
        path = _module_file(pending.pop())
        if path is None or path in files:
            continue
        files.add(path)
        package = _package_of(path)
        pending.add(package)  # importing a.b.c runs a/__init__.py and a/b/__init__.py
        pending |= imported_modules(path.read_text(encoding="utf-8"), package)
    return files | {data for module in files for data in _data_files(module)}


def notebook_dependencies(notebook: Path, root: Path) -> list[Path]:
    """Every file the outputs of ``notebook`` depend on besides its own cells."""
    cells = nbformat.read(notebook, as_version=4).cells
    code = [cell.source for cell in cells if cell.cell_type == "code"]
    pins = [root / pin for pin in RUNTIME_PINS if (root / pin).exists()]
    return sorted(module_closure(code)) + pins


def digest(paths: Iterable[Path], root: Path) -> str:
    """A hash of the names and contents of ``paths``."""
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(str(path.relative_to(root) if path.is_relative_to(root) else path).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _cache_dir(app: Sphinx) -> Path:
    configured = app.env.mystnb_config.execution_cache_path
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def _notebooks(app: Sphinx, env) -> dict[str, Path]:
    paths = {name: Path(env.doc2path(name)) for name in env.found_docs}
    return {name: path for name, path in paths.items() if path.suffix == ".ipynb"}


def _drop_cached_outputs(cache_dir: Path, notebook: Path) -> None:
    from jupyter_cache import get_cache

    if not cache_dir.exists():
        return
    cache = get_cache(str(cache_dir))
    try:
        record = cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
    except KeyError:
        return
    cache.remove_cache(record.pk)


def outdated_notebooks(app: Sphinx, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: the notebooks whose dependencies changed."""
    root = Path(app.srcdir)
    stored_file = _cache_dir(app) / DIGESTS_FILE
    stored = json.loads(stored_file.read_text()) if stored_file.exists() else {}
    current = {
        name: digest(notebook_dependencies(path, root), root)
        for name, path in _notebooks(app, env).items()
    }
    stale = sorted(name for name, value in current.items() if stored.get(name) != value)
    for name in stale:
        logger.info(f"[course] {name}: code or data it uses changed; executing it again")
        _drop_cached_outputs(_cache_dir(app), Path(env.doc2path(name)))
    app.env.course_dependency_digests = current
    return [name for name in stale if name not in added]


def save_digests(app: Sphinx, env) -> None:
    """``env-updated``: the pages are read; remember what their outputs came from."""
    current = getattr(env, "course_dependency_digests", None)
    if current is None:
        return
    cache_dir = _cache_dir(app)
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / DIGESTS_FILE).write_text(json.dumps(current, indent=1, sort_keys=True))


def setup(app: Sphinx) -> dict:
    """Connect the two events."""
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("env-updated", save_digests)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
