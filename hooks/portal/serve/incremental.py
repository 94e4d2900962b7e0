"""Rebuilding what an edit touches, from the state a full build kept (``Build.keep``).

After an edit of documents the model is patched (only the changed files are
read again), checked (the one-file checks on those files, the cross-file
checks on the whole portal), derived again, and only the pages and files the
edit touches (:mod:`portal.serve.depends`) are made again, into a staging
folder; a file replaces the served one only when its bytes changed. The search
index, the sitemap and the site-wide files are always made again and compared.
The result is the same, byte for byte, as a clean build of the same files
(tests/build/test_serve_incremental.py); whatever this module cannot follow
raises :class:`FullBuildNeeded`, with the reason, and the caller builds it all.
"""

from __future__ import annotations

import dataclasses
import gc
import gzip
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .. import parallel
from ..build.collect import collect
from ..build.pipeline import Build
from ..content.check import check_loaded
from ..content import privacy
from ..content.load import Loaded, load_document
from ..derive import search
from ..model.index import PortalIndex
from ..model.problems import Problem
from ..model.records import Document
from ..model.site import Context, Deferred, Output, Page
from ..output import filling, headers, sitemap
from ..output.pages import PROVIDERS, documents, opendata
from . import depends


LATE = (opendata.provide,)
"""Providers made after the pages are visible: the data files, whose page only counts them."""
EARLY = tuple(p for p in PROVIDERS if p not in LATE)


class FullBuildNeeded(Exception):
    """The edit needs a full build (the message says why, in Vietnamese)."""


@dataclass(frozen=True)
class Rebuilt:
    """What one rebuild did: the problems found, or the files it wrote and removed."""

    problems: tuple[Problem, ...] = ()
    """Problems of the saved files: nothing was made."""
    leaks: tuple[Problem, ...] = ()
    """Personal data the last net found in what was made (it was written: nothing is published from here)."""
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    remade: int = 0
    """Pages and files made again (most of them came out the same)."""


class Incremental:
    """The preview's state between edits: the model, the pages, what the served folder holds."""

    def __init__(self, build: Build, loaded: Loaded) -> None:
        assert build.keep and build.theme is not None and build.site is not None and build.scan is not None
        self.build = build
        self.loaded = loaded
        self.root = build.context.root
        self.site_dir = build.site_dir
        self.stage = build.site_dir.parent / f".{build.site_dir.name}-stage"
        pages, outputs = collect(build.context)
        self.pages: dict[str, Page] = {p.path: p for p in pages}
        self.outputs: dict[str, Output | Deferred] = {o.path: o for o in outputs}
        self.engine: dict[str, str] = {page.path: source for source, page in build.pages.items()}
        """Site path -> source path of the generated pages the engine rendered."""
        self.engine_order = [e.path for e in build.search_entries]
        self.pending: set[str] = set()
        """Documents with problems at the last check: read again with the next edit."""
        self.changed_entries: set[str] = set()
        self.encoded: dict[str, bytes] = {}
        """Each search key's encoded term, as the index's files hold it now."""
        self.postings: search.Postings | None = self._postings()
        self.postings.outputs(self.encoded)
        gc.collect()
        gc.freeze()  # what the full build left lives on: out of the collector's scans

    # ------------------------------------------------------------------ check

    def _reload(self, changed: set[str]) -> Loaded:
        old = self.loaded
        index_units = {u.path for u in old.portal.units}
        measures = {i.id: i.measure for i in old.portal.indicators}
        lines = {k: v for k, v in old.lines.items() if k[0] not in changed}
        texts = {k: v for k, v in old.texts.items() if k not in changed}
        problems: list[Problem] = []
        fresh: list[Document] = []
        for source in sorted(changed):
            if not (self.root / source).exists():
                continue
            one = load_document(self.root, source, measures, index_units)
            problems += one.problems
            fresh += one.portal.documents
            lines.update(one.lines)
            texts.update(one.texts)
        documents = sorted([d for d in old.portal.documents if d.source not in changed] + fresh, key=lambda d: d.source)
        portal = dataclasses.replace(old.portal, documents=tuple(documents))
        return Loaded(portal, problems, lines, old.positions, texts)

    def apply(self, changed: set[str], visible: Callable[[Sequence[str]], None] = lambda written: None) -> Rebuilt:
        """Follow an edit of these documents (``plans/…/*.md``, added, changed or removed).

        ``visible(written)`` is called with the files written so far, so that the
        browser reloads the pages among them: first once the saved documents' own
        pages are written (what the person who saved is looking at, a second
        after the save), then once every page is, before the data files and the
        search index (nothing a page shows).
        """
        # The kept model is millions of objects: the cycle collector would walk
        # them again and again while the edit's objects are made (as in check).
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._apply(changed, visible)
        finally:
            if was_enabled:
                gc.enable()
            gc.collect(1)

    def _apply(self, changed: set[str], visible: Callable[[Sequence[str]], None]) -> Rebuilt:
        changed = set(changed) | self.pending
        loaded = self._reload(changed)
        existing = frozenset(s for s in changed if (self.root / s).exists())
        problems, index, _ = check_loaded(loaded, self.root, only=existing)
        if problems:
            self.pending = {p.path for p in problems if p.path in changed} or changed
            return Rebuilt(problems=problems)
        assert index is not None
        self.pending = set()
        return self._remake(loaded, index, changed, visible)

    # ----------------------------------------------------------------- remake

    def _remake(self, loaded: Loaded, index: PortalIndex, changed: set[str],
                visible: Callable[[Sequence[str]], None]) -> Rebuilt:
        build = self.build
        hits_before = len(build.net.hits)
        old_index = build.context.index
        touched = depends.Affected()
        for source in changed:
            for doc, where in ((_by_source(old_index, source), old_index), (_by_source(index, source), index)):
                if doc is not None:
                    touched = touched | depends.affected(doc, where)
        context = Context(loaded.portal, index, build.context.settings, root=self.root)
        first, written = self._saved_pages(context, changed)
        if written:
            visible(written)
        new_pages: dict[str, Page] = {}
        new_outputs: dict[str, Output | Deferred] = {}
        remade = len(first)
        for providers in (EARLY, LATE):
            pages, outputs = _collect(context, providers)
            new_pages.update(pages)
            new_outputs.update(outputs)
            done, count = self._pages(pages, outputs, touched, first)
            written += done
            remade += count
            if providers is EARLY:
                visible(done)
        if (self.pages.keys() - new_pages.keys()) & self.engine.keys():
            raise FullBuildNeeded("một trang do MkDocs dựng đã mất đi")
        removed = [p + "index.html" for p in self.pages.keys() - new_pages.keys()]
        self.pages_changed = new_pages.keys() != self.pages.keys()
        removed += [p for p in self.outputs.keys() - new_outputs.keys()]
        for path in self.pages.keys() - new_pages.keys():
            build.entries.pop(path, None)
        self.pages, self.outputs = new_pages, new_outputs
        build.filled = [p for path, p in sorted(new_pages.items()) if path not in self.engine]
        build.context = context
        self.loaded = loaded
        written += self._index_and_sitemap(removed, self.changed_entries)
        self.changed_entries = set()
        for name in removed:
            _remove(self.site_dir, name)
        # The last net of the full build (portal.output.privacy_net) over what was made again;
        # the files stay written (nothing is published from the preview), the page says what to fix.
        leaks = tuple(Problem(where.partition(" ")[0], 0, "", privacy.message(found))
                      for where, found in build.net.hits[hits_before:])
        del build.net.hits[hits_before:]
        return Rebuilt(leaks=leaks, written=tuple(sorted(written)), removed=tuple(sorted(removed)), remade=remade)

    def _saved_pages(self, context: Context, changed: set[str]) -> tuple[frozenset[str], list[str]]:
        """The saved documents' own pages, made and written before anything else: their site paths, the files written.

        Whatever else the edit touches (units, lists, calendars) is made after,
        by :meth:`_pages`, which leaves these out (the same context makes the same page).
        A page that would need what only that step decides (a new shell) waits for it.
        """
        pages = []
        for source in sorted(changed):
            doc = _by_source(context.index, source)
            if doc is None:
                continue
            page = documents.document_page(context, doc)
            if page.path not in self.engine and self._has_shells(page):
                pages.append(page)
        return frozenset(p.path for p in pages), self._fill(pages, []) if pages else []

    def _has_shells(self, page: Page) -> bool:
        """Every shell a filled ``page`` may go into was rendered by the full build."""
        return all(filling.shell_key(page, form) in self.build.theme.shells for form in filling.forms(page))

    def _pages(self, pages: dict[str, Page], outputs: dict[str, Output | Deferred],
               touched: depends.Affected, made: frozenset[str] = frozenset()) -> tuple[list[str], int]:
        """Make again what ``touched`` covers among these pages and files (and the new ones) but ``made``; write what changed."""
        for path in pages.keys() - self.pages.keys():
            if path.count("/") <= 1:
                raise FullBuildNeeded(f"trang {path or '/'} do MkDocs dựng xuất hiện")
        to_fill = [p for path, p in sorted(pages.items()) if path not in self.engine and path not in made
                   and (path not in self.pages or touched.covers(path))]
        for page in to_fill:
            if not self._has_shells(page):
                raise FullBuildNeeded(f"trang {page.path} cần một khung trang mới")
        deferred = [o for path, o in outputs.items()
                    if isinstance(o, Deferred) and (path not in self.outputs or touched.covers(path))]
        written = self._fill(to_fill, deferred)
        written += self._engine_pages(pages, touched)
        for path, output in outputs.items():
            if isinstance(output, Output) and _write_if_changed(self.site_dir / path, output.data):
                self.build.net.merge(self.build.net.file(path, output.data), ())
                written.append(path)
        return written, len(to_fill) + len(deferred)

    def _fill(self, pages: list[Page], deferred: list[Deferred]) -> list[str]:
        """Fill ``pages`` and make ``deferred`` as the full build did; the names of the files whose bytes changed.

        They are made into a staging folder, and a file replaces the served one only when it differs.
        """
        build = self.build
        # The staging folder's folders stay from one edit to the next (removing them cost more than the edit).
        self.stage.mkdir(parents=True, exist_ok=True)
        site = dataclasses.replace(build.site, directory=self.stage)
        scan = headers.Scan()
        entries: list[search.Entry] = []
        parallel.configure(1)  # beside the server's threads: never fork
        filling.fill(pages, build.theme, site, scan, entry=_entry, deferred=deferred, collect=entries.append)
        if scan.foreign:
            raise FullBuildNeeded(f"trang tải tài nguyên từ máy chủ bên ngoài ({sorted(scan.foreign)[0]})")
        known = build.scan.inline()
        found = scan.inline()
        if not (found.scripts <= known.scripts and found.styles <= known.styles
                and found.style_attributes <= known.style_attributes):
            raise FullBuildNeeded("có mã nội tuyến mới: chính sách bảo mật nội dung của cả trang phải tính lại")
        for made in entries:
            if build.entries.get(made.path) != made:
                self.changed_entries.add(made.path)
            build.entries[made.path] = made
        written = []
        for name in [p.path + "index.html" for p in pages] + [d.path for d in deferred]:
            if _replace_if_changed(self.stage / name, self.site_dir / name):
                written.append(name)
            else:
                (self.stage / name).unlink()
        return written

    def _engine_pages(self, new_pages: dict[str, Page], touched: depends.Affected) -> list[str]:
        """The pages MkDocs rendered: their content is swapped in the page MkDocs wrote around it."""
        build = self.build
        written = []
        for path, source in sorted(self.engine.items()):
            if path not in new_pages or not touched.covers(path):
                continue
            old, page = build.pages[source], new_pages[path]
            if page.markdown or old.markdown or (page.title, page.description) != (old.title, old.description):
                raise FullBuildNeeded(f"tiêu đề hoặc mô tả của trang {path or '/'} đổi")
            content = page.render(None)
            target = self.site_dir / path / "index.html"
            text = target.read_text(encoding="utf-8")
            before = build.engine_content[source]
            if before not in text:
                raise FullBuildNeeded(f"không tìm thấy nội dung cũ trong trang {path or '/'}")
            build.pages[source] = page
            build.engine_content[source] = content
            if page.search:
                made = _entry(page, content)
                if build.entries.get(path) != made:
                    self.changed_entries.add(path)
                build.entries[path] = made
            if content != before and _write_if_changed(target, text.replace(before, content, 1).encode("utf-8")):
                build.net.merge(build.net.html(path + "index.html", [content]), ())
                written.append(path + "index.html")
        return written

    def _postings(self) -> search.Postings:
        """The index of every page's entry, in the order the full build adds them."""
        build = self.build
        filled = [p for p in build.filled if p.search]
        postings = search.Postings([*((build.entries[p].path, build.entries[p].meta) for p in self.engine_order),
                                    *((p.path, p.search) for p in filled)])
        for path in self.engine_order:
            postings.add(build.entries[path])
        for page in filled:
            postings.add(build.entries[page.path])
        return postings

    def _index_and_sitemap(self, removed: list[str], changed: set[str]) -> list[str]:
        """The search index (only the terms of changed entries are encoded again while no page id moves) and the sitemap."""
        build = self.build
        written = []
        postings = self.postings
        filled = [p for p in build.filled if p.search]
        order = search.Postings([*((build.entries[p].path, build.entries[p].meta) for p in self.engine_order),
                                 *((p.path, p.search) for p in filled)]).order
        if postings is None or postings.order != order:
            # A page came, went or moved in the ranking: every page id after it moves.
            self.encoded.clear()
            postings = self.postings = self._postings()
        else:
            for path in sorted(changed):
                postings.replace(build.entries[path])
        index = postings.outputs(self.encoded)
        for output in index:
            if _write_if_changed(self.site_dir / output.path, output.data):
                written.append(output.path)
        removed += sorted(set(build.index_paths) - {o.path for o in index})
        build.index_paths = [o.path for o in index]
        base_url = build.site.base_url
        if base_url and (removed or self.pages_changed):
            data = sitemap.content(base_url, sorted([*build.engine_paths, *(p.path for p in build.filled)]),
                                   build.context.settings.today)
            if _write_if_changed(self.site_dir / sitemap.FILE, data):
                written.append(sitemap.FILE)
                _write_if_changed(self.site_dir / f"{sitemap.FILE}.gz", gzip.compress(data, mtime=0))
        return written


def _collect(context: Context, providers) -> tuple[dict[str, Page], dict[str, Output | Deferred]]:
    pages: dict[str, Page] = {}
    outputs: dict[str, Output | Deferred] = {}
    for provider in providers:
        for item in provider(context):
            (pages if isinstance(item, Page) else outputs)[item.path] = item
    return pages, outputs


def _entry(page: Page, content: str) -> search.Entry:
    assert page.search is not None
    return search.entry(page.path, page.title, content, page.search)


def _by_source(index: PortalIndex, source: str) -> Document | None:
    unit, _, name = source.removeprefix("plans/").rpartition("/")
    return index.documents.get((unit, name.removesuffix(".md")))


def _write_if_changed(target: Path, data: bytes) -> bool:
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def _replace_if_changed(staged: Path, target: Path) -> bool:
    try:
        if target.read_bytes() == staged.read_bytes():
            return False
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    return True


def _remove(site_dir: Path, name: str) -> None:
    """Remove a file the site no longer has, and the folders it leaves empty."""
    target = site_dir / name
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != site_dir:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
