"""Consistent copies of the database file, checked before they are trusted.

Every copy goes through SQLite's online backup API in a single step: it reads one
consistent snapshot while other processes keep writing (WAL readers never block
writers), and a restore writes the whole file under SQLite's own write lock, so a
process that is using the database at that moment sees either the old content or the
restored one, never a mix. Copies are written to a hidden temporary file owner-only,
checked, and renamed into place, so an interrupted backup never leaves a half file
under the final name. Only the standard library is used here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from network.common.errors import DatabaseProblem
from network.store.copies import (
    as_problem,
    copy_to,
    default_path,
    discard,
    integrity,
    stamp,
)


@dataclass
class Checked:
    """What a backup file holds, once it has passed its checks."""

    path: Path
    schema_version: int
    people: int
    entries: int


def check(path: Path) -> Checked:
    """Open a backup read-only and prove it is a sound network database this version can use."""
    from network.store.migrations import SCHEMA_VERSION

    if not path.is_file():
        raise DatabaseProblem(
            f"no backup file at {path}", "give the path of a file made by network backup"
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseProblem(
            f"cannot open {path}: {exc}", "give the path of a file made by network backup"
        ) from None
    try:
        try:
            problems = integrity(conn)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DatabaseProblem(
                f"{path} is not a network database ({exc})",
                "give the path of a file made by network backup",
            ) from None
        if problems:
            raise DatabaseProblem(f"{path} is damaged: {problems[0]}", "use another backup")
        if row is None:
            raise DatabaseProblem(
                f"{path} is not a network database",
                "give the path of a file made by network backup",
            )
        version = int(row[0])
        if version > SCHEMA_VERSION:
            raise DatabaseProblem(
                f"{path} uses schema version {version}, "
                f"newer than this network understands ({SCHEMA_VERSION})",
                "upgrade network to restore it",
            )
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
    finally:
        conn.close()
    return Checked(path, version, people, entries)


def backup(db_path: Path, dest: Path | None, now: datetime | None = None) -> Checked:
    """`network backup`: a consistent copy of the database, even while it is in use."""
    from network.common.paths import ServerDatabase
    from network.store import connection as db

    if isinstance(db_path, ServerDatabase):  # pg_dump
        from network.store import pg_dump

        return pg_dump.backup(db_path, dest, now)
    if not db.exists(db_path) or not db_path.is_file():
        raise DatabaseProblem(f"there is no database at {db_path} yet", "nothing to back up")
    unique = dest is None or dest.is_dir()  # a name we chose may take a suffix; yours not
    target = dest if dest is not None else default_path(db_path, now)
    if target.is_dir():
        target = target / default_path(db_path, now).name
    if _same_file(target, db_path):
        raise DatabaseProblem(
            "the backup cannot overwrite the database itself", "choose another PATH"
        )
    source = db.raw_connect(db_path)
    try:
        target = copy_to(source, target, unique=unique)
    finally:
        source.close()
    return check(target)


@dataclass
class Restored:
    """The outcome of a restore: what came in, and where the replaced content was kept."""

    restored: Checked
    kept: Path | None


def restore(db_path: Path, source_path: Path, now: datetime | None = None) -> Restored:
    """`network restore`: check the backup, keep the current content aside, then replace it.

    The whole swap is one write transaction on the live file, taken before the aside copy
    is read: a write by another process either committed before it (and is in the aside
    copy) or waits on the lock and lands on the restored content. Nothing falls between.
    """
    from network.common.paths import ServerDatabase

    if isinstance(db_path, ServerDatabase):  # pg_restore in one transaction
        from network.store import pg_dump

        return pg_dump.restore(db_path, source_path, now)
    from network.store import connection as db
    from network.store.migrations import SCHEMA_VERSION

    checked = check(source_path)
    if db_path.exists() and _same_file(source_path, db_path):
        raise DatabaseProblem(
            "that is the database itself, not a backup", "give the path of a backup file"
        )
    if db._read_only(db_path):
        raise DatabaseProblem(
            f"{db_path} is read-only", "check its permissions; nothing was changed"
        )
    live = db.raw_connect(db_path)
    kept = None
    try:
        # URIs let the backup be attached read-only: a restore never writes to the backup
        live.execute(
            "ATTACH DATABASE ? AS incoming", (f"{source_path.resolve().as_uri()}?mode=ro",)
        )
        live.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table
        live.execute("BEGIN IMMEDIATE")
        try:
            if _objects(live, "main"):
                version = _live_version(live)
                if version is None:
                    raise DatabaseProblem(
                        f"{db_path} is not a network database; restore will not replace it",
                        "point --db at your network database, or at a new file",
                    )
                if version > SCHEMA_VERSION:
                    raise DatabaseProblem(
                        f"{db_path} uses schema version {version}, newer than this "
                        f"network understands ({SCHEMA_VERSION})",
                        "upgrade network before restoring into it; nothing was changed",
                    )
                aside = db_path.with_name(f"{db_path.stem}-before-restore-{stamp(now)}.db")
                kept = _copy_committed(db_path, aside)
            _replace_content(live)
            problems = integrity(live)
            if problems:
                raise DatabaseProblem(
                    f"the restored database failed its check: {problems[0]}",
                    "nothing was changed; try another backup",
                )
            live.execute("COMMIT")
        except BaseException:
            live.execute("ROLLBACK")
            if kept is not None:
                discard(kept)  # nothing was replaced, so there is nothing to keep aside
            raise
    except sqlite3.Error as exc:
        raise as_problem(exc, "restoring into", db_path) from None
    finally:
        with contextlib.suppress(sqlite3.Error):
            live.execute("DETACH DATABASE incoming")
        live.close()
    return Restored(checked, kept)


def _live_version(conn: sqlite3.Connection) -> int | None:
    """The live file's schema version (named `main.`: the attached backup has a meta too)."""
    try:
        row = conn.execute("SELECT value FROM main.meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row and str(row[0]).isdigit() else None


def _copy_committed(db_path: Path, dest: Path) -> Path:
    """Copy what is committed in `db_path`, read through a second connection: the first
    holds the write lock, and SQLite will not back up from inside a write transaction."""
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        return copy_to(reader, dest, unique=True)
    finally:
        reader.close()


def _objects(conn: sqlite3.Connection, schema: str) -> list[tuple[str, str, str | None]]:
    """(type, name, sql) of the schema's own objects, SQLite's internals left out."""
    return conn.execute(
        f"SELECT type, name, sql FROM {schema}.sqlite_master "
        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
    ).fetchall()


def _virtual(objects: list[tuple[str, str, str | None]]) -> set[str]:
    return {
        name
        for kind, name, sql in objects
        if kind == "table" and (sql or "").upper().startswith("CREATE VIRTUAL")
    }


def _replace_content(conn: sqlite3.Connection) -> None:
    """Inside the caller's transaction: drop every object of the live schema, then rebuild
    it from the attached backup — tables and their rows first, then indexes and triggers
    (so no trigger fires on the copy). A full-text table is created by its own statement,
    which makes its shadow tables; their rows are then copied like any other table's."""
    old = _objects(conn, "main")
    for kind in ("trigger", "view", "index"):
        for _, name, _ in (o for o in old if o[0] == kind):
            conn.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')
    virtual = _virtual(old)
    # virtual tables first: dropping one drops its shadow tables
    for name in [*sorted(virtual), *(n for k, n, _ in old if k == "table" and n not in virtual)]:
        conn.execute(f'DROP TABLE IF EXISTS main."{name}"')
    new = _objects(conn, "incoming")
    virtual = _virtual(new)
    tables = [(name, sql) for kind, name, sql in new if kind == "table" and sql]
    shadows = {n for n, _ in tables if any(n.startswith(f"{v}_") for v in virtual)}
    for _, sql in (t for t in tables if t[0] not in shadows):
        conn.execute(sql)
    for name in (n for n, _ in tables if n not in virtual):
        conn.execute(f'DELETE FROM main."{name}"')  # a new shadow table starts with a row
        conn.execute(f'INSERT INTO main."{name}" SELECT * FROM incoming."{name}"')
    has_sequence = "SELECT count(*) FROM {}.sqlite_master WHERE name = 'sqlite_sequence'"
    if conn.execute(has_sequence.format("main")).fetchone()[0]:
        conn.execute("DELETE FROM main.sqlite_sequence")
        if conn.execute(has_sequence.format("incoming")).fetchone()[0]:
            conn.execute("INSERT INTO main.sqlite_sequence SELECT * FROM incoming.sqlite_sequence")
    for kind, _, sql in new:
        if kind in ("index", "trigger", "view") and sql:
            conn.execute(sql)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
