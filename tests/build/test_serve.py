"""`mkdocs serve` (the README's first command) serves the portal with live reload."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from typing import Iterator

import pytest
import yaml

from conftest import ROOT, portal_env
from portal.output.headers import SECURITY_HEADERS, csp_hash

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def preview() -> Iterator[str]:
    """`mkdocs serve --livereload` of the sample portal; yields the URL of its site root."""
    port = _free_port()
    # `serve` mounts the site under site_url's path, as the host will.
    prefix = urllib.parse.urlparse(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}", "--livereload"],
        cwd=ROOT, env=portal_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 240
        answered = False
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{prefix}", timeout=5):
                    answered = True
                    break
            except OSError:
                time.sleep(1)
        assert answered, server.stderr.read() if server.poll() is not None else "server did not answer"
        yield f"http://127.0.0.1:{port}{prefix}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_answers_without_a_meta_policy_blocking_live_reload(preview: str) -> None:
    with urllib.request.urlopen(preview + "don-vi/", timeout=30) as response:
        body = response.read().decode("utf-8")
    assert "Đơn vị hành chính" in body
    assert 'http-equiv="Content-Security-Policy"' not in body
    assert "livereload" in body


def test_serve_sends_the_deployed_headers_with_the_live_reload_script_allowed(preview: str) -> None:
    with urllib.request.urlopen(preview + "don-vi/", timeout=30) as response:
        headers = response.headers
        body = response.read()
    for name, value in SECURITY_HEADERS:
        assert headers[name] == value
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    live_reload = re.search(rb"<script>((?:(?!</script).)*?livereload\(\d+, \d+\);\s*)</script>", body, re.DOTALL)
    assert live_reload is not None
    assert csp_hash(live_reload.group(1).decode("utf-8")) in policy
    # Apart from that one hash, the policy is the one the build wrote for the host.
    with urllib.request.urlopen(preview + "assets/portal.css", timeout=30) as response:
        plain = response.headers["Content-Security-Policy"]
    assert policy.replace(" " + csp_hash(live_reload.group(1).decode("utf-8")), "") == plain


def test_serve_blocks_in_chromium_what_production_blocks(browser, preview: str) -> None:
    page = browser.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    # Pages of every kind: the live-reload script runs (its hash is allowed) and the page's own code breaks no rule ...
    for path in ["", "don-vi/an-giang/2025-09-chuan-bi-trung-thu-mau/", "lich/", "chi-tieu/", "tim-kiem/?q=trung+thu",
                 "huong-dan/loi-kiem-tra/", "don-vi/"]:
        console.clear()
        page.goto(preview + path, wait_until="load")
        page.wait_for_timeout(300)
        assert any("Enabled live reload" in line for line in console), (path, console)
        assert not [line for line in console if "Content Security Policy" in line], (path, console)
    # ... and an inline payload does not: it shows as a violation, as on the deployed site.
    blocked = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', e => resolve(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__xss_preview = 1';
        document.body.append(s);
        setTimeout(() => resolve(window.__xss_preview ? 'ran' : 'silent'), 2000);
    })""")
    page.close()
    assert blocked.startswith("script-src"), blocked
