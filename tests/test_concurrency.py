"""Two terminals at once: several processes writing one file lose nothing and never see "locked".

Each worker is a separate Python process that runs the real CLI entry point in a loop
(starting a fresh interpreter per entry would test process start-up, not locking).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

WORKER = r"""
import json, sys
import typer.testing
from network.cli import state
from network.cli.main import app

name, count, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runner = typer.testing.CliRunner()
# build the command tree once, as one `network` process does, instead of once per entry
command = typer.testing._get_command(app)
typer.testing._get_command = lambda _app: command
failures = []
for i in range(count):
    state.db_option = None
    if i % 5:
        args = ["log", name, f"{tag} entry {i}"]
    else:
        args = ["ask", "shared", f"{tag} ask {i}", "--points", "1"]
    result = runner.invoke(app, args)
    said = result.stderr.lower()
    if result.exit_code != 0 or "locked" in said or "busy" in said:
        failures.append([i, result.exit_code, result.stderr])
print(json.dumps(failures))
"""


def start(db: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NETWORK_DB": str(db), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> list:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    return json.loads(out)


def test_concurrent_writers_lose_nothing_and_never_report_locked(cli, isolated_db: Path) -> None:
    for name in ("Alice Chen", "Bob Li", "Carol Díaz", "Shared Person"):
        assert cli("add", name).exit_code == 0
    per_process = 250
    workers = [start(isolated_db, who, str(per_process), who) for who in ("alice", "bob", "carol")]

    failures = [finish(w) for w in workers]

    assert failures == [[], [], []]
    with contextlib.closing(sqlite3.connect(isolated_db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == 3 * per_process
        for who in ("alice", "bob", "carol"):
            summaries = {
                r[0]
                for r in conn.execute(
                    "SELECT summary FROM entry WHERE summary LIKE ?", (f"{who} %",)
                )
            }
            assert len(summaries) == per_process, who
        # the stored balance of the person all three wrote to matches the ledger
        stored, computed = conn.execute(
            "SELECT p.balance, (SELECT sum(CASE flow WHEN 'deposit' THEN points ELSE -points END) "
            "FROM entry e WHERE e.person_id = p.id) FROM person p WHERE p.name = 'Shared Person'"
        ).fetchone()
        assert stored == computed == -(3 * per_process // 5)


def test_backup_and_restore_while_another_process_writes(
    cli, isolated_db: Path, tmp_path: Path
) -> None:
    assert cli("add", "Alice Chen").exit_code == 0
    assert cli("add", "Shared Person").exit_code == 0
    for i in range(20):
        assert cli("log", "alice", f"before {i}").exit_code == 0
    writes = 300
    writer = start(isolated_db, "alice", str(writes), "during")
    time.sleep(0.5)

    copies = []
    for n in range(3):
        result = cli("backup", str(tmp_path / f"copy{n}.db"))
        assert result.exit_code == 0, result
        copies.append(Path(result.stdout.strip()))
        time.sleep(0.1)
    for _ in range(3):
        restored = cli("restore", str(copies[0]))
        assert restored.exit_code == 0, restored
        time.sleep(0.2)
    assert finish(writer) == []  # every write was told it was saved

    def summaries(path: Path) -> set[str]:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            return {r[0] for r in conn.execute("SELECT summary FROM entry")}

    with contextlib.closing(sqlite3.connect(isolated_db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        mismatched = conn.execute(
            "SELECT count(*) FROM person p WHERE p.balance != (SELECT coalesce(sum("
            "CASE flow WHEN 'deposit' THEN points ELSE -points END), 0) "
            "FROM entry e WHERE e.person_id = p.id)"
        ).fetchone()[0]
    # stored balances are written in the same transaction as their entries
    assert mismatched == 0
    kept = sorted(isolated_db.parent.glob("network-before-restore-*.db"))
    assert len(kept) == 3
    for copy in kept:
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # each write the writer was told was saved is in a copy kept aside by a restore, or in
    # the database after the last one: a restore never swallows a write
    saved = {f"during {'ask' if i % 5 == 0 else 'entry'} {i}" for i in range(writes)}
    found = summaries(isolated_db).union(*(summaries(k) for k in kept))
    assert saved <= found, sorted(saved - found)[:5]
    assert {f"before {i}" for i in range(20)} <= summaries(isolated_db)
