"""Writes behind the morning list: when you last spoke, snoozes, and spreading an import.

`--last DATE` on add and edit is recorded as what it is — a conversation on that day —
so the one rule that moves someone's next due day (the latest entry that counts, see
ledger.refresh_people) applies to it with no second source of truth. It weighs 0 points:
it says when you spoke, not who gave what.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from network.common.errors import BadInput
from network.domain import cadence
from network.store.writes.ledger import NewEntry, log_entry

LAST_SPOKE = "last spoke (before keeping the ledger)"


def record_last_spoke(session: Session, person_id: int, day: date, now: datetime) -> None:
    """Record that you last spoke with someone on `day` (not in the future)."""
    if day > now.date():
        raise BadInput(
            f"--last {day.isoformat()} is in the future",
            "give the day you last spoke, e.g. --last 2026-10-03 or --last '3 weeks ago'",
        )
    log_entry(
        session,
        person_id,
        NewEntry(summary=LAST_SPOKE, flow="deposit", day=day, kind="note", points=0),
        now,
    )


def snooze(session: Session, person_id: int, until: date | None, today: date) -> str:
    """Keep someone off `due` until a day (None lifts it); returns their name."""
    from network.store.writes.ledger import get

    person = get(session, person_id)
    person.snoozed_until = until
    person.snoozed_on = None if until is None else today
    session.add(person)
    session.flush()
    return person.name


def spread_first_due(conn: Any, today: date, per_day: int) -> int:
    """Spread the first contacts of everyone added today with a rhythm and no contact yet,
    per_day a day from today (in the order they were added); returns how many were spread.

    Run after an import, so a few hundred new people trickle into `due` rather than all
    coming due on the same day a cadence later.
    """
    from sqlalchemy import bindparam, text

    rows = conn.execute(
        text(
            "SELECT id, next_due FROM person WHERE created_on = :today AND archived = FALSE "
            "AND last_contact IS NULL AND first_due IS NULL AND next_due IS NOT NULL "
            "ORDER BY id"
        ),
        {"today": today.isoformat()},
    ).all()
    natural = [date.fromisoformat(str(r[1])[:10]) for r in rows]
    firsts = cadence.spread_first_due(natural, today, per_day)
    if rows:
        conn.execute(
            text("UPDATE person SET first_due = :first WHERE id = :pid").bindparams(
                bindparam("first"), bindparam("pid")
            ),
            [{"first": f, "pid": r[0]} for r, f in zip(rows, firsts, strict=True)],
        )
    return len(rows)
