"""Every write command on PostgreSQL: the same messages as on SQLite, the same network after.

One scripted stretch of use (people, strengths, the ledger, asks and answers, loops,
introductions, imports with their explicit ids, a merge, archive and removal) runs on an
empty SQLite file and on an empty PostgreSQL database; each step must say the same thing,
and the whole network must read back the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.postgres

FIXTURES = Path(__file__).parent / "fixtures"

SCRIPT = [
    ["add", "Alice Chen", "--company", "Acme", "--tie", "close", "--knows", "cars,resumes"],
    ["add", "Bob Li", "--company", "Stripe", "--birthday", "11-25"],
    ["add", "Carol Díaz", "--via", "alice", "--title", "Founder"],
    ["add", "Dana Roe", "--knows", "design"],
    ["edit", "alice", "--title", "VP Engineering", "--every", "2w"],
    ["knows", "bob", "cars", "car buying", "--detail", "rebuilt two engines"],
    ["knows", "--me", "resumes", "interviewing"],
    ["forget", "alice", "resumes"],
    ["log", "alice", "coffee chat, she's hiring"],
    ["log", "Bob Li", "sent article on EV batteries", "--kind", "article", "--when", "yesterday"],
    ["log", "carol", "lunch", "--when", "2026-11-01 12:30"],
    ["give", "alice", "intro to Sam at Stripe", "--kind", "intro"],
    ["ask", "bob", "advice on negotiating an offer", "--kind", "advice"],
    ["ask", "carol", "a favour", "--when", "2026-10-01"],
    ["answer", "5", "granted", "--note", "intro sent to Sam"],
    ["thank", "bob", "handwritten note"],
    ["promise", "bob", "send the pitch deck", "--by", "2026-11-30"],
    ["done", "1", "--note", "done"],
    ["intro", "alice", "dana", "both into design"],
    ["link", "bob", "carol", "--context", "worked together at Acme"],
    ["import", "linkedin", str(FIXTURES / "linkedin_connections.csv")],
    ["import", "vcard", str(FIXTURES / "contacts.vcf")],
    ["add", "Erin After Import"],
    ["log", "Erin After Import", "met at a meetup"],
    ["archive", "dana"],
    ["archive", "dana", "--undo"],
    ["archive", "Bob Li"],
    ["rm", "Erin After Import", "--yes"],
    ["entry", "edit", "3", "--summary", "lunch, not coffee", "--kind", "meal"],
    ["entry", "rm", "2"],
]
READ_BACK = [
    ["people", "--archived", "--json"],
    ["history", "--json"],
    ["asks", "--json"],
    ["promises", "--all", "--json"],
    ["balance", "--json"],
    ["due", "--json"],
    ["who-knows", "cars", "--json"],
    ["export", "json", "--include-private"],
]
TODAY = "2026-11-22"


def _blank_stamps(text: str) -> str:
    import re

    return re.sub(r'"created_at": "[^"]*"', '"created_at": "…"', text)


def test_every_write_says_the_same_and_leaves_the_same_network(cli, pg_url, tmp_path):
    sqlite_db = str(tmp_path / "network.db")
    different = []
    for n, args in enumerate(SCRIPT):
        on_sqlite = cli("--db", sqlite_db, *args, today=TODAY)
        on_pg = cli("--db", pg_url, *args, today=TODAY)
        assert on_sqlite.exit_code == 0, (args, on_sqlite)
        # the first write's "Created a new database at …" names each engine's database
        said = (on_pg.exit_code, on_pg.stdout, on_pg.stderr if n else "")
        if said != (0, on_sqlite.stdout, on_sqlite.stderr if n else ""):
            different.append((args, on_sqlite, on_pg))
    for args in READ_BACK:
        on_sqlite = cli("--db", sqlite_db, *args, today=TODAY)
        on_pg = cli("--db", pg_url, *args, today=TODAY)
        if _blank_stamps(on_pg.stdout) != _blank_stamps(on_sqlite.stdout) or on_pg.exit_code:
            different.append((args, on_sqlite, on_pg))
    assert different == []


def test_a_merge_and_an_import_with_explicit_ids_keep_the_sequences_ahead(cli, pg_url, tmp_path):
    dump = tmp_path / "network.json"
    sqlite_db = str(tmp_path / "source.db")
    for args in (["add", "Alice Chen"], ["add", "A. Chen", "--company", "Acme"]):
        assert cli("--db", sqlite_db, *args, today=TODAY).exit_code == 0
    assert cli("--db", sqlite_db, "log", "#1", "coffee", today=TODAY).exit_code == 0
    exported = cli("--db", sqlite_db, "export", "json", "-o", str(dump), today=TODAY)
    assert exported.exit_code == 0, exported

    loaded = cli("import", "json", str(dump), today=TODAY)
    added = cli("add", "Bob Li", today=TODAY)
    logged = cli("log", "bob", "lunch", today=TODAY)
    merged = cli("merge", "#1", "#2", today=TODAY)

    assert loaded.exit_code == 0, loaded
    assert added.exit_code == 0 and "Added Bob Li" in added.stderr, added
    assert logged.exit_code == 0, logged
    assert merged.exit_code == 0, merged
    people = cli("people", "--json", today=TODAY).rows()
    assert sorted(p["name"] for p in people) == ["Alice Chen", "Bob Li"]
