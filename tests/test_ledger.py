"""The ledger's use cases called as a script would (app.ledger), and what `log` costs:
one write transaction, the name resolved once, the --json documents their types describe."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from conftest import db_bytes
from network import app
from network.cli.json_reference import document_problems
from network.common.errors import UnknownPerson

NOW = datetime(2026, 11, 22, 9, 30)
TODAY = "2026-11-22"


def test_record_an_unknown_person_raises_inside_the_transaction_and_writes_nothing(isolated_db):
    app.ledger.record(
        isolated_db, "Alice Chen", "coffee", flow="deposit", now=NOW, add_if_unknown=True
    )
    before = db_bytes(isolated_db)
    with pytest.raises(UnknownPerson, match="Zoe Park"):
        app.ledger.record(isolated_db, "Zoe Park", "coffee", flow="deposit", now=NOW)
    assert db_bytes(isolated_db) == before


def test_record_adds_when_asked_and_says_what_it_wrote(isolated_db):
    first = app.ledger.record(
        isolated_db, "Zoe Park", "lunch", flow="deposit", now=NOW, add_if_unknown=True
    )
    assert (first.name, first.added, first.kind, first.points) == ("Zoe Park", True, "meal", 3)
    asked = app.ledger.record(
        isolated_db,
        "zoe",
        "advice",
        flow="withdrawal",
        day=date(2026, 11, 1),
        at=time(15, 30),
        now=NOW,
    )
    assert (asked.added, asked.day, asked.at, asked.status) == (
        False,
        date(2026, 11, 1),
        time(15, 30),
        "open",
    )
    assert (asked.balance_before, asked.balance) == (3, 3 - asked.points)
    assert not asked.asked_while_overdrawn
    again = app.ledger.record(isolated_db, "zoe", "more advice", flow="withdrawal", now=NOW)
    assert again.asked_while_overdrawn == (asked.balance <= 0)


def test_record_reads_when_text_against_now(isolated_db):
    result = app.ledger.record(
        isolated_db,
        "Zoe Park",
        "call",
        flow="deposit",
        when_text="yesterday",
        now=NOW,
        add_if_unknown=True,
    )
    assert result.day == date(2026, 11, 21)


def test_log_takes_one_write_transaction_and_resolves_the_name_once(cli, monkeypatch):
    """`network log` used to open a read connection to resolve the name, then resolve it again."""
    from network.store import connection
    from network.store.reads import people

    assert cli("add", "Alice Chen", "--knows", "cars", today=TODAY).exit_code == 0
    calls = {"find_person": 0, "write_session": 0}
    find_person, write_session = people.find_person, connection.write_session

    def counted_find(*args, **kwargs):
        calls["find_person"] += 1
        return find_person(*args, **kwargs)

    def counted_session(*args, **kwargs):
        calls["write_session"] += 1
        return write_session(*args, **kwargs)

    def no_reading(*args, **kwargs):
        raise AssertionError("log opened a read connection")

    monkeypatch.setattr(people, "find_person", counted_find)
    monkeypatch.setattr(connection, "write_session", counted_session)
    monkeypatch.setattr(connection, "reading", no_reading)
    r = cli("log", "alice", "coffee chat", today=TODAY)
    assert r.exit_code == 0, r
    assert calls == {"find_person": 1, "write_session": 1}


@pytest.mark.parametrize("command,result_type", [("history", "History"), ("balance", "Balance")])
def test_json_documents_match_their_result_types(cli, command, result_type):
    for args in (("add", "Alice Chen"), ("log", "alice", "coffee"), ("ask", "alice", "advice")):
        assert cli(*args, today=TODAY).exit_code == 0
    r = cli(command, "--json", today=TODAY)
    assert r.exit_code == 0, r
    assert document_problems(r.json(), getattr(app.ledger, result_type)) == []


def test_the_commands_name_their_json_results():
    from network.cli.commands import ledger

    named = ledger.JSON_RESULTS  # built on first use, so --help does not define the types
    assert named == {"history": app.ledger.History, "balance": app.ledger.Balance}
