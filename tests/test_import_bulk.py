"""A large import (SQLite) drops the tables' indexes and insert triggers and builds them
again in the same transaction: the end state is what row-by-row inserts would leave."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import connections_csv, db_bytes

TODAY = "2026-11-22"


def schema(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return sorted(
            conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        )
    finally:
        conn.close()


def contents(db: Path) -> dict[str, list[tuple]]:
    """Every data table's rows (the undo history aside)."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'undo_%' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'"
            )
        ]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def test_a_first_large_import_rebuilds_every_index_as_it_was(cli, isolated_db, tmp_path):
    cli("add", "Ann Lee", "--email", "ann@x.example", today=TODAY)
    before = schema(isolated_db)
    assert any(t == "index" and n == "ix_person_name_key" for t, n, _, _ in before)
    big = connections_csv(tmp_path / "big.csv", 1500)

    run = cli("import", "linkedin", str(big), "--json", today=TODAY)

    assert run.exit_code == 0, run.stderr
    assert run.json()["created"] == 1500
    assert schema(isolated_db) == before  # every index and trigger, same name and SQL
    conn = sqlite3.connect(isolated_db)
    try:
        # the rebuilt indexes hold every row: SQLite checks each against its table
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # and the planner uses them
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM person WHERE name_key = 'first7 last7'"
        ).fetchall()
        assert "ix_person_name_key" in str(plan)
        found = conn.execute(
            "SELECT count(*) FROM contact_point WHERE kind = 'url' AND value_key LIKE '%'"
        ).fetchone()[0]
        assert found == 1500
    finally:
        conn.close()
    # the people are there for the commands that read by those indexes
    shown = cli("show", "Fírst7 Last7", today=TODAY)
    assert shown.exit_code == 0, shown.stderr


def test_a_large_import_into_a_larger_network_keeps_its_indexes(cli, isolated_db, tmp_path):
    """Below the table's own size the indexes are filled row by row (no rebuild of
    everything): the result is the same."""
    first = connections_csv(tmp_path / "first.csv", 2500)
    assert cli("import", "linkedin", str(first), today=TODAY).exit_code == 0
    before = schema(isolated_db)
    second = tmp_path / "second.csv"
    text = first.read_text(encoding="utf-8").replace("Fírst", "Sécond").replace("/in/", "/in/b")
    text = text.replace("@example.com", "@b.example.com")  # other people: nothing shared
    lines = text.splitlines(keepends=True)
    second.write_text("".join(lines[: 4 + 1200]), encoding="utf-8")  # preamble, header, rows

    run = cli("import", "linkedin", str(second), "--json", today=TODAY)

    assert run.exit_code == 0, run.stderr
    assert run.json()["created"] == 1200
    assert schema(isolated_db) == before
    conn = sqlite3.connect(isolated_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 3700
    finally:
        conn.close()


def test_undo_and_dry_run_of_a_large_import_leave_the_network_as_it_was(cli, isolated_db, tmp_path):
    cli("add", "Ann Lee", "--email", "ann@x.example", today=TODAY)
    big = connections_csv(tmp_path / "big.csv", 1500)
    kept = db_bytes(isolated_db)

    dry = cli("import", "linkedin", str(big), "--dry-run", today=TODAY)

    assert dry.exit_code == 0, dry.stderr
    assert db_bytes(isolated_db) == kept  # nothing written, not even an index rebuilt
    before_schema, before_rows = schema(isolated_db), contents(isolated_db)
    assert cli("import", "linkedin", str(big), today=TODAY).exit_code == 0
    assert len(contents(isolated_db)["person"]) == 1501

    undone = cli("undo", "--yes", today=TODAY)

    assert undone.exit_code == 0, undone.stderr
    assert schema(isolated_db) == before_schema
    assert contents(isolated_db) == before_rows
    conn = sqlite3.connect(isolated_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO person_fts (person_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_an_error_inside_a_bulk_insert_leaves_the_file_as_it_was(
    cli, isolated_db, tmp_path, monkeypatch
):
    """The triggers and indexes are off while the rows go in: an error then (here, the
    contact points' insert failing after the people's) rolls all of it back, the schema
    included."""
    from network.store.writes import contacts

    cli("add", "Ann Lee", "--email", "ann@x.example", today=TODAY)
    schema_before, rows_before = schema(isolated_db), contents(isolated_db)
    big = connections_csv(tmp_path / "big.csv", 1500)
    inserted = contacts._insert_people

    def then_fail(conn, rows):
        inserted(conn, rows)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(contacts, "_insert_people", then_fail)
    run = cli("import", "linkedin", str(big), today=TODAY)

    assert run.exit_code == 1, run
    assert "Traceback" not in run.stderr
    assert schema(isolated_db) == schema_before
    assert contents(isolated_db) == rows_before
    conn = sqlite3.connect(isolated_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
