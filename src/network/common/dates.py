"""Reading the dates, times, cadences and birthdays people type, and showing dates back.

Nothing here reads the clock: callers pass `today`/`now`, so results are deterministic.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from network.common.errors import BadDate

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

DAY_HINT = (
    "use a date like 2026-11-03, today, yesterday, 3 days ago, 2 weeks ago, "
    "last friday, friday or nov 3"
)
FUTURE_DAY_HINT = (
    "use a date like 2026-11-03, today, tomorrow, in 3 days, in 2 weeks, "
    "next friday, friday or nov 3"
)
MOMENT_HINT = DAY_HINT + ", optionally followed by a time like 14:30 or 3pm"
CADENCE_HINT = "use a number of days like 30d, 2w, 3m or 1y"
BIRTHDAY_HINT = "use MM-DD or YYYY-MM-DD, e.g. 04-03 or 1990-04-03"

MAX_CADENCE_DAYS = 3650

# No accepted form is anywhere near this long; refusing early bounds all the work.
_MAX_INPUT = 64

_WEEKDAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
_WEEKDAYS = {
    **{name.lower(): i for i, name in enumerate(_WEEKDAY_NAMES)},
    **{name[:3].lower(): i for i, name in enumerate(_WEEKDAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}
# Longest each month can be (February in a leap year), to reject "feb 30" outright.
_MAX_DAY = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_COUNT = r"(?P<n>[0-9]+|an?|one)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_AGO_RE = re.compile(rf"{_COUNT} {_UNIT} ago")
_IN_RE = re.compile(rf"in {_COUNT} {_UNIT}")
_ISO_RE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_WEEKDAY_RE = re.compile(r"(?:(?P<rel>last|next) )?(?P<wd>[a-z]+)")
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,? (?P<y>[0-9]{4}))?"
_MONTH_DAY_RE = re.compile(rf"(?P<mon>[a-z]+)\.? (?P<d>[0-9]{{1,2}}){_ORD}{_YEAR}")
_DAY_MONTH_RE = re.compile(rf"(?P<d>[0-9]{{1,2}}){_ORD} (?P<mon>[a-z]+)\.?{_YEAR}")
_TIME = (
    r"(?P<h>[0-9]{1,2})(?::(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2}))?)?"
    r" ?(?P<ampm>[ap]\.?m\.?)?"
)
# The day part is optional: a time alone means today.
_MOMENT_RE = re.compile(rf"(?:(?P<day>(?!at ).+?) )?(?:at )?{_TIME}")
_ISO_T_RE = re.compile(r"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})t([0-9])")

_CADENCE_WORDS = {
    "daily": 1,
    "weekly": 7,
    "fortnightly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "annually": 365,
}
_CADENCE_UNITS = {
    "": 1,
    "d": 1,
    "day": 1,
    "days": 1,
    "w": 7,
    "wk": 7,
    "wks": 7,
    "week": 7,
    "weeks": 7,
    "m": 30,
    "mo": 30,
    "month": 30,
    "months": 30,
    "y": 365,
    "yr": 365,
    "yrs": 365,
    "year": 365,
    "years": 365,
}
_CADENCE_RE = re.compile(r"(?P<n>-?[0-9]+)? ?(?P<unit>[a-z]*)")

_BIRTHDAY_MD_RE = re.compile(
    r"--(?P<m1>[0-9]{2})-?(?P<d1>[0-9]{2})|(?P<m2>[0-9]{1,2})-(?P<d2>[0-9]{1,2})"
)
_BIRTHDAY_YMD_RE = re.compile(
    r"(?P<y1>[0-9]{4})-(?P<m1>[0-9]{1,2})-(?P<d1>[0-9]{1,2})"
    r"|(?P<y2>[0-9]{4})(?P<m2>[0-9]{2})(?P<d2>[0-9]{2})"
)


def _quote(text: str) -> str:
    """The user's input, shortened and made printable, in double quotes."""
    shown = text.strip()
    if len(shown) > 40:
        shown = shown[:40] + "…"
    # Control characters or lone surrogates would garble (or crash) the terminal.
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in shown)
    return f'"{shown}"'


def _normalise(text: str) -> str | None:
    """Lower-case, single-spaced text, or None when it cannot possibly be accepted."""
    # Any Unicode space counts (pasted text often has no-break spaces), but otherwise
    # only ASCII forms exist: this keeps int() away from non-ASCII digits and
    # str.lower() from turning the Kelvin sign into "k".
    s = " ".join(text.split())
    if not s.isascii() or len(s) > _MAX_INPUT:
        return None
    return s.lower()


def _is_leap(year: int) -> bool:
    """True when year has a February 29."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _count(m: re.Match[str]) -> int:
    """The number in a relative form; "a", "an" and "one" mean 1."""
    n = m["n"]
    return int(n) if n.isdigit() else 1


def _span(n: int, unit: str) -> timedelta | relativedelta:
    """A signed span of n units; months and years follow the calendar."""
    if unit == "day":
        return timedelta(days=n)
    if unit == "week":
        return timedelta(weeks=n)
    # Imported here so that loading this module stays cheap for every command.
    from dateutil.relativedelta import relativedelta

    return relativedelta(months=n) if unit == "month" else relativedelta(years=n)


def _month_day(month: int, day: int, today: date, future: bool) -> date:
    """The latest such day on or before today, or the earliest on or after it."""
    step = 1 if future else -1
    year = today.year
    # Eight years always reach a leap year (1896 -> 1904 skips 1900).
    for _ in range(9):
        if day <= 28 or month != 2 or (day == 29 and _is_leap(year)):
            candidate = date(year, month, day)
            if candidate >= today if future else candidate <= today:
                return candidate
        year += step
    raise ValueError("no such day within reach")


def _named_day(m: re.Match[str], today: date, future: bool) -> date | None:
    """The day meant by a "nov 3" / "3 nov" match, or None when the month is unknown."""
    month = _MONTHS.get(m["mon"])
    if month is None:
        return None
    day = int(m["d"])
    if not 1 <= day <= _MAX_DAY[month - 1]:
        raise ValueError("no such day in that month")
    if m["y"]:
        return date(int(m["y"]), month, day)
    return _month_day(month, day, today, future)


def _day(s: str, today: date, future: bool) -> date | None:
    """The date normalised s names, or None when s is no accepted form.

    Raises ValueError for a form naming a day that does not exist and
    OverflowError for one too far away to represent.
    """
    if s == "today":
        return today
    if s == "yesterday":
        return today - timedelta(days=1)
    if s == "tomorrow":
        return today + timedelta(days=1)
    if s in ("last week", "next week"):  # loosely: seven days back (or on)
        return today + timedelta(days=-7 if s == "last week" else 7)
    if m := _ISO_RE.fullmatch(s):
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    for regex, sign in ((_AGO_RE, -1), (_IN_RE, 1)):
        if m := regex.fullmatch(s):
            try:
                return today + _span(sign * _count(m), m["unit"])
            except (OverflowError, ValueError) as e:
                # Out of date's range, however it was detected.
                raise OverflowError(str(e)) from None
    if (m := _WEEKDAY_RE.fullmatch(s)) and m["wd"] in _WEEKDAYS:
        target = _WEEKDAYS[m["wd"]]
        back = (today.weekday() - target) % 7
        ahead = (target - today.weekday()) % 7
        if m["rel"] == "last":
            return today - timedelta(days=back or 7)
        if m["rel"] == "next":
            return today + timedelta(days=ahead or 7)
        return today + timedelta(days=ahead) if future else today - timedelta(days=back)
    for regex in (_MONTH_DAY_RE, _DAY_MONTH_RE):
        if m := regex.fullmatch(s):
            return _named_day(m, today, future)
    return None


# Dates the tool accepts anywhere: far enough for any real relationship, near enough that
# every computation on them (a cadence added, a weekday, an export's DTEND) stays in range.
EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)


def in_range(d: date) -> bool:
    """Whether a date is one the tool accepts (1900–2200)."""
    return EARLIEST <= d <= LATEST


def _resolve(text: str, s: str | None, today: date, future: bool, hint: str) -> date:
    """The date for normalised s, checked against today, or BadDate quoting text."""
    if s == "":
        raise BadDate("a date cannot be empty", hint)
    try:
        d = _day(s, today, future) if s is not None else None
    except OverflowError:
        raise BadDate(f"{_quote(text)} is too far from today", hint) from None
    except ValueError:
        raise BadDate(f"{_quote(text)} is not a real date", hint) from None
    if d is None:
        raise BadDate(f"cannot read {_quote(text)} as a date", hint)
    if not in_range(d):
        raise BadDate(f"{_quote(text)} is outside the years 1900–2200", hint)
    # Naming the date helps when the form hid it ("next friday").
    named = "" if s == d.isoformat() else f" ({d.isoformat()})"
    if not future and d > today:
        raise BadDate(f"{_quote(text)}{named} is in the future", hint)
    if future and d < today:
        raise BadDate(f"{_quote(text)}{named} is in the past", hint)
    return d


def parse_day(text: str, today: date, *, future: bool = False) -> date:
    """The day text names, on or before today (or on or after it when future)."""
    hint = FUTURE_DAY_HINT if future else DAY_HINT
    return _resolve(text, _normalise(text), today, future, hint)


def _time(m: re.Match[str]) -> time | None:
    """The time of day in a _TIME match, or None when it is not a real time."""
    hour = int(m["h"])
    minute = int(m["mi"] or 0)
    second = int(m["s"] or 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"].startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_moment(text: str, now: datetime) -> tuple[date, time | None]:
    """The day, and the time of day if given, that text names, not later than now."""
    s = _normalise(text)
    day_s = s
    at: time | None = None
    if s:
        s = _ISO_T_RE.sub(r"\1 \2", s)  # 2026-11-03T14:30 is the same as with a space
        day_s = s
        m = _MOMENT_RE.fullmatch(s)
        # A bare number is not a time ("nov 3"): it needs minutes or am/pm.
        if m and (m["mi"] or m["ampm"]):
            at = _time(m)
            if at is None:
                raise BadDate(f"{_quote(text)} is not a real time", MOMENT_HINT)
            day_s = m["day"] or "today"
    today = now.date()
    d = _resolve(text, day_s, today, False, MOMENT_HINT)
    # Compare wall-clock times: the caller's timezone, if any, applies to both.
    if at is not None and datetime.combine(d, at) > now.replace(tzinfo=None):
        raise BadDate(f"{_quote(text)} is in the future", MOMENT_HINT)
    return d, at


def parse_cadence(text: str) -> int:
    """How many days a cadence like 30d, 2w, 3m, 1y or "monthly" means."""
    s = _normalise(text)
    if s == "":
        raise BadDate("a cadence cannot be empty", CADENCE_HINT)
    s = s or ""
    every = s.startswith("every ")
    if every:
        s = s.removeprefix("every ")
    if s in _CADENCE_WORDS:
        return _CADENCE_WORDS[s]
    m = _CADENCE_RE.fullmatch(s)
    # A unit alone ("week") needs "every" in front; a number alone means days.
    if not m or m["unit"] not in _CADENCE_UNITS or (m["n"] is None and not every):
        raise BadDate(f"cannot read {_quote(text)} as a cadence", CADENCE_HINT)
    days = int(m["n"] or 1) * _CADENCE_UNITS[m["unit"]]
    if days < 1:
        raise BadDate("a cadence must be at least 1 day", CADENCE_HINT)
    if days > MAX_CADENCE_DAYS:
        raise BadDate(
            f"a cadence cannot be more than {MAX_CADENCE_DAYS} days (10 years)",
            CADENCE_HINT,
        )
    return days


def parse_birthday(text: str, *, today: date | None = None) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a birthday like 04-03, --04-03 or 1990-04-03."""
    if today is None:
        today = date.today()
    s = _normalise(text) or ""
    year: int | None = None
    if m := _BIRTHDAY_YMD_RE.fullmatch(s):
        year = int(m["y1"] or m["y2"])
        month, day = int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
    elif m := _BIRTHDAY_MD_RE.fullmatch(s):
        month, day = int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
    elif (m := _MONTH_DAY_RE.fullmatch(s) or _DAY_MONTH_RE.fullmatch(s)) and (m["mon"] in _MONTHS):
        year = int(m["y"]) if m["y"] else None
        month, day = _MONTHS[m["mon"]], int(m["d"])
    else:
        if not s:
            raise BadDate("a birthday cannot be empty", BIRTHDAY_HINT)
        raise BadDate(f"cannot read {_quote(text)} as a birthday", BIRTHDAY_HINT)
    if not (1 <= month <= 12 and 1 <= day <= _MAX_DAY[month - 1]):
        raise BadDate(f"{_quote(text)} is not a real date", BIRTHDAY_HINT)
    if year is not None:
        if year < 1900:
            raise BadDate(f"{_quote(text)} is before 1900", BIRTHDAY_HINT)
        if month == 2 and day == 29 and not _is_leap(year):
            raise BadDate(f"{_quote(text)} is not a real date", BIRTHDAY_HINT)
        if date(year, month, day) > today:
            raise BadDate(f"{_quote(text)} is in the future", BIRTHDAY_HINT)
    return year, month, day


def next_birthday(month: int, day: int, today: date) -> date:
    """The next birthday on or after today; Feb 29 falls on Feb 28 in other years."""
    if not (1 <= month <= 12 and 1 <= day <= _MAX_DAY[month - 1]):
        raise BadDate(f"{month:02d}-{day:02d} is not a real birthday", BIRTHDAY_HINT)
    for year in (today.year, today.year + 1):
        leap_day_moved = month == 2 and day == 29 and not _is_leap(year)
        candidate = date(year, month, 28 if leap_day_moved else day)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: next year's birthday is after today")


def _relative(n: int, past: bool) -> str:
    """Rough "N units ago" / "in N units" for a distance of n >= 2 days."""
    if n < 14:
        amount, unit = n, "day"
    elif n < 60:
        amount, unit = n // 7, "week"
    elif n < 730:
        amount, unit = n // 30, "month"
    else:
        amount, unit = n // 365, "year"
    # The thresholds above keep every amount at 2 or more, so units are plural.
    return f"{amount} {unit}s ago" if past else f"in {amount} {unit}s"


def ago(d: date | None, today: date) -> str:
    """How long before (or after) today d is, in words; None is "never"."""
    if d is None:
        return "never"
    # A datetime is a date, but subtracting one from a date fails.
    if isinstance(d, datetime):
        d = d.date()
    if isinstance(today, datetime):
        today = today.date()
    days = (today - d).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    return _relative(abs(days), days > 0)


def weekday_name(d: date) -> str:
    """English name of d's day of the week, e.g. "Friday" (independent of locale)."""
    return _WEEKDAY_NAMES[d.weekday()]
