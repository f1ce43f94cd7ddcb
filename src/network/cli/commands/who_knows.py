"""`network who-knows TOPIC`: who can help, and whom it is fair to ask now."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json, Limit
from network.cli.views import who_knows as who_knows_view

DEFAULT_SHOWN = 10


def register(cli: typer.Typer) -> None:
    """Add the command to the app."""

    @cli.command("who-knows")
    @guarded
    def who_knows(
        topic: Annotated[
            str, typer.Argument(metavar="TOPIC", help="What you need help with: cars, resumes…")
        ],
        limit: Limit = None,
        team: Annotated[
            bool,
            typer.Option(
                "--team",
                help="Also people other team members know (a team on PostgreSQL: docs/team.md).",
            ),
        ] = False,
        json: Json = False,
    ) -> None:
        """People who know a topic, ranked by fit and by relationship health.

        Matches strengths ignoring case, plurals and accents ("car" finds "cars" and
        "car buying"); company, title and notes count for less. Each row says why it
        ranks where it does and whether it is fair to ask now. Someone you lean on
        (3 asks in 90 days) ranks lower and says so. Someone you barely know shows
        the best-placed person you know well who knows them ("via Alice — close, +6").

        A terminal shows the best 10 (--limit N for more); --json lists everyone.
        --team (a team network on PostgreSQL) adds the people other members know and
        whom on the team to ask for the introduction.

        Example: network who-knows cars --limit 5
        """
        if team:  # the same as `network team who-knows TOPIC`
            from network.cli.views import team as team_view

            team_view.who_knows(
                app.team.who_knows(state.db_path(), topic, today=state.today()), json
            )
            return
        # a terminal shows the best few (a popular topic can match hundreds); JSON has all
        shown = limit or (None if json else DEFAULT_SHOWN)
        found = app.who_knows.who_knows(state.db_path(), topic, today=state.today(), limit=shown)
        who_knows_view.show(found, json)


def __getattr__(name: str) -> Any:
    # built on first use, so --help and TAB completion import no app module (see due.py)
    if name == "JSON_RESULTS":
        from network.app.who_knows import WhoKnows

        return {"who-knows": WhoKnows}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
