"""Writing contact points: every e-mail, phone and web address of a person is a row.

The primary one of each kind is also the person's own column (person.email, .phone, .url:
`domain.fields.POINT_COLUMNS`), which most reads use. Every write path keeps the two in
step: imports insert the points they bring (`insert`, one executemany) and call `sync` for
the people they changed; `add`, `edit`, a merge and a JSON import call `sync` for the people
they touched. `sync` makes the column's value a point and that point the only primary one;
a column left empty takes the first point of its kind, so a point is never hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from network.common.errors import BadInput
from network.domain.contacts import Contact, Point, point_key, point_label
from network.domain.fields import POINT_COLUMNS, clean_email

CHUNK = 500  # person ids per IN (…)
_COLUMNS = ("person_id", "kind", "value", "value_key", "label", "is_primary")


def _table() -> Any:
    from network.store.schema import contact_point

    return contact_point


def rows_for(person_id: int, points: Iterable[Point]) -> list[tuple[Any, ...]]:
    """A person's points as rows for `insert`."""
    return [
        (person_id, p.kind, p.value, p.key, point_label(p.label) if p.label else None, p.primary)
        for p in points
    ]


def contact_rows(person_id: int, contact: Contact) -> list[tuple[Any, ...]]:
    """`rows_for(person_id, contact.points())`; the common contact (at most one e-mail,
    phone and URL, no labels: a LinkedIn row) built straight into rows, without a Point
    in between, as an import does for each of 30,000 new people."""
    emails, phones, urls = contact.emails, contact.phones, contact.urls
    if contact.point_labels or len(emails) > 1 or len(phones) > 1 or len(urls) > 1:
        return rows_for(person_id, contact.points())
    out: list[tuple[Any, ...]] = []
    if emails and (key := point_key("email", emails[0])):
        out.append((person_id, "email", emails[0], key, None, True))
    if phones and (key := point_key("phone", phones[0])):
        out.append((person_id, "phone", phones[0], key, None, True))
    if urls and (key := point_key("url", urls[0])):
        out.append((person_id, "url", urls[0], key, None, True))
    return out


def insert(conn: Any, rows: list[tuple[Any, ...]]) -> None:
    """Add points (tuples in _COLUMNS order) in one executemany on the caller's transaction.

    On SQLite straight to the driver: SQLAlchemy's per-row parameter handling would cost
    more than the insert itself for the 30,000 points of a full LinkedIn export."""
    if not rows:
        return
    if conn.dialect.paramstyle == "qmark":
        marks = ", ".join("?" * len(_COLUMNS))
        conn.exec_driver_sql(
            f"INSERT INTO contact_point ({', '.join(_COLUMNS)}) VALUES ({marks})", rows
        )
        return
    from sqlalchemy import insert as insert_

    conn.execute(insert_(_table()), [dict(zip(_COLUMNS, row, strict=True)) for row in rows])


def keys_by_person(conn: Any) -> dict[int, set[tuple[str, str]]]:
    """Every person's (kind, value_key) pairs, in one query (what an import compares with)."""
    from sqlalchemy import select

    table = _table()
    out: dict[int, set[tuple[str, str]]] = {}
    for pid, kind, key in conn.execute(select(table.c.person_id, table.c.kind, table.c.value_key)):
        out.setdefault(pid, set()).add((kind, key))
    return out


def values_by_person(conn: Any, kinds: tuple[str, ...] = ("email", "url")) -> dict[int, dict]:
    """Every person's point values of the given kinds: {id: {kind: [value, …]}} (matching)."""
    from sqlalchemy import select

    table = _table()
    out: dict[int, dict[str, list[str]]] = {}
    query = (
        select(table.c.person_id, table.c.kind, table.c.value)
        .where(table.c.kind.in_(kinds))
        .order_by(table.c.id)
    )
    for pid, kind, value in conn.execute(query):
        out.setdefault(pid, {}).setdefault(kind, []).append(value)
    return out


def sync(conn: Any, person_ids: Iterable[int]) -> None:
    """Make each person's columns and points agree (on the caller's transaction).

    A column's value is a point, and the only primary one of its kind; an empty column takes
    the first point of its kind. Only rows that differ are written (the undo log stays small).
    """
    from sqlalchemy import select, update

    from network.store.schema import Person

    ids = sorted(set(person_ids))
    table, person = _table(), Person.__table__
    columns = [person.c.id, *(person.c[name] for name in POINT_COLUMNS.values())]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        people = conn.execute(select(*columns).where(person.c.id.in_(chunk))).mappings().all()
        have: dict[tuple[int, str], list[dict[str, Any]]] = {}
        query = select(table).where(table.c.person_id.in_(chunk)).order_by(table.c.id)
        for row in conn.execute(query).mappings():
            have.setdefault((row["person_id"], row["kind"]), []).append(dict(row))
        new: list[tuple[Any, ...]] = []
        for p in people:
            for kind, column in POINT_COLUMNS.items():
                mine = have.get((p["id"], kind), [])
                value = (p[column] or "").strip()
                if not value:
                    if mine:  # the column was cleared: the next point takes its place
                        first = next((r for r in mine if r["is_primary"]), mine[0])
                        conn.execute(
                            update(person)
                            .where(person.c.id == p["id"])
                            .values({column: first["value"]})
                        )
                        value = first["value"]
                    else:
                        continue
                key = point_key(kind, value)
                match = next((r for r in mine if r["value_key"] == key), None)
                if match is None:
                    new.append((p["id"], kind, value, key, None, True))
                elif not match["is_primary"] or match["value"] != value:
                    conn.execute(
                        update(table)
                        .where(table.c.id == match["id"])
                        .values(is_primary=True, value=value)
                    )
                for row in mine:
                    if row["is_primary"] and row is not match:
                        conn.execute(
                            update(table).where(table.c.id == row["id"]).values(is_primary=False)
                        )
        insert(conn, new)


def replace_primary(
    conn: Any, person_id: int, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """After `edit` changed a person's e-mail, phone or web address: the value it replaced
    goes (an edit corrects it), then `sync` makes the new one the primary point."""
    from sqlalchemy import delete

    table = _table()
    for kind, column in POINT_COLUMNS.items():
        old, new = before.get(column), after.get(column)
        if old and point_key(kind, old) != point_key(kind, new):
            conn.execute(
                delete(table).where(
                    table.c.person_id == person_id,
                    table.c.kind == kind,
                    table.c.value_key == point_key(kind, old),
                )
            )
    sync(conn, [person_id])


def add_email(session: Any, person_id: int, address: str, label: str | None = None) -> bool:
    """Add the address as an e-mail point of the person unless they have it already; True
    when it was added. It becomes their primary e-mail (person.email) if they had none.

    `session` is a write session (store.connection.write_session); raises BadInput for
    something that is not an e-mail address."""
    from sqlalchemy import select

    from network.store.schema import Person

    value = clean_email(address)
    if value is None:
        raise BadInput("the e-mail address is empty", "give an address like name@example.com")
    key = point_key("email", value)
    conn = session.connection()
    table = _table()
    found = conn.execute(
        select(table.c.id).where(
            table.c.person_id == person_id, table.c.kind == "email", table.c.value_key == key
        )
    ).first()
    if found is not None:
        return False
    person = session.get(Person, person_id)
    if person is None:
        raise BadInput(f"there is no person {person_id}", "the person was removed meanwhile")
    primary = not person.email
    insert(conn, [(person_id, "email", value, key, point_label(label), primary)])
    if primary:
        person.email = value
        session.add(person)
        session.flush()
        sync(conn, [person_id])  # an older point without a column would otherwise stay primary
    return True


def edit_points(
    conn: Any,
    person_id: int,
    *,
    more: dict[str, list[str]],
    drop: dict[str, list[str]],
    labels: dict[tuple[str, str], str | None] | None = None,
    name: str = "they",
) -> None:
    """What `add` and `edit` do beside the primary columns (on the caller's transaction):
    add the further points in `more` ({kind: [checked value, …]}) that the person lacks,
    with the label `labels` remembers for that (kind, key), and remove those in `drop`.
    A removed primary one leaves its column; `sync` then gives the column the next point.

    `labels` holds every point the person had before the edit: one in `drop` that the edit
    already replaced (the old primary) is gone already. Raises BadInput for one in `drop`
    they never had (the caller's transaction then writes nothing)."""
    from sqlalchemy import delete, select, update

    from network.store.schema import Person

    table, person = _table(), Person.__table__
    labels = labels or {}
    have = {
        (kind, key)
        for kind, key in conn.execute(
            select(table.c.kind, table.c.value_key).where(table.c.person_id == person_id)
        )
    }
    new: list[tuple[Any, ...]] = []
    for kind, values in more.items():
        for value in values:
            key = point_key(kind, value)
            if key is None or (kind, key) in have:
                continue
            have.add((kind, key))
            new.append((person_id, kind, value, key, labels.get((kind, key)), False))
    insert(conn, new)
    columns = conn.execute(
        select(*(person.c[c] for c in POINT_COLUMNS.values())).where(person.c.id == person_id)
    ).one()
    primary = dict(zip(POINT_COLUMNS, columns, strict=True))
    for kind, values in drop.items():
        for value in values:
            key = point_key(kind, value)
            if key is not None and (kind, key) not in have and (kind, key) in labels:
                continue  # the edit's new primary replaced it already
            if key is None or (kind, key) not in have:
                raise BadInput(
                    f'{name} {"have" if name == "they" else "has"} no {_WORDS[kind]} "{value}"',
                    "network show NAME lists every one they have",
                )
            have.discard((kind, key))
            conn.execute(
                delete(table).where(
                    table.c.person_id == person_id,
                    table.c.kind == kind,
                    table.c.value_key == key,
                )
            )
            if point_key(kind, primary[kind]) == key:
                conn.execute(
                    update(person)
                    .where(person.c.id == person_id)
                    .values({POINT_COLUMNS[kind]: None})
                )
                primary[kind] = None
    sync(conn, [person_id])


_WORDS = {"email": "e-mail", "phone": "phone", "url": "web address"}
