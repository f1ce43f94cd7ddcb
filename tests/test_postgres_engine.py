"""A PostgreSQL URL in --db / NETWORK_DB: real dispatch, masked passwords, one-line errors,
nothing of PostgreSQL's loaded on SQLite's paths, and the server-side care commands."""

from __future__ import annotations

import pytest

from network.common.paths import ServerDatabase, resolve_db
from network.store.postgres import to_pyformat
from test_startup import loaded

SERVER_PACKAGES = {"psycopg", "sqlalchemy"}


def test_a_postgresql_url_names_a_server_database_and_never_shows_its_password():
    where = resolve_db("postgres://me:s3cr%40t@db.example:5433/team?sslmode=require")

    assert isinstance(where, ServerDatabase)
    assert str(where) == "postgresql://me:***@db.example:5433/team?sslmode=require"
    assert "s3cr" not in repr(where)
    assert where.sqlalchemy_url.startswith("postgresql+psycopg://me:s3cr%40t@")
    assert where.mask("failed for s3cr@t and s3cr%40t") == "failed for *** and ***"


def test_a_password_given_as_a_parameter_is_masked_too():
    where = resolve_db("postgresql://me@/team?host=/run/pg&password=hunter2")

    assert str(where) == "postgresql://me@/team?host=/run/pg&password=***"


def test_named_parameters_become_psycopgs_outside_quotes_and_casts():
    sql = "SELECT to_json(x)::text, 'a:b %' FROM t WHERE d >= :since AND n LIKE :p ESCAPE '\\'"

    assert to_pyformat(sql) == (
        "SELECT to_json(x)::text, 'a:b %%' FROM t WHERE d >= %(since)s AND n LIKE %(p)s ESCAPE '\\'"
    )


def test_an_unreachable_server_is_one_line_with_the_password_masked(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = "postgresql://alice:TopSecret99@127.0.0.1:1/network"

    for args in (["--db", url, "due"], ["--db", url, "add", "Bob Li"], ["--db", url, "doctor"]):
        result = cli(*args)
        assert result.exit_code == 1, result
        assert "TopSecret99" not in result.stdout + result.stderr
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert (
        "Error: cannot connect to postgresql://alice:***@127.0.0.1:1/network"
        in cli("--db", url, "due").stderr
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["due"],
        ["who-knows", "cars"],
        ["people", "--json"],
    ],
)
def test_sqlite_runs_load_nothing_of_postgresqls(tmp_path, empty_db, args):
    modules, said = loaded(tmp_path, *args, env={"NETWORK_DB": str(empty_db)})

    assert not modules & SERVER_PACKAGES, (sorted(modules & SERVER_PACKAGES), said)


def test_completion_loads_nothing_of_postgresqls(tmp_path):
    env = {"_NETWORK_COMPLETE": "complete_bash", "COMP_WORDS": "network d", "COMP_CWORD": "1"}
    modules, _ = loaded(tmp_path, env=env)

    assert not modules & (SERVER_PACKAGES | {"psycopg_binary"})


# --- on a real server ----------------------------------------------------------------------


@pytest.mark.postgres
def test_a_read_never_sets_up_an_empty_database(cli, pg_url):
    result = cli("due")
    added = cli("add", "Alice Chen")

    assert result.exit_code == 1
    assert "Error: no network in postgresql://" in result.stderr
    assert "the first write sets the database up" in result.stderr
    assert added.exit_code == 0 and "Set up a new network in postgresql://" in added.stderr
    assert cli("due").exit_code == 0


@pytest.mark.postgres
def test_a_database_holding_other_tables_is_refused_and_left_alone(cli, pg_url):
    import psycopg

    conninfo = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")

    result = cli("add", "Alice Chen")

    assert result.exit_code == 1
    assert "has tables but is not a network database" in result.stderr
    with psycopg.connect(conninfo) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("invoices",)]


@pytest.mark.postgres
def test_a_dry_run_on_a_new_database_sets_nothing_up(cli, pg_url, tmp_path):
    from conftest import connections_csv

    csv = connections_csv(tmp_path / "Connections.csv", 3)
    result = cli("import", "linkedin", str(csv), "--dry-run")

    assert result.exit_code == 0, result
    assert "3 created" in result.stderr
    assert "no network in" in cli("due").stderr


@pytest.mark.postgres
def test_an_error_from_the_server_is_one_line_and_changes_nothing(cli, pg_url):
    import psycopg

    assert cli("add", "Alice Chen").exit_code == 0
    conninfo = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        # a constraint the program does not expect: the server refuses the write
        conn.execute("ALTER TABLE entry ADD CONSTRAINT no_coffee CHECK (summary <> 'coffee')")

    result = cli("log", "alice", "coffee")

    assert result.exit_code == 1, result
    assert result.stderr.startswith("Error: database error: ") and " — " in result.stderr
    assert "internal error" not in result.stderr
    assert cli("history", "--json").rows() == []


@pytest.mark.postgres
def test_doctor_reports_the_server_schema_and_rows(cli, pg_url):
    assert cli("add", "Alice Chen", "--knows", "cars").exit_code == 0

    report = cli("doctor", "--json").json()

    assert report["schema_version"] == report["program_schema_version"]
    assert report["counts"] == {"person": 1, "entry": 0, "strength": 1, "obligation": 0, "link": 0}
    assert report["filesystem"]["engine"] == "postgresql"
    assert report["filesystem"]["server_version"].startswith("15.")
    assert report["problems"] == []


@pytest.mark.postgres
def test_an_older_server_schema_is_moved_forward_on_first_use(cli, pg_url):
    """One migration history: a step after the first PostgreSQL schema runs there too (here
    schema 4's index, with the database set back to schema 3 without it)."""
    import psycopg

    from network.store.migrations import SCHEMA_VERSION

    assert cli("add", "Alice Chen").exit_code == 0
    assert cli("ask", "Alice", "advice", "--when", "2026-10-01").exit_code == 0
    conninfo = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as conn:
        conn.execute("DROP INDEX ix_person_via_id")
        # schema 9's stored oldest open ask, as a file from before it would have it
        conn.execute("DROP INDEX ix_person_open_ask")
        conn.execute("UPDATE person SET open_ask_since = NULL, open_ask_latest = NULL")
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")

    shown = cli("people")

    assert shown.exit_code == 0 and "Alice Chen" in shown.stdout
    with psycopg.connect(conninfo) as conn:
        version = conn.execute("SELECT value FROM meta").fetchone()[0]
        index = conn.execute("SELECT to_regclass('ix_person_via_id') IS NOT NULL").fetchone()[0]
        asked = conn.execute("SELECT open_ask_since::text FROM person").fetchone()[0]
        partial = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_person_open_ask'"
        ).fetchone()[0]
    assert (int(version), index, asked) == (SCHEMA_VERSION, True, "2026-10-01")
    assert partial.endswith("WHERE (open_ask_since IS NOT NULL)")


@pytest.mark.postgres
def test_a_wrong_password_is_refused_in_one_line_and_never_printed(cli, pg_url, tmp_path):
    import psycopg

    from pg_server import PASSWORD_ROLE

    admin = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_ROLE,)
        ).fetchone():
            conn.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD 'the-right-one'")
    rest = pg_url.partition("@")[2]
    wrong = f"postgresql://{PASSWORD_ROLE}:Wr0ngPassw0rd@{rest}"
    try:
        psycopg.connect(wrong).close()
    except psycopg.OperationalError:
        pass
    else:  # pragma: no cover - a server given by NETWORK_TEST_PG_URL that trusts everyone
        pytest.skip("this server does not check passwords")

    for args in (["due"], ["add", "Alice Chen"], ["people", "--json"]):
        result = cli("--db", wrong, *args)
        assert result.exit_code == 1, result
        assert "Wr0ngPassw0rd" not in result.stdout + result.stderr
        assert result.stderr.startswith(
            f"Error: cannot connect to postgresql://{PASSWORD_ROLE}:***@"
        )
        assert "password authentication failed" in result.stderr
        assert result.stderr.count("\n") == 1
