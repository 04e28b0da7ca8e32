/* Search page: also highlight the stemmed query terms, so a search for "배포를"
 * marks "배포" in "배포하고" inside the result snippets; look up a Hangul word the
 * index does not hold, typed without its spaces ("장애복구시간"), as the fewest
 * index words that spell it ("장애", "복구", "시간"); and, when nothing matches,
 * say what helps in this book (Sphinx's Korean text speaks of "categories", which
 * this search page does not have). */
(function () {
  "use strict";
  if (typeof Documentation !== "undefined" && Documentation.addTranslations) {
    Documentation.addTranslations({
      locale: "ko",
      plural_expr: "0",
      messages: {
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.":
          "검색어와 일치하는 문서가 없습니다. 낱말의 철자를 확인하거나, 더 짧은 낱말이나 다른 표현(예: 영어 이름)으로 찾아 보세요.",
      },
    });
  }
  if (typeof Search === "undefined" || !Search._parseQuery) {
    return;
  }
  var has = Object.prototype.hasOwnProperty;

  function indexed(word) {
    var index = Search._index || {};
    return has.call(index.terms || {}, word) || has.call(index.titleterms || {}, word);
  }

  // The fewest indexed words of two or more syllables that spell ``word``, or null.
  function pieces(word) {
    var best = [[]]; // best[end]: the fewest pieces that spell word.slice(0, end)
    for (var end = 1; end <= word.length; end++) {
      best[end] = null;
      for (var start = 0; start <= end - 2; start++) {
        var piece = word.slice(start, end);
        if (best[start] && indexed(piece)) {
          if (!best[end] || best[start].length + 1 < best[end].length) {
            best[end] = best[start].concat([piece]);
          }
        }
      }
    }
    return best[word.length];
  }

  var parse = Search._parseQuery;
  Search._parseQuery = function (query) {
    var parsed = parse(query);
    var terms = parsed[1];
    Array.from(terms).forEach(function (term) {
      if (indexed(term) || !/^[가-힣]{4,}$/.test(term)) {
        return;
      }
      var parts = pieces(term);
      if (parts && parts.length > 1) {
        terms.delete(term);
        parts.forEach(function (part) {
          terms.add(part);
        });
      }
    });
    terms.forEach(function (stem) {
      parsed[3].add(stem);
    });
    return parsed;
  };
})();
