"""The build date, fixed per commit so two builds of it are identical."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def build_date(root: Path) -> dt.date:
    """The build date: SOURCE_DATE_EPOCH, else the last commit's date, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(
                ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except OSError:
            epoch = ""
    if epoch.isdigit():
        # Vietnam's date, not UTC's: a commit at 23:30 UTC is already tomorrow there.
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone(dt.timedelta(hours=7))).date()
    return dt.date.today()


def epoch_of(day: dt.date) -> float:
    """Noon UTC of ``day``: the SOURCE_DATE_EPOCH that both MkDocs' sitemap and the portal read."""
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc).timestamp()
