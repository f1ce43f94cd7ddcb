"""Where the file lives, how every connection is set up, and that both data paths agree.

Reads run on the standard library's sqlite3 (`db.reading`), writes through SQLModel
(`db.write_session`), and writes reuse the read queries through `db.SessionReader`.
The tests here check that every connection, whichever path opened it, has the same
pragmas, and that the read queries give the same answers on both.
"""

from __future__ import annotations

import itertools
import sqlite3
import stat
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.common import paths
from network.common.errors import DatabaseProblem
from network.domain import cadence, kinds
from network.store import connection as db
from network.store import migrations
from network.store.reads import agenda as agenda_reads
from network.store.reads import people as queries
from network.store.schema import Entry
from network.store.writes import ledger

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 30)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM person ORDER BY name")]
    finally:
        conn.close()


# --- where the file lives -------------------------------------------------------------------------


def test_db_option_beats_env_beats_data_dir(cli, tmp_path, monkeypatch, isolated_db):
    option = tmp_path / "option" / "chosen.db"
    default = tmp_path / "xdg-data" / "network" / "network.db"
    assert cli("--db", str(option), "add", "Via Option").exit_code == 0
    assert cli("add", "Via Env").exit_code == 0
    monkeypatch.delenv("NETWORK_DB")
    assert cli("add", "Via Default").exit_code == 0
    assert names_in(option) == ["Via Option"]
    assert names_in(isolated_db) == ["Via Env"]
    assert names_in(default) == ["Via Default"]
    # and --db also wins when NETWORK_DB is unset
    assert cli("--db", str(option), "add", "Again").exit_code == 0
    assert names_in(option) == ["Again", "Via Option"]


def test_resolve_db_order(tmp_path, monkeypatch):
    monkeypatch.setenv("NETWORK_DB", str(tmp_path / "env.db"))
    assert paths.resolve_db(str(tmp_path / "opt.db")) == tmp_path / "opt.db"
    assert paths.resolve_db(None) == tmp_path / "env.db"
    monkeypatch.setenv("NETWORK_DB", "")
    assert paths.resolve_db(None) == tmp_path / "xdg-data" / "network" / "network.db"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.resolve_db("~/x.db") == tmp_path / "home" / "x.db"


def test_default_file_is_created_with_an_owner_only_folder_and_file(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("NETWORK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "deep" / "data"))
    folder = tmp_path / "deep" / "data" / "network"
    assert not folder.exists()
    r = cli("add", "Alice Chen")
    assert r.exit_code == 0, r
    path = folder / "network.db"
    assert path.is_file()
    assert mode(folder) == 0o700
    assert mode(path) == 0o600
    for companion in folder.iterdir():  # WAL and shared-memory files, if still there
        assert mode(companion) & 0o077 == 0, companion


def test_file_is_owner_only_even_with_a_permissive_umask(tmp_path):
    import os

    old = os.umask(0o000)
    try:
        conn = db.open_db(tmp_path / "new" / "n.db")
        conn.execute("INSERT INTO meta (key, value) VALUES ('probe', 'x')")
        for p in (tmp_path / "new").iterdir():
            assert mode(p) & 0o077 == 0, p
        conn.close()
    finally:
        os.umask(old)
    assert mode(tmp_path / "new") == 0o700


def test_an_existing_folder_is_used_as_it_is(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    db.open_db(folder / "n.db").close()
    assert mode(folder) == 0o755  # not ours to change
    assert mode(folder / "n.db") == 0o600


# --- pragmas and schema ---------------------------------------------------------------------------


def pragmas(execute) -> tuple:
    return (
        execute("PRAGMA foreign_keys"),
        str(execute("PRAGMA journal_mode")).lower(),
        execute("PRAGMA busy_timeout"),
    )


EXPECTED_PRAGMAS = (1, "wal", db.BUSY_TIMEOUT_MS)


def test_every_stdlib_connection_has_the_pragmas(tmp_path):
    path = tmp_path / "n.db"
    conn = db.open_db(path)
    try:
        assert pragmas(lambda sql: conn.execute(sql).fetchone()[0]) == EXPECTED_PRAGMAS
    finally:
        conn.close()
    with db.reading(path) as reader:
        assert pragmas(lambda sql: reader.conn.execute(sql).fetchone()[0]) == EXPECTED_PRAGMAS
    # WAL is a property of the file: a plain connection sees it too
    plain = sqlite3.connect(path)
    try:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        plain.close()


def test_every_sqlmodel_connection_has_the_pragmas(tmp_path):
    from sqlalchemy import text

    path = tmp_path / "n.db"
    with db.write_session(path) as session:
        got = pragmas(lambda sql: session.execute(text(sql)).scalar())
    assert got == EXPECTED_PRAGMAS
    engine = db.make_engine(path)
    try:
        for _ in range(2):  # NullPool: a fresh connection each time
            with engine.connect() as conn:
                assert pragmas(lambda sql: conn.exec_driver_sql(sql).scalar()) == EXPECTED_PRAGMAS
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced_on_the_write_path(tmp_path):
    from sqlalchemy.exc import IntegrityError

    path = tmp_path / "n.db"
    with db.write_session(path):
        pass  # the database exists (a first write that fails leaves none behind)
    with pytest.raises(IntegrityError), db.write_session(path) as session:
        ledger_entry = Entry(
            person_id=999,
            day=TODAY,
            kind="note",
            flow="deposit",
            points=1,
            summary="orphan",
            created_at=datetime.now(UTC),
        )
        session.add(ledger_entry)
        session.flush()
    with db.reading(path) as reader:
        assert reader.rows("SELECT * FROM entry") == []


def test_deleting_a_person_cascades_to_their_ledger_and_strengths(tmp_path):
    path = tmp_path / "n.db"
    with db.write_session(path) as session:
        pid = ledger.add_person(session, ledger.Profile(name="Alice Chen"), TODAY).id
        ledger.add_strengths(session, pid, ["cars"], None)
        ledger.log_entry(session, pid, ledger.NewEntry("coffee", "deposit", TODAY), NOW)
    with db.write_session(path) as session:
        assert ledger.remove(session, pid) == ("Alice Chen", 1)
    with db.reading(path) as reader:
        assert reader.rows("SELECT id FROM entry") == []
        assert reader.rows("SELECT id FROM strength") == []


def test_schema_version_is_recorded_in_meta(cli, isolated_db):
    assert cli("add", "Alice Chen").exit_code == 0
    conn = sqlite3.connect(isolated_db)
    try:
        (value,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    assert int(value) == migrations.SCHEMA_VERSION
    assert {"meta", "person", "entry", "strength"} <= tables


def test_a_newer_schema_is_refused_and_left_alone(cli, isolated_db):
    from conftest import db_bytes

    assert cli("add", "Alice Chen").exit_code == 0
    conn = sqlite3.connect(isolated_db)
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'",
        (str(migrations.SCHEMA_VERSION + 1),),
    )
    conn.commit()
    conn.close()
    before = db_bytes(isolated_db)
    for args in (("people",), ("log", "alice", "coffee")):
        r = cli(*args)
        assert r.exit_code == 1, r
        assert r.stderr.startswith("Error: ") and "newer" in r.stderr
    assert db_bytes(isolated_db) == before


def test_another_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem):
        db.open_db(path)
    assert path.read_bytes() == before


# --- both paths agree -----------------------------------------------------------------------------


def populate(path: Path) -> dict[str, int]:
    """A small network written through the SQLModel path only."""
    ids = {}
    with db.write_session(path) as session:
        for name, profile in [
            (
                "Alice Chen",
                dict(tie="close", company="Acme", prefers="evenings", birthday=(1990, 11, 25)),
            ),
            ("José Núñez", dict(tie="casual", notes="restores cars on weekends")),
            ("Bob Li", dict(tie="roster", cadence_days=10, title="car dealer")),
            ("Old Friend", dict(tie="close")),
        ]:
            ids[name] = ledger.add_person(
                session, ledger.Profile(name=name, **profile), TODAY - timedelta(days=200)
            ).id
        ledger.add_strengths(
            session, ids["Alice Chen"], ["cars", "car buying"], "rebuilt two engines"
        )
        ledger.add_strengths(session, ids["Bob Li"], ["Résumés"], None)
        ledger.add_strengths(session, None, ["interviewing"], None)
        entries = [
            ("Alice Chen", "coffee chat", "deposit", 40, time(14, 30), None, False, False),
            ("Alice Chen", "team dinner", "deposit", 3, None, "meal", True, False),
            ("Alice Chen", "advice on an offer", "withdrawal", 20, None, "advice", False, True),
            ("José Núñez", "introduced him to Sam", "deposit", 100, None, None, False, False),
            ("Bob Li", "asked for a referral", "withdrawal", 15, None, "referral", False, False),
            ("Old Friend", "call", "deposit", 400, None, None, False, False),
        ]
        for name, summary, flow, ago, at, kind, group, private in entries:
            ledger.log_entry(
                session,
                ids[name],
                ledger.NewEntry(
                    summary=summary,
                    flow=flow,
                    day=TODAY - timedelta(days=ago),
                    at=at,
                    kind=kind,
                    is_group=group,
                    private=private,
                ),
                NOW,
            )
        ledger.set_archived(session, ids["Old Friend"], True, TODAY)
    return ids


def read_everything(reader: db.Reader, ids: dict[str, int]) -> dict:
    """Every read query the commands use, on one reader."""
    everyone = list(ids.values())
    matches = queries.topic_matches(reader, "car")
    return {
        "find": [
            queries.find_person(reader, q) for q in ("alice", "jose nunez", "bob li", "núñez")
        ],
        "person": [queries.person(reader, i) for i in everyone],
        "strengths": queries.strengths(reader, everyone),
        "mine": queries.strengths(reader, None),
        "entries": queries.entries(reader),
        "entries_alice": queries.entries(
            reader, person_id=ids["Alice Chen"], since=TODAY - timedelta(days=30)
        ),
        "totals": queries.flow_totals(reader),
        "due": agenda_reads.due_contacts(reader, TODAY, None),
        "due_limited": agenda_reads.due_contacts(reader, TODAY, 1),
        "birthdays": agenda_reads.birthdays(reader, TODAY, 7),
        "matches": matches,
        "resume": queries.topic_matches(reader, "resume"),
        "candidates": sorted(queries.candidates(reader, matches, TODAY), key=lambda c: c.id),
        "people": {s: queries.people(reader, sort=s, archived=True) for s in queries.SORTS},
        "people_knows": queries.people(reader, knows="car"),
    }


def test_both_paths_agree(tmp_path):
    path = tmp_path / "n.db"
    ids = populate(path)
    with db.reading(path) as reader:
        via_sqlite3 = read_everything(reader, ids)
    with db.write_session(path) as session:
        via_sqlmodel = read_everything(db.SessionReader(session), ids)
        orm = {name: ledger.get(session, pid) for name, pid in ids.items()}
        stored = {
            name: (p.balance, p.last_contact, p.next_due, p.archived) for name, p in orm.items()
        }
    assert via_sqlite3 == via_sqlmodel
    # and the values are the ones the rules give
    rows = {p["name"]: p for p in via_sqlite3["person"]}
    assert {
        n: (r["balance"], r["last_contact"], r["next_due"], r["archived"]) for n, r in rows.items()
    } == stored
    assert stored["Alice Chen"] == (
        2 + 3 - 2,
        TODAY - timedelta(days=20),
        TODAY + timedelta(days=10),
        False,
    )
    assert stored["José Núñez"] == (
        5,
        TODAY - timedelta(days=100),
        TODAY - timedelta(days=10),
        False,
    )
    assert stored["Bob Li"] == (-5, TODAY - timedelta(days=15), TODAY - timedelta(days=5), False)
    assert stored["Old Friend"] == (2, TODAY - timedelta(days=400), None, True)
    alice_entries = via_sqlite3["entries_alice"]
    assert [e["summary"] for e in alice_entries] == [
        "team dinner",
        "advice on an offer",
    ]  # newest first
    assert alice_entries[0]["is_group"] is True and alice_entries[1]["private"] is True
    coffee = next(e for e in via_sqlite3["entries"] if e["summary"] == "coffee chat")
    assert coffee["at"] == "14:30" and coffee["day"] == TODAY - timedelta(days=40)
    assert [p["name"] for p in via_sqlite3["due"][0]] == ["Bob Li", "José Núñez"]  # 15/10 > 100/90
    assert [p["id"] for p in via_sqlite3["birthdays"]] == [ids["Alice Chen"]]
    assert {p["id"] for p in via_sqlite3["people_knows"]} == {
        ids["Alice Chen"],
        ids["José Núñez"],
        ids["Bob Li"],
    }
    assert set(via_sqlite3["resume"]) == {ids["Bob Li"]}
    assert via_sqlite3["find"][1] == via_sqlite3["find"][3] == (ids["José Núñez"], "José Núñez")


def test_a_write_sees_its_own_uncommitted_rows_through_the_read_queries(tmp_path):
    path = tmp_path / "n.db"
    with db.write_session(path) as session:
        pid = ledger.add_person(session, ledger.Profile(name="Alice Chen"), TODAY).id
        ledger.log_entry(session, pid, ledger.NewEntry("coffee", "deposit", TODAY), NOW)
        reader = db.SessionReader(session)
        assert queries.find_person(reader, "alice") == (pid, "Alice Chen")
        assert queries.person(reader, pid)["balance"] == 2
        # the stdlib path does not see it before the commit
        with db.reading(path) as outside:
            assert outside.rows("SELECT id FROM person") == []
    with db.reading(path) as reader:
        assert queries.person(reader, pid)["last_contact"] == TODAY


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    from conftest import db_bytes

    path = tmp_path / "n.db"
    populate(path)
    before = db_bytes(path)
    with pytest.raises(ledger.DuplicatePerson), db.write_session(path) as session:
        ledger.add_person(session, ledger.Profile(name="Fresh Face"), TODAY)
        ledger.add_person(session, ledger.Profile(name="ALICE CHEN"), TODAY)
    assert db_bytes(path) == before


# --- the stored figures always match the ledger ---------------------------------------------------

entry_specs = st.lists(
    st.tuples(
        st.sampled_from(["deposit", "withdrawal"]),
        st.integers(0, 400),  # days ago
        st.booleans(),  # group
        st.none() | st.integers(0, kinds.MAX_POINTS),
    ),
    max_size=8,
)


SERIAL = itertools.count()


@pytest.fixture(scope="module")
def shared_db():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "n.db"


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tie=st.sampled_from(["close", "casual", "roster"]),
    own=st.none() | st.integers(1, 400),
    specs=entry_specs,
    archived=st.booleans(),
)
def test_stored_balance_last_contact_and_next_due_follow_the_rules(
    shared_db, tie, own, specs, archived
):
    added = TODAY - timedelta(days=500)
    with db.write_session(shared_db) as session:
        person = ledger.add_person(
            session, ledger.Profile(name=f"Person {next(SERIAL)}", tie=tie, cadence_days=own), added
        )
        pid = person.id
        for flow, ago, group, pts in specs:
            ledger.log_entry(
                session,
                pid,
                ledger.NewEntry(
                    "x", flow, TODAY - timedelta(days=ago), kind="note", points=pts, is_group=group
                ),
                NOW,
            )
        if archived:
            ledger.set_archived(session, pid, True, TODAY)
    with db.reading(shared_db) as reader:
        row = queries.person(reader, pid)
        totals = queries.flow_totals(reader, pid).get(pid, {"deposits": 0, "withdrawals": 0})
    ledger_points = [
        (flow, kinds.default_points("note") if pts is None else pts) for flow, _, _, pts in specs
    ]
    assert (
        row["balance"]
        == kinds.balance(ledger_points)
        == (totals["deposits"] or 0) - (totals["withdrawals"] or 0)
    )
    counted = [
        TODAY - timedelta(days=ago)
        for _, ago, group, _ in specs
        if cadence.counts_for_cadence(tie, group)
    ]
    assert row["last_contact"] == (max(counted) if counted else None)
    expected_due = (
        None
        if archived
        else cadence.next_due(row["last_contact"] or added, cadence.effective_cadence(tie, own))
    )
    assert row["next_due"] == expected_due


def test_a_read_never_creates_a_database_and_says_where_the_default_is(cli, tmp_path):
    missing = tmp_path / "typo" / "netwrk.db"

    for args in (["due"], ["people", "--json"], ["show", "alice"], ["who-knows", "cars"]):
        result = cli("--db", str(missing), *args)
        assert result.exit_code == 1, (args, result)
        assert result.stderr.startswith(f"Error: no database at {missing}"), result.stderr
        assert "your default is" in result.stderr
        assert result.stdout == ""
    assert not missing.exists() and not missing.parent.exists()


def test_a_first_write_that_fails_leaves_no_database_behind(cli, tmp_path):
    """An unknown name or a bad date on a network that does not exist yet: the error, and
    no empty file a later command would take for the network."""
    missing = tmp_path / "new.db"
    for args in (["log", "bob", "hello"], ["add", "Ann", "--birthday", "2026-02-30"]):
        result = cli("--db", str(missing), *args)
        assert result.exit_code == 1, (args, result)
        assert "Created a new database" not in result.stderr
        assert not missing.exists() and not list(tmp_path.glob("new.db*")), args


def test_the_first_write_creates_the_database_and_says_so(cli, isolated_db):
    first = cli("add", "Alice Chen")
    second = cli("add", "Bob Li")

    assert first.exit_code == 0 and f"Created a new database at {isolated_db}" in first.stderr
    assert "Created" not in second.stderr


@pytest.mark.parametrize(
    ("url", "said"),
    [
        # a PostgreSQL URL is a server now (issue 13): unreachable here, and said so
        ("postgresql+psycopg://me@127.0.0.1:1/network", "cannot connect to postgresql://"),
        ("sqlite:///x.db", "NETWORK_DB is a URL"),
    ],
)
def test_a_database_url_is_never_taken_for_a_file_name(cli, tmp_path, monkeypatch, url, said):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NETWORK_DB", url)

    result = cli("add", "Alice Chen")

    assert result.exit_code == 1
    assert said in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.rglob("*.db")) == []


@pytest.mark.parametrize(
    "env",
    [{}, {"XDG_DATA_HOME": "/x/data", "XDG_CONFIG_HOME": "/x/config"}, {"XDG_DATA_HOME": " "}],
)
def test_the_user_folders_are_platformdirs_own(monkeypatch, env):
    """common.paths.user_dir works out on Linux what platformdirs would say (without its
    import on every command): the same folders, with and without XDG variables."""
    import platformdirs

    from network.common.paths import user_dir

    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(user_dir("data")) == platformdirs.user_data_dir("network", appauthor=False)
    assert str(user_dir("config")) == platformdirs.user_config_dir("network", appauthor=False)
