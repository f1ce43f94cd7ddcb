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
# person with the most needs; a point's label (work, home, mobile) goes in an "email label",
# "phone 2 label"… column beside it, where some person has one.
COLUMNS = tuple(name for name, f in CSV_COLUMNS if not f.private)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """The cell as text, with a leading apostrophe if a spreadsheet would run it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # our own numbers (a balance of -3) are never formulas
    text = "" if value is None else str(value)
    return "'" + text if _marked(text) else text


def _marked(text: str) -> bool:
    """A cell that gets the apostrophe: one a spreadsheet would run, and one that already
    starts with an apostrophe before such a cell ("'=x"), which `restore` would otherwise
    take for one of ours: the export read back is then the value as stored."""
    return text.startswith(DANGEROUS) or (text[:1] == "'" and _marked(text[1:]))


def _birthday(person: dict[str, Any]) -> str:
    if not person.get("birth_month"):
        return ""
    md = f"{person['birth_month']:02d}-{person['birth_day']:02d}"
    return f"{person['birth_year']}-{md}" if person.get("birth_year") else md


def restore(cell: str) -> str:
    """A cell of our own export as it was before `neutralise`: the apostrophe before a
    leading = + - @ tab or CR taken off again (import csv reads the export back)."""
    return cell[1:] if cell[:1] == "'" and _marked(cell[1:]) else cell


def _points(snap: Snapshot) -> tuple[dict[Any, dict[str, list[tuple[str, str]]]], set[str]]:
    """Each person's e-mails, phones and web addresses past the primary one, by kind, with
    their labels ("" for none); and the point columns some label is found for ("email",
    "phone 2"…), which get a label column beside them."""
    more: dict[Any, dict[str, list[tuple[str, str]]]] = {}
    labelled: set[str] = set()
    for point in snap.tables.get("contact_point", []):
        column = POINT_COLUMNS[point["kind"]]
        label = point.get("label") or ""
        if point["is_primary"]:
            if label:
                labelled.add(column)
            continue
        mine = more.setdefault(point["person_id"], {}).setdefault(point["kind"], [])
        mine.append((point["value"], label))
        if label:
            labelled.add(f"{column} {len(mine) + 1}")
    return more, labelled


def _primary_labels(snap: Snapshot) -> dict[tuple[Any, str], str]:
    """The label of each person's primary point of each kind, when it has one."""
    return {
        (p["person_id"], POINT_COLUMNS[p["kind"]]): p["label"]
        for p in snap.tables.get("contact_point", [])
        if p["is_primary"] and p.get("label")
    }


def render(snap: Snapshot, *, today: date | None = None, now: datetime | None = None) -> str:
    """The CSV text (CRLF row ends, as spreadsheets expect); notes only with private data.

    (`today` and `now` are unused: every writer shares one signature.)"""
    more, labelled = _points(snap)
    primary_labels = _primary_labels(snap)
    extra: list[str] = [f"{c} label" for c in POINT_COLUMNS.values() if c in labelled]
    for kind, column in POINT_COLUMNS.items():
        most = max((len(m.get(kind, [])) for m in more.values()), default=0)
        for n in range(2, 2 + most):
            extra.append(f"{column} {n}")
            if f"{column} {n}" in labelled:
                extra.append(f"{column} {n} label")
    columns = [*COLUMNS, *extra, *(PRIVATE if snap.include_private else ())]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for person in snap.tables["person"]:
        values = dict(
            person, birthday=_birthday(person), archived="yes" if person["archived"] else ""
        )
        for column in POINT_COLUMNS.values():
            values[f"{column} label"] = primary_labels.get((person["id"], column))
        for kind, found in more.get(person["id"], {}).items():
            column = POINT_COLUMNS[kind]
            for n, (value, label) in enumerate(found, 2):
                values[f"{column} {n}"] = value
                values[f"{column} {n} label"] = label
        writer.writerow([neutralise(values.get(c)) for c in columns])
    return out.getvalue()
