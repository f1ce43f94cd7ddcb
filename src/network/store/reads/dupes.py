"""The people `dupes` compares: everyone not archived, with the columns identity is judged by."""

from __future__ import annotations

from typing import Any

from network.store.connection import Reader


def people_for_dupes(db: Reader) -> list[dict[str, Any]]:
    """Everyone not archived, with the columns duplicates are judged by (one query)."""
    return db.rows(
        "SELECT id, name, email, url, uid, company, tie FROM person WHERE archived = FALSE ORDER BY id"
    )
