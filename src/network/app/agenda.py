"""The morning agenda behind `network due`: obligations, birthdays, then overdue contacts.

Order: overdue promises, owed thank-yous, close-the-loop and intro follow-ups, promises
due soon (see domain.loops.DUE_RANK), birthdays, overdue contacts. Obligations and
birthdays always show; the daily budget applies to overdue contacts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from network.app.results import Result, doc
from network.common.dates import ago
from network.domain import cadence
from network.domain import loops as rules
from network.store import connection as db
from network.store.connection import Reader
from network.store.reads import obligations as obligation_queries
from network.store.reads import people as queries


@dataclass
class AgendaItem(Result):
    """One row of the agenda: an open obligation, a coming birthday or an overdue contact.

    The obligation fields (obligation_id, action, due_on) appear on obligation rows only.
    """

    # keys left out of the JSON when null: a birthday or overdue contact's row has none
    OPTIONAL_KEYS: ClassVar[tuple[str, ...]] = ("obligation_id", "action", "due_on")

    id: int = doc("the person's id")
    name: str = doc("the person's name")
    tie: str = doc("close, casual or roster")
    reasons: list[str] = doc('the words shown in the "why" column, e.g. "overdue 12 days"')
    kinds: list[str] = doc("one machine-readable kind per reason (birthday, overdue, …)")
    last_contact: date | None = doc("the day of the last contact that counts, or null")
    last_contact_ago: str = doc('the last contact in words: "3 weeks ago", "never"')
    next_due: date | None = doc("when they are next due, or null")
    balance: int = doc("deposits minus withdrawals, in points")
    prefers: str | None = doc("how they like to be reached, or null")
    birthday: date | None = doc("the coming birthday if it is within the window, else null")
    suggestion: str = doc("the deposit to make, or for an obligation the command that closes it")
    kind: str = doc(
        "the row's kind: promise_overdue, thanks, loop, followup, promise_soon, birthday "
        "or overdue (the first of kinds)"
    )
    obligation_id: int | None = doc("obligation rows only: the obligation's id", default=None)
    action: str | None = doc("obligation rows only: the action, as shown", default=None)
    due_on: date | None = doc("obligation rows only: when it is due", default=None)

    def to_json(self) -> Any:
        """Every field, except the obligation fields on a row that is not an obligation."""
        data = super().to_json()
        if self.obligation_id is None:
            for key in self.OPTIONAL_KEYS:
                data.pop(key, None)
        return data


@dataclass
class Agenda(Result):
    """Whom to contact today, and with what (`network due`)."""

    date: date = doc("the day the agenda is for")
    items: list[AgendaItem] = doc("the rows, in display order")
    more: int = doc("overdue contacts left out by the daily budget (0 with --all)")


def agenda(db_path: Path, today: date, budget: int | None) -> Agenda:
    """The agenda for `today` from the database at `db_path` (budget None: everyone due)."""
    with db.reading(db_path) as reader:
        return build(reader, today, budget)


def _item(person: dict[str, Any], today: date) -> AgendaItem:
    return AgendaItem(
        id=person["id"],
        name=person["name"],
        tie=person["tie"],
        reasons=[],
        kinds=[],
        last_contact=person["last_contact"],
        last_contact_ago=ago(person["last_contact"], today),
        next_due=person["next_due"],
        balance=person["balance"],
        prefers=person["prefers"],
        birthday=None,
        suggestion="",
        kind="",
    )


def _obligations(reader: Reader, today: date) -> list[AgendaItem]:
    """One row per open obligation due today, each naming the action."""
    rows = []
    for o in obligation_queries.due_obligations(reader, today, rules.PROMISE_SOON_DAYS):
        kind = rules.promise_kind(o["due_on"], today) if o["kind"] == "promise" else o["kind"]
        if kind is None:
            continue
        action = rules.action(o["kind"], o["name"], o["summary"], o["other"], o["due_on"], today)
        item = _item({**o, "id": o["person_id"]}, today)
        item.reasons = [action]
        item.kinds = [kind]
        item.kind = kind
        item.obligation_id = o["id"]
        item.action = action
        item.due_on = o["due_on"]
        item.suggestion = (
            f'network thank "{o["name"]}"' if kind == "thanks" else f"network done {o['id']}"
        )
        rows.append((rules.sort_key(kind, o["due_on"], o["created_on"]), item))
    return [item for _, item in sorted(rows, key=lambda pair: pair[0])]


def build(reader: Reader, today: date, budget: int | None) -> Agenda:
    """Obligations and birthdays always show; overdue contacts fill the daily budget."""
    owed = _obligations(reader, today)
    items: dict[int, AgendaItem] = {}
    shown_contacts = 0  # due contacts on the list, with or without a birthday
    for person in sorted(
        queries.birthdays(reader, today),
        key=lambda p: cadence.birthday_soon(p["birth_month"], p["birth_day"], today) or today,
    ):
        on = cadence.birthday_soon(person["birth_month"], person["birth_day"], today)
        if on is None:
            continue
        item = items.setdefault(person["id"], _item(person, today))
        item.reasons.append(cadence.birthday_reason(on, today))
        item.kinds.append("birthday")
        item.birthday = on
        # due as well: say so on the same row, wherever they rank among the due contacts
        if person["next_due"] is not None and person["next_due"] <= today:
            item.reasons.append(cadence.due_reason(person["next_due"], today))
            item.kinds.append("overdue")
            shown_contacts += 1

    contacts, total = queries.due_contacts(
        reader, today, None if budget is None else budget + len(items)
    )
    budget_used = 0
    for person in contacts:
        if person["id"] in items:
            continue  # shown with their birthday, outside the budget
        if budget is not None and budget_used >= budget:
            break
        item = items[person["id"]] = _item(person, today)
        item.reasons.append(cadence.due_reason(person["next_due"], today))
        item.kinds.append("overdue")
        budget_used += 1
        shown_contacts += 1

    topics = queries.strengths(reader, list(items)) if items else {}
    for pid, item in items.items():
        item.kind = item.kinds[0]
        item.suggestion = cadence.suggestion(
            topics=[s["topic"] for s in topics.get(pid, [])],
            tie=item.tie,
            balance=item.balance,
            birthday="birthday" in item.kinds,
            today=today,
        )
    return Agenda(
        date=today, items=owed + list(items.values()), more=max(0, total - shown_contacts)
    )
