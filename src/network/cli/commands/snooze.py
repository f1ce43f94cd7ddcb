"""`network snooze`: keep someone off `due` for a while."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import PersonArg
from network.cli.views import due as due_view


def register(cli: typer.Typer) -> None:
    """Add the command to the app."""

    @cli.command()
    @guarded
    def snooze(
        person: PersonArg,
        span: Annotated[
            str | None,
            typer.Argument(metavar="[SPAN]", help="How long: 3d, 2w, 1m (default 1w)."),
        ] = None,
        until: Annotated[
            str | None,
            typer.Option("--until", metavar="DATE", help="Until a day: 2026-12-20, 'next monday'."),
        ] = None,
        off: Annotated[bool, typer.Option("--off", help="Put them back on due now.")] = False,
    ) -> None:
        """Keep someone off `due` for a while; logging them ends the snooze.

        `due --all` lists who is snoozed. An overdue promise to them still shows: it is
        yours to keep.

        Example: network snooze alice 2w   (or: --until 2026-12-20, --off)
        """
        result = app.agenda.snooze(
            state.db_path(),
            person,
            span=span,
            until=until,
            off=off,
            today=state.today(),
            now=state.now(),
        )
        due_view.snoozed(result)


def __getattr__(name: str) -> Any:
    if name == "JSON_RESULTS":
        return {}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
