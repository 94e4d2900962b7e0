"""Slugs, diacritic folding and every URL of the site, in one place.

Material's heading anchors drop "đ" ("Đồng Nai" -> "ong-nai") because NFKD does
not decompose it; every slug and every search key of the portal goes through
:func:`fold` instead, which maps đ/Đ to d/D first.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# The Unicode blocks of combining marks; Vietnamese tones and vowel marks
# (U+0300-036F after NFD) are in the first. One pattern is several times
# faster than testing each character, and fold runs on every indexed word.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, đ included."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()


def slugify(text: str, separator: str = "-") -> str:
    """ASCII slug: "Đồng Nai" -> "dong-nai"."""
    return _NON_ALNUM.sub(separator, fold(text)).strip(separator)


def toc_slugify(value: str, separator: str) -> str:
    """Heading-anchor slug for Python-Markdown's ``toc`` extension."""
    return slugify(value, separator)


def is_slug(text: str) -> bool:
    """True for lower-case ASCII words joined by single hyphens."""
    return bool(SLUG_RE.match(text))


# Site paths. Each returns a path relative to the site root, ending in "/"
# for pages (directory URLs) and in the file name for other outputs.

HOME = ""
UNITS = "don-vi/"
NEWS = "tin-tuc/"
CALENDAR = "lich/"
TARGETS = "chi-tieu/"
OPEN_DATA = "du-lieu/"
SEARCH = "tim-kiem/"
GUIDE = "huong-dan/"


def guide_reference() -> str:
    """The generated front-matter reference of the contributor guide."""
    return f"{GUIDE}tham-chieu/"


def unit_page(unit_path: str) -> str:
    return f"{UNITS}{unit_path}/"


def document_page(unit_path: str, slug: str) -> str:
    return f"{UNITS}{unit_path}/{slug}/"


def news_page(number: int) -> str:
    """News listing page ``number`` (1-based); the first is the section root."""
    return numbered_page(NEWS, number)


def campaign_news_page(campaign_id: str, year: int, number: int = 1) -> str:
    """News of one campaign in one year, page ``number``."""
    return numbered_page(f"{NEWS}{campaign_id}/{year}/", number)


UNIT_SUBPAGES = ("tin-tuc",)
"""Names the site takes inside every unit's folder: no document or child unit may use them."""


def unit_news_page(unit_path: str, number: int = 1) -> str:
    """News of a unit and the units below it, page ``number``."""
    return numbered_page(f"{UNITS}{unit_path}/tin-tuc/", number)


def numbered_page(first: str, number: int) -> str:
    """Page ``number`` (1-based) of a listing whose first page is ``first``."""
    return first if number == 1 else f"{first}trang-{number}/"


def document_image(unit_path: str, slug: str, number: int, width: int | None = None) -> str:
    """Published photo ``number`` (1-based) of a document; ``width`` names a smaller copy."""
    suffix = f"-{width}" if width else ""
    return f"{UNITS}{unit_path}/{slug}/anh-{number}{suffix}.jpg"


def year_calendar_page(year: int) -> str:
    return f"{CALENDAR}{year}/"


def province_calendar_page(year: int, province_path: str, number: int = 1) -> str:
    """A province's activities of ``year`` (page ``number``), when the year page is too big."""
    return numbered_page(f"{CALENDAR}{year}/{province_path}/", number)


def indicator_page(indicator_id: str) -> str:
    return f"{TARGETS}{indicator_id}/"


def year_targets_page(year: int) -> str:
    return f"{TARGETS}nam-{year}/"


def indicator_province_page(indicator_id: str, province_path: str, number: int = 1) -> str:
    """An indicator's rows in one province, when the indicator is split (page ``number``)."""
    return numbered_page(f"{TARGETS}{indicator_id}/{province_path}/", number)


def unit_targets_page(unit_path: str) -> str:
    """A unit's targets over the years."""
    return f"{TARGETS}don-vi/{unit_path}/"


def news_feed() -> str:
    return f"{NEWS}atom.xml"


def unit_feed(unit_path: str) -> str:
    return f"{UNITS}{unit_path}/atom.xml"


def campaigns_ics() -> str:
    return f"{CALENDAR}chien-dich.ics"


def unit_ics(unit_path: str) -> str:
    return f"{UNITS}{unit_path}/lich.ics"


def unit_list() -> str:
    return f"{UNITS}don-vi.json"


def data_file(name: str) -> str:
    return f"{OPEN_DATA}{name}"


EDITOR = "admin/"
"""Folder of the web editor (Decap CMS); its configuration is docs/admin/config.yml."""


def editor_file(name: str) -> str:
    return f"{EDITOR}{name}"


def src_uri(page_path: str) -> str:
    """MkDocs source URI of a generated page at ``page_path``."""
    return f"{page_path}index.md"


def relative(from_page: str, to_path: str) -> str:
    """Relative URL from the page at ``from_page`` to ``to_path`` (both site paths).

    Relative links keep the site working under any sub-path (a GitHub Pages
    project site) and at a domain root, without knowing which.
    """
    # Site paths are clean (no "." or ".." parts), so dropping the common
    # folders is enough; posixpath.relpath normalises both paths first and
    # was a tenth of a national build (100,000 links).
    start = [part for part in from_page.split("/") if part]
    target = [part for part in to_path.split("/") if part]
    common = 0
    for a, b in zip(start, target):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    if to_path.endswith("/") or not to_path:
        return "./" if rel == "." else rel + "/"
    return rel


def edit_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """The repository's edit root from the engine's repository URL and edit path, or None.

    "Edit this page" of a generated page opens its source under plans/, so the
    base is the root of the repository, not its docs/ folder.
    """
    if not repo_url or not edit_uri:
        return None
    path = edit_uri.rstrip("/")
    root = path[: -len("/docs")] if path.endswith("/docs") else path
    return repo_url.rstrip("/") + "/" + root.lstrip("/")
