"""The benchmark's people have contact points, kept as the write paths keep them."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import generate  # noqa: E402

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "points.db"
    generate.generate(path, 2_000, 2_000, today=TODAY)
    return path


def test_every_column_is_its_primary_point_and_some_people_have_more(network):
    conn = sqlite3.connect(network)
    columns = {"email": "email", "phone": "phone", "url": "url"}
    for kind, column in columns.items():
        missing = conn.execute(
            f"SELECT count(*) FROM person p WHERE p.{column} IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM contact_point c WHERE c.person_id = p.id AND c.kind = ? "
            f"AND c.value = p.{column} AND c.is_primary)",
            (kind,),
        ).fetchone()[0]
        assert missing == 0, kind
    # one primary point per kind, and never one without its column
    assert not conn.execute(
        "SELECT person_id, kind FROM contact_point WHERE is_primary "
        "GROUP BY person_id, kind HAVING count(*) > 1"
    ).fetchall()
    assert not conn.execute(
        "SELECT 1 FROM contact_point c JOIN person p ON p.id = c.person_id WHERE c.is_primary "
        "AND c.value IS NOT CASE c.kind WHEN 'email' THEN p.email WHEN 'phone' THEN p.phone "
        "ELSE p.url END"
    ).fetchall()
    more = conn.execute(
        "SELECT count(DISTINCT person_id), count(*), count(label) FROM contact_point "
        "WHERE NOT is_primary"
    ).fetchone()
    people = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    assert 0.02 * people < more[0] < 0.2 * people  # a realistic share
    assert more[1] > more[0] and more[2] == more[1]  # some have several, all labelled
    kinds = {k for (k,) in conn.execute("SELECT kind FROM contact_point WHERE NOT is_primary")}
    assert kinds == {"email", "phone"}


def test_the_tool_reads_them_as_its_own(cli, network, tmp_path):
    """`show` lists a person's further points; `sync` would change nothing."""
    conn = sqlite3.connect(network)
    pid, name = conn.execute(
        "SELECT p.id, p.name FROM person p JOIN contact_point c ON c.person_id = p.id "
        "WHERE NOT c.is_primary AND c.kind = 'email' ORDER BY p.id LIMIT 1"
    ).fetchone()
    extra = conn.execute(
        "SELECT value FROM contact_point WHERE person_id = ? AND NOT is_primary AND kind = 'email'",
        (pid,),
    ).fetchone()[0]
    copy = tmp_path / "copy.db"
    copy.write_bytes(network.read_bytes())
    result = cli("--db", str(copy), "show", f"p{pid}")
    assert result.exit_code == 0, result.stderr
    assert extra in result.stdout
    from network.store.connection import write_session
    from network.store.writes import contact_points

    ids = [i for (i,) in sqlite3.connect(copy).execute("SELECT id FROM person")]
    count = "SELECT count(*) FROM undo_log"
    with write_session(copy) as session:
        conn = session.connection()
        before = conn.exec_driver_sql(count).scalar()
        contact_points.sync(conn, ids)
        changed = conn.exec_driver_sql(count).scalar() - before
        session.rollback()
    assert changed == 0, f"sync rewrote {changed} rows"
    assert name
