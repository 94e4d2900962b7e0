"""Checks of the units' lineage: splits and renames, and documents dated after their unit's end."""

from __future__ import annotations

from typing import Callable

from ..model import lineage
from ..model.index import PortalIndex
from ..model.records import Document, Portal

At = Callable[[str, str, str], None]


def units(portal: Portal, index: PortalIndex, at: At) -> None:
    """``split_from`` and ``renamed_to`` name existing other units; a renamed unit has ended."""
    for unit in portal.units:
        for i, former in enumerate(unit.split_from):
            field = f"split_from[{i}]"
            if former == unit.path:
                at(unit.source, field, "một đơn vị không thể được tách ra từ chính nó")
            elif former not in index.units:
                at(unit.source, field, f"đơn vị cũ «{former}» không có trong plans/: hãy kiểm tra đường dẫn thư mục, hoặc tạo nó bằng python -m portal new unit --unit {former} …")
        if unit.renamed_to is None:
            continue
        if unit.renamed_to == unit.path:
            at(unit.source, "renamed_to", "đơn vị không thể đổi tên thành chính nó; khi chỉ đổi tên mà giữ thư mục, hãy ghi tên cũ vào former_names")
        elif unit.renamed_to not in index.units:
            at(unit.source, "renamed_to", f"đơn vị mang tên mới «{unit.renamed_to}» không có trong plans/: hãy kiểm tra đường dẫn, hoặc tạo nó bằng python -m portal new unit --unit {unit.renamed_to} …")
        elif unit.valid_to is None:
            at(unit.source, "valid_to", "đơn vị đã đổi tên phải có ngày cuối cùng mang tên cũ (valid_to), ví dụ 2025-06-30")
        if unit.merged_into and unit.renamed_to:
            at(unit.source, "renamed_to", "một đơn vị hoặc được sáp nhập (merged_into) hoặc được đổi tên (renamed_to), không cả hai: hãy xóa một trường")


def after_end(index: PortalIndex, doc: Document) -> tuple[str, str] | None:
    """(field, message) when ``doc`` is dated after its unit (or a unit above it) ended."""
    unit = index.units[doc.unit]
    end = lineage.ended(index, unit)
    if end is None or end.valid_to is None:
        return None
    limit = end.valid_to.last_day
    when = doc.when
    if when and when.first_day > limit:
        field, said = ("date" if doc.date else "issued"), f"đề ngày {when.short()}"
    elif doc.kind != "news" and doc.year > limit.year:
        field, said = "year", f"thuộc năm {doc.year}"
    else:
        return None
    gone = f"{unit.label} đã thôi tồn tại từ {lineage.day_after(end)}"
    if end is not unit:
        gone += f" (cùng {end.label})"
    heirs = lineage.heirs(index, unit)
    if heirs:
        names = ", ".join(f"{index.full_label(h)} (plans/{h.path}/)" for h in heirs)
        first = heirs[0].path
        fix = (f"đơn vị kế thừa là {names}: hãy đặt văn bản vào thư mục đó, ví dụ "
               f"python -m portal new {doc.kind} --unit {first}")
        if heirs[0].tier < unit.tier:
            # A commune's document under a province: the new commune may be missing yet.
            fix += (f"; nếu xã, phường mới của bạn chưa có, tạo nó bằng python -m portal new unit "
                    f"--unit {first}/<ten-don-vi> --name «Tên» --level <cấp>")
    else:
        fix = (f"chưa ghi đơn vị kế thừa: hãy thêm merged_into hoặc renamed_to vào {end.source} "
               f"(tạo đơn vị mới bằng python -m portal new unit) rồi đặt văn bản vào thư mục của đơn vị đó")
    return field, f"{gone}, văn bản không thể {said}; {fix}; nếu ngày ghi nhầm, hãy sửa lại ngày"
