"""News listings: all news, each unit's (with the units below it), each campaign's per year.

Every listing is split into pages of :data:`PAGE_SIZE` so that no page carries
every item: a national portal has tens of thousands of news items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from ... import paths
from ...model.records import Document
from ...derive.newsitems import all_news, has_listing, news_by_campaign, news_by_unit
from ..render import render
from ...model.site import Context, Page

PAGE_SIZE = 20
PAGER_SPAN = 2
"""Page numbers shown on each side of the current one; the rest collapse to "…"."""


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a paginated listing."""

    number: int
    """This page, 1-based."""
    count: int
    """Number of pages (at least 1, even for an empty listing)."""
    first: str
    """Site path of page 1; later pages add ``trang-N/``."""

    def path(self, number: int) -> str:
        return paths.numbered_page(self.first, number)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers to link, None where a run is left out: 1 … 4 5 6 7 8 … 40."""
        shown = {1, self.count, *range(self.number - PAGER_SPAN, self.number + PAGER_SPAN + 1)}
        out: list[int | None] = []
        for n in sorted(n for n in shown if 1 <= n <= self.count):
            if out and out[-1] is not None and n > out[-1] + 1:
                out.append(None)
            out.append(n)
        return out


@dataclass(frozen=True)
class Listing:
    """One paginated news listing before it is split into pages."""

    first: str
    """Site path of its first page."""
    title: str
    """Heading and page title."""
    lead: str
    """One sentence under the heading."""
    items: tuple[Document, ...]
    """News items, newest first."""
    feed: str | None = None
    """Site path of the matching Atom feed."""
    unit: str | None = None
    """Unit path for a unit's listing: items of other units get marked."""
    campaign: str | None = None
    """Campaign id for a campaign's listing."""
    year: int | None = None
    """Year of a campaign's listing."""


def paginate(items: Sequence[Document], first: str, size: int = PAGE_SIZE) -> list[tuple[Pager, Sequence[Document]]]:
    """The pages of a listing; an empty listing still has its first page."""
    count = max(1, -(-len(items) // size))
    return [(Pager(n, count, first), items[(n - 1) * size : n * size]) for n in range(1, count + 1)]


def listings(ctx: Context) -> Iterator[Listing]:
    index = ctx.index
    yield Listing(
        first=paths.news_page(1),
        title="Tin tức",
        lead="Tin về hoạt động bảo vệ, chăm sóc trẻ em của các địa phương, mới nhất trước.",
        items=tuple(all_news(index)),
        feed=paths.news_feed(),
    )
    for path, docs in sorted(news_by_unit(index).items()):
        if not has_listing(len(docs)):
            continue  # the unit's page lists them all
        label = index.full_label(index.units[path])
        yield Listing(
            first=paths.unit_news_page(path),
            title=f"Tin tức của {index.units[path].label}",
            lead=f"Tin của {label} và các đơn vị trực thuộc, mới nhất trước.",
            items=tuple(docs), feed=paths.unit_feed(path), unit=path,
        )
    for (campaign_id, year), docs in news_by_campaign(index).items():
        campaign = index.campaigns[campaign_id]
        theme = campaign.theme(year)
        yield Listing(
            first=paths.campaign_news_page(campaign_id, year),
            title=f"{campaign.name} năm {year}",
            lead=f"Chủ đề năm {year}: {theme}." if theme else f"Tin của các địa phương về {campaign.name} năm {year}.",
            items=tuple(docs), campaign=campaign_id, year=year,
        )


def provide(ctx: Context) -> Iterator[Page]:
    campaigns = news_by_campaign(ctx.index)
    for listing in listings(ctx):
        for pager, items in paginate(listing.items, listing.first):
            yield _page(ctx, listing, pager, items, campaigns if listing.first == paths.NEWS and pager.number == 1 else {})


def _page(ctx: Context, listing: Listing, pager: Pager, items: Sequence[Document],
          campaigns: dict[tuple[str, int], list[Document]]) -> Page:
    path = pager.path(pager.number)
    title = listing.title if pager.number == 1 else f"{listing.title} (trang {pager.number})"
    index = ctx.index

    def html(_: str | None) -> str:
        return render(
            "news_list.html", path,
            listing=listing, pager=pager, items=items, title=title, index=index,
            crumbs=[*index.ancestors(listing.unit), index.units[listing.unit]] if listing.unit else None,
            campaigns=sorted(((index.campaigns[c], year, len(docs)) for (c, year), docs in campaigns.items()),
                             key=lambda row: (-row[1], row[0].name)),
        )

    return Page(path=path, title=title, render=html, description=listing.lead)
