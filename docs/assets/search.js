/* Portal search: a small interface over Pagefind's JavaScript API.
 *
 * Pagefind's own UI was not used: its results cannot show the unit with its
 * parents, and it does not fold "đ" in the query. Here the engine is imported
 * on the first keystroke only, so a page costs nothing of the index until
 * someone searches. The index (hooks/portal/search.py) holds every page's
 * words containing đ/Đ in folded form, after a marker; the query is searched
 * as typed and folded, and the two result lists are merged, exact matches
 * first, so "Đông" ranks pages with "Đông" before pages with "dong".
 * No inline scripts, no other hosts: the Content-Security-Policy forbids both.
 */
(function () {
  "use strict";

  var TAIL_MARKER = "\u2042"; /* ⁂, as in hooks/portal/search.py */
  var HEADER_LIMIT = 6;
  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 180;
  var engine = null;

  /* Same folding as portal.paths.fold: lower case, no tones, đ -> d. */
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function terms(query) {
    return fold(query).split(/[^0-9a-z]+/).filter(Boolean);
  }

  /* The site root, from the form's action (".../tim-kiem/"): works under any sub-path. */
  function siteRoot(form) {
    return new URL("../", new URL(form.getAttribute("action"), document.baseURI));
  }

  function load(root) {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: root.pathname, excerptLength: 30 }))
          .then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* Searches run one at a time: each sets the engine's diacritic mode first. */
  var queue = Promise.resolve();
  function serial(task) {
    var next = queue.then(task, task);
    queue = next.catch(function () {});
    return next;
  }

  function searchWith(pagefind, query, filters, exact) {
    return serial(function () {
      return Promise.resolve(pagefind.options({ exactDiacritics: exact })).then(function () {
        return pagefind.search(query, { filters: filters });
      });
    });
  }

  /* A query typed with diacritics is searched twice: as typed, with the
   * engine's exact-diacritics mode ("Đông" finds "đông", not "động"), then
   * folded ("dong" also finds the folded đ words of the index). The exact
   * results come first. A query typed without them is searched once. */
  function find(pagefind, query, filters) {
    var raw = query.trim();
    var folded = fold(raw);
    var runs = folded === raw.toLowerCase()
      ? [searchWith(pagefind, folded, filters, false)]
      : [searchWith(pagefind, raw, filters, true), searchWith(pagefind, folded, filters, false)];
    return Promise.all(runs).then(function (sets) {
      var seen = {};
      var merged = [];
      sets.forEach(function (set) {
        (set ? set.results : []).forEach(function (result) {
          if (!seen[result.id]) {
            seen[result.id] = true;
            merged.push(result);
          }
        });
      });
      return merged;
    });
  }

  function matches(word, wanted) {
    return fold(word).split(/[^0-9a-z]+/).some(function (part) {
      return part && wanted.some(function (t) { return part.indexOf(t) === 0; });
    });
  }

  /* An excerpt of the visible text around the first match, matches marked.
   * Built here rather than taken from Pagefind, whose excerpt may fall in the
   * folded tail and whose marks miss "Đông" for "dong". */
  function excerpt(content, query) {
    var cut = content.indexOf(TAIL_MARKER);
    var words = (cut === -1 ? content : content.slice(0, cut)).split(/\s+/).filter(Boolean);
    var wanted = terms(query);
    var hits = words.map(function (w) { return matches(w, wanted) ? 1 : 0; });
    /* The place where most query words stand close together ("đuối nước"),
     * not merely the first word that matches one of them. */
    var best = -1;
    var bestCount = 0;
    for (var at = 0; at < words.length; at++) {
      if (!hits[at]) { continue; }
      var count = hits.slice(at, at + 6).reduce(function (a, b) { return a + b; }, 0);
      if (count > bestCount) { best = at; bestCount = count; }
    }
    var start = Math.max(0, (best === -1 ? 0 : best) - 8);
    var end = Math.min(words.length, start + 32);
    var p = document.createElement("p");
    p.className = "pt-result__excerpt";
    if (start > 0) { p.append("… "); }
    for (var i = start; i < end; i++) {
      if (hits[i]) {
        var mark = document.createElement("mark");
        mark.textContent = words[i];
        p.append(mark);
      } else {
        p.append(words[i]);
      }
      if (i < end - 1) { p.append(" "); }
    }
    if (end < words.length) { p.append(" …"); }
    return p;
  }

  function describe(meta) {
    var parts = [];
    if (meta.unit) { parts.push(meta.unit); }
    if (meta.kind) { parts.push(meta.kind); }
    if (meta.number) { parts.push("số " + meta.number); }
    if (meta.year && meta.kind !== "Đơn vị") { parts.push("năm " + meta.year); }
    return parts.join(" · ");
  }

  function resultItem(data, query, withExcerpt) {
    var li = document.createElement("li");
    li.className = "pt-result";
    var link = document.createElement("a");
    link.className = "pt-result__title";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    li.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "pt-result__meta";
    meta.textContent = describe(data.meta);
    li.appendChild(meta);
    if (withExcerpt) { li.appendChild(excerpt(data.content || "", query)); }
    return li;
  }

  function failure(status) {
    return function (error) {
      status.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử lại sau.";
      if (window.console) { console.error("Tìm kiếm:", error); }
    };
  }

  /* The box in the header: a few results under it while typing, Enter opens the results page. */
  function setupHeader(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".pt-search__panel");
    var status = panel.querySelector(".pt-search__status");
    var list = panel.querySelector(".pt-search__list");
    var all = panel.querySelector(".pt-search__all");
    var root = siteRoot(form);
    var timer = null;
    var sequence = 0;

    function open(isOpen) {
      panel.hidden = !isOpen;
      input.setAttribute("aria-expanded", isOpen ? "true" : "false");
    }

    function run() {
      var query = input.value.trim();
      var mine = ++sequence;
      if (!query) { open(false); return; }
      status.textContent = "Đang tìm…";
      open(true);
      all.href = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
      load(root).then(function (pagefind) { return find(pagefind, query, {}); }).then(function (results) {
        return Promise.all(results.slice(0, HEADER_LIMIT).map(function (r) { return r.data(); }))
          .then(function (rows) {
            if (mine !== sequence) { return; }
            list.textContent = "";
            rows.forEach(function (data) { list.appendChild(resultItem(data, query, false)); });
            status.textContent = results.length
              ? "Có " + results.length + " kết quả cho «" + query + "»"
              : "Không tìm thấy kết quả nào cho «" + query + "»";
          });
      }).catch(failure(status));
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        open(false);
        input.focus();
      } else if (event.key === "ArrowDown" && !panel.hidden && links.length) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at !== -1) {
        event.preventDefault();
        (at === 0 ? input : links[at - 1]).focus();
      }
    });
    form.addEventListener("focusout", function () {
      setTimeout(function () {
        if (!form.contains(document.activeElement)) { open(false); }
      }, 0);
    });
  }

  /* The results page (/tim-kiem/?q=…&tinh=…&nam=…&loai=…). */
  function setupPage(form) {
    var input = form.querySelector("input[name=q]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var status = document.querySelector(".pt-search-page__status");
    var list = document.querySelector(".pt-results");
    var more = document.querySelector(".pt-results__more");
    var root = siteRoot(form);
    var params = new URLSearchParams(location.search);
    var timer = null;
    var sequence = 0;
    var current = { results: [], shown: 0, query: "" };

    input.value = params.get("q") || "";
    selects.forEach(function (select) { select.value = params.get(select.name) || ""; });

    function filters() {
      var chosen = {};
      selects.forEach(function (select) {
        if (select.value) { chosen[select.getAttribute("data-filter")] = select.value; }
      });
      return chosen;
    }

    function remember(query) {
      var next = new URLSearchParams();
      if (query) { next.set("q", query); }
      selects.forEach(function (select) { if (select.value) { next.set(select.name, select.value); } });
      var search = next.toString();
      history.replaceState(null, "", search ? "?" + search : location.pathname);
    }

    function showMore() {
      var batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
      var mine = sequence;
      more.disabled = true;  /* one batch at a time, never the same twice */
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (rows) {
        if (mine !== sequence) { return; }
        rows.forEach(function (data) { list.appendChild(resultItem(data, current.query, true)); });
        current.shown += rows.length;
        more.disabled = false;
        more.hidden = current.shown >= current.results.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var mine = ++sequence;
      remember(query);
      list.textContent = "";
      more.hidden = true;
      if (!query) { status.textContent = ""; return; }
      status.textContent = "Đang tìm…";
      load(root).then(function (pagefind) { return find(pagefind, query, filters()); }).then(function (results) {
        if (mine !== sequence) { return; }
        current = { results: results, shown: 0, query: query };
        /* The count is announced once the first results are on the page. */
        return showMore().then(function () {
          if (mine !== sequence) { return; }
          status.textContent = results.length
            ? "Có " + results.length + " kết quả cho «" + query + "»"
            : "Không tìm thấy kết quả nào cho «" + query + "»";
        });
      }).catch(failure(status));
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    selects.forEach(function (select) { select.addEventListener("change", run); });
    more.addEventListener("click", function () { showMore(); });
    if (input.value.trim()) { run(); }
  }

  document.querySelectorAll("form[data-pt-search=header]").forEach(setupHeader);
  document.querySelectorAll("form[data-pt-search=page]").forEach(setupPage);
})();
