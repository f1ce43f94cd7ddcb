"""`entry edit` and `entry rm`: one entry changes, and everything derived from it follows.

Each correction is compared with a database where the entry was recorded right the first
time: the person's stored balance, last contact and next due date must be the same.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

TODAY = "2026-11-22"


def person(path: Path, name: str) -> tuple:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT balance, last_contact, next_due FROM person WHERE name = ?", (name,)
        ).fetchone()
    finally:
        conn.close()


def entry(path: Path, entry_id: int) -> tuple | None:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT day, at, kind, flow, points, summary, private FROM entry WHERE id = ?",
            (entry_id,),
        ).fetchone()
    finally:
        conn.close()


def build(cli, db: Path, *log_args: str) -> None:
    """Alice (a close tie) with one old coffee, then the entry under test (id 2)."""
    for args in (
        ["add", "Alice Chen", "--tie", "close"],
        ["log", "alice", "coffee chat", "--when", "2026-10-01"],
        ["log", "alice", *log_args],
    ):
        result = cli("--db", str(db), *args, today=TODAY)
        assert result.exit_code == 0, (args, result)


@pytest.mark.parametrize(
    "typed,edit,meant",
    [
        (
            ["coffee", "--when", "2026-11-20"],
            ["--when", "2026-10-15"],
            ["coffee", "--when", "2026-10-15"],
        ),
        (
            ["coffee", "--when", "2026-11-20"],
            ["--kind", "meal", "--summary", "lunch"],
            ["lunch", "--kind", "meal", "--when", "2026-11-20"],
        ),
        (
            ["sent an article", "--when", "2026-11-20"],
            ["--points", "7", "--private"],
            ["sent an article", "--when", "2026-11-20", "--points", "7", "--private"],
        ),
        (
            ["advice on the offer", "--ask", "--when", "2026-11-20"],
            ["--kind", "referral"],
            ["advice on the offer", "--ask", "--when", "2026-11-20", "--kind", "referral"],
        ),
    ],
)
def test_an_edited_entry_matches_one_recorded_right_the_first_time(
    cli, tmp_path: Path, typed, edit, meant
) -> None:
    wrong, right = tmp_path / "wrong.db", tmp_path / "right.db"
    build(cli, wrong, *typed)
    build(cli, right, *meant)
    assert person(wrong, "Alice Chen") != person(right, "Alice Chen") or entry(wrong, 2) != entry(
        right, 2
    )
    result = cli("--db", str(wrong), "entry", "edit", "2", *edit, today=TODAY)
    assert result.exit_code == 0, result
    assert result.stderr.startswith("Entry e2 with Alice Chen is now: ")
    assert entry(wrong, 2) == entry(right, 2)
    assert person(wrong, "Alice Chen") == person(right, "Alice Chen")


def test_a_removed_entry_leaves_what_was_there_before_it(cli, tmp_path: Path) -> None:
    with_it, without = tmp_path / "with.db", tmp_path / "without.db"
    build(cli, with_it, "dinner", "--when", "2026-11-20")
    for args in (
        ["add", "Alice Chen", "--tie", "close"],
        ["log", "alice", "coffee chat", "--when", "2026-10-01"],
    ):
        assert cli("--db", str(without), *args, today=TODAY).exit_code == 0
    result = cli("--db", str(with_it), "entry", "rm", "2", today=TODAY)
    assert result.exit_code == 0, result
    assert result.stderr.splitlines() == [
        "Removed entry e2 with Alice Chen: 2026-11-20 meal +3: dinner",
        "Alice Chen's balance: +5 -> +2",
    ]
    assert entry(with_it, 2) is None
    assert person(with_it, "Alice Chen") == person(without, "Alice Chen")


def test_removing_help_received_drops_the_thank_you_it_left_owed(cli) -> None:
    assert cli("add", "Bob Li").exit_code == 0
    assert cli("log", "bob", "sent me a job lead", "--received").exit_code == 0
    assert "thanks" in cli("promises", "--all").stdout
    result = cli("entry", "rm", "1")
    assert result.exit_code == 0, result
    assert "Also removed 1 open item(s) it had created." in result.stderr
    assert "thanks" not in cli("promises", "--all").stdout


def test_removing_a_delivery_reopens_the_promise(cli) -> None:
    assert cli("add", "Bob Li").exit_code == 0
    assert cli("promise", "bob", "send the deck", "--by", "friday").exit_code == 0
    assert cli("done", "bob").exit_code == 0
    assert cli("promises").stdout.strip() == ""
    result = cli("entry", "rm", "1")
    assert result.exit_code == 0, result
    assert "Reopened 1 promise(s) it had delivered." in result.stderr
    assert "send the deck" in cli("promises").stdout


def test_an_edit_and_a_removal_can_be_undone(cli, isolated_db: Path) -> None:
    build(cli, isolated_db, "coffee", "--when", "2026-11-20")
    before = (entry(isolated_db, 2), person(isolated_db, "Alice Chen"))
    assert cli("entry", "edit", "2", "--kind", "meal", today=TODAY).exit_code == 0
    undone = cli("undo", "--yes", today=TODAY)
    assert undone.exit_code == 0
    assert 'Undid "entry edit 2: coffee with Alice Chen"' in undone.stderr
    assert (entry(isolated_db, 2), person(isolated_db, "Alice Chen")) == before
    assert cli("entry", "rm", "2", today=TODAY).exit_code == 0
    assert cli("undo", "--yes", today=TODAY).exit_code == 0
    assert (entry(isolated_db, 2), person(isolated_db, "Alice Chen")) == before


@pytest.mark.parametrize(
    "args,message",
    [
        (["edit", "99", "--summary", "x"], "Error: there is no entry 99 — "),
        (["rm", "99"], "Error: there is no entry 99 — "),
        (["edit", "1"], "Error: nothing to change — "),
        (["edit", "1", "--kind", "cofee"], 'Error: "cofee" is not a kind of entry — did you mean'),
        (["edit", "1", "--kind", "ask"], 'Error: "ask" is something you ask for, not a deposit'),
        (["edit", "1", "--points", "101"], "Error: points must be between 0 and 100, not 101"),
        (["edit", "1", "--summary", " "], "Error: "),
    ],
)
def test_a_bad_correction_changes_nothing(cli, isolated_db: Path, args, message) -> None:
    assert cli("add", "Alice Chen").exit_code == 0
    assert cli("log", "alice", "coffee").exit_code == 0
    before = entry(isolated_db, 1), person(isolated_db, "Alice Chen")
    result = cli("entry", *args)
    assert result.exit_code == 1, result
    assert result.stderr.startswith(message), result
    assert (entry(isolated_db, 1), person(isolated_db, "Alice Chen")) == before


def test_entry_ids_must_be_numbers(cli) -> None:
    # a typed id now (e12 or 12), read by us: our one-line error and exit 1
    result = cli("entry", "rm", "abc")
    assert result.exit_code == 1
    assert result.stderr == 'Error: "abc" is not an entry id — use the id history shows, e.g. e12\n'
    wrong = cli("entry", "rm", "o3")
    assert wrong.stderr.startswith("Error: o3 is a promise or follow-up, not a ledger entry")
