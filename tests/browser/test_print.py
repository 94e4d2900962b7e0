"""Printing a plan: Chromium prints it to an A4 PDF and the PDF's text is read back (pypdf)."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from conftest import FIGURES, site_prefix
from page_kinds import open_page

pytestmark = pytest.mark.browser

PLANS = {
    "04/KH-UBND": ("don-vi/ha-noi/long-bien/2020-ke-hoach-04/", "Ủy ban nhân dân quận Long Biên", "ngày 03 tháng 01 năm 2020", "quận Long Biên"),
    "2189/KH-UBND": ("don-vi/quang-nam/2022-ke-hoach-2189/", "Ủy ban nhân dân tỉnh Quảng Nam", "ngày 12 tháng 4 năm 2022", "tỉnh Quảng Nam"),
}
MAX_PAGES = 4
"""A plan of the sample (a page of facts, three to five targets, a body of a few paragraphs) fits in few A4 sheets."""
# Text of the screen's chrome that must not reach paper: tabs and crumbs («Trang chủ»), search box,
# header hotline, palette toggle, repository link, footer, edit button.
CHROME = ("Trang chủ", "Tìm kiếm kế hoạch, tin tức, đơn vị", "Xem tất cả kết quả", "Gọi tổng đài bảo vệ trẻ em",
          "Sửa trang này", "Lên đầu trang", "Chuyển sang nền", "example/cong-tre-em", "Trang được dựng bằng",
          "Hướng dẫn", "Dữ liệu mở")


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, without spaces: the PDF places Vietnamese tone marks as separate glyphs,
    which the extraction splits with spaces ("K ế ho ạ ch")."""
    from pypdf import PdfReader

    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def printer(browser):
    context = browser.new_context(locale="vi-VN")
    yield context
    context.close()


@pytest.mark.parametrize("number", list(PLANS))
def test_plan_prints(printer, sample_url: str, number: str) -> None:
    path, issuer, issued, unit = PLANS[number]
    page = open_page(printer, sample_url, path)
    try:
        title = page.locator("h1").inner_text()
        # The address is for paper: a reader on screen already has it in the address bar.
        assert not page.locator(".pt-print-url").is_visible(), f"{number}: dòng địa chỉ in hiện cả trên màn hình"
        data = page.pdf(format="A4", print_background=False)
    finally:
        page.close()
    pages = pdf_pages(data)
    first, everything = pages[0], "".join(pages)
    # Paper starts with the plan's title: no header bar, tabs or crumbs («Đơn vị › tỉnh …») before it.
    assert first.startswith(squash(title)), f"{number}: trang 1 không bắt đầu bằng tiêu đề:\n{first[:300]}"
    FIGURES.append(f"In kế hoạch số {number} ra A4: {len(pages)} trang, PDF {len(data) / 1000:.0f} kB (ngưỡng {MAX_PAGES} trang)")
    for what, text in (("số hiệu", number), ("cơ quan ban hành", issuer), ("ngày ban hành", issued), ("đơn vị", unit)):
        assert squash(text) in first, f"{number}: trang 1 của bản in thiếu {what} «{text}»:\n{first[:600]}"
    # Targets print as a table: its header row, then the indicators.
    assert squash("Chỉ tiêu Mục tiêu Kết quả Đánh giá") in everything, f"{number}: bản in không có bảng chỉ tiêu"
    leaked = [text for text in CHROME if squash(text) in everything]
    assert not leaked, f"{number}: bản in còn chữ của đầu trang, điều hướng hay tìm kiếm: {leaked}"
    address = "https://example.github.io" + site_prefix() + path
    assert address in pages[-1], f"{number}: trang cuối của bản in thiếu địa chỉ {address}:\n{pages[-1][-300:]}"
    assert len(pages) <= MAX_PAGES, f"{number}: bản in dài {len(pages)} trang A4 (tối đa {MAX_PAGES})"
