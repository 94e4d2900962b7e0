"""A Content-Security-Policy written out from its directives, for a header or a <meta> tag.

Both the site's policy (headers.py) and the web editor's (editor_policy.py)
are written here, so the two cannot differ in how they are delivered.
"""

from __future__ import annotations

from collections.abc import Sequence

Directives = Sequence[tuple[str, Sequence[str]]]
"""(directive name, its sources), in the order they are written."""


def policy_text(directives: Directives, for_meta: bool) -> str:
    """The policy's text; ``frame-ancestors`` only for a header (a <meta> policy ignores it with a console error)."""
    if not for_meta:
        directives = [*directives, ("frame-ancestors", ["'none'"])]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)
