"""Four processes × 200 writes on the same people of one PostgreSQL network: nothing lost,
every stored balance equal to its ledger (each write transaction holds the network's
advisory lock, as BEGIN IMMEDIATE does on SQLite; without it the stored-column refresh
raced and balances ended wrong)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.postgres

WORKER = r"""
import json, sys
import typer.testing
from network.cli import state
from network.cli.main import app

count, tag = int(sys.argv[1]), sys.argv[2]
runner = typer.testing.CliRunner()
command = typer.testing._get_command(app)
typer.testing._get_command = lambda _app: command
failures = []
for i in range(count):
    state.db_option = None
    who = ("alice", "bob", "shared")[i % 3]
    if i % 5 == 0:
        args = ["ask", who, f"{tag} ask {i}", "--points", "1"]
    elif i % 7 == 0:
        args = ["give", who, f"{tag} gift {i}", "--kind", "intro"]
    else:
        args = ["log", who, f"{tag} entry {i}"]
    result = runner.invoke(app, args)
    if result.exit_code != 0:
        failures.append([i, result.exit_code, result.stderr])
print(json.dumps(failures))
"""

WORKERS, PER_WORKER = 4, 200


def test_four_writers_on_the_same_people_lose_nothing_and_keep_balances_right(cli, pg_url):
    import psycopg

    for name in ("Alice Chen", "Bob Li", "Shared Person"):
        assert cli("add", name).exit_code == 0
    env = {**os.environ, "NETWORK_DB": pg_url, "NO_COLOR": "1"}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(PER_WORKER), f"w{n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    failures = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        failures.append(json.loads(out))

    assert failures == [[]] * WORKERS
    with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        count = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
        distinct = conn.execute("SELECT count(DISTINCT summary) FROM entry").fetchone()[0]
        wrong = conn.execute(
            "SELECT p.name, p.balance, (SELECT coalesce(sum(CASE e.flow WHEN 'deposit' "
            "THEN e.points ELSE -e.points END), 0) FROM entry e WHERE e.person_id = p.id) "
            "FROM person p"
        ).fetchall()
    assert count == distinct == WORKERS * PER_WORKER
    assert [row for row in wrong if row[1] != row[2]] == []
    assert all(balance != 0 for _, balance, _ in wrong)


def test_a_write_transaction_waits_for_the_one_in_progress(cli, pg_url):
    """The lock itself: a second write session starts only when the first has ended (the
    race above needs both to read the ledger before either commits, which process start-up
    makes rare on a busy machine; this catches a missing lock every time)."""
    import threading
    import time

    from network.common.paths import ServerDatabase
    from network.store import connection

    assert cli("add", "Alice Chen").exit_code == 0
    where = ServerDatabase(pg_url)
    first_in, timeline = threading.Event(), {}

    def first() -> None:
        with connection.write_session(where):
            first_in.set()
            time.sleep(0.6)
            timeline["first_out"] = time.monotonic()

    holder = threading.Thread(target=first)
    holder.start()
    assert first_in.wait(10)
    with connection.write_session(where):
        timeline["second_in"] = time.monotonic()
    holder.join()

    assert timeline["second_in"] >= timeline["first_out"]
