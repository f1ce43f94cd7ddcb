"""Shared fixtures: every test gets its own database file; the real data dir is never touched."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from network.cli import state
from network.cli.main import app


@pytest.fixture(autouse=True)
def isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NETWORK_DB at a fresh temporary file and keep the data dir out of reach."""
    path = tmp_path / "network.db"
    monkeypatch.setenv("NETWORK_DB", str(path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # a developer's own settings file must not change what the tests see
    monkeypatch.setenv("NETWORK_CONFIG", str(tmp_path / "no-settings.toml"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("NETWORK_TODAY", raising=False)
    monkeypatch.delenv("NETWORK_DEBUG", raising=False)
    # the root callback sets these per run; reset so one test's --db or --debug can't leak
    monkeypatch.setattr(state, "db_option", None)
    monkeypatch.setattr(state, "debug", False)
    return path


@pytest.fixture
def empty_db(isolated_db: Path) -> Path:
    """The isolated database created with its schema and nothing in it (a read never creates one)."""
    from network.store.connection import open_db

    open_db(isolated_db).close()
    return isolated_db


class Run:
    """The result of one CLI invocation, with stdout and stderr apart."""

    def __init__(self, result) -> None:
        self.exit_code: int = result.exit_code
        self.stdout: str = result.stdout
        self.stderr: str = result.stderr
        self.exception = result.exception

    def json(self):
        return json.loads(self.stdout)

    def rows(self) -> list:
        """A listing's rows: its `items`, checked against the envelope around them."""
        document = self.json()
        assert isinstance(document, dict), document
        assert document["count"] == len(document["items"]) and document["more"] >= 0, document
        return document["items"]

    def __repr__(self) -> str:  # shown by pytest when an assert fails
        return f"<Run exit={self.exit_code}\nstdout={self.stdout!r}\nstderr={self.stderr!r}>"


_COMMAND = None


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `network ARGS…` in-process; `today="2026-11-22"` pins the date."""
    global _COMMAND
    import typer.main
    import typer.testing

    # Typer rebuilds the click command tree on every invoke (most of an in-process run);
    # build it once per session instead.
    if _COMMAND is None:
        _COMMAND = typer.main.get_command(app)
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: _COMMAND)
    runner = CliRunner()

    def run(*args: str, today: str | None = None, input: str | None = None) -> Run:
        if today:
            monkeypatch.setenv("NETWORK_TODAY", today)
        monkeypatch.setattr(state, "db_option", None)
        monkeypatch.setattr(state, "debug", False)
        return Run(runner.invoke(app, list(args), input=input))

    return run


def db_bytes(path: Path) -> bytes:
    """The database's whole content (WAL folded in) for byte-for-byte comparisons."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path.read_bytes()


def connections_csv(path: Path, rows: int, *, pad: int = 0) -> Path:
    """A LinkedIn Connections.csv as LinkedIn writes it (a Notes: preamble, then the rows).

    pad lengthens each row, for tests that need a large file rather than many rows.
    """
    import csv

    filler = " " + "x" * pad if pad else ""
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write('Notes:\n"When exporting your connection data, you may notice..."\n\n')
        writer = csv.writer(handle)
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for i in range(rows):
            writer.writerow(
                [
                    f"Fírst{i}",
                    f"Last{i}{filler}",
                    f"https://www.linkedin.com/in/person-{i}",
                    f"person{i}@example.com" if i % 3 else "",
                    f"Company {i % 97}",
                    "Senior Engineer",
                    f"{1 + i % 28} Mar 2024",
                ]
            )
    return path


# --- PostgreSQL: the tests marked `postgres` -------------------------------------------------
# NETWORK_TEST_PG_URL (a server's test database; .ci/run sets it) wins; else, when Debian's
# PostgreSQL 15 binaries are installed, the session starts a throwaway server of its own on a
# unix socket (tests/pg_server.py), so the README's one test command runs the PostgreSQL part
# too; else those tests are skipped, saying why.
PG_URL_VAR = "NETWORK_TEST_PG_URL"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    import os

    import pg_server

    if os.environ.get(PG_URL_VAR) or pg_server.available():
        return
    skip = pytest.mark.skip(
        reason=f"no PostgreSQL: set {PG_URL_VAR} or install postgresql-15 (see README)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_server_url(tmp_path_factory: pytest.TempPathFactory):
    """The URL of a PostgreSQL database the session may create databases beside."""
    import os
    import tempfile

    import pg_server

    url = os.environ.get(PG_URL_VAR)
    if url:
        yield url
        return
    # a short path: a unix socket's path must fit in 107 bytes
    folder = Path(tempfile.mkdtemp(prefix="network-pg-"))
    try:
        yield pg_server.start(folder)
    finally:
        pg_server.stop(folder)


_PG_COUNTER = [0]


@pytest.fixture
def pg_url(pg_server_url: str, isolated_db: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, empty PostgreSQL database for this test; NETWORK_DB points at it."""
    import os

    import psycopg

    base, _, query = pg_server_url.partition("?")
    server, _, _db = base.rpartition("/")
    _PG_COUNTER[0] += 1
    name = f"t{os.getpid()}_{_PG_COUNTER[0]}"
    admin = psycopg.conninfo.make_conninfo(
        server.replace("postgresql+psycopg://", "postgresql://") + "/postgres?" + query
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    url = f"{server}/{name}" + (f"?{query}" if query else "")
    monkeypatch.setenv("NETWORK_DB", url)
    yield url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def terminal(monkeypatch):
    """Make the test runner's stdin and stderr look like a terminal."""
    import typer.testing

    from network.cli.views import output

    monkeypatch.setattr(
        typer.testing._NamedTextIOWrapper, "isatty", lambda self: True, raising=False
    )
    output.console.cache_clear()  # a console made now would think it draws on a terminal
    yield
    output.console.cache_clear()
