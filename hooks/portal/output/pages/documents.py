"""One page per plan, news item and report."""

from __future__ import annotations

from typing import Iterator

from ...content import images
from ... import paths
from ...model import lineage
from ...model.records import Document
from ...model.vocabulary import KIND_LABELS
from ...derive.progress import plan_rows
from ..render import render
from ...model.site import Context, Page, SearchMeta


def provide(ctx: Context) -> Iterator[Page]:
    for doc in ctx.portal.documents:
        yield document_page(ctx, doc)


def document_page(ctx: Context, doc: Document) -> Page:
    index = ctx.index
    path = paths.document_page(doc.unit, doc.slug)

    def html(body_html: str | None) -> str:
        return render(
            "document.html", path,
            doc=doc, index=index, body_html=body_html or "",
            campaign=index.campaigns.get(doc.campaign) if doc.campaign else None,
            plan_target=index.resolve(doc.plan, doc.unit) if doc.plan else None,
            implements=[(ref, index.resolve(ref, doc.unit)) for ref in doc.implements],
            cited_refs=[(ref, index.resolve(ref, doc.unit)) for ref in doc.references],
            implemented_by=index.implemented_by.get(doc.key, []),
            linked=index.linked_to_plan.get(doc.key, []),
            rows=plan_rows(index, doc) if doc.kind != "report" and doc.targets else [],
            images=images.published(ctx.root, doc),
            page_url=ctx.absolute(path),
        )

    unit = index.units[doc.unit]
    return Page(
        path=path,
        title=doc.title,
        render=html,
        source=doc.source,
        markdown=doc.body,
        description=doc.summary or f"{doc.title} — {index.full_label(unit)}",
        search=SearchMeta(
            kind=KIND_LABELS[doc.kind],
            year=str(doc.year),
            province=index.full_label(index.province(doc.unit)),
            unit=index.full_label(unit),
            number=doc.number or "",
            **lineage.search_meta(index, unit),
        ),
    )

