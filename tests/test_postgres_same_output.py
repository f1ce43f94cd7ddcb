"""The same network on SQLite and on PostgreSQL: every read command prints the same bytes.

The demo network (people with accents, groups, asks, obligations, links) is built on both
engines through the same write code; then each read command runs once per engine.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from network.app import demo
from network.common.paths import ServerDatabase

pytestmark = pytest.mark.postgres

TODAY = "2026-11-22"

READS = [
    ["due"],
    ["due", "--json"],
    ["who-knows", "cars"],
    ["who-knows", "tech", "--json"],
    ["who-knows", "design"],
    ["people"],
    ["people", "--json"],
    ["people", "--sort", "last"],
    ["people", "--sort", "balance", "--json"],
    ["people", "--sort", "due"],
    ["people", "--knows", "cars"],
    ["people", "--archived"],
    ["history"],
    ["history", "--json"],
    ["balance"],
    ["balance", "--json"],
    ["drift"],
    ["drift", "--json"],
    ["stats"],
    ["stats", "--json"],
    ["asks"],
    ["asks", "--json"],
    ["promises", "--all"],
    ["promises", "--json"],
    ["dupes"],
    ["export", "json", "--include-private"],
    ["export", "csv"],
    ["export", "vcard"],
    ["export", "ics"],
]


def _people(sqlite_db: Path) -> list[str]:
    from network.store import connection as db

    with db.reading(sqlite_db) as reader:
        return [r["name"] for r in reader.rows("SELECT name FROM person ORDER BY id")]


@pytest.fixture
def both(pg_url: str, tmp_path: Path) -> tuple[Path, str]:
    today = date.fromisoformat(TODAY)
    sqlite_db = tmp_path / "demo.db"
    demo.build(sqlite_db, today, 7)
    demo.build(ServerDatabase(pg_url), today, 7)
    return sqlite_db, pg_url


def _run_both(cli, both, args: list[str]):
    sqlite_db, pg_url = both
    on_sqlite = cli("--db", str(sqlite_db), *args, today=TODAY)
    on_pg = cli("--db", pg_url, *args, today=TODAY)
    return on_sqlite, on_pg


def test_every_read_command_prints_the_same_on_both_engines(cli, both):
    names = _people(both[0])
    shows = [["show", f"#{n}"] for n in (1, 2, 3, 5, 8, 13)] + [["show", names[0], "--json"]]
    histories = [["history", names[1]], ["history", names[2], "--json"]]
    different = []
    for args in READS + shows + histories:
        on_sqlite, on_pg = _run_both(cli, both, args)
        assert on_sqlite.exit_code == 0, (args, on_sqlite)
        if (on_pg.exit_code, _stamps(on_pg.stdout)) != (0, _stamps(on_sqlite.stdout)):
            different.append(_difference(args, on_sqlite.stdout, on_pg))
    assert different == [], "\n\n".join(different)


def _stamps(text: str) -> str:
    """The output with the wall-clock moments blanked: the demo's rows (created_at) and the
    ICS export's DTSTAMP."""
    import re

    text = re.sub(r'"created_at": "[^"]*"', '"created_at": "…"', text)
    # an ICS event is stamped with the moment it was written (DTSTAMP), to the second
    return re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:…", text)


def _difference(args: list[str], expected: str, run) -> str:
    import difflib

    diff = difflib.unified_diff(
        expected.splitlines(), run.stdout.splitlines(), "sqlite", "postgresql", n=1, lineterm=""
    )
    return f"{' '.join(args)}: exit {run.exit_code} {run.stderr.strip()}\n" + "\n".join(
        list(diff)[:12]
    )
