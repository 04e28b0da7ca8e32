"""Measure the book's search on a fixed list of queries, in a real browser.

Usage: python tools/search_eval.py [SITE_DIR]

For every query it lists the pages whose text contains the query (in any
inflected form, since Korean attaches particles and endings to the word) and the
pages the search box returns, and counts how many expected pages were found. Used by tests/test_search.py and for the search issue's report.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "개발",
    "운영",
    "배포",
    "장애",
    "문화",
    "모니터링",
    "인계",
    "리드 타임",
    "흐름 효율",
    "지속적 통합",
    "지속적 전달",
    "코드형 인프라",
    "드리프트",
    "멱등성",
    "오경보",
    "피드백",
    "제약",
    "카나리",
    "롤백",
    "오류 예산",
    "복구",
    "사일로",
    "사일로는",
    "파이프라인",
    "파이프라인을",
    "자동화",
    "마이크로서비스",
    "협업",
    "가치 흐름",
    "배포를",
    "장애가",
    "문화의",
    "CI/CD",
    "DevOps",
    "Two-Pizza",
    "Netflix",
    "SRE",
    "Kubernetes",
]
# Korean readers often type a compound without its space: each one should find
# the pages its spaced form is found on.
COMPOUNDS = {
    "리드타임": "리드 타임",
    "흐름효율": "흐름 효율",
    "가치흐름": "가치 흐름",
    "오류예산": "오류 예산",
    "지속적통합": "지속적 통합",
    "코드형인프라": "코드형 인프라",
    "변경실패율": "변경 실패율",
}
QUERIES += list(COMPOUNDS)
# Longer runs typed without spaces: each should find every page its spaced form
# finds in the search box.
UNSPACED = {
    "장애복구시간": "장애 복구 시간",
    "배포파이프라인자동화": "배포 파이프라인 자동화",
    "지속적통합서버": "지속적 통합 서버",
}
QUERIES += list(UNSPACED)
# Names the book writes in English, typed in Hangul (the glossary's table): each
# should find the pages that write the English name.
SPELLINGS = {
    "데브옵스": "DevOps",
    "도커": "Docker",
    "쿠버네티스": "Kubernetes",
    "젠킨스": "Jenkins",
    "테라폼": "Terraform",
    "넷플릭스": "Netflix",
    "아마존": "Amazon",
    "플리커": "Flickr",
    "카오스 몽키": "Chaos Monkey",
    "깃옵스": "GitOps",
    "주피터랩": "JupyterLab",
    "코랩": "Colab",
}
QUERIES += list(SPELLINGS)
# Hangul spellings run together: each should find the pages that write all the
# English names.
SPELLED_RUNS = {
    "넷플릭스카오스몽키": ("Netflix", "Chaos Monkey"),
    "쿠버네티스도커": ("Kubernetes", "Docker"),
}
QUERIES += list(SPELLED_RUNS)
# Short phrases with one-syllable words.
QUERIES += ["피자 두 판", "두 판", "한 팀"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def page_text(path: Path) -> str:
    """The searchable text of a built page: its article, without scripts and figures."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', text, re.S)
    body = match.group(1) if match else text
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'<figure class="course-plotly".*?</figure>', " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(body)


def expected_pages(site: Path, query: str) -> set[str]:
    """Pages whose text holds every word of the query, stemmed (배포를 -> 배포); for
    a compound typed without its space, the pages of its spaced form."""
    if query in COMPOUNDS:  # the spaced form itself, its words side by side
        phrase = re.compile(r"\s+".join(map(re.escape, COMPOUNDS[query].split())))
        return {
            f"book/{path.stem}"
            for path in sorted((site / "book").glob("*.html"))
            if phrase.search(page_text(path))
        }
    if query in SPELLED_RUNS:  # every English name, each as a phrase
        names = [
            re.compile(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])")
            for name in SPELLED_RUNS[query]
        ]
        return {
            f"book/{path.stem}"
            for path in sorted((site / "book").glob("*.html"))
            if all(name.search(page_text(path).lower()) for name in names)
        }
    if query in SPELLINGS:  # the English name as a phrase, or the Hangul itself
        name = re.compile(rf"(?<![a-z0-9]){re.escape(SPELLINGS[query].lower())}(?![a-z0-9])")
        return {
            f"book/{path.stem}"
            for path in sorted((site / "book").glob("*.html"))
            if name.search(page_text(path).lower()) or query in page_text(path)
        }
    sys.path.insert(0, str(ROOT / "src"))
    from devops_course.book.korean_search import keep_whole_from_glossary, stem, tokens

    keep = frozenset(keep_whole_from_glossary((ROOT / "book" / "glossary.md").read_text("utf-8")))
    words = [stem(word, keep) for word in tokens(query)]
    # Hangul words carry particles, so any occurrence counts (a one-syllable word
    # only on its own: 판 is not in 판단); Latin words count as whole words ("ci"
    # in "CI/CD", not in "social").
    from devops_course.book.korean_search import SUFFIXES

    particles = "|".join(map(re.escape, SUFFIXES))

    def pattern(word: str) -> re.Pattern:
        if not re.match("[가-힣]", word):
            return re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])")
        if len(word) == 1:  # one syllable: a word of its own, maybe with a particle
            return re.compile(rf"(?<![가-힣]){word}(?:{particles})?(?![가-힣])")
        return re.compile(re.escape(word))

    patterns = [pattern(w) for w in words]
    found = set()
    for path in sorted((site / "book").glob("*.html")):
        text = page_text(path).lower()
        if all(pattern.search(text) for pattern in patterns):
            found.add(f"book/{path.stem}")
    return found


def sphinx_results(page, url: str, query: str) -> list[str]:
    """Docnames the Sphinx search page lists for ``query``, in ranked order."""
    page.goto(f"{url}/search.html?q={query}", wait_until="load")
    # Sphinx adds results one by one; it names the count in the summary when done.
    page.wait_for_function(
        "(() => { const s = document.querySelector('#search-results p.search-summary');"
        " return s !== null && /\\d|없/.test(s.textContent); })()",
        timeout=20_000,
    )
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search li > a", "els => els.map(e => e.getAttribute('href'))"
    )
    return [re.sub(r"\.html.*$", "", href) for href in hrefs]


def evaluate(site: Path, queries=QUERIES, browser=None) -> list[dict]:
    """Run every query; return one record per query. Pass a Playwright ``browser``
    to reuse one (a test's), or let the function start Chromium itself."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            try:
                return evaluate(site, queries, own)
            finally:
                own.close()
    from local_site import serve

    server, url = serve(str(site))
    page = browser.new_page()
    records = []
    try:
        for query in queries:
            if query in UNSPACED:
                expected = set(sphinx_results(page, url, UNSPACED[query]))
            else:
                expected = expected_pages(site, query)
            found = sphinx_results(page, url, query)
            records.append(
                {
                    "query": query,
                    "expected": sorted(expected),
                    "found": found,
                    "hits": len(expected & set(found)),
                }
            )
    finally:
        page.close()
        server.shutdown()
    return records


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    records = evaluate(site)
    total_expected = sum(len(r["expected"]) for r in records)
    total_hits = sum(r["hits"] for r in records)
    for r in records:
        print(
            f"{r['query']:<10} expected {len(r['expected'])}  found {r['hits']}  ({len(r['found'])} results)"
        )
    print(f"\nall queries: {total_hits} of {total_expected} expected pages found")
    print(json.dumps({"hits": total_hits, "expected": total_expected}))


if __name__ == "__main__":
    main()
