"""Copies of a SQLite database file: consistent, owner-only, checked, never half-written.

The primitives under `backup`, `restore` and the backup taken before a schema upgrade. They
sit apart from `backup` so that `migrations` can use them without importing the module that
itself needs `migrations` (the schema version). Only the standard library is used here.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from network.common.errors import DatabaseProblem


def stamp(now: datetime | None = None) -> str:
    """A timestamp for file names that sorts in time order: 20261122-142301."""
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def default_path(db_path: Path, now: datetime | None = None) -> Path:
    """Where `network backup` writes without a PATH: beside the database, timestamped."""
    return db_path.with_name(f"{db_path.stem}-backup-{stamp(now)}.db")


# how long a copy may wait for other processes' locks before giving up
BUSY_SECONDS = 30.0


class TooBusy(sqlite3.OperationalError):
    """The database stayed locked by others for longer than we wait."""


def give_up_after(seconds: float):
    """A progress callback: sqlite3 retries a locked backup step forever; stop after a while."""
    import time

    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise TooBusy("database is locked")

    return progress


def _owner_only_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)


def as_problem(exc: BaseException, action: str, path: Path) -> DatabaseProblem:
    text = getattr(exc, "strerror", None) or str(exc)
    if "full" in text.lower() or getattr(exc, "errno", None) == 28:
        return DatabaseProblem(
            f"the disk is full while {action} {path}", "free some space; nothing was changed"
        )
    if isinstance(exc, TooBusy) or "locked" in text.lower():
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


def copy_to(source: sqlite3.Connection, dest: Path, *, unique: bool = False) -> Path:
    """Write a consistent, self-contained, owner-only copy of `source` at a new `dest`, and
    return where it went: with `unique`, a name already taken (even by a copy finishing at
    the same moment) gets -2, -3… instead; without, it is an error. Never overwrites."""
    if dest.exists() and not unique:
        raise DatabaseProblem(f"{dest} already exists", "choose another name, or remove it first")
    folder = dest.parent
    if not folder.is_dir():
        raise DatabaseProblem(
            f"the folder {folder} does not exist", "create it first, or choose another path"
        )
    partial = scratch_name(folder, dest.name)
    try:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        _owner_only_file(partial)
        target = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(target, progress=give_up_after(BUSY_SECONDS))  # one step: one snapshot
            # a backup is one file, with no -wal beside it to lose
            target.execute("PRAGMA journal_mode = DELETE")
            problems = integrity(target)
            if problems:
                raise DatabaseProblem(
                    f"the copy failed its check: {problems[0]}", "run network doctor"
                )
        finally:
            target.close()
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        dest = _publish(partial, dest, unique)
    except DatabaseProblem:
        discard(partial)
        raise
    except (OSError, sqlite3.Error) as exc:
        discard(partial)
        raise as_problem(exc, "writing", dest) from None
    except BaseException:
        discard(partial)
        raise
    return dest


def _publish(partial: Path, dest: Path, unique: bool) -> Path:
    """Give the finished copy its name, atomically and only if that name is free.

    A hard link fails when the name exists, where a rename would silently replace it; on a
    file system without hard links the name is reserved exclusively, then renamed over.
    """
    candidate, n = dest, 1
    while True:
        try:
            _claim(partial, candidate)
            return candidate
        except FileExistsError:
            if not unique:
                raise DatabaseProblem(
                    f"{dest} already exists", "choose another name, or remove it first"
                ) from None
            n += 1
            candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")


def _claim(partial: Path, name: Path) -> None:
    """Move `partial` to `name`; FileExistsError if the name is taken."""
    try:
        os.link(partial, name)
    except FileExistsError:
        raise
    except OSError:
        _owner_only_file(name)  # raises FileExistsError when taken
        os.replace(partial, name)
        return
    partial.unlink()


# scratch files: `.<final name>.partial-<pid>-<random>`, so that a later run can tell that
# one was left by a process that died (SIGKILL, power cut) and remove it
_SCRATCH = re.compile(r"^\..+\.partial-(\d+)-[0-9a-f]{8}(-journal|-wal|-shm)?$")
_swept: set[Path] = set()


def scratch_name(folder: Path, final_name: str) -> Path:
    """A scratch file name unique to this process and call (two copies never share one)."""
    import secrets  # here, not at the top: it loads OpenSSL, which every read would pay for

    return folder / f".{final_name}.partial-{os.getpid()}-{secrets.token_hex(4)}"


def sweep_leftovers(folder: Path) -> None:
    """Remove scratch files in `folder` left by our own processes that no longer run
    (once per folder per process): a killed backup or restore may have left a full copy
    of the data, private notes included."""
    if folder in _swept:
        return
    _swept.add(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _SCRATCH.match(entry.name)
        if not match or int(match[1]) == os.getpid() or _running(int(match[1])):
            continue
        with contextlib.suppress(OSError):
            if entry.stat(follow_symlinks=False).st_uid == os.getuid() and entry.is_file(
                follow_symlinks=False
            ):
                os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or not a pid we can ask about: leave it
    return True


def discard(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def integrity(conn: sqlite3.Connection) -> list[str]:
    """Problems found by SQLite's own checks (empty when the file is sound)."""
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"row {rowid} of {table} points at a missing {parent}")
    return problems


def migration_backup(
    conn: sqlite3.Connection, db_path: Path, version: int, now: datetime | None = None
) -> Path:
    """Before an upgrade: `<name>.schema<N>-<timestamp>.bak` beside the database, owner-only."""
    dest = db_path.with_name(f"{db_path.name}.schema{version}-{stamp(now)}.bak")
    # `conn` holds the write lock, and SQLite will not back up from a connection inside a
    # write transaction; a second connection reads the last committed state, which nothing
    # can change while that lock is held
    try:
        reader = sqlite3.connect(db_path, isolation_level=None)
    except sqlite3.Error as exc:
        raise as_problem(exc, "reading", db_path) from None
    try:
        return copy_to(reader, dest, unique=True)
    except DatabaseProblem as exc:
        raise DatabaseProblem(
            f"cannot write a backup before upgrading {db_path}: {exc}",
            "free some space or make the folder writable; nothing was changed",
        ) from None
    finally:
        reader.close()
