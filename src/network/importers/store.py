"""Writing imported contacts: match against everyone in one pass, then bulk inserts.

Everything happens on the caller's session, inside its one transaction. Existing
people are loaded once into dicts (`records.Index`); new people go in with a single
executemany, updated ones with another, and the stored values `due` and `who-knows`
read (next_due, balance, search_key, …) are computed here for them in Python, since a
new person has no ledger yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from network import cadence
from network.importers import records
from network.importers.records import Bad, Contact
from network.text import fold

_BIRTH = ("birth_year", "birth_month", "birth_day")
_LOADED = ("id", "name", "company", "email", "url", *records.FILLABLE, *_BIRTH)


@dataclass
class Summary:
    """What an import did (or would do, with --dry-run)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    repeated: int = 0  # rows that were the same person as an earlier row of the file
    same_name: int = 0  # created people whose name someone else already has
    skipped: list[Bad] = field(default_factory=list)
    updated_names: list[str] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)  # rows added per table (json)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for --json."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "repeated": self.repeated,
            "same_name": self.same_name,
            "skipped": [{"where": b.where, "reason": b.reason} for b in self.skipped],
            "updated_names": self.updated_names,
            **({"rows": self.tables} if self.tables else {}),
        }


def load_people(conn: Any) -> dict[int, dict[str, Any]]:
    """Every person's matchable and fillable columns, by id (one query)."""
    from sqlalchemy import select

    from network.models import Person

    table = Person.__table__
    rows = conn.execute(select(*[table.c[name] for name in _LOADED]).order_by(table.c.id))
    return {row.id: dict(row._mapping) for row in rows}


def index_people(people: dict[int, dict[str, Any]]) -> records.Index:
    """An Index over existing people, keyed ("old", id)."""
    index = records.Index()
    for pid, row in people.items():
        index.add(
            ("old", pid),
            name=row["name"],
            emails=[row["email"] or ""],
            urls=[row["url"] or ""],
            company=row["company"],
            uid=row["uid"],
        )
    return index


def new_person_row(
    contact: Contact, values: dict[str, Any], tie: str, today: date
) -> dict[str, Any]:
    """All person columns for someone new, stored values included."""
    from network.models import Person

    row: dict[str, Any] = {c.name: None for c in Person.__table__.columns if c.name != "id"}
    row.update(values)
    row.update(
        name=contact.name,
        name_key=fold(contact.name),
        tie=tie,
        archived=False,
        created_on=today,
        balance=0,
        last_contact=None,
        next_due=cadence.next_due(today, cadence.effective_cadence(tie, None)),
        search_key=records.search_key_of(values),
    )
    return row


def import_contacts(
    conn: Any, contacts: list[Contact], *, tie: str, overwrite: bool, today: date, write: bool
) -> Summary:
    """Create, fill or leave each contact; with write=False nothing is written."""
    from sqlalchemy import bindparam, insert, update

    from network.models import Person

    summary = Summary()
    people = load_people(conn)
    index = index_people(people)
    names_before = set(index.names)
    pending: list[dict[str, Any]] = []
    changed: dict[int, dict[str, Any]] = {}
    for contact in contacts:
        values = contact.values()
        key = index.find(contact)
        if key is None:
            if fold(contact.name) in names_before:
                summary.same_name += 1
            index.add(
                ("new", len(pending)),
                name=contact.name,
                emails=contact.emails,
                urls=contact.urls,
                company=contact.company,
                uid=contact.uid,
            )
            pending.append(new_person_row(contact, values, tie, today))
            summary.created += 1
            continue
        kind, ident = key
        target = pending[ident] if kind == "new" else people[ident]
        changes = records.fill(target, values, overwrite=overwrite and kind == "old")
        index.add(
            key,
            name=target["name"],
            emails=contact.emails,
            urls=contact.urls,
            company=target.get("company"),
            uid=contact.uid,
        )
        if kind == "new":
            target.update(changes)
            target["search_key"] = records.search_key_of(target)
            summary.repeated += 1
        elif changes:
            target.update(changes)
            if ident not in changed:
                summary.updated += 1
                summary.updated_names.append(target["name"])
            changed[ident] = target
        elif ident not in changed:
            summary.unchanged += 1
    if not write:
        return summary
    table = Person.__table__
    if pending:
        conn.execute(insert(table), pending)
    if changed:
        columns = [*records.FILLABLE, *_BIRTH, "search_key"]
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({name: bindparam(name) for name in columns})
        )
        rows = []
        for pid, row in changed.items():
            values = {name: row.get(name) for name in columns if name != "search_key"}
            values["search_key"] = records.search_key_of(row)
            values["_id"] = pid
            rows.append(values)
        conn.execute(statement, rows)
    return summary


def refresh_people(conn: Any, person_ids: list[int]) -> None:
    """Recompute the stored values of many people at once (see ledger.refresh for one)."""
    from sqlalchemy import bindparam, case, func, select, update

    from network.models import Entry, Person

    person, entry = Person.__table__, Entry.__table__
    signed = case((entry.c.flow == "deposit", entry.c.points), else_=-entry.c.points)
    rows = []
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        people = conn.execute(select(person).where(person.c.id.in_(chunk))).mappings().all()
        totals = {
            r.person_id: r
            for r in conn.execute(
                select(
                    entry.c.person_id,
                    func.max(entry.c.day).label("last_any"),
                    func.max(case((entry.c.is_group == False, entry.c.day))).label("last_solo"),  # noqa: E712
                    func.sum(signed).label("balance"),
                )
                .where(entry.c.person_id.in_(chunk))
                .group_by(entry.c.person_id)
            )
        }
        for p in people:
            t = totals.get(p["id"])
            last = None
            if t is not None:
                last = t.last_solo if p["tie"] == "close" else t.last_any
            if isinstance(last, str):  # max() over a CASE loses the column's date type
                last = date.fromisoformat(last)
            every = cadence.effective_cadence(p["tie"], p["cadence_days"])
            rows.append(
                {
                    "_id": p["id"],
                    "name_key": fold(p["name"]),
                    "last_contact": last,
                    "balance": int(t.balance or 0) if t is not None else 0,
                    "next_due": None
                    if p["archived"]
                    else cadence.next_due(last or p["created_on"], every),
                    "search_key": records.search_key_of(dict(p)),
                }
            )
    if rows:
        statement = (
            update(person)
            .where(person.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in rows[0] if k != "_id"})
        )
        conn.execute(statement, rows)
