"""Value specifications of the content schema and the walk that converts YAML nodes.

Split from :mod:`portal.schema`, which declares the records (what each file
may hold); this module says how one value is read, described and exported.
Every scalar arrives as raw text (see :mod:`portal.frontmatter`) and is
converted here explicitly; nothing is guessed by YAML 1.1 rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import dates


class FieldError(Exception):
    """A value that does not fit its field; the message is Vietnamese."""


# ---------------------------------------------------------------- value types


@dataclass(frozen=True)
class Spec:
    """Base of all value specifications."""

    def convert(self, node: yaml.Node) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        """Short Vietnamese description of the accepted form."""
        raise NotImplementedError


def _scalar(node: yaml.Node, expected: str) -> str:
    if isinstance(node, yaml.MappingNode):
        raise FieldError(f"phải là {expected}, không phải một nhóm trường")
    if isinstance(node, yaml.SequenceNode):
        raise FieldError(f"phải là {expected}, không phải một danh sách")
    return str(node.value)


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    # re's own cache is looked up by (type, pattern, flags) on every call.
    return re.compile(pattern)


def _is_null(node: yaml.Node) -> bool:
    # libyaml's composer marks a plain scalar with style "" and PyYAML's with None.
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Text(Spec):
    max_length: int = 500
    pattern: str | None = None
    pattern_hint: str = ""

    def convert(self, node: yaml.Node) -> str:
        value = _scalar(node, "một đoạn chữ").strip()
        if not value:
            raise FieldError("không được để trống")
        if len(value) > self.max_length:
            raise FieldError(f"quá dài ({len(value)} ký tự, tối đa {self.max_length})")
        if self.pattern and not _compiled(self.pattern).fullmatch(value):
            raise FieldError(f"«{value}» không đúng dạng: {self.pattern_hint}")
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        return schema

    def describe(self) -> str:
        return self.pattern_hint or "chữ"


@dataclass(frozen=True)
class Integer(Spec):
    minimum: int = 0
    maximum: int = 10**9

    def convert(self, node: yaml.Node) -> int:
        raw = _scalar(node, "một số nguyên").strip()
        if not re.fullmatch(r"0|[1-9][0-9]*", raw):
            raise FieldError(f"«{raw}» phải là số nguyên viết liền, không có số 0 ở đầu (ví dụ: 2023)")
        value = int(raw)
        if not self.minimum <= value <= self.maximum:
            raise FieldError(f"{value} nằm ngoài khoảng cho phép ({self.minimum}–{self.maximum})")
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def describe(self) -> str:
        return f"số nguyên từ {self.minimum} đến {self.maximum}"


@dataclass(frozen=True)
class Boolean(Spec):
    def convert(self, node: yaml.Node) -> bool:
        raw = _scalar(node, "true hoặc false").strip()
        if raw not in ("true", "false"):
            # YAML 1.1 would read yes/no/on/off/NO silently; we ask for the explicit word.
            raise FieldError(f"«{raw}» phải là true (có) hoặc false (không)")
        return raw == "true"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "true hoặc false"


@dataclass(frozen=True)
class Date(Spec):
    def convert(self, node: yaml.Node) -> dates.PartialDate:
        try:
            return dates.parse_partial(_scalar(node, "một ngày"))
        except ValueError as error:
            raise FieldError(str(error)) from None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}

    def describe(self) -> str:
        return "ngày dạng 2023-02-21, 2023-03 hoặc 2023"


@dataclass(frozen=True)
class Span(Spec):
    def convert(self, node: yaml.Node) -> dates.DateSpan:
        if isinstance(node, yaml.SequenceNode):
            # A YAML list of days is the comma-separated list written on lines.
            text = ", ".join(_scalar(item, "một ngày") for item in node.value)
        else:
            text = _scalar(node, "một ngày hoặc khoảng ngày")
        try:
            return dates.parse_span(text)
        except ValueError as error:
            raise FieldError(str(error)) from None

    def json_schema(self) -> dict[str, Any]:
        day = r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?"
        return {"type": "string", "pattern": f"^{day}((\\.\\.{day})|(, *{day})*)$"}

    def describe(self) -> str:
        return ("ngày (2023-06-01), ngày và giờ (2019-05-31T19:00), tháng (2023-06), năm (2023), "
                "khoảng ngày (2023-06-01..2023-06-30) hoặc nhiều ngày cách nhau dấu phẩy (2023-06-01, 2023-06-15)")


@dataclass(frozen=True)
class Number(Spec):
    """A figure written the Vietnamese way: 1.250 (thousands), 7,5 (decimal)."""

    def convert(self, node: yaml.Node) -> Any:
        from .records import Amount
        from .values import read_number

        raw = " ".join(_scalar(node, "một số").split())
        try:
            return Amount(read_number(raw), raw)
        except ValueError as error:
            raise FieldError(str(error)) from None

    def json_schema(self) -> dict[str, Any]:
        return {"type": ["string", "number"], "pattern": r"^\d[\d.,]*$"}

    def describe(self) -> str:
        return "số: 1.250 (dấu chấm tách hàng nghìn), 7,5 (dấu phẩy thập phân)"


@dataclass(frozen=True)
class Stated(Spec):
    """A target or result as a plan writes it ("trên 80%", "xuống 12‰", "dưới 1")."""

    def convert(self, node: yaml.Node) -> Any:
        from .values import parse_value

        try:
            return parse_value(_scalar(node, "một giá trị"))
        except ValueError as error:
            raise FieldError(str(error)) from None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": 80}

    def describe(self) -> str:
        return "giá trị như văn bản ghi: 100%, trên 80%, 14/14, xuống 12‰, dưới 1, 1.250 trẻ, duy trì"


@dataclass(frozen=True)
class Lunar(Spec):
    """A lunar day, converted to a solar day once the document's year is known."""

    def convert(self, node: yaml.Node) -> Any:
        from .lunardates import parse

        try:
            return parse(_scalar(node, "một ngày âm lịch"))
        except ValueError as error:
            raise FieldError(str(error)) from None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 3, "maxLength": 60}

    def describe(self) -> str:
        return "ngày âm lịch: 15/8, 15/8/2024, rằm tháng Tám, mùng 1 tháng Giêng"


@dataclass(frozen=True)
class MonthDay(Spec):
    """A yearly day written THÁNG-NGÀY ("06-01"), read as (month, day)."""

    def convert(self, node: yaml.Node) -> tuple[int, int]:
        raw = _scalar(node, "THÁNG-NGÀY").strip()
        if not re.fullmatch(r"\d{2}-\d{2}", raw):
            raise FieldError(f"«{raw}» không đúng dạng: THÁNG-NGÀY, ví dụ 06-01")
        month, day = raw.split("-")
        return int(month), int(day)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{2}-\d{2}$"}

    def describe(self) -> str:
        return "THÁNG-NGÀY, ví dụ 06-01"


@dataclass(frozen=True)
class Choice(Spec):
    choices: tuple[tuple[str, str], ...] = ()
    """(value, Vietnamese meaning) pairs."""

    def convert(self, node: yaml.Node) -> str:
        raw = _scalar(node, "một giá trị trong danh sách").strip()
        values = [value for value, _ in self.choices]
        if raw not in values:
            raise FieldError(f"«{raw}» không hợp lệ; chọn một trong: {', '.join(values)}")
        return raw

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": [value for value, _ in self.choices]}

    def describe(self) -> str:
        return "; ".join(f"`{value}` ({meaning})" for value, meaning in self.choices)


@dataclass(frozen=True)
class Url(Spec):
    def convert(self, node: yaml.Node) -> str:
        raw = _scalar(node, "một địa chỉ web").strip()
        if not re.fullmatch(r"https?://[^\s<>\"']+", raw):
            raise FieldError(f"«{raw}» phải là địa chỉ web bắt đầu bằng https:// hoặc http://")
        return raw

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}

    def describe(self) -> str:
        return "địa chỉ web https://…"


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec = field(default_factory=Text)
    max_items: int = 200

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.json_schema(), "maxItems": self.max_items}

    def describe(self) -> str:
        return "danh sách, mỗi mục bắt đầu bằng «- »"


@dataclass(frozen=True)
class Field:
    """One named field of a record."""

    name: str
    spec: Spec
    required: bool = False
    help: str = ""
    """What the field means, in Vietnamese, for the reference and errors."""
    example: str = ""
    attr: str = ""
    """Name of the model attribute it fills, when it differs from ``name``."""

    @property
    def target(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True)
class Record(Spec):
    fields: tuple[Field, ...] = ()
    model: type | None = None
    """The frozen dataclass that :func:`bind` builds from converted values."""
    hints: tuple[tuple[str, str], ...] = ()
    """(field name, Vietnamese reason) for names another kind uses but this one refuses."""

    def field_named(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @functools.cached_property
    def _required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    @functools.cached_property
    def _by_name(self) -> dict[str, Field]:
        # Looked up for every key of every file; the first field of a name wins, as before.
        by_name: dict[str, Field] = {}
        for f in self.fields:
            by_name.setdefault(f.name, f)
        return by_name

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [f.name for f in self.fields if f.required],
            "properties": {f.name: {**f.spec.json_schema(), "description": f.help} for f in self.fields},
        }

    def describe(self) -> str:
        return "nhóm trường: " + ", ".join(f.name for f in self.fields)
