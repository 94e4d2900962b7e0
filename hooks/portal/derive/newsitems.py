"""News items in the orders and groups that listings and feeds share."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..model.index import PortalIndex
from ..model.records import Document


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


def news_by_campaign(index: PortalIndex) -> dict[tuple[str, int], list[Document]]:
    """(campaign id, year) -> its news, newest first."""
    found: dict[tuple[str, int], list[Document]] = defaultdict(list)
    for doc in all_news(index):
        if doc.campaign and doc.campaign in index.campaigns:
            found[(doc.campaign, doc.year)].append(doc)
    return dict(sorted(found.items()))
