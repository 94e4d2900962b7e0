"""Accessible SVG charts drawn at build time: no chart library, no script, no request.

The SVG is built with ElementTree (standard library) so every label is escaped
and the markup is well-formed by construction. Each chart has role="img", a
<title> and a <desc>, and writes its numbers as text beside the bars; the page
shows the same numbers in a table for readers who cannot see the chart.
Colours are presentation attributes, not style="", so a strict
Content-Security-Policy does not block them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Sequence

from ..model.values import Status, format_number

WIDTH = 360
"""viewBox width: about a phone's width, so text keeps its size on the phone."""
BAR_AREA = 170
"""Width of the longest bar; the rest of a line is left for its value label."""
FONT = 13
CHARS_PER_LINE = 46
"""Characters of a 13-unit label that fit in WIDTH; longer labels wrap."""
TARGET_FILL = "#9fa8da"
RESULT_FILL = "#283593"
STATUS_FILLS = {
    Status.MET: "#2e7d32",
    Status.NOT_MET: "#c62828",
    Status.NO_REPORT: "#9e9e9e",
    Status.NOT_MEASURABLE: "#d7ccc8",
}


@dataclass(frozen=True)
class BarGroup:
    """One unit and year: a target bar and a result bar."""

    label: str
    target: float | None
    """Drawn number of the target; None draws no bar (only its text)."""
    target_text: str
    result: float | None
    result_text: str
    """Shown beside the result bar; "chưa có báo cáo" when there is none."""


@dataclass(frozen=True)
class ShareBar:
    """One stacked bar: how many targets stand at each status."""

    label: str
    parts: tuple[tuple[Status, int], ...]


def _svg(chart_id: str, title: str, description: str, height: int) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "class": "pt-chart",
        "viewBox": f"0 0 {WIDTH} {height}",
        "role": "img",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
        "font-size": str(FONT),
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description
    return svg


def _text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> None:
    ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y), "fill": "currentColor", **attrs}).text = text


def _rect(parent: ET.Element, x: float, y: float, width: float, height: float, fill: str) -> None:
    ET.SubElement(parent, "rect", {"x": _n(x), "y": _n(y), "width": _n(width), "height": _n(height), "fill": fill})


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _wrap(text: str, separator: str, limit: int = CHARS_PER_LINE) -> list[str]:
    """Break ``text`` at ``separator`` into lines of at most ``limit`` characters where possible."""
    lines: list[str] = []
    for piece in text.split(separator):
        if lines and len(lines[-1]) + len(separator) + len(piece) <= limit:
            lines[-1] += separator + piece
        else:
            lines.append(piece)
    return lines


def _legend(svg: ET.Element, items: Sequence[tuple[str, str]], y: float) -> None:
    x = 0.0
    for label, fill in items:
        _rect(svg, x, y - 10, 12, 12, fill)
        _text(svg, x + 16, y, label)
        x += 16 + 7.5 * len(label) + 14


def target_result_chart(chart_id: str, title: str, description: str, groups: Sequence[BarGroup],
                        scale_max: float | None = None) -> str:
    """Paired horizontal bars, target and result, for each group; returns SVG markup."""
    drawn = [v for g in groups for v in (g.target, g.result) if v is not None]
    top = scale_max or max(drawn, default=0.0) or 1.0
    line = FONT + 4
    labels = [_wrap(g.label, ", ") for g in groups]
    height = 28 + sum(line * (len(lab) + 2) + 8 for lab in labels)
    svg = _svg(chart_id, title, description, height)
    _legend(svg, [("Mục tiêu", TARGET_FILL), ("Kết quả", RESULT_FILL)], 16)
    y = 28.0
    for group, label in zip(groups, labels):
        for text_line in label:
            _text(svg, 0, y + FONT, text_line, **{"font-weight": "bold"})
            y += line
        for value, text, fill, prefix in (
            (group.target, group.target_text, TARGET_FILL, "Mục tiêu"),
            (group.result, group.result_text, RESULT_FILL, "Kết quả"),
        ):
            width = BAR_AREA * min(value, top) / top if value is not None else 0.0
            if width:
                _rect(svg, 0, y + 3, width, line - 4, fill)
            _text(svg, width + 4, y + line - 3, f"{prefix}: {text}")
            y += line
        y += 8
    return ET.tostring(svg, encoding="unicode")


def share_chart(chart_id: str, title: str, description: str, bars: Sequence[ShareBar]) -> str:
    """A 100 % stacked bar per label, with each status's count and percent written under it."""
    line = FONT + 4
    bar_height = 16
    texts = []
    for bar in bars:
        total = sum(n for _, n in bar.parts)
        words = [f"{status.label} {count} ({format_number(100 * count / total, 1)}%)"
                 for status, count in bar.parts if count and total]
        texts.append(_wrap(" · ".join(words) or "chưa có chỉ tiêu", " · ", CHARS_PER_LINE + 4))
    labels = [(s.label, STATUS_FILLS[s]) for s in STATUS_FILLS if any(n for b in bars for t, n in b.parts if t is s)]
    svg = _svg(chart_id, title, description, 28 + sum(line * (len(t) + 1) + bar_height + 14 for t in texts))
    _legend(svg, labels, 16)
    y = 28.0
    for bar, text_lines in zip(bars, texts):
        total = sum(n for _, n in bar.parts)
        _text(svg, 0, y + FONT, f"{bar.label} ({total} chỉ tiêu)", **{"font-weight": "bold"})
        y += line + 2
        x = 0.0
        for status, count in bar.parts:
            if count and total:
                width = WIDTH * count / total
                _rect(svg, x, y, width, bar_height, STATUS_FILLS[status])
                x += width
        y += bar_height
        for text_line in text_lines:
            y += line
            _text(svg, 0, y - 3, text_line, **{"font-size": "12"})
        y += 10
    return ET.tostring(svg, encoding="unicode")
