"""Writing imported contacts: match against everyone in one pass, then bulk inserts.

Everything happens on the caller's session, inside its one transaction (a dry run is
the same work rolled back). Existing people are loaded once into dicts
(`records.Index`); new people go in with a single executemany carrying their final stored
values (someone new has no ledger, so next_due and search_key follow from the row
itself; a second UPDATE would fire the full-text triggers twice per person), updated ones
with another executemany, and `ledger.refresh_people` then recomputes the stored values
`due` and `who-knows` read (next_due, search_key, …) for the updated people only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from network.common.text import fold
from network.domain import cadence
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact
from network.domain.fields import BIRTHDAY as _BIRTH
from network.domain.fields import FILLABLE
from network.store import dialect

# What matching needs (id, name; e-mail, URL, company and uid are fillable too) and filling.
_LOADED = ("id", "name", *FILLABLE, *_BIRTH)


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


def load_people(conn: Any) -> dict[int, dict[str, Any]]:
    """Every person's matchable and fillable columns, by id (one query)."""
    from sqlalchemy import select

    from network.store.schema import Person

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
    """All person columns for someone new (stored values are set by `settle_new` at insert)."""
    from network.store.schema import Person

    row: dict[str, Any] = {c.name: None for c in Person.__table__.columns}
    row.update(values)
    row.update(
        name=contact.name, name_key=fold(contact.name), tie=tie, archived=False, created_on=today
    )
    row.update(balance=0, search_key="")
    return row


def settle_new(row: dict[str, Any]) -> None:
    """The stored values of someone with no ledger yet, as refresh_people would compute them."""
    from network.store.writes.ledger import search_key

    every = cadence.effective_cadence(row["tie"], row.get("cadence_days"))
    row.update(
        name_key=fold(row["name"]),
        last_contact=None,
        balance=0,
        next_due=None if row["archived"] else cadence.next_due(row["created_on"], every),
        search_key=search_key(row),
    )


def import_contacts(
    conn: Any, contacts: list[Contact], *, tie: str, overwrite: bool, today: date
) -> Summary:
    """Create, fill or leave each contact."""
    from sqlalchemy import bindparam, insert, update

    from network.store.schema import Person
    from network.store.writes import ledger

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
            summary.repeated += 1
        elif changes:
            target.update(changes)
            if ident not in changed:
                summary.updated += 1
                summary.updated_names.append(target["name"])
            changed[ident] = target
        elif ident not in changed:
            summary.unchanged += 1
    table = Person.__table__
    if pending:
        # ids given here (the write lock is held), so each row goes in complete
        first = dialect.highest_id(conn, table.name) + 1
        for offset, row in enumerate(pending):
            row["id"] = first + offset
            settle_new(row)  # final values now: one INSERT, no UPDATE afterwards
        conn.execute(insert(table), pending)
        dialect.after_explicit_ids(conn, table.name)
    if changed:
        columns = [*FILLABLE, *_BIRTH]
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({name: bindparam(name) for name in columns})
        )
        conn.execute(
            statement,
            [
                {"_id": pid, **{name: row.get(name) for name in columns}}
                for pid, row in changed.items()
            ],
        )
    if changed:
        ledger.refresh_people(conn, list(changed))
    return summary
