"""Writing what capture found: entries, review-queue items, seen keys, links, ignores.

Bulk inserts (one executemany per table) on the caller's session and transaction, so a
capture of a ten-year mailbox is one transaction and one undo step. Entries from capture
weigh 0 points: they say you were in touch (last contact, cadence), not that you gave.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from network.store import undo
from network.store.schema import Entry, Link, capture_ignored, capture_item, capture_seen

# every write session commits its changes as one undo step (as store/writes/ledger does)
undo.listen()
CAPTURE_POINTS = 0


def add_seen(session: Any, source: str, refs: list[tuple[str, date]]) -> None:
    """Remember keys as read (so a second run skips them)."""
    if refs:
        session.connection().execute(
            capture_seen.insert(),
            [{"source": source, "ref": ref[:1000], "day": day} for ref, day in refs],
        )


def add_entries(session: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Ledger entries from capture (person_id, day, at, kind, summary, is_group); the
    people touched, whose stored values the caller then refreshes."""
    if not rows:
        return []
    stamp = datetime.now(UTC)
    session.connection().execute(
        Entry.__table__.insert(),
        [
            {
                "person_id": r["person_id"],
                "day": r["day"],
                "at": r["at"],
                "kind": r["kind"],
                "flow": "deposit",
                "points": CAPTURE_POINTS,
                "summary": r["summary"][:1000],
                "is_group": bool(r["is_group"]),
                "private": False,
                "created_at": stamp,
                "status": None,
                "answered_on": None,
                "answer_note": None,
                "received": False,
            }
            for r in rows
        ],
    )
    return sorted({r["person_id"] for r in rows})


def refresh(session: Any, person_ids: list[int]) -> None:
    """Recompute last contact, balance and next due of the people given."""
    from network.store.writes.ledger import refresh_people

    if person_ids:
        refresh_people(session.connection(), person_ids)


def add_items(session: Any, rows: list[dict[str, Any]]) -> None:
    """Items for the review queue."""
    if rows:
        session.connection().execute(capture_item.insert(), rows)


def drop_items(session: Any, address: str) -> int:
    """Remove an address's queued items; how many there were."""
    table = capture_item
    return session.connection().execute(table.delete().where(table.c.address == address)).rowcount


def ignore(session: Any, address: str, today: date) -> bool:
    """Set an address aside for good; False when it already was."""
    from sqlalchemy import select

    table = capture_ignored
    conn = session.connection()
    if conn.execute(select(table.c.id).where(table.c.address == address)).first() is not None:
        return False
    conn.execute(table.insert(), [{"address": address, "created_on": today}])
    return True


def add_links(session: Any, pairs: list[tuple[int, int, str, date]]) -> int:
    """Links between people met together (a, b, context, day), where there is none yet;
    an existing link keeps its own words. How many were added."""
    from sqlalchemy import select

    table = Link.__table__
    conn = session.connection()
    ids = sorted({p for a, b, _, _ in pairs for p in (a, b)})
    done: set[tuple[int, int]] = set()
    for start in range(0, len(ids), 500):  # the links these people have already, at once
        part = ids[start : start + 500]
        query = select(table.c.a_id, table.c.b_id).where(table.c.a_id.in_(part))
        done.update((a, b) for a, b in conn.execute(query))
    rows = []
    for a, b, context, day in pairs:
        low, high = min(a, b), max(a, b)
        if low == high or (low, high) in done:
            continue
        done.add((low, high))
        rows.append({"a_id": low, "b_id": high, "context": context[:500], "created_on": day})
    if rows:
        conn.execute(table.insert(), rows)
    return len(rows)
