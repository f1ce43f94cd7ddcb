"""Typing like a person: the summary is the rest of the line, root options work after the
command, `network` alone shows due on a terminal, and Click's usage errors read like ours."""

from __future__ import annotations

from pathlib import Path

from network.cli.main import hoisted

TODAY = "2026-11-22"


def test_the_summary_is_the_rest_of_the_line(cli) -> None:
    assert cli("add", "Maya Patel", today=TODAY).exit_code == 0
    r = cli("log", "maya", "had", "coffee,", "talked", "about", "the", "role", today=TODAY)
    assert r.exit_code == 0, r
    assert "had coffee, talked about the role" in r.stderr
    dash = cli("give", "maya", "--kind", "article", "--", "-5", "tips", today=TODAY)
    assert dash.exit_code == 0, dash
    ok = cli("promise", "maya", "send", "the", "deck", "--by", "friday", today=TODAY)
    assert "Promise o1 to Maya Patel: send the deck" in ok.stderr
    summaries = [e["summary"] for e in cli("history", "--json", today=TODAY).rows()]
    assert summaries == ["-5 tips", "had coffee, talked about the role"]


def test_root_options_may_follow_the_command(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert cli("add", "Alice Chen", "--db", str(other), today=TODAY).exit_code == 0
    assert other.exists()
    shown = cli("show", "alice", "--json", "--db", str(other), today=TODAY)
    assert shown.json()["name"] == "Alice Chen"
    # the default database was never touched
    assert "no database" in cli("show", "alice", today=TODAY).stderr


def test_hoisting_moves_only_root_options_and_nothing_after_a_double_dash() -> None:
    assert hoisted(["show", "al", "--db", "x.db", "--debug"]) == [
        "--db",
        "x.db",
        "--debug",
        "show",
        "al",
    ]
    assert hoisted(["--db", "x.db", "log", "al", "--db=y"]) == [
        "--db",
        "x.db",
        "--db=y",
        "log",
        "al",
    ]
    assert hoisted(["log", "al", "--", "--debug", "tips"]) == ["log", "al", "--", "--debug", "tips"]


def test_network_alone_shows_due_on_a_terminal_and_help_elsewhere(cli, terminal, monkeypatch):
    import typer.testing

    assert cli("add", "Alice Chen", "--tie", "close", today=TODAY).exit_code == 0
    on_terminal = cli(today=TODAY)
    assert on_terminal.exit_code == 0, on_terminal
    assert "Nobody is due today. Next: Alice Chen" in on_terminal.stderr
    assert "Usage" not in on_terminal.stdout
    monkeypatch.setattr(typer.testing._NamedTextIOWrapper, "isatty", lambda self: False)
    piped = cli(today=TODAY)
    assert "Usage: " in piped.stdout + piped.stderr


def test_usage_errors_are_one_line_with_a_hint_and_exit_2(cli) -> None:
    unknown = cli("history", "--bogus")
    assert unknown.exit_code == 2
    assert unknown.stderr == "Error: No such option: --bogus — see network history --help\n"
    small = cli("drift", "--limit", "0")
    assert small.exit_code == 2
    assert small.stderr.startswith("Error: Invalid value for '--limit' / '-n': 0 is not in the")
    assert small.stderr.count("\n") == 1
    missing = cli("log", "alice")
    assert missing.exit_code == 2
    assert missing.stderr == "Error: Missing argument 'SUMMARY...' — see network log --help\n"
