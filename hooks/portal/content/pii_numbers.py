"""Which numbers in a text (as read, see :mod:`portal.content.readerview`) identify a person.

Plans are full of numbers: document numbers (2189/KH-UBND), dates, money
(1.250.000 đồng), counts (14/14), codes. The identifiers a child's or a family's
privacy depends on have a few shapes only:

- a mobile number: 0, 84 or +84, then 3/5/7/8/9 and eight digits;
- a citizen ID (CCCD, 12 digits, the first three a province code 001–096);
- an old ID card (CMND, 9 digits, the first two a province code 01–38, so 0–3 first);
- a social-insurance number (mã số BHXH, 10 digits), only where the text names it.

How the digits are joined does not matter to a reader, so it does not matter
here: groups separated by spaces, one line break, ``.``, ``-``, ``/``, ``\\``,
emphasis marks (``**``, ``_``, ``~~``, backticks), inline tags (``<b>``) or the
brackets of a Markdown link (``[0912](#)345678``) are one *chain* (not a comma: Vietnamese writes decimals with it, "0,912345678"). A gap holding whitespace splits a chain into
*words*; a candidate is a run of whole words, so "21/02/2023 0912345678" still
finds the phone, and "12.0912345678" (one word of 13 digits) finds nothing.

Context decides what the shape alone cannot, nearest word first:

1. A word right before that names an account or tax code (mã số thuế, số tài
   khoản…) means an organisation's code: nothing is reported.
2. A keyword before, on the same line and in the same clause, naming the kind
   (CCCD, CMND, căn cước, định danh, chứng minh, hộ chiếu → ID; điện thoại, SĐT,
   ĐT, số máy, di động, Zalo → phone; BHXH, BHYT → insurance) wins over
   everything after: «Số CCCD của em là 001234567890 em nhé» is an ID.
3. Otherwise an amount or count word after the number («đồng», «triệu», «tỷ»,
   «nghìn», «lượt», «người», «trẻ em», «em», «%»…) or before it («kinh phí»,
   «ngân sách», «tổng số»…) makes it an amount: ``300000000 đồng``, ``123456789 lượt``
   — unless it starts with 0 or "+": money and counts never do.
4. Without context: a mobile shape is a phone; 12 digits starting with a
   province code are a CCCD, grouped or not (a spaced CCCD needs no keyword);
   9 digits written as one block, starting with 0–3 and not ending in 000, are
   a CMND (money is rounded: ``125000000`` is an amount). Nine digits in groups
   (``186 543 210``) read as money without a keyword.

A word shaped like a date or a range of dates is never part of an identifier:
"03/6 - 09/6/2023" holds ten digits and "01/06–30/06/2020" twelve.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Province codes of the citizen ID (Thông tư 59/2021/TT-BCA, phụ lục): the
# 63 provinces as numbered before the 2025 mergers, which IDs keep.
PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 "
    "036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 "
    "074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)

_WS = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"
# Printable characters that show nothing (combining grapheme joiner, Hangul
# fillers, Khmer and Mongolian marks, variation selectors): the view keeps them
# in a text that needs no folding, so they join digit groups here.
_BLANK = r"\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u3164\ufe00-\ufe0f\uffa0"
_PUNCT = (rf"(?:\*{{1,3}}|_{{1,3}}|~~|`{{1,3}}|[.\-\u2010-\u2015\u2212/\\()\[{_BLANK}]|</?[A-Za-z][A-Za-z0-9]{{0,9}}\s*/?>"
          # The end of a Markdown link: "[0912](#)345678" and "[0912][a]345678" read as one number.
          r"|\]\([^()\s]{0,200}\)|\]\[[^\]\n]{0,40}\]|\])")
_GAP = rf"(?:{_WS}(?:{_PUNCT}{_WS}?){{0,3}}|{_PUNCT}(?:{_WS}?{_PUNCT}){{0,2}}{_WS}?)"
_CHAIN = re.compile(rf"\d+(?:{_GAP}\d+)*")
_GROUP = re.compile(r"\d+")
_NINE_DIGITS = re.compile(r"(?:\D*\d){9}")


class _AsciiDigits(dict):
    """str.translate table: any decimal digit (Arabic-Indic, Devanagari…) to its ASCII form."""

    def __missing__(self, code: int) -> int:
        value = unicodedata.decimal(chr(code), None)
        self[code] = ord(str(value)) if value is not None else code
        return self[code]


_ASCII_DIGITS = _AsciiDigits()
_SPACE = re.compile(r"\s")
def _date(name: str, separators: str) -> str:
    """A day/month[/year] whose separators are one of ``separators``, the same twice (group ``name``)."""
    return rf"(?:0?[1-9]|[12]\d|3[01])(?P<{name}>[{separators}])(?:0?[1-9]|1[0-2])(?:(?P={name})(?:\d{{4}}|\d{{2}}))?"


_DATE_WORD = re.compile(
    rf"{_date('a', './-')}"
    # A range of dates in one word, as the calendar prints them ("01/06–30/06/2020"),
    # joined by a dash that is not the dates' own separator: "09-12-2023-1-2" is no range.
    rf"|{_date('b', './')}(?:[\-\u2010-\u2015]{_date('c', './')})+"
    rf"|{_date('d', './-')}(?:[\u2013\u2014]{_date('e', './-')})+"
)
"""A date or a range of dates in one word."""
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)
_SIGN = re.compile(r"(?:\(\s?)?\+\s?$")
_MOBILE = re.compile(r"0[35789]\d{8}|84[35789]\d{8}|840[35789]\d{8}")

_LETTER = r"[^\W\d_]"
_KEYWORDS = re.compile(
    rf"(?<!{_LETTER})(?:"
    r"(?P<id>cccd|cmnd|cmt|căn cước|can cuoc|chứng minh|chung minh|định danh|dinh danh|hộ chiếu|ho chieu"
    r"|giấy tờ tùy thân|giấy tờ tuỳ thân)"
    r"|(?P<phone>sđt|sdt|đt|đtdđ|điện thoại|dien thoai|số máy|so may|di động|di dong|zalo|hotline|nhắn tin)"
    r"|(?P<insurance>bhxh|bhyt|bảo hiểm xã hội|bảo hiểm y tế)"
    r"|(?P<amount>kinh phí|ngân sách|dự toán|số tiền|tổng số|tổng cộng|tổng(?! đài)|giá trị|số lượt|lượt truy cập|doanh thu)"
    rf")(?!{_LETTER})",
    re.IGNORECASE,
)
_CODE_BEFORE = re.compile(
    r"(?<!\w)(?:mã số thuế|mst|mã đơn vị|mã qhns|mã ngân sách|số tài khoản|stk|tài khoản|mã bưu chính|mã số doanh nghiệp)"
    r"\W{0,5}$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(
    r"[\s)*_~\]]{0,3}(?:đồng|đ|vnđ|vnd|usd|triệu|tr|tỷ|tỉ|nghìn|ngàn|trăm|%|người|lượt|trẻ|em|hộ|học sinh"
    rf"|cháu|lần|suất|phần|m2|m²|km|kg|ha)(?!{_LETTER})",
    re.IGNORECASE,
)
# Where a clause ends: a keyword before it speaks of something else.
_CLAUSE_END = re.compile(r"[;!?\n]|\.\s")
_WINDOW = 60
"""How far before a number a keyword is looked for (characters of the same line and clause)."""


@dataclass(frozen=True)
class NumberHit:
    """An identifier found in a view: its span in the view, its kind and its digits."""

    start: int
    end: int
    kind: str
    """"phone", "cccd", "cmnd" or "insurance"."""
    digits: str


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    digits: str
    groups: int
    date: bool


# Nine digits as written, joined by anything a gap of the view may be made of
# (separators, markup, invisible characters, the rest of an entity, escape or
# percent-encoding): a text without such a run holds no identifier as read, and
# most texts are skipped here, at the speed of one search, before any view is made.
_WRITTEN_JOIN = (
    rf"(?:\s++|[.\-\u2010-\u2015\u2212/\\*_~`()\[\];%,\uff0d\uff0e\uff0f\uff3f\u00ad\u061c\u180e{_BLANK}"
    r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]|&#[xX]?|\\[xuU]|&[A-Za-z]{2,31};?"
    r"|</?[A-Za-z][A-Za-z0-9]{0,9}\s*/?>|\]\([^()\s]{0,200}\)|\]\[[^\]\n]{0,40}\])"
)
_WRITTEN_NINE = re.compile(rf"\d(?:{_WRITTEN_JOIN}{{0,12}}\d){{8}}")


def maybe(written: str) -> bool:
    """False when ``written`` cannot show nine digits in a row to a reader (then :func:`find` finds nothing)."""
    return bool(_WRITTEN_NINE.search(written))


def find(view: str) -> Iterator[NumberHit]:
    """Every identifier in ``view`` (a text as read), in order."""
    urls: list[tuple[int, int]] | None = None
    for chain in _CHAIN.finditer(view):
        if chain.end() - chain.start() < 9 or not _NINE_DIGITS.match(chain.group(0)):
            continue
        words = _words(view, chain.start(), chain.group(0))
        if sum(len(w.digits) for w in words) < 9:
            continue
        if urls is None:
            urls = [m.span() for m in _URL.finditer(view)] if "/" in view or "www" in view else []
        yield from _candidates(view, words, urls)


def _words(view: str, offset: int, chain: str) -> list[_Word]:
    words: list[_Word] = []
    groups = list(_GROUP.finditer(chain))
    first = 0
    for i, group in enumerate(groups):
        last = i + 1 == len(groups)
        if last or _SPACE.search(chain, group.end(), groups[i + 1].start()):
            start, end = groups[first].start(), group.end()
            text = chain[start:end]
            digits = "".join(g.group(0) for g in groups[first : i + 1])
            if not digits.isascii():
                digits = digits.translate(_ASCII_DIGITS)
            words.append(_Word(offset + start, offset + end, digits, i + 1 - first, bool(_DATE_WORD.fullmatch(text))))
            first = i + 1
    # A number glued to letters after it ("2023HS", "5G"), followed by
    # "/letters" (a document number such as 0912/QĐ-UBND) or a decimal part
    # ("0912345678,5") is not an identifier; nor is a decimal part itself.
    end = words[-1].end
    after = view[end + 1 : end + 2]
    if end < len(view) and (view[end].isalpha() or (view[end] in "/," and (after.isalnum()))):
        words.pop()
    if words and offset >= 2 and view[offset - 1] == "," and view[offset - 2].isdigit():
        words.pop(0)
    return words


def _candidates(view: str, words: list[_Word], urls: list[tuple[int, int]]) -> Iterator[NumberHit]:
    i = 0
    while i < len(words):
        found = None
        # Longest run of whole words first: "84 912 345 678" is one phone.
        for j in range(len(words), i, -1):
            run = words[i:j]
            digits = "".join(w.digits for w in run)
            if len(digits) > 15 or any(w.date for w in run):
                continue
            kind = classify(view, run[0].start, run[-1].end, digits, sum(w.groups for w in run) > 1, urls)
            if kind is not None:
                start = run[0].start
                if kind == "phone" and digits.startswith("84"):
                    # The country code's "+" and brackets belong to the number as written.
                    sign = _SIGN.search(view, max(0, start - 4), start)
                    start = sign.start() if sign else start
                elif kind == "insurance":
                    # A health-insurance card number starts with two letters (GD479…).
                    while start > 0 and start > run[0].start - 3 and view[start - 1].isalpha():
                        start -= 1
                found = NumberHit(start, run[-1].end, kind, digits)
                i = j
                break
        if found is None:
            i += 1
        else:
            yield found


def classify(view: str, start: int, end: int, digits: str, grouped: bool,
             urls: list[tuple[int, int]] = ()) -> str | None:  # type: ignore[assignment]
    """The kind of identifier ``digits`` (at ``view[start:end]``) is, or None (see the module's rules)."""
    n = len(digits)
    if n < 9:
        return None
    line_start = view.rfind("\n", 0, start) + 1
    before = view[max(line_start, start - _WINDOW) : start]
    if _CODE_BEFORE.search(before):
        return None
    clauses = list(_CLAUSE_END.finditer(before))
    clause = before[clauses[-1].end() :] if clauses else before
    keyword = None
    for match in _KEYWORDS.finditer(clause):
        keyword = match.lastgroup
    glued_letters = start > 0 and view[start - 1].isalpha()
    signed = bool(_SIGN.search(view, max(0, start - 4), start))
    # Money and counts are never written with a leading zero: a number that
    # starts with 0 stays an identifier whatever word follows it.
    amount = digits[0] != "0" and not signed and (keyword == "amount" or bool(_AMOUNT_AFTER.match(view, end)))
    if keyword == "insurance" and (n == 10 or (n == 13 and glued_letters)):
        return "insurance"
    if _MOBILE.fullmatch(digits) and not amount:
        return "phone"
    if keyword == "phone" and n == 9 and digits[0] in "35789":
        return "phone"
    if keyword == "id" and n in (9, 12):
        return "cmnd" if n == 9 else "cccd"
    if amount:
        return None
    # Long numbers inside web addresses are page and document ids.
    if any(s < end and start < e for s, e in urls):
        return None
    if n == 12 and digits[:3] in PROVINCE_CODES:
        return "cccd"
    if n == 9 and not grouped and digits[0] in "0123" and (digits[0] == "0" or not digits.endswith("000")):
        return "cmnd"
    return None
