"""Render the `--json` reference (docs/json.md) from the result types, so it cannot drift.

Each module under cli/commands names, in `JSON_RESULTS`, the result type whose `to_json()`
each of its commands prints under `--json`; the fields of those dataclasses, with their
`doc(...)` texts, are the contract. `shape_problems` checks a real document against its type
(tests/test_docs.py runs every command on the demo network through it).

Regenerate with:  python -m network.cli.json_reference > docs/json.md
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import types
import typing
from datetime import date, datetime, time
from typing import Any

from network.app.results import COUNT_DOC, ITEMS, MORE_DOC, Result, json_fields, listing_field

HEADER = """\
# `--json` output

Generated from the result types by `python -m network.cli.json_reference > docs/json.md`;
`tests/test_docs.py` fails when this file is stale, and checks every command's real output
against it.

Every command that lists takes `--json` and then prints one JSON document on stdout
(UTF-8; indented on a terminal, compact into a pipe or file; nothing else on stdout; messages
still go to stderr). Dates are ISO strings (`"2026-11-22"`), absent values are `null`. The
keys below are stable: new keys may be added, existing ones keep their name and meaning
(before 1.0, a release that changes one says so here).

**Changed in 0.2**, so that every document follows the two rules below: listings that were
a bare list (`asks`, `promises`, `history`, `people`, `drift`, `dupes`, `inbox`) and
`balance`'s `people` are now the `items` of an object (`jq '.[]'` becomes
`jq '.items[]'`); `due` and `stats` say `day`, not `date`; in `due`, `next.on` is
`next.next_due` and a row's coming `birthday` is `birthday_on`; in `inbox`, an address's
count is `waiting`; `inbox accept` names the person `id`, not `person_id`.

**Every listing is an object with its rows under `items`** (never a bare list), beside
`count`, the rows printed, and `more`, how many rows were left out by `-n/--limit` or a daily
budget (0 when the list is whole): `network asks --json | jq -r '.items[].summary'`. A
listing may have keys of its own beside them (`due` has `day` and `budget`, `balance` its
totals).

**The same thing has the same key everywhere.** A person is `id` (their own row) or
`person_id` (someone else's row), with `name`; a calendar day is a date under `day` (or a
key ending in `_day`/`_on`: `due_on`, `created_on`, `first_day`); `last_contact` and
`next_due` are the same days in every command; ids are numbers (the CLI shows them as
p12, e12, o7).
"""


def json_results() -> dict[str, type]:
    """Command name -> result type, from every cli/commands module's JSON_RESULTS."""
    from network.cli import commands

    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        found.update(getattr(module, "JSON_RESULTS", {}))
    return dict(sorted(found.items()))


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_optional(tp: Any) -> tuple[bool, Any]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return True, rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    return False, tp


def type_name(tp: Any) -> str:
    """A reader's name for a field's JSON type."""
    optional, inner = _is_optional(tp)
    suffix = " or null" if optional else ""
    origin = typing.get_origin(inner)
    if origin in (list, tuple):
        args = [a for a in typing.get_args(inner) if a is not Ellipsis]
        return f"list of {type_name(args[0]) if args else 'values'}{suffix}"
    if origin is dict or inner is dict:
        args = typing.get_args(inner)
        return f"object of {type_name(args[1])}{suffix}" if args else f"object{suffix}"
    if origin is typing.Literal:
        return " \\| ".join(f'`"{a}"`' for a in typing.get_args(inner)) + suffix
    if dataclasses.is_dataclass(inner):
        return f"object{suffix}"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(a) for a in typing.get_args(inner)) + suffix
    names = {str: "string", int: "integer", float: "number", bool: "boolean",
             date: "date", datetime: "date-time", time: "time", Any: "any"}  # fmt: skip
    return names.get(inner, getattr(inner, "__name__", str(inner))) + suffix


def _element(tp: Any) -> Any:
    """The dataclass a field holds (directly, in a list or as dict values), else None."""
    _, inner = _is_optional(tp)
    if dataclasses.is_dataclass(inner):
        return inner
    origin = typing.get_origin(inner)
    args = typing.get_args(inner)
    if origin in (list, tuple) and args and dataclasses.is_dataclass(args[0]):
        return args[0]
    if origin is dict and len(args) == 2 and dataclasses.is_dataclass(args[1]):
        return args[1]
    return None


def _suffix(tp: Any) -> str:
    _, inner = _is_optional(tp)
    origin = typing.get_origin(inner)
    return "[]" if origin in (list, tuple) else ("{}" if origin is dict else "")


def document_keys(cls: type) -> list[tuple[str, Any, str, bool]]:
    """The keys of cls's JSON object, in order: (key, type, meaning, may be absent).

    What Result.to_json prints: a listing's rows under `items`, then `count` and `more`.
    """
    hints = _hints(cls)
    listing = listing_field(cls) if issubclass(cls, Result) else None
    optional = set(getattr(cls, "OPTIONAL_KEYS", ()))
    own_more = next((f for f in json_fields(cls) if f.name == "more"), None)
    out = []
    for f in json_fields(cls):
        meaning = f.metadata.get("doc") or ""
        if f.name == listing:
            out.append((ITEMS, hints[f.name], meaning, False))
            out.append(("count", int, COUNT_DOC, False))
            more_doc = (own_more.metadata.get("doc") or MORE_DOC) if own_more else MORE_DOC
            out.append(("more", int, more_doc, False))
        elif not (listing and f.name == "more"):
            out.append((f.name, hints[f.name], meaning, f.name in optional))
    return out


def rows(cls: type, prefix: str = "") -> list[str]:
    """Table rows for every key of cls's object, nested keys dotted."""
    out = []
    for key, tp, meaning, absent in document_keys(cls):
        meaning = meaning.replace("|", "\\|").replace("\n", " ")
        note = " (absent when it has no value)" if absent else ""
        out.append(f"| `{prefix}{key}` | {type_name(tp)} | {meaning}{note} |")
        inner = _element(tp)
        if inner is not None:
            out += rows(inner, f"{prefix}{key}{_suffix(tp)}.")
    return out


def render() -> str:
    """The whole reference as Markdown."""
    lines = [HEADER]
    for command, cls in json_results().items():
        lines += [f"## `network {command} --json`", ""]
        lines += [inspect.cleandoc(cls.__doc__ or ""), ""]
        root = getattr(cls, "JSON_ROOT", None)
        if root and not listing_field(cls):
            tp = _hints(cls)[root]
            field = next(f for f in dataclasses.fields(cls) if f.name == root)
            lines += [f"The document is {type_name(tp)}: {field.metadata.get('doc', '')}", ""]
            inner = _element(tp)
            prefix = _suffix(tp) + "." if _suffix(tp) else ""
            table = rows(inner, prefix) if inner is not None else []
        else:
            table = rows(cls)
        if table:
            lines += ["| key | type | meaning |", "|---|---|---|", *table, ""]
    return "\n".join(lines).rstrip() + "\n"


def document_problems(value: Any, cls: type) -> list[str]:
    """Where a command's --json document departs from its documented result type."""
    root = getattr(cls, "JSON_ROOT", None)
    return shape_problems(value, _hints(cls)[root] if root and not listing_field(cls) else cls)


def shape_problems(value: Any, tp: Any, where: str = "$") -> list[str]:
    """Where a JSON value departs from the type that documents it (keys and kinds)."""
    optional, inner = _is_optional(tp)
    if value is None:
        return [] if optional or inner is Any else [f"{where} is null"]
    if dataclasses.is_dataclass(inner):
        if not isinstance(value, dict):
            return [f"{where} is not an object"]
        keys = {key: (tp, absent) for key, tp, _, absent in document_keys(inner)}
        problems = [f"{where}.{k} is not documented" for k in value if k not in keys]
        problems += [
            f"{where}.{k} is missing"
            for k, (_, absent) in keys.items()
            if not absent and k not in value
        ]
        for k in set(keys) & set(value):
            problems += shape_problems(value[k], keys[k][0], f"{where}.{k}")
        counted = ITEMS in value and isinstance(value[ITEMS], list) and "count" in keys
        if counted and value.get("count") != len(value[ITEMS]):
            problems.append(f"{where}.count is not the number of items")
        return problems
    origin = typing.get_origin(inner)
    args = typing.get_args(inner)
    if origin in (list, tuple):
        if not isinstance(value, list):
            return [f"{where} is not a list"]
        element = args[0] if args else Any
        return [p for i, v in enumerate(value) for p in shape_problems(v, element, f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where} is not an object"]
        element = args[1] if len(args) == 2 else Any
        return [p for k, v in value.items() for p in shape_problems(v, element, f"{where}.{k}")]
    simple = {str: str, int: int, float: (int, float), bool: bool,
              date: str, datetime: str, time: str}  # fmt: skip
    if inner in simple and (
        not isinstance(value, simple[inner]) or (inner is int and isinstance(value, bool))
    ):
        return [f"{where} is {type(value).__name__}, documented as {type_name(tp)}"]
    return []


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
