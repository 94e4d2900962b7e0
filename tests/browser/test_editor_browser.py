"""The web editor, used as an officer would: Decap CMS served by the built portal, its local
backend (decap-server, git mode) writing into a temporary clone; a plan and a news item are
created through the editor's form, published, and the files it wrote must pass `portal check`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image
from playwright.sync_api import expect
from conftest import FIGURES, ROOT, build_site, copy_project, portal_env, serve

from portal.content.check import check_portal

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
UNIT = "son-hai/dong-lam/binh-an"
PLAN_TITLE = "Kế hoạch hành động vì trẻ em xã Bình An năm 2024"
NEWS_TITLE = "Xã Bình An phát động Tháng hành động vì trẻ em"
EXISTING_TITLE = "Kế hoạch bảo vệ, chăm sóc trẻ em xã Bình An năm 2023"
SUMMARY = "Xã Bình An bảo đảm mọi trẻ em có hoàn cảnh đặc biệt được trợ giúp"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _git(clone: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=clone, check=True, capture_output=True, text=True).stdout


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"decap-server stopped: {log.read_text(encoding='utf-8')}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"decap-server did not listen on {port}: {log.read_text(encoding='utf-8')}")


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(URL of the built site, the clone decap-server writes into)."""
    if not DECAP_SERVER.exists():
        pytest.fail("node_modules/.bin/decap-server is missing: run `npm ci` (make test does)")
    base = tmp_path_factory.mktemp("editor")
    clone = copy_project(base / "clone", ROOT / "tests" / "fixtures" / "mini" / "plans")
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    port = _free_port()
    subprocess.run([sys.executable, "-m", "portal", "decap", "--backend", "git-gateway",
                    "--local", f"http://127.0.0.1:{port}/api/v1"], cwd=clone, env=portal_env(), check=True,
                   capture_output=True)
    _git(clone, "init", "-q", "-b", "main")
    _git(clone, "config", "user.name", "Cán bộ xã")
    _git(clone, "config", "user.email", "canbo@example.org")
    (clone / ".git" / "info" / "exclude").write_text("node_modules\n__pycache__/\n", encoding="utf-8")
    _git(clone, "add", ".")
    _git(clone, "commit", "-q", "-m", "Cổng mẫu")
    site = base / "site"
    build_site(clone, site)
    log = base / "decap-server.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([str(DECAP_SERVER)], cwd=clone, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PORT": str(port), "MODE": "git", "BIND_HOST": "127.0.0.1",
                                       "GIT_REPO_DIRECTORY": str(clone), "LOG_LEVEL": "warn"})
    try:
        _wait_for_port(port, server, log)
        url, http = serve(site)
        yield url, clone
        http.shutdown()
    finally:
        server.terminate()
        server.wait(timeout=10)


def _publish(page) -> None:
    """Save, mark ready, publish now: the editorial workflow's three steps."""
    page.get_by_role("button", name="Lưu", exact=True).click()
    # The status menu appears once the entry is saved (its pull request opened).
    page.get_by_role("button", name="Trạng: Bản nháp").click()
    page.get_by_role("menuitem", name="Sẵn sàng").click()
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_role("menuitem", name="Công bố ngay").click()


def _open_collection(page, url: str, name: str) -> None:
    """The collection's page, loaded afresh: Decap re-renders its side bar without end, or shows an
    empty list, when a collection link is clicked while it still loads another one."""
    page.goto(url + f"admin/#/collections/{name}")
    page.reload()


def _new_entry(page, url: str, name: str, label: str) -> None:
    _open_collection(page, url, name)
    page.get_by_role("link", name=f"Tạo bài thuộc loại {label}").click()
    page.get_by_label("Thư mục đơn vị trong plans/").wait_for()


def test_officer_creates_a_plan_and_a_news_item_and_edits_a_plan(browser, editor: tuple[str, Path]) -> None:
    url, clone = editor
    # A phone photo's name, upper-case and with spaces: Decap stores it as anh-trung-thu.jpg.
    photo = clone.parent / "Anh Trung Thu.JPG"
    Image.new("RGB", (800, 600), (200, 120, 40)).save(photo, quality=80)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("dialog", lambda dialog: dialog.accept())
    started = time.monotonic()
    page.goto(url + "admin/")
    page.get_by_role("button", name="Đăng nhập").wait_for()
    opened = time.monotonic() - started
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Kế hoạch", exact=True).wait_for()
    ready = time.monotonic() - started

    _new_entry(page, url, "plan", "Kế hoạch")
    page.get_by_label("Thư mục đơn vị trong plans/").fill(UNIT)
    page.get_by_label("Tiêu đề", exact=True).fill(PLAN_TITLE)
    page.get_by_label("Năm thực hiện").fill("2024")
    page.get_by_label("Số hiệu văn bản").fill("18/KH-UBND")
    page.get_by_label("Cơ quan ban hành").fill("Ủy ban nhân dân xã Bình An")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    page.get_by_label("Mã chỉ tiêu").fill("tre-em-hcdb-duoc-tro-giup")
    page.get_by_label("Mức chỉ tiêu như viết trong kế hoạch").fill("100%")
    _publish(page)
    plan = clone / "plans" / UNIT / "2024-ke-hoach-hanh-dong-vi-tre-em-xa-binh-an-nam-2024.md"
    _wait_for_file(plan)

    _new_entry(page, url, "news", "Tin tức")
    page.get_by_label("Thư mục đơn vị trong plans/").fill(UNIT)
    page.get_by_label("Tiêu đề", exact=True).fill(NEWS_TITLE)
    page.get_by_label("Ngày đăng tin").fill("2024-06-01")
    page.get_by_label("Chiến dịch mà văn bản nói đến").fill("thang-hanh-dong")
    page.get_by_role("button", name="Thêm ảnh kèm theo").click()
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_text("anh-trung-thu.jpg").wait_for()
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.get_by_label("Mô tả ảnh cho người không nhìn thấy").fill("Thiếu nhi xã Bình An nhận quà")
    _publish(page)
    news = clone / "plans" / UNIT / "2024-06-xa-binh-an-phat-dong-thang-hanh-dong-vi-tre-em.md"
    _wait_for_file(news)

    # An existing plan, edited: it keeps its file (Decap would otherwise move it to its index file).
    existing = clone / "plans" / UNIT / "2023-ke-hoach-12.md"
    _open_collection(page, url, "plan")
    opened_folder = ""
    for folder in UNIT.split("/"):
        # The tree of unit folders, walked down as an officer would.
        opened_folder = f"{opened_folder}/{folder}".lstrip("/")
        page.locator(f'a[href="#/collections/plan/filter/{opened_folder}"]', has_text=folder).click()
        expect(page).to_have_url(re.compile(f"#/collections/plan/filter/{opened_folder}$"))
    page.get_by_text(EXISTING_TITLE).click()
    page.get_by_label("Tóm tắt một hai câu").fill(SUMMARY)
    _publish(page)
    _wait_for_text(existing, SUMMARY)
    context.close()

    assert not errors, errors
    assert _git(clone, "branch", "--show-current").strip() == "main"
    text = plan.read_text(encoding="utf-8")
    assert f"title: {PLAN_TITLE}" in text and "tre-em-hcdb-duoc-tro-giup" in text, text
    assert "kind: news" in news.read_text(encoding="utf-8")
    # The photo went into the unit folder beside the news item, named as the checker wants.
    assert "file: anh-trung-thu.jpg" in news.read_text(encoding="utf-8")
    assert (clone / "plans" / UNIT / "anh-trung-thu.jpg").read_bytes() == photo.read_bytes()
    report = check_portal(clone)
    assert not report.problems, [str(p) for p in report.problems]
    assert {d.slug for d in report.portal.documents} >= {plan.stem, news.stem, existing.stem}
    # Three documents written, nothing else moved or added.
    first = _git(clone, "rev-list", "--max-parents=0", "HEAD").strip()
    added = _git(clone, "diff", "--name-status", first, "HEAD").split("\n")
    assert sorted(line for line in added if line) == sorted([
        f"A\tplans/{UNIT}/{plan.name}", f"A\tplans/{UNIT}/{news.name}", f"A\tplans/{UNIT}/anh-trung-thu.jpg",
        f"M\tplans/{UNIT}/{existing.name}"]), added
    admin = clone.parent / "site" / "admin"
    files = [p for p in admin.iterdir() if p.is_file()]
    FIGURES.append(f"Trang soạn thảo (Decap CMS, admin/): {len(files)} tệp, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB; "
                   f"nút đăng nhập sau {opened:.1f} s, danh sách bài sau {ready:.1f} s")


def _wait_for_file(path: Path, timeout: float = 30) -> None:
    """decap-server merges the entry's branch into main a moment after the editor asks."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file():
            return
        time.sleep(0.2)
    found = sorted(p.relative_to(path.parents[1]).as_posix() for p in path.parent.parent.rglob("*.md"))
    pytest.fail(f"{path.name} was not written on main; files: {found}")


def _wait_for_text(path: Path, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in path.read_text(encoding="utf-8"):
            return
        time.sleep(0.2)
    pytest.fail(f"{path.name} on main does not hold «{text}»: {path.read_text(encoding='utf-8')}")
