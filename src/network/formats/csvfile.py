"""One row per person for a spreadsheet, with every cell safe to open.

A cell that starts with = + - @ or a tab or carriage return would be run as a formula
by spreadsheet programs; such text cells get a leading apostrophe, which the programs
show as text. Numbers we compute ourselves (a balance of -3) stay numbers.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

from network.domain.fields import CSV_COLUMNS, POINT_COLUMNS, PRIVATE
from network.domain.snapshot import Snapshot

# The spreadsheet's columns, in the order a person scans them (domain.fields.CSV_COLUMNS);
# the private fields (the notes) only with --include-private. A person's further e-mails,
# phones and web addresses follow in "email 2", "phone 2", "url 2"… columns, as many as the
# person with the most needs.
COLUMNS = tuple(name for name, f in CSV_COLUMNS if not f.private)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """The cell as text, with a leading apostrophe if a spreadsheet would run it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # our own numbers (a balance of -3) are never formulas
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS) else text


def _birthday(person: dict[str, Any]) -> str:
    if not person.get("birth_month"):
        return ""
    md = f"{person['birth_month']:02d}-{person['birth_day']:02d}"
    return f"{person['birth_year']}-{md}" if person.get("birth_year") else md


def _more_points(snap: Snapshot) -> dict[Any, dict[str, list[str]]]:
    """Each person's e-mails, phones and web addresses past the primary one, by kind."""
    more: dict[Any, dict[str, list[str]]] = {}
    for point in snap.tables.get("contact_point", []):
        if not point["is_primary"]:
            mine = more.setdefault(point["person_id"], {})
            mine.setdefault(point["kind"], []).append(point["value"])
    return more


def render(snap: Snapshot, *, today: date | None = None, now: datetime | None = None) -> str:
    """The CSV text (CRLF row ends, as spreadsheets expect); notes only with private data.

    (`today` and `now` are unused: every writer shares one signature.)"""
    more = _more_points(snap)
    extra = [
        f"{column} {n}"
        for kind, column in POINT_COLUMNS.items()
        for n in range(2, 2 + max((len(m.get(kind, [])) for m in more.values()), default=0))
    ]
    columns = [*COLUMNS, *extra, *(PRIVATE if snap.include_private else ())]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for person in snap.tables["person"]:
        values = dict(
            person, birthday=_birthday(person), archived="yes" if person["archived"] else ""
        )
        for kind, found in more.get(person["id"], {}).items():
            column = POINT_COLUMNS[kind]
            values.update({f"{column} {n}": v for n, v in enumerate(found, 2)})
        writer.writerow([neutralise(values.get(c)) for c in columns])
    return out.getvalue()
