"""The preview server's additions to a page, and the files it agrees to serve."""

from __future__ import annotations

from pathlib import Path

from portal.model.problems import Problem
from portal.serve import server

PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body class="x"><h1>Trang</h1></body></html>'


def test_the_live_script_is_a_file_of_the_site_never_inline() -> None:
    state = server.State(version=7, everything=7)
    served = server.inject(PAGE, "/cong-tre-em/", state, "don-vi/ha-noi/index.html")
    assert ('<script src="/cong-tre-em/_portal-serve/live.js" data-version="7" '
            'data-poll="/cong-tre-em/_portal-serve/version?page=don-vi/ha-noi/index.html" defer></script></head>') in served
    assert '<link rel="stylesheet" href="/cong-tre-em/_portal-serve/live.css">' in served
    assert served.count("<script") == 1 and "portal-serve-problems" not in served


def test_problems_are_shown_escaped_right_after_body() -> None:
    state = server.State()
    state.publish((Problem("plans/a/<b>.md", 12, "issued", "ngày 30 không tồn tại <script>alert(1)</script>"),))
    served = server.inject(PAGE, "/", state)
    assert state.version == 1
    body = served.index('<body class="x">') + len('<body class="x">')
    assert served[body:].startswith('<div class="portal-serve-problems" role="alert">')
    assert "<code>plans/a/&lt;b&gt;.md:12</code> <code>issued</code>: ngày 30 không tồn tại &lt;script&gt;" in served
    assert "<script>alert" not in served
    state.publish()
    assert "portal-serve-problems" not in server.inject(PAGE, "/", state)


def test_an_open_page_reloads_only_when_its_own_file_was_rewritten() -> None:
    state = server.State()
    state.publish()  # the first build: every page
    assert state.of("a/index.html") == state.of("b/index.html") == 1
    state.publish(written=["a/index.html"])
    assert (state.of("a/index.html"), state.of("b/index.html")) == (2, 1)
    state.publish(written=[])  # a save that changed nothing shown
    assert (state.of("a/index.html"), state.of("b/index.html")) == (2, 1)
    state.publish((Problem("plans/a/x.md", 3, "date", "sai"),))  # the banner goes on every page
    assert state.of("a/index.html") == state.of("b/index.html") == 4
    state.publish(written=["a/index.html"])  # ... and off again
    assert state.of("a/index.html") == state.of("b/index.html") == 5
    state.publish(written=["b/index.html"])
    assert (state.of("a/index.html"), state.of("b/index.html")) == (5, 6)


def test_only_files_inside_the_site_are_served(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "don-vi").mkdir(parents=True)
    (site / "don-vi" / "index.html").write_text("x")
    (tmp_path / "secret.txt").write_text("bí mật")
    assert server._file(site, "don-vi/") == site / "don-vi" / "index.html"
    assert server._file(site, "don-vi") == site / "don-vi"  # the handler redirects to "don-vi/"
    assert server._file(site, "../secret.txt") is None
    assert server._file(site, "don-vi/../../secret.txt") is None
    assert server._file(site, "khong-co/") is None


def test_served_pages_carry_the_deployed_headers_of_their_path(tmp_path: Path) -> None:
    import threading
    import urllib.request

    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "admin" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "_headers").write_text(
        "/*\n  X-Content-Type-Options: nosniff\n/index.html\n  Content-Security-Policy: default-src 'none'\n"
        "/admin/*\n  Content-Security-Policy: default-src 'self'\n", encoding="utf-8")
    state = server.State()
    httpd = server.make_server(site, "/cong/", state, "127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}/cong/"
        with urllib.request.urlopen(base) as home, urllib.request.urlopen(base + "admin/") as admin:
            assert home.headers["Content-Security-Policy"] == "default-src 'none'"
            assert admin.headers["Content-Security-Policy"] == "default-src 'self'"
            assert home.headers["X-Content-Type-Options"] == admin.headers["X-Content-Type-Options"] == "nosniff"
            assert "live.js" in home.read().decode("utf-8")
        state.publish(written=["admin/index.html"])
        with urllib.request.urlopen(base + "_portal-serve/version?page=admin/index.html") as admin, \
                urllib.request.urlopen(base + "_portal-serve/version?page=index.html") as home:
            assert (admin.read(), home.read()) == (b"1", b"0")
    finally:
        httpd.shutdown()
