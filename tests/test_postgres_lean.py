"""Reads on PostgreSQL through psycopg's libpq layer alone (store/pg_lean.py): parameters as
libpq's $n, values as sqlite3 returns them, and a read that never loads psycopg whole."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from network.store import pg_lean


def test_named_parameters_become_numbered_ones_outside_quotes() -> None:
    sql, names = pg_lean.numbered(
        "SELECT ':not_me', x::text FROM t WHERE a = :a AND b > :b OR c = :a AND t = '12:30'"
    )
    assert sql == (
        "SELECT ':not_me', x::text FROM t WHERE a = $1 AND b > $2 OR c = $1 AND t = '12:30'"
    )
    assert names == ("a", "b")


def test_values_are_sent_with_the_types_psycopg_would_give() -> None:
    assert pg_lean._dump(None) == (None, 0)
    assert pg_lean._dump(True) == (b"t", 16)
    assert pg_lean._dump(30) == (b"30", 21)  # smallint: date - :days has an operator
    assert pg_lean._dump(100_000) == (b"100000", 23)
    assert pg_lean._dump(2**40) == (str(2**40).encode(), 20)
    assert pg_lean._dump("café") == ("café".encode(), 0)  # typed by the server from context
    assert pg_lean._dump(date(2026, 11, 22)) == (b"2026-11-22", 1082)
    assert pg_lean._dump(1.5) == (b"1.5", 701)


@pytest.mark.postgres
def test_a_read_loads_psycopg_libpq_layer_only(cli, pg_url) -> None:
    assert cli("add", "Alice Chen", "--knows", "cars").exit_code == 0
    code = (
        "import sys\n"
        "from network.cli.main import app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['who-knows', 'cars'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('Alice Chen' in r.output, 'psycopg.pq' in sys.modules,"
        " 'psycopg.connection' in sys.modules, 'asyncio.base_events' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # found, through libpq, without psycopg's connection classes
    found, pq, connection, _ = done.stdout.split()
    assert (found, pq, connection) == ("True", "True", "False")


@pytest.mark.postgres
def test_psycopg_is_whole_when_used_after_a_lean_read(cli, pg_url) -> None:
    """The deferred package init runs on first use: a write after a read, in one process."""
    assert cli("add", "Alice Chen").exit_code == 0
    code = (
        "from network.common.paths import ServerDatabase\n"
        "from network.store import connection, pg_lean\n"
        f"where = ServerDatabase({pg_url!r})\n"
        "with connection.reading(where) as r: print(r.one('SELECT 1 AS one'))\n"
        "import psycopg\n"
        "print(psycopg.connect is not None, psycopg.errors.UndefinedTable.sqlstate)\n"
        "with connection.write_session(where) as s:\n"
        "    print(connection.SessionReader(s).one('SELECT 2 AS two'))\n"
    )
    import os

    env = {**os.environ}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["{'one': 1}", "True 42P01", "{'two': 2}"]
