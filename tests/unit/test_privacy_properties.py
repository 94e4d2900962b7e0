"""Properties of the privacy scanner over generated texts (hypothesis).

- However a mobile number is spelled (grouping, one kind of separator, digits as
  entities, fullwidth or with invisible characters after them, +84 or 84 or 0),
  it is found, read as its national form, at the place it was written.
- An amount or a count followed (or preceded) by its context word is never refused.
- The reader view only removes or decodes: offsets map back in order.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.content.privacy import AllowList, find, scan
from portal.content.readerview import reader_view

EMPTY = AllowList()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# One kind of separator per number, as people write them. A mix of "/" and
# "-" can make a phone look like a range of dates ("09-12-2023-1-2"), which the
# scanner reads as dates on purpose.
SEPARATORS = [" ", ".", "-", "/", "**", "** **", " - ", "\n", "\u200b", "\u00ad", "\u2060", "–", "_", "<b></b>",
              "\\-", "&#32;", "\u00a0", "＿"]
BEFORE = ["", "Gọi ", "Liên hệ ", "Số của mẹ em: ", "Em Lan – ", "SĐT: ", "Zalo: ", "Nhà em ở thôn 3, số ",
          "Gặp cô giáo chủ nhiệm, ", "**Điện thoại:** "]
AFTER = ["", ".", " nhé.", " để gặp em.", ")", " (buổi tối)", ", gặp bố em.", "\n\nĐoạn sau."]


def spell(digit: str, how: str) -> str:
    if how == "entity":
        return f"&#{ord(digit)};"
    if how == "hex":
        return f"&#x{ord(digit):x};"
    if how == "fullwidth":
        return chr(0xFF10 + int(digit))
    if how == "zero-width":
        return digit + "\u200b"
    return digit


@st.composite
def spelled_phones(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """(text, national number, where the number starts in text, where it ends)."""
    national = "0" + draw(st.sampled_from("35789")) + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=8, max_size=8)))
    prefix = draw(st.sampled_from(["", "", "+84", "84", "(+84) ", "+84 (0) "]))
    sign = ""
    if prefix == "+84":
        sign = draw(st.sampled_from(["+", "＋", "&#43;"]))
    digits = national if not prefix else ("84" if prefix in ("+84", "84") else "") + national[1:]
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=5)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)])]
    separator = draw(st.sampled_from(SEPARATORS))
    how = iter(draw(st.lists(st.sampled_from(["plain", "plain", "entity", "hex", "fullwidth", "zero-width"]),
                             min_size=len(digits), max_size=len(digits))))
    number = separator.join("".join(spell(d, next(how)) for d in group) for group in groups)
    number = sign + (prefix if prefix.startswith(("(", "+84 (")) else "") + number
    before, after = draw(st.sampled_from(BEFORE)), draw(st.sampled_from(AFTER))
    return before + number + after, national, len(before), len(before) + len(number)


@SETTINGS
@given(spelled_phones())
def test_every_spelling_of_a_mobile_number_is_found_where_it_is_written(case: tuple[str, str, int, int]) -> None:
    text, national, start, end = case
    phones = [f for f in find(text) if f.kind == "phone"]
    assert [f.read for f in phones] == [national], text
    [hit] = phones
    # At the place it was written: within the number (its sign and brackets included), not in the words around it.
    assert start <= hit.start < hit.end <= end, (text, hit)
    assert text[hit.start:hit.end] == hit.written
    # And refused with a line number, unless listed.
    assert [h.kind for h in scan(text, EMPTY)] == ["phone"]
    assert scan(text, AllowList.build(phones=[national])) == []


AMOUNT_AFTER = ["đồng", "triệu đồng", "tỷ đồng", "nghìn đồng", "VNĐ", "đ", "lượt", "lượt người", "người",
                "trẻ em", "em", "học sinh", "hộ", "%", "suất quà"]
AMOUNT_BEFORE = ["Kinh phí ", "Kinh phí: ", "Ngân sách ", "Tổng số ", "Tổng cộng: ", "Dự toán ", "Số lượt truy cập: ",
                 "Giá trị "]
PLAIN_BEFORE = ["", "Hỗ trợ ", "Có ", "Đạt ", "Năm 2024 có ", "Chương trình đến với ", "Trao "]


def grouped(value: int, how: str) -> str:
    text = str(value)
    if how == "bare":
        return text
    parts = []
    while text:
        parts.insert(0, text[-3:])
        text = text[:-3]
    return (".", " ", "\u00a0")[["dots", "spaces", "nbsp"].index(how)].join(parts)


@SETTINGS
@given(value=st.integers(10**8, 10**12 - 1), how=st.sampled_from(["bare", "dots", "spaces", "nbsp"]),
       before=st.sampled_from(PLAIN_BEFORE), after=st.sampled_from(AMOUNT_AFTER), gap=st.sampled_from([" ", "\u00a0", ""]),
       end=st.sampled_from(["", ".", " cho các xã.", ";"]))
def test_amounts_and_counts_with_their_word_after_are_never_refused(value: int, how: str, before: str, after: str,
                                                                    gap: str, end: str) -> None:
    if not gap and after[0].isalpha() and how != "bare":
        gap = " "
    text = f"{before}{grouped(value, how)}{gap or ' '}{after}{end}"
    assert scan(text, EMPTY) == [], text


@SETTINGS
@given(value=st.integers(10**8, 10**12 - 1), how=st.sampled_from(["bare", "dots", "spaces"]),
       before=st.sampled_from(AMOUNT_BEFORE), end=st.sampled_from(["", ".", " cho năm 2024."]))
def test_amounts_with_their_word_before_are_never_refused(value: int, how: str, before: str, end: str) -> None:
    text = f"{before}{grouped(value, how)}{end}"
    assert scan(text, EMPTY) == [], text


@SETTINGS
@given(st.lists(st.sampled_from(list("ab 09\n&#;%4") + ["ế", "\u200b", "\u00ad", "０", "e\u0301", "&#48;", "%40"]),
                max_size=40).map("".join))
def test_the_reader_view_maps_every_character_back_in_order(text: str) -> None:
    view = reader_view(text)
    origins = [view.origin(i) for i in range(len(view.text))]
    assert origins == sorted(origins)
    assert all(0 <= o < len(text) for o in origins)
    assert "\u200b" not in view.text and "\u00ad" not in view.text
    if view.text == text:
        assert origins == list(range(len(text)))
