// Shell behaviour shared by every page. No inline scripts anywhere (see the CSP).
(function () {
  "use strict";
  // htmx requests of signed-in users carry the session's CSRF token as a header.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.body.dataset.csrf;
    if (token) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });
  // "Back to the form" on an error page: the browser's history keeps what was typed.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-history-back]");
    if (target && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
