"""Trust from main: a pull request cannot widen the allow-list it is checked against.

The base and the head are two real commits of a git repository made in a
temporary folder (``check --base-ref main``), or two folders (``--base DIR``);
the portal is the mini fixture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.content.basetree import BaseError, blob_id
from portal.content.check import check_portal

HERE = Path(__file__).parent.parent
MINI = HERE / "fixtures" / "mini"
HOOKS = HERE.parent / "hooks"
PRIVACY = "plans/privacy.yml"
PROVINCE_UNIT = "plans/son-hai/_unit.yml"
PROVINCE_PLAN = "plans/son-hai/2023-ke-hoach-35.md"
DISTRICT_PLAN = "plans/son-hai/dong-lam/2023-ke-hoach-73.md"
NEWS = "plans/son-hai/dong-lam/binh-an/2023-06-tin-phat-dong.md"
MOBILE = "0987 654 321"
GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                            env={**os.environ, **GIT}, check=True)
    return result.stdout


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(root: Path, rel: str, text: str) -> None:
    with (root / rel).open("a", encoding="utf-8") as file:
        file.write(text)


def line_of(root: Path, rel: str, needle: str) -> int:
    found = [n for n, text in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), 1) if needle in text]
    assert len(found) == 1, (rel, needle, found)
    return found[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini portal committed on branch main, then a branch «pr» checked out."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / "mkdocs.yml").write_text("site_name: Thử\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "main")
    git(root, "checkout", "-q", "-b", "pr")
    return root


def commit(root: Path) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "pr")


def test_a_phone_the_pull_request_adds_to_privacy_yml_is_still_refused(repo: Path) -> None:
    edit(repo, PRIVACY, "phones:\n", f'phones:\n  - "{MOBILE}"\n')
    append(repo, NEWS, f"\nMọi thông tin xin liên hệ số {MOBILE}.\n")
    commit(repo)
    # Alone, the pull request allows itself: the hole this closes.
    assert check_portal(repo).problems == ()
    report = check_portal(repo, base_ref="main")
    [problem] = report.problems
    assert (problem.path, problem.line, problem.field) == (NEWS, line_of(repo, NEWS, MOBILE), "body")
    assert problem.message.startswith("Số điện thoại di động (0987654321, viết là «0987 654 321»)")
    assert "có trong plans/privacy.yml của pull request nhưng chưa có ở nhánh chính (main)" in problem.message
    assert problem.code == "P-PII-PHONE"
    [review] = [r for r in report.reviews if r.startswith(PRIVACY)]
    assert "thêm 0987654321" in review and "duyệt" in review
    assert "Cần người quản trị cổng duyệt" in report.summary()


def test_a_mobile_the_pull_request_adds_as_a_unit_contact_is_refused_at_its_field(repo: Path) -> None:
    edit(repo, PROVINCE_UNIT, 'phone: "0237 3831 234"', f'phone: "{MOBILE}"')
    append(repo, PROVINCE_PLAN, f"\nĐường dây nóng của Sở: {MOBILE}.\n")
    commit(repo)
    assert check_portal(repo).problems == ()
    report = check_portal(repo, base_ref="main")
    assert [(p.path, p.line, p.field) for p in report.problems] == [
        (PROVINCE_PLAN, line_of(repo, PROVINCE_PLAN, MOBILE), "body"),
        (PROVINCE_UNIT, line_of(repo, PROVINCE_UNIT, MOBILE), "contact.phone"),
    ]
    assert all("liên hệ mới khai báo trong _unit.yml của pull request" in p.message for p in report.problems)
    assert any(r.startswith(f"{PROVINCE_UNIT}: liên hệ (contact) thay đổi, nay là 0987654321") for r in report.reviews)


def test_the_cli_fails_naming_file_line_and_field(repo: Path) -> None:
    edit(repo, PROVINCE_UNIT, 'phone: "0237 3831 234"', f'phone: "{MOBILE}"')
    commit(repo)
    env = {**os.environ, "PYTHONPATH": str(HOOKS)}
    run = subprocess.run([sys.executable, "-m", "portal", "check", str(repo), "--base-ref", "main"],
                         capture_output=True, text=True, env=env, cwd=repo)
    assert run.returncode == 1, run.stdout + run.stderr
    line = line_of(repo, PROVINCE_UNIT, MOBILE)
    assert run.stdout.startswith(f"{PROVINCE_UNIT}:{line}: contact.phone: Số điện thoại di động (0987654321")
    assert "Traceback" not in run.stderr
    github = subprocess.run([sys.executable, "-m", "portal", "check", str(repo), "--base-ref", "main", "--format", "github"],
                            capture_output=True, text=True, env=env, cwd=repo)
    assert f"::error file={PROVINCE_UNIT},line={line}," in github.stdout
    assert f"::warning file={PROVINCE_UNIT},title=" in github.stdout


def test_a_contact_merged_on_main_is_allowed_on_its_unit_pages_only(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo, PROVINCE_UNIT, 'phone: "0237 3831 234"', f'phone: "{MOBILE}"')
    commit(repo)
    git(repo, "checkout", "-q", "-B", "pr")
    append(repo, PROVINCE_PLAN, f"\nĐường dây nóng của Sở: {MOBILE}.\n")
    append(repo, DISTRICT_PLAN, f"\nĐường dây nóng của Sở: {MOBILE}.\n")
    commit(repo)
    report = check_portal(repo, base_ref="main")
    # The province's own plan may print it; a district below it may not.
    [problem] = report.problems
    assert (problem.path, problem.line) == (DISTRICT_PLAN, line_of(repo, DISTRICT_PLAN, MOBILE))
    assert "Đây là số liên hệ của đơn vị plans/son-hai/" in problem.message
    assert report.reviews == ()
    # The same holds without a base: contacts are never site-wide.
    assert [p.path for p in check_portal(repo).problems] == [DISTRICT_PLAN]


def test_code_and_configuration_changes_are_listed_for_review(repo: Path) -> None:
    (repo / "hooks").mkdir()
    (repo / "hooks" / "x.py").write_text("print('x')\n", encoding="utf-8")
    edit(repo, "mkdocs.yml", "Thử", "Thử nữa")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "check.yml").write_text("on: push\n", encoding="utf-8")
    (repo / "requirements.txt").write_text("mkdocs==1.6.1\n", encoding="utf-8")
    commit(repo)
    report = check_portal(repo, base_ref="main")
    assert report.problems == ()
    areas = sorted(r.partition(":")[0] for r in report.reviews)
    assert areas == ["mkdocs.yml", "mã nguồn và giao diện (hooks/)", "quy trình tự động và người duyệt (.github/)",
                     "requirements.txt"]
    assert all("so với main" in r and "duyệt" in r for r in report.reviews)
    # Untracked caches are not changes.
    (repo / "hooks" / "__pycache__").mkdir()
    (repo / "hooks" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert len(check_portal(repo, base_ref="main").reviews) == 4


def test_owners_named_in_reviews_come_from_the_base_codeowners(repo: Path) -> None:
    git(repo, "checkout", "-q", "main")
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text("* @quan-tri\n/plans/son-hai/ @so-son-hai\n/plans/**/_unit.yml @quan-tri\n", encoding="utf-8")
    commit(repo)
    git(repo, "checkout", "-q", "-B", "pr")
    # The pull request tries to hand its unit file to itself.
    (repo / ".github" / "CODEOWNERS").write_text("* @ke-xau\n", encoding="utf-8")
    edit(repo, PROVINCE_UNIT, 'phone: "0237 3831 234"', 'phone: "0237 3831 235"')
    commit(repo)
    report = check_portal(repo, base_ref="main")
    assert report.problems == ()  # a landline is an office number: not refused, only reviewed
    [unit] = [r for r in report.reviews if r.startswith(PROVINCE_UNIT)]
    assert "cần @quan-tri duyệt" in unit
    [workflows] = [r for r in report.reviews if ".github/" in r.partition(":")[0]]
    assert "cần @quan-tri duyệt" in workflows


def test_a_base_folder_works_like_a_base_ref(tmp_path: Path) -> None:
    base = tmp_path / "base"
    head = tmp_path / "head"
    shutil.copytree(MINI, base)
    shutil.copytree(MINI, head)
    edit(head, PRIVACY, "phones:\n", f'phones:\n  - "{MOBILE}"\n')
    append(head, NEWS, f"\nLiên hệ {MOBILE}.\n")
    report = check_portal(head, base_dir=str(base))
    assert [(p.path, p.line) for p in report.problems] == [(NEWS, line_of(head, NEWS, MOBILE))]
    assert f"nhánh chính ({base})" in report.problems[0].message
    assert [r.partition(":")[0] for r in report.reviews] == [PRIVACY]


def test_an_unreadable_base_is_a_vietnamese_error_not_a_traceback(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(BaseError, match="Không đọc được nhánh gốc «origin/khong-co»"):
        check_portal(repo, base_ref="origin/khong-co")
    with pytest.raises(BaseError, match="không phải tên nhánh"):
        check_portal(repo, base_ref="--output=/tmp/x")
    with pytest.raises(BaseError, match="Không tìm thấy thư mục"):
        check_portal(repo, base_dir=str(tmp_path / "khong-co"))
    env = {**os.environ, "PYTHONPATH": str(HOOKS)}
    run = subprocess.run([sys.executable, "-m", "portal", "check", str(repo), "--base-ref", "khong-co"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "git fetch" in run.stderr


def test_blob_ids_match_git() -> None:
    assert blob_id(b"") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    assert blob_id(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"


def test_what_main_did_after_the_branch_left_it_is_trusted_and_not_the_branch_s_change(repo: Path) -> None:
    # The branch «pr» was made; then main moved on: a maintainer allowed a number, changed the code.
    git(repo, "checkout", "-q", "main")
    edit(repo, PRIVACY, "phones:\n", f'phones:\n  - "{MOBILE}"\n')
    (repo / "hooks").mkdir()
    (repo / "hooks" / "x.py").write_text("print('x')\n", encoding="utf-8")
    commit(repo)
    git(repo, "checkout", "-q", "pr")
    append(repo, NEWS, f"\nLiên hệ {MOBILE}.\n")
    commit(repo)
    report = check_portal(repo, base_ref="main")
    # main's list as it is now is what counts; the branch changed neither the list nor the code.
    assert report.problems == ()
    assert report.reviews == ()
