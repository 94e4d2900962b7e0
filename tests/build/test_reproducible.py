"""Two builds of the same commit are byte-identical, search index included."""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import pytest

from conftest import ROOT, build_site

pytestmark = pytest.mark.slow


def digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    # Same SOURCE_DATE_EPOCH for both: from the environment (CI sets it from
    # the last commit) or, when unset, the adapter's own default from git.
    epoch = {"SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"]} if os.environ.get("SOURCE_DATE_EPOCH") else {}
    first, second = tmp_path / "first", tmp_path / "second"
    build_site(ROOT, first, **epoch)
    build_site(ROOT, second, **epoch)
    one, two = digests(first), digests(second)
    assert len(one) > 50
    assert sorted(one) == sorted(two)
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == []
    # Compressed files carry no build time either.
    for name in one:
        if name.endswith(".gz"):
            assert gzip.open(first / name).read() == gzip.open(second / name).read()
