"""MkDocs adapter: with material_theme.py, the only code that imports MkDocs.

Each event calls the engine-neutral pipeline (``portal.build.pipeline``): check and derive
the site (on_files), hand MkDocs its pages and the shells of the others (``portal.output.shells``),
then finish every other output after the build; ``serve_build`` is the preview's full build.
Replacing MkDocs means rewriting this file and material_theme.py only.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

# The hook's folder is on sys.path only while MkDocs imports this file, so the
# package is imported here, at the top (or comes from the installed project).
sys.path.insert(0, str(Path(__file__).parent))
from material_theme import TABLE_WRAPPER, MaterialEngine, escape_toc  # noqa: E402
from portal.build import pipeline  # noqa: E402
from portal.build.dates import build_date, epoch_of  # noqa: E402
from portal.build.options import OptionsError, options  # noqa: E402
from portal.derive import feeds  # noqa: E402
from portal.model.site import Settings  # noqa: E402
from portal.output import outdir, preview, render  # noqa: E402
from portal.paths import edit_base, toc_slugify  # noqa: E402

log = logging.getLogger("mkdocs.hooks.portal")

_build: pipeline.Build | None = None
"""This build's state; `mkdocs serve` keeps hook modules loaded, so on_config resets it."""
_command = "build"
"""The MkDocs command (build, serve, gh-deploy), set once at start-up."""
_dirty = False
"""``--dirty`` builds: MkDocs keeps unchanged pages as they are, so nothing is pruned."""
_keep = False  # set by serve_build: the build keeps its state for the preview's rebuilds


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty


def on_config(config):
    global _build
    _build = None
    root = Path(config.config_file_path).parent
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        # MkDocs' sitemap and our "now" both read it: two builds of a commit match.
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch_of(build_date(root))))
    # ASCII anchors with đ -> d ("Đồng Nai" -> dong-nai), unlike the default slug.
    if "toc" not in config.markdown_extensions:
        config.markdown_extensions.append("toc")
    config.mdx_configs.setdefault("toc", {})["slugify"] = toc_slugify
    render.set_table_wrapper(TABLE_WRAPPER)
    return config


def on_pre_build(config) -> None:
    # MkDocs empties site_dir right after this event; the previous output is
    # kept aside and written over instead (portal.output.outdir says why).
    if not _dirty:
        outdir.set_aside(Path(config.site_dir))


def on_files(files: Files, config) -> Files:
    global _build
    root = Path(config.config_file_path).parent
    settings = Settings(site_name=config.site_name, site_url=config.site_url, edit_base=edit_base(config.repo_url, config.edit_uri),
                        today=build_date(root), preview=_command == "serve")
    try:
        _build, sources = pipeline.start(
            root, settings, Path(config.site_dir), options(config.extra.get("portal")), log,
            docs={f.src_uri for f in files}, in_nav=pipeline.nav_sources(config.nav), prune=not _dirty, keep=_keep)
    except pipeline.CheckFailed as failed:
        for problem in failed.report.problems:
            log.error(str(problem))
        raise Abort(str(failed)) from None
    except (pipeline.BuildError, OptionsError) as error:
        raise Abort(str(error)) from None
    if not config.site_url:
        log.warning(feeds.SITE_URL_MISSING)
    for source in sources:
        # Empty content: the body comes in on_page_markdown, so MkDocs never
        # parses contributor text as its own (unchecked) front matter.
        files.append(File.generated(config, source, content=""))
    _build.engine_paths.extend(f.url for f in files.documentation_pages() if f.src_uri not in _build.shells)
    if _build.stamp is not None:
        # MkDocs writes its files itself: a previous folder or file in the way goes first.
        for file in files:
            outdir.clear_way(Path(config.site_dir), file.dest_uri)
    _build.write_outputs()
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    made = _build.markdown(page.file.src_uri) if _build else None
    if made is None:
        return markdown
    page.meta = made[1]
    return made[0]


def on_page_content(html: str, page, config, files) -> str:
    assert _build is not None, "on_files runs before the pages"
    return _build.content(page.file.src_uri, html, page.url, page.title or "", page.present_anchor_ids)


def on_page_context(context, page, config, nav):
    if _build is not None and (page.file.src_uri in _build.shells or page.file.src_uri in _build.pages):
        page.edit_url = _build.edit_url(page.file.src_uri)
        escape_toc(page.toc)  # Material prints its ids and titles unescaped
    return context


def on_post_page(output: str, page, config) -> str:
    return _build.page(page.file.src_uri, output, page.canonical_url, page.url) if _build else output


def on_serve(server, config, builder):
    # The preview sends the deployed headers (CSP included): what they block shows here too.
    server.set_app(preview.with_headers(server.get_app(), Path(config.site_dir), server.mount_path))
    return server


def on_post_build(config) -> None:
    assert _build is not None, "on_files runs before on_post_build"
    try:
        _build.finish(MaterialEngine(config), config.site_url or "", config.site_description or "")
    except pipeline.BuildError as error:
        raise Abort(str(error)) from None


def serve_build(root: Path, site_dir: Path) -> pipeline.Build:
    """A full MkDocs build for ``python -m portal serve`` (portal.serve), and the state it kept."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    hooks = next(m for m in config.plugins.values() if hasattr(m, "serve_build"))  # MkDocs' instance of this file
    hooks._keep = True
    mkdocs_build(config)
    return hooks._build
