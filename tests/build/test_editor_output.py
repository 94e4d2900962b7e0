"""The editor's files in a real build: admin/ from the pinned bundle, or a clear stop without it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_site, copy_project, parse, portal_env

from portal.output.headers import find_inline


def _project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project", ROOT / "tests" / "fixtures" / "mini" / "plans")
    subprocess.run([sys.executable, "-m", "portal", "decap", "--backend", "github", "--repo", "org/cong"],
                   cwd=project, env=portal_env(), check=True, capture_output=True)
    return project


def test_build_serves_the_editor_from_the_portal(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    site = tmp_path / "site"
    build_site(project, site)
    admin = site / "admin"
    page = parse(admin / "index.html")
    assert page.xpath("//script/@src") == ["start.js", "decap-cms.js"]
    assert page.xpath("//html/@lang") == ["vi"]
    assert find_inline((admin / "index.html").read_text(encoding="utf-8")).scripts == frozenset()
    (policy,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "'unsafe-eval'" in policy and "https://api.github.com" in policy
    assert (admin / "config.yml").read_bytes() == (project / "docs" / "admin" / "config.yml").read_bytes()
    dist = ROOT / "node_modules" / "decap-cms" / "dist"
    assert (admin / "decap-cms.js").read_bytes() == (dist / "decap-cms.js").read_bytes()
    assert not list(admin.glob("*.map")) and not (admin / "cms.js").exists()
    # No other page may run what the editor may.
    assert "unsafe-eval" not in (site / "index.html").read_text(encoding="utf-8")
    assert "/admin/*" in (site / "_headers").read_text(encoding="utf-8")


def test_build_stops_in_vietnamese_without_node_modules(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env=portal_env(), timeout=300)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "chưa có tệp của Decap CMS" in said and "npm ci" in said, said
    assert "Traceback" not in said
