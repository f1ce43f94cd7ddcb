"""Names never write to a guess: a match found only by similarity is asked about on a
terminal and refused elsewhere; reads may follow it and say so; accents typed win."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from network.cli.commands import ledger as ledger_command
from network.domain.names import GuessedPerson, resolve
from network.store import connection
from network.store.reads import people as queries

TODAY = "2026-11-22"


def entries(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT p.name, e.summary FROM entry e JOIN person p ON p.id = e.person_id "
            "ORDER BY e.id"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def crowd(cli, isolated_db: Path) -> Path:
    for name in ("Alice Chen", "Bob Smith", "José García", "Jose Lopez", "Carol Diaz"):
        assert cli("add", name, today=TODAY).exit_code == 0
    return isolated_db


def on_terminal(monkeypatch, yes: bool = True) -> list[str]:
    """Pretend a person is at a terminal answering `yes`; record the questions asked."""
    asked: list[str] = []

    def confirm(text: str, default: bool = False, err: bool = False) -> bool:
        asked.append(f"{text} [{'Y/n' if default else 'y/N'}]")
        return yes

    monkeypatch.setattr(ledger_command, "_on_terminal", lambda: True)
    monkeypatch.setattr(ledger_command.typer, "confirm", confirm)
    return asked


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,how",
    [
        ("alice chen", "exact"),
        ("bob", "first"),
        ("smi", "prefix"),
        ("alcie chen", "fuzzy"),
        ("bob smiht", "fuzzy"),
    ],
)
def test_resolve_says_how_a_name_matched(typed: str, how: str) -> None:
    people = [(1, "Alice Chen"), (2, "Bob Smith"), (3, "Carol Diaz"), (4, "Bobby Tables")]
    assert resolve(typed, people).how == how


@pytest.mark.parametrize(
    "typed,meant",
    [
        ("José", "José García"),
        ("josé", "José García"),
        ("José García", "José García"),
        ("Jose", None),  # typed without accents: both match, so it stays ambiguous
    ],
)
def test_a_name_typed_with_its_accents_wins_over_the_folded_twin(typed, meant) -> None:
    from network.common.errors import AmbiguousPerson

    people = [(1, "José García"), (2, "Jose Lopez"), (3, "Jose Garcia")]
    if meant is None:
        with pytest.raises(AmbiguousPerson):
            resolve(typed, people)
    else:
        match = resolve(typed, people)
        assert (match.name, match.how) == (meant, "accents")


def test_find_person_refuses_a_guess_and_find_match_follows_it(crowd: Path) -> None:
    with connection.reading(crowd) as reader:
        with pytest.raises(GuessedPerson) as err:
            queries.find_person(reader, "alcie chen")
        assert err.value.hint == 'did you mean "Alice Chen"?'
        assert queries.find_match(reader, "alcie chen").name == "Alice Chen"
        assert queries.find_person(reader, "José")[1] == "José García"


# --- writes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["log", "alcie chen", "coffee"],
        ["give", "alcie chen", "an intro", "--kind", "intro"],
        ["ask", "alcie", "a referral"],
        ["log", "bob", "coffee", "--via", "alcie chen"],
        ["thank", "alcie chen", "thanks"],
        ["promise", "alcie chen", "send the deck", "--by", "friday"],
        ["intro", "alcie chen", "bob", "you both like cars"],
        ["link", "alcie chen", "bob"],
        ["edit", "alcie chen", "--company", "Plaid"],
        ["knows", "alcie chen", "cars"],
        ["archive", "alcie chen"],
    ],
)
def test_without_a_terminal_a_guess_is_refused_and_nothing_written(
    cli, crowd: Path, args: list[str]
) -> None:
    from conftest import db_bytes

    before = db_bytes(crowd)
    result = cli(*args, today=TODAY)
    assert result.exit_code == 1, result
    assert result.stderr.endswith(' — did you mean "Alice Chen"?\n'), result
    assert db_bytes(crowd) == before


def test_on_a_terminal_the_guess_is_asked_about_and_yes_logs_it(
    cli, crowd: Path, monkeypatch
) -> None:
    asked = on_terminal(monkeypatch, yes=True)
    result = cli("log", "alcie chen", "coffee chat", today=TODAY)
    assert result.exit_code == 0, result
    assert asked == ["Log to Alice Chen? [Y/n]"]
    assert entries(crowd) == [("Alice Chen", "coffee chat")]


def test_on_a_terminal_no_writes_nothing(cli, crowd: Path, monkeypatch) -> None:
    asked = on_terminal(monkeypatch, yes=False)
    result = cli("log", "alcie chen", "coffee chat", today=TODAY)
    assert result.exit_code == 1
    assert asked == ["Log to Alice Chen? [Y/n]"]
    assert 'did you mean "Alice Chen"?' in result.stderr
    assert entries(crowd) == []


def test_a_guessed_introducer_is_asked_about_too(cli, crowd: Path, monkeypatch) -> None:
    asked = on_terminal(monkeypatch, yes=True)
    result = cli("log", "bob", "coffee", "--via", "alcie chen", today=TODAY)
    assert result.exit_code == 0, result
    assert asked == ["Log to Alice Chen? [Y/n]"]
    assert "Alice Chen" in result.stderr  # the close-the-loop reminder names the introducer


def test_exact_prefix_and_first_name_matches_stay_silent(cli, crowd: Path, monkeypatch) -> None:
    asked = on_terminal(monkeypatch, yes=False)
    for typed in ("alice chen", "ali", "bob", "José"):
        assert cli("log", typed, "coffee", today=TODAY).exit_code == 0
    assert asked == []
    assert [name for name, _ in entries(crowd)] == [
        "Alice Chen",
        "Alice Chen",
        "Bob Smith",
        "José García",
    ]


# --- reads ------------------------------------------------------------------------------------


def test_history_follows_a_guess_and_says_so(cli, crowd: Path) -> None:
    assert cli("log", "alice", "coffee chat", today=TODAY).exit_code == 0
    result = cli("history", "alcie chen", today=TODAY)
    assert result.exit_code == 0, result
    assert result.stderr.startswith("Showing Alice Chen (the closest name to what you typed).")
    assert "coffee chat" in result.stdout
    exact = cli("history", "alice", today=TODAY)
    assert "Showing" not in exact.stderr
