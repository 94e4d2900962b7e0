"""The deploy guide's advice per host matches what the build really writes.

The guide's table lists every header of `site/_headers`, says GitHub Pages
only applies the policy through `<meta>`, and the meta policy of every page is
the header policy less what a meta element cannot carry.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from conftest import ROOT, parse

GUIDE = ROOT / "docs" / "huong-dan" / "luu-tru.md"
HOSTS = ("GitHub Pages", "Netlify", "Cloudflare Pages")


def headers_file(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "/*", "every path gets the headers"
    found = {}
    for line in lines[1:]:
        if line.strip():
            name, _, value = line.strip().partition(": ")
            found[name] = value
    return found


def directives(policy: str) -> dict[str, set[str]]:
    parts = [d.split() for d in policy.split(";") if d.strip()]
    return {p[0]: set(p[1:]) for p in parts}


def guide_table() -> dict[str, dict[str, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## Tiêu đề bảo mật theo nơi lưu trữ", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.split("\n") if line.startswith("| `")]
    table = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        table[cells[0].strip("`")] = dict(zip(HOSTS, cells[2:]))
    return table


def test_the_guide_lists_every_header_the_build_sends(sample_site: Path) -> None:
    sent = headers_file(sample_site)
    table = guide_table()
    assert set(table) == set(sent)
    for name, hosts in table.items():
        assert hosts["Netlify"] == hosts["Cloudflare Pages"] == "có", name
        expected_pages = "chỉ qua thẻ `<meta>`" if name == "Content-Security-Policy" else "không"
        assert hosts["GitHub Pages"].startswith(expected_pages), name


def test_headers_carry_what_the_meta_policy_cannot(sample_site: Path) -> None:
    sent = headers_file(sample_site)
    assert "frame-ancestors 'none'" in sent["Content-Security-Policy"]
    assert sent["X-Content-Type-Options"] == "nosniff"
    assert sent["X-Frame-Options"] == "DENY"
    assert "camera=()" in sent["Permissions-Policy"] and "geolocation=()" in sent["Permissions-Policy"]
    header = directives(sent["Content-Security-Policy"])
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        metas = parse(page).xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(metas) == 1, page
        meta = directives(metas[0])
        # A meta policy ignores frame-ancestors (CSP 3, §6.4): the guide says so, the build leaves it out.
        assert set(meta) == set(header) - {"frame-ancestors"}, page
        # Each page allows only its own inline hashes: never more than the site-wide header.
        for name, sources in meta.items():
            assert sources <= header[name], (page, name)


def test_netlify_and_cloudflare_publish_the_folder_that_holds_the_headers(sample_site: Path) -> None:
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert netlify["build"]["publish"] == "site" and netlify["build"]["command"] == "make build"
    # Headers come from site/_headers alone: a [[headers]] table here would be a second source to drift.
    assert "headers" not in netlify
    guide = GUIDE.read_text(encoding="utf-8")
    assert re.search(r"Cloudflare Pages\s+đọc tệp `_headers`", guide)
    assert "Netlify đọc tệp `_headers`" in guide
    assert "tên miền riêng" in guide and "'self'" in guide
