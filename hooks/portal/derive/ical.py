"""iCalendar (RFC 5545) files that phone calendars subscribe to.

Built with the ``icalendar`` library: well kept, it escapes text, folds long
lines and writes CRLF as RFC 5545 demands, which hand-made strings get wrong.
Output is byte-reproducible: the only time in it is the build date (DTSTAMP),
taken from Settings.today (SOURCE_DATE_EPOCH), never the wall clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urlsplit

import icalendar
from icalendar.caselessdict import canonsort_keys

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


# A build writes one calendar per unit (4,875 in the national sample) and most
# of their lines are the same: the header, the VTIMEZONE, DTSTAMP, TRANSP, the
# days and titles that recur. So a calendar is assembled from content lines
# that icalendar escapes and folds one property at a time, each shared line
# serialised once, in the order icalendar's own Calendar.to_ical() writes
# them; the bytes are the same as building whole Calendar objects.


def _line(kind: type[icalendar.cal.Component], name: str, value: Any, parameters: dict[str, str] | None = None) -> bytes:
    """One property of a ``kind`` component as icalendar writes it: escaped, folded, CRLF."""
    scratch = kind()
    scratch.add(name, value, parameters=parameters)
    key = name.upper()
    return scratch.content_line(key, scratch[key]).to_ical() + b"\r\n"


@functools.lru_cache(maxsize=8192)
def _shared_line(kind: type[icalendar.cal.Component], name: str, value: Any) -> bytes:
    return _line(kind, name, value)


def _component(kind: type[icalendar.cal.Component], lines: dict[str, bytes], inner: Iterable[bytes] = ()) -> bytes:
    """BEGIN, the property lines in icalendar's order, the subcomponents, END."""
    order = canonsort_keys([name.upper() for name in lines], kind.canonical_order)
    by_key = {name.upper(): line for name, line in lines.items()}
    return b"".join((f"BEGIN:{kind.name}\r\n".encode(), *(by_key[k] for k in order), *inner, f"END:{kind.name}\r\n".encode()))


@functools.cache
def _fixed_lines() -> dict[str, bytes]:
    cal = icalendar.Calendar
    return {
        "prodid": _line(cal, "prodid", PRODID),
        "version": _line(cal, "version", "2.0"),
        "calscale": _line(cal, "calscale", "GREGORIAN"),
        "method": _line(cal, "method", "PUBLISH"),
        "x-wr-timezone": _line(cal, "x-wr-timezone", TIMEZONE),
        # Ask subscribed clients to refresh daily; the site changes when plans do.
        "refresh-interval": _line(cal, "refresh-interval", dt.timedelta(days=1), {"VALUE": "DURATION"}),
        "x-published-ttl": _line(cal, "x-published-ttl", "P1D"),
    }


@functools.cache
def _timezone_bytes() -> bytes:
    return _timezone().to_ical()


def _event(item: AllDayEvent, dtstamp: dt.datetime) -> bytes:
    event, shared = icalendar.Event, _shared_line
    lines = {
        "uid": _line(event, "uid", item.uid),
        "dtstamp": shared(event, "dtstamp", dtstamp),
        "dtstart": shared(event, "dtstart", item.first),
        "dtend": shared(event, "dtend", item.last + dt.timedelta(days=1)),
        "summary": shared(event, "summary", item.summary),
        "transp": shared(event, "transp", "TRANSPARENT"),
    }
    if item.description:
        # A document's activities share its description and address.
        lines["description"] = shared(event, "description", item.description)
    if item.location:
        lines["location"] = shared(event, "location", item.location)
    if item.url:
        lines["url"] = shared(event, "url", item.url)
    return _component(event, lines)


def calendar(name: str, description: str, events: Iterable[AllDayEvent], stamp: dt.date) -> bytes:
    """A VCALENDAR named ``name`` (X-WR-CALNAME) with ``events``, as bytes."""
    cal = icalendar.Calendar
    lines = {
        **_fixed_lines(),
        "x-wr-calname": _line(cal, "x-wr-calname", name),
        "x-wr-caldesc": _line(cal, "x-wr-caldesc", description),
    }
    dtstamp = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    ordered = sorted(events, key=lambda e: (e.first, e.last, e.uid))
    return _component(cal, lines, [_timezone_bytes(), *(_event(item, dtstamp) for item in ordered)])
