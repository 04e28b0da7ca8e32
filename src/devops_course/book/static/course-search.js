/* Search page: also highlight the stemmed query terms, so a search for "배포를"
 * marks "배포" in "배포하고" inside the result snippets. */
(function () {
  "use strict";
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
