"""The PostgreSQL door: the same Reader and write session as connection.py, on a server.

Imported only when --db / NETWORK_DB is a postgresql:// URL, so SQLite runs never load
psycopg. Reads run on psycopg 3 directly (the same named-parameter SQL as on SQLite, with
values loaded as SQLite returns them: dates and times as ISO text, booleans as 0/1, numbers
as floats), so every read query and every view is shared. Writes run through the same
SQLModel code as on SQLite, each write transaction serialised per network by a
transaction-scoped advisory lock taken at its start — SQLite's BEGIN IMMEDIATE, on a
server. We chose the lock over SERIALIZABLE: a write use case reads, decides and writes in
one transaction (resolve a name, recompute a balance), and SERIALIZABLE would abort and
force a retry of the whole use case under contention, where the lock just waits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from network.common.errors import DatabaseProblem
from network.common.paths import ServerDatabase
from network.store.dialect import for_engine

# pg_advisory_xact_lock's key for "this network's write lock" (any constant; per database)
WRITE_LOCK = 0x6E6574776F726B  # "network"

_TOKENS = re.compile(r"'(?:[^']|'')*'|::|:(\w+)|%")


@lru_cache(maxsize=1024)
def to_pyformat(sql: str) -> str:
    """`:name` parameters as psycopg's `%(name)s` (and a literal % doubled), outside quotes."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("'"):
            return token.replace("%", "%%")
        if token == "::":
            return token
        if match.group(1):
            return f"%({match.group(1)})s"
        return "%%"

    return _TOKENS.sub(swap, sql)


def _sqlite_like_loaders(adapters: Any) -> None:
    """Load values as sqlite3 returns them, so both engines feed the same rows upwards."""
    from psycopg.adapt import Loader

    class AsText(Loader):
        def load(self, data: Any) -> str:
            return bytes(data).decode()

    class AsMicros(Loader):
        # SQLAlchemy stores times on SQLite as HH:MM:SS.ffffff
        def load(self, data: Any) -> str:
            text = bytes(data).decode()
            head, dot, frac = text.partition(".")
            return f"{head}.{frac.ljust(6, '0') if dot else '000000'}"

    class AsInt(Loader):
        def load(self, data: Any) -> int:
            return 1 if bytes(data) == b"t" else 0

    class AsFloat(Loader):
        def load(self, data: Any) -> float:
            return float(bytes(data).decode())

    adapters.register_loader("date", AsText)
    adapters.register_loader("time", AsMicros)
    adapters.register_loader("timestamp", AsMicros)
    adapters.register_loader("bool", AsInt)
    adapters.register_loader("numeric", AsFloat)


class _Conn:
    """The few sqlite3.Connection habits readers rely on: execute(sql, params) -> cursor."""

    def __init__(self, conn: Any, own_adapters: bool) -> None:
        self.raw = conn
        self.own_adapters = own_adapters

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        from network.store.pg_lean import LeanConnection

        if isinstance(self.raw, LeanConnection):
            try:
                return self.raw.execute(sql, params)
            except Exception as exc:
                raise friendly(exc) from None
        cursor = self.raw.cursor()
        if self.own_adapters:
            # a connection SQLAlchemy also uses keeps its own loaders; this cursor has ours
            _sqlite_like_loaders(cursor.adapters)
        try:
            cursor.execute(to_pyformat(sql), params or {})
        except Exception as exc:
            raise friendly(exc) from None
        return cursor


class PgReader:
    """connection.Reader's interface on a PostgreSQL connection."""

    dialect = for_engine("postgresql")

    def __init__(self, conn: Any, *, own_adapters: bool = False) -> None:
        self.conn = _Conn(conn, own_adapters)

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [col.name for col in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def one(self, sql: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None


def friendly(exc: BaseException, where: ServerDatabase | None = None) -> DatabaseProblem:
    """A psycopg (or SQLAlchemy-wrapped) error as one line with a hint, password masked."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    message = "; ".join(lines[:2]) or type(orig).__name__
    if where is not None:
        message = where.mask(message)
    import psycopg

    if isinstance(orig, psycopg.OperationalError) and "connection" in message.lower():
        target = f" to {where}" if where is not None else ""
        return DatabaseProblem(
            f"cannot connect{target}: {message}",
            "check the server, the URL and your password (PGPASSWORD, ~/.pgpass); nothing was changed",
        )
    if isinstance(orig, psycopg.errors.UndefinedTable) and "undo_" in message:
        return DatabaseProblem(
            "this network has no undo history yet",
            "it starts with the next write by the role that owns the tables; nothing was changed",
        )
    if isinstance(orig, psycopg.errors.InsufficientPrivilege):
        return DatabaseProblem(
            f"the server refused: {message}",
            "ask the server's owner for access; nothing was changed",
        )
    if isinstance(orig, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        return DatabaseProblem(
            "the database is busy in another program", "try again in a moment; nothing was changed"
        )
    return DatabaseProblem(f"database error: {message}", "run network doctor; nothing was changed")


def connect(where: ServerDatabase, *, autocommit: bool = True) -> Any:
    """A psycopg connection to the network's database (errors worded, password masked)."""
    import psycopg

    try:
        return psycopg.connect(where.url, autocommit=autocommit, connect_timeout=10)
    except psycopg.Error as exc:
        raise friendly(exc, where) from None


class NoNetwork(DatabaseProblem):
    """A read pointed at a database where no write has set a network up yet."""

    def __init__(self, where: ServerDatabase) -> None:
        super().__init__(
            f"no network in {where} yet",
            "add someone (network add NAME): the first write sets the database up",
        )


def _version_in_one_trip(conn: Any) -> int | None:
    """The schema version on an autocommit connection: one statement, where a missing table
    is an error that spoils no transaction (migrations.pg_version asks first, in two)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except Exception as exc:
        if getattr(exc, "sqlstate", None) == "42P01":  # undefined_table: nothing set up yet
            return None
        raise
    if row is None:
        return None
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise DatabaseProblem(
            f"this network's schema version ({str(row[0])[:20]!r}) is not a number",
            "the database is damaged: restore it with pg_restore",
        ) from None


@contextmanager
def reading(where: ServerDatabase) -> Iterator[PgReader]:
    """A PgReader on a current database (a read never sets one up), closed afterwards."""
    from network.store import migrations
    from network.store.pg_lean import LeanConnection

    # psycopg's libpq layer only (store/pg_lean.py): a read does not load psycopg whole
    try:
        conn = LeanConnection(where.url)
    except Exception as exc:
        raise friendly(exc, where) from None
    try:
        version = _version_in_one_trip(conn)
        if version is None:
            raise NoNetwork(where)
        if version != migrations.SCHEMA_VERSION:
            _bring_forward(where)
        yield PgReader(conn)
    except DatabaseProblem:
        raise
    except Exception as exc:
        import psycopg

        if isinstance(exc, psycopg.Error):
            raise friendly(exc, where) from None
        raise
    finally:
        conn.close()


def _bring_forward(where: ServerDatabase) -> None:
    """Migrate the schema before a read, on a psycopg connection of its own, holding the
    write lock (a rare path: the first run after an upgrade)."""
    from network.store import migrations

    conn = connect(where, autocommit=False)
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            migrations.pg_ensure_current(conn, where)
        conn.commit()
    finally:
        conn.close()


@contextmanager
def write_session(where: ServerDatabase, *, dry_run: bool = False) -> Iterator[Any]:
    """A SQLModel session in one transaction holding the network's write lock: committed on
    success, rolled back on any error (and always, on a dry run — even the schema a first
    write sets up, since PostgreSQL's DDL is transactional)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool
    from sqlmodel import Session

    from network.store import migrations

    first = [connect(where, autocommit=False)]
    engine = create_engine(
        where.sqlalchemy_url,
        creator=lambda: first.pop() if first else connect(where, autocommit=False),
        poolclass=NullPool,
    )
    created: list[bool] = []

    has_undo: list[bool] = []

    @event.listens_for(engine, "begin")
    def _lock_then_check(conn):  # pragma: no cover - exercised by every write
        raw = conn.connection.driver_connection
        # the lock, and whether the undo history is there, in one round trip
        row = raw.execute(
            "SELECT pg_advisory_xact_lock(%s), to_regclass('undo_log') IS NOT NULL",
            (WRITE_LOCK,),
        ).fetchone()
        created.append(migrations.pg_ensure_current(raw, where))
        has_undo.append(bool(row[1]) or created[-1] or _add_undo(raw))

    try:
        with Session(engine, expire_on_commit=False) as session:
            try:
                session.connection()  # BEGIN, the lock, the schema: before any use case's SQL
                # no history on a database set up before undo came to PostgreSQL, for a role
                # that may not add it (not the tables' owner): the write goes ahead without
                session.info["undo_off"] = not has_undo[-1]
                yield session
                if dry_run:
                    session.rollback()
                else:
                    session.commit()
                    if any(created):
                        from network.common import notices

                        notices.tell(f"Set up a new network in {where}")
            except BaseException:
                session.rollback()
                raise
    except DatabaseProblem:
        raise
    except Exception as exc:
        import psycopg

        if isinstance(getattr(exc, "orig", exc), psycopg.Error):
            raise friendly(exc, where) from None
        raise
    finally:
        engine.dispose()
        for unused in first:
            unused.close()


def _add_undo(raw: Any) -> bool:
    """Give a database set up before undo came to PostgreSQL its history (undo's tables and
    triggers), when this role may (it owns the tables); False when it may not."""
    import psycopg

    from network.store import undo

    try:
        with raw.transaction():  # a savepoint: a refusal spoils nothing else
            undo.pg_install(raw)
    except psycopg.errors.InsufficientPrivilege:
        return False
    return True


def session_reader(session: Any) -> PgReader:
    """A PgReader inside a write session's transaction (the write lock already held)."""
    return PgReader(session.connection().connection.driver_connection, own_adapters=True)


def in_snapshot(where: ServerDatabase, work: Any) -> Any:
    """work(SQLAlchemy connection) in one read-only REPEATABLE READ transaction: every
    table as of the same moment, no lock taken (an export, a backup's picture)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    with reading(where):  # the schema is current, or a clear error
        pass
    engine = create_engine(
        where.sqlalchemy_url,
        creator=lambda: connect(where, autocommit=False),
        poolclass=NullPool,
        isolation_level="REPEATABLE READ",
    )
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            try:
                return work(conn)
            finally:
                conn.rollback()
    except Exception as exc:
        import psycopg

        if isinstance(getattr(exc, "orig", exc), psycopg.Error):
            raise friendly(exc, where) from None
        raise
    finally:
        engine.dispose()


# --- care: doctor, backup, restore on a server ---------------------------------------------


def examine(where: ServerDatabase, report: dict[str, Any]) -> dict[str, Any]:
    """doctor's report for a server database, filled into doctor's blank one: schema version
    and row counts (the server checks integrity and foreign keys itself; files, modes and
    mounts are the server's)."""
    from network.store.migrations import SCHEMA_VERSION, pg_version

    try:
        conn = connect(where)
    except DatabaseProblem as exc:
        report["problems"].append(f"{exc} — {exc.hint}")
        return report
    try:
        report["exists"] = True
        version = pg_version(conn)
        report["schema_version"] = version
        server = conn.execute("SHOW server_version").fetchone()[0]
        # the engine and server, where a file's mount is told (Checkup has no engine field
        # yet; the view prints type and mount)
        report["filesystem"] = {
            "type": f"PostgreSQL {server}",
            "mount": str(where),
            "engine": "postgresql",
            "server_version": str(server),
        }
        if version is None:
            report["problems"].append(
                "no network in this database yet (the first write sets it up)"
            )
            return report
        if version > SCHEMA_VERSION:
            report["problems"].append(
                f"schema version {version} is newer than this program understands "
                f"({SCHEMA_VERSION}); upgrade network"
            )
        report["integrity"] = report["foreign_keys"] = "ok"  # enforced by the server
        for table in ("person", "entry", "strength", "obligation", "link"):
            report["counts"][table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        report["sizes"]["database"] = int(size)
    except Exception as exc:
        import psycopg

        if not isinstance(exc, psycopg.Error):
            raise
        report["problems"].append(str(friendly(exc, where)))
    finally:
        conn.close()
    return report
