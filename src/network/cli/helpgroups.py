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

    def summary(self, ctx: Any, name: str) -> str | None:
        """The command's whole first sentence; None when it is hidden (or unknown)."""
        cmd = self.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            return None
        return cmd.get_short_help_str(WHOLE)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        summaries = {}
        for name in self.list_commands(ctx):
            summary = self.summary(ctx, name)
            if summary is not None:
                summaries[name] = summary
        for heading, names in self.help_sections(list(summaries)):
            with formatter.section(heading):
                formatter.write_dl([(n, summaries[n]) for n in names])
