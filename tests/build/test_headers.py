"""The security headers step: hashes, foreign resources, _headers and meta policies."""

from __future__ import annotations


import base64
import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import html as lxml_html

from conftest import parse
from portal.output import headers
from portal.output.headers import Inline, UnsafeSiteError

# The example of the CSP Level 3 specification (section "Hash usage for
# script elements"): its expected source is written there, not computed here.
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>alert('Hello, world.');</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/x.js"></script>
<script type="module">import "./y.js"</script>
<style>.a{color:red}</style>
</head><body>
<table><tr><td style="text-align: center;">1</td><td style="text-align: center;">2</td></tr></table>
<a href="https://gov.vn/">link</a>
<link rel="canonical" href="https://example.org/x/">
</body></html>
"""

# The step reads only whether the build is for the preview server.
PUBLISHED = SimpleNamespace(settings=SimpleNamespace(preview=False), scan=None)


def test_hash_matches_the_csp_specification() -> None:
    assert headers.csp_hash(SPEC_SCRIPT) == SPEC_HASH


def test_find_inline_hashes_only_executable_inline_code() -> None:
    found = headers.find_inline(PAGE)
    assert found.scripts == {SPEC_HASH, headers.csp_hash('import "./y.js"')}
    assert found.styles == {headers.csp_hash(".a{color:red}")}
    assert found.style_attributes == {headers.csp_hash("text-align: center;")}


def test_style_attribute_is_hashed_after_entity_decoding() -> None:
    found = headers.find_inline('<p style="content: &quot;x&quot;">')
    assert found.style_attributes == {headers.csp_hash('content: "x"')}


@pytest.mark.parametrize("snippet", [
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
    '<link href="//fonts.gstatic.com/s/roboto.woff2" rel="preload" as="font">',
    '<img src="https://tracker.example/pixel.gif" alt="">',
    '<img src="a.png" srcset="a.png 1x, https://cdn.example/a@2x.png 2x">',
    '<script src="https://cdn.example/lib.js"></script>',
    '<video poster="http://cdn.example/p.jpg"></video>',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    "<style>@import 'https://fonts.googleapis.com/css';</style>",
    '<style>body{background:url("https://cdn.example/bg.png")}</style>',
])
def test_foreign_resources_are_found(snippet: str) -> None:
    assert len(headers.foreign_resources(snippet)) == 1, snippet


@pytest.mark.parametrize("snippet", [
    '<a href="https://gov.vn/">liên kết</a>',
    '<link rel="canonical" href="https://example.org/x/">',
    '<link rel="alternate" type="application/rss+xml" href="https://example.org/feed.xml">',
    '<link rel="stylesheet" href="../assets/stylesheets/main.css">',
    '<img src="data:image/png;base64,AAAA" alt="">',
    "<style>.i{mask-image:url('data:image/svg+xml;charset=utf-8,<svg><!-- https://fontawesome.com --></svg>')}</style>",
])
def test_own_and_clicked_urls_are_not_foreign(snippet: str) -> None:
    assert headers.foreign_resources(snippet) == []


def test_policy_directives() -> None:
    inline = Inline(frozenset({SPEC_HASH}), frozenset(), frozenset())
    policy = dict(d.split(" ", 1) for d in headers.content_security_policy(inline).split("; "))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == f"'self' {SPEC_HASH}"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == policy["form-action"] == "'self'"
    whole = headers.content_security_policy(inline)
    # Nothing on the portal compiles code: no eval, no WebAssembly, no inline code but hashed.
    assert "unsafe-inline" not in whole and "unsafe-eval" not in whole


def test_style_attributes_need_unsafe_hashes_only_when_present() -> None:
    attribute = headers.csp_hash("text-align: right;")
    policy = headers.content_security_policy(Inline(frozenset(), frozenset(), frozenset({attribute})))
    assert f"style-src 'self' 'unsafe-hashes' {attribute};" in policy
    plain = headers.content_security_policy(Inline(frozenset(), frozenset(), frozenset()))
    assert "unsafe-hashes" not in plain


def test_meta_policy_leaves_out_frame_ancestors() -> None:
    inline = Inline(frozenset(), frozenset(), frozenset())
    meta = headers.content_security_policy(inline, for_meta=True)
    assert "frame-ancestors" not in meta
    assert headers.content_security_policy(inline) == meta + "; frame-ancestors 'none'"


def test_meta_goes_before_the_first_script_and_is_replaced_not_repeated() -> None:
    once = headers.with_meta_policy(PAGE, "default-src 'none'")
    twice = headers.with_meta_policy(once, "default-src 'none'")
    assert twice == once
    changed = headers.with_meta_policy(once, "default-src 'self'")
    assert changed.count("Content-Security-Policy") == 1
    assert once.index('http-equiv="Content-Security-Policy"') < once.index("<script")
    tree = lxml_html.fromstring(once)
    assert tree.xpath("//meta[@http-equiv]/@content") == ["default-src 'none'"]


def _tiny_site(tmp_path: Path, css: str = "body{}") -> Path:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "a" / "index.html").write_text(PAGE.replace("Hello", "Xin chào"), encoding="utf-8")
    (site / "main.css").write_text(css, encoding="utf-8")
    return site


def test_step_writes_headers_and_meta_deterministically(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path)
    headers.step(site, PUBLISHED)
    first = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    headers.step(site, PUBLISHED)
    assert {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} == first
    rules = (site / "_headers").read_text(encoding="utf-8")
    assert rules.startswith("/*\n")
    fields = dict(line.strip().split(": ", 1) for line in rules.splitlines()[1:])
    assert fields["X-Content-Type-Options"] == "nosniff"
    assert fields["X-Frame-Options"] == "DENY"
    assert fields["Referrer-Policy"] in {"strict-origin-when-cross-origin", "no-referrer"}
    assert "camera=()" in fields["Permissions-Policy"]
    script_src = next(d for d in fields["Content-Security-Policy"].split("; ") if d.startswith("script-src"))
    # Both pages' inline scripts are allowed, and nothing compiles code.
    assert SPEC_HASH in script_src
    assert headers.csp_hash("alert('Xin chào, world.');") in script_src
    assert "wasm" not in script_src
    meta = parse(site / "a" / "index.html").xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert meta == [fields["Content-Security-Policy"].removesuffix("; frame-ancestors 'none'")]


def test_step_reads_only_pages_not_scanned_in_memory(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path)
    written = PAGE.replace("Hello", "Chào bạn")
    context = SimpleNamespace(settings=PUBLISHED.settings, scan=headers.Scan())
    found = context.scan.add("a/index.html", written)
    context.scan.written.add("a/index.html")
    # The page on disk differs from what was scanned: the step must not read or rewrite it.
    (site / "a" / "index.html").write_text("untouched", encoding="utf-8")
    headers.step(site, context, context.scan)
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "untouched"
    script_src = next(d for d in (site / "_headers").read_text(encoding="utf-8").split("; ") if "script-src" in d)
    assert headers.csp_hash("alert('Chào bạn, world.');") in script_src
    assert found.scripts <= set(script_src.split())
    # The page read from disk got the union policy.
    assert headers.csp_hash("alert('Chào bạn, world.');") in (site / "index.html").read_text(encoding="utf-8")


def test_union_keeps_every_hash() -> None:
    a = Inline(frozenset({"'sha256-a'"}), frozenset(), frozenset({"'sha256-s'"}))
    b = Inline(frozenset({"'sha256-b'"}), frozenset({"'sha256-c'"}), frozenset())
    assert headers.union(a, b) == Inline(frozenset({"'sha256-a'", "'sha256-b'"}), frozenset({"'sha256-c'"}),
                                         frozenset({"'sha256-s'"}))


def test_step_refuses_a_site_that_loads_foreign_fonts(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path, css="@import url(https://fonts.googleapis.com/css2?family=Roboto);")
    with pytest.raises(UnsafeSiteError, match="main.css: https://fonts.googleapis.com"):
        headers.step(site, PUBLISHED)
    assert not (site / "_headers").exists()


# --- the built sample -------------------------------------------------------

def _directives(policy: str) -> dict[str, set[str]]:
    return {d.split()[0]: set(d.split()[1:]) for d in policy.split("; ")}


@pytest.mark.slow
def test_sample_policy_covers_every_inline_script(sample_site: Path) -> None:
    rules = (sample_site / "_headers").read_text(encoding="utf-8")
    policy = next(line.split(": ", 1)[1] for line in rules.splitlines() if "Content-Security-Policy" in line)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src")).split()
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 10
    executable = 0
    site_directives = _directives(policy)
    for page in pages:
        tree = parse(page)
        meta = tree.xpath("//head/meta[@http-equiv='Content-Security-Policy']")
        assert len(meta) == 1, page
        page_directives = _directives(meta[0].get("content"))
        # lxml reads the scripts independently of the step's own pattern.
        for script in tree.xpath("//script[not(@src)]"):
            if script.get("type", "") in {"", "text/javascript", "module"}:
                executable += 1
                digest = hashlib.sha256((script.text or "").encode("utf-8")).digest()
                source = f"'sha256-{base64.b64encode(digest).decode()}'"
                assert source in script_src, page
                assert source in page_directives["script-src"], page
        first_script = tree.xpath("//head/script")
        assert not first_script or meta[0].getparent().index(meta[0]) < first_script[0].getparent().index(first_script[0])
        # The browser enforces both policies: the page's own never allows more than the site's.
        assert page_directives.keys() == site_directives.keys() - {"frame-ancestors"}, page
        assert all(page_directives[name] <= site_directives[name] for name in page_directives), page
    assert executable >= len(pages)  # Material puts at least one in each page


@pytest.mark.slow
def test_sample_loads_nothing_from_other_hosts(sample_site: Path) -> None:
    for path in sorted(sample_site.rglob("*")):
        if path.suffix in {".html", ".css"}:
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
            found = headers.foreign_resources(text) if path.suffix == ".html" else headers.foreign_in_css(text)
            assert found == [], path


def test_step_gives_the_editor_its_own_policy(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path)
    (site / "admin").mkdir()
    (site / "admin" / "config.yml").write_text("backend: {name: github, repo: org/cong}\n", encoding="utf-8")
    editor_page = '<!doctype html><html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="own"></head></html>'
    (site / "admin" / "index.html").write_text(editor_page, encoding="utf-8")
    headers.step(site, PUBLISHED)
    # The editor's page keeps the policy it was written with; the others get the strict one.
    assert (site / "admin" / "index.html").read_text(encoding="utf-8") == editor_page
    assert "unsafe-eval" not in (site / "a" / "index.html").read_text(encoding="utf-8")
    rules = (site / "_headers").read_text(encoding="utf-8").split("\n")
    policies = {rules[i - 1]: line.split(": ", 1)[1] for i, line in enumerate(rules) if "Content-Security-Policy" in line}
    assert set(policies) == {"/", "/a/*", "/index.html", "/main.css", "/admin/*"}
    assert "'unsafe-eval'" in policies["/admin/*"] and "https://api.github.com" in policies["/admin/*"]
    assert all(SPEC_HASH in policies[p] and "unsafe-eval" not in policies[p] for p in policies if p != "/admin/*")
