"""Writes behind the morning list: when you last spoke, before the ledger began.

`--last DATE` on add and edit is recorded as what it is — a conversation on that day —
so the one rule that moves someone's next due day (the latest entry that counts, see
ledger.refresh_people) applies to it with no second source of truth. It weighs 0 points:
it says when you spoke, not who gave what.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from network.common.errors import BadInput
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
