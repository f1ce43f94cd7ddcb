"""Typed results: what a use case returns, and the one source of `--json` and docs/json.md.

A result is a dataclass deriving from `Result`; each field is declared with `doc(...)`,
whose text docs/json.md prints beside the key. `to_json` turns it into plain JSON
values (dates as ISO strings, nested results and lists recursively); a result whose JSON
is not simply its fields overrides it, and says so in its docstring.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from typing import Any, ClassVar


def doc(text: str, **kwargs: Any) -> Any:
    """A dataclass field with its documentation (shown in docs/json.md)."""
    return dataclasses.field(metadata={"doc": text}, **kwargs)


def view_only(**kwargs: Any) -> Any:
    """A field the views use that is not part of the --json document."""
    return dataclasses.field(metadata={"json": False}, **kwargs)


def json_fields(cls_or_result: Any) -> list[dataclasses.Field]:
    """The fields that make up the --json form, in order."""
    return [f for f in dataclasses.fields(cls_or_result) if f.metadata.get("json", True)]


def jsonable(value: Any) -> Any:
    """Plain JSON values for a result, a list of them, or a plain value."""
    if isinstance(value, Result):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in json_fields(value)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


@dataclasses.dataclass
class Result:
    """Base of every use case's result."""

    # a result printed as one of its fields (a bare list, say) names that field here
    JSON_ROOT: ClassVar[str | None] = None
    # keys left out of the document, rather than null, when they have no value
    OPTIONAL_KEYS: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> Any:
        """The --json form: every field by name, or the JSON_ROOT field alone."""
        if self.JSON_ROOT:
            return jsonable(getattr(self, self.JSON_ROOT))
        return {
            f.name: jsonable(value)
            for f in json_fields(self)
            if (value := getattr(self, f.name)) is not None or f.name not in self.OPTIONAL_KEYS
        }
