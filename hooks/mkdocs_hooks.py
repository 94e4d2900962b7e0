"""MkDocs adapter: the only module that imports MkDocs.

Each event hands work to the engine-neutral ``portal`` package: load and check
``plans/`` once (on_files), add its pages, give each page its title, body and
HTML, and write the other outputs after the build.

Pages listed in the navigation go through MkDocs one by one. The thousands of
others (documents, units, lists) are not in the navigation, so their theme
chrome differs only by depth and table-of-contents form: MkDocs renders one
shell page per form (``portal.shells``) and, after the build, every such page
is its shell filled with its own values. That keeps a national build close
to the cost of Markdown alone; ``PORTAL_SHELLS=off`` renders every page
through MkDocs instead (the tests compare both).
Replacing MkDocs means rewriting this file only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import time
from pathlib import Path

from markdown import Markdown
from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

# The hook's folder is on sys.path only while MkDocs imports this file, so the
# package is imported here, at the top (or comes from the installed project).
sys.path.insert(0, str(Path(__file__).parent))
from portal import feeds, filling, headers, outdir, paths, postbuild, sanitize, search, sitemap  # noqa: E402
from portal.check import check_portal  # noqa: E402
from portal.headers import UnsafeSiteError  # noqa: E402
from portal.shells import Shell, ShellError, TocForm  # noqa: E402
from portal import shells  # noqa: E402
from portal.site import Context, Deferred, Output, Page, Settings, build_date, generate, write_files  # noqa: E402
from portal.index import PortalIndex  # noqa: E402

log = logging.getLogger("mkdocs.hooks.portal")

ShellKey = filling.ShellKey

# Build state. `mkdocs serve` keeps hook modules loaded between rebuilds, so
# on_config resets it every time.
_pages: dict[str, Page] = {}
"""Generated pages that MkDocs renders (those in the navigation), by source URI."""
_filled: list[Page] = []
"""Generated pages filled into shells after the build."""
_shells: dict[str, ShellKey] = {}
"""Shell pages by source URI."""
_shell_html: dict[ShellKey, tuple[str, str | None]] = {}
"""Each shell's HTML and canonical URL, as MkDocs rendered it."""
_engine_pages: list[str] = []
"""Site paths of the pages MkDocs writes (for the sitemap)."""
_deferred: list[Deferred] = []
"""Output files made while the shells are filled."""
_search_entries: list = []
"""Search index entries of the pages MkDocs renders (the filled pages' go straight to the index)."""
_document_paths: list[str] = []
_context: Context | None = None
_root: Path = Path(".")
_command = "build"
"""The MkDocs command (build, serve, gh-deploy), set once at start-up."""
_dirty = False
"""``--dirty`` builds: MkDocs keeps unchanged pages as they are, so nothing is pruned."""
_stamp: int | None = None
"""When this build began writing (``portal.outdir``); None when the output is not pruned."""


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command = command
    _dirty = dirty


def on_config(config):
    global _root, _context, _stamp
    _pages.clear()
    _filled.clear()
    _shells.clear()
    _shell_html.clear()
    _engine_pages.clear()
    _deferred.clear()
    _search_entries.clear()
    _document_paths.clear()
    _context = None
    _stamp = None
    _root = Path(config.config_file_path).parent
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        # MkDocs' sitemap and our "now" both read it: two builds of a commit match.
        os.environ["SOURCE_DATE_EPOCH"] = str(int(_epoch_of(build_date(_root))))
    # ASCII anchors with đ -> d ("Đồng Nai" -> dong-nai), unlike the default slug.
    from portal.paths import toc_slugify

    if "toc" not in config.markdown_extensions:
        config.markdown_extensions.append("toc")
    config.mdx_configs.setdefault("toc", {})["slugify"] = toc_slugify
    return config


def _epoch_of(day) -> float:
    import datetime as dt

    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc).timestamp()


def on_pre_build(config) -> None:
    # MkDocs empties site_dir right after this event; the previous output is
    # kept aside and written over instead (portal.outdir says why).
    if not _dirty:
        outdir.set_aside(Path(config.site_dir))


def on_files(files: Files, config) -> Files:
    global _context, _stamp
    if not _dirty:
        _stamp = outdir.restore(Path(config.site_dir))
    with _timed("đọc và kiểm tra plans/"):
        report = check_portal(_root)
    if report.problems:
        for problem in report.problems:
            log.error(str(problem))
        raise Abort(f"{report.summary()}\nChạy «python -m portal check» để xem lại danh sách lỗi.")
    log.info(report.summary())
    if not config.site_url:
        log.warning(feeds.SITE_URL_MISSING)
    settings = Settings(
        site_name=config.site_name,
        site_url=config.site_url,
        edit_base=_edit_base(config),
        today=build_date(_root),
        preview=_command == "serve",
    )
    _context = Context(report.portal, PortalIndex(report.portal), settings, root=_root)
    with _timed("tạo trang và tệp"):
        pages, outputs = generate(_context)
    _document_paths.extend(paths.document_page(d.unit, d.slug) for d in report.portal.documents)
    in_nav = _nav_sources(config.nav)
    use_shells = os.environ.get("PORTAL_SHELLS", "on") != "off"
    for page in pages:
        src_uri = paths.src_uri(page.path)
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"docs/{src_uri} trùng với một trang được tạo tự động: hãy đổi tên tệp trong docs/")
        # Top-level pages (the search page) stay with MkDocs: the header links
        # to them, and a link to the page itself is "./" only there.
        if use_shells and src_uri not in in_nav and page.path.count("/") > 1:
            _filled.append(page)
            continue
        # Empty content: the body comes in on_page_markdown, so MkDocs never
        # parses contributor text as its own (unchecked) front matter.
        files.append(File.generated(config, src_uri, content=""))
        _pages[src_uri] = page
    for key in sorted({filling.shell_key(p, f) for p in _filled for f in filling.forms(p)}, key=lambda k: (k[0], k[1], k[2].value)):
        src_uri = _shell_source(key)
        files.append(File.generated(config, src_uri, content=_SHELL_MARKDOWN[key[2]]))
        _shells[src_uri] = key
    _engine_pages.extend(f.url for f in files.documentation_pages() if f.src_uri not in _shells)
    if _stamp is not None:
        # MkDocs writes its files itself: a previous folder or file in the way goes first.
        for file in files:
            outdir.clear_way(Path(config.site_dir), file.dest_uri)
    # Written now, not after the build: feeds, calendars and data of a
    # national portal would otherwise stay in memory through it (MkDocs has
    # already emptied site_dir).
    for output in outputs:
        if files.get_file_from_path(output.path) is not None:
            raise Abort(f"docs/{output.path} trùng với một tệp được tạo tự động: hãy đổi tên tệp trong docs/")
    _deferred.extend(o for o in outputs if isinstance(o, Deferred))
    with _timed(f"{len(outputs) - len(_deferred)} tệp dữ liệu"):
        write_files(Path(config.site_dir), [o for o in outputs if isinstance(o, Output)])
    return files


@contextlib.contextmanager
def _timed(what: str):
    """Logs how long a step took (``mkdocs build -v``): where a slow build spends its time."""
    start = time.perf_counter()
    yield
    log.debug("%s: %.2f s", what, time.perf_counter() - start)


_SHELL_MARKDOWN = {
    TocForm.HIDDEN: "", TocForm.NONE: "",
    TocForm.SKIP: f"# {shells.TOC_HEADING}\n", TocForm.LIST: f"## {shells.TOC_HEADING}\n",
}


def _nav_sources(nav) -> set[str]:
    """Source URIs named in the nav setting (nested lists and mappings)."""
    found: set[str] = set()
    stack = [nav or []]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _shell_source(key: ShellKey) -> str:
    section, depth, form = key
    return f"{section}/" + "_portal-shell/" * (depth - 2) + f"_portal-shell-{form.value}.md"


def _shell_name(depth: int, form: TocForm) -> str:
    """The shell's folder right below its section (the one to remove after the build)."""
    return "_portal-shell" if depth > 2 else f"_portal-shell-{form.value}"


def _edit_base(config) -> str | None:
    # "Edit this page" of generated pages opens their source under plans/, so
    # the base is the repository's edit root, not docs/.
    if not config.repo_url or not config.edit_uri:
        return None
    edit_uri = config.edit_uri.rstrip("/")
    root = edit_uri[: -len("/docs")] if edit_uri.endswith("/docs") else edit_uri
    return config.repo_url.rstrip("/") + "/" + root.lstrip("/")


def on_page_markdown(markdown: str, page, config, files) -> str:
    shell = _shells.get(page.file.src_uri)
    if shell is not None:
        page.meta = {"title": shells.TITLE, "description": shells.DESCRIPTION}
        if shell[2] is TocForm.HIDDEN:
            page.meta["hide"] = ["toc"]
        return markdown
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return markdown
    # MkDocs and Material print page.meta values unescaped: escape them here.
    page.meta = {"title": escape(generated.title)}
    if generated.description:
        page.meta["description"] = escape(generated.description)
    if not generated.markdown:
        page.meta["hide"] = ["toc"]
    return generated.markdown


_ID = re.compile(r'\sid="([^"<>]+)"')


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri in _shells:
        return shells.CONTENT
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        # A handwritten page of docs/ (the contributor guide).
        _search_entries.append(search.entry(page.url, page.title or "", html, {"kind": search.GUIDE_KIND}))
        return html
    body = sanitize.clean_html(html) if generated.markdown else None
    content = generated.render(body)
    if page.present_anchor_ids is not None:
        # MkDocs checks links to "page#anchor" against the ids of the Markdown
        # it rendered; a generated page's headings come from its template.
        page.present_anchor_ids.update(_ID.findall(content))
    if generated.search:
        _search_entries.append(_search_entry(generated, content))
    return content


def on_page_context(context, page, config, nav):
    if page.file.src_uri in _shells:
        page.edit_url = shells.EDIT
        return context
    generated = _pages.get(page.file.src_uri)
    if generated is not None:
        base = _edit_base(config)
        page.edit_url = f"{base}/{generated.source}" if base and generated.source else None
    return context


def on_post_page(output: str, page, config) -> str:
    shell = _shells.get(page.file.src_uri)
    if shell is not None:
        _shell_html[shell] = (output, page.canonical_url)
    return output


def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    try:
        assert _context is not None, "on_files runs before on_post_build"
        _context.scan = headers.Scan()
        with _timed(f"{len(_filled)} trang điền vào khung, {len(_deferred)} tệp lịch và nguồn tin"):
            postings = _fill_shells(site_dir, config, _context)
        sitemap.write(site_dir, config.site_url, sorted([*_engine_pages, *(p.path for p in _filled)]),
                      _context.settings.today)
        with _timed("chỉ mục tìm kiếm"):
            write_files(site_dir, postings.outputs())
        if _stamp is not None:
            # Before the headers step, which reads and edits every page left.
            with _timed("xóa tệp cũ không còn dùng"):
                outdir.prune(site_dir, _stamp)
        with _timed("tiêu đề bảo mật"):
            postbuild.run(site_dir, _context)
    except (UnsafeSiteError, RuntimeError) as error:
        # Unsafe output or a failed search indexer: stop with the message, not a traceback.
        raise Abort(str(error)) from None
    # Every valid document must have become exactly one page.
    missing = [p for p in _document_paths if not (site_dir / p / "index.html").is_file()]
    if missing:
        raise Abort(
            f"{len(missing)}/{len(_document_paths)} văn bản không được tạo trang (ví dụ {missing[0]}): "
            "đây là lỗi của công cụ, hãy báo cho người quản trị cổng"
        )


def _fill_shells(site_dir: Path, config, context: Context) -> search.Postings:
    """Write every page of ``_filled``: its shell with its title, body and links; returns the search index."""
    for section, depth, form in _shells.values():
        # The shells were only rendered to be copied: remove their top folder.
        shutil.rmtree(site_dir / section / _shell_name(depth, form), ignore_errors=True)
    try:
        parsed = {key: Shell.parse(text, canonical, key[2], policy=not context.settings.preview)
                  for key, (text, canonical) in _shell_html.items()}
    except ShellError as error:
        raise Abort(f"Giao diện Material không còn chỗ «{error}» mà trang khung cần: "
                    "hãy kiểm tra phiên bản mkdocs-material trong requirements.txt") from None
    toc_item = config.theme.get_env().get_template("partials/toc-item.html")
    # One Markdown converter for all bodies (MkDocs makes one per page), with
    # the site's extensions and settings, reset between documents.
    converter = Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def convert(text: str) -> tuple[str, list]:
        converter.reset()
        return converter.convert(text), getattr(converter, "toc_tokens", [])

    def toc_items(tokens: list) -> str:
        return "".join(toc_item.render(toc_item=item) for item in get_toc(tokens))

    theme = filling.Theme(
        shells=parsed,
        inline={key: headers.find_inline(shell.inline_part) for key, shell in parsed.items()},
        convert=convert, toc_items=toc_items,
    )
    base_url = config.site_url or ""
    site = filling.Site(
        directory=site_dir,
        base_url=base_url if not base_url or base_url.endswith("/") else base_url + "/",
        description=config.site_description or "",
        edit_base=_edit_base(config),
        preview=context.settings.preview,
    )
    assert context.scan is not None
    # Page ids of the search index are fixed first, so each chunk's entries
    # are merged as it comes back from the workers.
    postings = search.Postings([*((e.path, e.meta) for e in _search_entries),
                                *((p.path, p.search) for p in _filled if p.search)])
    for made in _search_entries:
        postings.add(made)
    filling.fill(_filled, theme, site, context.scan, deferred=_deferred, collect=postings.add,
                 entry=_search_entry)
    return postings


def _search_entry(page: Page, content_html: str):
    """The search index's entry for a generated page, given its final content HTML."""
    return search.entry(page.path, page.title, content_html, page.search)
