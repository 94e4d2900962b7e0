/* Unit filter of the calendar pages (/lich/...). Loaded only there.
 * Without it every activity stays visible; the select is shown only when this runs. */
(function () {
  "use strict";

  function setup(box) {
    var select = box.querySelector("select");
    var count = box.querySelector("[aria-live]");
    var rows = Array.prototype.slice.call(document.querySelectorAll(".pt-tl [data-unit]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".pt-tl__group"));

    function apply() {
      var chosen = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var unit = row.getAttribute("data-unit");
        var match = !chosen || unit === chosen || unit.indexOf(chosen + "/") === 0;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      /* A group left with no activity of the chosen unit keeps only its campaign line. */
      groups.forEach(function (group) {
        var own = group.querySelectorAll("[data-unit]");
        var visible = group.querySelectorAll("[data-unit]:not([hidden])");
        group.classList.toggle("pt-tl__group--empty", own.length > 0 && visible.length === 0);
      });
      count.textContent = chosen ? "Đang hiện " + shown + "/" + rows.length + " hoạt động" : "";
    }

    select.addEventListener("change", apply);
    box.hidden = false;
    apply();
  }

  function start() {
    document.querySelectorAll(".pt-cal-filter").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
