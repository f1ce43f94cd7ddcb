"""The SQL each engine speaks differently, one module per engine.

Queries elsewhere in the store are written in the SQL SQLite and PostgreSQL share
(booleans as TRUE/FALSE, NULLS FIRST/LAST, every derived table named, every selected
column grouped). What only one engine understands — FTS5 against trigram search, julianday
against date subtraction, printf/json_quote against Python's json — is built by the
module of the engine at hand: `sqlite` or `postgres`, each with the same functions. A
Reader carries its engine's module as `reader.dialect`.

The names here are SQLite's, for code that only ever runs on the file.
"""

from __future__ import annotations

from types import ModuleType

from network.store.dialect.sqlite import counts_for_cadence, undo_triggers

__all__ = ["after_explicit_ids", "counts_for_cadence", "for_engine", "highest_id", "undo_triggers"]


def for_engine(name: str) -> ModuleType:
    """The fragments module of an engine ("sqlite" or "postgresql")."""
    if name == "postgresql":
        from network.store.dialect import postgres

        return postgres
    from network.store.dialect import sqlite

    return sqlite


def after_explicit_ids(conn, table: str) -> None:
    """Keep the engine's id generator ahead of rows just inserted with explicit ids
    (`conn`: a SQLAlchemy connection or session, inside the write transaction)."""
    from sqlalchemy import text

    bind = conn.get_bind() if hasattr(conn, "get_bind") else conn
    sql = for_engine(bind.dialect.name).after_explicit_ids(table)
    if sql:
        conn.execute(text(sql))


def highest_id(conn, table: str) -> int:
    """The highest id `table` has given (0 when none): explicit ids go above it."""
    from sqlalchemy import text

    bind = conn.get_bind() if hasattr(conn, "get_bind") else conn
    return int(conn.execute(text(for_engine(bind.dialect.name).highest_id(table))).scalar_one())
