"""`network --help` lists the commands under headings, each description whole."""

from __future__ import annotations

from network.cli.main import HELP_GROUPS, app, help_sections


def test_root_help_groups_every_command_under_a_heading(cli) -> None:
    run = cli("--help")
    assert run.exit_code == 0, run
    text = run.stdout
    headings = [
        line[:-1] for line in text.splitlines() if line and line[0] != " " and line[-1] == ":"
    ]
    assert headings == ["Options", *HELP_GROUPS]  # no "Commands", no "Other"
    assert "..." not in text[text.index("Daily:") :]  # no description cut short
    daily = text[text.index("Daily:") : text.index("People:")]
    assert "  due " in daily and "  log " in daily and "  thank " in daily
    loops = text[text.index("Closing loops:") : text.index("Looking back:")]
    assert "  promises " in loops and "  done " in loops and "  add " not in loops
    # every command registered is listed under exactly one heading
    import typer

    registered = set(typer.main.get_command(app).commands)
    grouped = [name for members in HELP_GROUPS.values() for name in members]
    assert sorted(grouped) == sorted(registered)


def test_a_command_missing_from_the_table_still_shows_under_other() -> None:
    sections = help_sections(["log", "zzz-new", "team"])
    assert sections == [("Daily", ["log"]), ("Team", ["team"]), ("Other", ["zzz-new"])]


def test_subcommand_lists_are_not_cut_either(cli) -> None:
    run = cli("team", "--help")
    assert run.exit_code == 0, run
    assert "..." not in run.stdout[run.stdout.index("Commands:") :]
    assert "for the intro." in " ".join(run.stdout.split())
