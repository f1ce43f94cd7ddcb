"""TAB completion's reads: who and what the word being typed could be.

Only the standard library's sqlite3 is used (store/reads/completion.py); a PostgreSQL
database completes nothing rather than pay for its driver on every TAB.
"""

from __future__ import annotations

from pathlib import Path

from network.domain.names import Choice


def _file(db: object) -> Path | None:
    return db if isinstance(db, Path) else None


def people(db: object, incomplete: str) -> list[Choice]:
    """The people `incomplete` could be the start (or a misspelling) of, likeliest first."""
    from network.store.reads import completion

    path = _file(db)
    return completion.people(path, incomplete) if path else []


def open_asks(db: object) -> list[tuple[int, str, str]]:
    """(id, person, summary) of the asks waiting for an answer."""
    from network.store.reads import completion

    path = _file(db)
    return completion.open_asks(path) if path else []


def open_obligations(db: object) -> list[tuple[int, str, str, str]]:
    """(id, kind, person, summary) of what is still owed."""
    from network.store.reads import completion

    path = _file(db)
    return completion.open_obligations(path) if path else []
