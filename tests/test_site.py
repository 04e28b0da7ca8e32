"""Every page of the site: offline, light and accessible (issue: offline, light,
accessible). Each page is opened in Chromium with every request off localhost
blocked, checked with axe-core, and its explorers are operated."""

import json
import re

import page_weight
import pytest
from conftest import HTML, ROOT, OfflinePage, require_build
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PAGE_BUDGET = 1.5 * 1024 * 1024
SITE_PAGES = [str(p.relative_to(HTML)) for p in page_weight.pages(HTML)] if HTML.exists() else []
TRACE_STATE = (
    "el => JSON.stringify(el.data.map(t => [t.x, t.y, t.visible, t.cells && t.cells.values]))"
)


@pytest.mark.build
def test_site_was_built():
    require_build(HTML / "index.html")
    assert len(SITE_PAGES) >= 15


@pytest.mark.parametrize("path", SITE_PAGES)
def test_page_works_offline_and_is_accessible(offline_page, path):
    page = offline_page.open(path)  # every figure drawn, as a reader scrolls by
    page.wait_for_load_state("networkidle")  # late requests and console errors too
    assert offline_page.external_requests == [], "no request may leave localhost"
    assert offline_page.console_errors == []
    assert page.evaluate("document.documentElement.lang") == "ko"
    drawn = page.eval_on_selector_all(
        ".course-plotly-graph", "els => els.map(el => !!el.querySelector('svg.main-svg'))"
    )
    assert all(drawn)
    assert page.locator(".jupyter-widgets, .widget-area").count() == 0, "no dead widget controls"
    assert _serious_violations(page) == []


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# The slide decks have one theme of their own, for a projector; index.html redirects.
THEMED_PAGES = [p for p in SITE_PAGES if not p.startswith("slides/") and p != "index.html"]


@pytest.mark.parametrize("path", THEMED_PAGES)
def test_page_is_accessible_in_dark_mode(offline_page, path):
    """The reader's dark theme: every page, figures drawn, passes axe as well."""
    offline_page.context.add_init_script("localStorage.setItem('mode', 'dark')")
    page = offline_page.open(path)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    modes = page.eval_on_selector_all(".course-plotly-graph", "els => els.map(e => e.dataset.mode)")
    assert set(modes) <= {"dark"}
    assert _serious_violations(page) == []


@pytest.mark.build
@pytest.mark.parametrize(
    "path", [p for p in SITE_PAGES if p.startswith("book/") or p.startswith("slides/")]
)
def test_figures_are_labelled_in_korean(path):
    text = (HTML / path).read_text(encoding="utf-8")
    for caption in re.findall(r'<figcaption id="[^"]+">(.*?)</figcaption>', text, re.S):
        assert re.search("[가-힣]", caption)
    for tag in re.findall(r"<img\b[^>]*>", text):
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt is not None, tag
    for label in re.findall(r'<figure class="course-plotly" aria-label="([^"]*)"', text):
        assert re.search("[가-힣]", label)


CHAPTER_PAGES = [p for p in SITE_PAGES if re.match(r"book/ch\d", p)]


def _changed(page, graph, before, timeout=3_000) -> bool:
    try:
        page.wait_for_function(
            f"([el, before]) => ({TRACE_STATE})(el) !== before",
            arg=[graph.element_handle(), before],
            timeout=timeout,
        )
        return True
    except Exception:  # playwright's TimeoutError
        return False


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_every_explorer_reacts_to_keyboard(offline_page, path):
    """Every slider and every row of buttons changes the figure from the keyboard."""
    page = offline_page.open(path)
    explorers = page.locator(".js-plotly-plot")
    operated = 0
    for index in range(explorers.count()):
        graph = explorers.nth(index)
        controls = graph.evaluate(
            "el => [(el.layout.sliders || []).length, (el.layout.updatemenus || []).length]"
        )
        if not any(controls):
            continue
        graph.scroll_into_view_if_needed()
        if controls[0]:
            slider = graph.locator('g[role="slider"]')
            assert slider.get_attribute("tabindex") == "0"
            before = graph.evaluate(TRACE_STATE)
            slider.focus()
            now = int(slider.get_attribute("aria-valuenow"))
            page.keyboard.press("ArrowLeft" if now > 0 else "ArrowRight")
            assert _changed(page, graph, before), f"slider of figure {index} did nothing"
        if controls[1]:
            buttons = graph.locator('g[role="button"]')
            assert buttons.count() >= 2
            reacted = False
            for number in range(buttons.count()):
                assert buttons.nth(number).get_attribute("tabindex") == "0"
                before = graph.evaluate(TRACE_STATE)
                buttons.nth(number).focus()
                page.keyboard.press("Enter")
                if _changed(page, graph, before, timeout=2_000):
                    reacted = True
                    break
            assert reacted, f"no button of figure {index} changed it"
        operated += 1
    assert operated >= 1
    assert offline_page.console_errors == []


STEP_ALT = """(el, i) => {
    const step = el.layout.sliders[0].steps[i];
    if (step.method === "update") return step.args[1].meta.alt;
    const figure = JSON.parse(document.getElementById(el.dataset.figure).textContent);
    return figure.frames.find(frame => frame.name === step.args[0][0]).layout.meta.alt;
}"""
AXIS_TYPES = """el => Object.fromEntries(Object.entries(el._fullLayout)
    .filter(([name]) => /^[xy]axis[0-9]*$/.test(name)).map(([name, axis]) => [name, axis.type]))"""
SMALL_BAR_NUMBERS = """el => [...el.querySelectorAll(".bartext")]
    .map(text => [text.textContent, text.getBoundingClientRect().height])
    .filter(([words, height]) => words && height < 12)"""
CAPTION_IS = """([el, want]) => document.getElementById(el.id + "-caption").textContent === want"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_every_slider_step_keeps_caption_and_axes_true(browser, site_url, path, width):
    """The caption under an explorer (its accessible name) describes the scenario
    on screen, not the default one, at every step a reader moves the slider to, on
    a laptop and on a phone; a step keeps every axis's type (a category axis of
    "99.9%" labels must not turn numeric and squeeze its bars); and the numbers on
    the bars, which exercises ask for, stay readable without hovering."""
    offline_page = OfflinePage(browser, site_url, width=width)
    page = offline_page.open(path)
    graphs = page.locator(".course-plotly-graph")
    stepped = 0
    for index in range(graphs.count()):
        graph = graphs.nth(index)
        assert graph.evaluate(SMALL_BAR_NUMBERS) == [], f"figure {index}"
        steps = graph.evaluate("el => ((el.layout.sliders || [])[0] || {steps: []}).steps.length")
        if not steps:
            continue
        graph.scroll_into_view_if_needed()
        slider = graph.locator('g[role="slider"]')
        slider.focus()
        axis_types = graph.evaluate(AXIS_TYPES)
        page.keyboard.press("Home")
        captions = set()
        for step in range(steps):
            if step:
                page.locator(f"#{graph.get_attribute('id')} g[role='slider']").focus()
                page.keyboard.press("ArrowRight")
            want = graph.evaluate(STEP_ALT, step)
            try:
                page.wait_for_function(CAPTION_IS, arg=[graph.element_handle(), want])
            except PlaywrightTimeoutError:
                got = graph.evaluate(
                    "el => document.getElementById(el.id + '-caption').textContent"
                )
                pytest.fail(f"figure {index}, step {step}: the caption says {got!r}, not {want!r}")
            captions.add(want)
            assert graph.evaluate(AXIS_TYPES) == axis_types, f"figure {index}, step {step}"
            assert graph.evaluate(SMALL_BAR_NUMBERS) == [], f"figure {index}, step {step}"
        assert len(captions) > 1, f"figure {index}: every step has the same caption"
        stepped += 1
    assert stepped >= 1
    assert offline_page.console_errors == []
    offline_page.close()


@pytest.mark.build
def test_chapter_pages_stay_under_budget():
    own, shared = page_weight.weights(require_build(HTML))
    for page, size in own.items():
        path = str(page.relative_to(HTML))
        if re.match(r"book/ch\d", path):
            assert size < PAGE_BUDGET, f"{path}: {size / 1024:.0f} KiB"
    plotly_js = [a for a in shared if a.name.startswith("plotly-")]
    assert plotly_js, "plotly.js is one shared, cached asset"


@pytest.mark.build
def test_no_page_embeds_plotly_js():
    for path in SITE_PAGES:
        text = (HTML / path).read_text(encoding="utf-8")
        assert "plotly.js v" not in text, path


@pytest.mark.build
def test_every_page_offers_the_live_version_note():
    for path in CHAPTER_PAGES:
        text = (HTML / path).read_text(encoding="utf-8")
        notes = text.count('class="course-explorer-note"')
        figures = re.findall(
            r'<script type="application/json" id="fig-[^"]+">(.*?)</script>', text, re.S
        )
        layouts = [json.loads(f.replace("<\\/", "</"))["layout"] for f in figures]
        explorers = sum(
            1 for layout in layouts if layout.get("sliders") or layout.get("updatemenus")
        )
        assert notes >= 1 and notes == explorers, path


@pytest.mark.build
def test_plotly_loads_only_when_a_figure_comes_near(offline_page):
    """A chapter's first view loads no plotly.js; scrolling to a figure loads it."""
    requested = []
    page = offline_page.page
    page.on("request", lambda r: requested.append(r.url) if "plotly-course" in r.url else None)
    page.goto(f"{offline_page.site_url}/book/ch1_definition.html", wait_until="load")
    page.wait_for_load_state("networkidle")
    assert requested == [], "the first screen of chapter 1 shows no figure"
    offline_page.open("book/ch1_definition.html")
    assert len(requested) == 1


@pytest.mark.build
def test_the_plotly_bundle_draws_every_trace_type_of_the_book():
    from devops_course.book.plotly_bundle import TRACES
    from devops_course.interactives import NAMES, load

    figures = []
    for name in NAMES:
        module = load(name)
        figures += [module.figure(module.model(module.SPEC.defaults())), module.explorer()]
    for notebook in (ROOT / "book").glob("*.ipynb"):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                if "application/vnd.plotly.v1+json" in output.get("data", {}):
                    figures.append(output["data"]["application/vnd.plotly.v1+json"])
    used = {
        trace.get("type", "scatter")
        for figure in figures
        for group in [figure.get("data", [])]
        + [f.get("data", []) for f in figure.get("frames", [])]
        for trace in group
    }
    assert used <= set(TRACES) | {"scatter"}, used - set(TRACES)
    bundles = list(require_build(HTML / "_static").glob("plotly-course-*.min.js"))
    assert len(bundles) == 1 and bundles[0].stat().st_size < 1.5e6


@pytest.mark.build
def test_no_page_loads_the_theme_s_fontawesome_js():
    """The theme's webfonts draw the icons; its 1.5 MB fontawesome.js is left out."""
    for path in SITE_PAGES:
        assert "fontawesome.js" not in (HTML / path).read_text(encoding="utf-8"), path
    css = (HTML / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "fa-solid-900.woff2" in css and ".fa-rocket" in css


@pytest.mark.build
def test_only_the_search_page_loads_the_search_index():
    """searchindex.js (240 KB) is for search.html; the search box on other pages
    opens that page (search-as-you-type is off)."""
    for path in SITE_PAGES:
        text = (HTML / path).read_text(encoding="utf-8")
        loads = "searchindex.js" in text
        assert loads == (path == "search.html"), path


@pytest.mark.parametrize("path", THEMED_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, path):
    """At 390 px nothing but code blocks, tables and figures (which scroll inside
    their own box) is wider than the screen."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site_url}/{path}", wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_one_search_field_and_nothing_covers_the_book_s_title(browser, site_url, width):
    """pydata-sphinx-theme 0.17 adds a top bar with a second search field, which
    covered the sidebar's title and search field on wide screens."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(f"{site_url}/book/ch1_definition.html", wait_until="load")
        visible = page.locator(".search-button-field:visible")
        assert visible.count() == (1 if width > 992 else 0)
        if width > 992:
            covered = page.evaluate(
                """() => [...document.querySelectorAll('.logo__title, .search-button-field')]
                  .filter(el => el.checkVisibility())
                  .filter(el => { const r = el.getBoundingClientRect();
                    return !el.contains(document.elementFromPoint(r.x + r.width / 2,
                                                                  r.y + r.height / 2)); })
                  .map(el => el.className)"""
            )
            assert covered == []
    finally:
        page.close()


def test_back_to_top_sits_in_the_corner_on_a_phone(browser, site_url):
    """On a phone the theme's "맨 위로" button is a small round button in the bottom
    right corner, not a pill over the middle of the text; its name stays Korean."""
    phone = OfflinePage(browser, site_url, width=390)
    try:
        page = phone.open("book/ch2_practices.html")
        page.mouse.wheel(0, 3000)
        page.mouse.wheel(0, -400)  # the theme shows the button while scrolling up
        button = page.locator("#pst-back-to-top")
        button.wait_for(state="visible")
        box = button.bounding_box()
        viewport = page.viewport_size
        assert box["width"] <= 48 and box["height"] <= 48, box
        assert box["x"] + box["width"] >= viewport["width"] - 24, box
        assert box["y"] + box["height"] >= viewport["height"] - 24, box
        assert button.text_content().strip() == "맨 위로"
        button.click()
        page.wait_for_function("window.scrollY === 0")
    finally:
        phone.close()


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_on_a_phone_every_slider_stays_in_view_of_its_figure(browser, site_url, path):
    """At 390 px a copy of each explorer's slider sits above the figure and stays
    on screen while any part of the figure is, however tall the figure; moving it
    moves the figure's own slider. On a laptop the figure's slider is enough."""
    for width in (390, 1280):
        offline_page = OfflinePage(browser, site_url, width=width)
        page = offline_page.open(path)
        graphs = page.locator(".course-plotly-graph")
        for index in range(graphs.count()):
            graph = graphs.nth(index)
            if not graph.evaluate("el => (el.layout.sliders || []).length"):
                continue
            proxy = (
                page.locator(".course-slider-proxy")
                .filter(has=page.locator("input[type=range]"))
                .and_(graph.locator("xpath=preceding-sibling::div[1]"))
            )
            if width > 390:
                assert not proxy.is_visible(), f"figure {index}"
                continue
            top, height = graph.evaluate(
                "el => [el.getBoundingClientRect().top + scrollY, el.offsetHeight]"
            )
            header = page.locator(".bd-header-article").bounding_box()["height"]
            for fraction in (0.5, 0.95):  # the middle of the figure, then its foot
                y = top + height * fraction
                page.evaluate(f"window.scrollTo(0, {y} - innerHeight / 2)")
                control = proxy.bounding_box()
                assert header - 1 <= control["y"], (index, fraction, control)
                assert control["y"] + control["height"] <= page.viewport_size["height"]
            before = graph.evaluate("el => el.layout.sliders[0].active")
            proxy.locator("input").focus()
            page.keyboard.press("ArrowLeft" if before else "ArrowRight")
            page.wait_for_function(
                "([el, before]) => el.layout.sliders[0].active !== before",
                arg=[graph.element_handle(), before],
            )
            step = graph.evaluate("el => el.layout.sliders[0].active")
            assert proxy.locator("input").input_value() == str(step)
        assert offline_page.console_errors == []
        offline_page.close()
