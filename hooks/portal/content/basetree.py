"""The files of the base branch (a git ref or a folder) and of the tree under check.

:mod:`portal.content.trust` compares the two; this module only lists and reads
them, the same way for ``--base-ref origin/main`` (``git ls-tree`` and one
``git cat-file --batch`` for every file it needs) and for ``--base DIR`` (a
folder, e.g. a second checkout). Files are compared by their git blob id, which
is computed for folders too, so a folder and a ref compare alike.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SKIPPED = frozenset({".git", "__pycache__", "node_modules", ".venv", ".pytest_cache", ".hypothesis", "site", ".base"})
"""Folder names never compared: tool caches, installed packages, build output, a base checkout."""


class BaseError(Exception):
    """The base tree cannot be read (message in Vietnamese)."""


def blob_id(data: bytes) -> str:
    """git's object id of a file with this content (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _matches(path: str, watched: tuple[str, ...]) -> bool:
    for pattern in watched:
        if pattern.endswith("/"):
            if path.startswith(pattern):
                return True
        elif "*" in pattern:
            head, _, tail = pattern.partition("*")
            if "/" not in path and path.startswith(head) and path.endswith(tail):
                return True
        elif path == pattern:
            return True
    return False


@dataclass
class Folder:
    """A tree on disk: the portal under check, or a base given with ``--base DIR``."""

    root: Path
    label: str
    _ids: dict[str, str] = field(default_factory=dict)

    def files(self, watched: tuple[str, ...]) -> dict[str, str]:
        """Path -> blob id of every file matching ``watched`` (prefixes ending in "/", names, "a*b")."""
        found: dict[str, str] = {}
        for path in self._listing(watched):
            if path not in self._ids:
                self._ids[path] = blob_id((self.root / path).read_bytes())
            found[path] = self._ids[path]
        return found

    def _listing(self, watched: tuple[str, ...]) -> list[str]:
        tracked = _git_listing(self.root)
        if tracked is not None:
            return [p for p in tracked if _matches(p, watched) and (self.root / p).is_file()]
        paths: list[str] = []
        for directory, subdirs, names in os.walk(self.root):
            subdirs[:] = sorted(d for d in subdirs if d not in SKIPPED)
            rel = Path(directory).relative_to(self.root).as_posix()
            for name in sorted(names):
                path = name if rel == "." else f"{rel}/{name}"
                if not name.endswith(".pyc") and _matches(path, watched) and not os.path.islink(os.path.join(directory, name)):
                    paths.append(path)
        return paths

    def read(self, paths: list[str]) -> dict[str, bytes]:
        """Content of each of ``paths`` that exists."""
        out: dict[str, bytes] = {}
        for path in paths:
            file = self.root / path
            if file.is_file() and not file.is_symlink():
                out[path] = file.read_bytes()
        return out


def _git_listing(root: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files when ``root`` is a git work tree's top (else None)."""
    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=60)
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
            return None
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "-co", "--exclude-standard"],
                                capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    return sorted({p for p in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if p})


@dataclass
class GitRef:
    """A commit of the repository at ``repo`` (``--base-ref origin/main``)."""

    repo: Path
    ref: str
    label_as: str | None = None
    """The name to show (a fork point is shown as the branch it was taken from)."""
    _tree: dict[str, str] | None = None

    @property
    def label(self) -> str:
        return self.label_as or self.ref

    def _git(self, *args: str, data: bytes | None = None) -> bytes:
        try:
            result = subprocess.run(["git", "-C", str(self.repo), *args], input=data, capture_output=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as error:
            raise BaseError(f"Không chạy được git để đọc nhánh gốc {self.ref}: {error}") from None
        if result.returncode != 0:
            raise BaseError(
                f"Không đọc được nhánh gốc «{self.ref}» trong kho git: hãy lấy nhánh đó về trước "
                f"(ví dụ «git fetch origin main») hoặc dùng --base THƯ_MỤC"
            )
        return result.stdout

    def _listing(self) -> dict[str, str]:
        if self._tree is None:
            if self.ref.startswith("-"):
                raise BaseError(f"«{self.ref}» không phải tên nhánh hay mã commit")
            self._git("rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}")
            tree: dict[str, str] = {}
            for entry in self._git("ls-tree", "-r", "-z", "--full-tree", self.ref).split(b"\0"):
                if not entry:
                    continue
                meta, _, path = entry.partition(b"\t")
                mode, kind, object_id = meta.split(b" ")
                if kind == b"blob" and mode != b"120000":
                    tree[path.decode("utf-8", "surrogateescape")] = object_id.decode()
            self._tree = tree
        return self._tree

    def files(self, watched: tuple[str, ...]) -> dict[str, str]:
        return {p: i for p, i in self._listing().items() if _matches(p, watched)}

    def fork_point(self) -> GitRef:
        """Where the checked-out branch left this ref (``git merge-base``), to list only its own changes.

        On GitHub's merge commit of a pull request that is the base itself; on a
        branch made before the base moved on, the base's later commits are not
        the branch's changes. Without a common commit: the ref itself.
        """
        try:
            found = subprocess.run(["git", "-C", str(self.repo), "merge-base", self.ref, "HEAD"],
                                   capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return self
        commit = found.stdout.strip()
        return GitRef(self.repo, commit, label_as=self.label) if found.returncode == 0 and commit else self

    def read(self, paths: list[str]) -> dict[str, bytes]:
        listing = self._listing()
        wanted = [p for p in paths if p in listing]
        if not wanted:
            return {}
        # One process for every file: a national portal has thousands of _unit.yml.
        out = self._git("cat-file", "--batch", data="".join(f"{listing[p]}\n" for p in wanted).encode())
        found: dict[str, bytes] = {}
        at = 0
        for path in wanted:
            end = out.index(b"\n", at)
            size = int(out[at:end].split(b" ")[2])
            found[path] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
        return found
