"""Fidelity: every front-matter fact of real-looking documents reaches a page a citizen opens.

The fixture (tests/fixtures/fidelity/plans) holds 13 documents written for this
test: provinces, districts and communes, units abolished or merged in 2025 and
units created then, every kind, years 2019-2025, outside references, lunar,
timed, listed, month-only and undated activities, figures, themes, signers and
contacts. The build is real (MkDocs, strict); facts are looked up in its HTML
and open data. FACTS names, for every field path of the schema, where the
field's value must show: a field added to the schema without a place on the
site fails ``test_every_schema_field_has_a_place``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator

import pytest

from conftest import ROOT, build_site, copy_project, parse, text_of
from portal import paths
from portal.derive import reference
from portal.model import schema
from portal.model.index import PortalIndex
from portal.content.load import load
from portal.model.records import Document
from portal.model.vocabulary import KIND_LABELS

FIXTURE = ROOT / "tests" / "fixtures" / "fidelity" / "plans"


@pytest.fixture(scope="module")
def fidelity(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PortalIndex]:
    project = copy_project(tmp_path_factory.mktemp("fidelity-project"), FIXTURE)
    dest = tmp_path_factory.mktemp("fidelity-site")
    build_site(project, dest)
    loaded = load(project)
    assert not loaded.problems, loaded.problems
    return dest, PortalIndex(loaded.portal)


def page(site: Path, site_path: str) -> str:
    return text_of(parse(site / site_path / "index.html"))


def html(site: Path, site_path: str) -> str:
    return (site / site_path / "index.html").read_text(encoding="utf-8")


def ics(site: Path, unit: str) -> str:
    """A unit's calendar with folded lines joined (RFC 5545 folds at 75 octets)."""
    return (site / paths.unit_ics(unit)).read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")


# A check gets (site, index, document) and yields (where, expected text) pairs:
# where is a site path (its page text must contain the text), "html:<path>"
# (the raw HTML must, for links), or "data:<table>" (the JSON rows must).
Check = Callable[[Path, PortalIndex, Document], Iterator[tuple[str, str]]]


def _doc(d: Document) -> str:
    return paths.document_page(d.unit, d.slug)


def _refs(d: Document) -> list:
    return [r for r in (d.plan, *d.implements, *d.references) if r is not None]


def _on_doc(get: Callable[[Document], list]) -> Check:
    def check(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
        for value in get(d):
            if value:
                yield _doc(d), str(value)
    return check


def _href(get: Callable[[Document], list]) -> Check:
    def check(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
        for value in get(d):
            if value:
                yield f"html:{_doc(d)}", f'href="{value}"'
    return check


def _both(*checks: Check) -> Check:
    def check(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
        for c in checks:
            yield from c(site, index, d)
    return check


def _calendar(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
    for a in d.activities:
        year = a.date.start.year if a.date else d.year
        yield paths.year_calendar_page(year), a.title
        yield f"ics:{d.unit}", a.title


def _targets_summary(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
    for t in d.targets:
        yield _doc(d), t.value.text
        yield paths.indicator_page(t.indicator), t.value.text
        yield paths.indicator_page(t.indicator), index.units[d.unit].name
        yield "data:chi-tieu", t.value.text


def _ref_unit_links(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
    for r in _refs(d):
        if r.unit:
            yield f"html:{_doc(d)}", f'href="{paths.relative(_doc(d), paths.unit_page(r.unit))}"'


def _ref_document(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
    for r in _refs(d):
        target = index.resolve(r, d.unit)
        if r.document or not r.issuer:
            assert target is not None, (d.source, r)
            yield _doc(d), target.title
            yield "data:tham-chieu", target.slug


def _national_theme(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
    if d.campaign:
        campaign = index.campaigns[d.campaign]
        yield _doc(d), campaign.name
        if campaign.theme(d.year):
            yield _doc(d), campaign.theme(d.year)


def _activity_dates(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
    for a in d.activities:
        if a.date:
            yield _doc(d), a.date.vietnamese()


def _lunar(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
    for a in d.activities:
        if a.lunar:
            yield _doc(d), f"{a.lunar.day}/{a.lunar.month} âm lịch"
            yield paths.year_calendar_page(a.date.start.year), f"âm lịch {a.lunar.day}/{a.lunar.month}"
            yield "data:hoat-dong", a.lunar.text


def _figures(get: Callable) -> Check:
    def check(site: Path, index: PortalIndex, d: Document) -> Iterator[tuple[str, str]]:
        for f in d.figures:
            if get(f):
                yield _doc(d), str(get(f))
                yield "data:so-lieu", str(get(f))
    return check


FACTS: dict[str, Check] = {
    "kind": _on_doc(lambda d: [KIND_LABELS[d.kind]]),
    "title": _both(_on_doc(lambda d: [d.title]), lambda s, i, d: iter([("data:van-ban", d.title)])),
    "summary": _on_doc(lambda d: [d.summary]),
    "source": _href(lambda d: [d.url]),
    "year": _on_doc(lambda d: [f"năm {d.year}"]),
    "date": _on_doc(lambda d: [d.date.vietnamese() if d.date else None]),
    "number": _on_doc(lambda d: [d.number]),
    "issued": _on_doc(lambda d: [d.issued.vietnamese() if d.issued else None]),
    "issuer": _on_doc(lambda d: [d.issuer]),
    "signer": _both(_on_doc(lambda d: [d.signer]), lambda s, i, d: iter([("data:van-ban", d.signer)] if d.signer else [])),
    "theme": _both(_on_doc(lambda d: [d.theme]), lambda s, i, d: iter([("data:van-ban", d.theme)] if d.theme else [])),
    "campaign": _national_theme,
}
for name in ("plan", "implements", "references"):
    prefix = name if name == "plan" else f"{name}[]"
    FACTS |= {
        f"{prefix}.unit": _ref_unit_links,
        f"{prefix}.number": _on_doc(lambda d: [r.number for r in _refs(d)]),
        f"{prefix}.document": _ref_document,
        f"{prefix}.issuer": _both(_on_doc(lambda d: [r.issuer for r in _refs(d)]),
                                  lambda s, i, d: iter([("data:tham-chieu", r.issuer) for r in _refs(d) if r.issuer])),
        f"{prefix}.date": _on_doc(lambda d: [r.date.vietnamese() if r.date else None for r in _refs(d)]),
        f"{prefix}.title": _on_doc(lambda d: [r.title for r in _refs(d)]),
        f"{prefix}.url": _href(lambda d: [r.url for r in _refs(d)]),
    }
    FACTS[name] = _ref_document
FACTS |= {
    "targets": _targets_summary,
    "targets[].indicator": lambda s, i, d: iter([(_doc(d), i.indicators[t.indicator].name) for t in d.targets]),
    "targets[].value": _targets_summary,
    "targets[].note": _on_doc(lambda d: [t.note for t in d.targets]),
    "results": _on_doc(lambda d: [r.value.text for r in d.results]),
    "results[].indicator": lambda s, i, d: iter([(_doc(d), i.indicators[r.indicator].name) for r in d.results]),
    "results[].value": _both(_on_doc(lambda d: [r.value.text for r in d.results]), lambda s, i, d: iter([("data:ket-qua", r.value.text) for r in d.results])),
    "results[].measured": _on_doc(lambda d: [r.measured.short() if r.measured else None for r in d.results]),
    "results[].note": _on_doc(lambda d: [r.note for r in d.results]),
    "figures": _figures(lambda f: f.label),
    "figures[].label": _figures(lambda f: f.label),
    "figures[].value": _figures(lambda f: f.value.text),
    "figures[].unit": _figures(lambda f: f.unit),
    "figures[].note": _figures(lambda f: f.note),
    "activities": _calendar,
    "activities[].title": _calendar,
    "activities[].date": _activity_dates,
    "activities[].lunar": _lunar,
    "activities[].campaign": lambda s, i, d: iter([(_doc(d), i.campaigns[a.campaign].name) for a in d.activities if a.campaign]),
    "activities[].place": _on_doc(lambda d: [a.place for a in d.activities]),
    # A directive to the checker, not a fact: the date it allows is what shows.
    "activities[].outside_year": _activity_dates,
    "images": _href(lambda d: []),
    "images[].file": _href(lambda d: []),
    "images[].alt": _on_doc(lambda d: []),
    "images[].caption": _on_doc(lambda d: [i.caption for i in d.images]),
    "attachments": _on_doc(lambda d: [a.title for a in d.attachments]),
    "attachments[].title": _on_doc(lambda d: [a.title for a in d.attachments]),
    "attachments[].url": _both(_href(lambda d: [a.url for a in d.attachments]),
                               lambda s, i, d: iter([("data:van-ban", a.url) for a in d.attachments])),
}
# Images are covered by tests/test_images.py (they need real image files).
NOT_IN_FIXTURE = {"images", "images[].file", "images[].alt", "images[].caption"}


def schema_paths() -> set[str]:
    return {row.name for record in schema.DOCUMENTS.values() for row in reference.rows(record)}


def test_every_schema_field_has_a_place() -> None:
    assert schema_paths() == set(FACTS), (
        "Mỗi trường của schema phải có chỗ hiện trên cổng (FACTS): "
        f"thiếu {sorted(schema_paths() - set(FACTS))}, thừa {sorted(set(FACTS) - schema_paths())}"
    )


def test_fixture_uses_every_field(fidelity: tuple[Path, PortalIndex]) -> None:
    _, index = fidelity
    used = set()
    for d in index.portal.documents:
        for record_path in schema_paths():
            head, _, tail = record_path.partition(".")
            value = getattr(d, schema.DOCUMENTS[d.kind].field_named(head.removesuffix("[]")).target, None) \
                if schema.DOCUMENTS[d.kind].field_named(head.removesuffix("[]")) else None
            items = value if isinstance(value, tuple) else (value,) if value is not None else ()
            if not tail and items:
                used.add(record_path)
            for item in items:
                attr = tail if not tail else (schema.ACTIVITY.field_named(tail) or schema.TARGET.field_named(tail) or
                                               schema.RESULT.field_named(tail) or schema.FIGURE.field_named(tail) or
                                               schema.REFERENCE.field_named(tail) or schema.IMAGE.field_named(tail) or
                                               schema.ATTACHMENT.field_named(tail))
                if tail and attr is not None and getattr(item, attr.target, None) not in (None, False, ()):
                    used.add(record_path)
    assert schema_paths() - NOT_IN_FIXTURE <= used, sorted(schema_paths() - NOT_IN_FIXTURE - used)


def test_every_fact_is_visible(fidelity: tuple[Path, PortalIndex]) -> None:
    site, index = fidelity
    assert len(index.portal.documents) >= 12
    data = {name: (site / "du-lieu" / f"{name}.json").read_text(encoding="utf-8")
            for name in ("van-ban", "chi-tieu", "ket-qua", "hoat-dong", "so-lieu", "tham-chieu")}
    texts: dict[str, str] = {}
    missing = []
    checked = 0
    for d in index.portal.documents:
        for field, check in FACTS.items():
            for where, expected in check(site, index, d):
                checked += 1
                if where.startswith("ics:"):
                    haystack = ics(site, where[4:])
                elif where.startswith("data:"):
                    haystack = json.dumps(json.loads(data[where[5:]]), ensure_ascii=False)
                elif where.startswith("html:"):
                    haystack = html(site, where[5:])
                else:
                    haystack = texts.setdefault(where, page(site, where))
                if expected not in haystack:
                    missing.append(f"{d.source}: {field}: «{expected}» không có ở {where}")
    assert checked > 200
    assert not missing, "\n".join(missing)


def test_units_show_contacts_and_history(fidelity: tuple[Path, PortalIndex]) -> None:
    site, index = fidelity
    for unit in index.portal.units:
        text = page(site, paths.unit_page(unit.path))
        assert unit.name in text
        if unit.contact:
            for value in (unit.contact.phone, unit.contact.fax, unit.contact.address, unit.contact.email):
                if value:
                    assert value in text, (unit.path, value)


def test_month_only_and_undated_activities_in_ics(fidelity: tuple[Path, PortalIndex]) -> None:
    site, index = fidelity
    text = ics(site, "quang-binh/le-thuy")
    assert "Rà soát danh sách trẻ em có hoàn cảnh đặc biệt (cả năm)" in text
    assert "DTSTART;VALUE=DATE:20200101" in text and "DTEND;VALUE=DATE:20210101" in text
    text = ics(site, "quang-binh/le-thuy/sen-thuy")
    assert "Tổ chức sinh hoạt hè cho thiếu nhi các thôn (cả tháng)" in text
    assert "DTSTART;VALUE=DATE:20210701" in text and "DTEND;VALUE=DATE:20210801" in text


def test_lunar_day_converted_with_lunar_module(fidelity: tuple[Path, PortalIndex]) -> None:
    from portal.model import lunar

    _, index = fidelity
    doc = index.documents[("quang-binh", "2019-ke-hoach-45")]
    activity = doc.activities[1]
    assert activity.lunar is not None and activity.lunar.text == "rằm tháng Tám"
    assert activity.date.start.first_day == lunar.trung_thu(2019)
