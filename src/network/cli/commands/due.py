"""`network due`: the morning list of whom to contact and with what."""

from __future__ import annotations

from typing import Annotated

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import output

DEFAULT_BUDGET = 5


def register(app: typer.Typer) -> None:
    """Add the command to the app."""

    @app.command()
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
        show_due(state.db_path(), budget, json)


def show_due(path, budget: int | None, json: bool) -> None:
    """Build and print the agenda for the database at `path` (used by `due` and `demo`)."""
    from network.app import agenda
    from network.store import connection as db

    today = state.today()
    with db.reading(path) as reader:
        plan = agenda.build(reader, today, budget)
    if json:
        output.emit_json({"date": today, "items": plan.items, "more": plan.more})
        return
    if not plan.items:
        output.message("Nobody is due today. Add people (network add) or log what you did.")
        return
    more = f"{plan.more} more due — network due --all" if plan.more else None
    output.table(
        ["who", "why", "last contact", "balance", "prefers", "suggestion"],
        [
            [
                i["name"],
                "; ".join(i["reasons"]),
                i["last_contact_ago"],
                output.signed(i["balance"]),
                i["prefers"] or "",
                i["suggestion"],
            ]
            for i in plan.items
        ],
        title=f"Due {today.isoformat()}",
        caption=more,
    )
