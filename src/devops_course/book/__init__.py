"""Sphinx extension of the course book.

* writes :class:`PlotlyFigureNode` as HTML (drawn by the book's own plotly.js,
  served from ``_static``, no CDN) and as LaTeX (a PNG rendered by kaleido);
* adds the course's JavaScript and CSS, plotly.js only to pages with figures;
  each figure carries its phone layout (``core/phone.py``), and the page its
  dark-mode colours (``core/style.py``);
* links one stylesheet per page (``css_bundle.py``), repairs what the tools
  underneath write invalidly (``valid_html.py``), and indexes the glossary's
  Hangul spellings for search (``korean_search.py``).

Enable it with ``sphinx.extra_extensions: [devops_course.book]`` in ``_config.yml``.
"""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.in_page import page_figure
from ..core.phone import PHONE_BELOW
from ..core.style import DARK_COLOURS
from .css_bundle import bundle_stylesheets, write_bundles
from .figure_node import PlotlyFigureNode, figure_alt, figure_digest
from .korean_search import SearchKorean, keep_whole_from_glossary, spellings_from_glossary
from .latex_images import render_print_images, start_browser, stop_browser
from .launch import add_jupyterhub_button, add_lite_button, insert_lite_banner
from .live_page import BUTTON_TEXT, live_box
from .plotly_bundle import build_bundle, bundle_name
from .valid_html import (
    add_page_styles,
    depart_hidden_input,
    visit_hidden_input,
    write_root_redirect,
)

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
EXPLORER_NOTE = (
    '<p class="course-explorer-note">미리 계산한 시나리오를 슬라이더와 버튼으로 살펴보는 '
    "그림입니다(키보드: Tab으로 이동, 방향키·Enter로 조작). 값을 마음대로 바꾸려면 {how} "
    "설치 없이 이 브라우저에서 돌아갑니다.</p>"
)
TRY_IT_BELOW = f"그림 아래의 <strong>{BUTTON_TEXT}</strong>를 누르세요."
TRY_IT_IN_LAB = "장 첫머리의 <strong>▶ 브라우저에서 실행</strong>을 누르세요."


def visit_plotly_html(self, node: PlotlyFigureNode) -> None:
    """Write the figure JSON and an empty element that course-plotly.js fills."""
    figure = node["figure"]
    self._course_figures = getattr(self, "_course_figures", 0) + 1
    element_id = f"fig-{figure_digest(figure)[:10]}-{self._course_figures}"
    caption = html.escape(figure_alt(figure))
    # The wide layout fitted to its narrowest width, with the phone layout beside
    # it (a patch of the same figure: neither changes the data); the page picks
    # one by the width it has.
    payload = json.dumps(page_figure(figure), ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")
    layout = figure.get("layout", {})
    # the figure is drawn when it comes near the viewport: keep its room meanwhile
    height = int(layout.get("height", 450))
    live = node.get("interactive")
    if layout.get("sliders") or layout.get("updatemenus"):
        self.body.append(EXPLORER_NOTE.format(how=TRY_IT_BELOW if live else TRY_IT_IN_LAB))
    live_name = f' data-live="{html.escape(live)}"' if live else ""
    self.body.append(
        f'<figure class="course-plotly" aria-labelledby="{element_id}-caption">'
        f'<div id="{element_id}" class="course-plotly-graph"{live_name} '
        f'data-figure="{element_id}-data" style="min-height:{height}px"></div>'
        f'<script type="application/json" id="{element_id}-data">{payload}</script>'
        f'<figcaption id="{element_id}-caption">{caption}</figcaption>'
        "</figure>\n"
    )
    if live:
        self.body.append(live_box(element_id))
    raise nodes.SkipNode


def visit_plotly_latex(self, node: PlotlyFigureNode) -> None:
    """Include the PNG that :func:`render_print_images` made for this figure."""
    caption = self.encode(figure_alt(node["figure"]))
    self.body.append(
        "\n\\begin{center}\n"
        f"\\sphinxincludegraphics[width=\\linewidth,height=0.42\\textheight,"
        f"keepaspectratio]{{{node['image']}}}\n"
        f"\\par\\vspace{{2pt}}{{\\small {caption}}}\n"
        "\\end{center}\n"
    )
    raise nodes.SkipNode


def visit_plotly_other(self, node: PlotlyFigureNode) -> None:
    """Other builders (text, man, ...) write the alt text."""
    self.body.append(figure_alt(node["figure"]))
    raise nodes.SkipNode


def _depart(self, node) -> None:  # pragma: no cover - SkipNode skips departure
    pass


class RemoveHiddenInputsInPrint(SphinxPostTransform):
    """Drop the source of ``hide-input`` cells from the PDF.

    In HTML such a cell's code sits behind a toggle; on paper there is no toggle,
    so code that only builds a widget or sets up the notebook is left out.
    """

    default_priority = 199
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code" or not cell.children:
                continue
            source = cell.children[0]
            hidden = cell.get("hide_mode") in ("input", "input+output", "all")
            if hidden and source.get("nb_element") == "cell_code_source":
                cell.remove(source)


class _KoreanBabelFilter(logging.Filter):
    """Sphinx warns that Babel has no option for Korean; kotex (in the LaTeX
    preamble of ``_config.yml``) sets Korean instead, so the warning is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "no Babel option known for language 'ko'" not in record.getMessage()


def _drop_widget_state(app: Sphinx, doctree) -> None:
    # The jupyter-cache records ipywidgets state, which myst-nb would embed in the
    # page. The book shows explorers instead of widgets, so the state is dead weight.
    metadata = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    metadata.get("js_files", {}).pop("ipywidgets_state", None)


def _unnumbered_appendix(app: Sphinx, doctree, docname) -> None:
    """In the PDF, stop numbering chapters where the HTML stops: the glossary,
    references and instructor guide are in unnumbered parts of the table of
    contents, so from the first of them on, LaTeX numbers nothing either."""
    if app.builder.format != "latex":
        return
    numbered = getattr(app.env, "toc_secnumbers", {})
    for node in doctree.findall(addnodes.start_of_file):
        name = node.get("docname")
        if name and name != app.config.root_doc and not numbered.get(name):
            # No number in the headings, nor in the running head ("제 5 장 용어집").
            latex = "\\setcounter{secnumdepth}{-1}\n\\renewcommand{\\chaptermark}[1]{\\markboth{#1}{}}\n"
            raw = nodes.raw("", latex, format="latex")
            node.parent.insert(node.parent.index(node), raw)
            return


def _add_static_path(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))
    # First, so that the course's Korean copies of theme components win.
    config.templates_path.insert(0, str(TEMPLATES_DIR))


def _add_spellings(app: Sphinx, config) -> None:
    # The search indexes the Hangul spellings that the glossary lists, and never
    # cuts the words the glossary names.
    glossary = Path(app.srcdir) / "book" / "glossary.md"
    if glossary.exists():
        text = glossary.read_text(encoding="utf-8")
        config.html_search_options = {
            **(config.html_search_options or {}),
            "spellings": spellings_from_glossary(text),
            "keep_whole": keep_whole_from_glossary(text),
        }


def _node_modules(app: Sphinx) -> Path:
    return Path(app.srcdir) / "node_modules"


def _write_plotly_js(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / bundle_name(_node_modules(app))
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        build_bundle(_node_modules(app), target)


def _drop_duplicate_scripts(context: dict) -> None:
    # sphinx-thebe and sphinx-togglebutton register their inline configuration
    # twice, with different priorities; the second `const THEBE_JS_URL` throws
    # "already declared" on every page. Keep the first of each script.
    seen = set()
    unique = []
    for script in context["script_files"]:
        filename = getattr(script, "filename", script) or ""  # None and "" alike
        key = (str(filename), repr(getattr(script, "attributes", {})))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    # In place: later add_js_file calls of this page append to the same list.
    context["script_files"][:] = unique


def _defer_scripts(context: dict, outdir: Path) -> None:
    # Sphinx and its extensions put their script files in <head> without defer, so
    # each one holds up the first paint. Deferred, they still run in order, after
    # the page is parsed. documentation_options.js (0.4 KB) must run first: an
    # inline script right after it sets DOCUMENTATION_OPTIONS.pagename. It is
    # written into the page, which saves a round trip before the first paint.
    deferred = []
    for script in context["script_files"]:
        filename = str(getattr(script, "filename", script) or "")
        attributes = getattr(script, "attributes", {})
        eager = filename.endswith("documentation_options.js")
        if eager and (outdir / filename).exists():  # 0.4 KB: inline, not a round trip
            body = (outdir / filename).read_text(encoding="utf-8")
            script = _JavaScript(None, priority=getattr(script, "priority", 500), body=body)
        elif filename and not eager and not {"async", "defer"} & set(attributes):
            priority = getattr(script, "priority", 500)
            script = _JavaScript(filename, priority=priority, **attributes, defer="defer")
        deferred.append(script)
    context["script_files"][:] = deferred


def _add_page_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    _drop_duplicate_scripts(context)
    if pagename != "search":  # the search page runs its query as soon as it loads
        _defer_scripts(context, Path(app.outdir))
    if pagename == "search":
        # deferred: runs after searchtools.js defines Search, before the query runs
        app.add_js_file("course-search.js", priority=900, defer="defer")
    # Pages that draw a figure get course-plotly.js (6 KB, deferred); it loads the
    # book's plotly.js (1.2 MB) only when a figure comes near the viewport.
    if doctree is not None and next(iter(doctree.findall(PlotlyFigureNode)), None):
        plotly_js = bundle_name(_node_modules(app))
        settings = {
            "data-plotly": plotly_js,
            "data-phone-below": str(PHONE_BELOW),
            "data-dark": json.dumps(DARK_COLOURS, separators=(",", ":")),
        }
        app.add_js_file("course-plotly.js", priority=610, defer="defer", **settings)


def setup(app: Sphinx) -> dict:
    """Register the node, its writers and the course's static assets."""
    app.setup_extension("devops_course.book.fresh_outputs")
    app.setup_extension("devops_course.book.korean_ui")
    app.setup_extension("devops_course.book.theme_assets")
    app.setup_extension("devops_course.book.live_page")
    app.setup_extension("devops_course.book.learner_record")
    app.setup_extension("devops_course.book.offline")
    app.add_node(
        PlotlyFigureNode,
        html=(visit_plotly_html, _depart),
        latex=(visit_plotly_latex, _depart),
        text=(visit_plotly_other, _depart),
    )
    for source in ("builders.latex", "writers.latex"):
        logging.getLogger(f"sphinx.sphinx.{source}").addFilter(_KoreanBabelFilter())
    app.add_search_language(SearchKorean)
    app.add_post_transform(RemoveHiddenInputsInPrint)
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", _add_spellings)
    app.connect("doctree-read", _drop_widget_state)
    app.connect("builder-inited", _write_plotly_js)
    app.connect("html-page-context", _add_page_assets)
    app.connect("html-page-context", add_page_styles)
    app.connect("html-page-context", bundle_stylesheets, priority=900)
    # myst-nb registers its node when it is set up; ours replaces its HTML.
    from myst_nb.sphinx_ import HideCodeCellNode

    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_input, depart_hidden_input))
    # after sphinx-book-theme's launch buttons (priority 501)
    app.connect("html-page-context", add_jupyterhub_button, priority=510)
    app.connect("html-page-context", add_lite_button, priority=520)
    app.connect("doctree-resolved", insert_lite_banner)
    # The in-browser lab's first load, as measured by `make bench` (tests/test_lite.py
    # checks the stated figures against the built lab).
    app.add_config_value(
        "course_lite", {"first_load_mb": 0, "uncompressed_mb": 0, "start_seconds": 0}, "html"
    )
    app.connect("builder-inited", start_browser)
    app.connect("doctree-resolved", render_print_images)
    app.connect("doctree-resolved", _unnumbered_appendix)
    app.connect("build-finished", stop_browser)
    app.connect("build-finished", write_root_redirect, priority=100)
    app.connect("build-finished", write_bundles, priority=900)  # after myst-nb's CSS
    app.add_css_file("course.css")
    # right after sphinx-copybutton's script (priority 500), which it puts in Korean
    app.add_js_file("course-copybutton.js", priority=501)
    # Pages name their stylesheet bundle as they are written, and the bundles are
    # written from that record at the end: writing in parallel would lose it.
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": False}
