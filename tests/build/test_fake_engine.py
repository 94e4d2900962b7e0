"""The sample portal built by the core with a fake engine: MkDocs can be replaced.

The build runs in a fresh interpreter that must never import MkDocs or
Material; every kind of page comes out in the fake engine's chrome with the
core's content, and the other outputs (search index, sitemap, data, feeds,
calendars, security headers) are all there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import ROOT, portal_env, text_of
from portal import paths
from portal.content.check import check_portal

HERE = Path(__file__).parent

_DRIVER = """
import datetime as dt, json, sys
from pathlib import Path
sys.path.insert(0, {here!r})
from fake_engine import FakeEngine, SITE_URL
from portal.build.standalone import build_site
from portal.model.site import Settings
engine = FakeEngine()
build = build_site(Path({root!r}), Path(sys.argv[1]), engine,
                   Settings("Cổng thử nghiệm", SITE_URL, "https://example.org/sua/main", dt.date(2026, 12, 3)))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material"))
print(json.dumps({{"pages": len(build.filled), "shells": len(engine.shells_made), "engine_modules": loaded}}))
"""


@pytest.fixture(scope="module")
def fake_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    site = tmp_path_factory.mktemp("fake-engine")
    result = subprocess.run([sys.executable, "-c", _DRIVER.format(here=str(HERE), root=str(ROOT)), str(site)],
                            capture_output=True, text=True, env=portal_env(), timeout=600)
    assert result.returncode == 0, result.stderr
    return site, json.loads(result.stdout.splitlines()[-1])


def _page(site: Path, path: str) -> lxml_html.HtmlElement:
    file = site / path / "index.html"
    assert file.is_file(), path
    text = file.read_text(encoding="utf-8")
    assert "md-" not in text, path  # Material's class names come only from its adapter
    assert "PORTALSLOT" not in text, path
    page = lxml_html.fromstring(text)
    assert page.xpath("//header[@class='khung-dau']") and page.xpath("//footer[@class='khung-chan']"), path
    return page


def test_no_mkdocs_module_is_loaded(fake_site: tuple[Path, dict]) -> None:
    site, made = fake_site
    assert made["engine_modules"] == []
    assert made["pages"] > 60 and made["shells"] >= 4


def test_every_page_kind_in_the_fake_chrome(fake_site: tuple[Path, dict]) -> None:
    site, _ = fake_site
    portal = check_portal(ROOT).portal
    titles = {
        paths.HOME: "", paths.UNITS: "Đơn vị hành chính", paths.NEWS: "Tin tức", paths.CALENDAR: "Lịch",
        paths.TARGETS: "Chỉ tiêu", paths.OPEN_DATA: "Dữ liệu mở", paths.SEARCH: "Tìm kiếm",
        paths.guide_reference(): "Tham chiếu", paths.year_calendar_page(2024): "2024",
        paths.year_targets_page(2023): "2023",
    }
    for path, words in titles.items():
        page = _page(site, path)
        assert words in text_of(page.xpath("//main//h1")[0]), path
    for kind in ("plan", "news", "report"):
        doc = next(d for d in portal.documents if d.kind == kind)
        page = _page(site, paths.document_page(doc.unit, doc.slug))
        assert text_of(page.xpath("//main//h1")[0]) == " ".join(doc.title.split())
        edit = page.xpath("//a[@class='khung-sua']/@href")
        assert edit == [f"https://example.org/sua/main/{doc.source}"]
    unit = next(u for u in portal.units if u.path.count("/") == 2)
    assert " ".join(unit.name.split()) in text_of(_page(site, paths.unit_page(unit.path)).xpath("//main//h1")[0])
    indicator = portal.indicators[0]
    _page(site, paths.indicator_page(indicator.id))


def test_a_body_with_headings_gets_the_engines_table_of_contents(fake_site: tuple[Path, dict]) -> None:
    site, _ = fake_site
    portal = check_portal(ROOT).portal
    listed = 0
    for doc in portal.documents:
        page = _page(site, paths.document_page(doc.unit, doc.slug))
        items = page.xpath("//ul[@class='khung-toc']/li/a/@href")
        ids = set(page.xpath("//main//*[self::h2 or self::h3]/@id"))
        assert all(href[1:] in ids for href in items), doc.source
        listed += bool(items)
    assert listed >= 3


def test_the_other_outputs_are_made(fake_site: tuple[Path, dict]) -> None:
    site, _ = fake_site
    portal = check_portal(ROOT).portal
    manifest = json.loads((site / "tim-kiem/chi-muc/manifest.json").read_text(encoding="utf-8"))
    assert manifest["pages"] >= len(portal.documents) + len(portal.units)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://tre-em.example.vn/cong/don-vi/" in sitemap
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in headers
    for name in (paths.data_file("van-ban.json"), paths.news_feed(), paths.campaigns_ics(), "assets/khung.css"):
        assert (site / name).is_file(), name
    # Deferred files (a feed and a calendar per unit) are made as the pages are filled.
    unit = next(u for u in portal.units if u.path.count("/") == 2)
    assert (site / paths.unit_ics(unit.path)).is_file() and (site / paths.unit_feed(unit.path)).is_file()
