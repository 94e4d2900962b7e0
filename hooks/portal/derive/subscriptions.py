"""Which Atom feed and iCalendar file a unit's page offers.

A national portal has about 4,900 units and most communes have nothing yet:
one feed and one calendar per unit were 9,753 files at 20,000 documents,
half the 20,000 files Cloudflare Pages' free plan holds per site. So only a
unit with something to say has files of its own:

* a unit's feed holds its news and the news of every unit below it, so a
  unit with none gets the feed of its nearest ancestor that has news (or the
  national news feed): every item the unit publishes later is in that feed
  too, since it holds the news of the units below;
* a unit's calendar holds its own dated activities; a unit with none gets
  the national campaigns calendar (the days every commune takes part in).
  Its own calendar appears, at its own address, with its first dated
  activity; a reader who subscribed to the campaigns keeps receiving them.
"""

from __future__ import annotations

from .. import paths
from ..model.index import PortalIndex


def has_calendar(index: PortalIndex, unit_path: str) -> bool:
    """The unit's own documents have a dated activity (its calendar has an event)."""
    return any(a.date is not None for d in index.by_unit.get(unit_path, []) for a in d.activities)


def has_news(index: PortalIndex, unit_path: str) -> bool:
    """The unit or a unit below it has news (its feed has an item)."""
    units = [unit_path, *(u.path for u in index.descendants(unit_path))]
    return any(d.kind == "news" for path in units for d in index.by_unit.get(path, []))


def calendar_of(index: PortalIndex, unit_path: str) -> str:
    """Site path of the iCalendar file the unit's page links to."""
    return paths.unit_ics(unit_path) if has_calendar(index, unit_path) else paths.campaigns_ics()


def feed_of(index: PortalIndex, unit_path: str) -> tuple[str, str]:
    """(site path, reader's note) of the Atom feed the unit's page links to.

    Its own (no note), its nearest ancestor's with news, or the national one.
    """
    if has_news(index, unit_path):
        return paths.unit_feed(unit_path), ""
    for ancestor in reversed(index.ancestors(unit_path)):
        if has_news(index, ancestor.path):
            return paths.unit_feed(ancestor.path), f"tin của {index.full_label(ancestor)} và các đơn vị trực thuộc"
    return paths.news_feed(), "tin của cả nước"
