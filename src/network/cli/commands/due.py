"""`network due`: the morning list of whom to contact and with what."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import due as due_view

DEFAULT_BUDGET = 5


def register(cli: typer.Typer) -> None:
    """Add the command to the app."""

    @cli.command()
    @guarded
    def due(
        all_: Annotated[
            bool, typer.Option("--all", "-a", help="Show everyone due, not just today's budget.")
        ] = False,
        limit: Annotated[
            int | None,
            typer.Option(
                "--limit",
                "-n",
                min=1,
                metavar="N",
                help="Daily budget: at most N overdue contacts (obligations and birthdays always show).",
            ),
        ] = None,
        json: Json = False,
    ) -> None:
        """Whom to contact today, and with what: birthdays first, then the most overdue.

        The daily budget (5 people; --limit to change, --all for everyone) applies to
        overdue contacts; birthdays within 7 days always show.

        Example: network due --limit 3
        """
        budget = None if all_ else (limit or DEFAULT_BUDGET)
        agenda = app.agenda.agenda(state.db_path(), today=state.today(), budget=budget)
        due_view.show(agenda, json)


def __getattr__(name: str) -> Any:
    # JSON_RESULTS is built on first use: naming the result type imports the app module,
    # which --help and TAB completion must not pay for
    if name == "JSON_RESULTS":
        from network.app.agenda import Agenda

        return {"due": Agenda}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
