"""A realistic portal of the 2025 reform, made with ``python -m portal new unit`` (shared by build and browser tests).

Starts from the sample plans (former Hà Giang merged into Tuyên Quang, former
Kiên Giang into An Giang) and adds, through the command line as an officer
would: a district and a commune of former Hà Giang, the commune's successor
created in the same command, a unit renamed in 2025, and a document of each.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project, portal_env


def portal(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portal", *args, "--path", str(root)],
                          capture_output=True, text=True, env=portal_env(), cwd=ROOT, check=False)


def new_unit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return portal(root, "new", "unit", *args)


VIET_LAM_NEWS = "Xã Việt Lâm tổ chức Tết Trung thu cho thiếu nhi thôn Nậm Tạu"
TAN_LAP_PLAN = "Kế hoạch bảo vệ, chăm sóc trẻ em năm 2024 của xã Tân Lập"


def build_portal(dest: Path) -> Path:
    root = copy_project(dest)
    steps = [
        ("--unit", "ha-giang/vi-xuyen", "--name", "Vị Xuyên", "--level", "huyen", "--valid-to", "2025-06-30",
         "--history", "Huyện của tỉnh Hà Giang cũ; chính quyền cấp huyện kết thúc hoạt động từ ngày 01/7/2025."),
        ("--unit", "ha-giang/vi-xuyen/viet-lam", "--name", "Việt Lâm", "--level", "xa", "--valid-to", "2025-06-30",
         "--merged-into", "Vị Xuyên", "--create-successor",
         "--history", "Từ ngày 01/7/2025 xã Việt Lâm được sắp xếp vào xã Vị Xuyên, tỉnh Tuyên Quang."),
        ("--unit", "thanh-hoa/tan-lap", "--name", "Tân Lập", "--level", "xa", "--valid-from", "2019-01-01",
         "--valid-to", "2025-06-30", "--renamed-to", "Minh Khai", "--create-successor"),
    ]
    for step in steps:
        done = new_unit(root, *step)
        assert done.returncode == 0, done.stderr
    news = root / "plans/ha-giang/vi-xuyen/viet-lam/2024-09-trung-thu.md"
    news.write_text(f"""---
kind: news
title: {VIET_LAM_NEWS}
date: 2024-09-17
campaign: tet-trung-thu
---

Đoàn xã và nhà trường tổ chức rước đèn, phá cỗ cho thiếu nhi trong xã.
""", encoding="utf-8")
    plan = root / "plans/thanh-hoa/tan-lap/2024-ke-hoach-1.md"
    plan.write_text(f"""---
kind: plan
title: {TAN_LAP_PLAN}
year: 2024
number: 15/KH-UBND
issued: 2024-02-20
issuer: Ủy ban nhân dân xã Tân Lập
---

Kế hoạch triển khai các hoạt động bảo vệ trẻ em trên địa bàn xã.
""", encoding="utf-8")
    return root
