"""Recording what happened (log, give, ask) and reading the ledger back (history, balance)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from network.cli import state
from network.cli.guard import guarded
from network.cli.options import Group, Json, Kind, PersonArg, Points, Private, Summary, When
from network.cli.views import output


def _ask_to_add(name: str) -> bool:
    """On a terminal, offer to add someone unknown; elsewhere never prompt."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return False
    return typer.confirm(f'"{name}" is not in your network yet. Add them?', default=False, err=True)


def record(
    person: str,
    summary: str,
    *,
    flow: str,
    when: str | None,
    kind: str | None,
    points: int | None,
    group: bool,
    private: bool,
    received: bool = False,
    via: str | None = None,
) -> None:
    """Resolve the person, parse the date, write the entry and its effects in one transaction."""
    from network.common import dates
    from network.common.errors import UnknownPerson
    from network.store import connection as db
    from network.store.reads import people as queries
    from network.store.writes import ledger, obligations

    now = state.now()
    day, at = dates.parse_moment(when, now) if when else (now.date(), None)
    new = ledger.NewEntry(
        summary=summary,
        flow=flow,
        day=day,
        at=at,
        kind=kind,
        points=points,
        is_group=group,
        private=private,
        received=received,
    )
    path = state.db_path()
    add_first = False
    # ask before taking the write lock: a prompt left open must not block other writers
    with db.reading(path) as lookup:
        try:
            queries.find_person(lookup, person)
        except UnknownPerson:
            if not _ask_to_add(person):
                raise
            add_first = True
    with db.write_session(path) as session:
        reader = db.SessionReader(session)
        if add_first:
            added = ledger.add_person(session, ledger.Profile(name=person), now.date())
            person_id, name = added.id, added.name
        else:
            person_id, name = queries.find_person(reader, person)
        entry, before = ledger.log_entry(session, person_id, new, now)
        effects = obligations.after_entry(session, entry)
        if via is not None:
            via_id, via_name = queries.find_person(reader, via)
            effects.loop = obligations.set_via(session, person_id, via_id, day)
        after = entry.points if flow == "deposit" else -entry.points
        balance = before + after
    if flow == "withdrawal" and before <= 0 and not received:
        output.warn(
            f"{name}'s balance was {output.signed(before)} before this ask: give before you ask again."
        )
    word = "deposit" if flow == "deposit" else ("help received" if received else "ask")
    output.message(
        f"Logged {word} with {name} on {day.isoformat()}: {entry.summary} "
        f"({'+' if flow == 'deposit' else '-'}{entry.points}, balance {output.signed(balance)})"
        + (f" [ask {entry.id}]" if entry.status == "open" else "")
    )
    from network.cli.views import loops as loops_view

    loops_view.tell_effects(name, effects, via_name if via is not None else None)


LOG_HELP = """Record what just happened with someone: a deposit unless --ask.

Time you give is a deposit; asking for something is a withdrawal.

Examples:

  network log alice "coffee chat, she's hiring"

  network log "Bob Li" "sent article on EV batteries" --kind article --when yesterday

  network log carol "asked for resume feedback" --ask

  network log dan "sent me a job lead" --received

  network log frank "coffee, talked about the role" --via carol
"""


def register(app: typer.Typer) -> None:
    """Add these commands to the app."""

    @app.command(help=LOG_HELP)
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
                "--via", metavar="PERSON", help="Who introduced you (you will report back)."
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
            summary,
            flow="withdrawal" if ask or received else "deposit",
            when=when,
            kind=kind,
            points=points,
            group=group,
            private=private,
            received=received,
            via=via,
        )

    @app.command()
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
            summary,
            flow="deposit",
            when=when,
            kind=kind,
            points=points,
            group=group,
            private=private,
        )

    @app.command()
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
            summary,
            flow="withdrawal",
            when=when,
            kind=kind,
            points=points,
            group=group,
            private=private,
        )

    @app.command()
    @guarded
    def history(
        person: Annotated[
            str | None, typer.Argument(metavar="[PERSON]", help="Only this person.")
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", metavar="DATE", help="From this date on.")
        ] = None,
        json: Json = False,
    ) -> None:
        """The ledger, newest first.

        Example: network history alice --since "3 months ago"
        """
        from network.common import dates
        from network.store import connection as db
        from network.store.reads import people as queries

        today = state.today()
        start = dates.parse_day(since, today) if since else None
        with db.reading(state.db_path()) as reader:
            person_id = queries.find_person(reader, person)[0] if person else None
            rows = queries.entries(reader, person_id=person_id, since=start)
        if json:
            output.emit_json(rows)
            return
        if not rows:
            output.message('No entries yet. Record one: network log PERSON "what happened"')
            return
        from network.cli.views import person as render

        render.ledger(rows, names=True)

    @app.command()
    @guarded
    def balance(json: Json = False) -> None:
        """What you gave and asked, per person: overdrawn first.

        Balance is deposit points minus withdrawal points.

        Example: network balance --json
        """
        from network.app import reciprocity
        from network.store import connection as db
        from network.store.reads import people as queries

        with db.reading(state.db_path()) as reader:
            totals = queries.flow_totals(reader)
            people = queries.people(reader, sort="balance", archived=True)
            found = reciprocity.signals_for(reader, state.today())
        rows = []
        for p in people:
            t = totals.get(p["id"])
            if not t:
                continue
            rows.append(
                {
                    "id": p["id"],
                    "name": p["name"],
                    "tie": p["tie"],
                    "deposits": t["deposits"],
                    "withdrawals": t["withdrawals"],
                    "entries": t["count"],
                    "balance": p["balance"],
                    "signals": found.get(p["id"], []),
                }
            )
        rows.sort(key=lambda r: (r["balance"], r["name"].casefold()))
        summary = {
            "deposits": sum(r["deposits"] for r in rows),
            "withdrawals": sum(r["withdrawals"] for r in rows),
        }
        summary["balance"] = summary["deposits"] - summary["withdrawals"]
        if json:
            output.emit_json({**summary, "people": rows})
            return
        if not rows:
            output.message('No entries yet. Record one: network log PERSON "what happened"')
            return
        output.table(
            ["person", "tie", "given", "asked", "balance", "signals"],
            [
                [
                    r["name"],
                    r["tie"],
                    r["deposits"],
                    r["withdrawals"],
                    output.signed(r["balance"]),
                    "; ".join(
                        f"{s['signal'].replace('_', '-')}: {s['reason']}" for s in r["signals"]
                    ),
                ]
                for r in rows
            ],
            caption=f"In all: given {summary['deposits']}, asked {summary['withdrawals']}, "
            f"balance {output.signed(summary['balance'])}",
        )
