"""Opening the SQLite file: one place for pragmas, permissions and the schema check.

Reads run on the standard library's sqlite3 (cheap to import); writes run through a
SQLModel session whose engine borrows the very same connection factory, so every
connection, whichever path opened it, has foreign keys, WAL and a busy timeout.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from network.common.errors import DatabaseProblem
from network.common.paths import ServerDatabase
from network.store.copies import sweep_leftovers
from network.store.dialect import sqlite as sqlite_dialect

# How long a write waits for another process's transaction before "busy" reaches the user.
# SQLite's handler sleeps with growing back-off; a minute covers a large import in another
# terminal and heavy contention between scripts (docs/reliability.md).
BUSY_TIMEOUT_MS = 60_000


def _prepare_location(path: Path) -> None:
    """Create the folder (owner-only) and an owner-only empty file on first use."""
    folder = path.parent
    if not folder.exists():
        old_umask = os.umask(0o077)  # parents we create are owner-only too
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise DatabaseProblem(
                f"cannot create the folder {folder}: {exc.strerror}",
                "choose another place with --db PATH or NETWORK_DB",
            ) from None
        finally:
            os.umask(old_umask)
    if not path.exists():
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
            os.close(fd)
        except FileExistsError:
            pass
        except OSError as exc:
            raise DatabaseProblem(
                f"cannot create the database {path}: {exc.strerror}",
                "choose another place with --db PATH or NETWORK_DB",
            ) from None


def raw_connect(path: Path) -> sqlite3.Connection:
    """A sqlite3 connection in autocommit mode with the pragmas every connection needs."""
    if path.is_dir():
        raise DatabaseProblem(f"{path} is a folder, not a database file", "give a file path")
    _prepare_location(path)
    # WAL companions inherit the umask; keep them owner-only like the file itself
    old_umask = os.umask(0o077)
    read_only = _read_only(path)
    try:
        if read_only:
            # a file marked read-only stays so, even for root (who could write it anyway)
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
            )
        else:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL is written into the file: switch only new files or ours, so that --db pointed
        # at someone else's SQLite file leaves it untouched (open_db then refuses it)
        tables = conn.execute(
            "SELECT count(*), count(CASE WHEN name = 'meta' THEN 1 END) FROM sqlite_master "
            "WHERE type = 'table'"
        ).fetchone()
        if tables[0] and not tables[1]:
            return conn
        # switching to WAL writes the header: not on a read-only file (reads work either way)
        pragma = "PRAGMA journal_mode" if read_only else "PRAGMA journal_mode = WAL"
        mode = conn.execute(pragma).fetchone()
        if mode is None:
            raise DatabaseProblem(f"{path} is not a database", "check the --db path")
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(
            f"cannot open {path}: {exc}", "check that it is a network database (network doctor)"
        ) from None
    finally:
        os.umask(old_umask)
    return conn


def open_db(path: Path, *, upgrade_backup: bool = True) -> sqlite3.Connection:
    """A ready connection: the file exists and its schema is current (an upgrade is backed
    up first, unless `upgrade_backup` is off: a dry run's scratch copy needs none)."""
    from network.store import migrations, rhythms

    conn = raw_connect(path)
    sweep_leftovers(path.parent)
    try:
        migrations.ensure_current(conn, path, backup=upgrade_backup)
        # the settings' rhythm per tie, and the stored due days in step with it
        rhythms.apply(conn, rewrite=upgrade_backup)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if not _is_damage(exc):
            raise
        raise _friendly(exc, path) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only(path: Path) -> bool:
    """True when the file exists and its owner-write bit is off or we may not write it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (mode & 0o200) or not os.access(path, os.W_OK)


class NoDatabase(DatabaseProblem):
    """A read pointed at a file that does not exist (reads never create one)."""

    def __init__(self, path: Path) -> None:
        from network.common.paths import default_db_path

        default = default_db_path()
        if path == default:
            hint = "nothing recorded yet: add someone (network add NAME), or try network demo"
        else:
            hint = f"check --db and NETWORK_DB; your default is {default}"
        super().__init__(f"no database at {path}", hint)


class Reader:
    """Runs read-side SQL (named parameters only, never formatted in) and returns dicts.

    `dialect` is the engine's fragments module (store/dialect/): PostgreSQL's reader
    (store/postgres.py) has the same interface and its own.
    """

    dialect = sqlite_dialect

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params or {})
        # zip over names read once: a row factory pays for cursor.description on every row
        names = [col[0] for col in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def one(self, sql: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None


class SessionReader(Reader):
    """The same interface inside a SQLModel session, so writes reuse the read queries."""

    def __new__(cls, session: Any) -> Any:
        if session.get_bind().dialect.name == "postgresql":
            from network.store import postgres

            return postgres.session_reader(session)
        return super().__new__(cls)

    def __init__(self, session: Any) -> None:
        self.session = session

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        from sqlalchemy import text

        result = self.session.execute(text(sql), params or {})
        return [dict(r._mapping) for r in result.all()]


@contextmanager
def reading(path: Path | ServerDatabase) -> Iterator[Reader]:
    """A Reader on a current database, closed afterwards; a read never creates the file."""
    if isinstance(path, ServerDatabase):
        from network.store import postgres

        with postgres.reading(path) as reader:
            yield reader
        return
    if not exists(path):
        raise NoDatabase(path)
    with database_errors(path):
        conn = open_db(path)
        try:
            yield Reader(conn)
        finally:
            conn.close()


def make_engine(path: Path, first: list[sqlite3.Connection] | None = None):
    """A SQLAlchemy engine whose connections come from raw_connect (after any in `first`,
    already open) and write with BEGIN IMMEDIATE."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    waiting = first if first is not None else []
    engine = create_engine(
        "sqlite://",
        creator=lambda: waiting.pop() if waiting else raw_connect(path),
        poolclass=NullPool,
    )

    # Take the write lock at BEGIN, not at the first write: a deferred transaction that
    # read first and then writes fails at once with "database is locked" when another
    # process committed in between; an immediate one waits for the busy timeout instead.
    @event.listens_for(engine, "begin")
    def _begin_immediate(conn):  # pragma: no cover - exercised by every write
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextmanager
def write_session(path: Path | ServerDatabase, *, dry_run: bool = False) -> Iterator[Any]:
    """A SQLModel session in one transaction: committed on success, rolled back on any error.

    A dry run is never committed, and writes nothing anywhere: a database that does not
    exist yet, or that needs an upgrade first, is worked on as a scratch copy, removed after.
    """
    if isinstance(path, ServerDatabase):
        from network.store import postgres

        with postgres.write_session(path, dry_run=dry_run) as session:
            yield session
        return
    if not dry_run:
        with _session(path, commit=True) as session:
            yield session
        return
    with _dry_run_target(path) as target, _session(target, commit=False) as session:
        yield session


@contextmanager
def _session(path: Path, *, commit: bool) -> Iterator[Any]:
    from sqlmodel import Session

    created = not exists(path)
    # the connection that created or migrated the schema is the session's first: the file
    # is opened once per command, not twice
    with database_errors(path):
        ready = [open_db(path, upgrade_backup=commit)]
    engine = make_engine(path, first=ready)
    failed = False
    try:
        # values read after commit (names, points for the message) must not reload
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                if commit:
                    session.commit()
                else:
                    session.rollback()
            except BaseException:
                failed = True
                session.rollback()
                raise
    except Exception as exc:
        failed = True
        if (problem := _worded(exc, path)) is not None:
            raise problem from None
        raise
    finally:
        engine.dispose()
        for unused in ready:
            unused.close()
        if created and failed:
            # a first write that failed (an unknown name, a bad date) leaves no empty
            # database behind: the command changed nothing, the file included
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
    if created and commit:
        from network.common import notices

        notices.tell(f"Created a new database at {path}")


@contextmanager
def _dry_run_target(path: Path) -> Iterator[Path]:
    """The file a dry run works on: the database itself when it is current (the session is
    rolled back), else a private scratch copy, removed afterwards."""
    import tempfile

    from network.store import migrations
    from network.store.copies import copy_to, discard, scratch_name

    if path.is_file():
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if migrations.current_version(conn) == migrations.SCHEMA_VERSION:
                yield path
                return
            folder = path.parent
            scratch = scratch_name(folder, path.name)
            copy_to(conn, scratch)
        finally:
            conn.close()
    else:
        folder = path.parent if path.parent.is_dir() else Path(tempfile.gettempdir())
        scratch = scratch_name(folder, path.name)
    try:
        yield scratch
    finally:
        discard(scratch)


def exists(path: Path) -> bool:
    """Whether the database file is there; a folder on the way that we may not enter is an
    error that says so (Path.exists raises PermissionError for it)."""
    try:
        return path.exists()
    except PermissionError:
        folder = next(
            (p for p in path.parents if os.access(p, os.F_OK) and not _enterable(p)), None
        )
        where = folder or path.parent
        raise DatabaseProblem(
            f"cannot reach {path}: the folder {where} cannot be entered (permission denied)",
            f"make it yours to enter (chmod u+rwx '{where}'), or use --db PATH",
        ) from None


def _enterable(folder: Path) -> bool:
    return os.access(folder, os.X_OK)


def _is_damage(exc: BaseException) -> bool:
    """A sqlite3 error about the file rather than about our own SQL: busy, read-only, full,
    damaged pages or index, a schema that lacks what we ask for. Integrity and programming
    errors are ours (bugs, or handled where they happen) and pass through."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    )


@contextmanager
def database_errors(path: Path) -> Iterator[None]:
    """Turn a sqlite3 error about the file (raised directly or wrapped by SQLAlchemy) into
    one DatabaseProblem the user can act on."""
    try:
        yield
    except Exception as exc:
        if (problem := _worded(exc, path)) is not None:
            raise problem from None
        raise


def _worded(exc: Exception, path: Path) -> DatabaseProblem | None:
    """The error about the file, worded for people, or None when it is not one."""
    if isinstance(exc, MemoryError):
        # SQLite's "out of memory" (sqlite3 raises MemoryError for it), or Python's: a small
        # command runs out when a damaged page or search index gives a length SQLite then
        # tries to allocate (garbled full-text blocks do, one time in thirty), or on a
        # machine short of memory; the doctor tells which, so no restore is urged
        return DatabaseProblem(
            f"ran out of memory reading the database {path}",
            "run network doctor: restore a backup only if it finds damage; nothing was changed",
        )
    # SQLAlchemy wraps driver errors; unwrap to the sqlite3 one to word it for people
    orig = getattr(exc, "orig", exc)
    return _friendly(orig, path) if _is_damage(orig) else None


# Words for a damaged file: what happened, and the two ways back.
_DAMAGED_HINT = (
    "run network doctor, then restore a backup (network restore PATH); nothing was changed"
)


def _friendly(exc: Exception, path: Path) -> DatabaseProblem:
    message = str(exc)
    if "readonly" in message or "read-only" in message:
        return DatabaseProblem(f"{path} is read-only", "check its permissions; nothing was changed")
    if "locked" in message or "busy" in message:
        return DatabaseProblem(
            "the database is busy in another program", "try again in a moment; nothing was changed"
        )
    if "disk" in message and "full" in message:
        return DatabaseProblem("the disk is full", "free some space; nothing was changed")
    if "vtable constructor failed" in message or "fts5:" in message:
        return DatabaseProblem(
            f"the database {path} is damaged: its search index cannot be read ({message})",
            _DAMAGED_HINT,
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        # a damaged page or full-text index: every command that reads it would fail
        return DatabaseProblem(f"the database {path} is damaged ({message})", _DAMAGED_HINT)
    if message.startswith(("no such column", "no such table")):
        # an old or hand-edited file: the schema lacks what this version reads
        return DatabaseProblem(
            f"the database {path} is missing part of its schema ({message})", _DAMAGED_HINT
        )
    return DatabaseProblem(f"database error: {message}", "run network doctor")
