"""Lists that fit: -n/--limit on the lists, and history --grep TEXT --kind KIND."""

from __future__ import annotations

TODAY = "2026-11-22"


def test_limits_and_history_filters(cli) -> None:
    for name in ("Alice Chen", "Bob Li", "Carol Diaz"):
        assert cli("add", name, today=TODAY).exit_code == 0
    for person, summary, kind in (
        ("alice", "Coffee at Blue Bottle", "coffee"),
        ("bob", "café with Bob", "meal"),
        ("carol", "sent the deck", "email"),
    ):
        assert cli("log", person, summary, "--kind", kind, today=TODAY).exit_code == 0
    assert cli("ask", "bob", "intro to Sam", today=TODAY).exit_code == 0
    assert cli("ask", "carol", "advice", today=TODAY).exit_code == 0

    def summaries(*args: str) -> list[str]:
        run = cli("history", *args, "--json", today=TODAY)
        assert run.exit_code == 0, run
        return [e["summary"] for e in run.rows()]

    assert summaries("-n", "2") == ["advice", "intro to Sam"]
    assert summaries("--grep", "COFFEE") == ["Coffee at Blue Bottle"]
    assert summaries("--grep", "cafe") == ["café with Bob"]  # accents ignored
    assert summaries("--kind", "meal") == ["café with Bob"]
    assert summaries("bob", "--grep", "sam") == ["intro to Sam"]
    assert summaries("--grep", "o", "-n", "2") == ["intro to Sam", "café with Bob"]  # cut after
    assert summaries("--kind", "coffee", "--grep", "café") == []
    assert len(cli("asks", "--json", "-n", "1", today=TODAY).rows()) == 1
    assert len(cli("people", "--json", "--limit", "2", today=TODAY).rows()) == 2
    table = cli("people", "-n", "1", today=TODAY).stdout.splitlines()
    assert len(table) == 2 and table[1].startswith("p1\tAlice Chen")
    assert len(cli("balance", "-n", "2", today=TODAY).stdout.splitlines()) == 3


def test_asks_and_promises_of_one_person(cli) -> None:
    for name in ("Alice Chen", "Bob Li"):
        assert cli("add", name, today=TODAY).exit_code == 0
    for person, summary in (("alice", "intro to Sam"), ("bob", "advice"), ("alice", "a review")):
        assert cli("ask", person, summary, today=TODAY).exit_code == 0
    for person, summary in (("bob", "send the deck"), ("alice", "share notes")):
        assert cli("promise", person, summary, "--by", "2026-12-01", today=TODAY).exit_code == 0

    def rows(*args: str) -> list[tuple[str, str]]:
        run = cli(*args, "--json", today=TODAY)
        assert run.exit_code == 0, run
        return [(r["name"], r["summary"]) for r in run.rows()]

    alice = [("Alice Chen", "a review"), ("Alice Chen", "intro to Sam")]
    assert rows("asks", "alice") == alice
    assert rows("asks", "p1", "-n", "1") == alice[:1]  # by id, cut to the first
    assert rows("asks", "bob", "--open") == [("Bob Li", "advice")]
    assert rows("promises", "alice") == [("Alice Chen", "share notes")]
    assert rows("promises", "bob", "--all") == [("Bob Li", "send the deck")]
    # a misspelt name is followed (a read may guess) and the table says whose rows they are
    guessed = cli("asks", "alcie chen", today=TODAY)
    assert guessed.exit_code == 0, guessed
    assert guessed.stderr.startswith("Showing Alice Chen (the closest name")
    assert "intro to Sam" in guessed.stdout and "advice" not in guessed.stdout
    nobody = cli("promises", "zed", today=TODAY)
    assert nobody.exit_code == 1 and 'no one called "zed"' in nobody.stderr


def test_people_hide_the_roster_unless_asked(cli) -> None:
    assert cli("add", "Rob Roster", "--tie", "roster", today=TODAY).exit_code == 0
    empty = cli("people", today=TODAY)
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "No one outside the roster. 1 on the roster not shown: network people --all" in (
        empty.stderr
    )
    assert cli("people", "--json", today=TODAY).rows() == []
    assert [p["name"] for p in cli("people", "--json", "--all", today=TODAY).rows()] == [
        "Rob Roster"
    ]


def test_a_long_table_on_a_terminal_goes_through_the_pager(cli, terminal, monkeypatch, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("NETWORK_PAGER", pager(tmp_path, paged))
    monkeypatch.setenv("LINES", "8")
    for n in range(8):
        assert cli("add", f"Person {n}", today=TODAY).exit_code == 0
    run = cli("people", today=TODAY)
    assert run.exit_code == 0, run
    assert "Person 7" in paged.read_text() and "Person 7" not in run.stdout
    paged.unlink()
    direct = cli("people", "--no-pager", today=TODAY)  # a root option, after the command
    assert "Person 7" in direct.stdout and not paged.exists()
    short = cli("people", "-n", "1", today=TODAY)  # fits the screen: no pager
    assert "Person 0" in short.stdout and not paged.exists()


def test_into_a_pipe_there_is_never_a_pager(cli, monkeypatch, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("NETWORK_PAGER", pager(tmp_path, paged))
    monkeypatch.setenv("LINES", "3")
    for n in range(5):
        assert cli("add", f"Person {n}", today=TODAY).exit_code == 0
    assert "Person 4" in cli("people", today=TODAY).stdout and not paged.exists()


def pager(tmp_path, paged) -> str:
    """A pager command that keeps what it was given in `paged` (and LESS in `paged`.less)."""
    import sys

    script = tmp_path / "pager.py"
    script.write_text(
        "import os, sys\n"
        f"open({str(paged)!r}, 'wb').write(sys.stdin.buffer.read())\n"
        f"open({str(paged) + '.less'!r}, 'w').write(os.environ.get('LESS', ''))\n"
    )
    return f"{sys.executable} {script}"


def test_the_pager_gets_less_options_unless_you_set_your_own(cli, terminal, monkeypatch, tmp_path):
    """As git does: LESS=FRX when unset (colours shown, not raw codes), yours kept."""
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("NETWORK_PAGER", pager(tmp_path, paged))
    monkeypatch.setenv("LINES", "4")
    monkeypatch.delenv("LESS", raising=False)
    for n in range(6):
        assert cli("add", f"Person {n}", today=TODAY).exit_code == 0
    assert cli("people", today=TODAY).exit_code == 0
    assert (tmp_path / "paged.txt.less").read_text() == "FRX"
    monkeypatch.setenv("LESS", "-S")
    assert cli("people", today=TODAY).exit_code == 0
    assert (tmp_path / "paged.txt.less").read_text() == "-S"
