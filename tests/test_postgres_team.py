"""A team on one PostgreSQL database: two members who cannot see each other's ledgers by any
command or by their own hand-written SQL, the shared directory, team who-knows, a member
leaving."""

from __future__ import annotations

import itertools

import pytest

pytestmark = pytest.mark.postgres

TODAY = "2026-11-22"
SECRETS = ("ALICE-SECRET-NOTE", "alice secret coffee", "ALICE-PRIVATE-PROMISE", "Hidden Hannah")
_ROLES = itertools.count()


def _conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture
def team(pg_url: str):
    """Roles alice and bob (with passwords) and their URLs; the admin URL is pg_url's."""
    import os

    import psycopg

    n = f"{os.getpid()}_{next(_ROLES)}"
    names = {"alice": f"alice_{n}", "bob": f"bob_{n}"}
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        for role in names.values():
            conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'")
    user, _, rest = pg_url.partition("://")[2].partition("@")
    urls = {k: f"postgresql+psycopg://{r}:pw-{r}@{rest}" for k, r in names.items()}
    yield names, urls
    with psycopg.connect(_conninfo(pg_url), autocommit=True) as conn:
        for role in names.values():
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def _as(cli, url: str, *args: str):
    return cli("--db", url, *args, today=TODAY)


def _set_up(cli, pg_url, team):
    names, urls = team
    ready = _as(cli, pg_url, "team", "init", "--member", names["alice"], "--member", names["bob"])
    assert ready.exit_code == 0, ready
    alice, bob = urls["alice"], urls["bob"]
    for args in (
        ["add", "Dan Roe", "--company", "Rivian", "--tie", "close", "--knows", "cars"],
        ["add", "Hidden Hannah", "--note", "ALICE-SECRET-NOTE"],
        ["archive", "Hidden Hannah"],
        ["log", "dan", "alice secret coffee", "--private"],
        ["promise", "dan", "ALICE-PRIVATE-PROMISE", "--by", "2026-12-01"],
    ):
        assert _as(cli, alice, *args).exit_code == 0, (args, _as(cli, alice, *args))
    for args in (
        ["add", "Dan Roe", "--company", "Rivian", "--knows", "cars"],
        ["add", "Eve Stone", "--tie", "close", "--knows", "car buying"],
        ["log", "eve", "lunch"],
    ):
        assert _as(cli, bob, *args).exit_code == 0, (args, _as(cli, bob, *args))
    return names, alice, bob


def test_a_member_sees_only_their_own_network_through_every_command(cli, pg_url, team):
    names, alice, bob = _set_up(cli, pg_url, team)

    seen = ""
    for args in (
        ["people", "--archived", "--json"],
        ["history", "--json"],
        ["balance", "--json"],
        ["asks", "--json"],
        ["promises", "--all", "--json"],
        ["due", "--json"],
        ["who-knows", "cars", "--json"],
        ["show", "Dan Roe", "--json"],
        ["export", "json", "--include-private"],
        ["stats", "--json"],
        ["dupes"],
        ["team", "who-knows", "cars", "--json"],
    ):
        run = _as(cli, bob, *args)
        assert run.exit_code == 0, (args, run)
        seen += run.stdout + run.stderr

    for secret in SECRETS:
        assert secret not in seen
    people = _as(cli, bob, "people", "--archived", "--json").rows()
    assert sorted(p["name"] for p in people) == ["Dan Roe", "Eve Stone"]
    # alice's Dan is not bob's: bob's balance with him is his own (nothing logged)
    assert _as(cli, bob, "show", "Dan Roe", "--json").json()["balance"] == 0
    assert "Hidden Hannah" in _as(cli, alice, "people", "--archived").stdout


def test_hand_written_sql_as_a_member_reaches_only_their_rows(cli, pg_url, team):
    import psycopg

    names, alice, bob = _set_up(cli, pg_url, team)

    with psycopg.connect(_conninfo(bob)) as conn:
        everything = "".join(
            str(conn.execute(f"SELECT * FROM {table}").fetchall())
            for table in ("person", "entry", "strength", "obligation", "link")
        )
        directory = conn.execute("SELECT * FROM team_people").fetchall()
        columns = [c.name for c in conn.execute("SELECT * FROM team_people").description]
        changed = conn.execute(
            "UPDATE person SET notes = 'bob was here' WHERE owner = %s", (names["alice"],)
        ).rowcount
        deleted = conn.execute("DELETE FROM entry").rowcount
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO person (name, name_key, tie, archived, created_on, balance, "
                "search_key, owner) VALUES ('Mallory', 'mallory', 'casual', false, "
                "'2026-11-22', 0, '', %s)",
                (names["alice"],),
            )

    for secret in SECRETS:
        assert secret not in everything
    assert names["alice"] not in everything
    assert (changed, deleted) == (0, 1)  # bob's own lunch only, and rolled back
    assert "notes" not in columns and "balance" not in columns
    # the directory shares alice's Dan (not the archived Hannah)
    assert {(r[1], r[2]) for r in directory} >= {(names["alice"], "Dan Roe")}
    assert all(r[2] != "Hidden Hannah" for r in directory)


def test_team_who_knows_says_who_on_the_team_to_ask(cli, pg_url, team):
    names, alice, bob = _set_up(cli, pg_url, team)

    found = _as(cli, alice, "team", "who-knows", "cars", "--json").json()
    shown = _as(cli, alice, "team", "who-knows", "cars")

    assert [h["name"] for h in found["mine"]["items"]] == ["Dan Roe"]
    assert [(c["name"], c["ask"]) for c in found["team"]] == [
        ("Dan Roe", names["bob"]),
        ("Eve Stone", names["bob"]),
    ]
    assert found["team"][1]["known_to"] == [{"member": names["bob"], "tie": "close"}]
    assert found["team"][1]["matched"] == ["car buying"]
    assert shown.exit_code == 0 and f"ask {names['bob']} for an intro" in shown.stdout
    # the spelling: who-knows TOPIC --team
    assert _as(cli, alice, "who-knows", "cars", "--team", "--json").json() == found


def test_a_member_who_leaves_takes_their_rows_and_entries_with_them(cli, pg_url, team):
    names, alice, bob = _set_up(cli, pg_url, team)

    removed = _as(cli, pg_url, "team", "remove", names["bob"])
    after = _as(cli, alice, "team", "who-knows", "cars", "--json").json()
    locked_out = _as(cli, bob, "people")

    assert removed.exit_code == 0, removed
    assert f"Removed {names['bob']} from the team (1 entry, 2 strength, 2 person)" in removed.stderr
    assert after["team"] == []
    assert locked_out.exit_code == 1 and "Error: " in locked_out.stderr
    assert "internal error" not in locked_out.stderr and "pw-" not in locked_out.stderr
    assert "Dan Roe" in _as(cli, alice, "people").stdout


def test_a_member_cannot_change_the_team(cli, pg_url, team):
    names, alice, bob = _set_up(cli, pg_url, team)

    run = _as(cli, bob, "team", "remove", names["alice"])

    assert run.exit_code == 1
    assert "only the role that owns the network's tables" in run.stderr
    assert "Dan Roe" in _as(cli, alice, "people").stdout


def test_a_team_needs_a_postgresql_database(cli, isolated_db):
    run = cli("team", "init")

    assert run.exit_code == 1
    assert "a team works on a PostgreSQL database" in run.stderr


def test_members_importing_at_once_never_take_each_others_ids(cli, pg_url, team, tmp_path):
    """Imports give explicit ids; another member's rows are invisible but their ids taken."""
    from conftest import connections_csv

    names, alice, bob = _set_up(cli, pg_url, team)
    csv = connections_csv(tmp_path / "Connections.csv", 4)

    by_bob = _as(cli, bob, "import", "linkedin", str(csv))
    by_alice = _as(cli, alice, "import", "linkedin", str(csv))
    added = _as(cli, alice, "add", "Zed After")

    assert by_bob.exit_code == 0 and "4 created" in by_bob.stderr, by_bob
    assert by_alice.exit_code == 0 and "4 created" in by_alice.stderr, by_alice
    assert added.exit_code == 0, added
    assert len(_as(cli, alice, "people", "--archived", "--all", "--json").rows()) == 2 + 4 + 1


def test_a_person_marked_private_leaves_the_directory(cli, pg_url, team):
    import psycopg

    names, alice, bob = _set_up(cli, pg_url, team)

    hidden = _as(cli, bob, "team", "private", "Eve Stone")
    found = _as(cli, alice, "team", "who-knows", "cars", "--json").json()
    with psycopg.connect(_conninfo(alice)) as conn:
        directory = [r[0] for r in conn.execute("SELECT name FROM team_people").fetchall()]
    back = _as(cli, bob, "team", "private", "eve", "--undo")

    assert hidden.exit_code == 0 and "Eve Stone is kept out of the team directory" in hidden.stderr
    assert [c["name"] for c in found["team"]] == ["Dan Roe"]
    assert "Eve Stone" not in directory
    assert back.exit_code == 0
    again = _as(cli, alice, "team", "who-knows", "cars", "--json").json()
    assert [c["name"] for c in again["team"]] == ["Dan Roe", "Eve Stone"]
    # bob still has Eve in his own network
    assert "Eve Stone" in _as(cli, bob, "people").stdout


def test_an_older_team_database_upgrades_to_contact_points_each_member_their_own(cli, pg_url, team):
    """Schema 7 on a team server: the copied points belong to their person's member, under
    the same policy as every table, and members may write them (issue 10)."""
    import psycopg

    names, urls = team
    assert _as(cli, pg_url, "team", "init", "--member", names["alice"], "--member", names["bob"])
    assert _as(cli, urls["alice"], "add", "Ann Lee", "--email", "ann@a.example").exit_code == 0
    assert _as(cli, urls["bob"], "add", "Bo Berg", "--email", "bo@b.example").exit_code == 0
    with psycopg.connect(_conninfo(pg_url)) as conn:
        conn.execute("DROP TABLE contact_point")
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")

    assert _as(cli, pg_url, "people").exit_code == 0  # the owner's first use upgrades

    alice = _as(cli, urls["alice"], "show", "ann", "--json")
    assert alice.exit_code == 0, alice
    assert [p["value"] for p in alice.json()["contact_points"]] == ["ann@a.example"]
    with psycopg.connect(_conninfo(urls["bob"])) as conn:
        seen = conn.execute("SELECT value, owner FROM contact_point").fetchall()
    assert seen == [("bo@b.example", names["bob"])]
    edited = _as(cli, urls["bob"], "edit", "bo", "--email", "bo@new.example")
    assert edited.exit_code == 0, edited


def test_an_older_team_database_upgrades_to_capture_each_member_their_own(cli, pg_url, team):
    """Schema 8 on a team server: the capture tables get the owner column and the policy of
    every table, so one member's review queue and ignored addresses are theirs alone."""
    import psycopg

    names, urls = team
    assert _as(cli, pg_url, "team", "init", "--member", names["alice"], "--member", names["bob"])
    with psycopg.connect(_conninfo(pg_url)) as conn:
        conn.execute("DROP TABLE capture_seen, capture_item, capture_ignored")
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")

    assert _as(cli, pg_url, "people").exit_code == 0  # the owner's first use upgrades

    ignored = _as(cli, urls["alice"], "inbox", "ignore", "spam@s.example")
    assert ignored.exit_code == 0, ignored
    with psycopg.connect(_conninfo(urls["bob"])) as conn:
        assert conn.execute("SELECT count(*) FROM capture_ignored").fetchone()[0] == 0
    with psycopg.connect(_conninfo(urls["alice"])) as conn:
        rows = conn.execute("SELECT address, owner FROM capture_ignored").fetchall()
    assert rows == [("spam@s.example", names["alice"])]
