"""The text as a reader sees it, with every character mapped back to where it was written.

A contributor can write a phone number that no pattern over the raw text sees
and that every reader still reads: digits as HTML entities (``&#48;&#57;…``),
``%40`` in a ``mailto:`` link, fullwidth digits or ``＠`` (which NFKC folds),
zero-width spaces, soft hyphens or bidi controls between the digits (the
browser draws none of them). :func:`reader_view` undoes all of that once, so the
privacy rules run on what is shown, and keeps for each character of the view the
offset it came from, so a problem still names the line the contributor wrote.

Separators that stay visible (spaces, line breaks, ``.``, ``-``, ``/``, ``**``,
``<b>``) are left in the view: the rules of :mod:`portal.content.pii_numbers`
decide when they join digit groups, because they also separate dates and sums.
"""

from __future__ import annotations

import functools
import html.entities
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

# Invisible format characters (Unicode category Cf and the soft hyphen) that a
# browser does not draw: zero-width space/joiners, word joiner, BOM, bidi
# embeddings, overrides and isolates, invisible operators, Mongolian vowel
# separator, interlinear annotation marks, Arabic number marks, tag characters.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u0600-\u0605\u06dd\u070f"
    "\U000e0000-\U000e007f\U0001d173-\U0001d17a"
)
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")

# What may change between the written text and the view. Non-ASCII runs are
# only looked at when the text is not already NFKC with no invisible character.
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
_PERCENT = r"(?:%[0-9A-Fa-f]{2})+"
_YAML_ESCAPE = r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0_NLP ])"
_PLAIN = re.compile(f"{_ENTITY}|{_PERCENT}")
_YAML = re.compile(f"{_ENTITY}|{_PERCENT}|{_YAML_ESCAPE}")
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"


@functools.cache
def _folding(yaml: bool) -> re.Pattern[str]:
    """Entities, escapes and runs of the characters the view changes, with the letter before a combining mark.

    The characters are found once per process (a tenth of a second): those NFKC
    changes, combining marks (decomposed Vietnamese: "e" + U+0302 + U+0301 is
    "ế"), format characters and digits of other scripts. Only they are folded,
    so a page of Vietnamese with one "…" in it is not walked letter by letter.
    """
    ranges: list[list[int]] = []
    for code in range(0x80, 0x30000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if (unicodedata.normalize("NFKC", char) != char or unicodedata.combining(char)
                or unicodedata.category(char) in ("Cf", "Nd")):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    ranges.append([0xE0000, 0xE007F])
    chars = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    run = f"(?:.(?=[{_COMBINING}]))?[{chars}]+"
    return re.compile(f"{_ENTITY}|{_PERCENT}|{_YAML_ESCAPE}|{run}" if yaml else f"{_ENTITY}|{_PERCENT}|{run}")


_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_YAML_NAMED = {"0": "\0", "_": "\u00a0", "N": "\u0085", "L": "\u2028", "P": "\u2029", " ": " "}


@dataclass(frozen=True)
class View:
    """A text as read, and where each of its characters was written."""

    text: str
    """What a reader sees (entities and escapes decoded, NFKC, invisible characters gone)."""
    written: str
    """The text as written."""
    starts: tuple[int, ...] = ()
    """Offsets in :attr:`text` where a piece begins (empty: the view is the written text)."""
    origins: tuple[int, ...] = ()
    """For each piece, the offset in the written text it comes from."""
    copied: tuple[bool, ...] = ()
    """For each piece, True when it is written text kept as is (offsets map one to one),
    False when it was decoded (all its characters map to where the written form begins)."""

    def origin(self, index: int) -> int:
        """Offset in the written text of the character at ``index`` of the view (or of its end)."""
        if not self.starts:
            return index
        if index >= len(self.text):
            return len(self.written)
        piece = bisect_right(self.starts, index) - 1
        return self.origins[piece] + (index - self.starts[piece] if self.copied[piece] else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The written span that shows as ``text[start:end]``."""
        if not self.starts:
            return start, end
        first = self.origin(start)
        if end <= start:
            return first, first
        # The last shown character may come from an entity or escape several
        # characters long: the span ends where the next shown character begins.
        last = self.origin(end - 1)
        following = self.origin(end)
        stop = following if following > last else last + 1
        # Invisible characters after the last shown one are not part of it.
        while stop > last + 1 and _INVISIBLE_CHAR.match(self.written, stop - 1):
            stop -= 1
        return first, stop


def reader_view(text: str, yaml: bool = False) -> View:
    """The text as a reader sees it; ``yaml``: decode the escapes of YAML double-quoted strings too."""
    if text.isascii() and "&" not in text and "%" not in text and not (yaml and "\\" in text):
        return View(text, text)
    # Invisible characters are not printable (nor are tabs and no-break spaces,
    # which only send a text the slow way); digits of other scripts are read
    # by portal.content.pii_numbers itself.
    clean = text.isascii() or (unicodedata.is_normalized("NFKC", text)
                               and all(line.isprintable() for line in text.split("\n")))
    if clean and "&" not in text and "%" not in text and not (yaml and "\\" in text):
        return View(text, text)
    pattern = (_YAML if yaml else _PLAIN) if clean else _folding(yaml)
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    copied: list[bool] = []
    size = 0
    at = 0
    changed = False

    def add(shown: str, origin: int, same: bool) -> None:
        nonlocal size
        if not shown:
            return
        if same and copied and copied[-1] and origins[-1] + (size - starts[-1]) == origin:
            pieces.append(shown)  # continues the previous copied piece
        else:
            pieces.append(shown)
            starts.append(size)
            origins.append(origin)
            copied.append(same)
        size += len(shown)

    for match in pattern.finditer(text):
        start, end = match.span()
        if start > at:
            add(text[at:start], at, True)
        token = match.group(0)
        at = end
        if token[0] in "&%\\":
            shown = _entity(token) if token[0] == "&" else _percent(token) if token[0] == "%" else _yaml_escape(token)
            if shown is None:
                add(token, start, True)
            else:
                changed = True
                add(shown, start, False)
            continue
        for shown, first, last in _fold(token, start):
            same = shown == text[first:last]
            changed = changed or not same
            add(shown, first, same)
    if at < len(text):
        add(text[at:], at, True)
    if not changed:
        return View(text, text)
    return View("".join(pieces), text, tuple(starts), tuple(origins), tuple(copied))


def _entity(token: str) -> str | None:
    body = token[1:].rstrip(";")
    if body.startswith("#"):
        try:
            code = int(body[2:], 16) if body[1:2] in "xX" else int(body[1:])
            return chr(code) if 0 < code <= 0x10FFFF else None
        except ValueError:
            return None
    # html5 holds "amp;" and, for the legacy names browsers accept bare, "amp".
    return html.entities.html5.get(body + ";" if token.endswith(";") else body)


def _percent(token: str) -> str | None:
    data = unquote_to_bytes(token)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _yaml_escape(token: str) -> str | None:
    if token[1] in "xuU":
        code = int(token[2:], 16)
        return chr(code) if 0 < code <= 0x10FFFF else None
    return _YAML_NAMED.get(token[1])


def _fold(run: str, offset: int):
    """(shown text, written start, written end) for each cluster of a non-ASCII run."""
    i = 0
    while i < len(run):
        j = i + 1
        # A base character and the combining marks after it fold together
        # ("e" + U+0302 + U+0301 is "ế"), as NFKC of the whole text would.
        while j < len(run) and unicodedata.combining(run[j]):
            j += 1
        cluster = run[i:j]
        folded = unicodedata.normalize("NFKC", cluster)
        # Other scripts' digits (Arabic-Indic, Devanagari…) read as digits too; NFKC keeps them.
        shown = "".join(str(unicodedata.decimal(c)) if _NON_ASCII_DIGIT.match(c) else c for c in folded)
        yield _INVISIBLE_CHAR.sub("", shown), offset + i, offset + j
        i = j


class Lines:
    """1-based line numbers of offsets in a text (one bisect each)."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def of(self, offset: int) -> int:
        return bisect_right(self._breaks, offset - 1) + 1
