"""A search without results suggests the nearest spellings and the unit page they lead to (Chromium)."""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import quote

import pytest
from conftest import FIGURES
from gzip_server import serve_gzip
from playwright.sync_api import Page, expect

from portal.derive import search
from portal.derive.search_vocabulary import VOCABULARY

pytestmark = pytest.mark.browser

DONE = re.compile(r"^(Có \d+ kết quả|Không tìm thấy)")
NONE = re.compile(r"^Không tìm thấy kết quả nào")
VOCABULARY_URL = search.INDEX_DIR + VOCABULARY


@pytest.fixture(scope="module")
def host_url(sample_site):
    """Served compressed, as the hosts serve it: the bytes counted are those a reader downloads."""
    url, server = serve_gzip(sample_site)
    yield url
    server.shutdown()


@pytest.fixture
def page(browser, host_url: str) -> Iterator[Page]:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def results_page(page: Page, base: str, query: str) -> None:
    page.goto(base + "tim-kiem/?q=" + quote(query))
    expect(page.locator(".pt-search-page__status")).to_have_text(DONE, timeout=10_000)


@pytest.mark.parametrize(("typed", "suggested"), [("tet trug thu", "tet trung thu"), ("tết trug thu", "tết trung thu")])
def test_misspelt_query_suggests_a_spelling_that_finds(page: Page, host_url: str, typed: str, suggested: str) -> None:
    results_page(page, host_url, typed)
    status = page.locator(".pt-search-page__status")
    expect(status).to_have_text(NONE)
    # The status (read out by screen readers) says the suggestion too.
    expect(status).to_contain_text(f"Có phải bạn muốn tìm «{suggested}»?")
    links = page.locator(".pt-suggest .pt-suggest__query")
    expect(links.first).to_have_text(suggested)
    links.first.click()
    expect(status).to_have_text(re.compile(rf"^Có \d+ kết quả cho «{suggested}»"), timeout=10_000)
    assert "Tết Trung thu" in page.locator(".pt-results").inner_text()
    assert page.locator(".pt-suggest").count() == 0


@pytest.mark.parametrize(("typed", "unit", "path"), [
    ("ha gaing", "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa", "don-vi/thanh-hoa/ha-trung/ha-giang/"),
    ("lông bein", "quận Long Biên, thành phố Hà Nội", "don-vi/ha-noi/long-bien/"),
])
def test_misspelt_unit_name_links_the_unit_page(page: Page, host_url: str, typed: str, unit: str, path: str) -> None:
    page.goto(host_url)
    page.fill("#pt-search-input", typed)
    panel = page.locator("#pt-search-panel")
    expect(panel.locator(".pt-search__status")).to_have_text(NONE, timeout=10_000)
    expect(panel.locator(".pt-suggest__query").first).to_be_visible()
    link = panel.locator(".pt-suggest__unit", has_text=unit)
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url(host_url + path)
    expect(page.locator("h1")).to_contain_text(unit.split(",")[0].split(" ", 1)[1])


def test_suggestions_are_fetched_only_after_a_query_without_results(page: Page, host_url: str) -> None:
    fetched: dict[str, int] = {}
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: fetched.__setitem__(urls.get(e["requestId"], ""), int(e["encodedDataLength"])))
    page.goto(host_url)
    box = page.locator("#pt-search-input")
    status = page.locator("#pt-search-panel .pt-search__status")
    box.fill("duoi nuoc")
    expect(status).to_have_text(re.compile(r"^Có \d+ kết quả"), timeout=10_000)
    assert not [u for u in fetched if VOCABULARY in u], "tải danh sách gợi ý dù truy vấn có kết quả"
    before = set(fetched)
    box.fill("tet trug thu")
    expect(status).to_contain_text("Có phải bạn muốn tìm", timeout=10_000)
    added = {u: n for u, n in fetched.items() if u not in before}
    vocabulary = sum(n for u, n in added.items() if VOCABULARY in u)
    assert vocabulary, "không tải danh sách gợi ý"
    FIGURES.append(f"Gợi ý khi tìm không thấy («tet trug thu»): tải thêm {sum(added.values()) / 1000:.1f} kB "
                   f"({len(added)} tệp), trong đó danh sách từ {VOCABULARY} {vocabulary / 1000:.1f} kB nén")


def test_nothing_near_offers_the_unit_list(page: Page, host_url: str) -> None:
    results_page(page, host_url, "zzqxw")
    block = page.locator(".pt-suggest")
    expect(block).to_contain_text("danh sách đơn vị")
    assert block.locator("a").get_attribute("href").endswith("/don-vi/")


def test_suggestion_reached_with_the_keyboard(page: Page, host_url: str) -> None:
    page.goto(host_url)
    box = page.locator("#pt-search-input")
    box.fill("tet trug thu")
    expect(page.locator("#pt-search-panel .pt-search__status")).to_contain_text("Có phải bạn muốn tìm", timeout=10_000)
    box.press("ArrowDown")
    focused = page.evaluate("[document.activeElement.classList.contains('pt-suggest__query'), document.activeElement.textContent]")
    assert focused == [True, "tet trung thu"], focused
    page.keyboard.press("Enter")
    expect(page.locator(".pt-search-page__status")).to_have_text(re.compile(r"^Có \d+ kết quả cho «tet trung thu»"), timeout=10_000)
