"""The undo history: every committed write, kept as the statements that put it back.

SQLite's documented undo technique (https://www.sqlite.org/undoredo.html): a trigger on
each data table writes, for every row an INSERT, UPDATE or DELETE touches, the inverse
statement into `undo_log`, inside the same transaction as the write. When the
transaction commits, its rows are gathered into one `undo_step` with a description
("log: coffee chat with Alice Chen"). Undoing a step runs its statements newest first
in one transaction, so every stored value (balances, last contacts, due dates, the
search indexes the FTS triggers keep) is exactly what it was before the command.

Why triggers rather than Python-side bookkeeping: they see every write whatever code
made it (ORM flushes, bulk UPDATEs in imports and merges, cascades of ON DELETE), they
live in the file (so undo works from another process and after a crash: an unfinished
transaction leaves no log rows), and a new column or table is covered when `install`
rebuilds the triggers after each migration.

The two tables are not SQLModel models on purpose: exports, imports and the doctor
read the models' tables only, so the undo history is never exported.

On PostgreSQL (`pg_install`) the same two tables, with an owner column, are written by one
PL/pgSQL trigger function (store/dialect/postgres.py): each member of a team has a history
of their own, kept from the others by row-level security, and `undo` puts back only what
that member's commands changed. Steps, descriptions and the bound are the same code.

Boundaries: `close_step` gathers the rows of the transaction into a step. It runs just
before every session commits (a session listener that `store.writes.ledger` registers
when it is imported: every write path uses that module), and a use case names its step
with `describe`. A bulk write on SQLite opens its step first (`open_step`) and writes its
rows in it at once; close_step then names that step. Rows that no step gathered (a write that
bypassed the session) are gathered by the next write or undo as a step of their own.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from network.store import dialect

# How many commands can be undone; older steps are forgotten as new ones are recorded.
DEPTH = 100

TABLES_SQL = (
    "CREATE TABLE undo_step ("
    "id INTEGER NOT NULL PRIMARY KEY, "
    "description VARCHAR(500) NOT NULL, "
    "created_at VARCHAR(32) NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    "CREATE TABLE undo_log ("
    "seq INTEGER NOT NULL PRIMARY KEY, "
    "step INTEGER, "
    "tbl VARCHAR(64) NOT NULL, "
    "op VARCHAR(6) NOT NULL, "
    "row_id INTEGER NOT NULL, "
    "label VARCHAR(1000), "
    "sql TEXT NOT NULL)",
    "CREATE INDEX ix_undo_log_step ON undo_log (step)",
)
OWN_TABLES = ("undo_step", "undo_log")
# tables whose rows are facts about the file, not the network
NOT_LOGGED = ("meta", *OWN_TABLES)
# the column that names a row in a description
LABELS = {"person": "name", "entry": "summary", "strength": "topic", "obligation": "summary"}
NOUNS = {
    "person": ("person", "people"),
    "entry": ("entry", "entries"),
    "obligation": ("to-do", "to-dos"),  # a promise, thank-you owed or follow-up
}


def logged_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every data table and its columns: all tables but ours, meta and full-text indexes."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    tables: dict[str, list[str]] = {}
    for name, _ in rows:
        if name in NOT_LOGGED or name in virtual:
            continue
        if any(name.startswith(f"{v}_") for v in virtual):  # an FTS table's own storage
            continue
        tables[name] = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
    return tables


def trigger_sql(conn: sqlite3.Connection) -> list[str]:
    """The CREATE TRIGGER statements for the tables and columns the file has now."""
    statements = []
    for table, columns in sorted(logged_tables(conn).items()):
        label = LABELS.get(table)
        statements += dialect.undo_triggers(table, columns, label if label in columns else None)
    return statements


def uninstall(conn: sqlite3.Connection) -> None:
    """Drop the undo triggers (before a migration: a trigger naming a column blocks its DROP)."""
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'undo\\_%' ESCAPE '\\'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')


def install(conn: sqlite3.Connection) -> None:
    """(Re)build the undo triggers for the current schema and start an empty history.

    Run on a fresh file and after every migration, inside its transaction: a statement
    logged before a schema change might not fit the new one, so the history starts over.
    """
    uninstall(conn)
    conn.execute("DELETE FROM undo_log")
    conn.execute("DELETE FROM undo_step")
    for sql in trigger_sql(conn):
        conn.execute(sql)


def pg_install(conn: Any) -> None:
    """Create the undo tables and (re)build the triggers on a PostgreSQL database (`conn`:
    psycopg, in the transaction that set the database up or migrated it); starts an empty
    history, as install does on SQLite."""
    from network.store.dialect import postgres as pg

    for sql in pg.UNDO_TABLES:
        conn.execute(sql)
    conn.execute("DELETE FROM undo_log")
    conn.execute("DELETE FROM undo_step")
    conn.execute(pg.UNDO_FUNCTION)
    # foreign keys that undo may check at commit (as SQLite's defer_foreign_keys): a delete
    # logs the person before the cascade that took their entries, so an undo puts the
    # entries back first. Every other transaction still checks them at once.
    for table, name in conn.execute(
        "SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'f' "
        "AND NOT condeferrable AND connamespace = current_schema()::regnamespace"
    ).fetchall():
        conn.execute(
            f'ALTER TABLE {table} ALTER CONSTRAINT "{name}" DEFERRABLE INITIALLY IMMEDIATE'
        )
    rows = conn.execute(
        "SELECT c.relname, a.attname FROM pg_class c "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
        "ORDER BY c.relname, a.attnum"
    ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        if table not in NOT_LOGGED:
            tables.setdefault(table, []).append(column)
    for table, columns in tables.items():
        if "id" not in columns:
            raise RuntimeError(f"undo finds rows by id: table {table} has none")
        label = LABELS.get(table)
        for sql in pg.undo_triggers(table, columns, label if label in columns else None):
            conn.execute(sql)


def inserted_log_sql(table: str) -> str:
    """One statement writing the undo log rows that table's insert trigger writes, for the
    rows with rowid > ? (the second parameter), already in step ? (the first: `open_step`'s
    id): a bulk import drops the trigger meanwhile, one statement for 30,000 rows rather
    than the trigger once per row. The same rows, in the same order, and close_step need
    not tag them afterwards (an UPDATE of every row and of its index entry)."""
    label = LABELS.get(table)
    named = f'"{label}"' if label else "NULL"
    return (
        "INSERT INTO undo_log (step, tbl, op, row_id, label, sql) "
        f"SELECT ?, '{table}', 'insert', rowid, {named}, "
        f"'DELETE FROM \"{table}\" WHERE rowid = ' || rowid "
        f'FROM "{table}" WHERE rowid > ? ORDER BY rowid'
    )


# --- steps ----------------------------------------------------------------------------


# A step opened before its rows are written (SQLite's bulk writes): its description until
# close_step names it, in the same transaction, before the commit. Never committed as such:
# close_step runs before every commit, and a rollback or a crash takes the step away.
OPEN = "(open step: named when its transaction commits)"
OPEN_STEP_SQL = "INSERT INTO undo_step (description) VALUES (?) RETURNING id"
FIND_OPEN_SQL = "SELECT id FROM undo_step WHERE description = ?"


def open_step(conn: Any) -> int:
    """The id of the step this transaction's changes will be (`conn`: a SQLAlchemy
    connection on SQLite), opened now if it is not yet, so that a bulk write can write its
    log rows in their step at once (inserted_log_sql); close_step then names it and gathers
    any rows the triggers wrote into it."""
    found = conn.exec_driver_sql(FIND_OPEN_SQL, (OPEN,)).first()
    if found:
        return int(found[0])
    return int(conn.exec_driver_sql(OPEN_STEP_SQL, (OPEN,)).scalar_one())


def describe(session: Any, description: str) -> None:
    """Name what this transaction does, as `undo` will say it ("log: coffee with Alice")."""
    session.info["undo_description"] = description


def _engine(session: Any) -> Any:
    """The engine's fragments module (store/dialect/) of a write session."""
    return dialect.for_engine(session.get_bind().dialect.name)


def _exec(session: Any, sql: str, params: dict[str, Any] | None = None) -> Any:
    from sqlalchemy import text

    return session.connection().execute(text(sql), params or {})


def close_step(session: Any) -> int | None:
    """Gather this transaction's log rows into one named step; forget the oldest steps.

    Returns the step's id, or None when the transaction changed nothing.
    """
    session.flush()  # ORM changes still pending would otherwise miss this step
    engine = _engine(session)
    mine = engine.MINE
    description = session.info.pop("undo_description", None)
    if description and engine.NAME == "postgresql":
        # a server is a round trip away: the whole step in one statement (six on SQLite)
        step = _exec(session, _pg_named_step(DEPTH), {"d": description[:500]}).scalar()
        return None if step is None else int(step)
    # a step a bulk write opened (SQLite only: PostgreSQL's bulk writes are ordinary ones)
    opened = None
    if engine.NAME != "postgresql":
        opened = _exec(
            session, "SELECT id FROM undo_step WHERE description = :o", {"o": OPEN}
        ).scalar()
    pending = "step IS NULL" if opened is None else "(step IS NULL OR step = :s)"
    if description:  # named: only whether anything changed (not 60,000 rows of an import)
        rows = _exec(
            session, f"SELECT 1 FROM undo_log WHERE {pending} AND {mine} LIMIT 1", {"s": opened}
        ).all()
    else:
        rows = _exec(
            session,
            f"SELECT tbl, op, row_id, label FROM undo_log WHERE {pending} AND {mine} ORDER BY seq",
            {"s": opened},
        ).all()
    if not rows:
        if opened is not None:
            _exec(session, "DELETE FROM undo_step WHERE id = :s", {"s": opened})
        return None
    description = description or derived_description([tuple(r) for r in rows])
    if opened is None:
        step = _exec(
            session,
            "INSERT INTO undo_step (description) VALUES (:d) RETURNING id",
            {"d": description[:500]},
        ).scalar_one()
    else:  # named now, and dated as if made now (the column's default)
        step = opened
        _exec(
            session,
            "UPDATE undo_step SET description = :d, created_at = CURRENT_TIMESTAMP WHERE id = :s",
            {"d": description[:500], "s": step},
        )
    # the rows the triggers wrote (all of them, unless a bulk write opened the step)
    _exec(session, f"UPDATE undo_log SET step = :s WHERE step IS NULL AND {mine}", {"s": step})
    if engine.NAME == "postgresql":
        for sql in engine.undo_prune(DEPTH):
            _exec(session, sql)
    else:
        _exec(session, "DELETE FROM undo_log WHERE step <= :s", {"s": step - DEPTH})
        _exec(session, "DELETE FROM undo_step WHERE id <= :s", {"s": step - DEPTH})
    return int(step)


def _pg_named_step(depth: int) -> str:
    """close_step of a named step on PostgreSQL as one statement: whether the member's
    transaction logged anything, the step, its rows tagged, and the member's steps beyond
    `depth` forgotten (as undo_prune). Every part sees the statement's one snapshot, which
    holds this transaction's log rows but not the step it inserts, so the depth - 1 newest
    earlier steps are kept beside it. The rows tagged (no step yet) and the rows forgotten
    (an older step) are never the same rows. Returns the step's id, or no row."""
    mine = "owner = current_user"
    made = "EXISTS (SELECT 1 FROM made)"
    return (
        f"WITH pending AS (SELECT 1 FROM undo_log WHERE step IS NULL AND {mine} LIMIT 1), "
        "made AS (INSERT INTO undo_step (description) SELECT :d "
        "WHERE EXISTS (SELECT 1 FROM pending) RETURNING id), "
        "tagged AS (UPDATE undo_log SET step = (SELECT id FROM made) "
        f"WHERE step IS NULL AND {mine} AND {made}), "
        f"kept AS (SELECT min(id) AS oldest FROM (SELECT id FROM undo_step WHERE {mine} "
        f"ORDER BY id DESC LIMIT {max(0, int(depth) - 1)}) AS newest), "
        f"old_rows AS (DELETE FROM undo_log WHERE {mine} "
        f"AND step < (SELECT oldest FROM kept) AND {made}), "
        f"old_steps AS (DELETE FROM undo_step WHERE {mine} "
        f"AND id < (SELECT oldest FROM kept) AND {made}) "
        "SELECT id FROM made"
    )


def _noun(table: str, n: int) -> str:
    one, many = NOUNS.get(table, (table, f"{table}s"))
    return one if n == 1 else many


def derived_description(rows: list[tuple[str, str, int, str | None]]) -> str:
    """A description read from the changes, for a write that did not name itself:
    what was added or removed, or else what was changed ("changed person Alice Chen")."""
    verbs = {"insert": "added", "delete": "removed", "update": "changed"}
    structural = [r for r in rows if r[1] != "update"]
    shown = structural or rows
    parts: list[str] = []
    # names in first-seen order, without repeats (a dict, so a large import stays linear)
    seen: dict[tuple[str, str], dict[str, None]] = {}
    for table, op, row_id, label in shown:
        # a person is named as they are; an entry or topic is quoted, as typed
        name = f"#{row_id}" if label is None else label if table == "person" else f'"{label}"'
        seen.setdefault((op, table), {})[name] = None
    for (op, table), named in seen.items():
        names = list(named)
        listed = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        parts.append(f"{verbs[op]} {_noun(table, len(names))} {listed}")
    return "; ".join(parts)


@dataclass
class Step:
    """One command that can be undone."""

    id: int
    description: str
    created_at: str
    changes: int


def steps(reader: Any, limit: int = DEPTH) -> list[Step]:
    """The undo history, newest first; rows no step gathered yet come first, as step 0."""
    mine = reader.dialect.MINE
    found = [
        Step(**row)
        for row in reader.rows(
            "SELECT s.id, s.description, s.created_at, "
            "(SELECT count(*) FROM undo_log l WHERE l.step = s.id) AS changes "
            f"FROM undo_step s WHERE {mine} ORDER BY s.id DESC LIMIT :limit",
            {"limit": limit},
        )
    ]
    loose = reader.rows(
        f"SELECT tbl, op, row_id, label FROM undo_log WHERE step IS NULL AND {mine} ORDER BY seq"
    )
    if loose:
        rows = [(r["tbl"], r["op"], r["row_id"], r["label"]) for r in loose]
        found.insert(0, Step(0, derived_description(rows), "", len(rows)))
    return found


def undo_step(session: Any, step_id: int) -> int:
    """Put back what step `step_id` changed (0: the rows no step gathered), newest change
    first, and forget the step; returns how many changes were undone.

    Foreign keys are checked at commit, not per statement: a person removed with their
    entries comes back after the entries (on SQLite, the trigger of the delete fires before
    the cascade's; on PostgreSQL too) only once every statement has run.
    """
    session.flush()
    engine = _engine(session)
    _exec(session, engine.DEFER_FOREIGN_KEYS)
    where = f"step IS NULL AND {engine.MINE}" if step_id == 0 else f"step = :s AND {engine.MINE}"
    statements = _exec(
        session, f"SELECT seq, sql FROM undo_log WHERE {where} ORDER BY seq DESC", {"s": step_id}
    ).all()
    last = max((seq for seq, _ in statements), default=0)
    # the driver's own connection, in the session's transaction: SQLAlchemy's per-statement
    # bookkeeping cost more than the statements themselves
    raw = session.connection().connection.driver_connection
    for _, sql in statements:
        raw.execute(sql)
    # what the triggers logged while putting things back is no step of its own
    _exec(
        session,
        f"DELETE FROM undo_log WHERE step IS NULL AND seq > :last AND {engine.MINE}",
        {"last": last},
    )
    _exec(session, f"DELETE FROM undo_log WHERE {where}", {"s": step_id})
    _exec(session, f"DELETE FROM undo_step WHERE id = :s AND {engine.MINE}", {"s": step_id})
    session.expire_all()
    return len(statements)


def _before_commit(session: Any) -> None:
    if session.info.get("undo_off"):
        return
    close_step(session)


def listen() -> None:
    """Close a step before every session commits (see the module docstring); idempotent."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
