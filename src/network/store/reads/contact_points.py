"""Reading contact points: who has an address, and every way to reach one person."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from network.store.connection import Reader

CHUNK = 500  # addresses per IN (…): under SQLite's bound-parameter limit on old builds


def people_by_email(db: Reader, emails: Iterable[str]) -> dict[str, list[int]]:
    """The people having each address as any of their e-mails, archived or not.

    Keys are the addresses asked for that match, lower-cased and stripped; values the
    people's ids, in id order. One indexed look-up per chunk of addresses
    (contact_point's (kind, value_key) index), so thousands of addresses stay fast."""
    keys = sorted({e.strip().lower() for e in emails if e and e.strip()})
    found: dict[str, list[int]] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        names = {f"e{n}": key for n, key in enumerate(chunk)}
        rows = db.rows(
            "SELECT value_key, person_id FROM contact_point WHERE kind = 'email' "
            f"AND value_key IN ({', '.join(':' + n for n in names)}) "
            "ORDER BY value_key, person_id",
            names,
        )
        for row in rows:
            found.setdefault(row["value_key"], []).append(row["person_id"])
    return found


def points_of(db: Reader, person_id: int) -> list[dict[str, Any]]:
    """Every contact point of one person: by kind (e-mail, phone, web), the primary first."""
    return db.rows(
        "SELECT kind, value, label, is_primary FROM contact_point WHERE person_id = :id "
        "ORDER BY CASE kind WHEN 'email' THEN 0 WHEN 'phone' THEN 1 ELSE 2 END, "
        "is_primary DESC, id",
        {"id": person_id},
    )
