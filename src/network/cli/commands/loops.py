"""Closing loops: asks and their answers, thank-yous, promises, introductions and links."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Json, PersonArg, When
from network.cli.views import loops as loops_view
from network.cli.views import output

MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer

NoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="A few words to keep with it.")
]


def _ref(text: str) -> int | None:
    """An id typed as 12 or #12 (ASCII digits only: "²" is a digit int() refuses); else None."""
    value = text.strip().lstrip("#")
    if not (value.isascii() and value.isdigit()):
        return None
    if int(value) > MAX_ROW_ID:
        # no row can have it, and SQLite cannot even be asked about it
        from network.common.errors import BadInput

        raise BadInput(
            f"there is no ask or promise {value}", "see network asks and network promises"
        )
    return int(value)


def _moment(when: str | None) -> tuple[date, time | None]:
    """The day and time of day --when names (as the shared option promises), else now's day."""
    from network.common import dates

    now = state.now()
    return dates.parse_moment(when, now) if when else (now.date(), None)


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""

    @app.command()
    @guarded
    def asks(
        open_: Annotated[
            bool, typer.Option("--open", help="Only asks still waiting for an answer.")
        ] = False,
        json: Json = False,
    ) -> None:
        """Your asks and their outcomes, newest first; open over 14 days shows as waiting.

        Record an ask with network ask (or log --ask); answer it with network answer.

        Example: network asks --open
        """
        from network.domain import loops as rules
        from network.store import connection as db
        from network.store.reads import obligations as obligation_queries

        today = state.today()
        with db.reading(state.db_path()) as reader:
            found = obligation_queries.asks(reader, open_only=open_)
        rows = [rules.ask_row(r, today) for r in found]
        if json:
            output.emit_json(rows)
            return
        if not rows:
            output.message(
                "No open asks." if open_ else 'No asks yet. Record one: network ask PERSON "what"'
            )
            return
        output.table(
            ["id", "date", "person", "ask", "outcome"],
            [
                [
                    r["id"],
                    r["day"].isoformat(),
                    r["name"],
                    r["summary"],
                    (
                        f"waiting ({r['days_open']} days)"
                        if r["waiting"]
                        else f"open ({r['days_open']} days)"
                        if r["state"] == "open"
                        else f"{r['status']} {r['answered_on'].isoformat()}"
                        + (f": {r['answer_note']}" if r["answer_note"] else "")
                    ),
                ]
                for r in rows
            ],
        )

    @app.command()
    @guarded
    def answer(
        ask_ref: Annotated[
            str,
            typer.Argument(
                metavar="ASK", help="The ask's id, or the person when they have one open ask."
            ),
        ],
        outcome: Annotated[
            str, typer.Argument(metavar="OUTCOME", help="granted, declined or partly.")
        ],
        note: NoteOpt = None,
        when: When = None,
    ) -> None:
        """Record how an ask turned out; granted or partly leaves a thank-you owed.

        Example: network answer 12 granted --note "intro sent to Sam"
        """
        from network.domain import loops as rules
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import obligations

        day, _ = _moment(when)  # an answer is kept by day
        rules.check_outcome(outcome)
        with db.write_session(state.db_path()) as session:
            ask_id = _ref(ask_ref)
            if ask_id is None:
                person_id, name = queries.find_person(db.SessionReader(session), ask_ref)
                ask_id = obligations.open_ask_of(session, person_id, name)
            entry, owed = obligations.answer(session, ask_id, outcome, note, day)
            name = queries.person(db.SessionReader(session), entry.person_id)["name"]
            summary, status = entry.summary, entry.status
        output.message(f"Ask {ask_id} to {name} ({summary}): {status}.")
        if owed is not None:
            output.message(
                f"You owe {name} a thank-you: {rules.thanks_action(name, summary)} — "
                f'network thank "{name}".'
            )

    @app.command()
    @guarded
    def thank(
        person: PersonArg,
        summary: Annotated[
            str | None, typer.Argument(metavar="[SUMMARY]", help="What you said or sent.")
        ] = None,
        when: When = None,
    ) -> None:
        """Log a thank-you (a thanks deposit); it settles the oldest thank-you you owe them.

        Example: network thank alice "handwritten note for the intro"
        """
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import ledger, obligations

        day, at = _moment(when)
        with db.write_session(state.db_path()) as session:
            person_id, name = queries.find_person(db.SessionReader(session), person)
            entry, effects = obligations.thank(session, person_id, summary, day, at, state.now())
            text, balance = entry.summary, ledger.get(session, person_id).balance
        output.message(
            f"Logged thanks to {name} on {day.isoformat()}: {text} "
            f"(+{entry.points}, balance {output.signed(balance)})"
        )
        if effects.settled is None:
            output.message(f"No thank-you was owed to {name}; a thank-you is never wasted.")
        loops_view.tell_effects(name, effects)

    @app.command()
    @guarded
    def promise(
        person: PersonArg,
        summary: Annotated[
            str, typer.Argument(metavar="SUMMARY", help="What you said you would do.")
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
        from network.common import dates
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import obligations

        today = state.today()
        made_on = dates.parse_day(when, today) if when is not None else today
        # "by friday" means the Friday after the promise was made; a promise recorded late
        # may already be past its date, and then due shows it as overdue
        due_on = dates.parse_day(by, made_on, future=True) if by is not None else None
        with db.write_session(state.db_path()) as session:
            person_id, name = queries.find_person(db.SessionReader(session), person)
            made = obligations.promise(session, person_id, summary, due_on, made_on)
            made_id, text = made.id, made.summary
        output.message(
            f"Promise {made_id} to {name}: {text}, by {due_on.isoformat()}. "
            f"When delivered: network done {made_id}"
        )

    @app.command()
    @guarded
    def done(
        item: Annotated[
            str,
            typer.Argument(metavar="PROMISE", help="Its id, or the person when only one is open."),
        ],
        note: NoteOpt = None,
        when: When = None,
    ) -> None:
        """Deliver a promise (or close an intro follow-up or close-the-loop), logged as a deposit.

        Example: network done 3 --note "sent v2 of the deck"
        """
        from network.domain import loops as rules
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import obligations

        day, at = _moment(when)
        with db.write_session(state.db_path()) as session:
            item_id = _ref(item)
            if item_id is None:
                person_id, name = queries.find_person(db.SessionReader(session), item)
                item_id = obligations.open_obligation_of(session, person_id, name)
            closed, entry = obligations.done(session, item_id, note, day, state.now(), at)
            name = queries.person(db.SessionReader(session), closed.person_id)["name"]
            kind, due_on, text, points = closed.kind, closed.due_on, entry.summary, entry.points
        late = (
            f" ({(day - due_on).days} days late)"
            if kind == "promise" and due_on and day > due_on
            else ""
        )
        output.message(f"{rules.DONE_WORDS[kind]} {name}{late}: {text} (+{points})")

    @app.command()
    @guarded
    def promises(
        all_: Annotated[
            bool,
            typer.Option(
                "--all",
                "-a",
                help="Everything owed, open or done: promises, "
                "thank-yous, intro follow-ups, close-the-loop.",
            ),
        ] = False,
        json: Json = False,
    ) -> None:
        """Open promises, soonest first; one past its date is broken-in-waiting.

        Example: network promises --json
        """
        from network.domain import loops as rules
        from network.store import connection as db
        from network.store.reads import obligations as obligation_queries

        today = state.today()
        with db.reading(state.db_path()) as reader:
            found = obligation_queries.obligations(
                reader, kind=None if all_ else "promise", open_only=not all_
            )
        rows = [rules.obligation_row(r, today) for r in found]
        if json:
            output.emit_json(rows)
            return
        if not rows:
            output.message('No open promises. Record one: network promise PERSON "what" --by DATE')
            return
        output.table(
            ["id", "kind", "to", "what", "by", "state"]
            if all_
            else ["id", "to", "what", "by", "state"],
            [
                ([r["id"], r["kind"]] if all_ else [r["id"]])
                + [
                    r["name"],
                    r["summary"] if r["kind"] == "promise" else r["action"],
                    r["due_on"].isoformat() if r["due_on"] else "",
                    r["state"] + (f" {r['done_on'].isoformat()}" if r["done_on"] else ""),
                ]
                for r in rows
            ],
        )

    @app.command()
    @guarded
    def intro(
        a: Annotated[str, typer.Argument(metavar="A", help="One person you introduce.")],
        b: Annotated[str, typer.Argument(metavar="B", help="The person you introduce them to.")],
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
        from network.common import dates
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import obligations

        day, at = _moment(when)
        gap = dates.parse_cadence(follow_up)
        with db.write_session(state.db_path()) as session:
            reader = db.SessionReader(session)
            a_id, a_name = queries.find_person(reader, a)
            b_id, b_name = queries.find_person(reader, b)
            to_a, to_b, follow = obligations.intro(
                session, a_id, b_id, summary, day, gap, state.now(), at
            )
            follow_id, follow_on = follow.id, follow.due_on
            points = (
                f"+{to_a.points} with each"
                if to_a.points == to_b.points
                else f"+{to_a.points} with {a_name}, +{to_b.points} with {b_name}"
            )
        output.message(
            f"Introduced {a_name} and {b_name} ({points}). "
            f"On {follow_on.isoformat()} ask {a_name} how it went (follow-up {follow_id})."
        )

    @app.command()
    @guarded
    def link(
        a: Annotated[str, typer.Argument(metavar="A", help="One person.")],
        b: Annotated[str, typer.Argument(metavar="B", help="Someone they know.")],
        context: Annotated[
            str | None, typer.Option("--context", metavar="TEXT", help="How they know each other.")
        ] = None,
    ) -> None:
        """Record that two people know each other (who-knows uses it to reach one step further).

        Example: network link alice bob --context "worked together at Acme"
        """
        from network.store import connection as db
        from network.store.reads import people as queries
        from network.store.writes import obligations

        with db.write_session(state.db_path()) as session:
            reader = db.SessionReader(session)
            a_id, a_name = queries.find_person(reader, a)
            b_id, b_name = queries.find_person(reader, b)
            _, created = obligations.link(session, a_id, b_id, context, state.today())
        if created:
            output.message(f"Recorded: {a_name} and {b_name} know each other.")
        else:
            extra = "; context updated" if context else ""
            output.message(
                f"{a_name} and {b_name} already know each other (recorded before{extra})."
            )
