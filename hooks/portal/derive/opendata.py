"""Open data: documents, targets, results, activities, units and indicators as JSON and CSV.

Each :class:`Table` names its columns once, with a Vietnamese description, so the
files and the page that documents them (/du-lieu/) cannot drift apart. Rows are
sorted and carry no build time, so two builds of the same content give the same
bytes and a diff of the files shows only what changed in the content.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Callable

from .. import paths
from ..model import references, schema
from ..model.dates import PartialDate
from ..model.index import PortalIndex
from ..model.records import Document
from .summaries import all_rows
from ..model.values import Value

Row = dict[str, Any]

LIST_SEPARATOR = ";"
"""Joins list values (a unit merged into several) in CSV cells; JSON keeps lists."""

SCHEMA_FILE = "schema.json"


@dataclass(frozen=True)
class Column:
    """One column of a data file."""

    name: str
    """ASCII key, the same in JSON and CSV (front-matter field names where they exist)."""
    help: str
    """What it holds, in Vietnamese, for the open data page."""


@dataclass(frozen=True)
class Table:
    """One data set, published as ``<name>.json`` and ``<name>.csv``."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[PortalIndex], list[Row]]


def _num(x: float | None) -> int | float | None:
    """Whole numbers as integers (100, not 100.0), so files read the way people write them."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _iso(day: PartialDate | None) -> str | None:
    return day.iso() if day else None


def _precision(day: PartialDate) -> str:
    return "day" if day.day is not None else "month" if day.month is not None else "year"


def _value(value: Value) -> Row:
    return {
        "text": value.text,
        "number": _num(value.number),
        "comparator": value.comparator.value if value.number is not None else None,
        "measure": value.measure,
        "total": _num(value.total),
    }


_VALUE_COLUMNS = (
    Column("text", "Giá trị đúng như văn bản ghi, ví dụ “trên 80%”, “14/14”, “tăng dần”."),
    Column("number", "Con số đọc được từ giá trị (với dạng 14/14 là tử số 14); để trống khi giá trị không có số."),
    Column("comparator", "Cách so sánh: = (bằng), >= (từ … trở lên), > (hơn hẳn), <= (không quá), < (dưới hẳn), ~ (khoảng); để trống khi không có số."),
    Column("measure", "Dạng giá trị: percent (phần trăm), ratio (số đơn vị trên tổng số), count (số lượng), permille (phần nghìn)."),
    Column("total", "Mẫu số (tổng số) của dạng 14/14; để trống với các dạng khác."),
)


def _documents(index: PortalIndex) -> list[Row]:
    rows = []
    for doc in index.portal.documents:
        plan = index.resolve(doc.plan, doc.unit) if doc.plan else None
        rows.append({
            "unit": doc.unit, "slug": doc.slug, "kind": doc.kind, "title": doc.title, "year": doc.year,
            "number": doc.number, "issued": _iso(doc.issued), "date": _iso(doc.date), "issuer": doc.issuer,
            "summary": doc.summary, "url": doc.url, "campaign": doc.campaign,
            "plan_unit": plan.unit if plan else (doc.plan.unit if doc.plan else None),
            "plan_slug": plan.slug if plan else None,
            "plan_number": doc.plan.number if doc.plan and doc.plan.number else (plan.number if plan else None),
            "page": paths.document_page(doc.unit, doc.slug), "source": doc.source,
            "signer": doc.signer, "theme": doc.theme, "national_theme": _national_theme(index, doc),
            "attachments": [a.url for a in doc.attachments],
        })
    return sorted(rows, key=lambda r: (r["unit"], r["slug"]))


def _national_theme(index: PortalIndex, doc: Document) -> str | None:
    campaign = index.campaigns.get(doc.campaign) if doc.campaign else None
    return campaign.theme(doc.year) if campaign else None


def _figures(index: PortalIndex) -> list[Row]:
    rows = [{
        "unit": doc.unit, "document_slug": doc.slug, "kind": doc.kind, "year": doc.year,
        "label": f.label, "number": _num(f.value.number), "text": f.value.text, "measure_unit": f.unit, "note": f.note,
    } for doc in index.portal.documents for f in doc.figures]
    return sorted(rows, key=lambda r: (r["unit"], r["document_slug"], r["label"]))


def _references(index: PortalIndex) -> list[Row]:
    rows = []
    for doc in index.portal.documents:
        for c in references.cited(index, doc):
            rows.append({
                "unit": doc.unit, "document_slug": doc.slug, "field": c.field,
                "on_portal": c.target is not None,
                "target_unit": c.target.unit if c.target else c.ref.unit,
                "target_slug": c.target.slug if c.target else None,
                "issuer": c.issuer, "number": c.ref.number or (c.target.number if c.target else None),
                "date": _iso(c.ref.date or (c.target.issued if c.target else None)),
                "title": c.ref.title or (c.target.title if c.target else None), "url": c.ref.url,
            })
    return sorted(rows, key=lambda r: (r["unit"], r["document_slug"], r["field"]))


def _targets(index: PortalIndex) -> list[Row]:
    rows = []
    for row in all_rows(index):
        rows.append({
            "unit": row.plan.unit, "plan_slug": row.plan.slug, "plan_number": row.plan.number,
            "year": row.plan.year, "indicator": row.indicator.id, **_value(row.target.value),
            "note": row.target.note, "status": row.status.value,
            "result_text": row.result.value.text if row.result else None,
            "report_slug": row.report.slug if row.report else None,
        })
    return sorted(rows, key=lambda r: (r["unit"], r["year"], r["plan_slug"], r["indicator"], r["text"]))


def _results(index: PortalIndex) -> list[Row]:
    rows = []
    for doc in index.portal.documents:
        plan = index.resolve(doc.plan, doc.unit) if doc.plan else None
        for result in doc.results:
            rows.append({
                "unit": doc.unit, "report_slug": doc.slug, "year": doc.year,
                "plan_unit": plan.unit if plan else None, "plan_slug": plan.slug if plan else None,
                "indicator": result.indicator, **_value(result.value),
                "measured": _iso(result.measured), "note": result.note,
            })
    return sorted(rows, key=lambda r: (r["unit"], r["report_slug"], r["indicator"], r["text"]))


def _activities(index: PortalIndex) -> list[Row]:
    rows = []
    for doc in index.portal.documents:
        for activity in doc.activities:
            span = activity.date
            rows.append({
                "unit": doc.unit, "document_slug": doc.slug, "kind": doc.kind, "year": doc.year,
                "title": activity.title,
                "start": span.start.first_day.isoformat() if span else None,
                "end": span.end.last_day.isoformat() if span else None,
                "start_precision": _precision(span.start) if span else None,
                "end_precision": _precision(span.end) if span else None,
                "campaign": activity.campaign, "place": activity.place,
                "time": span.start.time or None if span else None,
                "lunar": activity.lunar.text if activity.lunar else None,
                "days": [d.iso() for d in span.days] if span else [],
            })
    return sorted(rows, key=lambda r: (r["unit"], r["document_slug"], r["start"] or "", r["title"]))


def _units(index: PortalIndex) -> list[Row]:
    rows = [{
        "path": u.path, "name": u.name, "level": u.level, "label": u.label, "full_label": index.full_label(u),
        "parent": u.parent_path, "code": u.code, "valid_from": _iso(u.valid_from), "valid_to": _iso(u.valid_to),
        "merged_into": list(u.merged_into), "page": paths.unit_page(u.path),
    } for u in index.portal.units]
    return sorted(rows, key=lambda r: r["path"])


def _indicators(index: PortalIndex) -> list[Row]:
    rows = [{"id": i.id, "name": i.name, "measure": i.measure, "better": i.better, "description": i.description,
             "unit": i.unit, "source": i.source}
            for i in index.portal.indicators]
    return sorted(rows, key=lambda r: r["id"])


_UNIT = Column("unit", "Đường dẫn của đơn vị trong thư mục plans/, ví dụ ha-noi/long-bien; là mã định danh của đơn vị trên cổng.")

TABLES: tuple[Table, ...] = (
    Table("van-ban", "Văn bản", "Mỗi dòng là một kế hoạch, tin tức hoặc báo cáo (không gồm nội dung toàn văn; xem cột source).", (
        _UNIT,
        Column("slug", "Tên tệp của văn bản (không có đuôi .md), duy nhất trong một đơn vị."),
        Column("kind", "Loại: plan (kế hoạch), news (tin tức), report (báo cáo kết quả)."),
        Column("title", "Tiêu đề."),
        Column("year", "Năm mà văn bản nói đến (tin tức: năm của ngày đăng)."),
        Column("number", "Số hiệu, ví dụ 04/KH-UBND."),
        Column("issued", "Ngày ban hành dạng NĂM-THÁNG-NGÀY; có thể chỉ có năm-tháng hoặc năm."),
        Column("date", "Ngày đăng của tin tức, cùng dạng."),
        Column("issuer", "Cơ quan ban hành."),
        Column("summary", "Tóm tắt."),
        Column("url", "Địa chỉ văn bản gốc chính thức."),
        Column("campaign", "Mã chiến dịch (ví dụ thang-hanh-dong) mà tin tức thuộc về."),
        Column("plan_unit", "Tin tức, báo cáo: đơn vị của kế hoạch được thực hiện hoặc báo cáo."),
        Column("plan_slug", "Tên tệp của kế hoạch đó khi kế hoạch có trên cổng."),
        Column("plan_number", "Số hiệu của kế hoạch đó."),
        Column("page", "Đường dẫn trang của văn bản trên cổng (tính từ gốc trang)."),
        Column("source", "Đường dẫn tệp Markdown gốc trong kho nội dung."),
        Column("signer", "Người ký (chức vụ, họ tên)."),
        Column("theme", "Chủ đề riêng mà văn bản nêu."),
        Column("national_theme", "Chủ đề quốc gia của chiến dịch trong năm đó (theo danh mục chiến dịch)."),
        Column("attachments", f"Địa chỉ các tài liệu đính kèm; trong CSV cách nhau bằng dấu “{LIST_SEPARATOR}”."),
    ), _documents),
    Table("chi-tieu", "Chỉ tiêu", "Mỗi dòng là một chỉ tiêu một kế hoạch đặt ra, với đánh giá theo báo cáo mới nhất.", (
        _UNIT,
        Column("plan_slug", "Tên tệp của kế hoạch."),
        Column("plan_number", "Số hiệu của kế hoạch."),
        Column("year", "Năm của kế hoạch."),
        Column("indicator", "Mã chỉ số trong danh mục (tệp danh-muc-chi-so)."),
        *_VALUE_COLUMNS,
        Column("note", "Ghi chú kèm chỉ tiêu."),
        Column("status", "Đánh giá: dat (đạt), chua-dat (chưa đạt), chua-co-bao-cao (chưa có báo cáo), khong-do-duoc (mục tiêu hoặc kết quả không ghi bằng số)."),
        Column("result_text", "Kết quả trong báo cáo mới nhất về kế hoạch, đúng như báo cáo ghi."),
        Column("report_slug", "Tên tệp của báo cáo đó (cùng đơn vị với báo cáo trong tệp ket-qua)."),
    ), _targets),
    Table("ket-qua", "Kết quả", "Mỗi dòng là một kết quả một báo cáo ghi nhận cho một chỉ số.", (
        _UNIT,
        Column("report_slug", "Tên tệp của báo cáo."),
        Column("year", "Năm của báo cáo."),
        Column("plan_unit", "Đơn vị của kế hoạch được báo cáo."),
        Column("plan_slug", "Tên tệp của kế hoạch được báo cáo."),
        Column("indicator", "Mã chỉ số."),
        *_VALUE_COLUMNS,
        Column("measured", "Thời điểm lấy số liệu (NĂM-THÁNG-NGÀY, có thể chỉ năm-tháng hoặc năm)."),
        Column("note", "Ghi chú kèm kết quả."),
    ), _results),
    Table("hoat-dong", "Hoạt động", "Mỗi dòng là một hoạt động có trong kế hoạch hoặc tin tức.", (
        _UNIT,
        Column("document_slug", "Tên tệp của văn bản nêu hoạt động."),
        Column("kind", "Loại văn bản đó: plan hoặc news."),
        Column("year", "Năm của văn bản."),
        Column("title", "Tên hoạt động."),
        Column("start", "Ngày đầu tiên (NĂM-THÁNG-NGÀY, luôn đủ ngày): với ngày chỉ ghi tháng 2020-06 là 2020-06-01."),
        Column("end", "Ngày cuối cùng (luôn đủ ngày): với 2020-06 là 2020-06-30; bằng start nếu hoạt động diễn ra một ngày."),
        Column("start_precision", "Văn bản ghi ngày đầu chính xác tới đâu: day (ngày), month (tháng), year (năm)."),
        Column("end_precision", "Như trên, cho ngày cuối."),
        Column("campaign", "Mã chiến dịch của hoạt động, nếu có."),
        Column("place", "Địa điểm."),
        Column("time", "Giờ bắt đầu (GIỜ:PHÚT) khi văn bản ghi giờ."),
        Column("lunar", "Ngày âm lịch như văn bản ghi; start và end là ngày dương lịch tương ứng."),
        Column("days", f"Các ngày rời nhau khi văn bản ghi danh sách ngày; trong CSV cách nhau bằng dấu “{LIST_SEPARATOR}”."),
    ), _activities),
    Table("so-lieu", "Số liệu", "Mỗi dòng là một số liệu văn bản nêu như sự việc đã có (người tham gia, suất quà, tiền vận động, cuộc gọi…).", (
        _UNIT,
        Column("document_slug", "Tên tệp của văn bản."),
        Column("kind", "Loại văn bản."),
        Column("year", "Năm của văn bản."),
        Column("label", "Điều được đếm."),
        Column("number", "Con số đọc được (1.250 → 1250; 7,5 → 7.5)."),
        Column("text", "Con số đúng như văn bản ghi."),
        Column("measure_unit", "Đơn vị tính (suất quà, triệu đồng, cuộc gọi…)."),
        Column("note", "Ghi chú."),
    ), _figures),
    Table("tham-chieu", "Văn bản được nhắc đến", "Mỗi dòng là một văn bản mà một văn bản trên cổng thực hiện, báo cáo hoặc nhắc đến, có trên cổng hay không.", (
        _UNIT,
        Column("document_slug", "Tên tệp của văn bản nhắc đến."),
        Column("field", "Trường chứa tham chiếu: plan, implements[n], references[n]."),
        Column("on_portal", "true khi văn bản được nhắc đến có trên cổng."),
        Column("target_unit", "Đơn vị của văn bản được nhắc đến (hoặc của cơ quan ban hành), nếu có trên cổng."),
        Column("target_slug", "Tên tệp của văn bản đó khi có trên cổng."),
        Column("issuer", "Cơ quan ban hành."),
        Column("number", "Số hiệu."),
        Column("date", "Ngày ban hành."),
        Column("title", "Trích yếu hoặc tiêu đề."),
        Column("url", "Địa chỉ văn bản gốc."),
    ), _references),
    Table("don-vi", "Đơn vị hành chính", "Mỗi dòng là một đơn vị: tỉnh, huyện hoặc xã, kể cả đơn vị đã sáp nhập.", (
        Column("path", "Đường dẫn của đơn vị trong thư mục plans/ (mã định danh trên cổng)."),
        Column("name", "Tên không kèm cấp, ví dụ Long Biên."),
        Column("level", "Cấp: tinh, thanh-pho-tw, huyen, quan, thi-xa, thanh-pho, xa, phuong, thi-tran, dac-khu."),
        Column("label", "Tên kèm cấp, ví dụ quận Long Biên."),
        Column("full_label", "Tên kèm mọi cấp trên, ví dụ quận Long Biên, thành phố Hà Nội."),
        Column("parent", "Đường dẫn của đơn vị cấp trên; để trống với cấp tỉnh."),
        Column("code", "Mã đơn vị hành chính chính thức."),
        Column("valid_from", "Ngày bắt đầu tồn tại, nếu biết."),
        Column("valid_to", "Ngày cuối cùng tồn tại (đơn vị đã sáp nhập hoặc giải thể)."),
        Column("merged_into", f"Đường dẫn các đơn vị tiếp nhận sau sáp nhập; trong CSV cách nhau bằng dấu “{LIST_SEPARATOR}”."),
        Column("page", "Đường dẫn trang của đơn vị trên cổng."),
    ), _units),
    Table("danh-muc-chi-so", "Danh mục chỉ số", "Các chỉ số mà chỉ tiêu và kết quả dùng.", (
        Column("id", "Mã chỉ số."),
        Column("name", "Tên chỉ số."),
        Column("measure", "Đo bằng: percent, ratio, count hoặc permille."),
        Column("better", "higher (càng cao càng tốt) hoặc lower (càng thấp càng tốt)."),
        Column("description", "Mô tả."),
        Column("unit", "Đơn vị tính của chỉ số đếm được."),
        Column("source", "Văn bản quy định chỉ số."),
    ), _indicators),
)


def table_rows(table: Table, index: PortalIndex) -> list[Row]:
    """The table's rows with exactly its columns, in order."""
    names = [c.name for c in table.columns]
    rows = table.rows(index)
    for row in rows:
        if list(row) != names:
            raise ValueError(f"{table.name}: columns {list(row)} differ from {names}")
    return rows


def to_json(rows: list[Row]) -> bytes:
    # One object per line: readable, and a diff between two builds shows changed rows.
    body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)
    return f"[\n{body}\n]\n".encode("utf-8") if rows else b"[]\n"


def to_csv(table: Table, rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in rows:
        writer.writerow([_cell(row[c.name]) for c in table.columns])
    # The BOM lets Excel (the tool most officers open a CSV with) detect UTF-8;
    # without it Excel on Windows reads the file as ANSI and garbles every
    # Vietnamese diacritic. csv readers in Python ("utf-8-sig"), R and pandas skip it.
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def files(index: PortalIndex, tables: dict[str, list[Row]] | None = None) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every open data file, the JSON Schema included.

    ``tables``: the rows of each table by name when the caller already has them.
    """
    found = []
    for table in TABLES:
        rows = tables[table.name] if tables is not None else table_rows(table, index)
        found.append((f"{table.name}.json", to_json(rows)))
        found.append((f"{table.name}.csv", to_csv(table, rows)))
    found.append((SCHEMA_FILE, (json.dumps(schema.json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")))
    return sorted(found)
