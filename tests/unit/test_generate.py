"""The benchmark's corpus generator: valid content, deterministic from its seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.content.check import check_portal
from portal.cli.main import main
from tools.generate import generate
from portal.model.index import PortalIndex


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "portal"
    summary = generate(out, 150, seed=7, communes=80)
    assert summary.documents == 150
    return out


def test_generated_portal_passes_check(small: Path) -> None:
    report = check_portal(small)
    assert list(report.problems) == []
    portal = report.portal
    assert len(portal.documents) == 150
    assert {d.kind for d in portal.documents} == {"plan", "news", "report"}
    index = PortalIndex(portal)
    current = [u for u in index.roots if u.valid_to is None]
    merged = [u for u in index.roots if u.valid_to is not None]
    assert len(current) == 34 and len(merged) == 29
    assert all(u.merged_into and u.merged_into[0] in index.units for u in merged)
    names = {u.name for u in portal.units}
    assert "Thành phố Hồ Chí Minh" not in names and "Hồ Chí Minh" in names
    assert any(n.startswith(("Đông", "Đồng", "Định")) for n in names)


def test_documents_sit_in_units_valid_at_their_date(small: Path) -> None:
    portal = check_portal(small).portal
    index = PortalIndex(portal)
    for doc in portal.documents:
        unit = index.units[doc.unit]
        if unit.valid_to is not None:
            assert doc.when.first_day <= unit.valid_to.last_day, doc.source
        if unit.valid_from is not None:
            assert doc.when.first_day >= unit.valid_from.first_day, doc.source


def test_content_has_the_real_forms(small: Path) -> None:
    portal = check_portal(small).portal
    values = {t.value.text for d in portal.documents for t in d.targets}
    measures = {t.value.measure for d in portal.documents for t in d.targets}
    assert {"percent", "ratio", "count"} <= measures
    assert "100%" in values
    dates = {a.date.short() for d in portal.documents for a in d.activities if a.date}
    assert any("–" in s for s in dates)  # a range
    assert any(s.count("/") == 1 for s in dates)  # month only
    linked = [d for d in portal.documents if d.kind == "report"]
    index = PortalIndex(portal)
    assert linked and all(index.resolve(d.plan, d.unit) is not None for d in linked)
    body = " ".join(d.body for d in portal.documents)
    for phrase in ("trẻ em", "hoàn cảnh đặc biệt", "đuối nước", "111"):
        assert phrase in body


def test_same_seed_same_tree_other_seed_other_tree(tmp_path: Path) -> None:
    assert main(["generate", "--out", str(tmp_path / "a"), "--documents", "40", "--seed", "3", "--communes", "40"]) == 0
    assert main(["generate", "--out", str(tmp_path / "b"), "--documents", "40", "--seed", "3", "--communes", "40"]) == 0
    generate(tmp_path / "c", 40, seed=4, communes=40)
    a, b, c = _tree(tmp_path / "a"), _tree(tmp_path / "b"), _tree(tmp_path / "c")
    assert a == b
    assert a != c
    assert sum(1 for p in a if p.endswith(".md") and p.startswith("plans/")) == 40


def test_benchmark_floor_is_rewritten_in_place(small: Path, tmp_path: Path) -> None:
    from tools import bench

    floor = tmp_path / "floor"
    bench.write_floor(small, floor)
    docs = floor / "docs"
    written = _tree(docs)
    assert len(written) == 151  # every document and the home page
    some = next(p for p in sorted(docs.rglob("*.md")) if p.name != "index.md")
    inode = some.stat().st_ino
    (docs / "stale.md").write_text("# left from another corpus\n", encoding="utf-8")
    bench.write_floor(small, floor)
    assert _tree(docs) == written
    assert some.stat().st_ino == inode
    # Plain as installed: Material's search plugin on; the comparison floor differs by that alone.
    plain = json.loads((floor / "mkdocs.yml").read_text(encoding="utf-8"))
    bare = json.loads((floor / bench.NO_SEARCH).read_text(encoding="utf-8"))
    assert plain.pop("plugins") == ["search"] and bare.pop("plugins") == [] and plain == bare


def test_benchmark_verdicts_follow_the_figures() -> None:
    from tools import bench

    def result(documents: int, build: float, floor: float, query: int | None) -> bench.SizeResult:
        return bench.SizeResult(documents, 4875, build_seconds=build, floor_seconds=floor, build_peak_mb=900.0,
                                check_seconds=9.0, largest_page_bytes=90_000, first_load_bytes=320_000,
                                search_query_bytes=query, files=15_000, site_bytes=400_000_000, hugo_seconds=8.0,
                                preview_edit_seconds=0.9)

    def failed(results: list[bench.SizeResult]) -> list[str]:
        return [name for name, ok, _ in bench.check_budgets(results) if not ok]

    assert failed([result(2000, 9.0, 10.0, 169_000), result(20000, 60.0, 90.0, 153_000)]) == []
    # A build slower than its floor at 2,000, and growth beyond linear, are caught.
    assert failed([result(2000, 11.0, 10.0, 169_000), result(20000, 130.0, 190.0, 153_000)]) == [
        "dựng đầy đủ ≤ 1.0× nền cùng văn bản (2000)", "tăng trưởng 2000→20000 ≤ 11.0×"]
    # A figure the run could not take (no chromium) fails it instead of printing n/a.
    assert failed([result(2000, 9.0, 10.0, None)]) == ["đo được một truy vấn tìm kiếm (2000)"]
