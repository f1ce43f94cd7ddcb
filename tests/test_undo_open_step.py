"""A bulk write (SQLite) opens its undo step before writing its log rows, and writes them
in it at once; close_step then names the step. The history is what tagging afterwards made."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from conftest import connections_csv
from test_import_bulk import contents

TODAY = "2026-11-22"


def history(db: Path) -> tuple[list[tuple], list[tuple]]:
    """(the steps: id, description, changes), (the log rows no step holds)."""
    conn = sqlite3.connect(db)
    try:
        steps = conn.execute(
            "SELECT s.id, s.description, (SELECT count(*) FROM undo_log l WHERE l.step = s.id) "
            "FROM undo_step s ORDER BY s.id"
        ).fetchall()
        loose = conn.execute("SELECT seq FROM undo_log WHERE step IS NULL").fetchall()
        return steps, loose
    finally:
        conn.close()


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        conn.close()


def test_a_large_import_is_one_named_step_holding_every_row(cli, isolated_db, tmp_path):
    assert cli("add", "Ann Lee", today=TODAY).exit_code == 0
    big = connections_csv(tmp_path / "big.csv", 1500)

    assert cli("import", "linkedin", str(big), today=TODAY).exit_code == 0

    steps, loose = history(isolated_db)
    assert [s[:2] for s in steps] == [(1, "add: Ann Lee"), (2, "import linkedin: big.csv")]
    assert loose == []  # every row in a step
    conn = sqlite3.connect(isolated_db)
    try:
        inserted = conn.execute(
            "SELECT count(*) FROM undo_log WHERE step = 2 AND op = 'insert'"
        ).fetchone()[0]
        everything = conn.execute("SELECT count(*) FROM undo_log").fetchone()[0]
    finally:
        conn.close()
    people, points = count(isolated_db, "person") - 1, count(isolated_db, "contact_point")
    assert people == 1500 and inserted == people + points  # the bulk path's rows
    assert steps[1][2] == everything - steps[0][2]  # and the trigger's (Ann's first due day)
    listed = cli("undo", "--list", "--json", today=TODAY)
    assert listed.exit_code == 0, listed.stderr
    newest = listed.rows()[0]
    assert (newest["id"], newest["description"]) == (2, "import linkedin: big.csv")
    assert newest["changes"] == steps[1][2]
    assert newest["created_at"][:4].isdigit()  # dated as a step closed at commit is
    # the next command's step follows it
    assert cli("add", "Bo Park", today=TODAY).exit_code == 0
    assert history(isolated_db)[0][-1][:2] == (3, "add: Bo Park")


def test_rows_the_triggers_wrote_join_the_step_the_bulk_write_opened(cli, isolated_db, tmp_path):
    """A second import that fills people already there (the update trigger's rows, before the
    step exists) and adds many new ones (the bulk path's rows): one step, undone whole."""
    first = connections_csv(tmp_path / "first.csv", 300)
    first.write_text(first.read_text(encoding="utf-8").replace("Senior Engineer", ""), "utf-8")
    assert cli("import", "linkedin", str(first), today=TODAY).exit_code == 0
    after_first = contents(isolated_db)
    # the same 300 with their titles, which fill the empty ones, then 1,500 more
    second = connections_csv(tmp_path / "second.csv", 1800)

    run = cli("import", "linkedin", str(second), "--json", today=TODAY)

    assert run.exit_code == 0, run.stderr
    assert run.json()["created"] == 1500
    assert run.json()["updated"] == 300
    steps, loose = history(isolated_db)
    assert [s[:2] for s in steps] == [
        (1, "import linkedin: first.csv"),
        (2, "import linkedin: second.csv"),
    ]
    assert loose == []
    conn = sqlite3.connect(isolated_db)
    try:
        ops = dict(conn.execute("SELECT op, count(*) FROM undo_log WHERE step = 2 GROUP BY op"))
    finally:
        conn.close()
    assert ops["update"] > 0 and ops["insert"] >= 1500
    assert cli("undo", "--yes", today=TODAY).exit_code == 0
    assert contents(isolated_db) == after_first
    assert [s[:2] for s in history(isolated_db)[0]] == [(1, "import linkedin: first.csv")]


def test_a_failed_bulk_import_leaves_no_step_behind(cli, isolated_db, tmp_path, monkeypatch):
    """The step opened by the bulk write goes with the rest of the transaction."""
    from network.store.writes import agenda

    assert cli("add", "Ann Lee", today=TODAY).exit_code == 0
    before = history(isolated_db)

    def fail(*args, **kwargs):  # after both bulk inserts: the step is open by then
        raise sqlite3.OperationalError("database or disk is full")

    spread = agenda.spread_first_due
    monkeypatch.setattr(agenda, "spread_first_due", fail)
    big = connections_csv(tmp_path / "big.csv", 1500)
    run = cli("import", "linkedin", str(big), today=TODAY)

    assert run.exit_code == 1, run
    assert history(isolated_db) == before
    monkeypatch.setattr(agenda, "spread_first_due", spread)
    assert cli("add", "Bo Park", today=TODAY).exit_code == 0
    assert history(isolated_db)[0][-1][:2] == (2, "add: Bo Park")


def test_an_open_step_that_gathers_nothing_is_no_step(empty_db):
    from network.store import connection as db
    from network.store import undo

    with db.write_session(empty_db) as session:
        conn = session.connection()
        opened = undo.open_step(conn)
        assert undo.open_step(conn) == opened  # one step per transaction
    assert history(empty_db) == ([], [])


def test_an_open_step_without_a_name_is_named_from_its_rows(empty_db):
    from network.store import connection as db
    from network.store import undo
    from network.store.schema import Person

    with db.write_session(empty_db) as session:
        opened = undo.open_step(session.connection())
        session.add(
            Person(name="Cy Ong", name_key="cy ong", tie="roster", created_on=date(2026, 11, 22))
        )
    assert history(empty_db) == ([(opened, "added person Cy Ong", 1)], [])
