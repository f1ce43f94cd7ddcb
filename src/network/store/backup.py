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

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from network.common.errors import DatabaseProblem
from network.store.copies import (
    BUSY_SECONDS,
    as_problem,
    copy_to,
    default_path,
    discard,
    free_name,
    give_up_after,
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
    from network.store import connection as db

    if not db_path.is_file():
        raise DatabaseProblem(f"there is no database at {db_path} yet", "nothing to back up")
    target = dest if dest is not None else free_name(default_path(db_path, now))
    if target.exists() and target.is_dir():
        target = free_name(target / default_path(db_path, now).name)
    if _same_file(target, db_path):
        raise DatabaseProblem(
            "the backup cannot overwrite the database itself", "choose another PATH"
        )
    source = db.raw_connect(db_path)
    try:
        copy_to(source, target)
    finally:
        source.close()
    return check(target)


@dataclass
class Restored:
    """The outcome of a restore: what came in, and where the replaced content was kept."""

    restored: Checked
    kept: Path | None


def restore(db_path: Path, source_path: Path, now: datetime | None = None) -> Restored:
    """`network restore`: check the backup, keep the current content aside, then replace it."""
    from network.store import connection as db

    checked = check(source_path)
    if db_path.exists() and _same_file(source_path, db_path):
        raise DatabaseProblem(
            "that is the database itself, not a backup", "give the path of a backup file"
        )
    if db._read_only(db_path):
        raise DatabaseProblem(
            f"{db_path} is read-only", "check its permissions; nothing was changed"
        )
    kept = None
    converted = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    live = db.raw_connect(db_path)
    try:
        has_content = live.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if has_content:
            kept = copy_to(
                live, free_name(db_path.with_name(f"{db_path.stem}-before-restore-{stamp(now)}.db"))
            )
        incoming = _with_page_size(
            source_path, live.execute("PRAGMA page_size").fetchone()[0], converted
        )
        try:
            # SQLite writes the whole file under its write lock, through the WAL, so other
            # processes wait (busy timeout) and then see the restored content
            incoming.backup(live, progress=give_up_after(BUSY_SECONDS))
        except sqlite3.Error as exc:
            raise as_problem(exc, "restoring into", db_path) from None
        finally:
            incoming.close()
        problems = integrity(live)
    finally:
        live.close()
        discard(converted)
    if problems:
        raise DatabaseProblem(
            f"the restored database failed its check: {problems[0]}",
            f"your previous content is in {kept}" if kept else "run network doctor",
        )
    return Restored(checked, kept)


def _with_page_size(source_path: Path, page_size: int, scratch: Path) -> sqlite3.Connection:
    """The backup opened for reading, converted to the live file's page size if it differs.

    SQLite cannot back up into a WAL database with another page size; a copy vacuumed to
    the right size (a scratch file, removed afterwards) can.
    """
    uri = f"{source_path.resolve().as_uri()}?mode=ro"
    incoming = sqlite3.connect(uri, uri=True, isolation_level=None)
    if incoming.execute("PRAGMA page_size").fetchone()[0] == page_size:
        return incoming
    try:
        discard(scratch)
        copy_to(incoming, scratch)
    finally:
        incoming.close()
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {int(page_size)}")
        conn.execute("VACUUM")
    except sqlite3.Error as exc:
        conn.close()
        raise as_problem(exc, "converting", scratch) from None
    return conn


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
