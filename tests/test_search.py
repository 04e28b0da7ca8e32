"""Korean search: the stemmer on the seeds' sentences, the same stems in Python and
JavaScript, and the search box in a real browser, offline."""

import json
import re

import pytest
import search_eval
from conftest import HTML, ROOT, require_build

from devops_course.book.korean_search import (
    SearchKorean,
    index_terms,
    js_stemmer,
    keep_whole_from_glossary,
    stem,
    tokens,
)


@pytest.mark.parametrize(
    "sentence, stems",
    [
        # seed 002
        (
            "개발과 운영의 경계를 허물고 통합하고자 하는 문화 혹은 철학",
            ["개발", "운영", "경계", "문화", "철학"],
        ),
        # seed 003
        (
            "지속적 통합지속적 전달은 빌드에서 배포까지 소프트웨어 릴리스 프로세스를 자동화하는 방식입니다.",
            ["배포", "소프트웨어", "릴리스", "프로세스", "자동화", "방식"],
        ),
        # seed 004
        (
            "배포 후 장애가 증가하여 전체 시스템의 효율성은 오히려 저하되며",
            ["배포", "장애", "증가", "시스템", "효율성"],
        ),
        # seed 000
        (
            "데브옵스를 올바르게 수행하면, 비즈니스의 소프트웨어 개발 속도와 품질을 개선하는 데",
            ["데브옵스", "비즈니스", "소프트웨어", "개발", "속도", "품질", "개선"],
        ),
        # seed 001
        ("빠른 배포 후 장애 발생 시 원인 파악 어려움", ["배포", "장애", "발생", "원인", "파악"]),
    ],
)
def test_stems_of_seed_sentences(sentence, stems):
    found = {stem(token) for token in tokens(sentence)}
    for expected in stems:
        assert expected in found, (expected, sorted(found))


@pytest.mark.parametrize(
    "word, expected",
    [
        ("배포를", "배포"),
        ("배포하고", "배포"),
        ("배포는", "배포"),
        ("배포하기는", "배포"),
        ("개발과", "개발"),
        ("운영의", "운영"),
        ("서비스를", "서비스"),
        ("장애가", "장애"),
        ("DevOps", "devops"),
        ("정의", "정의"),
        ("결과", "결과"),
        ("속도", "속도"),
    ],
)
def test_particles_and_endings_come_off_but_two_syllables_stay(word, expected):
    assert stem(word) == expected


KEEP = frozenset(keep_whole_from_glossary((ROOT / "book" / "glossary.md").read_text("utf-8")))


@pytest.mark.parametrize(
    "word, expected",
    [
        ("파이프라인", "파이프라인"),
        ("파이프라인을", "파이프라인"),
        ("사일로", "사일로"),
        ("사일로는", "사일로"),
        ("사일로로", "사일로"),
        ("도메인", "도메인"),
        ("오프라인에서도", "오프라인"),
        ("쿠버네티스의", "쿠버네티스"),
        ("배포하기는", "배포"),  # a word the glossary names still loses its ending
    ],
)
def test_loanwords_the_glossary_names_are_never_cut(word, expected):
    assert stem(word, KEEP) == expected
    # without the list, the first four would lose a syllable that is not a particle
    assert stem("파이프라인") == "파이프라" and stem("사일로") == "사일"


def test_script_changes_split_words():
    assert tokens("DevOps의 CI/CD와 Two-Pizza팀") == [
        "DevOps",
        "의",
        "CI",
        "CD",
        "와",
        "Two",
        "Pizza",
        "팀",
    ]


def test_long_stems_add_two_syllable_pieces():
    assert index_terms("개발팀을") == ["개발팀", "개발", "발팀"]
    assert index_terms("배포를") == ["배포"]


def _seed_words(limit=400):
    words = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        words += tokens(seed.read_text(encoding="utf-8"))
    return sorted(set(words))[:limit]


def test_javascript_stemmer_matches_python(browser):
    words = _seed_words() + [f"{word}을" for word in sorted(KEEP)] + ["사일로는", "파이프라인의"]
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    js = js_stemmer(KEEP)
    result = page.evaluate(
        f"""(words) => {{ {js}
            const stemmer = new Stemmer();
            return words.map(w => splitQuery(w).map(t => stemmer.stemWord(t)));
        }}""",
        words,
    )
    page.close()
    python = [[stem(t, KEEP) for t in tokens(w)] for w in words]
    assert result == python


@pytest.mark.build
def test_index_holds_bare_stems():
    text = require_build(HTML / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for term in ("개발", "운영", "배포", "장애", "문화", "devops"):
        assert term in index["terms"] or term in index["titleterms"], term
    assert "배포를" not in index["terms"] and "개발과" not in index["terms"]


@pytest.mark.build
def test_search_finds_every_page_for_every_query(browser):
    records = search_eval.evaluate(require_build(HTML), browser=browser)
    assert len(records) >= 20
    missing = {
        r["query"]: sorted(set(r["expected"]) - set(r["found"]))
        for r in records
        if r["hits"] < len(r["expected"])
    }
    assert missing == {}
    assert all(r["expected"] for r in records), "every query is used somewhere in the book"


def _search(offline_page, query):
    page = offline_page.page
    page.goto(f"{offline_page.site_url}/search.html?q={query}", wait_until="load")
    page.wait_for_function(
        "(() => { const s = document.querySelector('#search-results p.search-summary');"
        " return s !== null && /\\d|없/.test(s.textContent); })()"
    )
    return page


def _holds_in_heading(doc: str, query: str) -> bool:
    article = (HTML / f"{doc}.html").read_text(encoding="utf-8")
    # Section titles only (they carry a headerlink), not headings inside outputs.
    pieces = [
        piece
        for piece in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", article, re.S)
        if "headerlink" in piece
    ]
    text = " ".join(re.sub(r"<[^>]+>", "", piece) for piece in pieces)
    return all(stem(word) in text for word in tokens(query))


@pytest.mark.parametrize("query", ["모니터링", "카나리", "오류 예산", "피드백", "코드형 인프라"])
def test_pages_with_the_term_in_a_heading_come_first(offline_page, query):
    page = _search(offline_page, query)
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search li > a", "els => els.map(e => e.getAttribute('href'))"
    )
    # The glossary defines the term rather than mentioning it; Sphinx ranks it by
    # its index entries, so it is left out of the ordering check.
    docs = [
        doc
        for doc in dict.fromkeys(re.sub(r"\.html.*$", "", href) for href in hrefs)
        if doc != "book/glossary"
    ]
    ranks = [_holds_in_heading(doc, query) for doc in docs]
    assert ranks[0], (query, docs)
    assert ranks == sorted(ranks, reverse=True), (
        f"a passing mention outranks a heading: {list(zip(docs, ranks))}"
    )


def test_snippets_highlight_the_stem(offline_page):
    page = _search(offline_page, "배포를")
    page.wait_for_selector("#search-results p.context span.highlighted", timeout=10_000)
    marked = page.eval_on_selector_all(
        "#search-results p.context span.highlighted", "els => els.map(e => e.textContent)"
    )
    assert marked and all(text.startswith("배포") for text in marked)
    assert offline_page.external_requests == [] and offline_page.console_errors == []


def test_a_term_in_no_chapter_says_no_results(offline_page):
    page = _search(offline_page, "양자컴퓨터")
    assert page.locator("#search-results ul.search li").count() == 0
    assert "일치하는 문서가 없습니다" in page.inner_text("#search-results")
    assert offline_page.console_errors == []


def test_spaced_compounds_are_also_indexed_joined():
    from devops_course.book.korean_search import joined_compounds

    assert joined_compounds("리드 타임은 흐름 효율을 높인다") == ["리드타임", "흐름효율"]
    assert "개발흐름" not in joined_compounds("개발의 흐름"), "a particle ends the compound"


def test_one_syllable_nouns_are_indexed_under_their_particles():
    assert "판" in index_terms("판으로")
    assert index_terms("판단") == ["판단"], "a two-syllable word is not cut to one"


def test_glossary_spellings_are_read_and_indexed():
    from devops_course.book.korean_search import spellings_from_glossary

    table = spellings_from_glossary((ROOT / "book" / "glossary.md").read_text(encoding="utf-8"))
    assert table[("docker",)] == ["도커"]
    assert table[("chaos", "monkey")] == ["카오스 몽키"]
    language = SearchKorean({"spellings": table})
    terms = language.split("Netflix의 Chaos Monkey는")
    assert {"넷플릭스", "카오스", "몽키", "카오스몽키"} <= set(terms)
    assert "도커" not in terms


@pytest.mark.build
def test_every_spelled_name_is_written_in_the_book():
    """The glossary's table lists names the book uses, and each is searchable."""
    from devops_course.book.korean_search import spellings_from_glossary

    glossary = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    table = spellings_from_glossary(glossary)
    assert len(table) >= 40
    definitions = glossary.split("## 영어 이름의 한글 표기")[0]  # not the table itself
    pages = definitions + " ".join(
        search_eval.page_text(path)
        for path in require_build(HTML / "book").glob("*.html")
        if path.stem != "glossary"
    )
    words = " ".join(tokens(pages)).lower()
    missing = [" ".join(name) for name in table if f" {' '.join(name)} " not in f" {words} "]
    assert missing == []
