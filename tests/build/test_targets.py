"""Target summaries: shares computed on small synthetic portals, pages built from the sample."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin
import xml.etree.ElementTree as ET

import pytest
from lxml import html as lxml_html

from conftest import ROOT, parse, text_of
from portal import paths
from portal.content.check import check_portal
from portal.model.index import PortalIndex
from portal.model.records import Document, Indicator, Portal, PrivacyAllow, Reference, Result, Target, Unit
from portal.output.pages import targets as target_pages
from portal.model.site import Context, Settings
from portal.derive.summaries import Share, all_rows, split, year_summary
from portal.model.values import Status, parse_value

SVG = "{http://www.w3.org/2000/svg}"

# ------------------------------------------------------------ synthetic portals

INDICATORS = (
    Indicator("tro-giup", "Trẻ em được trợ giúp", "percent", "higher"),
    Indicator("phu-hop", "Xã phù hợp với trẻ em", "ratio", "higher"),
    Indicator("suy-dinh-duong", "Suy dinh dưỡng", "percent", "lower"),
)


def _unit(path: str, level: str) -> Unit:
    return Unit(path, path.rsplit("/", 1)[-1].upper(), level, f"plans/{path}/_unit.yml")


def _plan(unit: str, year: int, targets: dict[str, str], slug: str | None = None) -> Document:
    slug = slug or f"{year}-ke-hoach"
    return Document(
        "plan", unit, slug, f"plans/{unit}/{slug}.md", f"Kế hoạch {year} của {unit}", year, "", 1,
        number=f"{year}-{unit}/KH",
        targets=tuple(Target(i, parse_value(v)) for i, v in targets.items()),
    )


def _report(plan: Document, results: dict[str, str]) -> Document:
    slug = f"{plan.year}-bao-cao"
    return Document(
        "report", plan.unit, slug, f"plans/{plan.unit}/{slug}.md", "Báo cáo", plan.year, "", 1,
        issued=None, plan=Reference(document=plan.slug),
        results=tuple(Result(i, parse_value(v)) for i, v in results.items()),
    )


def _portal(units: list[Unit], documents: list[Document]) -> Portal:
    return Portal(tuple(sorted(units, key=lambda u: u.path)), tuple(sorted(documents, key=lambda d: d.source)),
                  (), INDICATORS, PrivacyAllow())


def test_year_share_overall_and_per_province() -> None:
    a_plan = _plan("tinh-a/xa-1", 2024, {"tro-giup": "100%", "phu-hop": "14/14", "suy-dinh-duong": "tăng dần"})
    b_plan = _plan("tinh-b", 2024, {"tro-giup": "trên 80%", "suy-dinh-duong": "dưới 7,5%"})
    older = _plan("tinh-a/xa-1", 2023, {"tro-giup": "100%"})
    portal = _portal(
        [_unit("tinh-a", "tinh"), _unit("tinh-a/xa-1", "xa"), _unit("tinh-b", "tinh")],
        [a_plan, b_plan, older,
         _report(a_plan, {"tro-giup": "100%", "phu-hop": "13/14", "suy-dinh-duong": "giảm"}),
         _report(b_plan, {"tro-giup": "80%"})],
    )
    index = PortalIndex(portal)
    summary = year_summary(index, all_rows(index), 2024)
    # A: 100% met, 13/14 short of 14/14, "tăng dần" against "giảm": no number on either side.
    # B: 80% meets "trên 80%" (the bound counts), the stunting target has no report yet.
    assert summary.overall == Share(met=2, not_met=1, no_report=1, not_measurable=1)
    assert summary.overall.percent(Status.MET) == pytest.approx(40.0)
    assert [(u.path, s) for u, s in summary.provinces] == [
        ("tinh-a", Share(met=1, not_met=1, not_measurable=1)),
        ("tinh-b", Share(met=1, no_report=1)),
    ]
    assert dict(summary.indicators)["tro-giup"] == Share(met=2)
    # The 2023 plan has no report: it counts in its own year only.
    assert year_summary(index, all_rows(index), 2023).overall == Share(no_report=1)


def test_share_of_an_empty_year_is_zero_not_an_error() -> None:
    share = Share.of([])
    assert share.total == 0 and share.percent(Status.MET) == 0.0


def test_split_by_province_and_paginate_when_too_many_rows() -> None:
    units = [_unit("tinh-a", "tinh"), _unit("tinh-b", "tinh")]
    plans = []
    for province, communes in (("tinh-a", 5), ("tinh-b", 2)):
        for n in range(communes):
            units.append(_unit(f"{province}/xa-{n}", "xa"))
            plans.append(_plan(f"{province}/xa-{n}", 2024, {"tro-giup": "100%"}))
    index = PortalIndex(_portal(units, plans))
    rows = all_rows(index)
    assert [len(p.rows) for p in split(index, rows, limit=10)] == [7]
    pages = split(index, rows, limit=2)
    assert [(p.province.path, p.number, p.pages, len(p.rows)) for p in pages] == [
        ("tinh-a", 1, 3, 2), ("tinh-a", 2, 3, 2), ("tinh-a", 3, 3, 1), ("tinh-b", 1, 1, 2),
    ]
    assert [r for p in pages for r in p.rows] == rows  # nothing lost, order kept


def test_pages_stay_small_at_national_scale() -> None:
    """63 provinces, one with 400 communes: every summary page's body stays far below 100 KB."""
    units, plans = [], []
    for p in range(63):
        province = f"tinh-{p:02d}"
        units.append(_unit(province, "tinh"))
        for n in range(400 if p == 0 else 30):
            commune = f"{province}/xa-{n:03d}"
            units.append(_unit(commune, "xa"))
            for year in (2023, 2024):
                plans.append(_plan(commune, year, {"tro-giup": "100%", "phu-hop": "12/14", "suy-dinh-duong": "tăng dần"}))
    portal = _portal(units, plans)
    context = Context(portal, PortalIndex(portal), Settings("Cổng", None, None, dt.date(2024, 6, 1)))
    pages = list(target_pages.provide(context))
    assert len(plans) * 3 > 10_000  # really national scale: over 10,000 target rows
    sizes = {page.path: len(page.render(None).encode("utf-8")) for page in pages}
    # The theme's frame adds about 20 KB around the body.
    assert max(sizes.values()) < 80_000, max(sizes.items(), key=lambda kv: kv[1])
    # The big province is paginated; the overview links to every province.
    assert paths.indicator_province_page("tro-giup", "tinh-00", 8) in sizes
    overview = lxml_html.fromstring(next(p for p in pages if p.path == paths.indicator_page("tro-giup")).render(None))
    assert len(overview.xpath("//section[@aria-labelledby='theo-tinh']//tbody/tr")) == 63


# ------------------------------------------------------------ the sample, built

def _rows(tree: lxml_html.HtmlElement, section: str) -> list[list[str]]:
    return [[text_of(td) for td in tr.xpath("td|th")] for tr in tree.xpath(f"//section[@aria-labelledby='{section}']//table/tbody/tr")]


def _headers(tree: lxml_html.HtmlElement, section: str) -> list[str]:
    return [text_of(th) for th in tree.xpath(f"//section[@aria-labelledby='{section}']//table/thead//th")]


def _svg(tree: lxml_html.HtmlElement) -> ET.Element:
    markup = lxml_html.tostring(tree.xpath("//figure[@class='pt-figure']/svg")[0], encoding="unicode")
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1) if "xmlns=" not in markup else markup)


@pytest.mark.slow
def test_long_bien_ratio_target_not_met_with_its_ratio(sample_site: Path) -> None:
    tree = parse(sample_site / "chi-tieu/xa-phuong-phu-hop-tre-em/index.html")
    headers = _headers(tree, "bang")
    rows = {r[0]: dict(zip(headers, r)) for r in _rows(tree, "bang")}
    row = rows["quận Long Biên, thành phố Hà Nội"]
    assert row["Năm"] == "2020"
    assert row["Mục tiêu"] == "14/14"
    assert row["Kết quả"].startswith("13/14")
    assert row["Tỷ lệ đạt"] == "92,86%"
    assert row["Đánh giá"].endswith("Chưa đạt")


@pytest.mark.slow
def test_percent_target_met_and_unreported_targets(sample_site: Path) -> None:
    tree = parse(sample_site / "chi-tieu/tre-em-hcdb-duoc-tro-giup/index.html")
    headers = _headers(tree, "bang")
    rows = {(r[0], r[1]): dict(zip(headers, r)) for r in _rows(tree, "bang")}
    long_bien = rows[("quận Long Biên, thành phố Hà Nội", "2020")]
    assert (long_bien["Mục tiêu"], long_bien["Đánh giá"]) == ("100%", "✔ Đạt")
    assert rows[("tỉnh Quảng Nam", "2022")]["Đánh giá"].endswith("Chưa có báo cáo")
    # Every plan target of this indicator in the content has its row.
    portal = check_portal(ROOT).portal
    wanted = sum(1 for d in portal.documents if d.kind == "plan" for t in d.targets if t.indicator == "tre-em-hcdb-duoc-tro-giup")
    assert len(rows) == wanted


@pytest.mark.slow
def test_target_without_number_is_in_the_table_but_not_in_the_chart(sample_site: Path) -> None:
    tree = parse(sample_site / "chi-tieu/xa-phuong-phu-hop-tre-em/index.html")
    table = {r[0]: r for r in _rows(tree, "bang")}
    ha_giang = table["xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa"]
    assert "duy trì" in ha_giang
    svg = _svg(tree)
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert not any("duy trì" in t or "Hà Giang" in t for t in texts)
    # The charted numbers are the table's numbers.
    assert "Mục tiêu: 14/14" in texts and "Kết quả: 13/14 (92,86%)" in texts


@pytest.mark.slow
def test_year_page_share_met(sample_site: Path) -> None:
    tree = parse(sample_site / "chi-tieu/nam-2020/index.html")
    headers = _headers(tree, "theo-tinh")
    rows = {r[0]: dict(zip(headers, r)) for r in _rows(tree, "theo-tinh")}
    # Long Biên 2020: 100% met, 13/14 not met, 92% against "ít nhất 90%" met.
    hanoi = rows["thành phố Hà Nội"]
    assert (hanoi["Số chỉ tiêu"], hanoi["Đạt"], hanoi["Chưa đạt"], hanoi["Chưa có báo cáo"]) == ("3", "2 (66,7%)", "1 (33,3%)", "0 (0%)")
    total = [text_of(c) for c in tree.xpath("//section[@aria-labelledby='theo-tinh']//tfoot/tr/*")]
    assert total[:3] == ["Toàn bộ", "3", "2 (66,7%)"]
    texts = [t.text for t in _svg(tree).iter(f"{SVG}text")]
    assert "Đạt 2 (66,7%) · Chưa đạt 1 (33,3%)" in texts


def _resolve(page: str, href: str) -> str:
    return urljoin("http://s/" + page, href)[len("http://s/"):]


@pytest.mark.slow
def test_unit_page_and_unit_targets_page_link_both_ways(sample_site: Path) -> None:
    unit_page, targets_page = paths.unit_page("ha-noi/long-bien"), paths.unit_targets_page("ha-noi/long-bien")
    unit_tree = parse(sample_site / unit_page / "index.html")
    assert targets_page in {_resolve(unit_page, h) for h in unit_tree.xpath("//article//a/@href")}
    tree = parse(sample_site / targets_page / "index.html")
    links = {_resolve(targets_page, h) for h in tree.xpath("//article//a/@href")}
    assert unit_page in links
    assert paths.indicator_page("xa-phuong-phu-hop-tre-em") in links
    headers = _headers(tree, "chi-tiet")
    rows = [dict(zip(headers, r)) for r in _rows(tree, "chi-tiet")]
    assert {r["Chỉ tiêu"]: r["Đánh giá"][2:] for r in rows} == {
        "Trẻ em có hoàn cảnh đặc biệt được bảo vệ, chăm sóc, trợ giúp": "Đạt",
        "Xã, phường, thị trấn đạt tiêu chuẩn phù hợp với trẻ em (số đơn vị)": "Chưa đạt",
        "Trẻ em tham gia các hoạt động cao điểm vì trẻ em": "Đạt",
    }
    # Every link of every summary page leads to a built page.
    for page in sample_site.glob("chi-tieu/**/index.html"):
        site_path = page.parent.relative_to(sample_site).as_posix() + "/"
        for href in parse(page).xpath("//article//a/@href | //article//script/@src"):
            target = _resolve(site_path, href)
            assert (sample_site / target).is_file() or (sample_site / target / "index.html").is_file(), (site_path, href)


@pytest.mark.slow
def test_tables_sort_in_a_phone_browser(sample_url: str, browser) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(sample_url + "chi-tieu/tre-em-hcdb-duoc-tro-giup/")
        table = page.locator("section[aria-labelledby=bang] table")
        years = lambda: table.locator("tbody tr td:nth-child(2)").all_inner_texts()  # noqa: E731
        assert years() == sorted(years())  # published order: by unit then year
        header = table.locator("thead th", has_text="Năm")
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "ascending"
        assert years() == sorted(years())
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "descending"
        assert years() == sorted(years(), reverse=True)
        status = table.locator("thead th", has_text="Đánh giá")
        status.locator("button").click()
        assert header.get_attribute("aria-sort") is None
        assert table.locator("tbody tr").first.locator("td").nth(4).inner_text().endswith("Đạt")
    finally:
        page.close()
