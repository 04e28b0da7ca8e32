"""One stylesheet per page (issue: Korean-first on every screen, light pages)."""

import io
import re
from pathlib import Path

import pytest
from conftest import HTML, require_build
from fontTools.ttLib import TTFont

from devops_course.book.css_bundle import drop_unused_icons, read_sheet
from devops_course.book.icon_fonts import icon_code_points, subset_font


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


@pytest.mark.build
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
        sheet = (page.parent / sheets[0].split("?")[0]).resolve()
        assert sheet.exists(), sheets[0]
        bundle = sheet.read_text(encoding="utf-8")
        assert ".fa-rocket:before" in bundle and ".bd-article" in bundle


def _theme_font(name: str) -> Path:
    import pydata_sphinx_theme

    static = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"
    return next(static.glob(f"**/webfonts/{name}"))


def test_a_subset_font_keeps_the_icons_asked_for_and_no_other():
    whole = _theme_font("fa-solid-900.woff2").read_bytes()
    bars, rocket = 0xF0C9, 0xF135
    font = TTFont(io.BytesIO(subset_font(whole, {bars})))
    assert bars in font.getBestCmap() and rocket not in font.getBestCmap()
    assert len(whole) > 100_000 > 20 * len(subset_font(whole, {bars}))


def test_code_points_are_read_from_rules_and_custom_properties():
    css = '.fa-bars:before{content:"\\f0c9"}:root{--pst-icon-x:"\\e163"}.y{content:"\\201c"}'
    assert icon_code_points(css) == {0xF0C9, 0xE163}


@pytest.mark.build
def test_every_icon_the_bundle_draws_is_in_a_small_font_it_links():
    """The bundles' @font-face rules point at subset fonts (a few KB, not 300 KB)
    that hold every icon the bundle's rules draw."""
    static = require_build(HTML / "_static")
    for bundle in static.glob("course-*.css"):
        css = bundle.read_text(encoding="utf-8")
        fonts = re.findall(r'url\("(vendor/fontawesome/webfonts/[^"]+)"\)', css)
        assert len(fonts) == 3 and all(font.endswith(".woff2") for font in fonts), fonts
        drawn = set()
        for font in fonts:
            assert (static / font).stat().st_size < 10_000, font
            drawn |= set(TTFont(static / font).getBestCmap())
        assert icon_code_points(css) <= drawn, sorted(map(hex, icon_code_points(css) - drawn))
