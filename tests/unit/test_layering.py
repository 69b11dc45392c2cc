"""The package's layers import only downward, and no module imports itself round a circle.

Read from the source, not from a running interpreter, so that an import inside a function (the
usual way to hide a circle) counts like one at the top. Imports under ``if TYPE_CHECKING:`` are
annotations only and never run; they are left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mlops_compiler"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "base",
        (
            "mlops_compiler",
            "errors",
            "diagnostics",
            "resources",
            "fingerprint",
            "collector",
            "dataclass",
            "compiled_dataclasses",
            "compile_dataclasses",
        ),
    ),
    ("load", ("load",)),
    ("spec", ("spec",)),
    ("validate", ("validate",)),
    ("families", ("families",)),
    ("lower", ("ir", "lower", "crosscheck")),
    ("render", ("render",)),
    ("compiler", ("compiler",)),
    ("write", ("write",)),
    ("commands", ("commands",)),
    ("cli", ("cli",)),
    ("entry", ("fastpath", "entry", "__main__")),
)
"""Lowest first: load < spec < families < render < write < commands < cli, the house order."""

SKIPPED = ("render/compiled_templates/", "commands/probes/", "compiled_dataclasses.py")
"""Jinja's generated Python, and scripts `mlops verify` runs in another interpreter."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The index in LAYERS of the first entry naming the module or a package holding it."""
    inner = module.removeprefix("mlops_compiler").removeprefix(".")
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if prefix == "mlops_compiler" and inner == "":
                return index
            if inner == prefix or inner.startswith(prefix + "."):
                return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_modules(tree: ast.AST, known: set[str]) -> Iterator[str]:
    """Every module of ours that the tree imports, at any depth, except for annotations."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("mlops_compiler"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mlops_compiler"):
            module = node.module or ""
            for alias in node.names:  # `from pkg import module` imports the module
                candidate = f"{module}.{alias.name}"
                yield candidate if candidate in known else module
        stack.extend(ast.iter_child_nodes(node))


def import_graph() -> dict[str, set[str]]:
    files = [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not any(part in path.relative_to(PACKAGE).as_posix() for part in SKIPPED)
    ]
    known = {module_name(path) for path in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = module_name(path)
        graph[name] = {m for m in imported_modules(tree, known) if m in known and m != name}
    return graph


GRAPH = import_graph()


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_a_module_imports_only_its_own_layer_or_lower(module: str) -> None:
    upward = sorted(
        f"{target} ({LAYERS[layer_of(target)][0]})"
        for target in GRAPH[module]
        if layer_of(target) > layer_of(module)
    )
    assert upward == [], f"{module} ({LAYERS[layer_of(module)][0]}) imports a higher layer"


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_circle() -> None:
    assert strongly_connected(GRAPH) == []


def test_the_circle_finder_finds_one() -> None:
    """The check above can fail: a two-module circle through a function-level import."""
    source = "def f():\n    from mlops_compiler.b import x\n"
    tree = ast.parse(source)
    graph = {
        "mlops_compiler.a": set(imported_modules(tree, {"mlops_compiler.b"})),
        "mlops_compiler.b": {"mlops_compiler.a"},
    }
    assert strongly_connected(graph) == [["mlops_compiler.a", "mlops_compiler.b"]]


def test_annotation_only_imports_do_not_count() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import mlops_compiler.b\n"
    )
    assert list(imported_modules(tree, {"mlops_compiler.b"})) == []


GENERATED = ("render/compiled_templates/", "validate/compiled_schemas/", "compiled_dataclasses.py")
"""Python that `make regen` writes: its length is the data it holds."""

LONGEST = 400
"""Lines a module may have: past this, it holds more than one job (issue 12's bar)."""


def test_no_module_is_longer_than_the_bar() -> None:
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if not str(path.relative_to(PACKAGE)).startswith(GENERATED)
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}, "split these by what they do (see docs/architecture.md)"
