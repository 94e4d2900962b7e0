"""A large portal is read and checked on every core: the problems are the same as in one process.

The threshold is lowered so that the mini portal with a few dozen news items
takes the parallel path; each item carries a problem of another kind (broken
YAML, a wrong value, a child's phone number, a hidden character, a Cyrillic
letter, raw HTML), so a chunk that lost its problems or its line numbers shows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal import parallel
from portal.content import check, load
from portal.content.check import check_portal

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
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


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parallel path on two workers from one document on; the names of the jobs handed to workers."""
    monkeypatch.setenv("PORTAL_WORKERS", "2")
    monkeypatch.setattr(load, "PARALLEL_FROM", 1)
    monkeypatch.setattr(check, "PARALLEL_FROM", 1)
    jobs: list[str] = []
    real = parallel.run

    def run(function, tasks, shared, parallel=True, processes=None):  # noqa: ANN001 (the real signature)
        jobs.append(function.__name__)
        return real(function, tasks, shared, parallel, processes)

    monkeypatch.setattr(parallel, "run", run)
    return jobs


def serial(root: Path, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(load, "PARALLEL_FROM", 10**9)
        m.setattr(check, "PARALLEL_FROM", 10**9)
        return check_portal(root)


def test_one_file_checks_on_every_core_find_what_one_process_finds(
        tmp_path: Path, spied: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    items = [news(n, *CHECKED[n % len(CHECKED)]) for n in range(1, 25)]
    root = portal(tmp_path, items)
    report = check_portal(root)
    assert spied == ["_read_documents", "_documents_checked"]
    alone = serial(root, monkeypatch)
    assert report.problems == alone.problems
    assert report.portal == alone.portal
    # Every file with its problem, on its line and field (front matter line 5, the body's line 10).
    expected = {(f"{COMMUNE}/2023-06-tin-so-{n:02d}.md", *PLACES[n % len(CHECKED)]) for n in range(1, 25)}
    assert {(p.path, p.line, p.field) for p in report.problems} == expected
    assert len({p.message.split(":")[0] for p in report.problems}) >= len(CHECKED) - 1


def test_documents_read_on_every_core_report_loader_problems_with_their_lines(
        tmp_path: Path, spied: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    items = [news(n, "summary: Xã tặng quà trẻ em.", "Trẻ em nhận quà.") for n in range(1, 13)]
    for n, head in enumerate(LOADER):
        items[4 * n + 1] = f"---\nkind: news\n{head}---\n\nBài tin.\n"
    root = portal(tmp_path, items)
    report = check_portal(root)
    assert spied == ["_read_documents"]  # with loader problems, the other checks do not run
    alone = serial(root, monkeypatch)
    assert report.problems == alone.problems
    broken = {f"{COMMUNE}/2023-06-tin-so-{4 * n + 2:02d}.md" for n in range(len(LOADER))}
    assert {p.path for p in report.problems} == broken
    assert all(p.line > 0 for p in report.problems), report.problems
    # The valid items are still in the model, as in one process.
    assert len(report.portal.documents) == len(alone.portal.documents) == 6 + 12 - len(LOADER)
