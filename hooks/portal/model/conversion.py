"""Walking a YAML node tree against the schema's records, and binding the result to the model.

Split from :mod:`portal.model.specs` (how one value is read): here a whole record is
converted with every problem collected, then turned into its dataclass.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from typing import Any

import yaml

from .specs import FieldError, ListOf, Record, Spec, _is_null


# ------------------------------------------------------------------ converting


@dataclass
class Conversion:
    """Collects converted values and problems while walking a node tree."""

    first_line: int
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    """(file line, field path, message) triples."""
    lines: dict[str, int] = field(default_factory=dict)
    """Field path -> file line, for problems found later (cross references)."""

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def report(self, node: yaml.Node, path: str, message: str) -> None:
        self.problems.append((self.line(node), path, message))

    def convert(self, spec: Spec, node: yaml.Node, path: str) -> Any:
        """Convert ``node``; on a problem, report it and return None.

        Records and lists keep what did convert, so that later checks (target
        values) still run and every problem of a file is reported at once;
        callers must look at :attr:`problems` before trusting the value.
        """
        self.lines[path] = node.start_mark.line + self.first_line
        if isinstance(spec, Record):
            return self._record(spec, node, path)
        if isinstance(spec, ListOf):
            if not isinstance(node, yaml.SequenceNode):
                self.report(node, path, "phải là một danh sách, mỗi mục bắt đầu bằng «- »")
                return None
            if len(node.value) > spec.max_items:
                self.report(node, path, f"danh sách quá dài ({len(node.value)} mục, tối đa {spec.max_items})")
                return None
            items = [self.convert(spec.item, item, f"{path}[{i}]") for i, item in enumerate(node.value)]
            return tuple(item for item in items if item is not None)
        try:
            return spec.convert(node)
        except FieldError as error:
            self.report(node, path, str(error))
            return None

    def _record(self, spec: Record, node: yaml.Node, path: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, f"phải là một nhóm trường ({', '.join(f.name for f in spec.fields)})")
            return None
        prefix = f"{path}." if path else ""
        seen: dict[str, int] = {}
        values: dict[str, Any] = {}
        by_name = spec._by_name
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            where = prefix + key
            if key in seen:
                self.report(key_node, where, f"trường bị lặp lại (đã có ở dòng {seen[key]}): hãy xóa một dòng")
                continue
            seen[key] = key_node.start_mark.line + self.first_line
            declared = by_name.get(key)
            if declared is None and (hint := dict(spec.hints).get(key)):
                self.report(key_node, where, hint)
                continue
            if declared is None:
                names = [f.name for f in spec.fields]
                close = difflib.get_close_matches(key, names, n=1)
                hint = f"; có phải ý bạn là «{close[0]}»?" if close else f"; các trường được dùng: {', '.join(names)}"
                self.report(key_node, where, f"trường «{key}» không có trong mẫu{hint}")
                continue
            if _is_null(value_node):
                if declared.required:
                    self.report(value_node, where, f"không được để trống ({declared.help})")
                continue
            value = self.convert(declared.spec, value_node, where)
            if value is not None:
                values[key] = value
        required = True
        for declared in spec._required:
            if declared.name not in seen:
                example = f", ví dụ: {declared.name}: {declared.example}" if declared.example else ""
                self.report(node, f"{prefix}{declared.name}", f"thiếu trường bắt buộc ({declared.help}{example})")
            required = required and declared.name in values
        return values if required else None


# --------------------------------------------------------------------- binding


def bind(spec: Spec, value: Any, **extra: Any) -> Any:
    """The model object of a converted value: records become their dataclass.

    Records and dataclasses are bound by field name (or ``Field.attr``), so
    the schema and the model cannot be mapped differently by hand; lists
    become tuples. ``extra`` fills (or, for derived values such as a news
    item's year, overrides) attributes that do not come from the file.
    """
    if isinstance(spec, Record) and spec.model is not None and isinstance(value, dict):
        known = {f.name: f for f in spec.fields}
        args = {known[name].target: bind(known[name].spec, item) for name, item in value.items()}
        return spec.model(**(args | extra))
    if isinstance(spec, ListOf) and isinstance(value, tuple):
        return tuple(bind(spec.item, item) for item in value)
    return value


def unbound(spec: Record) -> list[str]:
    """Fields of ``spec`` (and nested records) that name no attribute of their dataclass."""
    missing: list[str] = []
    names = {f.name for f in dataclasses.fields(spec.model)} if spec.model else set()
    for f in spec.fields:
        if spec.model is not None and f.target not in names:
            missing.append(f"{spec.model.__name__}.{f.target}")
        inner = f.spec.item if isinstance(f.spec, ListOf) else f.spec
        if isinstance(inner, Record):
            missing += unbound(inner)
    return missing
