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

from network.app.results import json_fields

HEADER = """\
# `--json` output

Generated from the result types by `python -m network.cli.json_reference > docs/json.md`;
`tests/test_docs.py` fails when this file is stale, and checks every command's real output
against it.

Every command that lists takes `--json` and then prints one JSON document on stdout
(UTF-8; indented on a terminal, compact into a pipe or file; nothing else on stdout; messages
still go to stderr). Dates are ISO strings (`"2026-11-22"`), absent values are `null`. The
keys below are stable: new keys may be added, existing ones keep their name and meaning.
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


def rows(cls: type, prefix: str = "") -> list[str]:
    """Table rows for every field of cls, nested fields as dotted keys."""
    out = []
    hints = _hints(cls)
    for f in json_fields(cls):
        tp = hints[f.name]
        key = f"{prefix}{f.name}"
        meaning = (f.metadata.get("doc") or "").replace("|", "\\|").replace("\n", " ")
        absent = (
            " (absent when it has no value)" if f.name in getattr(cls, "OPTIONAL_KEYS", ()) else ""
        )
        out.append(f"| `{key}` | {type_name(tp)} | {meaning}{absent} |")
        inner = _element(tp)
        if inner is not None:
            out += rows(inner, f"{key}{_suffix(tp)}.")
    return out


def render() -> str:
    """The whole reference as Markdown."""
    lines = [HEADER]
    for command, cls in json_results().items():
        lines += [f"## `network {command} --json`", ""]
        lines += [inspect.cleandoc(cls.__doc__ or ""), ""]
        root = getattr(cls, "JSON_ROOT", None)
        if root:
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
    return shape_problems(value, _hints(cls)[root] if root else cls)


def shape_problems(value: Any, tp: Any, where: str = "$") -> list[str]:
    """Where a JSON value departs from the type that documents it (keys and kinds)."""
    optional, inner = _is_optional(tp)
    if value is None:
        return [] if optional or inner is Any else [f"{where} is null"]
    if dataclasses.is_dataclass(inner):
        if not isinstance(value, dict):
            return [f"{where} is not an object"]
        hints = _hints(inner)
        fields = {f.name for f in json_fields(inner)}
        problems = [f"{where}.{k} is not documented" for k in value if k not in fields]
        optional = set(getattr(inner, "OPTIONAL_KEYS", ()))
        problems += [f"{where}.{k} is missing" for k in fields - optional if k not in value]
        for k in fields & set(value):
            problems += shape_problems(value[k], hints[k], f"{where}.{k}")
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
