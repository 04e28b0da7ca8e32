"""The first chapter's explorer in a real browser (Debian's Chromium), operated
from the keyboard. Every page's offline and accessibility checks are in
test_site.py."""

TRACE_DATA = "el => JSON.stringify(el.data.map(t => [t.x, t.y, t.visible]))"


def test_explorer_reacts_to_keyboard_and_buttons(offline_page):
    page = offline_page.open("book/ch1_definition.html")
    explorer = page.locator(".js-plotly-plot:has(g.slider-group)").first
    before = explorer.evaluate(TRACE_DATA)

    slider = explorer.locator('g[role="slider"]')
    assert slider.get_attribute("aria-valuetext") == "4시간"
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.layout.sliders[0].active === 3", arg=explorer.element_handle())
    after_slider = explorer.evaluate(TRACE_DATA)
    assert after_slider != before
    assert explorer.locator('g[role="slider"]').get_attribute("aria-valuetext") == "8시간"

    button = explorer.locator('g[role="button"]').nth(1)
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "el => el.layout.updatemenus[0].active === 1", arg=explorer.element_handle()
    )
    assert explorer.evaluate(TRACE_DATA) != after_slider
    assert offline_page.console_errors == []
