"""The attack corpus against the real check, the real build and a real browser.

Two kinds of hostile content, handled differently by design:

* **Refused by ``check``** (so the build never starts): raw HTML and
  ``javascript:``/``data:`` links in the Markdown body (tests/attacks/xss.txt),
  URLs that are not plain http(s) in front-matter URL fields, files that are
  not Markdown or photos in unit folders, and personal identifiers
  (tests/attacks/pii.txt). Each is reported with its file and line, because a
  contributor has to find and remove it.
* **Accepted and neutralized**: text that merely *looks* like code where the
  portal shows plain text (titles, summaries, issuers, unit names, activity
  titles, alt text, code blocks, escaped entities). Refusing it would reject
  honest text such as "<5 tuổi"; it is escaped when printed. The portal in
  tests/attacks/portal/ is made of such content: it passes ``check``, is built,
  and no script, event handler or script URL may survive in any page, nor open
  a dialog or send a request elsewhere in Chromium.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit

import pytest
from lxml import html as lxml_html
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT, attack_corpus, build_site, copy_project, parse, portal_env, serve, site_prefix, text_of
from portal.content.check import check_portal
from portal.model.problems import Problem

ATTACKS = ROOT / "tests" / "attacks"
PORTAL = ATTACKS / "portal"
UNIT = "plans/tinh-thu/xa-thu"

# Attributes that hold a URL the browser may follow or load.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background", "cite"}
SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
ACTIVE_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}


def corpus(name: str) -> list[str]:
    lines = (ATTACKS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("# ")]


def pii_corpus() -> list[tuple[str, str, str]]:
    return [tuple(line.split("\t")) for line in attack_corpus("pii.txt")]  # type: ignore[misc]


def attack_copy(tmp_path: Path) -> Path:
    """A writable copy of the attack portal (content only: check needs no theme)."""
    root = tmp_path / "portal"
    shutil.copytree(PORTAL / "plans", root / "plans")
    return root


def news(title: str, body_lines: list[str], front: list[str] = ()) -> tuple[str, int]:
    """A news file and the line where its body starts."""
    head = ["---", "kind: news", f"title: {title}", "date: 2023-06-02", *front, "---", ""]
    return "\n".join(head + body_lines) + "\n", len(head) + 1


def places(problems: tuple[Problem, ...]) -> set[tuple[str, int]]:
    return {(p.path, p.line) for p in problems}


# --- refused by check -------------------------------------------------------

def test_attack_portal_is_accepted_content() -> None:
    # Everything in tests/attacks/portal/ is meant to pass: it is neutralized later.
    report = check_portal(PORTAL)
    assert report.problems == (), "\n".join(map(str, report.problems))
    assert len(report.portal.documents) == 3 and len(report.portal.units) == 2


def test_check_reports_every_xss_payload_with_file_and_line(tmp_path: Path) -> None:
    root = attack_copy(tmp_path)
    expected: dict[str, int] = {}
    for number, payload in enumerate(corpus("xss.txt"), 1):
        text, body = news(f"Tin thử số {number}", ["Đoạn mở đầu bình thường.", "", payload, "", "Đoạn kết."])
        source = f"{UNIT}/2023-06-xss-{number:02d}.md"
        (root / source).write_text(text, encoding="utf-8")
        expected[source] = body + 2
    report = check_portal(root)
    found = places(report.problems)
    missing = [(s, line, (root / s).read_text(encoding="utf-8").splitlines()[line - 1])
               for s, line in expected.items() if (s, line) not in found]
    assert missing == []
    assert len(expected) >= 60
    # Nothing else was blamed: the rest of each file is harmless.
    assert {p.path for p in report.problems} == set(expected)


VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def test_check_refuses_every_markdown_extension_payload_with_file_line_field(tmp_path: Path) -> None:
    root = attack_copy(tmp_path)
    spans: dict[str, tuple[str, range]] = {}
    payloads = [line.split("\t", 1) for line in attack_corpus("markdown.txt")]
    for number, (extension, payload) in enumerate(payloads, 1):
        text, body = news(f"Tin thử phần mở rộng {number}", ["Mở đầu.", "", payload, "", "Kết."])
        source = f"{UNIT}/2023-06-md-{number:02d}.md"
        (root / source).write_text(text, encoding="utf-8")
        spans[source] = (extension, range(body + 2, body + 3 + payload.count("\n")))
    problems = check_portal(root).problems
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    assert set(by_file) == set(spans), sorted(set(spans) - set(by_file))
    for source, (extension, lines) in spans.items():
        for problem in by_file[source]:
            assert problem.line in lines, (extension, problem)
            assert problem.field.startswith("body"), (extension, problem)
            assert VIETNAMESE.search(problem.message) and problem.code != "P-KHAC", (extension, problem)
    # Every extension in use has payloads.
    extensions = {extension for extension, _ in payloads}
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_use = set(re.findall(r"^  - (\w+)", config.split("markdown_extensions:", 1)[1].split("\n\n", 1)[0], re.MULTILINE))
    assert in_use | {"fenced_code"} <= extensions, in_use - extensions
    # The command line says the same, without a traceback.
    result = subprocess.run([sys.executable, "-m", "portal", "check", str(root)], capture_output=True, text=True,
                            env=portal_env(), timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{UNIT}/2023-06-md-01.md:" in result.stdout + result.stderr


@pytest.mark.parametrize(("field", "value"), [
    ("source", "javascript:alert(1)"),
    ("source", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    ("source", "'https://example.org/\"><script>alert(1)</script>'"),
    ("source", "\"https://example.org/' onmouseover='alert(1)\""),
    ("source", "//evil.example/x"),
])
def test_check_refuses_script_urls_in_front_matter(tmp_path: Path, field: str, value: str) -> None:
    root = attack_copy(tmp_path)
    text, _ = news("Tin có địa chỉ lạ", ["Nội dung."], [f"{field}: {value}"])
    source = f"{UNIT}/2023-06-url.md"
    (root / source).write_text(text, encoding="utf-8")
    problems = check_portal(root).problems
    assert [(p.path, p.line, p.field) for p in problems] == [(source, 5, field)]


@pytest.mark.parametrize("name", ["trang.html", "hinh.svg", "ma.js", "_headers", ".htaccess", "kieu.css"])
def test_check_refuses_active_files_in_unit_folders(tmp_path: Path, name: str) -> None:
    root = attack_copy(tmp_path)
    (root / UNIT / name).write_text("<script>alert(1)</script>\n", encoding="utf-8")
    problems = check_portal(root).problems
    assert [(p.path, p.line) for p in problems] == [(f"{UNIT}/{name}", 0)]


def test_check_reports_each_pii_form_with_file_and_line(tmp_path: Path) -> None:
    root = attack_copy(tmp_path)
    expected: set[tuple[str, int]] = set()
    for number, (kind, found, line) in enumerate(pii_corpus(), 1):
        summary = "summary: '" + line.replace("'", "''") + "'"
        text, body = news(f"Tin số {number}", ["Mở đầu.", line, "Kết."], [summary])
        source = f"{UNIT}/2023-06-pii-{number:02d}.md"
        (root / source).write_text(text, encoding="utf-8")
        # In the front matter and in the body (after a summary as many lines long as the form).
        expected |= {(source, 5), (source, body + 1 + line.count("\n"))}
    report = check_portal(root)
    # Some forms are raw HTML too (<b>, an autolink): that is reported besides.
    pii = tuple(p for p in report.problems if p.code.startswith("P-PII"))
    assert expected <= places(pii), sorted(expected - places(pii))
    assert {p.path for p in report.problems} == {s for s, _ in expected}
    for problem in pii:
        # Plain Vietnamese: the law it protects and what to do.
        assert "trẻ em" in problem.message.lower(), problem


def test_check_accepts_the_allow_list_and_ordinary_numbers(tmp_path: Path) -> None:
    root = attack_copy(tmp_path)
    allowed = [
        "Gọi Tổng đài quốc gia bảo vệ trẻ em 111 (miễn phí), hoặc 113, 114, 115.",
        "Đường dây nóng 1800 1567 và 1900 6868.",
        "Văn phòng tỉnh: 0237 3831 999, thư vanphong@tinhthu.gov.vn.",
        "Tổng đài 111 nhận thư qua tongdai111@molisa.gov.vn.",
        "Sở Y tế: soyte@tinhthu.gov.vn.",
    ]
    text, _ = news("Tin có số điện thoại chính thức", allowed + corpus("not-pii.txt"))
    source = f"{UNIT}/2023-06-lien-he.md"
    (root / source).write_text(text, encoding="utf-8")
    assert check_portal(root).problems == ()
    # The same file with one personal mobile number is refused on that line only.
    (root / source).write_text(text.replace("0237 3831 999", "0912 345 678"), encoding="utf-8")
    problems = check_portal(root).problems
    line = text.splitlines().index(allowed[2]) + 1
    assert [(p.path, p.line) for p in problems] == [(source, line)]


# --- accepted, built and neutralized ----------------------------------------

@pytest.fixture(scope="module")
def attack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("attack-project"), PORTAL / "plans")
    dest = tmp_path_factory.mktemp("attack-site")
    build_site(project, dest)
    return dest


def _scripts(site: Path) -> tuple[set[str], set[str]]:
    """Script files (by site path) and inline scripts (with page depth removed) of a site."""
    files: set[str] = set()
    inline: set[str] = set()
    for page in site.rglob("*.html"):
        for script in parse(page).iter("script"):
            src = script.get("src")
            if src:
                path = urlsplit(src).path
                # The 404 page links from the site's sub-path, the others relatively.
                start = site if path.startswith("/") else page.parent
                resolved = (start / path.removeprefix(site_prefix())).resolve()
                files.add(resolved.relative_to(site.resolve()).as_posix())
            else:
                # Material writes the page's depth ("../..") and the site
                # sub-path into its bootstrap scripts; the rest is fixed.
                text = re.sub(r'"(?:\.\.?/?)+"|"/[\w\-/]*/"', '"BASE"', script.text or "")
                inline.add(text)
    return files, inline


@pytest.mark.slow
def test_no_script_of_contributors_survives(attack_site: Path, sample_site: Path) -> None:
    attack_files, attack_inline = _scripts(attack_site)
    sample_files, sample_inline = _scripts(sample_site)
    # Every script is the theme's or the portal's own: the same as in the sample.
    assert attack_files <= sample_files, attack_files - sample_files
    assert attack_inline <= sample_inline, attack_inline - sample_inline
    assert not any("alert" in s for s in attack_inline | attack_files)


@pytest.mark.slow
def test_no_event_handler_script_url_or_frame_survives(attack_site: Path) -> None:
    pages = sorted(attack_site.rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        for element in parse(page).iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in ACTIVE_TAGS, (page, element.tag)
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (page, element.tag, name, value)
                if name.lower() in URL_ATTRIBUTES:
                    # Browsers drop control characters and spaces before reading the scheme.
                    probe = re.sub(r"[\x00-\x20]", "", value)
                    assert not SCRIPT_URL.match(probe), (page, element.tag, name, value)
            if element.tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
                pytest.fail(f"{page}: meta refresh")


@pytest.mark.slow
def test_payloads_are_shown_as_text(attack_site: Path) -> None:
    plan = parse(attack_site / "don-vi/tinh-thu/xa-thu/2023-ke-hoach-1/index.html")
    heading = text_of(plan.xpath("//h1")[0])
    assert heading.startswith("<script>alert('tieu-de')</script>Kế hoạch thử")
    assert "<script>alert('tieu-de')</script>" in text_of(plan.xpath("//title")[0])
    body = text_of(plan.xpath("//article")[0])
    assert "<script>alert('khoi-ma')</script>" in body  # the fenced code block, as code
    assert "<script>alert('thuc-the')</script>" in body  # entities stay entities
    unit = parse(attack_site / "don-vi/tinh-thu/index.html")
    assert "<img src=x onerror=alert('ten-don-vi')>" in text_of(unit.xpath("//h1")[0])
    newsitem = parse(attack_site / "don-vi/tinh-thu/xa-thu/2023-06-tin-thu/index.html")
    # Template syntax in content is text, never evaluated by MkDocs' or our Jinja.
    assert "{{ config }}" in text_of(newsitem.xpath("//article")[0])
    assert all("49" not in (m.get("content") or "") for m in newsitem.xpath("//meta"))
    alts = newsitem.xpath("//article//img/@alt")
    assert "\" onerror=\"alert('alt')" in alts


# --- in a real browser ------------------------------------------------------

@pytest.fixture(scope="module", params=["deployed", "without-csp"])
def attack_url(request: pytest.FixtureRequest, attack_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    site = attack_site
    if request.param == "without-csp":
        # The sanitizer alone must hold, as on a host that drops the policy.
        site = tmp_path_factory.mktemp("attack-no-csp") / "site"
        shutil.copytree(attack_site, site)
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text), encoding="utf-8")
    url, server = serve(site)
    yield url, site, request.param
    server.shutdown()


STIR = """() => {
    for (const el of document.querySelectorAll('body *, svg *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'toggle', 'error', 'load', 'begin']) {
            // A click on a link would leave the page: only its handlers are wanted.
            if (type === 'click' && el.closest('a, button, label, input, summary')) continue;
            el.dispatchEvent(new Event(type));
        }
    }
    return window.__xss === undefined ? null : String(window.__xss);
}"""
SEARCH_WORDS = ["script", "onerror", "onmouseover", "onfocus", "xss", "javascript", "alert", "img", "chiến dịch", "mở rộng"]


@pytest.mark.slow
def test_no_dialog_and_no_foreign_request_in_chromium(browser, attack_url: tuple[str, Path, str]) -> None:
    """Every page, feed and drawing of the attack site, and search results for the payloads' words:
    no dialog, no request elsewhere, no payload flag (window.__xss), no payload in the console."""
    base, site, mode = attack_url
    origin = urlsplit(base).netloc
    dialogs: list[str] = []
    foreign: list[str] = []
    flags: list[str] = []
    console: list[str] = []
    results: dict[str, int] = {}
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).scheme not in {"data", "blob", "about"} and urlsplit(r.url).netloc != origin else None)
    # A payload blocked by the policy shows as a violation; the sanitizer must not have left one to block.
    page.on("console", lambda m: console.append(f"{page.url}: {m.text}")
            if "xss" in m.text.lower() or "Content Security Policy" in m.text else None)
    documents = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in {".html", ".xml", ".svg"})
    addresses = [base + path for path in documents]
    addresses += [base + "tim-kiem/?q=" + quote(word) for word in SEARCH_WORDS]
    for address in addresses:
        page.goto(address, wait_until="load")
        if "tim-kiem/?q=" in address:
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_selector(".pt-results li", timeout=3000)
            results[address] = page.locator(".pt-results li").count()
        else:
            page.wait_for_timeout(30)
        flag = page.evaluate(STIR)
        if flag is not None:
            flags.append(f"{address}: {flag}")
    context.close()
    assert len(documents) >= 5 and any(d.endswith(".xml") for d in documents)
    assert dialogs == [], (mode, dialogs)
    assert foreign == [], (mode, foreign)
    assert flags == [], (mode, flags)
    assert console == [], (mode, console)
    # The payload pages were found, so their excerpts were shown (as text).
    assert results[base + "tim-kiem/?q=" + quote("mở rộng")] >= 1, results
    assert sum(results.values()) > len(SEARCH_WORDS), results


def test_check_reports_pii_in_unit_files(tmp_path: Path) -> None:
    root = attack_copy(tmp_path)
    unit_file = root / "plans/tinh-thu/_unit.yml"
    lines = unit_file.read_text(encoding="utf-8").splitlines()
    history = next(i for i, line in enumerate(lines) if line.startswith("history:"))
    lines[history] = "history: Người liên hệ ông Nguyễn Văn A, 0912 345 678, CCCD 001099012345, a.nguyen@gmail.com."
    unit_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_portal(root).problems
    # Three identifiers on one line; the declared office contact stays allowed.
    assert [(p.path, p.line) for p in problems] == [("plans/tinh-thu/_unit.yml", history + 1)] * 3
    assert all("Luật Trẻ em 2016" in p.message for p in problems)


@pytest.mark.parametrize("markup", [
    "![ảnh](https://tracker.example/pixel.gif)",
    "![ảnh](//tracker.example/pixel.gif)",
    '<img src="https://tracker.example/pixel.gif" alt="ảnh">',
])
def test_check_refuses_images_from_other_hosts(tmp_path: Path, markup: str) -> None:
    # Allowed by the sanitizer (https), but every reader's browser would call that host.
    root = attack_copy(tmp_path)
    text, body = news("Tin có ảnh ngoài", ["Mở đầu.", "", markup])
    source = f"{UNIT}/2023-06-anh-ngoai.md"
    (root / source).write_text(text, encoding="utf-8")
    problems = check_portal(root).problems
    assert (source, body + 2) in places(problems)
    assert any("tracker.example" in p.message for p in problems)
