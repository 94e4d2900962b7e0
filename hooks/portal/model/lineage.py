"""Where a unit went: its end (own or inherited from a unit above), successors, today's province.

The 2025 reform ended every district and merged 63 provinces into 34; a
commune of former Hà Giang has no ``valid_to`` of its own, yet it ended with
its province and its documents now belong under Tuyên Quang. Pages, lists,
search and ``check`` ask these questions the same way through this module.
"""

from __future__ import annotations

import datetime as dt

from .index import PortalIndex
from .records import Unit


def ended(index: PortalIndex, unit: Unit) -> Unit | None:
    """The unit whose end ends ``unit``: itself, else the innermost ancestor with a ``valid_to``."""
    if unit.valid_to:
        return unit
    return next((u for u in reversed(index.ancestors(unit.path)) if u.valid_to), None)


def successors(index: PortalIndex, unit: Unit) -> list[Unit]:
    """Units that took over ``unit`` (merger or rename), as declared and present."""
    paths = [*unit.merged_into, *((unit.renamed_to,) if unit.renamed_to else ())]
    return [index.units[p] for p in dict.fromkeys(paths) if p in index.units]


def current(index: PortalIndex, unit: Unit) -> list[Unit]:
    """Today's units ``unit`` lives on in, following successors (merged twice, renamed...).

    Empty when the unit still exists or its successor is not recorded.
    """
    if ended(index, unit) is None:
        return []
    found: list[Unit] = []
    seen = {unit.path}
    todo = successors(index, unit)
    while todo:
        nxt = todo.pop(0)
        if nxt.path in seen:
            continue
        seen.add(nxt.path)
        if nxt.valid_to and successors(index, nxt):
            todo += successors(index, nxt)
        else:
            found.append(nxt)
    return found


def heirs(index: PortalIndex, unit: Unit) -> list[Unit]:
    """Successors of the unit that ended ``unit`` (itself or the ancestor that ended)."""
    end = ended(index, unit)
    if end is None:
        return []
    # A district ended in 2025 without a successor of its own: its land went where
    # its province went, or stayed with the province when that one still exists.
    for above in [end, *reversed(index.ancestors(end.path))]:
        if above.valid_to is None:
            return [above]
        now = current(index, above)
        if now:
            return now
    return []


def day_after(unit: Unit) -> str:
    """The first day without ``unit``: "1/7/2025"."""
    assert unit.valid_to is not None
    day = unit.valid_to.last_day + dt.timedelta(days=1)
    return f"{day.day}/{day.month}/{day.year}"


def former_note(index: PortalIndex, unit: Unit) -> str:
    """One line saying a unit is former, and where it went: "" for a unit that exists.

    "đơn vị cũ: tỉnh Hà Giang (đến 30/06/2025), nay thuộc tỉnh Tuyên Quang".
    """
    end = ended(index, unit)
    if end is None:
        return ""
    assert end.valid_to is not None
    now = heirs(index, unit)
    where = f", nay thuộc {', '.join(index.full_label(u) for u in now)}" if now else ""
    return f"đơn vị cũ: {end.label} (đến {end.valid_to.short()}){where}"


def search_meta(index: PortalIndex, unit: Unit) -> dict[str, str | tuple[str, ...]]:
    """Extra ``Page.search`` keys of a page of ``unit``: {} for a unit that exists.

    ``province_now``: today's provinces the page is also filed
    under, so filtering by Tuyên Quang finds former Hà Giang; ``former``: the
    note a result shows to say which former unit it came from.
    """
    note = former_note(index, unit)
    if not note:
        return {}
    meta = {"former": note}
    now = current(index, index.province(unit.path))
    if now:
        meta["province_now"] = tuple(index.full_label(u) for u in now)
    return meta
