"""Unit pages, the units index, same-named units, mergers and the plan cascade."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import ROOT, parse, text_of
from portal import paths
from portal.content.check import check_portal

pytestmark = pytest.mark.slow


def unit_tree(site: Path, unit_path: str):
    return parse(site / paths.unit_page(unit_path) / "index.html")


def test_breadcrumbs_title_and_parents(sample_site: Path) -> None:
    tree = unit_tree(sample_site, "thanh-hoa/ha-trung/ha-giang")
    assert text_of(tree.xpath("//article//h1")[0]) == "xã Hà Giang"
    assert [text_of(a) for a in tree.xpath("//nav[@class='pt-crumbs']//a")] == ["Đơn vị", "tỉnh Thanh Hóa", "huyện Hà Trung"]
    assert "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa" in text_of(tree.xpath("//p[@class='pt-lead']")[0])
    assert tree.xpath("//article//a[@href='tel:111']")
    title = text_of(tree.xpath("//title")[0])
    assert title.startswith("xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa")


def test_same_named_units_have_distinct_labelled_pages(sample_site: Path) -> None:
    commune = unit_tree(sample_site, "thanh-hoa/ha-trung/ha-giang")
    province = unit_tree(sample_site, "ha-giang")
    assert text_of(province.xpath("//article//h1")[0]) == "tỉnh Hà Giang"
    assert text_of(commune.xpath("//article//h1")[0]) == "xã Hà Giang"
    assert text_of(province.xpath("//title")[0]) != text_of(commune.xpath("//title")[0])
    index = parse(sample_site / "don-vi/index.html")
    labels = [text_of(a) for a in index.xpath("//ul[@class='pt-tree']//a")]
    assert labels.count("tỉnh Hà Giang") == 1 and labels.count("xã Hà Giang") == 1


def test_children_with_counts(sample_site: Path) -> None:
    tree = unit_tree(sample_site, "thanh-hoa")
    items = tree.xpath("//section[h2[@id='don-vi-truc-thuoc']]/ul[@class='pt-children']/li")
    assert [text_of(li.xpath("a")[0]) for li in items] == ["huyện Hà Trung"]
    # The level below is listed under its district, so a commune is two taps from the province.
    grandchildren = items[0].xpath("ul[@class='pt-grandchildren']/li/a")
    assert [text_of(a) for a in grandchildren] == ["xã Hà Giang"]
    report = check_portal(ROOT)
    below = [d for d in report.portal.documents if d.unit.startswith("thanh-hoa/ha-trung")]
    assert f"{len(below)} văn bản" in text_of(items[0])


def test_merger_notice_links_both_ways(sample_site: Path) -> None:
    old = unit_tree(sample_site, "kien-giang")
    notice = text_of(old.xpath("//div[@class='pt-history']")[0])
    assert "Từ 01/7/2025 sáp nhập vào tỉnh An Giang" in notice
    assert old.xpath("//div[@class='pt-history']//a/@href") == ["../an-giang/"]
    # Its documents stay where they were published.
    assert old.xpath("//section[h2[@id='ke-hoach']]//a[contains(@href, '2023-ke-hoach-35')]")
    new = unit_tree(sample_site, "an-giang")
    back = text_of(new.xpath("//div[@class='pt-history']")[0])
    assert "tỉnh Kiên Giang" in back and "30/06/2025" in back
    assert "../kien-giang/" in new.xpath("//div[@class='pt-history']//a/@href")


def test_plan_cascade_links_up_and_down(sample_site: Path) -> None:
    commune_plan = parse(sample_site / "don-vi/thanh-hoa/ha-trung/ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em/index.html")
    up = commune_plan.xpath("//section[h2[@id='thuc-hien']]//li")
    links = [li.xpath(".//a/@href") for li in up]
    # The upper plan comes first, then its issuer's unit page.
    assert ["../../2023-ke-hoach-73/", "../../"] in links
    # The provincial decision is not in the portal: shown as such, not linked.
    external = [text_of(li) for li in up if not li.xpath(".//a")]
    assert external and "305/QĐ-SLĐTBXH" in external[0] and "chưa có trên cổng thông tin" in external[0]

    district_plan = parse(sample_site / "don-vi/thanh-hoa/ha-trung/2023-ke-hoach-73/index.html")
    down = district_plan.xpath("//section[h2[@id='duoc-thuc-hien']]//a/@href")
    assert down == ["../ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em/"]

    district = unit_tree(sample_site, "thanh-hoa/ha-trung")
    levels = district.xpath("//section[h2[@id='ke-hoach-cac-cap']]/ol/li")
    assert "Kế hoạch năm 2023 qua các cấp" in text_of(district.xpath("//h2[@id='ke-hoach-cac-cap']")[0])
    assert [text_of(li.xpath("span")[0]) for li in levels] == ["huyện Hà Trung", "Cấp dưới"]


def test_plans_grouped_by_year_newest_first(sample_site: Path) -> None:
    tree = unit_tree(sample_site, "ha-noi/long-bien")
    years = [text_of(h) for h in tree.xpath("//section[h2[@id='ke-hoach']]/h3")]
    assert years == sorted(years, reverse=True) and years


def test_every_unit_within_three_clicks_of_home(sample_site: Path) -> None:
    units = {paths.unit_page(u.path) for u in check_portal(ROOT).portal.units}
    base = "http://portal.test/"
    depth = {"": 0}
    queue = deque([""])
    while queue:
        page = queue.popleft()
        if depth[page] == 3:
            continue
        tree = parse(sample_site / page / "index.html")
        for href in tree.xpath("//a/@href"):
            target = urljoin(base + page, href)
            if not target.startswith(base) or urlparse(target).fragment:
                continue
            path = urlparse(target).path[1:]
            if path.endswith("/") and path not in depth and (sample_site / path / "index.html").is_file():
                depth[path] = depth[page] + 1
                queue.append(path)
    unreached = units - set(depth)
    assert not unreached


def test_unit_list_for_filter(sample_site: Path) -> None:
    import json

    rows = json.loads((sample_site / "don-vi/don-vi.json").read_text(encoding="utf-8"))
    by_path = {row[0]: row for row in rows}
    # A former unit says so in the filter list (issue 20), and where its land went.
    assert by_path["thanh-hoa/ha-trung/ha-giang"] == ["thanh-hoa/ha-trung/ha-giang", "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa",
                                                     "đơn vị cũ: xã Hà Giang (đến 30/06/2025), nay thuộc tỉnh Thanh Hóa"]
    assert by_path["thanh-hoa"] == ["thanh-hoa", "tỉnh Thanh Hóa"]
    assert set(by_path) == {u.path for u in check_portal(ROOT).portal.units}
