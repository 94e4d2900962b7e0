"""Load ``plans/`` into the model: one read of every file, every problem collected.

Like Material's blog plugin, we read and validate the content ourselves, once,
instead of trusting MkDocs' ``page.meta`` (which swallows YAML errors).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import frontmatter
from .. import parallel
from ..model import lunardates
from ..model import schema, vocabulary
from .frontmatter import YamlProblem
from ..model.records import Activity, Campaign, Document, Indicator, Portal, PrivacyAllow, Unit
from ..paths import is_slug
from ..model.problems import Problem
from ..model.values import adopt, check_measure

PLANS = "plans"
UNIT_FILE = "_unit.yml"
CATALOGUES = {"campaigns.yml", "indicators.yml", "privacy.yml"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
ROOT_EXTRAS = {"README.md"}
PARALLEL_FROM = 2_000
"""Documents from which they are read on every core (below, forking costs more than it saves)."""
_EMPTY = Portal((), (), (), (), PrivacyAllow())
# A link committed in a pull request could point outside the repository and
# have the build read or publish that file (an image "photo.jpg" -> a secret).
_SYMLINK = "Không dùng liên kết tượng trưng (symlink): hãy đặt chính tệp vào đây"


@dataclass
class Loaded:
    """The result of loading: the model when there were no problems."""

    portal: Portal
    problems: list[Problem] = field(default_factory=list)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    """(file, field path) -> line, for problems found by later checks."""
    positions: dict[tuple[str, str], int] = field(default_factory=dict)
    """(catalogue file, id) -> index of the item in the file (the model is sorted by id)."""
    texts: dict[str, str] = field(default_factory=dict)
    """File -> text as read (BOM dropped, CRLF made LF), so later checks need not read it again.

    For a document only the part before its body: the text is that part
    followed by Document.body (keeping two copies of every body would cost
    a hundred megabytes at 20,000 documents)."""

    def line(self, source: str, path: str) -> int:
        return self.lines.get((source, path), 0)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.lines: dict[tuple[str, str], int] = {}
        self.positions: dict[tuple[str, str], int] = {}
        self.texts: dict[str, str] = {}

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def problem(self, source: str, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(source, line, field, message))

    def read_text(self, path: Path | str, source: str | None = None) -> str | None:
        source = source or self.rel(Path(path))
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as error:
            self.problem(source, 0, "", f"Không đọc được tệp: {error.strerror}")
            return None
        if len(data) > frontmatter.MAX_FILE_BYTES:
            self.problem(source, 0, "", f"Tệp quá lớn ({len(data) // 1024} KB, giới hạn {frontmatter.MAX_FILE_BYTES // 1024} KB)")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problem(source, line, "", "Tệp không phải UTF-8: hãy lưu lại tệp với bảng mã UTF-8")
            return None
        text = text.lstrip("\ufeff").replace("\r\n", "\n")
        self.texts[source] = text
        return text

    def convert(self, source: str, spec: schema.Spec, node: yaml.Node | None, first_line: int) -> Any:
        """Converted value; partial when problems were reported (see :meth:`clean_since`)."""
        if node is None:
            self.problem(source, first_line, "", "Phần thông tin (front matter) đang trống")
            return None
        conversion = schema.Conversion(first_line)
        value = conversion.convert(spec, node, "")
        for line, path, message in conversion.problems:
            self.problem(source, line, path, message)
        for path, line in conversion.lines.items():
            self.lines[(source, path)] = line
        return value

    def clean_since(self, count: int) -> bool:
        """True when no problem was reported after the first ``count``."""
        return len(self.problems) == count

    def yaml_file(self, path: Path | str, spec: schema.Spec, source: str | None = None) -> Any:
        source = source or self.rel(Path(path))
        text = self.read_text(path, source)
        if text is None:
            return None
        try:
            frontmatter.check_size(text)
            node = frontmatter.compose(text)
        except YamlProblem as error:
            self.problem(source, error.line, "", error.message)
            return None
        if node is None:
            self.problem(source, 1, "", "Tệp đang trống")
            return None
        before = len(self.problems)
        value = self.convert(source, spec, node, 1)
        return value if self.clean_since(before) else None


def load(root: Path | str) -> Loaded:
    """Load the portal whose ``plans/`` folder is under ``root``."""
    root = Path(root)
    reader = _Reader(root)
    plans = root / PLANS
    if not plans.is_dir():
        reader.problem(PLANS, 0, "", "Không tìm thấy thư mục plans/ của cổng thông tin")
        return Loaded(_EMPTY, reader.problems)

    campaigns = _catalogue(reader, plans / "campaigns.yml", schema.CAMPAIGN, _campaign)
    indicators = _catalogue(reader, plans / "indicators.yml", schema.INDICATOR, _indicator)
    privacy = _privacy(reader, plans / "privacy.yml")
    units: list[Unit] = []
    documents: list[Document] = []
    assets: list[str] = []
    pending: list[_Pending] = []
    measures = {indicator.id: indicator.measure for indicator in indicators}

    for directory, subdirs, files in os.walk(plans):
        subdirs.sort()
        here = Path(directory)
        is_root = here == plans
        has_unit = UNIT_FILE in files
        # Paths as text: pathlib for each of 25,000 files cost a tenth of `check`.
        rel_here = reader.rel(here)
        unit_path = "" if is_root else here.relative_to(plans).as_posix()
        for name in sorted(subdirs):
            if (here / name).is_symlink():
                reader.problem(reader.rel(here / name), 0, "", _SYMLINK)
                subdirs.remove(name)
            elif not is_slug(name):
                reader.problem(reader.rel(here / name), 0, "", f"Tên thư mục «{name}» phải viết chữ thường không dấu, nối bằng gạch ngang (ví dụ: ha-giang)")
                subdirs.remove(name)
        if not is_root and has_unit:
            unit = _unit(reader, os.path.join(directory, UNIT_FILE), unit_path, f"{rel_here}/{UNIT_FILE}")
            if unit is not None:
                units.append(unit)
        for name in sorted(files):
            path = os.path.join(directory, name)
            source = f"{rel_here}/{name}"
            suffix = _suffix(name).lower()
            if os.path.islink(path):
                reader.problem(source, 0, "", _SYMLINK)
                continue
            if is_root:
                if name not in CATALOGUES | ROOT_EXTRAS:
                    where = "văn bản phải nằm trong thư mục của một đơn vị" if suffix == ".md" else "ở thư mục plans/ chỉ có campaigns.yml, indicators.yml, privacy.yml"
                    reader.problem(source, 0, "", f"Tệp «{name}» không thuộc về đây: {where}")
                continue
            if name == UNIT_FILE:
                continue
            if not has_unit:
                reader.problem(source, 0, "", f"Thư mục {rel_here}/ chưa được khai báo là đơn vị: hãy thêm tệp {UNIT_FILE}")
                continue
            if suffix == ".md":
                pending.append((path, name, source, unit_path))
            elif suffix in IMAGE_SUFFIXES:
                assets.append(source)
            else:
                reader.problem(source, 0, "", f"Loại tệp «{suffix or name}» không được phép trong thư mục đơn vị: chỉ có tệp .md, ảnh .jpg, .jpeg, .png, .webp và {UNIT_FILE}")

    documents = _documents(reader, pending, measures)
    portal = Portal(
        units=tuple(sorted(units, key=lambda u: u.path)),
        documents=tuple(sorted(documents, key=lambda d: d.source)),
        campaigns=tuple(sorted(campaigns, key=lambda c: c.id)),
        indicators=tuple(sorted(indicators, key=lambda i: i.id)),
        privacy=privacy,
        assets=tuple(sorted(assets)),
    )
    return Loaded(portal, reader.problems, reader.lines, reader.positions, reader.texts)


_Pending = tuple[str, str, str, str]
"""A document file to read: its path, file name, source (``plans/…``) and unit path."""


def _documents(reader: _Reader, pending: list[_Pending], measures: dict[str, str]) -> list[Document]:
    """The documents of ``pending`` (their problems go to ``reader``): on every core for a large portal."""
    in_parallel = parallel.worth(len(pending), PARALLEL_FROM)
    documents: list[Document] = []
    for part in parallel.run(_read_documents, parallel.chunks(pending), (reader.root, measures), parallel=in_parallel):
        documents += part.portal.documents
        reader.problems += part.problems
        reader.lines.update(part.lines)
        reader.texts.update(part.texts)
    return documents


def _read_documents(shared: tuple[Path, dict[str, str]], pending: list[_Pending]) -> Loaded:
    """The documents of ``pending`` and what their reading found, as a partial load (in a worker or not)."""
    root, measures = shared
    reader = _Reader(root)
    documents = tuple(d for task in pending if (d := _document(reader, *task, measures)) is not None)
    return Loaded(dataclasses.replace(_EMPTY, documents=documents), reader.problems, reader.lines, reader.positions, reader.texts)


def _catalogue(reader: _Reader, path: Path, spec: schema.Record, build: Any) -> list[Any]:
    source = reader.rel(path)
    if not path.is_file():
        reader.problem(source, 0, "", f"Thiếu tệp danh mục {path.name}")
        return []
    items = reader.yaml_file(path, schema.ListOf(item=spec, max_items=5000))
    if items is None:
        return []
    built, seen = [], {}
    for index, item in enumerate(items):
        if item["id"] in seen:
            reader.problem(source, reader.lines.get((source, f"[{index}].id"), 0), f"[{index}].id", f"mã «{item['id']}» bị trùng với mục thứ {seen[item['id']] + 1}")
            continue
        seen[item["id"]] = index
        reader.positions[(source, item["id"])] = index
        built.append(build(schema.bind(spec, item)))
    return built


def _campaign(campaign: Campaign) -> Campaign:
    # A campaign of one day gives only its start.
    return dataclasses.replace(campaign, end=campaign.end or campaign.start)


def _indicator(indicator: Indicator) -> Indicator:
    return indicator


def _privacy(reader: _Reader, path: Path) -> PrivacyAllow:
    if not path.is_file():
        return PrivacyAllow()
    data = reader.yaml_file(path, schema.PRIVACY) or {}
    return schema.bind(schema.PRIVACY, data)


def _suffix(name: str) -> str:
    """``Path(name).suffix``: "" for ".md" or "a." too."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _unit(reader: _Reader, path: str, unit_path: str, source: str) -> Unit | None:
    data = reader.yaml_file(path, schema.UNIT, source)
    if data is None:
        return None
    unit: Unit = schema.bind(schema.UNIT, data, path=unit_path, source=source)
    return unit


def _document(reader: _Reader, path: str, name: str, source: str, unit_path: str, measures: dict[str, str]) -> Document | None:
    suffix = _suffix(name)
    slug = name[: -len(suffix)] if suffix else name
    if not is_slug(slug):
        reader.problem(source, 0, "", f"Tên tệp «{name}» phải viết chữ thường không dấu, nối bằng gạch ngang (ví dụ: 2023-ke-hoach-35.md)")
        return None
    text = reader.read_text(path, source)
    if text is None:
        return None
    try:
        split = frontmatter.split(text)
        node = frontmatter.compose(split.yaml_text, split.yaml_line)
    except YamlProblem as error:
        reader.problem(source, error.line, "", error.message)
        return None
    reader.texts[source] = text[: len(text) - len(split.body)]
    kind_spec = _kind_of(reader, source, node, split.yaml_line)
    if kind_spec is None:
        return None
    before = len(reader.problems)
    data = reader.convert(source, kind_spec, node, split.yaml_line) or {}

    if not reader.clean_since(before):
        return None
    year = data["year"] if "year" in data else data["date"].year
    document: Document = schema.bind(
        kind_spec, data, unit=unit_path, slug=slug, source=source, year=year,
        body=split.body, body_line=split.body_line,
    )
    document = _typed_values(reader, document, measures)
    document = _lunar_activities(reader, document)
    return document if reader.clean_since(before) else None


def _typed_values(reader: _Reader, doc: Document, measures: dict[str, str]) -> Document:
    """Targets and results in their indicator's unit; a value that does not fit is a problem."""
    def fit(items: tuple[Any, ...], name: str) -> tuple[Any, ...]:
        fitted = []
        for index, item in enumerate(items):
            measure = measures.get(item.indicator)
            value = adopt(item.value, measure) if measure else item.value
            mismatch = check_measure(value, measure) if measure else None
            if mismatch:
                where = f"{name}[{index}].value"
                reader.problem(doc.source, reader.lines.get((doc.source, where), 0), where, mismatch)
            fitted.append(dataclasses.replace(item, value=value))
        return tuple(fitted)

    return dataclasses.replace(doc, targets=fit(doc.targets, "targets"), results=fit(doc.results, "results"))


def _lunar_activities(reader: _Reader, doc: Document) -> Document:
    """A lunar day becomes the solar day of the document's year; the lunar form stays for display."""
    activities: list[Activity] = []
    for index, activity in enumerate(doc.activities):
        if activity.lunar is not None:
            where = f"activities[{index}].lunar"
            line = reader.lines.get((doc.source, where), 0)
            if activity.date is not None:
                reader.problem(doc.source, line, where, "ghi một trong hai: date (dương lịch) hoặc lunar (âm lịch), không ghi cả hai")
            else:
                try:
                    activity = dataclasses.replace(activity, date=lunardates.to_span(activity.lunar, doc.year))
                except ValueError as error:
                    reader.problem(doc.source, line, where, f"{error}: kiểm tra lại ngày âm lịch")
        activities.append(activity)
    return dataclasses.replace(doc, activities=tuple(activities))


def _kind_of(reader: _Reader, source: str, node: yaml.Node | None, first_line: int) -> schema.Record | None:
    if not isinstance(node, yaml.MappingNode):
        reader.problem(source, first_line, "", "Phần thông tin (front matter) phải là các dòng «tên: giá trị»")
        return None
    for key, value in node.value:
        if getattr(key, "value", None) == "kind":
            # A list or mapping here would be unhashable: treat it as an unknown kind.
            kind = value.value if isinstance(value, yaml.ScalarNode) else "…"
            if kind in schema.DOCUMENTS:
                return schema.DOCUMENTS[kind]
            reader.problem(source, value.start_mark.line + first_line, "kind", f"«{kind}» không hợp lệ; chọn một trong: {_KIND_CHOICES}")
            return None
    reader.problem(source, first_line, "kind", f"thiếu trường bắt buộc kind: {_KIND_CHOICES}")
    return None


_KIND_CHOICES = ", ".join(f"{kind.id} ({kind.long})" for kind in vocabulary.KINDS)


def load_document(root: Path | str, source: str, measures: dict[str, str], units: set[str]) -> Loaded:
    """One document file again, as :func:`load` reads it (the preview, after an edit).

    ``units``: paths of the portal's units (the folder must be one); ``measures``
    by indicator id. The result's portal holds the document alone, or nothing
    with its problems; its lines and texts are that file's.
    """
    root = Path(root)
    reader = _Reader(root)
    folder, _, name = source.rpartition("/")
    unit_path = folder.removeprefix(f"{PLANS}/")
    path = root / source
    documents: list[Document] = []
    if path.is_symlink():
        reader.problem(source, 0, "", _SYMLINK)
    elif unit_path not in units:
        reader.problem(source, 0, "", f"Thư mục {folder}/ chưa được khai báo là đơn vị: hãy thêm tệp {UNIT_FILE}")
    else:
        document = _document(reader, str(path), name, source, unit_path, measures)
        if document is not None:
            documents.append(document)
    return Loaded(dataclasses.replace(_EMPTY, documents=tuple(documents)), reader.problems, reader.lines, reader.positions, reader.texts)
