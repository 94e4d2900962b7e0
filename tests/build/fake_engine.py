"""A site engine that is not MkDocs: python-markdown for bodies, a plain HTML chrome.

It implements :class:`portal.engine.StandaloneEngine` with nothing from MkDocs
or Material, so a build with it shows what replacing the engine takes.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from portal import paths
from portal.output import shells
from portal.output.shells import TocForm

SITE_URL = "https://tre-em.example.vn/cong/"

_CHROME = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>{title} · Cổng thử nghiệm</title>
<meta name="description" content="{description}">
{canonical}<link rel="stylesheet" href="{up}assets/khung.css">
</head><body>
<header class="khung-dau"><a href="{up}">Cổng thử nghiệm</a></header>
<a href="#noi-dung" class="khung-bo-qua">Bỏ qua</a>
<nav class="khung-muc-luc"><ul class="khung-toc"><li>mục</li></ul></nav>
<main><a href="{edit}" class="khung-sua">Sửa trang</a>
<h1>{title}</h1>
{content}
</main><footer class="khung-chan">Bản thử không dùng MkDocs</footer>
</body></html>
"""


class FakeEngine:
    def __init__(self) -> None:
        self._markdown = Markdown(extensions=["toc", "tables", "footnotes"],
                                  extension_configs={"toc": {"slugify": paths.toc_slugify}})
        self.shells_made: list[tuple[str, int, TocForm]] = []

    def convert(self, markdown: str) -> tuple[str, list[dict[str, Any]]]:
        self._markdown.reset()
        return self._markdown.convert(markdown), getattr(self._markdown, "toc_tokens", [])

    @staticmethod
    def toc_entries(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [child for token in tokens for child in (token["children"] if token["level"] == 1 else [token])]

    @staticmethod
    def toc_items(tokens: list[dict[str, Any]]) -> str:
        return "".join(f'<li><a href="#{t["id"]}">{t["name"]}</a></li>' for t in tokens)

    @staticmethod
    def mark_slots(page_html: str, form: TocForm) -> str:
        if form in (TocForm.SKIP, TocForm.LIST):
            page_html = page_html.replace('href="#noi-dung"', f'href="{shells.SKIP}"', 1)
        if form is TocForm.LIST:
            page_html = page_html.replace('<ul class="khung-toc"><li>mục</li></ul>', f'<ul class="khung-toc">{shells.TOC}</ul>', 1)
        return page_html

    def shell(self, section: str, depth: int, form: TocForm) -> tuple[str, str | None]:
        self.shells_made.append((section, depth, form))
        canonical = f"{SITE_URL}{section}/_khung/"
        return _CHROME.format(
            title=shells.TITLE, description=shells.DESCRIPTION, up="../" * depth, edit=shells.EDIT,
            content=shells.CONTENT, canonical=f'<link rel="canonical" href="{canonical}">\n'), canonical

    @staticmethod
    def static_files() -> dict[str, bytes]:
        return {"assets/khung.css": b"body { font-family: system-ui, sans-serif; }\n"}
