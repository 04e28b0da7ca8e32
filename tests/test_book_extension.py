"""The Sphinx side: the myst-nb mime plugin and the printed form of figures."""

import json

import plotly.graph_objects as go

from devops_course.book.figure_node import (
    PlotlyFigureNode,
    figure_alt,
    figure_digest,
    print_figure,
)
from devops_course.book.plotly_mime import PlotlyMimeRenderer
from devops_course.core.display import PLOTLY_MIME, WIDGET_MIME, StaticFigure
from devops_course.interactives import handoff


class _Data:
    def __init__(self, mime_type, content, output_metadata=None):
        self.mime_type = mime_type
        self.content = content
        self.output_metadata = output_metadata or {}


def test_plugin_turns_plotly_json_into_a_figure_node():
    figure = handoff.organisation_diagram()
    nodes = PlotlyMimeRenderer.handle_mime(None, _Data(PLOTLY_MIME, figure), False)
    assert isinstance(nodes[0], PlotlyFigureNode)
    assert nodes[0]["figure"] == figure
    text_nodes = PlotlyMimeRenderer.handle_mime(None, _Data(PLOTLY_MIME, json.dumps(figure)), False)
    assert text_nodes[0]["figure"] == figure
    assert not nodes[0]["interactive"], "a figure with no model behind it stays an explorer"


def test_plugin_names_the_interactive_behind_an_explorer():
    bundle, metadata = handoff.interactive()._repr_mimebundle_()
    data = _Data(PLOTLY_MIME, bundle[PLOTLY_MIME], metadata)
    assert PlotlyMimeRenderer.handle_mime(None, data, False)[0]["interactive"] == "handoff"


def test_plugin_leaves_other_mime_types_alone():
    assert PlotlyMimeRenderer.handle_mime(None, _Data("text/plain", "x"), False) is None
    assert PlotlyMimeRenderer.handle_mime(None, _Data(PLOTLY_MIME, {}), True) is None


def test_priorities_prefer_plotly_and_hide_widgets_in_the_book():
    overrides = PlotlyMimeRenderer.mime_priority_overrides
    assert ("html", WIDGET_MIME, None) in overrides
    assert ("latex", PLOTLY_MIME, 1) in overrides


def test_printed_explorer_loses_its_controls_and_extra_height():
    explorer = handoff.explorer()
    printed = print_figure(explorer)
    assert "sliders" not in printed["layout"] and "updatemenus" not in printed["layout"]
    assert printed["layout"]["height"] == explorer["layout"]["height"] - 100
    assert "sliders" in explorer["layout"], "the original must stay untouched"


def test_alt_text_and_digest():
    figure = handoff.organisation_diagram()
    assert "Customer Support" in figure_alt(figure)
    assert figure_alt({"layout": {"title": {"text": "제목"}}}) == "제목"
    assert figure_digest(figure) == figure_digest(json.loads(json.dumps(figure)))
    other = go.Figure(go.Bar(y=[1]))
    assert figure_digest(figure) != figure_digest(other.to_plotly_json())


def test_static_figure_bundle_has_korean_text():
    bundle = StaticFigure(handoff.organisation_diagram())._repr_mimebundle_()
    assert bundle["text/plain"].startswith("[그림] 위: 설계")
    assert PLOTLY_MIME in bundle and WIDGET_MIME not in bundle


def test_pdf_build_without_a_browser_says_what_to_install(monkeypatch, tmp_path):
    import pytest
    from sphinx.errors import ExtensionError

    from devops_course.book.latex_images import render_pngs

    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    figure = handoff.organisation_diagram()
    with pytest.raises(ExtensionError, match="apt-get install chromium"):
        render_pngs([(figure, tmp_path / "figure.png")])
    assert not (tmp_path / "figure.png").exists()


def test_slides_keep_consecutive_boxes_apart():
    from markdown_it import MarkdownIt

    from devops_course.book.slides import simplify_myst

    source = (
        ":::{admonition} 정의: OODA 루프\n관찰 → 행동.\n:::\n"
        ":::{admonition} 정의: PDCA 사이클\n계획 → 조치.\n:::\n"
        ":::{solution} ex-1\n숨긴 답\n:::\n(ch2-references)=\n{term}`리드 타임`"
    )
    rendered = MarkdownIt().render(simplify_myst(source))
    assert rendered.count("<blockquote>") == 2
    assert "<strong>정의: PDCA 사이클</strong>" in rendered.split("</blockquote>")[1]
    assert "숨긴 답" not in rendered and "리드 타임" in rendered
    assert "{term}" not in rendered and "ch2-references" not in rendered


def test_slides_link_the_books_pages_and_resolve_term_targets():
    from devops_course.book.slides import simplify_myst

    text = simplify_myst(
        "{term}`인계 <Handoff>`, [참고 자료](references.md), [2장](ch2_practices.ipynb)"
    )
    assert text == "인계, [참고 자료](../book/references.html), [2장](ch2_practices.slides.html)"


def test_nbgitpuller_query_matches_the_theme_format():
    from devops_course.book.launch import nbgitpuller_query

    query = nbgitpuller_query(
        "https://github.com/org/course", "main", "book/ch1.ipynb", "jupyterlab"
    )
    assert query == (
        "repo=https%3A//github.com/org/course&urlpath=lab/tree/course/book/ch1.ipynb&branch=main"
    )


def _launch_context(*names):
    buttons = [{"type": "link", "text": name, "url": f"https://{name}"} for name in names]
    return {"header_buttons": [{"type": "group", "label": "launch-buttons", "buttons": buttons}]}


def _fake_app():
    from types import SimpleNamespace

    theme = {
        "repository_url": "https://github.com/org/course",
        "repository_branch": "main",
        "launch_buttons": {"notebook_interface": "jupyterlab"},
    }
    scripts = []
    app = SimpleNamespace(
        config=SimpleNamespace(html_theme_options=theme),
        add_js_file=lambda name, **kwargs: scripts.append(name),
    )
    return app, scripts


def test_jupyterhub_button_follows_binder_when_no_hub_is_configured():
    from devops_course.book.launch import add_jupyterhub_button

    app, scripts = _fake_app()
    context = _launch_context("Binder", "Colab")
    add_jupyterhub_button(app, "book/ch1", "page.html", context, None)
    buttons = context["header_buttons"][0]["buttons"]
    assert [b["text"] for b in buttons] == ["Binder", "JupyterHub", "Colab"]
    assert buttons[1]["url"] == (
        "#jupyterhub?repo=https%3A//github.com/org/course"
        "&urlpath=lab/tree/course/book/ch1.ipynb&branch=main"
    )
    assert scripts == ["course-launch.js"]


def test_configured_hub_keeps_the_theme_button():
    from devops_course.book.launch import add_jupyterhub_button

    app, scripts = _fake_app()
    context = _launch_context("Binder", "JupyterHub", "Colab")
    add_jupyterhub_button(app, "book/ch1", "page.html", context, None)
    assert [b["url"] for b in context["header_buttons"][0]["buttons"]][1] == "https://JupyterHub"
    assert scripts == []
