/* Portal search: the header box and the results page, over the portal's own
 * static index (hooks/portal/derive/search.py documents its files and formats).
 *
 * Nothing of the index is fetched until someone searches. A query then fetches
 * the manifest (once), the shard of each of its words, the page lists of the
 * filters set and the records of the results shown, a batch at a time (on
 * the results page also their opening text, for the excerpts).
 * Words match without their diacritics ("dong" finds "Đông"); a word typed
 * with them ranks pages with that exact form first; words found side by side
 * as typed ("đuối nước") rank before words found apart.
 * No inline scripts, no other hosts: the Content-Security-Policy forbids both.
 */
(function () {
  "use strict";

  var INDEX_DIR = "tim-kiem/chi-muc/"; /* search.INDEX_DIR */
  var WEIGHTS = [4, 2, 1];             /* title, strong, body: search.TITLE, STRONG, BODY */
  var UNIT_BODY = 0.5;                 /* a unit page's body lists its documents, which are indexed too */
  var MAX_WORD = 40;                   /* search.MAX_WORD */
  var PREFIX_TERMS = 50;
  var PHRASE = 1;                      /* weight of a pair of query words found side by side */
  var HEADER_LIMIT = 6;
  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 180;
  var WORD = /[\p{L}\p{N}]+/gu;        /* Python's [^\W_]+ */
  var VOCABULARY = "goi-y.txt";        /* search_vocabulary.VOCABULARY */
  var SUGGESTIONS = 3;                 /* corrected queries offered after a query without results */
  var NEIGHBOURS = 4;                  /* nearest words tried for each word */
  var TRIES = 6;                       /* corrected queries tried at most, one after another */
  var UNITS = 3;                       /* unit pages offered at most, from the first results of each suggestion */
  var engine = null;

  /* Same folding as portal.paths.fold: lower case, no tones, đ -> d. */
  function fold(text) {
    return text.normalize("NFC").replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* Same split as search.words. */
  function words(text) {
    return (text.normalize("NFC").toLowerCase().match(WORD) || []).filter(function (w) {
      return w.length <= MAX_WORD;
    });
  }

  /* The site root, from the form's action (".../tim-kiem/"): works under any sub-path. */
  function siteRoot(form) {
    return new URL("../", new URL(form.getAttribute("action"), document.baseURI));
  }

  function get(url, kind) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return kind === "json" ? response.json() : kind === "text" ? response.text() : response.arrayBuffer();
    });
  }

  /* --- the binary formats ------------------------------------------------ */

  function Reader(buffer) {
    this.bytes = new Uint8Array(buffer);
    this.at = 0;
  }
  Reader.prototype.varint = function () {
    var value = 0;
    var scale = 1;
    var byte;
    do {
      byte = this.bytes[this.at++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    return value;
  };
  var utf8 = new TextDecoder();
  Reader.prototype.string = function () {
    var length = this.varint();
    var text = utf8.decode(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  };
  /* A list's place in the file, decoded only when a query needs it. */
  Reader.prototype.list = function () {
    var header = this.varint();
    var list = { bytes: this.bytes, at: this.at, length: Math.floor(header / 2), bitmap: header % 2 === 1 };
    this.at += list.length;
    return list;
  };

  function decodeList(list) {
    var ids = [];
    var bytes = list.bytes;
    var end = list.at + list.length;
    var at = list.at;
    if (list.bitmap) {
      for (; at < end; at++) {
        for (var bit = 0, byte = bytes[at]; byte; bit++, byte >>= 1) {
          if (byte & 1) { ids.push((at - list.at) * 8 + bit); }
        }
      }
      return ids;
    }
    var reader = { bytes: bytes, at: at, varint: Reader.prototype.varint };
    var previous = -1;
    while (reader.at < end) {
      var gap = reader.varint();
      previous = previous < 0 ? gap : previous + gap;
      ids.push(previous);
    }
    return ids;
  }

  /* One shard: its keys in order, each with its written forms and their three lists. */
  function Shard(buffer) {
    var reader = new Reader(buffer);
    var count = reader.varint();
    this.terms = {};
    this.keys = [];
    for (var i = 0; i < count; i++) {
      var key = reader.string();
      var forms = [];
      for (var f = reader.varint(); f > 0; f--) {
        var text = reader.string() || key;
        forms.push({ text: text, lists: [reader.list(), reader.list(), reader.list()] });
      }
      this.terms[key] = forms;
      this.keys.push(key);
    }
  }

  /* The last shard whose first key is not after ``key`` (keys are in JavaScript string order). */
  function shardOf(firsts, key) {
    var low = 0;
    var high = firsts.length - 1;
    var found = 0;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (firsts[middle] <= key) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }

  /* --- the index ---------------------------------------------------------- */

  function Index(root, manifest) {
    this.base = new URL(INDEX_DIR, root);
    this.manifest = manifest;
    this.files = {};
  }
  Index.prototype.file = function (name, kind) {
    if (!this.files[name]) {
      var url = new URL(name, this.base);
      /* The version names the build: a cached file of another build is never mixed in. */
      url.searchParams.set("v", this.manifest.version);
      var files = this.files;
      files[name] = get(url.href, kind);
      files[name].catch(function () { delete files[name]; });
    }
    return this.files[name];
  };
  Index.prototype.shard = function (key) {
    var name = "s/" + shardOf(this.manifest.shards, key) + ".bin";
    var self = this;
    if (!this.files[name + "#parsed"]) {
      this.files[name + "#parsed"] = this.file(name, "binary").then(function (buffer) { return new Shard(buffer); });
      this.files[name + "#parsed"].catch(function () { delete self.files[name + "#parsed"]; });
    }
    return this.files[name + "#parsed"];
  };
  Index.prototype.filter = function (facet, value) {
    var number = (this.manifest.filters[facet] || {})[value];
    if (number === undefined) { return Promise.resolve([]); }
    return this.file("f/" + number + ".bin", "binary").then(function (buffer) {
      return decodeList(new Reader(buffer).list());
    });
  };
  Index.prototype.records = function (ids) {
    var chunk = this.manifest.chunk;
    var self = this;
    return Promise.all(ids.map(function (id) {
      return self.file("r/" + Math.floor(id / chunk) + ".json", "json").then(function (rows) {
        return rows[id % chunk];
      });
    }));
  };

  Index.prototype.texts = function (ids) {
    var self = this;
    var per = this.manifest.excerpts;
    /* Excerpts are packed several pages to a file (hosts limit the file count). */
    return Promise.all(ids.map(function (id) {
      return self.file("t/" + Math.floor(id / per) + ".json", "json").then(function (texts) { return texts[id % per]; });
    }));
  };

  function load(root) {
    if (!engine) {
      engine = get(new URL(INDEX_DIR + "manifest.json", root).href, "json").then(function (manifest) {
        return new Index(root, manifest);
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* The page ids that match every word of ``query`` and every filter, best first.
   * A page's score for a word is the best of its forms: idf × weight of the
   * word's place on the page (title, strong, body). Pages with more words in
   * the exact form typed (when typed with diacritics) come first; then score;
   * then page id, which is the index's static rank. The last word, if it is
   * in no page, is taken as the beginning of a word (the reader is typing). */
  function find(index, query, filters) {
    var seen = {};
    var items = words(query).filter(function (w) { return seen[w] ? false : (seen[w] = true); }).map(function (w) {
      return { word: w, key: fold(w), exact: fold(w) !== w };
    });
    if (!items.length) { return Promise.resolve([]); }
    var pairs = items.slice(1).map(function (item, i) { return items[i].key + " " + item.key; });
    var facets = Object.keys(filters);
    return Promise.all([
      Promise.all(items.map(function (item) { return index.shard(item.key); })),
      Promise.all(pairs.map(function (pair) { return index.shard(pair); })),
      Promise.all(facets.map(function (facet) { return index.filter(facet, filters[facet]); })),
    ]).then(function (loaded) {
      return rank(index.manifest, items, loaded[0], pairs, loaded[1], loaded[2]);
    });
  }

  /* Each key's forms with their decoded lists, and how many pages hold any. */
  function postings(shard, key, pages) {
    var forms = shard.terms[key].map(function (form) {
      return { text: form.text, lists: form.lists.map(decodeList) };
    });
    var seen = new Uint8Array(pages);
    var count = 0;
    forms.forEach(function (form) {
      form.lists.forEach(function (ids) {
        ids.forEach(function (id) { if (!seen[id]) { seen[id] = 1; count++; } });
      });
    });
    return { forms: forms, idf: Math.log(1 + pages / count) };
  }

  function rank(manifest, items, shards, pairs, pairShards, filterLists) {
    var pages = manifest.pages;
    var units = manifest.units;
    function weight(place, id) { return place === 2 && id < units ? UNIT_BODY : WEIGHTS[place]; }
    var total = new Float64Array(pages);
    var matched = new Uint8Array(pages);
    var exact = new Uint8Array(pages);
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var shard = shards[i];
      var keys = shard.terms[item.key] ? [item.key] : [];
      if (!keys.length && i === items.length - 1) {
        keys = shard.keys.filter(function (k) {
          return k.indexOf(item.key) === 0 && k.indexOf(" ") === -1;
        }).slice(0, PREFIX_TERMS);
      }
      if (!keys.length) { return []; }
      var best = new Float64Array(pages);
      /* Pages with the exact form typed are scored by that form alone. */
      var bestExact = new Float64Array(pages);
      var isExact = new Uint8Array(pages);
      keys.forEach(function (key) {
        var term = postings(shard, key, pages);
        term.forms.forEach(function (form) {
          var same = item.exact && form.text === item.word;
          form.lists.forEach(function (ids, place) {
            ids.forEach(function (id) {
              var score = term.idf * weight(place, id);
              if (score > best[id]) { best[id] = score; }
              if (same) {
                isExact[id] = 1;
                if (score > bestExact[id]) { bestExact[id] = score; }
              }
            });
          });
        });
      });
      for (var id = 0; id < pages; id++) {
        if (best[id] > 0) {
          total[id] += isExact[id] ? bestExact[id] : best[id];
          matched[id]++;
          exact[id] += isExact[id];
        }
      }
    }
    /* Words side by side, as typed: a bonus, not a condition. */
    pairs.forEach(function (pair, i) {
      if (!pairShards[i].terms[pair]) { return; }
      var term = postings(pairShards[i], pair, pages);
      term.forms[0].lists.forEach(function (ids, place) {
        ids.forEach(function (id) { total[id] += PHRASE * term.idf * weight(place, id); });
      });
    });
    var allowed = filterLists.map(function (ids) {
      var mask = new Uint8Array(pages);
      ids.forEach(function (id) { mask[id] = 1; });
      return mask;
    });
    var found = [];
    for (var page = 0; page < pages; page++) {
      if (matched[page] === items.length && allowed.every(function (mask) { return mask[page]; })) {
        found.push(page);
      }
    }
    found.sort(function (a, b) { return (exact[b] - exact[a]) || (total[b] - total[a]) || (a - b); });
    return found;
  }

  /* --- suggestions, when a query finds nothing ----------------------------- */

  /* The index's words, most frequent first (search_vocabulary): fetched on the first empty result only. */
  Index.prototype.vocabulary = function () {
    var self = this;
    if (!this.words) {
      this.words = this.file(VOCABULARY, "text").then(function (text) {
        var keys = [];
        var forms = {};
        text.split("\n").forEach(function (line) {
          var tab = line.indexOf("\t");
          var key = tab < 0 ? line : line.slice(0, tab);
          if (!key) { return; }
          keys.push(key);
          forms[key] = tab < 0 ? key : line.slice(tab + 1);
        });
        return { keys: keys, forms: forms };
      });
      this.words.catch(function () { self.words = null; });
    }
    return this.words;
  };

  /* Edit distance with adjacent swaps ("trugn" is one step from "trung"), given up above ``limit``. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) { previous.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d = Math.min(d, before[j - 2] + 1); }
        row.push(d);
        least = Math.min(least, d);
      }
      if (least > limit) { return limit + 1; }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* The indexed words nearest to ``key`` (one step for short words, two for longer), common ones first. */
  function neighbours(vocabulary, key) {
    var limit = key.length <= 4 ? 1 : 2;
    var found = [];
    vocabulary.keys.forEach(function (word, rank) {
      if (word === key) { return; }
      var d = distance(key, word, limit);
      if (d <= limit) { found.push({ key: word, cost: d * 100000 + rank }); }
    });
    found.sort(function (a, b) { return a.cost - b.cost; });
    return found.slice(0, NEIGHBOURS);
  }

  /* Queries with the words typed corrected, nearest first: the words the index does not know, or
   * (when it knows them all but no page has them together) one word at a time. */
  function corrections(vocabulary, query) {
    var typed = words(query);
    /* Words the vocabulary leaves out (numbers; fewer than 2 or more than 20 letters: search_vocabulary) are never corrected. */
    var known = function (w) {
      var key = fold(w);
      return /\d/.test(w) || key.length < 2 || key.length > 20 || Object.prototype.hasOwnProperty.call(vocabulary.forms, key);
    };
    var wrong = typed.map(function (w, i) { return known(w) ? -1 : i; }).filter(function (i) { return i >= 0; });
    var variants = [{ words: typed, cost: 0 }];
    if (wrong.length) {
      wrong.forEach(function (at) {
        var options = neighbours(vocabulary, fold(typed[at]));
        var next = [];
        variants.forEach(function (variant) {
          options.forEach(function (option) {
            var changed = variant.words.slice();
            changed[at] = vocabulary.forms[option.key];
            next.push({ words: changed, cost: variant.cost + option.cost });
          });
        });
        variants = next.sort(function (a, b) { return a.cost - b.cost; }).slice(0, TRIES);
      });
    } else {
      variants = [];
      typed.forEach(function (w, at) {
        if (/\d/.test(w) || fold(w).length < 2) { return; }
        neighbours(vocabulary, fold(w)).forEach(function (option) {
          var changed = typed.slice();
          changed[at] = vocabulary.forms[option.key];
          variants.push({ words: changed, cost: option.cost });
        });
      });
      variants = variants.sort(function (a, b) { return a.cost - b.cost; }).slice(0, TRIES);
    }
    return variants.map(function (variant) { return variant.words.join(" "); });
  }

  /* How many pairs of adjacent words of ``text`` the index holds side by side somewhere. */
  function pairsFound(index, text) {
    var keys = words(text).map(fold);
    var pairs = keys.slice(1).map(function (key, i) { return keys[i] + " " + key; });
    return Promise.all(pairs.map(function (pair) { return index.shard(pair); })).then(function (shards) {
      return shards.filter(function (shard, i) { return shard.terms[pairs[i]]; }).length;
    });
  }

  /* Does ``title`` hold every word of ``text``, diacritics aside? (A unit found by its own name.) */
  function names(title, text) {
    var held = words(title).map(fold);
    return words(text).every(function (w) { return held.indexOf(fold(w)) !== -1; });
  }

  /* What to offer after a query without results: corrected queries that do find pages (those with
   * their words side by side somewhere first, the others left out then), and the unit pages found
   * by their name (a misspelt commune). Corrections are tried one after another, nearest first, and
   * the search stops at one whose words all stand side by side: each try may fetch a shard.
   * Resolves to null when there is nothing to offer. */
  function suggest(index, query, filters) {
    return index.vocabulary().then(function (vocabulary) {
      var tries = corrections(vocabulary, query);
      var whole = Math.max(words(query).length - 1, 0);
      var hits = [];
      function next(at) {
        if (at >= tries.length) { return Promise.resolve(); }
        return find(index, tries[at], filters).then(function (found) {
          if (!found.length) { return next(at + 1); }
          return pairsFound(index, tries[at]).then(function (pairs) {
            hits.push({ query: tries[at], first: found.slice(0, UNITS), pairs: pairs });
            var enough = pairs === whole && (whole > 0 || hits.length >= SUGGESTIONS);
            return enough ? null : next(at + 1);
          });
        });
      }
      return next(0).then(function () {
        var most = Math.max.apply(null, hits.map(function (hit) { return hit.pairs; }).concat([0]));
        var kept = hits.filter(function (hit) { return hit.pairs === most; }).slice(0, SUGGESTIONS);
        if (!kept.length) { return null; }
        var ids = [];
        var asked = [];
        kept.forEach(function (k) { k.first.forEach(function (id) { ids.push(id); asked.push(k.query); }); });
        return index.records(ids).then(function (records) {
          var units = [];
          records.forEach(function (record, i) {
            if (units.length < UNITS && record[3] === "Đơn vị" && names(record[1].split(", ")[0], asked[i]) &&
                units.every(function (u) { return u[0] !== record[0]; })) { units.push(record); }
          });
          return { queries: kept.map(function (k) { return k.query; }), units: units };
        });
      });
    }).catch(function (error) {
      if (window.console) { console.error("Gợi ý tìm kiếm:", error); }
      return null;
    });
  }

  /* The suggestions as links: each corrected query opens the results page with it. */
  function suggestionBlock(root, linkTo, found) {
    var block = document.createElement("div");
    block.className = "pt-suggest";
    var line = document.createElement("p");
    line.append("Có phải bạn muốn tìm: ");
    found.queries.forEach(function (text, i) {
      var link = document.createElement("a");
      link.className = "pt-suggest__query";
      link.href = linkTo(text);
      link.textContent = text;
      if (i) { line.append(", "); }
      line.append("«", link, "»");
    });
    line.append("?");
    block.appendChild(line);
    found.units.forEach(function (record) {
      var unit = document.createElement("p");
      unit.append("Trang đơn vị: ");
      var link = document.createElement("a");
      link.className = "pt-suggest__unit";
      link.href = new URL(record[0], root).href;
      link.textContent = record[1];
      unit.appendChild(link);
      block.appendChild(unit);
    });
    return block;
  }

  /* A query without results: the suggestions, or a way on when there are none. */
  function emptyState(index, root, linkTo, query, filters) {
    return suggest(index, query, filters).then(function (found) {
      if (found) {
        return { node: suggestionBlock(root, linkTo, found), said: " Có phải bạn muốn tìm «" + found.queries[0] + "»?" };
      }
      var block = document.createElement("p");
      block.className = "pt-suggest";
      block.append("Hãy thử ít từ hơn, hoặc tìm xã, phường của bạn trong ");
      var link = document.createElement("a");
      link.href = new URL("don-vi/", root).href;
      link.textContent = "danh sách đơn vị";
      block.append(link, ".");
      return { node: block, said: "" };
    });
  }

  /* --- the interface ------------------------------------------------------ */

  function matches(word, keys) {
    return words(word).some(function (part) {
      var folded = fold(part);
      return keys.some(function (k) { return folded.indexOf(k) === 0; });
    });
  }

  /* About 32 words of the page's text where most query words stand close
   * together ("đuối nước"), not merely the first that matches one, marked. */
  function excerpt(text, query) {
    var keys = words(query).map(fold);
    var all = text.split(/\s+/).filter(Boolean);
    var hits = all.map(function (w) { return matches(w, keys) ? 1 : 0; });
    var best = -1;
    var bestCount = 0;
    for (var at = 0; at < all.length; at++) {
      if (!hits[at]) { continue; }
      var count = hits.slice(at, at + 6).reduce(function (a, b) { return a + b; }, 0);
      if (count > bestCount) { best = at; bestCount = count; }
    }
    var start = Math.max(0, (best === -1 ? 0 : best) - 8);
    var end = Math.min(all.length, start + 32);
    var p = document.createElement("p");
    p.className = "pt-result__excerpt";
    if (start > 0) { p.append("… "); }
    for (var i = start; i < end; i++) {
      if (hits[i]) {
        var mark = document.createElement("mark");
        mark.textContent = all[i];
        p.append(mark);
      } else {
        p.append(all[i]);
      }
      if (i < end - 1) { p.append(" "); }
    }
    if (end < all.length) { p.append(" …"); }
    return p;
  }

  /* [path, title, unit, kind, year, number, former?] (search._record). */
  function describe(record) {
    var parts = [];
    if (record[2]) { parts.push(record[2]); }
    if (record[3]) { parts.push(record[3]); }
    if (record[5]) { parts.push("số " + record[5]); }
    if (record[4] && record[3] !== "Đơn vị") { parts.push("năm " + record[4]); }
    return parts.join(" · ");
  }

  function resultItem(root, record, query, text) {
    var li = document.createElement("li");
    li.className = "pt-result";
    var link = document.createElement("a");
    link.className = "pt-result__title";
    link.href = new URL(record[0], root).href;
    link.textContent = record[1] || record[0];
    li.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "pt-result__meta";
    meta.textContent = describe(record);
    li.appendChild(meta);
    if (record[6]) {
      /* A page of a former unit: which one, and where it belongs today (search.lineage). */
      var former = document.createElement("p");
      former.className = "pt-result__former";
      former.textContent = record[6].charAt(0).toUpperCase() + record[6].slice(1);
      li.appendChild(former);
    }
    if (text) { li.appendChild(excerpt(text, query)); }
    return li;
  }

  function summary(count, query) {
    return count
      ? "Có " + count + " kết quả cho «" + query + "»"
      : "Không tìm thấy kết quả nào cho «" + query + "»";
  }

  /* Shows ``empty`` (emptyState) in place of an earlier one, after ``status``. */
  function showEmpty(status, empty) {
    var old = status.parentNode.querySelector(".pt-suggest");
    if (old) { old.remove(); }
    if (empty) { status.after(empty.node); }
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
      load(root).then(function (index) {
        return find(index, query, {}).then(function (results) {
          if (!results.length) {
            return emptyState(index, root, function (text) {
              return form.getAttribute("action") + "?q=" + encodeURIComponent(text);
            }, query, {}).then(function (empty) {
              if (mine !== sequence) { return; }
              list.textContent = "";
              showEmpty(status, empty);
              status.textContent = summary(0, query) + empty.said;
            });
          }
          return index.records(results.slice(0, HEADER_LIMIT)).then(function (records) {
            if (mine !== sequence) { return; }
            list.textContent = "";
            showEmpty(status, null);
            records.forEach(function (record) { list.appendChild(resultItem(root, record, query, "")); });
            status.textContent = summary(results.length, query);
          });
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
    var current = { index: null, results: [], shown: 0, query: "" };

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
      return Promise.all([current.index.records(batch), current.index.texts(batch)]).then(function (loaded) {
        if (mine !== sequence) { return; }
        loaded[0].forEach(function (record, i) {
          list.appendChild(resultItem(root, record, current.query, loaded[1][i]));
        });
        current.shown += batch.length;
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
      showEmpty(status, null);
      if (!query) { status.textContent = ""; return; }
      status.textContent = "Đang tìm…";
      load(root).then(function (index) {
        return find(index, query, filters()).then(function (results) {
          if (mine !== sequence) { return; }
          current = { index: index, results: results, shown: 0, query: query };
          showEmpty(status, null);
          if (!results.length) {
            return emptyState(index, root, function (text) {
              var next = new URLSearchParams(location.search);
              next.set("q", text);
              return location.pathname + "?" + next.toString();
            }, query, filters()).then(function (empty) {
              if (mine !== sequence) { return; }
              showEmpty(status, empty);
              status.textContent = summary(0, query) + empty.said;
            });
          }
          /* The count is announced once the first results are on the page. */
          return showMore().then(function () {
            if (mine === sequence) { status.textContent = summary(results.length, query); }
          });
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
