"""Measure what search costs a reader, in a real browser: ``python tests/measure_search.py``.

For a built portal (``--site``) or one generated and built here
(``--documents N``, with ``python -m portal generate``), it opens pages in
headless Chromium against a local server and counts, from Playwright's
request events, the bytes downloaded:

* by a page load, before anything is typed (none of it may be the index);
* by one query typed into the header box (6 results) and into the results
  page (20 results), each in a fresh browser profile, so nothing is cached.

It also runs the issue's queries and prints how many results each finds and
the first one, so the figures in the README come with proof that search works
at that size. ``--lunr N`` builds an N-document portal a second time with
Material's lunr search, for the size of the index it would make every
reader download. Exits 1 if a query downloads more than the budget or a page
load fetches any of the index.

The server sends files as they are, without compression; a real host would
compress them, so the figures are upper bounds.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conftest import CHROMIUM, ROOT, portal_env, serve  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from portal.derive.search import INDEX_DIR  # noqa: E402

QUERY_BUDGET = 300_000
"""Bytes one query may download in total (issue 6)."""
QUERIES = ("tre em", "trẻ em", "hoan canh dac biet", "duoi nuoc", "dong", "Đông", "ha giang", "trung thu",
           "da nang", "35/KH-BCĐ", "35/kh-bcd")
DONE = re.compile(r"^(Có \d+ kết quả|Không tìm thấy)")


@dataclass(frozen=True)
class Transfer:
    """Bytes downloaded during one phase of a visit."""

    total: int
    """Response bodies and headers, all requests."""
    index: int
    """The part under the index folder (portal.search.INDEX_DIR)."""
    requests: int


@dataclass(frozen=True)
class QueryRun:
    """One query typed into one box."""

    query: str
    where: str
    results: int
    first: str
    load: Transfer
    search: Transfer


def _sum(entries: list[tuple[str, int]]) -> Transfer:
    return Transfer(sum(b for _, b in entries), sum(b for u, b in entries if "/" + INDEX_DIR in u), len(entries))


def run_query(browser, base: str, start_page: str, query: str, where: str) -> QueryRun:
    from playwright.sync_api import expect

    context = browser.new_context()  # a fresh profile: empty cache
    page = context.new_page()
    phase: dict[str, list[tuple[str, int]]] = {"load": [], "search": []}
    current = ["load"]

    def finished(request) -> None:
        sizes = request.sizes()
        phase[current[0]].append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    page.on("requestfinished", finished)
    page.goto(base + start_page, wait_until="networkidle")
    current[0] = "search"
    if where == "header":
        page.fill("header form[role=search] input[name=q]", query)
        status, items = page.locator(".pt-search__status"), page.locator(".pt-search__list > li")
    else:
        page.fill("#pt-q", query)
        status, items = page.locator(".pt-search-page__status"), page.locator(".pt-results > li")
    expect(status).to_have_text(DONE, timeout=60_000)
    match = re.match(r"Có (\d+)", status.inner_text())
    count = int(match.group(1)) if match else 0
    if count:
        expect(items.first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    first = ""
    if count:
        title = items.first.locator(".pt-result__title").inner_text()
        meta = items.first.locator(".pt-result__meta").inner_text()
        first = f"{title} ({meta})"
    context.close()
    return QueryRun(query, where, count, first, _sum(phase["load"]), _sum(phase["search"]))


def _build(project: Path, site: Path) -> float:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, capture_output=True, text=True, env=portal_env(),
    )
    if result.returncode != 0:
        sys.exit(f"Dựng cổng thất bại:\n{result.stderr[-3000:]}")
    return time.monotonic() - started


def _generate(out: Path, documents: int) -> None:
    subprocess.run([sys.executable, "-m", "portal", "generate", "--out", str(out), "--documents", str(documents)],
                   check=True, env=portal_env(), cwd=ROOT, capture_output=True)


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def lunr_index_size(documents: int, work: Path) -> tuple[int, int]:
    """(lunr search_index.json bytes, the portal's index bytes) for one generated portal."""
    project = work / f"lunr-{documents}"
    _generate(project, documents)
    own_site = project / "site-own"
    _build(project, own_site)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^plugins: \[\].*$", "plugins:\n  - search", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    lunr_site = project / "site-lunr"
    _build(project, lunr_site)
    return (lunr_site / "search" / "search_index.json").stat().st_size, _size(own_site / INDEX_DIR)[0]


def _first_number(plans: Path) -> str | None:
    for file in sorted(plans.rglob("*.md")):
        match = re.search(r"(?m)^number: (.+)$", file.read_text(encoding="utf-8"))
        if match and "Đ" in match.group(1):
            return match.group(1).strip().strip('"')
    return None


def _kb(n: int) -> str:
    return f"{n / 1000:,.1f} kB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built portal to measure")
    parser.add_argument("--documents", type=int, default=20000, help="documents of the generated portal")
    parser.add_argument("--keep", type=Path, help="folder to generate and build in (kept afterwards)")
    parser.add_argument("--lunr", type=int, default=0, help="also compare Material's lunr index at this many documents")
    parser.add_argument("--query", action="append", help="queries to run (default: the issue's list)")
    args = parser.parse_args(argv)

    if not Path(CHROMIUM).is_file():
        # Before any work: Playwright's own message is an English traceback.
        sys.exit(f"Không tìm thấy chromium ở {CHROMIUM}: chạy `make chromium` (cài gói Debian) rồi đo lại.")
    work = args.keep or Path(tempfile.mkdtemp(prefix="measure-search-"))
    project = work / "portal"
    if args.site:
        site = args.site
        number = None
    else:
        print(f"Sinh cổng {args.documents} văn bản và dựng trong {project} …", flush=True)
        _generate(project, args.documents)
        number = _first_number(project / "plans")
        site = project / "site"
        print(f"Dựng xong trong {_build(project, site):.0f} giây", flush=True)
    pages = sum(1 for _ in site.rglob("index.html"))
    bundle, files = _size(site / INDEX_DIR)
    print(f"\n{pages} trang; chỉ mục tìm kiếm {_kb(bundle)} trong {files} tệp")

    from playwright.sync_api import sync_playwright

    queries = list(args.query or QUERIES) + ([number] if number else [])
    start = next(str(p.parent.relative_to(site)) + "/" for p in sorted(site.glob("don-vi/*/*/index.html")))
    base, server = serve(site)
    failures = []
    runs: list[QueryRun] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                for where, page in (("header", start), ("page", "tim-kiem/")):
                    run = run_query(browser, base, page, query, where)
                    runs.append(run)
                    if run.load.index:
                        failures.append(f"{page}: tải {_kb(run.load.index)} chỉ mục trước khi tìm")
                    if run.search.total > QUERY_BUDGET:
                        failures.append(f"«{query}» ({where}): {_kb(run.search.total)} > {_kb(QUERY_BUDGET)}")
                    if not run.results:
                        failures.append(f"«{query}» ({where}): không có kết quả")
            browser.close()
    finally:
        server.shutdown()

    print("\n| Truy vấn | Ô tìm kiếm | Kết quả | Tải khi mở trang | Tải cho truy vấn (chỉ mục) | Kết quả đầu |")
    print("|---|---|---:|---:|---:|---|")
    for run in runs:
        box = "đầu trang (6)" if run.where == "header" else "trang kết quả (20)"
        print(f"| {run.query} | {box} | {run.results} | {_kb(run.load.total)} (chỉ mục: {_kb(run.load.index)}) "
              f"| {_kb(run.search.total)} ({_kb(run.search.index)}, {run.search.requests} yêu cầu) | {run.first} |")
    worst = max(runs, key=lambda r: r.search.total)
    print(f"\nTruy vấn tốn nhất: «{worst.query}» ({worst.where}) {_kb(worst.search.total)}")
    if args.lunr:
        lunr, own = lunr_index_size(args.lunr, work)
        print(f"\n{args.lunr} văn bản: chỉ mục lunr của Material {_kb(lunr)} (tải trọn khi mở ô tìm kiếm); "
              f"chỉ mục của cổng {_kb(own)} cả bộ, tải theo từng phần")
    if not args.keep and not args.site:
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("LỖI:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
