"""`network undo`: every kind of write reverted to exactly the database that never had it.

Each case builds the same small network, keeps a copy of the file (the database that
never had the mistake), makes one mistake, undoes it, and compares every stored value of
every data table (balances, last contacts, due dates included) with the copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import connections_csv
from network.store import undo as store_undo

TODAY = "2026-11-22"


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every data table (what undo must put back), by table, in id order."""
    conn = sqlite3.connect(path)
    try:
        names = [*store_undo.logged_tables(conn), "meta"]
        return {
            name: conn.execute(f'SELECT rowid, * FROM "{name}" ORDER BY rowid').fetchall()
            for name in names
        }
    finally:
        conn.close()


def fts_ok(path: Path) -> None:
    """FTS5's own check that the search indexes agree with their tables (raises if not)."""
    conn = sqlite3.connect(path)
    try:
        for table in ("strength_fts", "person_fts"):
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def copy(path: Path, to: Path) -> Path:
    source, target = sqlite3.connect(path), sqlite3.connect(to)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return to


def undo_log_size(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute("SELECT count(*) FROM undo_step").fetchone()[0],
            conn.execute("SELECT count(*) FROM undo_log").fetchone()[0],
        )
    finally:
        conn.close()


@pytest.fixture
def network(cli, isolated_db: Path) -> Path:
    """Three people with a ledger, strengths, an open ask, a promise and a link."""
    for args in (
        ["add", "Alice Chen", "--tie", "close", "--company", "Stripe", "--knows", "cars"],
        ["add", "Bob Li", "--company", "Acme"],
        ["add", "Carol Diaz", "--tie", "casual"],
        ["log", "alice", "coffee chat", "--when", "2026-11-01"],
        ["ask", "bob", "advice on an offer", "--when", "2026-11-10"],
        ["give", "carol", "sent an article", "--when", "2026-11-12"],
        ["promise", "carol", "send the deck", "--by", "2026-11-30"],
        ["knows", "bob", "resumes"],
    ):
        result = cli(*args, today=TODAY)
        assert result.exit_code == 0, (args, result)
    return isolated_db


MISTAKES = {
    "log": [["log", "alice", "lunch, talked about the role", "--when", "yesterday"]],
    "log-via": [["log", "bob", "coffee, talked about the role", "--via", "alice"]],
    "give": [["give", "bob", "intro to Sam", "--kind", "intro"]],
    "ask": [["ask", "alice", "a referral", "--kind", "referral"]],
    "answer": [["answer", "bob", "granted"]],
    "thank": [["thank", "carol", "thanks for the lead"]],
    "promise": [["promise", "alice", "send the article", "--by", "friday"]],
    "done": [["done", "carol"]],
    "intro": [["intro", "alice", "carol", "you both like cars"]],
    "link": [["link", "bob", "carol"]],
    "add": [["add", "Erin Wu", "--company", "Figma", "--knows", "design"]],
    "edit": [["edit", "alice", "--company", "Plaid", "--tie", "casual", "--every", "2w"]],
    "knows": [["knows", "carol", "pottery, hiking"]],
    "forget": [["forget", "alice", "cars"]],
    "archive": [["archive", "bob"]],
    "rm": [["rm", "bob", "--yes"]],
    "merge": [["merge", "Alice Chen", "Carol Diaz"]],
}


@pytest.mark.parametrize("kind", sorted(MISTAKES))
def test_undo_puts_back_exactly_the_database_that_never_had_the_mistake(
    cli, network: Path, tmp_path: Path, kind: str
) -> None:
    never = tables(copy(network, tmp_path / "never.db"))
    for args in MISTAKES[kind]:
        made = cli(*args, today=TODAY)
        assert made.exit_code == 0, made
    assert tables(network) != never  # the mistake changed something
    result = cli("undo", "--yes", today=TODAY)
    assert result.exit_code == 0, result
    assert "Undid" in result.stderr
    assert tables(network) == never
    fts_ok(network)


def test_undo_of_an_import_removes_every_row_it_brought(cli, network: Path, tmp_path: Path) -> None:
    never = tables(copy(network, tmp_path / "never.db"))
    csv = connections_csv(tmp_path / "Connections.csv", 40)
    assert cli("import", "linkedin", str(csv), today=TODAY).exit_code == 0
    assert len(tables(network)["person"]) == 43
    result = cli("undo", "--yes", today=TODAY)
    assert result.exit_code == 0, result
    assert tables(network) == never
    fts_ok(network)


def test_undo_goes_one_step_back_each_time(cli, network: Path, tmp_path: Path) -> None:
    before_both = tables(copy(network, tmp_path / "before.db"))
    assert cli("log", "alice", "call about the role", today=TODAY).exit_code == 0
    between = tables(copy(network, tmp_path / "between.db"))
    assert cli("edit", "alice", "--company", "Plaid", today=TODAY).exit_code == 0

    first = cli("undo", "--yes", today=TODAY)
    assert first.exit_code == 0, first
    assert tables(network) == between
    assert 'Next undo would revert "log: call about the role with Alice Chen"' in first.stderr

    second = cli("undo", "--yes", today=TODAY)
    assert second.exit_code == 0, second
    assert 'Undid "log: call about the role with Alice Chen"' in second.stderr
    assert tables(network) == before_both


def test_undo_says_what_it_would_revert_and_refuses_without_a_terminal(cli, network: Path) -> None:
    assert cli("give", "bob", "sent a job lead", today=TODAY).exit_code == 0
    before = tables(network)
    result = cli("undo", today=TODAY)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        'Error: undo would revert "give: sent a job lead with Bob Li" ('
    )
    assert "network undo --yes" in result.stderr
    assert tables(network) == before


def test_undo_json_names_what_was_reverted_and_what_comes_next(cli, network: Path) -> None:
    assert cli("log", "carol", "coffee", today=TODAY).exit_code == 0
    result = cli("undo", "--yes", "--json", today=TODAY)
    assert result.exit_code == 0, result
    document = result.json()
    assert document["description"] == "log: coffee with Carol Diaz"
    assert document["changes"] >= 2  # the entry and Carol's stored balance and dates
    assert document["next"] == "knows: Bob Li: resumes"


def test_the_history_lists_commands_newest_first(cli, network: Path) -> None:
    result = cli("undo", "--list", today=TODAY)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["#", "when (UTC)", "changes", "what"]
    assert lines[1].endswith("\tknows: Bob Li: resumes")
    assert any(line.endswith("\tgive: sent an article with Carol Diaz") for line in lines)
    assert lines[-1].endswith("\tadd: Alice Chen")


def test_the_history_as_json_is_the_same_list(cli, network: Path) -> None:
    table = cli("undo", "--list", today=TODAY).stdout.splitlines()[1:]
    result = cli("undo", "--list", "--json", "-n", "2", today=TODAY)
    assert result.exit_code == 0, result
    steps = result.rows()
    assert [s["description"] for s in steps] == [line.split("\t")[3] for line in table[:2]]
    assert result.json()["more"] == len(table) - 2
    assert cli("undo", "--list", "--json").rows()[-1]["description"] == "add: Alice Chen"


def test_nothing_to_undo_is_an_error_with_a_hint(cli) -> None:
    assert cli("add", "Alice Chen").exit_code == 0
    assert cli("undo", "--yes").exit_code == 0
    result = cli("undo", "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothing to undo — ")


def test_a_refused_write_leaves_no_step(cli, network: Path) -> None:
    steps = undo_log_size(network)
    assert cli("log", "nobody-here", "coffee").exit_code == 1
    assert cli("log", "alice", "x", "--kind", "cofee").exit_code == 1
    assert undo_log_size(network) == steps


def test_the_history_is_bounded(cli, isolated_db: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_undo, "DEPTH", 3)
    assert cli("add", "Alice Chen").exit_code == 0
    for n in range(5):
        assert cli("log", "alice", f"coffee {n}").exit_code == 0
    steps, rows = undo_log_size(isolated_db)
    assert steps == 3
    assert rows == 3 * 2  # each log: the entry, and Alice's stored values
    listed = cli("undo", "--list").stdout
    assert "coffee 4" in listed and "coffee 2" in listed and "coffee 1" not in listed


def test_the_undo_history_is_never_exported(cli, network: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert cli("export", "json", "--output", str(out), "--include-private").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "undo" not in text
    assert "coffee chat" in text  # the export itself is whole


def test_an_undo_that_fails_half_way_changes_nothing(cli, network: Path, monkeypatch) -> None:
    assert cli("log", "alice", "coffee again", today=TODAY).exit_code == 0
    before = tables(network)

    def broken(session, step_id):
        session.connection().exec_driver_sql("DELETE FROM entry")
        raise RuntimeError("disk went away")

    monkeypatch.setattr(store_undo, "undo_step", broken)
    result = cli("undo", "--yes", today=TODAY)
    assert result.exit_code == 3
    assert tables(network) == before


def test_undo_works_after_a_schema_upgrade_starts_a_fresh_history(cli, tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "schema1.db", old)
    first = cli("--db", str(old), "undo", "--yes")
    assert first.exit_code == 1
    assert "nothing to undo" in first.stderr
    before = tables(old)
    assert cli("--db", str(old), "log", "Alice Chen", "coffee").exit_code == 0
    assert cli("--db", str(old), "undo", "--yes").exit_code == 0
    assert tables(old) == before


def test_every_data_table_has_its_undo_triggers(isolated_db: Path, cli) -> None:
    assert cli("add", "Alice Chen").exit_code == 0
    conn = sqlite3.connect(isolated_db)
    try:
        triggers = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            if r[0].startswith("undo_")
        }
        logged = store_undo.logged_tables(conn)
    finally:
        conn.close()
    assert {"person", "entry", "strength", "obligation", "link"} <= set(logged)
    assert not {"meta", "undo_log", "undo_step", "person_fts"} & set(logged)
    assert triggers == {f"undo_{t}_{op}" for t in logged for op in ("insert", "update", "delete")}


def test_derived_descriptions_name_what_was_added_or_changed() -> None:
    rows = [
        ("person", "insert", 4, "Erin Wu"),
        ("person", "update", 4, "Erin Wu"),
        ("strength", "insert", 9, "design"),
    ]
    assert store_undo.derived_description(rows) == 'added person Erin Wu; added strength "design"'
    assert store_undo.derived_description([("person", "update", 1, "Bob Li")]) == (
        "changed person Bob Li"
    )
    many = [("entry", "delete", n, f"e{n}") for n in range(5)]
    assert store_undo.derived_description(many) == 'removed entries "e0", "e1", "e2" and 2 more'
    assert store_undo.derived_description([("obligation", "insert", 3, "send the deck")]) == (
        'added to-do "send the deck"'
    )


def test_on_a_terminal_it_asks_and_no_keeps_everything(cli, network: Path, monkeypatch) -> None:
    from network.cli.commands import undo as command

    monkeypatch.setattr(command, "_on_terminal", lambda: True)
    assert cli("log", "alice", "coffee by mistake", today=TODAY).exit_code == 0
    before = tables(network)
    kept = cli("undo", input="n\n", today=TODAY)
    assert kept.exit_code == 1
    assert 'Undo "log: coffee by mistake with Alice Chen" (2 changes at ' in kept.stderr
    assert "Nothing was undone." in kept.stderr
    assert tables(network) == before
    undone = cli("undo", input="y\n", today=TODAY)
    assert undone.exit_code == 0, undone
    assert 'Undid "log: coffee by mistake with Alice Chen"' in undone.stderr
    assert tables(network) != before


def test_undo_refuses_when_another_command_wrote_after_it_was_shown(cli, network: Path) -> None:
    from network import app

    shown = app.undo.last(network)
    assert cli("give", "carol", "a late write", today=TODAY).exit_code == 0
    before = tables(network)
    with pytest.raises(app.undo.UndoMoved, match="another command wrote since"):
        app.undo.undo(network, expect=shown)
    assert tables(network) == before


def test_every_command_is_its_own_step_in_separate_processes(tmp_path: Path) -> None:
    """The step boundary holds for each process's one command (no in-process leftovers)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NETWORK_DB": str(tmp_path / "n.db"), "NETWORK_TODAY": TODAY}

    def network(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "network", *args], env=env, capture_output=True, text=True
        )

    for args in (
        ["add", "Alice Chen"],
        ["knows", "alice", "cars"],
        ["promise", "alice", "x", "--by", "friday"],
    ):
        assert network(*args).returncode == 0
    listed = network("undo", "--list").stdout.splitlines()
    assert len(listed) == 4  # the header and three steps
    assert network("undo", "--yes").returncode == 0
    assert network("undo", "--yes").returncode == 0
    assert "add: Alice Chen" in network("undo", "--list").stdout
