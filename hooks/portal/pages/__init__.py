"""Page providers: each module yields the pages and files of one part of the site."""

from __future__ import annotations

from .. import feeds, images
from . import calendar, documents, home, news, opendata, targets, units

PROVIDERS = (documents.provide, units.provide, home.provide, calendar.provide, news.provide, feeds.provide, images.provide,
             targets.provide, opendata.provide)
