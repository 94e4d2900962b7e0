"""Author-controlled ids, classes and labels: refused with their line, plain ones accepted."""

from __future__ import annotations

import pytest

from material_theme import safe_tokens
from portal.content import identifiers
from portal.model.codes import classify
from portal.model.problems import Problem

REFUSED = [
    ("## Mục lục {: id='x\" autofocus onfocus=\"alert(1)\" tabindex=\"1' }", "body.attr_list.id", "P-MD-ID"),
    ("## Mục lục {: #x\"onmouseover }", "body.attr_list.id", "P-MD-ID"),
    ("## Mục lục {: ID=\"__search\" }", "body.attr_list.id", "P-MD-ID"),
    ("## Đoạn {: .md-header\" }", "body.attr_list.class", "P-MD-CLASS"),
    ("## Lớp {: class='a \"><b>' }", "body.attr_list.class", "P-MD-CLASS"),
    ("## Nhãn {: data-toc-label='<img src=x onerror=alert(2)>' }", "body.toc_label", "P-MD-LABEL"),
    ("Chú thích[^a\"b].\n\n[^a\"b]: nguồn", "body.footnote", "P-MD-ID"),
    ('!!! tai-hoa "Lưu ý"\n    Nội dung.', "body.admonition", "P-MD-CLASS"),
    ('!!! note "<b>x</b>"\n    Nội dung.', "body.admonition_title", "P-MD-LABEL"),
    ("``` { #y\" }\nmã\n```", "body.attr_list.id", "P-MD-ID"),
    ("```py\"x\nmã\n```", "body.code_language", "P-MD-CLASS"),
]


@pytest.mark.parametrize(("body", "field", "code"), REFUSED)
def test_unsafe_values_are_refused_at_their_line(body: str, field: str, code: str) -> None:
    text = "Mở đầu.\n\n" + body + "\n"
    problems = identifiers.check("plans/a/2024-tin.md", text, 10)
    assert problems, body
    first = problems[0]
    assert (first.path, first.line, first.field) == ("plans/a/2024-tin.md", 12, field)
    assert classify(first.message) == code
    assert "hãy" in first.message or "chọn" in first.message


@pytest.mark.parametrize("body", [
    "## Mục lục {: #muc-luc .note }",
    "## Mục lục {: data-toc-label='Mục lục & phụ lục' }",
    "Chú thích[^1] và [^nguồn-số-liệu].\n\n[^1]: a\n[^nguồn-số-liệu]: b",
    '!!! warning "Lưu ý: trẻ em \'đặc biệt\' & gia đình"\n    Nội dung.',
    "```yaml\nten: {a: b}\n```",
    "Năm {2023} và {nhiều chữ}, `{: #trong\" }` trong mã.",
])
def test_plain_values_pass(body: str) -> None:
    assert identifiers.check("plans/a/2024-tin.md", body, 1) == []


def test_the_theme_gets_escaped_ids_and_names() -> None:
    tokens = [{"level": 2, "id": 'x" onfocus="alert(1)', "name": "A &amp; <img src=x>", "children": [
        {"level": 3, "id": "con", "name": "&lt;b&gt; &quot;c&quot;", "children": []}]}]
    safe = safe_tokens(tokens)
    assert safe[0]["id"] == "x&#34; onfocus=&#34;alert(1)"
    assert safe[0]["name"] == "A &amp; &lt;img src=x&gt;"
    assert safe[0]["children"][0]["name"] == '&lt;b&gt; "c"'
    assert safe_tokens(safe)[0]["name"] == safe[0]["name"]


def test_problem_prints_file_line_field() -> None:
    problem = identifiers.check("plans/a/2024-tin.md", "## A {: #x\" }\n", 7)[0]
    assert isinstance(problem, Problem)
    assert str(problem).startswith("plans/a/2024-tin.md:7: body.attr_list.id: mã neo «x\"»")
