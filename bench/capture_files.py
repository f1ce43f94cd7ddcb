"""Synthetic mailboxes and calendars whose true interactions are known (tests and bench).

Nobody's real mail: every address is at .example. A generated mailbox mixes real
conversations with known people and with strangers (some both ways, some one way) with the
noise capture must leave out: mailing lists, bulk mail, no-reply and auto-submitted senders,
messages to more than 20 people, malformed dates, duplicated Message-IDs; headers are folded
and names come as encoded words (=?UTF-8?Q?Jos=C3=A9?=). `Truth` says what should come in.
"""

from __future__ import annotations

import mailbox
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

ME = "me@home.example"
ZONES = [timezone(timedelta(hours=h)) for h in (-8, -5, 0, 1, 2, 5, 9)]


@dataclass
class Person:
    name: str
    address: str
    header_name: str  # as written in the header (maybe an encoded word)


@dataclass
class Truth:
    """What capture should find: (address, thread root, local day) per interaction."""

    known: list[Person] = field(default_factory=list)
    interactions: set[tuple[str, str, date]] = field(default_factory=set)
    two_way: set[str] = field(default_factory=set)  # strangers written with both ways twice
    one_way: set[str] = field(default_factory=set)  # strangers who only ever wrote to you
    list_senders: set[str] = field(default_factory=set)
    messages: int = 0


def people(n: int, *, prefix: str = "p", seed: int = 1) -> list[Person]:
    """N people, some with accented names sent as encoded words."""
    rng = random.Random(seed)
    firsts = ["Ana", "Bo", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana", "Ivo", "José", "Zoë"]
    found = []
    for i in range(n):
        first = firsts[i % len(firsts)]
        name = f"{first} {prefix.upper()}{i}"
        if not first.isascii():
            header = f"=?UTF-8?Q?{_q(first)}?= {prefix.upper()}{i}"
        else:
            header = name if rng.random() < 0.7 else f'"{name}"'
        found.append(Person(name, f"{prefix}{i}@x{i % 7}.example", header))
    return found


def _q(text: str) -> str:
    return "".join(
        c if c.isascii() and c.isalnum() else "".join(f"={b:02X}" for b in c.encode()) for c in text
    )


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


class Writer:
    """Messages as bytes, into an mbox file or a Maildir folder."""

    def __init__(self, path: Path, *, maildir: bool = False) -> None:
        self.maildir = mailbox.Maildir(path, create=True) if maildir else None
        self.handle = None if maildir else path.open("wb")
        self.count = 0

    def add(self, headers: list[str], body: str = "Hello,\n\nFrom the desk of nobody.\n") -> None:
        text = "\r\n".join(headers).encode("utf-8") + b"\r\n\r\n" + body.encode()
        self.count += 1
        if self.maildir is not None:
            self.maildir.add(text)
            return
        escaped = b"\n".join(
            b">" + line if line.startswith(b"From ") else line for line in text.split(b"\n")
        )
        self.handle.write(b"From sender@example Thu Jan  1 00:00:00 2026\n" + escaped + b"\n\n")

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def _addr(p: Person) -> str:
    return f"{p.header_name} <{p.address}>"


def generate_mail(
    path: Path,
    *,
    known: int = 30,
    strangers: int = 10,
    threads: int = 200,
    noise: int = 100,
    years: float = 1.0,
    end: date = date(2026, 11, 20),
    maildir: bool = False,
    seed: int = 7,
) -> Truth:
    """A mailbox with `threads` conversations and `noise` messages capture must leave out."""
    rng = random.Random(seed)
    truth = Truth(known=people(known, seed=seed))
    two_way = people(strangers, prefix="s", seed=seed + 1)
    one_way = people(strangers, prefix="o", seed=seed + 2)
    truth.two_way = {p.address for p in two_way}
    truth.one_way = {p.address for p in one_way}
    span = int(365 * years)
    start = datetime.combine(end - timedelta(days=span), datetime.min.time(), tzinfo=UTC)
    out = Writer(path, maildir=maildir)
    serial = 0

    def moment() -> datetime:
        offset = timedelta(
            days=rng.randrange(span), hours=rng.randrange(7, 20), minutes=rng.randrange(60)
        )
        return (start + offset).astimezone(rng.choice(ZONES))

    def message(
        sender: str, to: list[str], when: datetime, root: str | None, cc: list[str] = ()
    ) -> str:
        nonlocal serial
        serial += 1
        mid = f"<m{serial}.{seed}@mail.example>"
        headers = [
            f"From: {sender}",
            "To: " + ",\r\n    ".join(to),  # folded
            f"Date: {format_datetime(when)}",
            f"Message-ID: {mid}",
            "Subject: =?UTF-8?Q?Caf=C3=A9?= plans",
        ]
        if cc:
            headers.append("Cc: " + ", ".join(cc))
        if root:
            headers += [f"In-Reply-To: {root}", f"References: {root}"]
        out.add(headers)
        return mid

    def conversation(person: Person, turns: int, first_in: bool) -> None:
        when = moment()
        root = None
        for turn in range(turns):
            mine = (turn % 2 == 0) != first_in
            if mine:
                mid = message(f"Me <{ME}>", [_addr(person)], when, root)
            else:
                mid = message(_addr(person), [f"Me <{ME}>"], when, root)
            root = root or mid
            truth.interactions.add((person.address, root, _local_day(when)))
            when += timedelta(hours=rng.choice((1, 3, 30)))

    for _ in range(threads):
        conversation(rng.choice(truth.known), rng.randrange(1, 5), rng.random() < 0.5)
    for person in two_way:  # both ways, at least twice each
        conversation(person, 4, False)
    for person in one_way:  # they write, you never answer
        for _ in range(3):
            message(_addr(person), [f"Me <{ME}>"], moment(), None)
    # a group message you wrote to three known people: an interaction with each
    group = rng.sample(truth.known, 3)
    when = moment()
    mid = message(f"Me <{ME}>", [_addr(p) for p in group], when, None)
    for p in group:
        truth.interactions.add((p.address, mid, _local_day(when)))
    crowd = people(25, prefix="c", seed=seed + 3)
    for n in range(noise):
        serial += 1
        when = moment()
        kind = n % 6
        headers = [f"Date: {format_datetime(when)}", f"Message-ID: <noise{serial}@x.example>"]
        if kind == 0:
            sender = f"list{n % 4}@lists.example"
            truth.list_senders.add(sender)
            headers += [f"From: {sender}", f"To: {ME}", f"List-Id: <news{n % 4}.lists.example>"]
        elif kind == 1:
            headers += ["From: Shop <deals@shop.example>", f"To: {ME}", "Precedence: bulk"]
            truth.list_senders.add("deals@shop.example")
        elif kind == 2:
            headers += ["From: No Reply <no-reply@service.example>", f"To: {ME}"]
        elif kind == 3:
            sender = rng.choice(truth.known)
            headers += [f"From: {_addr(sender)}", f"To: {ME}", "Auto-Submitted: auto-replied"]
        elif kind == 4:
            headers += [f"From: Me <{ME}>", "To: " + ", ".join(_addr(p) for p in crowd)]
        else:
            headers = [
                f"From: {_addr(rng.choice(truth.known))}",
                f"To: {ME}",
                "Date: someday soon",
                f"Message-ID: <bad{serial}@x.example>",
            ]
        out.add(headers)
    # the same message twice (a mailbox that kept a copy)
    out.add(
        [
            f"From: {_addr(truth.known[0])}",
            f"To: {ME}",
            f"Date: {format_datetime(moment())}",
            f"Message-ID: <m1.{seed}@mail.example>",
        ]
    )
    truth.messages = out.count
    out.close()
    return truth


def generate_calendar(
    path: Path,
    *,
    known: list[Person],
    events: int = 50,
    end: date = date(2026, 11, 20),
    years: float = 1.0,
    seed: int = 11,
) -> dict[str, int]:
    """An .ics file of one-to-ones, small groups and the noise capture leaves out."""
    rng = random.Random(seed)
    span = int(365 * years)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//capture//EN"]
    lines += [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T020000",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]
    counts = {"one_to_one": 0, "group": 0}

    def event(
        uid: str, start: datetime, attendees: list[tuple[str, str, str]], *, extra=()
    ) -> None:
        lines.extend(
            [
                "BEGIN:VEVENT",
                f"UID:{uid}",
                "DTSTAMP:20260101T000000Z",
                f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Berlin:{start + timedelta(hours=1):%Y%m%dT%H%M%S}",
                "SUMMARY:Catch-up",
                f"ORGANIZER;CN=Me:mailto:{ME}",
                *extra,
            ]
        )
        for cn, address, partstat in attendees:
            lines.append(f'ATTENDEE;CN="{cn}";PARTSTAT={partstat}:mailto:{address}')
        lines.append("END:VEVENT")

    first = datetime.combine(end - timedelta(days=span), datetime.min.time())
    for n in range(events):
        start = first + timedelta(days=rng.randrange(span), hours=rng.randrange(9, 18))
        me = ("Me", ME, "ACCEPTED")
        if n % 5 == 4:
            group = rng.sample(known, 3)
            event(f"g{n}@bench", start, [me, *[(p.name, p.address, "ACCEPTED") for p in group]])
            counts["group"] += 1
        else:
            p = rng.choice(known)
            event(f"e{n}@bench", start, [me, (p.name, p.address, "ACCEPTED")])
            counts["one_to_one"] += 1
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return counts
