"""Calendar events from an iCalendar file (.ics) or a folder of them, as plain records.

Read with the icalendar library. A recurring event becomes one record per occurrence up to
a horizon (its RRULE expanded, EXDATEs left out, an occurrence changed on its own —
RECURRENCE-ID — taking the place of the one it changes), so each is keyed by UID and
recurrence id. Times with a time zone are turned into local dates and times. An event that
cannot be read is counted, never raised; a file that is not a calendar at all is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from network.common.errors import BadInput
from network.domain.capture import Attendee, Event
from network.formats.local import existing

MAX_OCCURRENCES = 2000  # of one recurring event: a daily event over five years


@dataclass
class Parsed:
    """The events read, and how many could not be."""

    events: list[Event] = field(default_factory=list)
    malformed: int = 0


def files(path: Path) -> list[Path]:
    """The .ics files at PATH (the file itself, or every .ics under a folder)."""
    existing(
        path,
        what="a calendar",
        instead="download it first (with your browser, or curl -o calendar.ics URL) "
        "and capture that file",
    )
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".ics" and p.is_file())
        if not found:
            raise BadInput(f"{path} holds no .ics file", "export the calendar as .ics first")
        return found
    return [path]


def _address(value: Any) -> str | None:
    text = str(value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    return text if "@" in text and " " not in text else None


def _param(value: Any, name: str) -> str | None:
    params = getattr(value, "params", None) or {}
    found = params.get(name)
    return str(found).strip() if found else None


def _person(value: Any) -> Attendee | None:
    address = _address(value)
    if address is None:
        return None
    return Attendee(address, _param(value, "CN"), (_param(value, "PARTSTAT") or "").upper() or None)


def _local(value: Any) -> tuple[date, time | None]:
    """A DTSTART value as a local date and time (an all-day event has no time)."""
    if isinstance(value, datetime):
        moment = value.astimezone() if value.tzinfo else value
        return moment.date(), moment.time().replace(second=0, microsecond=0)
    if isinstance(value, date):
        return value, None
    raise ValueError("not a date")


def _ident(value: Any) -> str:
    """A recurrence id as text that a generated occurrence and an override share."""
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    if isinstance(value, datetime):
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _occurrences(component: Any, start: Any, until: date) -> list[Any]:
    """The starts of a recurring event up to `until` (EXDATEs left out)."""
    from dateutil.rrule import rrulestr

    rule = component.get("rrule").to_ical().decode()
    base = start if isinstance(start, datetime) else datetime.combine(start, time())
    naive_until = datetime.combine(until, time.max)
    limit = naive_until.replace(tzinfo=base.tzinfo) if base.tzinfo else naive_until
    excluded = set()
    for ex in _list(component.get("exdate")):
        for d in getattr(ex, "dts", []):
            excluded.add(_ident(d.dt))
    try:
        moments = iter(rrulestr(rule, dtstart=base))
    except ValueError:  # a floating UNTIL with a zoned start: read the rule in local time
        zone = base.tzinfo
        moments = (
            m.replace(tzinfo=zone) for m in rrulestr(rule, dtstart=base.replace(tzinfo=None))
        )
    starts = []
    for moment in moments:
        if moment > limit or len(starts) >= MAX_OCCURRENCES:
            break
        value = moment if isinstance(start, datetime) else moment.date()
        if _ident(value) not in excluded:
            starts.append(value)
    return starts


def _event(component: Any, start: Any, recurrence: str | None, recurring: bool) -> Event:
    organizer = _person(component.get("organizer"))
    people = [p for p in (_person(a) for a in _list(component.get("attendee"))) if p]
    day, at = _local(start)
    return Event(
        uid=str(component.get("uid") or "").strip()[:500],
        recurrence_id=recurrence,
        day=day,
        at=at,
        organizer=organizer,
        attendees=people,
        status=str(component.get("status") or "").upper() or None,
        recurring=recurring,
        summary=str(component.get("summary") or "").strip()[:300] or None,
    )


def _read_text(text: str, until: date, parsed: Parsed) -> None:
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception:  # noqa: BLE001 - a file icalendar cannot read at all is one problem
        parsed.malformed += 1
        return
    for calendar in calendars:
        overrides: dict[tuple[str, str], Event] = {}
        plain: list[tuple[Any, Any]] = []
        for component in calendar.walk("VEVENT"):
            try:
                uid = str(component.get("uid") or "").strip()
                start = component.get("dtstart").dt
                if not uid:
                    raise ValueError("no UID")
                if component.get("recurrence-id") is not None:
                    rid = _ident(component.get("recurrence-id").dt)
                    overrides[(uid, rid)] = _event(component, start, rid, True)
                else:
                    plain.append((component, start))
            except Exception:  # noqa: BLE001 - one broken event is skipped and counted
                parsed.malformed += 1
        for component, start in plain:
            try:
                uid = str(component.get("uid")).strip()
                if component.get("rrule") is None:
                    parsed.events.append(_event(component, start, None, False))
                    continue
                for moment in _occurrences(component, start, until):
                    rid = _ident(moment)
                    changed = overrides.pop((uid, rid), None)
                    parsed.events.append(changed or _event(component, moment, rid, True))
            except Exception:  # noqa: BLE001
                parsed.malformed += 1
        # an override whose occurrence the rule no longer makes (moved in time) stands alone
        parsed.events.extend(overrides.values())


def read(paths: list[Path], *, until: date, tick: Callable[[int], None] | None = None) -> Parsed:
    """Every event in the files; a recurring one's occurrences up to `until`."""
    parsed = Parsed()
    for n, path in enumerate(paths, 1):
        try:
            text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
        except OSError as exc:
            raise BadInput(f"cannot read {path}: {exc.strerror}", "check its permissions") from None
        if "BEGIN:VCALENDAR" not in text[:4096].upper() and len(paths) == 1:
            raise BadInput(f"{path} is not an iCalendar file", "export the calendar as .ics")
        _read_text(text, until, parsed)
        if tick:
            tick(n)
    return parsed


def horizon(today: date) -> date:
    """How far ahead to expand recurring events: tomorrow, for the brief."""
    return today + timedelta(days=1)
