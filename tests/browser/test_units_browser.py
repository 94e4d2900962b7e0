"""The unit filter in a real browser: typed without diacritics, it finds units."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_path", ["", "don-vi/"])
def test_filter_without_diacritics(browser, sample_url: str, page_path: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(sample_url + page_path)
        page.fill("#pt-unit-filter", "ha giang")
        page.wait_for_selector("#pt-unit-matches li")
        labels = page.locator("#pt-unit-matches a").all_inner_texts()
        assert "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa" in labels
        assert "tỉnh Hà Giang" in labels
        assert all("Giang" in label for label in labels)
        page.click("#pt-unit-matches a:text-is('tỉnh Hà Giang')")
        page.wait_for_url("**/don-vi/ha-giang/")
        assert page.locator("article h1").inner_text() == "tỉnh Hà Giang"
    finally:
        page.close()


def test_filter_folds_d_with_stroke_and_reports_no_match(browser, sample_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(sample_url + "don-vi/")
        page.fill("#pt-unit-filter", "da nang")
        page.wait_for_selector("#pt-unit-matches li")
        assert "thành phố Đà Nẵng" in page.locator("#pt-unit-matches a").all_inner_texts()
        page.fill("#pt-unit-filter", "khong co don vi nay")
        expect(page.locator("#pt-unit-count")).to_have_text("Không có đơn vị nào khớp")
        assert page.locator("#pt-unit-matches").is_hidden()
    finally:
        page.close()


def test_tree_is_collapsible(browser, sample_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(sample_url + "don-vi/")
        commune = page.locator("a:text-is('xã Hà Giang')")
        assert commune.is_hidden()
        for name in ("tỉnh Thanh Hóa", "huyện Hà Trung"):
            details = page.locator(f"li:has(> a:text-is('{name}')) > details")
            assert details.get_attribute("open") is None
            details.locator("> summary").click()
            assert details.get_attribute("open") is not None
        assert commune.is_visible()
    finally:
        page.close()
