"""The suggestion vocabulary: single folded words, most frequent first, with their usual written form."""

from __future__ import annotations

from array import array

from portal.derive import search_vocabulary
from portal.derive.search_vocabulary import vocabulary


def ids(*pages: int) -> array:
    return array("i", pages)


def test_order_forms_and_what_is_left_out() -> None:
    by_key = {"tet": ["tết", "tet"], "trung": ["trung"], "trung thu": ["trung thu"], "2189": ["2189"],
              "a": ["a"], "kh": ["kh"], "dong": ["đông", "động", "đồng"]}
    title = {"tết": ids(1, 2, 3), "tet": ids(4), "trung": ids(1), "trung thu": ids(1), "2189": ids(5), "a": ids(1)}
    strong = {"đông": ids(1), "động": ids(2, 3)}
    body = {"kh": ids(9), "đồng": ids(4)}
    lines = vocabulary(by_key, (title, strong, body)).decode("utf-8").splitlines()
    # tet: 4 pages, dong: 4 pages (ties by key), trung 1, kh 1; no pairs, numbers or single letters.
    assert lines == ["dong\tđộng", "tet\ttết", "kh", "trung"]


def test_capped_at_the_most_frequent(monkeypatch) -> None:
    monkeypatch.setattr(search_vocabulary, "MAX_WORDS", 2)
    by_key = {"mot": ["một"], "hai": ["hai"], "ba": ["ba"]}
    title = {"một": ids(1, 2, 3), "hai": ids(1, 2), "ba": ids(1)}
    assert vocabulary(by_key, (title, {}, {})).decode("utf-8").splitlines() == ["mot\tmột", "hai"]


def test_empty_index() -> None:
    assert vocabulary({}, ({}, {}, {})) == b""
