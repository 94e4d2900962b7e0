"""The search filter by province follows the 2025 mergers, in real headless Chromium.

A commune of former tỉnh Hà Giang is found under tỉnh Tuyên Quang, the
province it belongs to today, and its result says which former unit it came
from; the former province stays selectable on its own, marked as former.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect

from conftest import build_site, serve
from lineage_portal import VIET_LAM_NEWS, build_portal

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DONE = re.compile(r"^(Có \d+ kết quả|Không tìm thấy)")


@pytest.fixture(scope="module")
def merger_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = build_portal(tmp_path_factory.mktemp("merger") / "cong")
    site = tmp_path_factory.mktemp("merger-site")
    build_site(root, site)
    url, server = serve(site)
    yield url
    server.shutdown()


@pytest.fixture
def tab(browser, merger_url: str) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def results(page: Page, base: str, query: str, province: str) -> dict[str, tuple[str, str]]:
    """Search ``query`` filtered by ``province``: title -> (label line, former-unit line)."""
    page.goto(base + "tim-kiem/")
    page.select_option("select[name=tinh]", province)
    page.fill("#pt-q", query)
    expect(page.locator(".pt-search-page__status")).to_have_text(DONE, timeout=10_000)
    found = {}
    for item in page.locator(".pt-results > li").all():
        former = item.locator(".pt-result__former")
        found[item.locator(".pt-result__title").inner_text()] = (
            item.locator(".pt-result__meta").inner_text(), former.inner_text() if former.count() else "")
    return found


def test_commune_of_former_ha_giang_is_found_under_tuyen_quang(tab: Page, merger_url: str) -> None:
    found = results(tab, merger_url, "trung thu", "tỉnh Tuyên Quang")
    assert VIET_LAM_NEWS in found
    meta, former = found[VIET_LAM_NEWS]
    assert meta.startswith("xã Việt Lâm, huyện Vị Xuyên, tỉnh Hà Giang · Tin tức")
    assert former == "Đơn vị cũ: xã Việt Lâm (đến 30/06/2025), nay thuộc xã Vị Xuyên, tỉnh Tuyên Quang"
    # Nothing of another province slips in: Kiên Giang's and An Giang's Trung thu news stay out.
    assert all("Giang" not in meta or "Hà Giang" in meta for meta, _ in found.values())


def test_former_kien_giang_found_under_an_giang_and_on_its_own(tab: Page, merger_url: str) -> None:
    under_new = results(tab, merger_url, "thang hanh dong", "tỉnh An Giang")
    kien_giang = [title for title, (meta, _) in under_new.items() if meta.startswith("tỉnh Kiên Giang")]
    assert kien_giang, under_new
    assert all(under_new[t][1] == "Đơn vị cũ: tỉnh Kiên Giang (đến 30/06/2025), nay thuộc tỉnh An Giang" for t in kien_giang)
    only_old = results(tab, merger_url, "thang hanh dong", "tỉnh Kiên Giang")
    assert set(only_old) == set(kien_giang)


def test_filter_list_separates_current_and_former_provinces(tab: Page, merger_url: str) -> None:
    tab.goto(merger_url + "tim-kiem/")
    current = tab.locator('#pt-filter-province optgroup[label="Tỉnh, thành phố hiện nay"] option')
    former = tab.locator('#pt-filter-province optgroup[label="Tỉnh, thành phố cũ (trước sắp xếp)"] option')
    expect(current).to_contain_text(["tỉnh An Giang (gồm cả tỉnh Kiên Giang cũ)"])
    expect(former).to_have_text([
        "tỉnh Hà Giang (cũ, đến 30/06/2025, nay thuộc tỉnh Tuyên Quang)",
        "tỉnh Kiên Giang (cũ, đến 30/06/2025, nay thuộc tỉnh An Giang)",
        "tỉnh Quảng Nam (cũ, đến 30/06/2025, nay thuộc thành phố Đà Nẵng)",
    ])
    # The choice travels in the address, so a filtered search can be sent to someone else.
    tab.select_option("select[name=tinh]", "tỉnh Tuyên Quang")
    tab.fill("#pt-q", "trung thu")
    tab.press("#pt-q", "Enter")
    expect(tab.locator(".pt-search-page__status")).to_have_text(DONE, timeout=10_000)
    assert "tinh=t%E1%BB%89nh+Tuy%C3%AAn+Quang" in tab.url or "tinh=t%E1%BB%89nh%20Tuy%C3%AAn%20Quang" in tab.url
    expect(tab.locator(".pt-result__title", has_text=VIET_LAM_NEWS)).to_have_count(1)


def test_unit_filter_box_marks_former_units(tab: Page, merger_url: str) -> None:
    tab.goto(merger_url + "don-vi/")
    tab.fill("#pt-unit-filter", "viet lam")
    item = tab.locator("#pt-unit-matches li")
    expect(item).to_have_count(1)
    expect(item.locator("a")).to_have_text("xã Việt Lâm, huyện Vị Xuyên, tỉnh Hà Giang")
    expect(item.locator(".pt-former")).to_have_text(
        " — đơn vị cũ: xã Việt Lâm (đến 30/06/2025), nay thuộc xã Vị Xuyên, tỉnh Tuyên Quang")
    tab.fill("#pt-unit-filter", "tuyen quang")
    expect(tab.locator("#pt-unit-matches li").first).not_to_contain_text("đơn vị cũ")
