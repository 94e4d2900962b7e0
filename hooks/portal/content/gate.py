"""Checks that make `check` the build's gate: what would break or silently alter the build.

Each problem here was once found only by the build (a crash naming an output
page) or by nobody (a hidden character published as it was): invisible and
bidirectional control characters, letters of another script that look Latin,
two files that differ only by letter case, images and links that only the
Markdown renderer sees (reference definitions, raw HTML), two units sharing an
official code at the same time.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown

from . import identifiers, sanitize
from .load import Loaded
from ..model.dates import PartialDate
from ..model.problems import BODY, Problem
from ..model.records import Document, Portal, Unit

# The extensions of mkdocs.yml that change which links and images a body holds;
# tests/unit/test_gate.py keeps this list equal to mkdocs.yml's.
MARKDOWN_EXTENSIONS = ("toc", "tables", "attr_list", "def_list", "admonition", "footnotes")

# Characters nobody types on purpose in an official text: they hide (zero width,
# soft hyphen), reorder what is shown (bidi controls: «U+202E» turns «số 12» into
# «21 ốs») or are binary control codes (NUL reached the HTML as it was).
_HIDDEN = {
    "\u00ad": "dấu gạch nối mềm",
    "\u061c": "dấu điều khiển chiều chữ",
    "\u200b": "dấu cách rộng 0",
    "\u200e": "dấu điều khiển chiều chữ",
    "\u200f": "dấu điều khiển chiều chữ",
    "\u2060": "dấu nối từ vô hình",
    "\ufeff": "dấu BOM",
    **{chr(c): "dấu điều khiển chiều chữ" for c in range(0x202A, 0x202F)},
    **{chr(c): "dấu điều khiển chiều chữ" for c in range(0x2066, 0x206A)},
}
# Joiners build emoji in prose; in names, numbers and other fields they only hide.
_JOINERS = {"\u200c": "dấu ngắt nối vô hình", "\u200d": "dấu nối vô hình"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SUSPECT = re.compile("[" + "".join(_HIDDEN) + "".join(_JOINERS) + r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MESSAGE_HIDDEN = (
    "có ký tự ẩn «{name}» (U+{code:04X}) ở cột {column}: ký tự này không hiện ra nhưng làm sai "
    "tên, số hiệu hoặc thứ tự chữ khi hiển thị; hãy xóa nó (gõ lại đoạn chữ đó)"
)
_MESSAGE_CONTROL = (
    "có ký tự điều khiển U+{code:04X} ở cột {column}: tệp có thể bị hỏng khi sao chép; "
    "hãy xóa ký tự đó (gõ lại đoạn chữ đó)"
)
_MESSAGE_SCRIPT = (
    "«{word}» trộn chữ Latinh với chữ {script} trông giống hệt (ví dụ «Н» Kirin thay cho «H»): "
    "người đọc không tìm thấy tên này khi tìm kiếm; hãy gõ lại từ đó bằng bàn phím tiếng Việt"
)
_MESSAGE_CASE = "tên tệp «{name}» trùng với «{other}» nếu không phân biệt chữ hoa, chữ thường (máy chủ web và Windows coi là một tệp): đổi tên hoặc xóa một tệp"
_MESSAGE_CODE = "mã đơn vị hành chính «{code}» đã dùng cho {other} trong cùng thời gian: kiểm tra lại mã (mỗi đơn vị đang tồn tại có một mã riêng)"
_MESSAGE_BODY_IMAGE = (
    "Ảnh «{src}» trong nội dung không được đăng: ảnh của bài phải khai báo trong mục images: "
    "(có mô tả alt) để được thu nhỏ và xóa thông tin vị trí; hãy chuyển ảnh vào images:"
)
_MESSAGE_FOREIGN = (
    "Ảnh lấy từ trang web khác ({host}): trình duyệt của người đọc sẽ gửi yêu cầu tới máy chủ đó "
    "(lộ thông tin người đọc) và chính sách bảo mật của cổng sẽ chặn ảnh; hãy lưu ảnh vào thư mục "
    "của đơn vị và khai báo trong mục images:"
)
_MESSAGE_UNRESOLVED = (
    "Liên kết tham chiếu «{text}» không có địa chỉ (thiếu dòng «[{label}]: https://…», hoặc dòng đó "
    "viết sai nên chữ hiện ra nguyên dạng): thêm hoặc sửa dòng định nghĩa, hoặc viết liên kết "
    "trực tiếp [chữ](https://…)"
)
_FIELDS_WITH_NAMES = ("title", "issuer", "signer", "number")
# A leftover of a reference the renderer could not resolve: «[chữ][nhãn]» or «[nhãn]: url».
_LEFTOVER = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]|^\s*\[([^\[\]\n]+)\]:", re.MULTILINE)


def check(loaded: Loaded, root: Path | str, only: frozenset[str] | None = None) -> list[Problem]:
    """Every gate problem of a loaded portal but those of each document's own file (:func:`check_documents`);
    with ``only`` (the preview, after an edit), name collisions only.
    """
    whole = loaded.portal
    found: list[Problem] = []
    if only is None:
        for source, text in _files(loaded, Path(root)):
            found.extend(_hidden(loaded, source, text))
        found.extend(_scripts(loaded, whole.units, ()))
        found.extend(_unit_codes(loaded, whole))
    found.extend(_case_collisions(whole))
    return found


def check_documents(loaded: Loaded, documents: Iterable[Document]) -> list[Problem]:
    """The gate problems of each document's own file, which need nothing of the other files."""
    found: list[Problem] = []
    for doc in documents:
        found.extend(_hidden(loaded, doc.source, loaded.texts.get(doc.source, "") + doc.body))
        found.extend(_scripts(loaded, (), (doc,)))
        found.extend(_rendered_body(doc))
        # Ids, classes and labels the extensions make from author text (some reach the theme unescaped).
        found.extend(identifiers.check(doc.source, doc.body, doc.body_line))
    return found


# ---------------------------------------------------------------- characters

def _files(loaded: Loaded, root: Path):
    """(source, full text) of every text file the portal publishes from, but its documents."""
    for unit in loaded.portal.units:
        yield unit.source, _read(root, unit.source)
    for name in ("campaigns.yml", "indicators.yml", "privacy.yml"):
        if (root / "plans" / name).is_file():
            yield f"plans/{name}", _read(root, f"plans/{name}")


def _read(root: Path, source: str) -> str:
    return (root / source).read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")


def _hidden(loaded: Loaded, source: str, text: str) -> list[Problem]:
    if not _SUSPECT.search(text):
        return []
    front_end = len(loaded.texts.get(source, text)) if source.endswith(".md") else len(text)
    found = []
    for match in _SUSPECT.finditer(text):
        char = match.group()
        in_body = match.start() >= front_end
        if char in _JOINERS and in_body:
            continue
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        name = _HIDDEN.get(char) or _JOINERS.get(char)
        message = (_MESSAGE_HIDDEN.format(name=name, code=ord(char), column=column) if name
                   else _MESSAGE_CONTROL.format(code=ord(char), column=column))
        field = BODY if in_body else _field_at(loaded, source, line)
        found.append(Problem(source, line, field, message))
    return found


def _field_at(loaded: Loaded, source: str, line: int) -> str:
    """The front-matter field whose value is on (or started before) ``line``."""
    best, name = 0, ""
    for (path, field), at in loaded.lines.items():
        # On a tie the later entry is the deeper field (a record's line is its first field's).
        if path == source and best <= at <= line:
            best, name = at, field
    return name


def _script_of(char: str) -> str | None:
    if not char.isalpha():
        return None
    return unicodedata.name(char, "").split(" ")[0] or None


_SCRIPT_NAMES = {"CYRILLIC": "Kirin", "GREEK": "Hy Lạp", "ARMENIAN": "Armenia", "CHEROKEE": "Cherokee"}


def _mixed(text: str) -> tuple[str, str] | None:
    """The first word mixing Latin letters with another script's, and that script."""
    for word in re.findall(r"\w+", text):
        scripts = {s for s in map(_script_of, word) if s}
        if "LATIN" in scripts and len(scripts) > 1:
            other = sorted(scripts - {"LATIN"})[0]
            return word, _SCRIPT_NAMES.get(other, other.title())
    return None


def _scripts(loaded: Loaded, units: Iterable[Unit], documents: Iterable[Document]) -> list[Problem]:
    found = []

    def look(source: str, field: str, value: str | None) -> None:
        if value and (hit := _mixed(value)):
            found.append(Problem(source, loaded.line(source, field), field,
                                 _MESSAGE_SCRIPT.format(word=hit[0], script=hit[1])))

    for unit in units:
        look(unit.source, "name", unit.name)
    for doc in documents:
        for field in _FIELDS_WITH_NAMES:
            look(doc.source, field, getattr(doc, field, None))
    return found


# ------------------------------------------------------------- files, codes

def _case_collisions(portal: Portal) -> list[Problem]:
    seen: dict[str, str] = {}
    found = []
    for source in sorted([d.source for d in portal.documents] + list(portal.assets)):
        key = source.casefold()
        if key in seen:
            found.append(Problem(source, 0, "", _MESSAGE_CASE.format(name=source.rsplit("/", 1)[-1], other=seen[key])))
        else:
            seen[key] = source
    return found


def _unit_codes(loaded: Loaded, portal: Portal) -> list[Problem]:
    by_code: dict[str, list] = defaultdict(list)
    for unit in portal.units:
        if unit.code:
            by_code[unit.code].append(unit)
    found = []
    far_past, far_future = dt.date.min, dt.date.max
    for code, units in by_code.items():
        for i, unit in enumerate(units):
            for other in units[:i]:
                # A code freed by an abolished unit may be given again (An Giang took Kiên Giang's 91).
                start = max(_first(unit.valid_from, far_past), _first(other.valid_from, far_past))
                end = min(_last(unit.valid_to, far_future), _last(other.valid_to, far_future))
                overlap = start <= end
                if overlap:
                    found.append(Problem(unit.source, loaded.line(unit.source, "code"), "code",
                                         _MESSAGE_CODE.format(code=code, other=f"{other.name} ({other.source})")))
    return found


def _first(date: PartialDate | None, default: dt.date) -> dt.date:
    return date.first_day if date is not None else default


def _last(date: PartialDate | None, default: dt.date) -> dt.date:
    return date.last_day if date is not None else default


# -------------------------------------------------------------------- bodies

class _Links(HTMLParser):
    """Image sources and link targets of rendered HTML, and its text outside code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        values = dict(attrs)
        if tag == "img" and values.get("src"):
            self.images.append(values["src"] or "")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag in ("code", "pre"):
            self._code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre") and self._code:
            self._code -= 1

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.text.append(data)


def _needs_rendering(body: str) -> bool:
    # Only these forms hold links or images the line-based checks can miss:
    # prose without them (nearly every document) is not rendered twice.
    return "![" in body or "<img" in body.lower() or "]:" in body or "][" in body


def _rendered_body(doc: Document) -> list[Problem]:
    if not _needs_rendering(doc.body):
        return []
    html = markdown.markdown(doc.body, extensions=list(MARKDOWN_EXTENSIONS))
    parsed = _Links()
    parsed.feed(html)
    found = []

    def at(needle: str, message: str) -> None:
        found.append(Problem(doc.source, _line_of(doc, needle), BODY, message))

    for src in parsed.images:
        host = urlsplit(src).netloc
        if host or src.startswith("//"):
            at(src, _MESSAGE_FOREIGN.format(host=host))
        elif not src.startswith("/"):
            # A file beside the document is never published (only images: are), so
            # the reader would see a broken image; "/assets/…" is the portal's own file.
            at(src, _MESSAGE_BODY_IMAGE.format(src=src))
    for href in parsed.links:
        if sanitize.clean_url(href) is None:
            at(href, sanitize.url_problem(href))
    for match in _LEFTOVER.finditer("".join(parsed.text)):
        text = match.group(1) or match.group(3)
        label = match.group(2) or match.group(3) or text
        at(f"[{text}]", _MESSAGE_UNRESOLVED.format(text=text, label=label))
    return found


def _line_of(doc: Document, needle: str) -> int:
    at = doc.body.find(needle)
    if at < 0:
        at = doc.body.find(needle.split("/")[-1]) if needle else -1
    return doc.body_line + (doc.body.count("\n", 0, at) if at >= 0 else 0)
