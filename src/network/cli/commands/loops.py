"""Closing loops: asks and their answers, thank-yous, promises, introductions and links."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from network import app as use_cases
from network.cli import completion, state
from network.cli.guard import guarded
from network.cli.options import Json, Limit, PersonArg, When, words
from network.cli.views import loops as view


def __getattr__(name: str) -> Any:
    """JSON_RESULTS, the result type each --json command prints (see cli/json_reference.py).

    Looked up on first use (PEP 562): building the result dataclasses costs every --help
    and TAB completion several milliseconds, and only the docs and their tests need them.
    """
    if name == "JSON_RESULTS":
        from network.app.loops import Asks, Promises

        return {"asks": Asks, "promises": Promises}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# `asks alice`, `promises alice`: one person's rows only (the store does the filtering)
PersonFilter = Annotated[
    str | None,
    typer.Argument(metavar="[PERSON]", help="Only this person.", autocompletion=completion.person),
]

NoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="A few words to keep with it.")
]


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""

    @app.command()
    @guarded
    def asks(
        person: PersonFilter = None,
        open_: Annotated[
            bool, typer.Option("--open", help="Only asks still waiting for an answer.")
        ] = False,
        limit: Limit = None,
        json: Json = False,
    ) -> None:
        """Your asks and their outcomes, newest first; open over 14 days shows as waiting.

        Record an ask with network ask (or log --ask); answer it with network answer.

        Example: network asks alice --open
        """
        # --json reads them all and cuts here: `more` says how many -n left out
        result = use_cases.loops.asks(
            state.db_path(),
            person,
            open_only=open_,
            limit=None if json else limit,
            today=state.today(),
        )
        view.asks(result.first(limit), json=json)

    @app.command()
    @guarded
    def answer(
        ask_ref: Annotated[
            str,
            typer.Argument(
                metavar="ASK",
                autocompletion=completion.ask_or_person,
                help="The ask's id (e12, as asks shows it), or the person when they have one open ask.",
            ),
        ],
        outcome: Annotated[
            str,
            typer.Argument(
                metavar="OUTCOME",
                help="granted, declined or partly.",
                autocompletion=completion.outcome,
            ),
        ],
        note: NoteOpt = None,
        when: When = None,
    ) -> None:
        """Record how an ask turned out; granted or partly leaves a thank-you owed.

        Example: network answer e12 granted --note "intro sent to Sam"
        """
        from network.domain.names import ENTRY_PREFIX, item_or_person

        ask_ref = item_or_person(ask_ref, ENTRY_PREFIX, "e12")
        result = use_cases.loops.answer(
            state.db_path(), ask_ref, outcome, note=note, when=when, now=state.now()
        )
        view.answered(result)

    @app.command()
    @guarded
    def thank(
        person: PersonArg,
        summary: Annotated[
            list[str] | None,
            typer.Argument(
                metavar="[SUMMARY...]",
                help="What you said or sent (quotes optional).",
                autocompletion=completion.nothing,
            ),
        ] = None,
        when: When = None,
    ) -> None:
        """Log a thank-you (a thanks deposit); it settles the oldest thank-you you owe them.

        Example: network thank alice "handwritten note for the intro"
        """
        view.thanked(
            use_cases.loops.thank(
                state.db_path(), person, words(summary), when=when, now=state.now()
            )
        )

    @app.command()
    @guarded
    def promise(
        person: PersonArg,
        summary: Annotated[
            list[str],
            typer.Argument(
                metavar="SUMMARY...",
                help="What you said you would do (quotes optional).",
                autocompletion=completion.nothing,
            ),
        ],
        by: Annotated[
            str | None,
            typer.Option(
                "--by",
                metavar="DATE",
                help="When you said it would be done: friday, 'in 2 weeks', 2026-12-01.",
            ),
        ] = None,
        when: Annotated[
            str | None,
            typer.Option(
                "--when",
                "-w",
                metavar="DATE",
                help="When you made the promise, if not today (then --by may be past too).",
            ),
        ] = None,
    ) -> None:
        """Record something you said you would do, and by when. Only promise what you can deliver.

        Examples:

          network promise bob "send the pitch deck" --by friday

          network promise carol "intro to Dan" --when "last monday" --by 2026-11-20
        """
        result = use_cases.loops.promise(
            state.db_path(), person, words(summary) or "", by=by, when=when, today=state.today()
        )
        view.promised(result)

    @app.command()
    @guarded
    def done(
        item: Annotated[
            str,
            typer.Argument(
                metavar="PROMISE",
                autocompletion=completion.promise_or_person,
                help="Its id (o3, as promises shows it), or the person when only one is open.",
            ),
        ],
        note: NoteOpt = None,
        when: When = None,
    ) -> None:
        """Deliver a promise (or close an intro follow-up or close-the-loop), logged as a deposit.

        Example: network done o3 --note "sent v2 of the deck"
        """
        from network.domain.names import OBLIGATION_PREFIX, item_or_person

        item = item_or_person(item, OBLIGATION_PREFIX, "o3")
        view.done(
            use_cases.loops.done(state.db_path(), item, note=note, when=when, now=state.now())
        )

    @app.command()
    @guarded
    def promises(
        person: PersonFilter = None,
        all_: Annotated[
            bool,
            typer.Option(
                "--all",
                "-a",
                help="Everything owed, open or done: promises, "
                "thank-yous, intro follow-ups, close-the-loop.",
            ),
        ] = False,
        limit: Limit = None,
        json: Json = False,
    ) -> None:
        """Open promises, soonest first; one past its date is broken-in-waiting.

        Example: network promises bob --all
        """
        # --json reads them all and cuts here: `more` says how many -n left out
        result = use_cases.loops.promises(
            state.db_path(),
            person,
            everything=all_,
            limit=None if json else limit,
            today=state.today(),
        )
        view.promises(result.first(limit), json=json)

    @app.command()
    @guarded
    def intro(
        a: Annotated[
            str,
            typer.Argument(
                metavar="A", help="One person you introduce.", autocompletion=completion.person
            ),
        ],
        b: Annotated[
            str,
            typer.Argument(
                metavar="B",
                help="The person you introduce them to.",
                autocompletion=completion.person,
            ),
        ],
        summary: Annotated[
            str | None, typer.Argument(metavar="[SUMMARY]", help="Why they should meet.")
        ] = None,
        follow_up: Annotated[
            str,
            typer.Option(
                "--follow-up", metavar="CADENCE", help="When to ask A how it went (14d, 3w)."
            ),
        ] = "14d",
        when: When = None,
    ) -> None:
        """Introduce two people: a deposit to both, they now know each other, and a follow-up.

        Example: network intro dana eve "both building EV charging startups"
        """
        result = use_cases.loops.intro(
            state.db_path(), a, b, summary, follow_up=follow_up, when=when, now=state.now()
        )
        view.introduced(result)

    @app.command()
    @guarded
    def link(
        a: Annotated[
            str, typer.Argument(metavar="A", help="One person.", autocompletion=completion.person)
        ],
        b: Annotated[
            str,
            typer.Argument(
                metavar="B", help="Someone they know.", autocompletion=completion.person
            ),
        ],
        context: Annotated[
            str | None, typer.Option("--context", metavar="TEXT", help="How they know each other.")
        ] = None,
    ) -> None:
        """Record that two people know each other (who-knows uses it to reach one step further).

        Example: network link alice bob --context "worked together at Acme"
        """
        view.linked(
            use_cases.loops.link(state.db_path(), a, b, context=context, today=state.today())
        )
