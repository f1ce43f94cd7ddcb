"""Hostile input: arbitrary text, dates and numbers never crash the CLI or damage the file.

Every example runs a few commands against its own copy of a small network and asserts
what a user is promised: an exit code of 0 (done), 1 (a clear `Error:`) or 2 (usage),
never a traceback or the internal-error code 3, and afterwards a database that passes
SQLite's integrity and foreign-key checks with every stored balance equal to its ledger.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NASTY = [
    "'; DROP TABLE person; --",
    "Robert'); DELETE FROM entry; --",
    '" OR 1=1 --',
    "%",
    "_",
    "%_%",
    "\\",
    "NULL",
    "alice' OR '1'='1",
    "1; ATTACH DATABASE '/tmp/x' AS x",
    "$(touch /tmp/pwned)",
    "`id`",
    "|| true",
    "; rm -rf ~",
    "\u202eevil\u202c",
    "مرحبا بالعالم",
    "שלום עולם",
    "👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "Z̷̢͉a̸l̴g̷o̶",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "ǅ",
    "ﬁ",
    "İstanbul",
    "ß" * 201,
    "x" * 10_000,
    "é" * 5001,
    "[bold]markup[/bold]",
    "[/]",
    "{}",
    "%s",
    "{0}",
    "--help",
    "-h",
    "-n",
    "--",
    "-",
    "--db=/etc/passwd",
    "--json",
    "-5",
    "—dash",
    "a\nb",
    "a\tb",
    "\x1b[31mred",
    "\r",
    "\x00",
    "\x7f",
    "\udc80",
    "x\udcffy",
    " ",
    "",
    "   alice   ",
    "ALICE",
    "Alice Chen",
]
DATES = [
    "today",
    "yesterday",
    "3 days ago",
    "last friday",
    "nov 3",
    "2026-02-29",
    "2024-02-29",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "31/12/2026",
    "1e9 days ago",
    "99999999999 days ago",
    "-3 days ago",
    "tomorrow",
    "next year",
    "2026-11-22 25:61",
    "yesterday 3pm",
    "12-25",
    "02-29",
    "13-01",
    "1900-01-01",
    "30d",
    "2w",
    "3m",
    "1y",
    "0",
    "-1d",
    "999999999y",
    "1.5w",
    "0d",
]
NUMBERS = [
    "0",
    "1",
    "5",
    "-1",
    "6",
    "100",
    "999999999999999999999",
    "-999999999999999999999",
    "1.5",
    "NaN",
    "1e3",
    "٣",
    "¹",
    "0x10",
    " 3",
    "",
]


def texts(max_size: int = 60) -> st.SearchStrategy[str]:
    every_char = st.characters(blacklist_categories=())  # control characters and surrogates too
    printable = st.characters(blacklist_categories=("Cc", "Cs"))
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(printable, min_size=1, max_size=max_size),
        st.text(every_char, max_size=max_size),
        st.text(
            st.characters(whitelist_categories=("Lo", "Mn", "So", "Cf", "Zs", "Cc")),
            min_size=1,
            max_size=12,
        ),
        st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(every_char, max_size=8)),
    )


def dates() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(DATES),
        st.sampled_from(DATES),
        texts(20),
        st.builds(
            lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
            st.integers(0, 9999),
            st.integers(0, 13),
            st.integers(0, 32),
        ),
    )


def numbers() -> st.SearchStrategy[str]:
    small = st.integers(-2, 8).map(str)
    return st.one_of(
        small, small, st.sampled_from(NUMBERS), st.integers(-(10**30), 10**30).map(str), texts(10)
    )


EXISTING = st.sampled_from(["alice", "Bob Li", "car", "b", "Carol Díaz", "ALICE CHEN"])
PERSON = st.one_of(EXISTING, EXISTING, EXISTING, texts())


def commands() -> st.SearchStrategy[list[str]]:
    return st.one_of(
        st.builds(
            lambda n, c, k, b, e: [
                "add",
                n,
                "--company",
                c,
                "--knows",
                k,
                "--birthday",
                b,
                "--every",
                e,
            ],
            texts(),
            texts(),
            texts(),
            dates(),
            dates(),
        ),
        st.builds(lambda n: ["add", n], texts()),
        st.builds(lambda p, s: ["log", p, s], PERSON, texts()),
        st.builds(lambda p, s: ["give", p, s], PERSON, texts()),
        st.builds(lambda p, w: ["log", p, "coffee", "--when", w], PERSON, dates()),
        st.builds(lambda p, n: ["log", p, "article", "--points", n], PERSON, numbers()),
        st.builds(lambda p, e: ["edit", p, "--every", e], PERSON, dates()),
        st.builds(lambda p, b: ["edit", p, "--birthday", b], PERSON, dates()),
        st.builds(lambda p: ["rm", p, "--yes"], PERSON),
        st.builds(lambda p: ["archive", p], PERSON),
        st.builds(
            lambda p, s, w, n: ["log", p, s, "--when", w, "--points", n],
            PERSON,
            texts(),
            dates(),
            numbers(),
        ),
        st.builds(
            lambda p, s, k: ["log", p, s, "--kind", k, "--private", "--group"],
            PERSON,
            texts(),
            texts(20),
        ),
        st.builds(lambda p, s, n: ["ask", p, s, "--points", n], PERSON, texts(), numbers()),
        st.builds(lambda p, t, d: ["knows", p, t, "--detail", d], PERSON, texts(), texts()),
        st.builds(lambda t: ["knows", "--me", t], texts()),
        st.builds(lambda t: ["who-knows", t], texts()),
        st.builds(lambda p: ["show", p], PERSON),
        st.builds(lambda p: ["show", p, "--json"], PERSON),
        st.builds(lambda d: ["history", "--since", d], dates()),
        st.builds(
            lambda p, e, b: ["edit", p, "--every", e, "--birthday", b], PERSON, dates(), dates()
        ),
        st.builds(
            lambda p, n, note: ["edit", p, "--name", n, "--note", note], PERSON, texts(), texts()
        ),
        st.builds(lambda t: ["people", "--knows", t, "--json"], texts()),
        st.builds(lambda p, t: ["forget", p, t], PERSON, texts()),
        st.builds(lambda a, b, s: ["intro", a, b, s], PERSON, PERSON, texts()),
        st.builds(lambda p, s, d: ["promise", p, s, "--by", d], PERSON, texts(), dates()),
        st.builds(lambda p, s: ["thank", p, s], PERSON, texts()),
        st.builds(
            lambda a, o, n: ["answer", a, o, "--note", n],
            st.one_of(numbers(), PERSON),
            st.one_of(st.sampled_from(["granted", "declined", "partly"]), texts(10)),
            texts(),
        ),
        st.builds(lambda w, d: ["done", w, "--when", d], st.one_of(numbers(), PERSON), dates()),
        st.builds(lambda a, b, c: ["link", a, b, "--context", c], PERSON, PERSON, texts()),
        st.builds(lambda a, b: ["merge", a, b, "--dry-run"], PERSON, PERSON),
        st.sampled_from(
            [
                ["due", "--all"],
                ["due", "--json"],
                ["stats", "--json"],
                ["drift"],
                ["balance", "--json"],
                ["asks"],
                ["promises", "--all"],
                ["dupes", "--json"],
                ["people"],
                ["history"],
            ]
        ),
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small network every example starts from (copied, so examples never share a file)."""
    from typer.testing import CliRunner

    from network.cli.main import app

    path = tmp_path_factory.mktemp("template") / "network.db"
    runner = CliRunner()
    for args in (
        ["add", "Alice Chen", "--knows", "cars", "--tie", "close"],
        ["add", "Bob Li", "--every", "2w"],
        ["add", "Carol Díaz", "--birthday", "04-03"],
        ["log", "alice", "coffee"],
        ["ask", "bob", "advice"],
    ):
        assert runner.invoke(app, ["--db", str(path), *args]).exit_code == 0
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def consistent(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        off = conn.execute(
            "SELECT p.name, p.balance, (SELECT coalesce(sum(CASE e.flow WHEN 'deposit' "
            "THEN e.points ELSE -e.points END), 0) FROM entry e WHERE e.person_id = p.id) "
            "AS ledger "
            "FROM person p WHERE p.balance != ledger"
        ).fetchall()
        assert off == []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"person", "entry", "strength", "meta"} <= tables


def run_all(cli, template: Path, script: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "network.db"
        shutil.copyfile(template, db)
        for args in script:
            result = cli("--db", str(db), *args, today="2026-11-22")
            shown = result.stdout + result.stderr
            assert result.exit_code in (0, 1, 2), (args, result)
            assert "Traceback" not in shown, (args, result)
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                args,
                result,
            )
            if result.exit_code == 1:
                assert "Error:" in result.stderr, (args, result)
        consistent(db)


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(script=st.lists(commands(), min_size=1, max_size=5))
def test_any_sequence_of_commands_with_hostile_input(
    cli, template: Path, script: list[list[str]]
) -> None:
    run_all(cli, template, script)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=texts(), summary=texts(300), topic=texts())
def test_a_hostile_name_round_trips_or_is_refused(
    cli, template: Path, name: str, summary: str, topic: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "network.db"
        shutil.copyfile(template, db)
        added = cli("--db", str(db), "add", "--", name, "--knows", topic)
        assert added.exit_code in (0, 1, 2), added
        if added.exit_code == 0:
            # whatever was accepted can be found again by exactly what was typed
            shown = cli("--db", str(db), "show", "--json", "--", name)
            assert shown.exit_code == 0, shown
            logged = cli("--db", str(db), "log", "--", name, summary)
            assert logged.exit_code in (0, 1), logged
            if logged.exit_code == 0:
                history = cli("--db", str(db), "history", "--json", "--", name).json()
                assert history and history[0]["summary"] == summary.strip()
        else:
            assert "Error" in added.stderr or "Usage" in added.stderr
        consistent(db)


def test_limits_are_clear_errors() -> None:
    """Sensible limits, enforced with a message (checked directly, no database)."""
    from network.common.errors import BadInput
    from network.domain.fields import LIMITS, clean

    for field, limit in LIMITS.items():
        assert clean("x" * limit, field) == "x" * limit
        with pytest.raises(BadInput, match=f"too long .*limit is {limit:,}"):
            clean("x" * (limit + 1), field)


LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def csv_rows() -> st.SearchStrategy[str]:
    cell = st.one_of(
        texts(30), st.sampled_from(['"', '""', ",", "\r\n", "\n", "=cmd|' /C calc'!A0"])
    )
    row = st.lists(cell, min_size=0, max_size=9).map(",".join)
    return st.lists(row, max_size=8).map("\n".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["linkedin", "google", "vcard", "json"]),
    body=st.one_of(
        csv_rows().map(lambda rows: LINKEDIN_HEADER + "\n" + rows),
        csv_rows(),
        texts(400).map(lambda t: "BEGIN:VCARD\nVERSION:3.0\nFN:" + t + "\nEND:VCARD\n"),
        texts(200).map(lambda t: '{"format": "network", "tables": {"person": [' + t + "]}}"),
        texts(400),
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    ),
)
def test_a_hostile_import_file_is_imported_or_refused(
    cli, template: Path, kind: str, body: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "network.db"
        shutil.copyfile(template, db)
        source = Path(folder) / "input.txt"
        source.write_bytes(body.encode("utf-8", "surrogatepass"))
        result = cli("--db", str(db), "import", kind, str(source), today="2026-11-22")
        assert result.exit_code in (0, 1), result
        assert "Traceback" not in result.stdout + result.stderr
        consistent(db)


MARK = "Zq'\"mark;--"


def test_user_text_reaches_sql_only_as_bound_parameters(
    cli, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every statement the program sends is recorded; what the user typed is never in its text."""
    statements: list[str] = []
    parameters: list[str] = []

    class Cursor(sqlite3.Cursor):
        def execute(self, sql, params=()):  # type: ignore[override]
            statements.append(sql)
            parameters.append(repr(params))
            return super().execute(sql, params)

        def executemany(self, sql, seq):  # type: ignore[override]
            statements.append(sql)
            seq = list(seq)
            parameters.append(repr(seq))
            return super().executemany(sql, seq)

    class Connection(sqlite3.Connection):
        def cursor(self, factory=Cursor):  # type: ignore[override]
            return super().cursor(factory)

        def execute(self, sql, params=()):  # type: ignore[override]
            return self.cursor().execute(sql, params)

        def executescript(self, script):  # type: ignore[override]
            statements.append(script)
            return super().executescript(script)

    real_connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=Connection, **k)
    )
    db = tmp_path / "network.db"
    shutil.copyfile(template, db)
    name = f"Ann {MARK}"
    script = [
        ["add", name, "--company", MARK, "--knows", f"cars {MARK}", "--note", MARK, "--met", MARK],
        ["log", name, f"coffee {MARK}", "--kind", "coffee"],
        ["ask", "Ann", f"advice {MARK}"],
        ["knows", "--me", MARK],
        ["who-knows", MARK],
        ["who-knows", "cars"],
        ["show", MARK],
        ["show", name, "--json"],
        ["people", "--knows", MARK],
        ["history", name, "--since", MARK],
        ["edit", name, "--title", MARK, "--name", f"Ann B {MARK}"],
        ["forget", MARK, MARK],
        ["export", "json", "-o", str(tmp_path / "out.json")],
        ["backup", str(tmp_path / "copy.db")],
        ["doctor"],
    ]
    for args in script:
        result = cli("--db", str(db), *args, today="2026-11-22")
        assert result.exit_code in (0, 1), (args, result)

    assert any(s.startswith("INSERT INTO person") for s in statements), "SQLAlchemy not traced"
    assert any(s.lstrip().upper().startswith("SELECT") for s in statements)
    assert any("mark;--" in p for p in parameters)
    leaked = [sql for sql in statements if "mark;--" in sql or "Zq'" in sql]
    assert leaked == []


# The one module that starts a program: `due --notify` runs the command the user wrote in
# their settings (issue 11), directly and never through a shell.
# notify runs the user's hook and output.py the pager (the user's own commands, split into
# words); pg_dump.py runs PostgreSQL's pg_dump and pg_restore (argument lists, no shell; a
# file name is passed as an absolute path, never read as an option)
STARTS_A_PROGRAM = {
    "notify.py": ("subprocess",),
    "output.py": ("subprocess",),
    "pg_dump.py": ("subprocess",),
}


def test_no_user_input_reaches_a_shell() -> None:
    """The program never starts another program (no subprocess, os.system or os.popen),
    except the notify hook and the pager, which run the user's own command without a shell."""
    import ast

    import network

    root = Path(network.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Attribute) and node.attr in (
                "system",
                "popen",
                "spawnl",
                "execv",
            ):
                names = [f"os.{node.attr}"]
            found += [
                (path.name, n)
                for n in names
                if (n.split(".")[0] in ("subprocess", "pty") or n.startswith("os."))
                and n not in STARTS_A_PROGRAM.get(path.name, ())
            ]
            if isinstance(node, ast.keyword) and node.arg == "shell":
                assert isinstance(node.value, ast.Constant) and node.value.value is False, path
    assert found == []


def test_a_number_beyond_64_bits_is_a_clear_error_anywhere(cli):
    assert cli("add", "Alice Chen").exit_code == 0

    result = cli("due", "--limit", str(2**63))

    assert result.exit_code == 1, result
    assert "too large" in result.stderr and "internal error" not in result.stderr
