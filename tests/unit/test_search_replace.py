"""The preview's search index: an entry replaced in place gives the files of an index built afresh."""

from __future__ import annotations

from portal.derive import search
from portal.model.site import SearchMeta

PLAN = SearchMeta(kind="Kế hoạch", year="2024", province="Tỉnh Thanh Hóa", unit="Xã Hà Giang")
NEWS = SearchMeta(kind="Tin tức", year="2024", province="Tỉnh Kiên Giang")


def _entry(path: str, title: str, body: str, meta: SearchMeta) -> search.Entry:
    return search.entry(path, title, f"<h1>{title}</h1><p>{body}</p>", meta)


def _index(entries: list[search.Entry]) -> search.Postings:
    postings = search.Postings([(e.path, e.meta) for e in entries])
    for e in entries:
        postings.add(e)
    return postings


def _files(outputs) -> dict[str, bytes]:
    return {o.path: o.data for o in outputs}


def test_replaced_entries_give_the_same_files_as_a_fresh_index() -> None:
    first = [
        _entry("don-vi/thanh-hoa/a/", "Kế hoạch bảo vệ trẻ em", "Phòng chống đuối nước cho trẻ em xã.", PLAN),
        _entry("don-vi/kien-giang/b/", "Tin phát động", "Tháng hành động vì trẻ em được phát động.", NEWS),
        _entry("don-vi/kien-giang/c/", "Tin Trung thu", "Đêm hội Trung thu cho thiếu nhi.", NEWS),
    ]
    kept = _index(first)
    encoded: dict[str, bytes] = {}
    assert _files(kept.outputs(encoded)) == _files(_index(first).outputs())
    assert encoded, "the encoded terms are kept"
    edited = [
        first[0],
        # New words, lost words, a word twice, another province (a facet emptied, another made).
        _entry("don-vi/kien-giang/b/", "Tin phát động đã sửa", "Diễn đàn trẻ em trẻ em bàn về an toàn trên mạng.",
               SearchMeta(kind="Tin tức", year="2024", province="Tỉnh An Giang")),
        first[2],
    ]
    kept.replace(edited[1])
    assert kept.dirty and "mạng" in kept.dirty and "hội" not in kept.dirty
    assert _files(kept.outputs(encoded)) == _files(_index(edited).outputs())
    assert not kept.dirty
    # And back: the words the edit added are gone again.
    kept.replace(first[1])
    assert _files(kept.outputs(encoded)) == _files(_index(first).outputs())
