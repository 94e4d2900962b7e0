"""Two builds of the same commit are byte-identical, search index included."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from portal import reproducible

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


def _shuffle_pagefind(site: Path, seed: int) -> None:
    """Reorder what Pagefind may write in any order, as another run could."""
    rng = random.Random(seed)
    bundle = site / "pagefind"
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        content = reproducible._read(path)
        rng.shuffle(content[1])
        data = reproducible.SIGNATURE + reproducible._encode(content)
        path.write_bytes(gzip.compress(data, mtime=0))
    for path in sorted(bundle.glob("pagefind.*.pf_meta")):
        meta = reproducible._read(path)
        references = reproducible._filter_references(meta)
        assert references, "the meta file lists no filter: the step would have nothing to sort"
        rng.shuffle(references)
        path.write_bytes(gzip.compress(reproducible.SIGNATURE + reproducible._encode(meta), mtime=0))


def test_pagefind_index_is_put_in_one_order(sample_site: Path, tmp_path: Path) -> None:
    if not (sample_site / "pagefind" / "pagefind-entry.json").is_file():
        pytest.skip("this build has no Pagefind index")
    results = []
    for seed in (1, 2, 3):
        copy = tmp_path / f"site-{seed}"
        shutil.copytree(sample_site / "pagefind", copy / "pagefind")
        _shuffle_pagefind(copy, seed)
        reproducible.stable_pagefind(copy, None)  # type: ignore[arg-type]  (no context needed)
        results.append(digests(copy))
    assert results[0] == results[1] == results[2]
    # The built sample went through the same step: it is already in that order.
    assert digests(sample_site / "pagefind") == {k.removeprefix("pagefind/"): v for k, v in results[0].items()}
