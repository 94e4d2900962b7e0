"""How many processes the build may use: every core it is allowed, or PORTAL_WORKERS."""

from __future__ import annotations

import os


def workers() -> int:
    """PORTAL_WORKERS when set to a positive number (1 keeps the build in one process), else the usable cores."""
    wanted = os.environ.get("PORTAL_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return len(os.sched_getaffinity(0))
