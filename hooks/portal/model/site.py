"""The site to generate, as plain data: pages and other output files.

The engine adapter turns each :class:`Page` into an engine page and writes each
:class:`Output`; nothing here knows which engine that is.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..output import outdir
from .index import PortalIndex
from .records import Portal

if TYPE_CHECKING:
    from ..output.headers import Scan


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
    search: dict[str, Any] = field(default_factory=dict)
    """Search metadata and filters (kind, year, unit...)."""


@dataclass(frozen=True)
class Output:
    """A non-page output file (feed, calendar, data)."""

    path: str
    data: bytes


def write_file(directory: Path, path: str, data: bytes) -> None:
    """Write ``data`` at the site path ``path`` under ``directory``, making its folders.

    The previous build's file is written over (``portal.outdir``) and cut to
    the new length if it was longer, never truncated to zero first: ext4
    flushes a file truncated to zero as it is closed (``auto_da_alloc``),
    which made rewriting 20,000 files take 2.8 s instead of 0.5 s. Folders
    are made only when opening fails, not checked before each of the files.
    """
    target = os.path.join(directory, path)
    fd = _open(directory, path, target)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        # Only a longer previous file needs cutting: ftruncate costs even when
        # the size stays (a fifth of the workers' time, measured with py-spy).
        if os.fstat(fd).st_size > len(data):
            os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


# O_NOFOLLOW: a link left in the output folder is replaced, never written through.
_WRITE = os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def _open(directory: Path, path: str, target: str) -> int:
    try:
        return os.open(target, _WRITE, 0o666)
    except FileNotFoundError:
        pass
    except OSError as error:
        # A folder, a file where a folder must be, or a link (ELOOP) in the way.
        if not isinstance(error, (IsADirectoryError, NotADirectoryError)) and error.errno != errno.ELOOP:
            raise
        outdir.clear_way(Path(directory), path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    return os.open(target, _WRITE, 0o666)


WRITERS = 4
"""Threads that write a batch of files."""


def write_files(directory: Path, outputs: Iterable[Output]) -> None:
    """:func:`write_file` for each output, several at a time.

    The system calls release the interpreter lock, so threads overlap the
    writing of thousands of small files (the search index's).
    """
    outputs = list(outputs)

    def write(part: list[Output]) -> None:
        for output in part:
            write_file(directory, output.path, output.data)

    # One slice per thread: a task per file cost more in locks and futures
    # than the writing itself (0.6 s for 8,300 files, cProfile).
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        # list(): an exception raised while writing is raised here.
        list(pool.map(write, [outputs[start::WRITERS] for start in range(WRITERS)]))


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
    scan: Scan | None = None
    """Inline code of the pages the adapter wrote itself, for the security headers step."""

    def absolute(self, site_path: str) -> str | None:
        if not self.settings.site_url:
            return None
        return self.settings.site_url.rstrip("/") + "/" + site_path

    def edit_url(self, repo_path: str | None) -> str | None:
        if not repo_path or not self.settings.edit_base:
            return None
        return self.settings.edit_base.rstrip("/") + "/" + repo_path


Provider = Callable[[Context], Iterable[Page | Output | Deferred]]


def build_date(root: Path) -> dt.date:
    """The build date: SOURCE_DATE_EPOCH, else the last commit's date, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(
                ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except OSError:
            epoch = ""
    if epoch.isdigit():
        # Vietnam's date, not UTC's: a commit at 23:30 UTC is already tomorrow there.
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone(dt.timedelta(hours=7))).date()
    return dt.date.today()


def generate(context: Context) -> tuple[list[Page], list[Output | Deferred]]:
    """All pages and outputs, sorted by path so output is deterministic."""
    from ..output.pages import PROVIDERS

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
