"""The preview's dependency computation: what an edited document touches, and what needs a full build."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from portal import paths
from portal.content.load import load
from portal.model.index import PortalIndex
from portal.serve import depends, watch

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def index() -> PortalIndex:
    loaded = load(ROOT)
    assert not loaded.problems
    return PortalIndex(loaded.portal)


def _doc(index: PortalIndex, source: str):
    return next(d for d in index.portal.documents if d.source == source)


def test_a_commune_plan_touches_its_page_its_units_years_and_indicators(index: PortalIndex) -> None:
    doc = _doc(index, "plans/thanh-hoa/ha-trung/ha-giang/2023-ke-hoach-bao-ve-cham-soc-tre-em.md")
    touched = depends.affected(doc, index)
    assert touched.covers(paths.document_page(doc.unit, doc.slug))
    for unit in ("thanh-hoa", "thanh-hoa/ha-trung", "thanh-hoa/ha-trung/ha-giang"):
        assert touched.covers(paths.unit_page(unit))
        assert touched.covers(paths.unit_feed(unit))
        assert touched.covers(paths.unit_news_page(unit, 2))
    assert touched.covers(paths.year_calendar_page(doc.year))
    assert touched.covers(paths.province_calendar_page(doc.year, "thanh-hoa", 3))
    assert touched.covers(paths.year_targets_page(doc.year))
    assert doc.targets, "the sample plan sets targets"
    for target in doc.targets:
        assert touched.covers(paths.indicator_page(target.indicator))
        assert touched.covers(paths.indicator_province_page(target.indicator, "thanh-hoa"))
    assert touched.covers(paths.HOME)
    # Other provinces, other units of the tree and other years stay as they are.
    assert not touched.covers(paths.unit_page("ha-noi"))
    assert not touched.covers(paths.unit_page("thanh-hoa/ha-trung/other"))
    assert not touched.covers(paths.province_calendar_page(doc.year, "ha-noi"))
    assert not touched.covers(paths.year_calendar_page(1999))
    assert not touched.covers(paths.news_feed()), "a plan is not in the news feed"


def test_a_news_item_touches_the_news_lists_and_the_plan_it_carries_out(index: PortalIndex) -> None:
    news = next(d for d in index.portal.documents if d.kind == "news" and d.plan is not None
                and index.resolve(d.plan, d.unit) is not None)
    plan = index.resolve(news.plan, news.unit)
    touched = depends.affected(news, index)
    assert touched.covers(paths.news_feed())
    assert touched.covers(paths.news_page(3))
    assert touched.covers(paths.document_page(plan.unit, plan.slug))
    # ... and the plan's own edit reaches the news item's page (it shows the plan's title).
    assert depends.affected(plan, index).covers(paths.document_page(news.unit, news.slug))


def test_years_follow_activities_and_results(index: PortalIndex) -> None:
    doc = next(d for d in index.portal.documents if d.activities)
    later = dataclasses.replace(doc.activities[0].date.start, year=doc.year + 3)
    moved = dataclasses.replace(doc, activities=(dataclasses.replace(
        doc.activities[0], date=dataclasses.replace(doc.activities[0].date, start=later, end=later)),))
    assert doc.year + 3 in depends.years(moved)
    assert depends.affected(moved, index).covers(paths.year_calendar_page(doc.year + 3))


def test_union_of_two_versions() -> None:
    a = depends.Affected(frozenset({"x/"}), frozenset({"p/"}))
    b = depends.Affected(frozenset({"y/"}), frozenset())
    both = a | b
    assert both.covers("x/") and both.covers("y/") and both.covers("p/q/") and not both.covers("q/")


def test_what_needs_a_full_build() -> None:
    assert depends.document_source("plans/ha-noi/long-bien/2020-ke-hoach-04.md")
    assert not depends.document_source("plans/ha-noi/_unit.yml")
    assert not depends.document_source("plans/campaigns.yml")
    assert not depends.document_source("docs/index.md")
    assert depends.needs_full_rebuild(["plans/ha-noi/long-bien/a.md", "plans/indicators.yml", "mkdocs.yml",
                                       "plans/ha-noi/anh.jpg"]) == ["mkdocs.yml", "plans/ha-noi/anh.jpg", "plans/indicators.yml"]


def test_watch_sees_additions_changes_and_removals(tmp_path: Path) -> None:
    (tmp_path / "plans" / "a").mkdir(parents=True)
    (tmp_path / "plans" / "a" / "x.md").write_text("một")
    (tmp_path / "plans" / "a" / "y.md").write_text("hai")
    (tmp_path / "plans" / "a" / ".x.md.swp").write_text("rác")
    (tmp_path / "mkdocs.yml").write_text("site_name: a")
    before = watch.snapshot(tmp_path, ("plans", "mkdocs.yml", "missing"))
    assert set(before) == {"plans/a/x.md", "plans/a/y.md", "mkdocs.yml"}
    assert not watch.compare(before, watch.snapshot(tmp_path, ("plans", "mkdocs.yml")))
    (tmp_path / "plans" / "a" / "x.md").write_text("một nữa")
    (tmp_path / "plans" / "a" / "y.md").unlink()
    (tmp_path / "plans" / "a" / "z.md").write_text("ba")
    changes = watch.compare(before, watch.snapshot(tmp_path, ("plans", "mkdocs.yml")))
    assert changes.changed == {"plans/a/x.md"}
    assert changes.removed == {"plans/a/y.md"}
    assert changes.added == {"plans/a/z.md"}
    assert changes.paths == {"plans/a/x.md", "plans/a/y.md", "plans/a/z.md"}


def test_the_watcher_reports_saves_moves_and_deletions_not_reads(tmp_path: Path) -> None:
    (tmp_path / "plans" / "a").mkdir(parents=True)
    (tmp_path / "plans" / "a" / "x.md").write_text("một")
    (tmp_path / "mkdocs.yml").write_text("site_name: a")
    (tmp_path / "other.txt").write_text("không theo dõi")
    watcher = watch.Watcher(tmp_path, ("plans", "mkdocs.yml"))
    try:
        (tmp_path / "plans" / "a" / "x.md").read_text()  # a read is not a save
        (tmp_path / "other.txt").write_text("đổi")  # beside mkdocs.yml, not watched
        assert watcher.wait(0.3) == frozenset()
        (tmp_path / "plans" / "a" / "x.md").write_text("một nữa")
        (tmp_path / "plans" / "a" / ".x.md.swp").write_text("rác của trình soạn thảo")
        assert watcher.wait(5) == {"plans/a/x.md"}
        (tmp_path / "plans" / "a" / "x.md").rename(tmp_path / "plans" / "a" / "y.md")
        (tmp_path / "mkdocs.yml").unlink()
        seen: set[str] = set()
        while len(seen) < 3:
            more = watcher.wait(5)
            assert more, seen
            seen |= more
        assert seen == {"plans/a/x.md", "plans/a/y.md", "mkdocs.yml"}
    finally:
        watcher.stop()


def test_a_plan_reaches_the_units_below_it(index: PortalIndex) -> None:
    # A commune without plans of its own shows its district's: the district's plan is on its page.
    plan = _doc(index, "plans/thanh-hoa/ha-trung/2023-ke-hoach-73.md")
    touched = depends.affected(plan, index)
    assert touched.covers(paths.unit_page("thanh-hoa/ha-trung/ha-giang"))
    assert not touched.covers(paths.unit_page("quang-nam/tay-giang"))
