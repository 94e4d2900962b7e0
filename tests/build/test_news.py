"""News listings: pagination, per-unit aggregation with children, campaign pages, dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html

from conftest import ROOT, parse, text_of
from portal import paths
from portal.content.check import check_portal
from portal.model.dates import PartialDate
from portal.model.index import PortalIndex
from portal.model.records import Document, Portal
from portal.derive import feeds
from portal.derive.newsitems import ON_UNIT_PAGE
from portal.output.pages import news, units
from portal.output.pages.news import PAGE_SIZE, Pager
from portal.model.site import Context, Page, Settings

SAMPLE = check_portal(ROOT).portal
ATOM = "{http://www.w3.org/2005/Atom}"


def with_news(count: int, unit: str = "kien-giang") -> Portal:
    """The sample without its news, plus ``count`` news items of ``unit`` on distinct days."""
    template = next(d for d in SAMPLE.documents if d.kind == "news")
    start = dt.date(2023, 1, 1)
    extra = []
    for i in range(count):
        day = start + dt.timedelta(days=i)
        extra.append(dataclasses.replace(
            template, unit=unit, slug=f"tin-{i:04d}", source=f"plans/{unit}/tin-{i:04d}.md",
            title=f"Tin số {i}", date=PartialDate.of(day), year=day.year, images=(), plan=None,
        ))
    kept = tuple(d for d in SAMPLE.documents if d.kind != "news")
    return dataclasses.replace(SAMPLE, documents=tuple(sorted([*kept, *extra], key=lambda d: d.source)))


def context(portal: Portal) -> Context:
    settings = Settings("Cổng thử", "https://org.github.io/portal/", None, dt.date(2024, 6, 1))
    return Context(portal, PortalIndex(portal), settings, root=ROOT)


def listing_pages(portal: Portal, first: str) -> list[tuple[Page, lxml_html.HtmlElement]]:
    """Rendered pages of the listing whose first page is ``first``, in page order."""
    pages = [p for p in news.provide(context(portal)) if p.path == first or p.path.startswith(first + "trang-")]
    pages.sort(key=lambda p: (len(p.path), p.path))
    return [(p, lxml_html.fromstring(p.render(None))) for p in pages]


def titles(tree: lxml_html.HtmlElement) -> list[str]:
    return [text_of(a) for a in tree.xpath("//li[@class='pt-news-item']//h2/a")]


def resolve(page_path: str, href: str) -> str:
    """Site path that ``href`` on the page at ``page_path`` points to."""
    base = "http://site/"
    return urljoin(base + page_path, href)[len(base):]


@pytest.mark.parametrize("count, pages", [(0, 1), (1, 1), (PAGE_SIZE, 1), (PAGE_SIZE + 1, 2), (2 * PAGE_SIZE + 1, 3)])
def test_pagination_boundaries(count: int, pages: int) -> None:
    rendered = listing_pages(with_news(count), paths.news_page(1))
    assert [p.path for p, _ in rendered] == [paths.news_page(n) for n in range(1, pages + 1)]
    seen = [t for _, tree in rendered for t in titles(tree)]
    # Every item exactly once, newest first, never more than a page's worth on one page.
    assert seen == [f"Tin số {i}" for i in reversed(range(count))]
    assert all(len(titles(tree)) <= PAGE_SIZE for _, tree in rendered)
    if count == 0:
        assert "Chưa có tin." in text_of(rendered[0][1])
    for number, (page, tree) in enumerate(rendered, start=1):
        nav = tree.xpath("//nav[@class='pt-pager']")
        if pages == 1:
            assert not nav
            continue
        assert nav[0].get("aria-label") == "Phân trang"
        links = {text_of(a): resolve(page.path, a.get("href")) for a in nav[0].xpath(".//a")}
        assert ("‹ Trang trước" in links) == (number > 1)
        assert ("Trang sau ›" in links) == (number < pages)
        if number > 1:
            assert links["‹ Trang trước"] == paths.news_page(number - 1)
        if number < pages:
            assert links["Trang sau ›"] == paths.news_page(number + 1)
        current = nav[0].xpath(".//a[@aria-current='page']")
        assert [text_of(a) for a in current] == [str(number)]
        assert [resolve(page.path, a.get("href")) for a in nav[0].xpath(".//a[not(@rel)]")] == [paths.news_page(n) for n in range(1, pages + 1)]


def test_pager_collapses_long_runs() -> None:
    assert Pager(10, 40, "tin-tuc/").numbers == [1, None, 8, 9, 10, 11, 12, None, 40]
    assert Pager(1, 40, "tin-tuc/").numbers == [1, 2, 3, None, 40]
    assert Pager(3, 5, "tin-tuc/").numbers == [1, 2, 3, 4, 5]
    assert Pager(2, 3, "x/").path(2) == "x/trang-2/"


def test_national_listing_pages_stay_small() -> None:
    portal = with_news(2 * PAGE_SIZE + 5)
    for page in news.provide(context(portal)):
        assert len(page.render(None).encode("utf-8")) < 40_000, page.path


def test_unit_listing_marks_items_of_children() -> None:
    portal = with_news(ON_UNIT_PAGE + 1, unit="thanh-hoa/ha-trung/ha-giang")
    own = dataclasses.replace(
        next(d for d in portal.documents if d.kind == "news"),
        unit="thanh-hoa", slug="tin-cua-tinh", source="plans/thanh-hoa/tin-cua-tinh.md",
        title="Tin của tỉnh", date=PartialDate(2024, 1, 5), year=2024,
    )
    portal = dataclasses.replace(portal, documents=tuple(sorted([*portal.documents, own], key=lambda d: d.source)))
    [(page, tree)] = listing_pages(portal, paths.unit_news_page("thanh-hoa"))
    items = tree.xpath("//li[@class='pt-news-item']")
    assert [text_of(i.xpath(".//h2")[0]) for i in items] == ["Tin của tỉnh", *(f"Tin số {n}" for n in range(ON_UNIT_PAGE, -1, -1))]
    marks = [[text_of(m) for m in i.xpath(".//*[@class='pt-unit-mark']")] for i in items]
    assert marks == [[], *[["Tin của xã Hà Giang"]] * (ON_UNIT_PAGE + 1)]
    # The commune's own listing marks nothing; units without news get no listing.
    [(_, commune)] = listing_pages(portal, paths.unit_news_page("thanh-hoa/ha-trung/ha-giang"))
    assert len(titles(commune)) == ON_UNIT_PAGE + 1 and not commune.xpath("//*[@class='pt-unit-mark']")
    assert not listing_pages(portal, paths.unit_news_page("da-nang"))
    crumbs = [text_of(a) for a in tree.xpath("//nav[@class='pt-crumbs']//a")]
    assert crumbs == ["Đơn vị", "tỉnh Thanh Hóa"]


def _unit_news(portal: Portal, unit: str) -> tuple[list[str], list[str]]:
    """Titles in the news part of a unit's page, and the addresses its links there point to."""
    page = next(p for p in units.provide(context(portal)) if p.path == paths.unit_page(unit))
    part = lxml_html.fromstring(page.render(None)).xpath("//section[h2[@id='tin-tuc']]")[0]
    shown = [text_of(a) for a in part.xpath(".//li//a")]
    return shown, [resolve(page.path, h) for h in part.xpath("./p//a/@href")]


def test_a_unit_whose_news_all_fit_on_its_page_has_no_listing_of_its_own() -> None:
    # Ten items: the unit's page shows them all, a listing would repeat them.
    portal = with_news(ON_UNIT_PAGE, unit="thanh-hoa/ha-trung/ha-giang")
    for unit in ("thanh-hoa", "thanh-hoa/ha-trung/ha-giang"):
        assert not listing_pages(portal, paths.unit_news_page(unit)), unit
        shown, links = _unit_news(portal, unit)
        assert len(shown) == ON_UNIT_PAGE
        assert links == [paths.unit_feed(unit)]
        # The unit's feed sends readers to the news part of its page.
        feed = next(o for o in feeds.provide(context(portal)) if o.path == paths.unit_feed(unit)).make()
        alternate = ElementTree.fromstring(feed).find(f"{ATOM}link[@rel='alternate']").get("href")
        assert alternate == f"https://org.github.io/portal/{paths.unit_page(unit)}#tin-tuc"
    # One more: the page shows the newest ten and links the listing, which has them all.
    portal = with_news(ON_UNIT_PAGE + 1, unit="thanh-hoa/ha-trung/ha-giang")
    shown, links = _unit_news(portal, "thanh-hoa")
    assert shown == [f"Tin số {n}" for n in range(ON_UNIT_PAGE, 0, -1)]
    assert links == [paths.unit_news_page("thanh-hoa"), paths.unit_feed("thanh-hoa")]
    [(_, listing)] = listing_pages(portal, paths.unit_news_page("thanh-hoa"))
    assert len(titles(listing)) == ON_UNIT_PAGE + 1
    feed = next(o for o in feeds.provide(context(portal)) if o.path == paths.unit_feed("thanh-hoa")).make()
    alternate = ElementTree.fromstring(feed).find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == f"https://org.github.io/portal/{paths.unit_news_page('thanh-hoa')}"


def test_sample_listing_newest_first_with_vietnamese_dates(sample_site: Path) -> None:
    tree = parse(sample_site / "tin-tuc/index.html")
    items = tree.xpath("//li[@class='pt-news-item']")
    news_items = sorted((d for d in SAMPLE.documents if d.kind == "news"), key=lambda d: d.date.first_day, reverse=True)
    assert [text_of(i.xpath(".//h2")[0]) for i in items] == [d.title for d in news_items]
    when = {text_of(i.xpath(".//h2")[0]): text_of(i.xpath(".//*[@class='pt-news-item__when']")[0]) for i in items}
    long_bien = next(d for d in news_items if d.unit == "ha-noi/long-bien")
    assert when[long_bien.title] == "ngày 02 tháng 10 năm 2020"
    assert "tháng 6 năm 2023" in when.values()
    for a in tree.xpath("//li[@class='pt-news-item']//h2/a"):
        assert (sample_site / resolve("tin-tuc/", a.get("href")) / "index.html").is_file()


def test_sample_unit_pages_list_all_their_news(sample_site: Path) -> None:
    # Hà Nội has fewer news items (with those of Long Biên) than its page shows: no listing of its own.
    tree = parse(sample_site / "don-vi/ha-noi/index.html")
    part = tree.xpath("//section[h2[@id='tin-tuc']]")[0]
    expected = [d for d in SAMPLE.documents if d.kind == "news" and (d.unit + "/").startswith("ha-noi/")]
    assert 0 < len(expected) <= ON_UNIT_PAGE
    assert sorted(text_of(a) for a in part.xpath(".//li//a")) == sorted(d.title for d in expected)
    # An item of a unit below says which.
    metas = {text_of(li.xpath("./a")[0]): text_of(li.xpath("./*[@class='pt-meta']")[0]) for li in part.xpath(".//li")}
    assert {title for title, meta in metas.items() if "quận Long Biên" in meta} == {
        d.title for d in expected if d.unit == "ha-noi/long-bien"} != set()
    assert not (sample_site / paths.unit_news_page("ha-noi")).exists()


def test_sample_campaign_year_pages(sample_site: Path) -> None:
    tree = parse(sample_site / "tin-tuc/thang-hanh-dong/2023/index.html")
    assert text_of(tree.xpath("//h1")[0]) == "Tháng hành động vì trẻ em năm 2023"
    assert len(titles(tree)) == 2
    assert "Chung tay giảm thiểu tổn hại trẻ em" in text_of(tree.xpath("//article")[0])
    # Every campaign link of a news page leads to a built listing that lists it.
    for doc in (d for d in SAMPLE.documents if d.kind == "news" and d.campaign):
        page = paths.document_page(doc.unit, doc.slug)
        links = parse(sample_site / page / "index.html").xpath("//dl[@class='pt-facts']//a/@href")
        target = paths.campaign_news_page(doc.campaign, doc.year)
        assert target in [resolve(page, h) for h in links]
        assert doc.title in titles(parse(sample_site / target / "index.html"))
    index = parse(sample_site / "tin-tuc/index.html")
    by_campaign = [text_of(a) for a in index.xpath("//section[h2[@id='theo-chien-dich']]//a")]
    assert by_campaign[0] == "Tết Trung thu năm 2025" and "Tết Trung thu năm 2020" in by_campaign


def test_plan_page_lists_its_news(sample_site: Path) -> None:
    tree = parse(sample_site / "don-vi/kien-giang/2023-ke-hoach-35/index.html")
    linked = [text_of(a) for a in tree.xpath("//section[h2[@id='lien-quan']]//a")]
    assert "Kiên Giang phát động Tháng hành động vì trẻ em năm 2023 (tin mẫu minh họa)" in linked


def test_news_in_the_nav(sample_site: Path) -> None:
    tree = parse(sample_site / "index.html")
    tabs = [text_of(a) for a in tree.xpath("//nav[contains(@class,'md-tabs')]//a")]
    assert "Tin tức" in tabs


def test_a_document_named_like_the_news_listing_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    source = tmp_path / "plans/kien-giang/2023-06-phat-dong-thang-hanh-dong-mau.md"
    source.rename(source.with_name("tin-tuc.md"))
    (tmp_path / "plans/da-nang/tin-tuc").mkdir()
    shutil.copy(tmp_path / "plans/quang-nam/tay-giang/_unit.yml", tmp_path / "plans/da-nang/tin-tuc/_unit.yml")
    found = {(p.path, p.message) for p in check_portal(tmp_path).problems}
    assert any(path == "plans/kien-giang/tin-tuc.md" and "trùng với trang «tin-tuc»" in message for path, message in found), found
    assert any(path == "plans/da-nang/tin-tuc/_unit.yml" and "tên thư mục «tin-tuc»" in message for path, message in found), found
