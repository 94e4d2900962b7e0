"""Folding and indexing helpers of the search (hooks/portal/search.py), and its build output."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import html as lxml_html

from portal import paths, search
from portal.pages.search import _vietnamese_order

from conftest import parse, text_of


def test_fold_terms_keep_only_words_with_d_stroke_folded_once() -> None:
    text = "Phòng chống đuối nước, Đông Hà; đuối nước ở Đà Nẵng và ĐỒNG NAI."
    terms = search.fold_terms(text)
    # Pagefind folds tones itself; only words with đ/Đ need a folded copy.
    assert terms == ["duoi", "dong", "da"]
    assert "nuoc" not in terms and "phong" not in terms


def test_fold_terms_strip_punctuation_around_words_but_not_inside() -> None:
    assert search.fold_terms("(Đông), «đuối»; 35/KH-BCĐ.") == ["dong", "duoi", "35/kh-bcd"]


def test_number_terms_raw_folded_and_split() -> None:
    terms = search.number_terms("35/KH-BCĐ")
    assert terms[:2] == ["35/KH-BCĐ", "35/kh-bcd"]
    assert {"35", "KH", "BCĐ", "kh", "bcd"} <= set(terms)
    assert len(terms) == len(set(terms))
    assert search.number_terms("2189/KH-UBND")[:3] == ["2189/KH-UBND", "2189/kh-ubnd", "2189"]
    assert search.number_terms("  ") == []


def test_search_tail_starts_with_the_marker_the_browser_cuts_at() -> None:
    tail = search.search_tail("Tỉnh Đồng Nai", "35/KH-BCĐ")
    assert tail.startswith(search.TAIL_MARKER + " ")
    assert tail.split()[1:] == search.number_terms("35/KH-BCĐ") + ["dong"]
    assert search.search_tail("trẻ em có hoàn cảnh khó khăn") == ""
    js = (Path(__file__).parent.parent / "docs/assets/search.js").read_text(encoding="utf-8")
    # The browser's marker must be the very character the index writes.
    escaped = re.search(r'TAIL_MARKER = "\\u([0-9a-fA-F]{4})"', js)
    assert escaped and chr(int(escaped.group(1), 16)) == search.TAIL_MARKER


PAGE = """<!doctype html><html lang="vi"><head><title>t</title></head><body>
<nav>Đồng Tháp menu</nav>
<article><div data-pagefind-body>
<span data-pagefind-meta="number[data-value]" data-value="35/KH-BCĐ"></span>
<h1>Kế hoạch Đông Hà</h1><dl><dt>Số hiệu</dt><dd>35/KH-BCĐ</dd></dl><p>Phòng chống đuối nước</p>
</div></article><footer>Điện thoại</footer></body></html>"""


def test_prepare_adds_hidden_tail_inside_the_indexed_body_only() -> None:
    prepared = search.prepare(PAGE)
    assert prepared is not None
    root = lxml_html.document_fromstring(prepared)
    body = root.xpath("//*[@data-pagefind-body]")[0]
    tail = body[-1]
    assert tail.tag == "div" and tail.get("hidden") is not None
    words = tail.text.split()
    assert words[0] == search.TAIL_MARKER
    assert {"dong", "duoi", "35/kh-bcd", "bcd", "BCĐ", "35"} <= set(words)
    # Words outside the body (nav, footer) are not indexed, so not folded.
    assert "dien" not in words and "dong" in words and words.count("dong") == 1
    # <dt>/<dd> text no longer runs together.
    assert "Số hiệu 35/KH-BCĐ" in " ".join(body.text_content().split())


def test_prepare_leaves_pages_without_indexed_body_out() -> None:
    assert search.prepare("<html><body><main>Đông</main></body></html>") is None


def test_page_url_is_the_directory_url() -> None:
    site = Path("/site")
    assert search.page_url(site, site / "index.html") == "/"
    assert search.page_url(site, site / "don-vi/dong-nai/index.html") == "/don-vi/dong-nai/"
    assert search.page_url(site, site / "404.html") == "/404.html"


def test_heading_with_d_stroke_gets_an_ascii_anchor() -> None:
    import markdown

    html = markdown.markdown("## Đồng Nai và Đà Nẵng", extensions=["toc"],
                             extension_configs={"toc": {"slugify": paths.toc_slugify}})
    assert 'id="dong-nai-va-da-nang"' in html


def test_provinces_sort_by_name_without_level_or_tones() -> None:
    labels = ["tỉnh Quảng Nam", "thành phố Đà Nẵng", "tỉnh An Giang", "tỉnh Hà Giang"]
    assert sorted(labels, key=_vietnamese_order) == [
        "tỉnh An Giang", "thành phố Đà Nẵng", "tỉnh Hà Giang", "tỉnh Quảng Nam"]


def test_built_site_has_index_filters_and_header_search(sample_site: Path) -> None:
    bundle = sample_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not [name for name in search.UNUSED if (bundle / name).exists()]
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert "vi" in entry["languages"]
    # Units and documents are indexed; the home and the search page are not.
    assert entry["languages"]["vi"]["page_count"] >= 20
    plan = parse(sample_site / "don-vi/kien-giang/2023-ke-hoach-35/index.html")
    body = plan.xpath("//*[@data-pagefind-body]")
    assert len(body) == 1 and not body[0].xpath("ancestor-or-self::nav|ancestor::header|ancestor::footer")
    filters = {e.get("data-pagefind-filter"): e.get("data-value") for e in body[0].xpath(".//*[@data-pagefind-filter]")}
    assert filters == {"province[data-value]": "tỉnh Kiên Giang", "year[data-value]": "2023",
                       "kind[data-value]": "Kế hoạch"}
    assert plan.xpath("//*[@data-pagefind-meta='number[data-value]']/@data-value") == ["35/KH-BCĐ"]
    commune = parse(sample_site / "don-vi/thanh-hoa/ha-trung/ha-giang/index.html")
    assert commune.xpath("//*[@data-pagefind-meta='unit[data-value]']/@data-value") == [
        "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa"]
    for page in ("index.html", "tim-kiem/index.html"):
        assert not parse(sample_site / page).xpath("//*[@data-pagefind-body]"), page
    # Every page has the header search form pointing at the results page.
    for page in ("index.html", "don-vi/kien-giang/2023-ke-hoach-35/index.html", "huong-dan/index.html"):
        form = parse(sample_site / page).xpath("//header//form[@role='search']")
        assert len(form) == 1, page
        label = form[0].xpath(".//label")[0]
        assert form[0].xpath(f".//input[@id='{label.get('for')}'][@name='q']")
        assert text_of(label).startswith("Tìm kiếm")
        assert form[0].get("action").endswith("tim-kiem/")
    results = parse(sample_site / "tim-kiem/index.html")
    provinces = results.xpath("//select[@data-filter='province']/option/@value")
    assert "tỉnh Hà Giang" in provinces and "tỉnh Thanh Hóa" in provinces
    assert results.xpath("//select[@data-filter='year']/option/@value")[:2] == ["", "2025"]


def _body(fragment: str):
    return lxml_html.fragment_fromstring(f"<div data-pagefind-body>{fragment}</div>")


def test_compact_keeps_each_word_once_in_page_order() -> None:
    body = _body("<p>xã Hà Giang</p><h1>Trẻ em xã Hà Giang</h1><p>Trẻ em đuối nước. Trẻ em, đuối nước!</p>")
    search.compact(body, words=50)
    # A later repeat costs Pagefind one more position and adds nothing to find;
    # a heading is kept whole, since the first one is the result's title.
    assert body.text_content().split() == ["xã", "Hà", "Giang", "Trẻ", "em", "xã", "Hà", "Giang", "đuối", "nước."]


def test_compact_stops_at_the_word_budget_but_keeps_headings() -> None:
    words = " ".join(f"từ{i}" for i in range(40))
    body = _body(f"<h1>Kế hoạch</h1><p>{words}</p><h2>Giải pháp Đông</h2><p>cuối trang</p>")
    search.compact(body, words=10)
    kept = body.text_content().split()
    assert kept[:3] == ["Kế", "hoạch", "từ0"] and "từ9" in kept and "từ10" not in kept
    assert "cuối" not in kept and ["Giải", "pháp", "Đông"] == kept[-3:]


def test_prepare_indexes_only_the_excerpt_and_folds_from_it() -> None:
    filler = " ".join(f"câu{i}" for i in range(search.EXCERPT_WORDS))
    page = PAGE.replace("<p>Phòng chống đuối nước</p>", f"<p>{filler}</p><p>Phòng chống đuối nước</p>")
    body = lxml_html.document_fromstring(search.prepare(page)).xpath("//*[@data-pagefind-body]")[0]
    words = body.text_content().split()
    assert "đuối" not in words and "duoi" not in words and "dong" in words
    # Only the body reaches Pagefind: not the menu or the footer.
    assert "menu" not in search.prepare(page) and "Điện" not in search.prepare(page)
    full = lxml_html.document_fromstring(search.prepare(page, excerpt=False))
    assert {"đuối", "duoi"} <= set(full.text_content().split())
