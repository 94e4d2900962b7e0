"""A year's timeline as plain data: campaign and activity rows, grouped by campaign.

Templates draw each row as text (title, dates, unit) beside a small SVG track
of the year; the numbers here say where its bar sits. The text carries every
fact, so the bars add nothing that colour or sight alone must convey.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .campaigns import Occurrence, occurrence
from ..model.dates import DateSpan, PartialDate
from ..model.index import PortalIndex
from ..model.records import Activity, Campaign, Document, Unit

NO_CAMPAIGN = "Hoạt động khác"

# Page budget. Every page must stay under 100 KB of HTML at national scale; the
# theme's chrome takes about 20 KB and the campaign rows a few more. A year
# whose activity rows would need more than ROWS_BUDGET bytes (about 100-150
# ordinary rows, fewer with 300-character titles) shows its campaigns with
# counts per province instead, and each province's activities go to pages
# /lich/<year>/<province>/ (then .../trang-2/ ...), each filled up to the same
# budget and to at most ACTIVITIES_PER_PAGE rows, so readers can scan them.
# A unit page shows its own rows up to half the budget (it holds more).
ROWS_BUDGET = 55_000
UNIT_ROWS_BUDGET = ROWS_BUDGET // 2
ACTIVITIES_PER_PAGE = 150
# Bytes of a row besides its texts: tags, classes, SVG track, link prefix.
ROW_OVERHEAD = 330


@dataclass(frozen=True)
class Bar:
    """Where a span sits on the track of one year, in days."""

    offset: int
    """Days from 1 January to the first day shown (0-based)."""
    length: int
    """Days shown, at least 1."""
    year_days: int
    """365 or 366: the width of the track."""
    exact: bool = True
    """False when the span is known only to the month or year (drawn dashed)."""

    @property
    def short(self) -> bool:
        """Too short to see as a bar on a phone: drawn with a tick as well."""
        return self.length <= 3


@dataclass(frozen=True)
class ActivityEntry:
    """A dated activity with the document and unit it comes from."""

    activity: Activity
    doc: Document
    unit: Unit
    number: int
    """Position of the activity in its document (0-based), for stable ids."""

    @property
    def span(self) -> DateSpan:
        """Its dates; an undated activity stands for the whole year of its document."""
        if self.activity.date is None:
            year = PartialDate(self.doc.year)
            return DateSpan(year, year)
        return self.activity.date


@dataclass(frozen=True)
class TimelineRow:
    """One line of the timeline: a campaign or an activity."""

    title: str
    when: str
    """Dates in Vietnamese, e.g. "17/09/2024 (âm lịch 15/8)" or "tháng 6/2023"."""
    bar: Bar | None
    """None when the row has no date in the year (a campaign without fixed date)."""
    entry: ActivityEntry | None = None
    """The activity, for activity rows."""
    unit_label: str = ""
    """Full label of the activity's unit."""


@dataclass(frozen=True)
class Group:
    """A campaign of the year (or "other activities") and the activities under it."""

    key: str
    """Campaign id, or "" for activities without campaign."""
    title: str
    head: TimelineRow | None
    """The campaign's own row; None for the group of activities without campaign."""
    theme: str | None
    rows: tuple[TimelineRow, ...]
    count: int
    """Activities in the group for the whole year (rows may hold fewer when split)."""


@dataclass(frozen=True)
class YearTimeline:
    """Everything a timeline template draws for one year."""

    year: int
    groups: tuple[Group, ...]

    @property
    def activity_count(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def rows_shown(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def months(self) -> tuple[str, ...]:
        return MONTHS


MONTHS = tuple(f"T{m}" for m in range(1, 13))
"""Month labels of the track's header (the track's 12 equal columns)."""


def year_days(year: int) -> int:
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days


def place(first: dt.date, last: dt.date, year: int, exact: bool = True) -> Bar | None:
    """The bar of ``first``..``last`` (inclusive) clipped to ``year``; None outside it."""
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if last < jan1 or first > dec31:
        return None
    start, end = max(first, jan1), min(last, dec31)
    return Bar((start - jan1).days, (end - start).days + 1, year_days(year), exact)


def place_span(span: DateSpan, year: int) -> Bar | None:
    exact = span.start.day is not None and span.end.day is not None
    return place(span.start.first_day, span.end.last_day, year, exact)


def partial_label(date: PartialDate) -> str:
    """ "17/09/2024", "tháng 6/2023" or "năm 2023": never a day that was not given."""
    if date.month is None:
        return f"năm {date.year}"
    if date.day is None:
        return f"tháng {date.month}/{date.year}"
    return date.short()


def span_label(span: DateSpan) -> str:
    if span.days:
        return span.short()
    if not span.is_range:
        label = partial_label(span.start)
        if span.start.time:
            label += f" {span.start.time}"
        return f"{label} (âm lịch {span.lunar})" if span.lunar else label
    return f"{partial_label(span.start)}–{partial_label(span.end)}"


def lunar_label(campaign: Campaign) -> str | None:
    """ "âm lịch 15/8" (day/month), or None for solar campaigns."""
    if campaign.calendar != "lunar" or campaign.start is None:
        return None
    month, day = campaign.start
    text = f"{day}/{month}"
    if campaign.end and campaign.end != campaign.start:
        text += f"–{campaign.end[1]}/{campaign.end[0]}"
    return f"âm lịch {text}"


def occurrence_label(o: Occurrence) -> str:
    dates = o.start.strftime("%d/%m/%Y") if o.start == o.end else f"{o.start:%d/%m}–{o.end:%d/%m/%Y}"
    if o.start.year != o.end.year:
        dates = f"{o.start:%d/%m/%Y}–{o.end:%d/%m/%Y}"
    note = lunar_label(o.campaign)
    return f"{dates} ({note})" if note else dates


def overlapping(campaign: Campaign, year: int) -> Occurrence | None:
    """The campaign's occurrence that falls in ``year``, or one carried over from the year before."""
    for y in (year, year - 1):
        o = occurrence(campaign, y)
        if o is not None and o.start.year <= year <= o.end.year:
            return o
    return None


def entries(index: PortalIndex, documents: list[Document] | tuple[Document, ...] | None = None) -> list[ActivityEntry]:
    """Every activity of ``documents`` (default: all), in date order; undated ones in their year."""
    docs = index.portal.documents if documents is None else documents
    found = [
        ActivityEntry(a, d, index.units[d.unit], n)
        for d in docs for n, a in enumerate(d.activities)
    ]
    return sorted(found, key=_entry_order)


def _entry_order(e: ActivityEntry) -> tuple[dt.date, dt.date, str, str, int]:
    return (e.span.start.first_day, e.span.end.last_day, e.doc.unit, e.doc.slug, e.number)


def in_year(items: list[ActivityEntry], year: int) -> list[ActivityEntry]:
    return [e for e in items if e.span.start.year <= year <= e.span.end.year]


def row_cost(index: PortalIndex, entry: ActivityEntry) -> int:
    """Upper estimate of an activity row's HTML bytes (see _timeline.html)."""
    texts = (entry.activity.title, entry.activity.place or "", index.full_label(entry.unit),
             entry.unit.path * 2, entry.doc.slug)
    # Autoescaping can lengthen & < > " ' by up to 5 bytes each. Sizes and
    # counts add up, so one joined text is measured (called for every row of
    # every page split, this was most of the calendar's time).
    text = "".join(texts)
    escaped = text.count("&") + text.count("<") + text.count(">") + text.count('"') + text.count("'")
    return ROW_OVERHEAD + len(text.encode("utf-8")) + 4 * escaped


def chunks(index: PortalIndex, items: list[ActivityEntry], budget: int = ROWS_BUDGET) -> list[list[ActivityEntry]]:
    """``items`` cut into pages within ``budget`` bytes and ACTIVITIES_PER_PAGE rows."""
    pages: list[list[ActivityEntry]] = [[]]
    used = 0
    for e in items:
        cost = row_cost(index, e)
        if pages[-1] and (used + cost > budget or len(pages[-1]) >= ACTIVITIES_PER_PAGE):
            pages.append([])
            used = 0
        pages[-1].append(e)
        used += cost
    return pages


def activity_row(index: PortalIndex, entry: ActivityEntry, year: int) -> TimelineRow:
    return TimelineRow(
        title=entry.activity.title,
        when=span_label(entry.span),
        bar=place_span(entry.span, year),
        entry=entry,
        unit_label=index.full_label(entry.unit),
    )


def build(index: PortalIndex, year: int, items: list[ActivityEntry], shown: list[ActivityEntry] | None = None,
          all_campaigns: bool = True) -> YearTimeline:
    """The timeline of ``year``: campaign groups with ``shown`` activity rows.

    ``items`` are the year's activities (they give each group its count);
    ``shown`` the ones drawn as rows (default: all of them). Without
    ``all_campaigns`` only campaigns with activities get a group (unit pages).
    """
    shown = items if shown is None else shown
    counts: dict[str, int] = {}
    for e in items:
        key = e.activity.campaign or ""
        counts[key] = counts.get(key, 0) + 1
    rows: dict[str, list[TimelineRow]] = {}
    for e in shown:
        rows.setdefault(e.activity.campaign or "", []).append(activity_row(index, e, year))
    first_activity = {}
    for e in items:
        first_activity.setdefault(e.activity.campaign or "", e.span.start.first_day)

    groups: list[tuple[tuple[int, dt.date, str], Group]] = []
    for campaign in index.portal.campaigns:
        o = overlapping(campaign, year)
        if campaign.id not in counts and (o is None or not all_campaigns):
            continue
        head = TimelineRow(
            title=campaign.name,
            when=occurrence_label(o) if o else "không có ngày cố định",
            bar=place(o.start, o.end, year) if o else None,
        )
        # Dated campaigns in date order, then campaigns without fixed date, then the rest.
        order = (0, o.start, campaign.id) if o else (1, first_activity.get(campaign.id, dt.date(year, 12, 31)), campaign.id)
        groups.append((order, Group(
            campaign.id, campaign.name, head, campaign.theme(year),
            tuple(rows.get(campaign.id, ())), counts.get(campaign.id, 0),
        )))
    if "" in counts:
        groups.append(((2, dt.date(year, 12, 31), ""), Group("", NO_CAMPAIGN, None, None, tuple(rows.get("", ())), counts[""])))
    groups.sort(key=lambda pair: pair[0])
    return YearTimeline(year, tuple(g for _, g in groups))


def unit_timeline(index: PortalIndex, unit: Unit, year: int) -> YearTimeline:
    """The unit's own activities of ``year`` under the campaigns they belong to."""
    own = in_year(entries(index, index.by_unit.get(unit.path, [])), year)
    return build(index, year, own, shown=chunks(index, own, UNIT_ROWS_BUDGET)[0], all_campaigns=False)


def themes(index: PortalIndex, year: int) -> list[tuple[Campaign, str]]:
    """National themes (chủ đề) set for ``year``, by campaign."""
    return [(c, t) for c in index.portal.campaigns if (t := c.theme(year))]
