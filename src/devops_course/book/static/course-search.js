/* Search page: also highlight the stemmed query terms, so a search for "배포를"
 * marks "배포" in "배포하고" inside the result snippets; and, when nothing matches,
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
  var parse = Search._parseQuery;
  Search._parseQuery = function (query) {
    var parsed = parse(query);
    parsed[1].forEach(function (stem) {
      parsed[3].add(stem);
    });
    return parsed;
  };
})();
