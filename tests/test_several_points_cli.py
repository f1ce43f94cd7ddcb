"""`add` and `edit` take --email, --phone and --url more than once; edit removes one with
--no-email, --no-phone, --no-url (issue 10)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TODAY = "2026-11-22"


def points(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return list(
            conn.execute(
                "SELECT kind, value, label, is_primary FROM contact_point "
                "ORDER BY kind, is_primary DESC, id"
            )
        )
    finally:
        conn.close()


def columns(db: Path) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT email, phone, url FROM person").fetchone()
    finally:
        conn.close()


def test_add_takes_several_the_first_is_primary(cli, isolated_db: Path) -> None:
    run = cli(
        "add", "Omar Haddad",
        "--email", "omar@work.example", "--email", "omar@home.example",
        "--phone", "+33 1 23", "--phone", "+33 6 00",
        "--url", "https://omar.example", "--url", "https://linkedin.com/in/omar",
        today=TODAY,
    )  # fmt: skip
    assert run.exit_code == 0, run
    assert points(isolated_db) == [
        ("email", "omar@work.example", None, 1),
        ("email", "omar@home.example", None, 0),
        ("phone", "+33 1 23", None, 1),
        ("phone", "+33 6 00", None, 0),
        ("url", "https://omar.example", None, 1),
        ("url", "https://linkedin.com/in/omar", None, 0),
    ]
    assert columns(isolated_db) == ("omar@work.example", "+33 1 23", "https://omar.example")
    shown = cli("show", "omar", today=TODAY).stdout
    assert "omar@work.example, omar@home.example" in shown


def test_a_bad_second_address_adds_no_one(cli, isolated_db: Path) -> None:
    cli("add", "Bo Berg", today=TODAY)
    run = cli("add", "Ann Lee", "--email", "ann@x.example", "--email", "not one", today=TODAY)
    assert run.exit_code == 1
    assert '"not one" is not an email address' in run.stderr
    assert [p["name"] for p in cli("people", "--json").rows()] == ["Bo Berg"]


def test_edit_replaces_the_primary_adds_the_rest_and_removes(cli, isolated_db: Path, tmp_path):
    card = tmp_path / "ann.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL;TYPE=WORK:ann@work.example\r\n"
        "EMAIL;TYPE=HOME:ann@home.example\r\nTEL;TYPE=CELL:555 0100\r\nEND:VCARD\r\n"
    )
    assert cli("import", "vcard", str(card), today=TODAY).exit_code == 0
    # today's single value: the primary is replaced, the other stays
    assert cli("edit", "ann", "--email", "ann@new.example", today=TODAY).exit_code == 0
    assert points(isolated_db)[:2] == [
        ("email", "ann@new.example", None, 1),
        ("email", "ann@home.example", "home", 0),
    ]
    # the old primary given again after a new one: kept, with its label
    run = cli(
        "edit", "ann", "--email", "ann@home.example", "--email", "ann@new.example",
        "--phone", "555 0100", "--phone", "555 0199", today=TODAY,
    )  # fmt: skip
    assert run.exit_code == 0, run
    assert points(isolated_db) == [
        ("email", "ann@home.example", "home", 1),
        ("email", "ann@new.example", None, 0),
        ("phone", "555 0100", "cell", 1),
        ("phone", "555 0199", None, 0),
    ]
    # removing the primary: the next one takes its place
    run = cli("edit", "ann", "--no-email", "ANN@home.example", "--no-phone", "5550199", today=TODAY)
    assert run.exit_code == 0, run
    assert points(isolated_db) == [
        ("email", "ann@new.example", None, 1),
        ("phone", "555 0100", "cell", 1),
    ]
    assert columns(isolated_db)[:2] == ("ann@new.example", "555 0100")
    # replacing the primary and naming it for removal as well is not an error
    run = cli("edit", "ann", "--email", "a@x.example", "--no-email", "ann@new.example", today=TODAY)
    assert run.exit_code == 0, run
    assert points(isolated_db)[0] == ("email", "a@x.example", None, 1)


def test_edit_refuses_removing_what_they_do_not_have(cli, isolated_db: Path) -> None:
    cli("add", "Ann Lee", "--email", "ann@x.example", today=TODAY)
    before = points(isolated_db)
    run = cli("edit", "ann", "--title", "CTO", "--no-email", "bob@x.example", today=TODAY)
    assert run.exit_code == 1
    assert 'Ann Lee has no e-mail "bob@x.example"' in run.stderr
    assert points(isolated_db) == before
    assert cli("show", "ann", "--json", today=TODAY).json()["title"] is None  # nothing written
    run = cli("edit", "ann", "--email", "b@x.example", "--no-email", "b@x.example", today=TODAY)
    assert run.exit_code == 1 and "both given and removed" in run.stderr


def test_help_shows_how(cli) -> None:
    shown = cli("edit", "--help").stdout
    assert "--no-email" in shown and "Example: network edit alice --email" in shown
