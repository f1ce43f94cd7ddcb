"""Importing the tool's own JSON export into a network that already has people in it."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from conftest import db_bytes

TODAY = "2026-11-22"


def stored_vs_recomputed(db: Path) -> list[tuple]:
    """People whose stored values differ from a from-scratch recompute (in plain Python)."""
    from network.common.text import fold, topic_key
    from network.domain import cadence, kinds

    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        people = conn.execute("SELECT * FROM person").fetchall()
        entries = conn.execute(
            "SELECT person_id, day, flow, points, is_group FROM entry"
        ).fetchall()
    finally:
        conn.close()
    wrong = []
    for p in people:
        mine = [e for e in entries if e["person_id"] == p["id"]]
        counted = [
            e["day"] for e in mine if cadence.counts_for_cadence(p["tie"], bool(e["is_group"]))
        ]
        last = max(counted) if counted else None
        every = cadence.effective_cadence(p["tie"], p["cadence_days"])
        anchor = date.fromisoformat(last or p["created_on"])
        due = None if p["archived"] else cadence.next_due(anchor, every)
        expected = (
            fold(p["name"]),
            last,
            kinds.balance([(e["flow"], e["points"]) for e in mine]),
            due.isoformat() if due else None,
            topic_key(" ".join(p[k] for k in ("company", "title", "location", "notes") if p[k])),
        )
        stored = (p["name_key"], p["last_contact"], p["balance"], p["next_due"], p["search_key"])
        if stored != expected:
            wrong.append((p["name"], stored, expected))
    return wrong


def export_of(cli, tmp_path: Path, monkeypatch, name: str, steps: list[tuple]) -> Path:
    """A JSON export of a network built by the given commands, in a database of its own."""
    monkeypatch.setenv("NETWORK_DB", str(tmp_path / f"{name}.db"))
    for step in steps:
        done = cli(*step, today=TODAY)
        assert done.exit_code == 0, (step, done)
    out = tmp_path / f"{name}.json"
    assert cli("export", "json", "--include-private", "-o", str(out), today=TODAY).exit_code == 0
    return out


def via_of(db: Path, name: str) -> str | None:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT v.name FROM person p LEFT JOIN person v ON v.id = p.via_id WHERE p.name = ?",
            (name,),
        ).fetchone()
    finally:
        conn.close()
    return row[0]


def test_who_introduced_an_existing_person_is_mapped_to_the_imported_person(
    cli, isolated_db, tmp_path, monkeypatch
):
    doc = export_of(
        cli,
        tmp_path,
        monkeypatch,
        "theirs",
        [("add", "Ann Lee"), ("add", "Bob Stone", "--email", "bob@x.example", "--via", "ann")],
    )
    monkeypatch.setenv("NETWORK_DB", str(isolated_db))
    cli("add", "Zed Zero", today=TODAY)  # id 1: the id Ann has in the file
    cli("add", "Bob Stone", "--email", "bob@x.example", today=TODAY)
    run = cli("import", "json", str(doc), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert run.json()["updated_names"] == ["Bob Stone"]
    assert via_of(isolated_db, "Bob Stone") == "Ann Lee"  # not Zed, who has Ann's old id
    assert via_of(isolated_db, "Zed Zero") is None


def test_an_introducer_id_that_does_not_exist_here_is_no_crash(
    cli, isolated_db, tmp_path, monkeypatch
):
    steps = [("add", f"Filler {n}") for n in range(5)]
    steps += [("add", "Ann Lee"), ("add", "Bob Stone", "--email", "bob@x.example", "--via", "ann")]
    doc = export_of(cli, tmp_path, monkeypatch, "theirs", steps)
    monkeypatch.setenv("NETWORK_DB", str(isolated_db))
    cli("add", "Bob Stone", "--email", "bob@x.example", today=TODAY)
    run = cli("import", "json", str(doc), today=TODAY)
    assert run.exit_code == 0, run  # Ann's old id 6 is no one here: no foreign-key failure
    assert via_of(isolated_db, "Bob Stone") == "Ann Lee"


def test_an_existing_introducer_is_kept_unless_overwrite(cli, isolated_db, tmp_path, monkeypatch):
    doc = export_of(
        cli,
        tmp_path,
        monkeypatch,
        "theirs",
        [("add", "Ann Lee"), ("add", "Bob Stone", "--email", "bob@x.example", "--via", "ann")],
    )
    monkeypatch.setenv("NETWORK_DB", str(isolated_db))
    cli("add", "Cy Young", today=TODAY)
    cli("add", "Bob Stone", "--email", "bob@x.example", "--via", "cy", today=TODAY)
    assert cli("import", "json", str(doc), today=TODAY).exit_code == 0
    assert via_of(isolated_db, "Bob Stone") == "Cy Young"
    assert cli("import", "json", str(doc), "--overwrite", today=TODAY).exit_code == 0
    assert via_of(isolated_db, "Bob Stone") == "Ann Lee"


# --- values checked row by row -----------------------------------------------------------


def minimal_doc(**tables) -> dict:
    from network.store.migrations import SCHEMA_VERSION

    person = {
        "id": 1,
        "name": "Ann Lee",
        "name_key": "ann lee",
        "tie": "casual",
        "archived": False,
        "created_on": "2026-01-01",
        "balance": 0,
        "search_key": "",
    }
    entry = {
        "id": 1,
        "person_id": 1,
        "day": "2026-11-01",
        "kind": "coffee",
        "flow": "deposit",
        "points": 2,
        "summary": "coffee",
        "is_group": False,
        "private": False,
        "created_at": "2026-11-01T10:00:00+00:00",
    }
    base = {"person": [person], "entry": [entry]}
    for name, changes in tables.items():
        table, _, column = name.partition("__")
        base[table] = [dict(base.get(table, [{}])[0], **{column: changes})]
    return {"format": "network", "schema": SCHEMA_VERSION, "tables": base}


def import_doc(cli, tmp_path: Path, doc: dict, *args: str):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    return cli("import", "json", str(path), *args, today=TODAY)


def test_a_sound_minimal_document_imports(cli, isolated_db, tmp_path):
    run = import_doc(cli, tmp_path, minimal_doc())
    assert run.exit_code == 0, run
    assert stored_vs_recomputed(isolated_db) == []


def test_values_the_commands_would_refuse_are_bad_rows(cli, isolated_db, tmp_path):
    cases = [
        ({"person__tie": "best"}, "person row 1", "tie strength"),
        ({"entry__flow": "gift"}, "entry row 1", "flow"),
        ({"entry__points": -50}, "entry row 1", "points must be between 0 and 100"),
        ({"entry__status": "granted"}, "entry row 1", "answered_on"),
        ({"entry__status": "maybe"}, "entry row 1", "status"),
        ({"person__birth_month": 2, "person__birth_day": 31}, "person row 1", "not a real date"),
        ({"person__birth_year": 1990}, "person row 1", "birth_month"),
        ({"person__cadence_days": -3}, "person row 1", "cadence_days"),
        ({"person__company": "x" * 201}, "person row 1", "company is too long"),
        ({"entry__summary": "x" * 1001}, "entry row 1", "summary is too long"),
    ]
    for changes, where, why in cases:
        doc = minimal_doc()
        for name, value in changes.items():
            table, _, column = name.partition("__")
            doc["tables"][table][0][column] = value
        run = import_doc(cli, tmp_path, doc)
        assert run.exit_code == 1, (changes, run)
        assert f"{where}: " in run.stderr and why in run.stderr, (changes, run.stderr)
        assert "nothing was imported" in run.stderr
    # a refused import leaves no database behind where there was none
    assert not isolated_db.exists()


def test_an_obligation_of_an_unknown_kind_is_a_bad_row_skipped_with_skip_bad(
    cli, isolated_db, tmp_path
):
    doc = minimal_doc()
    doc["tables"]["obligation"] = [
        {"id": 1, "person_id": 1, "kind": "bribe", "summary": "x", "created_on": "2026-11-01"}
    ]
    run = import_doc(cli, tmp_path, doc)
    assert run.exit_code == 1 and "obligation row 1: " in run.stderr and "kind" in run.stderr
    run = import_doc(cli, tmp_path, doc, "--skip-bad")
    assert run.exit_code == 0, run
    assert cli("people", "--json").rows()[0]["name"] == "Ann Lee"
    assert cli("promises", today=TODAY).exit_code == 0


def test_feb_29_without_a_year_is_a_birthday(cli, isolated_db, tmp_path):
    doc = minimal_doc()
    doc["tables"]["person"][0].update(birth_month=2, birth_day=29)
    assert import_doc(cli, tmp_path, doc).exit_code == 0
    assert cli("export", "ics", today=TODAY).exit_code == 0


def test_a_timestamp_without_a_zone_is_taken_as_utc(cli, isolated_db, tmp_path):
    doc = minimal_doc()
    doc["tables"]["entry"][0].update(
        flow="withdrawal", kind="ask", status="open", created_at="2026-11-01T10:00:00"
    )
    run = import_doc(cli, tmp_path, doc)
    assert run.exit_code == 0, run
    out = json.loads(cli("export", "json", "--include-private", today=TODAY).stdout)
    assert out["tables"]["entry"][0]["created_at"] == "2026-11-01T10:00:00+00:00"
    for args in (["asks"], ["due"], ["show", "ann"], ["export", "ics"]):
        assert cli(*args, today=TODAY).exit_code == 0, args


# --- stored values and dry runs ----------------------------------------------------------


def test_stored_values_match_a_recompute_after_importing_into_a_full_network(
    cli, isolated_db, tmp_path, monkeypatch
):
    doc = export_of(
        cli,
        tmp_path,
        monkeypatch,
        "theirs",
        [
            ("add", "Ann Lee", "--tie", "close", "--company", "Acme"),
            ("log", "ann", "coffee", "--when", "2026-11-01"),
            ("log", "ann", "party", "--group", "--when", "2026-11-15"),
            ("ask", "ann", "advice on hiring", "--when", "2026-11-10"),
            ("add", "Bob Stone", "--email", "bob@x.example", "--title", "Engineer"),
            ("log", "bob", "call", "--when", "2026-10-01"),
        ],
    )
    monkeypatch.setenv("NETWORK_DB", str(isolated_db))
    cli("add", "Ann Lee", "--company", "Acme", "--every", "10d", today="2026-01-01")
    cli("log", "ann", "lunch", "--when", "2026-06-01", today=TODAY)
    cli("add", "Bob Stone", "--email", "bob@x.example", "--tie", "close", today=TODAY)
    cli("add", "Cy Young", today=TODAY)
    run = cli("import", "json", str(doc), "--json", today=TODAY)
    assert run.exit_code == 0, run
    assert run.json()["updated"] == 1 and run.json()["rows"]["entry"] == 4
    assert stored_vs_recomputed(isolated_db) == []


def test_a_json_dry_run_reports_what_the_import_does_and_writes_nothing(
    cli, isolated_db, tmp_path, monkeypatch
):
    doc = export_of(
        cli,
        tmp_path,
        monkeypatch,
        "theirs",
        [("add", "Ann Lee"), ("add", "Bob Stone", "--via", "ann"), ("log", "bob", "coffee")],
    )
    monkeypatch.setenv("NETWORK_DB", str(isolated_db))
    cli("add", "Ann Lee", "--email", "ann@x.example", today=TODAY)
    before = db_bytes(isolated_db)
    dry = cli("import", "json", str(doc), "--dry-run", "--json", today=TODAY)
    assert dry.exit_code == 0, dry
    assert db_bytes(isolated_db) == before
    real = cli("import", "json", str(doc), "--json", today=TODAY)
    assert dry.json() == dict(real.json(), dry_run=True)


def test_reimporting_an_export_into_the_same_network_is_linear(
    cli, isolated_db, tmp_path, monkeypatch
):
    # Each row of a re-import is already there; finding it must be one look-up, not a scan
    # of the table (that made 8,000 entries take 2 minutes). Counted, not timed: the rows
    # compared stay proportional to the rows in the file.
    from network.store.writes import document

    doc = minimal_doc()
    first = doc["tables"]["entry"][0]
    doc["tables"]["entry"] = [
        dict(first, id=n, summary=f"coffee {n}", day=f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}")
        for n in range(1, 401)
    ]
    assert import_doc(cli, tmp_path, doc).exit_code == 0
    compared = []
    real = document._content
    monkeypatch.setattr(document, "_content", lambda t, r: compared.append(1) or real(t, r))
    run = import_doc(cli, tmp_path, doc, "--json")
    assert run.exit_code == 0, run
    assert (run.json()["unchanged"], run.json().get("rows", {})) == (1, {})
    assert len(compared) <= 3 * 400  # a scan per row compared about 80,000
    assert stored_vs_recomputed(isolated_db) == []
