// The "Print" button of the annual report and the implementation matrix (a script file of its own: the site's
// Content-Security-Policy allows no inline script and no javascript: address).
// Without JavaScript the button stays hidden: the browser's own Print does the same.
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
