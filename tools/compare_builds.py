"""Build a portal project into a folder, and compare two built sites file by file.

The redesign of issue 19 must not change one byte of the output: build the
sample (or a generated corpus) before and after a change and diff the trees.

    python tools/compare_builds.py build PROJECT DEST   # strict build, fixed date
    python tools/compare_builds.py diff OLD NEW         # exit 1 when they differ
    python tools/compare_builds.py digest SITE          # one "sha256  path" line per file

``build`` pins SOURCE_DATE_EPOCH (the portal's "today" and MkDocs' sitemap
dates), so two builds made on different commits or days can be compared.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1796299200"
"""Noon UTC of the day of the reference commit (the portal's build date)."""


def build(project: Path, dest: Path, epoch: str = EPOCH) -> None:
    """Strict MkDocs build of ``project`` into ``dest`` with this checkout's hooks."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks"), "SOURCE_DATE_EPOCH": epoch}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(dest)],
        cwd=project, env=env, check=True,
    )


def digests(site: Path) -> dict[str, str]:
    """The SHA-256 of every file under ``site``, by its path relative to it."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            found[path.relative_to(site).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """One line per file missing, added or changed between two digest maps."""
    lines = [f"- {path}" for path in sorted(old.keys() - new.keys())]
    lines += [f"+ {path}" for path in sorted(new.keys() - old.keys())]
    lines += [f"~ {path}" for path in sorted(old.keys() & new.keys()) if old[path] != new[path]]
    return lines


def format_digests(found: dict[str, str]) -> str:
    return "".join(f"{digest}  {path}\n" for path, digest in found.items())


def parse_digests(text: str) -> dict[str, str]:
    return {path: digest for digest, path in (line.split("  ", 1) for line in text.splitlines() if line)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("build")
    run.add_argument("project", type=Path)
    run.add_argument("dest", type=Path)
    compare = commands.add_parser("diff")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    listing = commands.add_parser("digest")
    listing.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.project.resolve(), args.dest.resolve())
        return 0
    if args.command == "digest":
        sys.stdout.write(format_digests(digests(args.site)))
        return 0
    lines = differences(digests(args.old), digests(args.new))
    for line in lines[:50]:
        print(line)
    if len(lines) > 50:
        print(f"... {len(lines) - 50} more")
    print(f"{len(lines)} differences" if lines else "identical")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
