"""The same network on SQLite and on PostgreSQL: whole-process times and statements sent.

    python bench/run.py --pg postgresql://me@/bench?host=/tmp/pg --sizes large   # the usual way
    python bench/pg.py postgresql://me@/bench?host=/tmp/pg --people 100000 --entries 1000000

bench/run.py --pg times both engines at the same sizes in the same rounds and prints the
ratio per command, using this module's copy and count; run alone, this module does the same
for one size into one empty database.

Generates a network (bench/generate.py) into a SQLite file, copies its rows into the given
PostgreSQL database (which must be empty; COPY, then the id sequences and ANALYZE), then
runs `due`, `who-knows`, `show` and `log` on each engine: the median wall time of --runs
processes, and the statements each command sends to the server (each one a round trip),
counted in-process. Prints a Markdown table; the target (issue 13) is within 1.5x of SQLite.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/ is not a package)

TODAY = date(2026, 11, 22)
TABLES = ("person", "strength", "entry", "obligation", "link")

COUNTER = r"""
import sys
import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine
from typer.testing import CliRunner
from network.cli.main import app
from network.store import postgres

from network.store import pg_lean

sent = [0]
plain = postgres._Conn.execute
def counted(self, sql, params=None):
    if not isinstance(self.raw, pg_lean.LeanConnection):  # counted below
        sent[0] += 1
    return plain(self, sql, params)
postgres._Conn.execute = counted
lean = pg_lean.LeanConnection.execute
def counted_lean(self, sql, params=None):
    sent[0] += 1
    return lean(self, sql, params)
pg_lean.LeanConnection.execute = counted_lean
direct = psycopg.Connection.execute
def counted_direct(self, *args, **kwargs):
    sent[0] += 1
    return direct(self, *args, **kwargs)
psycopg.Connection.execute = counted_direct
@event.listens_for(Engine, "before_cursor_execute")
def _orm(*args):
    sent[0] += 1
result = CliRunner().invoke(app, sys.argv[1:])
assert result.exit_code == 0, result.stderr
print(sent[0])
"""


def copy_to_postgres(sqlite_path: Path, url: str) -> None:
    """Every row of the SQLite network into the (empty) PostgreSQL database at `url`."""
    import psycopg

    from network.common.paths import ServerDatabase
    from network.store import connection

    where = ServerDatabase(url)
    with connection.write_session(where):
        pass  # the first write sets the schema up
    source = sqlite3.connect(sqlite_path)
    with psycopg.connect(where.url) as pg:
        for table in TABLES:
            columns = [r[1] for r in source.execute(f"PRAGMA table_info({table})")]
            names = ", ".join(columns)
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {names} FROM {table} ORDER BY id"):
                    copy.write_row(row)
            pg.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)"
            )
        # COPY fired undo's triggers for every row: a fresh history, as a new network has
        # (else the first timed write would gather a million log rows into its step)
        pg.execute("DELETE FROM undo_log")
        pg.execute("DELETE FROM undo_step")
        pg.commit()
        pg.autocommit = True
        pg.execute("ANALYZE")
    source.close()


def timed(db: str, args: list[str], runs: int) -> float:
    """Median wall milliseconds of `network ARGS` as a whole process."""
    net = str(Path(sys.executable).with_name("network"))
    env = {**os.environ, "NETWORK_DB": db, "NETWORK_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
    times = []
    for _ in range(runs + 1):  # the first run warms the caches
        start = time.perf_counter()
        done = subprocess.run([net, *args], env=env, capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"network {' '.join(args)} failed on {db}: {done.stderr}")
    return statistics.median(times[1:])


def statements(url: str, args: list[str]) -> int:
    env = {**os.environ, "NETWORK_DB": url, "NETWORK_TODAY": TODAY.isoformat()}
    done = subprocess.run(
        [sys.executable, "-c", COUNTER, *args], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"counting network {' '.join(args)} failed: {done.stderr[-500:]}")
    return int(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="an empty PostgreSQL database (postgresql://…)")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="network-pg-bench-") as work:
        return _bench(options, Path(work) / "network.db")


def _bench(options: argparse.Namespace, sqlite_db: Path) -> int:
    facts = generate.generate(sqlite_db, options.people, options.entries, today=TODAY)
    started = time.perf_counter()
    copy_to_postgres(sqlite_db, options.url)
    print(f"copied {options.people:,} people in {time.perf_counter() - started:.1f} s\n")
    commands = [
        ["due"],
        ["who-knows", facts.topic],
        ["show", facts.show_name],
        ["log", facts.log_name, "bench coffee"],
    ]
    print("| command | SQLite ms | PostgreSQL ms | ratio | statements on PostgreSQL |")
    print("|---|---|---|---|---|")
    for args in commands:
        lite = timed(str(sqlite_db), args, options.runs)
        server = timed(options.url, args, options.runs)
        sent = statements(options.url, args)
        print(f"| `{args[0]}` | {lite:.0f} | {server:.0f} | {server / lite:.2f}× | {sent} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
