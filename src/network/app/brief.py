"""`network brief`: before a meeting, one short card per person you know who will be there.

The calendar file named in the config ([me] calendar) is read as it is now (nothing of it
is stored); each meeting on the day asked (today and tomorrow by default, or the next
meeting with a person) gets a card per attendee found in the network: last contact,
balance, open asks and what you owe them, their strengths and a suggested deposit. The
facts are the ones `show` reads.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from network.app.results import Result, doc

LOOK_AHEAD_DAYS = 60  # `brief PERSON` finds their next meeting this far ahead


@dataclass
class Card:
    """One person you know at a meeting."""

    id: int = doc("Their id.")
    name: str = doc("Their name.")
    tie: str = doc("close, casual or roster.")
    last_contact: date | None = doc("The last contact that counts, or null.")
    last_contact_ago: str = doc('How long ago ("never" for none).')
    balance: int = doc("Points given minus points asked.")
    open_asks: list[str] = doc("What you asked them that is still open.")
    owed: list[str] = doc("What you owe them (promises, a thank-you, a follow-up), in words.")
    thanks_owed: bool = doc("Whether a thank-you is owed.")
    strengths: list[str] = doc("What they are strong at.")
    suggestion: str = doc("A deposit to make.")


@dataclass
class Meeting:
    """One meeting on the calendar and who you know there."""

    day: date = doc("The day (local).")
    at: time | None = doc("The start (local), or null for an all-day event.")
    title: str | None = doc("The event's title, as the calendar has it (not stored).")
    people: list[Card] = doc("A card per attendee in your network.")
    others: list[str] = doc("Attendees not in your network (addresses).")


@dataclass
class Brief(Result):
    """The meetings on the days asked, with a card per person you know."""

    days: list[date] = doc("The days looked at.")
    calendar: str = doc("The calendar file read.")
    meetings: list[Meeting] = doc("Meetings with at least one other attendee, in time order.")


def _card(reader: Any, person_id: int, today: date) -> Card:
    from network.app import reciprocity
    from network.common.dates import ago
    from network.domain import cadence
    from network.store.reads import people as queries

    row = queries.person(reader, person_id)
    topics = [s["topic"] for s in queries.strengths(reader, [person_id]).get(person_id, [])]
    extras = reciprocity.person_extras(reader, person_id, today)
    owed = extras["owed"]
    return Card(
        id=person_id,
        name=row["name"],
        tie=row["tie"],
        last_contact=row["last_contact"],
        last_contact_ago=ago(row["last_contact"], today),
        balance=row["balance"],
        open_asks=[a["summary"] for a in extras["open_asks"]],
        owed=[o["action"] for o in owed],
        thanks_owed=any(o["kind"] == "thanks" for o in owed),
        strengths=topics,
        suggestion=cadence.suggestion(
            topics=topics, tie=row["tie"], balance=row["balance"], birthday=False, today=today
        ),
    )


def brief(
    db_path: Path,
    what: str | None,
    *,
    today: date,
    calendar: Path | None = None,
) -> Brief:
    """The brief for a day (DATE), for the next meeting with a person (PERSON), or for
    today and tomorrow."""
    from network.common import config
    from network.common.dates import parse_day
    from network.common.errors import BadInput, NetworkError
    from network.domain.capture import called_off
    from network.formats import registry
    from network.store import connection
    from network.store.reads import people as queries
    from network.store.reads.contact_points import people_by_email

    settings = config.load()
    path = calendar or settings.calendar
    if path is None:
        raise BadInput(
            "no calendar file to read",
            'name it in the config: me.calendar = "~/calendar.ics", or give --calendar FILE',
        )
    own = set(settings.own_emails)
    days = [today, today + timedelta(days=1)]
    person_id = None
    with connection.reading(db_path) as reader:
        if what:
            try:
                days = [parse_day(what, today, future=True)]
            except NetworkError:
                if what.strip()[:1].isdigit():  # a date mistyped, not a name: say why
                    raise
                person_id, _ = queries.find_person(reader, what)
                days = [today + timedelta(days=n) for n in range(LOOK_AHEAD_DAYS)]
        module = registry.CAPTURE["calendar"].load()
        parsed = module.read(module.files(path), until=max(days))
        if not own:  # as capture does: the address on most of the calendar's events
            from network.app.capture import own_from_calendar

            # can't tell: every attendee is shown, yours among them
            with contextlib.suppress(BadInput):
                own, _ = own_from_calendar(parsed.events, ())
        wanted = set(days)
        events = [e for e in parsed.events if e.day in wanted and not called_off(e, own)]
        events.sort(key=lambda e: (e.day, e.at or time.min, e.summary or ""))
        addresses = {
            a.address
            for e in events
            for a in [*e.attendees, *([e.organizer] if e.organizer else [])]
            if a.address not in own
        }
        matches = people_by_email(reader, addresses)
        cards: dict[int, Card] = {}
        meetings = []
        for event in events:
            people, others = [], []
            seen: set[str] = set()
            for a in [*([event.organizer] if event.organizer else []), *event.attendees]:
                if a.address in own or a.address in seen:
                    continue
                seen.add(a.address)
                found = matches.get(a.address) or []
                if len(set(found)) == 1:
                    pid = found[0]
                    if pid not in cards:
                        cards[pid] = _card(reader, pid, today)
                    if cards[pid] not in people:
                        people.append(cards[pid])
                else:
                    others.append(a.address)
            if not people and not others:
                continue
            meetings.append(Meeting(event.day, event.at, event.summary, people, others))
    if person_id is not None:
        mine = [m for m in meetings if any(c.id == person_id for c in m.people)]
        meetings = mine[:1]
        days = [m.day for m in meetings] or [today]
    return Brief(days=days, calendar=str(path), meetings=meetings)
