/* Portal behaviour, progressive: every page works without it.
 * No inline scripts anywhere, so the Content-Security-Policy can forbid them. */
(function () {
  "use strict";

  /* Same folding as portal.paths.fold: lower case, no tones, đ -> d. */
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  window.portalFold = fold;

  function setupUnitFilter(box) {
    var input = box.querySelector("input");
    var list = box.querySelector(".pt-unit-matches");
    var count = box.querySelector("[aria-live]");
    var base = box.getAttribute("data-base");
    var units = null;
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(box.getAttribute("data-units-url"))
          .then(function (r) { return r.json(); })
          .then(function (rows) {
            units = rows.map(function (row) { return [row[0], row[1], fold(row[1]), row[2] || ""]; });
          });
      }
      return loading;
    }

    function show() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) { list.hidden = true; count.textContent = ""; return; }
      var matches = units.filter(function (row) {
        return words.every(function (w) { return row[2].indexOf(w) !== -1; });
      });
      matches.slice(0, 50).forEach(function (row) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = base + "don-vi/" + row[0] + "/";
        a.textContent = row[1];
        li.appendChild(a);
        if (row[3]) {
          /* A former unit is marked as such (pages/units.unit_list). */
          var note = document.createElement("span");
          note.className = "pt-former pt-meta";
          note.textContent = " — " + row[3];
          li.appendChild(note);
        }
        list.appendChild(li);
      });
      list.hidden = matches.length === 0;
      count.textContent = matches.length === 0 ? "Không có đơn vị nào khớp"
        : "Có " + matches.length + " đơn vị khớp" + (matches.length > 50 ? ", hiện 50 đơn vị đầu" : "");
    }

    input.addEventListener("input", function () { load().then(show); });
  }

  function start() {
    document.querySelectorAll(".pt-filter[data-units-url]").forEach(setupUnitFilter);
  }

  /* Material's instant navigation is off, so DOMContentLoaded is enough. */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
