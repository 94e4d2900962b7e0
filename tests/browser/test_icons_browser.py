"""The chrome's icons, drawn from the sprite file, are painted in a real browser on phone and desktop."""

from __future__ import annotations

import pytest
from page_kinds import PAGES, open_page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

# Every visible icon of the chrome: its <use> has the size of the drawing it
# refers to once the sprite is loaded, and none when the sprite is missing or refused.
ICONS = """() => [...document.querySelectorAll('svg > use')]
    .filter(u => u.closest('svg').getClientRects().length)
    .map(u => [u.getAttribute('href'), Math.round(u.getBBox().width), u.closest('[class]').className])"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}], ids=["điện thoại", "máy tính"])
@pytest.mark.parametrize("kind", ["trang chủ", "xã", "kế hoạch", "hướng dẫn"])
def test_chrome_icons_are_drawn(browser, sample_url: str, kind: str, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = open_page(context, sample_url, PAGES[kind])
    try:
        try:
            # The sprite arrives after the page: wait for it to be drawn, then measure (a miss fails below).
            page.wait_for_function(f"() => ({ICONS})().every(icon => icon[1] > 0)", timeout=5_000)
        except PlaywrightTimeout:
            pass
        icons = page.evaluate(ICONS)
        # A phone shows the menu button and colour-scheme toggle, a desktop the logo and repository too.
        assert len(icons) >= 2, (kind, icons)
        undrawn = [icon for icon in icons if icon[1] <= 0]
        assert not undrawn, f"{kind}: biểu tượng không được vẽ: {undrawn}"
    finally:
        context.close()
