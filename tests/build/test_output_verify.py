"""The output verifier in real builds: what could run in a browser fails the build, naming its source.

Contributor content cannot put such code there any more (``check`` and the
sanitizer stop it), so these builds let it in by the doors the verifier is
for: a handwritten page of docs/ (rendered by MkDocs, never sanitized), and a
theme partial that prints author text into an attribute unescaped, as
Material's table of contents once printed heading ids.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, copy_project, try_build

pytestmark = pytest.mark.slow


def test_an_event_handler_in_a_handwritten_page_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs/huong-dan/luu-tru.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(3, '<img src="x.png" alt="" onerror="window.__xss_docs=1">')
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = try_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "không xuất bản trang này" in result.stderr
    assert "huong-dan/luu-tru/index.html" in result.stderr
    # The source and the line the payload was written on.
    assert "(từ docs/huong-dan/luu-tru.md:4)" in result.stderr, result.stderr
    assert "thuộc tính sự kiện «onerror»" in result.stderr


def test_a_partial_printing_author_text_raw_fails_the_build_at_the_document_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # A theme override that writes the heading into an attribute without escaping it.
    partial = project / "hooks/theme/partials/toc-item.html"
    partial.write_text('<li class="md-nav__item"><a href="{{ toc_item.url }}" title="{{ toc_item.title }}" '
                       'class="md-nav__link">{{ toc_item.title }}</a></li>\n', encoding="utf-8")
    source = sorted((project / "plans").rglob("20*.md"))[0]
    text = source.read_text(encoding="utf-8").rstrip("\n")
    text += '\n\n## Lời "chào" onmouseover="window.__xss_toc=1"\n\nĐoạn.\n\n## Phần hai\n\nĐoạn.\n'
    source.write_text(text, encoding="utf-8")
    line = text.splitlines().index('## Lời "chào" onmouseover="window.__xss_toc=1"') + 1
    result = try_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    relative = source.relative_to(project).as_posix()
    assert f"(từ {relative}:{line})" in result.stderr, result.stderr
    assert "onmouseover" in result.stderr


def test_the_sample_passes_the_verifier(sample_site: Path) -> None:
    # The sample was built by the fixture with the verifier on: its own scripts are allowed.
    assert (sample_site / "index.html").is_file()
    assert (ROOT / "mkdocs.yml").is_file()


def test_the_second_lock_holds_for_every_refused_markdown_payload() -> None:
    # Were check to miss one, the sanitizer and the escaped table of contents leave nothing that runs.
    from mkdocs.config import load_config

    from conftest import attack_corpus
    from material_theme import MaterialEngine
    from portal.content import sanitize
    from portal.output import verify

    config = load_config(str(ROOT / "mkdocs.yml"))
    engine = MaterialEngine(config)
    payloads = [line.split("\t", 1)[1] for line in attack_corpus("markdown.txt")]
    assert len(payloads) >= 25
    for payload in payloads:
        html, toc = engine.convert("Mở đầu.\n\n" + payload + "\n\n## Kết\n")
        body = sanitize.clean_html(html)
        items = engine.toc_items(engine.toc_entries(toc))
        assert "md-nav__link" in items, payload
        assert verify.verify("trang", body) == [], payload
        assert verify.verify("mục lục", items) == [], (payload, items)
