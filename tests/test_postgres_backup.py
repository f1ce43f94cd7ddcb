"""`network backup` and `restore` on a server: pg_dump and pg_restore run for real, round trip
compared with a dump of every data table; refusals, a missing or too old tool, and a password
that never reaches a command line or a message."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from network.store import pg_dump
from test_postgres_undo import dump

pytestmark = pytest.mark.postgres

TODAY = "2026-11-22"


@pytest.fixture
def network(cli, pg_url: str) -> str:
    for args in (
        ["add", "Alice Chen", "--tie", "close", "--knows", "cars", "--note", "PRIVATE-NOTE"],
        ["add", "Bob Li", "--company", "Acme"],
        ["log", "alice", "coffee chat", "--when", "2026-11-01"],
        ["promise", "bob", "send the deck", "--by", "2026-11-30"],
    ):
        assert cli(*args, today=TODAY).exit_code == 0, args
    return pg_url


def test_backup_then_restore_puts_back_exactly_the_network(cli, network, tmp_path) -> None:
    before = dump(network)
    made = cli("backup", str(tmp_path))
    assert made.exit_code == 0, made
    path = Path(made.stdout.strip())
    assert path.parent == tmp_path
    assert re.fullmatch(r"t\d+_\d+-backup-\d{8}-\d{6}\.dump", path.name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Backed up 2 people and 1 entry to" in made.stderr

    for args in (["rm", "alice", "--yes"], ["add", "Carol Diaz"], ["log", "bob", "lunch"]):
        assert cli(*args, today=TODAY).exit_code == 0
    assert dump(network) != before

    restored = cli("restore", str(path))
    assert restored.exit_code == 0, restored
    assert "Restored 2 people and 1 entry from" in restored.stderr
    kept = Path(re.search(r"Kept the previous content at (\S+)", restored.stderr).group(1))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert dump(network) == before
    # the network works on after it: a write, and undo's history as it was at the backup
    assert cli("log", "alice", "call", today=TODAY).exit_code == 0
    assert cli("undo", "--yes").exit_code == 0
    assert dump(network) == before
    # the content replaced is itself a restorable backup
    assert cli("restore", str(kept)).exit_code == 0
    assert "Carol Diaz" in cli("people").stdout


def test_two_backups_in_the_same_second_get_two_names(cli, network, tmp_path) -> None:
    from datetime import datetime

    from network.common.paths import ServerDatabase

    now = datetime(2026, 11, 22, 14, 23, 1)
    where = ServerDatabase(network)
    first = pg_dump.backup(where, tmp_path, now)
    second = pg_dump.backup(where, tmp_path, now)
    assert first.path != second.path
    assert second.path.name.endswith("-2.dump")
    assert (first.people, first.entries) == (2, 1)
    # a name you give is never overwritten
    taken = cli("backup", str(first.path))
    assert taken.exit_code == 1
    assert "already exists" in taken.stderr


def test_without_a_path_the_backup_goes_to_the_network_folder(cli, network) -> None:
    made = cli("backup")
    assert made.exit_code == 0, made
    path = Path(made.stdout.strip())
    assert path.parent == Path(os.environ["XDG_DATA_HOME"]) / "network"
    assert path.is_file()


def test_restore_refuses_what_is_not_a_network_dump(cli, network, tmp_path) -> None:
    before = dump(network)
    sqlite_backup = tmp_path / "n.db"
    assert cli("--db", str(sqlite_backup), "add", "Zed").exit_code == 0
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    for path in (sqlite_backup, text, tmp_path / "missing.dump"):
        result = cli("restore", str(path))
        assert result.exit_code == 1, result
        assert result.stderr.startswith("Error: "), result
        assert result.stderr.count("\n") == 1
    assert "is not a backup of a network on PostgreSQL" in cli("restore", str(text)).stderr
    assert dump(network) == before


def test_restore_refuses_a_dump_of_another_database(cli, network, tmp_path) -> None:
    import psycopg

    conninfo = network.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE TABLE other_thing (id int)")
    tool = pg_dump.find_tool("pg_dump", 15)
    other = tmp_path / "other.dump"
    subprocess.run(
        [tool, "--format=custom", "--table=other_thing", f"--file={other}", conninfo], check=True
    )
    result = cli("restore", str(other))
    assert result.exit_code == 1
    assert "is not a backup of a network on PostgreSQL" in result.stderr


def test_a_missing_or_older_tool_is_a_clear_error(cli, network, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(pg_dump, "VERSIONED_BINS", str(tmp_path / "none" / "*"))
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    missing = cli("backup", str(tmp_path))
    assert missing.exit_code == 1
    assert missing.stderr.startswith("Error: pg_dump is not installed")
    assert "postgresql-client-15" in missing.stderr

    (tmp_path / "bin").mkdir()
    old = tmp_path / "bin" / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 11.22'\n")
    old.chmod(0o755)
    older = cli("backup", str(tmp_path))
    assert older.exit_code == 1
    assert "Error: pg_dump is older than the server (PostgreSQL 15)" in older.stderr
    assert not list(tmp_path.glob("*.dump"))


def test_the_password_goes_by_environment_never_on_a_command_line(network, tmp_path, monkeypatch):
    from network.common.paths import ServerDatabase

    seen: list[tuple[list[str], dict[str, str]]] = []
    real = subprocess.run

    def spy(args, **kwargs):
        seen.append((list(args), dict(kwargs.get("env") or {})))
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)
    where = ServerDatabase(network.replace("network@", "network:S3cretPw@"))
    pg_dump.backup(where, tmp_path, None)
    dumped = [s for s in seen if s[0][0].endswith("pg_dump") and "--version" not in s[0]]
    assert dumped
    for args, env in dumped:
        assert not any("S3cretPw" in a for a in args)
        assert env["PGPASSWORD"] == "S3cretPw"

    def failing(args, **kwargs):
        if "--version" in args:
            return real(args, **kwargs)
        return subprocess.CompletedProcess(args, 1, "", f"connection to {where.url} failed")

    monkeypatch.setattr(subprocess, "run", failing)
    with pytest.raises(Exception) as refused:
        pg_dump.backup(where, tmp_path, None)
    assert "S3cretPw" not in str(refused.value) + str(getattr(refused.value, "hint", ""))
    assert "network:***@" in str(refused.value)
