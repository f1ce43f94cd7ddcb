"""The benchmark's synthetic networks obey the same rules as data written by the tool."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import generate  # noqa: E402

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, generate.Facts]:
    path = tmp_path_factory.mktemp("bench") / "small.db"
    people, entries = generate.SIZES["small"]
    return path, generate.generate(path, people, entries, today=TODAY)


def test_stored_columns_match_what_ledger_refresh_computes(small):
    from sqlmodel import select

    from network.common.text import fold
    from network.store import connection as db
    from network.store.schema import Person
    from network.store.writes import ledger

    path, _ = small
    checked = 0
    with db.write_session(path) as session:
        people = session.exec(select(Person).where(Person.id % 7 == 0)).all()
        assert {p.tie for p in people} == {"close", "casual", "roster"}
        for person in people:
            stored = (person.last_contact, person.balance, person.next_due, person.search_key)
            assert person.name_key == fold(person.name)
            ledger.refresh(session, person, TODAY)
            assert (
                person.last_contact,
                person.balance,
                person.next_due,
                person.search_key,
            ) == stored, person.name
            checked += 1
        session.rollback()
    assert checked > 100


def test_rows_keep_their_links_and_the_search_index_is_whole(small):
    path, _ = small
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table in ("strength_fts", "person_fts"):
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
        close_with_groups = conn.execute(
            "SELECT count(DISTINCT p.id) FROM person p JOIN entry e ON e.person_id = p.id "
            "WHERE p.tie = 'close' AND e.is_group = 1"
        ).fetchone()[0]
    finally:
        conn.close()
    assert close_with_groups > 0  # the group rule of refresh is exercised above


def test_the_commands_the_bench_times_work_on_it(cli, small, monkeypatch):
    path, facts = small
    monkeypatch.setenv("NETWORK_DB", str(path))
    for args in (["due"], ["who-knows", facts.topic], ["show", facts.show_name]):
        run = cli(*args, today=TODAY.isoformat())
        assert run.exit_code == 0, run
        assert run.stdout.strip()


def test_the_linkedin_file_looks_like_an_export(tmp_path):
    out = tmp_path / "Connections.csv"
    generate.linkedin_csv(out, 50, today=TODAY)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Notes:"
    assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    assert len(lines) == 4 + 50
