"""Undo: revert the last command that wrote, after saying what it was."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json, Limit
from network.cli.views import output
from network.cli.views import undo as view
from network.common.errors import NetworkError


def __getattr__(name: str) -> Any:
    """JSON_RESULTS, built on first use (PEP 562), so --help does not define the result types."""
    if name == "JSON_RESULTS":
        # `undo --list --json` prints another document than `undo --json`: its own section
        return {"undo": app.undo.Undone, "undo --list": app.undo.UndoHistory}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


UNDO_HELP = """Revert the last command that wrote (log, give, ask, answer, thank, promise, done,
intro, link, add, edit, knows, forget, archive, merge, import, entry edit/rm, …).

Says what it will undo first: on a terminal it asks; elsewhere (a script, a pipe) it
refuses unless --yes is given, so nothing is reverted unseen. Run it again to go one more
step back. The last 100 commands are kept, in the database itself.

Examples:

  network undo

  network undo --list

  network undo --yes --json

  network undo --list --json
"""


def register(cli: typer.Typer) -> None:
    """Add the command to the app."""

    @cli.command(help=UNDO_HELP)
    @guarded
    def undo(
        yes: Annotated[
            bool, typer.Option("--yes", "-y", help="Undo without asking (needed off a terminal).")
        ] = False,
        list_: Annotated[
            bool,
            typer.Option("--list", help="Show what can be undone, newest first; change nothing."),
        ] = False,
        limit: Limit = None,
        json: Json = False,
    ) -> None:
        path = state.db_path()
        if list_:
            steps = app.undo.history(path).first(limit)  # the history holds at most 100
            output.emit_json(steps.to_json()) if json else view.history(steps)
            return
        step = app.undo.last(path)
        if not yes:
            if not _on_terminal():
                # nothing is reverted unseen: say what it would be, and how to confirm
                raise NetworkError(
                    f"undo would revert {view.what(step)}",
                    "run network undo --yes to revert it (there is no terminal to ask on); "
                    "nothing was changed",
                )
            if not output.confirm(view.question(step), default=False):
                output.message("Nothing was undone.")
                raise typer.Exit(1)
        result = app.undo.undo(path, expect=step)
        if json:
            output.emit_json(result.to_json())
            return
        view.undone(result)
