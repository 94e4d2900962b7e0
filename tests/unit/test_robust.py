"""Generated hostile input never crashes ``check``; every document loads or is blamed.

Hypothesis writes one document into a small valid portal: random front matter
(known and unknown keys, any YAML types, deep nesting, long lines, YAML-ish
garbage) and random Markdown. ``check_portal`` must return, never raise, and
the document must either be in the model (it becomes a page) or have a
problem with a line (≥ 1), or a file-level problem (line 0) with a message.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from portal.content.check import check_portal

MINI = ROOT / "tests" / "fixtures" / "mini" / "plans"
UNIT = "plans/son-hai"
SOURCE = f"{UNIT}/2023-ke-hoach-thu.md"

KNOWN_KEYS = [
    "kind", "title", "summary", "year", "number", "issued", "issuer", "source", "date",
    "campaign", "implements", "targets", "activities", "images", "plan", "results",
]
KINDS = ["plan", "news", "report", "Plan", "", "ke-hoach"]

# Characters that matter to YAML, Markdown, HTML and our own parsers.
TRICKY = ":-[]{}#&*!|>'\"%@`,?<>/\\=~_()\t \n\r\u00a0\u200b\ufeffđĐ0123456789abcxyz"

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(),
    st.text(max_size=60), st.text(alphabet=TRICKY, max_size=60),
    st.sampled_from(["2023-02-30", "2023-13", "0000-01-01", "14:14", "NO", "0777", "1e400", "~", "100%", ">= 80%"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=10)), inner, max_size=5),
    ),
    max_leaves=25,
)


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    """A front-matter block: a dumped mapping, plain garbage, or a deeply nested value."""
    shape = draw(st.sampled_from(["mapping", "garbage", "deep", "long"]))
    if shape == "mapping":
        data: dict[Any, Any] = {"kind": draw(st.sampled_from(KINDS))}
        data.update(draw(st.dictionaries(st.sampled_from(KNOWN_KEYS), values, max_size=8)))
        data.update(draw(st.dictionaries(st.text(max_size=12), values, max_size=3)))
        try:
            return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        except yaml.YAMLError:
            return "kind: plan\n"
    if shape == "garbage":
        return draw(st.text(alphabet=TRICKY, max_size=400))
    if shape == "deep":
        depth = draw(st.integers(min_value=10, max_value=400))
        opener = draw(st.sampled_from(["[", "{a: ", "- ", "  - "]))
        return "kind: plan\ntitle: " + opener * depth + "x\n"
    length = draw(st.integers(min_value=1000, max_value=200_000))
    return "kind: plan\ntitle: " + draw(st.sampled_from(["x", "đ", "<", "'"])) * length + "\n"


markdowns = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=TRICKY + "*`![]()\n", max_size=600),
    st.sampled_from([
        "", "---", "---\n---", "```\n<script>", "<!--", "[x](javascript:alert(1)", "{: onclick=x }",
        "\x00\x01\x02", "a" * 50_000, "\n" * 5000,
    ]),
)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    front = draw(front_matters())
    body = draw(markdowns)
    layout = draw(st.sampled_from(["normal", "no-close", "no-open", "bom-crlf", "bytes"]))
    if layout == "normal":
        text = f"---\n{front}---\n\n{body}"
    elif layout == "no-close":
        text = f"---\n{front}\n{body}"
    elif layout == "no-open":
        text = f"{front}---\n{body}"
    else:
        text = f"\ufeff---\r\n{front}---\r\n{body}".replace("\n", "\r\n")
    data = text.encode("utf-8", errors="surrogatepass")
    if layout == "bytes":
        # Invalid UTF-8 somewhere in the file.
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut] + draw(st.binary(min_size=1, max_size=8)) + data[cut:]
    return data


def _portal() -> Path:
    root = Path(tempfile.mkdtemp(prefix="robust-"))
    (root / UNIT).mkdir(parents=True)
    for name in ("campaigns.yml", "indicators.yml", "privacy.yml"):
        shutil.copy(MINI / name, root / "plans" / name)
    shutil.copy(MINI / "son-hai" / "_unit.yml", root / UNIT / "_unit.yml")
    return root


ROOT_DIR = _portal()


def assert_loads_or_is_blamed(data: bytes) -> None:
    (ROOT_DIR / SOURCE).write_bytes(data)
    report = check_portal(ROOT_DIR)  # must not raise
    loaded = [d for d in report.portal.documents if d.source == SOURCE]
    blamed = [p for p in report.problems if p.path == SOURCE]
    assert loaded or blamed, data[:200]
    for problem in blamed:
        assert problem.line >= 1 or (problem.line == 0 and problem.message.strip()), problem
        # Any line break an editor may count (a lone CR too) is allowed for.
        assert problem.line <= len(data.decode("utf-8", "replace").splitlines()) + 1, problem
        assert "Traceback" not in problem.message
    # Problems in other files would mean the document broke its neighbours' checks.
    assert {p.path for p in report.problems} <= {SOURCE}, report.problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_generated_documents_never_crash_check(data: bytes) -> None:
    assert_loads_or_is_blamed(data)


def test_a_valid_document_loads() -> None:
    # A control for the property above: a correct document is in the model.
    text = (MINI / "son-hai" / "2023-ke-hoach-35.md").read_text(encoding="utf-8")
    (ROOT_DIR / SOURCE).write_text(text.replace("35/KH", "36/KH"), encoding="utf-8")
    report = check_portal(ROOT_DIR)
    assert [d.source for d in report.portal.documents if d.source == SOURCE] == [SOURCE]
