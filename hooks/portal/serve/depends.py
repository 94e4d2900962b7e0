"""What an edited document touches: the pages and files to make again, and when to rebuild it all.

A document is shown on its own page, on the pages of its unit and of every
unit above it (lists, counts, news, targets), on the calendars and target
summaries of its years, in the lists of news and of its campaign, in feeds,
and on the pages of the documents it links to or that link to it. Each
version of it (before and after the edit, each with the index of its own
model) names what it touched; their union is made again. The search index,
the sitemap and the site-wide data files are always remade and compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .. import paths
from ..content.load import PLANS, UNIT_FILE
from ..model.index import PortalIndex
from ..model.records import Document, Reference

TOP_PAGES = (paths.HOME, paths.UNITS, paths.NEWS, paths.CALENDAR, paths.TARGETS, paths.OPEN_DATA, paths.SEARCH)
"""The sections' first pages: summaries of the whole portal, always made again."""


@dataclass(frozen=True)
class Affected:
    """Site paths to make again: exact ones, and everything under a prefix."""

    exact: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()

    def covers(self, path: str) -> bool:
        return path in self.exact or any(path.startswith(p) for p in self.prefixes)

    def __or__(self, other: "Affected") -> "Affected":
        return Affected(self.exact | other.exact, self.prefixes | other.prefixes)


def document_source(path: str) -> bool:
    """A document's file (``plans/<unit>/<slug>.md``): the one kind of edit rebuilt in part."""
    parts = path.split("/")
    return len(parts) >= 3 and parts[0] == PLANS and path.endswith(".md") and parts[-1] != UNIT_FILE


def needs_full_rebuild(changed: Iterable[str]) -> list[str]:
    """The changed paths that only a full build can follow (units, catalogues, photos, site, theme, code)."""
    return sorted(p for p in changed if not document_source(p))


def years(doc: Document) -> set[int]:
    found = {doc.year}
    for date in (doc.issued, doc.date):
        if date is not None:
            found.add(date.year)
    for activity in doc.activities:
        if activity.date is not None:
            found.update(range(activity.date.start.year, activity.date.end.year + 1))
    for result in doc.results:
        if result.measured is not None:
            found.add(result.measured.year)
    return found


def linked(doc: Document, index: PortalIndex) -> list[Document]:
    """Documents whose pages show ``doc`` (it cites them, or they cite it)."""
    found: list[Document] = []

    def refs(d: Document) -> tuple[Reference, ...]:
        return (*((d.plan,) if d.plan else ()), *d.implements, *d.references)

    for ref in refs(doc):
        target = index.resolve(ref, doc.unit)
        if target is not None:
            found.append(target)
    for other in index.portal.documents:
        if other is not doc and any(index.resolve(ref, other.unit) is doc for ref in refs(other)):
            found.append(other)
    return found


def successors(unit_path: str, index: PortalIndex) -> set[str]:
    """Units that took ``unit_path`` over (merged, renamed or split from it)."""
    unit = index.units.get(unit_path)
    if unit is None:
        return set()
    found = {*unit.merged_into, *((unit.renamed_to,) if unit.renamed_to else ())}
    found.update(u.path for u in index.portal.units if unit_path in u.split_from)
    return found


def affected(doc: Document, index: PortalIndex) -> Affected:
    """What one version of ``doc`` is shown on, in the model ``index`` describes (which holds it)."""
    exact: set[str] = set(TOP_PAGES)
    prefixes: set[str] = {paths.document_page(doc.unit, doc.slug)}
    chain = [u.path for u in index.ancestors(doc.unit)] + [doc.unit]
    province = chain[0]
    for unit in chain:
        exact.update((paths.unit_page(unit), paths.unit_targets_page(unit), paths.unit_feed(unit), paths.unit_ics(unit)))
        prefixes.add(paths.unit_news_page(unit))
        # The pages of the units that took this one over name its documents (or count them).
        exact.update(paths.unit_page(s) for s in successors(unit, index))
    if doc.kind == "news":
        # The only news under a unit: without it the unit has no feed, and the pages
        # below it offer the feed of a unit further up (portal.derive.subscriptions).
        for unit in chain:
            below = [unit, *(u.path for u in index.descendants(unit))]
            if sum(d.kind == "news" for path in below for d in index.by_unit.get(path, [])) <= 1:
                exact.update(paths.unit_page(path) for path in below)
    if doc.kind == "plan":
        # A unit without plans of its own shows those of the units above it.
        for below in index.descendants(doc.unit):
            exact.update((paths.unit_page(below.path), paths.unit_targets_page(below.path)))
    for year in years(doc):
        exact.update((paths.year_calendar_page(year), paths.year_targets_page(year)))
        prefixes.add(paths.province_calendar_page(year, province))
    exact.add(paths.campaigns_ics())
    campaigns = {doc.campaign, *(a.campaign for a in doc.activities)} - {None}
    for campaign in campaigns:
        prefixes.add(f"{paths.NEWS}{campaign}/")
    if doc.kind == "news":
        exact.add(paths.news_feed())
        prefixes.add(paths.news_page(2).removesuffix("2/"))
    for indicator in {t.indicator for t in doc.targets} | {r.indicator for r in doc.results}:
        exact.add(paths.indicator_page(indicator))
        prefixes.add(paths.indicator_province_page(indicator, province))
    for other in linked(doc, index):
        prefixes.add(paths.document_page(other.unit, other.slug))
    return Affected(frozenset(exact), frozenset(prefixes))
