"""From "I have a new plan" to "it is online": new + check + a real build,
the folder/unit rule, a sub-path build, and "edit this page" links."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import ROOT, build_site, copy_project, parse, serve, text_of

from portal import paths
from portal.content.check import check_portal
from portal.cli.main import main

COMMUNE = "thanh-hoa/ha-trung/ha-giang"
YEAR = 2024
"""Before 1 July 2025, when the sample commune stopped existing."""
REPO = "https://github.com/example/cong-tre-em"


def fill(path: Path, values: dict[str, str], uncomment: tuple[str, ...] = ()) -> None:
    """Uncomment lines, then fill fields, as an officer following the file's own comments would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for fragment in uncomment:
        (index,) = [i for i, line in enumerate(lines) if re.match(rf"\s*#\s*{re.escape(fragment)}", line)][:1]
        lines[index] = lines[index].replace("# ", "", 1)
    text = "\n".join(lines)
    for name, value in values.items():
        text, count = re.subn(rf"^(\s*(?:- )?){re.escape(name)}:(?=\s|$)[^\n]*", rf"\g<1>{name}: {value}", text, count=1, flags=re.MULTILINE)
        assert count == 1, name
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Path]]:
    """A copy of the sample portal with one new plan, news item and report, built."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    folder = project / "plans" / COMMUNE
    created: dict[str, Path] = {}
    for kind in ("plan", "news", "report"):
        assert main(["new", kind, "--unit", COMMUNE, "--year", str(YEAR), "--path", str(project)]) == 0
        (new,) = set(folder.glob(f"{YEAR}-*.md")) - set(created.values())
        created[kind] = new
    # Before filling, check names the empty required fields of the new files, and nothing else.
    problems = check_portal(project).problems
    assert {p.path for p in problems} == {f"plans/{COMMUNE}/{p.name}" for p in created.values()}
    assert {p.field for p in problems} >= {"title", "issuer", "plan", "results[0].value"}

    fill(created["plan"], {
        "title": f"Kế hoạch bảo vệ trẻ em năm {YEAR} của xã Hà Giang", "issuer": "Ủy ban nhân dân xã Hà Giang",
        "number": "12/KH-UBND",
    }, uncomment=("number:", "targets:", "- indicator: tre-em-hcdb", 'value: "100%"'))
    fill(created["news"], {"title": "Xã Hà Giang phát động Tháng hành động vì trẻ em"})
    # The report points at the new plan by its number (same unit) and answers its target.
    fill(created["report"], {
        "title": f"Báo cáo kết quả năm {YEAR} của xã Hà Giang", "issuer": "Ủy ban nhân dân xã Hà Giang",
        "number": "12/KH-UBND", "indicator": "tre-em-hcdb-duoc-tro-giup", "value": '"100%"',
    }, uncomment=("number: 73/KH-UBND",))
    problems = check_portal(project).problems
    assert problems == (), "\n".join(map(str, problems))
    site = tmp_path_factory.mktemp("site")
    build_site(project, site)
    return project, site, created


def test_new_documents_pass_check_and_appear_on_the_site(published: tuple[Path, Path, dict[str, Path]]) -> None:
    project, site, created = published
    for kind, source in created.items():
        page = site / paths.document_page(COMMUNE, source.stem) / "index.html"
        assert page.is_file(), kind
        heading = text_of(parse(page).xpath("//h1")[0])
        assert "Hà Giang" in heading, heading
    unit_page = text_of(parse(site / paths.unit_page(COMMUNE) / "index.html"))
    assert f"Kế hoạch bảo vệ trẻ em năm {YEAR} của xã Hà Giang" in unit_page
    plan_page = text_of(parse(site / paths.document_page(COMMUNE, created["plan"].stem) / "index.html"))
    assert "12/KH-UBND" in plan_page


@pytest.mark.parametrize("source", [
    "plans/kien-giang/2023-ke-hoach-35.md",
    "plans/kien-giang/2023-06-phat-dong-thang-hanh-dong-mau.md",
    "plans/ha-noi/long-bien/2020-bao-cao-ket-qua-mau.md",
])
def test_a_document_cannot_claim_another_unit(tmp_path: Path, source: str) -> None:
    project = copy_project(tmp_path)
    path = project / source
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nunit: thanh-hoa/ha-trung/ha-giang\n", 1), encoding="utf-8")
    problems = check_portal(project).problems
    assert [(p.path, p.line, p.field) for p in problems] == [(source, 2, "unit")]
    assert "trường «unit» không có trong mẫu" in problems[0].message


def test_a_documents_unit_is_its_folder() -> None:
    portal = check_portal(ROOT).portal
    assert portal.documents
    for doc in portal.documents:
        assert doc.source == f"plans/{doc.unit}/{doc.slug}.md"


def _links(page: Path) -> list[str]:
    tree = parse(page)
    found = tree.xpath("//@href | //@src")
    for srcset in tree.xpath("//@srcset"):
        found += [part.split()[0] for part in srcset.split(",") if part.strip()]
    return [str(link) for link in found]


def test_site_under_a_sub_path_has_no_broken_internal_link_or_asset(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text, count = re.subn(r"^site_url: .*$", "site_url: https://org.github.io/portal/", config.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert count == 1
    config.write_text(text, encoding="utf-8")
    parent = tmp_path / "host"
    site = parent / "portal"
    build_site(project, site)
    base, server = serve(parent)
    try:
        root = urljoin(base, "portal/")
        checked: set[str] = set()
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 20
        for page in pages:
            page_url = urljoin(root, page.relative_to(site).as_posix())
            for link in _links(page):
                if re.match(r"^(mailto|tel|javascript|data):", link) or link.startswith("#"):
                    continue
                url = urldefrag(urljoin(page_url, link)).url.split("?")[0]
                if urlsplit(url).netloc != urlsplit(base).netloc:
                    continue  # another host: GitHub, the official source of a plan
                assert url.startswith(root), f"{page}: {link} leaves the sub-path"
                if url in checked:
                    continue
                checked.add(url)
                target = site / url[len(root):]
                if url.endswith("/"):
                    target = target / "index.html"
                assert target.is_file(), f"{page.relative_to(site)}: {link} -> {target} is missing"
                request = urllib.request.Request(url, method="HEAD")
                with urllib.request.urlopen(request, timeout=10) as response:
                    assert response.status == 200, url
        # Stylesheets, scripts and the search assets were among them.
        assert any(u.endswith(".css") for u in checked) and any(u.endswith(".js") for u in checked)
        assert len(checked) > 50
        # A link that escaped the sub-path would have been a 404 on this server.
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(urljoin(base, "assets/portal.css"), timeout=10)
    finally:
        server.shutdown()
    # Feeds and canonical URLs carry the sub-path.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="https://org.github.io/portal/"' in home


def _edit_link(page: Path) -> str | None:
    links = parse(page).xpath('//a[@rel="edit"]/@href')
    assert len(links) <= 1
    return str(links[0]) if links else None


def test_edit_this_page_opens_the_real_source(published: tuple[Path, Path, dict[str, Path]]) -> None:
    project, site, created = published
    prefix = f"{REPO}/edit/main/"
    portal = check_portal(project).portal
    # Every document and unit page opens its own file under plans/.
    for doc in portal.documents:
        assert _edit_link(site / paths.document_page(doc.unit, doc.slug) / "index.html") == prefix + doc.source
    for unit in portal.units:
        assert _edit_link(site / paths.unit_page(unit.path) / "index.html") == prefix + unit.source
    # Hand-written pages open their file in docs/.
    for source in (project / "docs").rglob("*.md"):
        rel = source.relative_to(project / "docs").with_suffix("")
        page = site / ("" if rel.name == "index" and rel.parent == Path(".") else (rel.parent if rel.name == "index" else rel)) / "index.html"
        assert _edit_link(page) == prefix + source.relative_to(project).as_posix(), source
    # No page anywhere links to a file that does not exist (listing pages have no edit link).
    links = {p: _edit_link(p) for p in site.rglob("index.html")}
    assert sum(1 for link in links.values() if link) >= len(portal.documents) + len(portal.units)
    for page, link in links.items():
        if link:
            assert link.startswith(prefix), page
            assert (project / link[len(prefix):]).is_file(), f"{page}: {link}"
