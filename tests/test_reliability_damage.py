"""A damaged or unreachable database gives one line the user can act on, never "internal error".

Each file here is damaged for real: a page overwritten with garbage, a full-text index
garbled, a column dropped by hand, a folder that cannot be entered.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import db_bytes

DAMAGED = "is damaged"
HINT = "run network doctor, then restore a backup (network restore PATH)"


def _network(cli) -> None:
    for args in (
        ("add", "Alice Chen", "--tie", "close", "--knows", "cars,taxes"),
        ("add", "Bob Li", "--knows", "resumes"),
        ("log", "alice", "coffee"),
    ):
        assert cli(*args).exit_code == 0


def _page_of(path: Path, table: str) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    return size, root[0]


def _overwrite_page(path: Path, table: str) -> None:
    size, page = _page_of(path, table)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\xde\xad\xbe\xef" * (size // 4))


def _assert_damaged(run, path: Path) -> None:
    assert run.exit_code == 1, run
    assert run.stderr.startswith("Error: the database"), run
    assert DAMAGED in run.stderr and HINT in run.stderr, run
    assert len(run.stderr.strip().splitlines()) == 1, run
    assert "internal error" not in run.stderr


@pytest.mark.parametrize(
    "args",
    [("people",), ("people", "--json"), ("add", "Carol Díaz"), ("log", "alice", "call"),
     ("who-knows", "cars"), ("show", "alice")],
)  # fmt: skip
def test_a_damaged_page_is_one_line_naming_doctor_and_backup(cli, isolated_db, args) -> None:
    _network(cli)
    _overwrite_page(isolated_db, "person")
    before = isolated_db.read_bytes()

    _assert_damaged(cli(*args), isolated_db)
    assert isolated_db.read_bytes() == before  # nothing written to the damaged file


def _garble_search_index(path: Path) -> None:
    # the same garbage every run: SQLite's randomblob made about one run in thirty end in
    # its "out of memory" instead (worded too, by the test further down)
    rng = random.Random(1)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        # every block of both full-text indexes, the structure record included
        for table in ("person_fts_data", "strength_fts_data"):
            blocks = conn.execute(f"SELECT rowid, length(block) FROM {table}").fetchall()
            for rowid, size in blocks:
                garbage = rng.randbytes(size + 4)
                conn.execute(f"UPDATE {table} SET block = ? WHERE rowid = ?", (garbage, rowid))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.mark.parametrize(
    "args", [("people", "--knows", "cars"), ("add", "Carol Díaz"), ("log", "alice", "call"),
             ("who-knows", "cars")],
)  # fmt: skip
def test_a_damaged_search_index_is_one_line_not_an_internal_error(cli, isolated_db, args) -> None:
    _network(cli)
    _garble_search_index(isolated_db)
    before = db_bytes(isolated_db)

    run = cli(*args)

    _assert_damaged(run, isolated_db)
    assert "its search index cannot be read" in run.stderr
    assert db_bytes(isolated_db) == before


def test_export_json_of_a_file_missing_a_column_says_what_is_missing(cli, isolated_db) -> None:
    _network(cli)
    with contextlib.closing(sqlite3.connect(isolated_db)) as conn:
        # a hand-edited file: the undo triggers name the column, so they go first
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("DROP INDEX ix_person_listing")  # it names every column too
        conn.execute("ALTER TABLE person DROP COLUMN title")
        conn.commit()

    run = cli("export", "json")

    assert run.exit_code == 1, run
    assert run.stdout == ""
    assert "is missing part of its schema (no such column: person.title)" in run.stderr
    assert HINT in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


# --- a folder that cannot be entered ---------------------------------------------------------

# Root enters any folder, so as root the commands run as `nobody` through the system Python
# (when it is the same version as ours and can read our packages); else the test is skipped.
_NOBODY = 65534


def _as_nobody() -> list[str] | None:
    setpriv = shutil.which("setpriv")
    python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    if setpriv is None or not os.access(python, os.X_OK):
        return None
    prefix = [setpriv, f"--reuid={_NOBODY}", f"--regid={_NOBODY}", "--clear-groups", python]
    probe = subprocess.run(
        [*prefix, "-c", "import network.cli.main"], env=_env(), capture_output=True
    )
    return prefix if probe.returncode == 0 else None


def _env() -> dict[str, str]:
    import typer

    import network

    paths = [str(Path(network.__file__).parents[1]), str(Path(typer.__file__).parents[1])]
    return {"PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(paths), "NO_COLOR": "1",
            "NETWORK_CONFIG": "/nonexistent/settings.toml", "HOME": "/nonexistent"}  # fmt: skip


@pytest.mark.parametrize(
    "args", [("people",), ("add", "Bob Li"), ("log", "alice", "coffee"), ("who-knows", "cars"),
             ("export", "json"), ("doctor",), ("backup",), ("due",), ("stats",)],
)  # fmt: skip
def test_a_folder_that_cannot_be_entered_is_named_with_what_to_do(cli, args) -> None:
    if os.geteuid() == 0:
        prefix = _as_nobody()
        if prefix is None:
            pytest.skip("root enters any folder, and no system Python can run us as nobody")
    else:
        prefix = [sys.executable]
    base = Path(tempfile.mkdtemp(prefix="network-locked-"))
    try:
        os.chmod(base, 0o777)  # nobody makes the folder, and locks it
        folder, db = base / "locked", base / "locked" / "network.db"
        if prefix[0] == sys.executable:
            env = {**os.environ, "NETWORK_CONFIG": "/nonexistent/settings.toml", "NO_COLOR": "1"}
        else:
            env = _env()

        def network(*argv: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [*prefix, "-m", "network", "--db", str(db), *argv],
                env=env, capture_output=True, text=True, timeout=60,
            )  # fmt: skip

        subprocess.run(
            [*prefix, "-c", f"import os; os.mkdir({str(folder)!r})"], env=env, check=True
        )
        assert network("add", "Alice Chen", "--knows", "cars").returncode == 0
        subprocess.run(
            [*prefix, "-c", f"import os; os.chmod({str(folder)!r}, 0)"], env=env, check=True
        )

        run = network(*args)

        assert run.returncode == 1, run
        assert run.stderr.strip() == (
            f"Error: cannot reach {db}: the folder {folder} cannot be entered (permission "
            f"denied) — make it yours to enter (chmod u+rwx '{folder}'), or use --db PATH"
        )
        assert run.stdout == ""
    finally:
        with contextlib.suppress(Exception):
            subprocess.run([*prefix, "-c", f"import os; os.chmod({str(base / 'locked')!r}, 0o700)"], env=_env())  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


# SQLite's heap capped for the whole process before the command runs (the pragma can only
# lower the cap, so a process of its own)
_CAPPED = (
    "import sqlite3, sys; "
    "sqlite3.connect(':memory:').execute('PRAGMA hard_heap_limit = 100000'); "
    "from network.cli.main import main; sys.argv[0] = 'network'; main()"
)


@pytest.mark.parametrize("args", [("who-knows", "cars"), ("people",), ("log", "alice", "call")])
def test_sqlite_running_out_of_memory_is_one_line_not_an_internal_error(
    cli, isolated_db, args
) -> None:
    """SQLite's own "out of memory" (a real one, its heap capped; a garbled search index
    gives one about one time in thirty) is worded like damage, not an internal error."""
    _network(cli)
    before = db_bytes(isolated_db)

    run = subprocess.run(
        [sys.executable, "-c", _CAPPED, *args],
        env={**os.environ, "NETWORK_DB": str(isolated_db)},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 1, run
    assert run.stderr.startswith("Error: ran out of memory reading the database"), run
    assert "run network doctor: restore a backup only if it finds damage" in run.stderr, run
    assert len(run.stderr.strip().splitlines()) == 1, run
    assert db_bytes(isolated_db) == before
