"""Merging two records of one person in the database.

A merge moves everything that points at OTHER to KEEP — found generically, as every
foreign key to person in schema.py — then fills KEEP's fields from OTHER (the rule is
`domain.merging.merged_fields`) and deletes OTHER. A strength or link both already have
is merged into one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from network.common.errors import BadInput
from network.domain.merging import merged_fields
from network.store.schema import Person
from network.store.snapshot import data_tables
from network.store.writes import contact_points, ledger

# How moved rows are named in the report, where the table's name would not say it
_MOVED = {"person": "introduced people", "contact_point": "contact points"}


@dataclass
class MergeReport:
    """What a merge moved and changed."""

    keep: str
    other: str
    moved: dict[str, int] = field(default_factory=dict)
    filled: list[str] = field(default_factory=list)
    kept_in_notes: list[str] = field(default_factory=list)
    result: dict[str, Any] = field(default_factory=dict)


def merge(session: Any, keep_id: int, other_id: int) -> MergeReport:
    """Move OTHER's rows and fields to KEEP and delete OTHER (on the caller's transaction)."""
    from sqlalchemy import delete, select, update

    if keep_id == other_id:
        raise BadInput("those are the same person", "name two different people")
    conn = session.connection()
    person = Person.__table__

    def load(person_id: int) -> dict[str, Any]:
        return dict(conn.execute(select(person).where(person.c.id == person_id)).mappings().one())

    report = MergeReport(keep=load(keep_id)["name"], other=load(other_id)["name"])
    for table in data_tables():
        refs = [c for c in table.columns if any(fk.column.table is person for fk in c.foreign_keys)]
        for column in refs:
            moved = _move(conn, table, column, keep_id, other_id)
            if moved:
                label = _MOVED.get(table.name, table.name)
                report.moved[label] = report.moved.get(label, 0) + moved
    keep, other = load(keep_id), load(other_id)  # as the moves left them
    refs = {v for k, v in other.items() if k.endswith("_id") and isinstance(v, int)}
    names = dict(
        conn.execute(select(person.c.id, person.c.name).where(person.c.id.in_(refs))).all()
    )
    changes, report.filled, report.kept_in_notes = merged_fields(keep, other, names)
    conn.execute(delete(person).where(person.c.id == other_id))
    if changes:
        conn.execute(update(person).where(person.c.id == keep_id).values(**changes))
    # OTHER's contact points moved with the other rows (the same address twice became one):
    # KEEP's own columns stay the primary ones
    contact_points.sync(conn, [keep_id])
    ledger.refresh_people(conn, [keep_id])
    session.expire_all()  # the ORM's copies of both people are stale now
    # in column order: the ORM's model_dump() orders keys by how its attributes were loaded
    report.result = load(keep_id)
    return report


def _move(conn: Any, table: Any, column: Any, keep_id: int, other_id: int) -> int:
    """Point one foreign-key column from OTHER to KEEP, merging rows a unique constraint joins."""
    from sqlalchemy import UniqueConstraint, delete, select, update

    rows = [dict(r._mapping) for r in conn.execute(select(table).where(column == other_id))]
    if not rows:
        return 0
    uniques = [
        [c.name for c in u.columns]
        for u in table.constraints
        if isinstance(u, UniqueConstraint) and column.name in [c.name for c in u.columns]
    ]
    is_link = table.name == "link" and column.name in ("a_id", "b_id")
    moved = 0
    for row in rows:
        new = dict(row, **{column.name: keep_id})
        if table.name == "person" and row["id"] == keep_id:
            conn.execute(update(table).where(table.c.id == keep_id).values({column.name: None}))
            continue  # KEEP was introduced by OTHER: that is themself now
        if is_link:
            if new["a_id"] == new["b_id"]:
                conn.execute(delete(table).where(table.c.id == row["id"]))
                continue  # they knew each other: one person now
            new["a_id"], new["b_id"] = sorted((new["a_id"], new["b_id"]))
        twin = None
        for names in uniques + ([["a_id", "b_id"]] if is_link else []):
            clause = [table.c[n] == new[n] for n in names]
            twin = (
                conn.execute(select(table).where(*clause, table.c.id != row["id"]))
                .mappings()
                .first()
            )
            if twin is not None:
                break
        if twin is not None:
            fill = {
                k: v for k, v in row.items() if k != "id" and v is not None and twin.get(k) is None
            }
            if fill:
                conn.execute(update(table).where(table.c.id == twin["id"]).values(**fill))
            conn.execute(delete(table).where(table.c.id == row["id"]))
        else:
            values = {k: new[k] for k in new if k != "id" and new[k] != row[k]}
            conn.execute(update(table).where(table.c.id == row["id"]).values(**values))
        moved += 1
    return moved
