"""The chrome's icons come from one sprite file: every reference resolves, content keeps its own drawings."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from lxml import etree

from portal.output.icons import SPRITE, Sprite, root_of

MENU = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3zm0 5h18v2H3z"/></svg>'
REPO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512"><!--! Font Awesome Free 7.1.0, CC BY 4.0-->'
        '<path d="M439.6 236.1 244 40.5"/></svg>')
CHART = '<svg class="pt-tl__track" viewBox="0 0 365 1" aria-hidden="true"><rect x="3" width="30" height="1"/></svg>'
_USE = re.compile(r'<use href="([^"#]+)#([^"]+)"/>')


def test_theme_icons_become_references_and_other_drawings_stay() -> None:
    sprite = Sprite()
    chrome = f"<header>{MENU}<a>{REPO}</a>{CHART}</header>"
    made = sprite.refer(chrome, root_of(2))
    assert CHART in made  # not the theme's markup: left as it is
    references = _USE.findall(made)
    assert [href for href, _ in references] == ["../../" + SPRITE] * 2
    assert '<svg viewBox="0 0 24 24"><use' in made and '<svg viewBox="0 0 448 512"><use' in made
    assert "<path" not in made.replace(CHART, "")
    drawn = etree.fromstring(sprite.output().data)
    symbols = {s.get("id"): s for s in drawn}
    assert set(symbols) == {key for _, key in references}
    # The licence comment travels with its icon.
    assert any("Font Awesome" in etree.tostring(s, encoding="unicode") for s in symbols.values())


def test_the_same_icons_give_the_same_sprite_in_any_order() -> None:
    first, second = Sprite(), Sprite()
    at_top = first.refer(MENU + REPO, root_of(0))
    second.refer(REPO, root_of(3))
    deeper = second.refer(MENU, root_of(3))
    assert first.output() == second.output()
    assert at_top.startswith(f'<svg viewBox="0 0 24 24"><use href="{SPRITE}#')
    assert deeper.startswith(f'<svg viewBox="0 0 24 24"><use href="../../../{SPRITE}#')
    assert Sprite().output() is None  # no icon, no file


def test_every_reference_of_the_sample_resolves(sample_site: Path) -> None:
    symbols = {s.get("id") for s in etree.parse(str(sample_site / SPRITE)).getroot()}
    pages = [p for p in sample_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        site_path = page.relative_to(sample_site).as_posix()
        references = _USE.findall(text)
        # Logo (header and drawer), menu, two colour schemes, repository (header and drawer), back to top.
        assert len(references) >= 8, site_path
        for href, key in references:
            assert key in symbols, (site_path, key)
            assert posixpath.normpath(posixpath.join(posixpath.dirname(site_path), href)) == SPRITE, (site_path, href)
        assert 'xmlns="http://www.w3.org/2000/svg" viewBox' not in text, f"{site_path}: an icon drawn inline"


def test_drawings_in_the_content_stay_inline(sample_site: Path) -> None:
    timelines = [p for p in sample_site.glob("lich/*/index.html")]
    assert timelines
    assert any('<svg class="pt-tl__track"' in p.read_text(encoding="utf-8") for p in timelines)
