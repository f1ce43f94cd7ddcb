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

from network.domain.fields import PRIVATE
from network.domain.snapshot import Snapshot

# The spreadsheet's columns, in the order a person scans them; the private fields
# (domain.fields.PRIVATE: the notes) follow with --include-private.
COLUMNS = (
    "name",
    "tie",
    "company",
    "title",
    "email",
    "phone",
    "location",
    "url",
    "labels",
    "last_contact",
    "balance",
    "next_due",
    "cadence_days",
    "birthday",
    "connected_on",
    "archived",
)
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


def render(snap: Snapshot, *, today: date | None = None, now: datetime | None = None) -> str:
    """The CSV text (CRLF row ends, as spreadsheets expect); notes only with private data.

    (`today` and `now` are unused: every writer shares one signature.)"""
    columns = [*COLUMNS, *PRIVATE] if snap.include_private else list(COLUMNS)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for person in snap.tables["person"]:
        values = dict(
            person, birthday=_birthday(person), archived="yes" if person["archived"] else ""
        )
        writer.writerow([neutralise(values.get(c)) for c in columns])
    return out.getvalue()
