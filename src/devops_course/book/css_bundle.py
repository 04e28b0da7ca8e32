"""One stylesheet per page instead of thirteen.

The theme and six extensions each link a stylesheet of their own. On a phone
each one is a round trip before the first paint: Lighthouse counted 13 render-
blocking stylesheets and a first contentful paint of 3.8 s on slow 4G. This
module joins them, in their order, into one file in ``_static`` (named by a
digest of the sheets, so a changed style is never served from a stale cache),
and links that file alone. ``url(...)`` references are rewritten for the file's
new place and ``@import`` rules are inlined. Of Font Awesome's 1,881 icon rules
only those of icons named in a page or a script of the site are kept (about a
dozen): 85 KB of the theme's stylesheet that no page draws. The icon fonts
are then cut to those icons (``icon_fonts.py``).

Some sheets are written only when the build finishes (myst-nb's), so a page
names its bundle from the sheets' names and the contents already there, and the
bundles are written at ``build-finished``.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _CascadingStyleSheet

from .icon_fonts import slim_font_faces

# Linked by the theme's head_pre_assets macro (theme_assets.py drops the links),
# before every sheet in css_files.
THEME_SHEETS = ("_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css")
ICON_RULE = re.compile(
    r'(?<=[}\n])((?:\.fa-[a-z0-9-]+:{1,2}(?:before|after),?)+)\{content:"[^"]*"\}'
)
ICON_NAME = re.compile(r"fa-[a-z0-9-]+")
URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;""")


def _is_plain_stylesheet(sheet) -> bool:
    attributes = getattr(sheet, "attributes", {})
    filename = str(getattr(sheet, "filename", sheet) or "")
    return (
        attributes.get("rel", "stylesheet") == "stylesheet"
        and attributes.get("media", "all") in ("all", "screen, print")
        and "://" not in filename
        and filename.endswith(".css")
    )


def read_sheet(outdir: Path, name: str) -> str:
    """The CSS of ``name`` (relative to ``outdir``), its ``@import`` rules inlined and
    its ``url()`` references made relative to ``_static``."""
    name = name.split("?", 1)[0]
    text = (outdir / name).read_text(encoding="utf-8")
    folder = posixpath.dirname(name)

    def imported(match: re.Match) -> str:
        return read_sheet(outdir, posixpath.normpath(posixpath.join(folder, match[1])))

    def moved(match: re.Match) -> str:
        target = match[2].strip()
        if re.match(r"^(data:|[a-z]+://|/|#)", target):
            return match[0]
        path = posixpath.normpath(posixpath.join(folder, target))
        return f'url("{posixpath.relpath(path, "_static")}")'

    return URL.sub(moved, IMPORT.sub(imported, text))


def bundle_name(outdir: Path, names: tuple[str, ...]) -> str:
    """``_static/course-<digest>.css``: a digest of the sheets' names, and of the
    contents of those already in ``outdir`` (the others carry a hash in their name)."""
    digest = hashlib.sha256()
    for name in names:
        path = outdir / name.split("?", 1)[0]
        digest.update(path.read_bytes() if path.exists() else name.encode("utf-8"))
    return f"_static/course-{digest.hexdigest()[:12]}.css"


def bundle_stylesheets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Link one bundle in place of the page's own stylesheets and the theme's."""
    if app.builder.format != "html" or "css_files" not in context:
        return
    sheets = [sheet for sheet in context["css_files"] if _is_plain_stylesheet(sheet)]
    names = THEME_SHEETS + tuple(str(sheet.filename) for sheet in sheets)
    bundles = app.__dict__.setdefault("_course_bundles", {})
    if names not in bundles:
        bundles[names] = bundle_name(Path(app.outdir), names)
    others = [s for s in context["css_files"] if not any(s is sheet for sheet in sheets)]
    context["css_files"][:] = [_CascadingStyleSheet(bundles[names], priority=0), *others]


def icons_in_use(outdir: Path) -> set[str]:
    """Font Awesome class names written in the site's pages and scripts."""
    files = [*outdir.glob("**/*.html"), *(outdir / "_static").glob("**/*.js")]
    return {
        name
        for path in files
        if "lite" not in path.relative_to(outdir).parts[:1]
        for name in ICON_NAME.findall(path.read_text(encoding="utf-8", errors="ignore"))
    }


def drop_unused_icons(css: str, used: set[str]) -> str:
    """``css`` without the icon rules (``.fa-rocket:before{content:...}``) of icons
    that no page or script names."""

    def kept(match: re.Match) -> str:
        names = ICON_NAME.findall(match[1])
        return match[0] if used.intersection(names) else ""

    return ICON_RULE.sub(kept, css)


def write_bundles(app: Sphinx, exception) -> None:
    """Write every bundle the pages link, once all the sheets and pages are in place."""
    if exception is not None or not app.__dict__.get("_course_bundles"):
        return
    outdir = Path(app.outdir)
    used = icons_in_use(outdir)
    for names, bundle in app.__dict__["_course_bundles"].items():
        css = "\n".join(f"/* {name} */\n{read_sheet(outdir, name)}" for name in names)
        css = slim_font_faces(outdir / "_static", drop_unused_icons(css, used))
        (outdir / bundle).write_text(css, encoding="utf-8")
