"""Steps that need the finished site on disk (security headers).

They run after the engine has written every page, in this order: a later step
may read what an earlier one wrote. The search index is not one of them: it
is built from the pages' content as they are rendered (``portal.search``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import headers
from ..model.site import Context

Step = Callable[[Path, Context, headers.Scan], None]

STEPS: tuple[Step, ...] = (
    # Last: it hashes the final HTML and edits every page (meta policy).
    headers.step,
)


def run(site_dir: Path, context: Context, scan: headers.Scan) -> None:
    for step in STEPS:
        step(site_dir, context, scan)
