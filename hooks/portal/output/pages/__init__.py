"""Page providers: each module yields the pages and files of one part of the site."""

from __future__ import annotations

from ...derive import feeds
from ...content import images
from . import calendar, documents, editor, guide, home, news, opendata, search, targets, units

PROVIDERS = (documents.provide, units.provide, home.provide, calendar.provide, news.provide, feeds.provide, images.provide,
             targets.provide, opendata.provide, search.provide, guide.provide, editor.provide)
