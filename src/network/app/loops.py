"""Closing loops: asks and their answers, thank-yous, promises, introductions and links.

One function per verb; each opens the one transaction it needs and returns a result the
CLI's views (cli/views/loops.py) word. Only the standard library and the light layers are
imported at module level: the CLI imports this module for its JSON_RESULTS, and `--help`
must not load SQLModel (the write paths import the store inside their bodies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

from network.app.results import Result, doc, view_only
from network.domain import loops as rules

MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer

# the closed sets of words the JSON documents use (docs/json.md lists them)
Outcome = Literal["granted", "declined", "partly"]
AskStatus = Literal["open", "granted", "declined", "partly"]
AskState = Literal["waiting", "open", "granted", "declined", "partly"]
ObligationKind = Literal["promise", "thanks", "followup", "loop"]
ObligationState = Literal["kept", "kept late", "broken-in-waiting", "open", "done"]


# --- what the verbs return ----------------------------------------------------------------


@dataclass
class Owing:
    """An obligation an entry opened or settled, by id and in its words."""

    id: int = doc("The obligation's id.")
    summary: str = doc("What it is about.")


@dataclass
class Effects(Result):
    """What a logged entry did to open loops, for the messages after it."""

    settled: Owing | None = doc("A thank-you owed that this entry paid.", default=None)
    owed: Owing | None = doc("A thank-you now owed.", default=None)
    loop: Owing | None = doc("A close-the-loop reminder now open.", default=None)


def effects_of(effects: Any) -> Effects:
    """The plain form of store.writes.obligations.Effects (no SQLModel rows past the session)."""

    def owing(row: Any) -> Owing | None:
        return None if row is None else Owing(id=row.id, summary=row.summary)

    return Effects(
        settled=owing(effects.settled), owed=owing(effects.owed), loop=owing(effects.loop)
    )


@dataclass
class Answered(Result):
    """An ask's outcome recorded."""

    ask_id: int = doc("The ask's id.")
    name: str = doc("Whom you asked.")
    summary: str = doc("What you asked for.")
    status: Outcome = doc("How it turned out.")
    thanks_owed: bool = doc("Whether the answer left a thank-you owed (granted or partly).")


@dataclass
class Thanked(Result):
    """A thank-you logged as a deposit."""

    name: str = doc("Whom you thanked.")
    day: date = doc("The day of the thank-you.")
    summary: str = doc("What you said or sent.")
    points: int = doc("The deposit's points.")
    balance: int = doc("The balance with them afterwards.")
    effects: Effects = doc("The thank-you it settled, if one was owed.")


@dataclass
class Promised(Result):
    """A promise recorded."""

    id: int = doc("The promise's id (network done o7 delivers it, for id 7).")
    name: str = doc("Whom you promised.")
    summary: str = doc("What you said you would do.")
    due_on: date = doc("When you said it would be done.")


@dataclass
class Done(Result):
    """A promise, follow-up or close-the-loop delivered, logged as a deposit."""

    id: int = doc("The obligation's id.")
    kind: ObligationKind = doc("What was owed.")
    name: str = doc("Whom it was owed to.")
    summary: str = doc("The deposit's summary.")
    points: int = doc("The deposit's points.")
    days_late: int | None = doc("Days past a promise's date, when delivered late.")


@dataclass
class Introduced(Result):
    """Two people introduced: a deposit with each and a follow-up with the first."""

    a_name: str = doc("The person introduced (the follow-up is with them).")
    b_name: str = doc("The person they were introduced to.")
    a_points: int = doc("The deposit's points with A.")
    b_points: int = doc("The deposit's points with B.")
    follow_up_id: int = doc("The follow-up's id.")
    follow_up_on: date = doc("When to ask A how it went.")


@dataclass
class Linked(Result):
    """Two people recorded as knowing each other."""

    a_name: str = doc("One person.")
    b_name: str = doc("Someone they know.")
    created: bool = doc("False when the link was recorded before.")
    context_updated: bool = doc("Whether an earlier link's context was replaced.")


@dataclass
class AskRow:
    """One ask and how it turned out."""

    id: int = doc("The ask's id (network answer e12 …, for id 12).")
    person_id: int = doc("Whom you asked, by id.")
    name: str = doc("Whom you asked.")
    day: date = doc("When you asked.")
    kind: str = doc("The entry's kind (ask, intro, advice, …).")
    points: int = doc("The withdrawal's points.")
    summary: str = doc("What you asked for.")
    status: AskStatus = doc("Still open, or how it turned out.")
    answered_on: date | None = doc("When it was answered.")
    answer_note: str | None = doc("The note kept with the answer.")
    state: AskState = doc("waiting (open over 14 days), open, or the outcome.")
    days_open: int | None = doc("Days since the ask, while it is open.")
    waiting: bool = doc("Open for more than 14 days.")


@dataclass
class Asks(Result):
    """Your asks and their outcomes, newest first."""

    JSON_ROOT = "asks"

    asks: list[AskRow] = doc("Your asks, newest first.")
    open_only: bool = view_only(default=False)
    # the name followed when the one typed matched only by similarity (a read may guess)
    guessed: str | None = view_only(default=None)


@dataclass
class ObligationRow:
    """One thing owed: a promise, thank-you, intro follow-up or close-the-loop."""

    id: int = doc("The obligation's id (network done o7 closes it, for id 7).")
    kind: ObligationKind = doc("What is owed.")
    person_id: int = doc("Whom it is owed to, by id.")
    name: str = doc("Whom it is owed to.")
    summary: str = doc("What it is about.")
    created_on: date = doc("When it was opened.")
    due_on: date | None = doc("When it is due (promises and follow-ups).")
    done_on: date | None = doc("When it was done.")
    note: str | None = doc("The note kept when it was done.")
    other_id: int | None = doc("The other person of an introduction, by id.")
    other: str | None = doc("The other person of an introduction.")
    state: ObligationState = doc(
        "A promise: kept, kept late, broken-in-waiting (past its date) or open; else done or open."
    )
    broken: bool = doc("A promise past its date and not done.")
    action: str = doc("What to do, in words.")


@dataclass
class Promises(Result):
    """Open promises soonest first, or (with --all) everything owed, open or done."""

    JSON_ROOT = "promises"

    promises: list[ObligationRow] = doc("The promises (or, with --all, every obligation).")
    everything: bool = view_only(default=False)
    # the name followed when the one typed matched only by similarity (a read may guess)
    guessed: str | None = view_only(default=None)


# --- reading what was typed ----------------------------------------------------------------


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


def _moment(when: str | None, now: datetime) -> tuple[date, time | None]:
    """The day and time of day `when` names (as the shared --when option promises), else now's day."""
    from network.common import dates

    return dates.parse_moment(when, now) if when else (now.date(), None)


# --- the verbs -----------------------------------------------------------------------------


def asks(
    db_path: Path,
    person: str | None = None,
    *,
    open_only: bool = False,
    limit: int | None = None,
    today: date,
) -> Asks:
    """Your asks and their outcomes, newest first: everyone's or one person's (a misspelt
    name is followed to the one person it is close to, and `guessed` names them), only the
    open ones with open_only, the first `limit` of them."""
    from network.store import connection as db
    from network.store.reads import obligations as obligation_queries
    from network.store.reads import people as queries

    with db.reading(db_path) as reader:
        match = queries.find_match(reader, person) if person else None
        found = obligation_queries.asks(
            reader, open_only=open_only, person_id=match and match.id, limit=limit
        )
    rows = [AskRow(**rules.ask_row(r, today)) for r in found]
    return Asks(asks=rows, open_only=open_only, guessed=_guessed(match))


def _guessed(match: Any) -> str | None:
    """The name a listing followed by similarity alone (None when it was typed surely)."""
    return match.name if match is not None and match.how == "fuzzy" else None


def answer(
    db_path: Path, ask: str, outcome: str, *, note: str | None, when: str | None, now: datetime
) -> Answered:
    """Record how an ask turned out: `ask` is its id, or a person with one open ask."""
    from network.store import connection as db
    from network.store import undo
    from network.store.reads import people as queries
    from network.store.writes import ledger, obligations

    day, _ = _moment(when, now)  # an answer is kept by day
    rules.check_outcome(outcome)
    with db.write_session(db_path) as session:
        ask_id = _ref(ask)
        if ask_id is None:
            person_id, name = queries.find_person(db.SessionReader(session), ask)
            ask_id = obligations.open_ask_of(session, person_id, name)
        entry, owed = obligations.answer(session, ask_id, outcome, note, day)
        name = ledger.get(session, entry.person_id).name  # the ask's, however it was named
        undo.describe(session, f"answer: ask {ask_id} to {name} {outcome}")
        return Answered(
            ask_id=ask_id,
            name=name,
            summary=entry.summary,
            status=entry.status,
            thanks_owed=owed is not None,
        )


def thank(
    db_path: Path, person: str, summary: str | None, *, when: str | None, now: datetime
) -> Thanked:
    """Log a thank-you as a deposit; it settles the oldest thank-you owed to them."""
    from network.store import connection as db
    from network.store import undo
    from network.store.reads import people as queries
    from network.store.writes import ledger, obligations

    day, at = _moment(when, now)
    with db.write_session(db_path) as session:
        person_id, name = queries.find_person(db.SessionReader(session), person)
        entry, effects = obligations.thank(session, person_id, summary, day, at, now)
        undo.describe(session, f"thank: {entry.summary} with {name}")
        return Thanked(
            name=name,
            day=day,
            summary=entry.summary,
            points=entry.points,
            balance=ledger.get(session, person_id).balance,
            effects=effects_of(effects),
        )


def promise(
    db_path: Path, person: str, summary: str, *, by: str | None, when: str | None, today: date
) -> Promised:
    """Record something you said you would do, by a day (`when` it was said, if not today)."""
    from network.common import dates
    from network.store import connection as db
    from network.store import undo
    from network.store.reads import people as queries
    from network.store.writes import obligations

    made_on = dates.parse_day(when, today) if when is not None else today
    # "by friday" means the Friday after the promise was made; a promise recorded late
    # may already be past its date, and then due shows it as overdue
    due_on = dates.parse_day(by, made_on, future=True) if by is not None else None
    with db.write_session(db_path) as session:
        person_id, name = queries.find_person(db.SessionReader(session), person)
        made = obligations.promise(session, person_id, summary, due_on, made_on)
        undo.describe(session, f"promise: {made.summary} to {name}")
        return Promised(id=made.id, name=name, summary=made.summary, due_on=made.due_on)


def done(db_path: Path, item: str, *, note: str | None, when: str | None, now: datetime) -> Done:
    """Deliver a promise or close a follow-up: `item` is its id, or a person with one open."""
    from network.store import connection as db
    from network.store import undo
    from network.store.reads import people as queries
    from network.store.writes import ledger, obligations

    day, at = _moment(when, now)
    with db.write_session(db_path) as session:
        item_id = _ref(item)
        if item_id is None:
            person_id, name = queries.find_person(db.SessionReader(session), item)
            item_id = obligations.open_obligation_of(session, person_id, name)
        closed, entry = obligations.done(session, item_id, note, day, now, at)
        name = ledger.get(session, closed.person_id).name  # the obligation's, however named
        late = closed.kind == "promise" and closed.due_on is not None and day > closed.due_on
        undo.describe(session, f"done: {closed.kind} {closed.id} with {name}")
        return Done(
            id=closed.id,
            kind=closed.kind,
            name=name,
            summary=entry.summary,
            points=entry.points,
            days_late=(day - closed.due_on).days if late else None,
        )


def promises(
    db_path: Path,
    person: str | None = None,
    *,
    everything: bool = False,
    limit: int | None = None,
    today: date,
) -> Promises:
    """Open promises soonest first; with everything, every obligation, open or done.
    Everyone's or one person's (followed by similarity as `asks` does), the first `limit`."""
    from network.store import connection as db
    from network.store.reads import obligations as obligation_queries
    from network.store.reads import people as queries

    with db.reading(db_path) as reader:
        match = queries.find_match(reader, person) if person else None
        found = obligation_queries.obligations(
            reader,
            person_id=match and match.id,
            kind=None if everything else "promise",
            open_only=not everything,
            limit=limit,
        )
    rows = [ObligationRow(**rules.obligation_row(r, today)) for r in found]
    return Promises(promises=rows, everything=everything, guessed=_guessed(match))


def intro(
    db_path: Path,
    a: str,
    b: str,
    summary: str | None,
    *,
    follow_up: str,
    when: str | None,
    now: datetime,
) -> Introduced:
    """Introduce two people: a deposit with both, a link, and a follow-up with A."""
    from network.common import dates
    from network.store import connection as db
    from network.store import undo
    from network.store.reads import people as queries
    from network.store.writes import obligations

    day, at = _moment(when, now)
    gap = dates.parse_cadence(follow_up)
    with db.write_session(db_path) as session:
        reader = db.SessionReader(session)
        a_id, a_name = queries.find_person(reader, a)
        b_id, b_name = queries.find_person(reader, b)
        to_a, to_b, follow = obligations.intro(session, a_id, b_id, summary, day, gap, now, at)
        undo.describe(session, f"intro: {a_name} and {b_name}")
        return Introduced(
            a_name=a_name,
            b_name=b_name,
            a_points=to_a.points,
            b_points=to_b.points,
            follow_up_id=follow.id,
            follow_up_on=follow.due_on,
        )


def link(db_path: Path, a: str, b: str, *, context: str | None, today: date) -> Linked:
    """Record that two people know each other (a second time only updates the context)."""
    from network.store import connection as db
    from network.store import undo
    from network.store.reads import people as queries
    from network.store.writes import obligations

    with db.write_session(db_path) as session:
        reader = db.SessionReader(session)
        a_id, a_name = queries.find_person(reader, a)
        b_id, b_name = queries.find_person(reader, b)
        _, created = obligations.link(session, a_id, b_id, context, today)
        undo.describe(session, f"link: {a_name} and {b_name}")
    return Linked(
        a_name=a_name,
        b_name=b_name,
        created=created,
        context_updated=bool(context) and not created,
    )
