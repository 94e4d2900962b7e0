"""The preview's headers (portal.output.preview): the site's _headers, plus the live-reload script's hash."""

from __future__ import annotations

import io
from pathlib import Path

from portal.output import headers, preview

PAGE = b"<html><body><p>x</p><script>var livereload = function(){};\nlivereload(17, 42);\n</script></body></html>"


def _app(body: bytes, content_type: str):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return iter([body])
    return app


def _call(app) -> tuple[str, dict[str, str], bytes]:
    got: dict[str, object] = {}

    def start_response(status, response_headers, exc_info=None):
        got.update(status=status, headers=dict(response_headers))
        return io.BytesIO().write

    body = b"".join(app({"PATH_INFO": "/"}, start_response))
    return got["status"], got["headers"], body  # type: ignore[return-value]


def test_pages_get_the_site_policy_and_the_live_reload_hash(tmp_path: Path) -> None:
    policy = headers.content_security_policy(headers.Inline(frozenset({"'sha256-abc'"}), frozenset(), frozenset()))
    (tmp_path / headers.HEADERS_FILE).write_text(headers.headers_file(policy), encoding="utf-8")
    status, sent, body = _call(preview.with_headers(_app(PAGE, "text/html; charset=utf-8"), tmp_path))
    assert status == "200 OK" and body == PAGE
    live = headers.csp_hash("var livereload = function(){};\nlivereload(17, 42);\n")
    assert sent["Content-Security-Policy"] == policy.replace("'sha256-abc'", f"'sha256-abc' {live}")
    assert sent["X-Content-Type-Options"] == "nosniff"
    # Other files get the policy as it is.
    _, plain, _ = _call(preview.with_headers(_app(b"body{}", "text/css"), tmp_path))
    assert plain["Content-Security-Policy"] == policy


def test_no_headers_file_yet_changes_nothing(tmp_path: Path) -> None:
    _, sent, body = _call(preview.with_headers(_app(PAGE, "text/html"), tmp_path))
    assert "Content-Security-Policy" not in sent and body == PAGE


def test_each_path_gets_the_rules_that_match_it(tmp_path: Path) -> None:
    (tmp_path / headers.HEADERS_FILE).write_text(
        "# comment\n/*\n  X-Frame-Options: DENY\n  Content-Security-Policy: default-src 'none'\n"
        "/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: default-src 'self'\n"
        "/index.html\n  Referrer-Policy: no-referrer\n", encoding="utf-8")
    assert preview.site_headers(tmp_path, "/don-vi/") == [("X-Frame-Options", "DENY"), ("Content-Security-Policy", "default-src 'none'")]
    assert dict(preview.site_headers(tmp_path, "/admin/"))["Content-Security-Policy"] == "default-src 'self'"
    assert dict(preview.site_headers(tmp_path, "/"))["Referrer-Policy"] == "no-referrer"
    assert "Referrer-Policy" not in dict(preview.site_headers(tmp_path, "/lich/"))
    _, sent, _ = _call(preview.with_headers(_app(PAGE, "text/html"), tmp_path, mount="/cong/"))
    assert sent["Content-Security-Policy"] == "default-src 'none'"
