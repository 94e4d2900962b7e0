"""sitemap.xml of every page, for search engines.

The engine's own sitemap lists only the pages it rendered itself; most of the
portal's pages are filled into shells after it (``portal.shells``), so the
portal writes the whole list. The gzip copy has no timestamp inside, so two
builds of a commit stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from urllib.parse import urljoin

from .render import environment

FILE = "sitemap.xml"


def content(site_url: str, page_paths: list[str], lastmod: dt.date) -> bytes:
    """The sitemap of ``page_paths`` (site paths) under ``site_url``."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    locations = [urljoin(base, path) for path in page_paths]
    text = environment().get_template(FILE).render(locations=locations, lastmod=lastmod.isoformat())
    return text.encode("utf-8")


def write(site_dir: Path, site_url: str | None, page_paths: list[str], lastmod: dt.date) -> None:
    """Replace the engine's sitemap; without a site URL there is none (locations must be absolute)."""
    if not site_url:
        return
    data = content(site_url, page_paths, lastmod)
    (site_dir / FILE).write_bytes(data)
    (site_dir / f"{FILE}.gz").write_bytes(gzip.compress(data, mtime=0))
