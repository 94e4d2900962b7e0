"""Year timelines: layout math, grouping, partial dates and the built pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import ROOT, parse, text_of
from portal import paths
from portal.derive import timeline
from portal.content.check import check_portal
from portal.model.dates import parse_partial, parse_span
from portal.model.index import PortalIndex
from portal.model.records import Activity, Document
from portal.output.pages import calendar as calendar_pages
from portal.model.site import Context, Deferred, Output, Page, Settings

PAGE_BUDGET = 100_000


# Layout math and labels


@pytest.mark.parametrize(("text", "label"), [
    ("2023-06-05", "05/06/2023"),
    ("2023-06", "tháng 6/2023"),
    ("2023", "năm 2023"),
])
def test_partial_label_never_invents_a_day(text: str, label: str) -> None:
    assert timeline.partial_label(parse_partial(text)) == label


@pytest.mark.parametrize(("text", "label"), [
    ("2022-06-01..2022-06-30", "01/06/2022–30/06/2022"),
    ("2023-03..2023-05", "tháng 3/2023–tháng 5/2023"),
    ("2023-06", "tháng 6/2023"),
])
def test_span_label(text: str, label: str) -> None:
    assert timeline.span_label(parse_span(text)) == label


def test_place_exact_day_month_and_year() -> None:
    day = timeline.place_span(parse_span("2024-09-17"), 2024)
    assert day == timeline.Bar(offset=260, length=1, year_days=366, exact=True)
    assert day.short
    month = timeline.place_span(parse_span("2023-06"), 2023)
    assert month == timeline.Bar(offset=151, length=30, year_days=365, exact=False)
    assert not month.short
    year = timeline.place_span(parse_span("2020"), 2020)
    assert (year.offset, year.length, year.year_days, year.exact) == (0, 366, 366, False)


def test_place_clips_spans_across_years() -> None:
    span = parse_span("2022-12-15..2023-02")
    assert timeline.place_span(span, 2022) == timeline.Bar(348, 17, 365, False)
    assert timeline.place_span(span, 2023) == timeline.Bar(0, 59, 365, False)
    assert timeline.place_span(span, 2024) is None


def test_lunar_and_occurrence_labels() -> None:
    portal = check_portal(ROOT).portal
    campaigns = {c.id: c for c in portal.campaigns}
    assert timeline.lunar_label(campaigns["tet-trung-thu"]) == "âm lịch 15/8"
    assert timeline.lunar_label(campaigns["tet-nguyen-dan"]) == "âm lịch 1/1–3/1"
    assert timeline.lunar_label(campaigns["thang-hanh-dong"]) is None
    o = timeline.overlapping(campaigns["tet-trung-thu"], 2024)
    assert timeline.occurrence_label(o) == "17/09/2024 (âm lịch 15/8)"
    o = timeline.overlapping(campaigns["tet-nguyen-dan"], 2024)
    assert timeline.occurrence_label(o) == "10/02–12/02/2024 (âm lịch 1/1–3/1)"


def test_build_groups_by_campaign_in_date_order() -> None:
    index = PortalIndex(check_portal(ROOT).portal)
    items = timeline.in_year(timeline.entries(index), 2023)
    tl = timeline.build(index, 2023, items)
    keys = [g.key for g in tl.groups]
    # Dated campaigns by date, then the one without fixed date, then the rest.
    assert keys[:4] == ["tet-nguyen-dan", "quoc-te-thieu-nhi", "thang-hanh-dong", "ngay-gia-dinh-viet-nam"]
    assert keys.index("tet-trung-thu") < keys.index("dien-dan-tre-em") < keys.index("")
    assert keys[-1] == ""
    groups = {g.key: g for g in tl.groups}
    assert sum(g.count for g in tl.groups) == len(items) == tl.rows_shown
    for g in tl.groups:
        assert all((r.entry.activity.campaign or "") == g.key for r in g.rows)
        dates = [r.entry.span.start.first_day for r in g.rows]
        assert dates == sorted(dates)
    assert groups["thang-hanh-dong"].theme == "Chung tay giảm thiểu tổn hại trẻ em"
    assert groups["dien-dan-tre-em"].head.bar is None
    assert groups[""].head is None and groups[""].title == "Hoạt động khác"


# The built sample


def article(path: Path) -> lxml_html.HtmlElement:
    return parse(path).xpath("//article")[0]


def rows_by_title(page: lxml_html.HtmlElement) -> dict[str, lxml_html.HtmlElement]:
    found = {}
    for row in page.xpath('.//li[@data-unit]'):
        found[text_of(row.xpath(".//a")[0])] = row
    return found


def group_of(row: lxml_html.HtmlElement) -> str:
    return row.xpath('ancestor::section[contains(@class, "pt-tl__group")]')[0].get("data-campaign")


@pytest.mark.slow
def test_index_of_years(sample_site: Path) -> None:
    page = article(sample_site / paths.CALENDAR / "index.html")
    links = {text_of(a): a.get("href") for a in page.xpath('.//ul[@class="pt-years"]//a')}
    for year in (2020, 2022, 2023, 2025):
        assert links[f"Năm {year}"] == f"{year}/"
        assert (sample_site / paths.year_calendar_page(year) / "index.html").is_file()
    stamp = (sample_site / paths.campaigns_ics()).read_text().split("DTSTAMP:")[1][:4]
    assert f"Năm {stamp}" in links  # the build year, even without content
    assert page.xpath('.//a[text()="Thêm vào lịch điện thoại"]')[0].get("href") == "chien-dich.ics"


@pytest.mark.slow
def test_year_2024_campaigns_with_vietnamese_lunar_dates(sample_site: Path) -> None:
    page = article(sample_site / paths.year_calendar_page(2024) / "index.html")
    heads = {
        g.get("data-campaign"): text_of(g.xpath('.//li[@class="pt-tl__campaign"]')[0])
        for g in page.xpath('.//section[contains(@class, "pt-tl__group")]')
    }
    assert heads["tet-nguyen-dan"].startswith("10/02–12/02/2024 (âm lịch 1/1–3/1) Tết Nguyên đán")
    assert heads["tet-trung-thu"].startswith("17/09/2024 (âm lịch 15/8) Tết Trung thu")
    assert heads["thang-hanh-dong"].startswith("01/06–30/06/2024 Tháng hành động vì trẻ em")
    assert "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em" in text_of(page)
    # The bar of Trung thu sits on day 261 of leap-year 2024.
    rect = page.xpath('.//section[@data-campaign="tet-trung-thu"]//svg/*[local-name()="rect"]')[0]
    assert (rect.get("x"), rect.get("width")) == ("260", "1")


@pytest.mark.slow
def test_year_2023_activities_grouped_with_partial_dates(sample_site: Path) -> None:
    page_path = sample_site / paths.year_calendar_page(2023) / "index.html"
    page = article(page_path)
    rows = rows_by_title(page)
    forum = rows["Diễn đàn trẻ em cấp tỉnh"]
    assert group_of(forum) == "dien-dan-tre-em"
    assert text_of(forum).startswith("tháng 6/2023 Diễn đàn trẻ em cấp tỉnh · tỉnh Kiên Giang")
    assert "01/06" not in text_of(forum)
    launch = rows["Lễ phát động Tháng hành động vì trẻ em cấp tỉnh"]
    assert group_of(launch) == "thang-hanh-dong"
    rect = launch.xpath('.//*[local-name()="rect"]')[0]
    assert rect.get("class") == "pt-tl__approx"
    assert (rect.get("x"), rect.get("width")) == ("151", "30")
    check = rows["Kiểm tra, đánh giá hiệu quả 06 mô hình công tác trẻ em tại xã, phường, thị trấn"]
    assert group_of(check) == ""
    assert text_of(check).startswith("tháng 3/2023")
    year_only = rows["Diễn đàn trẻ em các cấp"]
    assert text_of(year_only).startswith("năm 2023")
    assert "huyện Tây Giang, tỉnh Quảng Nam" in text_of(year_only)
    trung_thu = rows["Tết Trung thu cho thiếu nhi"]
    assert group_of(trung_thu) == "tet-trung-thu"
    assert text_of(trung_thu).startswith("29/09/2023")
    # Every activity links to its document, and the link resolves.
    for row in rows.values():
        href = row.xpath(".//a")[0].get("href")
        assert href.startswith("../../don-vi/")
        assert (page_path.parent / href / "index.html").resolve().is_file(), href
    # The unit filter lists provinces and units; it is revealed by the script.
    options = {o.get("value"): text_of(o) for o in page.xpath('.//select[@id="pt-cal-unit"]/option')}
    assert options["kien-giang"] == "tỉnh Kiên Giang (đơn vị cũ)"  # former units are marked (issue 20)
    assert options["quang-nam/tay-giang"].endswith("huyện Tây Giang, tỉnh Quảng Nam (đơn vị cũ)")
    assert {r.get("data-unit") for r in rows.values()} <= set(options)
    assert page.xpath('.//script/@src') == ["../../assets/calendar.js"]
    assert (sample_site / "assets/calendar.js").is_file()


@pytest.mark.slow
def test_calendar_pages_stay_small_and_script_free(sample_site: Path) -> None:
    pages = list((sample_site / paths.CALENDAR).rglob("index.html"))
    assert len(pages) >= 5
    for page in pages:
        data = page.read_bytes()
        assert len(data) < PAGE_BUDGET, page
        tree = lxml_html.fromstring(data)
        assert not tree.xpath('//article//*[@style]'), page
        assert all(s.get("src") for s in tree.xpath("//article//script")), page


@pytest.mark.slow
def test_unit_page_shows_own_timeline(sample_site: Path) -> None:
    unit_dir = sample_site / paths.unit_page("quang-nam/tay-giang")
    page = article(unit_dir / "index.html")
    section = page.xpath('.//section[@aria-labelledby="hoat-dong"]')[0]
    groups = [g.get("data-campaign") for g in section.xpath('.//section[contains(@class, "pt-tl__group")]')]
    assert groups == ["thang-hanh-dong", "tet-trung-thu", "dien-dan-tre-em"]
    rows = rows_by_title(section)
    assert text_of(rows["Tết Trung thu cho thiếu nhi"]).startswith("29/09/2023")
    assert "huyện Tây Giang" not in text_of(rows["Tết Trung thu cho thiếu nhi"])  # its own page: no unit label
    link = section.xpath('.//a[text()="Thêm vào lịch điện thoại"]')[0]
    assert link.get("href") == "lich.ics"
    assert (unit_dir / "lich.ics").is_file()


# National scale: a year with thousands of activities is split by province


def test_big_year_is_split_by_province() -> None:
    portal = check_portal(ROOT).portal
    units = [u for u in portal.units if u.valid_to is None][:4]
    docs = []
    for n, unit in enumerate(units):
        activities = tuple(
            Activity(
                # Some titles and places at the schema's maximum length, with characters to escape.
                title=(f"Hoạt động số {i} & «{unit.label}» " * 20)[:300] if i % 5 == 0 else f"Hoạt động số {i} của {unit.label}",
                date=parse_span(f"2024-{i % 12 + 1:02d}" if i % 3 else f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}"),
                campaign="thang-hanh-dong" if i % 2 else None,
                place=("Nhà văn hóa thôn <Đồng Tâm> " * 10)[:200] if i % 7 == 0 else None,
            )
            for i in range(200 + 50 * n)
        )
        docs.append(Document(kind="plan", unit=unit.path, slug=f"2024-ke-hoach-lon-{n}", source=f"plans/{unit.path}/x.md",
                             title="Kế hoạch lớn", year=2024, body="", body_line=1, activities=activities))
    big = dataclasses.replace(portal, documents=(*portal.documents, *docs))
    ctx = Context(big, PortalIndex(big), Settings("Cổng", "https://example.org/", None, dt.date(2024, 5, 1)))
    made = list(calendar_pages.provide(ctx))
    pages = {p.path: p for p in made if isinstance(p, Page)}
    outputs = {o.path: o for o in made if isinstance(o, (Output, Deferred))}
    year = pages[paths.year_calendar_page(2024)].render(None)
    assert len(year.encode()) < PAGE_BUDGET
    tree = lxml_html.fromstring(year)
    assert not tree.xpath('//li[@data-unit]')  # activities moved to province pages
    total = sum(len(d.activities) for d in docs)
    assert f"có {total} hoạt động" in text_of(tree)
    provinces = {ctx.index.province(u.path).path for u in units}
    shown = 0
    for province in provinces:
        first = paths.province_calendar_page(2024, province)
        assert first in pages
        number = 1
        while paths.province_calendar_page(2024, province, number) in pages:
            html = pages[paths.province_calendar_page(2024, province, number)].render(None)
            assert len(html.encode()) < PAGE_BUDGET
            rows = lxml_html.fromstring(html).xpath('//li[@data-unit]')
            assert 0 < len(rows) <= timeline.ACTIVITIES_PER_PAGE
            assert all(r.get("data-unit").split("/")[0] == province for r in rows)
            shown += len(rows)
            number += 1
    assert shown == total
    assert paths.unit_ics(units[0].path) in outputs


def test_unit_timeline_is_capped_on_its_page() -> None:
    portal = check_portal(ROOT).portal
    unit = next(u for u in portal.units if u.path == "kien-giang")
    activities = tuple(Activity(title=("Tập huấn kỹ năng bảo vệ trẻ em " * 10)[:300], date=parse_span("2023-07"))
                       for _ in range(200))
    doc = Document(kind="plan", unit=unit.path, slug="2023-nhieu-hoat-dong", source="plans/kien-giang/x.md",
                   title="Nhiều hoạt động", year=2023, body="", body_line=1, activities=activities)
    big = dataclasses.replace(portal, documents=(*portal.documents, doc))
    tl = timeline.unit_timeline(PortalIndex(big), unit, 2023)
    assert tl.activity_count == 200 + timeline.unit_timeline(PortalIndex(portal), unit, 2023).activity_count
    assert 0 < tl.rows_shown < tl.activity_count
    shown = [r.entry for g in tl.groups for r in g.rows]
    assert sum(timeline.row_cost(PortalIndex(big), e) for e in shown) <= timeline.UNIT_ROWS_BUDGET


# In a real browser, on a 360-px phone


@pytest.mark.browser
def test_unit_filter_in_browser(browser, sample_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.goto(sample_url + paths.year_calendar_page(2023))
        page.wait_for_selector(".pt-cal-filter:not([hidden])")
        rows = page.locator(".pt-tl [data-unit]")
        total = rows.count()
        assert total >= 5
        page.select_option("#pt-cal-unit", "quang-nam")
        visible = [r for r in rows.all() if r.is_visible()]
        assert visible and all(r.get_attribute("data-unit").startswith("quang-nam") for r in visible)
        assert len(visible) < total
        assert page.locator("#pt-cal-count").inner_text() == f"Đang hiện {len(visible)}/{total} hoạt động"
        # Campaign lines stay: the year's dates remain readable whatever the filter.
        assert page.locator(".pt-tl__campaign").first.is_visible()
        page.select_option("#pt-cal-unit", "")
        assert all(r.is_visible() for r in rows.all())
        # Readable on a phone: nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        page.close()


@pytest.mark.browser
def test_without_javascript_everything_is_visible(browser, sample_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.goto(sample_url + paths.year_calendar_page(2023))
        assert page.locator(".pt-cal-filter").is_hidden()
        rows = page.locator(".pt-tl [data-unit]").all()
        assert rows and all(r.is_visible() for r in rows)
    finally:
        context.close()
