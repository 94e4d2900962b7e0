"""MkDocs adapter: the only module that imports MkDocs.

Each event hands work to the engine-neutral ``portal`` package: load and check
``plans/`` once (on_files), add its pages as generated files, give each page
its title, body and HTML, and write the other outputs after the build.
Replacing MkDocs means rewriting this file only.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

# The hook's folder is on sys.path only while MkDocs imports this file, so the
# package is imported here, at the top (or comes from the installed project).
sys.path.insert(0, str(Path(__file__).parent))
from portal import feeds, paths, postbuild, sanitize  # noqa: E402
from portal.check import check_portal  # noqa: E402
from portal.headers import UnsafeSiteError  # noqa: E402
from portal.site import Context, Output, Page, Settings, build_date, generate  # noqa: E402
from portal.index import PortalIndex  # noqa: E402

log = logging.getLogger("mkdocs.hooks.portal")

# Build state. `mkdocs serve` keeps hook modules loaded between rebuilds, so
# on_config resets it every time.
_pages: dict[str, Page] = {}
_outputs: list[Output] = []
_document_paths: list[str] = []
_context: Context | None = None
_root: Path = Path(".")
_command = "build"
"""The MkDocs command (build, serve, gh-deploy), set once at start-up."""


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config):
    global _root, _context
    _pages.clear()
    _outputs.clear()
    _document_paths.clear()
    _context = None
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


def on_files(files: Files, config) -> Files:
    global _context
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
    pages, outputs = generate(_context)
    _document_paths.extend(paths.document_page(d.unit, d.slug) for d in report.portal.documents)
    for page in pages:
        src_uri = paths.src_uri(page.path)
        if files.get_file_from_path(src_uri) is not None:
            raise Abort(f"docs/{src_uri} trùng với một trang được tạo tự động: hãy đổi tên tệp trong docs/")
        # Empty content: the body comes in on_page_markdown, so MkDocs never
        # parses contributor text as its own (unchecked) front matter.
        files.append(File.generated(config, src_uri, content=""))
        _pages[src_uri] = page
    _outputs.extend(outputs)
    return files


def _edit_base(config) -> str | None:
    # "Edit this page" of generated pages opens their source under plans/, so
    # the base is the repository's edit root, not docs/.
    if not config.repo_url or not config.edit_uri:
        return None
    edit_uri = config.edit_uri.rstrip("/")
    root = edit_uri[: -len("/docs")] if edit_uri.endswith("/docs") else edit_uri
    return config.repo_url.rstrip("/") + "/" + root.lstrip("/")


def on_page_markdown(markdown: str, page, config, files) -> str:
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


def on_page_content(html: str, page, config, files) -> str:
    generated = _pages.get(page.file.src_uri)
    if generated is None:
        return html
    body = sanitize.clean_html(html) if generated.markdown else None
    return generated.render(body)


def on_page_context(context, page, config, nav):
    generated = _pages.get(page.file.src_uri)
    if generated is not None:
        base = _edit_base(config)
        page.edit_url = f"{base}/{generated.source}" if base and generated.source else None
        context["portal_search"] = generated.search
    return context


def on_post_build(config) -> None:
    site_dir = Path(config.site_dir)
    for output in _outputs:
        target = site_dir / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.data)
    try:
        assert _context is not None, "on_files runs before on_post_build"
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
