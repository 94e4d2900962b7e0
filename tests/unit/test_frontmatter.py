"""Splitting Markdown files and composing YAML strictly, with file line numbers."""

from __future__ import annotations

import pytest
import yaml

from portal.content import frontmatter
from portal.content.frontmatter import MAX_DEPTH, MAX_FILE_BYTES, MAX_LINE_CHARS, YamlProblem, compose, split


def scalars(node: yaml.Node) -> dict[str, str]:
    """Top-level key -> raw scalar text of a composed mapping."""
    assert isinstance(node, yaml.MappingNode)
    return {key.value: value.value for key, value in node.value}


def test_split_gives_yaml_body_and_their_file_lines() -> None:
    text = "---\nkind: news\ntitle: Tin\n---\n\nNội dung bài.\n"
    source = split(text)
    assert source.yaml_text == "kind: news\ntitle: Tin"
    assert source.yaml_line == 2
    assert source.body == "\nNội dung bài.\n"
    assert source.body_line == 5


def test_split_accepts_the_yaml_document_end_marker() -> None:
    source = split("---\nkind: plan\n...\nThân bài\n")
    assert source.yaml_text == "kind: plan"
    assert source.body == "Thân bài\n"
    assert source.body_line == 4


def test_split_tolerates_windows_line_ends_on_fences() -> None:
    source = split("---\r\nkind: plan\r\n---\r\nThân bài")
    assert source.body == "Thân bài"


def test_split_without_front_matter_points_at_line_1() -> None:
    with pytest.raises(YamlProblem) as caught:
        split("# Kế hoạch năm 2023\n\nkind: plan\n")
    assert caught.value.line == 1
    assert "phải bắt đầu bằng dòng «---»" in caught.value.message


def test_split_without_closing_fence() -> None:
    with pytest.raises(YamlProblem) as caught:
        split("---\nkind: plan\ntitle: Kế hoạch\n\nThân bài không có dòng kết thúc\n")
    assert caught.value.line == 1
    assert "Không tìm thấy dòng «---» kết thúc" in caught.value.message


def test_split_refuses_a_line_over_the_limit_with_its_line() -> None:
    text = "---\nkind: plan\nsummary: " + "a" * MAX_LINE_CHARS + "\n---\n"
    with pytest.raises(YamlProblem) as caught:
        split(text)
    assert caught.value.line == 3
    assert "Dòng quá dài" in caught.value.message


def test_check_size_refuses_a_file_over_the_limit() -> None:
    text = ("Trẻ em được bảo vệ.\n" * (MAX_FILE_BYTES // 20 + 10))
    with pytest.raises(YamlProblem) as caught:
        frontmatter.check_size(text)
    assert caught.value.line == 0
    assert "Tệp quá lớn" in caught.value.message


def test_compose_keeps_every_scalar_as_written() -> None:
    # YAML 1.1 would give 854, False, an octal 0912 (or a float) and a date.
    node = compose("value: 14:14\noutside_year: NO\nnumber: 0912\nissued: 2023-02-21\nyear: 2023\n")
    assert scalars(node) == {
        "value": "14:14",
        "outside_year": "NO",
        "number": "0912",
        "issued": "2023-02-21",
        "year": "2023",
    }


def test_compose_reports_positions_as_file_lines() -> None:
    node = compose("kind: plan\ntargets:\n  - indicator: a\n    value: 1\n", first_line=2)
    targets = node.value[1][1]
    value_node = targets.value[0].value[1][1]
    assert frontmatter.line_of(value_node, 2) == 5


LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))
# What compose() uses by default: libyaml's parser without tag resolution.
LOADERS.append(pytest.param(frontmatter._Composer, id="composer"))


def test_default_composer_is_libyaml_and_keeps_raw_scalars() -> None:
    # The C parser is what keeps `check` within its budget; a PyYAML built
    # without libyaml would silently make it several times slower.
    assert yaml.__with_libyaml__ and issubclass(frontmatter._Loader, yaml.cyaml.CParser)
    node = compose("value: 14:14\noutside_year: NO\nnumber: 0912\n")
    assert [v.value for _k, v in node.value] == ["14:14", "NO", "0912"]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    ("yaml_text", "line", "fragment"),
    [
        # Line numbers are file lines: the YAML starts on line 2 after "---".
        ("kind: plan\ntitle: Kế hoạch\n\tyear: 2023\n", 4, "không dùng phím Tab"),
        ("kind: plan\ntargets:\n\t- indicator: a\n", 4, "không dùng phím Tab"),
        # An unclosed quote is reported where it opens, not at the end of the file.
        ("kind: plan\ntitle: \"Kế hoạch năm 2023\nyear: 2023\nissuer: UBND\n", 3, "dấu nháy mở ở dòng này chưa được đóng"),
        ("kind: plan\ntargets:\n  - indicator: a\n   value: 1\n", 5, "thụt lề"),
        ("kind: plan\ntargets:\n  - a\n - b\n", 5, "thụt lề"),
        ("kind: plan\ntitle\nyear: 2023\n", 3, "thiếu dấu «:» sau tên trường"),
        ("kind: plan\ntitle: Kế hoạch: năm 2023\n", 3, "đặt nó trong dấu nháy kép"),
        ("kind: plan\n---\ntitle: Kế hoạch\n", 3, "chỉ được có một phần thông tin"),
        ("kind: plan\ntitle: Kế\x07 hoạch\n", 3, "ký tự điều khiển"),
        ("kind: plan\ntitle: &t Kế hoạch\nsummary: *t\n", 3, "Không dùng neo, bí danh hay thẻ YAML"),
        ("kind: plan\ntitle: Kế hoạch\nsummary: *t\n", 4, "Không dùng neo, bí danh hay thẻ YAML"),
        ("kind: plan\nyear: !!int 2023\n", 3, "Không dùng neo, bí danh hay thẻ YAML"),
    ],
)
def test_compose_errors_carry_file_lines(
    monkeypatch: pytest.MonkeyPatch, loader: type, yaml_text: str, line: int, fragment: str
) -> None:
    monkeypatch.setattr(frontmatter, "_Loader", loader)
    with pytest.raises(YamlProblem) as caught:
        compose(yaml_text, first_line=2)
    assert caught.value.line == line
    assert fragment in caught.value.message


def test_compose_refuses_nesting_deeper_than_the_limit() -> None:
    lines = []
    for depth in range(MAX_DEPTH + 2):
        lines.append("  " * depth + f"k{depth}:")
    lines.append("  " * (MAX_DEPTH + 2) + "la: lá")
    with pytest.raises(YamlProblem) as caught:
        compose("\n".join(lines) + "\n", first_line=2)
    assert "lồng nhau quá sâu" in caught.value.message
    # The first node past the limit is the value of k8, on file line 2 + 9.
    assert caught.value.line == 2 + MAX_DEPTH + 1


def test_compose_accepts_nesting_at_the_limit() -> None:
    lines = ["  " * depth + f"k{depth}:" for depth in range(MAX_DEPTH)]
    lines.append("  " * MAX_DEPTH + "la")
    node = compose("\n".join(lines) + "\n")
    assert isinstance(node, yaml.MappingNode)


def test_compose_of_empty_text_is_none() -> None:
    assert compose("") is None
    assert compose("# chỉ có ghi chú\n") is None


@pytest.mark.parametrize("loader", LOADERS)
def test_compose_stops_deep_flow_nesting_before_the_parser_does(monkeypatch: pytest.MonkeyPatch, loader: type) -> None:
    # 40,000 nested «[» crashed libyaml's composer with a segmentation fault.
    monkeypatch.setattr(frontmatter, "_Loader", loader)
    text = "kind: plan\ntargets: " + "\n".join("[" * 4000 for _ in range(10)) + "\n" + "\n".join("]" * 4000 for _ in range(10))
    with pytest.raises(YamlProblem) as caught:
        compose(text, first_line=2)
    assert "lồng nhau quá sâu" in caught.value.message
    assert caught.value.line == 3
