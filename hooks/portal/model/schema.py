"""The content schema: one declaration drives validation, the JSON Schema,
the contributor reference, `portal new` and the web-editor configuration, so
they cannot drift.

Every document kind shares one list of fields (:data:`DOCUMENT_FIELDS`); what a
kind must have and may not have is declared once in :data:`KIND_RULES`. Each
record names the model dataclass it fills (:func:`specs.bind`), so the loader
maps nothing by hand. Value types live in :mod:`portal.model.specs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import records as model, vocabulary
from .conversion import Conversion, bind, unbound  # noqa: F401  (re-exported)
from .specs import (  # noqa: F401  (re-exported: the schema's public vocabulary)
    Boolean, Choice, Date, Field, FieldError, Integer, ListOf, Lunar,
    MonthDay, Number, Record, Span, Spec, Stated, Text, Url,
)


# ------------------------------------------------------------ the declarations

UNIT_PATH = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

LEVELS: tuple[tuple[str, str], ...] = tuple((level.id, level.long) for level in vocabulary.LEVELS)

_unit_ref = Text(max_length=200, pattern=UNIT_PATH, pattern_hint="đường dẫn đơn vị trong plans/, ví dụ thanh-hoa/ha-trung")
_number = Text(max_length=60, pattern=r"[^\s].*", pattern_hint="số hiệu, ví dụ 35/KH-BCĐ")

CONTACT = Record(
    fields=(
        Field("phone", Text(max_length=40, pattern=r"[0-9+ ().-]{3,40}", pattern_hint="số điện thoại, ví dụ 0237 3831 234"), help="Điện thoại cơ quan"),
        Field("email", Text(max_length=120, pattern=r"[^@\s]+@[^@\s]+\.[a-z]{2,}", pattern_hint="địa chỉ thư, ví dụ ubnd@thanhhoa.gov.vn"), help="Thư điện tử cơ quan"),
        Field("address", Text(max_length=300), help="Địa chỉ trụ sở"),
        Field("website", Url(), help="Trang thông tin điện tử chính thức"),
        Field("fax", Text(max_length=40, pattern=r"[0-9+ ().-]{3,40}", pattern_hint="số fax, ví dụ 0237 3852 111"), help="Số fax cơ quan"),
    ),
    model=model.Contact,
)

FORMER_NAME = Record(
    fields=(
        Field("name", Text(max_length=120), True, "Tên cũ, không kèm chữ chỉ cấp", "Kỳ Anh"),
        Field("level", Choice(choices=LEVELS), help="Cấp hành chính khi mang tên cũ, nếu khác cấp hiện nay", example="thi-xa"),
        Field("until", Date(), help="Ngày cuối cùng mang tên cũ", example="2025-06-30"),
    ),
    model=model.FormerName,
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
    ),
    model=model.Unit,
)

REFERENCE = Record(
    fields=(
        Field("unit", _unit_ref, help="Đơn vị của văn bản (đường dẫn trong plans/); với văn bản ngoài cổng: đơn vị của cơ quan ban hành, để liên kết tới trang đơn vị", example="thanh-hoa/ha-trung"),
        Field("number", _number, help="Số hiệu văn bản", example="73/KH-UBND"),
        Field("document", Text(max_length=120, pattern=SLUG, pattern_hint="tên tệp không có đuôi .md"), help="Tên tệp của văn bản trong thư mục đơn vị"),
        Field("issuer", Text(max_length=300), help="Cơ quan ban hành; ghi trường này khi văn bản không có trên cổng (ví dụ Ủy ban nhân dân tỉnh Thanh Hóa)", example="Ủy ban nhân dân tỉnh Thanh Hóa"),
        Field("date", Date(), help="Ngày ban hành", example="2023-01-27"),
        Field("title", Text(max_length=300), help="Trích yếu"),
        Field("url", Url(), help="Địa chỉ văn bản gốc"),
    ),
    model=model.Reference,
)

TARGET = Record(
    fields=(
        Field("indicator", Text(max_length=80, pattern=SLUG, pattern_hint="mã chỉ tiêu trong plans/indicators.yml"), True, "Mã chỉ tiêu", "tre-em-hcdb-duoc-tro-giup"),
        Field("value", Stated(), True, "Mức chỉ tiêu như viết trong kế hoạch", '"100%"'),
        Field("note", Text(max_length=500), help="Ghi chú"),
    ),
    model=model.Target,
)

RESULT = Record(
    fields=(
        Field("indicator", Text(max_length=80, pattern=SLUG, pattern_hint="mã chỉ tiêu trong plans/indicators.yml"), True, "Mã chỉ tiêu", "tre-em-hcdb-duoc-tro-giup"),
        Field("value", Stated(), True, "Kết quả đạt được", '"98%"'),
        Field("measured", Date(), help="Thời điểm số liệu", example="2023-12"),
        Field("note", Text(max_length=500), help="Ghi chú"),
    ),
    model=model.Result,
)

ACTIVITY = Record(
    fields=(
        Field("title", Text(max_length=300), True, "Tên hoạt động", "Lễ phát động Tháng hành động vì trẻ em"),
        Field("date", Span(), help="Thời gian: ngày, ngày và giờ, tháng, năm, khoảng ngày hoặc danh sách ngày; bỏ trống khi chưa định ngày (hoạt động hiện trong năm của văn bản)", example="2023-06"),
        Field("lunar", Lunar(), help="Ngày âm lịch thay cho date; cổng đổi sang dương lịch theo năm của văn bản và giữ cách ghi âm lịch", example='"15/8"'),
        Field("campaign", Text(max_length=80, pattern=SLUG, pattern_hint="mã chiến dịch trong plans/campaigns.yml"), help="Chiến dịch, đợt cao điểm", example="thang-hanh-dong"),
        Field("place", Text(max_length=200), help="Địa điểm"),
        Field("outside_year", Boolean(), help="Đặt true khi hoạt động cố ý diễn ra ngoài năm của văn bản", example="true"),
    ),
    model=model.Activity,
)

IMAGE = Record(
    fields=(
        Field("file", Text(max_length=200, pattern=r"[a-z0-9][a-z0-9._-]*\.(?:jpg|jpeg|png|webp)", pattern_hint="tên tệp ảnh chữ thường, đuôi .jpg, .png hoặc .webp"), True, "Tệp ảnh trong thư mục đơn vị", "le-phat-dong.jpg"),
        Field("alt", Text(max_length=300), True, "Mô tả ảnh cho người không nhìn thấy", "Thiếu nhi nhận quà Trung thu"),
        Field("caption", Text(max_length=300), help="Chú thích dưới ảnh"),
    ),
    model=model.Image,
)

FIGURE = Record(
    fields=(
        Field("label", Text(max_length=200), True, "Điều được đếm", "Trẻ em được tặng quà"),
        Field("value", Number(), True, "Con số (viết bằng chữ số)", '"1.250"'),
        Field("unit", Text(max_length=60), help="Đơn vị tính", example="suất quà"),
        Field("note", Text(max_length=300), help="Ghi chú"),
    ),
    model=model.Figure,
)

ATTACHMENT = Record(
    fields=(
        Field("title", Text(max_length=300), True, "Tên tài liệu", "Toàn văn kế hoạch (PDF)"),
        Field("url", Url(), True, "Địa chỉ tài liệu", "https://thanhhoa.gov.vn/ke-hoach-73.pdf"),
    ),
    model=model.Attachment,
)

KINDS: tuple[tuple[str, str], ...] = tuple((kind.id, kind.long) for kind in vocabulary.KINDS)
_campaign_id = Text(max_length=80, pattern=SLUG, pattern_hint="mã chiến dịch trong plans/campaigns.yml")

# Every kind shares these fields (a news item may state targets and its
# issuer, a plan its figures); KIND_RULES says what each kind needs or refuses.
DOCUMENT_FIELDS: tuple[Field, ...] = (
    Field("kind", Choice(choices=KINDS), True, "Loại văn bản", "plan"),
    Field("title", Text(max_length=300), True, "Tiêu đề", "Kế hoạch thực hiện công tác bảo vệ, chăm sóc trẻ em năm 2023"),
    Field("summary", Text(max_length=600), help="Tóm tắt một hai câu, hiện trong danh sách và kết quả tìm kiếm"),
    Field("source", Url(), help="Địa chỉ văn bản gốc đã công bố", attr="url"),
    Field("year", Integer(minimum=1990, maximum=2100), help="Năm thực hiện", example="2023"),
    Field("date", Date(), help="Ngày đăng tin (có thể có giờ: 2019-05-31T19:00)", example="2023-06-01"),
    Field("number", _number, help="Số hiệu văn bản", example="35/KH-BCĐ"),
    Field("issued", Date(), help="Ngày ban hành (có thể chỉ ghi tháng)", example="2023-02-21"),
    Field("issuer", Text(max_length=300), help="Cơ quan ban hành", example="Ủy ban nhân dân xã Hà Giang"),
    Field("signer", Text(max_length=200), help="Người ký: chức vụ và họ tên", example="Phó Chủ tịch Lê Thị Mai"),
    Field("theme", Text(max_length=500), help="Chủ đề riêng của địa phương (chủ đề quốc gia của chiến dịch do cổng tự ghi)", example="Vì một mùa hè an toàn cho trẻ em"),
    Field("campaign", _campaign_id, help="Chiến dịch mà văn bản nói đến", example="thang-hanh-dong"),
    Field("plan", REFERENCE, help="Kế hoạch mà văn bản thực hiện (tin tức) hoặc báo cáo kết quả (báo cáo)", example="{number: 35/KH-BCĐ}"),
    Field("implements", ListOf(item=REFERENCE, max_items=20), help="Văn bản cấp trên mà kế hoạch này thực hiện (trên cổng hoặc ngoài cổng)"),
    Field("references", ListOf(item=REFERENCE, max_items=30), help="Văn bản khác được nhắc đến: căn cứ, hướng dẫn, quyết định (trên cổng hoặc ngoài cổng)"),
    Field("targets", ListOf(item=TARGET), help="Chỉ tiêu"),
    Field("results", ListOf(item=RESULT), help="Kết quả theo từng chỉ tiêu của kế hoạch"),
    Field("figures", ListOf(item=FIGURE, max_items=50), help="Số liệu văn bản nêu như sự việc đã có: số người tham gia, suất quà, số tiền vận động, cuộc gọi…"),
    Field("activities", ListOf(item=ACTIVITY), help="Hoạt động có thời gian"),
    Field("images", ListOf(item=IMAGE, max_items=30), help="Ảnh kèm theo (tệp nằm trong thư mục đơn vị)"),
    Field("attachments", ListOf(item=ATTACHMENT, max_items=20), help="Tài liệu đính kèm đăng ở nơi khác (toàn văn, phụ lục)"),
)


@dataclass(frozen=True)
class KindRule:
    """What one kind must have and may not have (field names of DOCUMENT_FIELDS)."""

    required: tuple[str, ...]
    refused: tuple[str, ...] = ()


KIND_RULES: dict[str, KindRule] = {
    "plan": KindRule(required=("kind", "title", "year", "issuer"), refused=("date", "plan", "results")),
    "news": KindRule(required=("kind", "title", "date"), refused=("year", "implements", "results")),
    "report": KindRule(required=("kind", "title", "year", "issuer", "plan", "results"), refused=("date", "implements")),
}


def _kind_record(kind: str) -> Record:
    rule = KIND_RULES[kind]
    fields = []
    for f in DOCUMENT_FIELDS:
        if f.name in rule.refused:
            continue
        fields.append(Field(f.name, f.spec, f.name in rule.required, f.help, f.example, f.attr))
    hints = tuple((name, hint) for name in rule.refused if (hint := refused_hint(kind, name)))
    return Record(fields=tuple(fields), model=model.Document, hints=hints)


def refused_hint(kind: str, name: str) -> str | None:
    """Why a field of another kind is not accepted here, in Vietnamese; None for unknown names."""
    if name not in KIND_RULES[kind].refused:
        return None
    label = dict(KINDS)[kind]
    replacement = {
        ("news", "year"): "năm của tin lấy theo date",
        ("news", "implements"): "ghi văn bản cấp trên vào references, kế hoạch được thực hiện vào plan",
        ("plan", "date"): "ghi ngày ban hành vào issued",
        ("report", "date"): "ghi ngày ban hành vào issued",
        ("report", "implements"): "ghi kế hoạch được báo cáo vào plan, văn bản khác vào references",
        ("plan", "results"): "kết quả ghi trong một báo cáo (kind: report)",
        ("news", "results"): "số liệu đã đạt ghi vào figures; kết quả theo chỉ tiêu ghi trong báo cáo (kind: report)",
    }.get((kind, name), "")
    return f"{label} không dùng trường «{name}»" + (f": {replacement}" if replacement else "")


DOCUMENTS: dict[str, Record] = {kind: _kind_record(kind) for kind, _ in KINDS}
PLAN, NEWS, REPORT = DOCUMENTS["plan"], DOCUMENTS["news"], DOCUMENTS["report"]


CAMPAIGN = Record(
    fields=(
        Field("id", Text(max_length=80, pattern=SLUG, pattern_hint="mã chữ thường không dấu, nối bằng gạch ngang"), True, "Mã chiến dịch", "thang-hanh-dong"),
        Field("name", Text(max_length=200), True, "Tên chiến dịch", "Tháng hành động vì trẻ em"),
        Field("description", Text(max_length=2000), help="Mô tả"),
        Field("calendar", Choice(choices=(("solar", "dương lịch"), ("lunar", "âm lịch"))), help="Lịch dùng cho ngày diễn ra", example="solar"),
        Field("start", MonthDay(), help="Ngày bắt đầu hằng năm (THÁNG-NGÀY)", example='"06-01"'),
        Field("end", MonthDay(), help="Ngày kết thúc hằng năm (THÁNG-NGÀY); bỏ trống khi chỉ một ngày", example='"06-30"'),
        Field(
            "themes",
            ListOf(item=Record(fields=(
                Field("year", Integer(minimum=1990, maximum=2100), True, "Năm", "2023"),
                Field("theme", Text(max_length=500), True, "Chủ đề", '"Hành động thiết thực..."'),
            ), model=model.Theme)),
            help="Chủ đề quốc gia của từng năm",
        ),
    ),
    model=model.Campaign,
)

INDICATOR = Record(
    fields=(
        Field("id", Text(max_length=80, pattern=SLUG, pattern_hint="mã chữ thường không dấu, nối bằng gạch ngang"), True, "Mã chỉ tiêu", "tre-em-hcdb-duoc-tro-giup"),
        Field("name", Text(max_length=300), True, "Tên chỉ tiêu", "Trẻ em có hoàn cảnh đặc biệt được trợ giúp"),
        Field("measure", Choice(choices=(("percent", "tỷ lệ phần trăm"), ("ratio", "số đơn vị trên tổng số"), ("count", "số lượng"), ("permille", "phần nghìn"))), True, "Cách đo", "percent"),
        Field("better", Choice(choices=(("higher", "càng cao càng tốt"), ("lower", "càng thấp càng tốt"))), True, "Chiều tốt hơn", "higher"),
        Field("description", Text(max_length=2000), help="Mô tả"),
        Field("unit", Text(max_length=60), help="Đơn vị tính của chỉ tiêu đếm được (trẻ em, xã, ca)", example="xã"),
        Field("source", Text(max_length=300), help="Văn bản quy định chỉ tiêu (ví dụ quyết định phê duyệt chương trình quốc gia)"),
    ),
    model=model.Indicator,
)

PRIVACY = Record(
    fields=(
        Field("phones", ListOf(item=Text(max_length=40), max_items=5000), help="Số điện thoại chính thức được phép đăng"),
        Field("emails", ListOf(item=Text(max_length=120), max_items=5000), help="Địa chỉ thư chính thức được phép đăng"),
        Field("domains", ListOf(item=Text(max_length=120), max_items=500), help="Tên miền của cơ quan nhà nước được phép đăng địa chỉ thư"),
    ),
    model=model.PrivacyAllow,
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


