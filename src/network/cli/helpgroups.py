"""Command lists in `--help` that never cut a description short.

Click shortens each command's description to one line and ends it with "..."; here each
command gets its whole first sentence, wrapped. The root group (cli/main.py) lists its
commands under headings; a group with subcommands (team, entry, inbox) under one.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup

# a limit no first sentence reaches: Click then keeps the sentence whole (and never adds "...")
WHOLE = 10_000


class WholeHelpGroup(TyperGroup):
    """A group whose --help lists each command with its whole first sentence."""

    def help_sections(self, names: list[str]) -> list[tuple[str, list[str]]]:
        """(heading, command names) in the order shown; one "Commands" section here."""
        return [("Commands", names)] if names else []

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = {}
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                commands[name] = cmd
        for heading, names in self.help_sections(list(commands)):
            with formatter.section(heading):
                formatter.write_dl([(n, commands[n].get_short_help_str(WHOLE)) for n in names])
