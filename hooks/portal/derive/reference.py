"""The front-matter reference of the contributor guide, read from the schema.

The guide page is generated from the same :mod:`portal.schema` records that
validate content, so a field added, renamed or made required shows up in the
guide at the next build: the reference cannot drift from the checker.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import schema


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
    labels = dict(schema.KINDS)
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
