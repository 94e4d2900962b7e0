"""Page providers: each module yields the pages and files of one part of the site."""

from __future__ import annotations

from . import calendar, documents, home, units

PROVIDERS = (documents.provide, units.provide, home.provide, calendar.provide)
