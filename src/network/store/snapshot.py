"""Reading the whole network table by table, generically, from the metadata in schema.py.

Every table (but `meta`) and every column is read, so a column added to schema.py is
exported without anyone listing it here; the rows come out as a plain
`domain.snapshot.Snapshot` that the export formats render. JSON data comes back into
each column's own type with `decode`. Private rows (any table with a true `private`
column) and private columns (`PRIVATE_COLUMNS`) are left out unless asked for; a
reference to a row left out becomes empty, or drops the referring row when required,
and a row that a private entry brought about (a link or an obligation naming it) goes
with it. What is derived from the entries (last contact, balance, next due) is then
recomputed from the entries that stay, so no figure in an export betrays a private one.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from typing import Any

from network.domain import cadence, kinds
from network.domain.fields import PRIVATE
from network.domain.snapshot import Snapshot

SKIP_TABLES = ("meta",)
# Columns that hold what people trusted you with: left out unless --include-private.
PRIVATE_COLUMNS = {"person": PRIVATE}
# References to an entry that say the row came from it (an introduction's link, a thank-you
# or follow-up it opened): the row is as private as the entry, not merely unlinked from it.
BROUGHT_ABOUT_BY = {("link", "entry_id"), ("obligation", "entry_id")}


def data_tables() -> list[Any]:
    """The SQLAlchemy tables to carry, parents before children."""
    from network.store.schema import SQLModel

    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIP_TABLES]


def table_names() -> list[str]:
    """The names of the tables an export carries."""
    return [t.name for t in data_tables()]


@cache
def _sql_types() -> tuple[Any, ...]:
    """SQLAlchemy's type classes, imported once (decode runs once per imported value)."""
    from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Time, TypeDecorator

    return Boolean, Date, DateTime, Float, Integer, String, Time, TypeDecorator


def decode(column: Any, value: Any) -> Any:
    """JSON data back into the column's Python type; raises ValueError when it cannot be."""
    if value is None:
        return None
    Boolean, Date, DateTime, Float, Integer, String, Time, TypeDecorator = _sql_types()

    kind = column.type
    while isinstance(kind, TypeDecorator):  # e.g. SQLModel's UTCDateTime around DateTime
        kind = kind.impl_instance
    try:
        if isinstance(kind, Boolean):
            if isinstance(value, bool) or value in (0, 1):
                return bool(value)
        elif isinstance(kind, Integer):
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        elif isinstance(kind, String):
            if isinstance(value, str):
                return value
        elif isinstance(kind, DateTime):
            if isinstance(value, str):
                return datetime.fromisoformat(value)
        elif isinstance(kind, Date):
            if isinstance(value, str):
                return date.fromisoformat(value)
        elif isinstance(kind, Time):
            if isinstance(value, str):
                return time.fromisoformat(value)
        elif isinstance(kind, Float):
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
        else:  # a type this code does not know yet: kept as the JSON gave it
            return value
    except ValueError:
        pass
    raise ValueError(f"{column.name} cannot be {value!r}"[:160])


def read(conn: Any, *, include_private: bool) -> Snapshot:
    """Every row of every table, private ones left out unless asked for."""
    from sqlalchemy import select

    from network.store.migrations import SCHEMA_VERSION

    tables: dict[str, list[dict[str, Any]]] = {}
    dropped: dict[str, set[Any]] = {}
    left_out: dict[tuple[str, str], int] = {}
    for table in data_tables():
        key = list(table.primary_key.columns)
        rows = [dict(r._mapping) for r in conn.execute(select(table).order_by(*key))]
        if not include_private:
            rows = _without_private(table, rows, dropped, left_out)
        tables[table.name] = rows
    if not include_private:
        _forget_private_introductions(tables.get("person", []), dropped)
        public_figures(tables.get("person", []), tables.get("entry", []))
    return Snapshot(tables, left_out, include_private=include_private, schema=SCHEMA_VERSION)


def _without_private(
    table: Any, rows: list[dict], dropped: dict[str, set], left_out: dict
) -> list[dict]:
    kept = []
    gone = dropped.setdefault(table.name, set())
    for row in rows:
        if row.get("private"):
            gone.add(row["id"])
            left_out[("private", table.name)] = left_out.get(("private", table.name), 0) + 1
            continue
        lost = False
        for column in table.columns:
            for fk in column.foreign_keys:
                target = fk.column.table.name
                if row[column.name] is not None and row[column.name] in dropped.get(target, ()):
                    if column.nullable and (table.name, column.name) not in BROUGHT_ABOUT_BY:
                        row[column.name] = None
                    else:
                        lost = True
        if lost:
            gone.add(row["id"])
            if table.name == "link":  # who introduced whom went with it (see below)
                dropped.setdefault("link pairs", set()).add(frozenset((row["a_id"], row["b_id"])))
            continue
        for name in PRIVATE_COLUMNS.get(table.name, ()):
            if row.get(name):
                row[name] = None
                left_out[(name, table.name)] = left_out.get((name, table.name), 0) + 1
        if table.name == "person" and "search_key" in row:
            row["search_key"] = ""  # folded from the notes too; an import rebuilds it
        kept.append(row)
    return kept


def _forget_private_introductions(people: list[dict[str, Any]], dropped: dict) -> None:
    """A person's introducer (via_id) when the link between them was left out as private:
    the introduction was told in a private entry, so who introduced them stays home too."""
    pairs = dropped.get("link pairs", set())
    for p in people:
        if p.get("via_id") is not None and frozenset((p["id"], p["via_id"])) in pairs:
            p["via_id"] = None


def public_figures(people: list[dict[str, Any]], entries: list[dict[str, Any]]) -> None:
    """Each person's last contact, balance, next due and oldest and newest open ask from the given
    (public) entries only, by the rules `store.writes.ledger.refresh_people` applies to the
    stored values."""
    ledger: dict[Any, list[dict[str, Any]]] = {}
    for e in entries:
        ledger.setdefault(e["person_id"], []).append(e)
    for p in people:
        mine = ledger.get(p["id"], [])
        counted = [e["day"] for e in mine if cadence.counts_for_cadence(p["tie"], e["is_group"])]
        last = max(counted, default=None)
        every = cadence.effective_cadence(p["tie"], p["cadence_days"])
        p["last_contact"] = last
        p["balance"] = kinds.balance([(e["flow"], e["points"]) for e in mine])
        p["next_due"] = None if p["archived"] else cadence.next_due(last or p["created_on"], every)
        asks = [e["day"] for e in mine if e["status"] == "open"]
        p["open_ask_since"], p["open_ask_latest"] = min(asks, default=None), max(asks, default=None)


def load(path: Any, *, include_private: bool) -> Snapshot:
    """Read the database at path in one read transaction (a consistent picture)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from network.common.errors import DatabaseProblem
    from network.common.paths import ServerDatabase
    from network.store import connection as db

    if isinstance(path, ServerDatabase):
        from network.store import postgres

        return postgres.in_snapshot(path, lambda conn: read(conn, include_private=include_private))
    if not db.exists(path):  # an export never creates an empty database to export
        raise DatabaseProblem(f"no database at {path}", "check --db or NETWORK_DB")

    engine = create_engine("sqlite://", creator=lambda: db.open_db(path), poolclass=NullPool)
    try:
        with db.database_errors(path), engine.connect() as conn:
            # the connection is in autocommit mode; one deferred BEGIN makes every table
            # come from the same moment without taking the write lock
            conn.exec_driver_sql("BEGIN")
            try:
                return read(conn, include_private=include_private)
            finally:
                conn.exec_driver_sql("ROLLBACK")
    finally:
        engine.dispose()
