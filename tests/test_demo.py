"""The demo network: realistic, deterministic, and consistent with the ledger's own rules."""

from __future__ import annotations

import time as clock
from datetime import date, timedelta
from pathlib import Path

import pytest

from network.app import demo
from network.common.errors import BadInput
from network.store import connection as db
from network.store.reads import agenda as agenda_reads
from network.store.reads import people as queries

TODAY = date(2025, 3, 10)


def build(path: Path, today: date = TODAY, seed: int = 7) -> demo.Counts:
    return demo.build(path, today, seed)


def snapshot(path: Path) -> tuple[list, list]:
    with db.reading(path) as reader:
        people = reader.rows(
            "SELECT name, tie, company, birth_year, birth_month, birth_day, created_on, "
            "last_contact, next_due, balance FROM person ORDER BY name"
        )
        entries = reader.rows(
            "SELECT p.name, e.day, e.at, e.kind, e.flow, e.points, e.summary, e.is_group, "
            "e.private FROM entry e JOIN person p ON p.id = e.person_id ORDER BY e.id"
        )
    return people, entries


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, demo.Counts]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    return path, build(path)


def test_counts_are_in_the_expected_ranges(built):
    path, counts = built
    assert 30 <= counts.people <= 40
    assert 250 <= counts.entries <= 400
    assert 30 <= counts.strengths <= 80
    with db.reading(path) as reader:
        assert reader.one("SELECT count(*) AS n FROM person")["n"] == counts.people
        assert reader.one("SELECT count(*) AS n FROM entry")["n"] == counts.entries
        assert reader.one("SELECT count(*) AS n FROM strength")["n"] == counts.strengths
        rows = reader.rows("SELECT tie, count(*) AS n FROM person GROUP BY tie")
        ties = {r["tie"]: r["n"] for r in rows}
        mine = reader.one("SELECT count(*) AS n FROM strength WHERE person_id IS NULL")["n"]
    assert 6 <= ties["close"] <= 10 and 12 <= ties["casual"] <= 20 and 8 <= ties["roster"] <= 16
    assert 2 <= mine <= 3


def test_same_seed_and_day_build_the_same_network(tmp_path, built):
    path, counts = built
    again = tmp_path / "again.db"
    assert build(again) == counts
    assert snapshot(again) == snapshot(path)


def test_another_seed_builds_a_different_ledger(tmp_path, built):
    path, _ = built
    other = tmp_path / "other.db"
    build(other, seed=8)
    people, entries = snapshot(other)
    first_people, first_entries = snapshot(path)
    assert [p["name"] for p in people] == [p["name"] for p in first_people]
    assert entries != first_entries


def test_names_include_accents_and_a_shared_first_name(built):
    path, _ = built
    with db.reading(path) as reader:
        names = [p["name"] for p in queries.people(reader)]
    assert "José Núñez" in names and "Zoë Müller" in names
    firsts = [n.split()[0] for n in names]
    assert any(firsts.count(f) >= 2 for f in firsts)


def test_a_birthday_falls_within_the_week(built):
    path, _ = built
    with db.reading(path) as reader:
        soon = agenda_reads.birthdays(reader, TODAY, 7)
        with_birthday = reader.one("SELECT count(*) AS n FROM person WHERE birth_month IS NOT NULL")
    assert soon
    in_two = TODAY + timedelta(days=2)
    assert any((p["birth_month"], p["birth_day"]) == (in_two.month, in_two.day) for p in soon)
    assert 12 <= with_birthday["n"] <= 24


def test_some_people_are_due_and_some_are_not(built):
    path, counts = built
    with db.reading(path) as reader:
        due, total = agenda_reads.due_contacts(reader, TODAY, None)
    assert 5 <= total <= 20
    assert len(due) == total
    assert total < counts.people
    assert all(p["next_due"] <= TODAY for p in due)


def test_someone_is_overdrawn_and_someone_only_receives(built):
    path, _ = built
    with db.reading(path) as reader:
        overdrawn = reader.rows("SELECT name FROM person WHERE balance < 0")
        one_sided = reader.rows(
            "SELECT p.name FROM person p JOIN entry e ON e.person_id = p.id GROUP BY p.id "
            "HAVING sum(e.flow = 'withdrawal') = 0 AND count(*) >= 5"
        )
    assert overdrawn
    assert one_sided


def test_stored_balances_match_the_ledger(built):
    path, _ = built
    with db.reading(path) as reader:
        rows = reader.rows(
            "SELECT p.name, p.balance, COALESCE(SUM(CASE e.flow WHEN 'deposit' THEN e.points "
            "ELSE -e.points END), 0) AS total FROM person p "
            "LEFT JOIN entry e ON e.person_id = p.id GROUP BY p.id"
        )
    assert rows
    wrong = [r for r in rows if r["balance"] != r["total"]]
    assert not wrong


def test_every_date_is_relative_to_today(built):
    path, _ = built
    with db.reading(path) as reader:
        span = reader.one("SELECT min(day) AS first, max(day) AS last FROM entry")
        created = reader.one("SELECT min(created_on) AS first, max(created_on) AS last FROM person")
        groups = reader.one("SELECT count(*) AS n FROM entry WHERE is_group = 1")["n"]
        private = reader.one("SELECT count(*) AS n FROM entry WHERE private = 1")["n"]
        kinds = {r["kind"] for r in reader.rows("SELECT DISTINCT kind FROM entry")}
    assert date.fromisoformat(span["last"]) <= TODAY
    assert date.fromisoformat(span["first"]) >= TODAY - timedelta(days=400)
    assert TODAY - timedelta(days=400) <= date.fromisoformat(created["first"])
    assert date.fromisoformat(created["last"]) <= TODAY - timedelta(days=300)
    assert groups >= 3 and private >= 2
    assert {"coffee", "call", "article", "intro", "advice"} <= kinds


def test_who_knows_has_experts_to_rank(built):
    path, _ = built
    with db.reading(path) as reader:
        for topic in ("cars", "resumes", "college applications", "python"):
            assert queries.topic_matches(reader, topic), topic
        assert queries.people(reader, knows="car buying")


def test_a_group_event_does_not_reset_a_close_tie(built):
    path, _ = built
    with db.reading(path) as reader:
        partied = {
            r["name"]
            for r in reader.rows(
                "SELECT p.name FROM person p JOIN entry e ON e.person_id = p.id "
                "WHERE p.tie = 'close' AND e.is_group = 1 AND e.day > p.last_contact"
            )
        }
        due = {p["name"] for p in agenda_reads.due_contacts(reader, TODAY, None)[0]}
    assert partied & due


@pytest.mark.parametrize(
    "today",
    [date(2024, 2, 27), date(2024, 2, 29), date(2025, 12, 28), date(2026, 7, 1)],
)
def test_any_day_gives_a_useful_demo(tmp_path, today):
    path = tmp_path / "demo.db"
    started = clock.perf_counter()
    build(path, today=today, seed=3)
    assert clock.perf_counter() - started < 5  # well under 2 s normally; generous for CI
    with db.reading(path) as reader:
        assert agenda_reads.birthdays(reader, today, 7)
        _, total = agenda_reads.due_contacts(reader, today, None)
        assert 5 <= total <= 20


def test_refuses_a_database_that_already_has_people(built, tmp_path):
    path = tmp_path / "twice.db"
    build(path)
    with pytest.raises(BadInput):
        build(path)
    with db.reading(path) as reader:
        assert reader.one("SELECT count(*) AS n FROM person")["n"] == 36


def test_the_demo_shows_the_same_agenda_as_due(cli, tmp_path):
    """`network demo` prints what `network due` prints for the network it built."""
    path = tmp_path / "demo.db"
    shown = cli("demo", "--path", str(path), "--json", today=TODAY.isoformat())
    assert shown.exit_code == 0, shown
    due = cli("--db", str(path), "due", "--json", today=TODAY.isoformat())
    assert due.exit_code == 0, due
    assert shown.stdout == due.stdout
    assert [i["kind"] for i in shown.json()["items"]].count("birthday") >= 1


def test_create_refuses_the_users_own_database(tmp_path):
    own = tmp_path / "network.db"
    with pytest.raises(BadInput, match="your own database"):
        demo.create(own, own_db=own, today=TODAY, budget=5)
    assert not own.exists()


def test_demo_with_only_db_names_path_instead_of_writing_elsewhere(cli, tmp_path, monkeypatch):
    """`network --db X demo` neither rebuilds X (it may be someone's network) nor quietly
    builds the default demo file: it says how to build the demo at X."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    target = tmp_path / "x.db"
    run = cli("--db", str(target), "demo", today=TODAY.isoformat())
    assert run.exit_code == 1, run
    assert run.stderr == (
        "Error: demo builds a file of its own and never writes to the --db database — "
        "leave out --db, or name a new file for it: network demo --path FILE\n"
    )
    assert not target.exists() and not (tmp_path / "data").exists()
