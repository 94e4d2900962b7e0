"""The home page: now and next, latest news, find your unit, hotline."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ... import paths
from ...derive.campaigns import year_occurrences
from ...derive.newsitems import all_news
from ..render import render
from ...model.site import Context, Page

LATEST_NEWS = 6


def provide(ctx: Context) -> Iterator[Page]:
    today = ctx.settings.today
    first = today.replace(day=1)
    # "Now and next": this month and the next one.
    last = (first + dt.timedelta(days=62)).replace(day=1) - dt.timedelta(days=1)
    now = [
        o for year in (today.year - 1, today.year, today.year + 1)
        for o in year_occurrences(ctx.portal.campaigns, year)
        if o.start <= last and o.end >= first
    ]
    activities = sorted(
        ((a, d) for d in ctx.portal.documents for a in d.activities if a.date and a.date.overlaps(first, last)),
        key=lambda pair: (pair[0].date.start.first_day, pair[1].source, pair[0].title),
    )
    news = all_news(ctx.index)[:LATEST_NEWS]
    yield Page(
        path=paths.HOME,
        title=ctx.settings.site_name,
        render=lambda _: render(
            "home.html", paths.HOME,
            site_name=ctx.settings.site_name, today=today, now=now,
            activities=activities[:12], news=news, index=ctx.index,
            provinces=sorted(ctx.index.roots, key=lambda u: paths.fold(u.label)),
        ),
        description="Kế hoạch, tin tức và kết quả công tác bảo vệ, chăm sóc trẻ em; tổng đài 111",
    )
