"""The content schema: one declaration drives validation, the JSON Schema,
the contributor reference and the web-editor configuration, so they cannot drift.

Every scalar arrives as raw text (see :mod:`portal.frontmatter`) and is
converted here explicitly; nothing is guessed by YAML 1.1 rules.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import dates
from ..paths import is_slug


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
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value in ("", "~", "null", "Null", "NULL")


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
        try:
            return dates.parse_span(_scalar(node, "một ngày hoặc khoảng ngày"))
        except ValueError as error:
            raise FieldError(str(error)) from None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?(\.\.\d{4}(-\d{2}(-\d{2})?)?)?$"}

    def describe(self) -> str:
        return "ngày (2023-06-01, 2023-06) hoặc khoảng ngày (2023-06-01..2023-06-30)"


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


@dataclass(frozen=True)
class Record(Spec):
    fields: tuple[Field, ...] = ()

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


# ------------------------------------------------------------ the declarations

UNIT_PATH = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

LEVELS: tuple[tuple[str, str], ...] = (
    ("tinh", "tỉnh"),
    ("thanh-pho-tw", "thành phố trực thuộc trung ương"),
    ("huyen", "huyện"),
    ("quan", "quận"),
    ("thi-xa", "thị xã"),
    ("thanh-pho", "thành phố thuộc tỉnh"),
    ("xa", "xã"),
    ("phuong", "phường"),
    ("thi-tran", "thị trấn"),
    ("dac-khu", "đặc khu"),
)

_unit_ref = Text(max_length=200, pattern=UNIT_PATH, pattern_hint="đường dẫn đơn vị trong plans/, ví dụ thanh-hoa/ha-trung")
_number = Text(max_length=60, pattern=r"[^\s].*", pattern_hint="số hiệu, ví dụ 35/KH-BCĐ")

CONTACT = Record(
    fields=(
        Field("phone", Text(max_length=40, pattern=r"[0-9+ ().-]{3,40}", pattern_hint="số điện thoại, ví dụ 0237 3831 234"), help="Điện thoại cơ quan"),
        Field("email", Text(max_length=120, pattern=r"[^@\s]+@[^@\s]+\.[a-z]{2,}", pattern_hint="địa chỉ thư, ví dụ ubnd@thanhhoa.gov.vn"), help="Thư điện tử cơ quan"),
        Field("address", Text(max_length=300), help="Địa chỉ trụ sở"),
        Field("website", Url(), help="Trang thông tin điện tử chính thức"),
    )
)

FORMER_NAME = Record(
    fields=(
        Field("name", Text(max_length=120), True, "Tên cũ, không kèm chữ chỉ cấp", "Kỳ Anh"),
        Field("level", Choice(choices=LEVELS), help="Cấp hành chính khi mang tên cũ, nếu khác cấp hiện nay", example="thi-xa"),
        Field("until", Date(), help="Ngày cuối cùng mang tên cũ", example="2025-06-30"),
    )
)

UNIT = Record(
    fields=(
        Field("name", Text(max_length=120), True, "Tên đơn vị, không kèm chữ chỉ cấp", "Hà Giang"),
        Field("level", Choice(choices=LEVELS), True, "Cấp hành chính", "xa"),
        Field("code", Text(max_length=10, pattern=r"[0-9]{2,5}", pattern_hint="mã số đơn vị hành chính, 2 đến 5 chữ số"), help="Mã đơn vị hành chính", example='"30280"'),
        Field("valid_from", Date(), help="Ngày đơn vị bắt đầu tồn tại (khi thành lập hoặc sáp nhập)", example="2025-07-01"),
        Field("valid_to", Date(), help="Ngày cuối cùng đơn vị còn tồn tại", example="2025-06-30"),
        Field("merged_into", ListOf(item=_unit_ref, max_items=10), help="Các đơn vị kế thừa sau khi sáp nhập, chia tách", example="[an-giang]"),
        Field("split_from", ListOf(item=_unit_ref, max_items=10), help="Các đơn vị cũ mà đơn vị này được tách ra hoặc lập nên từ một phần của chúng", example="[thanh-hoa/ha-trung]"),
        Field("renamed_to", _unit_ref, help="Đơn vị mang tên mới khi chỉ đổi tên (không sáp nhập)", example="ha-tinh/song-tri"),
        Field("former_names", ListOf(item=FORMER_NAME, max_items=10), help="Các tên cũ khi đơn vị đổi tên mà giữ nguyên thư mục"),
        Field("history", Text(max_length=1000), help="Ghi chú lịch sử, văn bản sáp nhập"),
        Field("contact", CONTACT, help="Liên hệ của cơ quan"),
        Field("maintainers", ListOf(item=Text(max_length=80, pattern=r"@[A-Za-z0-9-]+(/[A-Za-z0-9_.-]+)?", pattern_hint="tài khoản GitHub, ví dụ @ten-tai-khoan hoặc @to-chuc/nhom"), max_items=20), help="Tài khoản GitHub được duyệt nội dung của đơn vị"),
    )
)

REFERENCE = Record(
    fields=(
        Field("unit", _unit_ref, help="Đơn vị ban hành (đường dẫn trong plans/)", example="thanh-hoa/ha-trung"),
        Field("number", _number, help="Số hiệu văn bản", example="73/KH-UBND"),
        Field("document", Text(max_length=120, pattern=SLUG, pattern_hint="tên tệp không có đuôi .md"), help="Tên tệp của văn bản trong thư mục đơn vị"),
        Field("issuer", Text(max_length=300), help="Cơ quan ban hành (khi văn bản không thuộc cổng)"),
        Field("date", Date(), help="Ngày ban hành"),
        Field("title", Text(max_length=300), help="Trích yếu"),
        Field("url", Url(), help="Địa chỉ văn bản gốc"),
    )
)

TARGET = Record(
    fields=(
        Field("indicator", Text(max_length=80, pattern=SLUG, pattern_hint="mã chỉ tiêu trong plans/indicators.yml"), True, "Mã chỉ tiêu", "tre-em-hcdb-duoc-tro-giup"),
        Field("value", Text(max_length=80), True, "Mức chỉ tiêu như viết trong kế hoạch", '"100%"'),
        Field("note", Text(max_length=500), help="Ghi chú"),
    )
)

RESULT = Record(
    fields=(
        Field("indicator", Text(max_length=80, pattern=SLUG, pattern_hint="mã chỉ tiêu trong plans/indicators.yml"), True, "Mã chỉ tiêu", "tre-em-hcdb-duoc-tro-giup"),
        Field("value", Text(max_length=80), True, "Kết quả đạt được", '"98%"'),
        Field("measured", Date(), help="Thời điểm số liệu", example="2023-12"),
        Field("note", Text(max_length=500), help="Ghi chú"),
    )
)

ACTIVITY = Record(
    fields=(
        Field("title", Text(max_length=300), True, "Tên hoạt động", "Lễ phát động Tháng hành động vì trẻ em"),
        Field("date", Span(), help="Thời gian: ngày, tháng hoặc khoảng ngày", example="2023-06"),
        Field("campaign", Text(max_length=80, pattern=SLUG, pattern_hint="mã chiến dịch trong plans/campaigns.yml"), help="Chiến dịch, đợt cao điểm", example="thang-hanh-dong"),
        Field("place", Text(max_length=200), help="Địa điểm"),
        Field("outside_year", Boolean(), help="Đặt true khi hoạt động cố ý diễn ra ngoài năm của văn bản", example="true"),
    )
)

IMAGE = Record(
    fields=(
        Field("file", Text(max_length=200, pattern=r"[a-z0-9][a-z0-9._-]*\.(?:jpg|jpeg|png|webp)", pattern_hint="tên tệp ảnh chữ thường, đuôi .jpg, .png hoặc .webp"), True, "Tệp ảnh trong thư mục đơn vị", "le-phat-dong.jpg"),
        Field("alt", Text(max_length=300), True, "Mô tả ảnh cho người không nhìn thấy", "Thiếu nhi nhận quà Trung thu"),
        Field("caption", Text(max_length=300), help="Chú thích dưới ảnh"),
    )
)

KINDS: tuple[tuple[str, str], ...] = (("plan", "kế hoạch"), ("news", "tin tức"), ("report", "báo cáo kết quả"))

_common = (
    Field("kind", Choice(choices=KINDS), True, "Loại văn bản", "plan"),
    Field("title", Text(max_length=300), True, "Tiêu đề", "Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2023"),
    Field("summary", Text(max_length=600), help="Tóm tắt một hai câu, hiện trong danh sách và kết quả tìm kiếm"),
    Field("source", Url(), help="Địa chỉ văn bản gốc đã công bố"),
)
_official = (
    Field("year", Integer(minimum=1990, maximum=2100), True, "Năm thực hiện", "2023"),
    Field("number", _number, help="Số hiệu văn bản", example="35/KH-BCĐ"),
    Field("issued", Date(), help="Ngày ban hành (có thể chỉ ghi tháng)", example="2023-02-21"),
    Field("issuer", Text(max_length=300), True, "Cơ quan ban hành", "Ủy ban nhân dân xã Hà Giang"),
)

PLAN = Record(
    fields=_common
    + _official
    + (
        Field("implements", ListOf(item=REFERENCE, max_items=20), help="Văn bản cấp trên mà kế hoạch này thực hiện"),
        Field("targets", ListOf(item=TARGET), help="Chỉ tiêu"),
        Field("activities", ListOf(item=ACTIVITY), help="Hoạt động có thời gian"),
    )
)

NEWS = Record(
    fields=_common
    + (
        Field("date", Date(), True, "Ngày đăng tin", "2023-06-01"),
        Field("campaign", Text(max_length=80, pattern=SLUG, pattern_hint="mã chiến dịch trong plans/campaigns.yml"), help="Chiến dịch mà tin nói đến", example="thang-hanh-dong"),
        Field("plan", REFERENCE, help="Kế hoạch mà hoạt động trong tin thực hiện"),
        Field("activities", ListOf(item=ACTIVITY), help="Hoạt động có thời gian"),
        Field("images", ListOf(item=IMAGE, max_items=30), help="Ảnh kèm theo (tệp nằm trong thư mục đơn vị)"),
    )
)

REPORT = Record(
    fields=_common
    + _official
    + (
        Field("plan", REFERENCE, True, "Kế hoạch được báo cáo kết quả", "{number: 35/KH-BCĐ}"),
        Field("results", ListOf(item=RESULT), True, "Kết quả theo từng chỉ tiêu của kế hoạch"),
    )
)

DOCUMENTS: dict[str, Record] = {"plan": PLAN, "news": NEWS, "report": REPORT}

CAMPAIGN = Record(
    fields=(
        Field("id", Text(max_length=80, pattern=SLUG, pattern_hint="mã chữ thường không dấu, nối bằng gạch ngang"), True, "Mã chiến dịch", "thang-hanh-dong"),
        Field("name", Text(max_length=200), True, "Tên chiến dịch", "Tháng hành động vì trẻ em"),
        Field("description", Text(max_length=2000), help="Mô tả"),
        Field("calendar", Choice(choices=(("solar", "dương lịch"), ("lunar", "âm lịch"))), help="Lịch dùng cho ngày diễn ra", example="solar"),
        Field("start", Text(max_length=5, pattern=r"\d{2}-\d{2}", pattern_hint="THÁNG-NGÀY, ví dụ 06-01"), help="Ngày bắt đầu hằng năm (THÁNG-NGÀY)", example='"06-01"'),
        Field("end", Text(max_length=5, pattern=r"\d{2}-\d{2}", pattern_hint="THÁNG-NGÀY, ví dụ 06-30"), help="Ngày kết thúc hằng năm (THÁNG-NGÀY)", example='"06-30"'),
        Field(
            "themes",
            ListOf(item=Record(fields=(
                Field("year", Integer(minimum=1990, maximum=2100), True, "Năm", "2023"),
                Field("theme", Text(max_length=500), True, "Chủ đề", '"Hành động thiết thực..."'),
            ))),
            help="Chủ đề quốc gia của từng năm",
        ),
    )
)

INDICATOR = Record(
    fields=(
        Field("id", Text(max_length=80, pattern=SLUG, pattern_hint="mã chữ thường không dấu, nối bằng gạch ngang"), True, "Mã chỉ tiêu", "tre-em-hcdb-duoc-tro-giup"),
        Field("name", Text(max_length=300), True, "Tên chỉ tiêu", "Trẻ em có hoàn cảnh đặc biệt được trợ giúp"),
        Field("measure", Choice(choices=(("percent", "tỷ lệ phần trăm"), ("ratio", "số đơn vị trên tổng số"), ("count", "số lượng"), ("permille", "phần nghìn"))), True, "Cách đo", "percent"),
        Field("better", Choice(choices=(("higher", "càng cao càng tốt"), ("lower", "càng thấp càng tốt"))), True, "Chiều tốt hơn", "higher"),
        Field("description", Text(max_length=2000), help="Mô tả"),
    )
)

PRIVACY = Record(
    fields=(
        Field("phones", ListOf(item=Text(max_length=40), max_items=5000), help="Số điện thoại chính thức được phép đăng"),
        Field("emails", ListOf(item=Text(max_length=120), max_items=5000), help="Địa chỉ thư chính thức được phép đăng"),
        Field("domains", ListOf(item=Text(max_length=120), max_items=500), help="Tên miền của cơ quan nhà nước được phép đăng địa chỉ thư"),
    )
)


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of document front matter, published in open data."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Thông tin đầu tệp (front matter) của văn bản",
        "oneOf": [
            {**record.json_schema(), "title": label, "properties": {**record.json_schema()["properties"], "kind": {"const": kind}}}
            for (kind, label), record in zip(KINDS, DOCUMENTS.values())
        ],
        "$defs": {"unit": UNIT.json_schema(), "campaign": CAMPAIGN.json_schema(), "indicator": INDICATOR.json_schema()},
    }


