"""Edit-to-visible latency of the preview: ``python -m tools.serve_latency PROJECT``.

Starts ``python -m portal serve`` on a copy of the project, waits for its first
build, then saves five edits of different kinds (a body, a title, a target, a
date, a new file) one after another and, for each, measures the time from the
moment the file is saved until the served HTML contains the change (the
budget), and until the rebuild of everything else the save touches is done
(printed beside it: the preview writes the saved page first). The benchmark
(tools/bench.py) quotes the medians.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from portal.model.dates import parse_partial

REPO = Path(__file__).resolve().parents[1]
EPOCH = "1790000000"


@dataclass(frozen=True)
class Edit:
    kind: str
    """What is edited, in Vietnamese (printed)."""
    source: str
    """The file saved, relative to the project."""
    change: Callable[[str], str]
    """The file's new text from its old text ("" for a new file)."""
    page: str
    """Site path of the page that must show it."""
    shows: str
    """Text the served page must contain."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def edits(project: Path) -> list[Edit]:
    """Five edits of one generated plan (the first, in path order, with targets and a day of issue) and a new file."""
    plans = sorted((project / "plans").rglob("*.md"))
    for path in plans:
        text = path.read_text(encoding="utf-8")
        target = re.search(r"^  value: (\d+)/(\d+)$", text, re.MULTILINE)
        issued = re.search(r"^issued: (\d{4})-(\d\d)$", text, re.MULTILINE)
        if text.startswith("---\nkind: plan\n") and target and issued:
            break
    else:
        raise SystemExit("Không tìm thấy kế hoạch phù hợp để sửa trong kho sinh tự động")
    source = path.relative_to(project).as_posix()
    unit = path.parent.relative_to(project / "plans").as_posix()
    page = f"don-vi/{unit}/{path.stem}/"
    value = "97/113"  # a ratio no generated page shows
    year = issued.group(1)
    news = f"{year}-12-tin-do-thoi-gian-xem-truoc"
    news_text = (f"---\nkind: news\ntitle: Tin đo thời gian xem trước của {unit}\ndate: {year}-12-20\n---\n\n"
                 "Một tin ngắn được thêm trong lúc xem trước.\n")
    return [
        Edit("thân văn bản", source, lambda t: t + "\nĐoạn đo thời gian xem trước số một.\n", page,
             "Đoạn đo thời gian xem trước số một."),
        Edit("tiêu đề", source, lambda t: t.replace("\ntitle: ", "\ntitle: (Đã sửa) ", 1), page, "(Đã sửa) "),
        Edit("chỉ tiêu", source, lambda t: t.replace(target.group(0), f"  value: {value}", 1), page, value),
        Edit("ngày", source, lambda t: t.replace(issued.group(0), f"issued: {year}-{issued.group(2)}-17", 1), page,
             # As pages write it: months 3 to 12 take no leading zero (Decree 30/2020).
             parse_partial(f"{year}-{issued.group(2)}-17").vietnamese()),
        Edit("tệp mới", f"plans/{unit}/{news}.md", lambda _: news_text, f"don-vi/{unit}/{news}/",
             f"Tin đo thời gian xem trước của {unit}"),
    ]


def measure(project: Path, log: Callable[[str], None] = print) -> list[tuple[str, float, float]]:
    """(kind, seconds from saving to the served page showing it, to the rebuild's end) of each edit, on a copy of ``project``."""
    work = Path(tempfile.mkdtemp(prefix="portal-latency-"))
    copy = work / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", ".generated"))
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks"), "SOURCE_DATE_EPOCH": EPOCH}
    server = subprocess.Popen([sys.executable, "-m", "portal", "serve", str(copy), "-a", f"127.0.0.1:{port}",
                               "--site-dir", str(work / "site")], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    said: list[str] = []
    threading.Thread(target=lambda: said.extend(iter(server.stdout.readline, "")), daemon=True).start()
    try:
        deadline = time.monotonic() + 600
        while not any("Xem trước tại" in line for line in said):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Máy chủ xem trước không khởi động được:\n" + "".join(said))
            time.sleep(0.2)
        base = f"http://127.0.0.1:{port}" + re.search(r"http://[^/]+(/\S*)", "".join(said)).group(1)
        found = []
        for edit in edits(copy):
            rebuilt = sum("Đã dựng lại" in line for line in said)
            path = copy / edit.source
            if edit.shows in _get(base + edit.page):
                raise RuntimeError(f"Trang {edit.page} đã có «{edit.shows}» trước khi sửa: phép đo vô nghĩa")
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            path.write_text(edit.change(old), encoding="utf-8")
            saved = time.perf_counter()
            while edit.shows not in _get(base + edit.page):
                if time.perf_counter() - saved > 120:
                    raise RuntimeError(f"Sau 120 s trang {edit.page} vẫn chưa có «{edit.shows}»:\n" + "".join(said[-5:]))
                time.sleep(0.01)
            seconds = time.perf_counter() - saved
            # The next save waits for this rebuild's last file (search index, sitemap).
            while sum("Đã dựng lại" in line for line in said) == rebuilt and server.poll() is None:
                time.sleep(0.01)
            done = time.perf_counter() - saved
            found.append((edit.kind, seconds, done))
            log(f"  sửa {edit.kind}: {seconds:.2f} s (dựng lại xong sau {done:.2f} s)")
        if any("toàn bộ trang:" in line for line in said):
            raise RuntimeError("Một lần sửa văn bản đã dựng lại toàn bộ trang:\n" + "".join(said))
        return found
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.serve_latency",
                                     description="Đo thời gian từ lúc lưu tệp đến lúc trang xem trước hiện thay đổi")
    parser.add_argument("project", help="thư mục của cổng (ví dụ bench-results/corpus-2000-seed1)")
    args = parser.parse_args(argv)
    found = measure(Path(args.project))
    print(f"Trung vị {statistics.median(s for _, s, _ in found):.2f} s trên {len(found)} lần sửa "
          f"(dựng lại xong: {statistics.median(d for _, _, d in found):.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
