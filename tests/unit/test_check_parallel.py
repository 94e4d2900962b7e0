"""A large portal is read and checked on every core: the problems are the same as in one process.

The threshold is lowered so that the mini portal with a few dozen news items
takes the parallel path; each item carries a problem of another kind (broken
YAML, a wrong value, a child's phone number, a hidden character, a Cyrillic
letter, raw HTML), so a chunk that lost its problems or its line numbers shows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
HOOKS = Path(__file__).parent.parent.parent / "hooks"
COMMUNE = "plans/son-hai/dong-lam/binh-an"

# Each body line or field is a problem the loader or a one-file check finds.
CHECKED = [
    ("summary: Em Nguyễn Văn An, số điện thoại 0912 345 678, cần được giúp đỡ.", "Gia đình được hỗ trợ."),
    ("summary: Xã tổ chức Tết Trung thu.", "Liên hệ mẹ của em qua số 0987.654.321 để nhận quà."),
    ("summary: Xã Bình An\u200b tặng quà.", "Trẻ em nhận quà."),
    ("issuer: Ủy ban nhân dân xã Bình Аn", "Hội Liên hiệp Phụ nữ xã thăm hỏi."),  # a Cyrillic «А»
    ("summary: Xã tặng quà trẻ em.", "Trẻ em <span onclick=\"x()\">nhận quà</span>."),
    ("summary: Xã tặng quà trẻ em.", "Thư của cô giáo: hoa.nguyen1987@gmail.com."),
]
PLACES = [(5, "summary"), (10, "body"), (5, "summary"), (5, "issuer"), (10, "body"), (10, "body")]
LOADER = [
    "title: [Tin không đóng ngoặc\n",          # YAML syntax
    "title: Tin hợp lệ\nnumber: 12\ndate: 2023-13-40\n",  # a date that does not exist
    "title: Tin hợp lệ\ncampaign: 42\n",        # a number where a campaign id goes
]


def news(number: int, head: str, body: str) -> str:
    return (f"---\nkind: news\ntitle: Tin số {number} của xã Bình An\ndate: 2023-06-{number % 28 + 1:02d}\n"
            f"{head}\n---\n\nMở đầu bài tin.\n\n{body}\n\nKết bài.\n")


def portal(tmp_path: Path, items: list[str]) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(MINI, root)
    for number, text in enumerate(items, 1):
        (root / COMMUNE / f"2023-06-tin-so-{number:02d}.md").write_text(text, encoding="utf-8")
    return root


# Run in a fresh interpreter: the test process has other threads (servers, the browser
# driver) beside which the portal rightly refuses to fork.
_CHECK = """
import hashlib, json, sys
from portal import parallel
from portal.content import check, load
from portal.content.check import check_portal
load.PARALLEL_FROM = check.PARALLEL_FROM = 1 if sys.argv[2] == "on" else 10**9
jobs, real = [], parallel.run
def run(function, tasks, shared, parallel=True, processes=None):
    if parallel:  # the jobs handed to forked workers
        jobs.append(function.__name__)
    return real(function, tasks, shared, parallel, processes)
parallel.run = run
report = check_portal(sys.argv[1])
print(json.dumps({"jobs": jobs, "problems": [[p.path, p.line, p.field, p.message] for p in report.problems],
                  "documents": len(report.portal.documents),
                  "model": hashlib.sha256(repr(report.portal).encode()).hexdigest()}))
"""


def checked(root: Path, in_parallel: bool) -> dict:
    """``check_portal`` of ``root`` on two workers from one document on (or in one process), and the jobs it forked."""
    env = {**os.environ, "PYTHONPATH": str(HOOKS), "PORTAL_WORKERS": "2"}
    result = subprocess.run([sys.executable, "-c", _CHECK, str(root), "on" if in_parallel else "off"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_one_file_checks_on_every_core_find_what_one_process_finds(tmp_path: Path) -> None:
    items = [news(n, *CHECKED[n % len(CHECKED)]) for n in range(1, 25)]
    root = portal(tmp_path, items)
    report, alone = checked(root, True), checked(root, False)
    assert report["jobs"] == ["_read_documents", "_documents_checked"] and alone["jobs"] == []
    assert report["problems"] == alone["problems"]
    assert report["model"] == alone["model"]
    # Every file with its problem, on its line and field (front matter line 5, the body's line 10).
    expected = {(f"{COMMUNE}/2023-06-tin-so-{n:02d}.md", *PLACES[n % len(CHECKED)]) for n in range(1, 25)}
    assert {(path, line, field) for path, line, field, _ in report["problems"]} == expected
    assert len({message.split(":")[0] for *_, message in report["problems"]}) >= len(CHECKED) - 1


def test_documents_read_on_every_core_report_loader_problems_with_their_lines(tmp_path: Path) -> None:
    items = [news(n, "summary: Xã tặng quà trẻ em.", "Trẻ em nhận quà.") for n in range(1, 13)]
    for n, head in enumerate(LOADER):
        items[4 * n + 1] = f"---\nkind: news\n{head}---\n\nBài tin.\n"
    root = portal(tmp_path, items)
    report, alone = checked(root, True), checked(root, False)
    assert report["jobs"] == ["_read_documents"]  # with loader problems, the other checks do not run
    assert report["problems"] == alone["problems"]
    broken = {f"{COMMUNE}/2023-06-tin-so-{4 * n + 2:02d}.md" for n in range(len(LOADER))}
    assert {path for path, *_ in report["problems"]} == broken
    assert all(line > 0 for _, line, *_ in report["problems"]), report["problems"]
    # The valid items are still in the model, as in one process.
    assert report["model"] == alone["model"]
    assert report["documents"] == 6 + 12 - len(LOADER)
