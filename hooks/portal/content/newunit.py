"""``python -m portal new unit``: create a unit's folder and ``_unit.yml``.

Any level, current or former: a pre-2025 district, a province merged in 2025
(its successor named by path or by name, or created in the same command), a
unit renamed in 2025. The file is written from the schema record that checks
it, then the portal is checked: a problem in the new file is printed as
``check`` prints it (file:line: field: message) and nothing is left behind.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..model import lineage, schema
from .check import check_portal
from ..model.index import PortalIndex
from .load import PLANS, UNIT_FILE, load
from ..model.records import LEVELS, Unit
from .scaffold import _key, _lines, _scalar, suggest_units

_PATH = re.compile(schema.UNIT_PATH)


class UnitError(Exception):
    """Why the unit could not be created; the message is Vietnamese."""


@dataclass(frozen=True)
class NewUnit:
    """One ``_unit.yml`` to write."""

    path: str
    """Unit path under plans/."""
    text: str
    label: str


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m portal new unit",
        description="Tạo thư mục và tệp _unit.yml của một đơn vị hành chính (mọi cấp, đang tồn tại hoặc đã thôi tồn tại)",
    )
    p.add_argument("--unit", required=True, help="đường dẫn thư mục của đơn vị trong plans/, ví dụ tuyen-quang/minh-tan")
    p.add_argument("--name", required=True, help="tên đơn vị có dấu, không kèm chữ chỉ cấp, ví dụ «Minh Tân»")
    p.add_argument("--level", required=True, help="cấp: " + ", ".join(f"{k} ({v})" for k, v in schema.LEVELS))
    p.add_argument("--code", help="mã đơn vị hành chính, 2 đến 5 chữ số")
    p.add_argument("--valid-from", help="ngày bắt đầu tồn tại, dạng 2025-07-01")
    p.add_argument("--valid-to", help="ngày cuối cùng còn tồn tại, dạng 2025-06-30 (đơn vị cũ)")
    p.add_argument("--merged-into", action="append", default=[], metavar="ĐƠN_VỊ",
                   help="đơn vị kế thừa khi sáp nhập: đường dẫn (tuyen-quang) hoặc tên («Tuyên Quang»); lặp lại nếu nhiều")
    p.add_argument("--split-from", action="append", default=[], metavar="ĐƠN_VỊ",
                   help="đơn vị cũ mà đơn vị này được lập nên từ (một phần) của nó: đường dẫn hoặc tên")
    p.add_argument("--renamed-to", metavar="ĐƠN_VỊ", help="đơn vị mang tên mới khi chỉ đổi tên: đường dẫn hoặc tên")
    p.add_argument("--create-successor", action="store_true",
                   help="tạo luôn đơn vị kế thừa (--merged-into hoặc --renamed-to) nếu nó chưa có; thư mục lấy theo tên")
    p.add_argument("--successor-level", help="cấp của đơn vị kế thừa được tạo (mặc định: cùng cấp)")
    p.add_argument("--former-name", action="append", default=[], metavar="TÊN", help="tên cũ khi đơn vị đổi tên mà giữ thư mục")
    p.add_argument("--former-until", help="ngày cuối cùng mang tên cũ, dạng 2025-06-30")
    p.add_argument("--history", help="ghi chú lịch sử: văn bản thành lập, sáp nhập, đổi tên")
    p.add_argument("--path", default=".", help="thư mục của cổng")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    root = Path(args.path)
    try:
        planned = plan(root, args)
    except UnitError as error:
        print(error, file=sys.stderr)
        return 2
    return write_checked(root, planned)


# ---------------------------------------------------------------- planning


def _date_or_text(value: str) -> str:
    # An ISO date stays a YAML date (what an officer would write by hand); anything else is quoted and checked.
    return value if re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", value) else _scalar(value)


def _where(unit_path: str, field: str, flag: str) -> str:
    return f"{PLANS}/{unit_path}/{UNIT_FILE}: {field} (--{flag}):"


def _unit_path(typed: str) -> str:
    path = typed.strip().strip("/")
    return path[len(PLANS) + 1:] if path.startswith(f"{PLANS}/") else path


def _scope(index: PortalIndex, parent: str) -> set[str]:
    """Provinces a successor named by name may be in: the unit's own, and where that one went."""
    if not parent:
        return {u.path for u in index.roots}
    province = index.province(parent)
    return {province.path, *(u.path for u in lineage.current(index, province))}


def resolve(index: PortalIndex, typed: str, tier: int, where: str, scope: set[str] | None = None) -> Unit | None:
    """The unit ``typed`` names: its path, or its name without diacritics mattering.

    An exact path wins; then units of the same tier (a province's successor is
    a province), in ``scope`` (provinces), whose folder or name equals the
    typed words. None when nothing matches exactly; an error when several do.
    """
    path = _unit_path(typed)
    if path in index.units:
        return index.units[path]
    key = _key(typed)
    exact = [u for u in index.portal.units if key in (_key(u.name), _key(u.path.rsplit("/", 1)[-1]), _key(u.path))]
    # Only the same tier: "Vị Xuyên" typed for a commune's successor is the commune, not the district above it.
    same_tier = [u for u in exact if u.tier.value == tier
                 and (scope is None or index.province(u.path).path in scope)]
    if len(same_tier) == 1:
        return same_tier[0]
    if len(same_tier) > 1:
        choices = "\n".join(f"  {u.path}   ({index.full_label(u)})" for u in same_tier)
        raise UnitError(f"{where} «{typed}» trùng tên nhiều đơn vị; hãy ghi đường dẫn của một trong các đơn vị:\n{choices}")
    return None


def _level(value: str, where: str) -> str:
    if value not in LEVELS:
        choices = ", ".join(f"{k} ({v})" for k, v in schema.LEVELS)
        raise UnitError(f"{where} cấp «{value}» không có; chọn một trong: {choices}")
    return value


def plan(root: Path, args: argparse.Namespace) -> list[NewUnit]:
    """The files to write (the unit, and its successor when asked); raises :class:`UnitError`."""
    loaded = load(root)
    index = PortalIndex(loaded.portal)
    path = _unit_path(args.unit)
    if not _PATH.fullmatch(path):
        slug = "/".join(paths.slugify(p) for p in path.split("/") if paths.slugify(p))
        raise UnitError(f"{PLANS}/{path}/{UNIT_FILE}: unit (--unit): đường dẫn «{args.unit}» phải viết chữ thường không dấu, "
                        f"nối bằng gạch ngang, mỗi cấp một thư mục, ví dụ {slug or 'tuyen-quang/minh-tan'}")
    if path in index.units or (root / PLANS / path / UNIT_FILE).exists():
        raise UnitError(f"{PLANS}/{path}/{UNIT_FILE}: unit (--unit): đơn vị này đã có; công cụ không ghi đè. Hãy sửa trực tiếp tệp đó.")
    level = _level(args.level, _where(path, "level", "level"))
    parent = path.rpartition("/")[0]
    if parent and parent not in index.units:
        close = suggest_units(index, parent)
        hint = ("; có phải ý bạn là: " + ", ".join(close)) if close else ""
        raise UnitError(f"{PLANS}/{path}/{UNIT_FILE}: unit (--unit): đơn vị cấp trên «{parent}» chưa có trong {PLANS}/{hint}. "
                        f"Tạo nó trước bằng python -m portal new unit --unit {parent} --name «Tên» --level <cấp>")
    tier = LEVELS[level].tier.value
    values: dict[str, str] = {"name": _scalar(args.name), "level": level}
    for field, value in (("code", args.code), ("valid_from", args.valid_from), ("valid_to", args.valid_to), ("history", args.history)):
        if value is not None:
            values[field] = f'"{value}"' if field == "code" else _date_or_text(value.strip())

    extra: list[NewUnit] = []

    def successor(typed: str, field: str, flag: str) -> str:
        where = _where(path, field, flag)
        found = resolve(index, typed, tier, where, _scope(index, parent))
        if found is not None:
            return found.path
        made = next((u for u in extra if u.path.rsplit("/", 1)[-1] == paths.slugify(typed)), None)
        if made is not None:
            return made.path
        if not args.create_successor:
            close = suggest_units(index, typed)
            lines = [f"{where} không có đơn vị «{typed}» trong {PLANS}/."]
            if close:
                lines.append("Các đơn vị gần giống (hãy ghi đường dẫn nếu đúng là một trong số đó):")
                lines += [f"  {p}   ({index.full_label(index.units[p])})" for p in close]
            lines.append(f"Nếu đơn vị kế thừa chưa có trên cổng, thêm --create-successor để tạo luôn nó (ghi tên có dấu, ví dụ --{flag} «Tuyên Quang»).")
            raise UnitError("\n".join(lines))
        extra.append(_successor_file(index, root, path, level, typed, args.successor_level, where, flag))
        return extra[-1].path

    merged = [successor(t, f"merged_into[{i}]", "merged-into") for i, t in enumerate(args.merged_into)]
    if merged:
        values["merged_into"] = "[" + ", ".join(merged) + "]"
    split = []
    for i, typed in enumerate(args.split_from):
        where = _where(path, f"split_from[{i}]", "split-from")
        found = resolve(index, typed, tier, where)
        if found is None:
            close = suggest_units(index, typed)
            hint = (" Các đơn vị gần giống: " + ", ".join(close)) if close else ""
            raise UnitError(f"{where} không có đơn vị cũ «{typed}» trong {PLANS}/.{hint} Hãy tạo đơn vị cũ trước bằng python -m portal new unit --valid-to …")
        split.append(found.path)
    if split:
        values["split_from"] = "[" + ", ".join(split) + "]"
    if args.renamed_to:
        values["renamed_to"] = successor(args.renamed_to, "renamed_to", "renamed-to")
    if args.former_name:
        until = f", until: {_date_or_text(args.former_until)}" if args.former_until else ""
        values["former_names"] = "[" + ", ".join(f"{{name: {_scalar(n)}{until}}}" for n in args.former_name) + "]"
    elif args.former_until:
        raise UnitError(f"{_where(path, 'former_names', 'former-until')} --former-until cần đi kèm --former-name (tên cũ)")
    if (merged or args.renamed_to) and args.valid_to is None:
        raise UnitError(f"{_where(path, 'valid_to', 'valid-to')} đơn vị đã sáp nhập hoặc đổi tên phải có ngày cuối cùng còn tồn tại, ví dụ --valid-to 2025-06-30")
    label = f"{LEVELS[level].word} {args.name}"
    return [NewUnit(path, unit_text(values), label), *extra]


def _successor_file(index: PortalIndex, root: Path, path: str, level: str, typed: str, successor_level: str | None,
                    where: str, flag: str) -> NewUnit:
    """The successor to create from a typed name ("Tuyên Quang") or path: a sibling of the unit by default."""
    name_given = not _PATH.fullmatch(typed.strip())
    if not name_given:
        raise UnitError(f"{where} để tạo đơn vị kế thừa, hãy ghi tên có dấu thay cho đường dẫn (ví dụ «Tuyên Quang»): thư mục được đặt theo tên")
    level = _level(successor_level or level, _where(path, "level", "successor-level"))
    parent = path.rpartition("/")[0]
    above = index.units.get(parent)
    if above is not None and lineage.ended(index, above):
        # A commune of former Hà Giang merges into a commune of Tuyên Quang, not of Hà Giang.
        heirs = lineage.heirs(index, above)
        parent = heirs[0].path if heirs else parent
    folder = paths.slugify(typed)
    target = f"{parent}/{folder}" if parent else folder
    if (root / PLANS / target / UNIT_FILE).exists() or target in index.units:
        raise UnitError(f"{where} đã có đơn vị ở {PLANS}/{target}/; hãy ghi --{flag} {target}")
    return NewUnit(target, unit_text({"name": _scalar(typed.strip()), "level": level}), f"{LEVELS[level].word} {typed.strip()}")


def unit_text(values: dict[str, str]) -> str:
    head = [
        "# Thông tin của một đơn vị hành chính. Dòng bắt đầu bằng # là chú thích.",
        "# Muốn dùng một trường không bắt buộc thì xóa dấu # ở đầu dòng. Kiểm tra bằng: python -m portal check",
    ]
    return "\n".join([*head, *_lines(schema.UNIT, values, {})]) + "\n"


# ---------------------------------------------------------------- writing


def write_checked(root: Path, planned: list[NewUnit]) -> int:
    """Write the files, check the portal, and undo when a new file has a problem."""
    made: list[Path] = []
    for unit in planned:
        folder = root / PLANS / unit.path
        # Remove only folders this command made (the outermost new one).
        first_new = next((p for p in [*reversed(folder.parents), folder] if p.is_relative_to(root / PLANS) and not p.exists()), None)
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / UNIT_FILE).open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(unit.text)
        made.append(first_new if first_new is not None else folder / UNIT_FILE)
    sources = {f"{PLANS}/{u.path}/{UNIT_FILE}" for u in planned}
    report = check_portal(root)
    own = [p for p in report.problems if p.path in sources]
    if own:
        for problem in own:
            print(problem, file=sys.stderr)
        for path in reversed(made):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        print("Chưa tạo đơn vị: hãy sửa các giá trị trên rồi chạy lại lệnh.", file=sys.stderr)
        return 1
    index = PortalIndex(report.portal)
    for unit in planned:
        print(f"Đã tạo {PLANS}/{unit.path}/{UNIT_FILE} ({index.full_label(index.units[unit.path])}).")
    print(f"Thêm văn bản bằng: python -m portal new plan --unit {planned[0].path}; kiểm tra bằng: python -m portal check")
    return 0
