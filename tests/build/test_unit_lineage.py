"""A unit's lineage on the site and in ``check``: validity and history always shown, former units
marked in every list, documents dated after their unit's end refused with the successor named."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, parse, text_of
from lineage_portal import TAN_LAP_PLAN, VIET_LAM_NEWS, build_portal
from portal import paths
from portal.content.check import check_portal

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lineage_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = build_portal(tmp_path_factory.mktemp("lineage") / "cong")
    site = tmp_path_factory.mktemp("lineage-site")
    build_site(root, site)
    return root, site


def by_class(tree, name: str, tag: str = "*") -> list:
    return tree.xpath(f'.//{tag}[contains(concat(" ", normalize-space(@class), " "), " {name} ")]')


def page_text(site: Path, unit_path: str) -> str:
    return text_of(parse(site / paths.unit_page(unit_path) / "index.html"))


def history_text(site: Path, unit_path: str) -> str:
    tree = parse(site / paths.unit_page(unit_path) / "index.html")
    return text_of(by_class(tree, "pt-history")[0])


def test_history_and_validity_are_shown_without_a_merger(lineage_site) -> None:
    _, site = lineage_site
    # Hà Nội has a history but no merger: it used to be hidden.
    assert "Thời gian tồn tại: đang hoạt động." in history_text(site, "ha-noi")
    assert "Thủ đô; không thuộc diện hợp nhất cấp tỉnh năm 2025." in history_text(site, "ha-noi")
    renamed = history_text(site, "thanh-hoa/tan-lap")
    assert "Thời gian tồn tại: từ 01/01/2019 đến 30/06/2025." in renamed
    assert "Từ 01/7/2025 đổi tên thành xã Minh Khai, tỉnh Thanh Hóa." in renamed
    assert "Đơn vị tiếp nhận xã Tân Lập, tỉnh Thanh Hóa (đến 30/06/2025)." in history_text(site, "thanh-hoa/minh-khai")


def test_merged_commune_names_its_successor_and_its_district_where_the_land_went(lineage_site) -> None:
    _, site = lineage_site
    commune = history_text(site, "ha-giang/vi-xuyen/viet-lam")
    assert "Từ 01/7/2025 sáp nhập vào xã Vị Xuyên, tỉnh Tuyên Quang." in commune
    assert "Từ ngày 01/7/2025 xã Việt Lâm được sắp xếp vào xã Vị Xuyên, tỉnh Tuyên Quang." in commune
    district = history_text(site, "ha-giang/vi-xuyen")
    assert "Đơn vị đã thôi tồn tại từ 01/7/2025; địa bàn nay thuộc tỉnh Tuyên Quang." in district
    successor = history_text(site, "tuyen-quang/vi-xuyen")
    assert "Đơn vị tiếp nhận xã Việt Lâm, huyện Vị Xuyên, tỉnh Hà Giang (đến 30/06/2025)." in successor


def test_former_units_are_marked_in_lists(lineage_site) -> None:
    _, site = lineage_site
    index = parse(site / paths.UNITS / "index.html")
    rows = {text_of(li.xpath(".//a")[0]): text_of(li) for li in index.xpath('//ul[@class="pt-tree"]//li')}
    assert "đơn vị cũ, đến 30/06/2025" in rows["tỉnh Hà Giang"]
    assert "đơn vị cũ" not in rows["tỉnh Tuyên Quang"].split("tỉnh Tuyên Quang", 1)[1].split("văn bản", 1)[0]
    children = text_of(parse(site / paths.unit_page("ha-giang") / "index.html").xpath('//ul[@class="pt-children"]')[0])
    assert "huyện Vị Xuyên 1 văn bản · đơn vị cũ, đến 30/06/2025" in children
    news = parse(site / "tin-tuc" / "index.html")
    item = next(li for li in by_class(news, "pt-news-item", "li") if VIET_LAM_NEWS in text_of(li))
    assert "xã Việt Lâm, huyện Vị Xuyên, tỉnh Hà Giang (đơn vị cũ)" in text_of(item)
    fresh = next(li for li in by_class(news, "pt-news-item", "li") if "An Giang" in text_of(li))
    assert "(đơn vị cũ)" not in text_of(fresh)


def test_filter_lists_mark_former_provinces(lineage_site) -> None:
    _, site = lineage_site
    search = parse(site / paths.SEARCH / "index.html")
    groups = {g.get("label"): [text_of(o) for o in g.xpath("option")] for g in search.xpath('//select[@id="pt-filter-province"]/optgroup')}
    assert "tỉnh Tuyên Quang (gồm cả tỉnh Hà Giang cũ)" in groups["Tỉnh, thành phố hiện nay"]
    assert "tỉnh Kiên Giang (cũ, đến 30/06/2025, nay thuộc tỉnh An Giang)" in groups["Tỉnh, thành phố cũ (trước sắp xếp)"]
    assert not any("Hà Giang (cũ" in o for o in groups["Tỉnh, thành phố hiện nay"])
    import json
    units = {row[0]: row[1:] for row in json.loads((site / paths.unit_list()).read_text(encoding="utf-8"))}
    assert units["ha-giang/vi-xuyen/viet-lam"] == ["xã Việt Lâm, huyện Vị Xuyên, tỉnh Hà Giang",
                                                  "đơn vị cũ: xã Việt Lâm (đến 30/06/2025), nay thuộc xã Vị Xuyên, tỉnh Tuyên Quang"]
    assert units["tuyen-quang"] == ["tỉnh Tuyên Quang"]


def write_doc(root: Path, unit: str, name: str, front: str) -> str:
    (root / "plans" / unit / name).write_text(f"---\n{front}---\n\nNội dung.\n", encoding="utf-8")
    return f"plans/{unit}/{name}"


def messages(root: Path, source: str) -> list[str]:
    return [str(p) for p in check_portal(root).problems if p.path == source]


def test_document_after_its_units_end_is_refused_naming_the_successor(lineage_site) -> None:
    root, _ = lineage_site
    source = write_doc(root, "ha-giang/vi-xuyen/viet-lam", "2025-10-trung-thu.md",
                       "kind: news\ntitle: Xã Việt Lâm vui Tết Trung thu năm 2025\ndate: 2025-10-06\n")
    try:
        found = messages(root, source)
        assert found == [
            f"{source}:4: date: xã Việt Lâm đã thôi tồn tại từ 1/7/2025, văn bản không thể đề ngày 06/10/2025; "
            "đơn vị kế thừa là xã Vị Xuyên, tỉnh Tuyên Quang (plans/tuyen-quang/vi-xuyen/): hãy đặt văn bản vào thư mục đó, "
            "ví dụ python -m portal new news --unit tuyen-quang/vi-xuyen; nếu ngày ghi nhầm, hãy sửa lại ngày"]
    finally:
        (root / source).unlink()


def test_end_inherited_from_the_province_and_plan_years(lineage_site) -> None:
    root, _ = lineage_site
    # The district has no valid_to of its own in this file's eyes: its province ended, Tuyên Quang took over.
    plan = write_doc(root, "ha-giang", "2026-ke-hoach-1.md",
                     "kind: plan\ntitle: Kế hoạch bảo vệ trẻ em năm 2026\nyear: 2026\nissuer: Ủy ban nhân dân tỉnh Hà Giang\n")
    news = write_doc(root, "thanh-hoa/ha-trung/ha-giang", "2025-08-tin.md",
                     "kind: news\ntitle: Xã Hà Giang tặng quà thiếu nhi\ndate: 2025-08\n")
    try:
        (found,) = messages(root, plan)
        assert "year: tỉnh Hà Giang đã thôi tồn tại từ 1/7/2025, văn bản không thể thuộc năm 2026" in found
        assert "đơn vị kế thừa là tỉnh Tuyên Quang (plans/tuyen-quang/)" in found
        (found,) = messages(root, news)
        assert "date: xã Hà Giang đã thôi tồn tại từ 1/7/2025, văn bản không thể đề ngày 8/2025" in found
        assert "đơn vị kế thừa là tỉnh Thanh Hóa (plans/thanh-hoa/)" in found
        assert "nếu xã, phường mới của bạn chưa có, tạo nó bằng python -m portal new unit --unit thanh-hoa/<ten-don-vi>" in found
    finally:
        (root / plan).unlink()
        (root / news).unlink()


def test_documents_within_validity_pass(lineage_site) -> None:
    root, site = lineage_site
    assert check_portal(root).problems == ()
    assert TAN_LAP_PLAN in page_text(site, "thanh-hoa/tan-lap")
