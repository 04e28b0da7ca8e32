"""Figures readable on a phone, on a laptop and in dark mode (issue: Korean-first
on every screen).

The unit tests check what :mod:`devops_course.core.phone` and
:mod:`devops_course.core.desktop` do to a figure; the browser tests open every
chapter at 390 px, in light and dark mode, and at the narrowest widths of the
wide layout, and count the text that overlaps or is cut in every figure
(``tools/figure_text.py``).
"""

import json

import pytest
from conftest import CHAPTERS, HTML, OfflinePage, require_build
from figure_text import TEXT_PROBLEMS

from devops_course.core.desktop import NARROWEST, desktop_figure
from devops_course.core.figure import subplots
from devops_course.core.phone import phone_figure, phone_patch, text_width, wrap
from devops_course.core.style import DARK_COLOURS, styled_table
from devops_course.interactives import NAMES, load

MAX_PROBLEMS = 2  # overlapping or cut text boxes allowed per figure at any width
PHONE = 390
# Windows whose figures take the wide layout at its narrowest: 620 px (a 572 px
# figure, just above the phone layout's 560) and 1200 px (608 px: both sidebars).
LAPTOP_WINDOWS = (620, 1200)


def _explorers() -> list[dict]:
    return [load(name).explorer() for name in NAMES]


def _side_by_side(figure: dict) -> list[tuple[str, str]]:
    """Pairs of x axes that share height but not width: subplots side by side."""
    axes = {k: v for k, v in figure["layout"].items() if k.startswith("xaxis") and "domain" in v}

    def y_domain(axis):
        return figure["layout"]["yaxis" + axis.get("anchor", "y")[1:]]["domain"]

    def overlap(a, b):
        return min(a[1], b[1]) - max(a[0], b[0]) > 1e-6

    return [
        (a, b)
        for a in axes
        for b in axes
        if a < b
        and overlap(y_domain(axes[a]), y_domain(axes[b]))
        and not overlap(axes[a]["domain"], axes[b]["domain"])
    ]


def test_wrap_breaks_between_words_only():
    text = "카나리 배포와 자동 롤백 (카나리 5%, 임계 2%)"
    wrapped = wrap(text, 15, 200)
    assert wrapped.replace("<br>", " ") == text
    assert all(text_width(line, 15) <= 200 for line in wrapped.split("<br>"))
    assert wrap("짧은 제목", 15, 200) == "짧은 제목"


def test_a_grid_becomes_one_column_with_its_titles():
    fig = subplots(2, 2, subplot_titles=["가", "나", "다", "라"])
    for row in (1, 2):
        for col in (1, 2):
            fig.add_trace({"type": "bar", "x": [1], "y": [1]}, row=row, col=col)
    figure = fig.update_layout(height=600, margin={"t": 90, "b": 60}).to_dict()
    assert _side_by_side(figure)
    phone = phone_figure(figure)
    assert _side_by_side(phone) == []
    tops = [phone["layout"][f"yaxis{n}"]["domain"][1] for n in ("", "2", "3", "4")]
    assert tops == sorted(tops, reverse=True), "reading order: left to right, then down"
    titles = {a["text"]: a["y"] for a in phone["layout"]["annotations"]}
    assert [titles[t] for t in "가나다라"] == tops
    assert phone["layout"]["height"] > figure["layout"]["height"]
    assert figure["layout"]["xaxis2"]["domain"] != [0, 1], "the figure itself is not changed"


@pytest.mark.parametrize("name", NAMES)
def test_every_explorer_has_a_phone_layout_in_one_column(name):
    figure = load(name).explorer()
    phone = phone_figure(figure)
    assert _side_by_side(phone) == []
    layout = phone["layout"]
    shows_legend = layout.get("showlegend") is not False and any(
        t.get("name") and t.get("showlegend", True) for t in figure["data"]
    )
    if shows_legend:
        assert (layout["legend"]["yref"], layout["legend"]["y"]) == ("container", 0), "at the foot"
    for menu in layout.get("updatemenus", []):
        wide = sum(text_width(b["label"], 13) + 24 for b in menu["buttons"])
        assert menu["direction"] == "down" or wide <= 340 or menu["y"] < 0
    for title in [layout["title"]] + [s["args"][1].get("title") for s in _steps(layout)]:
        if isinstance(title, dict):
            assert all(text_width(line, 15) <= 340 for line in title["text"].split("<br>"))


def _steps(layout):
    for slider in layout.get("sliders", []):
        for step in slider["steps"]:
            if step["method"] == "update":
                yield step


@pytest.mark.parametrize("name", NAMES)
def test_slider_steps_move_subplot_titles_too(name):
    """A step that redraws the annotations puts the titles where the phone layout has them."""
    figure = load(name).explorer()
    phone = phone_figure(figure)
    active = phone["layout"].get("sliders", [{}])[0].get("active")
    steps = list(_steps(phone["layout"]))
    if active is None or not steps or "annotations" not in steps[active]["args"][1]:
        pytest.skip("no slider step redraws the annotations")
    placed = {(n["text"], n["y"]) for n in phone["layout"]["annotations"]}
    stepped = {(n["text"], n["y"]) for n in steps[active]["args"][1]["annotations"]}
    assert placed == stepped


def test_a_phone_table_is_wide_enough_for_its_words():
    trace = styled_table(
        ["서버", "원하는 상태(코드)"],
        [["debug-tmp", "web-1"], ["ubuntu-24.04", "medium"]],
        fill="white",
        columnwidth=[3, 1],
    )
    figure = {"data": [trace], "layout": {"height": 300, "margin": {"t": 60, "b": 20}}}
    phone = phone_figure(figure)
    widths = phone["data"][0]["columnwidth"]
    share = widths[1] / sum(widths)
    assert share * 300 >= text_width("ubuntu-24.04", 12), "the second column fits its word"


def test_the_patch_rebuilds_the_phone_figure():
    """What the page rebuilds from the patch (course-plotly.js) is the phone figure."""
    for figure in _explorers():
        phone, patch = phone_figure(figure), phone_patch(figure)
        rebuilt_layout = json.loads(json.dumps(patch["layout"]))
        for kind, items in (("sliders", "steps"), ("updatemenus", "buttons")):
            for i, control in enumerate(rebuilt_layout.get(kind, [])):
                for j, item in enumerate(control[items]):
                    if item.get("args") and item["args"][0] is None:
                        item["args"][0] = figure["layout"][kind][i][items][j]["args"][0]
        assert rebuilt_layout == phone["layout"]
        traces = [{**t, **(p or {})} for t, p in zip(figure["data"], patch["traces"])]
        assert traces == phone["data"]


def test_the_phone_patch_applies_to_the_fitted_wide_figure():
    """The page ships desktop_figure(figure) with phone_patch(figure): the patch's
    traces, laid over the fitted figure's, are still the phone figure's traces."""
    for figure in _explorers():
        wide, phone, patch = desktop_figure(figure), phone_figure(figure), phone_patch(figure)
        traces = [{**t, **(p or {})} for t, p in zip(wide["data"], patch["traces"])]
        assert traces == phone["data"]


def test_crowded_categories_tilt_and_push_the_slider_down():
    figure = subplots(rows=1, cols=3, subplot_titles=("가", "나", "다"))
    labels = ["기준", "개발만 2배", "제약(운영) 2배", "개발·운영 2배"]
    for col in (1, 2, 3):
        figure.add_trace({"type": "bar", "x": labels, "y": [1, 2, 3, 4]}, row=1, col=col)
    figure = figure.to_dict()
    figure["layout"].update(height=400, margin={"l": 64, "r": 24, "t": 96, "b": 56})
    figure["layout"]["sliders"] = [{"steps": [{"label": "a"}], "pad": {"t": 70}}]
    wide = desktop_figure(figure)
    axis = wide["layout"]["xaxis"]
    assert axis["tickangle"] == -45 and axis["ticktext"] == labels
    grown = wide["layout"]["height"] - 400
    assert grown > 20 and wide["layout"]["sliders"][0]["pad"]["t"] == 70 + grown
    assert wide["layout"]["margin"]["b"] == 56 + grown


def test_subplot_titles_share_one_size_that_fits():
    titles = ("카나리 오류율(최근 5분)과 롤백 임계값", "새 버전이 받는 트래픽")
    figure = subplots(rows=1, cols=2, subplot_titles=titles).to_dict()
    figure["layout"]["margin"] = {"l": 64, "r": 24}
    notes = desktop_figure(figure)["layout"]["annotations"]
    sizes = {note["font"]["size"] for note in notes}
    assert len(sizes) == 1 and 11 <= sizes.pop() < 16
    cell = (NARROWEST - 88) * figure["layout"]["xaxis"]["domain"][1]
    assert text_width(notes[0]["text"], notes[0]["font"]["size"]) <= cell
    assert [note["text"] for note in notes] == list(titles), "not wrapped"


def test_dark_colours_cover_every_light_background_and_ink():
    from devops_course.core.style import BUTTON_STYLE

    figures = _explorers()
    text = json.dumps(figures)
    for light in ("white", "#222222", "#E5E5E5", "#F8FAFC"):
        assert light in text and light in DARK_COLOURS
    assert BUTTON_STYLE["font"]["color"] not in DARK_COLOURS, "buttons stay light"
    assert BUTTON_STYLE["bgcolor"] not in DARK_COLOURS


# ------------------------------------------------------------------ browser


def _open(browser, site_url, chapter, mode, width=PHONE):
    page = OfflinePage(browser, site_url, width=width)
    page.context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page.open(f"book/{chapter}.html")
    return page


@pytest.mark.build
@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_figures_are_readable_on_a_phone(browser, site_url, chapter, mode):
    require_build(HTML / "book" / f"{chapter}.html")
    page = _open(browser, site_url, chapter, mode)
    try:
        graphs = page.page.eval_on_selector_all(
            ".course-plotly-graph",
            "els => els.map(el => [el.dataset.layout, el.dataset.mode, "
            "el._fullLayout.paper_bgcolor, el.querySelector('.modebar') !== null])",
        )
        assert graphs and all(g[0] == "phone" and g[1] == mode for g in graphs)
        backgrounds = {g[2].lower() for g in graphs}
        assert backgrounds == ({DARK_COLOURS["white"].lower()} if mode == "dark" else {"white"})
        figures = page.page.evaluate(TEXT_PROBLEMS)
        crowded = [f for f in figures if f["count"] > MAX_PROBLEMS]
        assert crowded == [], json.dumps(crowded, ensure_ascii=False, indent=1)
        assert page.console_errors == []
    finally:
        page.close()


@pytest.mark.build
@pytest.mark.parametrize("width", LAPTOP_WINDOWS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_figures_are_readable_on_a_laptop(browser, site_url, chapter, width):
    """The wide layout, where it is narrowest, keeps its text apart and whole."""
    require_build(HTML / "book" / f"{chapter}.html")
    page = _open(browser, site_url, chapter, "light", width)
    try:
        layouts = page.page.eval_on_selector_all(
            ".course-plotly-graph", "els => els.map(el => el.dataset.layout)"
        )
        assert layouts and set(layouts) == {"wide"}
        figures = page.page.evaluate(TEXT_PROBLEMS)
        crowded = [f for f in figures if f["count"] > MAX_PROBLEMS]
        assert crowded == [], json.dumps(crowded, ensure_ascii=False, indent=1)
    finally:
        page.close()


@pytest.mark.build
def test_figures_follow_the_theme_switch_and_the_width(browser, site_url):
    """Switching the theme, or widening the window, redraws the figures to match."""
    page = _open(browser, site_url, "ch1_definition", "light")
    try:
        state = "[...document.querySelectorAll('.course-plotly-graph')].map(g => g.dataset.layout + '/' + g.dataset.mode + '/' + g.dataset.drawn)"
        assert set(page.page.evaluate(state)) == {"phone/light/true"}
        page.page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.page.wait_for_function(f"({state}).every(s => s === 'phone/dark/true')")
        page.page.set_viewport_size({"width": 1280, "height": 900})
        page.page.wait_for_function(f"({state}).every(s => s === 'wide/dark/true')")
    finally:
        page.close()
