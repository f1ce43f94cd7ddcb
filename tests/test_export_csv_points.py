"""`export csv` carries every contact point with its label, and `import csv` reads them back."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

TODAY = "2026-11-22"
CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
    "EMAIL;TYPE=INTERNET,WORK:ann@work.example\r\nEMAIL;TYPE=HOME:ann@home.example\r\n"
    "EMAIL:ann@old.example\r\n"
    "TEL;TYPE=CELL:+1 555 0100\r\nTEL;TYPE=HOME:+1 555 0101\r\nTEL;TYPE=WORK:=2 555 0102\r\n"
    "URL:https://www.linkedin.com/in/ann\r\nURL:https://ann.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Berg\r\nEMAIL:bo@x.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Ode\r\nTEL;TYPE=WORK:+46 8 123\r\nEND:VCARD\r\n"
)


def every_point(db: Path) -> list[tuple]:
    """(name, kind, value, label, primary) of everyone, in a stable order."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT p.name, c.kind, c.value, c.label, c.is_primary FROM contact_point c "
            "JOIN person p ON p.id = c.person_id ORDER BY p.name, c.kind, c.is_primary DESC, c.id"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def network(cli, isolated_db: Path, tmp_path: Path) -> Path:
    card = tmp_path / "people.vcf"
    card.write_text(CARDS)
    result = cli("import", "vcard", str(card), today=TODAY)
    assert result.exit_code == 0, result.stderr
    return isolated_db


def test_each_point_column_has_its_label_beside_it(cli, network: Path, tmp_path) -> None:
    out = tmp_path / "out.csv"
    assert cli("export", "csv", "-o", str(out), today=TODAY).exit_code == 0
    rows = list(csv.DictReader(out.open(newline="")))
    header = list(rows[0])
    start = header.index("email label")
    assert header[start:] == [
        "email label", "phone label",
        "email 2", "email 2 label", "email 3",
        "phone 2", "phone 2 label", "phone 3", "phone 3 label",
        "url 2",
    ]  # fmt: skip
    ann, cy = next(r for r in rows if r["name"] == "Ann Lee"), rows[-1]
    assert (ann["email"], ann["email label"]) == ("ann@work.example", "work")
    assert (ann["email 2"], ann["email 2 label"], ann["email 3"]) == (
        "ann@home.example",
        "home",
        "ann@old.example",
    )
    assert (ann["phone label"], ann["phone 2 label"], ann["phone 3 label"]) == (
        "cell",
        "home",
        "work",
    )
    assert ann["phone 3"] == "'=2 555 0102"  # still safe to open in a spreadsheet
    assert (cy["name"], cy["phone"], cy["phone label"], cy["email label"]) == (
        "Cy Ode",
        "'+46 8 123",
        "work",
        "",
    )


def test_a_round_trip_keeps_every_point_and_label(
    cli, network: Path, tmp_path, monkeypatch
) -> None:
    out = tmp_path / "out.csv"
    assert cli("export", "csv", "-o", str(out), today=TODAY).exit_code == 0
    fresh = tmp_path / "fresh.db"
    monkeypatch.setenv("NETWORK_DB", str(fresh))
    result = cli("import", "csv", str(out), "--json", today=TODAY)
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert (summary["created"], summary["warnings"]) == (3, [])
    # every point and label column is read (the tie and balance are the network's own)
    assert not [c for c in summary["ignored_columns"] if c.startswith(("email", "phone", "url"))]
    assert every_point(fresh) == every_point(network)
    # the neutralising apostrophe is the export's, not the number's
    assert ("Cy Ode", "phone", "+46 8 123", "work", 1) in every_point(fresh)
    # and read back again, nothing changes
    again = cli("import", "csv", str(out), "--json", today=TODAY).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)


def test_no_label_columns_when_no_point_has_a_label(cli, isolated_db: Path, tmp_path) -> None:
    cli("add", "Di Ng", "--email", "di@x.example", today=TODAY)
    out = tmp_path / "out.csv"
    assert cli("export", "csv", "-o", str(out), today=TODAY).exit_code == 0
    header = out.read_text().splitlines()[0]
    assert "label" not in header.replace("labels", "")


def test_a_value_that_already_starts_with_an_apostrophe_comes_back_as_stored(
    cli, isolated_db: Path, tmp_path, monkeypatch
) -> None:
    """The export's apostrophe is taken off on import; one the value had stays."""
    stored = {"company": "'=SUM(1)", "title": "=cmd|' /C calc'!A0", "location": "'plain"}
    args = [f"--{key}={value}" for key, value in stored.items()]
    assert cli("add", "Dee Ash", *args, today=TODAY).exit_code == 0
    out = tmp_path / "out.csv"
    assert cli("export", "csv", "-o", str(out), today=TODAY).exit_code == 0
    row = next(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert row["company"] == "''=SUM(1)" and row["title"].startswith("'=")  # never run
    monkeypatch.setenv("NETWORK_DB", str(tmp_path / "fresh.db"))
    assert cli("import", "csv", str(out), today=TODAY).exit_code == 0
    conn = sqlite3.connect(tmp_path / "fresh.db")
    try:
        back = conn.execute("SELECT company, title, location FROM person").fetchone()
    finally:
        conn.close()
    assert back == tuple(stored.values())
