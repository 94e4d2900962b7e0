"""English words of a site's interface, shared by the static and the runtime language checks.

Readers of the portal read Vietnamese; an English label left by the theme
(Material's defaults), a script or a template is a bug. The list holds words
and phrases of interfaces (buttons, menus, search, dates, errors), matched as
whole words with their capital letter as interfaces write them, so the
content's own English (code identifiers, "PDF", "CSV", "GitHub", names of
organisations) is never taken for one. Text inside <code>, <pre>, <kbd> and
<samp> is content too, and is left out by the checks.
"""

from __future__ import annotations

import re

UI_WORDS = (
    # Material's chrome and its default translations
    "Search", "Skip to content", "Back to top", "Copy to clipboard", "Copied to clipboard", "Copy", "Copied",
    "Edit this page", "View source of this page", "Previous", "Next", "Table of contents", "Navigation",
    "Header", "Footer", "Made with", "Go to repository", "Repository", "Share", "Clear",
    "Initializing search", "Type to start searching", "No matching documents", "matching documents",
    "more on this page", "Missing", "Select version", "Tabs", "Last update", "Created", "Contributors",
    "Source", "Comments", "Don't show this again", "Accept", "Reject", "Manage settings", "Cookie",
    "min read", "minute read", "Continue reading", "Back to index", "Archive", "Categories", "Authors",
    "Draft", "Metadata", "Related links", "RSS feed", "Switch to dark mode", "Switch to light mode",
    "Toggle", "Menu", "Close", "Open", "Home", "Loading", "Read more", "Show more", "Less", "Expand",
    "Collapse", "Filter", "Sort", "Results", "Result", "Submit", "Go", "Reset", "Download", "Subscribe",
    "Page not found", "Not found", "Error", "Network error", "Invalid", "Required", "Optional", "Unknown",
    "Yes", "No", "OK", "Cancel", "Help", "More", "Other", "All", "None", "Page", "of",
    # dates written the English way
    "January", "February", "March", "April", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "AM", "PM", "ago", "today", "yesterday",
)

_PATTERN = re.compile(r"(?<![\w/.-])(?:" + "|".join(re.escape(w) for w in sorted(UI_WORDS, key=len, reverse=True)) + r")(?![\w/-])")

ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "value", "aria-description", "aria-roledescription")
"""Attributes a reader hears or sees (screen readers, tooltips, empty fields, image descriptions, buttons)."""
CONTENT_TAGS = ("code", "pre", "kbd", "samp", "script", "style", "template", "svg")
"""Elements whose text is content or not read at all."""


def english_words(text: str) -> list[str]:
    """The interface words of ``text`` (empty when it is Vietnamese)."""
    return _PATTERN.findall(text)

QUOTED = {
    "huong-dan/luu-tru/": ("Source", "None"),
}
"""Pages that quote another product's English interface as the reader will find it there
(the hosting guide: GitHub's «Settings → Pages → … → Source», Cloudflare's «Framework preset: None»)."""


def quoted(page_path: str, word: str) -> bool:
    return any(page_path.startswith(prefix) and word in words for prefix, words in QUOTED.items())
