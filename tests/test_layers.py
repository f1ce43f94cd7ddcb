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


def imports(tree: ast.AST, module: str, known: set[str] | None = None) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import statement, relative ones made absolute.

    `from network.domain import cadence` imports the module network.domain.cadence, not
    only the package: the code's usual form, so the circle check must see it (known: the
    modules of ours, KNOWN unless given)."""
    known = KNOWN if known is None else known
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
                submodule = f"{base}.{alias.name}" in known
                yield (f"{base}.{alias.name}" if layer or submodule else base), node.lineno


def ours(name: str) -> bool:
    return name == "network" or name.startswith("network.")


def parsed() -> list[tuple[str, Path, ast.AST]]:
    return [(m, p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for m, p in modules()]


PARSED = parsed()
KNOWN = {m for m, _, _ in PARSED}


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


# Functions only one engine has, and why (every other one is in both dialect modules, so
# `reader.dialect.f(...)` works whichever engine is at hand).
ENGINE_OWN = {
    "fts_phrase_prefix": "sqlite: FTS5's query syntax, behind its topic_search",
    "undo_prune": "postgresql: SQLite prunes the undo log in store/undo.py's own SQL",
}


def dialect_functions(module: object) -> set[str]:
    """The public functions a dialect module offers (its own, or another dialect's)."""
    import inspect

    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and inspect.isfunction(value)
        and value.__module__.startswith("network.store.dialect")
    }


def one_engine_only(sqlite: set[str], postgres: set[str]) -> set[str]:
    """The functions one dialect has and the other lacks, bar ENGINE_OWN."""
    return (sqlite ^ postgres) - set(ENGINE_OWN)


def test_both_engines_have_the_same_dialect_functions():
    from network.store.dialect import postgres, sqlite

    missing = one_engine_only(dialect_functions(sqlite), dialect_functions(postgres))
    assert not missing, f"in one store/dialect module only: {sorted(missing)}"


def unprotected(tables: set[str]) -> set[str]:
    """Tables of the schema that store/team.py does not put under row-level security
    (`meta`, the schema's version, is the database's own, not a member's)."""
    from network.store.team import TABLES

    return tables - set(TABLES) - {"meta"}


def test_every_data_table_is_a_members():
    """On a shared server each row has an owner: a new table missing from store/team.py's
    TABLES would be readable by every member."""
    from sqlmodel import SQLModel

    from network.store import schema  # noqa: F401 - registers the tables

    assert not unprotected(set(SQLModel.metadata.tables))


def test_the_dialect_and_team_checks_catch_a_gap():
    from network.store.dialect import postgres, sqlite

    assert one_engine_only(
        dialect_functions(sqlite) | {"new_fragment"}, dialect_functions(postgres)
    )
    assert unprotected({"person", "planted"}) == {"planted"}


# Circles that exist and are owed a fix (each a frozenset of the modules in it); a circle
# not listed fails, and so does an entry here once its circle is gone.
KNOWN_CIRCLES: set[frozenset[str]] = set()


# what a use case leaves to the CLI: the terminal (printing, prompting) and the clock (the
# CLI passes `now`/`today` in, so every use case can be run for any day)
TERMINAL_MODULES = {"typer", "click", "rich", "getpass", "time"}
TERMINAL_NAMES = {"stdout", "stderr", "stdin"}


def test_use_cases_neither_print_nor_prompt_nor_read_the_clock():
    problems = []
    for module, path, tree in PARSED:
        if layer_of(module) != "app":
            continue
        where = path.relative_to(SRC)
        for name, line in imports(tree, module):
            if name.split(".")[0] in TERMINAL_MODULES:
                problems.append(f"{where}:{line} imports {name}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in TERMINAL_NAMES
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            ):
                problems.append(f"{where}:{node.lineno} uses sys.{node.attr}")
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id in IMPURE_CALLS - {"open"}:
                problems.append(f"{where}:{node.lineno} calls {node.func.id}()")
            if isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_CALLS:
                problems.append(f"{where}:{node.lineno} reads the clock (.{node.func.attr}())")
    assert not problems, "\n".join(problems)


def test_no_import_circles():
    cycles = {frozenset(c) for c in _cycles(import_graph())}
    assert cycles <= KNOWN_CIRCLES, "\n".join(
        " -> ".join(sorted(c)) for c in cycles - KNOWN_CIRCLES
    )
    assert cycles >= KNOWN_CIRCLES, f"gone, remove from KNOWN_CIRCLES: {KNOWN_CIRCLES - cycles}"


def import_graph() -> dict[str, set[str]]:
    """module -> the modules of ours it imports (anywhere in it, functions included)."""
    known = {m for m, _, _ in PARSED}
    graph: dict[str, set[str]] = {}
    for module, _, tree in PARSED:
        edges = set()
        for name, _ in imports(tree, module, known):
            # an import of a name from a module points at the module
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module and ours(name) and not module.startswith(name + "."):
                # a package's __init__ is not a dependency on its submodules' behalf
                edges.add(name)
        graph[module] = edges
    return graph


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
    _fails_with(broken, {"domain.planted": source})


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    print('done')\n",
        "def f():\n    return input('name? ')\n",
        "import sys\ndef f():\n    sys.stderr.write('x')\n",
        "import typer\n",
        "def f(datetime):\n    return datetime.now()\n",
        "import time\n",
    ],
)
def test_the_use_case_check_catches_a_planted_violation(source):
    _fails_with(
        "test_use_cases_neither_print_nor_prompt_nor_read_the_clock", {"app.planted": source}
    )


def test_the_circle_check_catches_a_planted_circle():
    """Two modules importing each other in the code's usual form (`from package import
    module`, inside a function for one of them) are a circle."""
    _fails_with(
        "test_no_import_circles",
        {
            "domain.planted_a": "from network.domain import planted_b\n",
            "domain.planted_b": "def f():\n    from network.domain import planted_a\n",
        },
    )


def _fails_with(check: str, planted: dict[str, str]) -> None:
    """`check` fails once these modules (name under network. -> source) join the package."""
    global PARSED
    saved = PARSED
    PARSED = [
        *saved,
        *(
            (f"network.{name}", SRC / (name.replace(".", "/") + ".py"), ast.parse(source))
            for name, source in planted.items()
        ),
    ]
    try:
        with pytest.raises(AssertionError):
            globals()[check]()
    finally:
        PARSED = saved
