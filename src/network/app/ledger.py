"""The ledger's use cases: record what happened (log, give, ask) and read it back
(history, balance).

The result types are defined here, beside the verbs that return them, and the module
imports nothing heavy at load time: the CLI names these types in `JSON_RESULTS` when it
starts, and `--help` must not pay for SQLite or SQLModel. The store is imported inside
each verb, where the work is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

from network.app.results import Result, doc, view_only
from network.common.errors import UnknownPerson


class NotYetKnown(UnknownPerson):
    """The person to record with is not in the network; `add_if_unknown=True` adds them.

    A subclass, so the CLI offers to add this person and not, say, an unknown `--via`.
    """


# --- recording ------------------------------------------------------------------------


@dataclass
class ObligationRef:
    """An obligation an entry opened or closed (a thank-you, a close-the-loop reminder)."""

    id: int = doc("The obligation's id (what `done` takes).")
    summary: str = doc("What it is about.")


@dataclass
class Effects:
    """What an entry did to open loops (the view tells each one)."""

    settled: ObligationRef | None = doc(
        "A thank-you owed, now paid by this thanks deposit.", default=None
    )
    owed: ObligationRef | None = doc("A thank-you now owed for help received.", default=None)
    loop: ObligationRef | None = doc(
        "A close-the-loop reminder now open with the introducer.", default=None
    )


@dataclass
class Recorded(Result):
    """One entry written by `log`, `give` or `ask`, and what it changed."""

    entry_id: int = doc("The entry's id (an ask's id is what `answer` takes).")
    person_id: int = doc("Who it was with.")
    name: str = doc("Their name.")
    added: bool = doc("Whether they were added to the network first.")
    day: date = doc("The day it happened.")
    at: time | None = doc("The time of day, when given.")
    flow: Literal["deposit", "withdrawal"] = doc("`deposit` (you gave) or `withdrawal`.")
    received: bool = doc("Help they gave unasked (a withdrawal that leaves a thank-you owed).")
    kind: str = doc("The kind of entry.")
    points: int = doc("Its weight.")
    summary: str = doc("What happened.")
    status: str | None = doc("`open` for an ask (its outcome is tracked), else null.")
    balance_before: int = doc("Their balance before this entry.")
    balance: int = doc("Their balance after it.")
    asked_while_overdrawn: bool = doc(
        "An ask made while their balance was zero or below (`ask` warns)."
    )
    via_name: str | None = doc("Who introduced you (`--via`), else null.")
    effects: Effects = view_only(default_factory=Effects)


def _ref(obligation: Any) -> ObligationRef | None:
    return (
        None if obligation is None else ObligationRef(id=obligation.id, summary=obligation.summary)
    )


def _check_direction(summary: str, *, flow: str, kind: str | None, received: bool) -> None:
    """A deposit whose summary says you asked ("asked for an intro") is refused, not booked
    as the +5 its words suggest; naming a --kind says what you gave and is taken as said."""
    from network.common.errors import BadInput
    from network.domain.kinds import reads_as_ask

    if flow == "deposit" and kind is None and not received and reads_as_ask(summary):
        raise BadInput(
            f'"{summary}" reads as an ask, and this records a deposit',
            "if you asked them, add --ask (or use network ask); if they asked you, "
            "say what you gave with --kind (for example --kind help)",
        )


def record(
    db_path: Path,
    person: str,
    summary: str,
    *,
    flow: Literal["deposit", "withdrawal"],
    now: datetime,
    when_text: str | None = None,
    day: date | None = None,
    at: time | None = None,
    kind: str | None = None,
    points: int | None = None,
    group: bool = False,
    private: bool = False,
    received: bool = False,
    via: str | None = None,
    add_if_unknown: bool = False,
    command: str = "log",
) -> Recorded:
    """Write one entry and its effects on open loops in one transaction, resolving the name once.

    The day is `when_text` read against `now`, else `day` (and `at`), else today. An unknown
    person raises NotYetKnown from inside the transaction, so nothing is written; call again
    with `add_if_unknown=True` to add them first. `command` names the verb in the undo
    history ("give: intro to Sam with Bob Li").
    """
    from network.common import dates
    from network.store import connection, undo
    from network.store.reads import people as queries
    from network.store.writes import ledger, obligations

    _check_direction(summary, flow=flow, kind=kind, received=received)
    if when_text:
        day, at = dates.parse_moment(when_text, now)
    elif day is None:
        day, at = now.date(), None
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
    with connection.write_session(db_path) as session:
        reader = connection.SessionReader(session)
        added = False
        try:
            person_id, name = queries.find_person(reader, person)
        except UnknownPerson as exc:
            if not add_if_unknown:
                raise NotYetKnown(exc.query, exc.suggestions) from None
            someone = ledger.add_person(session, ledger.Profile(name=person), now.date())
            person_id, name, added = someone.id, someone.name, True
        entry, before = ledger.log_entry(session, person_id, new, now)
        effects = obligations.after_entry(session, entry)
        via_name = None
        if via is not None:
            via_id, via_name = queries.find_person(reader, via)
            effects.loop = obligations.set_via(session, person_id, via_id, day, entry=entry)
        undo.describe(
            session, f"{command}: {entry.summary} with {name}" + (" (added them)" if added else "")
        )
    change = entry.points if flow == "deposit" else -entry.points
    return Recorded(
        entry_id=entry.id,
        person_id=person_id,
        name=name,
        added=added,
        day=entry.day,
        at=entry.at,
        flow=flow,
        received=received,
        kind=entry.kind,
        points=entry.points,
        summary=entry.summary,
        status=entry.status,
        balance_before=before,
        balance=before + change,
        # the rule behind `ask`'s warning: give before you ask again
        asked_while_overdrawn=flow == "withdrawal" and before <= 0 and not received,
        via_name=via_name,
        effects=Effects(
            settled=_ref(effects.settled),
            owed=_ref(effects.owed),
            loop=_ref(effects.loop),
        ),
    )


# --- correcting one entry -------------------------------------------------------------


@dataclass
class EntryChanged(Result):
    """One entry after `entry edit` or `entry rm`, and its person's balance either side."""

    id: int = doc("The entry's id.")
    person_id: int = doc("Whose ledger it is in.")
    name: str = doc("Their name.")
    day: date = doc("The day it happened.")
    at: time | None = doc("The time of day, when given.")
    kind: str = doc("The kind of entry.")
    flow: Literal["deposit", "withdrawal"] = doc("`deposit` (you gave) or `withdrawal`.")
    points: int = doc("Its weight.")
    summary: str = doc("What happened.")
    private: bool = doc("Kept out of exports unless asked for.")
    removed: bool = doc("Whether the entry was removed (`entry rm`).")
    balance_before: int = doc("Their balance before the change.")
    balance: int = doc("Their balance after it.")
    dropped: int = doc("Open thank-yous and follow-ups the removed entry had created, removed.")
    reopened: int = doc("Promises the removed entry had delivered, open again.")


def _changed(entry: Any, name: str, before: int, after: int, **extra: Any) -> EntryChanged:
    fields = entry if isinstance(entry, dict) else entry.model_dump()
    return EntryChanged(
        id=fields["id"],
        person_id=fields["person_id"],
        name=name,
        day=fields["day"],
        at=fields["at"],
        kind=fields["kind"],
        flow=fields["flow"],
        points=fields["points"],
        summary=fields["summary"],
        private=bool(fields["private"]),
        balance_before=before,
        balance=after,
        **{"removed": False, "dropped": 0, "reopened": 0, **extra},
    )


def edit_entry(
    db_path: Path,
    entry_id: int,
    *,
    now: datetime,
    summary: str | None = None,
    when_text: str | None = None,
    kind: str | None = None,
    points: int | None = None,
    private: bool | None = None,
) -> EntryChanged:
    """Change one entry's summary, day, kind, points or privacy; the person's balance, last
    contact and next due follow in the same transaction."""
    from network.common import dates
    from network.common.errors import BadInput
    from network.store import connection, undo
    from network.store.writes import ledger

    if all(v is None for v in (summary, when_text, kind, points, private)):
        raise BadInput(
            "nothing to change",
            "give --summary, --when, --kind, --points, --private or --public",
        )
    edit = ledger.EntryEdit(summary=summary, kind=kind, points=points, private=private)
    if when_text is not None:
        edit.day, edit.at = dates.parse_moment(when_text, now)
    with connection.write_session(db_path) as session:
        entry, before = ledger.edit_entry(session, entry_id, edit)
        person = ledger.get(session, entry.person_id)
        undo.describe(session, f"entry edit {entry_id}: {entry.summary} with {person.name}")
        return _changed(entry, person.name, before, person.balance)


def remove_entry(db_path: Path, entry_id: int) -> EntryChanged:
    """Remove one entry; the person's stored values follow, and what it had opened goes."""
    from network.store import connection, undo
    from network.store.writes import ledger

    with connection.write_session(db_path) as session:
        removed = ledger.remove_entry(session, entry_id)
        name = ledger.get(session, removed.entry["person_id"]).name
        undo.describe(session, f"entry rm {entry_id}: {removed.entry['summary']} with {name}")
        return _changed(
            removed.entry,
            name,
            removed.balance_before,
            removed.balance,
            removed=True,
            dropped=removed.dropped,
            reopened=removed.reopened,
        )


# --- reading back ---------------------------------------------------------------------


@dataclass
class HistoryEntry(Result):
    """One ledger line."""

    id: int = doc("The entry's id.")
    person_id: int = doc("Who it was with.")
    name: str = doc("Their name.")
    day: date = doc("The day it happened.")
    at: str | None = doc('The time of day ("15:30"), or null.')
    kind: str = doc("The kind of entry (coffee, intro, advice, …).")
    flow: Literal["deposit", "withdrawal"] = doc("`deposit` (you gave) or `withdrawal`.")
    points: int = doc("Its weight.")
    summary: str = doc("What happened.")
    is_group: bool = doc("A group event (does not reset a close tie's cadence).")
    private: bool = doc("Kept out of exports unless asked for.")


@dataclass
class History(Result):
    """The ledger, newest first."""

    JSON_ROOT = "entries"

    entries: list[HistoryEntry] = doc("the entries, newest first.")
    # the name followed when the one typed matched only by similarity (a read may guess)
    guessed: str | None = view_only(default=None)


def history(
    db_path: Path,
    person: str | None = None,
    *,
    since_text: str | None = None,
    grep: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    today: date,
) -> History:
    """Ledger lines, newest first: everyone's or one person's (a misspelt name is followed
    to the one person it is close to, and `guessed` names them), from a day on, of one
    kind, whose summary holds `grep` (any case, accents ignored), the first `limit`."""
    from network.common import dates
    from network.common.text import fold
    from network.store import connection
    from network.store.reads import people as queries

    start = dates.parse_day(since_text, today) if since_text else None
    wanted = fold(grep) if grep else None
    match = None
    with connection.reading(db_path) as reader:
        # a read may follow a name that matches only by similarity; the view says so
        match = queries.find_match(reader, person) if person else None
        rows = queries.entries(
            reader,
            person_id=match and match.id,
            since=start,
            kind=kind.strip().lower() if kind else None,
            # folding accents has no SQL on both engines: --grep reads all, then cuts
            limit=None if wanted else limit,
        )
    if wanted:
        rows = [row for row in rows if wanted in fold(row["summary"])][:limit]
    return History(
        entries=[HistoryEntry(**row) for row in rows],
        guessed=match.name if match and match.how == "fuzzy" else None,
    )


@dataclass
class Signal:
    """A give-and-take signal (as `show` gives them)."""

    signal: str = doc("Its name: overdrawn, red_flag, leaning or one_sided.")
    reason: str = doc("Why, in words.")


@dataclass
class PersonBalance(Result):
    """What you gave and asked with one person."""

    id: int = doc("The person's id.")
    name: str = doc("Their name.")
    tie: Literal["close", "casual", "roster"] = doc("How close you are.")
    deposits: int = doc("Points given.")
    withdrawals: int = doc("Points asked (and received unasked).")
    entries: int = doc("How many entries.")
    balance: int = doc("Deposit points minus withdrawal points.")
    signals: list[Signal] = doc("Give-and-take signals, as in `show`.")


@dataclass
class Balance(Result):
    """What you gave and asked, in all and per person (overdrawn first)."""

    JSON_ROOT = "people"  # a listing: the people are its items

    deposits: int = doc("Points given, in all.")
    withdrawals: int = doc("Points asked, in all.")
    balance: int = doc("Deposits minus withdrawals.")
    people: list[PersonBalance] = doc(
        "Everyone with an entry, lowest balance first.", default_factory=list
    )


def balance(db_path: Path, *, today: date) -> Balance:
    """Deposits and withdrawals per person with their signals, lowest balance first."""
    from network.app import reciprocity
    from network.store import connection
    from network.store.reads import people as queries

    with connection.reading(db_path) as reader:
        totals = queries.flow_totals(reader)
        people = queries.people(reader, sort="balance", archived=True)
        found = reciprocity.signals_for(reader, today)
    rows = [
        PersonBalance(
            id=p["id"],
            name=p["name"],
            tie=p["tie"],
            deposits=t["deposits"],
            withdrawals=t["withdrawals"],
            entries=t["count"],
            balance=p["balance"],
            signals=[Signal(**s) for s in found.get(p["id"], [])],
        )
        for p in people
        if (t := totals.get(p["id"]))
    ]
    rows.sort(key=lambda r: (r.balance, r.name.casefold()))
    deposits = sum(r.deposits for r in rows)
    withdrawals = sum(r.withdrawals for r in rows)
    return Balance(
        deposits=deposits, withdrawals=withdrawals, balance=deposits - withdrawals, people=rows
    )
