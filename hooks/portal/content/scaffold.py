"""``python -m portal new``: start a plan, news item or report in the right folder.

The file is written from the same schema records that validate it, so the
fields, the required marks and the Vietnamese comments cannot drift from the
checker. Required values the tool cannot know are left empty: ``check`` then
names each one until the officer fills it in.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import paths
from ..model import schema, vocabulary
from ..model.index import PortalIndex
from .load import PLANS, load

KIND_WORDS = {"plan": "ke-hoach", "news": "tin", "report": "bao-cao"}
"""The word in a new file's name: ``2024-ke-hoach-1.md``."""

MAX_SUGGESTIONS = 8
NEWS_SLUG_WORDS = 8
"""Longest news file name, in words of the title: short URLs for phones."""


class ScaffoldError(Exception):
    """Why a document could not be started; the message is Vietnamese."""


@dataclass(frozen=True)
class Scaffold:
    """A document file ready to be written."""

    path: Path
    """Where it goes: ``<root>/plans/<unit>/<name>.md``."""
    text: str
    """Front matter with comments, and a body placeholder."""
    unit_label: str
    """Full label of its unit, to confirm to the user."""


# ---------------------------------------------------------------- unit lookup


def suggest_units(index: PortalIndex, typed: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Unit paths close to ``typed``, best first, without diacritics or hyphens mattering.

    "ha giang" finds both ``ha-giang`` (the province) and
    ``thanh-hoa/ha-trung/ha-giang`` (the commune): exact folder names rank
    first, then names contained in the full label, then difflib's fuzzy matches
    (for typos) over paths and labels.
    """
    query = _key(typed)
    if not query:
        return []
    scored: dict[str, float] = {}
    for unit in index.portal.units:
        folder = _key(unit.path.rsplit("/", 1)[-1])
        whole = _key(unit.path)
        label = _key(index.full_label(unit))
        name = _key(unit.name)
        if query in (whole, folder, name):
            score = 3.0
        elif query in whole or query in label:
            score = 2.0
        else:
            score = max(
                difflib.SequenceMatcher(None, query, candidate).ratio()
                for candidate in (whole, folder, name, _key(unit.label))
            )
            if score < 0.75:
                continue
        # Shorter paths first among equals: the province before a namesake commune.
        scored[unit.path] = score - unit.path.count("/") * 0.01
    ranked = sorted(scored, key=lambda p: (-scored[p], p))
    # Exact (or contained) matches of name and folder make fuzzy look-alikes noise:
    # "khanh hoa" must not offer Thanh Hóa when Khánh Hòa is there.
    if any(scored[p] >= 2.0 - 0.1 for p in ranked):
        ranked = [p for p in ranked if scored[p] >= 2.0 - 0.1]
    return ranked[:limit]


def is_close_only(index: PortalIndex, typed: str, path: str) -> bool:
    """True when ``path`` is only a fuzzy look-alike of ``typed`` (another unit, most likely)."""
    query = _key(typed)
    unit = index.units[path]
    words = (_key(unit.path), _key(unit.path.rsplit("/", 1)[-1]), _key(unit.name), _key(index.full_label(unit)))
    return not any(query == w or query in w for w in words)


def _key(text: str) -> str:
    """Comparison key: folded, every run of separators as one space."""
    return " ".join(re.split(r"[^a-z0-9]+", paths.fold(text))).strip()


def unknown_unit_message(index: PortalIndex, typed: str) -> str:
    close = suggest_units(index, typed)
    lines = [f"Không có đơn vị «{typed}» trong {PLANS}/. Đơn vị được ghi bằng đường dẫn thư mục, ví dụ thanh-hoa/ha-trung/ha-giang."]
    if close and not all(is_close_only(index, typed, p) for p in close):
        lines.append("Có phải ý bạn là:")
        lines += [f"  --unit {path}   ({index.full_label(index.units[path])})" for path in close]
    else:
        if close:
            lines.append("Không có đơn vị nào trùng tên; các đơn vị dưới đây chỉ viết gần giống (có thể là đơn vị khác):")
            lines += [f"  --unit {path}   ({index.full_label(index.units[path])})" for path in close]
        else:
            lines.append(f"Xem danh sách đơn vị trong thư mục {PLANS}/ (mỗi đơn vị là một thư mục có tệp _unit.yml).")
        suggested = "/".join(filter(None, (paths.slugify(part) for part in typed.split("/")))) or "<duong-dan>"
        lines.append(f"Nếu đơn vị chưa có trên cổng, hãy tạo nó: python -m portal new unit --unit {suggested} --name «Tên có dấu» --level <cấp>"
                     " (xem trang «Đơn vị hành chính» của hướng dẫn).")
    return "\n".join(lines)


# ---------------------------------------------------------------- file names


def file_name(kind: str, year: int, taken: set[str], title: str | None = None, day: dt.date | None = None) -> str:
    """A free file name (slug, without ``.md``) following the portal's pattern.

    Plans and reports: ``<year>-ke-hoach-<n>``, ``<year>-bao-cao-<n>`` with the
    first free ``n``; news: ``<year>-<month>-<words of the title>`` (or
    ``-tin-<n>`` without a title).
    """
    if kind == "news":
        # Without a day the news date is the year alone: the name then carries
        # no month either, or it would contradict the date (validate flags that).
        month = f"{day.month:02d}-" if day else ""
        words = paths.slugify(title or "").split("-")[:NEWS_SLUG_WORDS]
        stem = f"{year}-{month}" + ("-".join(words) if words != [""] else KIND_WORDS[kind])
        if title and stem not in taken:
            return stem
    else:
        stem = f"{year}-{KIND_WORDS[kind]}"
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


# ---------------------------------------------------------------- the text


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when safe, else double-quoted."""
    plain_safe = (
        text == text.strip()
        and not re.search(r":(\s|$)|\s#|^[-?:,\[\]{}#&*!|>'\"%@`]", text)
        and not re.fullmatch(r"[0-9.+-]+|true|false|null|~|yes|no|on|off", text, re.IGNORECASE)
    )
    # JSON strings are valid YAML double-quoted scalars.
    return text if plain_safe else json.dumps(text, ensure_ascii=False)


def _comment(f: schema.Field) -> str:
    need = "bắt buộc" if f.required else "không bắt buộc"
    return f"# {f.help} — {need}. Dạng: {f.spec.describe()}."


def _item_spec(f: schema.Field) -> schema.Spec | None:
    return f.spec.item if isinstance(f.spec, schema.ListOf) else None


def _lines(record: schema.Record, values: dict[str, str], examples: dict[str, str], indent: str = "") -> list[str]:
    """Front-matter lines of ``record``: required fields open, optional ones commented out."""
    out: list[str] = []
    for f in record.fields:
        f = replace(f, example=examples.get(f.name, f.example))
        item = _item_spec(f)
        out.append(indent + _comment(f))
        if f.name in values:
            out.append(f"{indent}{f.name}: {values[f.name]}")
        elif isinstance(item, schema.Record):
            if f.required:
                # An open item whose required values are empty: check names each one.
                out.append(f"{indent}{f.name}:")
                out += _record_item(item, indent + "  ", commented=False)
            else:
                out.append(f"{indent}# {f.name}:")
                out += _record_item(item, indent + "  ", commented=True)
        elif isinstance(f.spec, schema.Record):
            # Left empty (an error while required); its parts shown as commented examples.
            out.append(f"{indent}{'' if f.required else '# '}{f.name}:")
            out += [f"{indent}  # {sub.name}: {sub.example or '…'}   # {sub.help}" for sub in f.spec.fields if sub.example or sub.required]
        elif f.required:
            out.append(f"{indent}{f.name}:" + (f"   # ví dụ: {f.example}" if f.example else ""))
        else:
            out.append(f"{indent}# {f.name}: {f.example or '…'}")
    return out


def _record_item(record: schema.Record, indent: str, commented: bool) -> list[str]:
    """One list item of ``record``: open with empty required values, or all commented out."""
    out: list[str] = []
    for position, sub in enumerate(record.fields):
        lead = "- " if position == 0 else "  "
        note = f"   # {sub.help}" + (", bắt buộc" if sub.required else "")
        if commented:
            out.append(f"{indent}# {lead}{sub.name}: {sub.example or '…'}{note}")
        elif sub.required:
            out.append(f"{indent}{lead}{sub.name}:{note}" + (f", ví dụ: {sub.example}" if sub.example else ""))
        else:
            out.append(f"{indent}  # {sub.name}: {sub.example or '…'}{note}")
    return out


BODIES = {
    "plan": "Chép toàn văn hoặc các phần chính của kế hoạch vào đây (mục tiêu, nhiệm vụ, tổ chức thực hiện).",
    "news": "Viết nội dung tin vào đây: hoạt động gì, ở đâu, khi nào, ai tham gia, kết quả ra sao. Không ghi họ tên, địa chỉ của trẻ em.",
    "report": "Viết phần đánh giá kết quả vào đây: những việc đã làm, chỉ tiêu đạt và chưa đạt, nguyên nhân, kiến nghị.",
}


TITLE_EXAMPLES = {
    "plan": "Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em năm {year}",
    "news": "{unit} phát động Tháng hành động vì trẻ em năm {year}",
    "report": "Báo cáo kết quả thực hiện công tác bảo vệ, chăm sóc trẻ em năm {year}",
}
"""Example titles shown beside the empty ``title`` (the schema's example is a plan's)."""


def document_text(kind: str, year: int, title: str | None, day: dt.date, unit_label: str = "xã Hà Giang") -> str:
    """The front matter and body placeholder of a new document of ``kind``.

    ``unit_label`` ("xã Hà Giang") makes the examples read like the officer's own.
    """
    record = schema.DOCUMENTS[kind]
    values = {"kind": kind}
    if title:
        values["title"] = _scalar(title)
    if record.field_named("year"):
        values["year"] = str(year)
    if kind == "news":
        values["date"] = day.isoformat() if day.year == year else str(year)
    label = vocabulary.KIND_BY_ID[kind].long
    head = [
        "---",
        f"# Thông tin đầu tệp của một {label}. Dòng bắt đầu bằng # là chú thích, không hiện lên trang.",
        "# Điền các trường bắt buộc đang để trống; muốn dùng một trường không bắt buộc thì xóa dấu # ở đầu dòng đó.",
        "# Kiểm tra bằng lệnh: python -m portal check",
    ]
    examples = {
        "title": TITLE_EXAMPLES[kind].format(year=year, unit=unit_label[:1].upper() + unit_label[1:]),
        "issuer": f"Ủy ban nhân dân {unit_label}",
    }
    return "\n".join([*head, *_lines(record, values, examples), "---", "", BODIES[kind], ""])


# ---------------------------------------------------------------- the command


def scaffold(
    root: Path | str,
    kind: str,
    unit: str,
    year: int | None = None,
    title: str | None = None,
    name: str | None = None,
    today: dt.date | None = None,
) -> Scaffold:
    """Plan the new file; raises :class:`ScaffoldError` with a Vietnamese message."""
    root = Path(root)
    if kind not in schema.DOCUMENTS:
        raise ScaffoldError(f"Loại văn bản «{kind}» không có; chọn " + ", ".join(f"{k.id} ({k.long})" for k in vocabulary.KINDS) + ".")
    index = PortalIndex(load(root).portal)
    unit_path = unit.strip().strip("/")
    if unit_path.startswith(f"{PLANS}/"):
        unit_path = unit_path[len(PLANS) + 1:]
    if unit_path not in index.units:
        raise ScaffoldError(unknown_unit_message(index, unit))
    today = today or dt.date.today()
    year = year or today.year
    if not 1990 <= year <= 2100:
        raise ScaffoldError(f"Năm {year} nằm ngoài khoảng cho phép (1990–2100).")
    folder = root / PLANS / unit_path
    taken = {p.stem for p in folder.glob("*.md")}
    if name is not None:
        stem = name.removesuffix(".md")
        if not paths.is_slug(stem):
            raise ScaffoldError(f"Tên tệp «{name}» phải viết chữ thường không dấu, nối bằng gạch ngang, ví dụ {year}-ke-hoach-12")
    else:
        stem = file_name(kind, year, taken, title, today if today.year == year else None)
    path = folder / f"{stem}.md"
    if path.exists():
        raise ScaffoldError(f"Tệp {path.relative_to(root).as_posix()} đã có; công cụ không ghi đè. Hãy chọn tên khác bằng --name.")
    unit_label = index.units[unit_path].label
    return Scaffold(path, document_text(kind, year, title, today, unit_label), index.full_label(index.units[unit_path]))


def write(plan: Scaffold) -> None:
    """Write the file, refusing to replace one created meanwhile."""
    with plan.path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(plan.text)
