"""The tool's own JSON document, both directions: the complete, lossless export, and its import.

Reading checks the document's shape (ours, a schema this version reads, tables it knows,
each a list of rows); `store.writes.document` then decodes and loads the rows. Writing is
every table of a snapshot, values as JSON (dates as ISO text), keys sorted: the same
network always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from network.domain.contacts import ImportProblem
from network.domain.snapshot import Snapshot
from network.formats import oddities
from network.formats.reading import wrong_format

FORMAT = "network"


@dataclass
class Document:
    """A network export as read: its schema version and its rows by table, still as JSON."""

    schema: int
    tables: dict[str, list[Any]]


def parse(path: Path, text: str, *, schema: int, known: Collection[str]) -> Document:
    """The export document, checked for shape (not yet row by row).

    `schema` is the newest schema this network reads; `known` its table names."""
    try:
        doc = oddities.loads(path, text)
    except json.JSONDecodeError as exc:
        raise wrong_format(path, "json", text, f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if (
        not isinstance(doc, dict)
        or doc.get("format") != FORMAT
        or not isinstance(doc.get("tables"), dict)
    ):
        raise wrong_format(path, "json", text, 'no "format": "network" and "tables" at the top')
    version = doc.get("schema")
    if not isinstance(version, int) or version > schema:
        raise ImportProblem(
            f"{path} was written by a newer network (schema {version}; this one reads {schema})",
            "upgrade network to import it",
        )
    for name, rows in doc["tables"].items():
        if name not in known:
            raise ImportProblem(
                f'{path} has a table "{name[:40]}" this network does not know', "upgrade network"
            )
        if not isinstance(rows, list):
            raise wrong_format(path, "json", text, f'"{name}" is not a list of rows')
    oddities.check(path, doc["tables"])
    return Document(version, doc["tables"])


# Export


def encode(value: Any) -> Any:
    """A column value as JSON data."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def document(snap: Snapshot) -> dict[str, Any]:
    """The JSON export: every table's rows with every column, values encoded."""
    return {
        "format": FORMAT,
        "schema": snap.schema,
        "tables": {
            name: [{k: encode(v) for k, v in row.items()} for row in rows]
            for name, rows in snap.tables.items()
        },
    }


def render(snap: Snapshot, *, today: date | None = None, now: datetime | None = None) -> str:
    """Stable text: the same network always gives the same bytes.

    (`today` and `now` are unused: every writer shares one signature.)"""
    return json.dumps(document(snap), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
