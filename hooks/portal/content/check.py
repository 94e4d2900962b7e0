"""The whole check: load, validate, summarize. Shared by the CLI and the build."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import codeowners, gate, pii_channels, trust as trusts
from .. import parallel
from .load import Loaded, load
from ..model.index import PortalIndex
from ..model.records import Portal
from ..model.problems import Problem
from .validate import validate


@dataclass(frozen=True)
class Report:
    """Outcome of a check: the model and every problem, sorted by place."""

    portal: Portal
    problems: tuple[Problem, ...]
    index: PortalIndex | None = None
    """The lookups over ``portal``, built once for the checks and passed on to the build (None with loader problems)."""
    reviews: tuple[str, ...] = ()
    """Changes against the base branch that need a portal maintainer's review (``check --base-ref``)."""

    def summary(self) -> str:
        kinds = Counter(d.kind for d in self.portal.documents)
        counts = (f"{len(self.portal.units)} đơn vị, {len(self.portal.documents)} văn bản "
                  f"({kinds['plan']} kế hoạch, {kinds['news']} tin, {kinds['report']} báo cáo), "
                  f"{len(self.portal.campaigns)} chiến dịch, {len(self.portal.indicators)} chỉ tiêu")
        review = ""
        if self.reviews:
            review = (f" Cần người quản trị cổng duyệt {len(self.reviews)} thay đổi so với nhánh chính "
                      "(danh sách được phép đăng, liên hệ của đơn vị, mã nguồn hoặc cấu hình):\n"
                      + "\n".join(f"- {r}" for r in self.reviews))
        if self.problems:
            files = len({p.path for p in self.problems})
            return (f"Có {len(self.problems)} lỗi trong {files} tệp. Đã đọc {counts}. "
                    "Sửa các lỗi trên rồi chạy lại lệnh kiểm tra." + review)
        return f"Không có lỗi: {counts}." + review


@contextmanager
def _collector_paused():
    # Loading makes a million short-lived YAML nodes while the model grows:
    # the cycle collector would rescan that growing model again and again
    # (a seventh of `check` at 20,000 documents) though nothing here makes
    # cycles worth collecting. Reference counting still frees the nodes.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_portal(root: Path | str, base_ref: str | None = None, base_dir: str | None = None) -> Report:
    """Check ``root``; with a base (``base_ref`` a git ref, ``base_dir`` a folder) the allow-lists come from it.

    Raises :class:`portal.content.basetree.BaseError` when the base cannot be read.
    """
    base = trusts.open_base(Path(root), base_ref, base_dir)
    with _collector_paused():
        return _check(root, base)


def _check(root: Path | str, base: trusts.Tree | None = None) -> Report:
    loaded = load(root)
    problems, index, reviews = check_loaded(loaded, root, base)
    return Report(loaded.portal, problems, index, reviews)


def check_loaded(loaded: Loaded, root: Path | str, base: trusts.Tree | None = None,
                 only: frozenset[str] | None = None) -> tuple[tuple[Problem, ...], PortalIndex | None, tuple[str, ...]]:
    """Problems of a loaded portal, its index and the reviews it needs.

    ``only`` (the preview, after an edit): the checks of one file run on these
    documents, the checks across files on the whole portal.
    """
    problems = list(loaded.problems)
    index = None
    reviews: tuple[str, ...] = ()
    if not problems:
        index = PortalIndex(loaded.portal)
        # Cross-file checks need a complete model; with loader problems they
        # would only repeat them (an unknown unit because its file is broken).
        problems = validate(loaded, root, index)
        trust = trusts.from_base(loaded.portal, Path(root), base) if base is not None else trusts.from_head(loaded.portal)
        # Each document's own file needs nothing of the others: a large portal's run on every core.
        picked = [n for n, d in enumerate(loaded.portal.documents) if only is None or d.source in only]
        in_parallel = parallel.worth(len(picked), PARALLEL_FROM)
        for found in parallel.run(_documents_checked, parallel.chunks(picked), (loaded, Path(root), trust),
                                  parallel=in_parallel):
            problems += found
        # What the build alone used to find (or nobody): hidden characters, look-alike
        # letters, case collisions, links and images only the renderer sees.
        problems += gate.check(loaded, root, only)
        # Ownership follows the units' maintainers: a stale CODEOWNERS is a problem too.
        problems = [*problems, *codeowners.check(root, loaded.portal, index)]
        problems += pii_channels.check(loaded, root, trust, only)
        reviews = trust.reviews
    return tuple(sorted(set(problems))), index, reviews


PARALLEL_FROM = 2_000
"""Documents from which their own files are checked on every core (below, forking costs more than it saves)."""


def _documents_checked(shared: tuple[Loaded, Path, trusts.Trust], numbers: Sequence[int]) -> list[Problem]:
    """The one-file checks (gate, personal data) of these documents (by their place in the portal), in a worker or not."""
    loaded, root, trust = shared
    documents = [loaded.portal.documents[n] for n in numbers]
    return [*gate.check_documents(loaded, documents), *pii_channels.check_documents(loaded, root, trust, documents)]
