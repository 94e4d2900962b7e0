"""The theme's icons drawn once for the whole site, not again on every page.

The theme writes each icon of its chrome (logo, menu, colour-scheme toggles,
repository link, edit button, back to top) as an inline ``<svg>`` on every
page: 3.9 KB of a 21 KB page, which GitHub Pages must hold within 1 GB for
the whole portal. In the chrome (never in a page's content) each icon becomes
a reference into one sprite file that the browser fetches once and caches:
2.9 KB less per page, 90 MB less at 20,000 documents (tools/BENCHMARKS.md,
run 11). A same-origin file, which the Content-Security-Policy allows as an
image (``img-src 'self'``). The theme's 404 page (absolute links) keeps its own.

Symbol ids are digests of the icons, so the same icons give the same file and
the same pages whatever order the pages are made in.
"""

from __future__ import annotations

import hashlib
import re

from ..model.site import Output

SPRITE = "assets/icons.svg"
"""The sprite's site path."""

# The theme's own icon markup and nothing else: an <svg> with its namespace and
# a viewBox, holding shapes (and Font Awesome's licence comment), no nested <svg>.
_ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg"( viewBox="[-\d. ]+")>((?:(?!<svg\b|</svg>).)*)</svg>',
                   re.DOTALL)


class Sprite:
    """The icons the chrome of the site's pages refers to, collected as the pages are made."""

    def __init__(self) -> None:
        self._symbols: dict[str, str] = {}

    def refer(self, chrome: str, root: str) -> str:
        """``chrome`` with each theme icon replaced by a reference to the sprite.

        ``root`` is the site's root relative to the page ("../../", or "" at the top).
        """
        def reference(match: re.Match[str]) -> str:
            view_box, shapes = match.groups()
            key = "i" + hashlib.sha256(f"{view_box}{shapes}".encode()).hexdigest()[:12]
            self._symbols.setdefault(key, f'<symbol id="{key}"{view_box}>{shapes}</symbol>')
            return f'<svg{view_box}><use href="{root}{SPRITE}#{key}"/></svg>'

        return _ICON.sub(reference, chrome)

    def output(self) -> Output | None:
        """The sprite file, or None when no page refers to an icon."""
        if not self._symbols:
            return None
        symbols = "".join(self._symbols[key] for key in sorted(self._symbols))
        return Output(SPRITE, f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'.encode())


def root_of(depth: int) -> str:
    """The site's root relative to a page ``depth`` folders down ("don-vi/a/": 2 -> "../../")."""
    return "../" * depth
