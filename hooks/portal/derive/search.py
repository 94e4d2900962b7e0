"""Search index: the portal's own static index, split by term, for national portals.

Why not an existing engine: at 20,000 documents Pagefind made one query
download 310 kB-1.44 MB (its fixed part alone, page table and WebAssembly,
was ~290 kB) and needed 3.4 GB to build; lunr, MiniSearch, FlexSearch and Fuse
load one index of the whole site (README, "Tìm kiếm"). This index is built in
Python from what the pages already hold, and a query fetches only:

* ``manifest.json``: the first key of every shard and the filter files;
* the shard of each query word (``s/N.bin``, at most about ``SHARD_BYTES``);
* the records of the results shown (``r/N.json``, ``RECORDS_PER_CHUNK`` pages);
* on the results page, the opening text of each result shown, for an
  excerpt around the words found (``t/N.json``: the texts of
  ``EXCERPTS_PER_CHUNK`` consecutive pages, packed so that a national portal
  stays within the file limits of free hosts);
* for each filter set, its page list (``f/N.bin``);
* after a query without results, the words of the index (``goi-y.txt``,
  :mod:`portal.derive.search_vocabulary`) for spelling suggestions.

Keys are folded words (:func:`portal.paths.fold`: no tones, đ -> d), so
"duoi nuoc" finds "đuối nước"; under each key the index keeps every written
form ("đông", "động", "dong") with the pages that contain it, so a query typed
with diacritics can rank exact forms first. Pairs of adjacent words are keys
too ("duoi nuoc", one form): pages with a query's words side by side rank
before pages with them apart. Each form has three page lists,
by the best place the word holds on the page: title (a unit's own name, a
document's title and number), strong (unit label, headings, rest of a unit
label) and body. Page ids follow a static rank (units by level, documents
newest first, guides, the rest): equal scores keep that order.

Binary formats (read by docs/assets/search.js, ``decodeList`` and ``Shard``):

* varint: 7 bits per byte, low bits first, high bit set on all but the last;
* string: varint byte length, then UTF-8;
* list: varint ``length << 1 | bitmap`` then ``length`` bytes: either page-id
  gaps as varints (first id, then differences) or a bitmap (bit ``i % 8`` of
  byte ``i // 8`` set for page ``i``), whichever is shorter;
* shard: varint term count, then per term: key, varint form count, then per
  form: its text ("" when it equals the key) and three lists.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import threading
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .. import parallel
from ..paths import fold
from ..model.site import Output, SearchMeta
from ..output.files import write_file
from .search_vocabulary import VOCABULARY, vocabulary
from .search_codec import SHARD_BYTES, TermForm, new_ids, encode_list, encode_term, order_key, shards, varint

INDEX_DIR = "tim-kiem/chi-muc/"
EXCERPT_FILES = f"{INDEX_DIR}t/"
"""Folder of the index inside the site (fetched by docs/assets/search.js)."""
MANIFEST = INDEX_DIR + "manifest.json"
RECORDS_PER_CHUNK = 8
"""Result records per file: results are scattered, so each shown result costs about one file."""
EXCERPTS_PER_CHUNK = 4
"""Excerpts per file: one file per page was 25,559 files at 20,000 documents
(Cloudflare Pages holds 20,000 per site); four per file cost the costliest
query about three more excerpts per result shown (measured with
tests/measure_search.py, README "Tìm kiếm")."""
EXCERPT_CHARS = 1500
"""Text of a page kept for its excerpt: most generated documents whole, a long one its opening."""
MAX_WORD = 40
"""Longer "words" (URLs, hashes) are not indexed."""
TITLE, STRONG, BODY = 0, 1, 2
"""Places of a word on a page, best first (weights in docs/assets/search.js)."""
FACETS = ("province", "year", "kind")
"""Filters of the results page, from ``Page.search``."""
GUIDE_KIND = "Hướng dẫn"
UNIT_KIND = "Đơn vị"
DOCUMENT_KINDS = ("Kế hoạch", "Tin tức", "Báo cáo")

_WORD = re.compile(r"[^\W_]+")
_DROP = re.compile(r"<(script|style|svg|template|noscript)\b.*?</\1\s*>|<!--.*?-->"
                   # The page's address printed at the end of a document (document.html): paper only.
                   r'|<p class="pt-print-url">.*?</p>', re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Entry:
    """One indexed page."""

    path: str
    """Site path, "don-vi/thanh-hoa/ha-trung/ha-giang/" ("" is the home page)."""
    title: str
    meta: SearchMeta
    """``Page.search``: kind, year, unit, province, number."""
    places: tuple[str, str, str]
    """The page's terms by the best place they hold (title, strong, body), one per line.

    Made with the entry, where pages are rendered (in parallel), and kept as
    three strings: entries cross from the workers to the build cheaply.
    """
    excerpt: str = ""
    """The text a result's excerpt is cut from: the page's text after its title, shortened."""


def plain(fragment_html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return _text(_DROP.sub(" ", fragment_html))


def _text(fragment_html: str) -> str:
    """:func:`plain` of a fragment that has no invisible elements left."""
    text = _TAG.sub(" ", fragment_html)
    if "&" in text:
        text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut at a word boundary within ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:.") + " …"


def entry(path: str, title: str, body_html: str, meta: SearchMeta) -> Entry:
    """The entry of one page from its content HTML (regular expressions, no parser: it runs on every page)."""
    body_html = _DROP.sub(" ", body_html)
    headings = " ".join(_text(h) for h in _HEADING.findall(body_html))
    text = _text(body_html)
    # The title is shown above the excerpt, and the crumbs before it say nothing.
    at = text.find(title) if title else -1
    excerpt = text[at + len(title):].strip() if at >= 0 else text
    return Entry(path, title, meta, places(title, meta, headings, text), shorten(excerpt))


def places(title: str, meta: SearchMeta, headings: str, text: str) -> tuple[str, str, str]:
    """Each term of a page once, under the best place it holds (see :attr:`Entry.places`)."""
    place: dict[str, int] = {}
    for where, part in sorted(enumerate(fields(title, meta, headings, text)), reverse=True):
        place.update(dict.fromkeys(terms(part), where))
    found: tuple[list[str], list[str], list[str]] = ([], [], [])
    for word, where in place.items():
        found[where].append(word)
    return ("\n".join(found[0]), "\n".join(found[1]), "\n".join(found[2]))


def words(text: str) -> list[str]:
    """The words of ``text`` as the index and the search box split them: lower case, NFC."""
    return [w for w in _WORD.findall(unicodedata.normalize("NFC", text).lower()) if len(w) <= MAX_WORD]


_fold_word = functools.lru_cache(maxsize=None)(fold)
"""fold() of a word, remembered: a national index folds millions of words, few of them distinct."""


def terms(text: str) -> list[str]:
    """The words of ``text`` and its pairs of adjacent words, folded ("duoi nuoc"): a query's phrases."""
    found = words(text)
    folded = [_fold_word(w) for w in found]
    return found + [f"{a} {b}" for a, b in zip(folded, folded[1:])]


def fields(title: str, meta: SearchMeta, headings: str, text: str) -> tuple[str, str, str]:
    """The (title, strong, body) text of a page."""
    strong = [meta.unit, headings]
    if meta.kind == UNIT_KIND and ", " in title:
        # "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa": the unit's own name is
        # its title; its parents only say where it is.
        title, parents = title.split(", ", 1)
        strong.append(parents)
    return f"{title} {meta.number}", " ".join(strong), text


def rank(path: str, meta: SearchMeta) -> tuple:
    """Static order of pages (the order of equal scores)."""
    kind = meta.kind
    year = meta.year
    if kind == UNIT_KIND:
        # Provinces, then districts, then communes.
        return (0, path.count("/"), path)
    if kind in DOCUMENT_KINDS:
        return (1, -int(year) if year.isdigit() else 0, path)
    return (2 if kind == GUIDE_KIND else 3, 0, path)


# --- the build ------------------------------------------------------------------

def build(entries: Iterable[Entry]) -> list[Output]:
    """Every file of the index, deterministic for the same entries in any order."""
    entries = list(entries)
    postings = Postings((e.path, e.meta) for e in entries)
    for e in entries:
        postings.add(e)
    return postings.outputs()


class Postings:
    """The index being built: page ids fixed first, entries added as pages are filled.

    The pages' identities (path, search metadata) are known before any page is
    rendered, so each page's id is known too, and the build merges the
    entries of each chunk of pages while the workers fill the next ones,
    instead of all of them after the last page.
    """

    def __init__(self, pages: Iterable[tuple[str, SearchMeta]]) -> None:
        first: dict[str, SearchMeta] = {}
        for path, meta in pages:
            first.setdefault(path, meta)
        order = sorted(first, key=lambda path: rank(path, first[path]))
        self._ids = {path: number for number, path in enumerate(order)}
        self._pages: list[Entry | None] = [None] * len(order)
        # Page ids of each written form, one mapping per place (title, strong, body).
        self._lists: tuple[defaultdict[str, array], ...] = tuple(defaultdict(new_ids) for _ in range(3))
        self._facets: dict[tuple[str, str], list[int]] = {}
        self.dirty: set[str] = set()
        """Words whose page lists :meth:`replace` changed since the last :meth:`outputs`."""

    def _id(self, path: str) -> int:
        page_id = self._ids.get(path)
        if page_id is None:
            raise ValueError(f"{path} is not one of the index's pages")
        return page_id

    def add(self, e: Entry) -> None:
        """Merge one page's entry (the first entry of a path counts; later ones are ignored)."""
        page_id = self._id(e.path)
        if self._pages[page_id] is not None:
            return
        self._pages[page_id] = e
        for where, words_here in enumerate(e.places):
            if words_here:
                # The build's innermost loop (millions of words): lookups and appends in C.
                for ids in map(self._lists[where].__getitem__, words_here.split("\n")):
                    ids.append(page_id)
        self._add_facets(e, page_id)

    def _add_facets(self, e: Entry, page_id: int) -> None:
        for key in _facet_keys(e.meta):
            self._facets.setdefault(key, []).append(page_id)

    @property
    def order(self) -> list[str]:
        """Page paths by id: two indexes with the same order give their pages the same ids."""
        return list(self._ids)

    def replace(self, e: Entry) -> None:
        """Put ``e`` in place of its page's entry (the preview, after an edit): only the lists of words it gained or lost change."""
        page_id = self._id(e.path)
        old = self._pages[page_id]
        if old is None:
            self.add(e)
            self.dirty.update(w for words_here in e.places if words_here for w in words_here.split("\n"))
            return
        for where, (before, after) in enumerate(zip(old.places, e.places)):
            lists = self._lists[where]
            gained = Counter(after.split("\n") if after else ())
            gained.subtract(before.split("\n") if before else ())
            for word, change in gained.items():
                if not change:
                    continue
                ids = lists[word]
                for _ in range(abs(change)):
                    if change > 0:
                        ids.append(page_id)
                    else:
                        ids.remove(page_id)
                if not ids:
                    del lists[word]
                self.dirty.add(word)
        for key in _facet_keys(old.meta):
            ids = self._facets[key]
            ids.remove(page_id)
            if not ids:
                del self._facets[key]
        self._add_facets(e, page_id)
        self._pages[page_id] = e

    def outputs(self, encoded_before: dict[str, bytes] | None = None) -> list[Output]:
        """Every file of the index; each page must have been added.

        ``encoded_before`` (the preview): each key's encoded term from the last
        call, reused unless one of its words is in :attr:`dirty`, and updated;
        the page lists are kept for :meth:`replace`.
        """
        missing = [path for path, number in self._ids.items() if self._pages[number] is None]
        if missing:
            raise ValueError(f"{len(missing)} pages were never added to the index, e.g. {missing[0]}")
        pages: list[Entry] = self._pages  # type: ignore[assignment]
        facets = {key: sorted(ids) for key, ids in self._facets.items()}
        by_key: dict[str, list[str]] = {}
        title, strong, body = self._lists
        for word in {**title, **strong, **body}:
            by_key.setdefault(fold(word), []).append(word)
        keys = sorted(by_key, key=order_key)
        suggestions = vocabulary(by_key, self._lists)
        if encoded_before is None:
            encoded = _encode_terms(keys, by_key, self._lists)
            self._lists = ()
        else:
            stale = {fold(word) for word in self.dirty}
            encoded = [encoded_before[k] if k in encoded_before and k not in stale else _encode_one(by_key, self._lists, k)
                       for k in keys]
            encoded_before.clear()
            encoded_before.update(zip(keys, encoded))
            self.dirty.clear()
        del by_key

        outputs: list[Output] = []
        firsts: list[str] = []
        for number, run in enumerate(shards(encoded)):
            firsts.append(keys[run[0]])
            outputs.append(Output(f"{INDEX_DIR}s/{number}.bin",
                                  varint(len(run)) + b"".join(encoded[i] for i in run)))
        for number in range(0, len(pages), RECORDS_PER_CHUNK):
            records = [_record(e) for e in pages[number:number + RECORDS_PER_CHUNK]]
            outputs.append(Output(f"{INDEX_DIR}r/{number // RECORDS_PER_CHUNK}.json", _json(records)))
        for number in range(0, len(pages), EXCERPTS_PER_CHUNK):
            outputs.append(Output(f"{EXCERPT_FILES}{number // EXCERPTS_PER_CHUNK}.json",
                                  _json([e.excerpt for e in pages[number:number + EXCERPTS_PER_CHUNK]])))
        filters: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        for number, (facet, value) in enumerate(sorted(facets, key=lambda fv: (FACETS.index(fv[0]), fv[1]))):
            filters[facet][value] = number
            outputs.append(Output(f"{INDEX_DIR}f/{number}.bin", encode_list(facets[facet, value])))
        outputs.append(Output(INDEX_DIR + VOCABULARY, suggestions))
        # The version changes with any file, so the browser never mixes files of two builds.
        digest = hashlib.sha256()
        for output in outputs:
            digest.update(output.path.encode() + b"\0" + output.data)
        # Units come first in the page order; their body repeats their documents, so it weighs less.
        units = sum(1 for e in pages if e.meta.kind == UNIT_KIND)
        manifest = {"version": digest.hexdigest()[:16], "pages": len(pages), "units": units, "chunk": RECORDS_PER_CHUNK,
                    "excerpts": EXCERPTS_PER_CHUNK,
                    "shards": firsts, "filters": filters}
        return [Output(MANIFEST, _json(manifest)), *outputs]


def _facet_keys(meta: SearchMeta) -> Iterator[tuple[str, str]]:
    for facet in FACETS:
        value = getattr(meta, facet)
        if value:
            yield facet, value
    # A former province's pages are filed under the province it is part of today too.
    for value in meta.province_now:
        if value != meta.province:
            yield "province", value


PARALLEL_FROM = 5_000
"""Fewer terms than this are encoded in-process: forking (tens of milliseconds) costs more than it saves."""


def _encode_terms(keys: list[str], by_key: dict[str, list[str]], lists: tuple[Mapping[str, array], ...]) -> list[bytes]:
    """Each key's encoded term, in order; on every core for a large index (it is pure CPU work)."""
    step = -(-len(keys) // (parallel.workers() * 4)) or 1
    ranges = [(i, min(i + step, len(keys))) for i in range(0, len(keys), step)]
    # Not beside other threads (the preview server's): they must not be forked.
    alone = threading.active_count() == 1
    parts = parallel.run(_encode_range, ranges, (keys, by_key, lists), parallel=alone and len(keys) >= PARALLEL_FROM)
    return [term for part in parts for term in part]


def _encode_range(job: tuple[list[str], dict[str, list[str]], tuple[Mapping[str, array], ...]],
                  bounds: tuple[int, int]) -> list[bytes]:
    keys, by_key, lists = job
    return [_encode_one(by_key, lists, k) for k in keys[bounds[0]:bounds[1]]]


_NONE = array("i")


def _encode_one(by_key: dict[str, list[str]], lists: tuple[Mapping[str, array], ...], key: str) -> bytes:
    # Entries arrive in any order: page lists are sorted here, on every core.
    forms = [TermForm(word, tuple(array("i", sorted(ids.get(word, _NONE))) for ids in lists)) for word in by_key[key]]
    return encode_term(key, sorted(forms, key=lambda f: (-f.pages(), f.text)))


def _record(e: Entry) -> list[str]:
    """[path, title, unit, kind, year, number(, former)] of one result (docs/assets/search.js).

    ``former`` (only for pages of former units) says which unit it came from and where that went.
    """
    meta = e.meta
    record = [e.path, e.title, meta.unit, meta.kind, meta.year, meta.number]
    return [*record, meta.former] if meta.former else record


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
