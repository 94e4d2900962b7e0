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
# A run of non-ASCII characters, with the ASCII letter before it when the run
# starts with a combining mark (decomposed Vietnamese: "e" + U+0302 + U+0301).
_RUN = r"(?:[\x21-\x7e](?=[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]))?[^\x00-\x7f]+"
_PLAIN_ALL = re.compile(f"{_ENTITY}|{_PERCENT}|{_RUN}")
_YAML_ALL = re.compile(f"{_ENTITY}|{_PERCENT}|{_YAML_ESCAPE}|{_RUN}")
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_YAML_NAMED = {"0": "\0", "_": "\u00a0", "N": "\u0085", "L": "\u2028", "P": "\u2029", " ": " "}


@dataclass(frozen=True)
class View:
    """A text as read, and where each of its characters was written."""

    text: str
    """What a reader sees (entities and escapes decoded, NFKC, invisible characters gone)."""
    origins: tuple[int, ...] | None
    """Offset in the written text of each character of :attr:`text`; None when both are the same."""
    written: str
    """The text as written."""

    def origin(self, index: int) -> int:
        """Offset in the written text of the character at ``index`` of the view (or of its end)."""
        if self.origins is None:
            return index
        if index >= len(self.origins):
            return len(self.written)
        return self.origins[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The written span that shows as ``text[start:end]``."""
        if self.origins is None:
            return start, end
        first = self.origin(start)
        if end <= start:
            return first, first
        # The last shown character may come from an entity or escape several
        # characters long: the span ends where the next shown character begins.
        last = self.origin(end - 1)
        following = self.origin(end) if end < len(self.text) else len(self.written)
        stop = following if following > last else last + 1
        # Invisible characters after the last shown one are not part of it.
        while stop > last + 1 and _INVISIBLE_CHAR.match(self.written, stop - 1):
            stop -= 1
        return first, stop


def reader_view(text: str, yaml: bool = False) -> View:
    """The text as a reader sees it; ``yaml``: decode the escapes of YAML double-quoted strings too."""
    if text.isascii() and "&" not in text and "%" not in text and not (yaml and "\\" in text):
        return View(text, None, text)
    clean = text.isascii() or (
        unicodedata.is_normalized("NFKC", text)
        and not _INVISIBLE_CHAR.search(text)
        and not _NON_ASCII_DIGIT.search(text)
    )
    pattern = (_YAML if yaml else _PLAIN) if clean else (_YAML_ALL if yaml else _PLAIN_ALL)
    pieces: list[str] = []
    origins: list[int] = []
    at = 0
    changed = False

    def keep(upto: int) -> None:
        pieces.append(text[at:upto])
        origins.extend(range(at, upto))

    for match in pattern.finditer(text):
        start, end = match.span()
        if start > at:
            keep(start)
        token = match.group(0)
        at = end
        if token[0] in "&%\\":
            shown = _entity(token) if token[0] == "&" else _percent(token) if token[0] == "%" else _yaml_escape(token)
            if shown is None:
                pieces.append(token)
                origins.extend(range(start, end))
            else:
                changed = True
                pieces.append(shown)
                origins.extend([start] * len(shown))
            continue
        for shown, first, last in _fold(token, start):
            if shown == text[first:last]:
                pieces.append(shown)
                origins.extend(range(first, last))
            else:
                changed = True
                pieces.append(shown)
                origins.extend([first] * len(shown))
    if at < len(text):
        keep(len(text))
    if not changed:
        return View(text, None, text)
    return View("".join(pieces), tuple(origins), text)


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
