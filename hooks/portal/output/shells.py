"""Page shells: the theme's chrome rendered once, filled in for every page.

Every generated page outside the navigation carries the same header, tabs,
side navigation, footer and scripts; only its depth in the site (relative
links), its title, description, canonical and edit links, table of contents
and body differ. Rendering that chrome through the theme for each of the
portal's pages was most of the build at national scale (33,000 pages), so the
engine renders one *shell* per depth and table-of-contents form, with
placeholder slots, and each page is the shell's text with its slots filled.
The shell is split at its slots once; filling never scans page content, so a
contributor's text can never be taken for a slot.

Nothing here knows the engine: the adapter renders shells with these
placeholders and hands their HTML to :meth:`Shell.parse`, with the function
that finds the theme's skip link and table of contents in it (``mark``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum
from typing import Callable


class TocForm(Enum):
    """How the theme lays out a page's table of contents; each form has its own shell."""

    HIDDEN = "an"
    """Pages made from templates only: the sidebar is hidden."""
    NONE = "khong"
    """A Markdown body without headings."""
    SKIP = "nhay"
    """Only a level-1 heading: a skip link, no list."""
    LIST = "muc-luc"
    """Headings to list."""


TITLE = "PORTALSLOTTITLE"
DESCRIPTION = "PORTALSLOTDESCRIPTION"
EDIT = "PORTALSLOTEDIT"
CONTENT = "PORTALSLOTCONTENT"
TOC_HEADING = "PORTALSHELLTOC"
"""Heading text of the shell body, so the theme lists one table-of-contents entry."""
CANONICAL = "PORTALSLOTCANONICAL"
SKIP = "PORTALSLOTSKIP"
H1 = "PORTALSLOTHEADING"
TOC = "PORTALSLOTTOCITEMS"
POLICY = "PORTALSLOTPOLICY"

_SLOT = re.compile(r"PORTALSLOT[A-Z]+")
_EDIT_ANCHOR = re.compile(r'<a href="' + EDIT + r'"[^>]*>.*?</a>', re.DOTALL)
_META_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\r\n\f]{2,}")


class ShellError(Exception):
    """The theme's output no longer has a place the shell expects (a theme upgrade)."""


@dataclass(frozen=True)
class Fill:
    """One page's values for the slots of a shell (HTML, already escaped)."""

    title: str
    description: str
    canonical: str
    edit: str
    """The theme's edit button, or "" when the page has no source file."""
    heading: str
    """The theme's <h1>, or "" when the body has its own."""
    skip: str
    toc: str
    policy: str
    content: str


@dataclass(frozen=True)
class Shell:
    """A theme page split at its slots: literal text and slot names, alternating."""

    parts: tuple[str, ...]
    edit_anchor: str
    """The theme's edit button with EDIT where its link goes."""

    @classmethod
    def parse(cls, page_html: str, canonical_url: str | None, form: TocForm, policy: bool,
              mark: Callable[[str, TocForm], str]) -> Shell:
        """Turn a page the theme rendered with the placeholders into a shell.

        ``canonical_url`` is the shell page's own canonical URL, which the
        engine computed; ``policy`` places a meta Content-Security-Policy slot;
        ``mark`` (the engine's) puts the SKIP and TOC slots where the theme has them.
        """
        text = page_html
        if canonical_url:
            text = _must_replace(text, f'<link rel="canonical" href="{canonical_url}">',
                                 f'<link rel="canonical" href="{CANONICAL}">', "canonical")
        edit = _EDIT_ANCHOR.search(text)
        if edit is None:
            raise ShellError("edit button")
        text = text[: edit.start()] + EDIT + text[edit.end():]
        text = _must_replace(text, f"<h1>{TITLE}</h1>", H1, "h1")
        text = mark(text, form)
        if form in (TocForm.SKIP, TocForm.LIST) and SKIP not in text:
            raise ShellError("skip link")
        if form is TocForm.LIST and TOC not in text:
            raise ShellError("toc")
        if policy:
            charset = _META_CHARSET.search(text)
            if charset is None:
                raise ShellError("meta charset")
            tag = f'\n<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            text = text[: charset.end()] + tag + text[charset.end():]
        if TOC_HEADING in text:
            raise ShellError("toc heading")
        text = compact(text)
        pieces: list[str] = []
        at = 0
        for match in _SLOT.finditer(text):
            pieces += [text[at: match.start()], match.group()]
            at = match.end()
        pieces.append(text[at:])
        return cls(tuple(pieces), compact(edit.group()))

    def fill(self, values: Fill) -> str:
        slots = {
            TITLE: values.title, DESCRIPTION: values.description, CANONICAL: values.canonical,
            EDIT: values.edit, H1: values.heading, SKIP: values.skip, TOC: values.toc,
            POLICY: values.policy, CONTENT: values.content,
        }
        parts = list(self.parts)
        # Odd places hold slot names.
        for i in range(1, len(parts), 2):
            parts[i] = slots[parts[i]]
        return "".join(parts)

    def edit_button(self, url: str | None) -> str:
        return self.edit_anchor.replace(EDIT, attribute(url), 1) if url else ""

    @property
    def inline_part(self) -> str:
        """The shell's own text (no page values), for its inline-code hashes."""
        return "".join(self.parts[0::2])


def compact(page_html: str) -> str:
    """``page_html`` with each run of spaces a single space or line break, as a browser shows it.

    The theme indents its chrome deeply: a fifth of every filled page was
    indentation, about 150 MB of a national portal, which must stay within the
    free hosts' size limits. Text in <pre>, <textarea>, <script> and <style>
    is kept as it is (there spaces are meaningful); ASCII whitespace only, so
    no-break spaces stay.
    """
    pieces = _VERBATIM.split(page_html)
    # split() with two groups yields: text, whole element, its tag name, text, …
    out: list[str] = []
    for i in range(0, len(pieces), 3):
        out.append(_SPACES.sub(_one_space, pieces[i]))
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
    return "".join(out)


def _one_space(run: re.Match[str]) -> str:
    return "\n" if "\n" in run.group() else " "


def attribute(value: str) -> str:
    """``value`` escaped for a double-quoted HTML attribute or text."""
    return html.escape(value, quote=True)


def _must_replace(text: str, old: str, new: str, what: str) -> str:
    if old not in text:
        raise ShellError(what)
    return text.replace(old, new, 1)
