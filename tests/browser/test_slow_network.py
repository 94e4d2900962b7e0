"""Slow mobile networks: 400 kbit/s and 400 ms latency, emulated through Chromium's DevTools protocol."""

from __future__ import annotations

import pytest
from conftest import FIGURES
from gzip_server import serve_gzip
from page_kinds import PAGES

pytestmark = pytest.mark.browser

KBIT = 400
LATENCY_MS = 400
FCP_BUDGET_S = 3.0
SEARCH_BUDGET_BYTES = 150_000


@pytest.fixture(scope="module")
def host_url(sample_site):
    """The sample site served compressed, as every supported host serves it."""
    url, server = serve_gzip(sample_site)
    yield url
    server.shutdown()


def throttled(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS,
        "downloadThroughput": KBIT * 1000 / 8, "uploadThroughput": KBIT * 1000 / 8,
    })
    received: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    return context, page, received, urls


@pytest.mark.parametrize("kind", ["trang chủ", "kế hoạch"])
def test_first_contentful_paint(browser, host_url: str, kind: str) -> None:
    context, page, received, urls = throttled(browser)
    try:
        page.goto(host_url + PAGES[kind], wait_until="load", timeout=60_000)
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
        assert fcp is not None, f"{kind}: trình duyệt không ghi được FCP"
        seconds = fcp / 1000
        FIGURES.append(f"FCP {kind} ({PAGES[kind] or '/'}), {KBIT} kbit/s + {LATENCY_MS} ms: {seconds:.2f} s "
                       f"(ngưỡng {FCP_BUDGET_S} s; tải {sum(received.values()) / 1000:.1f} kB tới khi xong trang)")
        assert seconds <= FCP_BUDGET_S, f"{kind}: FCP {seconds:.2f} s > {FCP_BUDGET_S} s"
        remote = sorted({u for u in urls.values() if not u.startswith(host_url) and not u.startswith("data:")})
        assert not remote, f"{kind}: trang tải tài nguyên từ máy chủ khác: {remote}"
        fonts = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert not fonts, f"{kind}: trang tải phông chữ web {fonts}; cổng chỉ dùng phông của hệ thống"
    finally:
        context.close()


def test_search_usable_within_budget(browser, host_url: str) -> None:
    context, page, received, urls = throttled(browser)
    try:
        page.goto(host_url, wait_until="load", timeout=60_000)
        page.fill("#pt-search-input", "duoi nuoc")
        page.wait_for_selector("#pt-search-panel .pt-result a", timeout=60_000)
        total = sum(received.values())
        FIGURES.append(f"Tìm kiếm dùng được sau {total / 1000:.1f} kB ({len(received)} tệp, trang chủ + chỉ mục; "
                       f"ngưỡng {SEARCH_BUDGET_BYTES / 1000:.0f} kB)")
        assert total <= SEARCH_BUDGET_BYTES, f"tìm kiếm cần {total} byte > {SEARCH_BUDGET_BYTES}"
        assert "kết quả cho «duoi nuoc»" in page.locator("#pt-search-panel .pt-search__status").inner_text()
        assert page.locator("#pt-search-panel .pt-result a").count() > 0
    finally:
        context.close()
