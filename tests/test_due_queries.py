"""The morning list's queries that were merged for speed (issue 9: due grows < 50 ms from
1k to 100k people): waiting asks listed and counted from one grouping, capacity in one
pass, captured meetings looked for only among people who can have had one."""

from __future__ import annotations

from datetime import date

from network.store import connection
from network.store.reads import agenda as queries

TODAY = "2026-11-22"
SINCE, BEFORE = date(2026, 9, 23), date(2026, 11, 8)  # an ask waits from 14 to 60 days


def test_waiting_asks_are_listed_and_counted_from_one_grouping(cli, isolated_db):
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


def test_capacity_counts_and_names_the_longest_silent_in_one_pass(cli, isolated_db):
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
