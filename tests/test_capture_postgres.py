"""Capture and the review queue on a PostgreSQL server, and step 7 run there."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

ONE = (
    b"From x Thu Jan  1 00:00:00 2026\nFrom: {sender}\nTo: me@home.example\n"
    b"Date: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <{mid}@x.example>\n\nhi\n\n"
)


def _mbox(path: Path, *senders: str) -> Path:
    path.write_bytes(
        b"".join(
            ONE.replace(b"{sender}", s.encode()).replace(b"{mid}", str(n).encode())
            for n, s in enumerate(senders)
        )
    )
    return path


@pytest.fixture
def me(tmp_path, monkeypatch):
    settings = tmp_path / "settings.toml"
    settings.write_text('[me]\nemails = ["me@home.example"]\n', encoding="utf-8")
    monkeypatch.setenv("NETWORK_CONFIG", str(settings))


def test_capture_inbox_and_undo_on_a_server(cli, pg_url, me, tmp_path):
    assert cli("add", "Alice Chen", "--email", "alice@a.example").exit_code == 0
    mbox = _mbox(tmp_path / "m.mbox", "alice@a.example", "dee@d.example")
    result = cli("capture", "mail", str(mbox), "--json", today="2026-11-22")
    assert result.exit_code == 0, result
    assert (result.json()["entries"], result.json()["queued"]) == (1, 1)
    again = cli("capture", "mail", str(mbox), "--json", today="2026-11-22").json()
    assert (again["entries"], again["queued"]) == (0, 0)
    waiting = cli("inbox", "--json").rows()
    assert [w["address"] for w in waiting] == ["dee@d.example"]
    accepted = cli("inbox", "accept", "dee@d.example", "--new", "Dee Ray", "--json")
    assert accepted.exit_code == 0, accepted
    assert accepted.json()["entries"] == 1
    assert cli("inbox", "ignore", "spam@s.example").exit_code == 0
    assert cli("inbox", "--json").rows() == []


def test_step_7_runs_on_an_older_server_schema(cli, pg_url, me, tmp_path):
    import psycopg

    from network.store.migrations import SCHEMA_VERSION

    assert cli("add", "Alice Chen", "--email", "alice@a.example").exit_code == 0
    conninfo = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        for table in ("capture_seen", "capture_item", "capture_ignored"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    mbox = _mbox(tmp_path / "m.mbox", "alice@a.example")
    result = cli("capture", "mail", str(mbox), "--json", today="2026-11-22")
    assert result.exit_code == 0, result
    assert result.json()["entries"] == 1
    with psycopg.connect(conninfo) as conn:
        version = conn.execute("SELECT value FROM meta").fetchone()[0]
    assert int(version) == SCHEMA_VERSION
