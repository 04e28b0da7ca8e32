"""Sphinx feature: the web book installs as an app and opens offline after one visit.

Every page links the web app manifest (the course's Korean name and icons) and
registers ``sw.js``, a service worker that keeps what the learner has opened: each
page with the files it needs and, once fetched, the live runtime (Pyodide and the
course wheel, which "직접 계산해 보기" loads). The in-browser lab keeps its own
files and its own service worker.

:func:`write_service_worker` writes ``sw.js`` when the whole site is built (the
slides and the lab included). Its cache is named by a digest of every file of the
site, so a new deploy is a new service worker with a new cache: it fetches afresh
the pages the learner had kept, then drops the old cache, and never serves old
and new files together.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
ICON_SIZES = (192, 512)
THEME_COLOUR = "#1f4e79"
# The lab's own files, besides those the live runtime shares with it.
LAB = "lite/"
# What "직접 계산해 보기" loads: the worker, the manifest and what it names.
PYODIDE_CORE = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
LINKED = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


# Kept when the worker is installed, so the book opens offline even where the
# learner has not been: the first page, the introduction it leads to, 내 학습 기록.
CORE = ("index.html", "book/intro.html", "book/record.html")


class _References(HTMLParser):
    """The files a page loads by itself (scripts, stylesheets, icons and images),
    and its title."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._in_title = self._in_title or (tag == "title" and not self.title)
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.found.append(attrs["src"])
            if attrs.get("data-plotly"):  # course-plotly.js loads it beside itself
                folder = posixpath.dirname(attrs["src"].split("?")[0])
                self.found.append(posixpath.join(folder, attrs["data-plotly"]))
        elif tag == "link" and LINKED & set((attrs.get("rel") or "").split()):
            self.found.append(attrs.get("href") or "")
        elif tag in ("img", "source") and attrs.get("src"):
            self.found.append(attrs["src"])


def _local(html_dir: Path, base: str, reference: str) -> str | None:
    """``reference`` (as written in the file at ``base``) relative to the site, or
    None if it leaves the site or names no file of it."""
    if not reference or re.match(r"^[a-z][\w+.-]*:|^//|^#", reference, re.I):
        return None
    path, _, query = reference.partition("#")[0].partition("?")
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
    if joined.startswith("..") or not (html_dir / joined).is_file():
        return None
    return joined + (f"?{query}" if query else "")


def _read(html_dir: Path, page: str) -> _References:
    parser = _References()
    parser.feed((html_dir / page).read_text(encoding="utf-8"))
    return parser


def _short_title(title: str) -> str:
    """A page's title without the book's name after it ("1. … — DevOps 입문…")."""
    return " ".join(title.split(" — ")[0].split())


def page_files(html_dir: Path, page: str) -> list[str]:
    """What ``page`` needs to be read offline: the files it links and, for its
    stylesheets, the fonts and images they name."""
    parser = _read(html_dir, page)
    files = [f for f in (_local(html_dir, page, r) for r in parser.found) if f]
    for css in [f for f in files if f.split("?")[0].endswith(".css")]:
        text = (html_dir / css.split("?")[0]).read_text(encoding="utf-8", errors="replace")
        files += [f for f in (_local(html_dir, css, r) for r in CSS_URL.findall(text)) if f]
    return list(dict.fromkeys(files))


def runtime_files(html_dir: Path) -> list[str]:
    """The live runtime's files (see ``course-live-worker.js``), if the lab is built."""
    manifest = html_dir / LAB / "course-live.json"
    if not manifest.is_file():
        return []
    named = json.loads(manifest.read_text(encoding="utf-8"))
    core = [posixpath.join(LAB, named["pyodide"], name) for name in PYODIDE_CORE]
    wheels = [posixpath.join(LAB, wheel) for wheel in named["wheels"]]
    files = ["_static/course-live-worker.js", f"{LAB}course-live.json", *core, *wheels]
    return [posixpath.normpath(f) for f in files if (html_dir / f).is_file()]


def site_version(html_dir: Path) -> str:
    """A digest of every file of the site but the service worker itself."""
    digest = hashlib.sha256()
    for path in sorted(p for p in html_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(html_dir).as_posix()
        if not relative.startswith("sw.js"):
            digest.update(relative.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def write_service_worker(html_dir: Path) -> dict:
    """Write ``sw.js`` for the built site in ``html_dir``; return what it keeps."""
    pages = sorted(
        p.relative_to(html_dir).as_posix()
        for p in html_dir.rglob("*.html")
        if not p.relative_to(html_dir).as_posix().startswith((LAB, "_"))
    )
    files: list[str] = []
    needs = {}
    for page in pages:
        needed = page_files(html_dir, page)
        for name in needed:
            if name not in files:
                files.append(name)
        needs[page] = [files.index(name) for name in needed]
    offline = {
        "version": site_version(html_dir),
        "core": [page for page in CORE if page in needs],
        "titles": {page: _short_title(_read(html_dir, page).title) for page in pages},
        "pages": needs,
        "files": files,
        "runtime": runtime_files(html_dir),
        "lab": LAB,
    }
    data = json.dumps(offline, ensure_ascii=False, separators=(",", ":"))
    worker = (STATIC_DIR / "course-offline-worker.js").read_text(encoding="utf-8")
    # written beside and moved in place: a server never serves half a worker
    partial = html_dir / "sw.js.partial"
    partial.write_text(f"self.OFFLINE = {data};\n{worker}", encoding="utf-8")
    partial.replace(html_dir / "sw.js")
    return offline


def _write_app_files(app: Sphinx, exception) -> None:
    """The web app manifest and its icons, drawn from the book's favicon."""
    if exception is not None or app.builder.format != "html":
        return
    import cairosvg

    favicon = Path(app.confdir) / app.config.html_favicon
    outdir = Path(app.outdir)
    for size in ICON_SIZES:
        cairosvg.svg2png(
            url=str(favicon), write_to=str(outdir / f"icon-{size}.png"), output_width=size
        )
    title = app.config.html_title
    manifest = {
        "name": title,
        "short_name": "DevOps 강좌",
        "description": f"{title}: 실행하며 배우는 DevOps 강좌",
        "lang": "ko",
        "start_url": f"{app.config.master_doc}.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": f"icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
            for size in ICON_SIZES
        ],
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    (outdir / "manifest.webmanifest").write_text(text, encoding="utf-8")


def _link_manifest(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html":
        return
    root = context["pathto"]("", 1)
    root = "" if root in ("", "#") else root.rstrip("/") + "/"
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="manifest" href="{root}manifest.webmanifest">'
        f'\n<link rel="apple-touch-icon" href="{root}icon-192.png">'
        f'\n<meta name="theme-color" content="{THEME_COLOUR}">'
    )


def setup(app: Sphinx) -> dict:
    """Link the manifest on every page and register the service worker."""
    app.connect("html-page-context", _link_manifest)
    app.connect("build-finished", _write_app_files)
    app.add_js_file("course-offline.js", priority=700, defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
