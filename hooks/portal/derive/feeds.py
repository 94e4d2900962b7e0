"""Atom feeds: all news, and each unit's news with the units below it.

feedgen is a maintained feed library (Atom and RSS, on lxml): it writes the
required elements and escapes content, so no feed XML is built by hand here.

Feed readers need absolute links, so feeds are made only when the site's
address (``site_url``, with its sub-path on a project site such as
``https://org.github.io/portal/``) is known. Without it no feed is written and
the engine adapter logs :data:`SITE_URL_MISSING` as a warning, which stops a
strict build (the project's default) with a message saying what to set.

Output is byte-for-byte the same across builds: dates come from the news items,
never from the clock, and feedgen's generator tag is replaced by a fixed one
(it otherwise names the installed feedgen version).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Iterator, Sequence

from feedgen.feed import FeedGenerator

from .. import paths
from ..model.records import Document
from .newsitems import all_news, news_by_unit, unit_news_home
from ..model.site import Context, Deferred, Output

FEED_SIZE = 50
"""Latest items per feed; readers keep older ones themselves."""
VIETNAM = dt.timezone(dt.timedelta(hours=7))
SITE_URL_MISSING = (
    "Chưa đặt site_url trong mkdocs.yml nên không tạo được nguồn tin Atom (cần địa chỉ tuyệt đối): "
    "hãy ghi địa chỉ trang, kể cả đường dẫn con, ví dụ site_url: https://ten-to-chuc.github.io/ten-kho/"
)


def provide(ctx: Context) -> Iterator[Output | Deferred]:
    if not ctx.settings.site_url:
        return
    index = ctx.index
    yield Output(paths.news_feed(), feed(
        ctx, paths.news_feed(), paths.news_page(1), ctx.settings.site_name,
        "Tin về bảo vệ, chăm sóc trẻ em của các địa phương", all_news(index),
    ))
    by_unit = news_by_unit(index)
    # Only a unit with news has a feed of its own; the others' pages offer the
    # nearest feed that will hold their news (portal.subscriptions).
    for unit in ctx.portal.units:
        docs = by_unit.get(unit.path, [])
        if not docs:
            continue
        label = index.full_label(unit)
        yield Deferred(paths.unit_feed(unit.path), functools.partial(
            feed, ctx, paths.unit_feed(unit.path),
            unit_news_home(unit.path, len(docs)),
            f"Tin tức của {label}", f"Tin của {label} và các đơn vị trực thuộc", docs,
        ))


def when(doc: Document) -> dt.datetime:
    """The item's date as a timestamp: midnight in Vietnam of its first day."""
    day = doc.when.first_day if doc.when else dt.date(doc.year, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def feed(ctx: Context, feed_path: str, page_path: str, title: str, subtitle: str, docs: Sequence[Document]) -> bytes:
    """One Atom feed of the latest :data:`FEED_SIZE` of ``docs`` (newest first)."""
    absolute = ctx.absolute
    latest = list(docs[:FEED_SIZE])
    fg = FeedGenerator()
    fg.id(absolute(feed_path))
    fg.title(title)
    fg.subtitle(subtitle)
    fg.language("vi")
    fg.author({"name": ctx.settings.site_name})
    fg.link(href=absolute(page_path), rel="alternate", type="text/html")
    fg.link(href=absolute(feed_path), rel="self", type="application/atom+xml")
    fg.generator("Cổng thông tin bảo vệ, chăm sóc trẻ em")
    # The newest item's date, not "now"; an empty feed takes the build date (from the commit).
    fg.updated(max((when(d) for d in latest), default=None)
               or dt.datetime.combine(ctx.settings.today, dt.time(), tzinfo=VIETNAM))
    index = ctx.index
    for doc in latest:
        url = absolute(paths.document_page(doc.unit, doc.slug))
        entry = fg.add_entry(order="append")
        # The page's absolute URL: unique, and stable while the site keeps its address.
        entry.id(url)
        entry.title(doc.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.updated(when(doc))
        entry.published(when(doc))
        entry.author({"name": index.full_label(index.units[doc.unit])})
        if doc.summary:
            entry.summary(doc.summary)
        if doc.campaign and doc.campaign in index.campaigns:
            entry.category(term=doc.campaign, label=index.campaigns[doc.campaign].name)
    return fg.atom_str(pretty=True, encoding="UTF-8")
