"""Lunar dates as documents write them, turned into solar days with :mod:`portal.lunar`.

An activity may say ``lunar: 15/8`` (day/month), ``lunar: 15/8/2024``,
``lunar: rằm tháng Tám`` or ``lunar: mùng 1 tháng Giêng``; "âm lịch" may be
added and "nhuận" marks the leap month. The year, when not written, is the
document's year. The written form is kept for display beside the solar day.
"""

from __future__ import annotations

import re
import unicodedata

from . import lunar
from .dates import DateSpan, PartialDate
from .records import LunarDay

FORMS = "15/8, 15/8/2024, rằm tháng Tám, mùng 1 tháng Giêng (có thể thêm «âm lịch», «nhuận»)"

_MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "một một": 11, "chạp": 12, "mười hai": 12,
}
_NUMERIC = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?")
_WORDED = re.compile(r"(?:(rằm)|(?:mùng|mồng|ngày)\s+(\d{1,2}))\s+tháng\s+(\d{1,2}|[^\d\s].*?)(?:\s+năm\s+(\d{4}))?")


def parse(text: str) -> LunarDay:
    """The lunar day ``text`` names; ValueError (Vietnamese) when it is not one of FORMS."""
    shown = " ".join(unicodedata.normalize("NFC", text).split())
    low = shown.lower()
    leap = "nhuận" in low
    core = re.sub(r"\b(âm lịch|al|nhuận)\b", " ", low)
    core = " ".join(core.replace("(", " ").replace(")", " ").split())
    match = _NUMERIC.fullmatch(core)
    if match:
        day, month = int(match.group(1)), int(match.group(2))
        year = int(match.group(3)) if match.group(3) else None
    else:
        match = _WORDED.fullmatch(core)
        if not match:
            raise ValueError(f"«{shown}» không phải ngày âm lịch đọc được; viết ví dụ: {FORMS}")
        day = 15 if match.group(1) else int(match.group(2))
        word = match.group(3).strip()
        month = int(word) if word.isdigit() else _MONTH_WORDS.get(word, 0)
        year = int(match.group(4)) if match.group(4) else None
    if not 1 <= month <= 12:
        raise ValueError(f"«{shown}»: tháng âm lịch phải từ 1 (tháng Giêng) đến 12 (tháng Chạp)")
    if not 1 <= day <= 30:
        raise ValueError(f"«{shown}»: ngày âm lịch phải từ 1 đến 30")
    return LunarDay(day, month, shown, year, leap)


def label(day: LunarDay) -> str:
    """Short display form: "15/8" or "15/4 nhuận" (without the year)."""
    return f"{day.day}/{day.month}" + (" nhuận" if day.leap else "")


def to_span(day: LunarDay, year: int) -> DateSpan:
    """The solar day of ``day`` in lunar year ``day.year or year``; ValueError when it does not exist."""
    solar = lunar.to_solar(lunar.LunarDate(day.year or year, day.month, day.day, day.leap))
    single = PartialDate.of(solar)
    return DateSpan(single, single, lunar=label(day))
