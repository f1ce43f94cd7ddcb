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


def stamp(now: datetime | None = None) -> str:
    """A timestamp for file names that sorts in time order: 20261122-142301."""
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def default_path(db_path: Path, now: datetime | None = None) -> Path:
    """Where `network backup` writes without a PATH: beside the database, timestamped."""
    return db_path.with_name(f"{db_path.stem}-backup-{stamp(now)}.db")


def free_name(path: Path) -> Path:
    """`path`, or `path` with -2, -3… before the suffix if that name is taken."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


# how long a copy may wait for other processes' locks before giving up
BUSY_SECONDS = 30.0


class _TooBusy(sqlite3.OperationalError):
    """The database stayed locked by others for longer than we wait."""


def _give_up_after(seconds: float):
    """A progress callback: sqlite3 retries a locked backup step forever; stop after a while."""
    import time

    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise _TooBusy("database is locked")

    return progress


def _owner_only_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)


def _word(exc: BaseException, action: str, path: Path) -> DatabaseProblem:
    text = getattr(exc, "strerror", None) or str(exc)
    if "full" in text.lower() or getattr(exc, "errno", None) == 28:
        return DatabaseProblem(
            f"the disk is full while {action} {path}", "free some space; nothing was changed"
        )
    if isinstance(exc, _TooBusy) or "locked" in text.lower():
        return DatabaseProblem(
            f"the database stayed busy while {action} {path}",
            "try again in a moment; nothing was changed",
        )
    if (
        "read-only" in text.lower()
        or "readonly" in text.lower()
        or isinstance(exc, PermissionError)
    ):
        return DatabaseProblem(f"cannot write {path}: {text}", "choose a folder you can write to")
    return DatabaseProblem(f"{action} {path} failed: {text}", "check the path and free space")


def copy_to(source: sqlite3.Connection, dest: Path) -> Path:
    """Write a consistent, self-contained, owner-only copy of `source` at a new `dest`."""
    if dest.exists():
        raise DatabaseProblem(f"{dest} already exists", "choose another name, or remove it first")
    folder = dest.parent
    if not folder.is_dir():
        raise DatabaseProblem(
            f"the folder {folder} does not exist", "create it first, or choose another path"
        )
    partial = folder / f".{dest.name}.partial-{os.getpid()}"
    try:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        _owner_only_file(partial)
        target = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(target, progress=_give_up_after(BUSY_SECONDS))  # one step: one snapshot
            # a backup is one file, with no -wal beside it to lose
            target.execute("PRAGMA journal_mode = DELETE")
            problems = _integrity(target)
            if problems:
                raise DatabaseProblem(
                    f"the copy failed its check: {problems[0]}", "run network doctor"
                )
        finally:
            target.close()
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, dest)
    except DatabaseProblem:
        _discard(partial)
        raise
    except (OSError, sqlite3.Error) as exc:
        _discard(partial)
        raise _word(exc, "writing", dest) from None
    except BaseException:
        _discard(partial)
        raise
    return dest


def _discard(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _integrity(conn: sqlite3.Connection) -> list[str]:
    """Problems found by SQLite's own checks (empty when the file is sound)."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"row {rowid} of {table} points at a missing {parent}")
    return problems


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
            problems = _integrity(conn)
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
            incoming.backup(live, progress=_give_up_after(BUSY_SECONDS))
        except sqlite3.Error as exc:
            raise _word(exc, "restoring into", db_path) from None
        finally:
            incoming.close()
        problems = _integrity(live)
    finally:
        live.close()
        _discard(converted)
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
        _discard(scratch)
        copy_to(incoming, scratch)
    finally:
        incoming.close()
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {int(page_size)}")
        conn.execute("VACUUM")
    except sqlite3.Error as exc:
        conn.close()
        raise _word(exc, "converting", scratch) from None
    return conn


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def migration_backup(
    conn: sqlite3.Connection, db_path: Path, version: int, now: datetime | None = None
) -> Path:
    """Before an upgrade: `<name>.schema<N>-<timestamp>.bak` beside the database, owner-only."""
    dest = free_name(db_path.with_name(f"{db_path.name}.schema{version}-{stamp(now)}.bak"))
    # `conn` holds the write lock, and SQLite will not back up from a connection inside a
    # write transaction; a second connection reads the last committed state, which nothing
    # can change while that lock is held
    try:
        reader = sqlite3.connect(db_path, isolation_level=None)
    except sqlite3.Error as exc:
        raise _word(exc, "reading", db_path) from None
    try:
        return copy_to(reader, dest)
    except DatabaseProblem as exc:
        raise DatabaseProblem(
            f"cannot write a backup before upgrading {db_path}: {exc}",
            "free some space or make the folder writable; nothing was changed",
        ) from None
    finally:
        reader.close()
