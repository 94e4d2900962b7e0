"""Targets of plans joined with the results reported against them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.index import PortalIndex
from ..model.records import Document, Indicator, Result, Target
from ..model.values import Status, status


@dataclass(frozen=True)
class TargetRow:
    """One target of one plan with its latest reported result."""

    plan: Document
    target: Target
    indicator: Indicator
    result: Result | None
    """Latest result from a report on the plan; None when none was reported."""
    report: Document | None
    """The report that gave ``result``."""
    status: Status


def plan_rows(index: PortalIndex, plan: Document) -> list[TargetRow]:
    """Every target of ``plan`` with its status, in the plan's order."""
    reports = [d for d in index.linked_to_plan.get(plan.key, []) if d.kind == "report"]
    # Latest report wins: reports are ordered by issue date, then by path.
    reports.sort(key=lambda d: ((d.issued.first_day if d.issued else None) or dt.date.min, d.source))
    latest: dict[str, tuple[Result, Document]] = {}
    for report in reports:
        for result in report.results:
            latest[result.indicator] = (result, report)
    rows = []
    for target in plan.targets:
        indicator = index.indicators[target.indicator]
        result, report = latest.get(target.indicator, (None, None))
        rows.append(TargetRow(
            plan, target, indicator, result, report,
            status(target.value, result.value if result else None, indicator.better == "higher"),
        ))
    return rows

