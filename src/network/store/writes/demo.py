"""The demo network's file: its mark, the checks before rebuilding it, and its few queries.

`network demo` rebuilds its file from scratch, so it must know a file it built (the mark
in `meta`) from one it did not, and it removes the SQLite companions (-wal, -shm) along
with the file. Everything else the demo writes goes through the ordinary write functions.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from network.store.schema import Entry, Meta, Person

# marks the file as the demo's own, so a later `network demo` may replace it
DEMO_MARK = "demo"


def is_demo_file(path: Path) -> bool:
    """Whether the database at `path` carries the demo's mark (read-only; False if unreadable)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = :k", {"k": DEMO_MARK}).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None


def remove(path: Path) -> None:
    """Delete a database file and its write-ahead log companions."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def has_people(session: Session) -> bool:
    """Whether anyone is in the database already."""
    return bool(session.exec(select(func.count()).select_from(Person)).one())


def mark(session: Session) -> None:
    """Mark the database as the demo's own."""
    session.add(Meta(key=DEMO_MARK, value="1"))


def open_asks(session: Session) -> list[Entry]:
    """Asks still waiting for an answer, oldest first."""
    return list(
        session.exec(select(Entry).where(Entry.status == "open").order_by(Entry.day, Entry.id))
    )
