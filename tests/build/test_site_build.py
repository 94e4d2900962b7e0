"""The sample portal built for real, its HTML parsed and asserted."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT, parse, text_of
from portal.content.check import check_portal
from portal import paths
from portal.model.index import PortalIndex
from portal.derive.newsitems import ON_UNIT_PAGE, news_by_unit

pytestmark = pytest.mark.slow

SEEDS = {
    # site path -> facts that must be on the page
    "don-vi/kien-giang/2023-ke-hoach-35/": ["35/KH-BCĐ", "ngày 21 tháng 02 năm 2023", "Ban Chỉ đạo công tác bảo vệ, chăm sóc trẻ em tỉnh Kiên Giang"],
    "don-vi/quang-nam/2022-ke-hoach-2189/": ["2189/KH-UBND", "ngày 12 tháng 4 năm 2022", "Ủy ban nhân dân tỉnh Quảng Nam"],
    "don-vi/ha-noi/long-bien/2020-ke-hoach-04/": ["04/KH-UBND", "ngày 03 tháng 01 năm 2020", "14/14", "ít nhất 90%"],
    "don-vi/thanh-hoa/ha-trung/ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em/": ["tháng 3 năm 2023", "73/KH-UBND", "Ủy ban nhân dân xã Hà Giang"],
    "don-vi/quang-nam/tay-giang/2023-tuoi-tre-tay-giang-cong-tac-tre-em/": ["huyện Tây Giang"],
}


def test_every_document_has_exactly_one_page(sample_site: Path) -> None:
    report = check_portal(ROOT)
    assert not report.problems
    assert len(report.portal.documents) >= 5
    for doc in report.portal.documents:
        page = sample_site / paths.document_page(doc.unit, doc.slug) / "index.html"
        assert page.is_file(), doc.source
        tree = parse(page)
        assert text_of(tree.xpath("//h1")[0]) == doc.title
    built = {p.parent.relative_to(sample_site).as_posix() for p in sample_site.glob("don-vi/**/index.html")}
    documents = {paths.document_page(d.unit, d.slug).rstrip("/") for d in report.portal.documents}
    units = {paths.unit_page(u.path).rstrip("/") for u in report.portal.units}
    # A unit's news listing only when its page cannot show them all.
    news_listings = {paths.unit_news_page(u).rstrip("/") for u, items in news_by_unit(PortalIndex(report.portal)).items()
                     if len(items) > ON_UNIT_PAGE}
    assert built == documents | units | news_listings | {"don-vi"}


@pytest.mark.parametrize("page_path", sorted(SEEDS))
def test_seed_pages_show_their_facts(sample_site: Path, page_path: str) -> None:
    tree = parse(sample_site / page_path / "index.html")
    content = text_of(tree.xpath("//article")[0])
    for fact in SEEDS[page_path]:
        assert fact in content, (page_path, fact)


def test_facts_list_and_breadcrumbs(sample_site: Path) -> None:
    tree = parse(sample_site / "don-vi/thanh-hoa/ha-trung/ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em/index.html")
    facts = dict(zip(
        (text_of(dt) for dt in tree.xpath("//dl[@class='pt-facts']/dt")),
        (text_of(dd) for dd in tree.xpath("//dl[@class='pt-facts']/dd")),
    ))
    assert facts["Ngày ban hành"] == "tháng 3 năm 2023"
    assert facts["Đơn vị"] == "xã Hà Giang"
    crumbs = [text_of(a) for a in tree.xpath("//nav[@class='pt-crumbs']//a")]
    assert crumbs == ["Đơn vị", "tỉnh Thanh Hóa", "huyện Hà Trung", "xã Hà Giang"]
    hrefs = tree.xpath("//nav[@class='pt-crumbs']//a/@href")
    page_url = "http://x/don-vi/thanh-hoa/ha-trung/ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em/"
    assert urljoin(page_url, hrefs[1]) == "http://x/don-vi/thanh-hoa/"


def test_targets_table_on_plan_page(sample_site: Path) -> None:
    tree = parse(sample_site / "don-vi/ha-noi/long-bien/2020-ke-hoach-04/index.html")
    rows = [[text_of(td) for td in tr.xpath("td")] for tr in tree.xpath("//section[h2[@id='chi-tieu']]//tbody/tr")]
    by_target = {row[1]: row for row in rows}
    assert set(by_target) >= {"100%", "14/14", "ít nhất 90%"}
    assert "Chưa đạt" in by_target["14/14"][3]
    assert "Đạt" in by_target["100%"][3] and "Chưa" not in by_target["100%"][3]


def test_vietnamese_interface_and_anchors(sample_site: Path) -> None:
    tree = parse(sample_site / "index.html")
    assert tree.xpath("/html/@lang") == ["vi"]
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "Trở lại mục lục" not in html
    assert "Lên đầu trang" in html
    guide = parse(sample_site / "huong-dan/index.html")
    ids = guide.xpath("//h2/@id")
    assert ids and all(i.isascii() for i in ids)


def test_home_has_hotline_and_is_small(sample_site: Path) -> None:
    tree = parse(sample_site / "index.html")
    assert tree.xpath("//a[@href='tel:111']")
    sizes = [p.stat().st_size for p in sample_site.rglob("*.html")]
    assert max(sizes) < 100_000


def test_build_fails_with_the_check_messages(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import copy_project, portal_env

    project = copy_project(tmp_path / "project")
    plan = project / "plans/kien-giang/2023-ke-hoach-35.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued: 2023-02-21", "issued: 2023-02-31"), encoding="utf-8")
    line = plan.read_text(encoding="utf-8").splitlines().index("issued: 2023-02-31") + 1
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project, capture_output=True, text=True, env=portal_env(), timeout=300,
    )
    assert result.returncode != 0
    assert f"plans/kien-giang/2023-ke-hoach-35.md:{line}: issued: «2023-02-31»: ngày 31 không tồn tại" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site/don-vi/kien-giang/2023-ke-hoach-35/index.html").exists()


def test_guide_links_to_headings_of_generated_pages_are_checked(tmp_path: Path) -> None:
    # The guide links to headings of the generated reference page: an existing
    # one builds, a missing one fails the strict build with MkDocs' warning.
    import subprocess
    import sys

    from conftest import build_site, copy_project, portal_env

    project = copy_project(tmp_path / "project")
    guide = project / "docs/huong-dan/loi-kiem-tra.md"
    assert "tham-chieu/index.md#ma-chi-tieu" in guide.read_text(encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert "does not contain an anchor" not in built.stderr
    guide.write_text(guide.read_text(encoding="utf-8").replace("#ma-chi-tieu", "#khong-co-muc-nay"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site2")],
        cwd=project, capture_output=True, text=True, env=portal_env(), timeout=300,
    )
    assert result.returncode != 0
    assert "does not contain an anchor '#khong-co-muc-nay'" in result.stderr
