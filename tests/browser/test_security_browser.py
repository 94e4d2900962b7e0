"""The built sample under its own Content-Security-Policy, in headless Chromium.

The server sends the headers of ``_headers`` as Netlify or Cloudflare Pages
would; a second server sends none, as GitHub Pages, so only the meta policy
applies. Any violation, blocked request or foreign request fails the test.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, site_prefix
from portal import paths
from portal.content.check import check_portal

pytestmark = pytest.mark.slow

# Runs before any page script (Playwright injects it outside the page's CSP).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`);
});
"""


def read_headers_file(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """Rules of a Netlify/Cloudflare ``_headers`` file: (path pattern, headers)."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, url_path: str) -> bool:
    if pattern.endswith("*"):
        return url_path.startswith(pattern[:-1])
    return url_path == pattern


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: the site under its sub-path, _headers sent, 404.html for missing pages."""

    rules: list[tuple[str, list[tuple[str, str]]]] = []
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        url_path = urlsplit(self.path).path
        for pattern, headers in self.rules:
            if _matches(pattern, url_path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serve_with_headers(directory: Path, send_headers: bool) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` under the site's sub-path; returns (site URL, server)."""
    rules = read_headers_file(directory / "_headers") if send_headers else []
    prefix = site_prefix()
    handler_class = type("Handler", (_HeadersHandler,), {"rules": rules, "prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix}", server


def pages_to_visit(site: Path) -> list[str]:
    """Home, a missing page, every top-level section (search, calendar, targets… when built), a unit and a document."""
    found = ["", "trang-khong-co/"]
    found += sorted(f"{p.parent.name}/" for p in site.glob("*/index.html"))
    portal = check_portal(ROOT).portal
    document = max(portal.documents, key=lambda d: (len(d.body), d.source))
    found.append(paths.document_page(document.unit, document.slug))
    deepest = max(portal.units, key=lambda u: (u.path.count("/"), u.path))
    found.append(paths.unit_page(deepest.path))
    return found


@pytest.fixture(scope="module", params=["headers", "meta-only"])
def served(request: pytest.FixtureRequest, sample_site: Path) -> Iterator[tuple[str, str]]:
    url, server = serve_with_headers(sample_site, send_headers=request.param == "headers")
    yield url, request.param
    server.shutdown()


def visit(browser, url: str) -> dict[str, list[str]]:
    """Load ``url``, let the theme's scripts run, and collect what went wrong."""
    origin = urlsplit(url).netloc
    problems: dict[str, list[str]] = {"violations": [], "console": [], "foreign": [], "failed": []}
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems["console"].append(str(e)))
    page.on("request", lambda r: problems["foreign"].append(r.url)
            if urlsplit(r.url).scheme in {"http", "https"} and urlsplit(r.url).netloc != origin else None)
    page.on("requestfailed", lambda r: problems["failed"].append(r.url))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None
    page.wait_for_timeout(200)
    problems["violations"] = page.evaluate("window.__violations")
    problems["status"] = [str(response.status)]
    problems["csp_header"] = [response.headers.get("content-security-policy", "")]
    page.close()
    return problems


def test_no_csp_violation_on_any_kind_of_page(browser, served: tuple[str, str], sample_site: Path) -> None:
    base, mode = served
    visited = pages_to_visit(sample_site)
    assert len(visited) >= 5
    for site_path in visited:
        result = visit(browser, base + site_path)
        assert result["status"] == ["404" if site_path == "trang-khong-co/" else "200"], site_path
        assert bool(result["csp_header"][0]) == (mode == "headers"), site_path
        assert result["violations"] == [], (mode, site_path, result["violations"])
        assert [m for m in result["console"] if "Content Security Policy" in m or "Refused" in m] == [], (mode, site_path)
        assert result["foreign"] == [], (mode, site_path)
        assert result["failed"] == [], (mode, site_path)


def test_policy_is_enforced(browser, served: tuple[str, str]) -> None:
    # A control: injected inline code must be refused, or the test above proves nothing.
    base, mode = served
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base, wait_until="networkidle")
    ran = page.evaluate("""() => {
        window.__ran = false;
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true';
        document.head.appendChild(script);
        const image = document.createElement('img');
        image.src = 'https://example.org/pixel.png';
        document.body.appendChild(image);
        return window.__ran;
    }""")
    page.wait_for_timeout(200)
    violations = page.evaluate("window.__violations")
    page.close()
    assert ran is False, mode
    directives = {v.split(" ")[0] for v in violations}
    assert {"script-src-elem", "img-src"} <= directives, (mode, violations)


def test_search_runs_under_the_policy(browser, served: tuple[str, str], sample_site: Path) -> None:
    # The search box fetches its index from the site itself (connect-src 'self') and runs no compiled code.
    base, mode = served
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(base + "tim-kiem/?q=" + "tre%20em", wait_until="networkidle")
    status = page.locator(".pt-search-page__status")
    status.wait_for()
    page.wait_for_function("() => document.querySelector('.pt-search-page__status').textContent.startsWith('Có ')")
    count = page.locator(".pt-results > li").count()
    violations = page.evaluate("window.__violations")
    page.close()
    assert count > 0, mode
    assert violations == [] and console == [], (mode, violations, console)
