"""Build-time SVG charts: well-formed, accessible, numbers written as text, bars to scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from portal.derive.charts import CHARS_PER_LINE, WIDTH, BarGroup, ShareBar, share_chart, target_result_chart
from portal.model.values import Status

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup: str) -> ET.Element:
    root = ET.fromstring(markup)  # raises on malformed markup
    assert root.tag == f"{SVG}svg"
    return root


def _accessible(root: ET.Element, title: str) -> None:
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    title_el, desc_el = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert [title_el.get("id"), desc_el.get("id")] == ids
    assert title_el.text == title
    assert desc_el.text


def _texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_target_result_bars_are_to_scale_and_labelled() -> None:
    markup = target_result_chart("c", "Mục tiêu và kết quả", "Hai thanh mỗi đơn vị.", [
        BarGroup("quận Long Biên, 2020", 100.0, "14/14", 100 * 13 / 14, "13/14 (92,86%)"),
        BarGroup("xã A, 2021", 80.0, "trên 80%", None, "chưa có báo cáo"),
    ], scale_max=100)
    root = _parse(markup)
    _accessible(root, "Mục tiêu và kết quả")
    texts = _texts(root)
    assert "Mục tiêu: 14/14" in texts and "Kết quả: 13/14 (92,86%)" in texts
    assert "Mục tiêu: trên 80%" in texts and "Kết quả: chưa có báo cáo" in texts
    # Legend (2) + three drawn bars: the missing result has a label but no bar.
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")][2:]
    assert len(widths) == 3
    full, partial, eighty = widths
    assert partial < full and abs(partial / full - 13 / 14) < 0.01
    assert abs(eighty / full - 0.8) < 0.01


def test_labels_are_escaped() -> None:
    root = _parse(target_result_chart("c", "A & B <x>", "d", [BarGroup("<script>alert(1)</script>", 5, "5", 6, "6 & hơn")]))
    assert root.find(f"{SVG}title").text == "A & B <x>"
    assert "<script>alert(1)</script>" in _texts(root)
    assert not list(root.iter(f"{SVG}script"))


def test_share_chart_segments_fill_the_bar_and_counts_are_written() -> None:
    markup = share_chart("s", "Tỷ lệ đạt năm 2020", "Mô tả.", [
        ShareBar("Toàn bộ", ((Status.MET, 2), (Status.NOT_MET, 1), (Status.NO_REPORT, 1), (Status.NOT_MEASURABLE, 0))),
    ])
    root = _parse(markup)
    _accessible(root, "Tỷ lệ đạt năm 2020")
    segments = [r for r in root.iter(f"{SVG}rect") if float(r.get("height")) > 12]
    assert len(segments) == 3  # a zero count draws nothing
    assert abs(sum(float(r.get("width")) for r in segments) - WIDTH) < 0.5
    texts = _texts(root)
    assert "Toàn bộ (4 chỉ tiêu)" in texts
    # The counts wrap at " · " to fit a phone-wide chart; together they say it all.
    assert " · ".join(texts[-2:]) == "Đạt 2 (50%) · Chưa đạt 1 (25%) · Chưa có báo cáo 1 (25%)"
    # The legend names only statuses that occur.
    assert "Không đo được" not in texts


def test_long_unit_labels_wrap_at_commas_without_losing_words() -> None:
    label = "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa, 2023"
    root = _parse(target_result_chart("c", "t", "d", [BarGroup(label, 100, "100%", 90, "90%")], 100))
    bold = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert len(bold) == 2 and all(len(line) <= CHARS_PER_LINE for line in bold)
    assert ", ".join(bold) == label
    # The chart is tall enough for every line: the last text sits inside the viewBox.
    height = float(root.get("viewBox").split()[3])
    assert max(float(t.get("y")) for t in root.iter(f"{SVG}text")) <= height
