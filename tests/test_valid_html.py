"""Valid pages (issue: Korean-first on every screen): the Nu Html Checker, pinned in
package.json (vnu-jar) and run on Debian's Java, reports no error on any page of
the book, the slide decks or the root redirect. The lab (lite/) is JupyterLite's."""

import json
import subprocess

import page_weight
import pytest
from conftest import HTML, ROOT, require_build

pytestmark = pytest.mark.build
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _pages() -> list[str]:
    """Every page a reader opens (not the theme's templates in _static, not the lab)."""
    return sorted(str(p) for p in page_weight.pages(require_build(HTML)))


def test_every_page_is_valid_html():
    pages = _pages()
    assert len(pages) >= 17
    assert VNU.exists(), "vnu-jar is installed by npm ci from package-lock.json"
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [m for m in json.loads(run.stderr)["messages"] if m["type"] == "error"]
    report = [f"{m['url'].rsplit('/', 2)[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors]
    assert report == [], "\n".join(report[:20])


def test_decks_link_only_to_what_exists():
    """A slide's in-page link names an id on the deck; other labels go to the book."""
    import re

    for deck in sorted((HTML / "slides").glob("*.slides.html")):
        page = deck.read_text(encoding="utf-8")
        ids = set(re.findall(r'id="([^"]+)"', page))
        assert not re.search(r'id="[^"]*%[0-9A-F]{2}', page), "ids are readable, not escaped"
        for target in re.findall(r'href="#([^"/][^"]*)"', page):
            assert target in ids, f"{deck.name}: #{target}"
