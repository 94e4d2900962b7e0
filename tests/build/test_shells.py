"""Page shells: filled pages must be the pages MkDocs itself would have written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, build_site, parse
from portal.output import shells
from portal.output.shells import Fill, Shell, ShellError, TocForm, compact
from portal.model.site import SearchMeta
from material_theme import MaterialEngine, mark_slots

THEME_PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8">
<meta name="description" content="{shells.DESCRIPTION}">
<link rel="canonical" href="https://example.org/cong/_portal-shell-x/">
<title>{shells.TITLE} - Cổng</title></head>
<body><a href="#portalshelltoc" class="md-skip">Chuyển đến nội dung</a>
<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix><li><a href="#portalshelltoc">{shells.TOC_HEADING}</a></li></ul>
<a href="{shells.EDIT}" title="Sửa" class="md-content__button md-icon" rel="edit"><svg></svg></a>
<h1>{shells.TITLE}</h1>
{shells.CONTENT}
</body></html>"""

VALUES = Fill(
    title="Kế hoạch năm 2023", description="Mô tả", canonical="https://example.org/cong/don-vi/a/",
    edit="", heading="<h1>Kế hoạch năm 2023</h1>", skip="#muc-tieu", toc="<li>Mục tiêu</li>",
    policy="default-src 'none'", content="<p>Nội dung</p>",
)


def test_fill_puts_each_value_in_its_place() -> None:
    shell = Shell.parse(THEME_PAGE, "https://example.org/cong/_portal-shell-x/", TocForm.LIST, policy=True, mark=mark_slots)
    page = shell.fill(VALUES)
    assert "PORTALSLOT" not in page and shells.TOC_HEADING not in page
    assert '<link rel="canonical" href="https://example.org/cong/don-vi/a/">' in page
    assert "<title>Kế hoạch năm 2023 - Cổng</title>" in page
    assert '<a href="#muc-tieu" class="md-skip">' in page
    assert "data-md-scrollfix><li>Mục tiêu</li></ul>" in page
    assert 'rel="edit"' not in page
    # The policy comes first in <head>, before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<title>")
    assert page.count("<h1>") == 1


def test_compact_shortens_indentation_but_keeps_verbatim_text() -> None:
    page = ("<nav>\n      <a href=x>\n        Trang   chủ\n      </a>\u00a0\u00a0</nav>"
            "<pre>  a\n    b</pre>\n\n<script>var s = 'x    y';</script>  <style>p  { }</style>"
            "<TEXTAREA>  giữ\n  nguyên </TEXTAREA>")
    assert compact(page) == ("<nav>\n<a href=x>\nTrang chủ\n</a>\u00a0\u00a0</nav>"
                             "<pre>  a\n    b</pre>\n<script>var s = 'x    y';</script> <style>p  { }</style>"
                             "<TEXTAREA>  giữ\n  nguyên </TEXTAREA>")


def test_filled_page_chrome_is_compacted_and_its_content_is_not() -> None:
    indented = THEME_PAGE.replace("\n", "\n        ")
    shell = Shell.parse(indented, None, TocForm.LIST, policy=False, mark=mark_slots)
    page = shell.fill(Fill("T", "D", "", "", "<h1>T</h1>", "", "", "", "<pre>  thụt   lề</pre>"))
    assert "\n        " in indented
    assert "  " not in page.replace("<pre>  thụt   lề</pre>", "")
    assert "<pre>  thụt   lề</pre>" in page


def test_edit_button_keeps_the_theme_markup_with_the_page_link() -> None:
    shell = Shell.parse(THEME_PAGE, None, TocForm.LIST, policy=False, mark=mark_slots)
    button = shell.edit_button("https://github.com/x/y/edit/main/plans/a&b.md")
    assert button.startswith('<a href="https://github.com/x/y/edit/main/plans/a&amp;b.md" title="Sửa"')
    assert shell.edit_button(None) == ""


def test_page_text_that_looks_like_a_slot_stays_text() -> None:
    shell = Shell.parse(THEME_PAGE, None, TocForm.LIST, policy=False, mark=mark_slots)
    sneaky = f"<p>{shells.TITLE} {shells.CONTENT} {shells.POLICY}</p>"
    page = shell.fill(Fill(**{**VALUES.__dict__, "content": sneaky, "title": shells.EDIT}))
    assert sneaky in page
    assert page.count(shells.EDIT) == 1  # the title, as given, not replaced again


@pytest.mark.parametrize("missing", [f'href="{shells.EDIT}"', "<h1>", "md-skip", 'data-md-component="toc"'])
def test_a_theme_without_an_expected_place_is_refused(missing: str) -> None:
    broken = THEME_PAGE.replace(missing, 'data-x="y"')
    with pytest.raises(ShellError):
        Shell.parse(broken, None, TocForm.LIST, policy=False, mark=mark_slots)


# --- the built sample, both ways ---------------------------------------------

_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_SPACE = re.compile(r">\s+<")


def _normalised(path: Path) -> str:
    # The meta policy is per page when filled (its own hashes) and site-wide
    # otherwise; whitespace between tags differs where the theme loops, and
    # the shells' chrome is compacted.
    text = compact(_CSP.sub("", path.read_text(encoding="utf-8")))
    return _SPACE.sub("><", text).strip()


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built with every page rendered by MkDocs itself."""
    dest = tmp_path_factory.mktemp("theme-site")
    build_site(ROOT, dest, PORTAL_SHELLS="off")
    return dest


@pytest.mark.slow
def test_filled_pages_equal_the_pages_mkdocs_renders(sample_site: Path, theme_site: Path) -> None:
    filled = sorted(p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html"))
    rendered = sorted(p.relative_to(theme_site).as_posix() for p in theme_site.rglob("*.html"))
    assert filled == rendered
    assert len(filled) > 50
    different = [name for name in filled if _normalised(sample_site / name) != _normalised(theme_site / name)]
    assert different == []


@pytest.mark.slow
def test_no_shell_is_left_in_the_site(sample_site: Path) -> None:
    assert not [p for p in sample_site.rglob("*") if "_portal-shell" in p.as_posix()]
    assert "_portal-shell" not in (sample_site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_sitemap_lists_every_page(sample_site: Path) -> None:
    tree = etree.fromstring((sample_site / "sitemap.xml").read_bytes())
    locations = tree.xpath("//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    pages = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("index.html")}
    expected = {"https://example.github.io/cong-tre-em/" + p.removesuffix("index.html") for p in pages}
    assert set(locations) == expected
    assert len(locations) == len(set(locations))


@pytest.mark.slow
def test_filled_document_page_has_its_table_of_contents(sample_site: Path) -> None:
    page = parse(sample_site / "don-vi/kien-giang/2023-ke-hoach-35/index.html")
    toc = page.xpath("//nav[contains(@class, 'md-nav--secondary')]//a[@class='md-nav__link']/@href")
    assert toc and all(href.startswith("#") for href in toc)
    anchors = set(page.xpath("//article//*[@id]/@id"))
    assert {href[1:] for href in toc} <= anchors
    assert page.xpath("//a[@class='md-skip']/@href") == [toc[0]]
    assert page.xpath("//a[@rel='edit']/@href")[0].endswith("/plans/kien-giang/2023-ke-hoach-35.md")


# --- filling on several cores ------------------------------------------------

def _fill_into(directory: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], object, list]:
    from portal.output import filling, headers
    from portal.model.site import Deferred, Page

    monkeypatch.setattr(filling, "PARALLEL_FROM", 1)
    monkeypatch.setattr(filling, "CHUNK", 3)
    shell = Shell.parse(THEME_PAGE, "https://example.org/cong/_portal-shell-x/", TocForm.LIST, policy=True, mark=mark_slots)
    no_toc = "\n".join(line for line in THEME_PAGE.splitlines() if 'data-md-component="toc"' not in line)
    plain_shell = Shell.parse(no_toc, "https://example.org/cong/_portal-shell-x/", TocForm.HIDDEN, policy=True, mark=mark_slots)
    pages = [
        Page(path=f"don-vi/xa-{n}/", title=f"xã Số {n}", render=lambda body, n=n: f'<p style="text-align: right">Xã {n}</p>{body or ""}',
             source=f"plans/xa-{n}/_unit.yml", markdown="## Mục tiêu\n\nChữ." if n % 2 else "",
             search=SearchMeta(kind="Đơn vị") if n % 3 else None)
        for n in range(10)
    ]
    keys = {filling.shell_key(p, f) for p in pages for f in filling.forms(p)}
    theme = filling.ShellTheme(
        shells={k: plain_shell if k[2] is TocForm.HIDDEN else shell for k in keys},
        inline={k: headers.find_inline(shell.inline_part) for k in keys},
        convert=lambda text: ("<h2 id=\"muc-tieu\">Mục tiêu</h2><p>Chữ.</p>", [{"level": 2, "id": "muc-tieu", "name": "Mục tiêu", "children": []}]),
        toc_entries=MaterialEngine.toc_entries,
        toc_items=lambda tokens: "".join(f"<li>{t['name']}</li>" for t in tokens),
    )
    site = filling.Site(directory=directory, base_url="https://example.org/cong/", description="Cổng",
                        edit_base="https://example.org/edit", preview=False)
    scan = headers.Scan()
    deferred = [Deferred(f"don-vi/xa-{n}/lich.ics", lambda n=n: f"BEGIN:VCALENDAR {n}".encode()) for n in range(5)]
    entries = filling.fill(pages, theme, site, scan, entry=lambda page, html: (page.path, html), deferred=deferred,
                           workers=workers)
    files = {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}
    return files, scan, entries


def test_forked_workers_write_what_one_process_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone, alone_scan, alone_entries = _fill_into(tmp_path / "one", 1, monkeypatch)
    shared, shared_scan, shared_entries = _fill_into(tmp_path / "two", 2, monkeypatch)
    assert len(alone) == 15 and shared == alone
    assert shared_entries == alone_entries and [path for path, _ in alone_entries] == [
        f"don-vi/xa-{n}/" for n in range(10) if n % 3]
    assert shared_scan.written == alone_scan.written and len(alone_scan.written) == 10
    assert shared_scan.style_attributes == alone_scan.style_attributes != set()
    page = alone["don-vi/xa-1/index.html"].decode()
    assert "<title>xã Số 1 - Cổng</title>" in page and "data-md-scrollfix><li>Mục tiêu</li></ul>" in page
    assert 'href="https://example.org/edit/plans/xa-1/_unit.yml"' in page
    # The page's own policy allows its own style attribute.
    assert headers_hash("text-align: right") in page


def headers_hash(source: str) -> str:
    from portal.output import headers

    return headers.csp_hash(source)
