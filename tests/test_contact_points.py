"""Contact points (issue 10): every e-mail, phone and web address of a person is a row.

The upgrade moves what earlier imports wrote into the notes; imports, merges, edits and
the JSON round trip keep every point; the store API another command codes against
(people_by_email, add_email) is tested directly.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from network.store.migrations import SCHEMA_VERSION

FIX = Path(__file__).parent / "fixtures"
TODAY = "2026-11-22"
NOTED = "Likes jazz\nOther e-mail: ann@home.example, ANN@work.example\nOther phone: +1 555 0101"


def points(db: Path, name: str) -> list[tuple]:
    """(kind, value, label, primary) of one person, in the order show lists them."""
    conn = sqlite3.connect(db)
    try:
        return [
            (kind, value, label, bool(primary))
            for kind, value, label, primary in conn.execute(
                "SELECT c.kind, c.value, c.label, c.is_primary FROM contact_point c "
                "JOIN person p ON p.id = c.person_id WHERE p.name = ? "
                "ORDER BY c.kind, c.is_primary DESC, c.id",
                (name,),
            )
        ]
    finally:
        conn.close()


def person(db: Path, name: str) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM person WHERE name = ?", (name,)).fetchone())
    finally:
        conn.close()


# --- the upgrade -------------------------------------------------------------------------


def _schema_1(cli, db: Path) -> Path:
    shutil.copyfile(FIX / "schema1.db", db)
    db.chmod(0o600)
    return db


def _schema_6(cli, db: Path) -> Path:
    """A current file taken back to schema 6: no contact_point table yet."""
    assert cli("add", "Zed Old", "--email", "zed@x.example", today=TODAY).exit_code == 0
    with sqlite3.connect(db) as conn:
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contact_point'"
        ).fetchall()
        for (name,) in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE contact_point")
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    conn.close()
    return db


@pytest.mark.parametrize("chunk", [20_000, 1], ids=["one-chunk", "a-chunk-per-point"])
@pytest.mark.parametrize("older", [_schema_1, _schema_6], ids=["schema1", "schema6"])
def test_upgrade_moves_noted_points_out_of_the_notes(
    cli, isolated_db: Path, older, chunk, monkeypatch
) -> None:
    """The points go in a chunk at a time as the people are read: the same result."""
    from network.store import migrations

    monkeypatch.setattr(migrations, "_POINTS_CHUNK", chunk)
    db = older(cli, isolated_db)
    with sqlite3.connect(db) as conn:
        first = conn.execute("SELECT min(id) FROM person").fetchone()[0]
        conn.execute(
            "UPDATE person SET name = 'Ann Noted', email = 'ann@main.example', "
            "phone = '555-0100', notes = ? WHERE id = ?",
            (NOTED, first),
        )
        count = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        with_email = conn.execute(
            "SELECT count(*) FROM person WHERE email IS NOT NULL AND email <> ''"
        ).fetchone()[0]
    conn.close()

    shown = cli("show", "ann noted", "--json", today=TODAY)

    assert shown.exit_code == 0, shown
    assert person(db, "Ann Noted")["notes"] == "Likes jazz"  # only the import's lines went
    assert points(db, "Ann Noted") == [
        ("email", "ann@main.example", None, True),
        ("email", "ann@home.example", None, False),
        ("email", "ANN@work.example", None, False),
        ("phone", "555-0100", None, True),
        ("phone", "+1 555 0101", None, False),
    ]
    reach = [(p["kind"], p["value"]) for p in shown.json()["contact_points"]]
    assert reach[:3] == [
        ("email", "ann@main.example"),
        ("email", "ann@home.example"),
        ("email", "ANN@work.example"),
    ]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            str(SCHEMA_VERSION),
        )
        # every person kept; everyone with an e-mail has it as their primary point
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == count
        primaries = conn.execute(
            "SELECT count(*) FROM contact_point WHERE kind = 'email' AND is_primary"
        ).fetchone()[0]
        assert primaries == with_email
        # the search text no longer holds the moved lines
        key = conn.execute("SELECT search_key FROM person WHERE name = 'Ann Noted'").fetchone()
        assert "home" not in key[0] and "jazz" in key[0]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    # the upgrade is undoable as a whole? No: it is not a command. But later writes are.
    assert cli("edit", "ann noted", "--email", "ann@new.example", today=TODAY).exit_code == 0
    assert cli("undo", "--yes", today=TODAY).exit_code == 0
    assert ("email", "ann@main.example", None, True) in points(db, "Ann Noted")


def test_notes_that_only_look_alike_stay_in_the_notes() -> None:
    from network.domain.contacts import noted_points

    text = "Other e-mail: see her card\nOther phone:\nOther web: https://a.example\nbye"
    left, found = noted_points(text)
    assert found == [("email", "see her card"), ("url", "https://a.example")]
    assert left == "Other phone:\nbye"
    assert noted_points("nothing here") == ("nothing here", [])
    assert noted_points(None) == (None, [])


@pytest.mark.postgres
def test_upgrade_on_postgresql(cli, pg_url) -> None:
    import psycopg

    assert cli("add", "Ann Noted", "--email", "ann@main.example", today=TODAY).exit_code == 0
    conninfo = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        conn.execute("DROP TABLE contact_point")
        conn.execute("UPDATE person SET notes = %s", (NOTED,))
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")

    shown = cli("show", "ann", "--json", today=TODAY)

    assert shown.exit_code == 0, shown
    assert shown.json()["notes"] == "Likes jazz"
    assert [(p["kind"], p["value"], p["primary"]) for p in shown.json()["contact_points"]] == [
        ("email", "ann@main.example", True),
        ("email", "ann@home.example", False),
        ("email", "ANN@work.example", False),
        ("phone", "+1 555 0101", True),
    ]
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)


# --- the store API -------------------------------------------------------------------------


def test_people_by_email_and_add_email(cli, isolated_db: Path) -> None:
    from network.store import connection as db
    from network.store.reads.contact_points import people_by_email
    from network.store.writes.contact_points import add_email

    cli("add", "Ann Lee", "--email", "Ann@X.example", today=TODAY)
    cli("add", "Bo Berg", today=TODAY)
    cli("add", "Cy Young", "--email", "cy@x.example", today=TODAY)
    cli("archive", "cy", today=TODAY)
    ids = {p["name"]: p["id"] for p in cli("people", "--json", "--archived").rows()}

    with db.write_session(isolated_db) as session:
        assert add_email(session, ids["Ann Lee"], "ann@home.example", "home") is True
        assert add_email(session, ids["Ann Lee"], " ANN@home.example ") is False  # has it
        assert add_email(session, ids["Bo Berg"], "bo@x.example") is True  # first: primary
        assert add_email(session, ids["Bo Berg"], "shared@x.example") is True
        assert add_email(session, ids["Cy Young"], "shared@x.example") is True

    assert person(isolated_db, "Bo Berg")["email"] == "bo@x.example"
    assert person(isolated_db, "Ann Lee")["email"] == "Ann@X.example"
    assert ("email", "ann@home.example", "home", False) in points(isolated_db, "Ann Lee")
    with db.reading(isolated_db) as reader:
        found = people_by_email(
            reader, [" ANN@x.example", "ann@home.example", "shared@x.example", "no@x.example"]
        )
        many = people_by_email(reader, [f"n{i}@x.example" for i in range(3000)] + ["bo@x.example"])
    assert found == {
        "ann@x.example": [ids["Ann Lee"]],
        "ann@home.example": [ids["Ann Lee"]],
        "shared@x.example": sorted([ids["Bo Berg"], ids["Cy Young"]]),  # archived too
    }
    assert many == {"bo@x.example": [ids["Bo Berg"]]}


def test_add_email_refuses_what_is_not_an_address(cli, isolated_db: Path) -> None:
    from network.common.errors import BadInput
    from network.store import connection as db
    from network.store.writes.contact_points import add_email

    cli("add", "Ann Lee", today=TODAY)
    with pytest.raises(BadInput), db.write_session(isolated_db) as session:
        add_email(session, 1, "not an address")
    assert points(isolated_db, "Ann Lee") == []


# --- write paths ---------------------------------------------------------------------------


def test_add_edit_and_clear_keep_points_and_columns_in_step(cli, isolated_db: Path) -> None:
    cli("add", "Ann Lee", "--email", "ann@a.example", "--phone", "555-0100", today=TODAY)
    assert points(isolated_db, "Ann Lee") == [
        ("email", "ann@a.example", None, True),
        ("phone", "555-0100", None, True),
    ]
    from network.store import connection as db
    from network.store.writes.contact_points import add_email

    with db.write_session(isolated_db) as session:
        add_email(session, 1, "ann@b.example")
    # an edit corrects the primary e-mail: the old one goes, the other stays
    assert cli("edit", "ann", "--email", "ann@c.example", today=TODAY).exit_code == 0
    assert points(isolated_db, "Ann Lee")[:2] == [
        ("email", "ann@c.example", None, True),
        ("email", "ann@b.example", None, False),
    ]
    # clearing it: the next e-mail takes its place rather than hiding
    assert cli("edit", "ann", "--email", "", today=TODAY).exit_code == 0
    assert person(isolated_db, "Ann Lee")["email"] == "ann@b.example"
    assert points(isolated_db, "Ann Lee")[0] == ("email", "ann@b.example", None, True)
    shown = cli("show", "ann", today=TODAY)
    assert "ann@b.example" in shown.stdout and "555-0100" in shown.stdout


def test_import_matches_by_any_email_and_keeps_every_point(cli, isolated_db: Path, tmp_path):
    card = tmp_path / "ann.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
        "EMAIL;TYPE=WORK:ann@work.example\r\nEMAIL;TYPE=HOME:ann@home.example\r\n"
        "TEL;TYPE=CELL:+1 555 0100\r\nTEL;TYPE=HOME:+1 555 0101\r\nEND:VCARD\r\n"
    )
    first = cli("import", "vcard", str(card), today=TODAY)
    assert first.exit_code == 0, first
    assert person(isolated_db, "Ann Lee")["notes"] is None  # nothing parked in the notes
    assert [p[:2] for p in points(isolated_db, "Ann Lee")] == [
        ("email", "ann@work.example"),
        ("email", "ann@home.example"),
        ("phone", "+1 555 0100"),
        ("phone", "+1 555 0101"),
    ]
    # another file knows her by her second address and another name: the same person
    other = tmp_path / "contacts.csv"
    other.write_text(
        "First Name,Last Name,E-mail Address,Mobile Phone\nAnnie,L.,ann@home.example,555 0199\n"
    )
    again = cli("import", "google", str(other), "--json", today=TODAY)
    assert again.exit_code == 0, again
    assert (again.json()["created"], again.json()["updated"]) == (0, 1)
    assert ("phone", "555 0199", "mobile", False) in points(isolated_db, "Ann Lee")
    assert cli("import", "google", str(other), "--json", today=TODAY).json()["unchanged"] == 1


def test_one_person_twice_in_a_file_keeps_both_addresses(cli, isolated_db: Path, tmp_path):
    rows = tmp_path / "contacts.csv"
    rows.write_text(
        "First Name,Last Name,E-mail Address,E-mail 2 Address,Mobile Phone\n"
        "Omar,Haddad,omar@home.example,,+33 1\n"
        "Omar,Haddad,omar@work.example,omar@home.example,+33 2\n"
    )
    run = cli("import", "google", str(rows), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert (run.json()["created"], run.json()["repeated"]) == (1, 1)
    assert [p[:2] for p in points(isolated_db, "Omar Haddad")] == [
        ("email", "omar@home.example"),
        ("email", "omar@work.example"),
        ("phone", "+33 1"),
        ("phone", "+33 2"),
    ]


# --- exports ---------------------------------------------------------------------------------

ANN_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
    "EMAIL;TYPE=INTERNET,WORK:ann@work.example\r\nEMAIL;TYPE=HOME:ann@home.example\r\n"
    "TEL;TYPE=CELL:+1 555 0100\r\nTEL;TYPE=HOME:+1 555 0101\r\n"
    "URL:https://www.linkedin.com/in/ann\r\nURL:https://ann.example\r\nEND:VCARD\r\n"
)


@pytest.fixture
def ann(cli, isolated_db: Path, tmp_path: Path) -> Path:
    card = tmp_path / "ann.vcf"
    card.write_text(ANN_CARD)
    assert cli("import", "vcard", str(card), today=TODAY).exit_code == 0
    cli("add", "Bo Berg", "--email", "bo@x.example", today=TODAY)
    return isolated_db


def test_vcard_export_carries_every_point_with_its_label(cli, ann: Path, tmp_path) -> None:
    import vobject

    out = tmp_path / "out.vcf"
    assert cli("export", "vcard", "-o", str(out), today=TODAY).exit_code == 0
    cards = {c.fn.value: c for c in vobject.readComponents(out.read_text())}
    emails = [(e.value, e.params.get("TYPE")) for e in cards["Ann Lee"].contents["email"]]
    assert emails == [("ann@work.example", ["work", "pref"]), ("ann@home.example", ["home"])]
    tels = [(t.value, t.params.get("TYPE")) for t in cards["Ann Lee"].contents["tel"]]
    assert tels == [("+1 555 0100", ["cell", "pref"]), ("+1 555 0101", ["home"])]
    assert [u.value for u in cards["Ann Lee"].contents["url"]] == [
        "https://www.linkedin.com/in/ann",
        "https://ann.example",
    ]
    assert [e.value for e in cards["Bo Berg"].contents["email"]] == ["bo@x.example"]
    # our own export read back: everyone unchanged
    again = cli("import", "vcard", str(out), "--json", today=TODAY).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_csv_export_has_a_column_per_further_point_and_reads_back(
    cli, ann: Path, tmp_path, monkeypatch
) -> None:
    import csv

    out = tmp_path / "out.csv"
    assert cli("export", "csv", "-o", str(out), today=TODAY).exit_code == 0
    rows = list(csv.DictReader(out.open(newline="")))
    assert list(rows[0])[:8] == [
        "name", "tie", "company", "title", "email", "phone", "location", "url",
    ]  # fmt: skip
    assert list(rows[0])[-7:] == [
        "email label", "phone label", "email 2", "email 2 label", "phone 2", "phone 2 label",
        "url 2",
    ]  # fmt: skip
    by_name = {r["name"]: r for r in rows}
    assert (by_name["Ann Lee"]["email 2"], by_name["Ann Lee"]["phone 2"]) == (
        "ann@home.example",
        "'+1 555 0101",  # a leading + is neutralised for spreadsheets
    )
    assert by_name["Bo Berg"]["email 2"] == ""
    monkeypatch.setenv("NETWORK_DB", str(tmp_path / "other.db"))
    assert cli("import", "csv", str(out), today=TODAY).exit_code == 0
    assert [p[1] for p in points(tmp_path / "other.db", "Ann Lee") if p[0] == "email"] == [
        "ann@work.example",
        "ann@home.example",
    ]


def test_json_round_trip_keeps_every_point(cli, ann: Path, tmp_path, monkeypatch) -> None:
    import json

    out = tmp_path / "out.json"
    assert cli("export", "json", "-o", str(out), today=TODAY).exit_code == 0
    document = json.loads(out.read_text())
    assert len(document["tables"]["contact_point"]) == 7
    monkeypatch.setenv("NETWORK_DB", str(tmp_path / "other.db"))
    assert cli("import", "json", str(out), today=TODAY).exit_code == 0
    assert points(tmp_path / "other.db", "Ann Lee") == points(ann, "Ann Lee")
    again = tmp_path / "again.json"
    assert cli("export", "json", "-o", str(again), today=TODAY).exit_code == 0
    assert again.read_text() == out.read_text()
    # into the network it came from: nothing new
    monkeypatch.setenv("NETWORK_DB", str(ann))
    back = cli("import", "json", str(out), "--json", today=TODAY).json()
    assert (back["created"], back["updated"], back.get("rows", {})) == (0, 0, {})


# --- matching keys ---------------------------------------------------------------------------


def test_url_key_is_the_regular_expression_rule_it_replaced() -> None:
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from network.domain.contacts import url_key

    prefix = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)
    country = re.compile(r"^[a-z]{2}\.linkedin\.com/")

    def reference(url: str) -> str | None:
        text = url.strip().split("?", 1)[0].split("#", 1)[0].rstrip("/")
        text = country.sub("linkedin.com/", prefix.sub("", text).lower())
        return text or None

    parts = st.sampled_from(
        ["https://", "HTTP://", "www.", "WWW.", "uk.", "linkedin.com/", "in/", "ann", "?x=1",
         "#top", "/", " ", "Ü", "a.b"]
    )  # fmt: skip

    @settings(max_examples=300, deadline=None)
    @given(st.lists(parts, max_size=7).map("".join))
    def same(url: str) -> None:
        assert url_key(url) == reference(url)

    same()
    assert url_key("https://UK.linkedin.com/in/Ann/?trk=x") == "linkedin.com/in/ann"


# --- a large import: triggers off, the index and undo log filled in one statement each ------


def test_a_large_import_logs_what_the_triggers_would_and_undoes_whole(
    cli, isolated_db: Path, tmp_path: Path
) -> None:
    from conftest import connections_csv

    cli("add", "Ann Lee", "--email", "ann@x.example", today=TODAY)
    small = connections_csv(tmp_path / "small.csv", 5)  # under the bulk threshold: triggers
    big = connections_csv(tmp_path / "big.csv", 1200)
    with sqlite3.connect(isolated_db) as conn:
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = sorted(triggers.fetchall())
    conn.close()
    assert cli("import", "linkedin", str(small), today=TODAY).exit_code == 0
    with sqlite3.connect(isolated_db) as conn:
        conn.execute("DELETE FROM undo_log")  # keep only what the big import logs
        conn.execute("DELETE FROM undo_step")
    conn.close()

    run = cli("import", "linkedin", str(big), "--json", today=TODAY)

    assert run.exit_code == 0, run
    assert run.json()["created"] == 1195  # 5 were there already
    with sqlite3.connect(isolated_db) as conn:
        now = sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        assert now == triggers  # every trigger put back as it was
        logged = conn.execute(
            "SELECT tbl, op, row_id, label, sql FROM undo_log ORDER BY seq"
        ).fetchall()
        people = conn.execute("SELECT id, name FROM person WHERE id > 6 ORDER BY id").fetchall()
        cps = conn.execute("SELECT id FROM contact_point WHERE person_id > 6 ORDER BY id")
        cps = [r[0] for r in cps.fetchall()]
        # found by the full-text index the bulk fill wrote
        hits = conn.execute(
            "SELECT count(*) FROM person_fts WHERE person_fts MATCH 'senior'"
        ).fetchone()
    conn.close()
    assert hits[0] == 1200
    assert logged == [
        ("person", "insert", pid, name, f'DELETE FROM "person" WHERE rowid = {pid}')
        for pid, name in people
    ] + [
        ("contact_point", "insert", cp, None, f'DELETE FROM "contact_point" WHERE rowid = {cp}')
        for cp in cps
    ]
    assert len(cps) == 1195 + 1195 * 2 // 3 + 1  # every URL, and the e-mails the rows have
    undone = cli("undo", "--yes", today=TODAY)
    assert undone.exit_code == 0, undone
    with sqlite3.connect(isolated_db) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 6
        assert conn.execute("SELECT count(*) FROM contact_point").fetchone()[0] == 1 + 5 + 3
        conn.execute("INSERT INTO person_fts (person_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()


def test_labels_come_from_the_file(cli, isolated_db: Path, tmp_path: Path) -> None:
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "First Name,Last Name,E-mail Address,E-mail 2 Address,Business Phone,Mobile Phone,"
        "Home Phone\nLena,Vogel,lena@vogel.example,lena.v@mail.example,+49 89 1,+49 170 2,\n"
    )
    google = tmp_path / "google.csv"
    google.write_text(
        "Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value\n"
        "Maya Chen,* Home,maya@home.example,Work,+1 415 555 0100\n"
    )
    assert cli("import", "outlook", str(outlook), today=TODAY).exit_code == 0
    assert cli("import", "google", str(google), today=TODAY).exit_code == 0
    assert points(isolated_db, "Lena Vogel") == [
        ("email", "lena@vogel.example", None, True),
        ("email", "lena.v@mail.example", None, False),
        ("phone", "+49 89 1", "business", True),
        ("phone", "+49 170 2", "mobile", False),
    ]
    assert points(isolated_db, "Maya Chen") == [
        ("email", "maya@home.example", "home", True),
        ("phone", "+1 415 555 0100", "work", True),
    ]
    shown = cli("show", "lena", today=TODAY)
    assert "+49 89 1 (business), +49 170 2 (mobile)" in shown.stdout
