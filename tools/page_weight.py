"""Page weights of the built site: `python tools/page_weight.py` prints a table.

A page's own weight is its HTML plus the local assets that only it uses (scripts,
styles, images). Assets that two or more pages use (the theme, plotly.js, the
course's scripts) are shared: the browser loads them once and caches them, so they
are reported separately and not charged to any page.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
REFERENCE = re.compile(r'<(?:script|img|link|source)\b[^>]*?\b(?:src|href)="([^"]+)"', re.I)
# course-plotly.js loads the plotly.js its tag names, from its own folder, on demand
LAZY_PLOTLY = re.compile(r'<script\b[^>]*?\bdata-plotly="([^"]+)"[^>]*?\bsrc="([^"]+)"', re.I)


def pages(site: Path = HTML) -> list[Path]:
    """Every HTML page of the site except reveal.js's own files and the in-browser
    lab (an application, measured on its own by tools/bench.py)."""
    skipped = {"reveal.js", "_static", "lite"}
    return sorted(p for p in site.rglob("*.html") if not skipped & set(p.relative_to(site).parts))


def assets(page: Path) -> set[Path]:
    """Local files a page loads."""
    found = set()
    text = page.read_text(encoding="utf-8")
    references = REFERENCE.findall(text)
    for bundle, script in LAZY_PLOTLY.findall(text):
        references.append(script.split("?")[0].rsplit("/", 1)[0] + "/" + bundle)
    for reference in references:
        if reference.startswith(("http:", "https:", "data:", "#", "mailto:")):
            continue
        target = (page.parent / unquote(reference.split("?")[0].split("#")[0])).resolve()
        if target.is_file() and target.suffix != ".html":
            found.add(target)
    return found


def weights(site: Path = HTML) -> tuple[dict[Path, int], dict[Path, int]]:
    """(own weight per page, size of every shared asset), in bytes."""
    users: dict[Path, set[Path]] = defaultdict(set)
    page_assets = {page: assets(page) for page in pages(site)}
    for page, found in page_assets.items():
        for asset in found:
            users[asset].add(page)
    own = {
        page: page.stat().st_size + sum(a.stat().st_size for a in found if len(users[a]) == 1)
        for page, found in page_assets.items()
    }
    shared = {asset: asset.stat().st_size for asset, who in users.items() if len(who) > 1}
    return own, shared


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else HTML
    own, shared = weights(site)
    print(f"{'page':<45} {'own weight':>12}")
    for page, size in sorted(own.items(), key=lambda item: -item[1]):
        print(f"{str(page.relative_to(site)):<45} {size / 1024:>9.0f} KiB")
    print(
        f"\nshared assets, loaded once and cached: {len(shared)} files, {sum(shared.values()) / 1024:.0f} KiB"
    )
    for asset, size in sorted(shared.items(), key=lambda item: -item[1])[:5]:
        print(f"  {str(asset.relative_to(site)):<43} {size / 1024:>9.0f} KiB")


if __name__ == "__main__":
    main()
