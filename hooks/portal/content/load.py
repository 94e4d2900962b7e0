"""Load ``plans/`` into the model: one read of every file, every problem collected.

Like Material's blog plugin, we read and validate the content ourselves, once,
instead of trusting MkDocs' ``page.meta`` (which swallows YAML errors).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import frontmatter
from ..model import schema
from .frontmatter import YamlProblem
from ..model.records import (
    Activity,
    Campaign,
    Contact,
    Document,
    FormerName,
    Image,
    Indicator,
    Portal,
    PrivacyAllow,
    Reference,
    Result,
    Target,
    Theme,
    Unit,
)
from ..paths import is_slug
from ..model.problems import Problem
from ..model.values import check_measure, parse_value

PLANS = "plans"
UNIT_FILE = "_unit.yml"
CATALOGUES = {"campaigns.yml", "indicators.yml", "privacy.yml"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
ROOT_EXTRAS = {"README.md"}
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
        return Loaded(Portal((), (), (), (), PrivacyAllow()), reader.problems)

    campaigns = _catalogue(reader, plans / "campaigns.yml", schema.CAMPAIGN, _campaign)
    indicators = _catalogue(reader, plans / "indicators.yml", schema.INDICATOR, _indicator)
    privacy = _privacy(reader, plans / "privacy.yml")
    units: list[Unit] = []
    documents: list[Document] = []
    assets: list[str] = []
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
                document = _document(reader, path, name, source, unit_path, measures)
                if document is not None:
                    documents.append(document)
            elif suffix in IMAGE_SUFFIXES:
                assets.append(source)
            else:
                reader.problem(source, 0, "", f"Loại tệp «{suffix or name}» không được phép trong thư mục đơn vị: chỉ có tệp .md, ảnh .jpg, .jpeg, .png, .webp và {UNIT_FILE}")

    portal = Portal(
        units=tuple(sorted(units, key=lambda u: u.path)),
        documents=tuple(sorted(documents, key=lambda d: d.source)),
        campaigns=tuple(sorted(campaigns, key=lambda c: c.id)),
        indicators=tuple(sorted(indicators, key=lambda i: i.id)),
        privacy=privacy,
        assets=tuple(sorted(assets)),
    )
    return Loaded(portal, reader.problems, reader.lines, reader.positions, reader.texts)


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
        built.append(build(item))
    return built


def _month_day(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    month, day = text.split("-")
    return int(month), int(day)


def _campaign(item: dict[str, Any]) -> Campaign:
    return Campaign(
        id=item["id"], name=item["name"], description=item.get("description"),
        calendar=item.get("calendar", "solar"),
        start=_month_day(item.get("start")), end=_month_day(item.get("end") or item.get("start")),
        themes=tuple(Theme(t["year"], t["theme"]) for t in item.get("themes", ())),
    )


def _indicator(item: dict[str, Any]) -> Indicator:
    return Indicator(item["id"], item["name"], item["measure"], item["better"], item.get("description"))


def _privacy(reader: _Reader, path: Path) -> PrivacyAllow:
    if not path.is_file():
        return PrivacyAllow()
    data = reader.yaml_file(path, schema.PRIVACY) or {}
    return PrivacyAllow(tuple(data.get("phones", ())), tuple(data.get("emails", ())), tuple(data.get("domains", ())))


def _suffix(name: str) -> str:
    """``Path(name).suffix``: "" for ".md" or "a." too."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _unit(reader: _Reader, path: str, unit_path: str, source: str) -> Unit | None:
    data = reader.yaml_file(path, schema.UNIT, source)
    if data is None:
        return None
    contact = data.get("contact")
    return Unit(
        path=unit_path, name=data["name"], level=data["level"], source=source,
        code=data.get("code"), valid_from=data.get("valid_from"), valid_to=data.get("valid_to"),
        merged_into=tuple(data.get("merged_into", ())), history=data.get("history"),
        contact=Contact(**contact) if contact else None,
        maintainers=tuple(data.get("maintainers", ())),
        split_from=tuple(data.get("split_from", ())), renamed_to=data.get("renamed_to"),
        former_names=tuple(FormerName(**f) for f in data.get("former_names", ())),
    )


def _reference(data: dict[str, Any] | None) -> Reference | None:
    return Reference(**data) if data else None


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

    def value_of(item: dict[str, Any], where: str) -> Any:
        try:
            value = parse_value(item["value"])
        except ValueError as error:
            reader.problem(source, reader.lines.get((source, f"{where}.value"), 0), f"{where}.value", str(error))
            return None
        measure = measures.get(item["indicator"])
        mismatch = check_measure(value, measure) if measure else None
        if mismatch:
            reader.problem(source, reader.lines.get((source, f"{where}.value"), 0), f"{where}.value", mismatch)
            return None
        return value

    targets = []
    for index, item in enumerate(data.get("targets", ())):
        value = value_of(item, f"targets[{index}]")
        if value is not None:
            targets.append(Target(item["indicator"], value, item.get("note")))
    results = []
    for index, item in enumerate(data.get("results", ())):
        value = value_of(item, f"results[{index}]")
        if value is not None:
            results.append(Result(item["indicator"], value, item.get("measured"), item.get("note")))
    if not reader.clean_since(before):
        return None

    date = data.get("date")
    return Document(
        kind=data["kind"], unit=unit_path, slug=slug, source=source, title=data["title"],
        year=data["year"] if "year" in data else date.year,
        body=split.body, body_line=split.body_line, summary=data.get("summary"),
        number=data.get("number"), issued=data.get("issued"), date=date,
        issuer=data.get("issuer"), url=data.get("source"), campaign=data.get("campaign"),
        plan=_reference(data.get("plan")),
        implements=tuple(Reference(**r) for r in data.get("implements", ())),
        targets=tuple(targets), results=tuple(results),
        activities=tuple(Activity(**a) for a in data.get("activities", ())),
        images=tuple(Image(**i) for i in data.get("images", ())),
    )


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
            reader.problem(source, value.start_mark.line + first_line, "kind", f"«{kind}» không hợp lệ; chọn một trong: plan (kế hoạch), news (tin tức), report (báo cáo)")
            return None
    reader.problem(source, first_line, "kind", "thiếu trường bắt buộc kind: plan (kế hoạch), news (tin tức) hoặc report (báo cáo)")
    return None
