"""The preview's HTTP server: the built folder, with a live-reload script and the problem banner.

Both are added to each page as it is served, never written into the built
folder, which stays what a clean build makes. The script is a file of the
site's own origin (``live.js``), so the page's Content-Security-Policy, which
allows no inline script, lets it run; it polls the version of its own page and
reloads when it grows. A page's version grows when a rebuild rewrites its file;
every page's grows with a full build and when the problem banner changes, so an
open tab reloads only when what it shows has changed.
"""

from __future__ import annotations

import http.server
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..model.problems import Problem
from ..output.preview import site_headers
from ..output.render import environment

LIVE = "_portal-serve/"
"""The preview's own files, under the site's path."""
_ASSETS = {"live.js": "text/javascript; charset=utf-8", "live.css": "text/css; charset=utf-8"}
_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".bin": "application/octet-stream",
    ".wasm": "application/wasm", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
    ".woff2": "font/woff2", ".ico": "image/x-icon", ".gz": "application/gzip",
}
_HEAD_END = re.compile(r"</head>", re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


@dataclass
class State:
    """What the pages show besides themselves: their versions and the last problems."""

    version: int = 0
    """Grows with every publication."""
    problems: tuple[Problem, ...] = ()
    kept: bool = True
    """The problems stopped the rebuild: the pages are those of the last good one."""
    everything: int = 0
    """The version at which every page last changed (a full build, a new banner)."""
    changed: dict[str, int] = field(default_factory=dict)
    """Site file ("don-vi/x/index.html") -> the version at which a partial rebuild last rewrote it."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, problems: tuple[Problem, ...] = (), kept: bool = True,
                written: Iterable[str] | None = None) -> None:
        """A rebuild wrote ``written`` (None: anything may have changed), or found problems."""
        with self.lock:
            banner = bool(problems or self.problems)
            self.problems, self.kept = problems, kept
            self.version += 1
            if written is None or banner:
                self.everything = self.version
                self.changed.clear()
            else:
                self.changed.update(dict.fromkeys(written, self.version))

    def of(self, name: str) -> int:
        """The version of the page held in site file ``name``."""
        with self.lock:
            return max(self.everything, self.changed.get(name, 0))


def inject(page: str, prefix: str, state: State, name: str = "index.html") -> str:
    """``page`` (site file ``name``) as the preview serves it: with the live-reload script, and the banner when there are problems."""
    with state.lock:
        problems, kept = state.problems, state.kept
    version = state.of(name)
    tags = (f'<link rel="stylesheet" href="{prefix}{LIVE}live.css">'
            f'<script src="{prefix}{LIVE}live.js" data-version="{version}" '
            f'data-poll="{prefix}{LIVE}version?page={quote(name)}" defer></script>')
    head = _HEAD_END.search(page)
    page = page[: head.start()] + tags + page[head.start():] if head else tags + page
    if problems:
        banner = environment().get_template("serve_problems.html").render(problems=problems, kept=kept)
        body = _BODY.search(page)
        page = page[: body.end()] + banner + page[body.end():] if body else banner + page
    return page


def make_server(site_dir: Path, prefix: str, state: State, address: str, port: int) -> http.server.ThreadingHTTPServer:
    """A server of ``site_dir`` under ``prefix`` ("/" or "/sub-path/"), not started yet."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass  # the terminal shows rebuilds and problems, not every request

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self._answer(body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(body=False)

        def _answer(self, body: bool) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            if any(ord(c) < 32 for c in path):
                return self._send(400, b"", "text/plain", body)
            if not path.startswith(prefix):
                return self._send(302, b"", "text/plain", body, location=prefix)
            rel = path[len(prefix):]
            if rel == LIVE + "version":
                name = parse_qs(parts.query).get("page", ["index.html"])[0]
                return self._send(200, str(state.of(name)).encode(), "text/plain; charset=utf-8", body)
            if rel.startswith(LIVE) and rel[len(LIVE):] in _ASSETS:
                name = rel[len(LIVE):]
                return self._send(200, (Path(__file__).parent / name).read_bytes(), _ASSETS[name], body)
            target = _file(site_dir, rel)
            status = 200
            if target is None:
                status, target = 404, site_dir / "404.html"
                if not target.is_file():
                    return self._send(404, "Không có trang này".encode(), "text/plain; charset=utf-8", body)
            if target.is_dir():
                return self._send(301, b"", "text/plain", body, location=path + "/")
            data = target.read_bytes()
            kind = _TYPES.get(target.suffix.lower(), "application/octet-stream")
            if target.suffix == ".html":
                name = target.relative_to(site_dir).as_posix()
                data = inject(data.decode("utf-8"), prefix, state, name).encode("utf-8")
            # The deployed headers, CSP included: what production blocks is blocked here too.
            return self._send(status, data, kind, body, extra=site_headers(site_dir, "/" + rel))

        def _send(self, status: int, data: bytes, kind: str, body: bool, location: str | None = None,
                  extra: list[tuple[str, str]] | None = None) -> None:
            self.send_response(status)
            for name, value in extra or ():
                self.send_header(name, value)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            if location:
                self.send_header("Location", quote(location))
            self.end_headers()
            if body:
                self.wfile.write(data)

    server = http.server.ThreadingHTTPServer((address, port), Handler)
    server.daemon_threads = True
    return server


def _file(site_dir: Path, rel: str) -> Path | None:
    """The file a site path names (a folder's index.html), or None; never outside ``site_dir``."""
    parts = [p for p in rel.split("/") if p]
    if any(p in (".", "..") or "\\" in p for p in parts):
        return None
    target = site_dir.joinpath(*parts)
    if target.is_dir():
        if rel and not rel.endswith("/"):
            return target  # the caller redirects to the folder's URL
        target = target / "index.html"
    return target if target.is_file() else None
