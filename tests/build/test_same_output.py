"""The sample portal's output, byte for byte, against the digests stored beside this file.

Issue 19 moves the code without changing what it makes. When a change is meant
to alter the output, regenerate the digests and review the list of files in
the diff:

    python tools/compare_builds.py build . /tmp/sample && \
    python tools/compare_builds.py digest /tmp/sample > tests/build/sample.sha256
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from tools import compare_builds

STORED = Path(__file__).with_name("sample.sha256")


@pytest.mark.slow
def test_sample_output_is_unchanged(tmp_path: Path) -> None:
    site = tmp_path / "site"
    compare_builds.build(ROOT, site)
    changed = compare_builds.differences(compare_builds.parse_digests(STORED.read_text(encoding="utf-8")),
                                         compare_builds.digests(site))
    assert not changed, "output changed (- missing, + new, ~ different):\n" + "\n".join(changed[:40])


def test_differences_name_each_missing_new_and_changed_file(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for site in (old, new):
        (site / "tin-tuc").mkdir(parents=True)
        (site / "tin-tuc" / "index.html").write_text("<h1>Tin tức</h1>", encoding="utf-8")
    (old / "cu.html").write_text("cũ", encoding="utf-8")
    (new / "moi.html").write_text("mới", encoding="utf-8")
    assert compare_builds.differences(compare_builds.digests(old), compare_builds.digests(new)) == ["- cu.html", "+ moi.html"]
    (new / "tin-tuc" / "index.html").write_text("<h1>Tin tức.</h1>", encoding="utf-8")
    found = compare_builds.differences(compare_builds.digests(old), compare_builds.digests(new))
    assert found == ["- cu.html", "+ moi.html", "~ tin-tuc/index.html"]
    digests = compare_builds.digests(new)
    assert compare_builds.parse_digests(compare_builds.format_digests(digests)) == digests
