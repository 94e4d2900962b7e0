"""`mkdocs serve` (the README's first command) serves the portal with live reload."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
import yaml

from conftest import ROOT, portal_env

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_without_a_meta_policy_blocking_live_reload() -> None:
    port = _free_port()
    # `serve` mounts the site under site_url's path, as the host will.
    prefix = urllib.parse.urlparse(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}", "--livereload"],
        cwd=ROOT, env=portal_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 240
        body = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{prefix}don-vi/", timeout=5) as response:
                    body = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
        assert body is not None, server.stderr.read() if server.poll() is not None else "server did not answer"
        assert "Đơn vị hành chính" in body
        assert 'http-equiv="Content-Security-Policy"' not in body
        assert "livereload" in body
    finally:
        server.terminate()
        server.wait(timeout=30)
