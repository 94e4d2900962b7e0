"""Steps that need the finished site on disk (search index, security headers).

They run after the engine has written every page, in this order: a later step
may read what an earlier one wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import headers, reproducible, search
from .site import Context

Step = Callable[[Path, Context], None]

STEPS: tuple[Step, ...] = (
    # Before the headers: the policy allows WebAssembly only if the site ships it.
    search.step,
    # Pagefind writes some index files in a random order: sort them.
    reproducible.stable_pagefind,
    # Last: it hashes the final HTML and edits every page (meta policy).
    headers.step,
)


def run(site_dir: Path, context: Context) -> None:
    for step in STEPS:
        step(site_dir, context)
