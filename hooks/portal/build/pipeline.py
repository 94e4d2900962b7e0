"""The whole build as plain steps over plain data; the engine adapter only calls them.

    start    check plans/ → model → derive every page and file → write the files
             → split the pages: the engine renders those in its navigation,
               the others are filled into shells of the theme's chrome
    content  the HTML of each page the engine renders (and its search entry)
    finish   fill the shells → sitemap → search index → prune → security headers
             → every valid document has its page → the site fits its host (output/hosting)

Nothing here imports the engine: it is reached through :class:`portal.engine.Engine`.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from .. import parallel, paths
from ..content import sanitize, trust
from ..content.check import Report, check_portal
from ..derive import search
from ..engine import Engine
from ..model.index import PortalIndex
from ..model.site import Context, Deferred, Output, Page, SearchMeta, Settings
from ..output import filling, headers, hosting, icons, outdir, postbuild, privacy_net, shells, sitemap, verify
from ..output.files import write_files
from ..output.pages import editor
from ..output.shells import Shell, ShellError, TocForm
from .collect import collect
from .options import Options

ShellKey = filling.ShellKey


class BuildError(Exception):
    """The build cannot go on (message in Vietnamese, for the person who runs it)."""


SHELL_MARKDOWN = {
    TocForm.HIDDEN: "", TocForm.NONE: "",
    TocForm.SKIP: f"# {shells.TOC_HEADING}\n", TocForm.LIST: f"## {shells.TOC_HEADING}\n",
}
"""The Markdown of each shell page: a heading makes the theme draw its table of contents."""

_ID = re.compile(r'\sid="([^"<>]+)"')


def shell_source(key: ShellKey) -> str:
    section, depth, form = key
    return f"{section}/" + "_portal-shell/" * (depth - 2) + f"_portal-shell-{form.value}.md"


def _shell_folder(depth: int, form: TocForm) -> str:
    """The shell's folder right below its section (the one to remove after the build)."""
    return "_portal-shell" if depth > 2 else f"_portal-shell-{form.value}"


@dataclass
class Build:
    """One build's state, from :func:`start` to :meth:`finish`."""

    context: Context
    site_dir: Path
    options: Options
    log: logging.Logger
    stamp: int | None = None
    """When this build began writing (``portal.output.outdir``); None when the output is not pruned."""
    pages: dict[str, Page] = field(default_factory=dict)
    """Generated pages the engine renders (those in its navigation), by source path."""
    filled: list[Page] = field(default_factory=list)
    shells: dict[str, ShellKey] = field(default_factory=dict)
    """Shell pages, by source path."""
    shell_html: dict[ShellKey, tuple[str, str | None]] = field(default_factory=dict)
    engine_paths: list[str] = field(default_factory=list)
    """Site paths of the pages the engine writes (for the sitemap)."""
    deferred: list[Deferred] = field(default_factory=list)
    search_entries: list[search.Entry] = field(default_factory=list)
    document_paths: list[str] = field(default_factory=list)
    head_trust: trust.Trust | None = None
    net: privacy_net.Net | None = None
    """The last net: filled pages are scanned as they are made, the other files after (privacy_net)."""

    outputs: list[Output | Deferred] = field(default_factory=list)
    """Files made before the pages, written by :meth:`write_outputs`."""

    keep: bool = False
    """Kept for the preview's incremental rebuilds (``portal.serve``): what the full build made and used."""
    engine_content: dict[str, str] = field(default_factory=dict)
    """With ``keep``: the content HTML of each generated page the engine rendered, by source path."""
    _rendered: dict[str, str] = field(default_factory=dict)
    """Content HTML of each engine page, from its content event until its whole page comes back."""
    entries: dict[str, search.Entry] = field(default_factory=dict)
    """With ``keep``: every search entry, by site path (the engine's pages first, as the index adds them)."""
    sprite: icons.Sprite = field(default_factory=icons.Sprite)
    """The icons of every page's chrome, written once (``portal.output.icons``)."""
    theme: filling.ShellTheme | None = None
    site: filling.Site | None = None
    scan: headers.Scan | None = None
    index_paths: list[str] = field(default_factory=list)
    """With ``keep``: the files of the search index."""

    def timed(self, what: str):
        return _timed(self.log, what)

    def write_outputs(self) -> None:
        """Written before the engine renders its pages, not after: feeds, calendars
        and data of a national portal would otherwise stay in memory through it."""
        self.deferred.extend(o for o in self.outputs if isinstance(o, Deferred))
        ready = [o for o in self.outputs if isinstance(o, Output)]
        self.outputs = []
        with self.timed(f"{len(ready)} tệp dữ liệu"):
            write_files(self.site_dir, ready)

    def markdown(self, source: str) -> tuple[str, dict[str, object]] | None:
        """The Markdown and page metadata of a generated or shell page (None for a handwritten page).

        Metadata values are escaped: engines print them unescaped.
        """
        shell = self.shells.get(source)
        if shell is not None:
            meta: dict[str, object] = {"title": shells.TITLE, "description": shells.DESCRIPTION}
            if shell[2] is TocForm.HIDDEN:
                meta["hide"] = ["toc"]
            return SHELL_MARKDOWN[shell[2]], meta
        generated = self.pages.get(source)
        if generated is None:
            return None
        meta = {"title": escape(generated.title)}
        if generated.description:
            meta["description"] = escape(generated.description)
        if not generated.markdown:
            meta["hide"] = ["toc"]
        return generated.markdown, meta


    def content(self, source: str, html: str, url: str, title: str, anchors: set[str] | None) -> str:
        """The final content HTML of a page the engine rendered from ``source`` (Markdown made ``html``)."""
        if source in self.shells:
            return shells.CONTENT
        generated = self.pages.get(source)
        if generated is None:
            # A handwritten page of docs/ (the contributor guide).
            self.search_entries.append(search.entry(url, title, html, SearchMeta(kind=search.GUIDE_KIND)))
            self._rendered[source] = html
            return html
        body = sanitize.clean_html(html) if generated.markdown else None
        content = generated.render(body)
        if self.keep:
            self.engine_content[source] = content
        if anchors is not None:
            # The engine checks links to "page#anchor" against the ids of the
            # Markdown it rendered; a generated page's headings come from its template.
            anchors.update(_ID.findall(content))
        if generated.search:
            self.search_entries.append(_search_entry(generated, content))
        self._rendered[source] = content
        return content

    def page(self, source: str, page_html: str, canonical_url: str | None, url: str) -> str:
        """The engine's whole page for ``source`` at the site URL ``url``: a shell is kept to be filled, any other page compacted."""
        shell = self.shells.get(source)
        if shell is not None:
            self.shell_html[shell] = (page_html, canonical_url)
            return page_html
        # The chrome around the content is compacted and its icons drawn from
        # the sprite, the content kept as it is, as on filled pages (and the
        # preview finds it again to swap it).
        root = icons.root_of(url.count("/"))

        def chrome(text: str) -> str:
            return self.sprite.refer(shells.compact(text), root)

        content = self._rendered.pop(source, None)
        at = page_html.find(content) if content else -1
        if at < 0:
            return chrome(page_html)
        end = at + len(content)
        return chrome(page_html[:at]) + content + chrome(page_html[end:])

    def edit_url(self, source: str) -> str | None:
        if source in self.shells:
            return shells.EDIT
        generated = self.pages.get(source)
        base = self.context.settings.edit_base
        return f"{base}/{generated.source}" if generated and base and generated.source else None

    def finish(self, engine: Engine, base_url: str, description: str) -> None:
        """Every step after the engine has written its pages (see the module's docstring)."""
        try:
            scan = self.scan = headers.Scan()
            with self.timed(f"{len(self.filled)} trang điền vào khung, {len(self.deferred)} tệp lịch và nguồn tin"):
                postings = self._fill_shells(engine, scan, base_url, description)
            sprite = self.sprite.output()
            if sprite is not None:
                write_files(self.site_dir, [sprite])
            sitemap.write(self.site_dir, base_url or None, sorted([*self.engine_paths, *(p.path for p in self.filled)]),
                          self.context.settings.today)
            with self.timed("chỉ mục tìm kiếm"):
                index = postings.outputs()
                write_files(self.site_dir, index)
            if self.keep:
                self.index_paths = [o.path for o in index]
            # Every excerpt was scanned where its page was filled (or above, for the engine's pages).
            self.net.merge((), (o.path for o in index if o.path.startswith(search.EXCERPT_FILES)))
            if self.stamp is not None:
                # Before the headers step, which reads and edits every page left.
                with self.timed("xóa tệp cũ không còn dùng"):
                    outdir.prune(self.site_dir, self.stamp)
            with self.timed("rà soát thông tin cá nhân và mã chạy được trong các tệp còn lại"):
                privacy_net.check_site(self.site_dir, self.head_trust, self.context.root, self.net)
            verify.raise_if_unsafe(self.net.unsafe, self.context.root)
            with self.timed("tiêu đề bảo mật"):
                postbuild.run(self.site_dir, self.context, scan)
        except (headers.UnsafeSiteError, privacy_net.PersonalDataInOutput, verify.UnsafeOutput, RuntimeError) as error:
            # Unsafe output or a failed search indexer: stop with the message, not a traceback.
            raise BuildError(str(error)) from None
        # Every valid document must have become exactly one page.
        missing = [p for p in self.document_paths if not (self.site_dir / p / "index.html").is_file()]
        if missing:
            raise BuildError(
                f"{len(missing)}/{len(self.document_paths)} văn bản không được tạo trang (ví dụ {missing[0]}): "
                "đây là lỗi của công cụ, hãy báo cho người quản trị cổng"
            )
        if not self.context.settings.preview:
            # What the hosts count, on the finished site: the preview is never deployed.
            size = hosting.measure(self.site_dir)
            self.log.info(hosting.summary(size))
            refused = hosting.refusal(size, hosting.HOSTS[self.options.host]) if self.options.host else None
            if refused:
                raise BuildError(refused)

    def _fill_shells(self, engine: Engine, scan: headers.Scan, base_url: str, description: str) -> search.Postings:
        for section, depth, form in self.shells.values():
            # The shells were only rendered to be copied: remove their top folder.
            shutil.rmtree(self.site_dir / section / _shell_folder(depth, form), ignore_errors=True)
        settings = self.context.settings
        try:
            parsed = {key: Shell.parse(self.sprite.refer(text, icons.root_of(key[1])), canonical, key[2],
                                       policy=not settings.preview, mark=engine.mark_slots)
                      for key, (text, canonical) in self.shell_html.items()}
        except ShellError as error:
            raise BuildError(f"Giao diện của trang không còn chỗ «{error}» mà trang khung cần: "
                             "hãy kiểm tra phiên bản mkdocs-material trong requirements.txt") from None
        theme = filling.ShellTheme(
            shells=parsed,
            inline={key: headers.find_inline(shell.inline_part) for key, shell in parsed.items()},
            convert=engine.convert, toc_entries=engine.toc_entries, toc_items=engine.toc_items,
        )
        self.head_trust = trust.from_head(self.context.portal)
        # The theme's pages around no contributor text (the shells, the theme's 404 page):
        # their inline scripts are the only ones allowed.
        theme_pages = [text for text, _ in self.shell_html.values()]
        not_found = self.site_dir / "404.html"
        if not_found.is_file():
            theme_pages.append(not_found.read_text(encoding="utf-8", errors="replace"))
        scripts = verify.theme_scripts(theme_pages)
        self.net = privacy_net.Net(self.head_trust.everywhere() | privacy_net.schema_examples(), scripts)
        for (section, _depth, _form), shell in parsed.items():
            where = f"{section}/… (khung trang)"
            self.net.merge(self.net.html(where, shell.parts), (), self.net.verify(where, None, [shell.inline_part]))
        site = filling.Site(
            directory=self.site_dir,
            base_url=base_url if not base_url or base_url.endswith("/") else base_url + "/",
            description=description, edit_base=settings.edit_base, preview=settings.preview, net=self.net,
        )
        # Page ids of the search index are fixed first, so each chunk's entries
        # are merged as it comes back from the workers.
        postings = search.Postings([*((e.path, e.meta) for e in self.search_entries),
                                    *((p.path, p.search) for p in self.filled if p.search)])
        for made in self.search_entries:
            postings.add(made)
            self.net.merge(self.net.texts(f"{made.path}index.html (đoạn trích tìm kiếm)", [made.excerpt]), ())
        collect = postings.add
        if self.keep:
            self.theme, self.site = theme, site
            self.entries.update((made.path, made) for made in self.search_entries)

            def collect(made: search.Entry) -> None:
                self.entries.setdefault(made.path, made)
                postings.add(made)
        filling.fill(self.filled, theme, site, scan, deferred=self.deferred, collect=collect, entry=_search_entry)
        return postings


class CheckFailed(BuildError):
    """plans/ has problems: the build stops before making anything."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{report.summary()}\nChạy «python -m portal check» để xem lại danh sách lỗi.")
        self.report = report


def start(root: Path, settings: Settings, site_dir: Path, options: Options, log: logging.Logger,
          docs: set[str], in_nav: set[str], prune: bool, keep: bool = False) -> tuple[Build, list[str]]:
    """Check plans/ and derive every page and file of the portal.

    ``docs`` are the source paths of the handwritten pages (a generated page
    may not take one's place), ``in_nav`` those in the engine's navigation;
    ``prune``: the previous output is kept aside and written over, then pruned;
    ``keep``: see :attr:`Build.keep`.
    Returns the build and the source paths of the pages the engine must add
    (with empty content: the engine asks :meth:`Build.markdown` for the text).
    """
    stamp = outdir.restore(site_dir) if prune else None
    with _timed(log, "đọc và kiểm tra plans/"):
        report = check_portal(root)
    if report.problems:
        raise CheckFailed(report)
    log.info(report.summary())
    parallel.configure(options.workers)
    index = report.index if report.index is not None else PortalIndex(report.portal)
    build = Build(Context(report.portal, index, settings, root=root), site_dir, options, log, stamp=stamp, keep=keep)
    with build.timed("tạo trang và tệp"):
        try:
            pages, build.outputs = collect(build.context)
        except editor.EditorSetupError as error:
            raise BuildError(str(error)) from None
    build.document_paths.extend(paths.document_page(d.unit, d.slug) for d in report.portal.documents)
    for page in pages:
        source = paths.src_uri(page.path)
        if source in docs:
            raise BuildError(f"docs/{source} trùng với một trang được tạo tự động: hãy đổi tên tệp trong docs/")
        # Top-level pages (the search page) stay with the engine: the header
        # links to them, and a link to the page itself is "./" only there.
        if options.shells and source not in in_nav and page.path.count("/") > 1:
            build.filled.append(page)
            continue
        build.pages[source] = page
    keys = sorted({filling.shell_key(p, f) for p in build.filled for f in filling.forms(p)},
                  key=lambda k: (k[0], k[1], k[2].value))
    for key in keys:
        build.shells[shell_source(key)] = key
    for output in build.outputs:
        if output.path in docs:
            raise BuildError(f"docs/{output.path} trùng với một tệp được tạo tự động: hãy đổi tên tệp trong docs/")
    return build, [*build.pages, *build.shells]


def nav_sources(nav: object) -> set[str]:
    """Source paths named in an engine's navigation setting (nested lists and mappings of paths)."""
    found: set[str] = set()
    stack: list[object] = [nav or []]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


@contextlib.contextmanager
def _timed(log: logging.Logger, what: str):
    """Logs how long a step took (``mkdocs build -v``): where a slow build spends its time."""
    begun = time.perf_counter()
    yield
    log.debug("%s: %.2f s", what, time.perf_counter() - begun)


def _search_entry(page: Page, content_html: str) -> search.Entry:
    """The search index's entry for a generated page, given its final content HTML."""
    assert page.search is not None
    return search.entry(page.path, page.title, content_html, page.search)
