"""The output verifier: no page or file a browser opens may run code the portal did not write.

``check`` and the sanitizer work on what contributors write; this looks at what
the build made of it, after templates, Markdown extensions and the theme, so a
hole in any of them (Material's table of contents once printed an author's
heading id raw) fails the build instead of reaching readers. Refused:

* an event-handler attribute (``onfocus``, ``onerror``…) on any element;
* a ``javascript:``, ``vbscript:`` or ``data:`` URL in an attribute that takes a
  URL (raster ``data:image/…`` in ``src`` aside), entities and controls decoded
  as the browser decodes them;
* a ``<script>`` the portal did not emit: a script file outside the site's
  ``assets/``, or inline code that is none of the theme's own (taken from the
  page shells, which the theme renders with no contributor text in them);
* a frame, object, embed or base element;
* signs of an attribute value that broke out of its quotes: a quote or ``<`` in
  an attribute's name, the same attribute twice on one element (see the fast
  path below: alone they run nothing, so they are reported when a part is parsed).

Pages filled into shells are verified part by part where they are made (in
the workers, through ``privacy_net.Net``); other pages, feeds and SVG files are
read back. Parsing is the standard library's ``html.parser``, which tokenizes
tags and attributes as HTML5 does for these purposes (quotes, entities,
unquoted values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

from .. import paths

SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".svg")
"""Files a browser opens as a document that can hold scripts."""

_URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background",
    "cite", "ping", "codebase", "manifest", "lowsrc", "dynsrc", "longdesc", "icon",
    # SVG animation can set an href to any of these values.
    "values", "to", "from", "by",
})
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha"})
_RASTER_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*", re.IGNORECASE)
_EMBEDDING = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
_JS_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "text/ecmascript",
    "application/ecmascript", "text/jscript", "text/livescript", "application/x-javascript",
})
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)
_NAME = re.compile(r"[a-z0-9_:.\-]+")
_CONTROLS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_OWN_SCRIPT = re.compile(r"(?:\.{1,2}/)*(?:/(?:[\w.\-]+/)*)?assets/(?:[\w\-]+[\w.\-]*/)*[\w\-][\w.\-]*\.js(?:\?[\w=.&\-]*)?")
_BESIDE = re.compile(r"[\w\-][\w.\-]*\.js")
"""A script file next to its page: allowed only in the web editor's folder, which the build writes whole."""
# Material writes the page's depth ("../..") or the site's sub-path into its inline scripts.
_BASE_LITERAL = re.compile(r'"(?:\.\.?/?)+"|"/[\w\-/]*/"')


@dataclass(frozen=True)
class Unsafe:
    """One piece of output that could run code."""

    where: str
    """Site path of the output (and which part of it)."""
    line: int
    """Line in that output (or part)."""
    what: str
    """What it is, in Vietnamese."""
    needle: str
    """Text to look for in the sources, to name the document that put it there."""


def normalized_script(body: str) -> str:
    """Inline code with the page-dependent base paths replaced, as compared with the theme's."""
    return _BASE_LITERAL.sub('"BASE"', body.strip())


def theme_scripts(pages: Iterable[str]) -> frozenset[str]:
    """The inline scripts of pages made by the theme alone (the shells): the only inline code allowed."""
    found: set[str] = set()
    for page in pages:
        parser = _Verifier("", frozenset(), collect=True)
        parser.run(page)
        found |= parser.scripts
    return frozenset(found)


def _script_url(value: str) -> str | None:
    """The scheme (with ':') of a URL that can run code, or None."""
    probe = _CONTROLS.sub("", value)
    match = _SCHEME.match(probe)
    if not match or match.group(1).lower() not in _SCRIPT_SCHEMES:
        return None
    if _RASTER_DATA.fullmatch(value.strip()):
        return None
    return match.group(1).lower() + ":"


class _Verifier(HTMLParser):
    def __init__(self, where: str, scripts: frozenset[str], collect: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.allowed = scripts
        self.collect = collect
        self.scripts: set[str] = set()
        self.found: list[Unsafe] = []
        self._script: list[str] | None = None
        self._script_line = 0

    def run(self, text: str) -> list[Unsafe]:
        self.feed(text)
        self.close()
        if self._script is not None:
            self._end_script()
        return self.found

    def _refuse(self, what: str, needle: str) -> None:
        self.found.append(Unsafe(self.where, self.getpos()[0], what, needle))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        names = [name for name, _ in attrs]
        if len(set(names)) != len(names):
            twice = next(n for n in names if names.count(n) > 1)
            self._refuse(f"thẻ <{tag}> có thuộc tính «{twice}» hai lần (giá trị đã thoát khỏi dấu nháy)", raw)
        for name, given in attrs:
            value = given or ""
            if not _NAME.fullmatch(name):
                self._refuse(f"thẻ <{tag}> có thuộc tính lạ «{name[:40]}» (giá trị đã thoát khỏi dấu nháy)", raw)
            elif name.startswith("on") and given is not None:  # a handler without "=" has no code
                self._refuse(f"thuộc tính sự kiện «{name}» trong thẻ <{tag}>", value or name)
            elif name in _URL_ATTRIBUTES or (tag == "meta" and name == "content"):
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                if tag == "meta":
                    refresh = _REFRESH.search(value)  # <meta http-equiv="refresh" content="0;url=…">
                    urls = [refresh.group(1)] if refresh else []
                for url in urls:
                    scheme = _script_url(url)
                    if scheme:
                        self._refuse(f"địa chỉ «{scheme}» trong thuộc tính {name} của thẻ <{tag}>", url[:60])
        if tag in _EMBEDDING:
            self._refuse(f"thẻ nhúng <{tag}>", raw)
        if tag == "script":
            values = dict(attrs)
            if (values.get("type") or "").strip().lower() not in _JS_TYPES:
                return  # a data block (Material's JSON configuration) never runs
            src = values.get("src")
            if src is not None:
                src = src.strip()
                # Only the site's own files: no scheme, no other host ("//host/…").
                own = _OWN_SCRIPT.fullmatch(src) or (self.where.startswith(paths.EDITOR) and _BESIDE.fullmatch(src))
                if "//" in src or ":" in src or "\\" in src or not own:
                    self._refuse(f"tệp mã «{src[:60]}» không phải của cổng thông tin", src)
                return
            self._script = []
            self._script_line = self.getpos()[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script" and self._script is not None:
            self._end_script()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._end_script()

    def _end_script(self) -> None:
        body = normalized_script("".join(self._script or []))
        self._script = None
        if self.collect:
            self.scripts.add(body)
        elif body and body not in self.allowed:
            self.found.append(Unsafe(self.where, self._script_line, f"đoạn mã <script> «{body[:40]}…» không phải của giao diện",
                                     body[:40]))


# The fast path. Parsing in Python is the verifier's cost (a tenth of a second per
# megabyte), and nearly every part of every page holds nothing to find. A part is
# parsed only when its lowercased text could hold what the parser refuses: a
# script tag other than the portal's own file, an embedding tag, an attribute
# named on…, a quote where an attribute's name should start, an srcset or
# http-equiv, or a URL attribute whose value does not visibly start as a safe
# URL does (http:, https:, mailto:, tel:, '.', '/', '#', '?', or letters up to
# '/', '?', '#'). One search of one pattern, in C. The other signs of a value
# that broke out of its quotes (an attribute given twice, a name holding a quote
# or "<") run nothing on their own: they are reported whenever a part is parsed,
# and a quote where a name should start is a reason to parse.
# tests/unit/test_verify.py checks the pattern against the parser (hypothesis).
_URL_NAMES = "|".join(sorted(_URL_ATTRIBUTES - {"srcset"}, key=len, reverse=True))
_SAFE_START = r"(?:https?:|mailto:|tel:|[./#?]|[\w\-~%.+]+[/?#QUOTE]|QUOTE)"
_TRIGGER = re.compile(
    # The portal's own script files (its templates load assets/sort.js…) need no parsing.
    # (a script with a src runs the file, never its own text).
    r"<script\b(?!\s+src=\"(?:\.{1,2}/)*(?:/(?:[\w.\-]+/)*)?assets/[\w\-]+\.js\"(?:\s+defer)?>)"
    r"|<(?:iframe|frame|object|embed|applet|base|portal)\b"
    r"|[\s/\"']on[^\s/>=\"']*\s*="
    r"|<[a-z][^\s/>]*[\s/]+[\"'<=]|[\"'][\s/]+[\"'<=]"
    r"|srcset|http-equiv"
    rf"|[\s/\"'](?:{_URL_NAMES})\s*=\s*(?!\"{_SAFE_START.replace('QUOTE', chr(34))}|'{_SAFE_START.replace('QUOTE', chr(39))})"
)


# Every pattern above lies inside a start tag: only the tags are searched (quoted
# values may hold ">"), which skips the text between them at C speed.
_START_TAGS = re.compile(r"<[a-z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>?")


def _needs_parsing(text: str) -> bool:
    lowered = text.lower()
    if "<" not in lowered:
        return False
    return _TRIGGER.search("\n".join(_START_TAGS.findall(lowered))) is not None


def verify(where: str, text: str, scripts: frozenset[str] = frozenset()) -> list[Unsafe]:
    """What in ``text`` (a page, a part of one, a feed or an SVG drawing) could run code."""
    if not _needs_parsing(text):
        return []
    return _Verifier(where, scripts).run(text)


def verify_value(where: str, value: str) -> list[Unsafe]:
    """An attribute value the portal places between double quotes must hold none."""
    if '"' in value or "<" in value:
        return [Unsafe(where, 1, "giá trị thuộc tính có dấu nháy kép hoặc «<» chưa được mã hóa", value[:60])]
    return []


class UnsafeOutput(Exception):
    """The built site holds code that could run in a reader's browser (message in Vietnamese)."""


def _source_line(root: Path, needle: str, preferred: str | None) -> str | None:
    """«file:line» of the first source (the page's own first) that holds ``needle`` (only looked for on failure)."""
    needle = needle.strip()
    if not needle:
        return None
    candidates = [root / preferred] if preferred else []
    candidates += sorted([*(root / "plans").rglob("*.md"), *(root / "plans").rglob("*.yml"), *(root / "docs").rglob("*.md")])
    probes = [needle, needle[:20]] if len(needle) > 20 else [needle]
    for probe in probes:
        for path in candidates:
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            at = text.find(probe)
            if at >= 0:
                return f"{path.relative_to(root).as_posix()}:{text.count(chr(10), 0, at) + 1}"
    return f"{preferred}" if preferred else None


def _handwritten(root: Path, where: str) -> str | None:
    """The handwritten page of docs/ that an output page was rendered from, if any."""
    page = where.partition(" ")[0].removesuffix("index.html").rstrip("/")
    for candidate in (f"docs/{page}.md", f"docs/{page}/index.md" if page else "docs/index.md"):
        if (root / candidate).is_file():
            return candidate
    return None


def raise_if_unsafe(found: list[tuple[Unsafe, str | None]], root: Path | None) -> None:
    """Fail the build on any finding; ``found`` pairs each with its page's source file (when known)."""
    if not found:
        return
    lines = []
    for unsafe, source in sorted(found, key=lambda pair: (pair[0].where, pair[0].line))[:50]:
        if source is None and root is not None:
            source = _handwritten(root, unsafe.where)
        origin = _source_line(root, unsafe.needle, source) if root is not None else source
        at = f" (từ {origin})" if origin else ""
        lines.append(f"{unsafe.where}:{unsafe.line}{at}: {unsafe.what}")
    more = f"\n… và {len(found) - 50} chỗ khác" if len(found) > 50 else ""
    raise UnsafeOutput(
        f"Trang đã dựng chứa {len(found)} đoạn có thể chạy mã trong trình duyệt của người đọc; "
        "không xuất bản trang này:\n" + "\n".join(lines) + more + "\n"
        "Hãy xóa đoạn đó khỏi tệp nguồn được nêu rồi dựng lại; nếu không có tệp nguồn, "
        "báo người quản trị cổng (lỗi của giao diện hoặc của công cụ)."
    )
