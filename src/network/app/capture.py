"""Capture: interactions from your own mail and calendar files, nothing uploaded.

1. The format reads the file(s) one message or event at a time (headers only for mail).
2. Each is checked against what earlier runs read (by Message-ID, or UID and recurrence
   id): a second run, or a newer copy of the same mailbox, adds only what is new.
3. The rules (`domain.capture`) skip it with a cause, or name the people it was with.
4. Each person is placed by address: exactly one person has it → an entry (at most one per
   person, thread and day); no one or several → the review queue (`network inbox`).
5. All of it is one transaction and one undo step (a dry run is the same work rolled back).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from network.app.results import Result, doc

# progress(total work units, label) -> a context giving tick(units done so far)
Progress = Callable[[int, str], AbstractContextManager[Callable[[int], None]]]
_BATCH = 1000


@dataclass
class Captured(Result):
    """What `capture mail` or `capture calendar` did (with --dry-run: what it would do)."""

    dry_run: bool = doc("true when nothing was written")
    source: str = doc("mail or calendar")
    path: str = doc("the file or folder read")
    read: int = doc("messages or events read")
    entries: int = doc("entries added to the ledger")
    people: int = doc("people those entries went to")
    links: int = doc("new links between people met together (calendar)")
    queued: int = doc("items added to the review queue (see network inbox)")
    queued_addresses: int = doc("addresses those items belong to")
    skipped: dict[str, int] = doc("messages or events left out, counted by cause")
    own: list[str] = doc("the addresses taken as yours")
    own_from: str = doc("where they came from: config, sent folder or calendar")


@dataclass
class _Run:
    """What one capture gathered before writing."""

    read: int = 0
    skipped: Counter = field(default_factory=Counter)


def _ident(value: str) -> str:
    return value.strip().lower()


def _settings() -> Any:
    from network.common import config

    return config.load()


def _filters(reader: Any, own: Iterable[str], since: date | None, today: date) -> Any:
    from network.common import config
    from network.domain.capture import Filters
    from network.store.reads import capture as reads

    settings = config.load()
    return Filters(
        own=frozenset(_ident(a) for a in own),
        company_domains=frozenset(settings.company_domains),
        ignored=frozenset(reads.ignored(reader)),
        since=since,
        today=today,
    )


def _batches(items: Iterator[Any], size: int = _BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _place(session: Any, reader: Any, source: str, tally: Any, today: date) -> dict[str, Any]:
    """Entries for interactions with someone known, queue items for the rest; returns counts
    and who each placed address is (for links)."""
    from network.domain import capture as rules
    from network.store.reads import capture as reads
    from network.store.reads.contact_points import people_by_email
    from network.store.writes import capture as writes

    interactions = list(tally.interactions.values())
    matches = people_by_email(reader, {i.address for i in interactions})
    kind = "meeting" if source == "calendar" else "email"
    # one entry per person, thread and day, even when they wrote from two addresses
    by_ref: dict[str, dict[str, Any]] = {}
    queued: dict[str, dict[str, Any]] = {}
    placed: dict[str, int] = {}
    for item in interactions:
        found = matches.get(item.address)
        person = rules.placement(found)
        if person is not None:
            placed[item.address] = person
            ref = f"#{person}|{item.thread}|{item.day.isoformat()}"
            known = by_ref.get(ref)
            if known is None:
                by_ref[ref] = {"item": item, "person_id": person}
            else:
                known["item"].directions |= item.directions
            continue
        ref = f"{item.address}|{item.thread}|{item.day.isoformat()}"
        queued[ref] = {"item": item, "ambiguous": bool(found)}
    earlier = reads.seen(reader, "thread", [*by_ref, *queued])
    entries = [
        {
            "person_id": v["person_id"],
            "day": v["item"].day,
            "at": v["item"].at,
            "kind": kind,
            "summary": rules.summary(source, v["item"].direction, v["item"].subject),
            "is_group": v["item"].is_group,
        }
        for ref, v in by_ref.items()
        if ref not in earlier
    ]
    items = [
        {
            "address": v["item"].address[:320],
            "name": (v["item"].name or None) and v["item"].name[:200],
            "source": source,
            "direction": v["item"].direction,
            "day": v["item"].day,
            "at": v["item"].at,
            "thread": v["item"].thread[:1000],
            "summary": rules.summary(source, v["item"].direction, v["item"].subject),
            "is_group": v["item"].is_group,
            "ambiguous": v["ambiguous"],
            "sent": v["item"].sent,
            "received": v["item"].received,
        }
        for ref, v in queued.items()
        if ref not in earlier
    ]
    touched = writes.add_entries(session, entries)
    writes.refresh(session, touched)
    writes.add_items(session, items)
    writes.add_seen(
        session,
        "thread",
        [
            (ref, v["item"].day)
            for ref, v in [*by_ref.items(), *queued.items()]
            if ref not in earlier
        ],
    )
    return {
        "entries": len(entries),
        "people": len(touched),
        "queued": len(items),
        "queued_addresses": len({i["address"] for i in items}),
        "placed": placed,
    }


def _own_from_mail(boxes: list[Any], configured: tuple[str, ...]) -> tuple[set[str], str]:
    """Your addresses: from the config, else the From lines of sent folders (or mail Gmail
    labelled Sent). A first pass over the headers, only when the config names none."""
    from network.common.errors import BadInput
    from network.domain.capture import own_from_sent
    from network.formats import mail_headers

    if configured:
        return set(configured), "config"
    sent = [b for b in boxes if b.sent] or boxes
    counts: Counter = Counter()
    total = 0
    for message in mail_headers.read(sent):
        if message.sent_label and message.sender is not None:
            counts[message.sender.address] += 1
            total += 1
    own = own_from_sent(counts, total)
    if not own:
        raise BadInput(
            "cannot tell which addresses are yours (no sent folder among what was given)",
            'name them in the config: me.emails = ["you@example.com"] (see network config), '
            "or capture a folder that holds your Sent mail too",
        )
    return own, "sent folder"


def _step_counts(counts: dict[str, Any]) -> str:
    """What an undo step of a capture says it holds: "1 entry, 3 to review"."""
    n = counts["entries"]
    return f"{n} {'entry' if n == 1 else 'entries'}, {counts['queued']} to review"


def capture_mail(
    db_path: Path,
    path: Path,
    *,
    today: date,
    since: date | None = None,
    subjects: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Captured:
    """Read an mbox file or Maildir folder's headers into entries and the review queue, in
    one transaction (rolled back with `dry_run`)."""
    from network.app.dryrun import in_transaction
    from network.domain import capture as rules
    from network.formats import registry

    mail = registry.CAPTURE["mail"].load()
    boxes = mail.mailboxes(path)
    own, own_from = _own_from_mail(boxes, _settings().own_emails)

    def work(session: Any) -> Captured:
        from network.store import connection, undo
        from network.store.reads import capture as reads
        from network.store.writes import capture as writes

        reader = connection.SessionReader(session)
        filters = _filters(reader, own, since, today)
        tally = rules.Tally()
        run = _Run()
        in_file: set[str] = set()
        started = progress(mail.size(boxes), f"Reading {path.name}") if progress else None
        with started or nullcontext(None) as tick:
            messages = mail.read(boxes, subjects=subjects, tick=tick)
            for batch in _batches(messages):
                keys = [_message_key(m) for m in batch]
                before = reads.seen(reader, "mail", [k for k in keys if k])
                new_refs = []
                for message, key in zip(batch, keys, strict=True):
                    run.read += 1
                    if key is None:
                        tally.add(rules.SKIP_MALFORMED, [])
                        continue
                    if key in before:
                        tally.add(rules.SKIP_SEEN, [])
                        continue
                    if key in in_file:
                        tally.add(rules.SKIP_DUPLICATE, [])
                        continue
                    in_file.add(key)
                    why, sightings = rules.read_message(message, filters)
                    tally.add(why, sightings)
                    # read again by a later run: once readable, or without --since
                    if why not in (rules.SKIP_MALFORMED, rules.SKIP_SINCE):
                        new_refs.append((key, message.day))
                writes.add_seen(session, "mail", new_refs)
        counts = _place(session, reader, "mail", tally, today)
        undo.describe(
            session,
            f"capture mail: {path.name} ({_step_counts(counts)})",
        )
        return Captured(
            dry_run=dry_run,
            source="mail",
            path=str(path),
            read=run.read,
            entries=counts["entries"],
            people=counts["people"],
            links=0,
            queued=counts["queued"],
            queued_addresses=counts["queued_addresses"],
            skipped=dict(tally.skipped.most_common()),
            own=sorted(own),
            own_from=own_from,
        )

    return in_transaction(db_path, dry_run, work)


def _message_key(message: Any) -> str | None:
    """What makes a message itself: its Message-ID, else its sender and moment."""
    if message.message_id:
        return message.message_id
    if message.sender is None or message.day is None:
        return None
    return f"{message.sender.address}|{message.day}T{message.at}|{len(message.recipients)}"


def own_from_calendar(events: list[Any], configured: tuple[str, ...]) -> tuple[set[str], str]:
    """Your addresses for a calendar: the config's, else the one on most events with people."""
    from network.common.errors import BadInput
    from network.domain.capture import own_from_calendar as most_events

    if configured:
        return set(configured), "config"
    counts: Counter = Counter()
    with_people = 0
    for event in events:
        everyone = {a.address for a in event.attendees}
        if event.organizer:
            everyone.add(event.organizer.address)
        if len(everyone) > 1:
            with_people += 1
            counts.update(everyone)
    own = most_events(counts, with_people)
    if not own:
        raise BadInput(
            "cannot tell which address on the calendar is yours",
            'name it in the config: me.emails = ["you@example.com"] (see network config)',
        )
    return own, "calendar"


def capture_calendar(
    db_path: Path,
    path: Path,
    *,
    today: date,
    since: date | None = None,
    subjects: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Captured:
    """Read a calendar file (or a folder of them) into meeting entries, links between the
    people met together, and the review queue, in one transaction."""
    from network.app.dryrun import in_transaction
    from network.domain import capture as rules
    from network.formats import registry

    calendar = registry.CAPTURE["calendar"].load()
    files = calendar.files(path)
    started = progress(len(files), f"Reading {path.name}") if progress else None
    with started or nullcontext(None) as tick:
        parsed = calendar.read(files, until=calendar.horizon(today), tick=tick)
    own, own_from = own_from_calendar(parsed.events, _settings().own_emails)

    def work(session: Any) -> Captured:
        from network.store import connection, undo
        from network.store.reads import capture as reads
        from network.store.writes import capture as writes

        reader = connection.SessionReader(session)
        filters = _filters(reader, own, since, today)
        tally = rules.Tally()
        if parsed.malformed:
            tally.skipped[rules.SKIP_MALFORMED] += parsed.malformed
        before = reads.seen(reader, "calendar", [e.key for e in parsed.events])
        new_refs, in_file = [], set()
        met: list[tuple[Any, list[Any]]] = []
        for event in parsed.events:
            if event.key in before:
                tally.add(rules.SKIP_SEEN, [])
                continue
            if event.key in in_file:
                tally.add(rules.SKIP_DUPLICATE, [])
                continue
            in_file.add(event.key)
            why, sightings = rules.read_event(event, filters)
            if not subjects:  # an event's title is kept only when asked for, like a subject
                sightings = [replace(s, subject=None) for s in sightings]
            tally.add(why, sightings)
            if why in (rules.SKIP_FUTURE, rules.SKIP_SINCE):
                continue  # read again once it has happened, or without --since
            if why != rules.SKIP_MALFORMED:
                new_refs.append((event.key, event.day))
            if sightings:
                met.append((event, sightings))
        writes.add_seen(session, "calendar", new_refs)
        counts = _place(session, reader, "calendar", tally, today)
        links = writes.add_links(session, _link_rows(met, counts["placed"], subjects))
        undo.describe(
            session,
            f"capture calendar: {path.name} ({_step_counts(counts)})",
        )
        return Captured(
            dry_run=dry_run,
            source="calendar",
            path=str(path),
            read=len(parsed.events) + parsed.malformed,
            entries=counts["entries"],
            people=counts["people"],
            links=links,
            queued=counts["queued"],
            queued_addresses=counts["queued_addresses"],
            skipped=dict(tally.skipped.most_common()),
            own=sorted(own),
            own_from=own_from,
        )

    return in_transaction(db_path, dry_run, work)


def _link_rows(
    met: list[tuple[Any, list[Any]]], placed: dict[str, int], titles: bool
) -> list[tuple]:
    """(a, b, context, day) for the people known to each other at each meeting."""
    from network.domain.capture import link_pairs

    rows = []
    for event, sightings in met:
        people = [s.address for s in sightings if s.address in placed]
        organizer = event.organizer.address if event.organizer else None
        organizer = organizer if organizer in placed else None
        context = f"met at {event.summary}" if titles and event.summary else "met at a meeting"
        for a, b in link_pairs(organizer, people):
            rows.append((placed[a], placed[b], f"{context} ({event.day.isoformat()})", event.day))
    return rows
