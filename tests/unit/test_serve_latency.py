"""The preview benchmark's edits (tools/serve_latency.py) look for what the page really shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import serve_latency

PLAN = """---
kind: plan
title: Kế hoạch bảo vệ trẻ em năm 2025
issued: 2025-{month}
targets:
- indicator: tre-em-duoc-tiep-can
  value: 90/100
---

Nội dung.
"""


@pytest.mark.parametrize(("month", "shown"), [("01", "ngày 17 tháng 01 năm 2025"), ("09", "ngày 17 tháng 9 năm 2025"),
                                              ("11", "ngày 17 tháng 11 năm 2025")])
def test_the_date_edit_expects_the_date_as_pages_write_it(tmp_path: Path, month: str, shown: str) -> None:
    unit = tmp_path / "plans" / "tinh" / "xa"
    unit.mkdir(parents=True)
    (unit / "2025-ke-hoach-01.md").write_text(PLAN.format(month=month), encoding="utf-8")
    date_edit = next(e for e in serve_latency.edits(tmp_path) if e.kind == "ngày")
    assert date_edit.shows == shown
    assert f"issued: 2025-{month}-17" in date_edit.change(PLAN.format(month=month))
