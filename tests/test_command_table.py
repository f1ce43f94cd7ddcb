"""The table `network --help` and TAB read instead of building every command stays true.

cli/command_table.py is generated from the commands themselves (python -m network.cli.lazy);
these tests fail when a command is added, renamed, moved or its first help line changes
without regenerating it, and check that what the lazy root shows is what a full build shows.
"""

from __future__ import annotations

import pkgutil

import typer.main
from typer._click.utils import make_default_short_help

from network.cli import commands, lazy
from network.cli.command_table import COMMANDS
from network.cli.helpgroups import WHOLE
from network.cli.main import app

REGENERATE = (
    "stale: python -m network.cli.lazy > src/network/cli/command_table.py "
    "&& ruff format src/network/cli/command_table.py"
)


def test_the_table_is_the_commands_as_registered() -> None:
    assert list(COMMANDS) == lazy.table(), REGENERATE


def test_every_command_module_is_in_the_table() -> None:
    with_commands = {
        info.name for info in pkgutil.iter_modules(commands.__path__) if info.name != "__init__"
    }
    assert with_commands == set(lazy.MODULES)


def test_each_lazily_built_command_is_the_one_a_full_build_makes() -> None:
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="network")
    assert root.list_commands(ctx) == [name for name, _, _ in COMMANDS]
    for name, _, summary in COMMANDS:
        command = root.get_command(ctx, name)
        assert command is not None and command.name == name
        assert command.hidden == (summary is None), REGENERATE
        if summary is None:
            continue
        assert command.get_short_help_str(WHOLE) == summary, REGENERATE
        # TAB shows Click's short form of it (zsh and fish print it beside the name)
        assert command.get_short_help_str() == make_default_short_help(summary), name


def test_a_new_root_knows_every_name_and_has_built_none() -> None:
    root = typer.main.get_command(app)
    assert list(root.commands) == [name for name, _, _ in COMMANDS]
    assert not root.commands._built  # type: ignore[attr-defined]


def test_a_mistyped_command_is_still_matched_against_every_name(cli) -> None:
    run = cli("promsies")
    assert run.exit_code == 2
    assert "No such command 'promsies'. Did you mean 'promises', 'promise'?" in run.stderr


def test_a_hidden_command_runs_but_is_never_listed(monkeypatch) -> None:
    """A table entry without a help line: reachable by name, absent from --help and TAB."""
    root = typer.main.get_command(app)
    monkeypatch.setitem(root._summaries, "stats", None)  # type: ignore[attr-defined]
    ctx = typer.Context(root, info_name="network")
    shown = root.get_help(ctx)
    assert "  drift " in shown and "  stats " not in shown
    assert [item.value for item in root.shell_complete(ctx, "st")] == []
    assert [item.value for item in root.shell_complete(ctx, "dr")] == ["drift"]
    assert root.get_command(ctx, "stats") is not None
