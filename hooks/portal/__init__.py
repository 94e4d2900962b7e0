"""Static site generator for public child-protection information portals.

The package is the domain core: it loads ``plans/``, validates it, builds a
frozen model and derives pages, feeds, calendars and open data from it. Only
``hooks/mkdocs_hooks.py`` knows about MkDocs.
"""
