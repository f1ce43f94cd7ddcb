"""Correcting the ledger: `entry edit ID` and `entry rm ID` change one entry."""

from __future__ import annotations

from typing import Annotated

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.helpgroups import WholeHelpGroup
from network.cli.options import Kind, Points, When
from network.cli.views import ledger as view
from network.domain.names import entry_number

EntryId = Annotated[
    str,
    typer.Argument(metavar="ID", help="The entry's id: e12 (or 12), as history and show print it."),
]


def register(cli: typer.Typer) -> None:
    """Add the `entry` group to the app."""
    group = typer.Typer(
        cls=WholeHelpGroup,
        help="Correct one ledger entry: edit or remove it; balances and due dates follow.\n\n"
        'Example: network entry edit e12 --summary "lunch, not coffee" --kind meal',
        no_args_is_help=True,
    )
    cli.add_typer(group, name="entry")

    @group.command()
    @guarded
    def edit(
        entry_id: EntryId,
        summary: Annotated[
            str | None, typer.Option("--summary", "-s", metavar="TEXT", help="What happened.")
        ] = None,
        when: When = None,
        kind: Kind = None,
        points: Points = None,
        private: Annotated[
            bool | None,
            typer.Option(
                "--private/--public", help="Keep out of exports unless asked for, or not."
            ),
        ] = None,
    ) -> None:
        """Change one entry; only the options given change. A new --kind brings its points.

        The person's balance, last contact and next due date follow.

        Example: network entry edit e12 --when yesterday --kind meal
        """
        result = app.ledger.edit_entry(
            state.db_path(),
            entry_number(entry_id),
            now=state.now(),
            summary=summary,
            when_text=when,
            kind=kind,
            points=points,
            private=private,
        )
        view.entry_changed(result)

    @group.command()
    @guarded
    def rm(entry_id: EntryId) -> None:
        """Remove one entry (network undo brings it back).

        A thank-you or follow-up it opened goes with it while still open; a promise it
        delivered is open again. The person's balance and dates follow.

        Example: network entry rm e12
        """
        view.entry_changed(app.ledger.remove_entry(state.db_path(), entry_number(entry_id)))
