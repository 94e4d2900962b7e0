"""The shape of the package (issue 19): imports only go one way, modules stay small,
public class names are unique, and the core never imports MkDocs.

The import graph is read from the source with ``ast`` (every ``import`` and
``from ... import``, at any depth, TYPE_CHECKING ones included), so a cycle
hidden in a function body counts too.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "portal"
MAX_LINES = 400
LONG_FOR_NOW = {"portal.model.schema"}
"""Over the limit until the content-model branch (issue 19, item 3), which splits it, is merged: then empty."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The portal modules that ``name`` imports (a package import counts as its __init__)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # "from .x import y": y may be a module of package x.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_cycle_finder_finds_a_cycle_and_accepts_a_tree() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_import_graph_of_portal_has_no_cycle() -> None:
    edges = graph()
    assert len(edges) > 40
    cycle = find_cycle(edges)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_shipped_module_is_over_400_lines() -> None:
    long = {name: n for name, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES and name not in LONG_FOR_NOW}
    assert not long, f"modules over {MAX_LINES} lines (split them by job): {long}"


def test_no_two_public_classes_share_a_name() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for name, path in _modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                where[node.name].append(name)
    duplicates = {cls: mods for cls, mods in where.items() if len(mods) > 1}
    assert not duplicates, f"public classes with the same name: {duplicates}"


def test_the_core_never_imports_mkdocs() -> None:
    offenders = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{name}: {n}" for n in names if n.split(".")[0] in {"mkdocs", "material"}]
    assert not offenders, offenders


_MATERIAL_NAME = re.compile(r"\b(?:data-)?md-[a-z]")


def test_no_material_class_name_in_the_core() -> None:
    """Material's HTML is known by hooks/material_theme.py only: not in code strings nor templates."""
    found = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _MATERIAL_NAME.search(node.value):
                found.append(f"{name}: {node.value[:60]!r}")
    for template in sorted((PACKAGE / "output" / "templates").iterdir()):
        if _MATERIAL_NAME.search(template.read_text(encoding="utf-8")):
            found.append(template.name)
    assert not found, found
    assert _MATERIAL_NAME.search('<ul class="md-nav__list" data-md-component="toc">')
