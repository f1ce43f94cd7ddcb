"""Looking after the data file: `backup`, `restore` and `doctor`.

The work is the store's (store/backup.py copies and checks, store/doctor.py examines);
these use cases hand it the clock and return typed results for the views.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from network.app.results import Result, doc


@dataclass
class BackedUp(Result):
    """A backup written and checked (`network backup`)."""

    path: Path = doc("where the copy is")
    people: int = doc("people in the copy")
    entries: int = doc("entries in the copy")


@dataclass
class Restored(Result):
    """A backup restored (`network restore`)."""

    path: Path = doc("the backup that was restored")
    people: int = doc("people restored")
    entries: int = doc("entries restored")
    kept: Path | None = doc("where the replaced content was kept, or null if there was none")


@dataclass
class Checkup(Result):
    """What `network doctor` found; `problems` make it exit 1, `warnings` do not.

    journal_mode and page_size are present only when the file could be opened as a database.
    """

    # keys left out of the JSON when null (the file could not be read as a database)
    OPTIONAL_KEYS: ClassVar[tuple[str, ...]] = ("journal_mode", "page_size")

    path: str = doc("the database file checked")
    exists: bool = doc("whether it is a regular file")
    program_schema_version: int = doc("the schema version this program writes")
    schema_version: int | None = doc("the file's schema version, or null")
    sizes: dict[str, int] = doc("bytes per file: the database and its -wal, -shm, -journal")
    permissions: dict[str, str] = doc("octal mode per file and for the folder")
    counts: dict[str, int] = doc("rows per table: person, entry, strength, obligation, link")
    integrity: str | list[str] | None = doc('"ok", or the first problems SQLite found')
    foreign_keys: str | list[str] | None = doc('"ok", or the first rows pointing nowhere')
    filesystem: dict[str, str] | None = doc("the mount point and file system type, if known")
    problems: list[str] = doc("what makes the file damaged or unusable")
    warnings: list[str] = doc("what is risky but works")
    journal_mode: str | None = doc("SQLite's journal mode (wal)", default=None)
    page_size: int | None = doc("SQLite's page size in bytes", default=None)


def backup(db_path: Path, dest: Path | None, now: datetime) -> BackedUp:
    """Copy the database to `dest` (beside it, named for `now`, if None) and check the copy."""
    from network.store import backup as backups

    done = backups.backup(db_path, dest, now)
    return BackedUp(path=done.path, people=done.people, entries=done.entries)


def restore(db_path: Path, source: Path, now: datetime) -> Restored:
    """Replace the database with a checked backup, keeping the current content aside."""
    from network.store import backup as backups

    done = backups.restore(db_path, source, now)
    return Restored(
        path=done.restored.path,
        people=done.restored.people,
        entries=done.restored.entries,
        kept=done.kept,
    )


def doctor(db_path: Path) -> Checkup:
    """Examine the database file: integrity, links, schema version, permissions, location."""
    from network.store.doctor import examine

    report = examine(db_path)
    return Checkup(**report)
