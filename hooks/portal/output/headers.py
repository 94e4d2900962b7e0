"""Security headers computed from the finished site: a CSP the site really satisfies.

The policy is derived from the built files, not written by hand, so it stays
right when the theme changes: every inline script the theme emits is allowed
by its sha256 hash (never 'unsafe-inline'), every resource comes from the
site's own origin, and the build fails if any page or style sheet loads
something from another host.

Two deliveries, with the same policy:

* ``_headers`` (Netlify and Cloudflare Pages syntax) for hosts that send
  headers; it also carries nosniff, the referrer and permissions policies and
  the framing ban.
* a ``<meta http-equiv="Content-Security-Policy">`` in every page, for GitHub
  Pages, which sends no custom headers. Browsers ignore ``frame-ancestors``
  (and log an error) in a meta policy, so the meta policy leaves it out: on
  GitHub Pages framing cannot be forbidden.

When both arrive (Netlify), the browser enforces both; they are equal, so
nothing allowed by one is blocked by the other.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .. import paths
from ..model.site import Context
from .csp import policy_text
from .editor_policy import editor_policy

HEADERS_FILE = "_headers"


class UnsafeSiteError(Exception):
    """The built site would load files from another host; the message is Vietnamese."""

# Cloudflare Pages refuses header values longer than this.
MAX_HEADER_LENGTH = 2000

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    # The portal links to official sites; they may learn the portal's origin,
    # never the page a reader was on (which can name a commune or a topic).
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    # Nothing on the portal needs these; denying them also covers any script
    # that might slip through. Only features Chromium knows, or it warns.
    ("Permissions-Policy",
     "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
     "microphone=(), payment=(), usb=()"),
)
"""Headers sent with every file, besides the Content-Security-Policy."""

# A raw-text element ends at the first "</script" whatever follows, exactly as
# the HTML tokenizer reads it; the hash must be taken over that very text, so
# the source is cut with a pattern rather than re-serialized by a parser.
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script", re.IGNORECASE | re.DOTALL)
_INLINE_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style", re.IGNORECASE | re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r"""<[a-zA-Z][^>]*?\sstyle\s*=\s*("([^"]*)"|'([^']*)')""")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_JS_TYPES = {
    "", "module", "text/javascript", "application/javascript", "text/ecmascript",
    "application/ecmascript", "text/jscript", "text/livescript", "application/x-javascript",
}

# Elements and attributes that make the browser fetch something by itself
# (links the reader clicks are not fetched, so <a href> is not here).
_FETCHING = re.compile(
    r"<(script|img|source|video|audio|track|iframe|frame|embed|object|input|link)\b([^>]*)>",
    re.IGNORECASE,
)
_FETCH_ATTRIBUTES = {"src", "srcset", "poster", "data", "href"}
_LINK_FETCH_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload",
                    "prefetch", "manifest", "mask-icon", "shortcut"}
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)|@import\s+(["'])([^"']+)\3""", re.IGNORECASE)
_META_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Inline:
    """Inline code found in the built pages, as CSP hash sources."""

    scripts: frozenset[str]
    """'sha256-…' of every executable inline <script>."""
    styles: frozenset[str]
    """'sha256-…' of every inline <style> element."""
    style_attributes: frozenset[str]
    """'sha256-…' of every style="…" value (needs 'unsafe-hashes')."""


def csp_hash(source: str) -> str:
    """The CSP hash source of ``source``: over its UTF-8 bytes, as browsers compute it."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in {'"', "'"}:
            value = value[1:-1]
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _is_executable(attributes: dict[str, str]) -> bool:
    # Data blocks (Material's __config JSON) are never run, so need no hash.
    return attributes.get("type", "").strip().lower() in _JS_TYPES


def find_inline(page_html: str) -> Inline:
    """Hash sources for the inline scripts, styles and style attributes of one page."""
    if not _ANY_INLINE.search(page_html):
        # Most generated pages have none: one pass instead of three.
        return _NO_INLINE
    scripts = {
        csp_hash(body)
        for attrs, body in _INLINE_SCRIPT.findall(page_html)
        if "src" not in _attributes(attrs) and _is_executable(_attributes(attrs))
    }
    styles = {csp_hash(body) for _, body in _INLINE_STYLE.findall(page_html)}
    # The browser hashes the attribute value after entity decoding.
    style_attributes = {
        csp_hash(html.unescape(double if quoted.startswith('"') else single))
        for quoted, double, single in _STYLE_ATTRIBUTE.findall(page_html)
    }
    return Inline(frozenset(scripts), frozenset(styles), frozenset(style_attributes))


_ANY_INLINE = re.compile(r"<script\b|<style\b|\sstyle\s*=", re.IGNORECASE)
"""Where any of the three patterns of :func:`find_inline` could start."""
_NO_INLINE = Inline(frozenset(), frozenset(), frozenset())


def _is_foreign(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return bool(parts.netloc) or (bool(parts.scheme) and parts.scheme.lower() not in {"data", "blob"})


def foreign_resources(page_html: str) -> list[str]:
    """URLs on other hosts that a page makes the browser load by itself."""
    found: list[str] = []
    for tag, attrs in _FETCHING.findall(page_html):
        attributes = _attributes(attrs)
        tag = tag.lower()
        if tag == "link" and not (set(attributes.get("rel", "").lower().split()) & _LINK_FETCH_RELS):
            continue  # canonical, alternate (feeds), author: not fetched by the page
        for name in _FETCH_ATTRIBUTES & attributes.keys():
            if name == "href" and tag != "link":
                continue
            values = attributes[name].split(",") if name == "srcset" else [attributes[name]]
            found.extend(v.split()[0] for v in values if v.strip() and _is_foreign(v.split()[0]))
    for _, body in _INLINE_STYLE.findall(page_html):
        found.extend(foreign_in_css(body))
    return found


def foreign_in_css(css: str) -> list[str]:
    """URLs on other hosts that a style sheet loads (url() and @import)."""
    urls = [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css)]
    return [u for u in urls if _is_foreign(u)]


def content_security_policy(inline: Inline, for_meta: bool = False) -> str:
    """The policy for a site (or page) with these inline hashes."""
    script_src = ["'self'", *sorted(inline.scripts)]
    style_src = ["'self'", *sorted(inline.styles)]
    if inline.style_attributes:
        # Python-Markdown aligns table columns with style="text-align: …", the
        # only style the sanitizer keeps. 'unsafe-hashes' allows exactly those
        # values, instead of 'unsafe-inline', which would allow any style.
        style_src += ["'unsafe-hashes'", *sorted(inline.style_attributes)]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", script_src),
        ("style-src", style_src),
        # data: images are the theme's own icons, inlined in its CSS; contributor
        # content cannot produce one (the sanitizer drops data: URLs).
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
    ]
    return policy_text(directives, for_meta)


def headers_file(policy: str) -> str:
    """``_headers`` content for every path of the site."""
    lines = ["/*", f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    return "\n".join(lines) + "\n"


def headers_file_with_editor(policy: str, editor: str, entries: list[str]) -> str:
    """``_headers`` content when admin/ holds the web editor, with its own policy.

    Netlify lets a later rule replace a header, Cloudflare Pages joins both
    values (so the browser would enforce both, and the strict one would stop
    the editor): the site's policy is therefore given to every top-level file
    and folder by name, never to admin/, and the other headers to every path.
    """
    lines = ["/*", *(f"  {name}: {value}" for name, value in SECURITY_HEADERS)]
    for entry in entries:
        lines += [entry, f"  Content-Security-Policy: {policy}"]
    lines += [f"/{paths.EDITOR}*", f"  Content-Security-Policy: {editor}"]
    return "\n".join(lines) + "\n"


def top_entries(site_dir: Path) -> list[str]:
    """Header rules for every top-level file and folder of the site but the editor's."""
    entries = ["/"]
    for path in sorted(site_dir.iterdir()):
        if path.name == paths.EDITOR.rstrip("/") or path.name == HEADERS_FILE:
            continue
        entries.append(f"/{path.name}/*" if path.is_dir() else f"/{path.name}")
    return entries


def meta_content(policy: str) -> str:
    """``policy`` as a double-quoted attribute value."""
    # Only '&' and '"' matter there; the quotes of 'self' stay readable.
    return policy.replace("&", "&amp;").replace('"', "&quot;")


def with_meta_policy(page_html: str, policy: str) -> str:
    """``page_html`` with the meta policy placed before any script (replacing an older one)."""
    page_html = _META_CSP.sub("", page_html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{meta_content(policy)}">'
    # A meta policy only governs what follows it: put it first in <head>.
    anchor = _META_CHARSET.search(page_html) or _HEAD.search(page_html)
    if anchor is None:
        return tag + "\n" + page_html
    return page_html[: anchor.end()] + "\n" + tag + page_html[anchor.end():]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


@dataclass
class Scan:
    """Inline code and foreign resources found so far in the built site (a builder).

    Pages the portal writes itself are scanned in memory as they are written
    (:meth:`add`); the post-build step then reads only the other files.
    """

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    foreign: list[str] = field(default_factory=list)
    written: set[str] = field(default_factory=set)
    """Site-relative paths of pages already scanned (and given their meta policy)."""

    def add(self, name: str, page_html: str) -> Inline:
        """Record the inline code and foreign resources of ``page_html``; returns its inline code."""
        found = find_inline(page_html)
        self.record(found)
        self.foreign += [f"{name}: {url}" for url in foreign_resources(page_html)]
        return found

    def record(self, found: Inline) -> None:
        """Add inline code found elsewhere (by a worker, or in a page shell)."""
        self.scripts |= found.scripts
        self.styles |= found.styles
        self.style_attributes |= found.style_attributes

    def inline(self) -> Inline:
        return Inline(frozenset(self.scripts), frozenset(self.styles), frozenset(self.style_attributes))


def union(*found: Inline) -> Inline:
    return Inline(
        frozenset().union(*(f.scripts for f in found)),
        frozenset().union(*(f.styles for f in found)),
        frozenset().union(*(f.style_attributes for f in found)),
    )


def step(site_dir: Path, context: Context, scan: Scan | None = None) -> None:
    """Post-build step (last): check for foreign resources, write _headers and meta policies.

    Pages in ``scan.written`` (those the build filled itself) already carry a meta policy with the
    hashes of their own inline code: the browser enforces it beside the
    site-wide header policy, which holds every page's hashes.
    """
    scan = scan if scan is not None else Scan()
    found = _site_files(site_dir, (".html", ".css"))
    # The editor's page carries its own policy (output/pages/editor.py).
    editor_config = site_dir / paths.editor_file("config.yml")
    found = [name for name in found if not name.startswith(paths.EDITOR)]
    pages = [name for name in found if name.endswith(".html") and name not in scan.written]
    for name in pages:
        scan.add(name, _read(site_dir / name))
    for name in found:
        if name.endswith(".css"):
            scan.foreign += [f"{name}: {url}" for url in foreign_in_css(_read(site_dir / name))]
    if scan.foreign:
        foreign = sorted(scan.foreign)
        raise UnsafeSiteError(
            f"Trang web tải {len(foreign)} tài nguyên từ máy chủ bên ngoài (ví dụ {foreign[0]}): "
            "cổng thông tin chỉ dùng tệp của chính nó để không lộ thông tin người đọc; "
            "hãy lưu tệp đó vào docs/assets/ hoặc bỏ nó đi"
        )
    inline = scan.inline()
    policy = content_security_policy(inline)
    if len(policy) > MAX_HEADER_LENGTH:
        raise UnsafeSiteError(
            f"Chính sách bảo mật nội dung dài {len(policy)} ký tự, quá giới hạn {MAX_HEADER_LENGTH} "
            "của Cloudflare Pages: giao diện có quá nhiều đoạn mã nội tuyến khác nhau"
        )
    if editor_config.is_file():
        config = yaml.safe_load(editor_config.read_text(encoding="utf-8")) or {}
        text = headers_file_with_editor(policy, editor_policy(config), top_entries(site_dir))
    else:
        text = headers_file(policy)
    (site_dir / HEADERS_FILE).write_text(text, encoding="utf-8")
    if context.settings.preview:
        # `mkdocs serve` injects a fresh inline live-reload script into every
        # response; a meta policy would block it. Published builds keep it.
        return
    meta_policy = content_security_policy(inline, for_meta=True)
    for name in pages:
        page = site_dir / name
        text = page.read_text(encoding="utf-8")
        updated = with_meta_policy(text, meta_policy)
        if updated != text:
            page.write_text(updated, encoding="utf-8")


def _site_files(site_dir: Path, suffixes: tuple[str, ...]) -> list[str]:
    """Sorted site paths of the files ending in ``suffixes``.

    One os.walk: Path.rglob took 5.4 s for the 72,000 files of a national
    portal, os.walk 0.8 s.
    """
    found = []
    for folder, _, names in os.walk(site_dir):
        prefix = os.path.relpath(folder, site_dir).replace(os.sep, "/") + "/"
        found += [name if prefix == "./" else prefix + name for name in names if name.endswith(suffixes)]
    return sorted(found)
