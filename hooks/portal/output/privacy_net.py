"""The last net: personal data in what the build makes, before the site is published.

``check`` scans what contributors write; this scans what readers receive, so
an identifier that only appears once templates, Markdown extensions, the
sanitizer (which decodes entities) or a derived file put text together is
still caught before deployment. Pages filled into shells and the files the
fill workers make are scanned there, as they are made (:class:`Net`); the
other files are read back after the build. Scanned: the text and the reader-facing
attributes of every HTML page (``alt``, ``title``, ``aria-label``, ``content``,
``href``, ``src``, ``id``…; scripts, styles and SVG drawings skipped), the text
of feeds and sitemaps (.xml), the text properties of calendars (.ics, not
``UID``, whose ``@`` is not an address), every cell of the open data (.csv) and
every string of the JSON files (open data, search index). Cells and strings
that are a bare number are typed data (the ``number`` column of a target);
the same value is checked with its context where it is written as text.

What is allowed is the union of the trusted lists (``privacy.yml`` and every
unit's contact): a unit's contact is printed on lists of units too; and the
examples the portal's own schema gives (the contributor reference shows
``ubnd@thanhhoa.gov.vn`` as the form of an office address). A hit
fails the build with the output file and, when it can be found, the source
file that holds the same identifier (``plans/``, or a handwritten page of
``docs/``, which ``check`` does not read).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import verify
from .. import parallel, paths
from ..content import privacy
from ..content.trust import Trust
from ..model import schema

_DROPPED = re.compile(r"<(script|style|svg|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<meta\s+http-equiv[^>]*>",
                      re.IGNORECASE | re.DOTALL)
_JSON_SCRIPT = re.compile(r"<script\b[^>]*type=\"application/(?:ld\+)?json\"[^>]*>(.*?)</script\s*>",
                          re.IGNORECASE | re.DOTALL)
_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "aria-roledescription", "content", "href", "src",
               "srcset", "placeholder", "value", "label", "summary", "download", "cite", "id", "data-title")
"""Attributes whose values a reader sees (or follows, or copies from the address bar)."""
# Case-sensitive, as the portal's templates, the sanitizer and the theme write
# them (lowercase); a case-insensitive pattern costs four times as much.
_READ_ATTRIBUTE = re.compile(rf"\s(?:{'|'.join(_ATTRIBUTES)})\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+))")
_INLINE = ("a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark",
           "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr")
_TAG_END = r"(?:\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*)?/?>"
_INLINE_TAG = re.compile(rf"</?(?:{'|'.join(_INLINE)}){_TAG_END}")
# A tag name runs to a space, "/" or ">", as browsers read it ("<me.em&#x40;b.com>" is a tag).
_ANY_TAG = re.compile(rf"</?[A-Za-z][^\s/>]*{_TAG_END}")
_ICS_TEXT = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "CONTACT", "COMMENT", "CATEGORIES", "URL",
                       "X-WR-CALNAME", "X-WR-CALDESC", "ORGANIZER", "ATTENDEE"})
_BARE_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_SUFFIXES = (".html", ".xml", ".ics", ".csv", ".json")
_READ_BACK = tuple(dict.fromkeys((*_SUFFIXES, *verify.SUFFIXES)))
"""Files read back after the build: scanned for personal data, and verified when a browser runs them."""
_BLOCK = "\n\n"
"""What a block-level tag becomes: the texts of one file are scanned block by block."""


class PersonalDataInOutput(Exception):
    """The finished site holds personal data (message in Vietnamese, one line per hit)."""


def html_texts(page: str) -> Iterator[str]:
    """What a reader of an HTML page can see: its text block by block, then its attributes' values.

    Regular expressions without callbacks: a national portal has tens of
    thousands of pages of a few hundred tags each.
    """
    page = _DROPPED.sub(_keep_json, page)
    attributes = {next(v for v in values if v) for values in _READ_ATTRIBUTE.findall(page) if any(values)}
    # Inline tags join what they separate ("0912<b>345</b>678" reads as one number);
    # block tags end a paragraph.
    text = _ANY_TAG.sub(_BLOCK, _INLINE_TAG.sub("", page))
    yield from text.split(_BLOCK)
    yield from attributes


def _keep_json(match: re.Match[str]) -> str:
    return _BLOCK + " ".join(_JSON_SCRIPT.findall(match.group(0))) + _BLOCK


def ics_texts(calendar: str) -> Iterator[str]:
    unfolded = re.sub(r"\r?\n[ \t]", "", calendar)
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        if name.partition(";")[0].upper() in _ICS_TEXT:
            yield re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def csv_texts(table: str) -> Iterator[str]:
    for row in csv.reader(io.StringIO(table.lstrip("\ufeff"))):
        yield from (cell for cell in row if cell and not _BARE_NUMBER.fullmatch(cell))


def json_texts(data: object) -> Iterator[str]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not _BARE_NUMBER.fullmatch(item):
                yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class _Lines:
    """The lines of pages not met on an earlier page (by hash, in C: no Python loop over lines).

    Material's pages share most of their lines (header, navigation, footer):
    at 2,000 documents 240 MB of pages hold 21 MB of distinct lines. A line
    is read once, on the first page that has it; a tag spread over lines that
    were met before loses only what the earlier page already showed.
    """

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def fresh(self, page: str) -> str:
        lines = page.split("\n")
        hashes = list(map(hash, lines))
        new = set(hashes) - self.seen
        if not new:
            return ""
        self.seen |= new
        return "\n".join(itertools.compress(lines, map(new.__contains__, hashes)))


def texts_of(path: Path, lines: _Lines | None = None) -> Iterator[str]:
    """The reader-visible texts of one output file (nothing for other kinds of file).

    With ``lines``, an HTML page only gives what earlier pages did not show.
    """
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        return iter(())
    return texts_in(suffix, path.read_text(encoding="utf-8", errors="replace"), lines)


def texts_in(suffix: str, text: str, lines: _Lines | None = None) -> Iterator[str]:
    """The reader-visible texts of the content of a file whose name ends in ``suffix``."""
    if suffix == ".html":
        return html_texts(lines.fresh(text) if lines is not None else text)
    if suffix == ".xml":
        return iter(_ANY_TAG.sub(_BLOCK, text).split(_BLOCK))
    if suffix == ".ics":
        return ics_texts(text)
    if suffix == ".csv":
        return csv_texts(text)
    if suffix != ".json":
        return iter(())
    try:
        return json_texts(json.loads(text))
    except ValueError:
        return iter([text])


Hit = tuple[str, privacy.Found]
"""Where (a site path, or a page and what of it) and what was found."""
Unsafe = tuple[verify.Unsafe, "str | None"]
"""Code that could run (output/verify.py), with the source file of its page when known."""


class Net:
    """The net cast while the site is made: what the workers fill is scanned before it is written.

    Pages filled into shells are scanned as their parts (title, description,
    content, table of contents…), the shells once each: a filled page is
    nothing else, and its parts are a tenth of its bytes (the theme's chrome
    repeats on every page). Files the workers make (calendars, feeds) are
    scanned whole; :func:`check_site` reads from disk only what was not
    scanned here. Each forked worker has its own copy; :meth:`merge` brings
    their findings back.
    """

    def __init__(self, allow: privacy.AllowList, scripts: frozenset[str] = frozenset()) -> None:
        self.allow = allow
        self.scripts = scripts
        """The theme's own inline scripts (``verify.theme_scripts`` of the shells): no other may run."""
        self.hits: list[Hit] = []
        self.unsafe: list[Unsafe] = []
        """What the output verifier refused, here and in the files read back."""
        self.covered: set[str] = set()
        """Site paths scanned here (their file need not be read again)."""
        self._clean: set[int] = set()
        self._lines = _Lines()

    def texts(self, where: str, texts: Iterable[str]) -> list[Hit]:
        """What ``texts`` hold that the allow-list does not, each identifier once."""
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for text in texts:
            key = hash(text)
            if key in self._clean:
                continue
            refused = [f for f in privacy.find(text) if not self.allow.allows(f)]
            if not refused:
                self._clean.add(key)
            for found in refused:
                if (found.kind, found.read) not in seen:
                    seen.add((found.kind, found.read))
                    hits.append((where, found))
        return hits

    def html(self, where: str, fragments: Iterable[str]) -> list[Hit]:
        """The hits of the HTML ``fragments`` that make one page (lines met on an earlier page skipped)."""
        return self.texts(where, (t for fragment in fragments if fragment
                                  for t in html_texts(self._lines.fresh(fragment))))

    def file(self, where: str, data: bytes) -> list[Hit]:
        suffix = Path(where).suffix.lower()
        return self.texts(where, texts_in(suffix, data.decode("utf-8", errors="replace")))

    def verify(self, where: str, source: str | None, fragments: Iterable[str], values: Iterable[str] = ()) -> list[Unsafe]:
        """What could run in the HTML ``fragments`` of one page and in its attribute ``values`` (output/verify.py)."""
        found = [u for fragment in fragments if fragment for u in verify.verify(where, fragment, self.scripts)]
        found += [u for value in values if value for u in verify.verify_value(where, value)]
        return [(u, source) for u in found]

    def verify_file(self, where: str, data: bytes) -> list[Unsafe]:
        if not where.lower().endswith(verify.SUFFIXES):
            return []
        return [(u, None) for u in verify.verify(where, data.decode("utf-8", errors="replace"), self.scripts)]

    def merge(self, hits: Iterable[Hit], covered: Iterable[str], unsafe: Iterable[Unsafe] = ()) -> None:
        self.hits += hits
        self.covered.update(covered)
        self.unsafe += unsafe


@functools.cache
def schema_examples() -> privacy.AllowList:
    """Phones and addresses written in the schema's help, examples and hints (code, not content)."""
    texts: list[str] = []
    seen: set[int] = set()
    stack: list[object] = [schema.UNIT, schema.CAMPAIGN, schema.INDICATOR, schema.PRIVACY, *schema.DOCUMENTS.values()]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, (tuple, list)):
            stack.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
    found = [f for text in texts for f in privacy.find(text)]
    return privacy.AllowList.build([f.read for f in found if f.kind == "phone"], [f.read for f in found if f.kind == "email"])


PARALLEL_FROM = 2_000
"""Files from which the scan runs on every core (a fork costs more than a small site's scan)."""
CHUNKS_PER_WORKER = 4


def scan_site(site_dir: Path, trust: Trust, root: Path | None = None, net: Net | None = None) -> list[str]:
    """One Vietnamese line per identifier found in the site, naming the file (and the source when found).

    With ``net``, the files it covered are not read again and its hits are reported too.
    """
    allow = trust.everywhere() | schema_examples()
    covered = net.covered if net is not None else set()
    files = sorted(p for p in site_dir.rglob("*") if p.suffix.lower() in _READ_BACK and p.is_file()
                   and p.relative_to(site_dir).as_posix() not in covered)
    # Neighbouring files are alike (pages of one section): each worker takes a
    # run of them, so its memory of lines already met saves the most.
    chunks = parallel.chunks(files, CHUNKS_PER_WORKER)
    in_parallel = parallel.worth(len(files), PARALLEL_FROM)
    hits: list[Hit] = list(net.hits) if net is not None else []
    scripts = net.scripts if net is not None else frozenset()
    for found, unsafe in parallel.run(_scan_files, chunks, (site_dir, allow, scripts), parallel=in_parallel):
        hits += found
        if net is not None:
            net.unsafe += unsafe
    lines: list[str] = []
    # By file, as the site lists them: a page's own line before that of its excerpt.
    for where, found in sorted(hits, key=lambda hit: (hit[0].partition(" ")[0], hit[0])):
        source = _source_of(root, found, where.partition(" ")[0]) if root is not None else None
        origin = f" (có trong {source})" if source else ""
        lines.append(f"{where}{origin}: {privacy.message(found)}")
    return lines


def _scan_files(shared: tuple[Path, privacy.AllowList, frozenset[str]], files: list[Path]) -> tuple[list[Hit], list[Unsafe]]:
    site_dir, allow, scripts = shared
    hits: list[Hit] = []
    unsafe: list[Unsafe] = []
    # Headers, navigation and footers repeat on every page: each distinct
    # line of a page, then each distinct block of text, is scanned once.
    net = Net(allow, scripts)
    fresh = _Lines()
    for path in files:
        where = path.relative_to(site_dir).as_posix()
        suffix = path.suffix.lower()
        if suffix in verify.SUFFIXES:
            # Read once for both: the verifier needs whole tags, the scan only fresh lines.
            text = path.read_text(encoding="utf-8", errors="replace")
            unsafe += [(u, None) for u in verify.verify(where, text, scripts)]
            hits += net.texts(where, texts_in(suffix, text, fresh))
        else:
            hits += net.texts(where, texts_of(path, fresh))
    return hits, unsafe


def _natural_sources(root: Path, output: str) -> list[Path]:
    """The files a page is made from, by its path: a document's or unit's page, a handwritten page."""
    page = output.removesuffix("index.html").rstrip("/")
    found = [root / "docs" / f"{page}.md", root / "docs" / page / "index.md"]
    if page.startswith(paths.UNITS):
        rest = page[len(paths.UNITS):]
        found += [root / "plans" / f"{rest}.md", root / "plans" / rest / "_unit.yml"]
    return found


def _source_of(root: Path, found: privacy.Found, output: str) -> str | None:
    """The file of plans/ or docs/ that holds the same identifier, the page's own first (only looked for on failure)."""
    for path in [*_natural_sources(root, output), *sorted([*(root / "plans").rglob("*"), *(root / "docs").rglob("*.md")])]:
        if path.suffix.lower() not in {".md", ".yml", ".yaml"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(f.kind == found.kind and f.read == found.read for f in privacy.find(text, yaml=True)):
            return path.relative_to(root).as_posix()
    return None


def check_site(site_dir: Path, trust: Trust, root: Path | None = None, net: Net | None = None) -> None:
    """Raise :class:`PersonalDataInOutput` when the site holds personal data (see :func:`scan_site`)."""
    lines = scan_site(site_dir, trust, root, net)
    if lines:
        shown = "\n".join(lines[:50]) + (f"\n… và {len(lines) - 50} chỗ khác" if len(lines) > 50 else "")
        raise PersonalDataInOutput(
            f"Trang đã dựng còn chứa {len(lines)} thông tin cá nhân; không xuất bản trang này:\n{shown}\n"
            "Hãy sửa tệp nguồn được nêu (hoặc báo người quản trị cổng nếu không có tệp nguồn) rồi dựng lại."
        )
