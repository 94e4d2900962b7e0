"""Golden files: the main content of one page of each kind, as the sample portal builds it.

A change to a template, a provider or the sanitizer shows up here as a diff of
plain HTML, page by page. When the change is meant, rewrite the files and
review them in the commit:

    PORTAL_GOLDEN=write PYTHONPATH=hooks .venv/bin/python -m pytest tests/build/test_golden.py

The build pins its date (tools/compare_builds.py), so "now and next" and the
calendars do not move with the commit date.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT
from portal import paths
from tools import compare_builds

GOLDEN = Path(__file__).with_name("golden")

KINDS = {
    "home": paths.HOME,
    "units": paths.UNITS,
    "unit": paths.unit_page("thanh-hoa/ha-trung"),
    "plan": paths.document_page("kien-giang", "2023-ke-hoach-35"),
    "news": paths.document_page("thanh-hoa/ha-trung/ha-giang", "2023-06-dien-dan-tre-em-mau"),
    "report": paths.document_page("ha-noi/long-bien", "2020-bao-cao-ket-qua-mau"),
    "news-list": paths.NEWS,
    "calendar": paths.CALENDAR,
    "calendar-year": paths.year_calendar_page(2024),
    "targets": paths.TARGETS,
    "targets-year": paths.year_targets_page(2023),
    "open-data": paths.OPEN_DATA,
    "search": paths.SEARCH,
    "guide-reference": paths.guide_reference(),
}


@pytest.fixture(scope="module")
def pinned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("golden") / "site"
    compare_builds.build(ROOT, site)
    return site


def main_content(page_html: str) -> str:
    """The theme's article around the page's content, serialized the same way every time."""
    article = lxml_html.fromstring(page_html).xpath("//article")[0]
    return etree.tostring(article, encoding="unicode", method="html").strip() + "\n"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_main_content_matches_its_golden_file(pinned_site: Path, kind: str) -> None:
    made = main_content((pinned_site / KINDS[kind] / "index.html").read_text(encoding="utf-8"))
    golden = GOLDEN / f"{kind}.html"
    if os.environ.get("PORTAL_GOLDEN") == "write":
        golden.write_text(made, encoding="utf-8")
    assert golden.is_file(), f"missing {golden.name}: run PORTAL_GOLDEN=write (see this file's docstring)"
    assert made == golden.read_text(encoding="utf-8"), (
        f"{KINDS[kind] or '/'} changed; if meant, rewrite with PORTAL_GOLDEN=write and review the diff")
