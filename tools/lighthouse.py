"""Lighthouse on the built book, as a phone and a laptop meet it.

Each page is served by a local server that compresses with gzip, as a static
host does, and audited twice with the Lighthouse pinned in tools/lighthouse
(`make bench` installs it): with its mobile settings (a mid-range phone, slow 4G
simulated, the CPU slowed four times; the median of three runs) and with its
desktop preset. The scores
and the paint timings go to _build/bench/lighthouse.json; `make bench` holds the
chapters to a mobile performance of 90 or more.

    .venv/bin/python tools/lighthouse.py [page.html ...]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = {
    "FCP (ms)": "first-contentful-paint",
    "LCP (ms)": "largest-contentful-paint",
    "TBT (ms)": "total-blocking-time",
    "speed index (ms)": "speed-index",
}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
# Lighthouse's scores vary from run to run (its own guidance: take the median of
# several). On a shared 2-core machine the phone's simulated CPU varies most.
RUNS = {"mobile": 3, "desktop": 1}
sys.path.insert(0, str(ROOT / "tools"))
from local_site import serve  # noqa: E402


def chapter_pages() -> list[str]:
    """The chapters of the built book, as paths below the site's root."""
    return [f"book/{path.name}" for path in sorted((HTML / "book").glob("ch*.html"))]


def audit(url: str, form_factor: str) -> dict:
    """Lighthouse's scores (0-100) and paint timings for one page."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            *FORM_FACTORS[form_factor],
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report = json.loads(result.stdout)
    row = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    for label, audit_id in TIMINGS.items():
        row[label] = round(report["audits"][audit_id]["numericValue"])
    row["CLS"] = round(report["audits"]["cumulative-layout-shift"]["numericValue"], 3)
    return row


def median_audit(url: str, form_factor: str) -> dict:
    """The run with the median performance score of :data:`RUNS` runs."""
    runs = sorted(
        (audit(url, form_factor) for _ in range(RUNS[form_factor])),
        key=lambda row: row["performance"],
    )
    return runs[len(runs) // 2]


def audit_site(pages: list[str]) -> dict:
    """``{form factor: {page: row}}`` for every page, on a local gzip server."""
    server, url = serve(str(HTML), compress=True)
    try:
        return {
            form_factor: {page: median_audit(f"{url}/{page}", form_factor) for page in pages}
            for form_factor in FORM_FACTORS
        }
    finally:
        server.shutdown()


def main(pages: list[str]) -> int:
    """Audit ``pages`` (the chapters by default), print and write the results;
    1 when a chapter's mobile performance is under 90."""
    results = audit_site(pages or chapter_pages())
    out = ROOT / "_build" / "bench" / "lighthouse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    for form_factor, rows in results.items():
        for page, row in rows.items():
            print(f"{form_factor:<8} {page:<32} " + ", ".join(f"{k} {v}" for k, v in row.items()))
    slow = [page for page, row in results["mobile"].items() if row["performance"] < 90]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
