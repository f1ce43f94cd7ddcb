"""Merging duplicate people, and finding them."""

from __future__ import annotations

import sqlite3
from datetime import date

from conftest import db_bytes
from network.domain.contacts import likely_duplicates
from network.domain.merging import merged_fields

TODAY = "2026-11-22"


def count(db, sql, *args):
    return sqlite3.connect(db).execute(sql, args).fetchone()[0]


def setup_pair(cli):
    cli(
        "add",
        "Robert Smith",
        "--email",
        "bob@work.example",
        "--tie",
        "close",
        "--knows",
        "cars",
        today=TODAY,
    )
    cli(
        "add",
        "Bob Smith",
        "--email",
        "bob@home.example",
        "--phone",
        "555-0100",
        "--knows",
        "cars,resumes",
        "--birthday",
        "1980-05-06",
        "--note",
        "met at the gym",
        today=TODAY,
    )
    cli("add", "Carol King", today=TODAY)
    cli("log", "bob smith", "coffee chat", "--when", "2026-11-01", today=TODAY)
    cli("ask", "bob smith", "advice on my resume", "--when", "2026-11-10", today=TODAY)
    cli("link", "bob smith", "carol", today=TODAY)
    cli("promise", "bob smith", "send the article", "--by", "2026-12-01", today=TODAY)


def test_merge_moves_everything_and_loses_nothing(cli, isolated_db):
    setup_pair(cli)
    entries = count(isolated_db, "SELECT count(*) FROM entry")
    run = cli("merge", "robert", "bob smith", today=TODAY)
    assert run.exit_code == 0, run
    assert "Merged Bob Smith into Robert Smith" in run.stderr
    assert "contact points" in run.stderr and "contact_point" not in run.stderr
    assert count(isolated_db, "SELECT count(*) FROM person WHERE name = 'Bob Smith'") == 0
    keep = cli("show", "robert", "--json").json()
    assert keep["entries"] == entries
    assert keep["phone"] == "555-0100" and keep["birthday"] == "1980-05-06"
    assert keep["email"] == "bob@work.example"
    # OTHER's differing e-mail stays an e-mail of KEEP (not a line in the notes)
    reach = [(p["kind"], p["value"], p["primary"]) for p in keep["contact_points"]]
    assert ("email", "bob@work.example", True) in reach
    assert ("email", "bob@home.example", False) in reach
    assert "bob@home.example" not in keep["notes"] and "met at the gym" in keep["notes"]
    assert "also known as: Bob Smith" in keep["notes"]
    assert sorted(s["topic"] for s in keep["strengths"]) == ["cars", "resumes"]  # no duplicate cars
    assert keep["balance"] == 0  # +2 coffee, -2 ask: recomputed from the moved ledger
    assert keep["last_contact"] == "2026-11-10"
    assert keep["tie"] == "close"
    assert count(isolated_db, "SELECT count(*) FROM link") == 1
    assert (
        count(isolated_db, "SELECT count(*) FROM obligation WHERE person_id = ?", keep["id"]) >= 1
    )


def test_merge_dry_run_changes_nothing(cli, isolated_db):
    setup_pair(cli)
    before = db_bytes(isolated_db)
    run = cli("merge", "robert", "bob smith", "--dry-run", "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert data["dry_run"] and data["moved"]["entry"] == 2
    assert data["result"]["phone"] == "555-0100"
    assert db_bytes(isolated_db) == before
    columns = [r[1] for r in sqlite3.connect(isolated_db).execute("PRAGMA table_info(person)")]
    assert list(data["result"]) == columns  # every column, in the table's order


def test_merge_same_name_by_id_and_self_link_dropped(cli, isolated_db):
    cli("add", "Ann Lee", "--company", "A", today=TODAY)
    conn = sqlite3.connect(isolated_db)
    with conn:
        conn.execute(
            "INSERT INTO person (name, name_key, company, tie, archived, created_on, balance, "
            "search_key) "
            "VALUES ('Ann Lee', 'ann lee', 'B', 'roster', 0, '2026-01-01', 0, '')"
        )
    cli("link", "#1", "#2", today=TODAY)
    dupes = cli("dupes", "--json").rows()
    assert dupes[0]["why"] == ["same name"]
    table = cli("dupes")
    assert "network merge p1 p2" in table.stdout and "'#" not in table.stdout
    run = cli("merge", "#1", "#2", today=TODAY)
    assert run.exit_code == 0, run
    assert count(isolated_db, "SELECT count(*) FROM person") == 1
    assert count(isolated_db, "SELECT count(*) FROM link") == 0
    assert cli("dupes").stderr.startswith("No likely duplicates")


def test_merge_with_itself_is_refused(cli):
    cli("add", "Ann Lee", today=TODAY)
    run = cli("merge", "ann", "ann lee")
    assert run.exit_code == 1 and "same person" in run.stderr


def test_merged_fields_rules():
    keep = {
        "id": 1,
        "name": "A B",
        "email": "a@x",
        "phone": None,
        "tie": "roster",
        "labels": "x",
        "notes": None,
        "birth_year": None,
        "birth_month": 5,
        "birth_day": 6,
        "created_on": date(2026, 1, 1),
        "archived": False,
    }
    other = {
        "id": 2,
        "name": "A B",
        "email": "A@X",
        "phone": "1",
        "tie": "casual",
        "labels": "y, x",
        "notes": "n",
        "birth_year": 1980,
        "birth_month": 5,
        "birth_day": 6,
        "created_on": date(2025, 1, 1),
        "archived": True,
    }
    changes, filled, conflicts = merged_fields(keep, other)
    assert changes["phone"] == "1" and changes["tie"] == "casual" and changes["labels"] == "x, y"
    assert changes["birth_year"] == 1980 and changes["created_on"] == date(2025, 1, 1)
    assert "email" not in changes and conflicts == []  # same address, other case
    assert changes["notes"] == "n" and "archived" not in changes


def test_likely_duplicates_by_email_url_and_name():
    people = [
        {"id": 1, "name": "Alice Chen", "email": "a@x.org", "url": None, "uid": None},
        {"id": 2, "name": "Ally C", "email": "A@X.org", "url": None, "uid": None},
        {
            "id": 3,
            "name": "Tom Lee",
            "email": None,
            "url": "https://www.linkedin.com/in/tl/",
            "uid": None,
        },
        {
            "id": 4,
            "name": "Thomas Lee",
            "email": None,
            "url": "http://linkedin.com/in/tl",
            "uid": None,
        },
        {"id": 5, "name": "Mary Jane Watson", "email": None, "url": None, "uid": None},
        {"id": 6, "name": "Mary Watson", "email": None, "url": None, "uid": None},
        {"id": 7, "name": "Someone Else", "email": None, "url": None, "uid": None},
    ]
    pairs = {(p["a"]["id"], p["b"]["id"]): p["why"] for p in likely_duplicates(people)}
    assert pairs == {
        (1, 2): ["same e-mail"],
        (3, 4): ["same profile URL"],
        (5, 6): ["same first and last name"],
    }


def test_merge_notes_use_words_and_names_not_columns_and_ids(cli, isolated_db):
    cli("add", "Ann Lee", today=TODAY)
    cli("add", "Cy Young", today=TODAY)
    cli(
        "add",
        "Carol Diaz",
        "--every",
        "30d",
        "--via",
        "ann",
        "--url",
        "https://a.example",
        today=TODAY,
    )
    cli(
        "add", "Carol D", "--every", "21d", "--via", "cy", "--url", "https://b.example", today=TODAY
    )
    conn = sqlite3.connect(isolated_db)
    with conn:
        conn.execute("UPDATE person SET uid = name")  # different UIDs: internal, not for notes
    run = cli("merge", "carol diaz", "carol d", "--json", today=TODAY)
    assert run.exit_code == 0, run
    notes = run.json()["result"]["notes"]
    assert notes == (
        "From the merge with Carol D: keep in touch every 21 days; "
        "introduced by Cy Young; also known as: Carol D"
    )  # the other web address is kept as a contact point, not in the notes
    urls = [p["value"] for p in cli("show", "carol diaz", "--json").json()["contact_points"]]
    assert urls == ["https://a.example", "https://b.example"]
    for internal in ("cadence_days", "via_id", "uid", "_key", ": 2"):
        assert internal not in notes


def test_merge_fills_an_empty_introducer_and_says_so_in_words(cli, isolated_db):
    cli("add", "Ann Lee", today=TODAY)
    cli("add", "Carol Diaz", today=TODAY)
    cli("add", "Carol D", "--every", "21d", "--via", "ann", today=TODAY)
    run = cli("merge", "carol diaz", "carol d", today=TODAY)
    assert run.exit_code == 0, run
    assert (
        "Filled from the other record: keep-in-touch cadence, introduced by, notes." in run.stderr
    )
    assert count(isolated_db, "SELECT cadence_days FROM person WHERE name = 'Carol Diaz'") == 21
    assert count(isolated_db, "SELECT via_id FROM person WHERE name = 'Carol Diaz'") == 1


def test_stored_values_match_a_recompute_after_a_merge(cli, isolated_db):
    from test_import_json import stored_vs_recomputed

    setup_pair(cli)
    cli("log", "robert", "party", "--group", "--when", "2026-11-15", today=TODAY)
    cli("log", "bob smith", "drinks", "--group", "--when", "2026-11-18", today=TODAY)
    cli("add", "Dee Solo", "--tie", "close", "--company", "Acme", today="2026-01-01")
    run = cli("merge", "robert", "bob smith", today=TODAY)
    assert run.exit_code == 0, run
    assert stored_vs_recomputed(isolated_db) == []
    assert cli("show", "robert", "--json").json()["last_contact"] == "2026-11-10"  # close: solo


def test_merge_by_an_id_in_other_digits_is_an_unknown_person(cli):
    cli("add", "Ann Lee", today=TODAY)
    run = cli("merge", "ann", "#²", today=TODAY)
    assert run.exit_code == 1, run
