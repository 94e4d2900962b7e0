"""The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.

Campaigns such as Tết Nguyên đán (1/1 âm lịch) and Tết Trung thu (15/8 âm lịch)
move every year, so their Gregorian dates are computed here instead of being
typed into catalogues by hand.

The calendar is derived from astronomy, as the Vietnamese calendar itself is:

* a month starts on the local (UTC+7) day of a new moon;
* month 11 is the month that contains the December solstice;
* when 13 new moons start between two consecutive month-11 starts, the first
  month after month 11 that contains no principal solar term (a multiple of
  30° of solar longitude) is a leap month and repeats the previous number.

New-moon instants and the Sun's longitude follow Jean Meeus, *Astronomical
Algorithms* (chapters 49 and 25), the approach Hồ Ngọc Đức used to publish the
Vietnamese calendar. The time zone is what separates it from the Chinese
calendar (UTC+8): in 1985, 2007 and 2030, for instance, Tết falls on another
day. We use UTC+7 for every year, the convention of the modern Vietnamese
calendar, even though the North kept UTC+8 until 1967 and the South until 1975.

We use the full periodic series of chapter 49 and the Espenak–Meeus ΔT rather
than the shorter series of older tables. The two agree on every month of
1900..2100 except a handful of new moons that fall within about a minute of
local midnight (20 Jun 1944, 7 Jul 1967, 9 Dec 2072, 15 Nov 2077); there the
answer is below the precision of any such method (and, for the future, of ΔT),
so published tables may differ by one day. The September equinox of 1938,
about a minute before midnight of a new-moon day, is a similar case for the
leap month of that year.

No calendar library is used: the Python ones we know compute the Chinese
calendar (UTC+8), which gives wrong Vietnamese dates in the years above.
"""

from __future__ import annotations

import bisect
import datetime
import math
from dataclasses import dataclass
from functools import lru_cache

SUPPORTED_YEARS = range(1900, 2101)
"""Lunar years (and Gregorian years for :func:`to_lunar`) this module answers for."""

# Gregorian 1900-01-01 .. 1900-01-30 belong to lunar year 1899, so its tail
# must be reachable for round trips; it is not advertised beyond that.
_LUNAR_YEARS = range(SUPPORTED_YEARS.start - 1, SUPPORTED_YEARS.stop)

_TIME_ZONE_HOURS = 7
_JD_OF_ORDINAL_ZERO = 1721424.5
"""Julian date of midnight UT that starts ``date.fromordinal(1)``, minus one day."""

_SYNODIC_MONTH = 29.530588861
_NEW_MOON_EPOCH_JDE = 2451550.09766
"""Mean new moon k = 0 (6 January 2000), in Terrestrial Time."""

_DEGREE = math.pi / 180


@dataclass(frozen=True)
class LunarDate:
    """A day of the Vietnamese lunar calendar."""

    year: int
    """Lunar year number: the year that starts on Tết of that Gregorian year."""
    month: int
    """Month number, 1..12; a leap month carries the number of the month before it."""
    day: int
    """Day of the month, 1..29 or 1..30."""
    leap: bool = False
    """True for the leap (nhuận) month that repeats ``month``."""


@dataclass(frozen=True)
class _Month:
    """One lunar month of a lunar year, as a span of Gregorian days."""

    number: int
    """Month number, 1..12."""
    leap: bool
    """True when this is the leap month repeating ``number``."""
    start: int
    """Proleptic Gregorian ordinal of day 1 (see ``date.toordinal``)."""
    length: int
    """29 or 30 days."""


# --- Astronomy -------------------------------------------------------------


def _delta_t_days(year: float) -> float:
    """TT − UT, in days, from the Espenak–Meeus polynomials for 1900..2150."""
    if year < 1920:
        t = year - 1900
        seconds = -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    elif year < 1941:
        t = year - 1920
        seconds = 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    elif year < 1961:
        t = year - 1950
        seconds = 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    elif year < 1986:
        t = year - 1975
        seconds = 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    elif year < 2005:
        t = year - 2000
        seconds = (
            63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3
            + 0.000651814 * t**4 + 0.00002373599 * t**5
        )
    elif year < 2050:
        t = year - 2000
        seconds = 62.92 + 0.32217 * t + 0.005589 * t**2
    else:
        seconds = -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)
    return seconds / 86400


def _year_of_jd(jd: float) -> float:
    """Approximate decimal year of a Julian date, good enough for ΔT."""
    return 2000 + (jd - 2451545.0) / 365.25


# Periodic terms of the true new moon (Meeus table 49.A): coefficient, power of
# the eccentricity factor E, and multiples of (M, M', F, Ω).
_NEW_MOON_TERMS = (
    (-0.40720, 0, (0, 1, 0, 0)),
    (0.17241, 1, (1, 0, 0, 0)),
    (0.01608, 0, (0, 2, 0, 0)),
    (0.01039, 0, (0, 0, 2, 0)),
    (0.00739, 1, (-1, 1, 0, 0)),
    (-0.00514, 1, (1, 1, 0, 0)),
    (0.00208, 2, (2, 0, 0, 0)),
    (-0.00111, 0, (0, 1, -2, 0)),
    (-0.00057, 0, (0, 1, 2, 0)),
    (0.00056, 1, (1, 2, 0, 0)),
    (-0.00042, 0, (0, 3, 0, 0)),
    (0.00042, 1, (1, 0, 2, 0)),
    (0.00038, 1, (1, 0, -2, 0)),
    (-0.00024, 1, (-1, 2, 0, 0)),
    (-0.00017, 0, (0, 0, 0, 1)),
    (-0.00007, 0, (2, 1, 0, 0)),
    (0.00004, 0, (0, 2, -2, 0)),
    (0.00004, 0, (3, 0, 0, 0)),
    (0.00003, 0, (1, 1, -2, 0)),
    (0.00003, 0, (0, 2, 2, 0)),
    (-0.00003, 0, (1, 1, 2, 0)),
    (0.00003, 0, (-1, 1, 2, 0)),
    (-0.00002, 0, (-1, 1, -2, 0)),
    (-0.00002, 0, (1, 3, 0, 0)),
    (0.00002, 0, (0, 4, 0, 0)),
)

# Planetary corrections (Meeus, after table 49.A): coefficient, and the
# argument as constant + rate·k in degrees (A1 also has a T² term, added below).
_PLANETARY_TERMS = (
    (0.000325, 299.77, 0.107408),
    (0.000165, 251.88, 0.016321),
    (0.000164, 251.83, 26.651886),
    (0.000126, 349.42, 36.412478),
    (0.000110, 84.66, 18.206239),
    (0.000062, 141.74, 53.303771),
    (0.000060, 207.14, 2.453732),
    (0.000056, 154.84, 7.306860),
    (0.000047, 34.52, 27.261239),
    (0.000042, 207.19, 0.121824),
    (0.000040, 291.34, 1.844379),
    (0.000037, 161.72, 24.198154),
    (0.000035, 239.56, 25.513099),
    (0.000023, 331.55, 3.592518),
)


def _new_moon_jde(k: int) -> float:
    """Julian Ephemeris Day (TT) of new moon number ``k`` (k = 0 in January 2000)."""
    t = k / 1236.85
    jde = (
        _NEW_MOON_EPOCH_JDE + _SYNODIC_MONTH * k
        + 0.00015437 * t**2 - 0.000000150 * t**3 + 0.00000000073 * t**4
    )
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    sun_anomaly = (2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3) * _DEGREE
    moon_anomaly = (
        201.5643 + 385.81693528 * k + 0.0107582 * t**2
        + 0.00001238 * t**3 - 0.000000058 * t**4
    ) * _DEGREE
    latitude_argument = (
        160.7108 + 390.67050284 * k - 0.0016118 * t**2
        - 0.00000227 * t**3 + 0.000000011 * t**4
    ) * _DEGREE
    node = (124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3) * _DEGREE
    angles = (sun_anomaly, moon_anomaly, latitude_argument, node)
    for coefficient, e_power, multiples in _NEW_MOON_TERMS:
        argument = sum(m * a for m, a in zip(multiples, angles))
        jde += coefficient * e**e_power * math.sin(argument)
    for index, (coefficient, constant, rate) in enumerate(_PLANETARY_TERMS):
        degrees = constant + rate * k
        if index == 0:
            degrees -= 0.009173 * t**2
        jde += coefficient * math.sin(degrees * _DEGREE)
    return jde


def _sun_longitude(jde: float) -> float:
    """Apparent ecliptic longitude of the Sun in degrees [0, 360), ±0.01° (Meeus ch. 25)."""
    t = (jde - 2451545.0) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t**2
    anomaly = (357.52911 + 35999.05029 * t - 0.0001537 * t**2) * _DEGREE
    centre = (
        (1.914602 - 0.004817 * t - 0.000014 * t**2) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000289 * math.sin(3 * anomaly)
    )
    node = (125.04 - 1934.136 * t) * _DEGREE
    apparent = mean_longitude + centre - 0.00569 - 0.00478 * math.sin(node)
    return apparent % 360


# --- Local days ------------------------------------------------------------


def _local_day(jde: float) -> int:
    """Ordinal of the UTC+7 calendar day that contains the instant ``jde`` (TT)."""
    jd_ut = jde - _delta_t_days(_year_of_jd(jde))
    return math.floor(jd_ut + _TIME_ZONE_HOURS / 24 - _JD_OF_ORDINAL_ZERO)


@lru_cache(maxsize=4096)
def _new_moon_day(k: int) -> int:
    """Ordinal of the local day on which new moon ``k`` falls: day 1 of a month."""
    return _local_day(_new_moon_jde(k))


def _solar_sector(day: int) -> int:
    """Which 30° sector (0..11) the Sun is in at local midnight starting ``day``.

    A month contains a principal solar term exactly when the sector changes
    between its first day and the first day of the next month.
    """
    jd_ut = day + _JD_OF_ORDINAL_ZERO - _TIME_ZONE_HOURS / 24
    jde = jd_ut + _delta_t_days(_year_of_jd(jd_ut))
    return int(_sun_longitude(jde) // 30)


_WINTER_SOLSTICE_SECTOR = 9
"""Solar longitude 270°, the December solstice, opens sector 9."""


def _month_11_index(gregorian_year: int) -> int:
    """New-moon number k that starts month 11, the month of the solstice of that year."""
    dec_31 = datetime.date(gregorian_year, 12, 31).toordinal() + _JD_OF_ORDINAL_ZERO
    # The mean new moon before 31 December; the true one is within a day of it,
    # so it starts either the solstice month or the month after it.
    k = math.floor((dec_31 - _NEW_MOON_EPOCH_JDE) / _SYNODIC_MONTH)
    if _solar_sector(_new_moon_day(k)) >= _WINTER_SOLSTICE_SECTOR:
        k -= 1
    return k


@lru_cache(maxsize=512)
def _solstice_cycle(gregorian_year: int) -> tuple[tuple[int, bool, int], ...]:
    """Months from month 11 of the previous year up to (excluding) month 11 of this year.

    Each item is ``(number, leap, new_moon_k)``. The cycle has 12 months, or 13
    with one leap month.
    """
    first = _month_11_index(gregorian_year - 1)
    count = _month_11_index(gregorian_year) - first
    leap_offset = None
    if count == 13:
        for offset in range(1, 13):
            this_start = _new_moon_day(first + offset)
            next_start = _new_moon_day(first + offset + 1)
            if _solar_sector(this_start) == _solar_sector(next_start):
                leap_offset = offset
                break
        # 13 months around 12 principal terms always leave one month without.
        assert leap_offset is not None, gregorian_year
    elif count != 12:  # pragma: no cover - would mean the astronomy is broken
        raise AssertionError(f"{count} months in the cycle of {gregorian_year}")

    months = []
    number = 10  # month 11 comes first; it is 10 + 1
    for offset in range(count):
        leap = offset == leap_offset
        if not leap:
            number = number % 12 + 1
        months.append((number, leap, first + offset))
    return tuple(months)


@lru_cache(maxsize=256)
def _year_months(year: int) -> tuple[_Month, ...]:
    """The months of lunar year ``year``, from Tết to the last day before the next Tết."""
    # Months 1..10 close the cycle ending at this year's solstice; months 11
    # and 12 (and a leap 11 or 12) open the next one.
    spans = [m for m in _solstice_cycle(year) if m[0] <= 10]
    spans += [m for m in _solstice_cycle(year + 1) if m[0] >= 11]
    months = []
    for number, leap, k in spans:
        start = _new_moon_day(k)
        months.append(_Month(number, leap, start, _new_moon_day(k + 1) - start))
    return tuple(months)


# --- Public API ------------------------------------------------------------


def _check_year(year: int, allowed: range = SUPPORTED_YEARS) -> None:
    if year not in allowed:
        raise ValueError(
            f"năm {year} nằm ngoài phạm vi lịch âm được hỗ trợ "
            f"({SUPPORTED_YEARS.start}–{SUPPORTED_YEARS.stop - 1})"
        )


def _month_name(month: int, leap: bool) -> str:
    return f"tháng {month} nhuận" if leap else f"tháng {month}"


def _find_month(year: int, month: int, leap: bool) -> _Month:
    _check_year(year, _LUNAR_YEARS)
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không hợp lệ (tháng âm lịch từ 1 đến 12)")
    months = _year_months(year)
    for candidate in months:
        if candidate.number == month and candidate.leap == leap:
            return candidate
    leap_months = [m.number for m in months if m.leap]
    if leap_months:
        actual = f"tháng nhuận của năm này là tháng {leap_months[0]}"
    else:
        actual = "năm này không có tháng nhuận"
    raise ValueError(f"năm {year} âm lịch không có tháng {month} nhuận ({actual})")


def month_length(year: int, month: int, leap: bool = False) -> int:
    """Number of days (29 or 30) of a lunar month; ValueError if it does not exist."""
    return _find_month(year, month, leap).length


def to_solar(lunar: LunarDate) -> datetime.date:
    """Gregorian date of a lunar date; ValueError (in Vietnamese) if it does not exist."""
    found = _find_month(lunar.year, lunar.month, lunar.leap)
    if not 1 <= lunar.day <= found.length:
        name = _month_name(lunar.month, lunar.leap)
        raise ValueError(
            f"ngày {lunar.day} {name} âm lịch năm {lunar.year} không tồn tại "
            f"(tháng này chỉ có {found.length} ngày)"
        )
    return datetime.date.fromordinal(found.start + lunar.day - 1)


def to_lunar(d: datetime.date) -> LunarDate:
    """Lunar date of a Gregorian date whose year is in ``SUPPORTED_YEARS``."""
    if d.year not in SUPPORTED_YEARS:
        raise ValueError(
            f"ngày {d:%d/%m/%Y} nằm ngoài phạm vi lịch âm được hỗ trợ "
            f"(năm {SUPPORTED_YEARS.start}–{SUPPORTED_YEARS.stop - 1})"
        )
    day = d.toordinal()
    year = d.year
    months = _year_months(year)
    if day < months[0].start:  # before Tết: still the previous lunar year
        year -= 1
        months = _year_months(year)
    index = bisect.bisect_right([m.start for m in months], day) - 1
    found = months[index]
    return LunarDate(year, found.number, day - found.start + 1, found.leap)


def tet(year: int) -> datetime.date:
    """Tết Nguyên đán: day 1 of month 1 of lunar year ``year``."""
    _check_year(year)
    return to_solar(LunarDate(year, 1, 1))


def trung_thu(year: int) -> datetime.date:
    """Tết Trung thu: day 15 of month 8 of lunar year ``year``."""
    _check_year(year)
    return to_solar(LunarDate(year, 8, 15))
