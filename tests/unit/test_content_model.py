"""The shared content model: kind rules, references, dates, values, codes, binding."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from portal.model import lunardates
from portal.model import codes, dates, schema, values
from portal.content.check import check_portal
from portal.model.problems import Problem
from portal.content.scaffold import file_name

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "fidelity" / "plans"


def portal_with(tmp_path: Path, files: dict[str, str]) -> list[Problem]:
    shutil.copytree(FIXTURE, tmp_path / "plans")
    for name, text in files.items():
        (tmp_path / "plans" / name).write_text(text, encoding="utf-8")
    return list(check_portal(tmp_path).problems)


def news(extra: str, date: str = "2024-06-01") -> str:
    return f"---\nkind: news\ntitle: Xã Sen Thủy trao quà cho trẻ em\ndate: {date}\n{extra}---\n\nNội dung.\n"


def plan(extra: str, year: int = 2021) -> str:
    return (f"---\nkind: plan\ntitle: Kế hoạch năm {year}\nyear: {year}\n"
            f"issuer: Ủy ban nhân dân xã Sen Thủy\n{extra}---\n\nNội dung.\n")


def test_fixture_is_clean(tmp_path: Path) -> None:
    assert portal_with(tmp_path, {}) == []


def test_news_with_targets_issuer_signer_and_figures_passes(tmp_path: Path) -> None:
    text = news("issuer: Ủy ban nhân dân xã Sen Thủy\nsigner: Chủ tịch Trần Văn Lực\ntheme: Hè vui an toàn\n"
                "targets:\n  - {indicator: tre-em-hcdb-duoc-tro-giup, value: \"100%\"}\n"
                "figures:\n  - {label: Suất quà, value: \"150\", unit: suất}\n", "2021-06-01")
    assert portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/2021-06-trao-qua.md": text}) == []


def test_field_of_another_kind_is_refused_with_the_right_field(tmp_path: Path) -> None:
    problems = portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/2021-06-trao-qua.md": news("year: 2021\n", "2021-06-01")})
    assert [p.field for p in problems] == ["year"]
    assert "năm của tin lấy theo date" in problems[0].message and problems[0].code == "P-FIELD-KIND"


def test_outside_reference_with_unit_and_number_but_no_issuer_is_refused_with_the_fix(tmp_path: Path) -> None:
    text = plan("implements:\n  - {unit: quang-binh, number: 88/KH-UBND}\n")
    problems = portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/2021-ke-hoach-09.md": text})
    assert len(problems) == 1 and problems[0].field == "implements[0]"
    assert "issuer" in problems[0].message and "tỉnh Quảng Bình" in problems[0].message
    assert problems[0].code == "P-REF-UNKNOWN"


def test_unknown_portal_reference_names_the_closest_documents(tmp_path: Path) -> None:
    text = plan("references:\n  - {unit: quang-binh, number: 46/KH-UBND}\n")
    problems = portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/2021-ke-hoach-09.md": text})
    assert len(problems) == 1 and "gần giống: 45/KH-UBND" in problems[0].message


def test_outside_reference_with_issuer_passes_and_url_is_checked(tmp_path: Path) -> None:
    good = plan("references:\n  - {issuer: Bộ Y tế, number: 12/HD-BYT, title: Hướng dẫn tiêm chủng, url: https://moh.gov.vn/12}\n")
    assert portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/2021-ke-hoach-09.md": good}) == []
    bad = good.replace("https://moh.gov.vn/12", "javascript:alert(1)")
    (tmp_path / "plans/quang-binh/le-thuy/sen-thuy/2021-ke-hoach-09.md").write_text(bad, encoding="utf-8")
    problems = list(check_portal(tmp_path).problems)
    assert [p.field for p in problems] == ["references[0].url"] and problems[0].code == "P-VALUE-URL"


def test_file_name_that_contradicts_the_date_is_flagged(tmp_path: Path) -> None:
    problems = portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/2021-01-trao-qua.md": news("", "2021")})
    assert [(p.field, p.code) for p in problems] == [("date", "P-NAME-DATE")]


def test_new_names_year_only_news_without_a_month() -> None:
    assert file_name("news", 2021, set(), "Trao quà", None) == "2021-trao-qua"
    assert file_name("news", 2021, set(), "Trao quà", dt.date(2021, 6, 2)) == "2021-06-trao-qua"


@pytest.mark.parametrize("text, first, last, count", [
    ("2019-05-31T19:00", dt.date(2019, 5, 31), dt.date(2019, 5, 31), 0),
    ("2023-06-01, 2023-06-15", dt.date(2023, 6, 1), dt.date(2023, 6, 15), 2),
    ("2023-06", dt.date(2023, 6, 1), dt.date(2023, 6, 30), 0),
    ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), 0),
])
def test_date_forms(text: str, first: dt.date, last: dt.date, count: int) -> None:
    span = dates.parse_span(text)
    assert (span.start.first_day, span.end.last_day, len(span.days)) == (first, last, count)


def test_time_is_kept_and_bad_lists_mention_the_range_form() -> None:
    assert dates.parse_partial("2019-05-31T19:00").short() == "31/05/2019 19:00"
    for bad in ("2023-06-01 - 2023-06-05", "2023-06-01,", "2023-06-01, 2023-06-01"):
        with pytest.raises(ValueError) as error:
            dates.parse_span(bad)
        assert "2023-06-01..2023-06-30" in str(error.value) or "hai lần" in str(error.value)


@pytest.mark.parametrize("text, day, month", [
    ("rằm tháng Tám", 15, 8), ("15/8 âm lịch", 15, 8), ("15/8", 15, 8),
    ("mùng 1 tháng Giêng", 1, 1), ("mồng 10 tháng Chạp", 10, 12), ("15/4 nhuận", 15, 4),
])
def test_lunar_forms(text: str, day: int, month: int) -> None:
    parsed = lunardates.parse(text)
    assert (parsed.day, parsed.month, parsed.text) == (day, month, text)


def test_lunar_form_is_refused_when_unreadable() -> None:
    with pytest.raises(ValueError, match="rằm tháng Tám"):
        lunardates.parse("tháng tám")


def test_lunar_and_date_together_are_refused(tmp_path: Path) -> None:
    text = plan("activities:\n  - {title: Trung thu, date: 2021-09-21, lunar: 15/8}\n")
    problems = portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/2021-ke-hoach-09.md": text})
    assert [(p.field, p.code) for p in problems] == [("activities[0].lunar", "P-DATE-LUNAR")]


def test_reduction_wording_and_unitless_values() -> None:
    assert values.parse_value("xuống 12‰").comparator is values.Comparator.LE
    assert values.parse_value("giảm xuống 12‰").measure == "permille"
    adopted = values.adopt(values.parse_value("dưới 1"), "permille")
    assert (adopted.measure, adopted.comparator, adopted.text) == ("permille", values.Comparator.LE, "dưới 1")
    assert values.adopt(values.parse_value("1.250 trẻ"), "percent").measure == "count"
    assert values.status(adopted, values.parse_value("0,8‰"), higher_is_better=False) is values.Status.MET


def test_unit_fax_is_accepted(tmp_path: Path) -> None:
    unit = "name: Sen Thủy\nlevel: xa\nvalid_to: 2025-06-30\nmerged_into: [quang-tri/le-thuy]\ncontact:\n  fax: 0232 3882 100\n"
    assert portal_with(tmp_path, {"quang-binh/le-thuy/sen-thuy/_unit.yml": unit}) == []


def test_every_record_is_bound_to_its_dataclass() -> None:
    records = [*schema.DOCUMENTS.values(), schema.UNIT, schema.CAMPAIGN, schema.INDICATOR, schema.PRIVACY]
    assert all(r.model is not None for r in records)
    assert [missing for r in records for missing in schema.unbound(r)] == []


def test_kind_rules_drive_required_fields() -> None:
    for kind, rule in schema.KIND_RULES.items():
        record = schema.DOCUMENTS[kind]
        assert {f.name for f in record.fields if f.required} == set(rule.required)
        assert not {f.name for f in record.fields} & set(rule.refused)


def test_error_page_is_generated_from_the_codes() -> None:
    page = (ROOT / "docs" / "huong-dan" / "loi-kiem-tra.md").read_text(encoding="utf-8")
    assert codes.page_block(page) == codes.markdown()
    assert len({c.id for c in codes.CODES}) == len(codes.CODES)
    for code in codes.CODES:
        assert f"`{code.id}`" in page
        # Each family recognises its own displayed form.
        assert codes.classify(code.form.split(" / ")[0].replace("…", "x")) in (code.id, *[c.id for c in codes.CODES])


BROKEN = {
    "quang-binh/a1.md": "kind: plan\n",
    "quang-binh/2021-a2.md": "---\nkind: plan\ntitle: a: b\n---\n",
    "quang-binh/2021-a3.md": "---\nkind: plan\ntitle: \"mở\n---\n",
    "quang-binh/2021-a4.md": "---\n---\n",
    "quang-binh/2021-a5.md": "---\nkind: plan\nyear: 02021\ntitle: X\nissuer: Y\nhạn: 1\n---\n",
    "quang-binh/2021-a6.md": "---\nkind: ke-hoach\ntitle: X\n---\n",
    "quang-binh/2021-a7.md": "---\nkind: plan\ntitle: X\nyear: 2021\nissuer: Y\nissued: 2021-02-30\nsource: ftp://x\n"
                            "targets:\n  - {indicator: khong-co, value: \"một trăm phần trăm\"}\n"
                            "  - {indicator: tre-em-hcdb-duoc-tro-giup, value: \"14/14\"}\n"
                            "activities:\n  - {title: A, date: 2023-06-01 - 2023-06-05}\n  - {title: B, date: 2022-06}\n"
                            "  - {title: C, lunar: tháng tám}\n  - {title: D, date: 2021-06-01T25:00}\n"
                            "figures:\n  - {label: F, value: 12 em}\n---\n",
    "quang-binh/2021-A10.md": "---\nkind: news\n---\n",
    "quang-binh/ghi-chu.txt": "x",
    "a11.md": "x",
}
CROSS = {
    "quang-binh/2021-a12.md": "---\nkind: plan\ntitle: X\nyear: 2021\nissuer: Y\nnumber: 45/KH-UBND\ncampaign: khong-co\n"
                             "targets:\n  - {indicator: khong-co, value: \"90%\"}\n"
                             "activities:\n  - {title: B, date: 2023-06}\n---\n",
    "quang-binh/2021-a8.md": "---\nkind: report\ntitle: X\nyear: 2021\nissuer: Y\nplan: {number: 99/KH}\n"
                            "results:\n  - {indicator: tre-em-hcdb-duoc-tro-giup, value: \"90%\"}\n---\n",
    "quang-binh/2021-a9.md": "---\nkind: news\ntitle: X\ndate: 2021-06-01\nplan: {issuer: Sở Y tế}\n"
                            "references:\n  - {unit: khong-co, number: 1/KH}\n  - {title: T}\n---\nGọi 0912 345 678 hoặc <script>x</script>\n",
    "quang-binh/2020-05-a13.md": "---\nkind: news\ntitle: X\ndate: 2021-06-01\n---\n",
}


def test_problems_of_broken_documents_all_have_a_code(tmp_path: Path) -> None:
    problems = portal_with(tmp_path / "load", BROKEN) + portal_with(tmp_path / "cross", CROSS)
    found = {p.code for p in problems}
    unknown = [str(p) for p in problems if p.code == codes.UNKNOWN]
    assert not unknown, "\n".join(unknown)
    assert len(problems) >= 25 and len(found) >= 18, sorted(found)
