"""The preview server sends the deployed site's security headers, so preview shows what production blocks.

MkDocs' live-reload server (``mkdocs serve``) sends no headers of its own: a
script the deployed policy would stop ran there silently. This WSGI wrapper
adds the headers the ``_headers`` file the build wrote (the very file the host
reads) gives each path; the portal's own preview (``python -m portal serve``,
what ``make serve`` runs) sends :func:`site_headers` itself. The one difference is the live-reload
script the server injects into each page, different on every response: its
hash is added to ``script-src`` of that response only, so reloading still
works and nothing else is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .headers import HEADERS_FILE, csp_hash

App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# The server's own script: it defines livereload() and calls it, at the end of the body.
_LIVE_RELOAD = re.compile(rb"<script>((?:(?!</script).)*?livereload\(\d+, \d+\);\s*)</script>", re.DOTALL)


def site_headers(site_dir: Path, url_path: str = "/") -> list[tuple[str, str]]:
    """The headers ``_headers`` gives ``url_path`` (from the site's root), as (name, value); none before the first build.

    Every rule whose pattern matches applies, as on Netlify and Cloudflare
    Pages (``/*`` for all, ``/admin/*`` for a folder, ``/index.html`` for one
    file); a header named again by a later rule replaces the earlier one.
    Detach lines (``! Name``) are Cloudflare's way of dropping a header.
    """
    try:
        text = (site_dir / HEADERS_FILE).read_text(encoding="utf-8")
    except OSError:
        return []
    found: dict[str, tuple[str, str]] = {}
    applies = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            applies = _matches(line.strip(), url_path)
        elif applies and ":" in line and not line.lstrip().startswith("!"):
            name, _, value = line.strip().partition(":")
            found[name.strip().lower()] = (name.strip(), value.strip())
    return list(found.values())


def _matches(pattern: str, url_path: str) -> bool:
    if pattern.endswith("*"):
        return url_path.startswith(pattern[:-1])
    return url_path == pattern or (pattern.endswith("/index.html") and url_path == pattern[: -len("index.html")])


def with_live_reload(policy: str, page: bytes) -> str:
    """``policy`` with the hash of the live-reload script injected into ``page`` (when there is one)."""
    match = _LIVE_RELOAD.search(page)
    if match is None:
        return policy
    source = csp_hash(match.group(1).decode("utf-8"))
    return re.sub(r"(script-src [^;]*)", lambda m: f"{m.group(1)} {source}", policy, count=1)


def with_headers(app: App, site_dir: Path, mount: str = "/") -> App:
    """``app`` (the preview server, serving the site under ``mount``) with the site's security headers."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            started.update(status=status, headers=list(headers), exc_info=exc_info)
            return lambda data: None  # the live-reload server never writes through it

        result = app(environ, capture)
        headers = started.get("headers", [])
        path = environ.get("PATH_INFO", "/")
        extra = site_headers(site_dir, "/" + path[len(mount):] if path.startswith(mount) else path)
        is_page = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
        if not extra or not is_page:
            start_response(started.get("status", "500 Internal Server Error"), headers + extra, started.get("exc_info"))
            return result
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        extra = [(k, with_live_reload(v, body) if k == "Content-Security-Policy" else v) for k, v in extra]
        start_response(started["status"], headers + extra, started.get("exc_info"))
        return [body]

    return wrapped
