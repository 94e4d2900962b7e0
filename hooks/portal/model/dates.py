"""Partial dates and spans as plans write them, and their Vietnamese forms."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2}))?)?)?$")

RANGE_HINT = (
    "khoảng ngày viết NGÀY..NGÀY (2023-06-01..2023-06-30), nhiều ngày rời nhau viết "
    "cách nhau dấu phẩy (2023-06-01, 2023-06-15)"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    """Gregorian year."""
    month: int | None = None
    """1-12, or None when only the year is known."""
    day: int | None = None
    """Day of month, or None when only the month (or year) is known."""
    time: str = ""
    """Time of day "19:00" when stated (only with a day); "" otherwise."""

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts) + (f"T{self.time}" if self.time else "")

    def vietnamese(self) -> str:
        """Long form of official documents: "ngày 21 tháng 02 năm 2023"."""
        if self.month is None:
            return f"năm {self.year}"
        month = f"tháng {_month(self.month)} năm {self.year}"
        if self.day is None:
            return month
        return f"{self._at()}ngày {self.day:02d} {month}"

    def _at(self) -> str:
        return f"{self.time.replace(':', ' giờ ')} " if self.time else ""

    def short(self) -> str:
        """Short form for tables: "21/02/2023", "3/2023", "2023"."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{self.month}/{self.year}"
        return f"{self.day:02d}/{self.month:02d}/{self.year}" + (f" {self.time}" if self.time else "")

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)


def _month(month: int) -> str:
    # Decree 30/2020/ND-CP: days under 10 and months 1 and 2 take a leading zero.
    return f"{month:02d}" if month <= 2 else str(month)


# Documents repeat the same dates (campaign days, a year's plans): the result
# is immutable, so each distinct text is parsed once per process.
@functools.lru_cache(maxsize=65536)
def parse_partial(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``; ValueError in Vietnamese."""
    match = _DATE_RE.match(text.strip())
    if not match:
        raise ValueError(
            f"«{text}» không phải ngày hợp lệ: viết theo dạng NĂM-THÁNG-NGÀY "
            "(2023-02-21), có giờ (2019-05-31T19:00), NĂM-THÁNG (2023-03) hoặc NĂM (2023)"
        )
    year, month, day = (int(g) if g else None for g in match.groups()[:3])
    hour, minute = match.group(4), match.group(5)
    time = ""
    if hour is not None:
        if int(hour) > 23 or int(minute) > 59:
            raise ValueError(f"«{text}»: giờ {hour}:{minute} không tồn tại (từ 00:00 đến 23:59)")
        time = f"{hour}:{minute}"
    assert year is not None
    if year == 0:
        # Python dates start at year 1; "0000" would crash later checks with a traceback.
        raise ValueError(f"«{text}»: năm 0 không tồn tại")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"«{text}»: tháng {month} không tồn tại (tháng từ 01 đến 12)")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"«{text}»: ngày {day} không tồn tại, tháng {month}/{year} chỉ có {last} ngày"
            )
    return PartialDate(year, month, day, time)


@dataclass(frozen=True)
class DateSpan:
    """A single partial date or a range of two."""

    start: PartialDate
    """First date (inclusive)."""
    end: PartialDate
    """Last date (inclusive); equal to ``start`` for a single date."""
    days: tuple[PartialDate, ...] = ()
    """The separate days of a list ("2023-06-01, 2023-06-15"); empty otherwise."""
    lunar: str = ""
    """The lunar form the document wrote ("rằm tháng Tám"), shown beside the solar day."""

    @property
    def is_range(self) -> bool:
        return self.start != self.end

    def _lunar(self) -> str:
        return f" ({self.lunar} âm lịch)" if self.lunar else ""

    def vietnamese(self) -> str:
        if self.days:
            return "các ngày " + ", ".join(d.short() for d in self.days)
        if not self.is_range:
            return self.start.vietnamese() + self._lunar()
        return f"từ {self.start.short()} đến {self.end.short()}"

    def short(self) -> str:
        if self.days:
            return ", ".join(d.short() for d in self.days)
        if not self.is_range:
            return self.start.short() + self._lunar()
        return f"{self.start.short()}–{self.end.short()}"

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.start.first_day <= last and self.end.last_day >= first


@functools.lru_cache(maxsize=65536)
def parse_span(text: str) -> DateSpan:
    """Parse a date, a range ``START..END`` or a list ``D1, D2`` (partial dates allowed)."""
    if "," in text:
        return _parse_list(text)
    if ".." not in text:
        try:
            single = parse_partial(text)
        except ValueError as error:
            raise ValueError(f"{error}; {RANGE_HINT}") from None
        return DateSpan(single, single)
    left, _, right = text.partition("..")
    start, end = parse_partial(left), parse_partial(right)
    if end.last_day < start.first_day:
        raise ValueError(f"«{text}»: ngày kết thúc đứng trước ngày bắt đầu")
    return DateSpan(start, end)


def _parse_list(text: str) -> DateSpan:
    items = [part.strip() for part in text.split(",")]
    if ".." in text or any(not part for part in items):
        raise ValueError(f"«{text}» không đọc được: {RANGE_HINT}, không trộn hai cách")
    days: list[PartialDate] = []
    for part in items:
        try:
            day = parse_partial(part)
        except ValueError as error:
            raise ValueError(f"{error}; {RANGE_HINT}") from None
        if day in days:
            raise ValueError(f"«{text}»: ngày {day.short()} bị ghi hai lần")
        days.append(day)
    ordered = tuple(sorted(days, key=lambda d: (d.first_day, d.time)))
    return DateSpan(ordered[0], ordered[-1], ordered)
