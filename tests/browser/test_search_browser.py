"""Search in a real browser: queries typed into the header box and the results page.

The built sample portal is served locally and driven in headless Chromium
(Debian's package), under the site's own Content-Security-Policy.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from portal.derive import search

pytestmark = pytest.mark.browser

ANGIANG_NEWS = "Tỉnh An Giang sau hợp nhất chuẩn bị Tết Trung thu cho trẻ em (tin mẫu minh họa)"
LONGBIEN_NEWS = "Long Biên tổ chức vui Tết Trung thu cho thiếu nhi (tin mẫu minh họa)"
KIENGIANG_PLAN = "Kế hoạch thực hiện công tác trẻ em năm 2023 trên địa bàn tỉnh Kiên Giang"
KIENGIANG_NEWS = "Kiên Giang phát động Tháng hành động vì trẻ em năm 2023 (tin mẫu minh họa)"
QUANGNAM_PLAN = "Kế hoạch triển khai thực hiện công tác trẻ em trên địa bàn tỉnh Quảng Nam năm 2022"
HAGIANG_NEWS = "Xã Hà Giang tổ chức Diễn đàn trẻ em (tin mẫu minh họa)"
HAGIANG_PLAN = "Kế hoạch thực hiện Chương trình công tác bảo vệ, chăm sóc trẻ em năm 2023 của xã Hà Giang"
LONGBIEN_PLAN = "Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn quận Long Biên năm 2020"
DONE = re.compile(r"^(Có \d+ kết quả|Không tìm thấy)")


@pytest.fixture
def page(browser, sample_url: str) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    # A policy violation or a script error would break search for real readers.
    assert errors == []


def results_page(page: Page, base: str, query: str, **filters: str) -> list[tuple[str, str, str]]:
    """Type ``query`` into the results page's box; every (title, label line, excerpt)."""
    page.goto(base + "tim-kiem/")
    for name, value in filters.items():
        page.select_option(f"select[name={name}]", value)
    page.fill("#pt-q", query)
    status = page.locator(".pt-search-page__status")
    expect(status).to_have_text(DONE, timeout=10_000)
    show_all(page)
    return rows(page, ".pt-results > li")


def show_all(page: Page) -> None:
    """Press "more" until the results page lists every result its status counts."""
    status = page.locator(".pt-search-page__status").inner_text()
    total = int(m.group(1)) if (m := re.match(r"Có (\d+)", status)) else 0
    items = page.locator(".pt-results > li")
    expect(items).to_have_count(min(total, 20))
    while (shown := items.count()) < total:
        page.click(".pt-results__more")
        expect(items).to_have_count(min(total, shown + 20))
    expect(page.locator(".pt-results__more")).to_be_hidden()


def rows(page: Page, selector: str) -> list[tuple[str, str, str]]:
    found = []
    for item in page.locator(selector).all():
        excerpt = item.locator(".pt-result__excerpt")
        found.append((item.locator(".pt-result__title").inner_text(), item.locator(".pt-result__meta").inner_text(),
                      excerpt.inner_text() if excerpt.count() else ""))
    return found


def titles(found: list[tuple[str, str, str]]) -> list[str]:
    return [title for title, _, _ in found]


@pytest.mark.parametrize("query", ["tre em", "trẻ em", "TRẺ EM"])
def test_children_with_or_without_diacritics(page: Page, sample_url: str, query: str) -> None:
    found = titles(results_page(page, sample_url, query))
    for title in (KIENGIANG_PLAN, QUANGNAM_PLAN, HAGIANG_PLAN, LONGBIEN_PLAN, HAGIANG_NEWS):
        assert title in found


def test_special_circumstances_without_diacritics(page: Page, sample_url: str) -> None:
    found = results_page(page, sample_url, "hoan canh dac biet")
    assert {QUANGNAM_PLAN, LONGBIEN_PLAN, KIENGIANG_PLAN} <= set(titles(found))
    # The excerpt shows the words as written, marked, not the folded index text.
    excerpts = " ".join(excerpt for _, _, excerpt in found)
    assert "hoàn cảnh đặc biệt" in excerpts and "⁂" not in excerpts


def test_drowning_typed_without_d_stroke(page: Page, sample_url: str) -> None:
    found = results_page(page, sample_url, "duoi nuoc")
    assert HAGIANG_NEWS in titles(found)
    hagiang = next(row for row in found if row[0] == HAGIANG_NEWS)
    assert "đuối nước" in hagiang[2]
    assert page.locator(".pt-results mark", has_text="đuối").count() >= 1


def test_dong_finds_dong_with_d_stroke(page: Page, sample_url: str) -> None:
    found = titles(results_page(page, sample_url, "dong"))
    # "nơi đông người" is written with đ: the folded key "dong" must find it.
    assert ANGIANG_NEWS in found


def test_dong_with_diacritics_ranks_exact_matches_first(page: Page, sample_url: str) -> None:
    typed = titles(results_page(page, sample_url, "Đông"))
    assert ANGIANG_NEWS in typed
    plain = titles(results_page(page, sample_url, "dong"))
    # Every page found by the folded query is found, and exact "đông" comes earlier.
    assert set(typed) == set(plain)
    assert typed.index(ANGIANG_NEWS) <= plain.index(ANGIANG_NEWS)
    assert typed.index(ANGIANG_NEWS) < 3


def test_ha_giang_finds_the_commune_and_the_province_labelled(page: Page, sample_url: str) -> None:
    found = results_page(page, sample_url, "ha giang")
    labels = [meta for _, meta, _ in found]
    assert any(meta.startswith("xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa · Đơn vị") for meta in labels)
    assert any(meta.startswith("tỉnh Hà Giang · Đơn vị") for meta in labels)
    assert HAGIANG_PLAN in titles(found)


def test_mid_autumn(page: Page, sample_url: str) -> None:
    found = titles(results_page(page, sample_url, "trung thu"))
    assert {ANGIANG_NEWS, LONGBIEN_NEWS} <= set(found)


@pytest.mark.parametrize("query", ["35/KH-BCĐ", "35/kh-bcd", "35 KH BCD"])
def test_document_number_35(page: Page, sample_url: str, query: str) -> None:
    found = results_page(page, sample_url, query)
    assert KIENGIANG_PLAN in titles(found)[:3]
    plan = next(row for row in found if row[0] == KIENGIANG_PLAN)
    assert plan[1] == "tỉnh Kiên Giang · Kế hoạch · số 35/KH-BCĐ · năm 2023"


def test_document_number_2189(page: Page, sample_url: str) -> None:
    found = titles(results_page(page, sample_url, "2189"))
    assert found[0] == QUANGNAM_PLAN


def test_da_nang(page: Page, sample_url: str) -> None:
    found = results_page(page, sample_url, "da nang")
    assert any(title == "thành phố Đà Nẵng" for title, _, _ in found)


def test_filters_by_province_year_and_kind(page: Page, sample_url: str) -> None:
    everything = results_page(page, sample_url, "tre em")
    found = results_page(page, sample_url, "tre em", tinh="tỉnh Kiên Giang")
    assert found and len(found) < len(everything)
    assert all("tỉnh Kiên Giang" in meta for _, meta, _ in found)
    assert {KIENGIANG_PLAN, KIENGIANG_NEWS} <= set(titles(found))
    plans_2023 = results_page(page, sample_url, "tre em", nam="2023", loai="Kế hoạch")
    assert set(titles(plans_2023)) >= {KIENGIANG_PLAN, HAGIANG_PLAN}
    assert all(" · Kế hoạch · " in meta and meta.endswith("năm 2023") for _, meta, _ in plans_2023)
    # The filters are part of the link.
    assert "nam=2023" in page.url and "loai=" in page.url


def test_results_page_is_linkable(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "tim-kiem/?q=" + quote("ha giang") + "&tinh=" + quote("tỉnh Thanh Hóa"))
    expect(page.locator("#pt-q")).to_have_value("ha giang")
    expect(page.locator("#pt-filter-province")).to_have_value("tỉnh Thanh Hóa")
    expect(page.locator(".pt-search-page__status")).to_have_text(DONE, timeout=10_000)
    found = rows(page, ".pt-results > li")
    assert HAGIANG_PLAN in titles(found)
    assert all("tỉnh Thanh Hóa" in meta for _, meta, _ in found)


def test_header_box_downloads_nothing_before_typing_then_shows_results(page: Page, sample_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(sample_url + "don-vi/kien-giang/")
    box = page.get_by_role("search").get_by_label("Tìm kiếm kế hoạch, tin tức, đơn vị")
    expect(box).to_be_visible()
    assert not [url for url in requests if "/" + search.INDEX_DIR in url]
    box.type("duoi nuoc")
    expect(page.locator(".pt-search__status")).to_have_text(DONE, timeout=10_000)
    assert [url for url in requests if url.endswith("/" + search.MANIFEST)]
    header = rows(page, ".pt-search__list > li")
    assert HAGIANG_NEWS in titles(header)
    # Keyboard: arrow down reaches the results, Escape closes the panel.
    box.press("ArrowDown")
    expect(page.locator(".pt-search__list a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".pt-search__panel")).to_be_hidden()
    expect(box).to_be_focused()
    # Enter opens the linkable results page with the query.
    box.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=duoi"))
    expect(page.locator("#pt-q")).to_have_value("duoi nuoc")
    expect(page.locator(".pt-search-page__status")).to_have_text(DONE, timeout=10_000)
    assert HAGIANG_NEWS in titles(rows(page, ".pt-results > li"))


@pytest.mark.parametrize("query,expected", [
    ("ha giang", "tỉnh Hà Giang"), ("Đông", ANGIANG_NEWS), ("2189", QUANGNAM_PLAN), ("trung thu", LONGBIEN_NEWS),
])
def test_header_box_finds(page: Page, sample_url: str, query: str, expected: str) -> None:
    page.goto(sample_url)
    page.fill("header form[role=search] input[name=q]", query)
    expect(page.locator(".pt-search__status")).to_have_text(DONE, timeout=10_000)
    link = page.locator(".pt-search__list a", has_text=expected)
    if not link.count():
        # The box shows the first few; the full list is one click away.
        page.click(".pt-search__all")
        expect(page.locator(".pt-search-page__status")).to_have_text(DONE, timeout=10_000)
        show_all(page)
        link = page.locator(".pt-results a", has_text=expected)
    expect(link.first).to_be_visible()
    link.first.click()
    expect(page.locator("h1").first).to_have_text(expected)
