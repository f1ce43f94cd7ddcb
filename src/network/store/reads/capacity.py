"""Read-side SQL behind the capacity figures of `stats`: how much the rhythms ask for."""

from __future__ import annotations

from network.domain.cadence import TIE_CADENCE
from network.store.connection import Reader
from network.store.reads.people import CADENCE_SQL


def contacts_per_week(db: Reader) -> float:
    """Contacts a week everyone on a rhythm asks for (7 / their cadence, summed), through
    ix_person_due (everyone on a rhythm has a next due day)."""
    row = db.one(
        f"SELECT sum(7.0 / {CADENCE_SQL}) AS per_week FROM person "
        f"WHERE archived = FALSE AND next_due IS NOT NULL AND {CADENCE_SQL} > 0",
        {"close": TIE_CADENCE["close"], "casual": TIE_CADENCE["casual"]},
    )
    return float(row["per_week"] or 0) if row else 0.0
