"""Who has an e-mail address (provisional: the person's one `email` column)."""

from __future__ import annotations

from collections.abc import Iterable

from network.store.connection import Reader

_CHUNK = 500


def people_by_email(db: Reader, emails: Iterable[str]) -> dict[str, list[int]]:
    """Addresses that matched (lower-cased, stripped) and the ids of the people with each."""
    wanted = sorted({e.strip().lower() for e in emails if e and e.strip()})
    found: dict[str, list[int]] = {}
    for start in range(0, len(wanted), _CHUNK):
        part = wanted[start : start + _CHUNK]
        marks = ", ".join(f":e{i}" for i in range(len(part)))
        rows = db.rows(
            f"SELECT lower(trim(email)) AS address, id FROM person "
            f"WHERE email IS NOT NULL AND lower(trim(email)) IN ({marks}) ORDER BY id",
            {f"e{i}": value for i, value in enumerate(part)},
        )
        for row in rows:
            found.setdefault(row["address"], []).append(row["id"])
    return found
