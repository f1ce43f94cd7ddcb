"""The review queue: what capture could not place, and placing it by hand.

An address that matched no one (or several people) waits here; nothing is ever logged to a
guessed person. `accept` names who it is (someone there, or someone new) and places all of
its items; `ignore` sets it aside, now and in every later capture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from network.app.results import Result, doc


@dataclass
class Waiting:
    """One address in the review queue."""

    address: str = doc("the e-mail address")
    name: str | None = doc("the name the mail or invitation gave, or null")
    waiting: int = doc("interactions waiting (one per thread or meeting per day)")
    sent: int = doc("messages you wrote them")
    received: int = doc("messages they wrote you")
    met: int = doc("meetings")
    first_day: date = doc("the first day")
    last_day: date = doc("the last day")
    proposed: bool = doc("you wrote each other both ways at least twice: worth adding")
    ambiguous: bool = doc("the address is several people's (accept it --as one of them)")


@dataclass
class Inbox(Result):
    """The review queue, grouped by address: proposed first, then the most items."""

    JSON_ROOT = "addresses"
    addresses: list[Waiting] = doc("the addresses waiting")


@dataclass
class Accepted(Result):
    """What `inbox accept` placed."""

    address: str = doc("the address accepted")
    id: int = doc("who it is: the person's id (as in people)")
    name: str = doc("their name")
    added: bool = doc("whether they were added to the network (--new)")
    remembered: bool = doc("whether the address was newly remembered for them")
    entries: int = doc("entries added to their ledger")


@dataclass
class Ignored(Result):
    """What `inbox ignore` did."""

    address: str = doc("the address ignored")
    dropped: int = doc("items removed from the review queue")
    already: bool = doc("whether it was ignored before")


def _address(text: str) -> str:
    from network.common.errors import BadInput

    value = text.strip().lower().strip("<>")
    if "@" not in value or " " in value:
        raise BadInput(f'"{text}" is not an e-mail address', "copy it from network inbox")
    return value


def _time(value: object) -> time | None:
    """A time read through plain SQL (SQLite gives it back as text)."""
    return time.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def inbox(db_path: Path) -> Inbox:
    """Every address waiting, with counts and dates."""
    from network.domain.capture import proposed
    from network.store import connection
    from network.store.reads import capture as reads

    with connection.reading(db_path) as reader:
        rows = reads.queue(reader)
    waiting = [
        Waiting(
            address=r["address"],
            name=r["name"],
            waiting=int(r["items"]),
            sent=int(r["sent"] or 0),
            received=int(r["received"] or 0),
            met=int(r["met"] or 0),
            first_day=r["first_day"],
            last_day=r["last_day"],
            proposed=proposed(int(r["sent"] or 0), int(r["received"] or 0)),
            ambiguous=bool(r["ambiguous"]),
        )
        for r in rows
    ]
    waiting.sort(key=lambda w: (not w.proposed, -w.waiting, w.address))
    return Inbox(addresses=waiting)


def accept(
    db_path: Path,
    address: str,
    *,
    person: str | None = None,
    new: str | None = None,
    tie: str | None = None,
    now: datetime,
) -> Accepted:
    """Place every queued item of ADDRESS with PERSON (or someone new), in one transaction,
    and remember the address for them."""
    from network.common.errors import BadInput, NetworkError
    from network.store import connection, undo
    from network.store.reads import capture as reads
    from network.store.reads import people as people_reads
    from network.store.writes import capture as writes
    from network.store.writes import ledger
    from network.store.writes.contact_points import add_email

    value = _address(address)
    if (person is None) == (new is None):
        raise BadInput(
            "say who this is: --as PERSON or --new NAME",
            f'e.g. network inbox accept {value} --new "Their Name" --tie casual',
        )
    with connection.write_session(db_path) as session:
        reader = connection.SessionReader(session)
        items = reads.items(reader, value)
        if not items:
            raise NetworkError(f"nothing from {value} is waiting", "see network inbox")
        added = False
        if person is not None:
            person_id, name = people_reads.find_person(reader, person)
        else:
            from network.common import config

            profile = ledger.Profile(name=new, tie=tie or config.load().default_tie)
            someone = ledger.add_person(session, profile, now.date())
            person_id, name, added = someone.id, someone.name, True
        remembered = add_email(session, person_id, value)
        refs = {f"#{person_id}|{i['thread']}|{i['day'].isoformat()}": i for i in items}
        earlier = reads.seen(reader, "thread", refs)
        fresh = {ref: i for ref, i in refs.items() if ref not in earlier}
        rows = [
            {
                "person_id": person_id,
                "day": i["day"],
                "at": _time(i["at"]),
                "kind": "meeting" if i["source"] == "calendar" else "email",
                "summary": i["summary"],
                "is_group": bool(i["is_group"]),
            }
            for i in fresh.values()
        ]
        writes.add_entries(session, rows)
        writes.add_seen(session, "thread", [(ref, i["day"]) for ref, i in fresh.items()])
        writes.drop_items(session, value)
        writes.refresh(session, [person_id])
        undo.describe(session, f"inbox accept: {value} as {name}")
    return Accepted(
        address=value,
        id=person_id,
        name=name,
        added=added,
        remembered=remembered,
        entries=len(rows),
    )


def ignore(db_path: Path, address: str, *, today: date) -> Ignored:
    """Set ADDRESS aside: its queued items go, and later captures skip it."""
    from network.store import connection, undo
    from network.store.writes import capture as writes

    value = _address(address)
    with connection.write_session(db_path) as session:
        fresh = writes.ignore(session, value, today)
        dropped = writes.drop_items(session, value)
        undo.describe(session, f"inbox ignore: {value}")
    return Ignored(address=value, dropped=dropped, already=not fresh)
