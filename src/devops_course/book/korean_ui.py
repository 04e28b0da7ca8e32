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
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
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


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", install_catalogs)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
