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

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from network.common.text import fold
from network.domain import cadence
from network.domain import contacts as records
from network.domain.contacts import Bad, Contact
from network.domain.fields import BIRTHDAY as _BIRTH
from network.domain.fields import FILLABLE
from network.store import dialect
from network.store.dialect import sqlite
from network.store.writes import contact_points as points

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


def index_people(
    people: dict[int, dict[str, Any]], points: dict[int, dict[str, list[str]]] | None = None
) -> records.Index:
    """An Index over existing people, keyed ("old", id), by every e-mail and URL they have
    (`points`: contact_points.values_by_person) as well as their columns."""
    index = records.Index()
    points = points or {}
    for pid, row in people.items():
        mine = points.get(pid, {})
        index.add(
            ("old", pid),
            name=row["name"],
            emails=[row["email"] or "", *mine.get("email", ())],
            urls=[row["url"] or "", *mine.get("url", ())],
            company=row["company"],
            uid=row["uid"],
        )
    return index


@lru_cache(maxsize=1)
def _person_columns() -> tuple[str, ...]:
    from network.store.schema import Person

    return tuple(c.name for c in Person.__table__.columns)


@lru_cache(maxsize=65536)
def _search_key(
    company: str | None, title: str | None, location: str | None, notes: str | None
) -> str:
    """ledger.search_key, remembered: an import repeats the same companies and titles."""
    from network.store.writes.ledger import search_key

    return search_key({"company": company, "title": title, "location": location, "notes": notes})


# A new person's row: what it takes from its contact, then what every new row shares.
_OWN = ("id", "name", "name_key", *records.VALUE_COLUMNS, "search_key")
_SHARED = ("tie", "archived", "created_on", "balance", "next_due")


@dataclass
class NewRows:
    """The complete rows of new people, as tuples in `columns` order (every other person
    column is NULL: last_contact, cadence_days, via_id, …)."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        """The rows as {column: value} over every person column (for SQLAlchemy)."""
        base: dict[str, Any] = dict.fromkeys(_person_columns())
        return [{**base, **dict(zip(self.columns, row, strict=True))} for row in self.rows]


def new_rows(fresh: list[Contact], tie: str, today: date, first_id: int) -> NewRows:
    """The complete person rows of new people, ids from `first_id` on, with the stored
    values `ledger.refresh_people` would compute for someone with no ledger yet (next_due,
    search_key, …); what every row shares (the tie, the day added and so the first due
    day) is worked out once and appended to each row."""
    every = cadence.effective_cadence(tie, None)  # an import gives no cadence of its own
    shared = (tie, False, today, 0, cadence.next_due(today, every))
    fold, key = records.fold, _search_key
    rows: list[tuple[Any, ...]] = []
    add = rows.append
    for pid, contact in enumerate(fresh, first_id):
        v = contact.value_tuple()
        name = contact.name
        # company, title, location and notes: VALUE_COLUMNS 2, 3, 4 and 6
        add((pid, name, fold(name), *v, key(v[2], v[3], v[4], v[6]), *shared))
    return NewRows(_OWN + _SHARED, rows)


@lru_cache(maxsize=4096)
def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _insert_people(conn: Any, new: NewRows) -> None:
    """One executemany of complete person rows, straight to the driver.

    The values are already final (no defaults, no processing), so SQLAlchemy's per-row
    parameter handling, a second the 30,000 rows of a full LinkedIn export, is skipped;
    dates go in as the ISO text the Date columns store. The rows are turned into columns
    and back (C loops, not Python ones) to convert the dates column by column and leave
    out the columns no row fills: NULL anyway, and binding them 30,000 times was a third
    of the insert (no person column has a default)."""
    if conn.dialect.paramstyle != "qmark":  # another driver: let SQLAlchemy render its own
        from sqlalchemy import insert

        from network.store.schema import Person

        conn.execute(insert(Person.__table__), new.dicts())
        return
    quote = conn.dialect.identifier_preparer.quote
    kept: list[str] = []
    values: list[tuple[Any, ...]] = []
    for column, cells in zip(new.columns, zip(*new.rows, strict=True), strict=True):
        if cells.count(None) == len(cells):
            continue
        kept.append(column)
        values.append(tuple(map(_iso, cells)) if column in _DATES else cells)
    marks = ", ".join(["?"] * len(kept))
    sql = f"INSERT INTO person ({', '.join(quote(c) for c in kept)}) VALUES ({marks})"
    with _bulk(conn, "person", len(new.rows)):
        conn.exec_driver_sql(sql, list(zip(*values, strict=True)))


@contextmanager
def _bulk(conn: Any, table: str, count: int) -> Iterator[None]:
    """A large insert into `table` with its per-row insert triggers off (SQLite).

    The full-text index (person) and the undo log are then filled in one statement each,
    with exactly what the triggers would have written: twice as fast for a large import
    as a trigger firing per row. When the rows coming outnumber those there (a first
    import), the table's own indexes are dropped too and built again afterwards, in one
    sorted pass each rather than 30,000 insertions into seven b-trees. Triggers and indexes
    are put back as they were (the same SQL), in the same transaction, so a crash or an
    error undoes both."""
    if conn.dialect.name != "sqlite" or count < _BULK:
        yield
        return
    from network.store import undo

    before = dialect.highest_id(conn, table)
    saved: dict[str, str] = {}
    for name in (_FTS_TRIGGER if table == "person" else None, f"undo_{table}_insert"):
        found = conn.exec_driver_sql(sqlite.TRIGGER_SQL, (name,)).first()
        if found:
            saved[name] = found[0]
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    indexes: list[tuple[str, str]] = []
    (there,) = conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').one()
    if count > there:
        indexes = list(conn.exec_driver_sql(sqlite.INDEXES_SQL, (table,)))
        for name, _ in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.exec_driver_sql(sql)
    if _FTS_TRIGGER in saved:
        conn.exec_driver_sql(
            "INSERT INTO person_fts (rowid, search_key) SELECT id, search_key FROM person "
            "WHERE id > ?",
            (before,),
        )
    if f"undo_{table}_insert" in saved:
        conn.exec_driver_sql(undo.inserted_log_sql(table), (before,))
    for sql in saved.values():
        conn.exec_driver_sql(sql)


_DATES = ("created_on", "last_contact", "next_due", "connected_on")  # Date columns of person
_FTS_TRIGGER = "person_fts_insert"  # store.migrations: keeps person_fts in step on insert
_BULK = 1000  # rows from which filling the index and undo log afterwards is worth it

_OWN_UID = re.compile(r"network-person-(\d+)")


def _own(contact: Contact, people: dict[int, dict[str, Any]]) -> Any:
    """The person our own export's UID (network-person-ID) names, if the name agrees too.

    Such a UID is not stored: it is the person's id, which another network does not share."""
    m = _OWN_UID.fullmatch(contact.uid or "")
    if not m:
        return None
    contact.uid = None
    pid = int(m[1])
    if pid in people and fold(people[pid]["name"]) == fold(contact.name):
        return ("old", pid)
    return None


def import_contacts(
    conn: Any, contacts: list[Contact], *, tie: str, overwrite: bool, today: date
) -> Summary:
    """Create, fill or leave each contact.

    Within the file, rows with a shared e-mail, URL or UID are one person, keeping every
    e-mail and phone of each; the same name (and company) is one person only when their
    e-mails and phones do not say otherwise.

    Its caller, app.transfer.import_file, pauses Python's cycle collector for the whole
    import: the hundreds of thousands of objects built here are in no cycle."""
    from sqlalchemy import bindparam, update

    from network.store.schema import Person
    from network.store.writes import ledger

    summary = Summary()
    people = load_people(conn)
    index = index_people(people, points.values_by_person(conn))
    known = points.keys_by_person(conn)  # (kind, key) of every point each person has
    added: list[tuple[Any, ...]] = []  # points of people already there
    names_before = set(index.names)
    fresh: list[Contact] = []
    changed: dict[int, dict[str, Any]] = {}
    for contact in contacts:
        key = _own(contact, people) if contact.uid else None
        keys = records.identity_keys(uid=contact.uid, emails=contact.emails, urls=contact.urls)
        # worked out once for finding and for adding (a contact's own name and company)
        name_key = records.name_company_key(contact.name, contact.company)
        if key is None:
            key, how = index.find_how(contact, keys, name_key)
            if (
                key is not None
                and key[0] == "new"
                and how == "name"
                and not records.same_points(fresh[key[1]], contact)
            ):
                key = None  # one name, two people: different e-mails or phones
        if key is None:
            if names_before and records.fold(contact.name) in names_before:
                summary.same_name += 1
            index.add(
                ("new", len(fresh)),
                name=contact.name,
                emails=contact.emails,
                urls=contact.urls,
                company=contact.company,
                uid=contact.uid,
                keys=keys,
                name_key=name_key,
            )
            fresh.append(contact)
            summary.created += 1
            continue
        kind, ident = key
        index.add(
            key,
            name=contact.name if kind == "new" else people[ident]["name"],
            emails=contact.emails,
            urls=contact.urls,
            company=contact.company if kind == "new" else people[ident].get("company"),
            uid=contact.uid,
            keys=keys,
        )
        if kind == "new":
            fresh[ident].absorb(contact)
            summary.repeated += 1
            continue
        target = people[ident]
        changes = records.fill(target, contact.values(), overwrite=overwrite)
        mine = known.setdefault(ident, set())
        new = [p for p in contact.points() if (p.kind, p.key) not in mine]
        mine.update((p.kind, p.key) for p in new)
        # primary only through the column (sync, below): the person's own stays first
        added += points.rows_for(ident, [p._replace(primary=False) for p in new])
        if changes or new:
            target.update(changes)
            if ident not in changed:
                summary.updated += 1
                summary.updated_names.append(target["name"])
            changed[ident] = target
        elif ident not in changed:
            summary.unchanged += 1
    table = Person.__table__
    if fresh:
        # ids given here (the write lock is held), so each row goes in complete
        first = dialect.highest_id(conn, table.name) + 1
        _insert_people(conn, new_rows(fresh, tie, today, first))
        dialect.after_explicit_ids(conn, table.name)
        new_points = [
            row for pid, c in enumerate(fresh, first) for row in points.contact_rows(pid, c)
        ]
        with _bulk(conn, "contact_point", len(new_points)):
            points.insert(conn, new_points)
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
        points.insert(conn, added)
        points.sync(conn, list(changed))
        ledger.refresh_people(conn, list(changed))
    return summary
