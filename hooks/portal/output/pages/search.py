"""The search results page (/tim-kiem/): a linkable page driven by ?q= and filters.

The results come from the portal's search index (hooks/portal/derive/search.py),
read in the browser by docs/assets/search.js; the page itself carries only
the form, with the filter choices known at build time, so opening it
downloads nothing of the index until there is a query.
"""

from __future__ import annotations

from typing import Iterator

from ... import paths
from ...model import lineage
from ..render import render
from ...model.site import Context, Page

KINDS = ("Kế hoạch", "Tin tức", "Báo cáo", "Đơn vị")
"""Values of the "kind" filter, as the document and unit pages set them."""


def provide(ctx: Context) -> Iterator[Page]:
    index = ctx.index
    # The same labels the pages give the index as their "province" filter.
    provinces = sorted({index.full_label(u) for u in index.roots if not u.valid_to}, key=_vietnamese_order)
    # Former provinces apart, each saying where it went: the current one's filter includes it.
    former = sorted(((index.full_label(u), _former_option(index, u)) for u in index.roots if u.valid_to),
                    key=lambda pair: _vietnamese_order(pair[0]))
    merged_in = {index.full_label(u): [index.full_label(p) for p in index.predecessors.get(u.path, []) if p in index.roots]
                 for u in index.roots}
    years = sorted({d.year for d in ctx.portal.documents}, reverse=True)
    yield Page(
        path=paths.SEARCH,
        title="Tìm kiếm",
        render=lambda _: render("search.html", paths.SEARCH, provinces=provinces, former=former,
                                  merged_in=merged_in, years=years, kinds=KINDS),
        description="Tìm kế hoạch, tin tức, báo cáo và đơn vị, gõ có dấu hoặc không dấu",
        # None: the results page itself is not indexed.
        search=None,
    )


def _former_option(index, unit) -> str:
    """"tỉnh Hà Giang (cũ, đến 30/06/2025, nay thuộc tỉnh Tuyên Quang)"."""
    now = lineage.current(index, unit)
    where = f", nay thuộc {', '.join(index.full_label(u) for u in now)}" if now else ""
    return f"{index.full_label(unit)} (cũ, đến {unit.valid_to.short()}{where})"


def _vietnamese_order(label: str) -> tuple[str, str]:
    # "tỉnh Hà Giang" sorts by "ha giang", not by its level word or its accents.
    for level in ("thành phố ", "tỉnh "):
        if label.startswith(level):
            return paths.fold(label[len(level):]), label
    return paths.fold(label), label
