"""Target summaries under /chi-tieu/: per indicator, per year and per unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from ... import paths
from ...derive.charts import BarGroup, ShareBar, share_chart, target_result_chart
from ...model.index import PortalIndex
from ...model.records import Indicator, Unit
from ...derive.progress import TargetRow
from ..render import render
from ...model.site import Context, Page
from ...derive.summaries import (
    CHART_MAX_GROUPS,
    STATUS_ORDER,
    RowPage,
    Share,
    all_rows,
    by_indicator,
    plotted,
    result_ratio,
    shares_by_province,
    shares_by_year,
    split,
    unit_history,
    year_summary,
    years,
)
from ...model.values import format_number

MEASURE_LABELS = {
    "percent": "tỷ lệ phần trăm (%)",
    "ratio": "số đơn vị đạt trên tổng số (ví dụ 14/14)",
    "count": "số lượng",
    "permille": "tỷ lệ phần nghìn (‰)",
}
BETTER_LABELS = {"higher": "càng cao càng tốt", "lower": "càng thấp càng tốt"}


@dataclass(frozen=True)
class Line:
    """A table row of a summary page: a target row with what the table shows and sorts by."""

    row: TargetRow
    unit_label: str
    """The unit as this page names it (without the province on a province's page)."""
    ratio: float | None
    """The result of a count out of a total, as a percent."""
    target_key: str
    """Sort key of the target: its drawn number, empty when it has none."""
    result_key: str
    status_key: int


def provide(ctx: Context) -> Iterator[Page]:
    index = ctx.index
    rows = all_rows(index)
    grouped = by_indicator(index, rows)
    yield _index_page(index, rows, grouped)
    for indicator in ctx.portal.indicators:
        yield from _indicator_pages(index, indicator, grouped[indicator.id])
    for year in years(rows):
        yield _year_page(index, rows, year)
    # Grouped once: filtering every row for each of 2,700 units was quadratic.
    per_unit: dict[str, list[TargetRow]] = {}
    for row in rows:
        per_unit.setdefault(row.plan.unit, []).append(row)
    for unit_path in sorted(per_unit):
        yield _unit_page(index, index.units[unit_path], unit_history(per_unit[unit_path], unit_path))


def _line(index: PortalIndex, row: TargetRow, province: Unit | None) -> Line:
    unit = index.units[row.plan.unit]
    chain = [unit, *reversed(index.ancestors(unit.path))]
    if province is not None and unit.path != province.path:
        chain = [u for u in chain if u.path != province.path]
    drawn_target = plotted(row.target.value)
    drawn_result = plotted(row.result.value) if row.result else None
    return Line(
        row=row,
        unit_label=", ".join(u.label for u in chain),
        ratio=result_ratio(row),
        target_key="" if drawn_target is None else repr(drawn_target),
        result_key="" if drawn_result is None else repr(drawn_result),
        status_key=STATUS_ORDER.index(row.status),
    )


def _share_bars(items: Sequence[tuple[str, Share]]) -> list[ShareBar]:
    return [ShareBar(label, tuple((s, share.count(s)) for s in STATUS_ORDER)) for label, share in items]


def _index_page(index: PortalIndex, rows: list[TargetRow], grouped: dict[str, list[TargetRow]]) -> Page:
    path = paths.TARGETS
    indicators = [(i, Share.of(r.status for r in grouped[i.id])) for i in index.portal.indicators]
    by_year = shares_by_year(rows)
    return Page(
        path=path,
        title="Chỉ tiêu và kết quả",
        render=lambda _: render(
            "targets_index.html", path,
            indicators=indicators, by_year=by_year, overall=Share.of(r.status for r in rows),
            measures=MEASURE_LABELS, better=BETTER_LABELS,
        ),
        description="Chỉ tiêu các kế hoạch bảo vệ, chăm sóc trẻ em đặt ra và kết quả đạt được, theo chỉ số, năm và đơn vị",
    )


def _indicator_pages(index: PortalIndex, indicator: Indicator, rows: list[TargetRow]) -> Iterator[Page]:
    parts = split(index, rows)
    overview = parts[0].province is not None
    base = paths.indicator_page(indicator.id)
    common = dict(indicator=indicator, measure=MEASURE_LABELS[indicator.measure],
                  better=BETTER_LABELS[indicator.better], total=Share.of(r.status for r in rows))
    if overview:
        provinces = shares_by_province(index, rows)
        by_year = shares_by_year(rows)
        chart = share_chart(
            "bieu-do", f"Kết quả chỉ tiêu “{indicator.name}” theo năm",
            "Số chỉ tiêu đạt, chưa đạt và chưa có báo cáo mỗi năm; bảng bên dưới có cùng số liệu.",
            _share_bars([(f"Năm {y}", s) for y, s in by_year]),
        )
        yield Page(
            path=base, title=indicator.name,
            render=lambda _: render(
                "targets_indicator.html", base, part=None, lines=[], chart=chart,
                provinces=provinces, by_year=by_year, pager=[], **common,
            ),
            description=indicator.description or indicator.name,
        )
    for part in parts:
        path = base if part.province is None else paths.indicator_province_page(indicator.id, part.province.path, part.number)
        pager = [] if part.province is None else [
            (n, paths.indicator_province_page(indicator.id, part.province.path, n)) for n in range(1, part.pages + 1)
        ]
        title = indicator.name if part.province is None else f"{indicator.name} — {part.province.label}" + (
            f" (trang {part.number})" if part.number > 1 else "")
        yield Page(
            path=path, title=title,
            render=_render_part(index, path, part, indicator, pager, common),
            description=indicator.description or indicator.name,
        )


def _render_part(index: PortalIndex, path: str, part: RowPage, indicator: Indicator,
                 pager: list[tuple[int, str]], common: dict[str, object]):
    def html(_: str | None) -> str:
        # Lines and chart are made here, when the page is filled (on every
        # core), not while the site's page list is made (on one).
        lines = [_line(index, r, part.province) for r in part.rows]
        return render("targets_indicator.html", path, part=part, lines=lines, chart=_indicator_chart(indicator, lines),
                      provinces=[], by_year=shares_by_year(part.rows), pager=pager, **common)

    return html


def _indicator_chart(indicator: Indicator, lines: list[Line]) -> str | None:
    """Target and result bars when few enough rows have a number; else status shares per year."""
    numeric = [ln for ln in lines if plotted(ln.row.target.value) is not None]
    if not lines:
        return None
    if not numeric or len(numeric) > CHART_MAX_GROUPS:
        by_year = shares_by_year(ln.row for ln in lines)
        return share_chart(
            "bieu-do", f"Kết quả chỉ tiêu “{indicator.name}” theo năm",
            "Số chỉ tiêu đạt, chưa đạt và chưa có báo cáo mỗi năm; bảng bên dưới có cùng số liệu.",
            _share_bars([(f"Năm {y}", s) for y, s in by_year]),
        )
    groups = []
    for ln in numeric:
        result = ln.row.result.value if ln.row.result else None
        result_text = result.text if result else "chưa có báo cáo"
        if ln.ratio is not None:
            result_text += f" ({format_number(ln.ratio)}%)"
        groups.append(BarGroup(f"{ln.unit_label}, {ln.row.plan.year}", plotted(ln.row.target.value),
                               ln.row.target.value.text, plotted(result), result_text))
    scale = 100.0 if indicator.measure in ("percent", "ratio") else None
    skipped = len(lines) - len(numeric)
    description = (
        "Mỗi đơn vị và năm có hai thanh: mục tiêu và kết quả"
        + (" (tỷ lệ phần trăm của số đơn vị đạt trên tổng số)" if indicator.measure == "ratio" else "")
        + ". Bảng bên dưới có cùng số liệu."
        + (f" {skipped} chỉ tiêu không ghi bằng số chỉ có trong bảng." if skipped else "")
    )
    return target_result_chart("bieu-do", f"Mục tiêu và kết quả: {indicator.name}", description, groups, scale)


def _year_page(index: PortalIndex, rows: list[TargetRow], year: int) -> Page:
    path = paths.year_targets_page(year)
    summary = year_summary(index, rows, year)
    indicators = [(index.indicators[i], share) for i, share in summary.indicators]
    chart = share_chart(
        "bieu-do", f"Tỷ lệ chỉ tiêu đạt năm {year}",
        f"Số chỉ tiêu năm {year} đạt, chưa đạt và chưa có báo cáo, của cả cổng và từng tỉnh, thành phố; "
        "bảng bên dưới có cùng số liệu.",
        _share_bars([("Toàn bộ", summary.overall), *((u.label, s) for u, s in summary.provinces)]),
    )
    all_years = years(rows)
    return Page(
        path=path,
        title=f"Chỉ tiêu năm {year}",
        render=lambda _: render("targets_year.html", path, summary=summary, indicators=indicators,
                                chart=chart, years=all_years),
        description=f"Tỷ lệ chỉ tiêu đạt, chưa đạt và chưa có báo cáo trong các kế hoạch năm {year}",
    )


def _unit_page(index: PortalIndex, unit: Unit, rows: list[TargetRow]) -> Page:
    path = paths.unit_targets_page(unit.path)
    lines = [_line(index, r, None) for r in rows]
    by_year = shares_by_year(rows)
    return Page(
        path=path,
        title=f"Chỉ tiêu của {index.full_label(unit)}",
        render=lambda _: render("targets_unit.html", path, unit=unit, index=index, lines=lines,
                                by_year=by_year, ancestors=index.ancestors(unit.path)),
        description=f"Chỉ tiêu và kết quả bảo vệ, chăm sóc trẻ em của {index.full_label(unit)} qua các năm",
    )
