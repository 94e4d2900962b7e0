"""Every page and output file of the site, from the page providers."""

from __future__ import annotations

from ..model.site import Context, Deferred, Output, Page
from ..output.pages import PROVIDERS


def collect(context: Context) -> tuple[list[Page], list[Output | Deferred]]:
    """All pages and outputs, sorted by path so output is deterministic."""
    pages: list[Page] = []
    outputs: list[Output | Deferred] = []
    for provider in PROVIDERS:
        for item in provider(context):
            (pages if isinstance(item, Page) else outputs).append(item)
    pages.sort(key=lambda p: p.path)
    outputs.sort(key=lambda o: o.path)
    seen: set[str] = set()
    for item in [*pages, *outputs]:
        if item.path in seen:
            raise ValueError(f"two outputs at {item.path}")
        seen.add(item.path)
    return pages, outputs
