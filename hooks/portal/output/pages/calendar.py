"""The calendar: index of years, a timeline per year, and the iCalendar files."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterator

from ...derive import ical, timeline
from ...model import lunar
from ... import paths
from ...derive.campaigns import year_occurrences
from ...model import lineage
from ...model.index import PortalIndex
from ...model.records import Unit
from ..render import render
from ...model.site import Context, Deferred, Output, Page, SearchMeta
from ...derive.timeline import ActivityEntry

@dataclass(frozen=True)
class UnitOption:
    """An entry of the unit filter."""

    path: str
    label: str
    depth: int
    """0 for provinces; indents the option."""


@dataclass(frozen=True)
class ProvinceCount:
    """A province's share of a split year."""

    unit: Unit
    count: int
    pages: int


@dataclass(frozen=True)
class CalendarYear:
    """A line of the index of years."""

    year: int
    activities: int
    themes: list[tuple[str, str]]


def provide(ctx: Context) -> Iterator[Page | Output | Deferred]:
    index = ctx.index
    all_entries = timeline.entries(index)
    years = calendar_years(ctx, all_entries)
    by_year = {y: timeline.in_year(all_entries, y) for y in years}
    yield index_page(ctx, years, by_year)
    for year in years:
        yield from year_pages(ctx, year, by_year[year], years)
    ics_years = sorted(set(years) | {y for y in range(ctx.settings.today.year - 1, ctx.settings.today.year + 3)
                                     if y in lunar.SUPPORTED_YEARS})
    yield Output(paths.campaigns_ics(), campaigns_ics(ctx, ics_years))
    by_unit: dict[str, list[ActivityEntry]] = {}
    for e in all_entries:
        by_unit.setdefault(e.unit.path, []).append(e)
    # Only a unit with dated activities has a calendar of its own; the others'
    # pages offer the campaigns calendar (portal.subscriptions).
    for unit_path, unit_entries in sorted(by_unit.items()):
        yield Deferred(paths.unit_ics(unit_path), functools.partial(unit_ics, ctx, index.units[unit_path], unit_entries))


def calendar_years(ctx: Context, all_entries: list[ActivityEntry]) -> list[int]:
    """Years with activities, documents or a national theme, and the build year."""
    years = {ctx.settings.today.year}
    for e in all_entries:
        years.update(range(e.span.start.year, e.span.end.year + 1))
    years.update(d.year for d in ctx.portal.documents)
    years.update(t.year for c in ctx.portal.campaigns for t in c.themes)
    return sorted(y for y in years if y in lunar.SUPPORTED_YEARS)


def unit_options(index: PortalIndex, items: list[ActivityEntry]) -> list[UnitOption]:
    """Provinces and units that have activities on the page, province first."""
    paths_here: set[str] = set()
    for e in items:
        paths_here.add(e.unit.path)
        paths_here.add(index.province(e.unit.path).path)
    units = sorted((index.units[p] for p in paths_here), key=lambda u: u.path)
    def label(u) -> str:
        text = u.label if u.parent_path is None else index.full_label(u)
        # Former units are marked in every list (issue 20).
        return f"{text} (đơn vị cũ)" if lineage.ended(index, u) else text

    return [UnitOption(u.path, label(u), u.path.count("/")) for u in units]


def index_page(ctx: Context, years: list[int], by_year: dict[int, list[ActivityEntry]]) -> Page:
    summaries = [
        CalendarYear(y, len(by_year[y]), [(c.name, t) for c, t in timeline.themes(ctx.index, y)])
        for y in reversed(years)
    ]
    return Page(
        path=paths.CALENDAR,
        title="Lịch các chiến dịch vì trẻ em",
        render=lambda _: render(
            "calendar_index.html", paths.CALENDAR,
            years=summaries, today=ctx.settings.today,
        ),
        description="Lịch các chiến dịch, ngày lễ vì trẻ em theo từng năm, ngày âm lịch tính đúng cho Việt Nam",
        search=SearchMeta(kind="Lịch"),
    )


def year_pages(ctx: Context, year: int, items: list[ActivityEntry], years: list[int]) -> Iterator[Page]:
    index = ctx.index
    pos = years.index(year)
    around = {"prev": years[pos - 1] if pos else None, "next": years[pos + 1] if pos + 1 < len(years) else None}
    themes = timeline.themes(index, year)
    split = len(timeline.chunks(index, items)) > 1
    provinces: list[ProvinceCount] = []
    per_province: dict[str, list[ActivityEntry]] = {}
    parts_of: dict[str, list[list[ActivityEntry]]] = {}
    if split:
        for e in items:
            per_province.setdefault(index.province(e.unit.path).path, []).append(e)
        # Cut once: the index of provinces and their pages need the same parts.
        parts_of = {p: timeline.chunks(index, es) for p, es in per_province.items()}
        provinces = [
            ProvinceCount(index.units[p], len(es), len(parts_of[p]))
            for p, es in sorted(per_province.items())
        ]
    path = paths.year_calendar_page(year)
    yield Page(
        path=path,
        title=f"Lịch năm {year}",
        render=lambda _: render(
            "calendar_year.html", path,
            year=year, tl=timeline.build(index, year, items, shown=[] if split else items), themes=themes,
            around=around, split=split, provinces=provinces,
            options=[] if split else unit_options(index, items), province=None, pager=None,
        ),
        description=f"Các chiến dịch vì trẻ em năm {year} và hoạt động của các địa phương",
        search=SearchMeta(kind="Lịch", year=str(year)),
    )
    for province_path, province_items in per_province.items():
        province = index.units[province_path]
        parts = parts_of[province_path]
        for number, part in enumerate(parts, start=1):
            yield _province_page(ctx, year, province, province_items, part, number, len(parts), themes)


def _province_page(ctx: Context, year: int, province: Unit, items: list[ActivityEntry], chunk: list[ActivityEntry],
                   number: int, total: int, themes: list) -> Page:
    index = ctx.index
    path = paths.province_calendar_page(year, province.path, number)
    pager = {
        "number": number, "total": total,
        "prev": paths.province_calendar_page(year, province.path, number - 1) if number > 1 else None,
        "next": paths.province_calendar_page(year, province.path, number + 1) if number < total else None,
    }
    suffix = f" (trang {number}/{total})" if total > 1 else ""
    return Page(
        path=path,
        title=f"Lịch năm {year}: {province.label}{suffix}",
        # The timeline is built when the page is filled, on every core.
        render=lambda _: render(
            "calendar_year.html", path,
            year=year, tl=timeline.build(index, year, items, shown=chunk, all_campaigns=True), themes=themes,
            around={"prev": None, "next": None}, split=False, provinces=[],
            options=unit_options(index, chunk), province=province, pager=pager,
        ),
        description=f"Hoạt động vì trẻ em năm {year} của {province.label}",
        search=SearchMeta(kind="Lịch", year=str(year), province=province.label),
    )


def campaigns_ics(ctx: Context, years: list[int]) -> bytes:
    host = ical.host_of(ctx.settings.site_url)
    events = []
    for year in years:
        for o in year_occurrences(ctx.portal.campaigns, year):
            lunar_note = timeline.lunar_label(o.campaign)
            notes = [n for n in (f"Chủ đề năm {year}: {o.theme}" if o.theme else None, o.campaign.description) if n]
            events.append(ical.AllDayEvent(
                uid=f"{o.campaign.id}-{year}@{host}",
                summary=f"{o.campaign.name} ({lunar_note})" if lunar_note else o.campaign.name,
                first=o.start, last=o.end,
                description="\n\n".join(notes) if notes else None,
                url=ctx.absolute(paths.year_calendar_page(year)),
            ))
    return ical.calendar(
        f"Chiến dịch vì trẻ em – {ctx.settings.site_name}",
        f"Các chiến dịch, ngày lễ vì trẻ em năm {years[0]}–{years[-1]}; ngày âm lịch tính theo giờ Việt Nam (UTC+7)",
        events, ctx.settings.today,
    )


def unit_ics(ctx: Context, unit: Unit, items: list[ActivityEntry]) -> bytes:
    host = ical.host_of(ctx.settings.site_url)
    label = ctx.index.full_label(unit)
    slug = paths.slugify(unit.path)
    events = []
    for e in items:
        span = e.span
        whole = " (cả năm)" if span.start.month is None or span.end.month is None else \
            " (cả tháng)" if span.start.day is None or span.end.day is None else \
            f" ({span.start.time})" if span.start.time else f" (âm lịch {span.lunar})" if span.lunar else ""
        campaign = ctx.index.campaigns.get(e.activity.campaign) if e.activity.campaign else None
        notes = [n for n in (f"Chiến dịch: {campaign.name}" if campaign else None, f"Văn bản: {e.doc.title}", label) if n]
        events.append(ical.AllDayEvent(
            uid=f"{slug}-{e.doc.slug}-{e.number + 1}@{host}",
            summary=e.activity.title + whole,
            first=span.start.first_day, last=span.end.last_day,
            description="\n".join(notes),
            url=ctx.absolute(paths.document_page(e.doc.unit, e.doc.slug)),
            location=e.activity.place,
        ))
    return ical.calendar(
        f"Hoạt động vì trẻ em – {label}",
        f"Hoạt động vì trẻ em của {label}, theo kế hoạch và tin tức trên {ctx.settings.site_name}",
        events, ctx.settings.today,
    )
