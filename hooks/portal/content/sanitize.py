"""Sanitizing contributor HTML and spotting raw HTML in contributor Markdown.

Everything under ``plans/`` arrives by pull request from many communes, so the
HTML that Python-Markdown makes from it is untrusted. ``clean_html`` is the
security boundary; ``find_raw_html`` only tells a contributor, with line
numbers, what the boundary is going to remove, so nothing vanishes silently.
"""

from __future__ import annotations

import html
import re

# nh3 wraps ammonia, the Rust sanitizer: it parses with html5ever, the same
# HTML5 algorithm browsers use, so mutation tricks that fool regex or
# html.parser based cleaners do not work; it is well kept and fast enough to run
# on every page of a build.
import nh3

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""URL schemes a link or image may use; relative URLs are allowed too."""

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

ALLOWED_TAGS = frozenset(
    {
        *_HEADINGS,
        "p", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "img", "hr", "br", "sup", "sub", "dl", "dt", "dd", "span", "div",
        "figure", "figcaption", "abbr", "del", "ins", "details", "summary",
        # Harmless inline formatting that contributors type by hand; stripping
        # it would only lose emphasis and make `check` report noise.
        "b", "i", "u", "s", "mark", "small", "kbd",
    }
)
"""Tags kept by ``clean_html``; everything else is removed (its text stays)."""

# These lose their content too, not only the tag: their text is code, a form
# control's value or markup the browser would never show as text.
_DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset",
        "object", "embed", "applet", "textarea", "select", "xmp", "noembed",
        "noframes", "title", "svg", "math",
    }
)

_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    # Python-Markdown's tables extension aligns columns with a style attribute;
    # only `text-align` survives (see filter_style_properties below).
    "th": {"colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
    # Anchors: toc ids on headings, footnote ids on sup/li.
    **{h: {"id"} for h in _HEADINGS},
    "sup": {"id"},
    "li": {"id"},
}

# Attributes whose values come from a closed list (ammonia drops anything else).
_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "img": {"loading": {"lazy", "eager"}},
    "th": {"align": {"left", "center", "right", "justify"}},
    "td": {"align": {"left", "center", "right", "justify"}},
}

# Classes carry no code, but an arbitrary class could borrow Material's own
# layout classes (md-header, md-dialog…) to dress content up as portal chrome.
# Only the classes our Markdown extensions emit are kept. They are filtered in
# _filter_attribute rather than with nh3's allowed_classes, which leaves an
# empty class="" behind when nothing is left.
ADMONITION_TYPES = frozenset({
    "note", "abstract", "info", "tip", "success", "question", "warning",
    "failure", "danger", "bug", "example", "quote", "important", "caution",
})
_ALLOWED_CLASSES: dict[str, frozenset[str]] = {
    "div": frozenset({"admonition", "footnote", *ADMONITION_TYPES}),
    "details": ADMONITION_TYPES,
    "p": frozenset({"admonition-title"}),
    "a": frozenset({"footnote-ref", "footnote-backref", "headerlink"}),
}
for _tag in _ALLOWED_CLASSES:
    _ATTRIBUTES.setdefault(_tag, set()).add("class")

_NUMBER = re.compile(r"\d{1,4}%?")
# Unicode word characters keep Vietnamese toc slugs; ':' and '.' appear in
# footnote ids (fn:1). Material names its own elements with a "__" prefix
# (__search, __drawer, __toc…), so such ids are refused: a duplicate would let
# content hijack the theme's controls.
_SAFE_ID = re.compile(r"(?!__)[\w:.\-]{1,128}")


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Keep numeric sizes numeric and ids plain; pass every other value on."""
    if name in {"width", "height", "colspan", "rowspan", "start"}:
        return value if _NUMBER.fullmatch(value.strip()) else None
    if name == "id":
        return value if _SAFE_ID.fullmatch(value) else None
    if name == "class":
        allowed = _ALLOWED_CLASSES.get(tag, frozenset())
        kept = [c for c in value.split() if c in allowed]
        return " ".join(dict.fromkeys(kept)) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(_DROP_WITH_CONTENT),
    attributes=_ATTRIBUTES,
    attribute_filter=_filter_attribute,
    tag_attribute_values=_ATTRIBUTE_VALUES,
    filter_style_properties={"text-align"},
    url_schemes=set(ALLOWED_SCHEMES),
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def clean_html(html_text: str) -> str:
    """Return ``html_text`` (Python-Markdown output) with only safe markup left.

    Idempotent: cleaning the result again returns it unchanged.
    """
    cleaned = _CLEANER.clean(html_text)
    # The browser parses the result afresh, and a parser rebuilds some trees
    # it was handed: a heading opened inside an element inside another heading
    # comes back as two headings side by side. Cleaning until nothing changes
    # makes what is served exactly what the sanitizer last saw (hypothesis
    # found "<h2><audio><h2>" cleaning to nested headings).
    for _ in range(_MAX_PASSES):
        again = _CLEANER.clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


_MAX_PASSES = 3


# Browsers trim C0 controls and spaces around a URL and delete tabs and line
# breaks anywhere in it, so "java\tscript:" is still javascript:.
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def _has_forbidden_scheme(url: str) -> bool:
    probe = _TAB_NEWLINE.sub("", url).strip(_C0_AND_SPACE)
    match = _SCHEME.match(probe)
    if match:
        return match.group(1).lower() not in ALLOWED_SCHEMES
    # No valid scheme, yet a colon before the first '/', '?' or '#': some
    # parser could still read a scheme into it, and no honest relative link
    # looks like that.
    first_segment = re.split(r"[/?#]", probe, maxsplit=1)[0]
    return ":" in first_segment


def url_problem(url: str) -> str:
    """The message for a link whose scheme :func:`clean_url` refuses."""
    return _MESSAGE_URL.format(scheme=_scheme_of(url))


def clean_url(url: str) -> str | None:
    """Return ``url`` trimmed if its scheme is allowed or it is relative, else None.

    The URL is checked as written and with HTML character references decoded,
    since a template may place it in an attribute where ``&#106;`` means "j".
    """
    candidate = url.strip(_C0_AND_SPACE)
    if not candidate:
        return None
    if _has_forbidden_scheme(candidate) or _has_forbidden_scheme(html.unescape(candidate)):
        return None
    return candidate


# ---------------------------------------------------------------------------
# Finding raw HTML in Markdown, for `check`.

# Tags whose only purpose in contributor content would be running code,
# loading foreign documents or collecting input.
_CODE_TAGS = frozenset(
    _DROP_WITH_CONTENT
    | {"form", "input", "button", "option", "meta", "link", "base", "portal", "isindex"}
)
# Attributes that take a URL somewhere in HTML or SVG.
_URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "data", "poster", "background",
        "xlink:href", "cite", "lowsrc", "dynsrc", "longdesc", "codebase", "manifest",
        "srcset", "ping",
    }
)

# A start tag as the HTML tokenizer reads it: the name runs to whitespace, '/'
# or '>'; quoted values may hide '>'; a tag left open runs to the end.
_START_TAG = re.compile(
    r"<([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?"
)
_ATTRIBUTE = re.compile(
    r"([^\s/>=][^\s/>=]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?"
)
# Markdown inline links and images: "](url" (nested brackets do not matter,
# only the URL is looked at), and reference definitions "[id]: url".
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
# Python-Markdown autolinks (<https://…>, <name@host>) look like tags but are links.
# Same shapes as Python-Markdown's AUTOLINK_RE and AUTOMAIL_RE, which it tries
# before raw HTML; their text comes out escaped.
_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>|<[^<> !]+@[^@<> ]+>")
# attr_list (enabled in most Material sites) sets any attribute from Markdown:
# "[x](https://a.vn){: onclick=… }" or "# Tiêu đề { onmouseover=… }".
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")

_MESSAGE_CODE = (
    "Nội dung chứa mã HTML không được phép ({what}): hãy xóa đoạn này; "
    "cổng thông tin không chạy mã do người đóng góp gửi lên."
)
_MESSAGE_UNSUPPORTED_TAG = (
    "Thẻ HTML <{tag}> không được hỗ trợ và sẽ bị loại bỏ khi xuất bản: "
    "hãy xóa thẻ này và định dạng bằng cú pháp Markdown."
)
_MESSAGE_STYLE = (
    "Thuộc tính style trong {where} sẽ bị loại bỏ khi xuất bản: "
    "hãy xóa thuộc tính này; giao diện do cổng thông tin quyết định."
)
_MESSAGE_URL = (
    "Liên kết dùng giao thức không được phép ({scheme}): chỉ dùng địa chỉ bắt đầu bằng "
    "http://, https://, mailto:, tel: hoặc đường dẫn tương đối trong cổng thông tin."
)


def mask_code(markdown_text: str) -> str:
    """Blank out fenced code, code spans and autolinks, keeping offsets and lines.

    Markdown shows their content as text, so "<script>" there is harmless. A
    code span becomes a run of "x", not spaces: Python-Markdown renders
    ``<img src=`x` onload=…>`` as a live tag around a <code> element, so what
    surrounds a span must still read as one attribute value.
    """
    # Nothing to mask without a backtick, a tilde fence or an autolink's "<":
    # the per-line pass below is most of `find_raw_html` on plain prose.
    if "`" not in markdown_text and "~" not in markdown_text and "<" not in markdown_text:
        return markdown_text
    lines = markdown_text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None:
            if opening:
                fence = opening.group(1)
                lines[index] = " " * len(line)
            else:
                if "`" in line:
                    line = _CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), line)
                if "<" in line:
                    line = _AUTOLINK.sub(lambda m: "x" * len(m.group(0)), line)
                lines[index] = line
        else:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            lines[index] = " " * len(line)
    return "\n".join(lines)


def _scheme_of(url: str) -> str:
    probe = _TAB_NEWLINE.sub("", html.unescape(url)).strip(_C0_AND_SPACE)
    match = _SCHEME.match(probe)
    if match:
        return f"{match.group(1).lower()}:"
    # No readable scheme (e.g. "java\0script:"): show the start, without controls.
    return re.sub(r"[\x00-\x1f\x7f]", "", probe).split(":", 1)[0][:20] + ":"


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def find_raw_html(markdown_text: str) -> list[tuple[int, str]]:
    """Return (line, Vietnamese message) for raw HTML the sanitizer would strip or alter.

    Reports tags outside ``ALLOWED_TAGS``, event-handler (``on*``) and
    ``style`` attributes (in tags or in attr_list braces), and links or images
    (HTML or Markdown) whose URL uses a scheme other than http, https, mailto
    or tel. Lines are 1-based within
    ``markdown_text``; code blocks and code spans are ignored. Harmless
    attributes that are merely dropped (class, target…) are not reported.
    """
    text = mask_code(markdown_text)
    line_starts: list[int] = []

    def line_of(offset: int) -> int:
        # Built on the first hit only: most texts have none.
        if not line_starts:
            line_starts.extend([0, *(m.end() for m in re.finditer("\n", text))])
        low, high = 0, len(line_starts)
        while high - low > 1:
            middle = (low + high) // 2
            if line_starts[middle] <= offset:
                low = middle
            else:
                high = middle
        return low + 1

    hits: list[tuple[int, str]] = []

    def report(offset: int, message: str) -> None:
        hit = (line_of(offset), message)
        if hit not in hits:
            hits.append(hit)

    def check_attributes(where: str, body: str, body_start: int, style_is_dropped: bool) -> None:
        for attribute in _ATTRIBUTE.finditer(body):
            name = attribute.group(1).lower()
            value = _unquote(attribute.group(2) or "")
            offset = body_start + attribute.start()
            if name.startswith("on"):
                report(offset, _MESSAGE_CODE.format(what=f"thuộc tính {name} trong {where}"))
            elif name == "style" and style_is_dropped:
                report(offset, _MESSAGE_STYLE.format(where=where))
            elif name in _URL_ATTRIBUTES and value:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    if url and clean_url(url) is None:
                        report(offset, _MESSAGE_URL.format(scheme=_scheme_of(url)))

    for tag_match in _START_TAG.finditer(text):
        tag = tag_match.group(1).lower()
        if tag in _CODE_TAGS:
            report(tag_match.start(), _MESSAGE_CODE.format(what=f"<{tag}>"))
        elif tag not in ALLOWED_TAGS:
            report(tag_match.start(), _MESSAGE_UNSUPPORTED_TAG.format(tag=tag))
        # On a tag that goes anyway, one message about the tag is enough for style.
        check_attributes(f"<{tag}>", tag_match.group(2), tag_match.start(2), tag in ALLOWED_TAGS)

    for block in _ATTRIBUTE_LIST.finditer(text):
        check_attributes("{: … }", block.group(1), block.start(1), True)

    for pattern in (_MARKDOWN_LINK, _REFERENCE_DEFINITION):
        for link in pattern.finditer(text):
            url = link.group(1)
            if clean_url(url) is None:
                report(link.start(1), _MESSAGE_URL.format(scheme=_scheme_of(url)))

    return sorted(hits)
