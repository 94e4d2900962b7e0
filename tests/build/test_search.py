"""The search index (hooks/portal/derive/search.py): words, encodings, shards, page order, and the built sample."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from portal import paths
from portal.derive import search, search_codec
from portal.model.site import SearchMeta
from portal.output.pages.search import _vietnamese_order

from conftest import parse, text_of

INDEX = search.INDEX_DIR


def test_words_are_lower_case_nfc_and_split_like_the_browser() -> None:
    decomposed = "Đuo\u0302\u0301i"  # "Đuối" typed with combining marks
    assert search.words(f"Phòng chống {decomposed} NƯỚC, 35/KH-BCĐ; snake_case") == [
        "phòng", "chống", "đuối", "nước", "35", "kh", "bcđ", "snake", "case"]
    assert search.words("x" * (search.MAX_WORD + 1) + " ok") == ["ok"]
    js = (Path(__file__).parents[2] / "docs/assets/search.js").read_text(encoding="utf-8")
    # The browser must split and fold queries as the index does.
    assert f'var INDEX_DIR = "{search.INDEX_DIR}"' in js and f"var MAX_WORD = {search.MAX_WORD};" in js


def test_terms_add_folded_pairs_of_adjacent_words() -> None:
    assert search.terms("Phòng, chống đuối nước") == [
        "phòng", "chống", "đuối", "nước", "phong chong", "chong duoi", "duoi nuoc"]


def test_entry_takes_text_headings_and_excerpt_from_html() -> None:
    html = ('<nav class="pt-crumbs"><a href="../">Đơn vị</a></nav><h1>Kế hoạch &amp; Đông Hà</h1>'
            '<script>var x = "không";</script><svg><text>icon</text></svg><!-- ghi chú -->'
            '<dl><dt>Số hiệu</dt><dd>35/KH-BCĐ</dd></dl><h2 id="a">Mục <em>đích</em></h2><p>Phòng chống đuối nước</p>')
    e = search.entry("don-vi/x/y/", "Kế hoạch & Đông Hà", html, SearchMeta(kind="Kế hoạch", year="2023"))
    title, strong, body = (set(words.split("\n")) for words in e.places)
    # Each term under its best place only: the title's words, then the headings', then the rest.
    assert {"kế", "hoạch", "đông", "hà", "ke hoach", "dong ha"} <= title
    assert {"mục", "đích", "muc dich"} <= strong and not strong & title
    assert {"35", "kh", "bcđ", "phòng", "đuối", "nước", "duoi nuoc", "đơn", "vị"} <= body
    assert not body & (title | strong)
    # Scripts, icons and comments are not text.
    assert not {"var", "x", "không", "icon", "ghi", "chú"} & (title | strong | body)
    # The crumbs and the title are above the excerpt already.
    assert e.excerpt == "Số hiệu 35/KH-BCĐ Mục đích Phòng chống đuối nước"
    assert e.meta == SearchMeta(kind="Kế hoạch", year="2023")
    long = search.entry("p/", "T", "<h1>T</h1><p>" + "chữ " * 1000 + "</p>", SearchMeta(kind=""))
    assert len(long.excerpt) <= search.EXCERPT_CHARS + 2 and long.excerpt.endswith(" …")


def test_varint_round_trip() -> None:
    for value in (0, 1, 127, 128, 300, 16383, 16384, 2**31 - 1):
        encoded = search_codec.varint(value)
        assert search_codec.read_varint(encoded + b"\xff", 0) == (value, len(encoded))
    assert search_codec.varint(127) == b"\x7f" and search_codec.varint(128) == b"\x80\x01"


def test_lists_round_trip_and_take_the_shorter_encoding() -> None:
    rng = random.Random(6)
    pages = 25_000
    for ids in ([], [0], [7], [5, 6, 7, 300], sorted(rng.sample(range(pages), 40)),
                sorted(rng.sample(range(pages), 12_000)), list(range(pages))):
        encoded = search_codec.encode_list(ids)
        assert search_codec.decode_list(encoded + b"\x00") == (ids, len(encoded))
        # Never more than a bitmap over all pages, plus its header.
        assert len(encoded) <= pages // 8 + 4
    assert search_codec.encode_list(range(pages))[0] & 1, "a word on every page is a bitmap"
    assert not search_codec.encode_list([3, 900, 20_000])[0] & 1, "a rare word is a list of gaps"


def test_shards_stay_under_the_limit_except_a_single_large_term() -> None:
    sizes = [400, 300, 500, 2_000, 100, 100, 900]
    terms = [bytes(n) for n in sizes]
    runs = search_codec.shards(terms, limit=1_000)
    assert [i for run in runs for i in run] == list(range(len(terms)))
    assert runs == [[0, 1], [2], [3], [4, 5], [6]]
    for run in runs:
        assert len(run) == 1 or sum(sizes[i] for i in run) <= 1_000


def test_shard_of_is_the_last_shard_not_after_the_key() -> None:
    firsts = ["0", "bao", "dong", "ha", "ha giang", "tre"]
    assert search_codec.shard_of(firsts, "") == 0
    assert search_codec.shard_of(firsts, "an") == 0
    assert search_codec.shard_of(firsts, "dong") == 2
    assert search_codec.shard_of(firsts, "dong nai") == 2
    assert search_codec.shard_of(firsts, "ha gi") == 3
    assert search_codec.shard_of(firsts, "hai") == 4
    assert search_codec.shard_of(firsts, "zzz") == 5
    # The order the browser compares in (UTF-16), not code points.
    assert sorted(["\U0001F600", "\uffff"], key=search_codec.order_key) == ["\U0001F600", "\uffff"]


def _entries() -> list[search.Entry]:
    def doc(path: str, title: str, body: str, kind: str, year: str, unit: str, number: str = "") -> search.Entry:
        return search.entry(path, title, f"<h1>{title}</h1><p>{body}</p>",
                            SearchMeta(kind=kind, year=year, unit=unit, province=unit.split(", ")[-1],
                                       number=number))

    return [
        doc("don-vi/a/2021-kh/", "Kế hoạch trẻ em năm 2021", "Phòng chống đuối nước.", "Kế hoạch", "2021",
            "tỉnh Hà Giang", "35/KH-BCĐ"),
        doc("don-vi/a/2023-tin/", "Tết Trung thu", "Nơi đông người, đuôi cá.", "Tin tức", "2023", "tỉnh Hà Giang"),
        search.entry("don-vi/b/c/", "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa", "<p>Động viên trẻ em</p>",
                     SearchMeta(kind="Đơn vị", unit="xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa",
                      province="tỉnh Thanh Hóa")),
        search.entry("don-vi/a/", "tỉnh Hà Giang", "<p>Đồng bào</p>",
                     SearchMeta(kind="Đơn vị", unit="tỉnh Hà Giang", province="tỉnh Hà Giang")),
        search.entry("huong-dan/", "Hướng dẫn", "<h1>Hướng dẫn</h1><h2>Đuôi tệp</h2><p>nước</p>",
                     SearchMeta(kind=search.GUIDE_KIND)),
    ]


def _read(outputs: list) -> tuple[dict, dict[str, bytes]]:
    files = {o.path.removeprefix(INDEX): o.data for o in outputs}
    assert all(o.path.startswith(INDEX) for o in outputs)
    return json.loads(files["manifest.json"]), files


def _terms(manifest: dict, files: dict[str, bytes]) -> dict:
    found: dict = {}
    for number in range(len(manifest["shards"])):
        shard = search_codec.decode_shard(files[f"s/{number}.bin"])
        assert min(shard, key=search_codec.order_key) == manifest["shards"][number]
        found.update(shard)
    return found


def test_build_is_the_same_for_any_order_of_entries() -> None:
    entries = _entries()
    first = search.build(entries)
    for seed in (1, 2, 3):
        shuffled = entries[:]
        random.Random(seed).shuffle(shuffled)
        assert search.build(shuffled) == first
    assert len({o.path for o in first}) == len(first)


def test_excerpts_are_packed_by_runs_of_page_ids_and_change_the_version() -> None:
    entries = _entries()
    manifest, files = _read(search.build(entries))
    per = manifest["excerpts"]
    assert per == search.EXCERPTS_PER_CHUNK > 1
    texts = [t for n in range(0, manifest["pages"], per) for t in json.loads(files[f"t/{n // per}.json"])]
    # One file per run of ids, none per page: 5 pages are two files of at most 4 texts.
    assert len([p for p in files if p.startswith("t/")]) == -(-manifest["pages"] // per)
    assert texts[3] == "Phòng chống đuối nước." and len(texts) == manifest["pages"]
    # An excerpt that changes alone still changes the version (browsers must not keep the old file).
    changed = [replace(entries[0], excerpt=entries[0].excerpt + " Sửa."), *entries[1:]]
    again, _ = _read(search.build(changed))
    assert again["version"] != manifest["version"]


def test_pages_are_numbered_in_static_rank_order() -> None:
    manifest, files = _read(search.build(_entries()))
    assert manifest["pages"] == 5 and manifest["units"] == 2 and manifest["chunk"] == search.RECORDS_PER_CHUNK
    records = json.loads(files["r/0.json"])
    # Units by level, documents newest first, then guides.
    assert [r[0] for r in records] == ["don-vi/a/", "don-vi/b/c/", "don-vi/a/2023-tin/", "don-vi/a/2021-kh/",
                                       "huong-dan/"]
    assert records[3] == ["don-vi/a/2021-kh/", "Kế hoạch trẻ em năm 2021", "tỉnh Hà Giang", "Kế hoạch", "2021",
                          "35/KH-BCĐ"]
    assert records[1][2] == "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa"
    assert json.loads(files["t/0.json"])[3] == "Phòng chống đuối nước."


def test_folded_keys_keep_every_written_form_with_its_place() -> None:
    manifest, files = _read(search.build(_entries()))
    terms = _terms(manifest, files)
    # One key per folded word; under it each form as written, lower case.
    assert set(terms["dong"]) == {"đông", "động", "đồng"}
    assert terms["dong"]["đông"] == ([], [], [2])
    assert set(terms["duoi"]) == {"đuối", "đuôi"}
    # A unit's own name is its title, its parents are strong, its text body.
    title, strong, body = terms["ha"]["hà"]
    assert 0 in title and 1 in title and 2 in strong and 3 in strong
    # "Trung thu" is the news' title; "Hà Trung" is the commune's parent, not its name.
    assert terms["trung"]["trung"] == ([2], [1], [])
    # The guide's heading "Đuôi tệp" is strong; the document's "đuối nước" is body.
    assert terms["duoi"]["đuôi"] == ([], [4], [2])
    assert terms["duoi"]["đuối"] == ([], [], [3])
    # Side by side: only the document has "đuối nước" as a phrase.
    assert terms["duoi nuoc"] == {"duoi nuoc": ([], [], [3])}
    # Document numbers: each part, title place.
    assert terms["bcd"]["bcđ"][0] == [3] and terms["35"]["35"][0] == [3]


def test_filters_are_page_lists_named_in_the_manifest() -> None:
    manifest, files = _read(search.build(_entries()))
    assert set(manifest["filters"]) == {"province", "year", "kind"}

    def pages(facet: str, value: str) -> list[int]:
        return search_codec.decode_list(files[f"f/{manifest['filters'][facet][value]}.bin"])[0]

    assert pages("province", "tỉnh Hà Giang") == [0, 2, 3]
    assert pages("kind", "Đơn vị") == [0, 1]
    assert pages("year", "2023") == [2]
    assert "Hướng dẫn" in manifest["filters"]["kind"]


def test_real_shards_respect_the_size_target() -> None:
    text = " ".join(f"từ{i} chữ{i % 97}" for i in range(20_000))
    entries = [search.entry(f"p{n}/", f"Trang {n}", f"<p>{text[n * 50:n * 50 + 4000]}</p>", SearchMeta(kind="Tin tức"))
               for n in range(300)]
    manifest, files = _read(search.build(entries))
    sizes = [len(files[f"s/{i}.bin"]) for i in range(len(manifest["shards"]))]
    assert len(sizes) > 1 and max(sizes) <= search_codec.SHARD_BYTES + 16
    assert manifest["shards"] == sorted(manifest["shards"], key=search_codec.order_key)
    assert len(_terms(manifest, files)) > 1_000


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
    index = sample_site / INDEX
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    # Units, documents, calendars and guides are indexed; the home, lists and the search page are not.
    records = [r for n in range(0, manifest["pages"], manifest["chunk"])
               for r in json.loads((index / f"r/{n // manifest['chunk']}.json").read_text(encoding="utf-8"))]
    assert len(records) == manifest["pages"] >= 30
    by_path = {r[0]: r for r in records}
    # A former unit's record ends with the note saying where it went (issue 20).
    assert by_path["don-vi/kien-giang/2023-ke-hoach-35/"][2:] == ["tỉnh Kiên Giang", "Kế hoạch", "2023", "35/KH-BCĐ",
                                                                 "đơn vị cũ: tỉnh Kiên Giang (đến 30/06/2025), nay thuộc tỉnh An Giang"]
    assert by_path["don-vi/thanh-hoa/ha-trung/ha-giang/"][1:4] == [
        "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa", "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa", "Đơn vị"]
    assert by_path["huong-dan/"][3] == search.GUIDE_KIND
    assert not {"", "tim-kiem/", "tin-tuc/", "don-vi/"} & set(by_path)
    assert set(manifest["filters"]["province"]) >= {"tỉnh Hà Giang", "tỉnh Thanh Hóa"}
    # No trace of Pagefind in the pages.
    plan = (sample_site / "don-vi/kien-giang/2023-ke-hoach-35/index.html").read_text(encoding="utf-8")
    assert "pagefind" not in plan and not (sample_site / "pagefind").exists()
    # Every page has the header search form pointing at the results page.
    for page in ("index.html", "don-vi/kien-giang/2023-ke-hoach-35/index.html", "huong-dan/index.html"):
        form = parse(sample_site / page).xpath("//header//form[@role='search']")
        assert len(form) == 1, page
        label = form[0].xpath(".//label")[0]
        assert form[0].xpath(f".//input[@id='{label.get('for')}'][@name='q']")
        assert text_of(label).startswith("Tìm kiếm")
        assert form[0].get("action").endswith("tim-kiem/")
    results = parse(sample_site / "tim-kiem/index.html")
    # Current and former provinces are in two groups since issue 20.
    provinces = results.xpath("//select[@data-filter='province']//option/@value")
    assert "tỉnh Hà Giang" in provinces and "tỉnh Thanh Hóa" in provinces
    assert set(provinces[1:]) <= set(manifest["filters"]["province"])
    assert results.xpath("//select[@data-filter='year']/option/@value")[:2] == ["", "2025"]


def test_terms_encoded_on_several_cores_equal_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(f"từ{i} chữ{i % 97} Đông{i % 13}" for i in range(6_000))
    entries = [search.entry(f"p{n}/", f"Trang {n}", f"<p>{text[n * 40:n * 40 + 3000]}</p>", SearchMeta(kind="Tin tức"))
               for n in range(120)]
    alone = search.build(entries)
    monkeypatch.setattr(search, "PARALLEL_FROM", 1)
    monkeypatch.setenv("PORTAL_WORKERS", "2")
    shared = search.build(entries)
    assert [(o.path, o.data) for o in shared] == [(o.path, o.data) for o in alone]
    assert len(alone) > 10
