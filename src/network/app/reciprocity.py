"""The give-and-take facts `show`, `people` and `balance` add: signals, waiting asks, owed."""

from __future__ import annotations

from datetime import date
from typing import Any

from network.domain import insights, signals
from network.domain import loops as rules
from network.store.connection import Reader
from network.store.reads import obligations as obligation_queries


def signals_for(
    db: Reader, today: date, person_ids: list[int] | None = None
) -> dict[int, list[dict]]:
    """Signals (name and reason) per person id; people with none are left out."""
    facts = obligation_queries.signal_facts(db, today, person_ids)
    out = {}
    for pid, f in facts.items():
        found = signals.evaluate(f)
        if found:
            out[pid] = [s.as_dict() for s in found]
    return out


# Up to this many people, and a tenth of the network at most, their own ledgers are read
# (by id, 500 at a time); past it one pass over the year's ledger for everyone costs less
# (~0.3 s at 100,000 people, where reading 10,000 by id takes ~0.2 s and 146 take 7 ms; at
# 1,000 people the one pass is quicker than reading almost all of them by id).
FEW = 10_000


def few(db: Reader) -> int:
    """How many people a listing may hold and still have its ledgers read by id."""
    from network.store.reads import people as queries

    return min(FEW, queries.highest_id(db) // 10)


def listing_facts(
    db: Reader,
    today: date,
    ids: list[int] | None,
    *,
    year: dict[int, signals.Facts] | None = None,
    snubs: tuple[dict[int, signals.Facts], list[int]] | None = None,
) -> dict[int, signals.Facts]:
    """Signal facts for a listing: of `ids` only, read by id (a short listing: a tie, a
    topic), or, with None, the listing's road for a long one: the year's ledger once, for
    the few who could earn a signal beyond overdrawn (everyone else's follows from their
    balance), and the long-hand facts of people with very many small asks. Either half of
    the long road (people.year_facts, people.snub_facts) may be given, read elsewhere.
    On the long road a balance may be left at 0: the caller sets it from its own rows."""
    from network.store.reads import people as queries

    if ids is not None:
        return obligation_queries.signal_facts(db, today, ids)
    found, many = queries.snub_facts(db, today) if snubs is None else snubs
    facts = queries.merged(queries.year_facts(db, today) if year is None else year, found)
    if many:
        facts.update(obligation_queries.signal_facts(db, today, many))
    return facts


def listing_signals(db: Reader, people: list[dict[str, Any]], today: date) -> dict[int, list[dict]]:
    """Signals per person of a listing (rows with id and balance); those with none are left
    out. A short listing (a tie, a topic) reads only its people's ledgers; a long one takes
    the listing's road: the year's ledger once, for the few who could earn a signal beyond
    overdrawn, which for everyone else follows from the balance on their row."""
    ids = [p["id"] for p in people] if len(people) <= few(db) else None
    facts = listing_facts(db, today, ids)
    out = {}
    for person in people:
        f = facts.get(person["id"])
        if f is None:
            if person["balance"] >= 0:
                continue
            f = signals.Facts()
        f.balance = person["balance"]  # as the row shows it
        found = signals.evaluate(f)
        if found:
            out[person["id"]] = [s.as_dict() for s in found]
    return out


def short(items: list[dict]) -> str:
    """Signal names for a table cell: 'overdrawn, leaning'."""
    return ", ".join(s["signal"].replace("_", "-") for s in items)


def _pick(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: row[key] for key in keys}


def person_extras(db: Reader, person_id: int, today: date) -> dict[str, Any]:
    """What `show` adds: signals, open and waiting asks, what you owe, links, a monthly chart."""
    asks = [
        _pick(rules.ask_row(a, today), "id", "day", "summary", "state", "days_open")
        for a in obligation_queries.asks(db, open_only=True, person_id=person_id)
    ]
    owed = [
        _pick(rules.obligation_row(o, today), "id", "kind", "due_on", "action", "state")
        for o in obligation_queries.obligations(db, person_id=person_id)
    ]
    counts = obligation_queries.monthly_counts(db, person_id, insights.months_start(today))
    months = insights.last_months(today)
    via = obligation_queries.introducer(db, person_id)
    return {
        "signals": signals_for(db, today, [person_id]).get(person_id, []),
        "open_asks": asks,
        "waiting": [a for a in asks if a["state"] == "waiting"],
        "owed": owed,
        "introduced_by": via,
        "knows_people": [
            {"id": r["id"], "name": r["name"]} for r in obligation_queries.links_of(db, person_id)
        ],
        "monthly": [{"month": m, "count": counts.get(m, 0)} for m in months],
    }
