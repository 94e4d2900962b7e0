"""A build that does not fit the host named in mkdocs.yml stops, in Vietnamese, with the figure and the fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import copy_project, try_build

pytestmark = pytest.mark.slow


def test_a_file_too_large_for_cloudflare_stops_the_build_then_the_site_fits(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "host: github-pages" in text
    config.write_text(text.replace("host: github-pages", "host: cloudflare-pages"), encoding="utf-8")
    # A scanned plan an officer put among the guide's files: 27 MiB (sparse, no disk used).
    scan = project / "docs/assets/ke-hoach-ban-scan.pdf"
    with scan.open("wb") as handle:
        handle.truncate(27 * 2**20)

    refused = try_build(project, tmp_path / "site")
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr
    assert ("mkdocs.yml, extra.portal.host: bản dựng không vừa Cloudflare Pages (gói miễn phí): "
            "tệp assets/ke-hoach-ban-scan.pdf 28,3 MB, quá giới hạn 25 MiB mỗi tệp. "
            "Cách sửa: đăng trên GitHub Pages hoặc Netlify (đổi extra.portal.host)") in refused.stderr, refused.stderr

    os.remove(scan)
    built = try_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    line = next(line for line in built.stderr.splitlines() if "Bản dựng: " in line)
    assert line.endswith("vừa GitHub Pages, Netlify, Cloudflare Pages (gói miễn phí)"), line
    files = sum(len(names) for _, _, names in os.walk(tmp_path / "site"))
    assert f"Bản dựng: {files} tệp, " in line
