"""Search index: Pagefind over the finished site, with "đ" folded for phones.

Why Pagefind: its index is split into small fragments that the browser fetches
only when someone searches, and a query fetches only the chunks of the words
it contains, so a national portal of 20,000 documents costs a phone a few
hundred kilobytes per query instead of one index of the whole site (Material's
lunr index: 15.7 MB for 2,000 plans). It is well kept and ships on PyPI as a
binary, so the project's own ``pip install -r requirements.txt`` installs it.

Pagefind already matches Vietnamese words without their tones ("nuoc" finds
"nước"), but "đ" is a letter of its own, not "d" with a mark, so "dong" does
not find "Đông". Before indexing, each page gets, in memory only, a short
hidden tail listing its words that contain đ/Đ in folded form, and its
document number in raw, folded and split forms. Pages on disk stay as MkDocs
wrote them. The search box folds the query the same way (docs/assets/search.js).

At national scale Pagefind's cost is in its word chunks: it stores every
position of every word on every page, so "trẻ" and "em" each weighed megabytes
at 20,000 documents. Each page is therefore indexed from a bounded excerpt
(headings, then the first ``EXCERPT_WORDS`` words in page order: title, unit,
number, facts and summary come first) with each word kept once. Measured on
the 20,000-document portal: the worst query fell from 5.3 MB to 0.87 MB and
Pagefind's peak memory from 5.1 GB to 2.2 GB (README, "Tìm kiếm").
"""

from __future__ import annotations

import subprocess
import sys
import logging
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from .paths import fold
from .site import Context

log = logging.getLogger(__name__)

BUNDLE = "pagefind"
"""Folder of the search bundle inside the site."""
LANGUAGE = "vi"
TAIL_MARKER = "⁂"
"""Starts the folded tail, so the search box can keep it out of excerpts."""
# Pagefind's attribute that selects the indexed part of a page; pages without
# it (home, lists, the search page) are left out of the index.
BODY_XPATH = "//*[@data-pagefind-body]"
NUMBER_XPATH = ".//*[@data-pagefind-meta='number[data-value]']/@data-value"
SEPARATE = ("dt", "dd", "li", "td", "th", "figcaption", "caption", "option")
"""Elements whose text Pagefind would glue to the next element's."""
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces: the portal has its own (docs/assets/search.js)."""

EXCERPT_WORDS = 150
"""Words of a page's text (headings aside) that are indexed; chosen by measurement."""
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

_WORD = re.compile(r"\S+")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_PARTS = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class IndexStats:
    """What one indexing run did."""

    pages: int
    """Pages added to the index."""
    skipped: int
    """HTML files without a ``data-pagefind-body`` element."""


def fold_terms(text: str) -> list[str]:
    """Folded forms of the words of ``text`` that contain đ/Đ, each once, in order.

    Only those are needed: Pagefind folds tones itself, and every other word
    is already in the index as written.
    """
    seen: dict[str, None] = {}
    for match in _WORD.finditer(text):
        word = _EDGE.sub("", match.group())
        if "đ" in word or "Đ" in word:
            seen.setdefault(fold(word), None)
    return list(seen)


def number_terms(number: str) -> list[str]:
    """A document number as written, folded, and split into its parts.

    "35/KH-BCĐ" -> ["35/KH-BCĐ", "35/kh-bcd", "35", "KH", "BCĐ", "kh", "bcd"]: a
    search for "35/KH-BCĐ", "bcd" or "35 kh bcd" then finds the document.
    """
    number = number.strip()
    if not number:
        return []
    forms = [number, fold(number)]
    parts = [p for p in _PARTS.split(number) if p]
    forms += parts + [fold(p) for p in parts]
    return list(dict.fromkeys(forms))


def search_tail(text: str, number: str = "") -> str:
    """The hidden text appended to a page's indexed body."""
    terms = list(dict.fromkeys(number_terms(number) + fold_terms(text)))
    return f"{TAIL_MARKER} {' '.join(terms)}" if terms else ""


def _keep_words(text: str | None, seen: set[str], budget: list[int] | None) -> str | None:
    """``text`` without the words in ``seen`` and past ``budget[0]`` new words.

    Without a budget (heading text) every word is kept as written: the first
    heading is the result's title.
    """
    if not text or not text.strip():
        return text
    kept = []
    for word in text.split():
        key = _EDGE.sub("", word).lower()
        if budget is None:
            seen.add(key)
            kept.append(word)
            continue
        if budget[0] <= 0:
            break
        if key in seen:
            continue
        seen.add(key)
        kept.append(word)
        budget[0] -= 1
    return f" {' '.join(kept)} " if kept else " "


def compact(body: etree._Element, words: int = EXCERPT_WORDS) -> None:
    """Cut ``body`` in place to its headings and first ``words`` distinct other words, each once.

    Positions are what Pagefind stores per word and page; a word kept once
    costs one. The first occurrence of each word stays where it was, so the
    excerpt the search box shows still reads as the page's opening.
    """
    seen: set[str] = set()
    budget = [words]

    def walk(element: etree._Element, heading: bool) -> None:
        # Heading text is kept whatever the budget: it names the sections.
        element.text = _keep_words(element.text, seen, None if heading else budget)
        for child in element:
            if isinstance(child.tag, str):
                walk(child, heading or child.tag in HEADINGS)
            child.tail = _keep_words(child.tail, seen, None if heading else budget)

    walk(body, body.tag in HEADINGS)


def prepare(page_html: str, excerpt: bool = True) -> str | None:
    """The page as Pagefind should index it, or None if it is not indexed.

    Only the indexed body is kept (the header and menus would only cost
    indexing time), cut to an excerpt unless ``excerpt`` is false, with the
    folded tail inside it.
    """
    try:
        root = lxml_html.document_fromstring(page_html)
    except (etree.ParserError, ValueError):
        return None
    bodies = root.xpath(BODY_XPATH)
    if not bodies:
        return None
    body = bodies[0]
    # Pagefind runs the text of <dt>Số hiệu</dt><dd>35/KH-BCĐ</dd> together
    # ("hiệu35/kh-bcđ"); a space after each such cell keeps the words apart.
    for cell in body.iter(*SEPARATE):
        cell.tail = " " + (cell.tail or "")
    if excerpt:
        compact(body)
    number = "".join(body.xpath(NUMBER_XPATH)[:1])
    tail = search_tail(body.text_content(), number)
    if tail:
        element = etree.SubElement(body, "div", hidden="hidden")
        element.text = tail
    # The body alone, in a minimal page: half the indexing time of whole pages.
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title></title></head><body>'
            + lxml_html.tostring(body, encoding="unicode") + "</body></html>")


def page_url(site_dir: Path, file: Path) -> str:
    """Site-root URL of a built page: "don-vi/x/index.html" -> "/don-vi/x/"."""
    relative = file.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def _index(site_dir: Path, output: Path) -> IndexStats:
    pages = skipped = 0
    files = sorted(p for p in site_dir.rglob("*.html") if output not in p.parents)
    # Prepared pages go to a scratch mirror that Pagefind indexes as one
    # directory (one file per request through its Python service took 767 s
    # for 9,500 pages; a directory takes about 12 s). The binary is run as a
    # plain subprocess: it has written every file when it exits, whereas the
    # Python service sometimes left pagefind-highlight.js empty.
    with tempfile.TemporaryDirectory(prefix="portal-search-") as scratch:
        mirror = Path(scratch)
        for file in files:
            content = prepare(file.read_text(encoding="utf-8"))
            if content is None:
                skipped += 1
                continue
            target = mirror / file.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            pages += 1
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(mirror), "--output-path", str(output),
             "--force-language", LANGUAGE],
            capture_output=True, text=True, check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(
            "Pagefind không tạo được chỉ mục tìm kiếm (hãy cài lại các gói trong requirements.txt: "
            f"pagefind, pagefind_bin): {result.stderr.strip() or result.stdout.strip()}"
        )
    found = re.search(r"Indexed (\d+) pages?", result.stdout)
    indexed = int(found.group(1)) if found else -1
    if indexed != pages:
        raise RuntimeError(f"Pagefind chỉ lập chỉ mục được {indexed}/{pages} trang")
    return IndexStats(pages, skipped)


def build_index(site_dir: Path) -> IndexStats:
    """Write the Pagefind bundle of the built site at ``site_dir`` into its ``pagefind/``."""
    output = site_dir / BUNDLE
    # A dirty rebuild (mkdocs serve) must not keep fragments of removed pages.
    shutil.rmtree(output, ignore_errors=True)
    stats = _index(site_dir, output)
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    log.info("Chỉ mục tìm kiếm: %d trang", stats.pages)
    return stats


def step(site_dir: Path, context: Context) -> None:
    """Post-build step: index the finished site."""
    build_index(site_dir)
