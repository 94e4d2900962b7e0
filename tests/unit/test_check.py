"""``python -m portal check``: every broken file reported with its file, line and field.

Each case copies the valid portal ``fixtures/mini`` and changes one file, so the
only problem reported is the one the change introduced.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.model import lunar
from portal.content.check import check_portal
from portal.content.frontmatter import MAX_FILE_BYTES, MAX_LINE_CHARS
from portal.model.problems import Problem

HERE = Path(__file__).parent.parent
MINI = HERE / "fixtures" / "mini"
HOOKS = HERE.parent / "hooks"

PROVINCE_PLAN = "plans/son-hai/2023-ke-hoach-35.md"
DISTRICT_PLAN = "plans/son-hai/dong-lam/2023-ke-hoach-73.md"
REPORT = "plans/son-hai/dong-lam/2023-bao-cao-ket-qua.md"
COMMUNE_PLAN = "plans/son-hai/dong-lam/binh-an/2023-ke-hoach-12.md"
NEWS = "plans/son-hai/dong-lam/binh-an/2023-06-tin-phat-dong.md"
MERGED_UNIT = "plans/son-hai/dong-lam/my-loc/_unit.yml"
MERGED_PLAN = "plans/son-hai/dong-lam/my-loc/2024-ke-hoach-05.md"
SUCCESSOR_UNIT = "plans/son-hai/dong-lam/binh-an/_unit.yml"
CAMPAIGNS = "plans/campaigns.yml"

# ------------------------------------------------------------------- helpers


def mini_text(rel: str) -> str:
    return (MINI / rel).read_text(encoding="utf-8")


def replaced(rel: str, old: str, new: str) -> str:
    """Text of a mini file with ``old`` (which must occur once) replaced."""
    text = mini_text(rel)
    assert text.count(old) == 1, f"{old!r} must occur once in {rel}"
    return text.replace(old, new)


def portal_with(tmp_path: Path, changes: dict[str, str | bytes | None]) -> Path:
    """A copy of the mini portal with files written (text or bytes) or removed (None)."""
    root = tmp_path / "portal"
    shutil.copytree(MINI, root)
    for rel, content in changes.items():
        path = root / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def line_of(root: Path, rel: str, needle: str) -> int:
    """1-based line of the only line of ``rel`` that contains ``needle``."""
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    found = [number for number, text in enumerate(lines, 1) if needle in text]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {rel}"
    return found[0]


def problems(root: Path) -> list[Problem]:
    return list(check_portal(root).problems)


def only_problem(root: Path) -> Problem:
    found = problems(root)
    assert len(found) == 1, "\n".join(str(p) for p in found)
    return found[0]


def only_pii_problem(root: Path) -> Problem:
    # Obfuscations (zero-width characters, body images) are refused by the gate too; here the
    # personal-data message is under test.
    found = [p for p in problems(root) if p.code.startswith("P-PII")]
    assert len(found) == 1, "\n".join(str(p) for p in problems(root))
    return found[0]


def assert_problem(problem: Problem, path: str, line: int, field: str, fragment: str) -> None:
    assert (problem.path, problem.line, problem.field) == (path, line, field), str(problem)
    assert fragment in problem.message, problem.message


def run_cli(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(HOOKS)}
    return subprocess.run(
        [sys.executable, "-m", "portal", "check", str(path)],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


# ------------------------------------------------------------- the clean mini


def test_mini_portal_is_clean_and_complete() -> None:
    report = check_portal(MINI)
    assert report.problems == ()
    portal = report.portal
    assert [u.path for u in portal.units] == [
        "son-hai", "son-hai/dong-lam", "son-hai/dong-lam/binh-an", "son-hai/dong-lam/my-loc",
    ]
    assert [u.label for u in portal.units] == ["tỉnh Sơn Hải", "huyện Đông Lâm", "xã Bình An", "xã Mỹ Lộc"]
    assert sorted(d.kind for d in portal.documents) == ["news", "plan", "plan", "plan", "plan", "report"]
    merged = next(u for u in portal.units if u.path.endswith("my-loc"))
    assert merged.merged_into == ("son-hai/dong-lam/binh-an",)
    assert merged.valid_to is not None and merged.valid_to.iso() == "2025-06-30"
    commune = next(d for d in portal.documents if d.source == COMMUNE_PLAN)
    assert commune.implements[0].document == "2023-ke-hoach-73"
    assert commune.activities[1].outside_year is True
    province = next(d for d in portal.documents if d.source == PROVINCE_PLAN)
    assert [t.value.text for t in province.targets] == ["trên 90%", "70/95", "dưới 20 trẻ"]
    assert report.summary() == (
        "Không có lỗi: 4 đơn vị, 6 văn bản (4 kế hoạch, 1 tin, 1 báo cáo), 4 chiến dịch, 3 chỉ tiêu."
    )


def test_cli_on_the_clean_mini_prints_the_summary_and_exits_0() -> None:
    result = run_cli(MINI)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines() == [check_portal(MINI).summary()]
    assert result.stdout.startswith("Không có lỗi: 4 đơn vị, 6 văn bản")
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- YAML syntax


def test_bad_indentation(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "    value: \"12/14\"", "   value: \"12/14\"")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "   value: \"12/14\""), "", "thụt lề")


def test_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, 'value: "100%"', 'value: "100%')})
    assert_problem(only_problem(root), rel, line_of(root, rel, 'value: "100%'), "", "dấu nháy mở ở dòng này chưa được đóng")


def test_tab_in_indentation(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "  - unit: son-hai\n    number", "  - unit: son-hai\n\tnumber")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "\tnumber"), "", "không dùng phím Tab")


def test_missing_closing_fence(tmp_path: Path) -> None:
    rel = REPORT
    root = portal_with(tmp_path, {rel: replaced(rel, "---\n\nNăm 2023", "\nNăm 2023")})
    assert_problem(only_problem(root), rel, 1, "", "Không tìm thấy dòng «---» kết thúc")


def test_no_front_matter(tmp_path: Path) -> None:
    rel = "plans/son-hai/2023-ghi-chu.md"
    root = portal_with(tmp_path, {rel: "# Ghi chú\n\nKế hoạch sẽ được đăng sau.\n"})
    assert_problem(only_problem(root), rel, 1, "", "Tệp phải bắt đầu bằng dòng «---»")


def test_anchor_and_alias_refused(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    text = replaced(rel, "value: \"100%\"", "value: &muc \"100%\"")
    text = text.replace('value: "12/14"', "value: *muc")
    root = portal_with(tmp_path, {rel: text})
    assert_problem(only_problem(root), rel, line_of(root, rel, "&muc"), "", "Không dùng neo, bí danh hay thẻ YAML")


# --------------------------------------------------------------- the schema


def test_unknown_key_suggests_the_close_name(tmp_path: Path) -> None:
    rel = NEWS
    root = portal_with(tmp_path, {rel: replaced(rel, "\ntitle:", "\ntitel:")})
    found = problems(root)
    # The misspelt key is unknown and, as a result, the real one is missing.
    by_field = {p.field: p for p in found}
    assert set(by_field) == {"titel", "title"}
    assert_problem(by_field["titel"], rel, line_of(root, rel, "titel:"), "titel", "có phải ý bạn là «title»?")
    # A missing field has no line of its own: it points at the front matter's first line.
    assert_problem(by_field["title"], rel, 2, "title", "thiếu trường bắt buộc")


def test_unknown_key_inside_a_list_item(tmp_path: Path) -> None:
    rel = PROVINCE_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "    campaign: trung-thu", "    campaing: trung-thu")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "campaing:"), "activities[1].campaing", "có phải ý bạn là «campaign»?")


def test_duplicate_key(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "year: 2023\n", "year: 2023\nyear: 2024\n")})
    first = line_of(root, rel, "year: 2023")
    assert_problem(only_problem(root), rel, first + 1, "year", f"trường bị lặp lại (đã có ở dòng {first})")


def test_list_where_text_is_expected(tmp_path: Path) -> None:
    rel = NEWS
    old = "title: Xã Bình An phát động Tháng hành động vì trẻ em năm 2023"
    root = portal_with(tmp_path, {rel: replaced(rel, old, "title:\n  - Xã Bình An phát động\n  - Tháng hành động")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "- Xã Bình An phát động"), "title", "không phải một danh sách")


def test_year_in_words(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "year: 2023", 'year: "hai nghìn"')})
    assert_problem(only_problem(root), rel, line_of(root, rel, "year:"), "year", "«hai nghìn» phải là số nguyên")


@pytest.mark.parametrize(
    ("rel", "old", "field", "fragment"),
    [
        (DISTRICT_PLAN, "title: Kế hoạch thực hiện công tác trẻ em huyện Đông Lâm năm 2023\n", "title", "Tiêu đề"),
        (DISTRICT_PLAN, "issuer: Ủy ban nhân dân huyện Đông Lâm\n", "issuer", "Cơ quan ban hành"),
        (NEWS, "date: 2023-06-01\n", "date", "Ngày đăng tin"),
    ],
)
def test_missing_required_field(tmp_path: Path, rel: str, old: str, field: str, fragment: str) -> None:
    root = portal_with(tmp_path, {rel: replaced(rel, old, "")})
    problem = only_problem(root)
    # A missing field has no line of its own: the problem points at the front matter's first line.
    assert_problem(problem, rel, 2, field, "thiếu trường bắt buộc")
    assert fragment in problem.message


def test_required_field_left_empty(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "issuer: Ủy ban nhân dân huyện Đông Lâm", "issuer:")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "issuer:"), "issuer", "không được để trống")


@pytest.mark.parametrize(
    ("new", "fragment"),
    [
        ("issued: 2023-02-31", "ngày 31 không tồn tại, tháng 2/2023 chỉ có 28 ngày"),
        ("issued: 2023-13", "tháng 13 không tồn tại"),
        ("issued: 21/02/2023", "không phải ngày hợp lệ"),
    ],
)
def test_impossible_dates(tmp_path: Path, new: str, fragment: str) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "issued: 2023-03", new)})
    assert_problem(only_problem(root), rel, line_of(root, rel, "issued:"), "issued", fragment)


def test_yaml_1_1_boolean_no_is_refused(tmp_path: Path) -> None:
    rel = COMMUNE_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "outside_year: true", "outside_year: NO")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "outside_year:"), "activities[1].outside_year", "«NO» phải là true")


def test_leading_zero_number_stays_text(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "number: 73/KH-UBND", "number: 0912")})
    report = check_portal(root)
    # The report refers to 73/KH-UBND, which is now gone; nothing else is wrong.
    assert [p.field for p in report.problems] == ["plan"]
    plan = next(d for d in report.portal.documents if d.source == rel)
    assert plan.number == "0912"


def test_sexagesimal_value_gets_the_values_message_not_854(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, 'value: "12/14"', "value: 14:14")})
    problem = only_problem(root)
    assert_problem(problem, rel, line_of(root, rel, "value: 14:14"), "targets[1].value", "“14:14”")
    assert "854" not in problem.message


def test_unknown_kind(tmp_path: Path) -> None:
    rel = NEWS
    root = portal_with(tmp_path, {rel: replaced(rel, "kind: news", "kind: tin-tuc")})
    assert_problem(only_problem(root), rel, 2, "kind", "«tin-tuc» không hợp lệ")


def test_kind_that_is_not_a_word(tmp_path: Path) -> None:
    rel = NEWS
    root = portal_with(tmp_path, {rel: replaced(rel, "kind: news", "kind: [news]")})
    assert_problem(only_problem(root), rel, 2, "kind", "không hợp lệ")


def test_missing_kind(tmp_path: Path) -> None:
    rel = NEWS
    root = portal_with(tmp_path, {rel: replaced(rel, "kind: news\n", "")})
    assert_problem(only_problem(root), rel, 2, "kind", "thiếu trường bắt buộc kind")


def test_bad_unit_file(tmp_path: Path) -> None:
    rel = SUCCESSOR_UNIT
    root = portal_with(tmp_path, {rel: replaced(rel, "level: xa", "level: commune")})
    found = problems(root)
    assert_problem(found[0], rel, line_of(root, rel, "level:"), "level", "«commune» không hợp lệ")
    assert len(found) == 1


def test_duplicate_catalogue_id(tmp_path: Path) -> None:
    rel = "plans/indicators.yml"
    root = portal_with(tmp_path, {rel: replaced(rel, "- id: tre-em-tu-vong-do-duoi-nuoc", "- id: xa-phuong-phu-hop-tre-em")})
    found = problems(root)
    assert_problem(found[0], rel, line_of(root, rel, "measure: count") - 2, "[2].id", "bị trùng với mục thứ 2")


# --------------------------------------------------------- files and folders


def test_document_in_a_folder_without_unit_file(tmp_path: Path) -> None:
    rel = "plans/son-hai/dong-lam/xa-moi/2023-tin.md"
    root = portal_with(tmp_path, {rel: mini_text(NEWS)})
    assert_problem(only_problem(root), rel, 0, "", "Thư mục plans/son-hai/dong-lam/xa-moi/ chưa được khai báo là đơn vị")


def test_markdown_directly_in_plans(tmp_path: Path) -> None:
    rel = "plans/2023-ke-hoach.md"
    root = portal_with(tmp_path, {rel: mini_text(DISTRICT_PLAN)})
    assert_problem(only_problem(root), rel, 0, "", "văn bản phải nằm trong thư mục của một đơn vị")


@pytest.mark.parametrize("folder", ["Dong-Lam", "đông-lâm", "dong_lam"])
def test_folder_name_must_be_a_slug(tmp_path: Path, folder: str) -> None:
    rel = f"plans/son-hai/{folder}/_unit.yml"
    root = portal_with(tmp_path, {rel: mini_text("plans/son-hai/dong-lam/_unit.yml")})
    assert_problem(only_problem(root), f"plans/son-hai/{folder}", 0, "", f"Tên thư mục «{folder}» phải viết chữ thường không dấu")


def test_file_name_must_be_a_slug(tmp_path: Path) -> None:
    rel = "plans/son-hai/Kế hoạch 2023.md"
    root = portal_with(tmp_path, {rel: mini_text(PROVINCE_PLAN)})
    assert_problem(only_problem(root), rel, 0, "", "phải viết chữ thường không dấu")


@pytest.mark.parametrize(
    ("name", "shown"),
    [("trang.html", "«.html»"), ("logo.svg", "«.svg»"), ("dem.js", "«.js»"), ("_headers", "«_headers»")],
)
def test_file_type_that_does_not_belong(tmp_path: Path, name: str, shown: str) -> None:
    rel = f"plans/son-hai/dong-lam/{name}"
    root = portal_with(tmp_path, {rel: "<script>alert(1)</script>\n"})
    assert_problem(only_problem(root), rel, 0, "", f"Loại tệp {shown} không được phép")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    data = mini_text(rel).replace("Đông Lâm", "Dong Lam").encode("utf-8").replace(b"Dong Lam", "Đông Lâm".encode("cp1258"), 1)
    root = portal_with(tmp_path, {rel: data})
    title_line = 1 + data[: data.index("Đông Lâm".encode("cp1258"))].count(b"\n")
    assert_problem(only_problem(root), rel, title_line, "", "Tệp không phải UTF-8")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    body = "Huyện tổ chức nhiều hoạt động cho trẻ em.\n" * (MAX_FILE_BYTES // 40)
    root = portal_with(tmp_path, {rel: mini_text(rel) + body})
    assert_problem(only_problem(root), rel, 0, "", "Tệp quá lớn")


def test_line_over_the_length_limit(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    long_line = "Trẻ em " * (MAX_LINE_CHARS // 7 + 10)
    root = portal_with(tmp_path, {rel: mini_text(rel) + "\n" + long_line + "\n"})
    assert_problem(only_problem(root), rel, line_of(root, rel, long_line), "", "Dòng quá dài")


def test_nesting_too_deep(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    deep = "    note:\n" + "".join("      " + "  " * i + f"c{i}:\n" for i in range(9)) + "      " + "  " * 9 + "la-cuoi\n"
    root = portal_with(tmp_path, {rel: replaced(rel, '    value: "100%"\n', '    value: "100%"\n' + deep)})
    problem = only_problem(root)
    assert problem.path == rel and problem.field == ""
    assert "lồng nhau quá sâu" in problem.message
    assert line_of(root, rel, "c0:") < problem.line <= line_of(root, rel, "la-cuoi")


# ------------------------------------------------------------ cross-file checks


def test_reference_to_unknown_unit(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "  - unit: son-hai\n", "  - unit: son-ha\n")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "unit: son-ha"), "implements[0].unit", "đơn vị «son-ha» không có trong plans/")


def test_unknown_indicator(tmp_path: Path) -> None:
    rel = COMMUNE_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "indicator: tre-em-hcdb-duoc-tro-giup", "indicator: tre-em-mo-coi")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "tre-em-mo-coi"), "targets[0].indicator", "chỉ tiêu «tre-em-mo-coi» không có trong plans/indicators.yml")


def test_unknown_campaign_in_an_activity(tmp_path: Path) -> None:
    rel = PROVINCE_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "campaign: trung-thu", "campaign: tet-trung-thu")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "tet-trung-thu"), "activities[1].campaign", "chiến dịch «tet-trung-thu» không có trong plans/campaigns.yml")


def test_unknown_campaign_of_a_news_item(tmp_path: Path) -> None:
    rel = NEWS
    root = portal_with(tmp_path, {rel: replaced(rel, "campaign: thang-hanh-dong", "campaign: thang-hanh-dong-2023")})
    problem = only_problem(root)
    assert_problem(problem, rel, line_of(root, rel, "campaign:"), "campaign", "chiến dịch «thang-hanh-dong-2023» không có")
    assert "thang-hanh-dong," in problem.message  # the known ids are listed


def test_two_documents_with_the_same_number(tmp_path: Path) -> None:
    rel = "plans/son-hai/dong-lam/2023-ke-hoach-bo-sung.md"
    text = replaced(DISTRICT_PLAN, "title: Kế hoạch thực hiện", "title: Kế hoạch bổ sung thực hiện")
    root = portal_with(tmp_path, {rel: text})
    # The second file in path order is the one reported, naming the first.
    assert_problem(only_problem(root), rel, line_of(root, rel, "number: 73/KH-UBND"), "number", f"số hiệu 73/KH-UBND đã được dùng cho {DISTRICT_PLAN}")


def test_document_slug_equal_to_a_child_unit(tmp_path: Path) -> None:
    rel = "plans/son-hai/dong-lam/binh-an.md"
    text = replaced(DISTRICT_PLAN, "number: 73/KH-UBND\n", "").replace("year: 2023", "year: 2023\nnumber: 74/KH-UBND")
    root = portal_with(tmp_path, {rel: text})
    # A whole-file problem found after loading points at the front matter's first line.
    assert_problem(only_problem(root), rel, 2, "", "tên tệp «binh-an» trùng với thư mục đơn vị con")


def test_news_refers_to_a_plan_that_does_not_exist(tmp_path: Path) -> None:
    rel = NEWS
    root = portal_with(tmp_path, {rel: replaced(rel, "document: 2023-ke-hoach-12", "document: 2023-ke-hoach-13")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "document: 2023-ke-hoach-13"), "plan", "không tìm thấy văn bản «2023-ke-hoach-13» của xã Bình An")


def test_report_result_for_an_indicator_the_plan_has_no_target_for(tmp_path: Path) -> None:
    rel = REPORT
    root = portal_with(tmp_path, {rel: replaced(rel, '    value: "13/14"\n', '    value: "13/14"\n  - indicator: tre-em-tu-vong-do-duoi-nuoc\n    value: "3"\n')})
    problem = only_problem(root)
    assert_problem(problem, rel, line_of(root, rel, "tre-em-tu-vong"), "results[2].indicator", "kế hoạch 73/KH-UBND không có chỉ tiêu «tre-em-tu-vong-do-duoi-nuoc»")


def test_implements_cycle(tmp_path: Path) -> None:
    rel = PROVINCE_PLAN
    text = replaced(rel, "  - issuer: Bộ Lao động - Thương binh và Xã hội\n    title: Kế hoạch thực hiện Chương trình bảo vệ trẻ em giai đoạn 2021-2025\n",
                    "  - unit: son-hai/dong-lam\n    number: 73/KH-UBND\n")
    root = portal_with(tmp_path, {rel: text})
    problem = only_problem(root)
    assert (problem.path, problem.field) in {(rel, "implements[0]"), (DISTRICT_PLAN, "implements[0]")}
    assert problem.line == line_of(root, problem.path, "implements:") + 1
    assert "vòng tham chiếu" in problem.message
    assert "35/KH-BCĐ" in problem.message and "73/KH-UBND" in problem.message


def test_successor_unit_that_does_not_exist(tmp_path: Path) -> None:
    rel = MERGED_UNIT
    root = portal_with(tmp_path, {rel: replaced(rel, "- son-hai/dong-lam/binh-an", "- son-hai/dong-lam/binh-an-moi")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "binh-an-moi"), "merged_into[0]", "đơn vị kế thừa «son-hai/dong-lam/binh-an-moi» không có trong plans/")


def test_valid_from_after_valid_to(tmp_path: Path) -> None:
    rel = MERGED_UNIT
    root = portal_with(tmp_path, {rel: replaced(rel, "valid_to: 2025-06-30", "valid_from: 2025-07-01\nvalid_to: 2025-06-30")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "valid_to:"), "valid_to", "ngày kết thúc 30/06/2025 đứng trước ngày bắt đầu 01/07/2025")


def test_successor_created_before_the_predecessor_ended(tmp_path: Path) -> None:
    rel = SUCCESSOR_UNIT
    root = portal_with(tmp_path, {rel: replaced(rel, "level: xa\n", "level: xa\nvalid_from: 2025-03-01\n")})
    assert_problem(only_problem(root), MERGED_UNIT, line_of(root, MERGED_UNIT, "valid_to:"), "valid_to", "đơn vị kế thừa xã Bình An bắt đầu từ 01/03/2025")


def test_merged_unit_needs_an_end_date(tmp_path: Path) -> None:
    rel = MERGED_UNIT
    root = portal_with(tmp_path, {rel: replaced(rel, "valid_to: 2025-06-30\n", "")})
    assert_problem(only_problem(root), rel, 0, "valid_to", "đơn vị đã sáp nhập phải có ngày kết thúc")


def test_document_dated_after_its_unit_ceased(tmp_path: Path) -> None:
    rel = "plans/son-hai/dong-lam/my-loc/2025-08-tin.md"
    text = replaced(NEWS, "date: 2023-06-01", "date: 2025-08-01").replace("plan:\n  document: 2023-ke-hoach-12\n", "")
    text = text.replace("images:\n  - file: le-phat-dong.jpg\n    alt: Thiếu nhi xã Bình An nhận quà tại lễ phát động\n    caption: Lễ phát động tại nhà văn hóa xã\n", "")
    root = portal_with(tmp_path, {rel: text})
    assert_problem(only_problem(root), rel, line_of(root, rel, "date:"), "date", "xã Mỹ Lộc đã thôi tồn tại từ 1/7/2025, văn bản không thể đề ngày 01/08/2025; đơn vị kế thừa là xã Bình An, huyện Đông Lâm, tỉnh Sơn Hải (plans/son-hai/dong-lam/binh-an/): hãy đặt văn bản vào thư mục đó, ví dụ python -m portal new news --unit son-hai/dong-lam/binh-an; nếu ngày ghi nhầm, hãy sửa lại ngày")


def test_activity_outside_the_document_year(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "date: 2023-10", "date: 2024-10")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "date: 2024-10"), "activities[1].date", "ngoài năm 2023 của văn bản")


def test_activity_outside_the_year_is_accepted_when_declared(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "date: 2023-10", "date: 2024-10\n    outside_year: true")})
    assert problems(root) == []
    # And the mini's own commune plan already relies on it; dropping the flag fails.
    rel = COMMUNE_PLAN
    root = portal_with(tmp_path / "second", {rel: replaced(rel, "    outside_year: true\n", "")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "date: 2024-02"), "activities[1].date", "thêm «outside_year: true»")


def test_range_whose_end_is_before_its_start(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "2023-05-15..2023-05-20", "2023-05-20..2023-05-15")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "2023-05-20..2023-05-15"), "activities[0].date", "ngày kết thúc đứng trước ngày bắt đầu")


def test_lunar_campaign_day_that_does_not_exist(tmp_path: Path) -> None:
    # A year whose eighth lunar month has 29 days, earlier than the mini's
    # documents so that it is the first year the check tries.
    year = next(y for y in range(2000, 2023) if lunar.month_length(y, 8) == 29)
    plan = replaced(COMMUNE_PLAN, "year: 2023", f"year: {year}").replace("issued: 2023-04-03", f"issued: {year}-04-03")
    plan = plan.replace("number: 12/KH-UBND", "number: 01/KH-UBND").replace("    date: 2023-06-01\n", "").replace("    date: 2024-02\n    outside_year: true\n", "")
    rel = f"plans/son-hai/dong-lam/binh-an/{year}-ke-hoach-01.md"
    campaigns = replaced(CAMPAIGNS, 'start: "08-15"', 'start: "08-30"')
    root = portal_with(tmp_path, {rel: plan, CAMPAIGNS: campaigns})
    assert_problem(only_problem(root), CAMPAIGNS, line_of(root, CAMPAIGNS, '"08-30"'), "[2].start", f"ngày 30 tháng 8 âm lịch năm {year} không tồn tại (tháng này chỉ có 29 ngày)")


def test_campaign_day_that_never_exists(tmp_path: Path) -> None:
    rel = CAMPAIGNS
    root = portal_with(tmp_path, {rel: replaced(rel, 'end: "06-30"', 'end: "06-31"')})
    assert_problem(only_problem(root), rel, line_of(root, rel, '"06-31"'), "[0].end", "ngày 31/06 không tồn tại")


@pytest.mark.parametrize(
    ("old", "new", "field", "fragment"),
    [
        ('value: "100%"', 'value: "120%"', "targets[0].value", "Tỷ lệ phần trăm không thể vượt quá 100%"),
        ('value: "12/14"', 'value: "15/14"', "targets[1].value", "15/14: tử số lớn hơn mẫu số"),
        ('value: "100%"', 'value: "14/14"', "targets[0].value", "“14/14” không hợp với chỉ số này: cần ghi tỷ lệ phần trăm"),
        ('value: "12/14"', 'value: "85%"', "targets[1].value", "cần ghi số đơn vị trên tổng số"),
    ],
)
def test_target_values(tmp_path: Path, old: str, new: str, field: str, fragment: str) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, old, new)})
    assert_problem(only_problem(root), rel, line_of(root, rel, new), field, fragment)


def test_result_value_over_100_percent(tmp_path: Path) -> None:
    rel = REPORT
    root = portal_with(tmp_path, {rel: replaced(rel, '"98,5%"', '"101%"')})
    assert_problem(only_problem(root), rel, line_of(root, rel, '"101%"'), "results[0].value", "không thể vượt quá 100%")


def test_image_reference_to_a_missing_file(tmp_path: Path) -> None:
    rel = NEWS
    root = portal_with(tmp_path, {rel: replaced(rel, "file: le-phat-dong.jpg", "file: le-phat-dong-2.jpg")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "le-phat-dong-2.jpg"), "images[0].file", "không tìm thấy ảnh plans/son-hai/dong-lam/binh-an/le-phat-dong-2.jpg")


def test_image_file_removed(tmp_path: Path) -> None:
    root = portal_with(tmp_path, {"plans/son-hai/dong-lam/binh-an/le-phat-dong.jpg": None})
    assert_problem(only_problem(root), NEWS, line_of(root, NEWS, "file:"), "images[0].file", "không tìm thấy ảnh")


def test_unit_level_not_below_its_parent(tmp_path: Path) -> None:
    rel = "plans/son-hai/dong-lam/binh-an/thon-1/_unit.yml"
    root = portal_with(tmp_path, {rel: "name: Thôn 1\nlevel: huyen\n"})
    assert_problem(only_problem(root), rel, 2, "level", "huyện Thôn 1 không thể là đơn vị trực thuộc xã Bình An")


def test_parent_folder_not_declared_as_a_unit(tmp_path: Path) -> None:
    rel = "plans/son-hai/vung-moi/xa-dong/_unit.yml"
    root = portal_with(tmp_path, {rel: "name: Đông\nlevel: xa\n"})
    assert_problem(only_problem(root), rel, 1, "", "hãy thêm plans/son-hai/vung-moi/_unit.yml")


def test_report_on_something_that_is_not_a_plan(tmp_path: Path) -> None:
    rel = REPORT
    root = portal_with(tmp_path, {rel: replaced(rel, "  number: 73/KH-UBND", "  unit: son-hai/dong-lam/binh-an\n  document: 2023-06-tin-phat-dong")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "unit: son-hai/dong-lam/binh-an"), "plan", "không phải là kế hoạch")


def test_plan_implementing_itself(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "  - unit: son-hai\n    number: 35/KH-BCĐ", "  - number: 73/KH-UBND")})
    assert_problem(only_problem(root), rel, line_of(root, rel, "  - number: 73/KH-UBND"), "implements[0]", "không thể tham chiếu đến chính nó")


def test_missing_catalogue(tmp_path: Path) -> None:
    root = portal_with(tmp_path, {"plans/indicators.yml": None})
    assert_problem(only_problem(root), "plans/indicators.yml", 0, "", "Thiếu tệp danh mục indicators.yml")


def test_empty_front_matter(tmp_path: Path) -> None:
    rel = "plans/son-hai/2023-rong.md"
    root = portal_with(tmp_path, {rel: "---\n---\nNội dung\n"})
    assert_problem(only_problem(root), rel, 2, "", "phải là các dòng «tên: giá trị»")


def test_byte_order_mark_and_windows_line_ends_keep_line_numbers(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    text = "\ufeff" + replaced(rel, '"12/14"', '"15/14"').replace("\n", "\r\n")
    root = portal_with(tmp_path, {rel: text})
    expected = replaced(rel, '"12/14"', '"15/14"').split("\n").index('    value: "15/14"') + 1
    assert_problem(only_problem(root), rel, expected, "targets[1].value", "tử số lớn hơn mẫu số")


def test_symbolic_links_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("mật khẩu\n", encoding="utf-8")
    root = portal_with(tmp_path, {})
    (root / "plans/son-hai/anh-bia.jpg").symlink_to(secret)
    (root / "plans/son-hai/thu-muc-ngoai").symlink_to(tmp_path, target_is_directory=True)
    found = problems(root)
    assert [(p.path, p.line, p.field) for p in found] == [
        ("plans/son-hai/anh-bia.jpg", 0, ""),
        ("plans/son-hai/thu-muc-ngoai", 0, ""),
    ]
    assert all("symlink" in p.message for p in found)


# ------------------------------------------------ content of the Markdown body


def test_private_phone_number_in_the_body(tmp_path: Path) -> None:
    rel = NEWS
    text = mini_text(rel) + "\nMọi thông tin xin liên hệ chị Lan, số 0912 345 678.\n"
    root = portal_with(tmp_path, {rel: text})
    problem = only_problem(root)
    assert (problem.path, problem.line, problem.field) == (rel, line_of(root, rel, "0912 345 678"), "body")
    assert "0912 345 678" in problem.message


def test_official_numbers_in_the_body_are_allowed(tmp_path: Path) -> None:
    # The unit's office number (from _unit.yml and privacy.yml) and hotline 111.
    rel = PROVINCE_PLAN
    text = mini_text(rel) + "\nĐường dây nóng của Sở: 0237 3831 234; Tổng đài 111.\n"
    root = portal_with(tmp_path, {rel: text})
    assert problems(root) == []


def test_raw_script_in_the_body_is_reported_on_its_file_line(tmp_path: Path) -> None:
    rel = REPORT
    text = mini_text(rel) + "\n<script>alert('x')</script>\n"
    root = portal_with(tmp_path, {rel: text})
    problem = only_problem(root)
    assert (problem.path, problem.line, problem.field) == (rel, line_of(root, rel, "<script>"), "body")
    assert "script" in problem.message


# ------------------------------------- personal data in every published channel

PHONE = "0912 345 678"


@pytest.mark.parametrize(("rel", "old", "new", "needle", "field"), [
    # A field of a list item, by its path.
    (DISTRICT_PLAN, 'value: "12/14"', 'value: "12/14"\n    note: "Liên hệ em Lan 0912 345 678"', PHONE, "targets[1].note"),
    # Several fields on one line: the one the number is in.
    (DISTRICT_PLAN, '  - indicator: tre-em-hcdb-duoc-tro-giup\n    value: "100%"',
     '  - {indicator: tre-em-hcdb-duoc-tro-giup, value: "100%", note: "CCCD 001099012345"}', "001099012345", "targets[0].note"),
    # A folded value over several lines: the line of the number, the field that holds it.
    (DISTRICT_PLAN, "place: Nhà văn hóa huyện Đông Lâm", "place: >\n      Nhà văn hóa huyện,\n      gọi 0912 345 678",
     PHONE, "activities[0].place"),
    # Alt text of a declared image, with the digits as entities.
    (NEWS, "alt: Thiếu nhi xã Bình An nhận quà tại lễ phát động",
     "alt: Em Lan &#48;&#57;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;", "&#48;&#57;", "images[0].alt"),
    # A YAML escape the reader never sees as such.
    (NEWS, "caption: Lễ phát động tại nhà văn hóa xã", 'caption: "Gọi \\x30912 345 678"', "x30912", "images[0].caption"),
    # The unit file: its history is published on the unit's page.
    (SUCCESSOR_UNIT, "nhận thêm toàn bộ xã Mỹ Lộc.", "nhận thêm xã Mỹ Lộc; liên hệ nguyenvana[at]gmail.com", "[at]", "history"),
    # The catalogues reach the calendar, its .ics and the open data.
    (CAMPAIGNS, "theme: Hành động thiết thực, ưu tiên nguồn lực cho trẻ em", "theme: Gọi ０９１２ ３４５ ６７８",
     "０９１２", "[0].themes[0].theme"),
    ("plans/indicators.yml", "  measure: count\n", "  measure: count\n  description: Báo số 0912\u200b345\u200b678\n",
     "0912\u200b", "[2].description"),
])
def test_personal_data_is_reported_in_every_field_with_its_path(tmp_path: Path, rel: str, old: str, new: str,
                                                                 needle: str, field: str) -> None:
    root = portal_with(tmp_path, {rel: replaced(rel, old, new)})
    problem = only_pii_problem(root)
    line = line_of(root, rel, needle)
    assert_problem(problem, rel, line, field, "không được đăng công khai")
    assert problem.code.startswith("P-PII"), problem


@pytest.mark.parametrize(("body", "where"), [
    ("![Em Lan, SĐT 0912 345 678](le-phat-dong.jpg)", "Mô tả ảnh (alt): Số điện thoại"),
    ('![Lễ phát động](le-phat-dong.jpg "Gọi 0912 345 678")', "Tiêu đề ảnh (title): Số điện thoại"),
    ("Gọi [0912](#)345 678 nhé.", "Số điện thoại di động (0912345678"),
    ("Số CCCD của em là 001234567890", "Số căn cước công dân (001234567890)"),
])
def test_personal_data_in_the_body_names_the_image_part(tmp_path: Path, body: str, where: str) -> None:
    root = portal_with(tmp_path, {NEWS: mini_text(NEWS) + f"\n{body}\n"})
    problem = only_pii_problem(root)
    assert (problem.path, problem.line, problem.field) == (NEWS, line_of(root, NEWS, body), "body")
    assert problem.message.startswith(where), problem.message


def test_file_names_are_a_channel_too(tmp_path: Path) -> None:
    document = "plans/son-hai/ke-hoach-0912-345-678.md"
    photo = "plans/son-hai/dong-lam/binh-an/em-lan-0912345678.jpg"
    root = portal_with(tmp_path, {document: mini_text(PROVINCE_PLAN).replace("number: 35/KH-BCĐ", "number: 36/KH-BCĐ"),
                                  photo: (MINI / "plans/son-hai/dong-lam/binh-an/le-phat-dong.jpg").read_bytes()})
    found = problems(root)
    assert [(p.path, p.line, p.field) for p in found] == [(photo, 0, ""), (document, 0, "")]
    assert found[1].message.startswith("Tên «ke-hoach-0912-345-678.md»: Số điện thoại di động (0912345678")
    assert all("Hãy đổi tên tệp" in p.message for p in found)


def test_amounts_and_counts_in_fields_and_bodies_are_not_personal_data(tmp_path: Path) -> None:
    rel = DISTRICT_PLAN
    text = replaced(rel, 'value: "12/14"', 'value: "12/14"\n    note: "Kinh phí 300000000 đồng; 123456789 lượt người"')
    root = portal_with(tmp_path, {rel: text + "\nNgân sách 125000000, dân số 125 000 000 người, 01/06–30/06/2023.\n"})
    assert problems(root) == []


# ------------------------------------------------------- everything at once


def broken_corpus(tmp_path: Path) -> Path:
    return portal_with(tmp_path, {
        DISTRICT_PLAN: replaced(DISTRICT_PLAN, "year: 2023", 'year: "hai nghìn"'),
        NEWS: replaced(NEWS, "\ntitle:", "\ntitel:"),
        COMMUNE_PLAN: replaced(COMMUNE_PLAN, "outside_year: true", "outside_year: NO"),
        MERGED_UNIT: replaced(MERGED_UNIT, "valid_to: 2025-06-30", "valid_to: 2025-06-31"),
        "plans/son-hai/trang.html": "<p>trang</p>\n",
        REPORT: replaced(REPORT, '"98,5%"', '"101%"'),
    })


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    root = broken_corpus(tmp_path)
    report = check_portal(root)
    places = [(p.path, p.field) for p in report.problems]
    assert places == [
        ("plans/son-hai/dong-lam/2023-bao-cao-ket-qua.md", "results[0].value"),
        ("plans/son-hai/dong-lam/2023-ke-hoach-73.md", "year"),
        ("plans/son-hai/dong-lam/binh-an/2023-06-tin-phat-dong.md", "title"),
        ("plans/son-hai/dong-lam/binh-an/2023-06-tin-phat-dong.md", "titel"),
        ("plans/son-hai/dong-lam/binh-an/2023-ke-hoach-12.md", "activities[1].outside_year"),
        ("plans/son-hai/dong-lam/my-loc/_unit.yml", "valid_to"),
        ("plans/son-hai/trang.html", ""),
    ]
    assert report.summary().startswith("Có 7 lỗi trong 6 tệp.")


def test_cli_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    root = broken_corpus(tmp_path)
    result = run_cli(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    printed = result.stdout.strip().splitlines()
    assert printed == [str(p) for p in check_portal(root).problems]
    year_line = line_of(root, DISTRICT_PLAN, "year:")
    expected = f"{DISTRICT_PLAN}:{year_line}: year: «hai nghìn» phải là số nguyên viết liền"
    assert any(line.startswith(expected) for line in printed), printed
    assert result.stderr.strip().startswith("Có 7 lỗi trong 6 tệp.")


def test_cli_on_a_folder_without_plans(tmp_path: Path) -> None:
    result = run_cli(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == "plans:0: Không tìm thấy thư mục plans/ của cổng thông tin"


@pytest.mark.parametrize(("written", "offered"), [
    ("tre-em-co-hoan-canh-dac-biet-duoc-tro-giup", "tre-em-hcdb-duoc-tro-giup"),  # spelled out
    ("tre-em-hcdb-duoc-tro-giupp", "tre-em-hcdb-duoc-tro-giup"),  # a typo
    ("xa-phuong-phu-hop-voi-tre-em", "xa-phuong-phu-hop-tre-em"),
])
def test_unknown_indicator_offers_the_closest_codes(tmp_path: Path, written: str, offered: str) -> None:
    rel = COMMUNE_PLAN
    root = portal_with(tmp_path, {rel: replaced(rel, "indicator: tre-em-hcdb-duoc-tro-giup", f"indicator: {written}")})
    problem = only_problem(root)
    assert problem.code == "P-INDICATOR-UNKNOWN"
    assert problem.message.endswith(f"; gần giống: {offered}") or f"gần giống: {offered}," in problem.message
