"""Shared fixtures: real builds in temporary folders, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def portal_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), **extra}
    return env


def build_site(project: Path, dest: Path, config: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Build ``project`` strictly into ``dest``; fail on any warning."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config or project / "mkdocs.yml"), "-d", str(dest)],
        cwd=project, capture_output=True, text=True, env=portal_env(**env), timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result


def try_build(project: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    """Build ``project`` strictly into ``dest``, failing or not; ``stderr`` holds all it printed.

    MkDocs prints the reason it stopped on stdout, its log on stderr.
    """
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=project, capture_output=True, text=True, env=portal_env(), timeout=600,
    )
    result.stderr = result.stdout + result.stderr
    return result


def copy_project(dest: Path, plans: Path | None = None) -> Path:
    """A copy of the project (config, docs, hooks) with ``plans`` as its content."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "hooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    shutil.copytree(plans or ROOT / "plans", dest / "plans")
    return dest


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(n)|(\\))")


def attack_corpus(name: str) -> list[str]:
    """Data lines of tests/attacks/NAME ("# " comments and blank lines left out), escapes decoded:
    ``\\n`` a line break, ``\\uXXXX`` a character (invisible ones stay readable in the file), ``\\\\`` a backslash."""
    lines = (ROOT / "tests" / "attacks" / name).read_text(encoding="utf-8").splitlines()

    def decode(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        return chr(int(code, 16)) if code else "\n" if match.group(3) else "\\"

    return [_ESCAPE.sub(decode, line) for line in lines if line.strip() and not line.startswith("# ")]


def site_prefix() -> str:
    """The sub-path of site_url ("/cong-tre-em/"): the 404 page links there absolutely."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return urlsplit(config.get("site_url") or "/").path or "/"


def parse(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


def text_of(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal, built once per test session."""
    dest = tmp_path_factory.mktemp("sample-site")
    build_site(ROOT, dest)
    return dest


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on a free loopback port; returns (base URL, server)."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def sample_url(sample_site: Path) -> Iterator[str]:
    url, server = serve(sample_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright; never skipped in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make test` installs the Debian package")
        pytest.skip("chromium is not installed (run `make test`, which installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


_FOLDER_MARKS = {"unit": pytest.mark.unit, "build": pytest.mark.build, "browser": pytest.mark.browser}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its folder (unit, build, browser); a test that opens Chromium is a browser test."""
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in _FOLDER_MARKS:
            item.add_marker(_FOLDER_MARKS[folder])
        if "browser" in getattr(item, "fixturenames", ()) and folder != "browser":
            item.add_marker(pytest.mark.browser)


FIGURES: list[str] = []
"""Figures measured by the browser tests (e.g. «FCP trang chủ, 400 kbit/s + 400 ms: 1,2 s»), printed at the end of the run."""


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.section("Số đo trong trình duyệt (tests/browser)")
        for line in FIGURES:
            terminalreporter.write_line(line)
