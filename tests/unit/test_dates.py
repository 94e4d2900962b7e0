"""Partial dates and spans as plans write them, and their Vietnamese forms."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.model.dates import DateSpan, PartialDate, parse_partial, parse_span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-02-21", PartialDate(2023, 2, 21)),
        ("2023-03", PartialDate(2023, 3)),
        ("2023", PartialDate(2023)),
        (" 2020-01-03 ", PartialDate(2020, 1, 3)),
        ("2024-02-29", PartialDate(2024, 2, 29)),
    ],
)
def test_parse_partial_keeps_the_precision_written(text: str, expected: PartialDate) -> None:
    assert parse_partial(text) == expected


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ("2023-02-21", "ngày 21 tháng 02 năm 2023", "21/02/2023"),
        ("2023-03", "tháng 3 năm 2023", "3/2023"),
        ("2020-01-03", "ngày 03 tháng 01 năm 2020", "03/01/2020"),
        ("2023", "năm 2023", "2023"),
        ("2023-11-09", "ngày 09 tháng 11 năm 2023", "09/11/2023"),
        ("2023-01", "tháng 01 năm 2023", "1/2023"),
    ],
)
def test_vietnamese_forms(text: str, long: str, short: str) -> None:
    date = parse_partial(text)
    assert date.vietnamese() == long
    assert date.short() == short


def test_iso_round_trips() -> None:
    for text in ("2023-02-21", "2023-03", "2023"):
        assert parse_partial(text).iso() == text


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023-02-21", dt.date(2023, 2, 21), dt.date(2023, 2, 21)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ],
)
def test_first_and_last_day_of_a_partial_date(text: str, first: dt.date, last: dt.date) -> None:
    date = parse_partial(text)
    assert (date.first_day, date.last_day) == (first, last)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2023-02-31", "ngày 31 không tồn tại, tháng 2/2023 chỉ có 28 ngày"),
        ("2023-02-29", "tháng 2/2023 chỉ có 28 ngày"),
        ("2023-04-31", "tháng 4/2023 chỉ có 30 ngày"),
        ("2023-02-00", "ngày 0 không tồn tại"),
        ("2023-13", "tháng 13 không tồn tại"),
        ("2023-00", "tháng 0 không tồn tại"),
        ("21/02/2023", "không phải ngày hợp lệ"),
        ("2023-2-1", "không phải ngày hợp lệ"),
        ("23-02-21", "không phải ngày hợp lệ"),
        ("", "không phải ngày hợp lệ"),
        ("0000", "năm 0"),
    ],
)
def test_parse_partial_refuses_with_a_vietnamese_reason(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_partial(text)
    assert fragment in str(caught.value)


def test_partial_dates_order_by_year_then_month() -> None:
    assert sorted([parse_partial("2023-06"), parse_partial("2022"), parse_partial("2023-02-21")]) == [
        PartialDate(2022), PartialDate(2023, 2, 21), PartialDate(2023, 6),
    ]


def test_parse_span_single_date() -> None:
    span = parse_span("2023-06")
    assert span == DateSpan(PartialDate(2023, 6), PartialDate(2023, 6))
    assert not span.is_range
    assert span.vietnamese() == "tháng 6 năm 2023"
    assert span.short() == "6/2023"


def test_parse_span_range_of_days() -> None:
    span = parse_span("2023-06-01..2023-06-30")
    assert span.start == PartialDate(2023, 6, 1)
    assert span.end == PartialDate(2023, 6, 30)
    assert span.is_range
    assert span.vietnamese() == "từ 01/06/2023 đến 30/06/2023"
    assert span.short() == "01/06/2023–30/06/2023"


def test_parse_span_range_of_months_and_across_years() -> None:
    span = parse_span("2023-12..2024-01")
    assert (span.start.first_day, span.end.last_day) == (dt.date(2023, 12, 1), dt.date(2024, 1, 31))
    assert span.short() == "12/2023–1/2024"


def test_parse_span_allows_a_day_inside_the_end_month() -> None:
    # The end "2023-06" lasts until 30/6, so it is not before 15/6.
    span = parse_span("2023-06-15..2023-06")
    assert span.end.last_day == dt.date(2023, 6, 30)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2023-06-30..2023-06-01", "ngày kết thúc đứng trước ngày bắt đầu"),
        ("2024..2023", "ngày kết thúc đứng trước ngày bắt đầu"),
        ("2023-06-01..2023-06-31", "tháng 6/2023 chỉ có 30 ngày"),
        ("2023-06-01..", "không phải ngày hợp lệ"),
    ],
)
def test_parse_span_refuses(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_span(text)
    assert fragment in str(caught.value)


def test_overlaps_uses_the_whole_partial_period() -> None:
    june = parse_span("2023-06")
    assert june.overlaps(dt.date(2023, 6, 30), dt.date(2023, 7, 5))
    assert not june.overlaps(dt.date(2023, 7, 1), dt.date(2023, 7, 31))
    assert parse_span("2023").overlaps(dt.date(2023, 12, 31), dt.date(2024, 1, 1))
