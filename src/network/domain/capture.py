"""The rules of capture: which mail and meetings count as an interaction, with whom, which way.

Formats read the files into the plain records below (`Message`, `Event`); these rules
decide, for each, either why it is skipped (`SKIP_*`, counted by cause in the summary) or
the `Sighting`s it makes (one per other person). `Tally` folds sightings into at most one
interaction per address, thread and day, with its direction. Placement (an address that is
exactly one person's) and the review queue's proposals are rules here too; the database
work is the store's.

"A false merge is worse than a miss": nothing here ever guesses a person from a name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import date, time

MAX_PEOPLE = 20  # more recipients or attendees than this is a broadcast, not a conversation
# a recurring meeting with more people than this is an all-hands, not time with someone
ALL_HANDS_PEOPLE = 8
ALL_HANDS_WORDS = ("all-hands", "all hands", "allhands", "town hall", "townhall", "all-staff")
# a small meeting's attendees all know each other; a bigger one links only its organiser
LINK_ALL_PAIRS_UP_TO = 5
# proposed as a new person: you wrote to them and they wrote to you, each at least this often
PROPOSE_EACH_WAY = 2

SKIP_MALFORMED = "malformed"
SKIP_SEEN = "already captured"
SKIP_DUPLICATE = "repeated in the file"
SKIP_SINCE = "before --since"
SKIP_LIST = "mailing list"
SKIP_AUTOMATED = "automated sender"
SKIP_CROWD = "more than 20 people"
SKIP_ALL_HANDS = "recurring all-hands"
SKIP_DECLINED = "declined or cancelled"
SKIP_FUTURE = "not yet happened"
SKIP_ALONE = "no one else"
SKIP_IGNORED = "ignored address"
SKIP_OWN = "your own address"
SKIP_COMPANY = "your company's domain"

# local parts of addresses that no person reads
_AUTOMATED = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon|postmaster|notifications?|"
    r"bounces?|calendar[-_.]notification|alerts?|newsletters?|news|updates|billing|"
    r"support|info|marketing|unsubscribe)([-+_.].*)?$"
)
_AUTOMATED_DOMAINS = ("resource.calendar.google.com", "group.calendar.google.com")
_BULK = ("bulk", "list", "junk")


@dataclass(frozen=True, slots=True)
class Address:
    """An e-mail address (lower-cased) and the display name that came with it."""

    address: str
    name: str | None = None


@dataclass(slots=True)
class Message:
    """The headers of one mail message that capture reads (never the body)."""

    message_id: str | None
    sender: Address | None
    recipients: list[Address]  # To and Cc
    day: date | None  # local date; None when the Date header cannot be read
    at: time | None
    thread: str | None  # the thread's first message (References), else In-Reply-To
    list_mail: bool  # List-Id, or Precedence: bulk, list or junk
    auto_submitted: bool  # Auto-Submitted other than "no"
    subject: str | None = None  # only with --subjects
    sent_label: bool = False  # the mail app filed it as sent (Gmail's X-Gmail-Labels)
    problem: str | None = None  # why it cannot be read, when it cannot


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone on an event, with their reply (PARTSTAT: ACCEPTED, DECLINED, …)."""

    address: str
    name: str | None = None
    partstat: str | None = None


@dataclass(slots=True)
class Event:
    """One occurrence of a calendar event, as capture reads it."""

    uid: str
    recurrence_id: str | None
    day: date | None
    at: time | None
    organizer: Attendee | None
    attendees: list[Attendee]
    status: str | None  # CONFIRMED, TENTATIVE, CANCELLED
    recurring: bool  # it has an RRULE (or is one occurrence of one)
    summary: str | None = None
    problem: str | None = None

    @property
    def key(self) -> str:
        """What makes this occurrence itself: its UID and recurrence id."""
        return f"{self.uid}|{self.recurrence_id or ''}"


@dataclass(frozen=True)
class Filters:
    """Who you are and what to leave out (from the config and the command's options)."""

    own: frozenset[str]
    company_domains: frozenset[str] = frozenset()
    ignored: frozenset[str] = frozenset()
    since: date | None = None
    today: date | None = None  # meetings after today have not happened yet


@dataclass(frozen=True, slots=True)
class Sighting:
    """One other person in one message or meeting."""

    address: str
    name: str | None
    thread: str
    day: date
    at: time | None
    direction: str  # out (you wrote), in (they wrote), met
    subject: str | None
    is_group: bool = False


def is_automated(address: str) -> bool:
    """An address no person reads: no-reply, notifications, mailer-daemon, meeting rooms."""
    local, _, domain = address.partition("@")
    return bool(_AUTOMATED.match(local)) or domain.endswith(_AUTOMATED_DOMAINS)


def is_bulk(precedence: str | None, list_id: str | None) -> bool:
    """Mailing-list mail: a List-Id header, or Precedence bulk, list or junk."""
    return bool(list_id and list_id.strip()) or (precedence or "").strip().lower() in _BULK


def is_auto_submitted(value: str | None) -> bool:
    """Auto-Submitted says a machine sent it (anything but "no", RFC 3834)."""
    return bool(value) and value.strip().lower().split(";")[0] != "no"


def domain_of(address: str) -> str:
    """The part after the @."""
    return address.rpartition("@")[2]


def _other(address: str, filters: Filters) -> str | None:
    """Why this address is not someone to log, or None when it is."""
    if address in filters.own:
        return SKIP_OWN
    if filters.company_domains and domain_of(address) in filters.company_domains:
        return SKIP_COMPANY
    if is_automated(address):
        return SKIP_AUTOMATED
    if address in filters.ignored:
        return SKIP_IGNORED
    return None


def read_message(message: Message, filters: Filters) -> tuple[str | None, list[Sighting]]:
    """(why it is skipped, or None; the people it was with). A message you wrote is with
    everyone on To and Cc; a message to you is with its sender only."""
    if message.problem or message.day is None or message.sender is None:
        return SKIP_MALFORMED, []
    if filters.since and message.day < filters.since:
        return SKIP_SINCE, []
    if message.list_mail:
        return SKIP_LIST, []
    if message.auto_submitted or is_automated(message.sender.address):
        return SKIP_AUTOMATED, []
    if len(message.recipients) > MAX_PEOPLE:
        return SKIP_CROWD, []
    thread = message.thread or message.message_id or f"{message.sender.address}|{message.day}"
    if message.sender.address in filters.own:
        direction, people = "out", message.recipients
    else:
        direction, people = "in", [message.sender]
    sightings, why = [], None
    seen: set[str] = set()
    for person in people:
        reason = _other(person.address, filters)
        if reason is not None:
            why = why or reason
            continue
        if person.address in seen:
            continue
        seen.add(person.address)
        sightings.append(
            Sighting(
                person.address,
                person.name,
                thread,
                message.day,
                message.at,
                direction,
                message.subject,
            )
        )
    if not sightings:  # only you on it is no one else, not a filter at work
        return SKIP_ALONE if why in (None, SKIP_OWN) else why, []
    return None, sightings


def called_off(event: Event, own: Container[str]) -> bool:
    """The meeting will not happen for you: cancelled, or you declined it."""
    if (event.status or "").upper() == "CANCELLED":
        return True
    return any(
        a.address in own and (a.partstat or "").upper() == "DECLINED"
        for a in [*event.attendees, *([event.organizer] if event.organizer else [])]
    )


def read_event(event: Event, filters: Filters) -> tuple[str | None, list[Sighting]]:
    """(why it is skipped, or None; the people met). Past meetings only; one with more
    than one other person is a group entry (it does not reset a close tie's clock)."""
    if event.problem or event.day is None:
        return SKIP_MALFORMED, []
    if filters.since and event.day < filters.since:
        return SKIP_SINCE, []
    if filters.today and event.day > filters.today:
        return SKIP_FUTURE, []
    if called_off(event, filters.own):
        return SKIP_DECLINED, []
    everyone = list(event.attendees)
    if event.organizer and all(a.address != event.organizer.address for a in everyone):
        everyone.append(event.organizer)
    if len(everyone) > MAX_PEOPLE:
        return SKIP_CROWD, []
    title = (event.summary or "").lower()
    if event.recurring and (
        len(everyone) > ALL_HANDS_PEOPLE or any(w in title for w in ALL_HANDS_WORDS)
    ):
        return SKIP_ALL_HANDS, []
    others, why = [], None
    seen: set[str] = set()
    for person in everyone:
        reason = _other(person.address, filters)
        if reason is None and (person.partstat or "").upper() == "DECLINED":
            reason = SKIP_DECLINED
        if reason is not None:
            why = why or reason
            continue
        if person.address not in seen:
            seen.add(person.address)
            others.append(person)
    if not others:
        return SKIP_ALONE if why in (None, SKIP_OWN) else why, []
    group = len(others) > 1
    return None, [
        Sighting(p.address, p.name, event.key, event.day, event.at, "met", event.summary, group)
        for p in others
    ]


@dataclass
class Interaction:
    """At most one per address, thread and day: what becomes one entry (or one queued item)."""

    address: str
    name: str | None
    thread: str
    day: date
    at: time | None
    directions: set[str]
    subject: str | None
    is_group: bool
    sent: int = 0  # messages you wrote in it
    received: int = 0  # messages they wrote

    @property
    def direction(self) -> str:
        """out (you wrote), in (they wrote), both, or met."""
        if "met" in self.directions:
            return "met"
        return "both" if len(self.directions) > 1 else next(iter(self.directions))


@dataclass
class Tally:
    """Sightings folded into interactions, and the skips counted by cause."""

    skipped: Counter = field(default_factory=Counter)
    interactions: dict[tuple[str, str, date], Interaction] = field(default_factory=dict)

    def add(self, why: str | None, sightings: Iterable[Sighting]) -> None:
        """Count a skip, or fold the sightings in."""
        if why is not None:
            self.skipped[why] += 1
            return
        for s in sightings:
            key = (s.address, s.thread, s.day)
            known = self.interactions.get(key)
            if known is None:
                known = self.interactions[key] = Interaction(
                    s.address, s.name, s.thread, s.day, s.at, {s.direction}, s.subject, s.is_group
                )
            else:
                known.directions.add(s.direction)
                known.name = known.name or s.name
                known.is_group = known.is_group or s.is_group
            known.sent += s.direction == "out"
            known.received += s.direction == "in"


DIRECTION_WORDS = {"out": "you wrote", "in": "they wrote", "both": "you both wrote", "met": "met"}


def summary(source: str, direction: str, subject: str | None) -> str:
    """An entry's words: which way it went, and the subject only when it was asked for."""
    if source == "calendar":
        head = "meeting"  # a group meeting is marked by the entry's own is_group
    else:
        head = f"e-mail, {DIRECTION_WORDS.get(direction, direction)}"
    words = f"{head}: {subject.strip()}" if subject and subject.strip() else head
    return words[:300]


def placement(matches: list[int] | None) -> int | None:
    """The person an address is logged to: only when it is exactly one person's."""
    return matches[0] if matches and len(set(matches)) == 1 else None


def proposed(sent: int, received: int) -> bool:
    """Someone to propose as a new person: you wrote each other, both ways, at least twice
    (messages you sent them, messages they sent you).
    A one-way sender (a newsletter, a stranger, a shop) never is."""
    return sent >= PROPOSE_EACH_WAY and received >= PROPOSE_EACH_WAY


def own_from_sent(counts: Counter, total: int) -> set[str]:
    """Your addresses from a sent folder's From lines: each that sent at least a tenth."""
    return {a for a, n in counts.items() if total and n * 10 >= total}


def own_from_calendar(counts: Counter, events: int) -> set[str]:
    """Your address from a calendar: the one on more than half of the events with people."""
    if not counts or not events:
        return set()
    address, n = counts.most_common(1)[0]
    return {address} if n * 2 > events else set()


def link_pairs(organizer: str | None, people: list[str]) -> list[tuple[str, str]]:
    """Who at a meeting knows whom: the organiser knows each attendee, and in a small
    meeting everyone knows everyone."""
    pairs: set[tuple[str, str]] = set()
    if organizer:
        pairs |= {tuple(sorted((organizer, p))) for p in people if p != organizer}
    if len(people) <= LINK_ALL_PAIRS_UP_TO:
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                if a != b:
                    pairs.add(tuple(sorted((a, b))))
    return sorted(pairs)
