"""Upgrades keep data: a file from the first released schema moves to the current one intact.

`fixtures/schema1.db` was written by the schema-1 code (commit 12cb780) with
`fixtures/make_schema1.py`: 13 people with ties, cadences and birthdays, your own and
their strengths, 54 entries including group and private ones. Schema 1 had no
obligations, so the fixture has none.
"""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from network.store.migrations import SCHEMA_VERSION

FIXTURE = Path(__file__).parent / "fixtures" / "schema1.db"
OLD_TABLES = ("person", "entry", "strength", "meta")


def rows(path: Path, table: str, columns: list[str] | None = None) -> dict[object, tuple]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        cols = columns or [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        key = "key" if table == "meta" else "id"
        listed = ", ".join(cols)
        return {r[0]: r[1:] for r in conn.execute(f"SELECT {key}, {listed} FROM {table}")}
    finally:
        conn.close()


def columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def shape(path: Path) -> dict[str, object]:
    """The schema as sets: tables, columns, foreign keys, indexes, triggers."""
    conn = sqlite3.connect(path)
    try:
        objects = conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        result: dict[str, object] = {"objects": {(t, n, tb) for t, n, tb in objects}}
        for kind, name, _ in objects:
            if kind != "table":
                continue
            result[f"{name}.columns"] = {
                tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info({name})")
            }
            result[f"{name}.fks"] = {
                tuple(r[2:]) for r in conn.execute(f"PRAGMA foreign_key_list({name})")
            }
            indexes = set()
            for _, index, unique, origin, partial in conn.execute(f"PRAGMA index_list({name})"):
                cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({index})"))
                # autoindexes are named by position; compare them by what they cover
                label = "auto" if index.startswith("sqlite_autoindex") else index
                indexes.add((label, unique, origin, partial, cols))
            result[f"{name}.indexes"] = indexes
        return result
    finally:
        conn.close()


@pytest.fixture
def old_db(isolated_db: Path) -> Path:
    shutil.copyfile(FIXTURE, isolated_db)
    isolated_db.chmod(0o600)
    return isolated_db


def test_fixture_is_schema_1_with_data() -> None:
    assert rows(FIXTURE, "meta", ["value"])["schema_version"] == ("1",)
    assert len(rows(FIXTURE, "person")) == 13
    assert len(rows(FIXTURE, "entry")) == 54
    assert len(rows(FIXTURE, "strength")) == 13
    assert (
        sum(r[1] for r in rows(FIXTURE, "entry", ["is_group", "private"]).values()) == 8
    )  # private
    assert any(
        r[0] is None for r in rows(FIXTURE, "strength", ["person_id"]).values()
    )  # knows --me


def test_schema_1_upgrades_with_every_record_intact(cli, old_db: Path) -> None:
    before = {t: rows(FIXTURE, t) for t in ("person", "entry", "strength")}
    old_columns = {t: columns(FIXTURE, t) for t in ("person", "entry", "strength")}

    result = cli("people", "--json", "--archived", "--all", today="2026-06-01")

    assert result.exit_code == 0, result
    assert len(result.rows()) == 13
    assert rows(old_db, "meta", ["value"])["schema_version"] == (str(SCHEMA_VERSION),)
    for table, cols in old_columns.items():
        assert rows(old_db, table, cols) == before[table], table
    # the new columns start empty (and `received` false) on old entries
    added = rows(old_db, "entry", ["status", "answered_on", "answer_note", "received"])
    assert set(added.values()) == {(None, None, None, 0)}
    with sqlite3.connect(old_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM obligation").fetchone() == (0,)


def test_upgraded_schema_equals_a_fresh_one(cli, old_db: Path, tmp_path: Path) -> None:
    assert cli("people", "--json").exit_code == 0
    fresh = tmp_path / "fresh.db"
    assert cli("--db", str(fresh), "add", "Someone New").exit_code == 0  # a write creates it

    old, new = shape(old_db), shape(fresh)

    assert old.keys() == new.keys()
    for key in new:
        assert old[key] == new[key], key


def test_upgrade_writes_an_owner_only_backup_first_and_says_where(cli, old_db: Path) -> None:
    result = cli("people", today="2026-06-01")

    assert result.exit_code == 0, result
    backups = list(old_db.parent.glob("network.db.schema1-*.bak"))
    assert len(backups) == 1
    assert str(backups[0]) in result.stderr
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    # the backup is the schema-1 file exactly as it was
    for table in OLD_TABLES:
        assert rows(backups[0], table) == rows(FIXTURE, table), table
    # and the next run neither migrates nor backs up again
    again = cli("people", "--json")
    assert again.exit_code == 0 and again.stderr == ""
    assert len(list(old_db.parent.glob("network.db.schema1-*.bak"))) == 1
    assert len(list(old_db.parent.glob("*.bak"))) == 1


def test_a_fresh_database_is_not_backed_up(cli, isolated_db: Path) -> None:
    assert cli("add", "Alice Chen").exit_code == 0
    assert list(isolated_db.parent.glob("*.bak")) == []


def test_a_database_newer_than_the_tool_is_refused_clearly(cli, old_db: Path) -> None:
    with sqlite3.connect(old_db) as conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 5),)
        )
    conn.close()
    before = dump(old_db)

    for args in (["people"], ["log", "alice", "hello"]):
        result = cli(*args)
        assert result.exit_code == 1, result
        assert "newer than this network understands" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    assert dump(old_db) == before
    assert list(old_db.parent.glob("*.bak")) == []


def test_a_failed_upgrade_changes_nothing(
    cli, old_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from network.store import migrations

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE person ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, (SCHEMA_VERSION + 1, broken)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    result = cli("people")

    assert result.exit_code in (1, 3), result
    assert "Traceback" not in result.stderr
    assert rows(old_db, "meta", ["value"])["schema_version"] == ("1",)
    assert columns(old_db, "person") == columns(FIXTURE, "person")


def test_a_failed_upgrade_leaves_the_file_as_it_was_and_no_backups_piling_up(
    cli, old_db: Path, monkeypatch
) -> None:
    from network.store import migrations

    def breaks(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    steps = migrations.STEPS
    monkeypatch.setattr(migrations, "STEPS", [*steps[:-1], (steps[-1][0], breaks)])
    before = {t: rows(old_db, t) for t in OLD_TABLES}

    for _ in range(3):
        failed = cli("people")
        assert failed.exit_code == 1 and "Upgraded" not in failed.stderr

    assert list(old_db.parent.glob("network.db.schema1-*")) == []
    assert {t: rows(old_db, t) for t in OLD_TABLES} == before  # each attempt rolled back
    monkeypatch.setattr(migrations, "STEPS", steps)
    done = cli("people")
    backups = list(old_db.parent.glob("network.db.schema1-*.bak"))
    assert done.exit_code == 0 and len(backups) == 1 and str(backups[0]) in done.stderr


def test_a_dry_run_on_an_old_file_upgrades_nothing_and_writes_no_backup(
    cli, old_db: Path, tmp_path: Path
) -> None:
    from conftest import connections_csv, db_bytes

    before = db_bytes(old_db)
    csv = connections_csv(tmp_path / "Connections.csv", 3)

    result = cli("import", "linkedin", str(csv), "--dry-run")

    assert result.exit_code == 0, result
    assert "3" in result.stderr + result.stdout
    assert db_bytes(old_db) == before
    assert sorted(
        p.name for p in old_db.parent.iterdir() if p.name.startswith(("network", "."))
    ) == ["network.db"]


def test_a_dry_run_on_a_new_file_creates_nothing(cli, isolated_db: Path, tmp_path: Path) -> None:
    from conftest import connections_csv

    csv = connections_csv(tmp_path / "Connections.csv", 3)

    result = cli("import", "linkedin", str(csv), "--dry-run")

    assert result.exit_code == 0, result
    assert not isolated_db.exists()
    assert [p.name for p in isolated_db.parent.iterdir() if p.name.startswith(".")] == []


def indexes_on(path: Path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[1] for r in conn.execute(f"PRAGMA index_list({table})")}
    finally:
        conn.close()


def schema_3_copy(cli, path: Path) -> Path:
    """A current file taken back to schema 3: before person.via_id was indexed."""
    assert cli("add", "Ana Lima").exit_code == 0
    assert cli("add", "Bo Berg", "--via", "Ana Lima").exit_code == 0
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX ix_person_via_id")
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    conn.close()
    return path


def test_schema_1_upgrades_to_an_index_on_who_introduced_whom(cli, old_db: Path) -> None:
    assert "ix_person_via_id" not in indexes_on(FIXTURE, "person")

    assert cli("people", "--json").exit_code == 0

    assert "ix_person_via_id" in indexes_on(old_db, "person")


def test_schema_3_upgrades_to_an_index_on_who_introduced_whom(
    cli, isolated_db: Path, tmp_path: Path
) -> None:
    old = schema_3_copy(cli, isolated_db)
    assert "ix_person_via_id" not in indexes_on(old, "person")

    result = cli("show", "Bo Berg")

    assert result.exit_code == 0, result
    assert "from schema 3 to" in result.stderr  # backed up first, like every upgrade
    assert rows(old, "meta", ["value"])["schema_version"] == (str(SCHEMA_VERSION),)
    assert "ix_person_via_id" in indexes_on(old, "person")
    fresh = tmp_path / "fresh.db"
    assert cli("--db", str(fresh), "add", "Someone New").exit_code == 0  # a write creates it
    assert shape(old) == shape(fresh)
    # the introducer lookups now probe the index instead of scanning every person
    with sqlite3.connect(old) as conn:
        plan = " ".join(
            r[3]
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM person WHERE via_id IN (1, 2, 3)"
            )
        )
    conn.close()
    assert "ix_person_via_id" in plan and "SCAN person" not in plan


def test_an_upgraded_file_can_snooze_and_spread(cli, old_db: Path) -> None:
    """Step 6 (first_due, snoozed_until, snoozed_on) starts empty and works on old people."""
    before = cli("due", "--json", "--all", today="2026-06-01")
    assert before.exit_code == 0, before
    added = rows(old_db, "person", ["first_due", "snoozed_until", "snoozed_on"])
    assert set(added.values()) == {(None, None, None)}
    due = before.json()["items"]
    assert due, "the fixture has people due"
    name = due[0]["name"]
    assert cli("snooze", f"#{due[0]['id']}", "2w", today="2026-06-01").exit_code == 0
    after = cli("due", "--json", "--all", today="2026-06-01").json()["items"]
    assert [i["kind"] for i in after if i["name"] == name] == ["snoozed"]


def test_schema_6_upgrades_to_the_capture_tables(
    cli, isolated_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step 7 adds capture's tables (what was read, the review queue, ignored addresses)
    to a file that had none; the upgraded file equals a fresh one and capture works on it."""
    assert cli("add", "Alice Chen", "--email", "alice@a.example").exit_code == 0
    with sqlite3.connect(isolated_db) as conn:
        for table in ("capture_seen", "capture_item", "capture_ignored"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    conn.close()
    mbox = tmp_path / "m.mbox"
    mbox.write_bytes(
        b"From x Thu Jan  1 00:00:00 2026\nFrom: alice@a.example\nTo: me@home.example\n"
        b"Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <one@x.example>\n\nhi\n\n"
    )
    settings = tmp_path / "settings.toml"
    settings.write_text('[me]\nemails = ["me@home.example"]\n', encoding="utf-8")
    monkeypatch.setenv("NETWORK_CONFIG", str(settings))
    result = cli("capture", "mail", str(mbox), "--json", today="2026-11-22")
    assert result.exit_code == 0, result
    assert "from schema 6 to" in result.stderr
    assert result.json()["entries"] == 1
    fresh = tmp_path / "fresh.db"
    assert cli("--db", str(fresh), "add", "Someone New").exit_code == 0
    assert shape(isolated_db) == shape(fresh)


def test_schema_8_upgrades_to_the_stored_oldest_open_ask(
    cli, isolated_db: Path, tmp_path: Path
) -> None:
    """Step 9 fills person.open_ask_since from the open asks already in the file (answered
    asks and people without asks stay empty) and rebuilds `due`'s indexes as partial,
    covering ones; the upgraded file equals a fresh one, and due lists the waiting ask."""
    from network.store import undo

    for name in ("Ann Lee", "Ben Ode", "Cy Roe"):
        assert cli("add", name, "--tie", "roster", today="2026-11-22").exit_code == 0
    for who, what, day in (
        ("Ann", "an intro", "2026-10-01"),
        ("Ann", "a referral", "2026-10-10"),
        ("Ben", "advice", "2026-09-01"),
    ):
        assert cli("ask", who, what, "--when", day, today="2026-11-22").exit_code == 0
    assert cli("answer", "Ben", "declined", today="2026-11-22").exit_code == 0
    with sqlite3.connect(isolated_db) as conn:  # back to schema 8
        undo.uninstall(conn)
        for index in ("ix_person_due", "ix_person_first_due", "ix_person_open_ask"):
            conn.execute(f"DROP INDEX {index}")
        conn.execute("ALTER TABLE person DROP COLUMN open_ask_since")
        conn.execute("ALTER TABLE person DROP COLUMN open_ask_latest")
        conn.execute("CREATE INDEX ix_person_due ON person (archived, next_due)")
        conn.execute("CREATE INDEX ix_person_first_due ON person (first_due)")
        undo.install(conn)
        conn.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    conn.close()
    assert "open_ask_since" not in columns(isolated_db, "person")

    result = cli("due", "--json", today="2026-11-22")

    assert result.exit_code == 0, result
    assert "from schema 8 to" in result.stderr
    stored = {
        r[0]: r[1:]
        for r in rows(isolated_db, "person", ["name", "open_ask_since", "open_ask_latest"]).values()
    }
    assert stored == {
        "Ann Lee": ("2026-10-01", "2026-10-10"),
        "Ben Ode": (None, None),
        "Cy Roe": (None, None),
    }
    assert [i["name"] for i in result.json()["items"]] == ["Ann Lee"]
    fresh = tmp_path / "fresh.db"
    assert cli("--db", str(fresh), "add", "Someone New").exit_code == 0
    assert shape(isolated_db) == shape(fresh)
