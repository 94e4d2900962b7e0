"""Rebuilds write over the previous output and remove only what the new build did not make."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import build_site, copy_project

from portal.output import outdir
from portal.output.files import write_file


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_set_aside_and_restore_keep_every_file_and_its_inode(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_file(site, "don-vi/kien-giang/index.html", b"old page")
    write_file(site, ".nojekyll", b"")
    inode = (site / "don-vi/kien-giang/index.html").stat().st_ino
    outdir.set_aside(site)
    # What an engine that empties the folder sees: hidden entries only.
    assert sorted(os.listdir(site)) == [".nojekyll", outdir.ASIDE]
    outdir.restore(site)
    assert _files(site) == {".nojekyll", "don-vi/kien-giang/index.html"}
    assert (site / "don-vi/kien-giang/index.html").stat().st_ino == inode


def test_prune_removes_what_the_build_did_not_write(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("index.html", "don-vi/a/index.html", "don-vi/b/index.html", "don-vi/b/atom.xml", ".git/HEAD"):
        write_file(site, name, b"previous build")
    outdir.set_aside(site)
    stamp = outdir.restore(site)
    write_file(site, "index.html", b"this build")
    write_file(site, "don-vi/a/index.html", b"this build")
    assert outdir.prune(site, stamp) == 2
    # Hidden top-level entries stay, as the engine's own cleaning keeps them.
    assert _files(site) == {"index.html", "don-vi/a/index.html", ".git/HEAD"}
    assert not (site / "don-vi/b").exists()
    assert (site / "index.html").read_bytes() == b"this build"


def test_an_interrupted_build_leaves_nothing_behind(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_file(site, "index.html", b"first")
    outdir.set_aside(site)
    # The build stopped before restore(); the next one starts over.
    write_file(site, "tin-tuc/index.html", b"partial")
    outdir.set_aside(site)
    assert sorted(os.listdir(site / outdir.ASIDE)) == ["tin-tuc"]


def test_write_file_replaces_a_folder_or_a_file_in_its_way(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_file(site, "du-lieu/van-ban.json/old.txt", b"x")
    write_file(site, "du-lieu/van-ban.json", b"[]")
    assert (site / "du-lieu/van-ban.json").read_bytes() == b"[]"
    write_file(site, "lich/2024", b"a file")
    write_file(site, "lich/2024/index.html", b"<p>page</p>")
    assert (site / "lich/2024/index.html").read_bytes() == b"<p>page</p>"


def test_rebuild_rewrites_in_place_and_drops_a_removed_document(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    news = "don-vi/kien-giang/2023-06-phat-dong-thang-hanh-dong-mau/index.html"
    plan = "don-vi/kien-giang/2023-ke-hoach-35/index.html"
    assert (site / news).is_file()
    before = _files(site)
    plan_inode = (site / plan).stat().st_ino
    (project / "plans/kien-giang/2023-06-phat-dong-thang-hanh-dong-mau.md").unlink()
    write_file(site, "trang-cu/index.html", b"left by hand")

    build_site(project, site)
    after = _files(site)
    assert not (site / news).exists()
    assert not (site / "trang-cu").exists()
    assert not (site / outdir.ASIDE).exists()
    # Only the removed news item's page and its unit's feed (a unit with no news
    # has none of its own; its few news never needed a listing besides its page) are gone.
    gone = {p for p in before - after if not p.startswith("tim-kiem/chi-muc/")}
    assert gone == {news, "don-vi/kien-giang/atom.xml"}, sorted(gone)
    assert (site / plan).stat().st_ino == plan_inode
    # The same output as a build into an empty folder.
    fresh = tmp_path / "fresh"
    build_site(project, fresh)
    assert after == _files(fresh)
    assert all((site / name).read_bytes() == (fresh / name).read_bytes() for name in after)


def test_a_link_in_the_output_is_replaced_not_written_through(tmp_path: Path) -> None:
    site = tmp_path / "site"
    outside = tmp_path / "outside.txt"
    outside.write_text("không được ghi đè", encoding="utf-8")
    (site / "don-vi").mkdir(parents=True)
    (site / "don-vi/index.html").symlink_to(outside)
    write_file(site, "don-vi/index.html", b"<p>trang</p>")
    assert outside.read_text(encoding="utf-8") == "không được ghi đè"
    assert not (site / "don-vi/index.html").is_symlink()
    assert (site / "don-vi/index.html").read_bytes() == b"<p>trang</p>"
