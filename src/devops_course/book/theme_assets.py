"""Leave out the theme's fontawesome.js (1.5 MB of JavaScript on every page), and
its two stylesheet links (css_bundle.py serves them in the page's one bundle).

pydata-sphinx-theme loads Font Awesome twice: as webfonts through its stylesheet,
which draw every icon the book uses, and as fontawesome.js, which only adds custom
SVG icons the book does not use. The theme writes that script tag and its
stylesheet links from its ``static/webpack-macros.html``; this module gives Sphinx
a copy of that template without them, in a folder searched before the theme's.
"""

from __future__ import annotations

from pathlib import Path

import pydata_sphinx_theme
from sphinx.application import Sphinx
from sphinx.config import Config

MACROS = "static/webpack-macros.html"


def theme_macros() -> Path:
    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / MACROS


DROPPED = ("fontawesome.js", "styles/theme.css", "styles/pydata-sphinx-theme.css")


def without_fontawesome_js(text: str) -> str:
    """The theme's asset macros without the fontawesome.js script tag and the
    stylesheet links that the bundle replaces."""
    lines = text.splitlines()
    return "\n".join(line for line in lines if not any(name in line for name in DROPPED)) + "\n"


def override_macros(app: Sphinx, config: Config) -> None:
    folder = Path(app.doctreedir).parent / "course-templates"
    target = folder / MACROS
    text = without_fontawesome_js(theme_macros().read_text(encoding="utf-8"))
    # Written only when it differs: Sphinx rewrites every page whose output is older
    # than the newest template, so a fresh copy on each build would redo them all.
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config.templates_path.insert(0, str(folder))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", override_macros)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
