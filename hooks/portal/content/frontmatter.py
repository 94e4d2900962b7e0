"""Read front matter and YAML files strictly, keeping line numbers.

PyYAML follows YAML 1.1, where ``14:14`` is 854, ``NO`` is False and ``0912``
is octal. We never let it construct values: we compose the node tree (which
keeps each scalar's raw text and position) and the schema converts every
scalar explicitly. Anchors, aliases and tags are refused: contributors do not
need them and aliases are the classic way to blow up a YAML parser.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml  # PyYAML: already a dependency of MkDocs; used only to compose nodes.

# libyaml's parser when present: composing 20,000 front matters in pure Python
# alone would take longer than the whole check budget.
try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml
    _Parser = None


class _Composer(*((_Parser,) if _Parser else (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer)), yaml.resolver.BaseResolver):  # type: ignore[misc]
    """Composes nodes without resolving implicit tags.

    Nothing reads a node's tag (the schema converts raw text), and resolving one
    runs PyYAML's Python resolver for every node: a third of composing.
    """

    def __init__(self, stream: str) -> None:
        if _Parser:
            _Parser.__init__(self, stream)
        else:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
        yaml.resolver.BaseResolver.__init__(self)

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]

    # No path resolvers are registered: skip the two calls libyaml makes per node.
    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_TAGS = {
    yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}
_Loader: type = _Composer

MAX_FILE_BYTES = 512 * 1024
MAX_LINE_CHARS = 5_000
MAX_DEPTH = 8


_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


class YamlProblem(Exception):
    """A syntax problem with its 1-based line in the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Source:
    """A Markdown file split into its front matter and body."""

    yaml_text: str
    """The YAML between the ``---`` fences."""
    yaml_line: int
    """File line (1-based) of the first YAML line."""
    body: str
    """Markdown after the closing fence."""
    body_line: int
    """File line (1-based) of the first body line."""


def check_size(text: str) -> None:
    # A character takes at most 4 bytes in UTF-8: short texts need no encoding.
    if len(text) * 4 > MAX_FILE_BYTES and len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise YamlProblem(0, f"Tệp quá lớn (giới hạn {MAX_FILE_BYTES // 1024} KB): hãy chia nhỏ nội dung hoặc bỏ phần không cần thiết")
    if len(text) <= MAX_LINE_CHARS or max(map(len, text.splitlines())) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE_CHARS:
            raise YamlProblem(number, f"Dòng quá dài ({len(line)} ký tự, giới hạn {MAX_LINE_CHARS}): hãy xuống dòng")


def split(text: str) -> Source:
    """Split a Markdown file into front matter and body."""
    check_size(text)
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        raise YamlProblem(1, "Tệp phải bắt đầu bằng dòng «---» rồi đến phần thông tin (front matter) và một dòng «---» nữa")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r") in ("---", "..."):
            return Source(
                yaml_text="\n".join(lines[1:index]),
                yaml_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise YamlProblem(1, "Không tìm thấy dòng «---» kết thúc phần thông tin (front matter)")


def compose(yaml_text: str, first_line: int = 1) -> yaml.Node | None:
    """Compose ``yaml_text`` into nodes; lines in errors are file lines."""
    offset = first_line - 1
    if _plain(yaml_text):
        # Fast path for ordinary front matter: the token pass below costs as
        # much as composing (a third of `check` on 20,000 documents) and only
        # finds what this text cannot hold. Any error re-runs the full path.
        try:
            node = yaml.compose(yaml_text, Loader=_Loader)
        except yaml.YAMLError:
            pass
        else:
            if node is not None:
                _check_depth(node, 0, offset)
            return node
    # Quoted values spanning lines: a quote left open swallows the next lines
    # up to the next quote, and the parser then fails where that one ends.
    multiline_quotes: list[yaml.Token] = []
    depth = 0
    try:
        for token in yaml.scan(yaml_text, Loader=_Loader):
            # Nesting is bounded while scanning: composing 40,000 nested «[»
            # overflows libyaml's stack and kills the process (segmentation fault).
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise YamlProblem(token.start_mark.line + 1 + offset, f"Cấu trúc lồng nhau quá sâu (quá {MAX_DEPTH} cấp)")
            elif isinstance(token, _CLOSING):
                depth -= 1
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)):
                raise YamlProblem(
                    token.start_mark.line + 1 + offset,
                    "Không dùng neo, bí danh hay thẻ YAML (&, *, !): hãy viết giá trị trực tiếp",
                )
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.line > token.start_mark.line:
                multiline_quotes.append(token)
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = _mark_of(error)
        if error.problem_mark is not None:
            opened = next((t for t in multiline_quotes if t.end_mark.line == error.problem_mark.line), None)
            if opened is not None:
                raise YamlProblem(opened.start_mark.line + 1 + offset, "Lỗi cú pháp YAML: dấu nháy mở ở dòng này chưa được đóng") from None
        line = (mark.line + 1 + offset) if mark else first_line
        raise YamlProblem(line, f"Lỗi cú pháp YAML: {_explain(error, yaml_text)}") from None
    except yaml.reader.ReaderError as error:
        # Control characters pasted from word processors; libyaml counts bytes
        # in ``position``, so find the line by the character itself.
        bad = chr(error.character) if isinstance(error.character, int) else ""
        found = next((n for n, text in enumerate(yaml_text.split("\n")) if bad and bad in text), None)
        line = first_line if found is None else found + first_line
        raise YamlProblem(line, f"Lỗi cú pháp YAML: có ký tự điều khiển không được phép (mã {error.character!r}); hãy gõ lại dòng này") from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"Lỗi cú pháp YAML: {error}") from None
    if node is not None:
        _check_depth(node, 0, offset)
    return node


def _mark_of(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    # An unclosed quote or a key without ":" is where the scanner started
    # (the context mark); where it gave up is often the end of the front matter.
    context = str(error.context or "")
    if error.context_mark is not None and ("quoted scalar" in context or "simple key" in context):
        return error.context_mark
    return error.problem_mark or error.context_mark


def _explain(error: yaml.MarkedYAMLError, yaml_text: str) -> str:
    # Messages of both libyaml (used when present) and pure-Python PyYAML.
    problem = str(error.problem or error.context or "")
    context = str(error.context or "")
    mark = error.problem_mark
    lines = yaml_text.split("\n")
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
        return "không dùng phím Tab, hãy thụt lề bằng dấu cách"
    if "quoted scalar" in context and "end of stream" in problem:
        return "dấu nháy mở ở dòng này chưa được đóng"
    known = {
        "mapping values are not allowed": "có dấu «:» ở chỗ không được phép; nếu giá trị chứa «: », hãy đặt nó trong dấu nháy kép",
        "could not find expected ':'": "thiếu dấu «:» sau tên trường",
        "cannot start any token": "có ký tự không được phép ở đầu giá trị; hãy đặt giá trị trong dấu nháy kép",
        "expected '-' indicator": "thụt lề của danh sách không đều",
        "expected <block end>": "thụt lề không đều: các trường cùng cấp phải thẳng hàng",
        "did not find expected key": "thụt lề không đều: các trường cùng cấp phải thẳng hàng",
        "single document": "chỉ được có một phần thông tin giữa hai dòng «---»",
        "expected ',' or ']'": "danh sách viết trong «[ ]» thiếu dấu «,» giữa các mục hoặc thiếu dấu «]» đóng",
        "expected ',' or '}'": "nhóm viết trong «{ }» thiếu dấu «,» giữa các mục hoặc thiếu dấu «}» đóng",
        "end of stream": "phần thông tin kết thúc giữa chừng: có dấu nháy hoặc ngoặc chưa đóng",
        "unknown escape": "trong dấu nháy kép, dấu «\\» phải đi với một ký tự đặc biệt; hãy dùng dấu nháy đơn hoặc bỏ dấu «\\»",
        "found unexpected ':'": "có dấu «:» ở chỗ không được phép; hãy đặt giá trị trong dấu nháy kép",
        "special characters are not allowed": "có ký tự đặc biệt không được phép; hãy xóa nó hoặc đặt giá trị trong dấu nháy kép",
        "found a tab character": "không dùng phím Tab, hãy thụt lề bằng dấu cách",
        "block scalar": "đoạn chữ nhiều dòng (sau «>-» hoặc «|») thụt lề không đều",
        "expected alphabetic or numeric character": "dấu «&», «*» hoặc «!» phải nằm trong dấu nháy kép",
    }
    for key, text in known.items():
        if key in problem or key in context:
            return text
    # The library's own wording (English) helps no contributor: say where and what to look at.
    return "không đọc được dòng này (hãy kiểm tra thụt lề, dấu «:» sau tên trường, dấu nháy và ngoặc)"


def _plain(yaml_text: str) -> bool:
    """True when the text has no anchors, aliases or tags and cannot nest deep enough to hurt libyaml.

    Flow brackets are bounded by their count; block nesting needs indentation,
    bounded by the file size limit, or compact "- -" sequences, excluded here.
    """
    return (
        not any(c in yaml_text for c in "&*!")
        and yaml_text.count("[") + yaml_text.count("{") <= MAX_DEPTH
        and "- -" not in yaml_text
    )


def _check_depth(node: yaml.Node, depth: int, offset: int) -> None:
    if depth > MAX_DEPTH:
        raise YamlProblem(node.start_mark.line + 1 + offset, f"Cấu trúc lồng nhau quá sâu (quá {MAX_DEPTH} cấp)")
    # Scalars below the limit need no call of their own (most nodes are scalars).
    if isinstance(node, yaml.MappingNode):
        children = [value for _key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        return
    for child in children:
        if depth + 1 > MAX_DEPTH or not isinstance(child, yaml.ScalarNode):
            _check_depth(child, depth + 1, offset)


def line_of(node: yaml.Node, first_line: int) -> int:
    """File line (1-based) where ``node`` starts."""
    return node.start_mark.line + first_line
