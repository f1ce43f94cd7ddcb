"""The morning agenda behind `network due`: obligations, birthdays, then overdue contacts.

Order: overdue promises, owed thank-yous, close-the-loop and intro follow-ups, promises
due soon (see obligation_rules.DUE_RANK), birthdays, overdue contacts. Obligations and
birthdays always show; the daily budget applies to overdue contacts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from network.common.dates import ago
from network.domain import cadence
from network.domain import loops as rules
from network.store.connection import Reader
from network.store.reads import obligations as obligation_queries
from network.store.reads import people as queries


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


def _obligations(db: Reader, today: date) -> list[dict[str, Any]]:
    """One row per open obligation due today, each naming the action."""
    rows = []
    for o in obligation_queries.due_obligations(db, today, rules.PROMISE_SOON_DAYS):
        kind = rules.promise_kind(o["due_on"], today) if o["kind"] == "promise" else o["kind"]
        if kind is None:
            continue
        action = rules.action(o["kind"], o["name"], o["summary"], o["other"], o["due_on"], today)
        item = _item({**o, "id": o["person_id"]}, today)
        closing = f'network thank "{o["name"]}"' if kind == "thanks" else f"network done {o['id']}"
        item.update(
            reasons=[action],
            kinds=[kind],
            kind=kind,
            obligation_id=o["id"],
            action=action,
            due_on=o["due_on"],
            suggestion=closing,
        )
        rows.append((rules.sort_key(kind, o["due_on"], o["created_on"]), item))
    return [item for _, item in sorted(rows, key=lambda pair: pair[0])]


def build(db: Reader, today: date, budget: int | None) -> Agenda:
    """Obligations and birthdays always show; overdue contacts fill the daily budget."""
    owed = _obligations(db, today)
    items: dict[int, dict[str, Any]] = {}
    shown_contacts = 0  # due contacts on the list, with or without a birthday
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
        # due as well: say so on the same row, wherever they rank among the due contacts
        if person["next_due"] is not None and person["next_due"] <= today:
            item["reasons"].append(cadence.due_reason(person["next_due"], today))
            item["kinds"].append("overdue")
            shown_contacts += 1

    contacts, total = queries.due_contacts(
        db, today, None if budget is None else budget + len(items)
    )
    budget_used = 0
    for person in contacts:
        if person["id"] in items:
            continue  # shown with their birthday, outside the budget
        if budget is not None and budget_used >= budget:
            break
        item = items[person["id"]] = _item(person, today)
        item["reasons"].append(cadence.due_reason(person["next_due"], today))
        item["kinds"].append("overdue")
        budget_used += 1
        shown_contacts += 1

    topics = queries.strengths(db, list(items)) if items else {}
    for pid, item in items.items():
        item["kind"] = item["kinds"][0]
        item["suggestion"] = cadence.suggestion(
            topics=[s["topic"] for s in topics.get(pid, [])],
            tie=item["tie"],
            balance=item["balance"],
            birthday="birthday" in item["kinds"],
            today=today,
        )
    return Agenda(items=owed + list(items.values()), more=max(0, total - shown_contacts))
