"""``python -m portal new unit``: every kind of unit, every error in Vietnamese, files that pass ``check``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import copy_project
from lineage_portal import new_unit, portal
from portal.content.check import check_portal


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "cong")


def unit_file(root: Path, path: str) -> dict:
    return yaml.safe_load((root / "plans" / path / "_unit.yml").read_text(encoding="utf-8"))


def test_current_commune_under_a_province(root: Path) -> None:
    done = new_unit(root, "--unit", "tuyen-quang/minh-tan", "--name", "Minh Tân", "--level", "xa",
                    "--valid-from", "2025-07-01", "--code", "02263")
    assert done.returncode == 0, done.stderr
    assert "Đã tạo plans/tuyen-quang/minh-tan/_unit.yml (xã Minh Tân, tỉnh Tuyên Quang)" in done.stdout
    data = unit_file(root, "tuyen-quang/minh-tan")
    assert data["name"] == "Minh Tân" and data["level"] == "xa" and data["code"] == "02263"
    assert str(data["valid_from"]) == "2025-07-01"
    assert check_portal(root).problems == ()


def test_pre_2025_district_and_merged_commune_with_successor_made_in_the_same_command(root: Path) -> None:
    assert new_unit(root, "--unit", "ha-giang/vi-xuyen", "--name", "Vị Xuyên", "--level", "huyen",
                    "--valid-to", "2025-06-30").returncode == 0
    done = new_unit(root, "--unit", "ha-giang/vi-xuyen/viet-lam", "--name", "Việt Lâm", "--level", "xa",
                    "--valid-to", "2025-06-30", "--merged-into", "Vị Xuyên", "--create-successor",
                    "--history", "Sáp nhập vào xã Vị Xuyên từ ngày 01/7/2025.")
    assert done.returncode == 0, done.stderr
    # The successor's folder is made from its name, under the province the former one went to.
    assert "plans/tuyen-quang/vi-xuyen/_unit.yml (xã Vị Xuyên, tỉnh Tuyên Quang)" in done.stdout
    assert unit_file(root, "ha-giang/vi-xuyen/viet-lam")["merged_into"] == ["tuyen-quang/vi-xuyen"]
    assert unit_file(root, "tuyen-quang/vi-xuyen") == {"name": "Vị Xuyên", "level": "xa"}
    assert check_portal(root).problems == ()


def test_successor_named_without_diacritics_resolves_to_the_existing_unit(root: Path) -> None:
    done = new_unit(root, "--unit", "bac-kan", "--name", "Bắc Kạn", "--level", "tinh", "--valid-to", "2025-06-30",
                    "--merged-into", "thai nguyen", "--create-successor")
    assert done.returncode == 0, done.stderr
    done = new_unit(root, "--unit", "cao-bang-cu", "--name", "Cao Bằng", "--level", "tinh", "--valid-to", "2025-06-30",
                    "--merged-into", "tuyen quang")
    assert done.returncode == 0, done.stderr
    assert unit_file(root, "cao-bang-cu")["merged_into"] == ["tuyen-quang"]
    assert unit_file(root, "bac-kan")["merged_into"] == ["thai-nguyen"]
    assert check_portal(root).problems == ()


def test_rename_and_former_names(root: Path) -> None:
    done = new_unit(root, "--unit", "thanh-hoa/tan-lap", "--name", "Tân Lập", "--level", "xa",
                    "--valid-to", "2025-06-30", "--renamed-to", "Minh Khai", "--create-successor")
    assert done.returncode == 0, done.stderr
    assert unit_file(root, "thanh-hoa/tan-lap")["renamed_to"] == "thanh-hoa/minh-khai"
    done = new_unit(root, "--unit", "thanh-hoa/dong-tien", "--name", "Đông Tiến", "--level", "xa",
                    "--former-name", "Đông Anh", "--former-until", "2025-06-30")
    assert done.returncode == 0, done.stderr
    data = unit_file(root, "thanh-hoa/dong-tien")
    assert data["former_names"] == [{"name": "Đông Anh", "until": __import__("datetime").date(2025, 6, 30)}]
    assert check_portal(root).problems == ()


@pytest.mark.parametrize(("args", "expected"), [
    (["--unit", "Hà Tĩnh", "--name", "Hà Tĩnh", "--level", "tinh"],
     "plans/Hà Tĩnh/_unit.yml: unit (--unit): đường dẫn «Hà Tĩnh» phải viết chữ thường không dấu, nối bằng gạch ngang, mỗi cấp một thư mục, ví dụ ha-tinh"),
    (["--unit", "ha-tinh", "--name", "Hà Tĩnh", "--level", "province"],
     "plans/ha-tinh/_unit.yml: level (--level): cấp «province» không có; chọn một trong: tinh (tỉnh)"),
    (["--unit", "ha-tinh/ky-anh", "--name", "Kỳ Anh", "--level", "xa"],
     "plans/ha-tinh/ky-anh/_unit.yml: unit (--unit): đơn vị cấp trên «ha-tinh» chưa có trong plans/"),
    (["--unit", "tuyen-quang", "--name", "Tuyên Quang", "--level", "tinh"],
     "plans/tuyen-quang/_unit.yml: unit (--unit): đơn vị này đã có; công cụ không ghi đè"),
    (["--unit", "binh-thuan", "--name", "Bình Thuận", "--level", "tinh", "--valid-to", "2025-06-30", "--merged-into", "Lâm Đồng"],
     "plans/binh-thuan/_unit.yml: merged_into[0] (--merged-into): không có đơn vị «Lâm Đồng» trong plans/."),
    (["--unit", "binh-thuan", "--name", "Bình Thuận", "--level", "tinh", "--merged-into", "an-giang"],
     "plans/binh-thuan/_unit.yml: valid_to (--valid-to): đơn vị đã sáp nhập hoặc đổi tên phải có ngày cuối cùng còn tồn tại"),
    (["--unit", "ha-giang/xa-moi", "--name", "Mới", "--level", "xa", "--split-from", "ha-tinh"],
     "plans/ha-giang/xa-moi/_unit.yml: split_from[0] (--split-from): không có đơn vị cũ «ha-tinh» trong plans/."),
    # The namesake commune of Thanh Hóa is another province's: never taken for a successor by its name.
    (["--unit", "ha-giang/hai-xa", "--name", "Hai Xã", "--level", "xa", "--valid-to", "2025-06-30", "--merged-into", "ha giang"],
     "plans/ha-giang/hai-xa/_unit.yml: merged_into[0] (--merged-into): không có đơn vị «ha giang» trong plans/."),
    (["--unit", "ha-giang/thong-nguyen", "--name", "Thông Nguyên", "--level", "xa", "--former-until", "2025-06-30"],
     "former_names (--former-until): --former-until cần đi kèm --former-name"),
])
def test_command_line_errors_name_file_and_field(root: Path, args: list[str], expected: str) -> None:
    before = sorted(p.as_posix() for p in (root / "plans").rglob("*"))
    done = new_unit(root, *args)
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.as_posix() for p in (root / "plans").rglob("*")) == before


@pytest.mark.parametrize(("args", "expected"), [
    (["--valid-to", "2025-13-40"], "plans/ha-giang/bach-ngoc/_unit.yml:12: valid_to: «2025-13-40»: tháng 13 không tồn tại"),
    (["--code", "1"], "plans/ha-giang/bach-ngoc/_unit.yml:8: code: «1» không đúng dạng: mã số đơn vị hành chính, 2 đến 5 chữ số"),
    (["--valid-from", "2025-07-01", "--valid-to", "2020-01-01"], "valid_to: ngày kết thúc 01/01/2020 đứng trước ngày bắt đầu 01/07/2025"),
])
def test_value_errors_are_checks_own_and_nothing_is_left_behind(root: Path, args: list[str], expected: str) -> None:
    done = new_unit(root, "--unit", "ha-giang/bach-ngoc", "--name", "Bạch Ngọc", "--level", "xa", *args)
    assert done.returncode == 1
    assert expected in done.stderr, done.stderr
    assert "Chưa tạo đơn vị" in done.stderr
    assert not (root / "plans/ha-giang/bach-ngoc").exists()


def test_unknown_unit_for_a_document_prefers_exact_matches_and_offers_new_unit(root: Path) -> None:
    done = portal(root, "new", "plan", "--unit", "khanh-hoa")
    assert done.returncode == 2
    # Thanh Hóa only looks like Khánh Hòa: it is not offered as "did you mean".
    assert "Có phải ý bạn là" not in done.stderr
    assert "chỉ viết gần giống (có thể là đơn vị khác)" in done.stderr
    assert "python -m portal new unit --unit khanh-hoa" in done.stderr
    assert new_unit(root, "--unit", "khanh-hoa", "--name", "Khánh Hòa", "--level", "tinh").returncode == 0
    done = portal(root, "new", "plan", "--unit", "khanh hoa")
    assert "--unit khanh-hoa   (tỉnh Khánh Hòa)" in done.stderr
    assert "--unit thanh-hoa " not in done.stderr
