"""Typed results: what a use case returns, and the one source of `--json` and docs/json.md.

A result is a dataclass deriving from `Result`; each field is declared with `doc(...)`,
whose text docs/json.md prints beside the key. `to_json` turns it into plain JSON
values (dates as ISO strings, nested results and lists recursively); a result whose JSON
is not simply its fields overrides it, and says so in its docstring.

Every listing has one envelope (docs/json.md says so once, at its top): an object whose
rows are under `items`, with `count` (the rows printed) and `more` (the rows left out by
-n/--limit or a daily budget; 0 when the list is whole). A result is a listing when its
JSON_ROOT names a list field (those rows become `items`, its other fields stay beside
them) or when it has an `items` list field.
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


ITEMS = "items"  # the key a listing's rows are under
COUNT_DOC = "how many rows `items` holds"
MORE_DOC = "how many rows were left out by -n/--limit or a budget (0: the list is whole)"


def listing_field(cls_or_result: Any) -> str | None:
    """The field holding a listing's rows (printed as `items`), or None for a report."""
    root = getattr(cls_or_result, "JSON_ROOT", None)
    names = {f.name: f for f in json_fields(cls_or_result)}
    for name in (root, ITEMS):
        f = names.get(name) if name else None
        if f is not None and _is_list_type(f.type):
            return name
    return None


def _is_list_type(tp: Any) -> bool:
    """Whether a field's annotation (a string under `from __future__ import annotations`)
    is a list, optional or not."""
    text = tp if isinstance(tp, str) else getattr(tp, "__name__", str(tp))
    return text.replace("typing.", "").startswith(("list[", "List[", "list"))


@dataclasses.dataclass
class Result:
    """Base of every use case's result."""

    # a listing names the field holding its rows (printed as `items`); a result printed
    # as one other field alone (an object: demo prints its agenda) names that field
    JSON_ROOT: ClassVar[str | None] = None
    # keys left out of the document, rather than null, when they have no value
    OPTIONAL_KEYS: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> Any:
        """The --json form: every field by name (a listing's rows under `items`, with
        `count` and `more`), or the JSON_ROOT field alone when it is not a list."""
        rows = listing_field(self)
        if self.JSON_ROOT and rows is None:
            return jsonable(getattr(self, self.JSON_ROOT))
        out: dict[str, Any] = {}
        for f in json_fields(self):
            value = getattr(self, f.name)
            if value is None and f.name in self.OPTIONAL_KEYS:
                continue
            if f.name == rows:
                out[ITEMS] = jsonable(value)
                out["count"] = len(value)
                out["more"] = self.left_out()
            elif not (rows and f.name == "more"):  # a listing's own `more` is the envelope's
                out[f.name] = jsonable(value)
        return out

    def left_out(self) -> int:
        """How many rows -n/--limit or a budget left out: the result's own `more` field
        (due, who-knows count it themselves) and what `first` cut."""
        own = getattr(self, "more", None)
        return (own if isinstance(own, int) else 0) + getattr(self, "_left_out", 0)

    def first(self, limit: int | None) -> Any:
        """This listing with only its first `limit` rows (itself with no limit), counting
        the rows cut for `more`."""
        field = listing_field(self)
        if limit is None or field is None:
            return self
        rows = getattr(self, field)
        if len(rows) <= limit:
            return self
        cut = dataclasses.replace(self, **{field: rows[:limit]})
        cut._left_out = self.left_out() + len(rows) - limit
        return cut
