"""The output folder between builds: rewritten in place, then pruned.

An engine that empties its output folder before every build (MkDocs does)
makes a rebuild of a national portal delete tens of thousands of files and
create as many again. Both cost: on ext4 without a journal, which this
project's machines use, the kernel will not reuse an inode for a minute or
more after its file was deleted, and every new file then scans past all the
recently deleted ones (``recently_deleted`` in ``fs/ext4/ialloc.c``, seen with
``perf``), so creating 20,000 files right after deleting as many took 9-21 s
instead of 1.1 s. Writing over the previous build's files keeps their inodes.

So the adapter sets the previous output aside before the engine empties the
folder (:func:`set_aside`: one rename per top-level entry into a hidden
folder, which the engine leaves alone), brings it back before anything is
written (:func:`restore`), and after the build removes what this build did not
write (:func:`prune`): every file older than the build's stamp. Top-level
hidden entries (``.git``, ``.nojekyll``) are kept, as the engine keeps them.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

ASIDE = ".portal-previous"
"""Hidden folder inside the output folder that holds the previous build while the engine cleans."""
STAMP = ".portal-build-stamp"


def set_aside(site_dir: Path) -> None:
    """Move the visible entries of ``site_dir`` into its hidden :data:`ASIDE` folder."""
    aside = site_dir / ASIDE
    if aside.exists():
        # Left by a build that stopped before restore(): its contents are stale.
        shutil.rmtree(aside, ignore_errors=True)
    if not site_dir.is_dir():
        return
    entries = [e for e in os.listdir(site_dir) if not e.startswith(".")]
    if not entries:
        return
    aside.mkdir()
    for entry in entries:
        os.rename(site_dir / entry, aside / entry)


def restore(site_dir: Path) -> int:
    """Move the set-aside entries back; returns the build's :func:`stamp`.

    The stamp is the modification time of a file written now, so it comes
    from the same clock as the times of every file the build writes next.
    """
    aside = site_dir / ASIDE
    site_dir.mkdir(parents=True, exist_ok=True)
    if aside.is_dir():
        for entry in os.listdir(aside):
            if (site_dir / entry).exists():
                # Something wrote it meanwhile: the new one wins.
                _remove(aside / entry)
            else:
                os.rename(aside / entry, site_dir / entry)
        shutil.rmtree(aside, ignore_errors=True)
    return stamp(site_dir)


def stamp(folder: Path) -> int:
    """Now, on the clock of file times in ``folder``: what :func:`prune` keeps is written after it."""
    # File times come from a clock that ticks every few milliseconds: a
    # pause puts everything written before into an earlier tick than the stamp.
    time.sleep(0.02)
    marker = folder / STAMP
    marker.write_bytes(b"")
    try:
        return marker.stat().st_mtime_ns
    finally:
        marker.unlink()


def prune(site_dir: Path, stamp: int) -> int:
    """Remove files of ``site_dir`` last written before ``stamp``, then empty folders; returns how many files."""
    return _prune(str(site_dir), stamp, keep_hidden=True)


def _prune(folder: str, stamp: int, keep_hidden: bool = False) -> int:
    removed = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if keep_hidden and entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                removed += _prune(entry.path, stamp)
                if not os.listdir(entry.path):
                    os.rmdir(entry.path)
            elif entry.stat(follow_symlinks=False).st_mtime_ns < stamp:
                os.unlink(entry.path)
                removed += 1
    return removed


def clear_way(site_dir: Path, path: str) -> None:
    """Make room for a file at site path ``path``: a folder there, or a file where a folder must be, goes."""
    target = site_dir / path
    if target.is_symlink():
        target.unlink()
    elif target.is_dir():
        shutil.rmtree(target)
    for parent in Path(path).parents:
        found = site_dir / parent
        if found != site_dir and (found.is_symlink() or found.is_file()):
            found.unlink()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
