"""`network brief`: a card per person you know at today's and tomorrow's meetings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json
from network.cli.views import brief as view


def __getattr__(name: str) -> Any:
    """JSON_RESULTS, built on first use (see cli/commands/loops.py)."""
    if name == "JSON_RESULTS":
        from network.app.brief import Brief

        return {"brief": Brief}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def register(cli: typer.Typer) -> None:
    """Add the command to the app."""

    @cli.command()
    @guarded
    def brief(
        what: Annotated[
            str | None,
            typer.Argument(
                metavar="[DATE|PERSON]",
                help="A day (tomorrow, friday, 2026-12-01) or a person (their next meeting).",
            ),
        ] = None,
        calendar: Annotated[
            Path | None,
            typer.Option(
                "--calendar", metavar="FILE", help="The .ics to read (default: [me] calendar)."
            ),
        ] = None,
        json: Json = False,
    ) -> None:
        """Before a meeting: one short card per person you know who will be there.

        Reads the calendar file named in the config ([me] calendar = "FILE.ics"; nothing
        of it is stored). For each meeting today and tomorrow (or on DATE, or the next one
        with PERSON): their last contact, balance, open asks, what you owe them (a promise,
        a thank-you), their strengths and a deposit to make.

        Example: network brief tomorrow
        """
        result = app.brief.brief(state.db_path(), what, today=state.today(), calendar=calendar)
        view.brief(result, as_json=json)
