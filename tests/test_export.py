"""Exports: a lossless JSON round trip; vCard, CSV and iCalendar read by independent readers."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

TODAY = "2026-11-22"


@pytest.fixture
def rich(cli, tmp_path, monkeypatch):
    """A network with every kind of record: the demo plus promises, intros, asks, links, privacy."""
    path = tmp_path / "demo.db"
    run = cli("demo", "--path", str(path), today=TODAY)
    assert run.exit_code == 0, run
    monkeypatch.setenv("NETWORK_DB", str(path))
    steps = [
        ("promise", "maya", "send the deck", "--by", "in 3 days"),
        ("intro", "maya", "daniel", "about hiring"),
        ("ask", "maya", "advice on hiring"),
        ("answer", "maya", "granted"),
        ("log", "maya", "told me about her divorce", "--private"),
        (
            "add",
            "Zed Quiet",
            "--birthday",
            "02-29",
            "--note",
            "private thoughts",
            "--tie",
            "close",
            "--via",
            "maya",
        ),
        ("archive", "zed"),
    ]
    for step in steps:
        done = cli(*step, today=TODAY)
        assert done.exit_code == 0, (step, done)
    return path


def export(cli, tmp_path, *args):
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}"
    run = cli("export", *args, "-o", str(out), today=TODAY)
    assert run.exit_code == 0, run
    return out


def test_json_round_trip_is_lossless(cli, rich, tmp_path, monkeypatch):
    first = export(cli, tmp_path, "json", "--include-private")
    doc = json.loads(first.read_text())
    assert {name for name, rows in doc["tables"].items() if rows} >= {
        "person",
        "entry",
        "strength",
        "obligation",
        "link",
    }
    assert any(e["private"] for e in doc["tables"]["entry"])
    assert any(p["via_id"] for p in doc["tables"]["person"])
    monkeypatch.setenv("NETWORK_DB", str(tmp_path / "empty.db"))
    run = cli("import", "json", str(first), today=TODAY)
    assert run.exit_code == 0, run
    second = export(cli, tmp_path, "json", "--include-private")
    assert second.read_bytes() == first.read_bytes()
    again = cli("import", "json", str(first), "--json", today=TODAY).json()
    assert (
        again["created"] == 0 and again["rows"] == {} if "rows" in again else again["created"] == 0
    )
    third = export(cli, tmp_path, "json", "--include-private")
    assert third.read_bytes() == first.read_bytes()  # importing twice duplicates nothing


def test_json_carries_every_model_column(cli, rich, tmp_path):
    from network.store.snapshot import data_tables

    doc = json.loads(export(cli, tmp_path, "json", "--include-private").read_text())
    for table in data_tables():
        for row in doc["tables"][table.name]:
            assert set(row) == {c.name for c in table.columns}


def test_private_entries_and_notes_stay_out_by_default(cli, rich, tmp_path):
    run = cli("export", "json", today=TODAY)
    assert run.exit_code == 0
    doc = json.loads(run.stdout)
    assert "divorce" not in run.stdout and "private thoughts" not in run.stdout
    assert not any(e["private"] for e in doc["tables"]["entry"])
    assert all(p["notes"] is None for p in doc["tables"]["person"])
    assert "Left out as private" in run.stderr and "--include-private" in run.stderr
    for fmt in ("vcard", "csv", "ics"):
        assert "private thoughts" not in cli("export", fmt, today=TODAY).stdout
    assert "private thoughts" in cli("export", "vcard", "--include-private", today=TODAY).stdout


def test_files_are_owner_only(cli, rich, tmp_path):
    for fmt in ("json", "vcard", "csv", "ics"):
        out = export(cli, tmp_path, fmt)
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    existing = tmp_path / "old.json"
    existing.write_text("x")
    existing.chmod(0o644)
    cli("export", "json", "-o", str(existing), today=TODAY)
    assert stat.S_IMODE(os.stat(existing).st_mode) == 0o600


def _unescape(text: str) -> str:
    """RFC 2426 text unescaping (the strict reader leaves values as written)."""
    out, chars = [], iter(text)
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(c)
    return "".join(out)


def test_vcard_read_by_an_independent_strict_reader(cli, isolated_db, tmp_path):
    from vcard.vcard_validator import VCard

    cli(
        "add",
        "Alice Chen",
        "--email",
        "alice@acme.example",
        "--phone",
        "+1 555 0100",
        "--company",
        "Acme, Inc.",
        "--birthday",
        "1985-04-03",
        "--note",
        "likes cars; two kids",
        today=TODAY,
    )
    cli("add", "Bob", "--company", "Stone LLC", today=TODAY)
    text = export(cli, tmp_path, "vcard", "--include-private").read_bytes().decode("utf-8")
    assert text.count("\r\n") == text.count("\n")  # CRLF line ends, as RFC 2426 asks
    cards = ["BEGIN:VCARD" + part for part in text.split("BEGIN:VCARD")[1:]]
    parsed = []
    for card in cards:
        props = {}
        for prop in VCard(card).properties:
            props[prop.name] = [[_unescape(v) for v in value] for value in prop.values]
        parsed.append(props)
    alice = next(p for p in parsed if p["FN"] == [["Alice Chen"]])
    assert alice["N"] == [["Chen"], ["Alice"], [""], [""], [""]]
    assert alice["EMAIL"] == [["alice@acme.example"]]
    assert alice["TEL"] == [["+1 555 0100"]]
    assert alice["BDAY"] == [["1985-04-03"]]
    assert alice["ORG"] == [["Acme, Inc."]]
    assert alice["NOTE"] == [["likes cars; two kids"]]
    assert any(p["FN"] == [["Bob"]] for p in parsed)


def test_vcard_round_trips_through_import(cli, rich, tmp_path, monkeypatch):
    out = export(cli, tmp_path, "vcard", "--include-private")
    monkeypatch.setenv("NETWORK_DB", str(tmp_path / "other.db"))
    run = cli("import", "vcard", str(out), "--json", today=TODAY)
    assert run.exit_code == 0, run
    zed = cli("show", "zed", "--json").json()
    assert zed["birthday"] == "--02-29" or zed["birthday"].endswith("02-29")
    again = cli("import", "vcard", str(out), "--json", today=TODAY).json()
    assert again["created"] == 0 and again["updated"] == 0


def test_csv_is_safe_for_spreadsheets(cli, isolated_db, tmp_path):
    cli("add", '=HYPERLINK("http://evil")', "--company", "+cmd", "--title", "@SUM(A1)", today=TODAY)
    cli("add", "Tab Person", "--company", "-2+3", today=TODAY)
    cli("log", "tab", "asked", "--kind", "ask", "--points", "3", today=TODAY)
    text = export(cli, tmp_path, "csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["name", "tie", "company"]
    assert {"balance", "next_due", "last_contact"} <= set(rows[0])
    for cells in rows:
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert any(c == '\'=HYPERLINK("http://evil")' for c in rows[1] + rows[2])


def test_ics_read_by_an_independent_parser(cli, rich, tmp_path):
    import ics

    text = export(cli, tmp_path, "ics").read_text(encoding="utf-8")
    calendar = ics.Calendar(text)
    names = [e.name for e in calendar.events]
    assert any(n.startswith("Birthday: ") for n in names)
    assert any(n.startswith("Keep in touch: ") for n in names)
    assert any(n.startswith("Promise: Maya Chen") for n in names)
    assert not any("Zed Quiet" in n for n in names)  # archived
    from icalendar import Calendar

    parsed = Calendar.from_ical(text)
    birthdays = [c for c in parsed.walk("VEVENT") if str(c["summary"]).startswith("Birthday")]
    assert all(c["rrule"]["FREQ"] == ["YEARLY"] for c in birthdays)


def test_export_to_a_missing_folder_fails_cleanly(cli, tmp_path):
    cli("add", "Ann Lee", today=TODAY)
    run = cli("export", "json", "-o", str(tmp_path / "no" / "such" / "file.json"))
    assert run.exit_code == 1 and "there is no folder" in run.stderr
    assert "use one of: json" in cli("export", "xlsx").stderr


def test_export_of_a_database_that_is_not_there_is_an_error_and_creates_nothing(
    cli, isolated_db, tmp_path
):
    for fmt in ("json", "csv"):
        run = cli("export", fmt, today=TODAY)
        assert run.exit_code == 1, run
        assert f"no database at {isolated_db}" in run.stderr and "NETWORK_DB" in run.stderr
        assert run.stdout == ""
    missing = tmp_path / "typo" / "netwrk.db"
    run = cli("--db", str(missing), "export", "json", today=TODAY)
    assert run.exit_code == 1 and "--db" in run.stderr
    assert not isolated_db.exists() and not missing.parent.exists()


def test_what_privacy_left_out_is_counted_in_good_english(cli):
    cli("add", "Ann Lee", "--note", "secret", today=TODAY)
    cli("log", "ann", "told me a secret", "--private", today=TODAY)
    run = cli("export", "json", today=TODAY)
    assert "Left out as private: notes on 1 person, 1 private entry." in run.stderr
    cli("add", "Bob Stone", "--note", "secret too", today=TODAY)
    cli("log", "ann", "another secret", "--private", today=TODAY)
    run = cli("export", "json", today=TODAY)
    assert "Left out as private: notes on 2 people, 2 private entries." in run.stderr


def test_ics_says_overdue_1_day(cli):
    def unfolded(run):
        return run.stdout.replace("\r\n", "\n").replace("\n ", "")

    cli("add", "Ann Lee", "--every", "10d", today="2026-11-11")
    text = unfolded(cli("export", "ics", today=TODAY))
    assert "SUMMARY:Keep in touch: Ann Lee\n" in text  # a title that stays true
    assert "overdue 1 day as of 2026-11-22" in text
    text = unfolded(cli("export", "ics", today="2026-11-23"))
    assert "overdue 2 days as of 2026-11-23" in text


def test_csv_keeps_negative_balances_as_numbers_but_neutralises_text(cli, tmp_path):
    import csv
    import io

    assert cli("add", "=HYPERLINK(evil)", "--company", "-2+3").exit_code == 0
    assert cli("ask", "=HYPERLINK(evil)", "advice on cars").exit_code == 0
    r = cli("export", "csv")
    assert r.exit_code == 0, r
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert row["balance"] == "-2"
    assert row["name"].startswith("'=")
    assert row["company"].startswith("'-")


def test_the_field_registry_lists_every_person_column_once():
    """A column added to the schema must say, in domain/fields.py, what imports, merges and
    exports do with it."""
    from network.domain.fields import PERSON
    from network.store.schema import Person

    names = [f.name for f in PERSON]
    assert sorted(names) == sorted(c.name for c in Person.__table__.columns)
    assert len(names) == len(set(names))
