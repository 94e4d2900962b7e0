"""The portal's content model: small frozen dataclasses built once by the loader."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import DateSpan, PartialDate
from .vocabulary import LEVEL_BY_ID, Tier


if TYPE_CHECKING:
    from .values import Value


# Re-exported: the words live in portal.model.vocabulary (declared once).
LEVELS = LEVEL_BY_ID


@dataclass(frozen=True)
class Contact:
    """Official contact of a unit's office."""

    phone: str | None = None
    email: str | None = None
    address: str | None = None
    website: str | None = None
    fax: str | None = None


@dataclass(frozen=True)
class FormerName:
    """A name a unit had before a rename."""

    name: str
    level: str | None = None
    """Level id at the time, when it differed."""
    until: PartialDate | None = None
    """Last day under that name."""

    @property
    def label(self) -> str:
        return f"{LEVELS[self.level].word} {self.name}" if self.level else self.name


@dataclass(frozen=True)
class Unit:
    """An administrative unit; its folder path under ``plans/`` is its identity."""

    path: str
    """Folder path under plans/, e.g. ``thanh-hoa/ha-trung/ha-giang``."""
    name: str
    """Name without the level word, e.g. "Hà Giang"."""
    level: str
    """Level id, a key of :data:`LEVELS`."""
    source: str
    """Portal-relative path of its ``_unit.yml``."""
    code: str | None = None
    """Official administrative code."""
    valid_from: PartialDate | None = None
    """First day of existence, when known."""
    valid_to: PartialDate | None = None
    """Last day of existence; None while it exists."""
    merged_into: tuple[str, ...] = ()
    """Paths of successor units."""
    history: str | None = None
    """Free note on mergers and decisions."""
    contact: Contact | None = None
    """Office contact."""
    maintainers: tuple[str, ...] = ()
    """GitHub users or teams who review this unit's folder."""
    split_from: tuple[str, ...] = ()
    """Paths of former units this one was formed from (in part)."""
    renamed_to: str | None = None
    """Path of the same unit under its new name, when it was only renamed."""
    former_names: tuple[FormerName, ...] = ()
    """Names it had before, when it was renamed in place."""

    @property
    def level_word(self) -> str:
        return LEVEL_BY_ID[self.level].word

    @property
    def tier(self) -> Tier:
        return LEVEL_BY_ID[self.level].tier

    @property
    def label(self) -> str:
        """Name with its level word: "xã Hà Giang"."""
        return f"{self.level_word} {self.name}"

    @property
    def parent_path(self) -> str | None:
        return self.path.rpartition("/")[0] or None


@dataclass(frozen=True)
class Reference:
    """A pointer to another document, in the portal or outside it."""

    unit: str | None = None
    """Unit path of the referenced document, when it is a unit of the portal."""
    number: str | None = None
    """Its number, e.g. 73/KH-UBND."""
    document: str | None = None
    """Its slug (file name) in the unit folder."""
    issuer: str | None = None
    """Issuer, for documents outside the portal."""
    date: PartialDate | None = None
    """Issue date."""
    title: str | None = None
    """Title or subject."""
    url: str | None = None
    """Link to the official text."""

    @property
    def outside(self) -> bool:
        """Declared as a document outside the portal (it names its issuer)."""
        return self.issuer is not None


@dataclass(frozen=True)
class Amount:
    """A number as a document writes it, with the value read from it."""

    number: float
    text: str
    """As written: "1.250", "7,5"."""

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Figure:
    """A figure a document reports as a fact: participants, gifts, funds, calls."""

    label: str
    """What was counted: "Trẻ em được tặng quà"."""
    value: Amount
    """The number, read the Vietnamese way (1.250 = 1250; 7,5 = 7.5)."""
    unit: str | None = None
    """Unit of the number: "suất quà", "triệu đồng", "cuộc gọi"."""
    note: str | None = None


@dataclass(frozen=True)
class Attachment:
    """A file published with a document elsewhere (the official PDF, an annex)."""

    title: str
    url: str


@dataclass(frozen=True)
class LunarDay:
    """A day of the lunar calendar as a document writes it ("rằm tháng Tám")."""

    day: int
    month: int
    text: str
    """As written, kept for display."""
    year: int | None = None
    """Lunar year when written; otherwise the document's year."""
    leap: bool = False
    """The leap (nhuận) month."""


@dataclass(frozen=True)
class Target:
    """A target a plan sets for one indicator."""

    indicator: str
    """Indicator id."""
    value: Value
    """Parsed value; ``value.text`` is as written."""
    note: str | None = None


@dataclass(frozen=True)
class Result:
    """A reported result for one indicator."""

    indicator: str
    value: Value
    measured: PartialDate | None = None
    """When it was measured."""
    note: str | None = None


@dataclass(frozen=True)
class Activity:
    """A dated activity of a plan or a news item."""

    title: str
    date: DateSpan | None = None
    """When; month-only dates stay month-only."""
    campaign: str | None = None
    """Campaign id."""
    place: str | None = None
    outside_year: bool = False
    """Declared as deliberately outside the document's year."""
    lunar: LunarDay | None = None
    """The lunar date as written; ``date`` then holds its solar day."""


@dataclass(frozen=True)
class Image:
    """A photo of a news item, stored in its unit folder."""

    file: str
    alt: str
    caption: str | None = None


@dataclass(frozen=True)
class Document:
    """A plan, news item or report of one unit."""

    kind: str
    """``plan``, ``news`` or ``report``."""
    unit: str
    """Path of the unit whose folder holds the file."""
    slug: str
    """File name without ``.md``; unique within the unit."""
    source: str
    """Portal-relative path of the Markdown file."""
    title: str
    year: int
    """Year the document is about (news: year of its date)."""
    body: str
    """Markdown body (untrusted)."""
    body_line: int
    """File line of the body's first line."""
    summary: str | None = None
    number: str | None = None
    issued: PartialDate | None = None
    date: PartialDate | None = None
    """News date."""
    issuer: str | None = None
    url: str | None = None
    """Official source."""
    campaign: str | None = None
    plan: Reference | None = None
    """News: the plan it carries out; report: the plan it reports on."""
    implements: tuple[Reference, ...] = ()
    targets: tuple[Target, ...] = ()
    results: tuple[Result, ...] = ()
    activities: tuple[Activity, ...] = ()
    images: tuple[Image, ...] = ()
    signer: str | None = None
    """Who signed: "Phó Chủ tịch Lê Văn Hùng"."""
    theme: str | None = None
    """The local theme (chủ đề) the document states."""
    references: tuple[Reference, ...] = ()
    """Other documents it cites (căn cứ, liên quan), on the portal or outside."""
    figures: tuple[Figure, ...] = ()
    """Figures it reports as facts."""
    attachments: tuple[Attachment, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.unit, self.slug)

    @property
    def when(self) -> PartialDate | None:
        """The date that orders the document: news date or issue date."""
        return self.date or self.issued


@dataclass(frozen=True)
class Theme:
    year: int
    theme: str


@dataclass(frozen=True)
class Campaign:
    """A yearly campaign or festival of the national catalogue."""

    id: str
    name: str
    description: str | None = None
    calendar: str = "solar"
    """``solar`` or ``lunar`` (Vietnamese lunar calendar)."""
    start: tuple[int, int] | None = None
    """(month, day) of the first day each year; None when not fixed."""
    end: tuple[int, int] | None = None
    """(month, day) of the last day."""
    themes: tuple[Theme, ...] = ()

    def theme(self, year: int) -> str | None:
        return next((t.theme for t in self.themes if t.year == year), None)


@dataclass(frozen=True)
class Indicator:
    """An indicator that targets and results refer to."""

    id: str
    name: str
    measure: str
    """percent, ratio, count or permille."""
    better: str
    """higher or lower."""
    description: str | None = None
    unit: str | None = None
    """Unit of a count ("xã", "trẻ em")."""
    source: str | None = None
    """The text that defines it (a national programme's decision)."""


@dataclass(frozen=True)
class PrivacyAllow:
    """Official phone numbers, e-mails and domains that content may show."""

    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Portal:
    """Everything loaded from ``plans/``, sorted for deterministic output."""

    units: tuple[Unit, ...]
    documents: tuple[Document, ...]
    campaigns: tuple[Campaign, ...]
    indicators: tuple[Indicator, ...]
    privacy: PrivacyAllow
    assets: tuple[str, ...] = ()
    """Portal-relative paths of images in unit folders."""
