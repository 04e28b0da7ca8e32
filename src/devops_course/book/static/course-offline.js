/* Offline after one visit: register the book's service worker (sw.js, written by
   devops_course/book/offline.py) and ask it to keep this page with what it needs.
   Nothing leaves the browser; the lab under lite/ keeps its own worker. */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) {
    return;
  }
  var root = new URL(document.documentElement.dataset.content_root || "./", location.href);

  function keepThisPage(registration) {
    var worker = registration.active;
    if (worker) {
      worker.postMessage({ keep: location.href.split("#")[0] });
    }
  }

  // The worker says when this page is kept: <html data-offline="kept"> (or "failed").
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data && "kept" in event.data) {
      document.documentElement.dataset.offline = event.data.kept ? "kept" : "failed";
      document.documentElement.dataset.offlineVersion = event.data.version;
    }
  });

  function register() {
    navigator.serviceWorker
      .register(new URL("sw.js", root).href, { scope: root.href })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(keepThisPage)
      .catch(function () {
        // no service worker (a private window, a build without sw.js): the book
        // still works, only not offline
      });
  }

  // After the page has loaded: what the worker fetches must not slow the first view.
  if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register);
  }
})();
