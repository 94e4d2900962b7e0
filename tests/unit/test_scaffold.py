"""`python -m portal new`: a ready-to-fill document in the right folder."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from portal.model import schema
from portal.content.check import check_portal
from portal.cli.main import main
from portal.model.index import PortalIndex
from portal.content.load import load
from portal.content.scaffold import ScaffoldError, scaffold, suggest_units, write

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2024, 5, 3)
COMMUNE = "thanh-hoa/ha-trung/ha-giang"


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    return tmp_path


def problems_of(root: Path, source: str) -> set[str]:
    return {p.field for p in check_portal(root).problems if p.path == source}


@pytest.mark.parametrize(
    ("kind", "name", "empty"),
    [
        ("plan", "2024-ke-hoach-1.md", {"title", "issuer"}),
        ("news", "2024-05-tin-1.md", {"title"}),
        ("report", "2024-bao-cao-1.md", {"title", "issuer", "plan", "results[0].indicator", "results[0].value"}),
    ],
)
def test_new_document_lands_in_unit_folder_and_check_names_each_empty_field(portal: Path, kind: str, name: str, empty: set[str]) -> None:
    planned = scaffold(portal, kind, COMMUNE, today=TODAY)
    write(planned)
    assert planned.path == portal / "plans" / COMMUNE / name
    assert planned.unit_label == "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa"
    source = f"plans/{COMMUNE}/{name}"
    # The only problems are the required values the tool could not know.
    assert problems_of(portal, source) == empty
    assert {p.path for p in check_portal(portal).problems} == {source}


@pytest.mark.parametrize("kind", ["plan", "news", "report"])
def test_every_schema_field_is_offered_with_a_vietnamese_comment(kind: str) -> None:
    text = scaffold(ROOT, kind, COMMUNE, today=TODAY).text
    front = text.split("---")[1]
    for field in schema.DOCUMENTS[kind].fields:
        assert re.search(rf"^(# )?{field.name}:", front, re.MULTILINE), field.name
        assert f"# {field.help} — " in front
    assert "bắt buộc" in front and "không bắt buộc" in front


def test_filled_plan_passes_check(portal: Path) -> None:
    planned = scaffold(portal, "plan", COMMUNE, year=2024, title="Kế hoạch: bảo vệ trẻ em năm 2024", today=TODAY)
    text = planned.text.replace("\nissuer:", "\nissuer: Ủy ban nhân dân xã Hà Giang", 1)
    # Uncomment the example target, as the comment at the top tells the officer to.
    text = text.replace("# targets:", "targets:").replace("  # - indicator: tre-em-hcdb", "  - indicator: tre-em-hcdb")
    text = text.replace('  #   value: "100%"', '    value: "100%"')
    planned.path.write_text(text, encoding="utf-8")
    report = check_portal(portal)
    assert report.problems == ()
    doc = next(d for d in report.portal.documents if d.source.endswith(planned.path.name))
    # The title with a colon was quoted, so YAML kept it whole.
    assert doc.title == "Kế hoạch: bảo vệ trẻ em năm 2024"
    assert (doc.unit, doc.year, doc.kind) == (COMMUNE, 2024, "plan")
    assert [t.indicator for t in doc.targets] == ["tre-em-hcdb-duoc-tro-giup"]


def test_names_follow_the_pattern_and_never_overwrite(portal: Path) -> None:
    first = scaffold(portal, "plan", COMMUNE, year=2023, today=TODAY)
    write(first)
    second = scaffold(portal, "plan", COMMUNE, year=2023, today=TODAY)
    assert (first.path.name, second.path.name) == ("2023-ke-hoach-1.md", "2023-ke-hoach-2.md")
    with pytest.raises(ScaffoldError, match="không ghi đè"):
        scaffold(portal, "plan", COMMUNE, name="2023-ke-hoach-1", today=TODAY)
    before = first.path.read_text(encoding="utf-8")
    with pytest.raises(FileExistsError):
        write(first)
    assert first.path.read_text(encoding="utf-8") == before


def test_news_name_comes_from_its_title(portal: Path) -> None:
    planned = scaffold(portal, "news", "ha-noi/long-bien", title="Đón Tết Trung thu cùng các em", today=TODAY)
    assert planned.path.name == "2024-05-don-tet-trung-thu-cung-cac-em.md"
    assert "\ndate: 2024-05-03\n" in planned.text


@pytest.mark.parametrize("typed", ["ha giang", "Hà Giang", "HA-GIANG ", "ha  giang"])
def test_unit_suggestions_ignore_diacritics_spaces_and_case(typed: str) -> None:
    index = PortalIndex(load(ROOT).portal)
    found = suggest_units(index, typed)
    # Exact names first, the province before the commune of the same name.
    assert found[:2] == ["ha-giang", COMMUNE]


def test_unit_suggestions_find_a_unit_by_its_label_and_by_a_typo() -> None:
    index = PortalIndex(load(ROOT).portal)
    assert suggest_units(index, "long bien")[0] == "ha-noi/long-bien"
    assert suggest_units(index, "thanh hoa/ha trung/ha giag")[0] == COMMUNE
    assert suggest_units(index, "zzzz") == []


def test_unknown_unit_is_refused_with_close_matches(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["new", "plan", "--unit", "ha giang", "--path", str(portal)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Không có đơn vị «ha giang»" in err
    assert "--unit ha-giang   (tỉnh Hà Giang)" in err
    assert f"--unit {COMMUNE}   (xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa)" in err
    assert not list((portal / "plans").rglob(f"{TODAY.year}-ke-hoach-*.md"))


def test_cli_writes_the_file_and_accepts_a_plans_prefix(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["new", "report", "--unit", f"plans/{COMMUNE}/", "--year", "2023", "--path", str(portal)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"plans/{COMMUNE}/2023-bao-cao-1.md" in out
    assert (portal / "plans" / COMMUNE / "2023-bao-cao-1.md").read_text(encoding="utf-8").startswith("---\n")
