"""`network due`: the morning list of whom to contact and with what."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import due as due_view

DEFAULT_BUDGET = 5  # the demo's budget, and settings' default (common.config.SETTINGS)


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
                min=0,
                metavar="N",
                help="Daily budget: N people (default 5, or budget in your settings); "
                "0 shows only what you owe.",
            ),
        ] = None,
        notify: Annotated[
            bool,
            typer.Option(
                "--notify",
                help="Hand today's list, as one short message, to the notify command "
                "in your settings (for cron; see docs/notify.md).",
            ),
        ] = False,
        json: Json = False,
    ) -> None:
        """Whom to contact today, one row per person, most urgent first, with a command to run.

        Order: overdue promises, birthdays today or tomorrow, thank-yous owed, closing
        the loop on introductions, asks waiting for an answer, promises due this week,
        birthdays later this week, then contacts furthest past their rhythm (days since
        the last contact / their cadence). The daily budget counts people, including
        those you already logged today; overdue promises and birthdays today or
        tomorrow always show.

        Example: network due --limit 3
        """
        from network.common import config

        settings = config.load()
        budget = None if all_ else (settings.budget if limit is None else limit)
        agenda = app.agenda.agenda(
            state.db_path(), today=state.today(), budget=budget, window=settings.birthday_window
        )
        if notify:
            due_view.notified(app.notify.notify(agenda, settings.notify), json)
            return
        due_view.show(agenda, json)


def __getattr__(name: str) -> Any:
    # JSON_RESULTS is built on first use: naming the result type imports the app module,
    # which --help and TAB completion must not pay for
    if name == "JSON_RESULTS":
        from network.app.agenda import Agenda

        return {"due": Agenda}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
