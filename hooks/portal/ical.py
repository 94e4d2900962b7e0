"""iCalendar (RFC 5545) files that phone calendars subscribe to.

Built with the ``icalendar`` library: well kept, it escapes text, folds long
lines and writes CRLF as RFC 5545 demands, which hand-made strings get wrong.
Output is byte-reproducible: the only time in it is the build date (DTSTAMP),
taken from Settings.today (SOURCE_DATE_EPOCH), never the wall clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlsplit

import icalendar

PRODID = "-//cong-tre-em//Cong thong tin bao ve tre em//VI"
DEFAULT_HOST = "cong-tre-em"
TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class AllDayEvent:
    """An event of whole days."""

    uid: str
    """Stable across builds, so subscribed phones update events instead of duplicating them."""
    summary: str
    first: dt.date
    last: dt.date
    """Last day, inclusive (written as the exclusive DTEND of the day after)."""
    description: str | None = None
    url: str | None = None
    location: str | None = None


def host_of(site_url: str | None) -> str:
    """Host for UIDs: the site's domain, else a fixed name (UIDs must still be unique)."""
    host = urlsplit(site_url).hostname if site_url else None
    return host or DEFAULT_HOST


def _timezone() -> icalendar.Timezone:
    # A fixed VTIMEZONE for Vietnam (UTC+7 since 1975), written out rather than
    # generated from tzdata so the bytes do not change with the machine. It
    # names the calendar's zone for clients, and keeps a unit calendar with no
    # event yet valid: RFC 5545 wants at least one component.
    tz = icalendar.Timezone()
    tz.add("tzid", TIMEZONE)
    standard = icalendar.TimezoneStandard()
    standard.add("dtstart", dt.datetime(1975, 6, 13))
    standard.add("tzoffsetfrom", dt.timedelta(hours=8))
    standard.add("tzoffsetto", dt.timedelta(hours=7))
    standard.add("tzname", "+07")
    tz.add_component(standard)
    return tz


def calendar(name: str, description: str, events: Iterable[AllDayEvent], stamp: dt.date) -> bytes:
    """A VCALENDAR named ``name`` (X-WR-CALNAME) with ``events``, as bytes."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", TIMEZONE)
    # Ask subscribed clients to refresh daily; the site changes when plans do.
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(_timezone())
    dtstamp = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    for item in sorted(events, key=lambda e: (e.first, e.last, e.uid)):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", dtstamp)
        event.add("dtstart", item.first)
        event.add("dtend", item.last + dt.timedelta(days=1))
        event.add("summary", item.summary)
        event.add("transp", "TRANSPARENT")
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        cal.add_component(event)
    return cal.to_ical()
