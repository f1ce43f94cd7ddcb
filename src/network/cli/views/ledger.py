"""The ledger on screen: what `log`, `give` and `ask` recorded, `history` and `balance`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from network.cli.views import output
from network.domain.names import entry_ref

if TYPE_CHECKING:
    from network.app.ledger import Balance, EntryChanged, History, Recorded

NOTHING_YET = 'No entries yet. Record one: network log PERSON "what happened"'


def recorded(result: Recorded) -> None:
    """The warning for an ask while overdrawn, the line that says what was logged, its effects."""
    from network.cli.views import loops

    if result.asked_while_overdrawn:
        output.warn(
            f"{result.name}'s balance was {output.signed(result.balance_before)} before this ask: "
            "give before you ask."
        )
    deposit = result.flow == "deposit"
    word = "deposit" if deposit else ("help received" if result.received else "ask")
    output.message(
        f"Logged {word} with {result.name} on {result.day.isoformat()}: {result.summary} "
        f"({'+' if deposit else '-'}{result.points}, balance {output.signed(result.balance)})"
        + (f" [ask {entry_ref(result.entry_id)}]" if result.status == "open" else "")
    )
    loops.tell_effects(result.name, result.effects, result.via_name)


def history(result: History) -> None:
    """The ledger lines as a table, with names; a hint when there are none. A name that
    was followed by similarity is said first, so a guess is never taken unseen."""
    if result.guessed:
        output.message(f"Showing {result.guessed} (the closest name to what you typed).")
    if not result.entries:
        output.message(NOTHING_YET)
        return
    from network.cli.views import person

    # the shared ledger table reads lines as mappings (show passes its rows as they are)
    person.ledger([vars(entry) for entry in result.entries], names=True)


def balance(result: Balance) -> None:
    """Given, asked and balance per person with their signals, and the totals as a caption."""
    if not result.people:
        output.message(NOTHING_YET)
        return
    output.table(
        ["person", "tie", "given", "asked", "balance", "signals"],
        [
            [
                r.name,
                r.tie,
                r.deposits,
                r.withdrawals,
                output.signed(r.balance),
                "; ".join(f"{s.signal.replace('_', '-')}: {s.reason}" for s in r.signals),
            ]
            for r in result.people
        ],
        caption=f"In all: given {result.deposits}, asked {result.withdrawals}, "
        f"balance {output.signed(result.balance)}",
    )


def entry_changed(result: EntryChanged) -> None:
    """What `entry edit` or `entry rm` did, and the balance either side."""
    sign = "+" if result.flow == "deposit" else "-"
    what = f"{result.day.isoformat()} {result.kind} {sign}{result.points}: {result.summary}" + (
        " (private)" if result.private else ""
    )
    if result.removed:
        output.message(f"Removed entry {entry_ref(result.id)} with {result.name}: {what}")
        if result.dropped:
            output.message(f"Also removed {result.dropped} open item(s) it had created.")
        if result.reopened:
            output.message(f"Reopened {result.reopened} promise(s) it had delivered.")
    else:
        output.message(f"Entry {entry_ref(result.id)} with {result.name} is now: {what}")
    if result.balance != result.balance_before:
        output.message(
            f"{result.name}'s balance: {output.signed(result.balance_before)} -> "
            f"{output.signed(result.balance)}"
        )
