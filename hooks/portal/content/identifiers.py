"""Ids, classes and labels that a contributor writes through Markdown extensions, checked before rendering.

Python-Markdown's extensions turn author text into attributes: attr_list ids
and classes (``## Mục lục {: #muc-luc .x }``), toc's ``data-toc-label``,
footnote labels (``[^1]`` becomes ``id="fn:1"``), admonition types and
titles, code-fence languages. The sanitizer cleans the body, but some of these
values leave through other doors: Material's ``partials/toc-item.html`` writes
a heading's id and label into the sidebar unescaped. So each value is held to
a plain pattern here, and anything else is refused by ``check`` with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder

from . import sanitize
from ..model.problems import Problem

SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
"""An anchor or class: ASCII letter first (never Material's "__" names), then letters, digits, '-', '_'."""
SAFE_FOOTNOTE = re.compile(r"[\w.-]{1,64}")
"""A footnote label: word characters (Vietnamese too), digits, '.', '-' (it becomes ``fn:…``)."""
SAFE_LANGUAGE = re.compile(r"[A-Za-z0-9_+#.-]{1,32}")
_LABEL_UNSAFE = re.compile(r"[<>\"`{}\x00-\x1f\x7f]")
_TITLE_UNSAFE = re.compile(r"[<>`\x00-\x1f\x7f]")
LABEL_MAX = 120

# The same shapes the extensions read (attr_list's BASE_RE, footnotes' FOOTNOTE_RE,
# admonition's RE, fenced_code's opening line).
_ATTRIBUTE_LIST = re.compile(r"\{:?[ ]*([^}\n ][^\n}]*)\}")
_FOOTNOTE = re.compile(r"\[\^([^\]\n]*)\]")
_ADMONITION = re.compile(r"^!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +\"(.*?)\")? *$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[ ]*(\{[^\n]*\}|[^\s`{][^\s`]*)?", re.MULTILINE)
_ADMONITION_TYPES = sanitize.ADMONITION_TYPES

_ID = ("mã neo «{value}» trong {{: … }} không được phép: chỉ dùng chữ cái không dấu, chữ số, «-» và «_», "
       "bắt đầu bằng chữ cái (ví dụ {{: #muc-luc }}); hãy sửa hoặc xóa, vì tiêu đề đã tự có mã neo")
_CLASS = ("tên lớp «{value}» trong {{: … }} không được phép: chỉ dùng chữ cái không dấu, chữ số, «-» và «_» "
          "(ví dụ {{: .ghi-chu }}); hãy sửa hoặc xóa")
_LABEL = ("nhãn mục lục «{value}» (data-toc-label) không được phép: nhãn chỉ gồm chữ, tối đa "
          f"{LABEL_MAX} ký tự, không có <, >, dấu nháy kép, dấu ` hay ngoặc nhọn; hãy viết lại nhãn hoặc xóa nó")
_FOOTNOTE_LABEL = ("nhãn chú thích «{value}» ([^…]) không được phép: chỉ dùng chữ, chữ số, «.» và «-» "
                   "(ví dụ [^1] hoặc [^nguon-so-lieu]); hãy sửa nhãn ở cả chỗ gọi và dòng chú thích")
_ADMONITION_TYPE = ("loại khung «{value}» (!!! …) không được phép: chọn một trong "
                    + ", ".join(sorted(_ADMONITION_TYPES)) + " (ví dụ !!! note \"Lưu ý\")")
_ADMONITION_TITLE = ("tiêu đề khung «{value}» (!!! …) không được phép: tiêu đề chỉ gồm chữ, không có <, > "
                     "hay dấu `; hãy viết lại tiêu đề")
_LANGUAGE = ("ngôn ngữ của khối mã «{value}» (```…) không được phép: chỉ dùng chữ cái không dấu, chữ số, "
             "«+», «#», «.», «-» (ví dụ ```yaml); hãy sửa hoặc xóa")


@dataclass(frozen=True)
class Refused:
    """One refused value: where in the body (offset), which field, the message."""

    offset: int
    field: str
    message: str


def _shown(value: str) -> str:
    # The message quotes the value; control characters would garble the terminal.
    return re.sub(r"[\x00-\x1f\x7f]", "?", value)[:80]


def label_is_safe(value: str) -> bool:
    return len(value) <= LABEL_MAX and not _LABEL_UNSAFE.search(value)


def attribute_problems(attrs: str, start: int) -> list[Refused]:
    """The refused ids, classes and toc labels of one attr_list body (``attrs``, found at ``start``)."""
    found: list[Refused] = []
    pairs, _ = get_attrs_and_remainder(attrs)
    at = 0  # a list never spans lines: its start gives every problem's line
    for key, value in pairs:
        # HTML reads attribute names case-insensitively: "ID=" is an id.
        name = key.lower()
        if value is None:
            continue
        if name == "id":
            if not SAFE_ID.fullmatch(value):
                found.append(Refused(start + at, "body.attr_list.id", _ID.format(value=_shown(value))))
        elif name in {".", "class"}:
            for part in value.split() or [value]:
                if not SAFE_ID.fullmatch(part):
                    found.append(Refused(start + at, "body.attr_list.class", _CLASS.format(value=_shown(part))))
        elif name == "data-toc-label" and not label_is_safe(value):
            found.append(Refused(start + at, "body.toc_label", _LABEL.format(value=_shown(value))))
    return found


def find(body: str) -> list[Refused]:
    """Every refused author-controlled id, class or label of a Markdown body."""
    if not any(mark in body for mark in ("{", "[^", "!!!", "```", "~~~")):
        return []
    found: list[Refused] = []
    for fence in _FENCE.finditer(body):
        spec = fence.group(1)
        if not spec:
            continue
        if spec.startswith("{"):
            found += attribute_problems(spec[1:-1].lstrip(":"), fence.start(1) + 1)
        elif not SAFE_LANGUAGE.fullmatch(spec.lstrip(".")):
            found.append(Refused(fence.start(1), "body.code_language", _LANGUAGE.format(value=_shown(spec))))
    # Code blocks and spans show braces as text: only the rest is read by the extensions.
    text = sanitize.mask_code(body)
    for block in _ATTRIBUTE_LIST.finditer(text):
        found += attribute_problems(block.group(1), block.start(1))
    for note in _FOOTNOTE.finditer(text):
        if not SAFE_FOOTNOTE.fullmatch(note.group(1)):
            found.append(Refused(note.start(1), "body.footnote", _FOOTNOTE_LABEL.format(value=_shown(note.group(1)))))
    for box in _ADMONITION.finditer(text):
        for kind in box.group(1).split():
            if kind.lower() not in _ADMONITION_TYPES:
                found.append(Refused(box.start(1), "body.admonition", _ADMONITION_TYPE.format(value=_shown(kind))))
        title = box.group(2)
        if title and (len(title) > LABEL_MAX or _TITLE_UNSAFE.search(title)):
            found.append(Refused(box.start(2), "body.admonition_title", _ADMONITION_TITLE.format(value=_shown(title))))
    return sorted(found, key=lambda f: f.offset)


def check(source: str, body: str, body_line: int) -> list[Problem]:
    """The problems of one document's body, each at its line."""
    problems = []
    for hit in find(body):
        line = body_line + body.count("\n", 0, hit.offset)
        problems.append(Problem(source, line, hit.field, hit.message))
    return problems
