/* Sortable tables, as progressive enhancement: without this script every table
 * still reads in its published order. Each header of a table[data-sortable] gets a
 * real <button> (keyboard and touch friendly) and the header carries aria-sort,
 * so screen readers announce the order. A cell's data-sort attribute, when
 * present, is the value to sort by (numbers, status order); an empty one sorts last. */
(function () {
  "use strict";

  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

  function keyOf(row, column) {
    var cell = row.cells[column];
    if (!cell) { return ""; }
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    return raw.trim();
  }

  function compare(a, b) {
    if (a === b) { return 0; }
    if (a === "") { return 1; }
    if (b === "") { return -1; }
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) { return x - y; }
    return collator.compare(a, b);
  }

  function sortBy(table, header, column) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.forEach(function (row, i) { row._ptIndex = i; });
      rows.sort(function (r, s) {
        var a = keyOf(r, column), b = keyOf(s, column);
        /* Empty values stay last in both directions; ties keep the published order. */
        if (a === "" || b === "") { return compare(a, b) || r._ptIndex - s._ptIndex; }
        var order = compare(a, b);
        return (ascending ? order : -order) || r._ptIndex - s._ptIndex;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  }

  function enhance(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pt-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      button.title = "Sắp xếp theo cột này";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, column); });
    });
  }

  function start() {
    document.querySelectorAll("table[data-sortable]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
