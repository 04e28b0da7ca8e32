"""Shared fixtures: paths of the built book, a local web server, an offline browser."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[1]
from local_site import (  # noqa: F401 (tests import them from here)
    SCROLL_PAST_FIGURES,
    keep_offline,
    serve,
    still_context,
)

HTML = ROOT / "_build" / "html"
PDF = ROOT / "_build" / "latex" / "book.pdf"


def numbered_chapters() -> list[str]:
    """The chapters, in order, as the table of contents numbers them."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = [part for part in toc["parts"] if part.get("numbered")]
    return [Path(entry["file"]).name for part in parts for entry in part["chapters"]]


CHAPTERS = numbered_chapters()
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


# Tiers: `make test` runs everything; `make test-fast` leaves out what needs a browser,
# the built book, a notebook kernel, or minutes (see pyproject.toml's markers).
# A test says what it needs: a test that reads the built book carries the `build`
# mark (on itself or its module) or uses a fixture that needs the build
# (`built_book`, `site_url`); one that drives Chromium uses a browser fixture.
BROWSER_FIXTURES = {"browser", "offline_page", "site_url", "lab", "lab_page"}
BUILD_FIXTURES = {"built_book"}


def pytest_collection_modifyitems(items):
    """Mark each test by the fixtures it uses, so tiers can select on it."""
    for item in items:
        if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.notebook)
            continue
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if BUILD_FIXTURES & fixtures:
            item.add_marker(pytest.mark.build)


def require_build(path: Path) -> Path:
    """Fail (not skip) when the book was not built: `make test` builds it first."""
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make book` (or `make test`) first")
    return path


def screenshot_path(name: str) -> str:
    """Where a browser test leaves a screenshot for people to look at."""
    shots = ROOT / "_build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    return str(shots / name)


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The built book (`_build`): fails, not skips, when `make book` has not run."""
    require_build(HTML / "index.html")
    require_build(PDF)
    return HTML.parent


@pytest.fixture(scope="session")
def site_url(built_book):
    """Serve the built HTML book on a free port of 127.0.0.1."""
    server, url = serve(str(HTML))
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OfflinePage:
    """A browser page that may reach only the local book server.

    Every request to another host is aborted and recorded, and console errors are
    collected, so a test can assert that the page needs no network.
    """

    def __init__(self, browser, site_url: str, width: int = 1280, **options):
        self.site_url = site_url
        viewport = {"width": width, "height": 900}
        # The book's offline worker keeps files between loads; the tests of other
        # features load every page afresh. tests/test_offline.py allows it.
        options.setdefault("service_workers", "block")
        self.context = still_context(browser, viewport=viewport, **options)
        self.page = self.context.new_page()
        self.external_requests: list[str] = []
        self.console_errors: list[str] = []
        keep_offline(self.page, site_url, self.external_requests)
        self.page.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def open(self, path: str):
        """Load ``path`` of the book and wait until its figures are drawn."""
        self.page.goto(f"{self.site_url}/{path}", wait_until="load")
        try:
            self.page.evaluate(SCROLL_PAST_FIGURES)
        except PlaywrightError:  # the page redirected (index.html): scroll the new one
            self.page.wait_for_load_state("load")
            self.page.evaluate(SCROLL_PAST_FIGURES)
        self.page.wait_for_function(
            "[...document.querySelectorAll('.course-plotly-graph')]"
            ".every(el => el.dataset.drawn === 'true')",
            timeout=20_000,
        )
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def offline_page(browser, site_url):
    page = OfflinePage(browser, site_url)
    yield page
    page.close()
