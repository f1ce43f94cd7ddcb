"""`network backup` and `restore` on a server: PostgreSQL's own pg_dump and pg_restore.

A server's database cannot be copied as a file, and only PostgreSQL's tools read a live one
consistently and put it back whole, so these run them (the one place the program starts
another). The copy is pg_dump's custom format of the network's whole database (tables,
rows, row-level security, grants, undo history), taken in the snapshot whose rows we count,
written owner-only under a name no other backup has, then published; a restore checks the
file is a network dump this version can read, keeps the current content aside in the same
way, and replays the dump with `--single-transaction --clean --if-exists`, holding the
network's write lock meanwhile: it happens whole or not at all, and no write lands between.

The password never appears on a command line (where `ps` shows it) or in a message: the
tools get the connection without it and the password through PGPASSWORD in their
environment; their error text is masked like ours.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from network.common.errors import DatabaseProblem
from network.common.paths import ServerDatabase

# the folders Debian and Ubuntu install each major version's tools in, after PATH
VERSIONED_BINS = "/usr/lib/postgresql/*/bin"
_VERSION = re.compile(r"\(PostgreSQL\) (\d+)")


@dataclass
class Dumped:
    """A checked dump file and what it holds."""

    path: Path
    schema_version: int
    people: int
    entries: int


def _major(binary: str) -> int | None:
    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except OSError:
        return None
    found = _VERSION.search(out)
    return int(found.group(1)) if found else None


def find_tool(name: str, server_major: int) -> str:
    """The path of `name` (pg_dump, pg_restore) able to work with a server of that major
    version: PATH's first, else the newest of /usr/lib/postgresql/*/bin; a clear error when
    none is installed or every one is older than the server."""
    import glob

    candidates = [p for p in [shutil.which(name)] if p]
    versioned = glob.glob(os.path.join(VERSIONED_BINS, name))
    candidates += sorted(versioned, key=lambda p: _major(p) or 0, reverse=True)
    seen: list[tuple[str, int | None]] = []
    for path in candidates:
        major = _major(path)
        seen.append((path, major))
        if major is not None and major >= server_major:
            return path
    hint = f"install PostgreSQL {server_major}'s client tools (Debian: postgresql-client-{server_major})"
    if not seen:
        raise DatabaseProblem(f"{name} is not installed: a server is backed up with it", hint)
    found = ", ".join(f"{p} ({m or '?'})" for p, m in seen)
    raise DatabaseProblem(
        f"{name} is older than the server (PostgreSQL {server_major}); found {found}", hint
    )


def _connection(where: ServerDatabase) -> tuple[str, dict[str, str]]:
    """The tools' connection string without the password, and their environment with it."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(where.url)
    env = dict(os.environ)
    password = params.pop("password", None)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**{k: str(v) for k, v in params.items()}), env


def _run(where: ServerDatabase, args: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        detail = where.mask("; ".join(lines[:3]) or f"exit status {done.returncode}")
        raise DatabaseProblem(
            f"{what} failed: {detail}",
            "back up and restore as the role that owns the network's tables; nothing was changed",
        )
    return done.stdout


def _server_major(conn: Any) -> int:
    return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000


def default_path(where: ServerDatabase, now: datetime | None) -> Path:
    """`network backup`'s file without a PATH: in the user's network folder (owner-only),
    named for the database and the moment."""
    from psycopg.conninfo import conninfo_to_dict

    from network.common.paths import default_db_path
    from network.store.copies import stamp

    name = str(conninfo_to_dict(where.url).get("dbname") or "network")
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    return default_db_path().parent / f"{safe}-backup-{stamp(now)}.dump"


def _dump(where: ServerDatabase, target: Path, *, unique: bool) -> Dumped:
    """pg_dump of the database into a new owner-only `target` (with `unique`, a name taken
    gets -2, -3…), taken in the snapshot whose people and entries it counts."""
    import psycopg

    from network.store import postgres
    from network.store.copies import _claim, _owner_only_file, discard, scratch_name
    from network.store.migrations import pg_version

    conn = postgres.connect(where, autocommit=False)
    try:
        # one snapshot for the counts and the dump (pg_dump joins it), read-only
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        version = pg_version(conn)
        if version is None:
            raise DatabaseProblem(f"there is no network in {where} yet", "nothing to back up")
        tool = find_tool("pg_dump", _server_major(conn))
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
        folder = target.parent
        if not folder.is_dir():
            if unique:  # our own data folder, made owner-only (parents too)
                old_umask = os.umask(0o077)
                try:
                    folder.mkdir(parents=True, mode=0o700)
                finally:
                    os.umask(old_umask)
            else:
                raise DatabaseProblem(
                    f"the folder {folder} does not exist",
                    "create it first, or choose another path",
                )
        if target.exists() and not unique:
            raise DatabaseProblem(
                f"{target} already exists", "choose another name, or remove it first"
            )
        partial = scratch_name(folder, target.name)
        dsn, env = _connection(where)
        try:
            _owner_only_file(partial)
            _run(
                where,
                [tool, "--format=custom", f"--snapshot={snapshot}", f"--file={partial}", dsn],
                env,
                "pg_dump",
            )
            with open(partial, "rb") as handle:
                os.fsync(handle.fileno())
            candidate, n = target, 1
            while True:
                try:
                    _claim(partial, candidate)
                    break
                except FileExistsError:
                    if not unique:
                        raise DatabaseProblem(
                            f"{target} already exists", "choose another name, or remove it first"
                        ) from None
                    n += 1
                    candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        except BaseException:
            discard(partial)
            raise
        conn.rollback()
    except Exception as exc:
        raise _problem(exc, where) from None
    finally:
        conn.close()
    return Dumped(candidate, version, int(people), int(entries))


def backup(where: ServerDatabase, dest: Path | None, now: datetime | None) -> Dumped:
    """`network backup` on a server: a pg_dump custom-format file."""
    unique = dest is None or dest.is_dir()
    target = dest if dest is not None else default_path(where, now)
    if target.is_dir():
        target = target / default_path(where, now).name
    return _dump(where, target, unique=unique)


def _problem(exc: Exception, where: ServerDatabase) -> Exception:
    import psycopg

    from network.store.postgres import friendly

    return friendly(exc, where) if isinstance(exc, psycopg.Error) else exc


def check(where: ServerDatabase, source: Path, server_major: int) -> int:
    """The schema version a dump holds, once it is shown to be a network's dump that this
    version can use; pg_restore reads it (its own format, checked by its own reader)."""
    from network.store.migrations import SCHEMA_VERSION

    source = source.resolve()
    if not source.is_file():
        raise DatabaseProblem(
            f"no backup file at {source}", "give the path of a file made by network backup"
        )
    tool = find_tool("pg_restore", server_major)
    not_ours = DatabaseProblem(
        f"{source} is not a backup of a network on PostgreSQL",
        "give a file made by network backup on a server; nothing was changed",
    )
    done = subprocess.run(
        [tool, "--list", str(source)], capture_output=True, text=True, check=False
    )
    listed = done.stdout if done.returncode == 0 else ""
    if not all(re.search(rf" TABLE DATA \S+ {t} ", listed) for t in ("meta", "person", "entry")):
        raise not_ours
    meta = subprocess.run(
        [tool, "--data-only", "--table=meta", "--file=-", str(source)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = re.search(r"^schema_version\t(\d+)$", meta, re.MULTILINE)
    if not found:
        raise not_ours
    version = int(found.group(1))
    if version > SCHEMA_VERSION:
        raise DatabaseProblem(
            f"{source} uses schema version {version}, "
            f"newer than this network understands ({SCHEMA_VERSION})",
            "upgrade network to restore it; nothing was changed",
        )
    return version


def _without_extensions(conn: Any, tool: str, source: Path) -> Path:
    """The dump's table of contents minus its extensions (pg_trgm): --clean would drop the
    extension, which belongs to whoever created it (often a superuser), not to the network.
    The extension is made here if missing, where this role may (trusted since PostgreSQL 13)."""
    import tempfile

    listed = subprocess.run(
        [tool, "--list", str(source)], capture_output=True, text=True, check=True
    ).stdout
    kept = [line for line in listed.splitlines() if " EXTENSION " not in line]
    if len(kept) < len(listed.splitlines()):
        with contextlib.suppress(Exception):
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    fd, name = tempfile.mkstemp(prefix="network-restore-", suffix=".list")
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(kept) + "\n")
    return Path(name)


@dataclass
class Restored:
    restored: Dumped
    kept: Path | None


def restore(where: ServerDatabase, source: Path, now: datetime | None) -> Restored:
    """`network restore FILE` on a server: the dump replaces the network's database in one
    transaction, the current content kept aside first (a dump beside the backups)."""
    from network.store import postgres
    from network.store.migrations import pg_version

    source = source.resolve()  # absolute: a name starting with "-" is never an option
    lock = postgres.connect(where)  # autocommit: holds the session's write lock throughout
    kept = None
    try:
        major = _server_major(lock)
        check(where, source, major)
        tool = find_tool("pg_restore", major)
        # writers wait (their transaction-scoped lock is the same lock) until the restore ends
        lock.execute("SELECT pg_advisory_lock(%s)", (postgres.WRITE_LOCK,))
        if pg_version(lock) is not None:
            aside = default_path(where, now)
            aside = aside.with_name(aside.name.replace("-backup-", "-before-restore-"))
            kept = _dump(where, aside, unique=True).path
        dsn, env = _connection(where)
        listing = _without_extensions(lock, tool, source)
        try:
            _run(
                where,
                [
                    tool,
                    "--single-transaction",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    f"--use-list={listing}",
                    f"--dbname={dsn}",
                    str(source),
                ],
                env,
                "pg_restore",
            )
        except BaseException:
            if kept is not None:  # nothing was replaced, so there is nothing to keep aside
                with contextlib.suppress(OSError):
                    kept.unlink()
            raise
        finally:
            listing.unlink()
        version = pg_version(lock) or 0
        people = lock.execute("SELECT count(*) FROM person").fetchone()[0]
        entries = lock.execute("SELECT count(*) FROM entry").fetchone()[0]
    except Exception as exc:
        raise _problem(exc, where) from None
    finally:
        lock.close()  # and with it the session's lock
    return Restored(Dumped(source, version, int(people), int(entries)), kept)
