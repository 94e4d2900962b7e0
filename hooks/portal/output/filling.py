"""Writing the generated pages into their shells, on every core the machine has.

Filling is independent page by page, so a large site is split into chunks
that forked workers fill and write; each returns what the rest of the build
needs from its pages (inline-code hashes for the security headers, search
entries), merged in page order, so the output does not depend on how the work
was split. Forking shares the loaded portal with the workers without
serialising it; the pages' render functions are closures and could not be
sent to another process any other way.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from markupsafe import escape

from . import headers, privacy_net, render
from .. import parallel
from ..content import sanitize
from .headers import Inline
from .shells import Fill, Shell, TocForm, attribute, compact
from ..model.site import Deferred, Page
from .files import write_file

ShellKey = tuple[str, int, TocForm]
"""A shell: top section, depth (2 or more), table-of-contents form."""

Entry = Callable[[Page, str], Any]
"""Makes a page's search entry from the page and its content HTML."""

PARALLEL_FROM = 1500
"""Fewer pages than this are filled in-process: forking costs more than it saves."""
CHUNK = 400


@dataclass(frozen=True)
class ShellTheme:
    """What the engine contributes to filling pages."""

    shells: Mapping[ShellKey, Shell]
    inline: Mapping[ShellKey, Inline]
    """Hashes of each shell's own inline code."""
    convert: Callable[[str], tuple[str, list[dict[str, Any]]]]
    """Markdown to (HTML, table-of-contents tokens of python-markdown's toc extension)."""
    toc_entries: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
    """The headings the theme lists in the table of contents."""
    toc_items: Callable[[list[dict[str, Any]]], str]
    """The theme's list items for table-of-contents tokens."""


@dataclass(frozen=True)
class Site:
    """Site-wide values of every filled page."""

    directory: Path
    base_url: str
    """Site URL ending in "/", or "" without one (then pages have no canonical link)."""
    description: str
    """The site's description (HTML), for pages without their own."""
    edit_base: str | None
    preview: bool
    """Local preview: no meta policy (the live-reload script is inline)."""
    net: privacy_net.Net | None = None
    """Scans each page's parts and each made file for personal data before they are written."""


@dataclass
class Filled:
    """What filling some pages found, to merge into the build."""

    written: list[str] = field(default_factory=list)
    inline: list[Inline] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    entries: list[Any] = field(default_factory=list)
    """What ``entry`` made of each page with search data, in page order."""
    privacy: list[privacy_net.Hit] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    """Files whose every part the net scanned (and verified)."""
    unsafe: list[privacy_net.Unsafe] = field(default_factory=list)
    """What the output verifier refused in them (output/verify.py)."""


def shell_key(page: Page, form: TocForm) -> ShellKey:
    # The theme's links to the top sections are relative: a shell in the
    # page's own section and at its depth gets exactly the page's links.
    return (page.path.split("/", 1)[0], page.path.count("/"), form)


def forms(page: Page) -> tuple[TocForm, ...]:
    """The shells a page may need; which one a Markdown body needs is known once it is rendered."""
    return (TocForm.NONE, TocForm.SKIP, TocForm.LIST) if page.markdown else (TocForm.HIDDEN,)


def fill(pages: list[Page], theme: ShellTheme, site: Site, scan: headers.Scan, entry: Entry | None = None,
         deferred: list[Deferred] | None = None, workers: int | None = None,
         collect: Callable[[Any], None] | None = None) -> list[Any]:
    """Write ``pages`` into ``site.directory`` and record them in ``scan``; make and write ``deferred``.

    Returns ``entry(page, content HTML)`` of each page that has search data;
    with ``collect``, each is handed to it instead, as soon as its chunk of
    pages is done: the build merges them while the workers fill the next chunks.
    """
    items: list[Page | Deferred] = [*pages, *(deferred or [])]
    chunks = [(start, min(start + CHUNK, len(items))) for start in range(0, len(items), CHUNK)]
    render.preload()
    # The loaded portal is millions of objects that live until the end: kept
    # out of the collector's scans, which otherwise walk all of them again
    # and again (and, in a forked worker, copy every page they touch).
    gc.freeze()
    try:
        entries: list[Any] = []
        # Not under the preview server: its threads (watcher, HTTP) must not be forked.
        in_parallel = len(items) >= PARALLEL_FROM and not site.preview
        for result in parallel.run(_fill_chunk, chunks, (items, theme, site, entry),
                                   parallel=in_parallel, processes=workers):
            _merge(result, scan, collect, entries)
            if site.net is not None:
                site.net.merge(result.privacy, result.covered, result.unsafe)
    finally:
        gc.unfreeze()
    for found in theme.inline.values():
        scan.record(found)
    return entries


def _merge(result: Filled, scan: headers.Scan, collect: Callable[[Any], None] | None, entries: list[Any]) -> None:
    scan.written.update(result.written)
    for found in result.inline:
        scan.record(found)
    scan.foreign += result.foreign
    if collect is None:
        entries += result.entries
    else:
        for made in result.entries:
            collect(made)


def _fill_chunk(job: tuple[list[Page | Deferred], ShellTheme, Site, Entry | None], bounds: tuple[int, int]) -> Filled:
    items, theme, site, entry = job
    result = Filled()
    for item in items[bounds[0]: bounds[1]]:
        if isinstance(item, Deferred):
            data = item.make()
            if site.net is not None:
                result.privacy += site.net.file(item.path, data)
                result.unsafe += site.net.verify_file(item.path, data)
                result.covered.append(item.path)
            write_file(site.directory, item.path, data)
        else:
            _fill_page(item, theme, site, entry, result)
    return result


def _fill_page(page: Page, theme: ShellTheme, site: Site, entry: Entry | None, result: Filled) -> None:
    body = None
    form = TocForm.HIDDEN
    toc: list[dict[str, Any]] = []
    listed: list[dict[str, Any]] = []
    if page.markdown:
        html, toc = theme.convert(page.markdown)
        body = sanitize.clean_html(html)
        listed = theme.toc_entries(toc)
        form = TocForm.LIST if listed else TocForm.SKIP if toc else TocForm.NONE
    key = shell_key(page, form)
    shell = theme.shells[key]
    content = page.render(body)
    name = page.path + "index.html"
    found = headers.find_inline(content)
    result.inline.append(found)
    result.foreign += [f"{name}: {url}" for url in headers.foreign_resources(content)]
    policy = "" if site.preview else headers.meta_content(
        headers.content_security_policy(headers.union(found, theme.inline[key]), for_meta=True))
    title = str(escape(page.title))
    parts = Fill(
        title=title,
        description=str(escape(page.description)) if page.description else site.description,
        # page.path is relative and plain (paths.py), so joining is appending.
        canonical=attribute(site.base_url + page.path) if site.base_url else "",
        edit=shell.edit_button(f"{site.edit_base}/{page.source}" if site.edit_base and page.source else None),
        heading="" if "<h1" in content else f"<h1>{title}</h1>",
        skip=attribute("#" + toc[0]["id"]) if toc else "",
        toc=compact(theme.toc_items(listed)),  # the theme's list items, indented like the rest of its chrome
        policy=policy,
        content=content,
    )
    text = shell.fill(parts)
    made = entry(page, content) if page.search and entry is not None else None
    if made is not None:
        result.entries.append(made)
    if site.net is not None:
        # The shell itself was scanned once (pipeline); the policy is hashes.
        result.privacy += site.net.html(name, (getattr(parts, f.name) for f in fields(Fill) if f.name != "policy"))
        # The shell was verified once too: what could run here comes from the parts.
        result.unsafe += site.net.verify(name, page.source, (parts.title, parts.description, parts.edit, parts.heading,
                                                              parts.toc, parts.content), (parts.canonical, parts.skip))
        excerpt = getattr(made, "excerpt", "")
        if excerpt:
            result.privacy += site.net.texts(f"{name} (đoạn trích tìm kiếm)", [excerpt])
        result.covered.append(name)
    write_file(site.directory, name, text.encode("utf-8"))
    result.written.append(name)
