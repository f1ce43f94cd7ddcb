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
