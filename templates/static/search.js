/* Search page: Pagefind's UI in #search. A query sent by the header box (?q=...) starts a search at once.
   Progressive enhancement: without JavaScript the page offers links to the lists instead. */
(function () {
  "use strict";
  function start() {
    if (!document.getElementById("search") || typeof window.PagefindUI !== "function") {
      return;
    }
    var ui = new window.PagefindUI({
      element: "#search",
      bundlePath: "/pagefind/",
      showSubResults: false,
      showImages: false
    });
    // Pagefind's form carries action="javascript:void(0);" although it never submits (it searches as one
    // types); drop it so the page holds no javascript: URL that a strict Content-Security-Policy would refuse.
    document.querySelectorAll("#search form[action^='javascript:']").forEach(function (form) {
      form.removeAttribute("action");
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
