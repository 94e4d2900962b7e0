"""Build options from the site's configuration (``extra: portal:`` in mkdocs.yml).

    extra:
      portal:
        shells: true     # false: the engine renders every page itself (slower; the tests compare both)
        workers: 0       # processes for filling pages and the search index; 0: every usable core
        host: github-pages   # the build stops when the site does not fit this host (output/hosting.py)

PORTAL_SHELLS=off and PORTAL_WORKERS=N still override them, for the benchmark.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping

from ..output.hosting import HOSTS


class OptionsError(ValueError):
    """An option of ``extra.portal`` has a value the build cannot use (message in Vietnamese)."""


@dataclass(frozen=True)
class Options:
    shells: bool = True
    """Pages outside the navigation are filled into shells of the theme's chrome."""
    workers: int = 0
    """Processes for the parallel steps; 0 lets the build use every usable core."""
    host: str | None = None
    """The static host the site is deployed to (a key of ``output.hosting.HOSTS``); None: not checked."""


def options(section: Mapping[str, Any] | None) -> Options:
    """The options of ``section`` (``extra.portal``), then the environment's overrides."""
    section = dict(section or {})
    unknown = sorted(set(section) - {"shells", "workers", "host"})
    if unknown:
        raise OptionsError(f"mkdocs.yml, extra.portal: không có tùy chọn «{unknown[0]}»; "
                           "chỉ có «shells», «workers» và «host»")
    shells = section.get("shells", True)
    workers = section.get("workers", 0)
    host = section.get("host")
    if not isinstance(shells, bool):
        raise OptionsError("mkdocs.yml, extra.portal.shells: cần ghi true hoặc false")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise OptionsError("mkdocs.yml, extra.portal.workers: cần một số nguyên từ 0 trở lên (0 là dùng mọi lõi)")
    if host is not None and host not in HOSTS:
        raise OptionsError(f"mkdocs.yml, extra.portal.host: không biết dịch vụ «{host}»; ghi một trong "
                           f"{', '.join(HOSTS)}, hoặc bỏ dòng này để không kiểm tra")
    if os.environ.get("PORTAL_SHELLS") == "off":
        shells = False
    return Options(shells=shells, workers=workers, host=host)
