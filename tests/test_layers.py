"""The architecture as tests: which layer may import which, SQL only in the store, pure rules,
no import circles (docs/architecture.md is the map these enforce).

Each check reads the source with `ast` (imports inside functions count: they are still
dependencies), so it holds whether or not a module has been imported.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "network"

# layer -> the layers of ours it may import (besides itself)
MAY_IMPORT = {
    "common": set(),
    "domain": {"common"},
    "store": {"domain", "common"},
    "formats": {"domain", "common"},
    "app": {"store", "formats", "domain", "common"},
    "cli": {"app", "domain", "common"},
}
# the package root (`network/__init__.py`, `__main__.py`) only names the version and the CLI
ROOT_MAY_IMPORT = {"cli"}

DATABASE_LIBRARIES = {"sqlite3", "sqlalchemy", "sqlmodel", "psycopg", "psycopg2"}
# calls that run SQL on a connection, cursor or session
EXECUTING = {"execute", "executemany", "executescript", "exec", "scalar", "scalars"}
SQL_TEXT = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA)\b",
    re.DOTALL,
)
# what a pure rule must not touch: files, processes, the terminal, the clock, the network
IMPURE_MODULES = {
    "os", "sys", "io", "pathlib", "shutil", "subprocess", "socket", "tempfile", "time",
    "sqlite3", "sqlalchemy", "sqlmodel", "rich", "typer", "click", "urllib", "http",
}  # fmt: skip
IMPURE_CALLS = {"open", "print", "input"}

CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic"}


def modules() -> Iterator[tuple[str, Path]]:
    """(dotted name, path) of every module of the package."""
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in MAY_IMPORT else None


def imports(tree: ast.AST, module: str) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import statement, relative ones made absolute."""
    package = module if module.count(".") == 0 else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from network import app` imports the module network.app
            for alias in node.names:
                layer = base == "network" and alias.name in MAY_IMPORT
                yield (f"{base}.{alias.name}" if layer else base), node.lineno


def ours(name: str) -> bool:
    return name == "network" or name.startswith("network.")


def parsed() -> list[tuple[str, Path, ast.AST]]:
    return [(m, p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for m, p in modules()]


PARSED = parsed()


def test_the_layers_exist():
    found = {layer_of(m) for m, _, _ in PARSED}
    assert set(MAY_IMPORT) <= found


def test_each_layer_imports_only_the_layers_below_it():
    problems = []
    for module, path, tree in PARSED:
        layer = layer_of(module)
        allowed = ROOT_MAY_IMPORT if layer is None else MAY_IMPORT[layer] | {layer}
        for name, line in imports(tree, module):
            if not ours(name) or name == "network":
                continue
            target = layer_of(name)
            if target not in allowed:
                problems.append(f"{path.relative_to(SRC)}:{line} ({layer}) imports {name}")
    assert not problems, "\n".join(problems)


def test_sql_and_database_libraries_only_in_the_store():
    problems = []
    for module, path, tree in PARSED:
        if layer_of(module) == "store":
            continue
        where = path.relative_to(SRC)
        for name, line in imports(tree, module):
            if name.split(".")[0] in DATABASE_LIBRARIES:
                problems.append(f"{where}:{line} imports {name}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in EXECUTING
            ):
                problems.append(f"{where}:{node.lineno} calls .{node.func.attr}(")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"select", "text", "insert", "update", "delete"}
            ):
                problems.append(f"{where}:{node.lineno} calls {node.func.id}(")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and SQL_TEXT.search(node.value)
            ):
                problems.append(f"{where}:{node.lineno} holds SQL text")
    assert not problems, "\n".join(problems)


def test_rules_do_no_io_and_read_no_clock():
    problems = []
    for module, path, tree in PARSED:
        if layer_of(module) != "domain":
            continue
        where = path.relative_to(SRC)
        for name, line in imports(tree, module):
            if name.split(".")[0] in IMPURE_MODULES:
                problems.append(f"{where}:{line} imports {name}")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id in IMPURE_CALLS:
                problems.append(f"{where}:{node.lineno} calls {node.func.id}()")
            if isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_CALLS:
                problems.append(f"{where}:{node.lineno} reads the clock (.{node.func.attr}())")
    assert not problems, "\n".join(problems)


def test_no_import_circles():
    known = {m for m, _, _ in PARSED}
    graph: dict[str, set[str]] = {}
    for module, _, tree in PARSED:
        edges = set()
        for name, _ in imports(tree, module):
            # an import of a name from a module points at the module
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module and ours(name) and not module.startswith(name + "."):
                # a package's __init__ is not a dependency on its submodules' behalf
                edges.add(name)
        graph[module] = edges
    cycles = _cycles(graph)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


@pytest.mark.parametrize(
    "source,broken",
    [
        ("import sqlite3\n", "test_sql_and_database_libraries_only_in_the_store"),
        ("def f(c):\n    c.execute('x')\n", "test_sql_and_database_libraries_only_in_the_store"),
        ("Q = 'SELECT id FROM person'\n", "test_sql_and_database_libraries_only_in_the_store"),
        (
            "from network.store import connection\n",
            "test_each_layer_imports_only_the_layers_below_it",
        ),
        ("import os\n", "test_rules_do_no_io_and_read_no_clock"),
        ("def f(d):\n    return d.today()\n", "test_rules_do_no_io_and_read_no_clock"),
    ],
)
def test_the_checks_catch_a_planted_violation(source, broken):
    """Each boundary check fails on a module that breaks it (so none of them is vacuous)."""
    planted = ("network.domain.planted", SRC / "domain" / "planted.py", ast.parse(source))
    global PARSED
    saved = PARSED
    PARSED = [*saved, planted]
    try:
        with pytest.raises(AssertionError):
            globals()[broken]()
    finally:
        PARSED = saved
