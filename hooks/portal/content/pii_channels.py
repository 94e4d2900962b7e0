"""Every channel of ``plans/`` that reaches a reader, scanned for personal data.

Published text comes from more places than document bodies: every front-matter
field (titles, summaries, targets' notes, images' alt and captions), the
Markdown body with its images' alt and title, each ``_unit.yml`` (name,
history, address), the catalogues (``campaigns.yml`` and ``indicators.yml``
reach the calendar, meta descriptions and the open data), and file and folder
names (they become URLs and download names). Each problem names the file, the
line and, in YAML, the field path (``targets[2].note``), read from the line
map the loader kept.

What is allowed comes from :class:`portal.content.trust.Trust`: the base
branch's lists, a unit's contact on its own pages only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from . import privacy
from .load import Loaded
from .readerview import Lines
from .trust import Trust
from ..model.problems import BODY, Problem
from ..model.records import Document

_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]\n]*)\](?:\((?P<src>[^)\s]*)(?:\s+(?:\"(?P<t1>[^\"\n]*)\"|'(?P<t2>[^'\n]*)'))?\s*\)|\[[^\]\n]*\])"
)
_KEY_PART = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PUBLISHED_CATALOGUE = re.compile(r"plans/[^/]+\.ya?ml")
_NAME_FIX = "Hãy đổi tên tệp hoặc thư mục (tên tệp hiện ra trong địa chỉ trang và khi tải về)."


class _Fields:
    """Field path of a line in a YAML text, from the loader's line map (built on first use)."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.by_source: dict[str, list[tuple[int, str]]] | None = None

    def at(self, source: str, line: int, line_text: str, column: int) -> str:
        if self.by_source is None:
            self.by_source = {}
            for (path, name), number in self.loaded.lines.items():
                if name:
                    self.by_source.setdefault(path, []).append((number, name))
        entries = self.by_source.get(source, [])
        here = [name for number, name in entries if number == line]
        if not here:
            # A continuation line of a block or folded value: the field that began last before it.
            earlier = [(number, name) for number, name in entries if number < line]
            if not earlier:
                return ""
            last = max(number for number, _ in earlier)
            here = [name for number, name in earlier if number == last]

        def place(name: str) -> tuple[int, int]:
            # Several fields on one line ("- {indicator: x, note: …}"): the key written last before the hit.
            keys = _KEY_PART.findall(name)
            at = line_text.rfind(f"{keys[-1]}:", 0, column) if keys else -1
            return at, name.count(".") + name.count("[")

        return max(here, key=place)


def check(loaded: Loaded, root: Path | str, trust: Trust, only: frozenset[str] | None = None) -> list[Problem]:
    """Every personal identifier not allowed where it is published, in every file but the documents
    (:func:`check_documents`): units, images' names, catalogues; with ``only`` (the preview), none.
    """
    if only is not None:
        return []
    root = Path(root)
    portal = loaded.portal
    found: list[Problem] = []
    fields = _Fields(loaded)
    for unit in portal.units:
        allow = trust.for_unit(unit.path)
        found += _yaml(unit.source, _text(loaded, root, unit.source), allow, trust, unit.path, fields)
        found += _name(unit.source.rpartition("/")[0] + "/", allow, trust, unit.path)
    for asset in portal.assets:
        unit = asset.rpartition("/")[0].removeprefix("plans/")
        found += _name(asset, trust.for_unit(unit), trust, unit)
    for source in sorted(p.relative_to(root).as_posix() for p in (root / "plans").glob("*.y*ml")):
        # The allow-list itself is never published; every other catalogue is.
        if _PUBLISHED_CATALOGUE.fullmatch(source) and source != "plans/privacy.yml":
            found += _yaml(source, _text(loaded, root, source), trust.site, trust, None, fields)
    return found


def check_documents(loaded: Loaded, root: Path, trust: Trust, documents: Iterable[Document]) -> list[Problem]:
    """The personal identifiers of each document's own file (front matter, body, file name)."""
    fields = _Fields(loaded)
    found: list[Problem] = []
    for doc in documents:
        allow = trust.for_unit(doc.unit)
        head = _text(loaded, root, doc.source)
        found += _yaml(doc.source, head, allow, trust, doc.unit, fields)
        found += _body(doc.source, doc.body, head.count("\n"), allow, trust, doc.unit)
        found += _name(doc.source, allow, trust, doc.unit)
    return found


def _text(loaded: Loaded, root: Path, source: str) -> str:
    text = loaded.texts.get(source)
    if text is None:
        try:
            text = (root / source).read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            return ""  # the loader has reported it already
    # The loader kept lone "\r" (only CRLF became LF); text mode reads them as breaks.
    return text.replace("\r", "\n") if "\r" in text else text


def _refused(text: str, allow: privacy.AllowList, yaml: bool) -> list[privacy.Found]:
    return [f for f in privacy.find(text, yaml) if not allow.allows(f)]


def _message(found: privacy.Found, trust: Trust, unit: str | None, where: str = "") -> str:
    text = privacy.message(found, trust.note(found, unit))
    return f"{where}: {text}" if where else text


def _yaml(source: str, text: str, allow, trust: Trust, unit: str | None, fields: _Fields) -> list[Problem]:
    hits = _refused(text, allow, yaml=True)
    if not hits:
        return []
    lines = Lines(text)
    rows = text.split("\n")
    problems = []
    for hit in hits:
        line = lines.of(hit.start)
        column = hit.start - (text.rfind("\n", 0, hit.start) + 1)
        field = fields.at(source, line, rows[line - 1], column)
        problems.append(Problem(source, line, field, _message(hit, trust, unit)))
    return problems


def _body(source: str, body: str, before: int, allow, trust: Trust, unit: str | None) -> list[Problem]:
    hits = _refused(body, allow, yaml=False)
    if not hits:
        return []
    lines = Lines(body)
    images = list(_IMAGE.finditer(body)) if "![" in body else []
    problems = []
    for hit in hits:
        problems.append(Problem(source, before + lines.of(hit.start), BODY,
                                _message(hit, trust, unit, _image_part(images, hit.start))))
    return problems


def _image_part(images: list[re.Match[str]], offset: int) -> str:
    """Which part of an image the offset is in, in Vietnamese ("" outside images)."""
    for image in images:
        for group, name in (("alt", "Mô tả ảnh (alt)"), ("t1", "Tiêu đề ảnh (title)"),
                            ("t2", "Tiêu đề ảnh (title)"), ("src", "Tên tệp ảnh")):
            if image.start(group) <= offset < image.end(group):
                return name
    return ""


def _name(path: str, allow, trust: Trust, unit: str | None) -> list[Problem]:
    """The last part of a file or folder path (each folder is scanned once, as its unit)."""
    path = path.rstrip("/")
    part = path.rpartition("/")[2]
    return [Problem(path, 0, "", f"Tên «{part}»: {_message(hit, trust, unit)} {_NAME_FIX}")
            for hit in _refused(part, allow, yaml=False)]
