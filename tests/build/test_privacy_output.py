"""The last net in a real build: no personal-data form reaches the site, amounts and counts do.

``check`` refuses every form of tests/attacks/pii.txt in plans/ (tests/build/test_attacks.py),
so the build never starts with them. Handwritten pages of docs/ are not read by ``check``:
there each form goes through Markdown, the theme and the search index, and the net over the
finished site must stop the build, naming the page and the source file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import attack_corpus, build_site, copy_project, portal_env
from portal.content.check import check_portal
from portal.content import trust
from portal.output import privacy_net


def test_every_personal_data_form_in_a_handwritten_page_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    forms = [line.split("\t")[2] for line in attack_corpus("pii.txt")]
    for number, form in enumerate(forms, 1):
        (project / "docs" / "huong-dan" / f"pii-{number:03d}.md").write_text(
            f"# Trang thử {number}\n\nĐoạn mở đầu.\n\n{form}\n\nĐoạn kết.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, capture_output=True, text=True, env=portal_env(), timeout=600,
    )
    printed = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in printed
    assert "Trang đã dựng còn chứa" in printed
    # Each page is traced to its own source, though other pages hold the same number.
    for n in (1, 2, 3):
        assert f"huong-dan/pii-{n:03d}/index.html (có trong docs/huong-dan/pii-{n:03d}.md): Số " in printed
    # The net ran over the whole site before stopping it: every page's form is found there.
    report = check_portal(project)
    lines = privacy_net.scan_site(site, trust.from_head(report.portal))
    pages = {line.partition(" ")[0].partition(":")[0] for line in lines}
    missing = [form for n, form in enumerate(forms, 1) if f"huong-dan/pii-{n:03d}/index.html" not in pages]
    # Without its "@" this is no autolink but an unknown tag: the browser shows nothing of it
    # (check refuses it in plans/ all the same).
    assert missing == ["<me.em&#x40;yahoo.com>"]
    assert len(forms) >= 31 + 54


def test_amounts_counts_and_plan_numbers_in_a_handwritten_page_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    lines = attack_corpus("not-pii.txt")
    (project / "docs" / "huong-dan" / "so-lieu.md").write_text(
        "# Số liệu\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    build_site(project, tmp_path / "site")
    assert (tmp_path / "site" / "huong-dan" / "so-lieu" / "index.html").is_file()
