"""The morning list's queries shaped for speed (issue 9: due grows < 50 ms from 1k to 1M
people): waiting asks found through each person's stored oldest open ask and counted in
the same query, capacity from the covering index of people on a rhythm, captured meetings
looked for only among people who can have had one."""

from __future__ import annotations

import json
from datetime import date

from network.store import connection
from network.store.reads import agenda as queries

TODAY = "2026-11-22"
SINCE, BEFORE = date(2026, 9, 23), date(2026, 11, 8)  # an ask waits from 14 to 60 days


def test_waiting_asks_are_listed_and_counted_in_one_query(cli, isolated_db):
    # four people with an old open ask: two due for contact today (close, last seen long
    # ago), two not (a roster tie has no rhythm); one with a second, later ask
    for name, tie in (("Ann Lee", "close"), ("Ben Ode", "close"), ("Cy Roe", "roster")):
        assert cli("add", name, "--tie", tie, "--last", "2026-06-01", today=TODAY).exit_code == 0
    assert cli("add", "Di Fox", "--tie", "roster", today=TODAY).exit_code == 0
    for name, day in (("Ann", "2026-10-01"), ("Ben", "2026-10-20"), ("Cy", "2026-10-05")):
        assert cli("ask", name, "advice", "--when", day, today=TODAY).exit_code == 0
    assert cli("ask", "Di", "an intro", "--when", "2026-10-10", today=TODAY).exit_code == 0
    assert cli("ask", "Di", "a referral", "--when", "2026-10-30", today=TODAY).exit_code == 0
    # too recent to wait, and too old
    assert cli("add", "Ed Wu", "--tie", "roster", today=TODAY).exit_code == 0
    assert cli("ask", "Ed", "a quick one", "--when", "2026-11-20", today=TODAY).exit_code == 0
    today = date(2026, 11, 22)
    with connection.reading(isolated_db) as reader:
        every = queries.waiting_asks(reader, SINCE, BEFORE)
        assert [(a["day"], a["next_due"] is None) for a in every] == [
            (date(2026, 10, 1), False),
            (date(2026, 10, 5), True),
            (date(2026, 10, 10), True),
            (date(2026, 10, 20), False),
        ]
        for limit in (0, 1, 2, 4, 10):
            found, not_due = queries.waiting_asks_counted(reader, SINCE, BEFORE, today, limit)
            assert found == queries.waiting_asks(reader, SINCE, BEFORE, limit=limit)
            assert not_due == 2  # Cy and Di; Ann and Ben are due for contact today


def test_no_waiting_ask_is_an_empty_list_and_nought(cli, isolated_db):
    assert cli("add", "Ann Lee", today=TODAY).exit_code == 0
    with connection.reading(isolated_db) as reader:
        assert queries.waiting_asks_counted(reader, SINCE, BEFORE, date(2026, 11, 22), 5) == (
            [],
            0,
        )


def test_capacity_counts_and_names_the_longest_silent(cli, isolated_db):
    people = [
        ("Ann Lee", "close", "2026-03-01"),
        ("Ben Ode", "close", "2026-01-01"),
        ("Cy Roe", "close", "2026-05-01"),
        ("Di Fox", "casual", "2026-02-01"),
        ("Ed Wu", "casual", "2026-04-01"),
        ("Flo Ma", "roster", "2026-01-01"),  # no rhythm: not counted
        ("Gus Ng", "close", "2025-01-01"),  # archived below: not counted
    ]
    for name, tie, last in people:
        assert cli("add", name, "--tie", tie, "--last", last, today=TODAY).exit_code == 0
    assert cli("archive", "Gus", today=TODAY).exit_code == 0
    with connection.reading(isolated_db) as reader:
        assert queries.capacity(reader, 2) == (3, 5, ["Ben Ode", "Ann Lee"], ["Di Fox", "Ed Wu"])
        assert queries.capacity(reader, 5) == (
            3,
            5,
            ["Ben Ode", "Ann Lee", "Cy Roe"],
            ["Di Fox", "Ed Wu"],
        )


def test_capacity_of_an_empty_network(cli, isolated_db):
    assert cli("add", "Flo Ma", "--tie", "roster", today=TODAY).exit_code == 0
    with connection.reading(isolated_db) as reader:
        assert queries.capacity(reader, 5) == (0, 0, [], [])


def test_a_meeting_logged_by_hand_is_no_captured_meeting(cli, isolated_db):
    """Only capture's meetings ask what you gave: without a calendar read for that day,
    `due` does not look (a hand-logged meeting of 0 points is just contact)."""
    assert cli("add", "Ann Lee", "--tie", "casual", today=TODAY).exit_code == 0
    logged = cli("log", "Ann", "met", "--kind", "meeting", "--points", "0", "-w", "2026-11-21")
    assert logged.exit_code == 0, logged
    with connection.reading(isolated_db) as reader:
        assert queries.meetings_on(reader, date(2026, 11, 21)) == []


def _open_ask_drift(path) -> list[tuple]:
    """People whose stored oldest or newest open ask differs from what their ledger holds."""
    import sqlite3

    held = "(SELECT {}(e.day) FROM entry e WHERE e.status = 'open' AND e.person_id = p.id)"
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            f"SELECT p.id, p.open_ask_since, p.open_ask_latest FROM person p "
            f"WHERE p.open_ask_since IS NOT {held.format('min')} "
            f"OR p.open_ask_latest IS NOT {held.format('max')}"
        ).fetchall()
    finally:
        conn.close()


def test_the_stored_oldest_open_ask_follows_every_write(cli, isolated_db, tmp_path):
    """person.open_ask_since is what `due` finds waiting asks by: after each write that can
    open, answer, move, remove or merge an ask, and after undo, it is the ledger's own."""
    for name in ("Ann Lee", "Ben Ode", "Ann Leigh"):
        assert cli("add", name, today=TODAY).exit_code == 0
    steps = [
        ("ask", "Ann Lee", "an intro", "--when", "2026-10-01"),
        ("ask", "Ann Lee", "a referral", "--when", "2026-10-20"),
        ("ask", "Ben", "advice", "--when", "2026-10-05"),
        ("ask", "Ann Leigh", "a review", "--when", "2026-09-01"),
        ("answer", "e1", "granted"),  # Ann's oldest: the referral is now her oldest
        ("entry", "edit", "e2", "--when", "2026-09-15"),
        ("entry", "rm", "e3"),  # Ben's only ask
        ("undo", "--yes"),  # Ben's ask is back
        ("merge", "Ann Lee", "Ann Leigh"),  # Ann Leigh's older ask joins Ann's
        ("undo", "--yes"),
        ("answer", "e2", "declined"),
    ]
    seen = set()
    for step in steps:
        result = cli(*step, today=TODAY)
        assert result.exit_code == 0, (step, result)
        assert _open_ask_drift(isolated_db) == [], step
        with connection.reading(isolated_db) as reader:
            seen.add(tuple(a["day"] for a in queries.waiting_asks(reader, SINCE, BEFORE)))
    assert len(seen) > 3  # the steps did change who waits since when
    # a JSON export read into a new file recomputes it, with private entries or without
    secret = ("ask", "Ben", "a secret", "--when", "2026-08-01", "--private")
    assert cli(*secret, today=TODAY).exit_code == 0
    for private in ((), ("--include-private",)):
        exported = tmp_path / f"all{len(private)}.json"
        export = cli("export", "json", "-o", str(exported), *private, today=TODAY)
        assert export.exit_code == 0, export
        people = {p["name"]: p for p in json.loads(exported.read_text())["tables"]["person"]}
        ben = people["Ben Ode"]
        assert ben["open_ask_since"] == ("2026-08-01" if private else "2026-10-05")
        assert ben["open_ask_latest"] == "2026-10-05"
        fresh = tmp_path / f"fresh{len(private)}.db"
        imported = cli("--db", str(fresh), "import", "json", str(exported), today=TODAY)
        assert imported.exit_code == 0, imported
        assert _open_ask_drift(fresh) == []


def test_a_lapsed_ask_does_not_hide_a_later_one_that_waits(cli, isolated_db):
    """An ask open since before the window (lapsed as a reminder) is the person's oldest, but
    their later ask within the window still waits, with its own day; someone with only a
    lapsed ask waits for nothing."""
    for name in ("Ann Lee", "Ben Ode"):
        assert cli("add", name, "--tie", "roster", today=TODAY).exit_code == 0
    assert cli("ask", "Ann", "an old favour", "--when", "2026-06-01", today=TODAY).exit_code == 0
    assert cli("ask", "Ann", "a review", "--when", "2026-10-03", today=TODAY).exit_code == 0
    assert cli("ask", "Ben", "advice", "--when", "2026-07-01", today=TODAY).exit_code == 0
    with connection.reading(isolated_db) as reader:
        found = queries.waiting_asks(reader, SINCE, BEFORE)
        assert [a["day"] for a in found] == [date(2026, 10, 3)]
        assert queries.waiting_asks_counted(reader, SINCE, BEFORE, date(2026, 11, 22), 5) == (
            found,
            1,
        )
        assert queries.ask_summaries(reader, {found[0]["person_id"]: found[0]["day"]}) == {
            found[0]["person_id"]: "a review"
        }


def test_every_query_of_due_reads_the_index_it_was_written_for(cli, isolated_db, monkeypatch):
    """Without statistics SQLite plans by the shape of a query, not the size of the table, so
    a plan on a few rows is the plan at a million. `due`'s queries of people who are due,
    wait on an ask or are on a rhythm range over their partial covering indexes, and none
    walks the person table (an index led by `archived` once drew every `archived = FALSE`
    query of `due` to itself: 110 ms each at 100,000 people)."""
    import sqlite3

    from network.app import agenda

    for name, tie in (("Ann Lee", "close"), ("Ben Ode", "casual"), ("Cy Roe", "roster")):
        assert cli("add", name, "--tie", tie, "--last", "2026-06-01", today=TODAY).exit_code == 0
    assert cli("ask", "Cy", "advice", "--when", "2026-10-05", today=TODAY).exit_code == 0
    seen: list[tuple[str, dict]] = []
    rows = connection.Reader.rows

    def recorded(self, sql, params=None):
        seen.append((sql, params or {}))
        return rows(self, sql, params)

    monkeypatch.setattr(connection.Reader, "rows", recorded)
    agenda.agenda(isolated_db, today=date(2026, 11, 22), budget=5)
    monkeypatch.undo()

    wanted = {
        "next_due <= :today": "ix_person_due",
        "first_due <= :today": "ix_person_first_due",
        "open_ask_since": "ix_person_open_ask",
        "next_due IS NOT NULL": "ix_person_due",
    }
    conn = sqlite3.connect(isolated_db)
    try:
        checked = set()
        for sql, params in seen:
            plan = " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
            assert "ix_person_listing" not in plan, (sql, plan)
            if "LIKE" not in sql:  # the name shortlist scans, and stops at its cap
                assert "SCAN person" not in plan and "SCAN p " not in plan, (sql, plan)
            for marker, index in wanted.items():
                # (a query of the few people already listed goes by their ids)
                if marker in sql and "IN (:" not in sql:
                    assert f"COVERING INDEX {index}" in plan, (sql, plan)
                    checked.add(marker)
        assert checked == set(wanted)
    finally:
        conn.close()
