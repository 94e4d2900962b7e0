"""The site to generate, as plain data: pages and other output files.

The build (:mod:`portal.build`) hands each :class:`Page` to the engine and
writes each :class:`Output` (:mod:`portal.output.files`); nothing here knows
which engine that is, nor how files reach the disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .index import PortalIndex
from .records import Portal


@dataclass(frozen=True)
class Settings:
    """Portal-wide settings taken from the engine's configuration."""

    site_name: str
    site_url: str | None
    """Absolute URL of the site root (with its sub-path), for feeds and calendars."""
    edit_base: str | None
    """URL prefix that, followed by a repository path, opens the file's editor."""
    today: dt.date
    """Build date: from SOURCE_DATE_EPOCH, so two builds of a commit are identical."""
    preview: bool = False
    """Built for the local preview server, whose live reload needs an inline script."""


@dataclass(frozen=True)
class SearchMeta:
    """What the search index knows of a page besides its text: the result's labels and filters."""

    kind: str
    """Vietnamese label of the result's kind ("Kế hoạch", "Đơn vị", "Lịch"...), also a filter."""
    year: str = ""
    province: str = ""
    """Full label of the province, a filter."""
    unit: str = ""
    """Full label of the unit, shown with the result and weighted like a heading."""
    number: str = ""
    """The document's number ("35/KH-UBND"), weighted like its title."""
    former: str = ""
    """For a page of a former unit: which unit it came from and where that went (shown with the result)."""
    province_now: tuple[str, ...] = ()
    """Full labels of today's provinces a former unit's page is also filed under."""


@dataclass(frozen=True)
class Page:
    """A generated page."""

    path: str
    """Site path, ending in "/"."""
    title: str
    """Plain-text title (untrusted: the adapter escapes it)."""
    render: Callable[[str | None], str]
    """Returns the page's HTML given the sanitized HTML of ``markdown``."""
    source: str | None = None
    """Repository path of the file that "edit this page" opens."""
    markdown: str = ""
    """Untrusted Markdown body rendered by the engine (documents)."""
    description: str | None = None
    """Plain-text summary for the description meta tag."""
    search: SearchMeta | None = None
    """Search labels and filters; None: the page is not in the search index."""


@dataclass(frozen=True)
class Output:
    """A non-page output file (feed, calendar, data)."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Deferred:
    """A non-page output file made when it is written, beside the pages and on every core.

    For the many small files of a national portal (a calendar and a feed per
    unit): making them one after another before the build was a tenth of it.
    """

    path: str
    make: Callable[[], bytes]


@dataclass
class Context:
    """What page providers share during one build."""

    portal: Portal
    index: PortalIndex
    settings: Settings
    root: Path = Path(".")
    """The project folder that holds plans/ (photos are read from it)."""

    def absolute(self, site_path: str) -> str | None:
        if not self.settings.site_url:
            return None
        return self.settings.site_url.rstrip("/") + "/" + site_path

    def edit_url(self, repo_path: str | None) -> str | None:
        if not repo_path or not self.settings.edit_base:
            return None
        return self.settings.edit_base.rstrip("/") + "/" + repo_path


Provider = Callable[[Context], Iterable[Page | Output | Deferred]]
