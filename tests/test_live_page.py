"""The real model, live where the learner reads ("직접 계산해 보기").

On every chapter, as a phone (390 px) and a laptop (1280 px), with every request
off the site blocked, a learner presses the button under each explorer figure,
waits for the form, sets a value no precomputed scenario holds, sees the figure
change into what CPython's ``figure(model(params))`` draws, then types a value the
model refuses and sees the Korean message while the figure stays."""

import json
import math
import re

import pytest
from conftest import CHAPTERS, HTML, OfflinePage, require_build
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from devops_course.core.in_page import page_figure
from devops_course.interactives import load

pytestmark = pytest.mark.build

HANGUL = re.compile("[가-힣]")
LIVE_FILES = re.compile(r"/lite/(static/pyodide/|pypi/|course-live\.json)|course-live-worker")
# a cold start compiles Pyodide's WebAssembly on a busy 2-core machine: generous
START_TIMEOUT = 60_000


def canonical(value):
    """Floats to 10 significant digits: Pyodide's libm may differ in the last bit."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


def unusual_value(field) -> str:
    """A value within the field's range that no explorer scenario is built on:
    37 % of the way through the range, off the default (or 37 % above the default,
    for a field whose range also depends on another field)."""
    value = field.low + (field.high - field.low) * 0.37
    if field.limit:
        value = field.default * 1.37
    if field.kind == "integer":
        value = int(value) if int(value) != field.default else int(value) + 1
        return str(value)
    value = float(f"{value:.3g}")
    return str(value if not math.isclose(value, field.default) else value * 1.1)


def first_free_field(module):
    """The first control the learner can type a number into, if any."""
    for key, field in module.SPEC.controls().items():
        if field.kind in ("number", "integer") and not field.play:
            return key, field
    return None, None


def shown_figure(page, graph_id):
    return page.evaluate(
        "id => JSON.parse(document.getElementById(id + '-data').textContent)", graph_id
    )


def renders(page, graph_id) -> int:
    return int(page.get_attribute(f"#{graph_id}", "data-live-renders") or 0)


def wait_for_renders(page, graph_id, count):
    """Wait for the ``count``-th live figure; fail with what the page says instead."""
    try:
        page.wait_for_function(
            "([id, n]) => Number(document.getElementById(id).dataset.liveRenders || 0) >= n",
            arg=[graph_id, count],
            timeout=START_TIMEOUT,
        )
    except PlaywrightTimeoutError:
        graph = page.locator(f"#{graph_id}")
        state = graph.get_attribute("data-live-state"), graph.get_attribute("data-live-error")
        pytest.fail(f"{graph.get_attribute('data-live')}: no live figure {count} ({state})")


def go_live(page, graph_id):
    """Press the button under the figure and wait for the first live figure."""
    box = page.locator(f'.course-live[data-graph="{graph_id}"]')
    button = box.get_by_role("button", name="직접 계산해 보기")
    button.scroll_into_view_if_needed()
    button.click()
    wait_for_renders(page, graph_id, 1)
    return page.locator(f"#{graph_id}").locator("xpath=../preceding-sibling::form[1]")


def change_and_compare(page, graph_id, form, module):
    """Set a value no scenario holds and check the figure is CPython's for it."""
    key, field = first_free_field(module)
    params = module.SPEC.defaults()
    before = renders(page, graph_id)
    if key is None:  # every input is a choice: pick another one
        key, field = next(iter(module.SPEC.controls().items()))
        values = list(field.choices)
        index = (values.index(field.default) + 1) % len(values)
        form.locator(f'select[name="{key}"]').select_option(str(index))
        params[key] = values[index]
    else:
        box = form.locator(f'input[name="{key}"]')
        typed = unusual_value(field)
        box.fill(typed)
        box.press("Tab")  # the learner leaves the box: its value is committed
        params[key] = field.check(float(typed))
    wait_for_renders(page, graph_id, before + 1)
    expected = page_figure(module.figure(module.model(params)))
    assert canonical(shown_figure(page, graph_id)) == canonical(json.loads(json.dumps(expected))), (
        f"{module.__name__}: {key}={params[key]}"
    )
    caption = page.locator(f"#{graph_id}-caption").inner_text()
    assert caption == expected["layout"]["meta"]["alt"], "the caption says what the figure shows"
    return key, field


def refuse_and_keep(page, graph_id, form, module):
    """Type a value the model refuses: a Korean message, the last figure kept."""
    key, field = first_free_field(module)
    if key is None:
        return
    kept = shown_figure(page, graph_id)
    box = form.locator(f'input[name="{key}"]')
    box.fill(str(int(field.high * 10 + 7)))
    box.press("Tab")
    page.wait_for_function(
        "id => !!document.getElementById(id).dataset.liveError", arg=graph_id, timeout=10_000
    )
    message = form.get_by_role("alert").inner_text()
    assert HANGUL.search(message) and field.label in message, message
    assert "마지막으로 올바르게 계산한 결과" in message
    assert shown_figure(page, graph_id) == kept
    assert "Traceback" not in page.content()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_explorer_becomes_the_real_model_in_the_page(browser, site_url, chapter, width):
    require_build(HTML / "lite" / "course-live.json")
    reader = OfflinePage(browser, site_url, width=width, has_touch=width < 600)
    requested: list[str] = []
    reader.page.on("request", lambda request: requested.append(request.url))
    page = reader.open(f"book/{chapter}.html")
    graphs = page.eval_on_selector_all(
        ".course-plotly-graph[data-live]", "els => els.map(e => e.id)"
    )
    assert graphs, f"{chapter} has no live explorer"
    assert not [url for url in requested if LIVE_FILES.search(url)], "nothing loads before a press"
    for graph_id in graphs:
        module = load(page.get_attribute(f"#{graph_id}", "data-live"))
        form = go_live(page, graph_id)
        for key in module.SPEC.controls():
            assert form.locator(f'[name="{key}"]').count() == 1, f"{module.__name__}: {key}"
        change_and_compare(page, graph_id, form, module)
        refuse_and_keep(page, graph_id, form, module)
    assert reader.external_requests == []
    assert reader.console_errors == []
    reader.close()


def test_the_intro_states_what_the_press_downloads():
    """The intro's "약 N MB" is what the live runtime's files weigh as gzip sends them."""
    from local_site import gzip_size

    lite = require_build(HTML / "lite")
    manifest = json.loads((lite / "course-live.json").read_text())
    core = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
    files = [lite / manifest["pyodide"] / name for name in (*core, "pyodide-lock.json")]
    files += [lite / wheel for wheel in manifest["wheels"]]
    files += [lite / "course-live.json", HTML / "_static" / "course-live-worker.js"]
    megabytes = sum(gzip_size(str(path)) for path in files) / 1e6
    intro = (HTML.parents[1] / "book" / "intro.md").read_text(encoding="utf-8")
    stated = float(re.search(r"직접 계산해 보기.*?약 ([\d.]+) MB", intro).group(1))
    assert abs(megabytes - stated) <= 0.1 * stated, (megabytes, stated)
    assert megabytes <= 7, "the issue's budget for the live runtime"
