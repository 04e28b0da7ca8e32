"""The site speaks Korean in its own interface, and breaks Korean lines between
words: theme strings, tooltips and labels, the footer, and the CSS a reader gets."""

import re

import pytest
from conftest import HTML, OfflinePage, require_build

from devops_course.book.korean_ui import CATALOGS, LOCALE, compiled

# Interface text the themes and Sphinx write in English unless translated.
ENGLISH_INTERFACE = (
    "Skip to main content",
    "Back to top",
    "Search this book",
    "Color mode",
    "System Settings",
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "next page",
    "previous page",
    "Launch on",
    "Link to this heading",
    "Repository",
    "Open issue",
    "Site navigation",
    "On this page",
    "Toggle hidden content",
    "Link to this term",
    "Version warning",
    "Source repositories",
    "Launch interactive content",
    "Please activate JavaScript",  # the search page without JavaScript
    "© Copyright",  # the footer
    'logo" src=',  # the launch buttons' image alt text
    'aria-label="Main"',
    'aria-label="Page"',
)
BROKEN_KOREAN = ("으로 DevOps", "전체 화면으로보기", "스핑크스 도서 테마")


@pytest.mark.parametrize("catalog", CATALOGS)
def test_catalogs_compile_and_translate_into_korean(catalog):
    translations = compiled(LOCALE / "ko" / "LC_MESSAGES" / f"{catalog}.po")
    messages = translations._catalog  # every msgid with a translation
    assert len(messages) > 10
    for msgid, msgstr in messages.items():
        if msgid:  # the header entry has an empty id
            assert re.search("[가-힣]", msgstr), f"{msgid!r} is not Korean: {msgstr!r}"


@pytest.mark.build
def test_no_english_interface_text_on_any_page():
    require_build(HTML / "index.html")
    pages = [p for p in HTML.rglob("*.html") if not {"_static", "slides", "lite"} & set(p.parts)]
    assert len(pages) >= 10
    found = [
        f"{page.relative_to(HTML)}: {text!r}"
        for page in pages
        for text in ENGLISH_INTERFACE + BROKEN_KOREAN
        if text in page.read_text(encoding="utf-8")
    ]
    assert not found, found


@pytest.mark.build
def test_footer_names_the_authors_in_korean():
    page = require_build(HTML / "book" / "ch1_definition.html").read_text(encoding="utf-8")
    assert "지은이:" in page and "DevOps 입문 강좌 팀" in page


def test_korean_lines_break_between_words(offline_page):
    page = offline_page.open("book/ch1_definition.html")
    styles = page.evaluate(
        """() => ['.bd-article h1', '.bd-article p', '.bd-sidebar-primary a', '.admonition p', 'pre'].map(selector => {
            const element = document.querySelector(selector);
            const style = getComputedStyle(element);
            return [selector, style.wordBreak, parseFloat(style.lineHeight) / parseFloat(style.fontSize)];
        })"""
    )
    by_selector = {selector: (word_break, ratio) for selector, word_break, ratio in styles}
    for selector in (".bd-article h1", ".bd-article p", ".bd-sidebar-primary a", ".admonition p"):
        assert by_selector[selector][0] == "keep-all", selector
    assert by_selector["pre"][0] == "normal"
    assert by_selector[".bd-article p"][1] >= 1.7


@pytest.mark.build
def test_every_page_has_a_korean_description():
    pages = [
        p
        for p in require_build(HTML / "book").glob("*.html")
        if p.name != "index.html" or p.parent != HTML
    ] + [HTML / "search.html", HTML / "genindex.html"]
    for page in pages:
        found = re.findall(r'<meta name="description" content="([^"]+)"', page.read_text("utf-8"))
        assert len(found) == 1, page.name
        assert re.search("[가-힣]", found[0]) and 30 <= len(found[0]) <= 160, (page.name, found)


HANGUL_TEXT = re.compile(r"[가-힣]")


def test_the_tools_own_buttons_speak_korean(offline_page):
    """The figure toolbar's tooltips (plotly's locale) and the code cells' copy
    button (sphinx-copybutton, which has no Korean of its own)."""
    page = offline_page.open("book/ch1_definition.html")
    graph = page.locator(".course-plotly-graph").first
    graph.scroll_into_view_if_needed()
    graph.hover()
    titles = graph.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
    assert titles and all(HANGUL_TEXT.search(title) for title in titles), titles
    button = page.locator("button.copybtn").first
    assert button.get_attribute("data-tooltip") == "복사"
    assert button.locator("svg title").text_content() == "클립보드에 복사"
    assert "Copy" not in button.evaluate("b => b.outerHTML")
    assert offline_page.console_errors == []


def test_a_search_without_results_says_what_helps(offline_page):
    """Sphinx's Korean no-result text asks for "categories" this page does not have."""
    page = offline_page.open("search.html?q=xyzzyqq")
    page.wait_for_function(
        "document.querySelector('#search-results').textContent.includes('검색어와 일치하는 문서가 없습니다')"
    )
    text = page.locator("#search-results").text_content()
    assert "카테고리" not in text and "철자" in text
    assert offline_page.console_errors == []


def test_the_search_field_keeps_its_magnifier_clear_of_the_query(browser, site_url):
    """At phone width the magnifier icon ends before the first typed character."""
    phone = OfflinePage(browser, site_url, width=390)
    try:
        page = phone.open("search.html?q=배포")
        field = page.locator(".bd-search-container .bd-search input.form-control")
        icon = page.locator(".bd-search-container .bd-search .fa-magnifying-glass")
        field.wait_for()
        text_starts = field.evaluate(
            "f => f.getBoundingClientRect().left + parseFloat(getComputedStyle(f).paddingLeft)"
        )
        icon_ends = icon.evaluate("i => i.getBoundingClientRect().right")
        assert icon_ends <= text_starts, (icon_ends, text_starts)
    finally:
        phone.close()


def test_a_first_visit_follows_the_systems_dark_setting(browser, site_url):
    """No choice saved yet: a phone set to dark gets the dark theme, with no errors."""
    dark = OfflinePage(browser, site_url, width=390, color_scheme="dark")
    try:
        page = dark.open("book/ch1_definition.html")
        assert page.evaluate("localStorage.getItem('mode')") in (None, "auto")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert dark.console_errors == []
    finally:
        dark.close()
