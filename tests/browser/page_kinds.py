"""One page of every kind of the sample portal, shared by the browser audits."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PAGES: dict[str, str] = {
    "trang chủ": "",
    "danh sách đơn vị": "don-vi/",
    "tỉnh": "don-vi/thanh-hoa/",
    "huyện": "don-vi/thanh-hoa/ha-trung/",
    "xã": "don-vi/thanh-hoa/ha-trung/ha-giang/",
    "kế hoạch": "don-vi/thanh-hoa/ha-trung/ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em/",
    "tin": "don-vi/ha-noi/long-bien/2020-10-vui-tet-trung-thu-mau/",
    "báo cáo": "don-vi/ha-noi/long-bien/2020-bao-cao-ket-qua-mau/",
    "tin tức": "tin-tuc/",
    "lịch năm": "lich/2023/",
    "chiến dịch": "tin-tuc/thang-hanh-dong/2023/",
    "chỉ tiêu": "chi-tieu/",
    "chỉ tiêu một năm": "chi-tieu/nam-2023/",
    "chỉ tiêu một đơn vị": "chi-tieu/don-vi/thanh-hoa/ha-trung/ha-giang/",
    "một chỉ tiêu": "chi-tieu/tre-em-hcdb-duoc-tro-giup/",
    "tìm kiếm có kết quả": "tim-kiem/?q=duoi+nuoc",
    "tìm kiếm không kết quả": "tim-kiem/?q=zzqxw",
    "hướng dẫn": "huong-dan/",
    "hướng dẫn tham chiếu": "huong-dan/tham-chieu/",
    "dữ liệu mở": "du-lieu/",
    "404": "404.html",
}
"""Page kind (as a reader would name it) -> path under the site root."""


SITE_PREFIX = "/cong-tre-em/"
"""Path of site_url (mkdocs.yml): the 404 page links its assets absolutely under it."""


def open_page(context, base_url: str, path: str):
    """A new page of ``context`` showing ``path``, the site served at ``base_url``."""
    # The 404 page is served for any missing URL, so its links are absolute
    # (site_url's path); the test server serves the site at its root.
    context.route(f"**{SITE_PREFIX}**", lambda route: route.continue_(url=route.request.url.replace(SITE_PREFIX, "/", 1)))
    page = context.new_page()
    page.goto(base_url + path)
    settle(page)
    return page


def settle(page) -> None:
    """Wait until the portal's scripts have filled the page (search results, charts)."""
    page.wait_for_load_state("load")
    if "tim-kiem" in page.url:
        # "Đang tìm…" is shown while the index loads: wait for the count (or
        # the empty state), which search.js writes once results are on the page.
        page.wait_for_function(
            """() => { const s = document.querySelector('.pt-search-page__status');
                       const text = s ? s.textContent.trim() : '';
                       return text.length > 0 && !text.startsWith('Đang tìm') }""",
            timeout=10_000,
        )
