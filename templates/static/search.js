/* Search page: Pagefind's UI in #search. A query sent by the header box (?q=...) starts a search at once.
   Progressive enhancement: without JavaScript the page offers links to the lists instead. */
(function () {
  "use strict";
  // The site may live under a path (https://org.github.io/cekfakta/): this script is ROOT/static/search.js,
  // so the site's root path, the search bundle and the results' addresses all follow from where it was loaded.
  var script = document.currentScript;
  var root = script ? new URL("../", script.src).pathname : "/";
  function start() {
    if (!document.getElementById("search") || typeof window.PagefindUI !== "function") {
      return;
    }
    // The widget's words from the site's catalogue (Pagefind has no Malay of its own, for one).
    var words = document.getElementById("search").getAttribute("data-translations");
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: root + "pagefind/",
      baseUrl: root,
      showSubResults: false,
      showImages: false,
      translations: words ? JSON.parse(words) : {}
    });
    // Pagefind's form carries action="javascript:void(0);" although it never submits (it searches as one
    // types); drop it so the page holds no javascript: URL that a strict Content-Security-Policy would refuse.
    document.querySelectorAll("#search form[action^='javascript:']").forEach(function (form) {
      form.removeAttribute("action");
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      // Pagefind counts a search's filters over the filter files it has loaded so far, and its UI keeps the
      // first counts it gets: a search started at once could leave verdict or topic out of the filter
      // panel. Load every filter first (the UI shares this module and its loaded files), then search.
      import(root + "pagefind/pagefind.js")
        .then(function (pagefind) { return pagefind.filters(); })
        .catch(function () { return null; })
        .then(function () { ui.triggerSearch(query); });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
