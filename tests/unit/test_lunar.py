"""Tests of the Vietnamese lunar calendar against published dates and its own invariants."""

from __future__ import annotations

import datetime

import pytest

from portal.model import lunar
from portal.model.lunar import LunarDate, month_length, tet, to_lunar, to_solar, trung_thu

D = datetime.date
SUPPORTED_FIRST = lunar.SUPPORTED_YEARS[0]
SUPPORTED_LAST = lunar.SUPPORTED_YEARS[-1]

# Tết Nguyên đán as celebrated in Vietnam (UTC+7).
TET = {
    1968: D(1968, 1, 29),  # the North's Tết Mậu Thân, first year on UTC+7
    1975: D(1975, 2, 11),
    1985: D(1985, 1, 21),  # China: 20 Feb 1985
    1990: D(1990, 1, 27),
    2000: D(2000, 2, 5),
    2007: D(2007, 2, 17),  # China: 18 Feb 2007
    2010: D(2010, 2, 14),
    2015: D(2015, 2, 19),
    2019: D(2019, 2, 5),
    2020: D(2020, 1, 25),
    2021: D(2021, 2, 12),
    2022: D(2022, 2, 1),
    2023: D(2023, 1, 22),
    2024: D(2024, 2, 10),
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
    2030: D(2030, 2, 2),  # China: 3 Feb 2030
    2053: D(2053, 2, 18),  # China: 19 Feb 2053
}

TRUNG_THU = {
    2020: D(2020, 10, 1),
    2021: D(2021, 9, 21),
    2022: D(2022, 9, 10),
    2023: D(2023, 9, 29),
    2024: D(2024, 9, 17),
    2025: D(2025, 10, 6),
}


@pytest.mark.parametrize(("year", "expected"), sorted(TET.items()))
def test_tet_matches_published_vietnamese_date(year: int, expected: datetime.date) -> None:
    assert tet(year) == expected
    assert to_lunar(expected) == LunarDate(year, 1, 1)
    assert to_lunar(expected - datetime.timedelta(days=1)).year == year - 1


@pytest.mark.parametrize(("year", "expected"), sorted(TRUNG_THU.items()))
def test_trung_thu_matches_published_date(year: int, expected: datetime.date) -> None:
    assert trung_thu(year) == expected
    assert to_lunar(expected) == LunarDate(year, 8, 15)


@pytest.mark.parametrize(
    ("chinese_new_year", "vietnamese_lunar_date"),
    [
        # The day China celebrates is not 1/1 in Vietnam, where Tết came earlier.
        (D(1985, 2, 20), LunarDate(1985, 2, 1)),
        (D(2007, 2, 18), LunarDate(2007, 1, 2)),
        (D(2030, 2, 3), LunarDate(2030, 1, 2)),
    ],
)
def test_years_where_vietnam_and_china_differ(
    chinese_new_year: datetime.date, vietnamese_lunar_date: LunarDate
) -> None:
    assert to_lunar(chinese_new_year) == vietnamese_lunar_date


@pytest.mark.parametrize(
    ("year", "month", "first_day"),
    [
        (2020, 4, D(2020, 5, 23)),
        (2023, 2, D(2023, 3, 22)),
        (2025, 6, D(2025, 7, 25)),
    ],
)
def test_leap_months(year: int, month: int, first_day: datetime.date) -> None:
    assert to_solar(LunarDate(year, month, 1, leap=True)) == first_day
    assert to_lunar(first_day) == LunarDate(year, month, 1, leap=True)
    # The leap month directly follows the ordinary month with the same number.
    ordinary_length = month_length(year, month)
    assert to_solar(LunarDate(year, month, 1)) == first_day - datetime.timedelta(
        days=ordinary_length
    )
    # A year has at most one leap month.
    others = [m for m in range(1, 13) if m != month]
    for other in others:
        with pytest.raises(ValueError):
            month_length(year, other, leap=True)


def test_year_without_leap_month_rejects_leap_dates() -> None:
    with pytest.raises(ValueError) as error:
        to_solar(LunarDate(2024, 4, 1, leap=True))
    assert str(error.value) == "năm 2024 âm lịch không có tháng 4 nhuận (năm này không có tháng nhuận)"


def test_wrong_leap_month_names_the_real_one() -> None:
    with pytest.raises(ValueError) as error:
        month_length(2023, 3, leap=True)
    assert "tháng nhuận của năm này là tháng 2" in str(error.value)


def test_day_30_of_a_short_month_is_rejected_in_vietnamese() -> None:
    # Month 9 of 2023 runs from 15 Oct to 12 Nov (next new moon: 13 Nov 2023).
    assert month_length(2023, 9) == 29
    with pytest.raises(ValueError) as error:
        to_solar(LunarDate(2023, 9, 30))
    assert str(error.value) == (
        "ngày 30 tháng 9 âm lịch năm 2023 không tồn tại (tháng này chỉ có 29 ngày)"
    )
    # The leap 2nd month of 2023 ended with the eclipse new moon of 20 Apr 2023.
    with pytest.raises(ValueError) as error:
        to_solar(LunarDate(2023, 2, 30, leap=True))
    assert str(error.value) == (
        "ngày 30 tháng 2 nhuận âm lịch năm 2023 không tồn tại (tháng này chỉ có 29 ngày)"
    )


@pytest.mark.parametrize(
    "lunar_date",
    [LunarDate(2024, 1, 0), LunarDate(2024, 1, 31), LunarDate(2024, 13, 1), LunarDate(2024, 0, 1)],
)
def test_impossible_days_and_months_are_rejected(lunar_date: LunarDate) -> None:
    with pytest.raises(ValueError, match="không"):
        to_solar(lunar_date)


@pytest.mark.parametrize(
    "call",
    [
        lambda: tet(1899),
        lambda: tet(2101),
        lambda: trung_thu(2101),
        lambda: month_length(2101, 1),
        lambda: to_solar(LunarDate(1800, 1, 1)),
        lambda: to_lunar(D(1899, 12, 31)),
        lambda: to_lunar(D(2101, 1, 1)),
    ],
)
def test_years_outside_the_supported_range_are_rejected(call) -> None:
    with pytest.raises(ValueError, match="ngoài phạm vi lịch âm được hỗ trợ"):
        call()


def test_every_day_round_trips_and_days_advance_one_by_one() -> None:
    day = D(SUPPORTED_FIRST, 1, 1)
    last = D(SUPPORTED_LAST, 12, 31)
    previous = to_lunar(day)
    assert to_solar(previous) == day
    count = 1
    while day < last:
        day += datetime.timedelta(days=1)
        current = to_lunar(day)
        assert to_solar(current) == day, day
        if current.day == 1:
            # A new month starts only after day 29 or 30 of the previous one.
            assert previous.day in (29, 30), day
            assert previous.day == month_length(previous.year, previous.month, previous.leap)
        else:
            assert (current.year, current.month, current.leap) == (
                previous.year,
                previous.month,
                previous.leap,
            ), day
            assert current.day == previous.day + 1, day
        previous = current
        count += 1
    assert count == (last - D(SUPPORTED_FIRST, 1, 1)).days + 1


def _months_of(year: int) -> list[tuple[int, bool]]:
    months = []
    for number in range(1, 13):
        months.append((number, False))
        try:
            month_length(year, number, leap=True)
        except ValueError:
            continue
        months.append((number, True))
    return months


def test_month_lengths_and_year_lengths_are_consistent() -> None:
    leap_years = 0
    for year in range(SUPPORTED_FIRST, SUPPORTED_LAST):
        months = _months_of(year)
        assert len(months) in (12, 13), year
        leap_years += len(months) == 13
        lengths = [month_length(year, number, leap) for number, leap in months]
        assert set(lengths) <= {29, 30}, year
        assert sum(lengths) == (tet(year + 1) - tet(year)).days, year
    # Seven leap years in every 19 (the Metonic cycle): 200 years hold about 73-74.
    assert 72 <= leap_years <= 75


def test_tet_and_trung_thu_stay_in_their_seasons() -> None:
    for year in lunar.SUPPORTED_YEARS:
        assert D(year, 1, 21) <= tet(year) <= D(year, 2, 20), year
        assert D(year, 9, 7) <= trung_thu(year) <= D(year, 10, 8), year


def test_new_moon_matches_meeus_example() -> None:
    # Meeus, Astronomical Algorithms, example 49.a: new moon of February 1977.
    assert lunar._new_moon_jde(-283) == pytest.approx(2443192.65118, abs=1e-5)


def test_sun_longitude_matches_meeus_example() -> None:
    # Meeus, Astronomical Algorithms, example 25.a: 13 October 1992, 0h TT.
    assert lunar._sun_longitude(2448908.5) == pytest.approx(199.90895, abs=1e-4)
