"""Unit pages, the units index and the compact unit list used by the filter box."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from itertools import groupby
from typing import Iterator

from ... import paths
from ...derive import subscriptions
from ...model import lineage
from ...model.index import PortalIndex
from ...model.records import Document, Unit
from ...derive.newsitems import ON_UNIT_PAGE, has_listing, newest_first
from ...derive.progress import plan_rows
from ..render import render
from ...model.site import Context, Output, Page, SearchMeta
from ...derive.timeline import unit_timeline

# Above this many units the index lists provinces and their districts only
# (about 750 entries for the pre-2025 country, under the 100 KB page budget);
# communes are one click further, on their province or district page, and the
# filter box finds every unit through the compact list.
FULL_TREE_LIMIT = 400


@dataclass(frozen=True)
class Node:
    unit: Unit
    count: int
    children: tuple[Node, ...]
    open: bool


@dataclass(frozen=True)
class Cascade:
    year: int
    up: list[Document]
    here: list[Document]
    down: list[Document]


def provide(ctx: Context) -> Iterator[Page | Output]:
    index = ctx.index
    for unit in ctx.portal.units:
        yield unit_page(ctx, unit)
    full = len(ctx.portal.units) <= FULL_TREE_LIMIT
    tree = [_node(index, u, full) for u in index.roots]
    yield Page(
        path=paths.UNITS,
        title="Đơn vị hành chính",
        render=lambda _: render("units.html", paths.UNITS, tree=tree, index=index),
        description="Danh sách tỉnh, huyện, xã có kế hoạch và tin tức về bảo vệ, chăm sóc trẻ em",
    )
    yield Output(paths.unit_list(), unit_list(index))


def _node(index: PortalIndex, unit: Unit, full: bool) -> Node:
    children = index.children.get(unit.path, [])
    if not full:
        # Keep only units that have units below them (districts), without theirs.
        children = [c for c in children if index.children.get(c.path)] if unit.tier.value == 1 else []
    return Node(
        unit, index.count_documents(unit.path),
        tuple(_node(index, c, full) for c in children),
        open=unit.tier.value == 1 and len(index.roots) <= 3,
    )


def unit_list(index: PortalIndex) -> bytes:
    """[path, full label(, former-unit note)] of every unit, for the filter box (it folds the labels itself).

    Fetched on the first keystroke only; leaving the folded copy to the
    browser keeps the national list about 40% smaller.
    """
    rows = [[u.path, index.full_label(u), *filter(None, [lineage.former_note(index, u)])] for u in index.portal.units]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def unit_page(ctx: Context, unit: Unit) -> Page:
    index = ctx.index
    path = paths.unit_page(unit.path)
    own = index.by_unit.get(unit.path, [])
    below = [d for u in index.descendants(unit.path) for d in index.by_unit.get(u.path, [])]
    plans = sorted((d for d in own if d.kind == "plan"), key=lambda d: (-d.year, d.source))
    news = sorted((d for d in [*own, *below] if d.kind == "news"), key=newest_first)
    reports = sorted((d for d in own if d.kind == "report"), key=lambda d: (-d.year, d.source))
    latest_plan = plans[0] if plans else None
    timeline_year = _timeline_year(ctx.settings.today, own)
    timeline = sorted(
        ((a, d) for d in own for a in d.activities if d.year == timeline_year or (a.date and a.date.start.year == timeline_year)),
        key=lambda pair: (pair[0].date.start.first_day if pair[0].date else dt.date.max, pair[0].title),
    )
    day_after = unit.valid_to.last_day + dt.timedelta(days=1) if unit.valid_to else None

    def html(_: str | None) -> str:
        feed, feed_note = subscriptions.feed_of(index, unit.path)
        return render(
            "unit.html", path,
            unit=unit, index=index,
            ancestors=index.ancestors(unit.path),
            successors=[index.units[s] for s in unit.merged_into if s in index.units],
            renamed=index.units.get(unit.renamed_to) if unit.renamed_to else None,
            former=lineage.former_note(index, unit) if not unit.valid_to else "",
            heirs=lineage.heirs(index, unit),
            predecessors=index.predecessors.get(unit.path, []),
            day_after_end=f"{day_after.day:02d}/{day_after.month}/{day_after.year}" if day_after else "",
            children=[(c, index.count_documents(c.path)) for c in index.children.get(unit.path, [])],
            grandchildren={c.path: index.children.get(c.path, []) for c in index.children.get(unit.path, [])},
            latest_plan=latest_plan,
            upper_plans=[] if plans else _upper_plans(index, unit),
            plans_by_year=[(year, list(docs)) for year, docs in groupby(plans, key=lambda d: d.year)],
            cascade=_cascade(index, unit, latest_plan.year) if latest_plan else None,
            rows=plan_rows(index, latest_plan) if latest_plan else [],
            has_targets=any(d.targets for d in plans),
            news=news[:ON_UNIT_PAGE], news_listing=has_listing(len(news)), reports=reports,
            timeline=timeline, timeline_year=timeline_year,
            unit_timeline=unit_timeline(index, unit, timeline_year),
            feed=feed, feed_note=feed_note, ics=subscriptions.calendar_of(index, unit.path),
        )

    return Page(
        path=path,
        title=index.full_label(unit),
        render=html,
        source=unit.source,
        description=f"Kế hoạch, tin tức, chỉ tiêu về bảo vệ, chăm sóc trẻ em của {index.full_label(unit)}",
        search=SearchMeta(kind="Đơn vị", unit=index.full_label(unit),
                          province=index.full_label(index.province(unit.path)),
                          **lineage.search_meta(index, unit)),
    )


def _upper_plans(index: PortalIndex, unit: Unit) -> list[tuple[Unit, list[Document]]]:
    """For a unit without plans: the latest year's plans of each unit above it, nearest first.

    A commune that has published nothing still falls under its district's and
    province's plans, and a reader who found the commune needs to see those.
    """
    found = []
    for above in reversed(index.ancestors(unit.path)):
        plans = [d for d in index.by_unit.get(above.path, []) if d.kind == "plan"]
        if plans:
            year = max(d.year for d in plans)
            found.append((above, sorted((d for d in plans if d.year == year), key=lambda d: d.source)))
    return found


def _timeline_year(today: dt.date, docs: list[Document]) -> int:
    """This year if the unit has activities in it, else its latest year with any."""
    years = sorted({d.year for d in docs if d.activities})
    if not years or today.year in years:
        return today.year
    return years[-1]


def _cascade(index: PortalIndex, unit: Unit, year: int) -> Cascade | None:
    def plans_of(path: str) -> list[Document]:
        return [d for d in index.by_unit.get(path, []) if d.kind == "plan" and d.year == year]

    parent = unit.parent_path
    up = plans_of(parent) if parent else []
    here = plans_of(unit.path)
    down = [d for c in index.children.get(unit.path, []) for d in plans_of(c.path)]
    return Cascade(year, up, here, down) if (up or down) else None
