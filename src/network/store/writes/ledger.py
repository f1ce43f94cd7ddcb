"""Write-side domain operations on a SQLModel session (one transaction per command).

Every write that can change a person's last contact, balance, cadence or open asks ends
with `refresh` (one person) or `refresh_people` (many, for imports and merges), which
recompute the stored `last_contact`, `balance`, `next_due`, `open_ask_since`,
`open_ask_latest` and `search_key` from the ledger with indexed aggregates. Recomputing (rather than adding
deltas) means an edit, a deletion, an answer or a tie change can never leave the stored
values out of step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from network.common.errors import BadInput, NetworkError
from network.common.text import fold, topic_key
from network.domain import cadence
from network.domain.fields import POINT_COLUMNS, PROFILE_FIELDS, clean
from network.domain.kinds import (
    KINDS,
    MAX_POINTS,
    default_kind,
    default_points,
    wrong_direction,
)
from network.store import dialect, undo
from network.store.schema import TIES, Entry, Person, Strength

# every write session, whichever use case opened it, commits its changes as one undo step
undo.listen()


class DuplicatePerson(NetworkError):
    """Someone with that exact name is already in the network."""


def search_key(values: Mapping[str, Any]) -> str:
    """The folded words of company, title, location and notes that who-knows also searches."""
    parts = [values.get(k) for k in ("company", "title", "location", "notes")]
    return topic_key(" ".join(x for x in parts if x))[:6000]


def check_tie(tie: str) -> str:
    """One of the three tie strengths."""
    value = (tie or "").strip().lower()
    if value not in TIES:
        raise BadInput(f'"{tie}" is not a tie strength', "use close, casual or roster")
    return value


def refresh(session: Session, person: Person, today: date | None = None) -> None:
    """Recompute one person's stored values (see refresh_people); `today` is not needed."""
    from sqlalchemy.orm.attributes import set_committed_value

    session.flush()
    # the values just written are the person's as loaded: no second SELECT of the row (on
    # a server, a round trip); any other column an insert left unloaded loads when read
    for row in refresh_people(session.connection(), [person.id]):
        for column, value in row.items():
            if column != "_id":
                set_committed_value(person, column, value)


_REFRESH_CHUNK = 500


def refresh_people(conn: Any, person_ids: list[int]) -> list[dict[str, Any]]:
    """Recompute the stored name_key, last_contact, balance, next_due, open_ask_since,
    open_ask_latest and search_key of the given people from their rows, on the caller's connection and
    transaction; returns what was written, one dict per person (their id as `_id`)."""
    from sqlalchemy import bindparam, text

    counted = dialect.counts_for_cadence("p.tie", "e.is_group")
    query = text(
        "SELECT p.id, p.name, p.tie, p.cadence_days, p.archived, p.created_on, p.company, "
        "p.title, p.location, p.notes, "
        f"(SELECT max(e.day) FROM entry e WHERE e.person_id = p.id AND {counted}) AS last_contact, "
        "(SELECT sum(CASE WHEN e.flow = 'deposit' THEN e.points ELSE -e.points END) "
        "FROM entry e WHERE e.person_id = p.id) AS balance, "
        "(SELECT min(e.day) FROM entry e WHERE e.status = 'open' AND e.person_id = p.id) "
        "AS open_ask_since, "
        "(SELECT max(e.day) FROM entry e WHERE e.status = 'open' AND e.person_id = p.id) "
        "AS open_ask_latest "
        "FROM person p WHERE p.id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    rows = []
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), _REFRESH_CHUNK):
        for p in conn.execute(query, {"ids": ids[start : start + _REFRESH_CHUNK]}).mappings():
            last = _day(p["last_contact"])
            every = cadence.effective_cadence(p["tie"], p["cadence_days"])
            anchor = last or _day(p["created_on"])
            rows.append(
                {
                    "_id": p["id"],
                    "name_key": fold(p["name"]),
                    "last_contact": last,
                    "balance": int(p["balance"] or 0),
                    "next_due": None if p["archived"] else cadence.next_due(anchor, every),
                    "open_ask_since": _day(p["open_ask_since"]),
                    "open_ask_latest": _day(p["open_ask_latest"]),
                    "search_key": search_key(p),
                }
            )
    if rows:
        from sqlalchemy import update

        table = Person.__table__
        statement = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in rows[0] if k != "_id"})
        )
        conn.execute(statement, rows)
    return rows


def _day(value: Any) -> date | None:
    """A date read through plain SQL (SQLite gives it back as ISO text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def get(session: Session, person_id: int) -> Person:
    """The person by id (they were just resolved by name)."""
    person = session.get(Person, person_id)
    if person is None:
        raise NetworkError("that person was just removed", "run the command again")
    return person


@dataclass
class Profile:
    """The fields `add` and `edit` accept; None means 'not given'."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    title: str | None = None
    location: str | None = None
    url: str | None = None
    met: str | None = None
    prefers: str | None = None
    notes: str | None = None
    tie: str | None = None
    cadence_days: int | None = None
    birthday: tuple[int | None, int | None, int | None] | None = None  # all None clears


def _apply(person: Person, profile: Profile) -> None:
    for field in PROFILE_FIELDS:
        value = getattr(profile, field)
        if value is not None:
            # an empty string given on purpose clears the field
            setattr(person, field, value or None)
    if profile.tie is not None:
        person.tie = check_tie(profile.tie)
    if profile.cadence_days is not None:
        person.cadence_days = profile.cadence_days or None
    if profile.birthday is not None:
        person.birth_year, person.birth_month, person.birth_day = profile.birthday


def add_person(session: Session, profile: Profile, today: date) -> Person:
    """Add someone new; an exact same name is refused so people stay unambiguous."""
    name = clean(profile.name, "name", required=True)
    key = fold(name)
    if session.exec(select(Person.id).where(Person.name_key == key)).first() is not None:
        raise DuplicatePerson(
            f'"{name}" is already in your network',
            f'change them with network edit "{name}", or add a distinguishing name',
        )
    person = Person(name=name, name_key=key, created_on=today, tie="casual")
    _apply(person, profile)
    session.add(person)
    session.flush()
    # imported here: log, give and ask never touch contact points (about 7 ms to load)
    from network.store.writes import contact_points

    contact_points.sync(session.connection(), [person.id])  # e-mail, phone, web as points
    refresh(session, person, today)
    return person


def edit_person(session: Session, person_id: int, profile: Profile, today: date) -> Person:
    """Change the given fields of someone already there."""
    person = get(session, person_id)
    if profile.name is not None:
        name = clean(profile.name, "name", required=True)
        key = fold(name)
        clash = session.exec(
            select(Person.id).where(Person.name_key == key, Person.id != person_id)
        ).first()
        if clash is not None:
            raise DuplicatePerson(f'"{name}" is already someone else', "choose another name")
        person.name, person.name_key = name, key
    before = {c: getattr(person, c) for c in POINT_COLUMNS.values()}
    _apply(person, profile)
    session.flush()
    after = {c: getattr(person, c) for c in POINT_COLUMNS.values()}
    from network.store.writes import contact_points

    contact_points.replace_primary(session.connection(), person_id, before, after)
    refresh(session, person, today)
    return person


def set_archived(session: Session, person_id: int, archived: bool, today: date) -> Person:
    """Archive (kept, but hidden from due and who-knows) or bring back."""
    person = get(session, person_id)
    person.archived = archived
    refresh(session, person, today)
    return person


def remove(session: Session, person_id: int) -> tuple[str, int]:
    """Delete someone and their ledger and strengths; returns (name, entries removed)."""
    person = get(session, person_id)
    count = session.exec(select(func.count()).where(Entry.person_id == person_id)).one()
    name = person.name
    session.delete(person)
    session.flush()
    return name, int(count)


def add_strengths(
    session: Session, person_id: int | None, topics: list[str], detail: str | None
) -> list[str]:
    """Record topics someone (or you, with no person) is good at; returns those newly added."""
    added = []
    for topic in topics:
        key = topic_key(topic)
        if not key:
            raise BadInput(f'"{topic}" is not a topic', "use words, like cars or resumes")
        existing = session.exec(
            select(Strength).where(Strength.person_id == person_id, Strength.topic_key == key)
            if person_id is not None
            else select(Strength).where(Strength.person_id.is_(None), Strength.topic_key == key)
        ).first()
        if existing is not None:
            if detail is not None:
                existing.detail = detail
                session.add(existing)
            continue
        session.add(Strength(person_id=person_id, topic=topic, topic_key=key, detail=detail))
        added.append(topic)
    session.flush()
    return added


def forget(session: Session, person_id: int | None, topic: str) -> str:
    """Remove one strength; an unknown topic is an error naming what is known."""
    key = topic_key(topic)
    query = select(Strength).where(
        Strength.person_id == person_id if person_id is not None else Strength.person_id.is_(None)
    )
    known = session.exec(query).all()
    for strength in known:
        if strength.topic_key == key:
            session.delete(strength)
            session.flush()
            return strength.topic
    listed = ", ".join(s.topic for s in known) or "nothing yet"
    raise BadInput(f'no strength "{topic}" to forget', f"known topics: {listed}")


def check_kind(text: str, flow: str) -> str:
    """A known kind that can go the entry's way (`give --kind ask` is refused)."""
    kind = text.strip().lower()
    if kind not in KINDS:
        # a typo ("cofee") would silently weigh 1 point instead of 2: refuse it
        import difflib

        close = difflib.get_close_matches(kind, KINDS, n=1)
        hint = f'did you mean "{close[0]}"?' if close else "use one of: " + ", ".join(KINDS)
        raise BadInput(f'"{text}" is not a kind of entry', hint)
    problem = wrong_direction(flow, kind)
    if problem:
        hint = (
            'record it with network ask PERSON "…" (or log --ask)'
            if flow == "deposit"
            else 'record it with network give PERSON "…" (or network thank)'
        )
        raise BadInput(problem, hint)
    return kind


def check_points(points: int) -> int:
    """Points within the ledger's bounds."""
    if not 0 <= points <= MAX_POINTS:
        raise BadInput(
            f"points must be between 0 and {MAX_POINTS}, not {points}",
            "leave --points out for the default",
        )
    return points


@dataclass
class NewEntry:
    """What `log`, `give` and `ask` record."""

    summary: str
    flow: str
    day: date
    at: time | None = None
    kind: str | None = None
    points: int | None = None
    is_group: bool = False
    private: bool = False
    received: bool = False  # help they gave you unasked (a withdrawal that is not an ask)


def log_entry(session: Session, person_id: int, new: NewEntry, now: datetime) -> tuple[Entry, int]:
    """Record a deposit or withdrawal; returns the entry and the balance before it."""
    person = get(session, person_id)
    summary = clean(new.summary, "summary", required=True)
    if new.received and new.flow != "withdrawal":
        raise BadInput(
            "help received is a withdrawal, not a deposit", "log it with --received only"
        )
    implied = "help" if new.received else default_kind(new.flow, summary)
    kind = check_kind(new.kind or implied, new.flow)
    points = check_points(default_points(kind) if new.points is None else new.points)
    before = person.balance
    entry = Entry(
        person_id=person_id,
        day=new.day,
        at=new.at,
        kind=kind,
        flow=new.flow,
        points=points,
        summary=summary,
        is_group=new.is_group,
        private=new.private,
        created_at=datetime.now(UTC),
        # every ask has an outcome to track; help received unasked has none
        status="open" if new.flow == "withdrawal" and not new.received else None,
        received=new.received,
    )
    session.add(entry)
    session.flush()
    refresh(session, person, now.date())
    return entry, before


def profile_dict(person: Person) -> dict[str, Any]:
    """The person as plain data (for messages and tests)."""
    return person.model_dump()


# --- correcting one entry ---------------------------------------------------------------


class UnknownEntry(NetworkError):
    """No ledger entry has the id given."""


def get_entry(session: Session, entry_id: int) -> Entry:
    """The entry by id; UnknownEntry names where ids are shown."""
    entry = session.get(Entry, entry_id) if 0 < entry_id < 2**63 else None
    if entry is None:
        raise UnknownEntry(
            f"there is no entry {entry_id}", "see the ids with network history PERSON --json"
        )
    return entry


@dataclass
class EntryEdit:
    """What `entry edit` changes; None means 'leave as it is'."""

    summary: str | None = None
    day: date | None = None
    at: time | None = None  # with `day`: the time given with it, or None for none
    kind: str | None = None
    points: int | None = None
    private: bool | None = None


def edit_entry(session: Session, entry_id: int, edit: EntryEdit) -> tuple[Entry, int]:
    """Change one entry and recompute its person's stored values; returns the entry and the
    balance before. A new kind brings its default points, unless the points were set by hand
    (they differed from the old kind's default) or --points is given."""
    entry = get_entry(session, entry_id)
    person = get(session, entry.person_id)
    before = person.balance
    if edit.summary is not None:
        entry.summary = clean(edit.summary, "summary", required=True)
    if edit.day is not None:
        entry.day, entry.at = edit.day, edit.at
    if edit.kind is not None:
        kind = check_kind(edit.kind, entry.flow)
        if edit.points is None and entry.points == default_points(entry.kind):
            entry.points = default_points(kind)
        entry.kind = kind
    if edit.points is not None:
        entry.points = check_points(edit.points)
    if edit.private is not None:
        entry.private = edit.private
    session.add(entry)
    refresh(session, person)
    return entry, before


@dataclass
class Removed:
    """An entry removed, and what went with it."""

    entry: dict[str, Any]
    balance_before: int
    balance: int
    dropped: int  # open thank-yous and follow-ups it had created
    reopened: int  # promises it had delivered, open again


def remove_entry(session: Session, entry_id: int) -> Removed:
    """Delete one entry; what it opened (a thank-you owed, an intro follow-up) goes with it
    while still open, and a promise it delivered is open again. Recomputes the person."""
    from network.store.schema import Obligation

    entry = get_entry(session, entry_id)
    person = get(session, entry.person_id)
    before = person.balance
    snapshot = entry.model_dump()
    dropped = reopened = 0
    for item in session.exec(select(Obligation).where(Obligation.entry_id == entry_id)).all():
        if item.kind == "promise" and item.done_on is not None:
            item.done_on, item.note, item.entry_id = None, None, None
            session.add(item)
            reopened += 1
        elif item.done_on is None:
            session.delete(item)
            dropped += 1
    session.delete(entry)
    session.flush()
    refresh(session, person)
    return Removed(snapshot, before, person.balance, dropped, reopened)
