"""Lookups over the loaded model, built once per build."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from .records import Campaign, Document, Indicator, Portal, Reference, Unit


class PortalIndex:
    """Read-only lookups: parents, children, documents by unit and by number."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.units: dict[str, Unit] = {u.path: u for u in portal.units}
        self.campaigns: dict[str, Campaign] = {c.id: c for c in portal.campaigns}
        self.indicators: dict[str, Indicator] = {i.id: i for i in portal.indicators}
        self.documents: dict[tuple[str, str], Document] = {d.key: d for d in portal.documents}
        self.children: dict[str | None, list[Unit]] = defaultdict(list)
        for unit in portal.units:
            self.children[unit.parent_path].append(unit)
        self.by_unit: dict[str, list[Document]] = defaultdict(list)
        self.by_number: dict[tuple[str, str], Document] = {}
        for doc in portal.documents:
            self.by_unit[doc.unit].append(doc)
            if doc.number:
                self.by_number.setdefault((doc.unit, doc.number), doc)
        self.predecessors: dict[str, list[Unit]] = defaultdict(list)
        for unit in portal.units:
            for successor in (*unit.merged_into, *((unit.renamed_to,) if unit.renamed_to else ())):
                self.predecessors[successor].append(unit)
        for unit in portal.units:
            for former in unit.split_from:
                if former in self.units and self.units[former] not in self.predecessors[unit.path]:
                    self.predecessors[unit.path].append(self.units[former])
        self._ancestor_cache: dict[str, tuple[Unit, ...]] = {}
        self._labels: dict[str, str] = {}

    @property
    def roots(self) -> list[Unit]:
        return self.children[None]

    def ancestors(self, path: str) -> list[Unit]:
        """Units above ``path``, outermost first (missing ones skipped)."""
        return list(self._ancestors(path))

    def _ancestors(self, path: str) -> tuple[Unit, ...]:
        # Asked about 180,000 times by a national build (every row, crumb and
        # label), for a few thousand paths: kept, and copied out as a list.
        found = self._ancestor_cache.get(path)
        if found is None:
            parts = path.split("/")
            found = tuple(self.units[p] for p in ("/".join(parts[:i]) for i in range(1, len(parts))) if p in self.units)
            self._ancestor_cache[path] = found
        return found

    def province(self, path: str) -> Unit:
        """The top-level unit above ``path`` (the unit itself for a province)."""
        ancestors = self._ancestors(path)
        return ancestors[0] if ancestors else self.units[path]

    def descendants(self, path: str) -> list[Unit]:
        found: list[Unit] = []
        stack = list(reversed(self.children.get(path, [])))
        while stack:
            unit = stack.pop()
            found.append(unit)
            stack.extend(reversed(self.children.get(unit.path, [])))
        return found

    def full_label(self, unit: Unit) -> str:
        """Label with every parent, innermost first: "xã Hà Giang, huyện Hà Trung, tỉnh Thanh Hóa"."""
        # Asked for every activity row, calendar and page of a unit: kept for
        # the index's own units (by path; hashing a Unit hashes all its fields).
        own = self.units.get(unit.path) is unit
        label = self._labels.get(unit.path) if own else None
        if label is None:
            label = ", ".join(u.label for u in [unit, *reversed(self._ancestors(unit.path))])
            if own:
                self._labels[unit.path] = label
        return label

    def resolve(self, ref: Reference, from_unit: str) -> Document | None:
        """The portal document a reference points to, or None when it is outside."""
        unit = ref.unit or from_unit
        if ref.document:
            return self.documents.get((unit, ref.document))
        if ref.number:
            return self.by_number.get((unit, ref.number))
        return None

    @cached_property
    def implemented_by(self) -> dict[tuple[str, str], list[Document]]:
        """Document key -> documents whose ``implements`` resolves to it."""
        found: dict[tuple[str, str], list[Document]] = defaultdict(list)
        for doc in self.portal.documents:
            for ref in doc.implements:
                target = self.resolve(ref, doc.unit)
                if target is not None:
                    found[target.key].append(doc)
        return found

    @cached_property
    def linked_to_plan(self) -> dict[tuple[str, str], list[Document]]:
        """Plan key -> news and reports whose ``plan`` points to it."""
        found: dict[tuple[str, str], list[Document]] = defaultdict(list)
        for doc in self.portal.documents:
            if doc.plan is not None:
                target = self.resolve(doc.plan, doc.unit)
                if target is not None:
                    found[target.key].append(doc)
        return found

    def unit_of(self, doc: Document) -> Unit:
        return self.units[doc.unit]

    @cached_property
    def _subtree_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        # Deepest units first, so each count is complete before its parent adds it.
        for unit in sorted(self.portal.units, key=lambda u: -u.path.count("/")):
            counts[unit.path] += len(self.by_unit.get(unit.path, []))
            if unit.parent_path is not None:
                counts[unit.parent_path] += counts[unit.path]
        return counts

    def count_documents(self, path: str) -> int:
        """Documents of a unit and all units below it."""
        return self._subtree_counts.get(path, 0)
