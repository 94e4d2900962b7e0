"""Phones first: every page kind on a 360 x 740 screen, in real Chromium."""

from __future__ import annotations

import pytest
from page_kinds import PAGES, open_page

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}

# Controls a finger must hit: buttons, fields, disclosure buttons and links that
# stand alone. Links inside a sentence are exempt (WCAG 2.5.5, "inline").
SMALL_TARGETS = """() => {
  const out = [];
  const inline = (a) => {
    const block = a.closest('p, li, td, dd, dt, figcaption, h1, h2, h3, h4, span.pt-meta');
    if (!block) return false;
    return block.textContent.replace(/\\s+/g, '').length > a.textContent.replace(/\\s+/g, '').length + 3;
  };
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, label.md-header__button, label.md-icon')) {
    if (el.closest('.md-sidebar, .md-tabs, [hidden], .pt-visually-hidden')) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || style.display === 'none') continue;
    if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio') && style.opacity === '0') continue;
    if (el.tagName === 'A' && inline(el)) continue;
    if (box.height < 44 || (el.tagName !== 'A' && box.width < 44)) {
      out.push(`${el.tagName.toLowerCase()} «${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40)}» ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN")
    yield context
    context.close()


@pytest.mark.parametrize("kind", list(PAGES))
def test_fits_a_phone(phone, sample_url: str, kind: str) -> None:
    page = open_page(phone, sample_url, PAGES[kind])
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{kind}: trang rộng {width} px, cuộn ngang trên màn hình 360 px"
        sizes = page.evaluate("""() => [...document.querySelectorAll('article p:not(.pt-meta), article li, article td')]
            .filter(e => e.getClientRects().length && !e.closest('.pt-meta, .pt-crumbs, figcaption, .pt-tl__months'))
            .map(e => [parseFloat(getComputedStyle(e).fontSize), e.tagName.toLowerCase() + '.' + e.className + ' ' + e.textContent.trim().slice(0, 30)])""")
        assert sizes, f"{kind}: không có đoạn văn nào để đo"
        small_text = [f"{size} px: {what}" for size, what in sizes if size < 16]
        assert not small_text, f"{kind}: chữ nội dung nhỏ hơn 16 px:\n" + "\n".join(small_text[:8])
        small = page.evaluate(SMALL_TARGETS)
        assert not small, f"{kind}: vùng chạm nhỏ hơn 44 px:\n" + "\n".join(small)
    finally:
        page.close()


def test_wide_tables_scroll_in_their_own_box(phone, sample_url: str) -> None:
    page = open_page(phone, sample_url, PAGES["chỉ tiêu một năm"])
    try:
        boxes = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => {
            let box = t.parentElement; while (box && getComputedStyle(box).overflowX !== 'auto') box = box.parentElement;
            return {table: t.scrollWidth, box: box ? box.clientWidth : null};
        })""")
        assert boxes and any(b["table"] > 360 for b in boxes), boxes  # the page really has a wide table
        assert all(b["box"] is not None and b["box"] <= 360 for b in boxes), boxes
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        page.close()


@pytest.mark.parametrize("kind", ["trang chủ", "xã", "kế hoạch"])
def test_hotline_is_tappable_above_the_fold(phone, sample_url: str, kind: str) -> None:
    page = open_page(phone, sample_url, PAGES[kind])
    try:
        link = page.locator("a[href='tel:111']:visible").first
        box = link.bounding_box()
        assert box is not None, f"{kind}: không có số 111 bấm gọi được"
        assert box["y"] + box["height"] <= PHONE["height"], f"{kind}: số 111 nằm dưới màn hình đầu ({box['y']:.0f} px)"
        assert box["height"] >= 44
        assert "111" in link.inner_text()
    finally:
        page.close()


def test_latest_plan_of_a_commune_in_three_taps(phone, sample_url: str) -> None:
    """Home -> province -> commune -> its latest plan, each step a tap on a visible link."""
    page = open_page(phone, sample_url, "")
    try:
        steps = [
            ("a:text-is('tỉnh Thanh Hóa')", "**/don-vi/thanh-hoa/"),
            ("a:text-is('xã Hà Giang')", "**/don-vi/thanh-hoa/ha-trung/ha-giang/"),
            (".pt-latest a", "**/ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em/"),
        ]
        for selector, url in steps:
            target = page.locator(f"article {selector}").first
            target.scroll_into_view_if_needed()
            assert target.is_visible()
            target.tap()
            page.wait_for_url(url)
        assert "Kế hoạch" in page.locator("article h1").inner_text()
        assert page.locator("article").get_by_text("Số", exact=False).count() > 0
    finally:
        page.close()
