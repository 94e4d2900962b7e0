"""The front-matter reference of the contributor guide, read from the schema.

The guide page is generated from the same :mod:`portal.schema` records that
validate content, so a field added, renamed or made required shows up in the
guide at the next build: the reference cannot drift from the checker.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import schema, vocabulary


@dataclass(frozen=True)
class FieldRow:
    """One field in a reference table."""

    name: str
    """Field path as written in a file: ``targets[].value``, ``plan.number``."""
    required: bool
    """Required within its group (an optional group's required field is needed only when the group is used)."""
    form: str
    """Accepted form, from :meth:`schema.Spec.describe` (may hold `code` spans)."""
    help: str
    """What the field means."""
    example: str
    """An example value, as written in YAML; may be empty."""


@dataclass(frozen=True)
class Section:
    """One kind of file and the fields it accepts."""

    anchor: str
    """ASCII id of the section's heading."""
    title: str
    file: str
    """Where such a file lives."""
    intro: str
    rows: tuple[FieldRow, ...]


def rows(record: schema.Record, prefix: str = "") -> tuple[FieldRow, ...]:
    """Rows of ``record`` and, after each group or list of groups, its parts."""
    found: list[FieldRow] = []
    for f in record.fields:
        name = prefix + f.name
        found.append(FieldRow(name, f.required, f.spec.describe(), f.help, f.example))
        if isinstance(f.spec, schema.Record):
            found += rows(f.spec, f"{name}.")
        elif isinstance(f.spec, schema.ListOf) and isinstance(f.spec.item, schema.Record):
            found += rows(f.spec.item, f"{name}[].")
        elif isinstance(f.spec, schema.ListOf):
            found.append(FieldRow(f"{name}[]", False, f.spec.item.describe(), "Mỗi mục của danh sách", ""))
    return tuple(found)


def sections() -> tuple[Section, ...]:
    """Every section of the reference, documents first (what contributors write most)."""
    labels = {kind.id: kind.long for kind in vocabulary.KINDS}
    documents = tuple(
        Section(
            anchor=f"van-ban-{kind}",
            title=f"{labels[kind][:1].upper()}{labels[kind][1:]} (kind: {kind})",
            file="plans/<đường dẫn đơn vị>/<tên tệp>.md, phần nằm giữa hai dòng ---",
            intro=_INTROS[kind],
            rows=rows(record),
        )
        for kind, record in schema.DOCUMENTS.items()
    )
    return documents + (
        Section("don-vi", "Đơn vị (_unit.yml)", "plans/<đường dẫn đơn vị>/_unit.yml", _INTROS["unit"], rows(schema.UNIT)),
        Section("chien-dich", "Danh mục chiến dịch", "plans/campaigns.yml (danh sách, mỗi mục bắt đầu bằng «- »)", _INTROS["campaign"], rows(schema.CAMPAIGN)),
        Section("chi-tieu", "Danh mục chỉ tiêu", "plans/indicators.yml (danh sách, mỗi mục bắt đầu bằng «- »)", _INTROS["indicator"], rows(schema.INDICATOR)),
    )


_INTROS = {
    "plan": "Kế hoạch năm của đơn vị: chỉ tiêu, hoạt động có thời gian và văn bản cấp trên mà kế hoạch thực hiện.",
    "news": "Tin về một hoạt động đã diễn ra hoặc sắp diễn ra; năm của tin lấy theo ngày đăng.",
    "report": "Kết quả đạt được theo từng chỉ tiêu của một kế hoạch; cổng so sánh với chỉ tiêu để ghi đạt hoặc chưa đạt.",
    "unit": (
        "Mỗi đơn vị là một thư mục có tệp _unit.yml; đường dẫn thư mục là danh tính của đơn vị. "
        "Văn bản thuộc đơn vị của thư mục chứa nó: không có trường nào để ghi đơn vị khác."
    ),
    "campaign": "Các chiến dịch, ngày lễ hằng năm dùng chung cho cả cổng; do người quản trị cổng cập nhật.",
    "indicator": "Các chỉ tiêu mà kế hoạch đặt ra và báo cáo ghi kết quả; do người quản trị cổng cập nhật.",
}

DATE_FORMS: tuple[tuple[str, str, str], ...] = (
    ("Ngày", "2023-06-01", "01/06/2023"),
    ("Ngày và giờ", "2019-05-31T19:00", "31/05/2019 19:00"),
    ("Tháng", "2023-06", "tháng 6/2023 (trên lịch: cả tháng)"),
    ("Năm", "2023", "năm 2023 (trên lịch: cả năm)"),
    ("Khoảng ngày", "2023-06-01..2023-06-30", "01/06/2023–30/06/2023"),
    ("Nhiều ngày rời nhau", "2023-06-01, 2023-06-15", "01/06/2023, 15/06/2023"),
    ("Âm lịch (trường lunar của hoạt động)", "lunar: rằm tháng Tám", "ngày dương lịch của năm văn bản, kèm «âm lịch 15/8»"),
    ("Âm lịch dạng số", "lunar: 15/8 hoặc lunar: 15/8/2024", "như trên"),
    ("Chưa định ngày", "(bỏ trống date)", "«chưa định ngày»; trên lịch: cả năm của văn bản"),
)
"""(form, example, how it is shown) for the guide's table of date forms."""
