"""The Content-Security-Policy of the web editor (admin/), looser than the site's.

Decap CMS compiles its widgets' code at run time ('unsafe-eval', which also
covers its WebAssembly image codecs), styles its React components inline
(emotion), previews uploads as blob:/data: images and talks to its backend.
Those rights are given to admin/ alone; every other page keeps the strict,
hash-based policy of :mod:`portal.output.headers`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .csp import policy_text

GITHUB_API = "https://api.github.com"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def backend_origins(config: dict[str, Any]) -> list[str]:
    """Origins the editor fetches from besides its own, read from its configuration."""
    backend = config.get("backend") or {}
    found: list[str] = []
    if backend.get("name") == "github":
        found.append(_origin(str(backend.get("api_root") or GITHUB_API)))
    # Git Gateway and Netlify Identity answer on the site's own origin
    # (/.netlify/git, /.netlify/identity) unless told otherwise.
    for key in ("gateway_url", "identity_url", "base_url"):
        if backend.get(key):
            found.append(_origin(str(backend[key])))
    local = config.get("local_backend")
    if local:
        url = local.get("url") if isinstance(local, dict) else None
        found.append(_origin(str(url or "http://localhost:8081/api/v1")))
    return sorted({origin for origin in found if origin})


def editor_policy(config: dict[str, Any], for_meta: bool = False) -> str:
    """The policy of the editor's page, given its Decap configuration."""
    origins = backend_origins(config)
    # Decap reads back its own blob: URLs (uploaded photos, the draft it keeps in the browser).
    connect = ["'self'", "blob:", *origins]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", "'unsafe-eval'"]),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:", "blob:", *[o for o in origins if o.startswith("https://")]]),
        ("font-src", ["'self'", "data:"]),
        ("connect-src", connect),
        ("frame-src", ["'self'", "blob:"]),
        ("worker-src", ["'self'", "blob:"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
    ]
    return policy_text(directives, for_meta)
