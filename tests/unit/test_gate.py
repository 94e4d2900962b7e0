"""`check` is the build's gate: what used to pass it and then crash or alter the build is refused.

Each case edits a copy of a small valid portal the way a careless or hostile
pull request would, and asserts that `check` names the file, the line and the
field in Vietnamese, with a problem code of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
import yaml

from conftest import ROOT
from portal.content import gate
from portal.content.check import check_portal

MINI = ROOT / "tests" / "fixtures" / "mini" / "plans"
DOC = "plans/son-hai/2023-ke-hoach-35.md"


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "plans")
    assert not check_portal(tmp_path).problems
    return tmp_path


def edit(root: Path, source: str, change: Callable[[str], str]) -> None:
    path = root / source
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def front(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return change


def body(extra: str) -> Callable[[str], str]:
    return lambda text: text + "\n" + extra + "\n"


def line_of(root: Path, source: str, needle: str) -> int:
    lines = (root / source).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def only_problem(root: Path):
    problems = check_portal(root).problems
    assert len(problems) == 1, problems
    return problems[0]


def title_line(root: Path) -> str:
    return next(l for l in (root / DOC).read_text(encoding="utf-8").split("\n") if l.startswith("title:"))


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u00ad", "\u2066", "\u200d", "\ufeff"])
def test_hidden_characters_in_a_field_are_refused_with_the_field(portal: Path, char: str) -> None:
    title = title_line(portal)
    edit(portal, DOC, front(title, title[:12] + char + title[12:]))
    problem = only_problem(portal)
    assert (problem.path, problem.line, problem.field) == (DOC, line_of(portal, DOC, "title:"), "title")
    assert problem.code == "P-TEXT-HIDDEN" and f"U+{ord(char):04X}" in problem.message and "cột 13" in problem.message


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f"])
def test_control_characters_in_front_matter_stop_the_yaml_reader_with_a_vietnamese_message(portal: Path, char: str) -> None:
    title = title_line(portal)
    edit(portal, DOC, front(title, title[:12] + char + title[12:]))
    problem = only_problem(portal)
    assert (problem.path, problem.line) == (DOC, line_of(portal, DOC, "title:"))
    assert "ký tự điều khiển" in problem.message and f"mã {ord(char)})" in problem.message


def test_nul_and_bidi_in_the_body_are_refused_with_the_line(portal: Path) -> None:
    edit(portal, DOC, body("Đoạn có ký tự \x00 lạ.\n\nSố điện thoại đường dây: 1\u202e11."))
    problems = check_portal(portal).problems
    assert {p.code for p in problems} == {"P-TEXT-HIDDEN"}
    assert [p.line for p in problems] == [line_of(portal, DOC, "ký tự"), line_of(portal, DOC, "đường dây")]


def test_joiners_stay_allowed_in_prose(portal: Path) -> None:
    # An emoji family is three faces joined by U+200D: prose may hold it.
    edit(portal, DOC, body("Gia đình \U0001F468\u200d\U0001F469\u200d\U0001F467 vui Tết Trung thu."))
    assert not check_portal(portal).problems


def test_hidden_character_in_a_unit_file_and_a_catalogue(portal: Path) -> None:
    edit(portal, "plans/son-hai/_unit.yml", lambda t: t.replace("name: ", "name: \u200b", 1))
    edit(portal, "plans/campaigns.yml", lambda t: t.replace("name: ", "name: \u202e", 1))
    problems = check_portal(portal).problems
    assert {(p.path, p.field, p.code) for p in problems} == {
        ("plans/son-hai/_unit.yml", "name", "P-TEXT-HIDDEN"), ("plans/campaigns.yml", "[0].name", "P-TEXT-HIDDEN"),
    }


def test_look_alike_letters_in_a_unit_name_are_refused(portal: Path) -> None:
    unit = "plans/son-hai/_unit.yml"
    name = yaml.safe_load((portal / unit).read_text(encoding="utf-8"))["name"]
    edit(portal, unit, front(f"name: {name}", "name: " + name.replace("S", "\u0405", 1)))  # Cyrillic DZE looks like S
    problem = only_problem(portal)
    assert (problem.path, problem.field, problem.code) == (unit, "name", "P-TEXT-SCRIPT")
    assert "Kirin" in problem.message and problem.line == line_of(portal, unit, "name:")


def test_greek_letter_in_a_document_number(portal: Path) -> None:
    edit(portal, DOC, lambda t: t.replace("number: 35/KH-", "number: 35/ΚH-", 1))  # Greek Kappa
    problems = [p for p in check_portal(portal).problems if p.code == "P-TEXT-SCRIPT"]
    assert [(p.field, "Hy Lạp" in p.message) for p in problems] == [("number", True)]


def test_vietnamese_and_foreign_words_in_separate_words_pass(portal: Path) -> None:
    edit(portal, DOC, body("Chương trình phối hợp với UNICEF, tên tiếng Nga «Дети» được giữ nguyên."))
    assert not check_portal(portal).problems


def test_files_differing_only_by_case_are_refused(portal: Path) -> None:
    twin = DOC[: -len(".md")] + ".MD"
    shutil.copy(portal / DOC, portal / twin)
    edit(portal, twin, lambda t: t.replace("35/KH", "36/KH"))
    problem = only_problem(portal)
    assert problem.code == "P-NAME-CASE" and problem.line == 0 and twin in problem.message


def test_two_living_units_cannot_share_a_code(portal: Path) -> None:
    child = "plans/son-hai/dong-lam/_unit.yml"
    code = yaml.safe_load((portal / "plans/son-hai/_unit.yml").read_text(encoding="utf-8"))["code"]
    text = (portal / child).read_text(encoding="utf-8")
    lines = [l for l in text.split("\n") if not l.startswith("code:")]
    (portal / child).write_text("\n".join([lines[0], f'code: "{code}"', *lines[1:]]), encoding="utf-8")
    problem = only_problem(portal)
    assert (problem.path, problem.field, problem.code, problem.line) == (child, "code", "P-UNIT-CODE", 2)


def test_a_code_freed_by_an_abolished_unit_may_be_given_again() -> None:
    # The sample portal: An Giang (new, from 1/7/2025) and Kiên Giang (until 30/6/2025).
    assert not [p for p in check_portal(ROOT).problems if p.code == "P-UNIT-CODE"]


@pytest.mark.parametrize("markdown, code", [
    ("![Ảnh][a]\n\n[a]: https://anh.example.net/x.jpg", "P-IMAGE-FOREIGN"),
    ("![Ảnh][a]\n\n[a]:\n  //anh.example.net/x.jpg", "P-IMAGE-FOREIGN"),
    ("- mục\n\n    ![Ảnh](https://anh.example.net/x.jpg)", "P-IMAGE-FOREIGN"),
    ('<img src="https://anh.example.net/x.jpg" alt="Ảnh">', "P-IMAGE-FOREIGN"),
    ("![Ảnh lễ](anh-le.jpg)", "P-IMAGE-BODY"),
    ("Xem [kế hoạch][kh].\n\n[kh]:\n  javascript:alert(1)", "P-LINK-SCHEME"),
    ("Xem [kế hoạch][kh] của tỉnh.", "P-LINK-UNRESOLVED"),
])
def test_links_and_images_only_the_renderer_sees(portal: Path, markdown: str, code: str) -> None:
    start = len((portal / DOC).read_text(encoding="utf-8").split("\n")) + 1
    edit(portal, DOC, body(markdown))
    problems = check_portal(portal).problems
    assert problems and {p.code for p in problems} == {code}, problems
    # The line of the image or link, or of its definition: within the lines just added.
    assert all(start <= p.line < start + len(markdown.split("\n")) for p in problems), (start, problems)


@pytest.mark.parametrize("markdown", [
    "Xem [kế hoạch][kh].\n\n[kh]:\n  https://example.org/kh",
    "- Xem [kế hoạch][kh].\n\n    [kh]: https://example.org/kh",
    "Xem [Kế hoạch].\n\n[kế hoạch]: <https://example.org/kh> \"Kế hoạch tỉnh\"",
    "Mã `[a][b]` trong đoạn mã không phải liên kết.",
])
def test_reference_links_in_every_form_keep_their_target(portal: Path, markdown: str) -> None:
    edit(portal, DOC, body(markdown))
    assert not check_portal(portal).problems


def test_null_where_text_is_required_is_refused(portal: Path) -> None:
    for null in ("~", "null", ""):
        shutil.rmtree(portal / "plans")
        shutil.copytree(MINI, portal / "plans")
        edit(portal, DOC, front(title_line(portal), f"title: {null}"))
        problem = only_problem(portal)
        assert (problem.field, problem.code) == ("title", "P-FIELD-EMPTY"), null


def test_library_errors_reach_the_writer_in_vietnamese(portal: Path) -> None:
    edit(portal, DOC, front("kind: plan", "kind: plan\nx: [1, 2"))
    problem = only_problem(portal)
    assert problem.code == "P-SYN-YAML" and "did not" not in problem.message and "«]»" in problem.message


def test_the_gate_renders_with_the_extensions_of_the_site() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert tuple(names) == gate.MARKDOWN_EXTENSIONS
