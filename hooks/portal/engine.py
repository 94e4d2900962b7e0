"""What the build needs from a site engine (MkDocs with Material today), and nothing more.

The core renders every page's content itself (templates, sanitized Markdown);
the engine contributes the Markdown converter and the theme's chrome around
the content. The chrome comes as *shells* (:mod:`portal.output.shells`): a
page the theme rendered once per section, depth and table-of-contents form,
with placeholder slots the build fills for each page. Replacing MkDocs means
writing another object with these methods (see tests/build/test_fake_engine.py).
"""

from __future__ import annotations

from typing import Any, Protocol

from .output.shells import TocForm

TocToken = dict[str, Any]
"""A heading as python-markdown's toc extension lists it: level, id, name, children."""


class Engine(Protocol):
    def convert(self, markdown: str) -> tuple[str, list[TocToken]]:
        """Render untrusted Markdown (the build sanitizes the HTML) and list its headings."""

    def toc_entries(self, tokens: list[TocToken]) -> list[TocToken]:
        """The headings the theme lists in a page's table of contents."""

    def toc_items(self, tokens: list[TocToken]) -> str:
        """The theme's HTML list items for those headings."""

    def mark_slots(self, page_html: str, form: TocForm) -> str:
        """Put the skip-link and table-of-contents slots into a shell the theme rendered."""


class StandaloneEngine(Engine, Protocol):
    """An engine the core drives on its own (``portal.build.standalone``): it renders shells on demand."""

    def shell(self, section: str, depth: int, form: TocForm) -> tuple[str, str | None]:
        """The theme's page around the placeholders of :mod:`portal.output.shells`, and its canonical URL."""

    def static_files(self) -> dict[str, bytes]:
        """The theme's and the site's static files (styles, scripts, guide pages), by site path."""
