"""The morning list behind `network due`: one row per person, a daily budget, a next step.

1. Gather every reason someone is on today's list: open obligations, asks of yours waiting
   for an answer, birthdays in the window (unless already congratulated), and — for those
   people and for the most overdue others — contact that is due.
2. Rank and budget them with the rules in domain.agenda (the order is documented there
   and in docs/concepts.md).
3. For the rows shown, read what makes the advice concrete: strengths, what you last
   gave them, how they like to be reached; and the shortest name to type in the command.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from network.app.results import Result, doc
from network.common.dates import ago
from network.common.errors import NetworkError
from network.common.text import fold
from network.domain import agenda as rules
from network.domain import cadence, capacity, loops
from network.domain import names as matching
from network.store import connection as db
from network.store.connection import Reader
from network.store.reads import agenda as queries
from network.store.reads import obligations as obligation_queries
from network.store.reads import people as people_queries

# Above this many rows (`due --all`, or a morning with many that cannot wait) commands name
# people in full rather than checking that each first name finds only them (a scan each).
HANDLE_ROWS = 12
SNOOZE_DEFAULT = "1w"
# A first name inside more names than this is too common to name anyone by.
HANDLE_CANDIDATES = 100


@dataclass
class ReasonItem(Result):
    """One reason a person is on today's list."""

    kind: str = doc(
        "promise_overdue, promise_soon, thanks, loop, followup, met (a meeting yesterday), "
        "birthday, overdue, first_contact, ask_waiting or snoozed (with --all)"
    )
    text: str = doc('the reason in words, e.g. "25 days past a 30-day rhythm (1.8×)"')
    due_on: date | None = doc(
        "when it is (or was) due: the promise's date, the birthday, the day contact was due, "
        "the day a thank-you or loop was opened, the day of the waiting ask"
    )
    obligation_id: int | None = doc("the obligation's id (for `network done`), or null")


@dataclass
class AgendaItem(Result):
    """One person on the list, with every reason they are on it, most urgent first."""

    id: int = doc("the person's id")
    name: str = doc("the person's name")
    tie: str = doc("close, casual or roster")
    reasons: list[ReasonItem] = doc("why they are on the list, most urgent first")
    kind: str = doc("the kind of the most urgent reason")
    cannot_wait: bool = doc(
        "an overdue promise (or one due today) or a birthday today or tomorrow: "
        "always shown, whatever the budget"
    )
    next_step: str = doc("one command that records what the row asks for")
    advice: str = doc("what to do, from their strengths, what you last gave and how they like it")
    last_contact: date | None = doc("the day of the last contact that counts, or null")
    last_contact_ago: str = doc('the last contact in words: "3 weeks ago", "never"')
    next_due: date | None = doc("when they are next due, or null")
    balance: int = doc("deposits minus withdrawals, in points")
    prefers: str | None = doc("how they like to be reached, or null")
    birthday_on: date | None = doc(
        "the day of the coming birthday if it is within the window, else null (`birthday` "
        'in people and show is the birth date itself: "1990-04-03" or "--04-03")'
    )


@dataclass
class NextUp(Result):
    """Who comes due next, when nobody is due today."""

    name: str = doc("the person's name")
    next_due: date = doc("the day they come due")


@dataclass
class Agenda(Result):
    """Whom to contact today, and with what (`network due`)."""

    day: date = doc("the day the agenda is for")
    budget: int | None = doc("the daily budget of people (null with --all)")
    done_today: int = doc("people already logged today; they count against the budget")
    items: list[AgendaItem] = doc("one row per person, most urgent first")
    more: int = doc("people due who can wait for another day (0 with --all)")
    next: NextUp | None = doc("when the list is empty: who comes due next, or null")
    capacity: list[str] = doc(
        "warnings when more than about 15 are close or 150 on a rhythm (Dunbar's layers)"
    )


def agenda(
    db_path: Path, today: date, budget: int | None, window: int = cadence.BIRTHDAY_WINDOW_DAYS
) -> Agenda:
    """The agenda for `today` from the database at `db_path` (budget None: everyone due;
    window: how many days ahead birthdays show)."""
    with db.reading(db_path) as reader:
        return build(reader, today, budget, window)


def _reasons(reader: Reader, today: date, window: int) -> dict[int, list[rules.Reason]]:
    """Every reason other than contact being due or an ask waiting, by person."""
    out: dict[int, list[rules.Reason]] = {}
    for o in obligation_queries.due_obligations(reader, today, loops.PROMISE_SOON_DAYS):
        if o["kind"] == "promise":
            reason = rules.promise_reason(o["id"], o["summary"], o["due_on"], today)
        elif o["kind"] == "thanks":
            reason = rules.thanks_reason(o["id"], o["summary"], o["created_on"])
        else:
            since = o["due_on"] or o["created_on"]
            reason = rules.loop_reason(o["id"], o["kind"], o["other"], since)
        if reason is not None:
            out.setdefault(o["person_id"], []).append(reason)
    # the day after a captured meeting: log what you gave, unless you already did
    for met in queries.meetings_on(reader, today - timedelta(days=1)):
        if not met["logged"]:
            out.setdefault(met["person_id"], []).append(rules.met_reason(today - timedelta(days=1)))
    birthdays = {}
    for person in queries.birthdays(reader, today, window):
        on = cadence.birthday_soon(person["birth_month"], person["birth_day"], today, window)
        if on is not None:
            birthdays[person["id"]] = on
    wished = queries.congratulated(reader, list(birthdays), queries.window_start(today, window))
    for pid, on in birthdays.items():
        if pid in wished and (on - wished[pid]).days <= window:
            continue  # congratulated in this year's window: settled
        text = cadence.birthday_reason(on, today)
        out.setdefault(pid, []).append(rules.birthday_reason(text, on, today))
    return out


def _contact_reason(person: dict[str, Any], today: date) -> rules.Reason | None:
    due_on, every = person["next_due"], person["cadence"]
    if not every:
        return None
    anchor = person["last_contact"] or person["created_on"]
    if due_on is not None and due_on <= today:
        return rules.overdue_reason(due_on, anchor, every, today)
    first = person.get("first_due")
    if person["last_contact"] is None and first is not None and first <= today:
        return rules.first_contact_reason(first, anchor, every, today)
    return None


def _is_snoozed(person: dict[str, Any], today: date) -> bool:
    return cadence.snoozed(
        person["snoozed_until"], person["snoozed_on"], person["last_contact"], today
    )


def _row(person: dict[str, Any], found: list[rules.Reason], today: date) -> rules.Row | None:
    """A person's row from their reasons and whether contact is due (None: nothing today)."""
    if _is_snoozed(person, today):
        # a snooze keeps them off the list; a promise you broke is still yours to keep
        found = [r for r in found if r.kind == "promise_overdue"]
    contact = _contact_reason(person, today)
    if contact is not None and not _is_snoozed(person, today):
        found = [*found, contact]
    if not found:
        return None
    row = rules.Row(person["id"], person["name"])
    for reason in found:
        row.add(reason)
    return row


def build(
    reader: Reader, today: date, budget: int | None, window: int = cadence.BIRTHDAY_WINDOW_DAYS
) -> Agenda:
    """Rows for everyone with a reason today; the budget decides who shows.

    Asks waiting for an answer rank last: people with nothing else on the list are read
    only as far as the budget has room for them (all of them with --all), the rest counted.
    """
    reasons = _reasons(reader, today, window)
    # an ask waits only while you have not checked in since it started waiting
    span = {
        "since": today - timedelta(days=loops.STALE_ASK_DAYS),
        "before": today - timedelta(days=loops.WAITING_DAYS),
    }
    asks: dict[int, tuple[date, bool]] = {}  # person -> (day of the ask, due for contact)

    def read_asks(**kw: Any) -> list[int]:
        return note_asks(queries.waiting_asks(reader, span["since"], span["before"], **kw))

    def note_asks(found: list[dict[str, Any]]) -> list[int]:
        for a in found:
            due = a["next_due"] is not None and a["next_due"] <= today
            asks[a["person_id"]] = (a["day"], due)
        return [a["person_id"] for a in found]

    def ask_reasons(pids: list[int]) -> dict[int, rules.Reason]:
        """The waiting-ask reasons of these people (their summaries read only now)."""
        said = queries.ask_summaries(reader, {pid: asks[pid][0] for pid in pids})
        return {pid: rules.ask_reason(said.get(pid, ""), asks[pid][0], today) for pid in pids}

    # with --all every waiting ask; within a budget, those of people already on the list
    read_asks() if budget is None else read_asks(ids=list(reasons))
    for pid, reason in ask_reasons(list(asks)).items():
        reasons.setdefault(pid, []).append(reason)
    known = queries.people(reader, list(reasons), today)
    rows: dict[int, rules.Row] = {}
    for pid, person in known.items():
        if (row := _row(person, reasons.get(pid, []), today)) is not None:
            rows[pid] = row

    done_today = queries.logged_on(reader, today)
    room = None if budget is None else max(0, budget - done_today)
    # only those who could fill the budget are read (past the people already on the
    # list, who are skipped here); the rest are counted
    limit = None if room is None else room + len(known)
    contacts, total = queries.due_contacts(reader, today, limit)
    fresh = [p for p in contacts if p["id"] not in known]
    also: dict[int, rules.Reason] = {}
    if budget is not None and fresh:
        also = ask_reasons(read_asks(ids=[p["id"] for p in fresh]))
    for person in fresh:
        known[person["id"]] = person
        extra = [also[person["id"]]] if person["id"] in also else []
        if (row := _row(person, extra, today)) is not None:
            rows[person["id"]] = row
    done = {pid for pid in rows if known[pid]["last_contact"] == today}
    unread = 0
    if budget is None:
        for person in queries.snoozed(reader, today):
            if person["id"] not in rows:
                known[person["id"]] = person
                rows[person["id"]] = row = rules.Row(person["id"], person["name"])
                row.add(rules.snoozed_reason(person["snoozed_until"]))
    else:
        # waiting asks of people with nothing else today, as far as the budget has room
        space = rules.plan(list(rows.values()), budget, done_today, done).room
        # the longest waiting, and how many wait in all, from one grouping of the asks
        found, waiting = queries.waiting_asks_counted(
            reader, span["since"], span["before"], today, space + len(known)
        )
        chosen = [pid for pid in note_asks(found) if pid not in known][:space]
        said = ask_reasons(chosen) if chosen else {}
        for pid, person in queries.people(reader, chosen, today).items():
            known[pid] = person
            if (row := _row(person, [said[pid]], today)) is not None:
                rows[pid] = row
        # the rest are counted, unless they are due contacts (counted among those)
        counted = sum(1 for pid in known if pid in asks and not asks[pid][1])
        unread = waiting - counted
    due_on_list = sum(
        1
        for p in known.values()
        if _contact_reason(p, today) is not None and not _is_snoozed(p, today)
    )
    plan = rules.plan(list(rows.values()), budget, done_today, done)
    more = len(plan.waiting) + (total - due_on_list) + unread
    items = _items(reader, plan.shown, known, today)
    next_up = None
    if not items:
        up = queries.next_up(reader, today)
        next_up = NextUp(name=up["name"], next_due=up["next_due"]) if up else None
    return Agenda(
        day=today,
        budget=budget,
        done_today=done_today,
        items=items,
        more=more,
        next=next_up,
        capacity=_capacity(reader),
    )


def _capacity(reader: Reader) -> list[str]:
    close, kept, silent_close, silent_kept = queries.capacity(reader, capacity.NAMED)
    return capacity.warnings(close, kept, silent_close, silent_kept)


def _handles(reader: Reader, rows: list[rules.Row]) -> dict[int, str]:
    """The shortest unambiguous way to type each person shown."""
    if len(rows) > HANDLE_ROWS:
        return {r.person_id: rules.handle(r.name, r.person_id, None) for r in rows}
    shortlist = queries.name_shortlist(
        reader, [loops.first_name(r.name) for r in rows], HANDLE_CANDIDATES
    )
    out = {}
    for row in rows:
        first = loops.first_name(row.name)
        found = shortlist.get(fold(first))
        means: int | None = None
        if found is not None:
            try:
                means = matching.choose(first, [(pid, name) for pid, name, _ in found])[0]
            except NetworkError:  # ambiguous: the full name it is
                means = None
        out[row.person_id] = rules.handle(row.name, row.person_id, means)
    return out


def _items(
    reader: Reader, shown: list[rules.Row], people: dict[int, dict], today: date
) -> list[AgendaItem]:
    ids = [r.person_id for r in shown]
    topics = people_queries.strengths(reader, ids) if ids else {}
    gave = queries.last_deposits(reader, ids) if ids else {}
    handles = _handles(reader, shown) if ids else {}
    items = []
    for row in shown:
        person = people[row.person_id]
        first = row.reasons[0]
        command, base = rules.next_step(
            first,
            handles[row.person_id],
            topics=[s["topic"] for s in topics.get(row.person_id, [])],
            tie=person["tie"],
            balance=person["balance"],
            today=today,
        )
        last = gave.get(row.person_id)
        birthday = next((r.due_on for r in row.reasons if r.kind == "birthday"), None)
        items.append(
            AgendaItem(
                id=row.person_id,
                name=row.name,
                tie=person["tie"],
                reasons=[
                    ReasonItem(
                        kind=r.kind, text=r.text, due_on=r.due_on, obligation_id=r.obligation_id
                    )
                    for r in row.reasons
                ],
                kind=first.kind,
                cannot_wait=row.cannot_wait,
                next_step=command,
                advice=rules.advice(
                    base,
                    prefers=person["prefers"],
                    last_gave=last["summary"] if last else None,
                    last_gave_ago=ago(last["day"], today) if last else None,
                ),
                last_contact=person["last_contact"],
                last_contact_ago=ago(person["last_contact"], today),
                next_due=person["next_due"],
                balance=person["balance"],
                prefers=person["prefers"],
                birthday_on=birthday,
            )
        )
    return items


@dataclass
class Snoozed(Result):
    """Someone kept off `due` until a day, or back on it (`network snooze`)."""

    id: int = doc("the person's id")
    name: str = doc("the person's name")
    until: date | None = doc("the first day they are back on `due`; null when lifted")


def snooze(
    db_path: Path,
    person: str,
    *,
    span: str | None,
    until: str | None,
    off: bool,
    today: date,
    now: datetime,
) -> Snoozed:
    """Keep `person` off `due` for a span ("2w") or until a day (default a week), or lift it."""
    from network.common import dates
    from network.common.errors import BadInput
    from network.store.writes import agenda as writes

    if sum(x is not None and x is not False for x in (span, until, off or None)) > 1:
        raise BadInput("give one of a span, --until or --off", "e.g. network snooze alice 2w")
    day: date | None = None
    if not off:
        if until is not None:
            day = dates.parse_day(until, today, future=True)
        else:
            day = today + timedelta(days=dates.parse_cadence(span or SNOOZE_DEFAULT))
        if day <= today:
            raise BadInput(
                f"{day.isoformat()} is not after today", "snooze until a later day, e.g. 2w"
            )
    with db.write_session(db_path) as session:
        person_id, _ = people_queries.find_person(db.SessionReader(session), person)
        name = writes.snooze(session, person_id, day, today)
    return Snoozed(id=person_id, name=name, until=day)
