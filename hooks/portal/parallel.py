"""Running work on every core: one helper for every parallel step.

Reading and checking documents (:mod:`portal.content.load`, :mod:`portal.content.check`),
filling pages (:mod:`portal.output.filling`), encoding the search index's terms
(:mod:`portal.derive.search`) and the last net's scan (:mod:`portal.output.privacy_net`)
hand chunks of pure work to forked workers. Forking shares the loaded portal and the pages' render closures with
the workers without serialising them (closures could not be sent any other way).

How many processes: the ``workers`` build option (``portal.build.options``),
else ``PORTAL_WORKERS`` (the benchmark's override), else every usable core.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

_configured: int | None = None
"""Set from the site's configuration for the current build (None: not configured)."""


def configure(count: int | None) -> None:
    """The number of processes a build's configuration asks for (None or 0: decide by itself)."""
    global _configured
    _configured = count or None


def workers() -> int:
    """PORTAL_WORKERS when set to a positive number (1 keeps the build in one process), else the configured or usable cores."""
    wanted = os.environ.get("PORTAL_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    if _configured:
        return _configured
    return len(os.sched_getaffinity(0))


def fork_safe() -> bool:
    """False beside other threads (the preview server's): a fork copies their locks, held or not."""
    return threading.active_count() == 1


def worth(count: int, threshold: int) -> bool:
    """Whether ``count`` tasks go to workers: at least ``threshold`` of them (below, forking costs
    more than it saves) and no other thread to fork beside."""
    return count >= threshold and fork_safe()


def chunks(items: Sequence[T], per_worker: int = 4) -> list[Sequence[T]]:
    """``items`` cut into runs of neighbours, ``per_worker`` runs for each worker (so a slow run does not hold up the rest)."""
    size = max(1, -(-len(items) // (workers() * per_worker)))
    return [items[i : i + size] for i in range(0, len(items), size)]


# The job of the current run, inherited by the forked workers.
_job: tuple[Callable, object] | None = None


def run(function: Callable[[S, T], R], tasks: Iterable[T], shared: S, parallel: bool = True,
        processes: int | None = None) -> Iterator[R]:
    """``function(shared, task)`` for each task, in order, on every core when ``parallel``.

    The results come back one by one as their tasks finish, in task order, so
    the caller merges them while the workers go on; in this process when
    there is one core. Callers say when forking is unsafe (beside the preview
    server's threads) with ``parallel=False``; ``processes`` overrides :func:`workers`.
    """
    global _job
    tasks = list(tasks)
    count = processes or workers()
    if not parallel or count < 2 or len(tasks) < 2:
        for task in tasks:
            yield function(shared, task)
        return
    _job = (function, shared)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            yield from pool.imap(_call, tasks, chunksize=1)
    finally:
        _job = None


def _call(task: object) -> object:
    assert _job is not None
    function, shared = _job
    return function(shared, task)
