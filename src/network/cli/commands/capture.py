"""`network capture` and `network inbox`: interactions from your own mail and calendar files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from network import app
from network.cli import state
from network.cli.guard import guarded
from network.cli.helpgroups import WholeHelpGroup
from network.cli.options import Json, Tie
from network.cli.views import capture as view

SOURCES = ("mail", "calendar")


def __getattr__(name: str) -> Any:
    """JSON_RESULTS, built on first use (see cli/commands/loops.py)."""
    if name == "JSON_RESULTS":
        from network.app.capture import Captured
        from network.app.inbox import Accepted, Ignored, Inbox

        return {
            "capture": Captured,
            "inbox": Inbox,
            "inbox accept": Accepted,
            "inbox ignore": Ignored,
        }
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _since(text: str | None) -> Any:
    if text is None:
        return None
    from network.common.dates import parse_day

    return parse_day(text, state.today())


def register(cli: typer.Typer) -> None:
    """Add the commands to the app."""

    @cli.command()
    @guarded
    def capture(
        source: Annotated[
            str,
            typer.Argument(
                metavar="SOURCE",
                help="mail (an mbox file or Maildir folder) or calendar (.ics or a folder of them).",
                autocompletion=lambda incomplete: [s for s in SOURCES if s.startswith(incomplete)],
            ),
        ],
        path: Annotated[Path, typer.Argument(metavar="PATH", help="The file or folder to read.")],
        since: Annotated[
            str | None,
            typer.Option("--since", metavar="DATE", help="Leave out what happened before DATE."),
        ] = None,
        subjects: Annotated[
            bool,
            typer.Option(
                "--subjects", help="Keep each subject (event title) as the entry's summary."
            ),
        ] = False,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Show what would be captured; write nothing.")
        ] = False,
        json: Json = False,
    ) -> None:
        """Log who you were in touch with, from your own mail or calendar files: nothing uploaded.

        Mail: headers only (From, To, Cc, Date, Message-ID, In-Reply-To, List-Id,
        Precedence, Auto-Submitted; Subject only with --subjects), never bodies; at most one
        entry per person, thread and day, saying which way it went. Calendar: past
        meetings with attendees; a meeting with more than one other person is a group
        entry, and people met together become links. Lists, no-reply senders, more than 20
        people, recurring all-hands, declined events, your own and your company's addresses
        are skipped and counted. An address that is exactly one person's is logged to them;
        the rest wait in network inbox. Running it again adds only what is new; network
        undo takes a capture back. Your addresses: [me] emails in the config, else your
        Sent folder (see docs/capture.md).

        Example: network capture mail ~/Mail/archive.mbox --since 2024-01-01
        """
        kind = source.strip().lower()
        if kind not in SOURCES:
            from network.common.errors import BadInput

            raise BadInput(f'cannot capture from "{source}"', "use mail or calendar")
        verb = app.capture.capture_mail if kind == "mail" else app.capture.capture_calendar
        result = verb(
            state.db_path(),
            path,
            today=state.today(),
            since=_since(since),
            subjects=subjects,
            dry_run=dry_run,
            progress=view.progress,
        )
        view.captured(result, as_json=json)

    inbox = typer.Typer(
        cls=WholeHelpGroup,
        no_args_is_help=False,
        add_completion=False,
        invoke_without_command=True,
        help=(
            "What capture could not place, by address: accept it as someone, or ignore it.\n\n"
            "Without a command: the list, proposed new people first (you wrote each other both "
            "ways at least twice). network inbox accept ADDRESS --as PERSON (or --new NAME) "
            "places all of an address's items and remembers the address; network inbox ignore "
            "ADDRESS sets it aside now and in later captures.\n\n"
            'Example: network inbox accept sam@example.com --new "Sam Lee" --tie casual'
        ),
    )
    cli.add_typer(inbox, name="inbox")

    @inbox.callback()
    @guarded
    def listing(ctx: typer.Context, json: Json = False) -> None:
        """What capture could not place, by address."""
        if ctx.invoked_subcommand is None:
            view.inbox(app.inbox.inbox(state.db_path()), as_json=json)

    @inbox.command("accept")
    @guarded
    def accept(
        address: Annotated[str, typer.Argument(metavar="ADDRESS", help="The e-mail address.")],
        person: Annotated[
            str | None,
            typer.Option("--as", metavar="PERSON", help="Someone already in your network."),
        ] = None,
        new: Annotated[
            str | None, typer.Option("--new", metavar="NAME", help="Add them under this name.")
        ] = None,
        tie: Tie = None,
        json: Json = False,
    ) -> None:
        """Place every waiting item of ADDRESS with a person, and remember the address.

        Example: network inbox accept sam@example.com --as "Sam Lee"
        """
        result = app.inbox.accept(
            state.db_path(), address, person=person, new=new, tie=tie, now=state.now()
        )
        view.accepted(result, as_json=json)

    @inbox.command("ignore")
    @guarded
    def ignore(
        address: Annotated[str, typer.Argument(metavar="ADDRESS", help="The e-mail address.")],
        json: Json = False,
    ) -> None:
        """Set ADDRESS aside: its waiting items go, and later captures skip it.

        Example: network inbox ignore deals@shop.example
        """
        view.ignored(app.inbox.ignore(state.db_path(), address, today=state.today()), as_json=json)
