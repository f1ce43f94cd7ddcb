"""Recording what happened (log, give, ask) and reading the ledger back (history, balance)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from network import app
from network.cli import completion, state
from network.cli.guard import guarded
from network.cli.options import (
    Group,
    Json,
    Kind,
    Limit,
    PersonArg,
    Points,
    Private,
    Summary,
    When,
    words,
)
from network.cli.views import ledger as view
from network.cli.views import output
from network.domain.names import GuessedPerson


def __getattr__(name: str) -> Any:
    """JSON_RESULTS, built on first use (PEP 562): defining the result types costs --help ~4 ms."""
    if name == "JSON_RESULTS":
        return {"history": app.ledger.History, "balance": app.ledger.Balance}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _on_terminal() -> bool:
    """Whether a person is there to answer a question (never prompt a script or a pipe)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def _ask_to_add(name: str) -> bool:
    """On a terminal, offer to add someone unknown; elsewhere never prompt."""
    if not _on_terminal():
        return False
    return output.confirm(f'"{name}" is not in your network yet. Add them?', default=False)


def _confirm_guess(guess: GuessedPerson) -> bool:
    """On a terminal, ask whether a name that only looks like someone's meant them."""
    if not _on_terminal():
        return False
    return output.confirm(f"Log to {guess.match.name}?", default=True)


def record(person: str, summary: str, **options: Any) -> None:
    """Record the entry; someone unknown is offered to be added, a misspelt name to be
    confirmed (on a terminal), then it is recorded again.

    The app raises before writing anything, so each question is asked with no lock held;
    the confirmed person is then named by id, so the second call cannot guess again.
    """
    now, path = state.now(), state.db_path()
    for _ in range(3):  # the person and --via may each need a confirmation
        try:
            result = app.ledger.record(path, person, summary, now=now, **options)
            break
        except GuessedPerson as guess:
            if not _confirm_guess(guess):
                raise
            if guess.query == person:
                person = f"#{guess.match.id}"
            else:
                options["via"] = f"#{guess.match.id}"
        except app.ledger.NotYetKnown:
            if not _ask_to_add(person):
                raise
            options["add_if_unknown"] = True
    else:  # pragma: no cover - every round either records, raises or confirms one name
        raise RuntimeError("the names could not be confirmed")
    view.recorded(result)


LOG_HELP = """Record what just happened with someone: a deposit unless --ask.

Time you give is a deposit; asking for something is a withdrawal.

Examples:

  network log alice "coffee chat, she's hiring"

  network log "Bob Li" "sent article on EV batteries" --kind article --when yesterday

  network log carol "asked for resume feedback" --ask

  network log dan "sent me a job lead" --received

  network log frank "coffee, talked about the role" --via carol
"""


def register(cli: typer.Typer) -> None:
    """Add these commands to the app."""

    @cli.command(help=LOG_HELP)
    @guarded
    def log(
        person: PersonArg,
        summary: Summary,
        when: When = None,
        kind: Kind = None,
        ask: Annotated[
            bool, typer.Option("--ask", help="A withdrawal: you asked them for something.")
        ] = False,
        received: Annotated[
            bool,
            typer.Option("--received", help="Help they gave you unasked: leaves a thank-you owed."),
        ] = False,
        via: Annotated[
            str | None,
            typer.Option(
                "--via",
                metavar="PERSON",
                help="Who introduced you (you will report back).",
                autocompletion=completion.person,
            ),
        ] = None,
        group: Group = False,
        private: Private = False,
        points: Points = None,
    ) -> None:
        if ask and received:
            from network.common.errors import BadInput

            raise BadInput(
                "--ask and --received cannot go together",
                "--ask is something you asked for; --received is help given unasked",
            )
        record(
            person,
            words(summary) or "",
            flow="withdrawal" if ask or received else "deposit",
            when_text=when,
            kind=kind,
            points=points,
            group=group,
            private=private,
            received=received,
            via=via,
            command="log",
        )

    @cli.command()
    @guarded
    def give(
        person: PersonArg,
        summary: Summary,
        when: When = None,
        kind: Kind = None,
        group: Group = False,
        private: Private = False,
        points: Points = None,
    ) -> None:
        """Record a deposit: something you gave (an article, an intro, help, thanks).

        Example: network give alice "intro to Sam at Stripe" --kind intro
        """
        record(
            person,
            words(summary) or "",
            command="give",
            flow="deposit",
            when_text=when,
            kind=kind,
            points=points,
            group=group,
            private=private,
        )

    @cli.command()
    @guarded
    def ask(
        person: PersonArg,
        summary: Summary,
        when: When = None,
        kind: Kind = None,
        group: Group = False,
        private: Private = False,
        points: Points = None,
    ) -> None:
        """Record a withdrawal: something you asked of them (advice, an intro, a referral).

        Warns, but still records, when their balance is at or below zero.

        Example: network ask bob "advice on negotiating an offer" --kind advice
        """
        record(
            person,
            words(summary) or "",
            command="ask",
            flow="withdrawal",
            when_text=when,
            kind=kind,
            points=points,
            group=group,
            private=private,
        )

    @cli.command()
    @guarded
    def history(
        person: Annotated[
            str | None,
            typer.Argument(
                metavar="[PERSON]", help="Only this person.", autocompletion=completion.person
            ),
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", metavar="DATE", help="From this date on.")
        ] = None,
        grep: Annotated[
            str | None,
            typer.Option(
                "--grep",
                "-g",
                metavar="TEXT",
                help="Only entries whose summary holds this (any case, accents ignored).",
            ),
        ] = None,
        kind: Kind = None,
        limit: Limit = None,
        json: Json = False,
    ) -> None:
        """The ledger, newest first.

        Example: network history alice --since "3 months ago" --grep coffee -n 10
        """
        result = app.ledger.history(
            state.db_path(),
            person,
            since_text=since,
            grep=grep,
            kind=kind,
            # --json reads them all and cuts here: `more` says how many -n left out
            limit=None if json else limit,
            today=state.today(),
        ).first(limit)
        if json:
            output.emit_json(result.to_json())
            return
        view.history(result)

    @cli.command()
    @guarded
    def balance(limit: Limit = None, json: Json = False) -> None:
        """What you gave and asked, per person: overdrawn first.

        Balance is deposit points minus withdrawal points.

        Example: network balance --json
        """
        result = app.ledger.balance(state.db_path(), today=state.today()).first(limit)
        if json:
            output.emit_json(result.to_json())
            return
        view.balance(result)
