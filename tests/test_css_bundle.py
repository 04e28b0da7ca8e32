"""One stylesheet per page (issue: Korean-first on every screen, light pages)."""

import re

from conftest import HTML, require_build

from devops_course.book.css_bundle import drop_unused_icons, read_sheet


def test_urls_and_imports_follow_the_bundle(tmp_path):
    styles = tmp_path / "_static" / "styles"
    styles.mkdir(parents=True)
    (tmp_path / "_static" / "basic.css").write_text("p { color: red }")
    (styles / "theme.css").write_text(
        '@import "../basic.css";\n.a { background: url("../vendor/x.woff2") }'
        "\n.b { background: url(data:image/png;base64,AA==) }"
    )
    css = read_sheet(tmp_path, "_static/styles/theme.css?digest=1")
    assert "p { color: red }" in css and "@import" not in css
    assert 'url("vendor/x.woff2")' in css
    assert "url(data:image/png;base64,AA==)" in css


def test_only_icons_in_use_keep_their_rules():
    css = '.x{}\n.fa-rocket:before{content:"\\f135"}\n.fa-rocketchat:before{content:"\\f3e8"}\n'
    slim = drop_unused_icons(css, {"fa-rocket"})
    assert ".fa-rocket:before" in slim and "fa-rocketchat" not in slim


def test_every_page_links_one_existing_stylesheet():
    pages = [p for p in require_build(HTML).glob("**/*.html") if "_static" not in p.parts]
    pages = [p for p in pages if not {"lite", "slides", "reveal.js"} & set(p.parts)]
    assert len(pages) >= 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "http-equiv" in text and "refresh" in text:  # the root redirect
            continue
        sheets = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', text)
        assert len(sheets) == 1, (page.name, sheets)
        assert (page.parent / sheets[0].split("?")[0]).resolve().exists(), sheets[0]
        bundle = (page.parent / sheets[0]).resolve().read_text(encoding="utf-8")
        assert ".fa-rocket:before" in bundle and ".bd-article" in bundle
