"""The print-only address of a document: on the page for paper, never in the search index."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import parse, site_prefix

from portal.derive import search

PLAN = "don-vi/ha-noi/long-bien/2020-ke-hoach-04/"


def test_document_carries_its_address_for_print(sample_site: Path) -> None:
    page = parse(sample_site / PLAN / "index.html")
    lines = page.xpath("//p[@class='pt-print-url']")
    assert len(lines) == 1
    assert lines[0].text_content() == f"In từ cổng thông tin: https://example.github.io{site_prefix()}{PLAN}"


def test_print_address_is_not_indexed(sample_site: Path) -> None:
    for path in (sample_site / search.INDEX_DIR / "t").glob("*.json"):
        for text in json.loads(path.read_text(encoding="utf-8")):
            assert "In từ cổng thông tin" not in text, path
