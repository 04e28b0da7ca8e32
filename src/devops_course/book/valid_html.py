"""Valid HTML from the parts of the build the book does not write itself.

The Nu Html Checker finds a few habits of the tools under the book:

* notebook outputs (the quizzes, the session clock) carry ``<style>`` elements
  into the body, where HTML allows none, and jupyterquiz's CSS has three
  mistakes; nbconvert's JupyterLab CSS in the slide decks has a few more;
* myst-nb puts ``<p>`` elements inside ``<summary>`` and labels it in English;
* sphinx-exercise gives every exercise the same ``id="exercise-content"``;
* nbconvert percent-encodes heading ids, writes scripts after ``</body>`` and an
  obsolete ``X-UA-Compatible`` meta; a slide may link to a label of the book.

The functions here repair those, for :mod:`devops_course.book` (book pages) and
:mod:`devops_course.book.slides` (decks).
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from sphinx.application import Sphinx

STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)
# (mistake, repair) in CSS that the book serves but did not write.
CSS_REPAIRS = [
    (re.compile(r"\n\s*align: left;"), ""),  # jupyterquiz: no such property
    (re.compile(r"\n\s*field-sizing: content;"), ""),  # not yet in the CSS standard
    (re.compile(r"transition: box-shadow 0\.1s\);"), "transition: box-shadow 0.1s;"),
    (re.compile(r"box-shadow: '([^']*)';"), r"box-shadow: \1;"),  # JupyterLab, quoted
    (re.compile(r"overflow: overlay;"), "overflow: auto;"),
    # WebKit's scrollbar pseudo-classes: not standard CSS, cosmetic only
    (
        re.compile(r"(?m)^[^{}\n]*::-webkit-scrollbar-track:(?:horizontal|vertical) \{[^}]*\}\s*"),
        "",
    ),
]


def repair_css(css: str) -> str:
    """``css`` with the known mistakes of the tools' style sheets repaired."""
    for mistake, repair in CSS_REPAIRS:
        css = mistake.sub(repair, css)
    return css


def take_styles(body: str) -> tuple[str, list[str]]:
    """``body`` without its ``<style>`` elements, and their CSS (repaired, once each)."""
    found: list[str] = []
    for css in STYLE.findall(body):
        css = repair_css(css)
        if css not in found:
            found.append(css)
    return STYLE.sub("", body), found


def style_elements(styles: list[str]) -> str:
    """The CSS as ``<style>`` elements for the ``<head>``."""
    return "".join(f"<style>{css}</style>\n" for css in styles)


def unique_exercise_ids(body: str) -> str:
    """sphinx-exercise's repeated ``id="exercise-content"`` (and solution) as classes."""
    return re.sub(
        r'<section id="(exercise|solution)-content">', r'<section class="\1-content">', body
    )


def add_page_styles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body:
        return
    body, styles = take_styles(unique_exercise_ids(body))
    context["body"] = body
    if styles:
        context["metatags"] = context.get("metatags", "") + style_elements(styles)


REDIRECT = """<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={target}">
<title>{title}</title>
<link rel="canonical" href="{target}">
</head>
<body>
<p><a href="{target}">{title}: 첫 페이지로 가기</a></p>
</body>
</html>
"""


def write_root_redirect(app: Sphinx, exception) -> None:
    """The site's root ``index.html``: a valid Korean page that sends the reader to
    the book's first page (sphinx-external-toc writes a bare meta tag when there
    is none; this runs before it)."""
    if exception is not None or app.builder.format != "html" or app.config.master_doc == "index":
        return
    target = f"{app.config.master_doc}.html"
    page = REDIRECT.format(target=target, title=html.escape(app.config.html_title or "책"))
    (app.outdir / "index.html").write_text(page, encoding="utf-8")


# ----------------------------------------------------------- hidden code cells


def visit_hidden_input(self, node) -> None:
    """myst-nb's "show code" toggle, with spans in the summary (HTML allows no <p>
    there) and no English aria-label over the Korean text."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    for state, prompt in (("collapsed", "prompt_show"), ("expanded", "prompt_hide")):
        text = html.escape(node[prompt])
        self.body.append(f'<span class="{state} admonition-title">{text}</span>\n')
    self.body.append("</summary>\n")


def depart_hidden_input(self, node) -> None:
    self.body.append("</details>\n")


# ---------------------------------------------------------------- slide decks


def tidy_deck(page: str, book_page: str) -> str:
    """An nbconvert deck as valid HTML, its heading links working in reveal.js.

    Links to a label that is not on the deck lead to ``book_page`` (the chapter
    in the book), where the label is.
    """
    page = re.sub(r'<meta content="chrome=1" http-equiv="X-UA-Compatible"/>\n?', "", page)
    head, _, body = page.partition("</head>")
    body, styles = take_styles(body)
    head = STYLE.sub(lambda m: f"<style>{repair_css(m[1])}</style>\n", head)
    page = head + style_elements(styles) + "</head>" + body
    # scripts that nbconvert writes after </body> go just before it
    page = re.sub(r"</body>\s*((?:<script.*?</script>\s*)+)", r"\1</body>\n", page, flags=re.S)
    return _readable_ids(page, book_page)


def _readable_ids(page: str, book_page: str) -> str:
    seen: dict[str, int] = {}

    def decoded_id(match: re.Match) -> str:
        name = unquote(match[1])
        seen[name] = seen.get(name, 0) + 1
        return f'id="{name}"' if seen[name] == 1 else f'id="{name}-{seen[name]}"'

    page = re.sub(r'id="([^"]*%[0-9A-F]{2}[^"]*)"', decoded_id, page)
    ids = set(re.findall(r'id="([^"]+)"', page))

    def link(match: re.Match) -> str:
        name = unquote(match[1])
        return f'href="#{name}"' if name in ids else f'href="{book_page}#{name}"'

    return re.sub(r'href="#([^"/][^"]*)"', link, page)
