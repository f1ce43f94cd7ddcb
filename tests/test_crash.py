"""Crashes: a process killed (SIGKILL) in the middle of a large import leaves all of it or none.

The kill moments are random (seeded) fractions of how long one whole import takes on
this machine, so they land before, during and after the import's transaction.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import connections_csv

ROWS = 4000
REPEATS = 8


def network(*args: str, db: Path) -> subprocess.Popen:
    env = {**os.environ, "NETWORK_DB": str(db), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "network", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def import_available() -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "network", "import", "--help"], capture_output=True
    )
    return done.returncode == 0


def state_of(db: Path) -> tuple[list, list, int]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return (
            conn.execute("PRAGMA integrity_check").fetchall(),
            conn.execute("PRAGMA foreign_key_check").fetchall(),
            conn.execute("SELECT count(*) FROM person").fetchone()[0],
        )


@pytest.mark.skipif(
    not import_available(), reason="`network import` is not there yet (network import --help fails)"
)
def test_sigkill_during_a_large_import_leaves_all_or_nothing(
    cli, isolated_db: Path, tmp_path: Path
) -> None:
    for name in ("Alice Chen", "Bob Li", "Carol Díaz"):
        assert cli("add", name, "--knows", "cars").exit_code == 0
    assert cli("log", "alice", "coffee").exit_code == 0
    base = tmp_path / "base.db"
    shutil.copyfile(isolated_db, base)
    before = state_of(base)[2]
    source = connections_csv(tmp_path / "Connections.csv", ROWS)

    # how long one uninterrupted import takes here
    timed = tmp_path / "timed.db"
    shutil.copyfile(base, timed)
    started = time.monotonic()
    full = network("import", "linkedin", str(source), db=timed)
    _, err = full.communicate(timeout=120)
    took = time.monotonic() - started
    assert full.returncode == 0, err
    assert state_of(timed)[2] == before + ROWS

    rng = random.Random(20261122)
    outcomes = []
    for attempt in range(REPEATS):
        db = tmp_path / f"run{attempt}.db"
        shutil.copyfile(base, db)
        process = network("import", "linkedin", str(source), db=db)
        time.sleep(rng.uniform(0.3, 1.0) * took)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)

        integrity, broken, people = state_of(db)

        assert integrity == [("ok",)], attempt
        assert broken == [], attempt
        assert people in (before, before + ROWS), (attempt, people)
        outcomes.append("all" if people == before + ROWS else "none")
        # and the tool itself carries on with the file
        after = subprocess.run(
            [sys.executable, "-m", "network", "doctor", "--json"],
            env={**os.environ, "NETWORK_DB": str(db)},
            capture_output=True,
            text=True,
        )
        assert after.returncode == 0, after.stderr
    # at least one kill really landed before the commit
    assert "none" in outcomes, outcomes


def test_scratch_files_left_by_a_killed_process_are_removed_by_the_next_run(cli, isolated_db):
    assert cli("add", "Alice Chen").exit_code == 0
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    folder = isolated_db.parent
    left = folder / f".network-backup-20261201-093000.db.partial-{dead_pid}-0badc0de"
    left.write_text("a full copy, private notes included")
    journal = folder / f".network-before-restore-x.db.partial-{dead_pid}-0badc0de-journal"
    journal.write_text("x")
    alive = folder / f".network-backup-x.db.partial-{os.getpid()}-0badc0de"
    alive.write_text("a copy still being written by a live process")
    unrelated = folder / ".network-notes.partial"
    unrelated.write_text("not ours")

    from network.store import copies

    copies._swept.clear()  # the CLI runs in this process: let it sweep again
    assert cli("people").exit_code == 0

    assert not left.exists() and not journal.exists()
    assert alive.exists() and unrelated.exists()
