"""Which watched files were saved: the system's file events, and a poll of modification times.

The server follows the events (:class:`Watcher`, watchdog's inotify on Linux): a
poll of the 7,000 files of a 2,000-document portal takes a tenth of a second,
twice per save (to see a burst settle), a fifth of the budget of a rebuild.
The poll (:func:`snapshot`, :func:`compare`) remains for tests that save and
rebuild in one thread.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

Stamp = tuple[int, int]
"""(modification time in ns, size) of one file."""


@dataclass(frozen=True)
class Changes:
    """Project-relative paths (POSIX) that were added, changed or removed."""

    added: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def paths(self) -> frozenset[str]:
        return self.added | self.changed | self.removed


def snapshot(root: Path, watched: tuple[str, ...]) -> dict[str, Stamp]:
    """Stamps of every file under the ``watched`` paths of ``root`` (folders or single files)."""
    found: dict[str, Stamp] = {}
    for name in watched:
        top = root / name
        if top.is_file():
            stat = top.stat()
            found[name] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, subdirs, files in os.walk(top):
            # Editors' and Python's droppings are not content.
            subdirs[:] = [d for d in subdirs if not d.startswith(".") and d != "__pycache__"]
            prefix = os.path.relpath(folder, root).replace(os.sep, "/")
            for file in files:
                if file.startswith(".") or file.endswith(("~", ".swp", ".tmp")):
                    continue
                try:
                    stat = os.stat(os.path.join(folder, file))
                except OSError:
                    continue  # removed while we looked
                found[f"{prefix}/{file}"] = (stat.st_mtime_ns, stat.st_size)
    return found


def compare(before: dict[str, Stamp], after: dict[str, Stamp]) -> Changes:
    return Changes(
        added=frozenset(after.keys() - before.keys()),
        changed=frozenset(p for p in before.keys() & after.keys() if before[p] != after[p]),
        removed=frozenset(before.keys() - after.keys()),
    )


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.endswith(("~", ".swp", ".tmp")) or name == "__pycache__"


class Watcher:
    """Paths saved under the watched ones, as the system reports them (inotify on Linux): no polling delay.

    The events name files only; :meth:`wait` returns them as project-relative
    paths once a burst of them (an editor writing a file twice) has settled.
    """

    def __init__(self, root: Path, watched: tuple[str, ...], settle: float = 0.03) -> None:
        from watchdog.events import (DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileDeletedEvent,
                                     FileMovedEvent, FileSystemEventHandler)
        from watchdog.observers import Observer

        # Only finished writes, moves and deletions: the build's own reads of
        # every file (opened, read, closed) would overflow the system's queue.
        kinds = [FileClosedEvent, FileMovedEvent, FileDeletedEvent, DirMovedEvent, DirDeletedEvent]

        self.root, self.settle = root, settle
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        self._event = threading.Event()
        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.event_type in ("opened", "closed_no_write", "created", "modified"):
                    return
                for path in (event.src_path, getattr(event, "dest_path", "")):
                    if path:
                        watcher._add(os.fsdecode(path))

        self._observer = Observer()
        for name in watched:
            top = root / name
            if top.is_dir():
                self._observer.schedule(Handler(), str(top), recursive=True, event_filter=kinds)
            elif top.is_file():
                self._observer.schedule(Handler(), str(top.parent), recursive=False, event_filter=kinds)
        self._files = {str(root / name) for name in watched if (root / name).is_file()}
        self._dirs = [str(root / name) + os.sep for name in watched if (root / name).is_dir()]
        self._observer.start()

    def _add(self, path: str) -> None:
        if path not in self._files and not any(path.startswith(d) for d in self._dirs):
            return  # a sibling of a watched file
        rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        if any(_ignored(part) for part in rel.split("/") if part != ".."):
            return
        with self._lock:
            self._seen.add(rel)
        self._event.set()

    def wait(self, timeout: float) -> frozenset[str]:
        """The paths saved since the last call (empty after ``timeout`` seconds without any)."""
        if not self._event.wait(timeout):
            return frozenset()
        time.sleep(self.settle)
        with self._lock:
            seen, self._seen = self._seen, set()
            self._event.clear()
        return frozenset(seen)

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)
