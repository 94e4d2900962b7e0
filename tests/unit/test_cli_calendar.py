"""`python -m portal calendar YEAR [--json]` run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, portal_env


def run_calendar(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portal", "calendar", *args],
        cwd=ROOT, capture_output=True, text=True, env=portal_env(), timeout=120,
    )


def calendar_json(year: int) -> dict[str, dict[str, str]]:
    result = run_calendar(str(year), "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert isinstance(items, list) and items
    for item in items:
        assert {"campaign", "name", "start", "end"} <= item.keys()
        assert item["start"] <= item["end"]
    return {item["campaign"]: item for item in items}


def test_2024_json_gives_vietnamese_tet_and_trung_thu() -> None:
    items = calendar_json(2024)
    assert items["tet-nguyen-dan"]["start"] == "2024-02-10"
    assert items["tet-nguyen-dan"]["end"] == "2024-02-12"
    assert items["tet-nguyen-dan"]["name"] == "Tết Nguyên đán"
    assert items["tet-trung-thu"]["start"] == "2024-09-17"
    assert items["tet-trung-thu"]["end"] == "2024-09-17"
    assert items["thang-hanh-dong"]["start"] == "2024-06-01"
    assert items["thang-hanh-dong"]["end"] == "2024-06-30"
    # A campaign without a fixed date has no place in a list of dates.
    assert "dien-dan-tre-em" not in items


@pytest.mark.parametrize(("year", "tet"), [
    # Years where Vietnam's calendar (UTC+7) and China's (UTC+8) disagree.
    (1985, "1985-01-21"),
    (2007, "2007-02-17"),
    (2030, "2030-02-02"),
    # Ordinary years, as published by Vietnamese almanacs.
    (2023, "2023-01-22"),
    (2025, "2025-01-29"),
])
def test_tet_is_vietnams(year: int, tet: str) -> None:
    assert calendar_json(year)["tet-nguyen-dan"]["start"] == tet


@pytest.mark.parametrize(("year", "day"), [(2023, "2023-09-29"), (2025, "2025-10-06")])
def test_trung_thu(year: int, day: str) -> None:
    assert calendar_json(year)["tet-trung-thu"]["start"] == day


def test_text_output_lists_dates_and_lunar_marks() -> None:
    result = run_calendar("2024")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    tet = next(line for line in lines if "Tết Nguyên đán" in line)
    assert tet.startswith("10/02/2024–12/02/2024")
    assert tet.endswith("Tết Nguyên đán (âm lịch 1/1–3/1)")
    trung_thu = next(line for line in lines if "Tết Trung thu" in line)
    assert trung_thu == "17/09/2024  Tết Trung thu (âm lịch 15/8)"
    month = next(line for line in lines if "Tháng hành động" in line)
    assert "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em" in month


def test_year_out_of_range_is_a_vietnamese_error() -> None:
    result = run_calendar("1800", "--json")
    assert result.returncode == 2
    assert "ngoài phạm vi" in result.stderr
    assert "Traceback" not in result.stderr
