"""Closing loops on screen: asks and promises as tables, and the messages after each verb.

Tables go to stdout, messages to stderr (see output). The results come from app/loops.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from network.cli.views import output
from network.domain.names import entry_ref, obligation_ref

if TYPE_CHECKING:
    from network.app.loops import (
        Answered,
        AskRow,
        Asks,
        Done,
        Introduced,
        Linked,
        Promised,
        Promises,
        Thanked,
    )


def tell_effects(name: str, effects: Any, via_name: str | None = None) -> None:
    """Messages about the thank-yous and reminders an entry opened or settled."""
    from network.domain import loops as rules

    if effects.settled is not None:
        output.message(f"Thank-you settled: {rules.thanks_action(name, effects.settled.summary)}.")
    if effects.owed is not None:
        output.message(
            f"You owe {name} a thank-you ({effects.owed.summary}): network thank "
            f'"{name}" when you have said it.'
        )
    if effects.loop is not None and via_name:
        output.message(f"Once something comes of it, tell {via_name} how it went.")


def followed(guessed: str | None) -> None:
    """Say whose rows these are when the name typed matched only by similarity."""
    if guessed:
        output.message(f"Showing {guessed} (the closest name to what you typed).")


def asks(result: Asks, *, json: bool = False) -> None:
    """Asks as a table (or JSON), each with its outcome or how long it has waited."""
    if json:
        output.emit_json(result.to_json())
        return
    followed(result.guessed)
    if not result.asks:
        output.message(
            "No open asks."
            if result.open_only
            else 'No asks yet. Record one: network ask PERSON "what"'
        )
        return
    output.table(
        ["id", "date", "person", "ask", "outcome"],
        [[entry_ref(r.id), r.day.isoformat(), r.name, r.summary, _outcome(r)] for r in result.asks],
    )


def _outcome(row: AskRow) -> str:
    if row.waiting:
        return f"waiting ({output.plural(row.days_open, 'day')})"
    if row.state == "open":
        return f"open ({output.plural(row.days_open, 'day')})"
    note = f": {row.answer_note}" if row.answer_note else ""
    return f"{row.status} {row.answered_on.isoformat()}{note}"


def answered(result: Answered) -> None:
    """The outcome recorded, and the thank-you it leaves owed."""
    from network.domain import loops as rules

    name = result.name
    output.message(f"Ask {entry_ref(result.ask_id)} to {name} ({result.summary}): {result.status}.")
    if result.thanks_owed:
        output.message(
            f"You owe {name} a thank-you: {rules.thanks_action(name, result.summary)} — "
            f'network thank "{name}".'
        )


def thanked(result: Thanked) -> None:
    """The thanks logged, and whether it settled a thank-you owed."""
    name = result.name
    output.message(
        f"Logged thanks to {name} on {result.day.isoformat()}: {result.summary} "
        f"(+{result.points}, balance {output.signed(result.balance)})"
    )
    if result.effects.settled is None:
        output.message(f"No thank-you was owed to {name}; a thank-you is never wasted.")
    tell_effects(name, result.effects)


def promised(result: Promised) -> None:
    """The promise recorded, and how to mark it delivered."""
    output.message(
        f"Promise {obligation_ref(result.id)} to {result.name}: {result.summary}, "
        f"by {result.due_on.isoformat()}. When delivered: network done {obligation_ref(result.id)}"
    )


def done(result: Done) -> None:
    """What was delivered, and how late if it was a promise past its date."""
    from network.domain import loops as rules

    late = f" ({result.days_late} days late)" if result.days_late is not None else ""
    output.message(
        f"{rules.DONE_WORDS[result.kind]}{' to' if result.kind == 'promise' else ''} "
        f"{result.name}{late}: {result.summary} (+{result.points})"
    )


def promises(result: Promises, *, json: bool = False) -> None:
    """Promises (or everything owed) as a table, or JSON."""
    if json:
        output.emit_json(result.to_json())
        return
    followed(result.guessed)
    if not result.promises:
        output.message('No open promises. Record one: network promise PERSON "what" --by DATE')
        return
    everything = result.everything
    output.table(
        ["id", "kind", "person", "what", "by", "state"]
        if everything
        else ["id", "person", "what", "by", "state"],
        [
            ([obligation_ref(r.id), r.kind] if everything else [obligation_ref(r.id)])
            + [
                r.name,
                r.summary if r.kind == "promise" else r.action,
                r.due_on.isoformat() if r.due_on else "",
                r.state + (f" {r.done_on.isoformat()}" if r.done_on else ""),
            ]
            for r in result.promises
        ],
    )


def introduced(result: Introduced) -> None:
    """The introduction, the points with each, and when to follow up."""
    a, b = result.a_name, result.b_name
    points = (
        f"+{result.a_points} with each"
        if result.a_points == result.b_points
        else f"+{result.a_points} with {a}, +{result.b_points} with {b}"
    )
    output.message(
        f"Introduced {a} and {b} ({points}). On {result.follow_up_on.isoformat()} ask {a} "
        f"how it went (follow-up {obligation_ref(result.follow_up_id)})."
    )


def linked(result: Linked) -> None:
    """That the two know each other, new or recorded before."""
    a, b = result.a_name, result.b_name
    if result.created:
        output.message(f"Recorded: {a} and {b} know each other.")
    else:
        extra = "; context updated" if result.context_updated else ""
        output.message(f"{a} and {b} already know each other (recorded before{extra}).")
