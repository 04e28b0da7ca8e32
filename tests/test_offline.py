"""Offline after one visit: the web app manifest and the service worker (sw.js).

The learner's path, in Chromium with every request off the site blocked: open a
chapter, run a live model, lose the network (the browser goes offline and the
server stops), reload, read the chapter and run the model again. A deploy: the
site changes under an open book, the learner reloads and sees the new page, and
offline it is the new page that stays, never the old one."""

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import HTML, OfflinePage, require_build
from local_site import serve

from devops_course.book.offline import site_version, write_service_worker

pytestmark = pytest.mark.build

CHAPTER = "book/ch5_case_workshop.html"
CACHE_LIMIT = 50 * 1024 * 1024  # what iOS keeps for one site

CACHED_BYTES = """async () => {
  let total = 0, files = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      total += (await (await cache.match(request)).blob()).size;
      files += 1;
    }
  }
  return [total, files, await caches.keys()];
}"""


class Site:
    """A copy of the built site on a server of its own, which a test can change
    (a deploy) or stop (the network gone)."""

    def __init__(self, root: Path):
        # hard links: quick, and a changed file is replaced, never written through
        shutil.copytree(HTML, root, copy_function=os.link)
        self.root = root
        self.server, self.url = serve(str(root))

    def replace(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.unlink()
        path.write_text(text, encoding="utf-8")

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def site(tmp_path):
    require_build(HTML / "sw.js")
    site = Site(tmp_path / "html")
    yield site
    site.stop()


def learner(browser, site):
    return OfflinePage(browser, site.url, width=390, has_touch=True, service_workers="allow")


def kept(page, version=None):
    """Wait until the worker says this page is kept (for ``version``)."""
    page.wait_for_selector("html[data-offline='kept']", state="attached")
    if version:
        assert page.get_attribute("html", "data-offline-version") == version


def go_offline(reader, site):
    reader.context.set_offline(True)
    site.stop()


def test_the_manifest_names_the_course_in_korean_with_icons():
    manifest = json.loads((HTML / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "ko" and "DevOps" in manifest["name"]
    assert manifest["display"] == "standalone"
    assert (HTML / manifest["start_url"]).is_file()
    for icon in manifest["icons"]:
        data = (HTML / icon["src"]).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(data[16:20], "big")
        assert icon["sizes"] == f"{width}x{width}"
    page = (HTML / CHAPTER).read_text(encoding="utf-8")
    assert '<link rel="manifest" href="../manifest.webmanifest">' in page


def test_a_chapter_read_once_opens_and_computes_offline(browser, site):
    from test_live_page import go_live, wait_for_renders

    reader = learner(browser, site)
    page = reader.open(CHAPTER)
    kept(page)
    graph_id = page.get_attribute('[data-live="error_budget"]', "id")
    go_live(page, graph_id)
    title = page.inner_text("h1")
    total, files, names = page.evaluate(CACHED_BYTES)
    print(f"kept after one chapter and the live runtime: {total / 1e6:.1f} MB in {files} files")
    assert len(names) == 1 and total < CACHE_LIMIT

    go_offline(reader, site)
    page.reload(wait_until="load")
    assert page.inner_text("h1") == title
    page.wait_for_selector('div[id^="quiz_"] .Quiz', state="attached")
    page.wait_for_function(
        "[...document.querySelectorAll('.course-plotly-graph')].some(g => g.dataset.drawn === 'true')"
    )
    graph_id = page.get_attribute('[data-live="error_budget"]', "id")
    go_live(page, graph_id)
    wait_for_renders(page, graph_id, 1)
    assert page.get_attribute(f"#{graph_id}", "data-live-error") in (None, "")

    page.goto(f"{reader.site_url}/book/ch2_practices.html", wait_until="load")
    assert "오프라인입니다" in page.inner_text("h1")  # never opened: says so in Korean
    page.get_by_role("link", name=title.split("#")[0].strip()[:10]).first.click()
    page.wait_for_url(f"**/{CHAPTER}")  # and links to what this device keeps
    assert page.inner_text("h1") == title
    page.goto(f"{reader.site_url}/book/record.html", wait_until="load")  # kept at install
    page.wait_for_selector("#course-record-app[data-ready='true']")
    assert reader.external_requests == []
    reader.close()


def test_every_chapter_and_the_runtime_fit_the_cache_limit(browser, site):
    from test_live_page import go_live

    reader = learner(browser, site)
    for chapter in sorted((HTML / "book").glob("ch*.html")):
        page = reader.open(f"book/{chapter.name}")
        kept(page)
    graph_id = page.get_attribute("[data-live]", "id")
    go_live(page, graph_id)
    total, files, _ = page.evaluate(CACHED_BYTES)
    print(f"kept after every chapter and the live runtime: {total / 1e6:.1f} MB in {files} files")
    assert total < CACHE_LIMIT
    reader.close()


def test_a_deploy_replaces_what_was_kept(browser, site):
    reader = learner(browser, site)
    page = reader.open(CHAPTER)
    old_version = site_version(site.root)
    kept(page, old_version)
    old_text = (site.root / CHAPTER).read_text(encoding="utf-8")
    assert page.locator("#deployed").count() == 0

    # the deploy: a changed chapter, and the worker written for the new site
    site.replace(CHAPTER, old_text.replace("</h1>", '</h1><p id="deployed">개정판</p>', 1))
    new_version = write_service_worker(site.root)["version"]
    assert new_version != old_version

    page.reload(wait_until="load")
    assert page.inner_text("#deployed") == "개정판"
    page.wait_for_function(
        "async (version) => { const names = await caches.keys();"
        " return names.length === 1 && names[0].endsWith(version); }",
        arg=new_version,
    )

    go_offline(reader, site)
    page.reload(wait_until="load")
    assert page.locator("#deployed").count() == 1, "offline, the old page came back"
    reader.close()
