"""What the portal knows of Material for MkDocs' HTML, beside the adapter and outside the core.

Material 9 is in maintenance (its end of life is announced for May 2027); when
it goes, this file and mkdocs_hooks.py are what a new engine replaces.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Markdown
from markupsafe import escape
from mkdocs.structure.toc import get_toc

from portal.output.shells import SKIP, TOC, TocForm

TABLE_WRAPPER = ("md-typeset__scrollwrap", "md-typeset__table")
"""The boxes Material's script puts around a table in content, written out for generated tables."""

_SKIP_HREF = re.compile(r'(<a href=")#[^"]*(" class="md-skip">)')
_TOC_LIST = re.compile(r'(<ul class="md-nav__list" data-md-component="toc"[^>]*>).*?(</ul>)', re.DOTALL)


class MaterialEngine:
    """The :class:`portal.engine.Engine` of a MkDocs site with the Material theme."""

    def __init__(self, config: Any) -> None:
        self._toc_item = config.theme.get_env().get_template("partials/toc-item.html")
        # One Markdown converter for all bodies (MkDocs makes one per page), with
        # the site's extensions and settings, reset between documents.
        self._converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def convert(self, markdown: str) -> tuple[str, list[dict[str, Any]]]:
        self._converter.reset()
        return self._converter.convert(markdown), getattr(self._converter, "toc_tokens", [])

    @staticmethod
    def toc_entries(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # As Material's partials/toc.html: a lone h1 lists its children.
        return tokens[0]["children"] if tokens and tokens[0]["level"] == 1 else tokens

    def toc_items(self, tokens: list[dict[str, Any]]) -> str:
        return "".join(self._toc_item.render(toc_item=item) for item in get_toc(safe_tokens(tokens)))

    def mark_slots(self, page_html: str, form: TocForm) -> str:
        return mark_slots(page_html, form)


def safe_tokens(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Table-of-contents tokens fit for Material's partials/toc-item.html, which prints id and name unescaped.

    ``check`` refuses unsafe ids and labels (portal.content.identifiers); this is
    the second lock, for whatever reaches the theme anyway.
    """
    return [{**token, "id": str(escape(token.get("id", ""))), "name": _text(token.get("name", "")),
             "children": safe_tokens(token.get("children", []))} for token in tokens]


def _text(name: str) -> str:
    # The token's name is escaped text; decoding then re-escaping keeps it as it
    # was and turns any raw tag into text. Quotes stay as they are (text, not an attribute).
    return html.unescape(name).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_toc(toc: Any) -> None:
    """Escape the ids and titles of MkDocs' table of contents of a page (its AnchorLinks) in place."""
    for link in toc or ():
        link.id = str(escape(link.id))
        link.title = _text(link.title)
        escape_toc(link.children)


def mark_slots(page_html: str, form: TocForm) -> str:
    """The SKIP slot in Material's skip link, the TOC slot in its table-of-contents list."""
    if form in (TocForm.SKIP, TocForm.LIST):
        page_html = _SKIP_HREF.sub(lambda m: m.group(1) + SKIP + m.group(2), page_html, count=1)
    if form is TocForm.LIST:
        page_html = _TOC_LIST.sub(lambda m: m.group(1) + TOC + m.group(2), page_html, count=1)
    return page_html
