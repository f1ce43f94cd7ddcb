"""When someone is due: the keep-in-touch rules, pure and without I/O."""

from __future__ import annotations

from datetime import date, timedelta

from network.common.dates import next_birthday, weekday_name

DEFAULT_TIE_CADENCE: dict[str, int | None] = {"close": 30, "casual": 90, "roster": None}
# The rhythms in effect: the settings file may change close and casual (store.rhythms applies
# it, in place, when a database is opened; every rule and query reads this one table).
TIE_CADENCE: dict[str, int | None] = dict(DEFAULT_TIE_CADENCE)
BIRTHDAY_WINDOW_DAYS = 7


def use_tie_cadence(days: dict[str, int]) -> None:
    """Make the given days per tie (close, casual) the rhythms in effect; roster has none."""
    TIE_CADENCE.clear()
    TIE_CADENCE.update(DEFAULT_TIE_CADENCE)
    TIE_CADENCE.update({tie: n for tie, n in days.items() if tie != "roster"})


def effective_cadence(tie: str, own: int | None) -> int | None:
    """A person's own cadence, else the default for their tie (roster ties have none)."""
    return own if own else TIE_CADENCE.get(tie)


GROUP_EXEMPT_TIES = ("close",)


def counts_for_cadence(tie: str, is_group: bool) -> bool:
    """Group get-togethers are no substitute for one-on-one time with a close tie."""
    return not (is_group and tie in GROUP_EXEMPT_TIES)


def next_due(anchor: date | None, cadence: int | None) -> date | None:
    """The day contact is due: the last contact (or the day they were added) plus the cadence."""
    if anchor is None or not cadence:
        return None
    try:
        return anchor + timedelta(days=cadence)
    except OverflowError:
        return date.max


def overdue_ratio(anchor: date, cadence: int, today: date) -> float:
    """How far through their cadence a person is: 1.0 is due today, 2.0 twice as long."""
    return (today - anchor).days / cadence


def due_reason(due_on: date, today: date) -> str:
    """Words for a due contact: 'due today' or 'overdue 12 days'."""
    late = (today - due_on).days
    if late <= 0:
        return "due today"
    return f"overdue {late} day{'s' if late != 1 else ''}"


def birthday_soon(
    month: int | None, day: int | None, today: date, window: int = BIRTHDAY_WINDOW_DAYS
) -> date | None:
    """The coming birthday if it falls within the window of days (today included)."""
    if not month or not day:
        return None
    upcoming = next_birthday(month, day, today)
    return upcoming if (upcoming - today).days <= window else None


def birthday_reason(on: date, today: date) -> str:
    """Words for a birthday: 'birthday today', 'birthday tomorrow', 'birthday Friday'."""
    days = (on - today).days
    if days == 0:
        return "birthday today"
    if days == 1:
        return "birthday tomorrow"
    if days < 7:
        return f"birthday {weekday_name(on)}"
    return f"birthday {on.strftime('%b')} {on.day}"


def suggestion(*, topics: list[str], tie: str, balance: int, birthday: bool, today: date) -> str:
    """A concrete deposit to make, drawn from what the person cares about."""
    if birthday:
        return "send birthday wishes"
    if topics:
        # rotate through their topics day by day so the advice doesn't go stale
        topic = topics[today.toordinal() % len(topics)]
        return f"share something about {topic}"
    if balance < 0:
        return "offer help before you ask again"
    if tie == "close":
        return "suggest a coffee or a call"
    return "send a short note or an article"


def spread_first_due(natural: list[date | None], today: date, per_day: int) -> list[date | None]:
    """First due days for people added at once: per_day a day from today, in the given
    order, never later than their natural next due day (None: no cadence, never due)."""
    out: list[date | None] = []
    n = 0
    for due_on in natural:
        if due_on is None:
            out.append(None)
            continue
        out.append(min(due_on, today + timedelta(days=n // max(1, per_day))))
        n += 1
    return out


def snoozed(until: date | None, on: date | None, last_contact: date | None, today: date) -> bool:
    """A snooze holds until its day, unless you were in touch on or after the day you set it."""
    if until is None or until <= today:
        return False
    return last_contact is None or on is None or last_contact < on
