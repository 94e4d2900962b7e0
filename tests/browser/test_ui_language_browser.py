"""The strings scripts add at run time are Vietnamese too: Material's (copy button, its
confirmation, back-to-top) and the portal's (search box, results, suggestions, unit filter).

The page's DOM is read after the scripts ran, and after the interactions that
make them speak; the same word list as the static scan (tests/ui_language.py).
"""

from __future__ import annotations

import pytest
from page_kinds import PAGES, open_page
from playwright.sync_api import expect
from ui_language import english_words, quoted

pytestmark = pytest.mark.browser

# Every text node and spoken or shown attribute, outside code and other content elements.
READABLE = """() => {
  const skip = 'code, pre, kbd, samp, script, style, template, svg, noscript';
  const out = [['<title>', document.title]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(skip) || !node.textContent.trim()) continue;
    out.push(['<' + node.parentElement.tagName.toLowerCase() + '>', node.textContent]);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description], input[value], button[value]')) {
    if (el.closest(skip)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'value']) {
      if (name === 'value' && el.type === 'hidden') continue;
      const value = el.getAttribute(name);
      if (value) out.push(['<' + el.tagName.toLowerCase() + ' ' + name + '>', value]);
    }
  }
  return out;
}"""


def english_on(page, path: str) -> list[str]:
    found = []
    for where, text in page.evaluate(READABLE):
        words = [w for w in english_words(text) if not quoted(path, w)]
        if words:
            found.append(f"{where} «{' '.join(text.split())[:80]}»: {', '.join(words)}")
    return found


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_after_scripts(context, sample_url: str, kind: str) -> None:
    page = open_page(context, sample_url, PAGES[kind])
    try:
        found = english_on(page, PAGES[kind])
        assert not found, f"{kind}: chữ tiếng Anh sau khi chạy script:\n" + "\n".join(found)
    finally:
        page.close()


def test_search_box_speaks_vietnamese(context, sample_url: str) -> None:
    page = open_page(context, sample_url, "")
    try:
        box = page.locator("#pt-search-input")
        status = page.locator("#pt-search-panel .pt-search__status")
        for query, expected in (("duoi nuoc", "kết quả cho «duoi nuoc»"), ("tet trug thu", "Có phải bạn muốn tìm"),
                                ("zzqxw", "Không tìm thấy kết quả nào")):
            box.fill(query)
            expect(status).to_contain_text(expected, timeout=10_000)
            found = english_on(page, "")
            assert not found, f"«{query}»: chữ tiếng Anh trong ô tìm kiếm:\n" + "\n".join(found)
    finally:
        page.close()


def test_code_copy_button_and_back_to_top(context, sample_url: str) -> None:
    page = open_page(context, sample_url, "huong-dan/don-vi/")
    try:
        button = page.locator(".md-code__button[data-md-type=copy]").first
        expect(button).to_have_attribute("title", "Sao chép")
        button.click()
        expect(page.locator(".md-dialog")).to_contain_text("Đã sao chép")
        # Material shows its back-to-top button while the reader scrolls back up.
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -400)
        top = page.locator(".md-top")
        expect(top).to_be_visible()
        expect(top).to_contain_text("Lên đầu trang")
        found = english_on(page, "huong-dan/don-vi/")
        assert not found, "chữ tiếng Anh sau khi sao chép, cuộn:\n" + "\n".join(found)
    finally:
        page.close()


def test_unit_filter_speaks_vietnamese(context, sample_url: str) -> None:
    page = open_page(context, sample_url, PAGES["danh sách đơn vị"])
    try:
        page.locator(".pt-filter input").fill("giang")
        expect(page.locator(".pt-unit-matches li").first).to_be_visible(timeout=10_000)
        found = english_on(page, PAGES["danh sách đơn vị"])
        assert not found, "chữ tiếng Anh trong ô lọc đơn vị:\n" + "\n".join(found)
    finally:
        page.close()
