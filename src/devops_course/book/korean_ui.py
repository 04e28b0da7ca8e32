"""The theme's interface in Korean: message catalogs that fill in (and correct)
the Korean strings of pydata-sphinx-theme, sphinx-book-theme and Sphinx.

The catalogs are ``locale/ko/LC_MESSAGES/*.po`` next to this module, compiled
when the builder starts. The theme's "booktheme" catalog is corrected, so ours is
looked up first. The "sphinx" catalog is Sphinx's own Korean (shared with
pydata-sphinx-theme); the HTML templates hold that very translator object, so ours
joins it as a fallback, filling in only the strings it lacks.
"""

from __future__ import annotations

import gettext
import html
import io
import textwrap
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import translators

LOCALE = Path(__file__).parent / "locale"
CATALOGS = ("sphinx", "booktheme")
COMPLEMENTED = {"sphinx"}  # ours only fills gaps; elsewhere ours comes first


def compiled(po_path: Path) -> gettext.GNUTranslations:
    """The .po file as gettext translations (compiled in memory)."""
    with po_path.open("rb") as po:
        catalog = read_po(po)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def install_catalogs(app: Sphinx) -> None:
    """Put the course's Korean catalogs in front of the installed ones."""
    if app.config.language != "ko":
        return
    for catalog in CATALOGS:
        ours = compiled(LOCALE / "ko" / "LC_MESSAGES" / f"{catalog}.po")
        installed = translators.get(("general", catalog))
        if installed is None or type(installed) is gettext.NullTranslations:
            translators[("general", catalog)] = ours
        elif catalog in COMPLEMENTED:
            installed.add_fallback(ours)
        else:
            ours.add_fallback(installed)
            translators[("general", catalog)] = ours


# Pages without prose of their own (Sphinx's generated ones) get a fixed description.
GENERATED_DESCRIPTIONS = {
    "search": "DevOps 입문 강좌의 본문, 용어집과 참고 자료에서 낱말을 찾습니다.",
    "genindex": "DevOps 입문 강좌의 찾아보기: 책에 나오는 용어와 항목을 가나다순으로 모았습니다.",
}
SKIPPED_CONTAINERS = (nodes.Admonition, nodes.footnote, nodes.citation, nodes.figure, nodes.table)


def page_description(doctree, limit: int = 150) -> str:
    """The page's first paragraph of prose (not a note, figure or table), shortened
    at a word boundary: what a search result shows under the title."""
    for paragraph in doctree.findall(nodes.paragraph):
        parent, inside = paragraph.parent, False
        while parent is not None and not inside:
            inside = isinstance(parent, SKIPPED_CONTAINERS)
            parent = parent.parent
        text = " ".join(paragraph.astext().split())
        if not inside and len(text) >= 30:
            return textwrap.shorten(text, width=limit, placeholder=" …")
    return ""


def add_description(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """A Korean <meta name="description"> on every page."""
    text = page_description(doctree) if doctree is not None else ""
    text = text or GENERATED_DESCRIPTIONS.get(pagename, "")
    if text:
        meta = f'<meta name="description" content="{html.escape(text)}" />\n'
        context["metatags"] = context.get("metatags", "") + meta


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", install_catalogs)
    app.connect("html-page-context", add_description)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
