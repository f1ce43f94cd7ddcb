"""The whole network as plain rows: what the store reads out and every export format renders.

A plain value, so a format writer never needs the database: `store.snapshot` fills it,
`formats` turns it into text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_NOUNS = {"entry": ("entry", "entries"), "person": ("person", "people")}


@dataclass
class Snapshot:
    """All rows by table name (in dependency order), and what privacy left out.

    `left_out` counts ("private", table) for rows and (column, table) for cleared columns;
    `include_private` says whether private rows and notes were asked for; `schema` is the
    schema version the rows were read under.
    """

    tables: dict[str, list[dict[str, Any]]]
    left_out: dict[tuple[str, str], int] = field(default_factory=dict)
    include_private: bool = False
    schema: int = 0

    @property
    def people(self) -> list[dict[str, Any]]:
        """The person rows."""
        return self.tables.get("person", [])


def _noun(table: str, n: int) -> str:
    one, many = _NOUNS.get(table, (f"{table} row", f"{table} rows"))
    return one if n == 1 else many


def left_out_text(left_out: dict[tuple[str, str], int]) -> str:
    """What privacy left out, in words: "2 private entries, notes on 1 person"."""
    parts = []
    for (what, table), n in left_out.items():
        if what == "private":
            parts.append(f"{n:,} private {_noun(table, n)}")
        else:
            parts.append(f"{what} on {n:,} {_noun(table, n)}")
    return ", ".join(parts)
