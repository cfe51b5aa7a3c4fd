/* Claim pages: a "copy text" button for the share text, shown only where the clipboard can be used.
   Without JavaScript the text stays selectable in its read-only box. */
(function () {
  "use strict";
  function start() {
    var button = document.querySelector("[data-copy]");
    if (!button || !navigator.clipboard || !window.isSecureContext) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".share-status");
    button.parentNode.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        status.textContent = button.getAttribute("data-done");
      }, function () {
        source.select();
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
