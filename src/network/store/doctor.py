"""`network doctor`: look at the database file without changing it, and say what is wrong.

The checks: SQLite's integrity and foreign-key checks, the schema version against this
program's, owner-only permissions on the file, its WAL companions and its folder, and
where the file lives: on a network filesystem or in a folder a cloud service syncs,
SQLite's file locking cannot be trusted and two machines can corrupt the file.
Only the standard library is used; the file is opened read-only and never migrated.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

# file systems whose locks SQLite cannot rely on (see sqlite.org/lockingv3.html, "How to corrupt")
NETWORK_FS = (
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smbfs",
    "smb3",
    "9p",
    "afs",
    "ncpfs",
    "coda",
    "davfs",
    "fuse.sshfs",
    "sshfs",
    "fuse.s3fs",
    "fuse.rclone",
    "fuse.gcsfuse",
    "glusterfs",
    "fuse.glusterfs",
    "ceph",
    "fuse.ceph",
    "lustre",
    "gpfs",
    "fuse.davfs2",
    "virtiofs",
    "vboxsf",
    "fuse.dropbox",
)
# path parts that mean a sync client copies the folder to other machines behind SQLite's back
CLOUD_MARKERS = (
    "dropbox",
    "onedrive",
    "icloud",
    "icloud drive",
    "mobile documents",
    "google drive",
    "googledrive",
    "my drive",
    "nextcloud",
    "owncloud",
    "pcloud",
    "box sync",
    "sync.com",
    "megasync",
    "mega",
    "seafile",
    "tresorit",
    "syncthing",
    "yandex.disk",
    "cloudstorage",
)
# files a sync client leaves in the folders it syncs
CLOUD_FILES = (
    ".stfolder",
    ".dropbox",
    ".dropbox.cache",
    ".sync",
    ".nextcloudsync.log",
    ".owncloudsync.log",
)


def mount_of(path: Path, mounts_file: Path = Path("/proc/mounts")) -> tuple[str, str] | None:
    """(mount point, file system type) of the deepest mount holding `path` (from /proc/mounts)."""
    try:
        lines = mounts_file.read_text().splitlines()
    except OSError:
        return None
    target = str(path)
    best: tuple[str, str] | None = None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, parts[2])
    return best


def network_fs(fs_type: str) -> bool:
    """True for file systems whose locking SQLite cannot trust."""
    kind = fs_type.lower()
    return kind in NETWORK_FS or kind.startswith(("nfs", "smb", "cifs", "fuse.sshfs"))


def cloud_synced(path: Path) -> str | None:
    """The reason to think a sync service copies this folder, or None."""
    for part in path.parts:
        lowered = part.lower()
        for marker in CLOUD_MARKERS:
            if (
                lowered == marker
                or lowered.startswith(marker + " ")
                or lowered.startswith(marker + "-")
                or (len(marker) > 4 and marker in lowered)
            ):
                return f'it is inside "{part}"'
    for folder in (path, *path.parents):
        for name in CLOUD_FILES:
            if (folder / name).exists():
                return f"{folder / name} marks a synced folder"
    return None


def _mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def _blank(where: str, *, exists: bool) -> dict[str, Any]:
    """A report with nothing found yet: every key doctor's result has, on either engine."""
    from network.store.migrations import SCHEMA_VERSION

    return {
        "path": where,
        "exists": exists,
        "program_schema_version": SCHEMA_VERSION,
        "schema_version": None,
        "sizes": {},
        "permissions": {},
        "counts": {},
        "integrity": None,
        "foreign_keys": None,
        "filesystem": None,
        "problems": [],
        "warnings": [],
    }


def examine(db_path: Path) -> dict[str, Any]:
    """Everything doctor reports, as plain data; `problems` and `warnings` say what is wrong."""
    from network.common.paths import ServerDatabase
    from network.store.migrations import SCHEMA_VERSION

    if isinstance(db_path, ServerDatabase):
        from network.store import postgres

        return postgres.examine(db_path, _blank(str(db_path), exists=False))
    path = db_path.expanduser()
    try:
        resolved = path.resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop, a folder we may not enter
        from network.common.errors import DatabaseProblem

        raise DatabaseProblem(
            f"cannot follow the path {path}: {exc}", "check the --db path and its links"
        ) from None
    from network.store.connection import exists

    exists(path)  # a folder on the way we may not enter: one line naming it
    report = _blank(str(path), exists=path.is_file())
    problems: list[str] = report["problems"]
    warnings: list[str] = report["warnings"]

    folder = resolved.parent
    mode = _mode(folder)
    if mode is not None:
        report["permissions"][str(folder)] = oct(mode)
        if mode & 0o077:
            warnings.append(
                f"the folder {folder} can be entered by other users ({oct(mode)}); "
                f"make it owner-only: chmod 700 '{folder}'"
            )
    mount = mount_of(resolved)
    if mount:
        report["filesystem"] = {"mount": mount[0], "type": mount[1]}
        if network_fs(mount[1]):
            warnings.append(
                f"the database is on a network file system ({mount[1]} at {mount[0]}), "
                "where SQLite's "
                "locking cannot be trusted; keep it on a local disk (--db or NETWORK_DB)"
            )
    synced = cloud_synced(resolved)
    if synced:
        warnings.append(
            f"the database looks like it is in a cloud-synced folder ({synced}); "
            "sync services copy files behind SQLite's back and can corrupt or fork it: "
            "keep it on a local disk and use "
            "network backup to put copies there"
        )

    if not report["exists"]:
        if path.is_dir():
            problems.append(f"{path} is a folder, not a database file; give a file path")
        elif path.exists():
            problems.append(f"{path} is not a regular file; give the path of a database file")
        else:
            warnings.append(f"there is no database at {path} yet; it is created on first use")
        return report

    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = Path(f"{resolved}{suffix}")
        if companion.exists():
            report["sizes"][companion.name] = companion.stat().st_size
            file_mode = _mode(companion)
            report["permissions"][companion.name] = oct(file_mode or 0)
            if file_mode is not None and file_mode & 0o077:
                warnings.append(
                    f"{companion} can be read by other users ({oct(file_mode)}); "
                    f"make it owner-only: chmod 600 '{companion}'"
                )
    for backup in sorted(folder.glob(f"{resolved.stem}-b*-*.db")) + sorted(
        folder.glob(f"{resolved.name}.schema*.bak")
    ):
        file_mode = _mode(backup)
        if file_mode is not None and file_mode & 0o077:
            warnings.append(f"the backup {backup} can be read by other users; chmod 600 '{backup}'")

    # A -journal left by a crash is "hot": SQLite rolls it back when the file is opened for
    # writing, which is the recovery, not damage. A read-only open cannot, and would call a
    # sound file unreadable; so doctor opens for writing when it may (it writes nothing:
    # its one INSERT, the full-text check, runs in a transaction that is rolled back).
    writable = bool((_mode(resolved) or 0) & 0o200) and os.access(resolved, os.W_OK)
    writable = writable and os.access(folder, os.W_OK)
    try:
        conn = sqlite3.connect(
            f"{resolved.as_uri()}{'' if writable else '?mode=ro'}",
            uri=True,
            isolation_level=None,
            timeout=10,
        )
    except sqlite3.Error as exc:
        problems.append(f"cannot open the database: {exc}")
        return report
    try:
        _check_database(conn, report, SCHEMA_VERSION)
    except sqlite3.DatabaseError as exc:
        problems.append(f"the file cannot be read as a database: {exc}")
    finally:
        conn.close()
    return report


def _check_database(conn: sqlite3.Connection, report: dict[str, Any], program_version: int) -> None:
    problems: list[str] = report["problems"]
    warnings: list[str] = report["warnings"]
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    report["integrity"] = "ok" if integrity == ["ok"] else integrity[:20]
    if integrity != ["ok"]:
        problems.append(
            f"integrity check failed: {integrity[0]} — restore a backup (network restore PATH)"
        )
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    report["foreign_keys"] = (
        "ok" if not broken else [f"{t} row {r} -> {p}" for t, r, p, _ in broken[:20]]
    )
    if broken:
        problems.append(
            f"{len(broken)} rows point at missing rows (first: {broken[0][0]} row {broken[0][1]})"
        )
    report["journal_mode"] = conn.execute("PRAGMA journal_mode").fetchone()[0]
    report["page_size"] = conn.execute("PRAGMA page_size").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        problems.append("this is not a network database (no meta table)")
        return
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    version = int(row[0]) if row and str(row[0]).isdigit() else None
    report["schema_version"] = version
    if row is not None and version is None:
        problems.append(
            f"the schema version ({str(row[0])[:20]!r}) is not a number: the file is damaged; "
            "restore a backup (network restore PATH)"
        )
    elif version is None:
        problems.append("the file has no schema version")
    elif version > program_version:
        problems.append(
            f"schema version {version} is newer than this program understands "
            f"({program_version}); upgrade network"
        )
    elif version < program_version:
        warnings.append(
            f"schema version {version} will be upgraded to {program_version} on next use "
            "(a backup is made first)"
        )
    for table in ("person", "entry", "strength", "obligation", "link"):
        if table in tables:
            report["counts"][table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    if version == program_version:
        problems.extend(_schema_differences(conn))
        problems.extend(_search_index_problems(conn, tables))
        problems.extend(_capture_problems(conn, tables))


# capture keeps a subject at most (300 characters, with its "e-mail, you wrote: " head)
CAPTURED_TEXT_LIMIT = 330


def _capture_problems(conn: sqlite3.Connection, tables: set[str]) -> list[str]:
    """Capture never stores a message body: no entry it wrote and no queued item may hold
    more text than a subject."""
    if "capture_item" not in tables:
        return []
    limit = {"n": CAPTURED_TEXT_LIMIT}
    long_entries = conn.execute(
        "SELECT count(*) FROM entry WHERE kind IN ('email', 'meeting') AND points = 0 "
        "AND (summary LIKE 'e-mail, %' OR summary LIKE 'meeting%') AND length(summary) > :n",
        limit,
    ).fetchone()[0]
    long_items = conn.execute(
        "SELECT count(*) FROM capture_item WHERE length(summary) > :n", limit
    ).fetchone()[0]
    if long_entries or long_items:
        return [
            f"{long_entries + long_items} captured entries or waiting items hold more text than "
            "a subject (capture keeps headers only): remove them with network undo, or "
            "network entry rm ID"
        ]
    return []


def _objects(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Each table's columns, and the names of the indexes and triggers, of one database."""
    found: dict[str, set[str]] = {}
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"
    ):
        if kind == "table":
            found[name] = {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')}
        elif kind in ("index", "trigger"):
            found.setdefault(f"({kind}s)", set()).add(name)
    return found


def _schema_differences(conn: sqlite3.Connection) -> list[str]:
    """What the file lacks of the schema this program writes (a missing table, column,
    index or trigger makes writes fail while every read may still work)."""
    from network.store.migrations import create_fresh

    model = sqlite3.connect(":memory:", isolation_level=None)
    try:
        create_fresh(model)
        expected = _objects(model)
    finally:
        model.close()
    actual = _objects(conn)
    problems = []
    for name, wanted in sorted(expected.items()):
        missing = sorted(wanted - actual.get(name, set()))
        if name not in actual:
            problems.append(f"the table {name} is missing")
        elif missing:
            what = name.strip("()") if name.startswith("(") else f"columns of {name}"
            problems.append(f"missing {what}: {', '.join(missing)}")
    if problems:
        problems[-1] += " — restore a backup (network restore PATH)"
    return problems


def _search_index_problems(conn: sqlite3.Connection, tables: set[str]) -> list[str]:
    """FTS5's own check of each full-text index against its table (who-knows reads them;
    every write updates them, so a broken one makes writes fail)."""
    problems = []
    for index in ("person_fts", "strength_fts"):
        if index not in tables:
            continue
        try:
            conn.execute("BEGIN")
            conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(
                f"the search index {index} is damaged ({exc}) — restore a backup "
                "(network restore PATH)"
            )
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    return problems
