"""``python -m portal serve`` in Chromium: a save on disk shows in the open page, under the site's own CSP.

The page is opened once and never reloaded by the test: the preview's
live-reload script (a file of the site, allowed by the page's meta policy,
which forbids inline scripts) must bring each change in by itself.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from conftest import copy_project, portal_env, site_prefix

pytestmark = pytest.mark.slow

PLAN = "plans/kien-giang/2023-ke-hoach-35.md"
PAGE = "don-vi/kien-giang/2023-ke-hoach-35/"
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
});
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    project = copy_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "portal", "serve", str(project), "-a", f"127.0.0.1:{port}", "--site-dir", str(tmp_path / "site")],
        env=portal_env(SOURCE_DATE_EPOCH="1796299200"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    said: list[str] = []
    threading.Thread(target=lambda: said.extend(iter(server.stdout.readline, "")), daemon=True).start()
    try:
        deadline = time.monotonic() + 240
        while not any("Xem trước tại" in line for line in said):
            assert server.poll() is None and time.monotonic() < deadline, "".join(said)
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}{site_prefix()}", project, said
    finally:
        server.terminate()
        server.wait(timeout=30)


def _edit(project: Path, old: str, new: str) -> None:
    path = project / PLAN
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_title_and_a_wrong_date_show_in_the_open_page(browser, served) -> None:
    base, project, said = served
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base + PAGE)
    heading = page.locator("article h1").first
    assert "Kế hoạch thực hiện công tác trẻ em năm 2023" in heading.inner_text()
    assert page.locator(".portal-serve-problems").count() == 0
    # The page runs under the site's meta policy, with no inline script allowed.
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1

    # Another tab, on a page the edit does not touch: it must not reload.
    other = browser.new_page()
    other.goto(base + "don-vi/ha-noi/")
    other.evaluate("window.__notReloaded = true")
    rebuilt = sum("Đã dựng lại" in line for line in said)
    _edit(project, "title: Kế hoạch thực hiện", "title: Kế hoạch đã sửa khi xem trước, thực hiện")
    # Null-safe: the page may be between two documents while it reloads.
    page.wait_for_function("() => (document.querySelector('article h1')?.textContent || '')"
                           ".includes('đã sửa khi xem trước')", timeout=30_000)
    assert "đã sửa khi xem trước" in page.title()
    deadline = time.monotonic() + 60
    while sum("Đã dựng lại" in line for line in said) == rebuilt and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # longer than live.js's poll
    assert other.evaluate("window.__notReloaded === true"), "an untouched page reloaded"
    other.close()

    # A date that does not exist: the page says where, and keeps the last good build.
    _edit(project, "issued: 2023-02-21", "issued: 2023-02-30")
    banner = page.locator(".portal-serve-problems")
    banner.wait_for(timeout=30_000)
    text = banner.inner_text()
    assert f"{PLAN}:10" in text and "issued" in text and "30" in text, text
    assert "đã sửa khi xem trước" in heading.inner_text()
    assert any(re.search(rf"{re.escape(PLAN)}:10: issued:", line) for line in said), "".join(said)

    # Fixed: the banner goes, the new date shows.
    _edit(project, "issued: 2023-02-30", "issued: 2023-02-28")
    page.wait_for_function("() => document.body && !document.querySelector('.portal-serve-problems') "
                           "&& document.body.textContent.includes('28 tháng 02 năm 2023')", timeout=30_000)
    assert page.evaluate("window.__violations") == []
    page.close()
