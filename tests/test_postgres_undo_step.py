"""On a server each statement is a round trip: a named undo step is closed by one (issue 13:
`log` within 1.5x of SQLite). What it does is test_postgres_undo's: the history, its bound,
a member's own steps."""

from __future__ import annotations

import pytest

from network.store import undo as store_undo

pytestmark = pytest.mark.postgres


@pytest.fixture
def sent(monkeypatch):
    """Every statement the write path sends through SQLAlchemy, in order."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    statements: list[str] = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    yield statements
    event.remove(Engine, "before_cursor_execute", note)


def test_a_named_step_is_one_statement(cli, pg_url: str, sent: list[str]) -> None:
    assert cli("add", "Alice Chen").exit_code == 0
    sent.clear()
    assert cli("log", "alice", "coffee").exit_code == 0
    undo = [s for s in sent if "undo_" in s]
    assert len(undo) == 1, undo
    listed = cli("undo", "--list").stdout
    assert "log: coffee with Alice Chen" in listed and "add" in listed


def test_a_write_that_changed_nothing_leaves_no_step(cli, pg_url: str, monkeypatch) -> None:
    from network.common.paths import ServerDatabase
    from network.store import connection

    assert cli("add", "Alice Chen").exit_code == 0
    with connection.write_session(ServerDatabase(pg_url)) as session:
        store_undo.describe(session, "nothing at all")
    assert "nothing at all" not in cli("undo", "--list").stdout


def test_the_bound_keeps_the_newest_steps_with_the_new_one(cli, pg_url: str, monkeypatch) -> None:
    monkeypatch.setattr(store_undo, "DEPTH", 2)
    assert cli("add", "Alice Chen").exit_code == 0
    for n in range(4):
        assert cli("log", "alice", f"coffee {n}").exit_code == 0
        listed = cli("undo", "--list").stdout
        steps = [line for line in listed.splitlines() if "\t" in line][1:]  # past the header
        assert len(steps) == 2, listed  # the bound, counting the step just made
        assert f"coffee {n}" in steps[0]
        assert ("add" if n == 0 else f"coffee {n - 1}") in steps[1]
