"""No import cycle anywhere in src/jixiao, counting imports inside functions (and under TYPE_CHECKING).

Every module is parsed with :mod:`ast` (nothing is imported); each ``import``/``from ... import``
anywhere in its body that names a jixiao module (absolute or relative) is an edge, and so is the
implicit import of every package above the target (``import jixiao.a.b`` runs ``jixiao/a/__init__``).
A lazy import inside a function hides a cycle from the interpreter, not from the design: the stage
that imports "later" code is the fault, so it counts. The failure names each cycle, module by module.
The same graph checks that imports point one way along the pipeline's stages.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SRC = ROOT / "src"


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module and package of jixiao."""
    found: dict[str, Path] = {}
    for path in sorted((SRC / "jixiao").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The jixiao modules that ``name`` (at ``path``) imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            targets.add(base)
            targets.update(f"{base}.{alias.name}" for alias in node.names)
    edges: set[str] = set()
    for target in targets:
        if target in modules:
            edges.update([target, *_ancestors(target)])
    edges.discard(name)
    return {e for e in edges if e in modules and e not in _ancestors(name)}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One concrete cycle (first module repeated at the end) per strongly connected component."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: set[str] = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_a_cycle(graph, component) for component in components]


def _a_cycle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest cycle through the component's first module, found breadth-first."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & component):
            if nxt == start:
                return [*paths[node], start]
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start}")  # a strongly connected component always has one


def test_the_graph_sees_lazy_and_relative_imports() -> None:
    """The parser is not blind: the CLI's lazy imports inside its commands are edges."""
    graph = import_graph()
    assert len(graph) >= 30
    assert "jixiao.check" in graph["jixiao.cli"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_cycle_in_src_jixiao() -> None:
    found = cycles(import_graph())
    assert found == [], "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in found)


#: The stages in the order of docs/architecture.md: a module may import its own stage and earlier ones.
STAGES = {"domain": 0, "load": 1, "check": 2, "render": 3, "opendata": 3, "sitegen": 4, "pipeline": 5, "cli": 6}


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None


def test_imports_point_one_way() -> None:
    """domain <- load <- check <- render/opendata <- sitegen <- pipeline <- cli: no stage imports a later one."""
    upward = [f"{a} -> {b}" for a, targets in sorted(import_graph().items()) for b in sorted(targets)
              if (sa := _stage(a)) is not None and (sb := _stage(b)) is not None and sb > sa]
    assert upward == []
