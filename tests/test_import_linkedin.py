"""Importing LinkedIn's Connections.csv as it really comes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import db_bytes
from network.formats.linkedin import connected_on

FIX = Path(__file__).parent / "fixtures"
TODAY = "2026-11-22"


def people(cli):
    return {p["name"]: p for p in cli("people", "--json", "--all").rows()}


def test_real_export_with_preamble_bom_crlf_and_quoted_commas(cli):
    run = cli("import", "linkedin", str(FIX / "linkedin_connections.csv"), today=TODAY)
    assert run.exit_code == 0, run
    assert "5 created, 0 updated, 0 unchanged, 0 skipped" in run.stderr
    everyone = people(cli)
    assert set(everyone) == {
        "Alice Chen",
        "José Álvarez",
        "Priya Natarajan",
        "Tom O'Brien",
        "Mei Lin",
    }
    alice = cli("show", "alice", "--json").json()
    assert alice["title"] == "VP, Engineering"
    assert alice["tie"] == "roster" and alice["next_due"] is None
    assert alice["url"] == "https://www.linkedin.com/in/alicechen"
    assert alice["email"] is None
    jose = cli("show", "jose", "--json").json()
    assert jose["company"] == "Widgets, Inc." and jose["email"] == "jose@example.org"
    assert cli("show", "priya", "--json").json()["title"] == 'Senior Engineer "Payments"'


def test_connected_on_is_kept_in_both_date_forms(cli, isolated_db):
    import sqlite3

    cli("import", "linkedin", str(FIX / "linkedin_connections.csv"), today=TODAY)
    rows = dict(sqlite3.connect(isolated_db).execute("SELECT name, connected_on FROM person"))
    assert rows["Alice Chen"] == "2024-03-12"
    assert rows["Priya Natarajan"] == "2022-02-07"
    assert rows["Tom O'Brien"] == "2019-11-19"


@pytest.mark.parametrize("name", ["linkedin_padded.csv", "linkedin_cut_preamble.csv"])
def test_header_found_after_padded_or_cut_preamble(cli, name):
    run = cli("import", "linkedin", str(FIX / name), today=TODAY)
    assert run.exit_code == 0, run
    assert " 0 skipped" in run.stderr
    assert len(people(cli)) in (2, 3)


def test_tie_option_gives_a_cadence(cli):
    run = cli(
        "import", "linkedin", str(FIX / "linkedin_connections.csv"), "--tie", "casual", today=TODAY
    )
    assert run.exit_code == 0, run
    assert cli("show", "alice", "--json").json()["next_due"] == "2027-02-20"


def test_malformed_rows_stop_the_import_and_name_their_lines(cli, isolated_db):
    # a row wider than the header is broken in structure: all or nothing, as before; a
    # date that is not one is only a bad field now (issue 10: lenient per field)
    cli("add", "Someone Else", today=TODAY)
    before = db_bytes(isolated_db)
    run = cli("import", "linkedin", str(FIX / "linkedin_broken.csv"), today=TODAY)
    assert run.exit_code == 1
    assert "line 7: 8 columns where the header has 7" in run.stderr
    assert "line 6" not in run.stderr
    assert "Error: nothing was imported" in run.stderr and "--skip-bad" in run.stderr
    assert db_bytes(isolated_db) == before


def test_skip_bad_imports_the_rest_and_reports_skips(cli):
    run = cli("import", "linkedin", str(FIX / "linkedin_broken.csv"), "--skip-bad", today=TODAY)
    assert run.exit_code == 0, run
    assert "3 created, 0 updated, 0 unchanged, 1 skipped" in run.stderr
    assert "line 7: 8 columns" in run.stderr
    assert "1 field dropped: not a date (line 6: connected on)" in run.stderr
    assert set(people(cli)) == {"Alice Chen", "Bob Stone", "Mei Lin"}


def test_dry_run_writes_nothing(cli, isolated_db):
    cli("add", "Someone Else", today=TODAY)
    before = db_bytes(isolated_db)
    run = cli("import", "linkedin", str(FIX / "linkedin_connections.csv"), "--dry-run", today=TODAY)
    assert run.exit_code == 0, run
    assert "would give: 5 created" in run.stderr
    assert db_bytes(isolated_db) == before


def test_reimport_changes_nothing_and_fills_only_empty_fields(cli):
    cli(
        "add",
        "Alice Chen",
        "--company",
        "Acme Robotics",
        "--title",
        "Boss",
        "--tie",
        "close",
        today=TODAY,
    )
    run = cli("import", "linkedin", str(FIX / "linkedin_connections.csv"), "--json", today=TODAY)
    assert run.json()["created"] == 4 and run.json()["updated"] == 1
    alice = cli("show", "alice", "--json").json()
    assert alice["title"] == "Boss"  # not overwritten
    assert alice["url"] == "https://www.linkedin.com/in/alicechen"  # filled
    assert alice["tie"] == "close"
    again = cli(
        "import", "linkedin", str(FIX / "linkedin_connections.csv"), "--json", today=TODAY
    ).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)
    over = cli(
        "import", "linkedin", str(FIX / "linkedin_connections.csv"), "--overwrite", today=TODAY
    )
    assert over.exit_code == 0
    assert cli("show", "alice", "--json").json()["title"] == "VP, Engineering"


def test_same_name_different_profile_is_a_different_person(cli, tmp_path):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    rows = (
        "John,Smith,https://www.linkedin.com/in/js1,,Acme,Engineer,01 Jan 2024\r\n"
        "John,Smith,https://www.linkedin.com/in/js2,,Acme,Engineer,02 Jan 2024\r\n"
        "John,Smith,https://uk.linkedin.com/in/js1/,,Acme,Engineer,01 Jan 2024\r\n"
    )
    path = tmp_path / "c.csv"
    path.write_text(header + rows, encoding="utf-8")
    run = cli("import", "linkedin", str(path), "--json", today=TODAY).json()
    assert run["created"] == 2 and run["repeated"] == 1
    assert len(cli("dupes", "--json").rows()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "is a binary file"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n", "import vcard"),
        (b"just,some\r\nother,csv\r\n", "no header line First Name,Last Name"),
    ],
)
def test_not_a_linkedin_file_gets_one_clear_error(cli, tmp_path, isolated_db, content, message):
    path = tmp_path / "Connections.csv"
    path.write_bytes(content)
    run = cli("import", "linkedin", str(path), today=TODAY)
    assert run.exit_code == 1
    assert message in run.stderr
    assert run.stderr.count("Error:") == 1


def test_unknown_format_and_missing_file(cli, tmp_path):
    assert "use one of: linkedin" in cli("import", "myspace", str(tmp_path)).stderr
    assert "there is no file" in cli("import", "linkedin", str(tmp_path / "nope.csv")).stderr


def test_a_few_hundred_rows_in_one_go(cli, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    import import_linkedin

    path = tmp_path / "Connections.csv"
    import_linkedin.generate(path, 300)
    run = cli("import", "linkedin", str(path), "--json", today=TODAY)
    assert run.exit_code == 0, run
    data = run.json()
    assert data["hidden"] > 0  # the generated file has hidden members, as real ones do
    assert data["created"] + data["hidden"] == 300
    assert len(cli("people", "--json", "--all").rows()) == data["created"]
    # stored values are set as ledger.refresh would: who-knows finds them by company
    assert cli("who-knows", "stripe", "--json").exit_code == 0


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("7-Feb-22", date(2022, 2, 7)),
        ("07 Jan 2023", date(2023, 1, 7)),
        ("2021-05-04", date(2021, 5, 4)),
        ("", None),
    ],
)
def test_connected_on_forms(text, day):
    assert connected_on(text) == day


def test_connected_on_rejects_nonsense():
    from network.common.errors import BadInput

    with pytest.raises(BadInput):
        connected_on("31 Feb 2024")
    with pytest.raises(BadInput):
        connected_on("yesterday")
