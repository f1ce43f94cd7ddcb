"""The benchmark's synthetic networks obey the same rules as data written by the tool."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from datetime import date, timedelta
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
    checked = asked = 0
    with db.write_session(path) as session:
        people = session.exec(select(Person).where(Person.id % 7 == 0)).all()
        assert {p.tie for p in people} == {"close", "casual", "roster"}
        derived = ("last_contact", "balance", "next_due", "search_key")
        derived += ("open_ask_since", "open_ask_latest")
        for person in people:
            stored = [getattr(person, column) for column in derived]
            assert person.name_key == fold(person.name)
            ledger.refresh(session, person, TODAY)
            assert [getattr(person, column) for column in derived] == stored, person.name
            asked += person.open_ask_since is not None
            checked += 1
        session.rollback()
    assert checked > 100 and asked > 10


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


def test_due_has_people_to_rank_at_every_size(small):
    path, facts = small
    conn = sqlite3.connect(path)
    try:
        overdue = conn.execute(
            "SELECT count(*) FROM person WHERE archived = 0 AND next_due < ?",
            (TODAY.isoformat(),),
        ).fetchone()[0]
        introduced = conn.execute("SELECT count(*) FROM person WHERE via_id IS NOT NULL")
        introduced = introduced.fetchone()[0]
    finally:
        conn.close()
    assert overdue == facts.overdue >= facts.people // 100  # 1,000 at 100,000 people
    assert introduced > 0  # who-knows and show look these up by introducer


class Explaining:
    """A Reader that records SQLite's query plan of every statement it runs."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self.plans: list[str] = []

    def rows(self, sql, params=None):
        plan = self.reader.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params or {}).fetchall()
        self.plans.append("; ".join(row[3] for row in plan))
        return self.reader.rows(sql, params)

    def one(self, sql, params=None):
        rows = self.rows(sql, params)
        return rows[0] if rows else None


@pytest.fixture(scope="module")
def leap_birthdays(small, tmp_path_factory) -> Path:
    """The small network with birthdays around Feb 29 for a few people, one archived."""
    path = tmp_path_factory.mktemp("bench") / "leap.db"
    shutil.copyfile(small[0], path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE person SET birth_month = 2, birth_day = 29 WHERE id IN (3, 5)")
        conn.execute("UPDATE person SET birth_month = 3, birth_day = 1, archived = 1 WHERE id = 4")
        conn.execute("UPDATE person SET birth_month = 2, birth_day = 27, archived = 0 WHERE id = 9")
    conn.close()
    return path


@pytest.mark.parametrize(
    ("today", "among"),
    [(TODAY, set()), (date(2027, 2, 24), {3, 5, 9}), (date(2028, 2, 24), {3, 5, 9})],
)
def test_birthdays_probe_their_index_instead_of_walking_everyone(leap_birthdays, today, among):
    from network.store import connection as db
    from network.store.reads import agenda

    with db.reading(leap_birthdays) as reader:
        explaining = Explaining(reader)
        found = agenda.birthdays(explaining, today, 7)
        everyone = reader.rows("SELECT id, archived, birth_month, birth_day FROM person")
    (plan,) = explaining.plans
    assert "ix_person_birthday" in plan and "SCAN" not in plan, plan
    window = {(d.month, d.day) for d in (today + timedelta(days=n) for n in range(8))}
    if (2, 28) in window:  # celebrated on the 28th in common years
        window.add((2, 29))
    expected = [
        p["id"]
        for p in everyone
        if not p["archived"] and (p["birth_month"], p["birth_day"]) in window
    ]
    assert [p["id"] for p in found] == expected
    assert among <= set(expected) and 4 not in expected  # 4 is archived


def test_who_introduced_whom_is_looked_up_by_index(small):
    from network.store import connection as db
    from network.store.reads import obligations

    path, _ = small
    with db.reading(path) as reader:
        explaining = Explaining(reader)
        obligations.acquaintances(explaining, list(range(1, 501)))
    (plan,) = explaining.plans
    assert "ix_person_via_id (via_id=?)" in plan, plan
    assert "SCAN person" not in plan, plan


def test_acquaintances_read_the_few_pairs_first_then_each_person_by_id(small):
    from network.store import connection as db
    from network.store.reads import obligations

    path, _ = small
    conn = sqlite3.connect(path)
    try:
        ids = [r[0] for r in conn.execute("SELECT a_id FROM link ORDER BY a_id LIMIT 10")]
        pairs = conn.execute(
            "SELECT count(*) FROM link l JOIN person p ON p.id = l.b_id "
            f"WHERE l.a_id IN ({', '.join(map(str, ids))}) AND p.archived = 0"
        ).fetchone()[0]
    finally:
        conn.close()
    with db.reading(path) as reader:
        explaining = Explaining(reader)
        found = obligations.acquaintances(explaining, ids)
    (plan,) = explaining.plans
    # not a walk over every unarchived person probing the pairs
    assert "ix_person_due" not in plan and "AUTOMATIC" not in plan, plan
    assert plan.endswith("SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"), plan
    assert sum(len(v) for v in found.values()) >= pairs > 0


def test_reuse_finds_the_network_a_run_generated_and_nothing_else(tmp_path, small):
    import run

    path, facts = small
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    assert run.load_facts(copy) is None  # no note beside it: generate
    run.save_facts(copy, facts)
    assert run.load_facts(copy) == facts
    copy.unlink()
    assert run.load_facts(copy) is None  # a note without its network
    other = tmp_path / "other.db"
    shutil.copyfile(path, other)
    notes = {**facts.__dict__, "today": "2026-01-01"}
    run.facts_path(other).write_text(json.dumps(notes), encoding="utf-8")
    assert run.load_facts(other) is None  # generated for another day


def test_answered_asks_have_their_day_and_birthdays_their_year(small):
    path, _ = small
    conn = sqlite3.connect(path)
    try:
        answered = conn.execute(
            "SELECT count(*), count(answered_on), sum(answered_on > ?), sum(answered_on < day) "
            "FROM entry WHERE status IS NOT NULL AND status != 'open'",
            (TODAY.isoformat(),),
        ).fetchone()
        born = conn.execute(
            "SELECT birth_year, birth_month, birth_day FROM person WHERE birth_year IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    assert answered[0] > 0 and answered[1] == answered[0]  # every answered ask has its day
    assert answered[2:] == (0, 0)  # between the ask and today
    for year, month, day in born:
        date(year, month, day)  # a real day (raises otherwise)


def test_a_29_february_birthday_gets_a_leap_year():
    leap_day = date(2000, 2, 29)
    assert generate._birth_year(1951, leap_day) == 1948
    assert generate._birth_year(1977, leap_day) == 1976
    assert generate._birth_year(1996, leap_day) == 1996
    assert generate._birth_year(1977, date(2000, 3, 1)) == 1977


def test_a_generated_network_goes_out_and_back_in_as_json(cli, tmp_path):
    source = tmp_path / "source.db"
    generate.generate(source, 300, 3000, today=TODAY)
    out = tmp_path / "network.json"
    run = cli("--db", str(source), "export", "json", "-o", str(out), "--include-private")
    assert run.exit_code == 0, run
    run = cli("--db", str(tmp_path / "copy.db"), "import", "json", str(out))
    assert run.exit_code == 0, run
    copy = sqlite3.connect(tmp_path / "copy.db")
    try:
        assert copy.execute("SELECT count(*) FROM person").fetchone()[0] == 300
    finally:
        copy.close()
