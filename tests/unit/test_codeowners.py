"""CODEOWNERS generated from unit maintainers, and check's staleness rule."""

from __future__ import annotations

import fnmatch
import shutil
from pathlib import Path

import pytest

from portal.content import codeowners
from portal.cli.annotations import github_annotation
from portal.content.check import check_portal
from portal.cli.main import main
from portal.model.problems import Problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github/portal-maintainers").write_text("# quản trị\n@quan-tri\n@org/ky-thuat  # nhóm\n", encoding="utf-8")
    with (tmp_path / "plans/thanh-hoa/_unit.yml").open("a", encoding="utf-8") as unit:
        unit.write('maintainers:\n  - "@so-thanh-hoa"\n')
    with (tmp_path / "plans/thanh-hoa/ha-trung/ha-giang/_unit.yml").open("a", encoding="utf-8") as unit:
        unit.write('maintainers: ["@xa-ha-giang", "@so-thanh-hoa"]\n')
    return tmp_path


def owners_of(text: str, path: str) -> list[str]:
    """GitHub's rule, enough for our patterns: the last matching line wins."""
    found: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        # fnmatch's "*" crosses "/" like GitHub's "**"; "/plans/*.yml" is only ever asked about plans/x.yml here.
        if pattern == "*" or (pattern.endswith("/") and f"/{path}".startswith(pattern)) or fnmatch.fnmatch(f"/{path}", pattern.replace("/**/", "/*")):
            found = owners
    return found


def test_generated_file_gives_folders_to_units_and_the_rest_to_portal_maintainers(portal: Path) -> None:
    assert main(["codeowners", str(portal)]) == 0
    text = (portal / codeowners.CODEOWNERS).read_text(encoding="utf-8")
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* @quan-tri @org/ky-thuat",
        "/plans/thanh-hoa/ @so-thanh-hoa",
        # The commune's own reviewers first, the province's once (no repeat).
        "/plans/thanh-hoa/ha-trung/ha-giang/ @xa-ha-giang @so-thanh-hoa",
        # What may be published is the portal maintainers' alone (issue 21, item 4).
        "/plans/*.yml @quan-tri @org/ky-thuat",
        "/plans/**/_unit.yml @quan-tri @org/ky-thuat",
    ]
    assert owners_of(text, "plans/thanh-hoa/ha-trung/ha-giang/2024-ke-hoach-1.md") == ["@xa-ha-giang", "@so-thanh-hoa"]
    # A unit without maintainers inherits the nearest unit above it.
    assert owners_of(text, "plans/thanh-hoa/ha-trung/2024-ke-hoach-1.md") == ["@so-thanh-hoa"]
    for path in (".github/workflows/check.yml", "hooks/portal/content/check.py", "mkdocs.yml", "plans/campaigns.yml",
                 "plans/privacy.yml", "plans/ha-noi/_unit.yml", "plans/thanh-hoa/_unit.yml",
                 "plans/thanh-hoa/ha-trung/ha-giang/_unit.yml", "package.json", "requirements.txt", ".ci/run"):
        assert owners_of(text, path) == ["@quan-tri", "@org/ky-thuat"], path
    assert check_portal(portal).problems == ()


def test_missing_file_is_a_problem_once_maintainers_are_declared(portal: Path) -> None:
    problems = check_portal(portal).problems
    assert [(p.path, p.line) for p in problems] == [(codeowners.CODEOWNERS, 0)]
    assert "python -m portal codeowners" in problems[0].message


def test_stale_file_is_reported_with_the_line_to_change(portal: Path) -> None:
    main(["codeowners", str(portal)])
    unit = portal / "plans/thanh-hoa/_unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("@so-thanh-hoa", "@so-moi"), encoding="utf-8")
    problems = check_portal(portal).problems
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.field) == (codeowners.CODEOWNERS, 0, "")
    assert "«/plans/thanh-hoa/ @so-moi»" in problem.message
    assert "chạy «python -m portal codeowners»" in problem.message
    main(["codeowners", str(portal)])
    assert check_portal(portal).problems == ()


def test_hand_edit_of_generated_file_is_caught(portal: Path) -> None:
    main(["codeowners", str(portal)])
    path = portal / codeowners.CODEOWNERS
    path.write_text(path.read_text(encoding="utf-8") + "/plans/ha-noi/ @ai-do\n", encoding="utf-8")
    assert "từ dòng" in check_portal(portal).problems[0].message


def test_portal_without_ownership_needs_no_file(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    assert codeowners.expected(tmp_path, check_portal(tmp_path).portal)[0] is None
    assert check_portal(tmp_path).problems == ()


def test_bad_handle_in_maintainers_list_names_its_line(portal: Path) -> None:
    (portal / codeowners.MAINTAINERS).write_text("@ok\nkhong-co-a-cong\n", encoding="utf-8")
    assert main(["codeowners", str(portal)]) == 1
    listed = [p for p in check_portal(portal).problems if p.path == codeowners.MAINTAINERS]
    assert [(p.line, p.field) for p in listed] == [(2, "")]
    assert "«khong-co-a-cong» không phải tài khoản GitHub" in listed[0].message


def test_repository_codeowners_is_up_to_date() -> None:
    assert codeowners.check(ROOT, check_portal(ROOT).portal) == []


def test_github_annotation_escapes_properties_and_message() -> None:
    line = github_annotation(Problem("plans/a,b.md", 12, "targets[0].value", "50% sai:\nsửa"))
    assert line == "::error file=plans/a%2Cb.md,line=12,title=P-KHAC · Lỗi ở trường targets[0].value::targets[0].value: 50%25 sai:%0Asửa"
    assert github_annotation(Problem(".github/CODEOWNERS", 0, "", "cũ")) == "::error file=.github/CODEOWNERS,title=P-KHAC · Lỗi nội dung::cũ"


def test_check_prints_annotations_in_github_format(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(portal), "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"::error file=.github/CODEOWNERS,title=P-OWNERS-MISSING · Lỗi nội dung::{check_portal(portal).problems[0].message}"]
