"""Backups, restores, doctor, privacy of files, read-only files and a full disk."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import connections_csv
from network.store import doctor


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def count(path: Path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def sound(path: Path) -> bool:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return (
            conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            and conn.execute("PRAGMA foreign_key_check").fetchall() == []
        )


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


@pytest.fixture
def filled(cli, isolated_db: Path) -> Path:
    assert cli("add", "Alice Chen", "--tie", "close", "--note", "secret note").exit_code == 0
    assert cli("add", "Bob Li", "--knows", "cars").exit_code == 0
    assert cli("log", "alice", "coffee chat").exit_code == 0
    assert cli("log", "alice", "told me about the layoffs", "--private").exit_code == 0
    assert cli("ask", "bob", "advice on cars").exit_code == 0
    return isolated_db


# backup and restore


def test_backup_makes_a_checked_owner_only_copy_beside_the_database(cli, filled: Path) -> None:
    result = cli("backup")

    assert result.exit_code == 0, result
    copy = Path(result.stdout.strip())
    assert copy.parent == filled.parent and copy.name.startswith("network-backup-")
    assert "2 people and 3 entries" in result.stderr
    assert mode(copy) == 0o600
    assert sound(copy)
    assert dump(copy) == dump(filled)  # complete: private entries included
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    # a second backup in the same second gets its own name
    again = cli("backup")
    assert again.exit_code == 0 and Path(again.stdout.strip()) != copy


def test_backup_to_a_folder_or_a_named_file_and_never_over_an_existing_one(
    cli, filled: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    into_folder = cli("backup", str(folder))
    named = cli("backup", str(folder / "mine.db"))
    twice = cli("backup", str(folder / "mine.db"))

    assert into_folder.exit_code == 0 and Path(into_folder.stdout.strip()).parent == folder
    assert named.exit_code == 0 and (folder / "mine.db").is_file()
    assert twice.exit_code == 1 and "already exists" in twice.stderr


def test_backup_without_a_database_or_into_a_missing_folder_is_a_clear_error(
    cli, tmp_path: Path
) -> None:
    nothing = cli("backup")
    assert nothing.exit_code == 1 and "no database" in nothing.stderr
    assert cli("add", "Alice").exit_code == 0
    missing = cli("backup", str(tmp_path / "no" / "such" / "x.db"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr


def test_restore_checks_keeps_the_current_content_aside_then_swaps(cli, filled: Path) -> None:
    copy = Path(cli("backup").stdout.strip())
    saved = dump(filled)
    assert cli("add", "Carol Díaz").exit_code == 0
    assert cli("log", "carol", "lunch").exit_code == 0
    changed = dump(filled)

    result = cli("restore", str(copy))

    assert result.exit_code == 0, result
    assert dump(filled) == saved
    kept = [p for p in filled.parent.glob("network-before-restore-*.db")]
    assert len(kept) == 1 and str(kept[0]) in result.stderr
    assert dump(kept[0]) == changed and mode(kept[0]) == 0o600
    assert sound(filled)
    # the tool keeps working on the restored file
    assert cli("log", "bob", "sent an article").exit_code == 0


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(
    cli, filled: Path, tmp_path: Path
) -> None:
    before = dump(filled)
    damaged = tmp_path / "damaged.db"
    Path(cli("backup", str(damaged)).stdout.strip())
    data = bytearray(damaged.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\x5a" * 200  # scribble over a b-tree page
    damaged.write_bytes(bytes(data))
    foreign = tmp_path / "foreign.db"
    with contextlib.closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all " * 100)

    for bad, says in (
        (damaged, "damaged"),
        (foreign, "not a network database"),
        (text, "not a network database"),
        (tmp_path / "missing.db", "no backup file"),
    ):
        result = cli("restore", str(bad))
        assert result.exit_code == 1, (bad, result)
        assert says in result.stderr, (bad, result)
        assert "Traceback" not in result.stderr
    assert dump(filled) == before
    assert list(filled.parent.glob("network-before-restore-*")) == []


def test_restore_will_not_replace_a_foreign_or_newer_database(
    cli, filled: Path, tmp_path: Path
) -> None:
    copy = Path(cli("backup", str(tmp_path / "copy.db")).stdout.strip())
    foreign = tmp_path / "someone-elses.db"
    with contextlib.closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE invoices (n)")
        conn.execute("INSERT INTO invoices VALUES (1)")
        conn.commit()
    with contextlib.closing(sqlite3.connect(filled)) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        conn.commit()
    newer = dump(filled)
    before = dump(foreign)

    into_foreign = cli("--db", str(foreign), "restore", str(copy))
    into_newer = cli("restore", str(copy))

    assert into_foreign.exit_code == 1 and "not a network database" in into_foreign.stderr
    assert into_newer.exit_code == 1 and "newer" in into_newer.stderr, into_newer
    assert dump(foreign) == before and dump(filled) == newer
    assert list(tmp_path.glob("*before-restore*")) == []
    assert list(filled.parent.glob("*before-restore*")) == []


def test_backups_at_the_same_moment_never_overwrite_each_other(filled: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime

    from network.store import backup

    moment = datetime(2026, 12, 1, 9, 30)  # the same second: the same default name
    with ThreadPoolExecutor(4) as pool:
        made = list(pool.map(lambda _: backup.backup(filled, None, moment), range(8)))

    paths = [m.path for m in made]
    assert len(set(paths)) == 8
    assert sorted(filled.parent.glob("network-backup-20261201-093000*.db")) == sorted(paths)
    assert all(sound(p) and mode(p) == 0o600 for p in paths)
    assert list(filled.parent.glob(".*partial*")) == []


def test_restore_of_a_copy_with_another_page_size(cli, filled: Path, tmp_path: Path) -> None:
    copy = tmp_path / "vacuumed.db"
    assert cli("backup", str(copy)).exit_code == 0
    with contextlib.closing(sqlite3.connect(copy, isolation_level=None)) as conn:
        conn.execute("PRAGMA page_size = 1024")
        conn.execute("VACUUM")
    saved = dump(copy)
    assert cli("add", "Carol Díaz").exit_code == 0

    result = cli("restore", str(copy))

    assert result.exit_code == 0, result
    assert dump(filled) == saved and sound(filled)
    assert [p.name for p in filled.parent.glob(".network.db.restore-*")] == []


def test_restore_of_a_schema_1_backup_upgrades_it_on_next_use(cli, isolated_db: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "schema1.db"
    assert cli("add", "Someone New").exit_code == 0

    assert cli("restore", str(fixture)).exit_code == 0
    result = cli("people", "--json", "--archived", "--all")

    assert result.exit_code == 0, result
    assert len(result.rows()) == 13 and "Upgraded" in result.stderr


# privacy of files


def test_database_companions_and_copies_are_owner_only_in_an_owner_only_folder(
    cli, tmp_path: Path
) -> None:
    old = os.umask(0)  # even a permissive umask must not open them up
    try:
        db = tmp_path / "fresh" / "deeper" / "network.db"
        assert cli("--db", str(db), "add", "Alice Chen").exit_code == 0
        with contextlib.closing(sqlite3.connect(db)) as reader:  # keep -wal/-shm in place
            reader.execute("SELECT 1 FROM person").fetchall()
            assert cli("--db", str(db), "log", "alice", "hi", "--private").exit_code == 0
            copy = Path(cli("--db", str(db), "backup").stdout.strip())
            exported = tmp_path / "fresh" / "out.json"
            assert cli("--db", str(db), "export", "json", "-o", str(exported)).exit_code == 0
            files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), copy, exported]
            for path in files:
                assert path.exists(), path
                assert mode(path) == 0o600, (path, oct(mode(path)))
        assert mode(db.parent) == 0o700 and mode(db.parent.parent) == 0o700
    finally:
        os.umask(old)


def test_private_entries_and_notes_stay_out_of_exports_unless_asked(cli, filled: Path) -> None:
    plain = cli("export", "json")
    full = cli("export", "json", "--include-private")

    assert plain.exit_code == 0 and full.exit_code == 0
    assert "layoffs" not in plain.stdout and "secret note" not in plain.stdout
    assert "layoffs" in full.stdout and "secret note" in full.stdout


# doctor


def test_doctor_reports_a_healthy_database(cli, tmp_path: Path) -> None:
    db = tmp_path / "home" / "network.db"
    assert cli("--db", str(db), "add", "Alice Chen", "--knows", "cars").exit_code == 0

    result = cli("--db", str(db), "doctor", "--json")

    assert result.exit_code == 0, result
    report = result.json()
    assert report["integrity"] == "ok" and report["foreign_keys"] == "ok"
    assert report["schema_version"] == report["program_schema_version"]
    assert report["counts"]["person"] == 1 and report["counts"]["strength"] == 1
    assert report["sizes"]["network.db"] > 0
    assert report["problems"] == [] and report["warnings"] == []
    human = cli("--db", str(db), "doctor")
    assert (
        human.exit_code == 0
        and "All checks passed" in human.stderr
        and "schema version" in human.stdout
    )


def test_doctor_json_names_the_journal_only_for_a_file_it_could_open(cli, tmp_path: Path) -> None:
    healthy = tmp_path / "home" / "network.db"
    assert cli("--db", str(healthy), "add", "Alice Chen").exit_code == 0
    report = cli("--db", str(healthy), "doctor", "--json").json()
    assert report["journal_mode"] == "wal" and report["page_size"] > 0

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database, just some bytes " * 4)
    result = cli("--db", str(junk), "doctor", "--json")
    assert result.exit_code == 1, result
    assert "journal_mode" not in result.json() and "page_size" not in result.json()


def test_a_backup_is_named_for_the_real_time_even_on_a_pretend_day(cli, filled: Path) -> None:
    result = cli("backup", today="2001-02-03")
    assert result.exit_code == 0, result
    copy = Path(result.stdout.strip())
    assert copy.name.startswith("network-backup-") and "20010203" not in copy.name


def test_doctor_finds_damage_and_exits_1(cli, filled: Path) -> None:
    with contextlib.closing(sqlite3.connect(filled)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(filled.read_bytes())
    data[4096 * 2 : 4096 * 2 + 300] = b"\xa5" * 300
    filled.write_bytes(bytes(data))

    result = cli("doctor", "--json")

    assert result.exit_code == 1, result
    assert result.json()["problems"]
    assert "Traceback" not in result.stderr


def test_doctor_finds_broken_links_between_rows(cli, filled: Path) -> None:
    with contextlib.closing(
        sqlite3.connect(filled)
    ) as conn:  # foreign keys off: the damage an old tool could do
        conn.execute("UPDATE entry SET person_id = 999 WHERE id = 1")
        conn.commit()

    result = cli("doctor")

    assert result.exit_code == 1 and "point at missing rows" in result.stderr


def test_doctor_warns_about_open_permissions_and_does_not_create_a_database(
    cli, filled: Path, tmp_path: Path
) -> None:
    filled.chmod(0o644)
    filled.parent.chmod(0o755)
    report = cli("doctor", "--json").json()
    assert any("other users" in w and "chmod 600" in w for w in report["warnings"])
    assert any("chmod 700" in w for w in report["warnings"])

    missing = tmp_path / "nowhere" / "network.db"
    result = cli("--db", str(missing), "doctor")
    assert result.exit_code == 0 and "no database" in result.stderr
    assert not missing.parent.exists()
    folder = cli("--db", str(tmp_path), "doctor")
    assert folder.exit_code == 1 and "is a folder" in folder.stderr


def test_doctor_warns_about_cloud_synced_folders(cli, tmp_path: Path) -> None:
    for parts in (
        ("Dropbox",),
        ("OneDrive - Acme",),
        ("Library", "Mobile Documents", "com~apple~CloudDocs"),
        ("Google Drive", "My Drive"),
        ("Nextcloud",),
    ):
        db = tmp_path.joinpath(*parts, "network.db")
        assert cli("--db", str(db), "add", "Alice").exit_code == 0
        warnings = cli("--db", str(db), "doctor", "--json").json()["warnings"]
        assert any("cloud-synced" in w for w in warnings), parts
    synced = tmp_path / "Sync"
    (synced / "notes").mkdir(parents=True)
    (synced / ".stfolder").mkdir()
    db = synced / "notes" / "network.db"
    assert cli("--db", str(db), "add", "Alice").exit_code == 0
    assert any(
        ".stfolder" in w for w in cli("--db", str(db), "doctor", "--json").json()["warnings"]
    )
    plain = tmp_path / "plain" / "network.db"
    assert cli("--db", str(plain), "add", "Alice").exit_code == 0
    assert not any(
        "cloud" in w for w in cli("--db", str(plain), "doctor", "--json").json()["warnings"]
    )


def test_doctor_knows_network_file_systems(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda / ext4 rw 0 0\n"
        "server:/export /home/me/nfs nfs4 rw 0 0\n"
        "//nas/share /mnt/nas cifs rw 0 0\n"
        "me@host:/ /home/me/remote fuse.sshfs rw 0 0\n"
        "tmpfs /home/me/nfs/tmp tmpfs rw 0 0\n"
    )
    found = {
        p: doctor.mount_of(Path(p), mounts)
        for p in (
            "/home/me/nfs/network.db",
            "/mnt/nas/x/network.db",
            "/home/me/remote/n.db",
            "/home/me/nfs/tmp/n.db",
            "/home/me/nfsother/n.db",
        )
    }
    assert {p: doctor.network_fs(t) for p, (_, t) in found.items()} == {
        "/home/me/nfs/network.db": True,
        "/mnt/nas/x/network.db": True,
        "/home/me/remote/n.db": True,
        "/home/me/nfs/tmp/n.db": False,
        "/home/me/nfsother/n.db": False,
    }
    assert (
        not doctor.network_fs("ext4") and not doctor.network_fs("apfs") and doctor.network_fs("9p")
    )


def test_doctor_reports_an_old_schema_and_refuses_a_newer_one(cli, isolated_db: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "schema1.db"
    isolated_db.write_bytes(fixture.read_bytes())
    old = cli("doctor", "--json")
    assert old.exit_code == 0 and old.json()["schema_version"] == 1
    assert any("will be upgraded" in w for w in old.json()["warnings"])
    assert count(isolated_db, "meta") == 1 and "obligation" not in json.dumps(
        dump(isolated_db)
    )  # not migrated

    with contextlib.closing(sqlite3.connect(isolated_db)) as conn:
        conn.execute("UPDATE meta SET value = '999'")
        conn.commit()
    newer = cli("doctor")
    assert newer.exit_code == 1 and "newer" in newer.stderr


# read-only file, full disk


def test_a_read_only_database_gets_a_clear_error_and_no_write(cli, filled: Path) -> None:
    with contextlib.closing(sqlite3.connect(filled)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = Path(cli("backup").stdout.strip())
    before = dump(filled)
    filled.chmod(0o400)
    try:
        for args in (
            ("log", "alice", "hello"),
            ("add", "Carol"),
            ("knows", "bob", "boats"),
            ("edit", "bob", "--every", "2w"),
            ("restore", str(copy)),
        ):
            result = cli(*args)
            assert result.exit_code == 1, (args, result)
            assert result.stderr.startswith("Error:"), (args, result)
            assert "Traceback" not in result.stderr
        assert "read-only" in cli("log", "alice", "hello").stderr
        reading = cli("people", "--json")
        assert reading.exit_code == 0 and len(reading.rows()) == 2
    finally:
        filled.chmod(0o600)
    assert dump(filled) == before


def test_a_read_only_old_database_is_not_half_upgraded(cli, isolated_db: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "schema1.db"
    isolated_db.write_bytes(fixture.read_bytes())
    isolated_db.chmod(0o400)
    try:
        result = cli("people")
    finally:
        isolated_db.chmod(0o600)
    assert result.exit_code == 1 and "read-only" in result.stderr, result
    assert isolated_db.read_bytes() == fixture.read_bytes()
    assert list(isolated_db.parent.glob("*.bak")) == []


@contextlib.contextmanager
def tiny_filesystem(where: Path, size: str):
    """A real small file system (tmpfs) when we may mount one; None otherwise."""
    where.mkdir()
    if os.geteuid() != 0:
        yield None
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_a_full_disk_gets_a_clear_error_and_no_partial_write(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = connections_csv(tmp_path / "Connections.csv", 6000, pad=150)
    with tiny_filesystem(tmp_path / "small", "800k") as mounted:
        if mounted is None:
            # no tmpfs here: cap the file instead, which SQLite reports the same way (SQLITE_FULL)
            from network.store import connection as dbmod

            real = dbmod.raw_connect

            def capped(path: Path) -> sqlite3.Connection:
                conn = real(path)
                pages = conn.execute("PRAGMA page_count").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {max(pages, 40) + 40}")
                return conn

            monkeypatch.setattr(dbmod, "raw_connect", capped)
            target = tmp_path / "small" / "network.db"
        else:
            target = mounted / "network.db"
        assert cli("--db", str(target), "add", "Alice Chen").exit_code == 0
        assert cli("--db", str(target), "log", "alice", "coffee").exit_code == 0
        before = dump(target)

        result = cli("--db", str(target), "import", "linkedin", str(big))

        assert result.exit_code == 1, result
        assert result.stderr.startswith("Error:") and "full" in result.stderr, result
        assert "Traceback" not in result.stderr
        assert dump(target) == before
        assert sound(target)
        if mounted is not None:
            # a backup that does not fit leaves nothing behind either
            for _ in range(20):
                if cli("--db", str(target), "backup").exit_code != 0:
                    break
            failed = cli("--db", str(target), "backup")
            assert failed.exit_code == 1 and "full" in failed.stderr, failed
            assert not list(mounted.glob(".*partial*"))


def test_doctor_finds_a_broken_search_index(cli, filled: Path) -> None:
    with contextlib.closing(sqlite3.connect(filled)) as conn:
        conn.execute("DELETE FROM person_fts_data WHERE id > 10")
        conn.commit()

    result = cli("doctor")

    assert result.exit_code == 1, result
    assert "search index person_fts is damaged" in result.stdout + result.stderr


def test_doctor_finds_a_missing_column_that_would_fail_every_write(cli, filled: Path) -> None:
    from network.store import undo

    with contextlib.closing(sqlite3.connect(filled)) as conn:
        undo.uninstall(conn)  # the undo triggers name every column: SQLite refuses the DROP
        conn.execute("DROP INDEX ix_person_listing")  # so does the listing's index
        conn.execute("ALTER TABLE person DROP COLUMN nickname")
        conn.commit()

    result = cli("doctor", "--json")

    assert result.exit_code == 1, result
    assert any("nickname" in p for p in result.json()["problems"])


def test_doctor_calls_a_sound_file_with_a_stray_journal_sound(cli, filled: Path) -> None:
    Path(f"{filled}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\0" * 504)

    result = cli("doctor", "--json")

    assert result.exit_code == 0, result
    assert result.json()["problems"] == []


def test_a_schema_version_that_is_not_a_number_is_a_clear_error(cli, filled: Path) -> None:
    with contextlib.closing(sqlite3.connect(filled)) as conn:
        conn.execute("UPDATE meta SET value = 'two' WHERE key = 'schema_version'")
        conn.commit()

    for args in (["people"], ["add", "Carol"], ["doctor"]):
        result = cli(*args)
        assert result.exit_code == 1, (args, result)
        assert "not a number" in result.stdout + result.stderr, (args, result)
        assert "internal error" not in result.stderr


def test_doctor_on_a_symlink_loop_is_a_clear_error(cli, tmp_path: Path) -> None:
    (tmp_path / "a.db").symlink_to(tmp_path / "b.db")
    (tmp_path / "b.db").symlink_to(tmp_path / "a.db")

    result = cli("--db", str(tmp_path / "a.db"), "doctor")

    assert result.exit_code == 1 and "cannot follow the path" in result.stderr, result
