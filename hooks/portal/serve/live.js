// Live reload of the preview (python -m portal serve), never part of a built site.
// A file, not an inline script: the page's Content-Security-Policy allows only its own files.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script.getAttribute("data-version");
  var url = script.getAttribute("data-poll");
  function poll() {
    fetch(url, { cache: "no-store" }).then(function (response) {
      return response.ok ? response.text() : version;
    }).then(function (now) {
      if (now.trim() !== version) {
        window.location.reload();
      } else {
        window.setTimeout(poll, 250);
      }
    }, function () {
      window.setTimeout(poll, 1000); // the server is restarting
    });
  }
  window.setTimeout(poll, 250);
})();
