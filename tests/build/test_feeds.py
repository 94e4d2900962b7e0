"""Atom feeds, built for real under a sub-path site_url and parsed back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree

from conftest import ROOT, build_site, copy_project, parse, portal_env
from portal import paths
from portal.content.check import check_portal
from portal.derive.feeds import FEED_SIZE, SITE_URL_MISSING

pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://org.github.io/portal/"
SAMPLE = check_portal(ROOT).portal


def project_with_site_url(dest: Path, site_url: str | None, strict: bool = True) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    project = copy_project(dest)
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("site_url:") and (strict or not line.startswith("strict:"))]
    assert len(kept) == len(lines) - (1 if strict else 2)
    if site_url:
        kept.insert(1, f"site_url: {site_url}\n")
    config.write_text("".join(kept), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_with_site_url(tmp_path_factory.mktemp("project"), SITE_URL)
    dest = tmp_path_factory.mktemp("site")
    build_site(project, dest, SOURCE_DATE_EPOCH="1700000000")
    return dest


def read_feed(site: Path, feed_path: str) -> etree._Element:
    root = etree.fromstring((site / feed_path).read_bytes())
    assert root.tag == f"{ATOM}feed"
    return root


def site_path_of(url: str) -> str:
    assert url.startswith(SITE_URL), url
    return url[len(SITE_URL):]


def check_feed(site: Path, feed_path: str) -> list[etree._Element]:
    """Assert the Atom essentials of one feed; return its entries."""
    root = read_feed(site, feed_path)
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == SITE_URL + feed_path
    # The listing, or the news part of the unit's page when it shows them all.
    page, _, anchor = site_path_of(links["alternate"]).partition("#")
    assert (site / page / "index.html").is_file()
    if anchor:
        assert parse(site / page / "index.html").xpath(f"//h2[@id='{anchor}']"), links["alternate"]
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) <= FEED_SIZE
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        href = entry.find(f"{ATOM}link").get("href")
        # Absolute, under the sub-path, and pointing at a page that was built.
        assert (site / site_path_of(href) / "index.html").is_file(), href
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
    if entries:
        assert root.findtext(f"{ATOM}updated") == max(e.findtext(f"{ATOM}updated") for e in entries)
    return entries


def test_news_feed_is_valid_atom_under_the_sub_path(subpath_site: Path) -> None:
    entries = check_feed(subpath_site, paths.news_feed())
    news_items = [d for d in SAMPLE.documents if d.kind == "news"]
    assert len(entries) == len(news_items)
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0] == "Tỉnh An Giang sau hợp nhất chuẩn bị Tết Trung thu cho trẻ em (tin mẫu minh họa)"
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    long_bien = entries[titles.index("Long Biên tổ chức vui Tết Trung thu cho thiếu nhi (tin mẫu minh họa)")]
    # The news date, not the build's clock.
    assert long_bien.findtext(f"{ATOM}updated") == "2020-10-02T00:00:00+07:00"
    assert long_bien.findtext(f"{ATOM}id") == SITE_URL + "don-vi/ha-noi/long-bien/2020-10-vui-tet-trung-thu-mau/"


def _offered_feed(site: Path, unit_path: str) -> str:
    """Site path of the feed a unit's page offers under its contacts."""
    page = paths.unit_page(unit_path)
    href = parse(site / page / "index.html").xpath("//p[@class='pt-links']/a[1]/@href")[0]
    return site_path_of(urljoin(SITE_URL + page, href))


def test_every_unit_page_offers_a_valid_feed_that_includes_children(subpath_site: Path) -> None:
    for unit in SAMPLE.units:
        check_feed(subpath_site, _offered_feed(subpath_site, unit.path))
    province = check_feed(subpath_site, paths.unit_feed("thanh-hoa"))
    assert [e.findtext(f"{ATOM}author/{ATOM}name") for e in province] == ["xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa"]
    # A unit with no news has no feed file (hosts limit the file count): its
    # page offers the national feed, which will hold its first item too.
    assert not (subpath_site / paths.unit_feed("da-nang")).exists()
    assert _offered_feed(subpath_site, "da-nang") == paths.news_feed()
    links = parse(subpath_site / "don-vi/da-nang/index.html").xpath("//p[@class='pt-links']/a[1]")[0]
    assert "tin của cả nước" in links.text_content()


def test_pages_link_their_feeds(subpath_site: Path) -> None:
    for page, feed in [("tin-tuc/", paths.news_feed()), ("don-vi/ha-noi/", paths.unit_feed("ha-noi"))]:
        tree = parse(subpath_site / page / "index.html")
        hrefs = tree.xpath("//article//a[@rel='alternate'][@type='application/atom+xml']/@href")
        assert [urljoin("http://x/" + page, h) for h in hrefs] == ["http://x/" + feed], page
    home = parse(subpath_site / "index.html")
    hrefs = home.xpath("//article//a[@rel='alternate'][@type='application/atom+xml']/@href")
    assert [urljoin("http://x/", h) for h in hrefs] == ["http://x/" + paths.news_feed()]


def test_feeds_are_byte_identical_across_builds_on_other_days(subpath_site: Path, tmp_path: Path) -> None:
    project = project_with_site_url(tmp_path / "project", SITE_URL)
    again = tmp_path / "again"
    build_site(project, again, SOURCE_DATE_EPOCH="1800000000")
    feeds = sorted(p.relative_to(subpath_site) for p in subpath_site.rglob("atom.xml"))
    with_news = {d.unit.split("/")[0] for d in SAMPLE.documents if d.kind == "news"}
    assert len(feeds) == 1 + len({"/".join(d.unit.split("/")[:n]) for d in SAMPLE.documents if d.kind == "news"
                                  for n in range(1, d.unit.count("/") + 2)}) and with_news
    compared = 0
    for feed in feeds:
        if read_feed(subpath_site, feed.as_posix()).find(f"{ATOM}entry") is None:
            # An empty feed has no item date: it takes the build date, from the commit.
            assert read_feed(again, feed.as_posix()).findtext(f"{ATOM}updated") == "2027-01-15T00:00:00+07:00"
            continue
        assert (again / feed).read_bytes() == (subpath_site / feed).read_bytes(), feed
        compared += 1
    assert compared >= 6


def test_without_site_url_a_strict_build_stops_with_a_clear_message(tmp_path: Path) -> None:
    def build(project: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site")]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, env=portal_env(), timeout=600)

    strict = build(project_with_site_url(tmp_path / "strict", None))
    assert strict.returncode != 0
    assert SITE_URL_MISSING in strict.stderr
    assert "Traceback" not in strict.stderr
    lenient = build(project_with_site_url(tmp_path / "lenient", None, strict=False))
    assert lenient.returncode == 0, lenient.stderr
    assert SITE_URL_MISSING in lenient.stderr
    assert not list((tmp_path / "site").rglob("atom.xml"))
    assert (tmp_path / "site/tin-tuc/index.html").is_file()
