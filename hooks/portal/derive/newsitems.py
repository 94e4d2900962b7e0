"""News items in the orders and groups that listings and feeds share."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .. import paths
from ..model.index import PortalIndex
from ..model.records import Document

ON_UNIT_PAGE = 10
"""News items a unit's page lists (its own and those of the units below, newest first)."""


def newest_first(doc: Document) -> tuple[int, str]:
    """Sort key: latest date first, then by file so ties stay in a fixed order."""
    when = doc.when.first_day if doc.when else dt.date(doc.year, 1, 1)
    return (-when.toordinal(), doc.source)


def all_news(index: PortalIndex) -> list[Document]:
    return sorted((d for d in index.portal.documents if d.kind == "news"), key=newest_first)


def news_by_unit(index: PortalIndex) -> dict[str, list[Document]]:
    """Unit path -> its news and the news of every unit below it, newest first."""
    found: dict[str, list[Document]] = defaultdict(list)
    for doc in all_news(index):
        # Walking up from each item costs news × depth, not units × subtree.
        parts = doc.unit.split("/")
        for depth in range(1, len(parts) + 1):
            path = "/".join(parts[:depth])
            if path in index.units:
                found[path].append(doc)
    return found


def has_listing(count: int) -> bool:
    """Whether a unit with ``count`` news items (with those below it) has a listing of its own.

    When they all fit on the unit's page, a listing would show the same items
    again: at 20,000 documents that was 2,306 of 2,563 listings (46 MB).
    """
    return count > ON_UNIT_PAGE


def unit_news_home(unit_path: str, count: int) -> str:
    """Where a reader finds every news item of a unit: its listing, else the news part of its page
    (the id of that part's heading in templates/unit.html)."""
    return paths.unit_news_page(unit_path) if has_listing(count) else paths.unit_page(unit_path) + "#tin-tuc"


def news_by_campaign(index: PortalIndex) -> dict[tuple[str, int], list[Document]]:
    """(campaign id, year) -> its news, newest first."""
    found: dict[tuple[str, int], list[Document]] = defaultdict(list)
    for doc in all_news(index):
        if doc.campaign and doc.campaign in index.campaigns:
            found[(doc.campaign, doc.year)].append(doc)
    return dict(sorted(found.items()))
