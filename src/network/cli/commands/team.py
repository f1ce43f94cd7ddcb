"""`network team …`: a network on a PostgreSQL server shared by a team (docs/team.md)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from network import app
from network.cli import completion, state
from network.cli.guard import guarded
from network.cli.helpgroups import WholeHelpGroup
from network.cli.options import Json
from network.cli.views import team as team_view


def register(cli: typer.Typer) -> None:
    """Add the `team` command group to the app."""
    team = typer.Typer(
        cls=WholeHelpGroup,
        no_args_is_help=True,
        add_completion=False,
        help=(
            "A network on a PostgreSQL server shared by a team: each member's ledger "
            "private, the people they know shared.\n\n"
            "Commands: init (as the database owner), remove ROLE, private PERSON, who-knows TOPIC. "
            "See docs/team.md.\n\n"
            "Example: network --db postgresql://admin@db/team team init --member alice --member bob"
        ),
    )
    cli.add_typer(team, name="team")

    @team.command("init")
    @guarded
    def init(
        member: Annotated[
            list[str] | None,
            typer.Option("--member", metavar="ROLE", help="A member's database role (repeat)."),
        ] = None,
    ) -> None:
        """Set up the network for a team and give each member role access to their own rows.

        Run as the role that owns the network's tables. Row-level security keeps each
        member's people, ledger, strengths, notes and obligations to that member; the team
        directory shares names, companies, titles, ties and strengths. Running it again
        adds members.

        Example: network team init --member alice --member bob
        """
        team_view.ready(app.team.init(state.db_path(), member or []))

    @team.command("remove")
    @guarded
    def remove(
        role: Annotated[str, typer.Argument(metavar="ROLE", help="The member's database role.")],
    ) -> None:
        """Remove a member: their rows, their directory entries and their access.

        Example: network team remove bob
        """
        team_view.removed(app.team.remove(state.db_path(), role))

    @team.command("private")
    @guarded
    def private(
        person: Annotated[
            str,
            typer.Argument(
                metavar="PERSON", help="One of your people.", autocompletion=completion.person
            ),
        ],
        undo: Annotated[bool, typer.Option("--undo", help="Publish them again.")] = False,
    ) -> None:
        """Keep one of your people out of the team directory (their name, company, strengths).

        Example: network team private "Dan Roe"   (and back: --undo)
        """
        team_view.unlisted(app.team.private(state.db_path(), person, undo=undo))

    @team.command("who-knows")
    @guarded
    def who_knows(
        topic: Annotated[str, typer.Argument(metavar="TOPIC", help="What you need help with.")],
        json: Json = False,
    ) -> None:
        """Who knows a topic across the team, and whom on the team to ask for the intro.

        Your own people first, ranked with your own ledger (balance, recent asks); then the
        people other members know, closest tie first.

        Example: network team who-knows cars
        """
        team_view.who_knows(app.team.who_knows(state.db_path(), topic, today=state.today()), json)


def __getattr__(name: str) -> Any:
    """JSON_RESULTS, built on first use (see cli/commands/loops.py)."""
    if name == "JSON_RESULTS":
        from network.app.team import TeamWhoKnows

        return {"team who-knows": TeamWhoKnows}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
