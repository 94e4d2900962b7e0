"""Every page of the built sample speaks Vietnamese: no English interface word in what a reader sees or hears.

The runtime half (strings Material's and the portal's scripts add) is
tests/browser/test_ui_language_browser.py; both use tests/ui_language.py.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html
from ui_language import ATTRIBUTES, CONTENT_TAGS, english_words, quoted

SKIP = ("admin/",)
"""The web editor (Decap CMS) is checked with its own tests (item 6 of issue 23)."""


def readable(page: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """(where, text) of every text and attribute a reader meets, content elements left out."""
    found = [("<title>", page.findtext(".//title") or "")]
    for element in page.iter():
        if not isinstance(element.tag, str) or element.tag == "title":
            continue
        if element.tag in CONTENT_TAGS or any(a.tag in CONTENT_TAGS for a in element.iterancestors()):
            continue
        if element.text:
            found.append((f"<{element.tag}>", element.text))
        for child in element:
            if child.tail:
                found.append((f"<{element.tag}>", child.tail))
        for name in ATTRIBUTES:
            value = element.get(name)
            # An option's value is sent, not shown (its text is); a hidden field is never shown.
            if value and not (name == "value" and (element.tag == "option" or element.get("type") == "hidden")):
                found.append((f"<{element.tag} {name}>", value))
    return found


def test_the_scan_finds_planted_english() -> None:
    page = lxml_html.fromstring(
        '<html><head><title>Page not found</title></head><body><button aria-label="Back to top">↑</button>'
        '<input placeholder="Search"><img alt="x" title="Copy to clipboard"><p>Đọc <b>tiếp</b> Read more</p>'
        '<pre><code>Search: Next</code></pre><p>tệp PDF, CSV trên GitHub</p></body></html>')
    found = [w for _, text in readable(page) for w in english_words(text)]
    assert found == ["Page not found", "Back to top", "Search", "Copy to clipboard", "Read more"]


def test_no_english_interface_words_in_built_pages(sample_site: Path) -> None:
    pages = sorted(p for p in sample_site.rglob("*.html") if not str(p.relative_to(sample_site)).startswith(SKIP))
    assert len(pages) > 50
    problems = []
    for path in pages:
        page = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        site_path = path.relative_to(sample_site).as_posix()
        for where, text in readable(page):
            words = [w for w in english_words(text) if not quoted(site_path, w)]
            if words:
                problems.append(f"{path.relative_to(sample_site)}: {where} «{' '.join(text.split())[:80]}»: {', '.join(words)}")
    assert not problems, f"{len(problems)} chữ tiếng Anh trên giao diện:\n" + "\n".join(problems[:40])


def test_pages_declare_vietnamese(sample_site: Path) -> None:
    for path in [sample_site / "index.html", sample_site / "404.html", sample_site / "tim-kiem" / "index.html"]:
        page = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        assert page.get("lang") == "vi", path
