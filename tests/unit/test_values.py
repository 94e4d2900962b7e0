"""Parsing target/result values as Vietnamese plans write them, and status rules."""

from __future__ import annotations

import pytest

from portal.model.values import Comparator, Status, Value, check_measure, format_number, parse_value, status

GE, GT, LE, LT, EQ, ABOUT = (
    Comparator.GE,
    Comparator.GT,
    Comparator.LE,
    Comparator.LT,
    Comparator.EQ,
    Comparator.ABOUT,
)


@pytest.mark.parametrize(
    ("text", "number", "comparator", "measure", "total"),
    [
        ("100%", 100, EQ, "percent", None),
        ("100 %", 100, EQ, "percent", None),
        (">= 80%", 80, GE, "percent", None),
        (">=80%", 80, GE, "percent", None),
        ("≥ 80%", 80, GE, "percent", None),
        ("> 80%", 80, GT, "percent", None),
        ("trên 80%", 80, GE, "percent", None),
        ("Trên 80%", 80, GE, "percent", None),
        ("hơn 80%", 80, GE, "percent", None),
        ("80% trở lên", 80, GE, "percent", None),
        ("từ 80% trở lên", 80, GE, "percent", None),
        ("ít nhất 90%", 90, GE, "percent", None),
        ("tối thiểu 90%", 90, GE, "percent", None),
        ("không dưới 90%", 90, GE, "percent", None),
        ("đạt 100%", 100, EQ, "percent", None),
        ("đạt trên 95%", 95, GE, "percent", None),
        ("dưới 7,5%", 7.5, LE, "percent", None),
        ("không quá 5%", 5, LE, "percent", None),
        ("không vượt quá 5%", 5, LE, "percent", None),
        ("tối đa 5%", 5, LE, "percent", None),
        ("<= 5%", 5, LE, "percent", None),
        ("≤ 5%", 5, LE, "percent", None),
        ("< 5%", 5, LT, "percent", None),
        ("5% trở xuống", 5, LE, "percent", None),
        ("99,5%", 99.5, EQ, "percent", None),
        ("0%", 0, EQ, "percent", None),
        ("14/14", 14, EQ, "ratio", 14),
        ("92/140", 92, EQ, "ratio", 140),
        ("14 / 14 xã", 14, EQ, "ratio", 14),
        ("ít nhất 12/14", 12, GE, "ratio", 14),
        ("1.200/1.250", 1200, EQ, "ratio", 1250),
        ("9,5‰", 9.5, EQ, "permille", None),
        ("dưới 16‰", 16, LE, "permille", None),
        ("khoảng 100", 100, ABOUT, "count", None),
        ("gần 100", 100, ABOUT, "count", None),
        ("~ 100", 100, ABOUT, "count", None),
        ("1.250", 1250, EQ, "count", None),
        ("1.250.000", 1_250_000, EQ, "count", None),
        ("1.250,5", 1250.5, EQ, "count", None),
        ("1.250 trẻ", 1250, EQ, "count", None),
        ("1.250 trẻ em", 1250, EQ, "count", None),
        ("1.250 trẻ em trở lên", 1250, GE, "count", None),
        ("1.250 trẻ em trên địa bàn", 1250, EQ, "count", None),
        ("500 phần quà", 500, EQ, "count", None),
        ("100% trẻ em", 100, EQ, "percent", None),
        ("250", 250, EQ, "count", None),
        ("7.5", 7.5, EQ, "count", None),
        ("7.25%", 7.25, EQ, "percent", None),
        ("0,125‰", 0.125, EQ, "permille", None),
    ],
)
def test_parse_numeric_forms(
    text: str, number: float, comparator: Comparator, measure: str, total: float | None
) -> None:
    value = parse_value(text)
    assert value.number == pytest.approx(number)
    assert value.comparator is comparator
    assert value.measure == measure
    assert value.total == total


@pytest.mark.parametrize("text", ["tăng dần", "duy trì", "Giảm so với năm trước", "trên mức"])
def test_text_without_digits_has_no_number(text: str) -> None:
    value = parse_value(text)
    assert (value.number, value.measure, value.total, value.ratio) == (None, None, None, None)
    assert value.text == text


def test_text_is_kept_for_display_with_tidy_whitespace() -> None:
    assert parse_value("  trên   80% ").text == "trên 80%"
    assert str(parse_value("Trên 80%")) == "Trên 80%"


def test_decomposed_unicode_is_read_like_composed() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "dưới 7,5%")
    assert decomposed != "dưới 7,5%"
    value = parse_value(decomposed)
    assert (value.number, value.comparator) == (7.5, LE)


@pytest.mark.parametrize(
    ("text", "ratio"),
    [("80%", 0.8), ("14/14", 1.0), ("92/140", 92 / 140), ("9,5‰", 0.0095), ("1.250", None)],
)
def test_ratio_property(text: str, ratio: float | None) -> None:
    assert parse_value(text).ratio == (None if ratio is None else pytest.approx(ratio))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("80 phần trăm và hơn", "ký hiệu %"),
        ("80 phần trăm", "ký hiệu %"),
        ("9,5 phần nghìn", "ký hiệu %"),
        ("abc%", "thiếu số"),
        ("%", "thiếu số"),
        ("", "để trống"),
        ("   ", "để trống"),
        ("120%", "Tỷ lệ phần trăm không thể vượt quá 100%: “120%”"),
        ("trên 100,5%", "không thể vượt quá 100%"),
        ("1500‰", "không thể vượt quá 1000‰"),
        ("-5%", "số âm"),
        ("−5", "số âm"),
        ("trên -5%", "số âm"),
        ("14/12", "14/12: tử số lớn hơn mẫu số"),
        ("3/0", "mẫu số"),
        ("1,5/3", "số nguyên"),
        ("1,2,3", "1,2,3"),
        ("1.2.3", "1.2.3"),
        ("12.3456", "dấu phẩy cho phần thập phân"),
        ("1,250", "dễ hiểu nhầm"),
        ("80 80", "nhiều hơn một số"),
        ("5-10%", "nhiều hơn một số"),
        ("từ 80% đến 90%", "nhiều hơn một số"),
        ("14/14 (100%)", "nhiều hơn một số"),
        ("100% và hơn", "Các dạng hợp lệ"),
        ("80% hoặc hơn", "Các dạng hợp lệ"),
        ("80%abc", "Các dạng hợp lệ"),
        ("80x", "Các dạng hợp lệ"),
        ("14/", "Các dạng hợp lệ"),
        ("abc 80%", "Các dạng hợp lệ"),
        ("dưới 5% trở lên", "mâu thuẫn"),
        ("80% > 5", "nhiều hơn một số"),
    ],
)
def test_rejections_explain_in_vietnamese(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_value(text)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("raw", [100, 1.25, 854, True, None])
def test_non_string_asks_for_quotes(raw: object) -> None:
    # YAML turns an unquoted 1.250 into 1.25 and 14:14 into 854 before we see it.
    with pytest.raises(ValueError, match="dấu ngoặc kép"):
        parse_value(raw)  # type: ignore[arg-type]


def test_value_is_frozen() -> None:
    value = parse_value("80%")
    with pytest.raises(AttributeError):
        value.number = 90  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "measure", "fits"),
    [
        ("80%", "percent", True),
        ("trên 80%", "percent", True),
        ("14/14", "percent", False),
        ("1.250", "percent", False),
        ("14/14", "ratio", True),
        ("80%", "ratio", False),
        ("1.250", "count", True),
        ("1.250 trẻ", "count", True),
        ("80%", "count", False),
        ("9,5‰", "permille", True),
        ("9,5%", "permille", False),
        ("tăng dần", "percent", True),
        ("tăng dần", "ratio", True),
        ("tăng dần", "count", True),
        ("tăng dần", "permille", True),
    ],
)
def test_check_measure(text: str, measure: str, fits: bool) -> None:
    message = check_measure(parse_value(text), measure)
    if fits:
        assert message is None
    else:
        assert message is not None and text in message and "cần ghi" in message


def test_check_measure_names_the_expected_form() -> None:
    assert "14/14" in (check_measure(parse_value("80%"), "ratio") or "")
    assert "80%" in (check_measure(parse_value("14/14"), "percent") or "")


def test_check_measure_rejects_unknown_measure() -> None:
    assert "không hợp lệ" in (check_measure(parse_value("80%"), "percentage") or "")


@pytest.mark.parametrize(
    ("target", "result", "higher_is_better", "expected"),
    [
        # bare number: a floor when higher is better, a ceiling otherwise
        ("100%", "100%", True, Status.MET),
        ("100%", "98%", True, Status.NOT_MET),
        ("90%", "95%", True, Status.MET),
        ("10%", "8%", False, Status.MET),
        ("10%", "12%", False, Status.NOT_MET),
        # explicit floors
        ("trên 80%", "80%", True, Status.MET),
        ("trên 80%", "79,9%", True, Status.NOT_MET),
        ("> 80%", "80%", True, Status.NOT_MET),
        ("> 80%", "80,1%", True, Status.MET),
        ("80% trở lên", "85%", True, Status.MET),
        # explicit ceilings win over higher_is_better
        ("dưới 7,5%", "6,9%", True, Status.MET),
        ("dưới 7,5%", "8%", True, Status.NOT_MET),
        ("dưới 7,5%", "7,5%", False, Status.MET),
        ("< 5%", "5%", False, Status.NOT_MET),
        ("< 5%", "4,9%", False, Status.MET),
        ("không quá 5%", "5%", True, Status.MET),
        # ratios compare as shares
        ("14/14", "13/14", True, Status.NOT_MET),
        ("14/14", "14/14", True, Status.MET),
        ("90/140", "92/140", True, Status.MET),
        ("92/140", "90/140", True, Status.NOT_MET),
        ("14/14", "100%", True, Status.MET),
        ("7/14", "50%", True, Status.MET),
        ("80%", "12/14", True, Status.MET),
        ("90%", "12/14", True, Status.NOT_MET),
        # per mille, and mixed shares
        ("dưới 16‰", "15,2‰", True, Status.MET),
        ("dưới 16‰", "16,4‰", True, Status.NOT_MET),
        ("dưới 2%", "15‰", True, Status.MET),
        # counts
        ("1.250", "1.300 trẻ", True, Status.MET),
        ("1.250", "1.249", True, Status.NOT_MET),
        ("tối đa 10", "12", True, Status.NOT_MET),
        # about: within 5% relative
        ("khoảng 100", "95", True, Status.MET),
        ("khoảng 100", "105", True, Status.MET),
        ("khoảng 100", "94", True, Status.NOT_MET),
        ("khoảng 100", "106", True, Status.NOT_MET),
        ("khoảng 80%", "77%", True, Status.MET),
        ("khoảng 80%", "75%", True, Status.NOT_MET),
        # no number on either side, or units that cannot be compared
        ("tăng dần", "80%", True, Status.NOT_MEASURABLE),
        ("80%", "đã thực hiện", True, Status.NOT_MEASURABLE),
        ("1.250", "80%", True, Status.NOT_MEASURABLE),
        ("14/14", "14", True, Status.NOT_MEASURABLE),
    ],
)
def test_status(target: str, result: str, higher_is_better: bool, expected: Status) -> None:
    assert status(parse_value(target), parse_value(result), higher_is_better) is expected


def test_status_without_result_is_no_report() -> None:
    assert status(parse_value("100%"), None) is Status.NO_REPORT
    assert status(parse_value("tăng dần"), None) is Status.NO_REPORT


def test_status_labels_and_slugs() -> None:
    assert [(s.value, s.label) for s in Status] == [
        ("dat", "Đạt"),
        ("chua-dat", "Chưa đạt"),
        ("chua-co-bao-cao", "Chưa có báo cáo"),
        ("khong-do-duoc", "Không đo được"),
    ]


def test_comparator_values() -> None:
    assert [c.value for c in Comparator] == ["=", ">=", ">", "<=", "<", "~"]


def test_value_can_be_built_directly() -> None:
    value = Value("14/14", 14, EQ, "ratio", 14)
    assert value == parse_value("14/14")


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (7.5, "7,5"),
        (1250, "1.250"),
        (100, "100"),
        (100.0, "100"),
        (0, "0"),
        (1_250_000, "1.250.000"),
        (1250.5, "1.250,5"),
        (92 / 140 * 100, "65,71"),
        (0.125, "0,13"),
        (-1250, "-1.250"),
        (99.999, "100"),
    ],
)
def test_format_number(number: float, text: str) -> None:
    assert format_number(number) == text


def test_format_number_round_trips_through_parse() -> None:
    for number in (7.5, 1250, 100, 1_250_000, 0.25):
        assert parse_value(format_number(number)).number == pytest.approx(number)


def test_format_number_rounds_half_up_and_drops_negative_zero() -> None:
    assert format_number(0.125) == "0,13"
    assert format_number(2.675) == "2,68"
    assert format_number(-0.001) == "0"
    assert format_number(65.714285, decimals=1) == "65,7"
    assert format_number(1250.4, decimals=0) == "1.250"
