"""Everything `show` tells about one person, as plain data (the CLI renders it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from network.app import reciprocity
from network.common.dates import ago
from network.domain import cadence
from network.domain.fields import PROFILE_FIELDS
from network.store.connection import Reader
from network.store.reads import people as queries

RECENT_ENTRIES = 10


def cadence_status(person: dict[str, Any], today: date) -> str:
    """Words for where someone stands against their cadence."""
    every = cadence.effective_cadence(person["tie"], person["cadence_days"])
    if person["archived"]:
        return "archived"
    if not every or person["next_due"] is None:
        return "no keep-in-touch cadence"
    due_on = person["next_due"]
    if due_on <= today:
        return f"every {every} days: {cadence.due_reason(due_on, today)}"
    return f"every {every} days: next due {ago(due_on, today)} ({due_on.isoformat()})"


def gather(db: Reader, person_id: int, today: date) -> dict[str, Any]:
    """Profile, strengths, balance, cadence status and recent ledger for one person."""
    person = queries.person(db, person_id)
    totals = queries.flow_totals(db, person_id).get(person_id, {})
    birthday = None
    if person["birth_month"]:
        year = person["birth_year"]
        birthday = (
            f"{year:04d}-" if year else "--"
        ) + f"{person['birth_month']:02d}-{person['birth_day']:02d}"
    return {
        **{
            k: person[k]
            for k in (
                "id",
                "name",
                *PROFILE_FIELDS,
                "tie",
                "archived",
                "created_on",
                "last_contact",
                "next_due",
                "balance",
                "nickname",
                "labels",
                "connected_on",
            )
        },
        "cadence_days": cadence.effective_cadence(person["tie"], person["cadence_days"]),
        "own_cadence": person["cadence_days"] is not None,
        "birthday": birthday,
        "status": cadence_status(person, today),
        "last_contact_ago": ago(person["last_contact"], today),
        "deposits": totals.get("deposits", 0),
        "withdrawals": totals.get("withdrawals", 0),
        "entries": totals.get("count", 0),
        "strengths": [
            {"topic": s["topic"], "detail": s["detail"]}
            for s in queries.strengths(db, [person_id]).get(person_id, [])
        ],
        "recent": queries.entries(db, person_id=person_id, limit=RECENT_ENTRIES),
        # signals, waiting asks, what you owe them, whom they know, monthly interactions
        **reciprocity.person_extras(db, person_id, today),
    }
