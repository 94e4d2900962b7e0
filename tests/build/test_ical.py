"""The iCalendar files, parsed back with a real iCalendar parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from conftest import ROOT, build_site
from portal.derive import ical
from portal import paths
from portal.content.check import check_portal

REQUIRED_CALENDAR = ("VERSION", "PRODID")
REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART")


def load(path: Path) -> icalendar.Calendar:
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    # RFC 5545: lines end in CRLF and are at most 75 octets.
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
    return icalendar.Calendar.from_ical(data)


def valid_events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    for name in REQUIRED_CALENDAR:
        assert name in cal, name
    assert str(cal["VERSION"]) == "2.0"
    events = list(cal.walk("VEVENT"))
    for event in events:
        for name in REQUIRED_EVENT:
            assert name in event, (name, event.get("SUMMARY"))
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        # All-day: DATE values (not DATE-TIME), DTEND exclusive and after DTSTART.
        assert type(start) is dt.date and type(end) is dt.date
        assert end > start
        assert event["DTSTAMP"].dt.tzinfo is not None
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    return events


def by_summary(events: list[icalendar.Event], year: int) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in events if e["DTSTART"].dt.year == year}


def test_calendar_unit_level() -> None:
    data = ical.calendar(
        "Lịch thử", "Mô tả",
        [ical.AllDayEvent("b@x", "Hai ngày, có dấu phẩy; chấm phẩy", dt.date(2024, 2, 28), dt.date(2024, 2, 29)),
         ical.AllDayEvent("a@x", "Một ngày", dt.date(2024, 1, 5), dt.date(2024, 1, 5), description="dòng 1\ndòng 2")],
        dt.date(2026, 11, 23),
    )
    cal = icalendar.Calendar.from_ical(data)
    events = valid_events(cal)
    assert str(cal["X-WR-CALNAME"]) == "Lịch thử"
    # Sorted by date, whatever order they came in.
    assert [str(e["UID"]) for e in events] == ["a@x", "b@x"]
    assert events[0]["DTEND"].dt == dt.date(2024, 1, 6)
    assert events[1]["DTEND"].dt == dt.date(2024, 3, 1)  # 2024 is a leap year
    assert str(events[1]["SUMMARY"]) == "Hai ngày, có dấu phẩy; chấm phẩy"
    assert str(events[0]["DESCRIPTION"]) == "dòng 1\ndòng 2"
    assert events[0]["DTSTAMP"].dt == dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)
    assert b"DTSTART;VALUE=DATE:20240105" in data


def test_empty_calendar_still_has_a_component() -> None:
    cal = icalendar.Calendar.from_ical(ical.calendar("Trống", "Chưa có hoạt động", [], dt.date(2026, 1, 1)))
    assert not list(cal.walk("VEVENT"))
    assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"]


@pytest.mark.parametrize(("url", "host"), [
    ("https://example.github.io/cong-tre-em/", "example.github.io"),
    (None, "cong-tre-em"),
    ("", "cong-tre-em"),
])
def test_host_of(url: str | None, host: str) -> None:
    assert ical.host_of(url) == host


@pytest.mark.slow
def test_national_campaigns_file(sample_site: Path) -> None:
    cal = load(sample_site / paths.campaigns_ics())
    events = valid_events(cal)
    assert "Chiến dịch vì trẻ em" in str(cal["X-WR-CALNAME"])
    stamp = events[0]["DTSTAMP"].dt.date()
    years = {e["DTSTART"].dt.year for e in events}
    assert set(range(stamp.year - 1, stamp.year + 3)) <= years
    assert {2020, 2022, 2023, 2025} <= years  # years with content
    y2024 = by_summary(events, 2024)
    tet = y2024["Tết Nguyên đán (âm lịch 1/1–3/1)"]
    assert (tet["DTSTART"].dt, tet["DTEND"].dt) == (dt.date(2024, 2, 10), dt.date(2024, 2, 13))
    assert str(tet["UID"]) == "tet-nguyen-dan-2024@example.github.io"
    trung_thu = y2024["Tết Trung thu (âm lịch 15/8)"]
    assert (trung_thu["DTSTART"].dt, trung_thu["DTEND"].dt) == (dt.date(2024, 9, 17), dt.date(2024, 9, 18))
    month = y2024["Tháng hành động vì trẻ em"]
    assert (month["DTSTART"].dt, month["DTEND"].dt) == (dt.date(2024, 6, 1), dt.date(2024, 7, 1))
    assert "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em" in str(month["DESCRIPTION"])
    assert str(month["URL"]) == "https://example.github.io/cong-tre-em/lich/2024/"
    assert not any("Diễn đàn" in str(e["SUMMARY"]) for e in events)  # no fixed date


@pytest.mark.slow
def test_unit_files(sample_site: Path) -> None:
    portal = check_portal(ROOT).portal
    dated = {d.unit for d in portal.documents if any(a.date for a in d.activities)}
    for unit in portal.units:
        # A unit with no dated activity has no file of its own (its page offers the campaigns calendar).
        assert (sample_site / paths.unit_ics(unit.path)).is_file() == (unit.path in dated), unit.path
        if unit.path in dated:
            assert valid_events(load(sample_site / paths.unit_ics(unit.path)))
    events = valid_events(load(sample_site / paths.unit_ics("kien-giang")))
    found = {str(e["SUMMARY"]): e for e in events}
    # Month-only: the whole month, said so in the summary; never a made-up day.
    check = found["Kiểm tra, đánh giá hiệu quả 06 mô hình công tác trẻ em tại xã, phường, thị trấn (cả tháng)"]
    assert (check["DTSTART"].dt, check["DTEND"].dt) == (dt.date(2023, 3, 1), dt.date(2023, 4, 1))
    forum = found["Diễn đàn trẻ em cấp tỉnh (cả tháng)"]
    assert (forum["DTSTART"].dt, forum["DTEND"].dt) == (dt.date(2023, 6, 1), dt.date(2023, 7, 1))
    assert str(forum["URL"]) == "https://example.github.io/cong-tre-em/don-vi/kien-giang/2023-ke-hoach-35/"
    assert "Diễn đàn trẻ em" in str(forum["DESCRIPTION"])
    assert all(str(e["UID"]).endswith("@example.github.io") for e in events)
    # Year-only and exact ranges.
    long_bien = {str(e["SUMMARY"]): e for e in valid_events(load(sample_site / paths.unit_ics("ha-noi/long-bien")))}
    forum_year = long_bien["Diễn đàn trẻ em (cả năm)"]
    assert (forum_year["DTSTART"].dt, forum_year["DTEND"].dt) == (dt.date(2020, 1, 1), dt.date(2021, 1, 1))
    month = long_bien["Tháng hành động vì trẻ em"]
    assert (month["DTSTART"].dt, month["DTEND"].dt) == (dt.date(2020, 6, 1), dt.date(2020, 7, 1))


@pytest.mark.slow
def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    epoch = "1767225600"  # 2026-01-01 00:00 UTC, 07:00 in Vietnam
    first, second, later = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    build_site(ROOT, first, SOURCE_DATE_EPOCH=epoch)
    build_site(ROOT, second, SOURCE_DATE_EPOCH=epoch)
    build_site(ROOT, later, SOURCE_DATE_EPOCH=str(int(epoch) + 86400 * 40))
    files = sorted(p.relative_to(first) for p in first.rglob("*.ics"))
    assert Path(paths.campaigns_ics()) in files
    # The campaigns and each unit with dated activities (the others have no file of their own).
    assert len(files) > 5
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    # The stamp is the build date from SOURCE_DATE_EPOCH, not the wall clock.
    assert b"DTSTAMP:20260101T000000Z" in (first / paths.campaigns_ics()).read_bytes()
    assert b"DTSTAMP:20260210T000000Z" in (later / paths.campaigns_ics()).read_bytes()


def _whole_calendar(name: str, description: str, events: list[ical.AllDayEvent], stamp: dt.date) -> bytes:
    """The calendar as one icalendar.Calendar object writes it (how ical.calendar used to build it)."""
    cal = icalendar.Calendar()
    cal.add("prodid", ical.PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", ical.TIMEZONE)
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(ical._timezone())
    dtstamp = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    for item in sorted(events, key=lambda e: (e.first, e.last, e.uid)):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", dtstamp)
        event.add("dtstart", item.first)
        event.add("dtend", item.last + dt.timedelta(days=1))
        event.add("summary", item.summary)
        event.add("transp", "TRANSPARENT")
        for key in ("description", "location", "url"):
            if getattr(item, key):
                event.add(key, getattr(item, key))
        cal.add_component(event)
    return cal.to_ical()


def test_assembled_calendar_is_what_icalendar_writes() -> None:
    # ical.calendar joins lines icalendar serialises one property at a time;
    # an icalendar upgrade that changed the order or folding must show here.
    long = "Hoạt động rất dài, có dấu phẩy; chấm phẩy và \\ gạch chéo " * 3
    events = [
        ical.AllDayEvent("b@x", long, dt.date(2024, 2, 28), dt.date(2024, 2, 29), description="dòng 1\ndòng 2 " + long,
                         url="https://example.github.io/cong-tre-em/don-vi/a,b/", location="Nhà văn hoá; thôn 3"),
        ical.AllDayEvent("a@x", "Một ngày", dt.date(2024, 1, 5), dt.date(2024, 1, 5)),
        ical.AllDayEvent("c@x", long, dt.date(2024, 2, 28), dt.date(2024, 2, 29), description="dòng 1\ndòng 2 " + long),
    ]
    for args in (("Lịch " + long, "Mô tả " + long, events), ("Trống", "Chưa có hoạt động", [])):
        assert ical.calendar(*args, dt.date(2026, 11, 23)) == _whole_calendar(*args, dt.date(2026, 11, 23))
