"""People and their strengths: add, edit, archive, remove, knows, forget, show, and the listing.

Each verb opens one transaction, resolves the name once inside it, and returns a result
the CLI renders. The store is imported inside the verbs, not here: the CLI names these
result types at start-up (JSON_RESULTS), and `--help` must not pay for SQLModel.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from network.app.results import Result, doc, view_only
from network.common.errors import BadInput, NetworkError

RECENT_ENTRIES = 10  # show's ledger is a page, not the history


# --- what add and edit are given ----------------------------------------------------------


@dataclass
class Details:
    """A person's details as typed on the command line; None means 'not given', '' clears."""

    company: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    location: str | None = None
    tie: str | None = None
    every: str | None = None
    birthday: str | None = None
    met: str | None = None
    prefers: str | None = None
    note: str | None = None
    last: str | None = None  # when you last spoke (issue 11): the rhythm counts from it
    # further e-mails, phones and web addresses ({"email": [...], ...}): the first --email
    # is `email` above, the primary one; these are added beside it
    more: dict[str, list[str]] = field(default_factory=dict)
    # the ones to remove (edit --no-email ADDRESS, --no-phone, --no-url)
    drop: dict[str, list[str]] = field(default_factory=dict)


def check_tie(tie: str) -> str:
    """One of the tie strengths (close, casual, roster), without loading the write stack."""
    from network.domain.cadence import TIE_CADENCE

    value = (tie or "").strip().lower()
    if value not in TIE_CADENCE:
        raise BadInput(f'"{tie}" is not a tie strength', "use close, casual or roster")
    return value


def _opt(value: str | None, field_name: str, multiline: bool = False) -> str | None:
    """None stays 'not given'; an empty string given on purpose clears the field."""
    from network.domain.fields import clean

    if value is None:
        return None
    return clean(value, field_name, multiline=multiline) or ""


def _profile(name: str | None, details: Details, today: date) -> Any:
    """Check every detail and build a ledger.Profile (nothing is written yet)."""
    from network.common import dates
    from network.domain import fields
    from network.store.writes import ledger

    every, birthday = details.every, details.birthday
    return ledger.Profile(
        name=fields.clean(name, "name", required=True) if name is not None else None,
        email=(fields.clean_email(details.email) or "") if details.email is not None else None,
        phone=_opt(details.phone, "phone"),
        company=_opt(details.company, "company"),
        title=_opt(details.title, "title"),
        location=_opt(details.location, "location"),
        url=_opt(details.url, "url"),
        met=_opt(details.met, "met"),
        prefers=_opt(details.prefers, "prefers"),
        notes=_opt(details.note, "note", multiline=True),
        tie=check_tie(details.tie) if details.tie is not None else None,
        # '' clears a field: the own cadence (back to the tie's default) and the birthday too
        cadence_days=(0 if every.strip() in ("", "0") else dates.parse_cadence(every))
        if every is not None
        else None,
        birthday=(
            (None, None, None)
            if not birthday.strip()
            else dates.parse_birthday(birthday, today=today)
        )
        if birthday is not None
        else None,
    )


_POINT_FIELD = {"email": "email", "phone": "phone", "url": "url"}


def _points(details: Details) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The further points and the ones to remove, each checked like the primary one
    (nothing is written yet); one both given and removed is refused."""
    from network.domain.contacts import point_key
    from network.domain.fields import clean, clean_email

    def checked(kind: str, values: list[str]) -> list[str]:
        out = []
        for value in values:
            text = clean_email(value) if kind == "email" else clean(value, _POINT_FIELD[kind])
            if text:
                out.append(text)
        return out

    more = {kind: checked(kind, values) for kind, values in details.more.items() if values}
    drop = {kind: checked(kind, values) for kind, values in details.drop.items() if values}
    for kind, values in drop.items():
        given = [getattr(details, kind) or "", *more.get(kind, [])]
        kept = {point_key(kind, v) for v in given}
        for value in values:
            if point_key(kind, value) in kept:
                raise BadInput(
                    f'"{value}" is both given and removed',
                    f"give it with --{kind} or remove it with --no-{kind}, not both",
                )
    return more, drop


def _topics(knows: str | None) -> list[str]:
    from network.domain.fields import clean_topics

    return clean_topics([knows]) if knows else []


# --- add, edit, archive, remove ---------------------------------------------------------------


@dataclass
class Added(Result):
    """Someone added, with the strengths and introducer recorded with them."""

    name: str = doc("Their name as stored.")
    tie: str = doc("Their tie strength.")
    topics: list[str] = doc("The strengths recorded with them.")
    introduced_by: str | None = doc("Who introduced you (--via), or null.")


def _last(details: Details, today: date) -> date | None:
    """--last, read before anything is written (a future day is refused)."""
    from network.common import dates

    return None if details.last is None else dates.parse_day(details.last, today)


def _last_spoke(session: Any, person_id: int, day: date, today: date) -> None:
    """Record when you last spoke, so their rhythm counts from it (store.writes.agenda)."""
    from datetime import datetime, time

    from network.store.writes import agenda

    agenda.record_last_spoke(session, person_id, day, datetime.combine(today, time()))


def add(
    db_path: Path,
    name: str,
    details: Details,
    *,
    knows: str | None = None,
    via: str | None = None,
    today: date,
) -> Added:
    """Add someone (the default tie from the settings, casual, unless given), their
    strengths, who introduced you, and when you last spoke."""
    from network.common import config
    from network.store import connection as db
    from network.store import undo as undo_log
    from network.store.reads import people as queries
    from network.store.writes import contact_points, ledger, obligations

    tie = details.tie or config.load().default_tie
    profile = _profile(name, replace(details, tie=tie), today)
    more, _ = _points(replace(details, drop={}))
    last = _last(details, today)
    topics = _topics(knows)
    with db.write_session(db_path) as session:
        via_name = None
        if via is not None:
            via_id, via_name = queries.find_person(db.SessionReader(session), via)
        person = ledger.add_person(session, profile, today)
        if more:  # the second --email and on
            session.flush()
            contact_points.edit_points(session.connection(), person.id, more=more, drop={})
        ledger.add_strengths(session, person.id, topics, None)
        if last is not None:
            _last_spoke(session, person.id, last, today)
        if via is not None:
            obligations.set_via(session, person.id, via_id, today)
        undo_log.describe(session, f"add: {person.name}")
        return Added(name=person.name, tie=person.tie, topics=topics, introduced_by=via_name)


@dataclass
class Changed(Result):
    """Someone edited, archived or restored."""

    name: str = doc("Their name as stored (after a rename).")
    archived: bool = doc("Whether they are archived now.")


def edit(
    db_path: Path, person: str, details: Details, *, name: str | None = None, knows: str | None = None,
    today: date,
) -> Changed:  # fmt: skip
    """Change the details given (and add strengths); the rest stay as they are."""
    from network.domain.contacts import point_key
    from network.store import connection as db
    from network.store import undo as undo_log
    from network.store.reads import contact_points as points_read
    from network.store.reads import people as queries
    from network.store.writes import contact_points, ledger

    profile = _profile(name, details, today)
    more, drop = _points(details)
    topics = _topics(knows)
    last = _last(details, today)
    with db.write_session(db_path) as session:
        reader = db.SessionReader(session)
        person_id, found_name = queries.find_person(reader, person)
        # the points before the edit: one it replaces but --email gives again keeps its label
        labels = {
            (p["kind"], point_key(p["kind"], p["value"])): p["label"]
            for p in points_read.points_of(reader, person_id)
        } if more or drop else {}  # fmt: skip
        changed = ledger.edit_person(session, person_id, profile, today)
        if more or drop:
            session.flush()
            contact_points.edit_points(
                session.connection(), person_id, more=more, drop=drop, labels=labels,
                name=found_name,
            )  # fmt: skip
        ledger.add_strengths(session, person_id, topics, None)
        if last is not None:
            _last_spoke(session, person_id, last, today)
        undo_log.describe(session, f"edit: {changed.name}")
        return Changed(name=changed.name, archived=changed.archived)


def archive(db_path: Path, person: str, *, undo: bool = False, today: date) -> Changed:
    """Archive someone (kept with their history, hidden from due and who-knows), or restore."""
    from network.store import connection as db
    from network.store import undo as undo_log
    from network.store.reads import people as queries
    from network.store.writes import ledger

    with db.write_session(db_path) as session:
        person_id, _ = queries.find_person(db.SessionReader(session), person)
        changed = ledger.set_archived(session, person_id, not undo, today)
        undo_log.describe(session, f"{'archive' if not undo else 'unarchive'}: {changed.name}")
        return Changed(name=changed.name, archived=changed.archived)


class Unconfirmed(NetworkError):
    """Deleting someone needs a yes first; the CLI asks, outside any transaction."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"not deleting {name} without confirmation", "add --yes to confirm")


@dataclass
class Removed(Result):
    """Someone deleted with their whole history."""

    name: str = doc("Their name.")
    entries: int = doc("How many ledger entries went with them.")


def remove(db_path: Path, person: str, *, confirmed: bool) -> Removed:
    """Delete someone and their history; unconfirmed, only find them and raise Unconfirmed."""
    from network.store import connection as db
    from network.store import undo as undo_log
    from network.store.reads import people as queries
    from network.store.writes import ledger

    if not confirmed:
        # a read only: the prompt that follows must not hold the write lock
        with db.reading(db_path) as reader:
            _, name = queries.find_person(reader, person)
        raise Unconfirmed(name)
    with db.write_session(db_path) as session:
        person_id, _ = queries.find_person(db.SessionReader(session), person)
        name, count = ledger.remove(session, person_id)
        undo_log.describe(session, f"rm: {name} and {count} entries")
        return Removed(name=name, entries=count)


# --- strengths --------------------------------------------------------------------------------


@dataclass
class Known(Result):
    """Strengths recorded for someone, or for you."""

    name: str = doc('Whose strengths ("You" for your own).')
    mine: bool = doc("Whether they are your own strengths.")
    added: list[str] = doc("The topics newly recorded (empty when all were known).")
    detail: str | None = doc("The detail given, if any.")


def knows(
    db_path: Path, person: str | None, topics: list[str], *, detail: str | None = None
) -> Known:
    """Record topics someone (or you, with no person) is strong at."""
    from network.domain import fields
    from network.store import connection as db
    from network.store import undo as undo_log
    from network.store.reads import people as queries
    from network.store.writes import ledger

    cleaned = fields.clean_topics(topics)
    if not cleaned:
        raise BadInput("no topic given", "name at least one, e.g. network knows alice cars")
    detail_text = fields.clean(detail, "detail")
    with db.write_session(db_path) as session:
        person_id, name = (
            (None, "You")
            if person is None
            else queries.find_person(db.SessionReader(session), person)
        )
        added = ledger.add_strengths(session, person_id, cleaned, detail_text)
        undo_log.describe(session, f"knows: {name}: {', '.join(cleaned)}")
        return Known(name=name, mine=person_id is None, added=added, detail=detail_text)


@dataclass
class Forgotten(Result):
    """A strength removed."""

    name: str = doc('Whose strength ("you" for your own).')
    topic: str = doc("The topic removed, as it was recorded.")


def forget(db_path: Path, person: str | None, topic: str) -> Forgotten:
    """Remove one strength from someone (or from you, with no person)."""
    from network.store import connection as db
    from network.store import undo as undo_log
    from network.store.reads import people as queries
    from network.store.writes import ledger

    with db.write_session(db_path) as session:
        if person is None:
            person_id, name = None, "you"
        else:
            person_id, name = queries.find_person(db.SessionReader(session), person)
        forgotten = ledger.forget(session, person_id, topic)
        undo_log.describe(session, f"forget: {forgotten} for {name}")
        return Forgotten(name=name, topic=forgotten)


# --- show ---------------------------------------------------------------------------------------


@dataclass
class Signal:
    """One reciprocity signal."""

    signal: str = doc("overdrawn, red_flag, leaning or one_sided.")
    reason: str = doc("Why, in words.")


@dataclass
class Strength:
    """A topic someone is strong at."""

    topic: str = doc("The topic as typed.")
    detail: str | None = doc("What backs it, e.g. 'rebuilt two engines'.")


@dataclass
class RecentEntry:
    """One ledger line, as `history` shows it."""

    id: int = doc("The entry's id.")
    person_id: int = doc("Whose entry.")
    name: str = doc("Their name.")
    day: date = doc("The day it happened.")
    at: str | None = doc("The time (HH:MM), if given.")
    kind: str = doc("The kind of entry (coffee, intro, ask, ...).")
    flow: str = doc("deposit or withdrawal.")
    points: int = doc("Its weight.")
    summary: str = doc("What happened.")
    is_group: bool = doc("Logged for a group.")
    private: bool = doc("Kept out of exports.")


@dataclass
class OpenAsk:
    """An ask still waiting for an answer."""

    id: int = doc("The ask's entry id.")
    day: date = doc("When you asked.")
    summary: str = doc("What you asked.")
    state: str = doc("open, or waiting when open over 14 days.")
    days_open: int = doc("Days since the ask.")


@dataclass
class Owed:
    """Something you owe them: a thank-you, a promise, a follow-up."""

    id: int = doc("The obligation's id (network done o7, for id 7).")
    kind: str = doc("thanks, promise, followup or loop.")
    due_on: date | None = doc("When it is due, if it has a date.")
    action: str = doc("What to do, in words.")
    state: str = doc("open, or broken-in-waiting for a promise past its date.")


@dataclass
class PersonRef:
    """Another person, by id and name."""

    id: int = doc("Their id.")
    name: str = doc("Their name.")


@dataclass
class Month:
    """Interactions in one month."""

    month: str = doc('The month, e.g. "2026-03".')
    count: int = doc("Ledger entries that month.")


@dataclass
class Contact:
    """Who someone is and how to reach them: what a person page and a listing row share."""

    id: int = doc("Their id.")
    name: str = doc("Their name.")
    email: str | None = doc("Email address.")
    phone: str | None = doc("Phone number.")
    company: str | None = doc("Company.")
    title: str | None = doc("Job title.")
    location: str | None = doc("Where they are.")
    url: str | None = doc("A profile link.")
    met: str | None = doc("How you met.")
    prefers: str | None = doc("How they like to be reached.")
    notes: str | None = doc("Free notes.")
    tie: str = doc("close, casual or roster.")


@dataclass
class Reach:
    """One way to reach someone: an e-mail, phone or web address (a contact point)."""

    kind: str = doc('"email", "phone" or "url".')
    value: str = doc("The address or number, as given.")
    label: str | None = doc('"work", "home", "mobile"… as the file said, or null.')
    primary: bool = doc("The one in email, phone or url (one per kind).")


@dataclass
class PersonPage(Contact, Result):
    """Everything about one person: profile, strengths, balance, cadence, recent ledger."""

    archived: bool = doc("Archived (hidden from due and who-knows).")
    created_on: date = doc("When they were added.")
    last_contact: date | None = doc("The last interaction that counts, or null.")
    next_due: date | None = doc("When they are next due, or null.")
    balance: int = doc("Points given minus points asked.")
    nickname: str | None = doc("A nickname (from imports).")
    labels: str | None = doc("Labels (from imports).")
    connected_on: date | None = doc('From imports: LinkedIn\'s "Connected On".')
    cadence_days: int | None = doc("Effective cadence: their own or the tie's; null for none.")
    own_cadence: bool = doc("Whether the cadence is their own (--every).")
    birthday: str | None = doc('"1990-04-03", or "--04-03" without a year.')
    status: str = doc("Where they stand against their cadence, in words.")
    last_contact_ago: str = doc('How long ago the last contact was ("never" for none).')
    deposits: int = doc("Points given, in total.")
    withdrawals: int = doc("Points asked, in total.")
    entries: int = doc("Ledger entries, in total.")
    strengths: list[Strength] = doc("What they are strong at.")
    recent: list[RecentEntry] = doc(f"The last {RECENT_ENTRIES} ledger entries, newest first.")
    signals: list[Signal] = doc("Reciprocity signals, most pressing first.")
    open_asks: list[OpenAsk] = doc("Asks of them still open.")
    waiting: list[OpenAsk] = doc("Open asks waiting over 14 days.")
    owed: list[Owed] = doc("Open obligations to them.")
    introduced_by: PersonRef | None = doc("Who introduced you, or null.")
    knows_people: list[PersonRef] = doc("Whom they are recorded as knowing.")
    monthly: list[Month] = doc("Interactions over the last 12 months, oldest first.")
    contact_points: list[Reach] = doc("Every e-mail, phone and web address, primary first.")


def cadence_status(person: dict[str, Any], today: date) -> str:
    """Words for where someone stands against their cadence."""
    from network.common.dates import ago
    from network.domain import cadence

    every = cadence.effective_cadence(person["tie"], person["cadence_days"])
    if person["archived"]:
        return "archived"
    if not every or person["next_due"] is None:
        return "no keep-in-touch cadence"
    due_on = person["next_due"]
    if due_on <= today:
        return f"every {every} days: {cadence.due_reason(due_on, today)}"
    return f"every {every} days: next due {ago(due_on, today)} ({due_on.isoformat()})"


def _birthday(person: dict[str, Any]) -> str | None:
    if not person["birth_month"]:
        return None
    year = person["birth_year"]
    return (
        f"{year:04d}-" if year else "--"
    ) + f"{person['birth_month']:02d}-{person['birth_day']:02d}"


def _listed(row: dict[str, Any]) -> dict[str, Any]:
    """A stored person row with its three birthday columns as the one `birthday` key."""
    out = {k: v for k, v in row.items() if k not in ("birth_year", "birth_month", "birth_day")}
    out["birthday"] = _birthday(row)
    return out


def show(db_path: Path, person: str, *, today: date) -> PersonPage:
    """Profile, strengths, balance, cadence status, recent ledger and open loops of one person."""
    from network.app import reciprocity
    from network.common.dates import ago
    from network.domain import cadence
    from network.domain.fields import PROFILE_FIELDS
    from network.store import connection as db
    from network.store.reads import contact_points
    from network.store.reads import people as queries

    with db.reading(db_path) as reader:
        person_id, _ = queries.find_person(reader, person)
        row = queries.person(reader, person_id)
        reach = contact_points.points_of(reader, person_id)
        totals = queries.flow_totals(reader, person_id).get(person_id, {})
        strengths = queries.strengths(reader, [person_id]).get(person_id, [])
        recent = queries.entries(reader, person_id=person_id, limit=RECENT_ENTRIES)
        # signals, waiting asks, what you owe them, whom they know, monthly interactions
        extras = reciprocity.person_extras(reader, person_id, today)
    via = extras["introduced_by"]
    return PersonPage(
        **{k: row[k] for k in ("id", "name", *PROFILE_FIELDS, "tie", "archived", "created_on")},
        **{k: row[k] for k in ("last_contact", "next_due", "balance", "nickname", "labels")},
        connected_on=row["connected_on"],
        cadence_days=cadence.effective_cadence(row["tie"], row["cadence_days"]),
        own_cadence=row["cadence_days"] is not None,
        birthday=_birthday(row),
        status=cadence_status(row, today),
        last_contact_ago=ago(row["last_contact"], today),
        deposits=totals.get("deposits", 0),
        withdrawals=totals.get("withdrawals", 0),
        entries=totals.get("count", 0),
        strengths=[Strength(topic=s["topic"], detail=s["detail"]) for s in strengths],
        recent=[RecentEntry(**r) for r in recent],
        signals=[Signal(**s) for s in extras["signals"]],
        open_asks=[OpenAsk(**a) for a in extras["open_asks"]],
        waiting=[OpenAsk(**a) for a in extras["waiting"]],
        owed=[Owed(**o) for o in extras["owed"]],
        introduced_by=None if via is None else PersonRef(id=via["id"], name=via["name"]),
        knows_people=[PersonRef(**p) for p in extras["knows_people"]],
        monthly=[Month(**m) for m in extras["monthly"]],
        contact_points=[
            Reach(p["kind"], p["value"], p["label"], bool(p["is_primary"])) for p in reach
        ],
    )


# --- the listing --------------------------------------------------------------------------------

SORTS = ("name", "last", "balance", "due")


@dataclass
class PersonRow(Contact):
    """One person in the listing: their stored row and their signals."""

    cadence_days: int | None = doc("Their own cadence in days, or null (the tie's applies).")
    birthday: str | None = doc('"1990-04-03", or "--04-03" without a year.')
    archived: bool = doc("Archived (hidden from due and who-knows).")
    created_on: date = doc("When they were added.")
    last_contact: date | None = doc("The last interaction that counts, or null.")
    next_due: date | None = doc("When they are next due, or null.")
    balance: int = doc("Points given minus points asked.")
    nickname: str | None = doc("A nickname (from imports).")
    labels: str | None = doc("Labels (from imports).")
    connected_on: date | None = doc('From imports: LinkedIn\'s "Connected On".')
    via_id: int | None = doc("Who introduced you, or null.")
    signals: list[Signal] = doc("Reciprocity signals, as in show.")


@dataclass
class Listing(Result):
    """The people in your network, filtered and sorted as asked."""

    JSON_ROOT = "people"

    people: list[PersonRow] = doc("One object per person, in the order asked.")
    today: date = view_only()  # the table says "3 weeks ago"
    # how many on the roster were left out (the table says so, and how to see them)
    hidden: int = view_only(default=0)


def _check_listing(sort: str, tie: str | None, knows: str | None) -> str | None:
    """Refuse a bad sort key, tie or empty topic before opening anything; the tie checked."""
    from network.common.text import topic_key

    if sort not in SORTS:
        raise BadInput(f'cannot sort by "{sort}"', "use name, last, balance or due")
    tie_value = check_tie(tie) if tie else None
    if knows is not None and not topic_key(knows):
        raise BadInput("the topic is empty", "give a word, like: network people --knows cars")
    return tie_value


def people(
    db_path: Path,
    *,
    tie: str | None = None,
    knows: str | None = None,
    sort: str = "name",
    archived: bool = False,
    roster: bool = False,
    today: date,
) -> Listing:
    """Everyone (or those with a tie, or who know a topic), sorted, with their signals.
    The roster is left out (and counted) unless `roster` or the tie asked for is roster."""
    from network.app import reciprocity
    from network.store import connection as db
    from network.store.reads import people as queries

    tie_value = _check_listing(sort, tie, knows)
    with db.reading(db_path) as reader:
        rows = queries.people(
            reader, tie=tie_value, knows=knows, sort=sort, archived=archived, roster=roster
        )
        hidden = 0
        if not (roster or tie_value):
            hidden = queries.roster_count(reader, knows=knows, archived=archived)
        found = reciprocity.listing_signals(reader, rows, today)
    return Listing(
        hidden=hidden,
        people=[
            PersonRow(**_listed(row), signals=[Signal(**s) for s in found.get(row["id"], [])])
            for row in rows
        ],
        today=today,
    )


def people_json(
    db_path: Path,
    *,
    tie: str | None = None,
    knows: str | None = None,
    sort: str = "name",
    archived: bool = False,
    roster: bool = False,
    limit: int | None = None,
    today: date,
) -> PeopleJson:
    """The listing's --json elements as compact JSON texts in UTF-8, in batches.

    The same document as `people(...).first(limit).to_json()`, without holding it:
    SQLite writes each person's object, and the signal rules run only on the people whose
    give-and-take could earn one. The options are checked now; the database opens when
    the batches are first asked for.
    """
    tie_value = _check_listing(sort, tie, knows)
    stream = PeopleJson()
    if limit is None:
        stream.batches = _documents(db_path, tie_value, knows, sort, archived, roster, today)
    else:
        listing = dict(tie=tie_value, knows=knows, archived=archived, roster=roster)
        stream.batches = _first(db_path, listing, sort, limit, today, stream)
    return stream


class PeopleJson:
    """`people --json`'s objects, in batches as they are read (iterate it), and how many
    people `-n` left out (`more`, known once the batches are read)."""

    def __init__(self) -> None:
        self.batches: Iterator[list[bytes]] = iter(())
        self.more = 0

    def __iter__(self) -> Iterator[list[bytes]]:
        return self.batches

    def close(self) -> None:
        """Stop reading (the connection closes now, not when collected)."""
        close = getattr(self.batches, "close", None)
        if close is not None:
            close()


def _first(
    db_path: Path, listing: dict[str, Any], sort: str, limit: int, today: date, out: PeopleJson
) -> Iterator[list[bytes]]:
    """The first `limit` people only, in one batch: SQLite writes only their objects
    (it still sorts everyone's keys), their signals are read by their ids, and the rest
    are counted, not written (`people --json -n 10` at 100,000 people)."""
    from network.app.reciprocity import listing_facts
    from network.store import connection as db
    from network.store.reads import people as queries

    write = _SignalsJson()
    with db.reading(db_path) as reader:
        rows = [
            row
            for batch in queries.people_documents(reader, **listing, sort=sort, limit=limit)
            for row in batch
        ]
        out.more = queries.listing_count(reader, **listing) - len(rows)
        facts = listing_facts(reader, today, [pid for pid, _, _ in rows])
    if rows:
        yield _spliced(rows, facts, write)


class _SignalsJson:
    """Each verdict's JSON text, ending the row's object: the same few recur ("balance -2",
    "3 asks in 90 days"), so each is written once, known by what it depends on."""

    def __init__(self) -> None:
        from network.domain import signals

        self._signals = signals
        self._written: dict[tuple, bytes] = {}

    def __call__(self, facts: Any) -> bytes:
        signals = self._signals
        key = signals.signature(facts)
        text = self._written.get(key)
        if text is None:
            found = signals.evaluate(facts)
            text = self._written[key] = (signals.to_json(found) + "}").encode()
        return text


def _signal_facts(reader: Any, *, today: date, listing: dict[str, Any]) -> dict[int, Any]:
    """The signal facts of everyone who could earn a signal beyond overdrawn (no one else
    has one). A short listing (a tie, a topic) reads only its people's ledgers; a long one
    the year's ledger once."""
    from network.app.reciprocity import listing_facts

    return listing_facts(reader, today, _short(reader, listing))


def _short(reader: Any, listing: dict[str, Any]) -> list[int] | None:
    """A short listing's ids (its people's ledgers are read by id), or None for a long one."""
    from network.app.reciprocity import few
    from network.store.reads import people as queries

    return queries.listing_ids(reader, **listing, at_most=few(reader))


def _child_half(reader: Any, *, today: date, listing: dict[str, Any]) -> tuple[bool, Any]:
    """What the child reads: a short listing's facts whole (True), or the year's GROUP BY
    of a long one (False), while the parent reads the red-flag asks."""
    from network.app.reciprocity import listing_facts
    from network.store.reads import people as queries

    ids = _short(reader, listing)
    if ids is not None:
        return True, listing_facts(reader, today, ids)
    return False, queries.year_facts(reader, today)


def _documents(
    db_path: Path,
    tie: str | None,
    knows: str | None,
    sort: str,
    archived: bool,
    roster: bool,
    today: date,
) -> Iterator[list[bytes]]:
    from network.app.parallel import ParallelRead
    from network.store import connection as db
    from network.store.reads import people as queries

    write = _SignalsJson()
    listing = dict(tie=tie, knows=knows, archived=archived, roster=roster)
    # On two cores, a child process reads the year's counts (the costly GROUP BY) while
    # this one reads the objects and the red-flag asks: the listing costs the longer of the
    # two, not their sum. Without a child, all is read here, to the same facts.
    elsewhere = ParallelRead(db_path, partial(_child_half, today=today, listing=listing))
    try:
        with db.reading(db_path) as reader:
            batches = queries.people_documents(
                reader, tie=tie, knows=knows, sort=sort, archived=archived, roster=roster
            )
            first = next(batches, None)
            snubs = None
            if elsewhere.started and _short(reader, listing) is None:
                snubs = queries.snub_facts(reader, today)
            answer = elsewhere.result()
            if answer is None:  # no child, or it failed: read them here
                found = _signal_facts(reader, today=today, listing=listing)
            elif answer[0]:
                found = answer[1]
            else:
                found = _long_road(reader, today, answer[1], snubs)
            if first is None:
                return
            yield _spliced(first, found, write)
            for batch in batches:
                yield _spliced(batch, found, write)
    finally:
        elsewhere.result()  # the child is waited for, whatever happened


def _long_road(reader: Any, today: date, year: Any, snubs: Any) -> dict[int, Any]:
    """A long listing's facts from the child's year counts and the red-flag asks read here
    (read now if they were not: the listing got short between the two looks)."""
    from network.app.reciprocity import listing_facts

    return listing_facts(reader, today, None, year=year, snubs=snubs)


def _spliced(
    batch: list[tuple[int, bytes, int]], facts: dict[int, Any], write: _SignalsJson
) -> list[bytes]:
    """The batch's objects, each with its signals: SQLite wrote those that follow from the
    row alone (none, or overdrawn), and the few with facts for others get theirs here.
    Everyone else's object is passed on untouched, in passes that run in C."""
    from operator import itemgetter

    from network.store.reads.person_json import SIGNALS_KEY

    texts = list(map(itemgetter(1), batch))
    ids = list(map(itemgetter(0), batch))
    have = list(filter(facts.__contains__, ids))
    if have:
        at = dict(zip(ids, range(len(ids)), strict=True))
        for pid in have:
            n = at[pid]
            found = facts[pid]
            found.balance = batch[n][2]  # as the row has it (a write may land between reads)
            text = texts[n]
            texts[n] = text[: text.rindex(SIGNALS_KEY) + len(SIGNALS_KEY)] + write(found)
    return texts
