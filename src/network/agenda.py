"""The morning agenda behind `network due`: birthdays, then overdue contacts, each with a suggestion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from network import cadence, queries
from network.dates import ago
from network.db import Reader


@dataclass
class Agenda:
    """What `due` shows, and how many overdue contacts the budget left out."""

    items: list[dict[str, Any]] = field(default_factory=list)
    more: int = 0


def _item(person: dict[str, Any], today: date) -> dict[str, Any]:
    return {
        "id": person["id"],
        "name": person["name"],
        "tie": person["tie"],
        "reasons": [],
        "kinds": [],
        "last_contact": person["last_contact"],
        "last_contact_ago": ago(person["last_contact"], today),
        "next_due": person["next_due"],
        "balance": person["balance"],
        "prefers": person["prefers"],
        "birthday": None,
        "suggestion": "",
    }


def build(db: Reader, today: date, budget: int | None) -> Agenda:
    """Birthdays within the window always show; overdue contacts fill the daily budget."""
    items: dict[int, dict[str, Any]] = {}
    for person in sorted(
        queries.birthdays(db, today),
        key=lambda p: cadence.birthday_soon(p["birth_month"], p["birth_day"], today) or today,
    ):
        on = cadence.birthday_soon(person["birth_month"], person["birth_day"], today)
        if on is None:
            continue
        item = items.setdefault(person["id"], _item(person, today))
        item["reasons"].append(cadence.birthday_reason(on, today))
        item["kinds"].append("birthday")
        item["birthday"] = on

    contacts, total = queries.due_contacts(db, today, None if budget is None else budget + len(items))
    shown_contacts = 0
    for person in contacts:
        if budget is not None and shown_contacts >= budget and person["id"] not in items:
            continue
        item = items.get(person["id"])
        if item is None:
            item = items[person["id"]] = _item(person, today)
        item["reasons"].append(cadence.due_reason(person["next_due"], today))
        item["kinds"].append("overdue")
        shown_contacts += 1

    topics = queries.strengths(db, list(items)) if items else {}
    for pid, item in items.items():
        item["suggestion"] = cadence.suggestion(
            topics=[s["topic"] for s in topics.get(pid, [])],
            tie=item["tie"],
            balance=item["balance"],
            birthday="birthday" in item["kinds"],
            today=today,
        )
    return Agenda(items=list(items.values()), more=max(0, total - shown_contacts))
