"""Cross-file checks on the loaded model: references, history, dates, raw HTML.

Problems found here point at the field that caused them, using the line map
the loader kept, so a contributor is sent to the exact line to fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from pathlib import Path

from . import images, lineage_checks, sanitize
from ..model import lunar
from .. import paths
from ..model import references
from ..model.index import PortalIndex
from .load import Loaded
from ..model.records import Document, Portal
from ..model.problems import BODY, Problem

MAX_IMAGE_BYTES = 5 * 1024 * 1024
# A file name that starts with a year (and month): "2023-06-dien-dan.md".
_FILE_DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?=-|$))?")


def validate(loaded: Loaded, root: Path | str, index: PortalIndex | None = None) -> list[Problem]:
    """Every cross-file problem of a loaded portal (the loader's own come first)."""
    portal = loaded.portal
    index = index if index is not None else PortalIndex(portal)
    found: list[Problem] = []

    def at(source: str, field: str, message: str) -> None:
        found.append(Problem(source, loaded.line(source, field), field, message))

    _units(portal, index, at)
    lineage_checks.units(portal, index, at)
    _campaigns(portal, loaded, at)
    for doc in portal.documents:
        _document(doc, index, at, Path(root))
    _numbers_and_slugs(portal, index, at)
    _cycles(portal, index, at)
    # Personal data is checked in every channel by content/pii_channels.py (see check.py).
    for doc in portal.documents:
        _content(doc, found)
    return found


def _units(portal: Portal, index: PortalIndex, at) -> None:
    for unit in portal.units:
        parent = unit.parent_path
        if parent is not None and parent not in index.units:
            at(unit.source, "", f"Thư mục cha plans/{parent}/ chưa được khai báo là đơn vị: hãy thêm plans/{parent}/_unit.yml")
        elif parent is not None and index.units[parent].tier >= unit.tier:
            up = index.units[parent]
            at(unit.source, "level", f"{unit.label} không thể là đơn vị trực thuộc {up.label}: cấp dưới phải thấp hơn cấp trên")
        if unit.valid_from and unit.valid_to and unit.valid_from.first_day > unit.valid_to.last_day:
            at(unit.source, "valid_to", f"ngày kết thúc {unit.valid_to.short()} đứng trước ngày bắt đầu {unit.valid_from.short()}")
        for i, successor in enumerate(unit.merged_into):
            field = f"merged_into[{i}]"
            target = index.units.get(successor)
            if successor == unit.path:
                at(unit.source, field, "một đơn vị không thể sáp nhập vào chính nó")
            elif target is None:
                at(unit.source, field, f"đơn vị kế thừa «{successor}» không có trong plans/: hãy kiểm tra đường dẫn thư mục")
            elif unit.valid_to is None:
                at(unit.source, "valid_to", "đơn vị đã sáp nhập phải có ngày kết thúc (valid_to), ví dụ 2025-06-30")
            elif _created_before_end(target, unit):
                at(unit.source, "valid_to", f"thời gian tồn tại chồng lấn: đơn vị kế thừa {target.label} bắt đầu từ {target.valid_from.short()}, trước khi đơn vị này kết thúc ({unit.valid_to.short()})")
        parent_unit = index.units.get(parent) if parent else None
        if parent_unit and parent_unit.valid_to and unit.valid_from and unit.valid_from.first_day > parent_unit.valid_to.last_day:
            at(unit.source, "valid_from", f"đơn vị bắt đầu sau khi đơn vị cấp trên {parent_unit.label} đã kết thúc ({parent_unit.valid_to.short()})")


def _created_before_end(successor, unit) -> bool:
    # A successor that already existed (An Giang absorbing Kiên Giang) may start
    # long before; only one created after the unit yet before its end overlaps.
    if successor.valid_from is None or unit.valid_to is None:
        return False
    start = successor.valid_from.first_day
    begun = unit.valid_from.first_day if unit.valid_from else dt.date.min
    return begun < start <= unit.valid_to.last_day


def _campaigns(portal: Portal, loaded: Loaded, at) -> None:
    years = sorted({d.year for d in portal.documents} | {dt.date.today().year})
    for campaign in portal.campaigns:
        # The model is sorted by id; problems name the item's place in the file.
        i = loaded.positions.get(("plans/campaigns.yml", campaign.id), 0)
        for field, month_day in (("start", campaign.start), ("end", campaign.end)):
            if month_day is None or (field == "end" and month_day == campaign.start):
                # An end left out is the start again: one problem is enough.
                continue
            month, day = month_day
            where = f"[{i}].{field}"
            if not 1 <= month <= 12 or not 1 <= day <= (30 if campaign.calendar == "lunar" else 31):
                at("plans/campaigns.yml", where, f"ngày {day:02d}/{month:02d} không tồn tại")
                continue
            if campaign.calendar == "lunar":
                for year in years:
                    try:
                        lunar.to_solar(lunar.LunarDate(year, month, day))
                    except ValueError as error:
                        at("plans/campaigns.yml", where, f"{error}; hãy dùng ngày có trong mọi năm (ví dụ ngày 29)")
                        break
            elif day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]:
                at("plans/campaigns.yml", where, f"ngày {day:02d}/{month:02d} không tồn tại")


def _document(doc: Document, index: PortalIndex, at, root: Path) -> None:
    after_end = lineage_checks.after_end(index, doc)
    if after_end:
        at(doc.source, *after_end)
    named = _FILE_DATE.match(doc.slug)
    if named and doc.kind == "news" and doc.date and (int(named.group(1)) != doc.date.year or (named.group(2) and doc.date.month != int(named.group(2)))):
        at(doc.source, "date", f"tên tệp «{doc.slug}.md» ghi thời gian khác với ngày đăng {doc.date.short()}: đổi tên tệp cho khớp (ví dụ {doc.date.iso()[:7]}-…) hoặc sửa ngày")
    elif named and doc.kind != "news" and int(named.group(1)) != doc.year:
        at(doc.source, "year", f"tên tệp «{doc.slug}.md» bắt đầu bằng năm {named.group(1)}, khác năm thực hiện {doc.year}: đổi tên tệp cho khớp hoặc sửa year")
    if doc.issued and doc.kind != "news" and abs(doc.issued.year - doc.year) > 1:
        at(doc.source, "issued", f"năm ban hành {doc.issued.year} cách quá xa năm thực hiện {doc.year}")
    if doc.campaign and doc.campaign not in index.campaigns:
        at(doc.source, "campaign", f"chiến dịch «{doc.campaign}» không có trong plans/campaigns.yml; các mã có: {', '.join(index.campaigns)}")
    for i, target in enumerate(doc.targets):
        if target.indicator not in index.indicators:
            at(doc.source, f"targets[{i}].indicator", f"chỉ tiêu «{target.indicator}» không có trong plans/indicators.yml{_indicator_hint(target.indicator, index)}")
    seen: dict[str, int] = {}
    for i, target in enumerate(doc.targets):
        if target.indicator in seen:
            at(doc.source, f"targets[{i}].indicator", f"chỉ tiêu «{target.indicator}» đã có ở targets[{seen[target.indicator]}]")
        seen.setdefault(target.indicator, i)
    for i, activity in enumerate(doc.activities):
        field = f"activities[{i}]"
        if activity.campaign and activity.campaign not in index.campaigns:
            at(doc.source, f"{field}.campaign", f"chiến dịch «{activity.campaign}» không có trong plans/campaigns.yml; các mã có: {', '.join(index.campaigns)}")
        if activity.date and not activity.outside_year and not (activity.date.start.year <= doc.year <= activity.date.end.year):
            at(doc.source, f"{field}.date", f"hoạt động đề ngày {activity.date.short()}, ngoài năm {doc.year} của văn bản: sửa lại ngày, hoặc thêm «outside_year: true» nếu đúng là như vậy")
    resolved = references.check(doc, index, at)
    if doc.plan is not None:
        target = resolved.get("plan")
        if doc.plan.outside and doc.kind == "report":
            at(doc.source, "plan", "báo cáo kết quả phải chỉ tới một kế hoạch có trên cổng (để so với chỉ tiêu): bỏ issuer, ghi số hiệu hoặc tên tệp của kế hoạch")
        if target is not None and target.kind != "plan":
            at(doc.source, "plan", f"«{target.title}» không phải là kế hoạch")
        elif target is not None and doc.kind == "report":
            have = {t.indicator for t in target.targets}
            for i, result in enumerate(doc.results):
                if result.indicator not in have:
                    at(doc.source, f"results[{i}].indicator", f"kế hoạch {target.number or target.title} không có chỉ tiêu «{result.indicator}»: chỉ báo cáo các chỉ tiêu kế hoạch đã đặt ({', '.join(sorted(have)) or 'không có'})")
    for i, result in enumerate(doc.results):
        if result.indicator not in index.indicators:
            at(doc.source, f"results[{i}].indicator", f"chỉ tiêu «{result.indicator}» không có trong plans/indicators.yml{_indicator_hint(result.indicator, index)}")
    for i, image in enumerate(doc.images):
        path = root / "plans" / doc.unit / image.file
        if not path.is_file():
            at(doc.source, f"images[{i}].file", f"không tìm thấy ảnh plans/{doc.unit}/{image.file}: hãy tải ảnh lên cùng thư mục với bài")
        elif path.stat().st_size > MAX_IMAGE_BYTES:
            at(doc.source, f"images[{i}].file", f"ảnh quá lớn ({path.stat().st_size // 1024} KB, tối đa {MAX_IMAGE_BYTES // 1024 // 1024} MB): hãy thu nhỏ ảnh trước khi tải lên")
        elif (why := images.problem(path)) is not None:
            at(doc.source, f"images[{i}].file", why)


def _indicator_hint(code: str, index: PortalIndex) -> str:
    """The catalogue codes closest to a mistyped one, by code and by name written without diacritics."""
    wanted = paths.slugify(code)
    by_key = {i: i for i in index.indicators}
    by_key.update({paths.slugify(ind.name): ind.id for ind in index.indicators.values()})
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.6)
    # Long codes share most of their letters ("tre-em-…"): also offer codes of the same words.
    words = set(wanted.split("-")) - {"tre", "em", "ty", "le", "duoc", "cac", "va"}
    shared = sorted(by_key[k] for k in by_key if len(words & set(k.split("-"))) >= 2)
    found = list(dict.fromkeys([by_key[c] for c in close] + shared))[:3]
    if found:
        return f"; gần giống: {', '.join(found)}"
    return "; xem bảng mã chỉ tiêu ở trang Tham chiếu của hướng dẫn"


def _numbers_and_slugs(portal: Portal, index: PortalIndex, at) -> None:
    numbers: dict[tuple[str, str], Document] = {}
    for doc in portal.documents:
        if doc.number:
            first = numbers.setdefault((doc.unit, doc.number), doc)
            if first is not doc:
                at(doc.source, "number", f"số hiệu {doc.number} đã được dùng cho {first.source}")
        if (f"{doc.unit}/{doc.slug}") in index.units:
            at(doc.source, "", f"tên tệp «{doc.slug}» trùng với thư mục đơn vị con plans/{doc.unit}/{doc.slug}/: hãy đổi tên tệp")
        if doc.slug in paths.UNIT_SUBPAGES:
            at(doc.source, "", f"tên tệp «{doc.slug}.md» trùng với trang «{doc.slug}» mà cổng tạo cho mỗi đơn vị: hãy đổi tên tệp, ví dụ thêm năm ở đầu ({doc.year}-{doc.slug}.md)")
    for unit in portal.units:
        name = unit.path.rpartition("/")[2]
        if name in paths.UNIT_SUBPAGES:
            at(unit.source, "", f"tên thư mục «{name}» trùng với trang «{name}» mà cổng tạo cho mỗi đơn vị: hãy đổi tên thư mục")


def _cycles(portal: Portal, index: PortalIndex, at) -> None:
    edges: dict[tuple[str, str], list[tuple[int, tuple[str, str]]]] = defaultdict(list)
    for doc in portal.documents:
        for i, ref in enumerate(doc.implements):
            target = index.resolve(ref, doc.unit)
            if target is not None and target.key != doc.key:
                edges[doc.key].append((i, target.key))
    state: dict[tuple[str, str], int] = {}
    reported: set[tuple[str, str]] = set()

    def visit(key: tuple[str, str], trail: list[tuple[str, str]]) -> None:
        state[key] = 1
        for i, nxt in edges.get(key, []):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt):] + [key] if nxt in trail else [key, nxt]
                if key not in reported:
                    reported.add(key)
                    names = " → ".join(index.documents[k].number or k[1] for k in [*cycle, nxt])
                    at(index.documents[key].source, f"implements[{i}]", f"vòng tham chiếu: {names}; một kế hoạch không thể thực hiện kế hoạch cấp dưới của chính nó")
            elif nxt not in state:
                visit(nxt, [*trail, key])
        state[key] = 2

    for key in sorted(edges):
        if key not in state:
            visit(key, [])


def _content(doc: Document, found: list[Problem]) -> None:
    """Raw HTML in the body (images and links: gate.py; personal data: pii_channels.py)."""
    offset = doc.body_line - 1
    for line, message in sanitize.find_raw_html(doc.body):
        found.append(Problem(doc.source, line + offset, BODY, message))
