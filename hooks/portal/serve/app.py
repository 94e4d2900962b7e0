"""``python -m portal serve``: a full build, then a rebuild of what each save touches.

The engine is not imported here: the full build comes from the adapter beside
the package (``mkdocs_hooks.serve_build`` for MkDocs), handed in as a function.
Edits of documents are followed in part (:mod:`portal.serve.incremental`);
anything else that is watched (a unit, a catalogue, a photo, docs/,
mkdocs.yml, a template) is rebuilt in full, and the terminal says so.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, TextIO
from urllib.parse import urlsplit

import yaml

from ..build.pipeline import Build
from ..content.check import check_loaded
from ..content.load import load
from ..output import render
from . import depends, watch
from .incremental import FullBuildNeeded, Incremental
from .server import State, make_server

FullBuild = Callable[[Path, Path], Build]
"""The adapter's full build of a project into a folder, keeping its state (``Build.keep``)."""

_PACKAGE = Path(__file__).resolve().parents[1]
WATCHED = ("plans", "docs", "mkdocs.yml", str(_PACKAGE / "output" / "templates"), str(_PACKAGE.parent / "theme"))
"""Where a save may change the site (the theme folder is Material's overrides)."""


class Preview:
    """The preview of one project: its state between saves and the server's."""

    def __init__(self, root: Path, site_dir: Path, full_build: FullBuild, out: TextIO = sys.stdout) -> None:
        self.root, self.site_dir, self.full_build, self.out = root, site_dir, full_build, out
        self.state = State()
        self.incremental: Incremental | None = None
        self.snapshot = watch.snapshot(root, WATCHED)

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def full(self, why: str = "") -> None:
        """Check, then build everything (the first build, and what the incremental rebuild cannot follow)."""
        begun = time.perf_counter()
        if why:
            self.say(f"… dựng lại toàn bộ trang: {why}")
        self.incremental = None
        render.environment.cache_clear()  # a template may have changed
        loaded = load(self.root)
        problems, _, _ = check_loaded(loaded, self.root)
        if problems:
            self._problems(problems)
            return
        try:
            build = self.full_build(self.root, self.site_dir)
        except (Exception, SystemExit) as error:  # noqa: BLE001 (the engine's own errors: shown, the server goes on)
            self.say(f"Không dựng được trang: {error}")
            return
        self.incremental = Incremental(build, loaded)
        self.state.publish()
        self.say(f"Đã dựng toàn bộ trang ({time.perf_counter() - begun:.1f} s).")

    def follow(self, changes: watch.Changes) -> None:
        """Rebuild after ``changes``: in part when only documents changed and the last build succeeded."""
        begun = time.perf_counter()
        others = depends.needs_full_rebuild(changes.paths)
        if others or self.incremental is None:
            return self.full(f"{others[0]} đã thay đổi" if others else "lần dựng trước chưa xong")
        try:
            rebuilt = self.incremental.apply(set(changes.paths), visible=lambda written: self.state.publish(written=written))
        except FullBuildNeeded as why:
            return self.full(str(why))
        if rebuilt.problems:
            return self._problems(rebuilt.problems)
        if rebuilt.leaks:
            self.say("Trang dựng lại còn chứa thông tin cá nhân, không được xuất bản như vậy:")
            for leak in rebuilt.leaks:
                self.say(str(leak))
            self.state.publish(rebuilt.leaks, kept=False)
        names = ", ".join(sorted(changes.paths))
        self.say(f"Đã dựng lại sau khi lưu {names}: ghi {len(rebuilt.written)} tệp, xóa {len(rebuilt.removed)} "
                 f"({rebuilt.remade} trang và tệp được tạo lại, {time.perf_counter() - begun:.2f} s).")

    def _problems(self, problems) -> None:
        for problem in problems:
            self.say(str(problem))
        self.say(f"Có {len(problems)} lỗi: trang đang hiện bản dựng trước đó; sửa rồi lưu lại.")
        self.state.publish(tuple(problems))

    def poll(self) -> watch.Changes:
        """Changes since the last poll; a burst of saves (an editor writing twice) comes as one."""
        now = watch.snapshot(self.root, WATCHED)
        changes = watch.compare(self.snapshot, now)
        if changes:
            time.sleep(0.05)
            now = watch.snapshot(self.root, WATCHED)
            changes = watch.compare(self.snapshot, now)
        self.snapshot = now
        return changes


def site_prefix(root: Path) -> str:
    """The path of site_url ("/cong-tre-em/"), where a host serves the site, as the preview does."""
    try:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return "/"
    path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


def run(root: Path, full_build: FullBuild, address: str = "127.0.0.1", port: int = 8000,
        site_dir: Path | None = None, interval: float = 0.5, stop: threading.Event | None = None) -> int:
    """Serve ``root`` until interrupted (or ``stop`` is set)."""
    root = root.resolve()
    site_dir = site_dir or Path(tempfile.mkdtemp(prefix="portal-serve-"))
    preview = Preview(root, site_dir, full_build)
    prefix = site_prefix(root)
    server = make_server(site_dir, prefix, preview.state, address, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watcher = watch.Watcher(root, WATCHED)  # before the first build: a save during it is followed after
    preview.full()
    preview.say(f"Xem trước tại http://{address}:{server.server_address[1]}{prefix} (thư mục {site_dir}); "
                "lưu một tệp là trang tự tải lại. Dừng: Ctrl+C.")
    stop = stop or threading.Event()
    try:
        while not stop.is_set():
            saved = watcher.wait(interval)
            if saved:
                preview.follow(watch.Changes(changed=saved))
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
    return 0
