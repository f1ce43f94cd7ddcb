"""A new person's row goes into the database complete, in one executemany
(store/writes/contacts.py new_rows): no second UPDATE recomputes it. So the stored values
it carries must be exactly what ledger.refresh_people computes from the row, and its other
columns exactly the contact's values, on the bulk path (over 1,000 rows, triggers and
indexes off meanwhile) and the ordinary one alike."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from conftest import connections_csv

TODAY = "2026-11-22"

# every field a contact can fill: two e-mails, phone, URL, company, title, address, a long
# note, nickname, labels, birthday, UID
FULL_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nN:Ångström;Zoë;;;\r\n"
    "NICKNAME:Zo\r\nEMAIL;TYPE=work:zoe@work.example\r\nEMAIL:zoe@home.example\r\n"
    "TEL;TYPE=cell:+1 555 0100\r\nURL:https://www.linkedin.com/in/zoe-a\r\n"
    "ORG:Acme Robotics\r\nTITLE:Principal Engineer\r\n"
    "ADR;TYPE=home:;;1 Main St;Lisbon;;;Portugal\r\nBDAY:1990-03-12\r\n"
    "CATEGORIES:friends,climbing\r\nUID:zoe-uid-1\r\n"
    "NOTE:" + "Met at the robotics meetup. " * 200 + "\r\nEND:VCARD\r\n"
)


def stored(db: Path) -> dict[int, dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {r["id"]: dict(r) for r in conn.execute("SELECT * FROM person")}
    finally:
        conn.close()


def recomputed(db: Path, ids: list[int]) -> dict[int, dict]:
    """What ledger.refresh_people would write for them (in a transaction never committed)."""
    from network.store import connection
    from network.store.writes import ledger

    with connection.write_session(db, dry_run=True) as session:
        rows = ledger.refresh_people(session.connection(), ids)
    return {row.pop("_id"): row for row in rows}


def as_stored(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("many", [False, True], ids=["ordinary", "bulk"])
def test_new_people_go_in_with_the_values_a_refresh_would_compute(cli, isolated_db, tmp_path, many):
    card = tmp_path / "full.vcf"
    card.write_text(FULL_CARD, encoding="utf-8")
    assert cli("import", "vcard", str(card), "--tie", "casual", today=TODAY).exit_code == 0
    if many:
        big = connections_csv(tmp_path / "big.csv", 1200)
        run = cli("import", "linkedin", str(big), today=TODAY)
        assert run.exit_code == 0, run.stderr

    rows = stored(isolated_db)
    assert len(rows) == (1201 if many else 1)
    again = recomputed(isolated_db, list(rows))
    for pid, row in rows.items():
        for column, value in again[pid].items():
            assert row[column] == as_stored(value), (pid, column)
    zoe = next(r for r in rows.values() if r["name"] == "Zoë Ångström")
    assert zoe["search_key"] and zoe["next_due"] and zoe["tie"] == "casual"


def test_a_new_row_holds_every_value_of_its_contact():
    """new_rows takes the contact's values as Contact.values() gives them, column by
    column, and fills nothing else but the stored values and what every new row shares."""
    from network.domain.contacts import Contact
    from network.store.writes.contacts import new_rows

    contact = Contact(
        where="card 1",
        name="Zoë Ångström",
        emails=["zoe@work.example", "zoe@home.example"],
        phones=["+1 555 0100"],
        urls=["https://www.linkedin.com/in/zoe-a"],
        company="Acme Robotics",
        title="Principal Engineer",
        location="Lisbon",
        notes="x" * 6000,
        nickname="Zo",
        labels=["friends", "Friends", "climbing"],
        birthday=(1990, 3, 12),
        connected_on=date(2024, 3, 12),
        uid="zoe-uid-1",
    )

    (row,) = new_rows([contact], "casual", date(2026, 11, 22), 7).dicts()

    values = contact.values()
    assert values["notes"] == "x" * 5000 and values["labels"] == "friends, climbing"
    assert {k: row[k] for k in values} == values
    assert (row["id"], row["name"], row["name_key"]) == (7, "Zoë Ångström", "zoe angstrom")
    assert (row["tie"], row["archived"], row["balance"]) == ("casual", False, 0)
    assert row["created_on"] == date(2026, 11, 22) and row["next_due"] is not None
    shared = {"tie", "archived", "created_on", "balance", "next_due"}
    rest = set(row) - set(values) - shared - {"id", "name", "name_key", "search_key"}
    assert "last_contact" in rest and "via_id" in rest
    assert all(row[name] is None for name in rest)
