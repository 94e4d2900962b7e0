"""Whether the built site fits the free static hosts it is meant for.

A host that refuses a deployment says so late and in English (Cloudflare
Pages stops the upload past its file count, GitHub Pages fails the deploy job
past its size). The build measures what the hosts count (files and their
bytes, the largest file) and names, in Vietnamese, the hosts the site fits;
with ``extra.portal.host`` set, a site that does not fit that host stops the
build, with the figure, the limit and what to do.

Limits as the hosts publish them (December 2026): Cloudflare Pages' free plan
holds 20,000 files per site (paid plans 100,000) of at most 25 MiB each;
GitHub Pages publishes sites of at most 1 GB; Netlify sets no such limit on a
site's files (its free plan counts build minutes and bandwidth).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..model.values import format_number


@dataclass(frozen=True)
class Host:
    key: str
    """The value of ``extra.portal.host``."""
    name: str
    files: int | None = None
    site_bytes: int | None = None
    file_bytes: int | None = None
    site_label: str = ""
    file_label: str = ""
    """The limits as the host writes them ("1 GB", "25 MiB")."""


HOSTS: dict[str, Host] = {host.key: host for host in (
    Host("github-pages", "GitHub Pages", site_bytes=1_000_000_000, site_label="1 GB"),
    Host("netlify", "Netlify"),
    Host("cloudflare-pages", "Cloudflare Pages (gói miễn phí)", files=20_000, file_bytes=25 * 2**20, file_label="25 MiB"),
)}


@dataclass(frozen=True)
class SiteSize:
    files: int
    bytes: int
    largest: tuple[int, str]
    """The largest file: its bytes and its site path."""


def measure(site_dir: Path) -> SiteSize:
    """The files of ``site_dir`` and their bytes, as a host counts them."""
    files = total = 0
    largest = (0, "")
    for folder, _, names in os.walk(site_dir):
        for name in names:
            path = os.path.join(folder, name)
            size = os.lstat(path).st_size
            files += 1
            total += size
            if size > largest[0]:
                largest = (size, Path(path).relative_to(site_dir).as_posix())
    return SiteSize(files, total, largest)


def megabytes(count: int) -> str:
    return f"{format_number(count / 1_000_000, 1)} MB"


def excess(size: SiteSize, host: Host) -> list[str]:
    """What of ``size`` is over the limits of ``host`` (Vietnamese, none when it fits)."""
    over: list[str] = []
    if host.files is not None and size.files > host.files:
        over.append(f"{format_number(size.files, 0)} tệp, quá giới hạn {format_number(host.files, 0)} tệp")
    if host.site_bytes is not None and size.bytes > host.site_bytes:
        over.append(f"{megabytes(size.bytes)}, quá giới hạn {host.site_label}")
    if host.file_bytes is not None and size.largest[0] > host.file_bytes:
        over.append(f"tệp {size.largest[1]} {megabytes(size.largest[0])}, quá giới hạn {host.file_label} mỗi tệp")
    return over


def summary(size: SiteSize) -> str:
    """One line for the build's log: the figures and the hosts the site fits."""
    over = {host.name: excess(size, host) for host in HOSTS.values()}
    fits = [name for name, reasons in over.items() if not reasons]
    too_big = [f"{name} ({'; '.join(reasons)})" for name, reasons in over.items() if reasons]
    line = (f"Bản dựng: {format_number(size.files, 0)} tệp, {megabytes(size.bytes)}; "
            f"vừa {', '.join(fits) if fits else 'không dịch vụ nào'}")
    return line + (f"; không vừa {', '.join(too_big)}" if too_big else "")


def refusal(size: SiteSize, host: Host) -> str | None:
    """Why the site cannot go on ``host`` and what to do (Vietnamese), or None when it fits."""
    over = excess(size, host)
    if not over:
        return None
    others = [h.name for h in HOSTS.values() if h is not host and not excess(size, h)]
    instead = f"đăng trên {' hoặc '.join(others)} (đổi extra.portal.host), " if others else ""
    return (f"mkdocs.yml, extra.portal.host: bản dựng không vừa {host.name}: {'; '.join(over)}. "
            f"Cách sửa: {instead}tách cổng theo tỉnh, hoặc bớt tệp lớn; "
            "xem «Đưa cổng lên mạng» (docs/huong-dan/luu-tru.md)")
