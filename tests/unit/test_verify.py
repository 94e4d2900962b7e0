"""The output verifier (portal.output.verify): examples, then properties over generated markup (hypothesis).

- An event-handler attribute is found whatever its case, quoting and value.
- A script URL is found however it is spelled (case, entities, controls, spaces).
- Nothing the sanitizer lets through, and no escaped text, is ever refused.
"""

from __future__ import annotations

import html

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.content import sanitize
from portal.output import verify

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THEME = verify.theme_scripts(['<script>__md_scope=new URL("../..",location)</script>'])


@pytest.mark.parametrize("markup", [
    '<a href="#x" autofocus onfocus="alert(1)" tabindex="1">Mục lục</a>',
    "<img src=x onerror=alert(1)>",
    "<svg><animate onbegin=alert(1) /></svg>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" java\tscript:alert(1)">x</a>',
    '<a href="VBScript:msgbox(1)">x</a>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<img srcset="a.png 1x, javascript:alert(1) 2x">',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><set attributeName="href" to="javascript:alert(1)" /></svg>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<script>alert(1)</script>",
    '<script src="https://evil.example/x.js"></script>',
    '<script src="//evil.example/assets/x.js"></script>',
    '<a title="a" title="b" onclick="x">hai lần</a>',
    '<a href="x" "onmouseover="y">tên lạ</a>',
    '<object data="x.swf"></object>',
    '<base href="https://evil.example/">',
])
def test_unsafe_markup_is_refused(markup: str) -> None:
    found = verify.verify("a/index.html", f"<p>Mở đầu</p>\n{markup}\n", THEME)
    assert found, markup
    assert found[0].line == 2
    assert all(f.what and f.where == "a/index.html" for f in found)


@pytest.mark.parametrize("markup", [
    '<script>__md_scope=new URL("../../..",location)</script>',
    '<script>__md_scope=new URL("/cong-tre-em/",location)</script>',
    '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
    '<script src="/cong-tre-em/assets/sort.js" defer></script>',
    '<script id="__config" type="application/json">{"a": "<b>"}</script>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    '<a href="https://example.org/?q=javascript:x">liên kết</a>',
    '<a href="mailto:a@b.vn">thư</a> <a href="tel:111">111</a>',
    "<p>javascript:alert(1) onclick=x là chữ</p>",
    '<p title="onclick=&quot;x&quot;">chữ</p>',
])
def test_the_portal_s_own_markup_passes(markup: str) -> None:
    assert verify.verify("a/index.html", markup, THEME) == []


def test_values_for_quoted_attributes() -> None:
    assert verify.verify_value("a", "https://x.vn/a?b=1&amp;c") == []
    assert verify.verify_value("a", '#x" onfocus="alert(1)')


def _case(draw, word: str) -> str:
    return "".join(c.upper() if draw(st.booleans()) else c for c in word)


@st.composite
def handlers(draw) -> str:
    name = "on" + draw(st.sampled_from(["focus", "error", "load", "mouseover", "click", "toggle", "begin", "pointerenter"]))
    value = draw(st.text(st.sampled_from("alert(1);x =\"'<>&"), max_size=12))
    quoted = draw(st.sampled_from(["double", "single", "none"]))
    if quoted == "double":
        written = '"' + html.escape(value, quote=True) + '"'
    elif quoted == "single":
        written = "'" + value.replace("'", "&#39;") + "'"
    else:
        written = html.escape(value.replace(" ", "").replace(">", ""), quote=True) or "x"
    tag = draw(st.sampled_from(["a", "img", "div", "svg", "details", "span", "h2", "li"]))
    before = draw(st.sampled_from(["", ' id="x"', ' class="a"', " hidden"]))
    return f"<{tag}{before} {_case(draw, name)}={written}>chữ</{tag}>"


@SETTINGS
@given(handlers())
def test_every_event_handler_is_found(markup: str) -> None:
    assert any("sự kiện" in f.what for f in verify.verify("p", markup)), markup


@st.composite
def script_urls(draw) -> str:
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data"]))
    spelled = ""
    for char in scheme:
        char = char.upper() if draw(st.booleans()) else char
        how = draw(st.sampled_from(["plain", "plain", "entity", "hex", "tab", "newline"]))
        if how == "entity":
            spelled += f"&#{ord(char)};"
        elif how == "hex":
            spelled += f"&#x{ord(char):x};"
        elif how == "tab":
            spelled += char + "&#9;"
        elif how == "newline":
            spelled += char + "\n"
        else:
            spelled += char
    colon = draw(st.sampled_from([":", "&#58;", "&colon;", "&#x3a;"]))
    lead = draw(st.sampled_from(["", " ", "\x01", "&#32;"]))
    attribute = draw(st.sampled_from(["href", "src", "action", "formaction", "xlink:href", "poster"]))
    return f'<a {attribute}="{lead}{spelled}{colon}alert(1)">x</a>'


@SETTINGS
@given(script_urls())
def test_every_script_url_is_found(markup: str) -> None:
    assert any("địa chỉ" in f.what for f in verify.verify("p", markup)), markup


MARKDOWN_ALPHABET = st.sampled_from(list("abc xyz<>\"'=&;:/#{}[]()!*_`\n.-") + ["javascript:", "onclick=", "<img ", "<a href=",
                                                                               "{: #", "[^", "!!! note ", "## ", "](", "&#106;"])


@SETTINGS
@given(st.lists(MARKDOWN_ALPHABET, max_size=40).map("".join))
def test_nothing_the_sanitizer_keeps_is_refused(text: str) -> None:
    rendered = markdown.markdown(text, extensions=["toc", "tables", "attr_list", "def_list", "admonition", "footnotes",
                                                   "fenced_code"])
    assert verify.verify("p", sanitize.clean_html(rendered)) == []


@SETTINGS
@given(st.text(max_size=60))
def test_escaped_text_is_never_refused(text: str) -> None:
    escaped = html.escape(text, quote=True)
    assert verify.verify("p", f'<p title="{escaped}">{escaped}</p>') == []
    assert verify.verify_value("p", escaped) == []


@pytest.mark.parametrize(("src", "own"), [
    ("/assets/portal.js", True), ("/cong-tre-em/assets/javascripts/bundle.min.js", True), ("assets/sort.js", True),
    ("../../assets/search.js", True), ("/assets/../../x.js", False), ("https://a.vn/assets/x.js", False),
    ("//a.vn/assets/x.js", False), ("/plans/x.js", False), ("/assets/x.js.txt", False),
])
def test_script_files_must_be_the_site_s_own(src: str, own: bool) -> None:
    assert (verify.verify("p", f'<script src="{src}"></script>') == []) is own


@pytest.mark.parametrize(("where", "src", "own"), [
    ("admin/index.html", "decap-cms.js", True), ("admin/index.html", "start.js", True),
    ("admin/index.html", "../x/start.js", False), ("don-vi/a/index.html", "start.js", False),
    ("huong-dan/admin/index.html", "start.js", False),
])
def test_scripts_beside_their_page_only_in_the_editor_folder(where: str, src: str, own: bool) -> None:
    assert (verify.verify(where, f'<script src="{src}"></script>') == []) is own


def test_an_attribute_given_twice_is_reported_when_parsed() -> None:
    found = verify._Verifier("p", frozenset()).run('<a title="a" title="b">x</a>')
    assert [f.what for f in found] == ["thẻ <a> có thuộc tính «title» hai lần (giá trị đã thoát khỏi dấu nháy)"]


TAG_ALPHABET = st.sampled_from([
    "<a ", "<img ", "<svg>", "<script>", "<script src=\"../assets/a.js\"></script>", "<iframe ", ">", "</a>", " ",
    "\t", "\n", "/", "=", "\"", "'", "href", "src", "xlink:href", "srcset", "on", "click", "ONLOAD", "title",
    "java", "script", ":", "&#106;", "&#x3a;", "&colon;", "data", "vb", "http", "s://", "mailto:", "#", "./", "x",
    "<meta http-equiv=refresh content=\"0;url=", "\x01", "JaVa", "Script",
])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TAG_ALPHABET, max_size=30).map("".join))
def test_the_fast_path_skips_only_what_the_parser_accepts(markup: str) -> None:
    # Whatever could run, the fast path sends to the parser. The signs of a broken-out value
    # (an attribute twice, a name with a quote or "<") are reported when a part is parsed: alone they run nothing.
    found = [f for f in verify._Verifier("p", frozenset()).run(markup)
             if "hai lần" not in f.what and "thuộc tính lạ" not in f.what]
    assert not found or verify._needs_parsing(markup), (markup, found)


def test_the_net_verifies_pages_feeds_and_drawings_it_makes() -> None:
    from portal.content.privacy import AllowList
    from portal.output.privacy_net import Net

    net = Net(AllowList(), THEME)
    feed = b'<feed xmlns="http://www.w3.org/2005/Atom"><content type="html">&lt;script&gt;x&lt;/script&gt;</content></feed>'
    assert net.verify_file("tin-tuc/atom.xml", feed) == []
    drawing = b'<svg xmlns="http://www.w3.org/2000/svg"><script>window.__xss=1</script></svg>'
    [(found, source)] = net.verify_file("chi-tieu/bieu-do.svg", drawing)
    assert found.where == "chi-tieu/bieu-do.svg" and source is None
    assert net.verify_file("lich/chien-dich.ics", b"SUMMARY:<script>x</script>") == []
    parts = net.verify("a/index.html", "plans/a/2024-tin.md", ['<h2 id="x">T</h2>', '<a href="#x" onfocus="y">'],
                       values=["https://a.vn/", '#x" autofocus'])
    assert [(u.what.split(" ")[0], s) for u, s in parts] == [("thuộc", "plans/a/2024-tin.md"), ("giá", "plans/a/2024-tin.md")]


def test_a_refused_output_names_its_source_line(tmp_path) -> None:
    (tmp_path / "plans/a").mkdir(parents=True)
    (tmp_path / "plans/a/2024-tin.md").write_text("---\ntitle: T\n---\n\nMở đầu.\n## X onfocus=\"y\"\n", encoding="utf-8")
    found = verify.verify("a/index.html", '<h2 title="X" onfocus="y">X</h2>')
    with pytest.raises(verify.UnsafeOutput) as raised:
        verify.raise_if_unsafe([(f, "plans/a/2024-tin.md") for f in found], tmp_path)
    message = str(raised.value)
    assert "a/index.html:1 (từ plans/a/2024-tin.md:6): thuộc tính sự kiện «onfocus» trong thẻ <h2>" in message
    assert "không xuất bản trang này" in message
