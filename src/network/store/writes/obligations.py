"""Write-side operations that open and close loops: asks, thank-yous, promises, intros, links.

Each function runs inside the caller's one write transaction and checks everything
before it writes, so an error leaves the database as it was (the session rolls back).

How obligations open and close:
- a granted or partly granted ask, and help received unasked, leave a `thanks` owed;
  any `thanks` deposit with that person settles the oldest one;
- `promise` opens a `promise` with a date; `done` delivers it as a deposit;
- `intro A B` opens a `followup` with A, due after the follow-up gap;
- being introduced (`--via`) opens a `loop` with the introducer; `done` closes
  follow-ups and loops, logging the message you sent as a deposit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from network.common.errors import BadInput, NetworkError
from network.domain import loops as rules
from network.domain.fields import clean
from network.store.schema import Entry, Link, Obligation
from network.store.writes import ledger


class UnknownItem(NetworkError):
    """No ask or obligation has the id given."""


@dataclass
class Effects:
    """What a logged entry did to obligations, for the message after it."""

    settled: Obligation | None = None  # a thank-you owed, now paid
    owed: Obligation | None = None  # a thank-you now owed
    loop: Obligation | None = None  # a close-the-loop reminder now open


# --- after any entry --------------------------------------------------------------------


def after_entry(session: Session, entry: Entry) -> Effects:
    """Help received leaves a thank-you owed; a thanks deposit settles the oldest one owed."""
    effects = Effects()
    if entry.received:
        effects.owed = _owe_thanks(session, entry, entry.day)
    elif entry.flow == "deposit" and entry.kind == "thanks":
        owed = _oldest_thanks_owed(session, entry.person_id)
        if owed is not None:
            owed.done_on = entry.day
            session.add(owed)
            effects.settled = owed
    session.flush()
    return effects


def _owe_thanks(session: Session, entry: Entry, day: date) -> Obligation:
    """A thank-you owed for an entry, in its words and as private as it is."""
    owed = Obligation(
        person_id=entry.person_id,
        kind="thanks",
        summary=entry.summary,
        created_on=day,
        entry_id=entry.id,
        private=entry.private,
    )
    session.add(owed)
    session.flush()
    return owed


def _oldest_thanks_owed(session: Session, person_id: int) -> Obligation | None:
    """The thank-you a thanks deposit with this person settles: the oldest one still owed."""
    return session.exec(
        select(Obligation)
        .where(
            Obligation.person_id == person_id,
            Obligation.kind == "thanks",
            Obligation.done_on.is_(None),
        )
        .order_by(Obligation.created_on, Obligation.id)
    ).first()


# --- who introduced whom ----------------------------------------------------------------


def _ensure_link(
    session: Session,
    a_id: int,
    b_id: int,
    context: str | None,
    day: date,
    entry_id: int | None = None,
) -> tuple[Link, bool]:
    low, high = min(a_id, b_id), max(a_id, b_id)
    link = session.exec(select(Link).where(Link.a_id == low, Link.b_id == high)).first()
    if link is not None:
        if context:
            link.context = context
            session.add(link)
        return link, False
    link = Link(a_id=low, b_id=high, context=context, created_on=day, entry_id=entry_id)
    session.add(link)
    session.flush()
    return link, True


def set_via(
    session: Session, person_id: int, via_id: int, day: date, entry: Entry | None = None
) -> Obligation | None:
    """Record that via_id introduced you to person_id: a link and a close-the-loop reminder.

    When an entry told it (`log … --via`), both carry the entry's id and the reminder its
    privacy, so a private entry's introduction stays out of exports with it.
    """
    if person_id == via_id:
        raise BadInput(
            "someone cannot introduce you to themself", "name who introduced you with --via"
        )
    person = ledger.get(session, person_id)
    introducer = ledger.get(session, via_id)
    if person.via_id == via_id:
        return None
    if person.via_id is not None:
        earlier = ledger.get(session, person.via_id)
        raise BadInput(
            f"{person.name} was already introduced to you by {earlier.name}",
            "leave --via out, or record the new acquaintance with network link",
        )
    person.via_id = via_id
    session.add(person)
    entry_id = entry.id if entry is not None else None
    _ensure_link(
        session, person_id, via_id, f"{introducer.name} introduced you", day, entry_id=entry_id
    )
    loop = Obligation(
        person_id=via_id,
        kind="loop",
        summary=f"introduced you to {person.name}",
        created_on=day,
        other_id=person_id,
        entry_id=entry_id,
        private=bool(entry is not None and entry.private),
    )
    session.add(loop)
    session.flush()
    return loop


def link(
    session: Session, a_id: int, b_id: int, context: str | None, day: date
) -> tuple[Link, bool]:
    """Record that two people know each other; returns the link and whether it is new."""
    if a_id == b_id:
        raise BadInput("a person cannot be linked to themself", "name two different people")
    ledger.get(session, a_id)
    ledger.get(session, b_id)
    return _ensure_link(session, a_id, b_id, clean(context, "met"), day)


# --- asks -------------------------------------------------------------------------------


def _one(rows: list, what: str, name: str, listing: str) -> int:
    if not rows:
        raise NetworkError(f"{name} has no open {what}", f"see {listing}")
    if len(rows) > 1:
        ids = ", ".join(str(r.id) for r in rows)
        raise BadInput(
            f"{name} has {len(rows)} open {what}s (ids {ids})", f"give the id; see {listing}"
        )
    return rows[0].id


def open_ask_of(session: Session, person_id: int, name: str) -> int:
    """The id of someone's one open ask (an error when they have none or several)."""
    rows = session.exec(
        select(Entry).where(Entry.person_id == person_id, Entry.status == "open").order_by(Entry.id)
    ).all()
    return _one(list(rows), "ask", name, "network asks --open")


def answer(
    session: Session, ask_id: int, outcome: str, note: str | None, day: date
) -> tuple[Entry, Obligation | None]:
    """Record an ask's outcome; granted or partly leaves a thank-you owed."""
    outcome = rules.check_outcome(outcome)
    note = clean(note, "summary")
    entry = session.get(Entry, ask_id)
    if entry is None:
        raise UnknownItem(f"there is no ask {ask_id}", "see the ids with network asks")
    if entry.status is None:
        raise BadInput(f"entry {ask_id} is not an ask", "see the ids with network asks")
    if entry.status != "open":
        raise BadInput(
            f"ask {ask_id} was already answered: {entry.status} on {entry.answered_on.isoformat()}",
            "an answer is recorded once; see network asks",
        )
    if day < entry.day:
        raise BadInput(
            f"the answer ({day.isoformat()}) is before the ask ({entry.day.isoformat()})",
            "give a later --when",
        )
    entry.status, entry.answered_on, entry.answer_note = outcome, day, note
    session.add(entry)
    owed = None
    if outcome in ("granted", "partly"):
        owed = _owe_thanks(session, entry, day)
    # the person's oldest open ask may have been this one
    ledger.refresh(session, ledger.get(session, entry.person_id))
    return entry, owed


# --- thanks, promises, follow-ups -------------------------------------------------------


def _deposit(
    session: Session,
    person_id: int,
    summary: str,
    kind: str | None,
    day: date,
    at: time | None,
    now: datetime,
    private: bool = False,
) -> Entry:
    new = ledger.NewEntry(
        summary=summary, flow="deposit", day=day, at=at, kind=kind, private=private
    )
    entry, _ = ledger.log_entry(session, person_id, new, now)
    return entry


def thank(
    session: Session, person_id: int, summary: str | None, day: date, at: time | None, now: datetime
) -> tuple[Entry, Effects]:
    """A thanks deposit; it settles the oldest thank-you owed to them, if any.

    Thanks for private help is private too: without a summary it repeats the help's words.
    """
    summary = clean(summary, "summary")
    owed = _oldest_thanks_owed(session, person_id)
    if summary is None:
        summary = f"thanked them: {owed.summary}"[:1000] if owed else "said thank you"
    private = owed is not None and owed.private
    entry = _deposit(session, person_id, summary, "thanks", day, at, now, private)
    return entry, after_entry(session, entry)


def promise(
    session: Session, person_id: int, summary: str, by: date | None, today: date
) -> Obligation:
    """Record something you said you would do, by a date."""
    summary = clean(summary, "summary", required=True)
    if by is None:
        raise BadInput(
            "a promise needs a date", "add --by DATE, e.g. --by friday or --by 2026-12-01"
        )
    ledger.get(session, person_id)
    made = Obligation(
        person_id=person_id, kind="promise", summary=summary, created_on=today, due_on=by
    )
    session.add(made)
    session.flush()
    return made


def open_obligation_of(session: Session, person_id: int, name: str) -> int:
    """Someone's one open promise, else their one open follow-up or loop."""
    base = select(Obligation).where(Obligation.person_id == person_id, Obligation.done_on.is_(None))
    promises = session.exec(base.where(Obligation.kind == "promise").order_by(Obligation.id)).all()
    if promises:
        return _one(list(promises), "promise", name, "network promises")
    others = session.exec(
        base.where(Obligation.kind.in_(("followup", "loop"))).order_by(Obligation.id)
    ).all()
    return _one(list(others), "promise or follow-up", name, "network promises --all")


def done(
    session: Session,
    obligation_id: int,
    note: str | None,
    day: date,
    now: datetime,
    at: time | None = None,
) -> tuple[Obligation, Entry]:
    """Close an open obligation, logging what you did as a deposit."""
    note = clean(note, "summary")
    item = session.get(Obligation, obligation_id)
    if item is None:
        raise UnknownItem(
            f"there is no promise or follow-up {obligation_id}",
            "see the ids with network promises --all",
        )
    if item.done_on is not None:
        word = rules.KIND_WORDS[item.kind]
        raise BadInput(
            f"{word} {obligation_id} was already done on {item.done_on.isoformat()}",
            "see what is open with network promises --all",
        )
    if day < item.created_on:
        raise BadInput(
            f"{day.isoformat()} is before it was made ({item.created_on.isoformat()})",
            "give a later --when",
        )
    other = ledger.get(session, item.other_id).name if item.other_id else None
    if item.kind == "promise":
        summary, kind = item.summary, None
    elif item.kind == "thanks":
        summary, kind = f"thanked them: {item.summary}", "thanks"
    elif item.kind == "followup":
        summary, kind = f"asked how the intro to {other or 'them'} went", "message"
    else:
        summary, kind = f"told them how it went with {other or 'the introduction'}", "message"
    if note:
        summary = f"{summary} ({note})"
    entry = _deposit(session, item.person_id, summary[:1000], kind, day, at, now, item.private)
    item.done_on, item.note = day, note
    if item.kind == "promise":
        item.entry_id = entry.id  # a promise has no entry behind it: point at its delivery
    session.add(item)
    session.flush()
    return item, entry


# --- introductions ----------------------------------------------------------------------


def intro(
    session: Session,
    a_id: int,
    b_id: int,
    summary: str | None,
    day: date,
    follow_days: int,
    now: datetime,
    at: time | None = None,
) -> tuple[Entry, Entry, Obligation]:
    """Introduce A and B: a deposit to both, a link between them, a follow-up with A."""
    if a_id == b_id:
        raise BadInput("you cannot introduce someone to themself", "name two different people")
    summary = clean(summary, "summary")
    a, b = ledger.get(session, a_id), ledger.get(session, b_id)
    tail = f": {summary}" if summary else ""
    to_a = _deposit(session, a_id, f"intro to {b.name}{tail}"[:1000], "intro", day, at, now)
    to_b = _deposit(session, b_id, f"intro to {a.name}{tail}"[:1000], "intro", day, at, now)
    _ensure_link(session, a_id, b_id, summary or "you introduced them", day, to_a.id)
    follow = Obligation(
        person_id=a_id,
        kind="followup",
        summary=f"intro to {b.name}",
        created_on=day,
        due_on=day + timedelta(days=follow_days),
        entry_id=to_a.id,
        other_id=b_id,
    )
    session.add(follow)
    session.flush()
    return to_a, to_b, follow
