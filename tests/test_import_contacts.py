"""Importing Google Contacts CSV and vCard 3.0/4.0 files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import db_bytes

FIX = Path(__file__).parent / "fixtures"
TODAY = "2026-11-22"


def row(db: Path, name: str) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    found = conn.execute("SELECT * FROM person WHERE name = ?", (name,)).fetchone()
    if not found:
        return {}
    person = dict(found)
    # every e-mail, phone and web address, one "kind value" line each, primary first
    person["points"] = "\n".join(
        f"{kind} {value}"
        for kind, value in conn.execute(
            "SELECT kind, value FROM contact_point WHERE person_id = ? "
            "ORDER BY kind, is_primary DESC, id",
            (person["id"],),
        )
    )
    return person


def test_google_columns_by_header_name(cli, isolated_db):
    run = cli("import", "google", str(FIX / "google_contacts.csv"), today=TODAY)
    assert run.exit_code == 0, run
    assert "4 created" in run.stderr
    maya = row(isolated_db, "Maya Chen")
    assert maya["company"] == "Stripe" and maya["title"] == "Engineering Manager"
    assert (maya["birth_year"], maya["birth_month"], maya["birth_day"]) == (1985, 4, 3)
    assert maya["labels"] == "Friends, Work"  # Google's own "* myContacts" left out
    assert maya["email"] == "maya@home.example"  # the one Google marks preferred (*)
    # the other address is kept, as a point of its own, and the notes stay the notes
    assert "email maya@stripe.example" in maya["points"]
    assert "stripe" not in maya["notes"]
    assert maya["phone"] == "+1 415 555 0100"
    assert "+1 415 555 0101" in maya["points"] and "+1 415 555 0199" in maya["points"]
    assert maya["notes"].startswith("Met at Stanford, same dorm.\nTwo kids.")
    assert maya["nickname"] == "May" and maya["location"] == "San Francisco"
    assert maya["url"] == "https://www.linkedin.com/in/mayachen"
    raj = row(isolated_db, "Raj K. Patel")
    assert (raj["birth_year"], raj["birth_month"], raj["birth_day"]) == (None, 6, 12)
    assert row(isolated_db, "Acme Supplies")["email"] == "orders@acme.example"  # no name: company
    lena = row(isolated_db, "Lena Fischer")
    assert (lena["birth_year"], lena["birth_month"]) == (1990, 3) and lena[
        "phone"
    ] == "+49 30 1234567"


def test_google_bad_fields_are_dropped_and_named(cli, isolated_db):
    # lenient per field (issue 10): the contact comes in, the bad field does not
    run = cli("import", "google", str(FIX / "google_bad.csv"), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert (run.json()["created"], run.json()["skipped"]) == (3, [])
    assert {(w["action"], w["cause"]): w["fields"] for w in run.json()["warnings"]} == {
        ("dropped", "not a real date"): ["line 2: birthday"],
        ("dropped", "not an e-mail address"): ["line 3: e-mail"],
    }
    assert "1 field dropped: not an e-mail address (line 3: e-mail)" in run.stderr
    assert row(isolated_db, "Ana Silva")["birth_month"] is None
    assert row(isolated_db, "Ben Okafor")["email"] is None


def test_google_rejects_a_linkedin_file(cli):
    run = cli("import", "google", str(FIX / "linkedin_connections.csv"))
    assert run.exit_code == 1
    assert "network import linkedin" in run.stderr


def test_vcard_3_and_4_with_apple_groups_folding_and_photos(cli, isolated_db):
    run = cli("import", "vcard", str(FIX / "contacts.vcf"), today=TODAY)
    assert run.exit_code == 0, run
    assert "3 created" in run.stderr
    alice = row(isolated_db, "Alice Chen")
    assert alice["email"] == "alice@acme.example"  # item1. group, type=pref
    assert "email alice@home.example" in alice["points"]
    assert alice["company"] == "Acme Robotics" and alice["title"] == "VP Engineering"
    assert alice["nickname"] == "Ally" and alice["labels"] == "Friends, Work"
    assert alice["uid"] == "5A3D9C1E-0000-4B7A-9E1F-ALICE"
    assert alice["url"] == "https://www.linkedin.com/in/alicechen"
    assert "Two kids, Leo and Ava. Training" in alice["notes"]  # folded line joined
    assert (alice["birth_year"], alice["birth_month"], alice["birth_day"]) == (
        None,
        4,
        3,
    )  # Apple 1604
    bob = row(isolated_db, "Bob Stone")
    assert (bob["birth_year"], bob["birth_month"], bob["birth_day"]) == (None, 6, 12)  # 4.0 --0612
    assert bob["phone"] == "+1-555-555-5555" and bob["email"] == "bob@stone.example"
    jurgen = row(isolated_db, "Jürgen Weiß")
    assert jurgen["birth_year"] == 1979 and jurgen["location"] == "Berlin"


def test_vcard_broken_cards_are_numbered(cli, isolated_db):
    before = db_bytes(isolated_db)
    run = cli("import", "vcard", str(FIX / "broken.vcf"), today=TODAY)
    assert run.exit_code == 1
    assert "card 3 (line 12): cut short" in run.stderr and "looks cut short" in run.stderr
    assert db_bytes(isolated_db) == before
    ok = cli("import", "vcard", str(FIX / "broken.vcf"), "--skip-bad", today=TODAY)
    assert ok.exit_code == 0 and "2 created" in ok.stderr
    # card 2's impossible birthday is dropped, the card kept (issue 10)
    assert "not a real date (card 2 (line 6): birthday)" in ok.stderr


def test_matching_by_email_fills_only_empty_fields(cli, isolated_db):
    cli("add", "Ali Chen", "--email", "ALICE@acme.example", "--title", "Chief", today=TODAY)
    run = cli("import", "vcard", str(FIX / "contacts.vcf"), "--json", today=TODAY)
    assert run.json()["updated"] == 1 and run.json()["updated_names"] == ["Ali Chen"]
    ali = row(isolated_db, "Ali Chen")
    assert ali["title"] == "Chief" and ali["company"] == "Acme Robotics"
    assert row(isolated_db, "Alice Chen") == {}


def test_not_a_vcard(cli, tmp_path):
    path = tmp_path / "x.vcf"
    path.write_text("hello\n")
    run = cli("import", "vcard", str(path))
    assert run.exit_code == 1 and "no BEGIN:VCARD" in run.stderr


def test_birthdays_in_the_future_are_judged_by_network_today(cli, isolated_db, tmp_path):
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kid Soon\r\nBDAY:2021-05-05\r\nEND:VCARD\r\n")
    google = tmp_path / "google.csv"
    google.write_text("First Name,Last Name,Birthday\r\nKid,Later,2021-05-05\r\n")
    for fmt, path, where in (("vcard", card, "card 1 (line 1)"), ("google", google, "line 2")):
        run = cli("import", fmt, str(path), "--dry-run", today="2020-01-01")
        assert run.exit_code == 0, (fmt, run)  # the field is dropped, the person kept
        assert f"in the future ({where}: birthday)" in run.stderr
        assert "field dropped" not in cli("import", fmt, str(path), today="2026-11-22").stderr


def test_a_dry_run_counts_what_the_import_would_do_and_writes_nothing(cli, isolated_db):
    cli("add", "Ali Chen", "--email", "ALICE@acme.example", today=TODAY)
    before = db_bytes(isolated_db)
    dry = cli("import", "vcard", str(FIX / "contacts.vcf"), "--dry-run", "--json", today=TODAY)
    assert dry.exit_code == 0, dry
    assert db_bytes(isolated_db) == before
    real = cli("import", "vcard", str(FIX / "contacts.vcf"), "--json", today=TODAY)
    assert dry.json() == dict(real.json(), dry_run=True)


def test_format_names_come_from_one_registry():
    """Help, completion and the "it looks like" hint read formats/registry.py."""
    from network import app
    from network.formats import registry

    transfer = app.transfer
    assert (
        transfer.formats_help(transfer.IMPORT_FORMATS)
        == "linkedin, google, outlook, csv, vcard or json."
    )
    assert transfer.formats_help(transfer.EXPORT_FORMATS) == "json, vcard, csv or ics."
    assert transfer.complete(transfer.IMPORT_FORMATS)("g") == ["google"]
    assert transfer.complete(transfer.EXPORT_FORMATS)("") == ["json", "vcard", "csv", "ics"]
    assert registry.sniff("\ufeffBEGIN:VCARD\r\nFN:A\r\nEND:VCARD") == "vcard"
    assert registry.sniff('{"format": "network"}') == "json"
    assert registry.sniff("Notes:\nFirst Name,Last Name,URL,Email Address") == "linkedin"
    assert registry.sniff("Name,Given Name,Family Name") == "google"
    assert registry.sniff("hello") is None
    assert registry.canonical(" VCF ") == "vcard"
