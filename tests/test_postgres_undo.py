"""`network undo` on PostgreSQL: the SQLite cases (tests/test_undo.py's MISTAKES) replayed on a
real server, each compared with a dump of every data table taken before the mistake; the
history's bound; and a team, where one member's undo never reaches another's rows."""

from __future__ import annotations

import itertools

import pytest

from conftest import connections_csv
from network.store import undo as store_undo
from test_undo import MISTAKES, TODAY

pytestmark = pytest.mark.postgres

SET_UP = (
    ["add", "Alice Chen", "--tie", "close", "--company", "Stripe", "--knows", "cars"],
    ["add", "Bob Li", "--company", "Acme"],
    ["add", "Carol Diaz", "--tie", "casual"],
    ["log", "alice", "coffee chat", "--when", "2026-11-01"],
    ["ask", "bob", "advice on an offer", "--when", "2026-11-10"],
    ["give", "carol", "sent an article", "--when", "2026-11-12"],
    ["promise", "carol", "send the deck", "--by", "2026-11-30"],
    ["knows", "bob", "resumes"],
)


def _conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table but undo's own, by table, in id order (the server's text)."""
    import psycopg

    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                "AND table_name NOT LIKE 'undo%' ORDER BY table_name"
            )
        ]
        order = {"meta": "key"}
        return {
            name: conn.execute(
                f'SELECT * FROM "{name}" ORDER BY {order.get(name, "id")}'
            ).fetchall()
            for name in names
        }


def undo_size(url: str) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        return (
            conn.execute("SELECT count(*) FROM undo_step").fetchone()[0],
            conn.execute("SELECT count(*) FROM undo_log").fetchone()[0],
        )


@pytest.fixture
def network(cli, pg_url: str) -> str:
    for args in SET_UP:
        result = cli(*args, today=TODAY)
        assert result.exit_code == 0, (args, result)
    return pg_url


@pytest.mark.parametrize("kind", sorted(MISTAKES))
def test_undo_puts_back_exactly_the_database_that_never_had_the_mistake(
    cli, network: str, kind: str
) -> None:
    never = dump(network)
    for args in MISTAKES[kind]:
        made = cli(*args, today=TODAY)
        assert made.exit_code == 0, made
    assert dump(network) != never  # the mistake changed something
    result = cli("undo", "--yes", today=TODAY)
    assert result.exit_code == 0, result
    assert "Undid" in result.stderr
    assert dump(network) == never


def test_undo_of_an_import_removes_every_row_it_brought(cli, network: str, tmp_path) -> None:
    never = dump(network)
    csv = connections_csv(tmp_path / "Connections.csv", 40)
    assert cli("import", "linkedin", str(csv), today=TODAY).exit_code == 0
    assert len(dump(network)["person"]) == 43
    result = cli("undo", "--yes", today=TODAY)
    assert result.exit_code == 0, result
    assert dump(network) == never
    # the ids the import took stay taken; the next add works
    assert cli("add", "Erin Wu", today=TODAY).exit_code == 0


def test_undo_goes_back_step_by_step_with_the_same_descriptions(cli, network: str) -> None:
    before_both = dump(network)
    assert cli("log", "alice", "call about the role", today=TODAY).exit_code == 0
    between = dump(network)
    assert cli("edit", "alice", "--company", "Plaid", today=TODAY).exit_code == 0
    listed = cli("undo", "--list", today=TODAY)
    assert listed.exit_code == 0, listed
    lines = listed.stdout.splitlines()
    assert lines[0].split("\t") == ["#", "when (UTC)", "changes", "what"]
    assert lines[2].endswith("\tlog: call about the role with Alice Chen")
    assert lines[-1].endswith("\tadd: Alice Chen")
    when = lines[1].split("\t")[1]
    assert len(when) == 16 and when[10] == " "  # YYYY-MM-DD HH:MM, as on SQLite

    first = cli("undo", "--yes", today=TODAY)
    assert first.exit_code == 0, first
    assert dump(network) == between
    assert 'Next undo would revert "log: call about the role with Alice Chen"' in first.stderr
    second = cli("undo", "--yes", "--json", today=TODAY)
    assert second.exit_code == 0, second
    assert second.json()["description"] == "log: call about the role with Alice Chen"
    assert dump(network) == before_both


def test_the_same_history_as_on_sqlite(cli, network: str, tmp_path) -> None:
    sqlite_db = str(tmp_path / "n.db")
    for args in SET_UP:
        assert cli("--db", sqlite_db, *args, today=TODAY).exit_code == 0
    for args in (["merge", "Alice Chen", "Carol Diaz"], ["rm", "bob", "--yes"]):
        assert cli("--db", sqlite_db, *args, today=TODAY).exit_code == 0
        assert cli(*args, today=TODAY).exit_code == 0

    def history(*db: str) -> list[list[str]]:
        listed = cli(*db, "undo", "--list", today=TODAY)
        assert listed.exit_code == 0, listed
        # all but the time: the step's number, how many rows it changed, what it did
        return [
            [c for n, c in enumerate(line.split("\t")) if n != 1]
            for line in listed.stdout.splitlines()
        ]

    assert history() == history("--db", sqlite_db)


def test_a_refused_write_leaves_no_step(cli, network: str) -> None:
    size = undo_size(network)
    assert cli("log", "nobody-here", "coffee").exit_code == 1
    assert cli("log", "alice", "x", "--kind", "cofee").exit_code == 1
    assert undo_size(network) == size


def test_the_history_is_bounded(cli, pg_url: str, monkeypatch) -> None:
    monkeypatch.setattr(store_undo, "DEPTH", 3)
    assert cli("add", "Alice Chen").exit_code == 0
    for n in range(5):
        assert cli("log", "alice", f"coffee {n}").exit_code == 0
    steps, rows = undo_size(pg_url)
    assert steps == 3
    assert rows == 3 * 2  # each log: the entry, and Alice's stored values
    listed = cli("undo", "--list").stdout
    assert "coffee 4" in listed and "coffee 2" in listed and "coffee 1" not in listed


def test_nothing_to_undo_is_an_error_with_a_hint(cli, pg_url: str) -> None:
    assert cli("add", "Alice Chen").exit_code == 0
    assert cli("undo", "--yes").exit_code == 0
    result = cli("undo", "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothing to undo — ")
    assert dump(pg_url)["person"] == []


def test_a_database_set_up_before_undo_gets_its_history_at_the_next_write(cli, pg_url: str) -> None:
    import psycopg

    assert cli("add", "Alice Chen").exit_code == 0
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        conn.execute("DROP TABLE undo_log, undo_step")
        conn.execute("DROP FUNCTION undo_record() CASCADE")
    result = cli("undo", "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: this network has no undo history yet — ")
    before = dump(pg_url)
    assert cli("log", "alice", "coffee").exit_code == 0
    assert cli("undo", "--yes").exit_code == 0
    assert dump(pg_url) == before


# --- a team: each member's own history -------------------------------------------------------
_ROLES = itertools.count()


@pytest.fixture
def team(cli, pg_url: str):
    import os

    import psycopg

    n = f"{os.getpid()}_{next(_ROLES)}"
    names = {"alice": f"ualice_{n}", "bob": f"ubob_{n}"}
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        for role in names.values():
            conn.execute(f"CREATE ROLE {role} LOGIN")
    rest = pg_url.partition("://")[2].partition("@")[2]
    urls = {k: f"postgresql+psycopg://{r}@{rest}" for k, r in names.items()}
    ready = cli("--db", pg_url, "team", "init", *[f"--member={r}" for r in names.values()])
    assert ready.exit_code == 0, ready
    yield names, urls
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        for role in names.values():
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def test_a_members_undo_reverts_only_their_own_commands(cli, pg_url: str, team) -> None:
    import psycopg

    names, urls = team
    alice, bob = urls["alice"], urls["bob"]
    assert cli("--db", alice, "add", "Dan Roe", "--note", "ALICE-UNDO-SECRET").exit_code == 0
    before_coffee = dump(pg_url)
    assert cli("--db", alice, "log", "dan", "coffee").exit_code == 0
    assert cli("--db", bob, "add", "Erin Wu").exit_code == 0
    assert cli("--db", bob, "log", "erin", "lunch").exit_code == 0
    # the newest command on the server is Bob's; Alice's undo reverts her own
    listed = cli("--db", alice, "undo", "--list").stdout
    assert "erin" not in listed.lower() and "log: coffee with Dan Roe" in listed
    undone = cli("--db", alice, "undo", "--yes")
    assert undone.exit_code == 0, undone
    assert 'Undid "log: coffee with Dan Roe"' in undone.stderr
    assert [r for r in dump(pg_url)["entry"] if "lunch" in r] != []
    # Bob's history is his; undoing all of it leaves Alice's person as she left it
    assert cli("--db", bob, "undo", "--yes").exit_code == 0
    assert cli("--db", bob, "undo", "--yes").exit_code == 0
    assert cli("--db", bob, "undo", "--yes").stderr.startswith("Error: nothing to undo")
    after = dump(pg_url)
    assert after["person"] == before_coffee["person"]
    assert after["entry"] == []  # Alice's coffee undone, Bob's lunch undone
    # by hand, as their own role, Bob sees none of Alice's history (it holds her note)
    bob_info = _conninfo(bob)
    with psycopg.connect(bob_info, autocommit=True) as conn:
        seen = conn.execute("SELECT count(*), string_agg(sql, ' ') FROM undo_log").fetchone()
        assert seen == (0, None)
        assert conn.execute("SELECT count(*) FROM undo_step").fetchone()[0] == 0
        # nor can he forge a step into her history
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO undo_step (description, owner) VALUES ('x', %s)", (names["alice"],)
            )


def test_a_member_leaving_takes_their_history_along(cli, pg_url: str, team) -> None:
    import psycopg

    names, urls = team
    assert cli("--db", urls["bob"], "add", "Erin Wu", "--note", "BOB-NOTE").exit_code == 0
    assert cli("--db", pg_url, "team", "remove", names["bob"]).exit_code == 0
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        left = conn.execute(
            "SELECT count(*) FROM undo_log WHERE owner = %s OR sql LIKE '%%BOB-NOTE%%'",
            (names["bob"],),
        ).fetchone()[0]
    assert left == 0
