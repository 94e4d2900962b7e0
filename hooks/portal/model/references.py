"""References between documents: on the portal, or outside it by issuer.

A reference without ``issuer`` names a portal document and must resolve;
when it does not, the closest documents are proposed. A reference with
``issuer`` names an outside document (a ministry's guidance, a provincial
plan not yet published here); its ``unit``, when given, is the issuer's unit,
linked on the page. Both kinds are shown with their issuing body and are
listed in open data.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable, Iterator

from .index import PortalIndex
from .records import Document, Reference, Unit

FIELDS = ("plan", "implements", "references")
"""Document fields that hold references, in the order pages show them."""


@dataclass(frozen=True)
class Cited:
    """One reference of a document, resolved against the portal."""

    doc: Document
    field: str
    """Field path: ``implements[0]``, ``plan``."""
    ref: Reference
    target: Document | None
    """The portal document, when the reference resolves."""
    unit: Unit | None
    """The issuing unit on the portal (the target's, or the declared one)."""

    @property
    def issuer(self) -> str | None:
        """Issuing body: HĐND, UBND, Sở…, as the reference or the target states it."""
        return self.ref.issuer or (self.target.issuer if self.target else None)


def cited(index: PortalIndex, doc: Document) -> Iterator[Cited]:
    """Every reference of ``doc`` with what it resolves to."""
    pairs: list[tuple[str, Reference]] = []
    if doc.plan is not None:
        pairs.append(("plan", doc.plan))
    pairs += [(f"implements[{i}]", r) for i, r in enumerate(doc.implements)]
    pairs += [(f"references[{i}]", r) for i, r in enumerate(doc.references)]
    for field, ref in pairs:
        target = index.resolve(ref, doc.unit) if (ref.unit is None or ref.unit in index.units) else None
        unit = index.units.get(target.unit) if target else index.units.get(ref.unit or "") if ref.unit else None
        yield Cited(doc, field, ref, target, unit)


def check(doc: Document, index: PortalIndex, at: Callable[[str, str, str], None]) -> dict[str, Document | None]:
    """Report every reference problem of ``doc``; field path -> resolved target."""
    found: dict[str, Document | None] = {}
    for c in cited(index, doc):
        ref, field = c.ref, c.field
        found[field] = c.target
        if ref.unit and ref.unit not in index.units:
            at(doc.source, f"{field}.unit", f"đơn vị «{ref.unit}» không có trong plans/: kiểm tra đường dẫn, hoặc bỏ unit nếu cơ quan ban hành không có trang trên cổng")
            continue
        if c.target is not None and c.target.key == doc.key:
            at(doc.source, field, "văn bản không thể tham chiếu đến chính nó")
            found[field] = None
            continue
        if ref.outside:
            if not (ref.number or ref.title):
                at(doc.source, field, "văn bản ngoài cổng cần có số hiệu (number) hoặc trích yếu (title) bên cạnh cơ quan ban hành (issuer)")
            continue
        if not (ref.number or ref.document):
            at(doc.source, field, "cần ghi số hiệu (number) hoặc tên tệp (document) của văn bản trên cổng; văn bản ngoài cổng thì ghi cơ quan ban hành (issuer) và số hiệu hoặc trích yếu")
            continue
        if c.target is None:
            owner = index.units[ref.unit or doc.unit]
            at(doc.source, field, _unknown(ref, owner, index))
    return found


def _unknown(ref: Reference, owner: Unit, index: PortalIndex) -> str:
    what = ref.document or ref.number or ""
    docs = index.by_unit.get(owner.path, [])
    names = [d.number for d in docs if d.number] if ref.number and not ref.document else [d.slug for d in docs]
    close = difflib.get_close_matches(what, names, n=3, cutoff=0.5)
    hint = f"; gần giống: {', '.join(close)}" if close else ""
    return (
        f"không tìm thấy văn bản «{what}» của {owner.label} trên cổng{hint}. "
        "Nếu văn bản không có trên cổng, hãy ghi cơ quan ban hành (issuer), ví dụ "
        "«issuer: Ủy ban nhân dân tỉnh Thanh Hóa», kèm số hiệu, ngày (date) và trích yếu (title)"
    )
