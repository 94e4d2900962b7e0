"""``.github/CODEOWNERS`` generated from the units' ``maintainers`` and the portal maintainers.

Where the portal maintainers are listed: ``.github/portal-maintainers``, one
GitHub account or team a line. Not ``plans/`` (contributor content, owned by
units) and not ``mkdocs.yml`` or ``pyproject.toml`` (engine and packaging
settings a fork should not need to read): a plain list beside the file it
feeds, which itself belongs to the portal maintainers through ``*``.

GitHub gives a path to the *last* matching line, so the file starts with
``*`` (everything: code, configuration, workflows, catalogues) and then gives
each unit folder that names maintainers to them and to the maintainers of the
units above it (a province office can review its communes). A unit without
maintainers inherits the line of the nearest unit above it, else ``*``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model.index import PortalIndex
from .load import PLANS
from ..model.records import Portal
from ..model.problems import Problem

CODEOWNERS = ".github/CODEOWNERS"
MAINTAINERS = ".github/portal-maintainers"
HANDLE = re.compile(r"@[A-Za-z0-9-]+(?:/[A-Za-z0-9_.-]+)?")
"""A GitHub user (@name) or team (@org/team), as the unit schema accepts."""
COMMAND = "python -m portal codeowners"
HEADER = f"# Tệp này được tạo tự động bởi lệnh «{COMMAND}». Đừng sửa tay."


def read_maintainers(root: Path | str) -> tuple[tuple[str, ...], list[Problem]]:
    """Portal maintainers from ``.github/portal-maintainers`` (absent: none)."""
    path = Path(root) / MAINTAINERS
    if not path.is_file():
        return (), []
    handles: list[str] = []
    problems: list[Problem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for word in line.split("#", 1)[0].split():
            if HANDLE.fullmatch(word):
                if word not in handles:
                    handles.append(word)
            else:
                problems.append(Problem(MAINTAINERS, number, "", f"«{word}» không phải tài khoản GitHub: viết @ten-tai-khoan hoặc @to-chuc/nhom, mỗi dòng một tài khoản"))
    return tuple(handles), problems


def render(portal: Portal, maintainers: tuple[str, ...], index: PortalIndex | None = None) -> str:
    """The whole CODEOWNERS text; deterministic (units in path order)."""
    index = index if index is not None else PortalIndex(portal)
    lines = [
        HEADER,
        f"# Nguồn: danh sách {MAINTAINERS} và trường «maintainers» trong các tệp {PLANS}/**/_unit.yml;",
        "# sửa các nguồn đó rồi chạy lại lệnh. GitHub lấy dòng khớp sau cùng.",
        "",
        "# Mã nguồn, cấu hình, quy trình tự động, danh mục chung: người quản trị cổng",
        f"* {' '.join(maintainers)}" if maintainers else "# (chưa có người quản trị cổng trong .github/portal-maintainers)",
    ]
    owned = [unit for unit in portal.units if unit.maintainers]
    if owned:
        lines += ["", "# Thư mục của đơn vị: người duyệt của đơn vị và của các đơn vị cấp trên"]
    for unit in owned:
        owners: list[str] = []
        for holder in [unit, *reversed(index.ancestors(unit.path))]:
            owners += [h for h in holder.maintainers if h not in owners]
        lines.append(f"/{PLANS}/{unit.path}/ {' '.join(owners)}")
    # Last, so no unit line overrides them: what may be published (the
    # allow-list, the catalogues) and each _unit.yml, whose contact is allowed
    # on the unit's pages. Portal maintainers only: GitHub accepts the approval
    # of any one owner of a line, so a unit's reviewers listed here could
    # approve a new contact number for themselves.
    lines += ["", "# Danh sách được phép đăng, danh mục chung và tệp _unit.yml (có số liên hệ được đăng): chỉ người quản trị cổng"]
    for pattern in (f"/{PLANS}/*.yml", f"/{PLANS}/**/_unit.yml"):
        lines.append(f"{pattern} {' '.join(maintainers)}" if maintainers else f"# {pattern} (chưa có người quản trị cổng)")
    return "\n".join(lines) + "\n"


def expected(root: Path | str, portal: Portal, index: PortalIndex | None = None) -> tuple[str | None, list[Problem]]:
    """The CODEOWNERS text the portal should have, or None when ownership is not set up."""
    root = Path(root)
    maintainers, problems = read_maintainers(root)
    current = root / CODEOWNERS
    generated_before = current.is_file() and current.read_text(encoding="utf-8").startswith(HEADER)
    wanted = (root / MAINTAINERS).is_file() or any(u.maintainers for u in portal.units) or generated_before
    return (render(portal, maintainers, index) if wanted else None), problems


def check(root: Path | str, portal: Portal, index: PortalIndex | None = None) -> list[Problem]:
    """Problems when CODEOWNERS is missing or differs from what the sources give."""
    root = Path(root)
    text, problems = expected(root, portal, index)
    if text is None:
        return problems
    path = root / CODEOWNERS
    fix = f"hãy chạy «{COMMAND}» rồi đưa tệp mới vào pull request (hoặc nhờ người quản trị cổng)"
    if not path.is_file():
        return [*problems, Problem(CODEOWNERS, 0, "", f"Thiếu tệp {CODEOWNERS} dù đã khai báo người duyệt: {fix}")]
    current = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    if current == text:
        return problems
    have, want = current.splitlines(), text.splitlines()
    line = next((i for i, (a, b) in enumerate(zip(have, want), start=1) if a != b), min(len(have), len(want)) + 1)
    should = f"dòng {line} phải là «{want[line - 1]}»" if line <= len(want) else f"từ dòng {line} phải bỏ đi"
    return [*problems, Problem(
        CODEOWNERS, 0, "",
        f"Tệp {CODEOWNERS} chưa khớp với người duyệt khai báo trong _unit.yml và {MAINTAINERS} ({should}): {fix}",
    )]


def write(root: Path | str, portal: Portal) -> tuple[Path | None, list[Problem]]:
    """Write CODEOWNERS; returns its path (None when the maintainers list has problems) and those problems."""
    root = Path(root)
    maintainers, problems = read_maintainers(root)
    if problems:
        return None, problems
    text = render(portal, maintainers)
    path = root / CODEOWNERS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path, []
