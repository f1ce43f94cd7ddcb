"""`people --json` reads each person's object from an index on SQLite (ix_person_listing):
the listing's statement must match the index's expression, or SQLite quietly computes every
object again (the same bytes, ~0.35 s slower at 100,000 people)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from network.store import connection as db
from network.store.reads import people as queries

TODAY = "2026-11-22"


@pytest.fixture
def few(cli, isolated_db: Path) -> Path:
    for args in (
        ("add", 'Zoë "Q" Back\\slash', "--note", "one\ntwo", "--birthday", "04-03"),
        ("add", "Ada Birthyear", "--birthday", "1990-02-28", "--company", "日本 & <Co>"),
        ("add", "Bo Roster", "--tie", "roster"),
        ("ask", "Ada Birthyear", "an intro", "--when", "2026-11-01"),
    ):
        run = cli(*args, today=TODAY)
        assert run.exit_code == 0, (args, run.output)
    return isolated_db


def _listing_ops(path: Path, **listing: object) -> list[str]:
    """The opcodes of the statement people_documents runs for this listing."""
    seen: list[str] = []
    with db.reading(path) as reader:
        reader.conn.set_trace_callback(seen.append)
        next(queries.people_documents(reader, **listing), None)
        reader.conn.set_trace_callback(None)
        (sql,) = [s for s in seen if "printf(" in s]
        return [op[1] for op in reader.conn.execute(f"EXPLAIN {sql}")]


@pytest.mark.parametrize(
    "listing", [dict(roster=True), dict(roster=False), dict(roster=True, tie="roster")]
)
def test_the_listing_reads_the_objects_from_the_index(few, listing):
    ops = _listing_ops(few, **listing)

    # no function runs: neither printf nor json_quote, so no object is written afresh
    assert "Function" not in ops and "PureFunc" not in ops, ops


def test_an_upgraded_file_has_the_same_index_as_a_fresh_one(few, tmp_path):
    from network.store.migrations import _listing_index

    old = tmp_path / "old.db"
    with sqlite3.connect(few) as conn:
        conn.execute("VACUUM INTO ?", (str(old),))
    with sqlite3.connect(old) as conn:
        conn.execute("DROP INDEX ix_person_listing")
        _listing_index(conn)  # the migration step
        upgraded = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_person_listing'")
        fresh = sqlite3.connect(few).execute(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_person_listing'"
        )
        assert upgraded.fetchall() == fresh.fetchall() != []
    assert "Function" not in _listing_ops(old, roster=True)


def test_without_the_index_the_listing_is_the_same(few, cli):
    before = cli("people", "--json", "--all", today=TODAY)
    with sqlite3.connect(few) as conn:
        conn.execute("DROP INDEX ix_person_listing")

    after = cli("people", "--json", "--all", today=TODAY)

    assert before.exit_code == after.exit_code == 0
    assert after.stdout == before.stdout
    assert "Zoë" in before.stdout and '"balance": -' in before.stdout


def test_the_index_follows_every_change(few, cli):
    assert cli("edit", "Ada Birthyear", "--name", "Ada Renamed", today=TODAY).exit_code == 0
    assert cli("give", "Ada Renamed", "a book", "--points", "2", today=TODAY).exit_code == 0
    assert cli("archive", "Zoë", today=TODAY).exit_code == 0

    people = cli("people", "--json", "--all", today=TODAY).json()["items"]

    with sqlite3.connect(few) as conn:
        stored = conn.execute(
            "SELECT name, balance FROM person WHERE NOT archived ORDER BY name_key"
        ).fetchall()
    assert [(p["name"], p["balance"]) for p in people] == stored
    assert stored[0][0] == "Ada Renamed" and stored[0][1] != 0 and len(stored) == 2


def test_a_sqlite_without_json_functions_goes_on_without_the_index(monkeypatch, tmp_path):
    from network.store import migrations
    from network.store.reads import person_json

    # what a build without JSON functions would say of json_quote
    monkeypatch.setattr(
        person_json, "LISTING_INDEX", "CREATE INDEX ix_person_listing ON person (no_such_fn(name))"
    )
    conn = sqlite3.connect(tmp_path / "plain.db", isolation_level=None)
    migrations.create_fresh(conn)

    assert conn.execute("SELECT count(*) FROM person").fetchone() == (0,)
    index = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ix_person_listing'")
    assert index.fetchall() == []
