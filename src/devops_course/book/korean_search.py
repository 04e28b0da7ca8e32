"""A Korean search language for Sphinx: the same tokenizer on the index side
(Python) and on the query side (JavaScript).

Sphinx has no Korean support: it indexes ``배포를`` and ``배포하고`` as two words
and matches partial words only from three characters, so ``배포`` finds nothing.
This language

* splits text at every change between Hangul and other letters (``DevOps의`` is
  ``devops`` + ``의``);
* strips particles and endings from Hangul words (``배포를``, ``배포하고`` and
  ``배포는`` all become ``배포``), keeping at least two syllables, so ``정의`` or
  ``결과`` are never cut down;
* also indexes every two-syllable piece of a longer Hangul stem (``개발팀`` adds
  ``개발`` and ``발팀``), so a two-syllable query finds compounds too;
* joins two Hangul words that stand side by side, when the first carries no
  particle (``리드 타임은`` adds ``리드타임``), so a compound typed without its space
  finds the pages that write it with one;
* also indexes a one-syllable noun under its particle (``판으로`` adds ``판``), so
  a short phrase such as ``피자 두 판`` is found;
* indexes the Hangul spellings of the English names the book writes (``Docker``
  adds ``도커``), from the table in the glossary (:func:`spellings_from_glossary`);
* never cuts a word the glossary names (:func:`keep_whole_from_glossary`): loanwords
  such as ``파이프라인``, ``사일로`` or ``도메인`` end in syllables that look like
  particles, but only what follows them comes off (``파이프라인을`` is ``파이프라인``).

The suffix list lives in one place, :data:`SUFFIXES`; the JavaScript stemmer is
generated from it, so both sides always cut words the same way.
"""

from __future__ import annotations

import json
import re

from sphinx.search import SearchLanguage

# Longest first: particles, then endings that attach to nouns (하다/되다 forms).
SUFFIXES = sorted(
    {
        # particles
        "에서는",
        "에서도",
        "에서의",
        "으로는",
        "으로서",
        "으로써",
        "에게서",
        "까지는",
        "부터는",
        "이라는",
        "이라고",
        "에서",
        "에게",
        "으로",
        "까지",
        "부터",
        "처럼",
        "보다",
        "마다",
        "이나",
        "이란",
        "이며",
        "이고",
        "이다",
        "에는",
        "에도",
        "와의",
        "과의",
        "로는",
        "로서",
        "로써",
        "와는",
        "과는",
        "라는",
        "라고",
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "로",
        "와",
        "과",
        "도",
        "만",
        "란",
        "며",
        # endings on nouns
        "하기",
        "하고",
        "하는",
        "하며",
        "하면",
        "하여",
        "해서",
        "했다",
        "한다",
        "합니다",
        "하세요",
        "하지",
        "하게",
        "하려면",
        "했습니다",
        "할",
        "한",
        "해",
        "된다",
        "되는",
        "되어",
        "되고",
        "되면",
        "됩니다",
        "됐다",
        "된",
        "될",
        "시킨다",
        "시키는",
        "입니다",
        "였다",
        "이었다",
        "인",
        "들",
    },
    key=lambda suffix: (-len(suffix), suffix),
)
MIN_SYLLABLES = 2
HANGUL = "\uac00-\ud7a3"
TOKEN = re.compile(rf"[{HANGUL}]+|[^\W{HANGUL}_]+", re.UNICODE)
IS_HANGUL = re.compile(rf"^[{HANGUL}]+$")


def stem(word: str, keep: frozenset[str] = frozenset()) -> str:
    """The search stem of one token: lower case, particles and endings removed,
    stopping at a word in ``keep`` (the glossary's words, kept whole)."""
    word = word.lower()
    if not IS_HANGUL.match(word):
        return word
    while word not in keep:  # 배포하기는 -> 배포하기 -> 배포; stops when nothing comes off
        cuts = [
            word[: -len(suffix)]
            for suffix in SUFFIXES
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_SYLLABLES
        ]
        if not cuts:
            break
        # the longest suffix, unless a shorter one leaves a word kept whole
        # (사일로는: 사일로 + 는, not 사일 + 로는)
        word = next((cut for cut in cuts if cut in keep), cuts[0])
    return word


def tokens(text: str) -> list[str]:
    """Words of a text, split where the script changes."""
    return TOKEN.findall(text)


def index_terms(word: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """What the index stores for one token: its stem, for a Hangul stem of three
    or more syllables every two-syllable piece of it, and for one syllable with a
    particle (``판으로``) the syllable itself."""
    stemmed = stem(word, keep)
    terms = [stemmed]
    if IS_HANGUL.match(stemmed) and len(stemmed) > 2:
        terms += [stemmed[i : i + 2] for i in range(len(stemmed) - 1)]
    if IS_HANGUL.match(word) and len(word) > 1:
        terms += [word[0] for suffix in SUFFIXES if word == word[0] + suffix][:1]
    return terms


SPELLING_ROW = re.compile(r"^\|\s*([^|]*[A-Za-z][^|]*?)\s*\|\s*([^|]*[가-힣][^|]*?)\s*\|", re.M)


def spellings_from_glossary(text: str) -> dict[tuple[str, ...], list[str]]:
    """The glossary's table of Hangul spellings, ``| Docker | 도커 | ... |``, as
    {English name's tokens (lower case): [Hangul spellings]}."""
    section = (
        text.split("## 영어 이름의 한글 표기", 1)[-1] if "## 영어 이름의 한글 표기" in text else ""
    )
    table = {}
    for english, hangul in SPELLING_ROW.findall(section):
        name = tuple(token.lower() for token in tokens(english))
        table[name] = [spelling.strip() for spelling in hangul.split(",") if spelling.strip()]
    return table


# Loanwords the book writes that are no glossary term but end like a particle.
ALWAYS_WHOLE = ("온라인", "오프라인", "로그인", "도메인", "가이드라인", "타임라인")


def keep_whole_from_glossary(text: str) -> list[str]:
    """The Hangul words of the glossary's terms and of its spellings table, and
    :data:`ALWAYS_WHOLE`: nouns the stemmer must never cut (``사일로`` is not
    ``사일`` + ``로``)."""
    terms = []
    in_glossary = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_glossary = line.startswith("```{glossary}")
        elif in_glossary and line.strip() and not line.startswith(" "):
            terms.append(line)
    section = (
        text.split("## 영어 이름의 한글 표기", 1)[-1] if "## 영어 이름의 한글 표기" in text else ""
    )
    terms += [hangul for _, hangul in SPELLING_ROW.findall(section)]
    words = {word for term in terms for word in tokens(term) if IS_HANGUL.match(word)}
    words.update(ALWAYS_WHOLE)
    return sorted(word for word in words if len(word) >= MIN_SYLLABLES)


SPACED_PAIR = re.compile(rf"(?<![{HANGUL}])([{HANGUL}]+)\s+(?=([{HANGUL}]+))")


def joined_compounds(text: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """``리드 타임은`` -> ``리드타임``: two neighbouring Hangul words joined, when the
    first has no particle or ending (``개발의 흐름`` is no compound)."""
    joined = []
    for first, second in SPACED_PAIR.findall(text):
        bare = first in keep or not any(first.endswith(s) for s in SUFFIXES)
        if stem(first, keep) == first.lower() and bare:
            joined.append(first + stem(second, keep))
    return joined


STOPWORDS = frozenset(SUFFIXES) | {
    "및",
    "등",
    "또는",
    "그리고",
    "the",
    "and",
    "of",
    "a",
    "an",
    "to",
    "in",
}

JS_TEMPLATE = r"""
/* Korean search: the same splitting and stemming as devops_course.book.korean_search. */
const KOREAN_SUFFIXES = %(suffixes)s;
const KOREAN_MIN_SYLLABLES = %(minimum)d;
const KOREAN_KEEP_WHOLE = new Set(%(keep)s);
const KOREAN_HANGUL = /^[\uac00-\ud7a3]+$/;
var splitQuery = function (query) {
  return query.match(/[\uac00-\ud7a3]+|(?:(?![\uac00-\ud7a3])[\p{L}\p{N}])+/gu) || [];
};
var Stemmer = function () {
  this.stemWord = function (word) {
    word = word.toLowerCase();
    if (!KOREAN_HANGUL.test(word)) { return word; }
    while (!KOREAN_KEEP_WHOLE.has(word)) {
      const cuts = KOREAN_SUFFIXES.filter(function (s) {
        return word.endsWith(s) && word.length - s.length >= KOREAN_MIN_SYLLABLES;
      }).map(function (s) { return word.slice(0, word.length - s.length); });
      if (!cuts.length) { break; }
      word = cuts.find(function (cut) { return KOREAN_KEEP_WHOLE.has(cut); }) || cuts[0];
    }
    return word;
  };
};
"""


def js_stemmer(keep: frozenset[str] = frozenset()) -> str:
    """The query side's splitter and stemmer, cutting as :func:`stem` does."""
    return JS_TEMPLATE % {
        "suffixes": json.dumps(SUFFIXES, ensure_ascii=False),
        "minimum": MIN_SYLLABLES,
        "keep": json.dumps(sorted(keep), ensure_ascii=False),
    }


class SearchKorean(SearchLanguage):
    """Sphinx search language ``ko`` (see the module docstring)."""

    lang = "ko"
    language_name = "Korean"
    stopwords = STOPWORDS
    js_stemmer_code = js_stemmer()
    js_splitter_code = ""

    def init(self, options: dict) -> None:
        """``options["spellings"]``: the glossary's Hangul spellings (see
        :func:`spellings_from_glossary`), and ``options["keep_whole"]``: the words
        never cut (:func:`keep_whole_from_glossary`), set from ``html_search_options``."""
        self.spellings = options.get("spellings") or {}
        self.longest_name = max((len(name) for name in self.spellings), default=0)
        self.keep = frozenset(options.get("keep_whole") or ())
        self.js_stemmer_code = js_stemmer(self.keep)

    def split(self, input: str) -> list[str]:
        """Tokens of the text, with the two-syllable pieces of long Hangul stems, the
        joined form of spaced compounds and the Hangul spellings of English names."""
        found: list[str] = []
        words = tokens(input)
        for word in words:
            found.extend(index_terms(word, self.keep))
        return found + joined_compounds(input, self.keep) + self._spelled(words)

    def _spelled(self, words: list[str]) -> list[str]:
        """Index terms of the Hangul spellings of the English names in ``words``."""
        lower = [word.lower() for word in words]
        found: list[str] = []
        for size in range(1, self.longest_name + 1):
            for start in range(len(lower) - size + 1):
                for spelling in self.spellings.get(tuple(lower[start : start + size]), ()):
                    for word in tokens(spelling):
                        found.extend(index_terms(word, self.keep))
                    found.extend(joined_compounds(spelling, self.keep))
        return found

    def word_filter(self, word: str) -> bool:
        return bool(word) and word not in self.stopwords and not word.isdigit()

    def stem(self, word: str) -> str:
        return stem(word, self.keep)
