"""Target summaries: every plan target with its status, grouped per indicator, unit and year.

The pages under ``/chi-tieu/`` and the open data read these; nothing here knows HTML.
A target with no number ("tăng dần") is counted by status like any other, but
:func:`plotted` gives it no number, so it is never charted or summed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from ..model.index import PortalIndex
from ..model.records import Unit
from .progress import TargetRow, plan_rows
from ..model.values import Status, Value

ROWS_PER_PAGE = 100
"""Most target rows one summary page lists.

A row of the indicator table is about 0.5 KB of HTML and the theme's frame about
20 KB, so 100 rows and a chart stay well under the 100 KB page budget. An
indicator with more rows (a national portal has one per commune and year) gets
an overview page and one page per province, paginated at this size.
"""

CHART_MAX_GROUPS = 25
"""Most units × years a target-versus-result bar chart draws; above it the
chart shows the share of statuses per year instead (a few bars whatever the size)."""

STATUS_ORDER = (Status.MET, Status.NOT_MET, Status.NO_REPORT, Status.NOT_MEASURABLE)


@dataclass(frozen=True)
class Share:
    """How many targets stand at each status."""

    met: int = 0
    not_met: int = 0
    no_report: int = 0
    not_measurable: int = 0
    """Targets or results without a comparable number ("tăng dần")."""

    @classmethod
    def of(cls, statuses: Iterable[Status]) -> Share:
        counts = {s: 0 for s in Status}
        for s in statuses:
            counts[s] += 1
        return cls(counts[Status.MET], counts[Status.NOT_MET], counts[Status.NO_REPORT], counts[Status.NOT_MEASURABLE])

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.no_report + self.not_measurable

    def count(self, status: Status) -> int:
        return {
            Status.MET: self.met, Status.NOT_MET: self.not_met,
            Status.NO_REPORT: self.no_report, Status.NOT_MEASURABLE: self.not_measurable,
        }[status]

    def percent(self, status: Status) -> float:
        """Share of all targets at ``status``, 0-100; 0 when there are no targets."""
        return 100 * self.count(status) / self.total if self.total else 0.0

    def cells(self) -> list[tuple[Status, int, float]]:
        """(status, count, percent) for every status, in display order (table columns)."""
        return [(s, self.count(s), self.percent(s)) for s in STATUS_ORDER]

    def parts(self) -> list[tuple[Status, int, float]]:
        """(status, count, percent) in display order; "không đo được" only when present."""
        return [(s, self.count(s), self.percent(s)) for s in STATUS_ORDER
                if s is not Status.NOT_MEASURABLE or self.not_measurable]


@dataclass(frozen=True)
class TargetYear:
    """The share of targets met in one year, overall, per province and per indicator."""

    year: int
    overall: Share
    provinces: tuple[tuple[Unit, Share], ...]
    """Each province (top-level unit) with targets that year, in catalogue order."""
    indicators: tuple[tuple[str, Share], ...]
    """Indicator id and its share, in catalogue order."""


@dataclass(frozen=True)
class RowPage:
    """One page of an indicator's rows: all of them, or a province's slice."""

    province: Unit | None
    """None for the single page of a small indicator."""
    number: int
    """1-based page number within the province."""
    pages: int
    """How many pages the province's rows take."""
    rows: tuple[TargetRow, ...]


def all_rows(index: PortalIndex) -> list[TargetRow]:
    """Every target of every plan with its status, by unit path, year, plan and target order."""
    plans = sorted((d for d in index.portal.documents if d.kind != "report" and d.targets),
                   key=lambda d: (d.unit, d.year, d.slug))
    return [row for plan in plans for row in plan_rows(index, plan)]


def by_indicator(index: PortalIndex, rows: Iterable[TargetRow]) -> dict[str, list[TargetRow]]:
    """Indicator id -> its rows, for every indicator of the catalogue (possibly none)."""
    found: dict[str, list[TargetRow]] = {i.id: [] for i in index.portal.indicators}
    for row in rows:
        found[row.indicator.id].append(row)
    return found


def unit_history(rows: Iterable[TargetRow], unit_path: str) -> list[TargetRow]:
    """A unit's targets over the years, newest year first, plan order within a year."""
    own = [r for r in rows if r.plan.unit == unit_path]
    return sorted(own, key=lambda r: -r.plan.year)  # stable: keeps plan and target order


def years(rows: Iterable[TargetRow]) -> list[int]:
    return sorted({r.plan.year for r in rows})


def year_summary(index: PortalIndex, rows: Iterable[TargetRow], year: int) -> TargetYear:
    """Counts of each status among the targets of plans of ``year``."""
    chosen = [r for r in rows if r.plan.year == year]
    per_province: dict[str, list[Status]] = defaultdict(list)
    per_indicator: dict[str, list[Status]] = defaultdict(list)
    for row in chosen:
        per_province[index.province(row.plan.unit).path].append(row.status)
        per_indicator[row.indicator.id].append(row.status)
    return TargetYear(
        year,
        Share.of(r.status for r in chosen),
        tuple((u, Share.of(per_province[u.path])) for u in index.roots if u.path in per_province),
        tuple((i.id, Share.of(per_indicator[i.id])) for i in index.portal.indicators if i.id in per_indicator),
    )


def shares_by_year(rows: Iterable[TargetRow]) -> list[tuple[int, Share]]:
    grouped: dict[int, list[Status]] = defaultdict(list)
    for row in rows:
        grouped[row.plan.year].append(row.status)
    return [(year, Share.of(grouped[year])) for year in sorted(grouped)]


def shares_by_province(index: PortalIndex, rows: Iterable[TargetRow]) -> list[tuple[Unit, Share]]:
    grouped: dict[str, list[Status]] = defaultdict(list)
    for row in rows:
        grouped[index.province(row.plan.unit).path].append(row.status)
    return [(u, Share.of(grouped[u.path])) for u in index.roots if u.path in grouped]


def split(index: PortalIndex, rows: list[TargetRow], limit: int = ROWS_PER_PAGE) -> list[RowPage]:
    """Pages for an indicator's rows: one page when they fit, else per province, paginated."""
    if len(rows) <= limit:
        return [RowPage(None, 1, 1, tuple(rows))]
    grouped: dict[str, list[TargetRow]] = defaultdict(list)
    for row in rows:
        grouped[index.province(row.plan.unit).path].append(row)
    pages = []
    for province in index.roots:
        own = grouped.get(province.path, [])
        count = max(1, -(-len(own) // limit))
        pages.extend(RowPage(province, n + 1, count, tuple(own[n * limit:(n + 1) * limit]))
                     for n in range(count) if own)
    return pages


def plotted(value: Value | None) -> float | None:
    """The number a chart draws for ``value``: a percent for shares, else the number itself.

    A ratio (13/14) is drawn as its percent so it sits on the same 0-100 scale as
    its target; a value without a number gives None and is never drawn.
    """
    if value is None or value.number is None:
        return None
    if value.measure == "ratio" and value.ratio is not None:
        return 100 * value.ratio
    return value.number


def result_ratio(row: TargetRow) -> float | None:
    """The result of a count-out-of-total target as a percent (13/14 -> 92,86), else None."""
    if row.result is None or row.result.value.measure != "ratio" or row.result.value.ratio is None:
        return None
    return 100 * row.result.value.ratio
