"""An iCalendar feed for a calendar app: birthdays yearly, due contacts and open promises dated.

Written with the icalendar library. UIDs are stable (one per person or obligation), so
a subscribed calendar updates the events in place rather than piling up copies. An
overdue contact is placed on today: a calendar shows what is ahead.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from network.domain import cadence
from network.domain.loops import KIND_WORDS
from network.domain.snapshot import Snapshot

PRODID = "-//network//relationship manager//EN"
DOMAIN = "network.invalid"
_NO_YEAR = 2000  # a leap year, so Feb 29 exists; the event repeats yearly from there


def _event(uid: str, day: date, summary: str, description: str | None, stamp: datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    return event


def render(snap: Snapshot, *, today: date, now: datetime) -> str:
    """The calendar text."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "network")
    people = {p["id"]: p for p in snap.tables["person"]}
    for p in people.values():
        if p["archived"] or not p.get("birth_month") or not p.get("birth_day"):
            continue
        year = p.get("birth_year") or _NO_YEAR
        month, day = p["birth_month"], p["birth_day"]
        event = _event(
            f"birthday-{p['id']}",
            date(year, month, day),
            f"Birthday: {p['name']}",
            "send birthday wishes",
            now,
        )
        if (month, day) == (2, 29):
            event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            event.add("rrule", {"freq": "yearly"})
        cal.add_component(event)
    for p in people.values():
        if p["archived"] or p.get("next_due") is None:
            continue
        due = p["next_due"]
        # the title stays true in a subscribed calendar; how late it is goes in the detail
        summary = f"Keep in touch: {p['name']}"
        last = p["last_contact"].isoformat() if p.get("last_contact") else "never"
        balance = f"{p['balance']:+d}" if p["balance"] else "0"  # as `show` writes it
        detail = f"{p['tie']} tie; last contact {last}; balance {balance}"
        if due < today:
            detail = f"{cadence.due_reason(due, today)} as of {today.isoformat()}; {detail}"
        if p.get("prefers"):
            detail += f"; prefers {p['prefers']}"
        cal.add_component(_event(f"due-{p['id']}", max(due, today), summary, detail, now))
    for o in snap.tables.get("obligation", []):
        if o.get("done_on") is not None or o.get("due_on") is None:
            continue
        who = people.get(o["person_id"])
        if who is None or who["archived"]:
            continue
        label = KIND_WORDS.get(o["kind"], o["kind"]).capitalize()
        cal.add_component(
            _event(
                f"obligation-{o['id']}",
                o["due_on"],
                f"{label}: {who['name']} — {o['summary']}",
                o.get("note"),
                now,
            )
        )
    return cal.to_ical().decode("utf-8")
