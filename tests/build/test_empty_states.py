"""Empty states that help: the words behind search suggestions, and units without plans of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, copy_project, parse, text_of

from portal.derive import search
from portal.derive.search_vocabulary import MAX_WORDS, VOCABULARY

UNIT_TEMPLATE = "name: Hà Lĩnh\nlevel: xa\nvalid_to: 2025-06-30\n"


def test_vocabulary_holds_folded_words_with_their_written_form(sample_site: Path) -> None:
    lines = (sample_site / search.INDEX_DIR / VOCABULARY).read_text(encoding="utf-8").splitlines()
    forms = dict(line.split("\t") if "\t" in line else (line, line) for line in lines)
    assert len(forms) == len(lines) <= MAX_WORDS
    assert forms["trung"] == "trung" and forms["tet"] == "tết" and forms["giang"] == "giang"
    assert forms["bien"] == "biên" and forms["nuoc"] == "nước"
    # Only single words of letters: no pairs, numbers or document codes.
    assert all(key.isalpha() and key.isascii() and len(key) >= 2 for key in forms)
    assert "2189" not in forms and not any(" " in key for key in forms)


@pytest.fixture(scope="module")
def empty_commune_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with a commune of huyện Hà Trung that has published nothing."""
    project = copy_project(tmp_path_factory.mktemp("empty-commune"))
    unit = project / "plans" / "thanh-hoa" / "ha-trung" / "ha-linh"
    unit.mkdir()
    (unit / "_unit.yml").write_text(UNIT_TEMPLATE, encoding="utf-8")
    dest = project / "site"
    build_site(project, dest)
    return dest


def test_commune_without_documents_shows_its_district_plan(empty_commune_site: Path) -> None:
    page = parse(empty_commune_site / "don-vi" / "thanh-hoa" / "ha-trung" / "ha-linh" / "index.html")
    text = text_of(page)
    assert "Kế hoạch áp dụng (huyện Hà Trung)" in text
    assert "Đơn vị chưa đăng kế hoạch nào. Các kế hoạch của cấp trên dưới đây áp dụng cho cả xã Hà Lĩnh." in text
    assert "Của huyện Hà Trung, tỉnh Thanh Hóa, năm 2023" in text
    links = page.xpath("//section[@aria-labelledby='ke-hoach']//a/@href")
    assert any(href.endswith("2023-ke-hoach-73/") for href in links), links


def test_district_without_plans_shows_its_province_plan(sample_site: Path) -> None:
    page = parse(sample_site / "don-vi" / "quang-nam" / "tay-giang" / "index.html")
    text = text_of(page)
    assert "Kế hoạch áp dụng (tỉnh Quảng Nam)" in text
    assert "Của tỉnh Quảng Nam, năm 2022" in text
    links = page.xpath("//section[@aria-labelledby='ke-hoach']//a/@href")
    assert any(href.endswith("2022-ke-hoach-2189/") for href in links), links
