"""Where each campaign of the catalogue falls in a given year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import lunar
from ..model.records import Campaign


@dataclass(frozen=True)
class Occurrence:
    """One campaign's dates in one Gregorian year."""

    campaign: Campaign
    year: int
    start: dt.date
    end: dt.date

    @property
    def theme(self) -> str | None:
        return self.campaign.theme(self.year)


def occurrence(campaign: Campaign, year: int) -> Occurrence | None:
    """The campaign's dates in ``year``; None when it has no fixed date.

    Lunar campaigns use the lunar year that starts in ``year`` (Tết 2024 falls
    in 2024, Trung thu of lunar 2024 too), converted for UTC+7.
    """
    if campaign.start is None:
        return None
    end_md = campaign.end or campaign.start
    if campaign.calendar == "lunar":
        start = lunar.to_solar(lunar.LunarDate(year, *campaign.start))
        end_year = year if end_md >= campaign.start else year + 1
        end = lunar.to_solar(lunar.LunarDate(end_year, *end_md))
    else:
        start = dt.date(year, *campaign.start)
        end = dt.date(year if end_md >= campaign.start else year + 1, *end_md)
    return Occurrence(campaign, year, start, end)


def year_occurrences(campaigns: tuple[Campaign, ...], year: int) -> list[Occurrence]:
    """Dated campaigns of ``year``, in date order."""
    found = [o for o in (occurrence(c, year) for c in campaigns) if o is not None]
    return sorted(found, key=lambda o: (o.start, o.end, o.campaign.id))
