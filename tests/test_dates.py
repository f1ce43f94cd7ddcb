"""Tests for network.dates: parsing days, moments, cadences and birthdays; showing dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network.common.dates import (
    BIRTHDAY_HINT,
    CADENCE_HINT,
    DAY_HINT,
    FUTURE_DAY_HINT,
    ago,
    next_birthday,
    parse_birthday,
    parse_cadence,
    parse_day,
    parse_moment,
    weekday_name,
)
from network.common.errors import BadDate, BadInput

TODAY = date(2026, 11, 22)  # a Sunday
FRIDAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 22, 14, 0)


def d(s: str) -> date:
    """Shorthand for an ISO date in expectations."""
    return date.fromisoformat(s)


# --- parse_day, past ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-03", "2026-11-03"),
        ("2026-11-22", "2026-11-22"),
        ("1999-1-2", "1999-01-02"),
        ("today", "2026-11-22"),
        ("  TODAY  ", "2026-11-22"),
        ("yesterday", "2026-11-21"),
        ("Yesterday", "2026-11-21"),
        ("0 days ago", "2026-11-22"),
        ("1 day ago", "2026-11-21"),
        ("3 days ago", "2026-11-19"),
        ("13 days ago", "2026-11-09"),
        ("3  DAYS   ago", "2026-11-19"),
        ("3\u00a0days ago", "2026-11-19"),  # pasted no-break space
        ("2 weeks ago", "2026-11-08"),
        ("a week ago", "2026-11-15"),
        ("1 month ago", "2026-10-22"),
        ("3 months ago", "2026-08-22"),
        ("a year ago", "2025-11-22"),
        ("friday", "2026-11-20"),
        ("fri", "2026-11-20"),
        ("FRI", "2026-11-20"),
        ("sunday", "2026-11-22"),  # today is Sunday
        ("sun", "2026-11-22"),
        ("saturday", "2026-11-21"),
        ("monday", "2026-11-16"),
        ("last friday", "2026-11-20"),
        ("last sunday", "2026-11-15"),  # strictly before today
        ("last saturday", "2026-11-21"),
        ("nov 3", "2026-11-03"),
        ("november 3", "2026-11-03"),
        ("3 nov", "2026-11-03"),
        ("3 november", "2026-11-03"),
        ("Nov 3rd", "2026-11-03"),
        ("nov 22", "2026-11-22"),  # today itself is this year
        ("nov 23", "2025-11-23"),  # tomorrow's month-day means last year
        ("dec 25", "2025-12-25"),
        ("jan 1", "2026-01-01"),
        ("sept 9", "2026-09-09"),
        ("nov 3, 2025", "2025-11-03"),
        ("3 nov 2024", "2024-11-03"),
        ("feb 29", "2024-02-29"),  # most recent year that has one
    ],
)
def test_parse_day_past(text: str, expected: str) -> None:
    assert parse_day(text, TODAY) == d(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", "2026-11-20"),  # today itself
        ("last friday", "2026-11-13"),
        ("thursday", "2026-11-19"),
        ("saturday", "2026-11-14"),
        ("last saturday", "2026-11-14"),
    ],
)
def test_parse_day_on_a_friday(text: str, expected: str) -> None:
    assert parse_day(text, FRIDAY) == d(expected)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2027, 1, 2), "dec 25", "2026-12-25"),
        (date(2027, 1, 2), "yesterday", "2027-01-01"),
        (date(2027, 1, 2), "last friday", "2027-01-01"),
        (date(2027, 1, 2), "thursday", "2026-12-31"),
        (date(2027, 1, 2), "2 weeks ago", "2026-12-19"),
        (date(2027, 1, 1), "1 month ago", "2026-12-01"),
        (date(2027, 1, 1), "jan 1", "2027-01-01"),
        (date(2027, 1, 1), "jan 2", "2026-01-02"),
    ],
)
def test_parse_day_around_new_year(today: date, text: str, expected: str) -> None:
    assert parse_day(text, today) == d(expected)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2028, 3, 1), "feb 29", "2028-02-29"),
        (date(2028, 2, 29), "feb 29", "2028-02-29"),
        (date(2028, 2, 28), "feb 29", "2024-02-29"),
        (date(2027, 3, 1), "feb 29", "2024-02-29"),
        (date(2028, 3, 1), "yesterday", "2028-02-29"),
        (date(2026, 3, 31), "1 month ago", "2026-02-28"),  # calendar months clip
        (date(2028, 3, 31), "1 month ago", "2028-02-29"),
        (date(2028, 2, 29), "a year ago", "2027-02-28"),
        (date(1904, 3, 1), "feb 29", "1904-02-29"),
        (date(2104, 2, 1), "feb 29", "2096-02-29"),  # 2100 is not a leap year
    ],
)
def test_parse_day_leap_years(today: date, text: str, expected: str) -> None:
    assert parse_day(text, today) == d(expected)


# --- parse_day, future ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-22"),
        ("tomorrow", "2026-11-23"),
        ("2026-12-01", "2026-12-01"),
        ("in 3 days", "2026-11-25"),
        ("in 0 days", "2026-11-22"),
        ("in a week", "2026-11-29"),
        ("in 2 weeks", "2026-12-06"),
        ("in 2 months", "2027-01-22"),
        ("friday", "2026-11-27"),
        ("sunday", "2026-11-22"),  # today itself
        ("next friday", "2026-11-27"),
        ("next sunday", "2026-11-29"),  # strictly after today
        ("nov 3", "2027-11-03"),
        ("nov 22", "2026-11-22"),
        ("dec 25", "2026-12-25"),
        ("3 dec", "2026-12-03"),
        ("feb 29", "2028-02-29"),
    ],
)
def test_parse_day_future(text: str, expected: str) -> None:
    assert parse_day(text, TODAY, future=True) == d(expected)


def test_parse_day_future_on_a_friday() -> None:
    assert parse_day("friday", FRIDAY, future=True) == FRIDAY
    assert parse_day("next friday", FRIDAY, future=True) == d("2026-11-27")


# --- parse_day, errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "tomorrow",
        "in 3 days",
        "next friday",
        "2026-11-23",
        "2027-01-01",
        "nov 23, 2026",
    ],
)
def test_parse_day_rejects_future_days(text: str) -> None:
    with pytest.raises(BadDate, match="is in the future") as err:
        parse_day(text, TODAY)
    assert f'"{text}"' in str(err.value)
    assert err.value.hint == DAY_HINT


@pytest.mark.parametrize("text", ["yesterday", "3 days ago", "last friday", "2026-11-21"])
def test_parse_day_future_rejects_past_days(text: str) -> None:
    with pytest.raises(BadDate, match="is in the past") as err:
        parse_day(text, TODAY, future=True)
    assert err.value.hint == FUTURE_DAY_HINT


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-02-30", "is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("0000-01-01", "is not a real date"),
        ("feb 30", "is not a real date"),
        ("31 april", "is not a real date"),
        ("nov 0", "is not a real date"),
        ("99999999 days ago", "is too far from today"),
        ("99999999 months ago", "is too far from today"),
        ("9999 years ago", "is too far from today"),
        ("-3 days ago", "cannot read"),
        ("3 days", "cannot read"),
        ("11/3", "cannot read"),
        ("3.5 days ago", "cannot read"),
        ("someday", "cannot read"),
        ("last", "cannot read"),
        ("next month", "cannot read"),
        ("smarch 3", "cannot read"),
        ("20261103", "cannot read"),
        ("٣ days ago", "cannot read"),  # only ASCII digits
        ("friday😀", "cannot read"),
        ("2 wee\u212as ago", "cannot read"),  # Kelvin sign, which lower() makes "k"
    ],
)
def test_parse_day_errors(text: str, problem: str) -> None:
    with pytest.raises(BadDate) as err:
        parse_day(text, TODAY)
    assert problem in str(err.value)
    assert f'"{text}"' in str(err.value)
    assert err.value.hint == DAY_HINT


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_parse_day_empty(text: str) -> None:
    with pytest.raises(BadDate, match="cannot be empty"):
        parse_day(text, TODAY)


def test_parse_day_long_and_control_input_is_quoted_safely() -> None:
    with pytest.raises(BadDate) as err:
        parse_day("x" * 10_000, TODAY)
    assert len(str(err.value)) < 100
    with pytest.raises(BadDate) as err:
        parse_day("to\x00day\x1b[2J", TODAY)
    assert "\x00" not in str(err.value)
    assert "\x1b" not in str(err.value)
    assert "\\x00" in str(err.value)


def test_parse_day_at_the_ends_of_the_calendar() -> None:
    with pytest.raises(BadDate):
        parse_day("yesterday", date.min)
    with pytest.raises(BadDate):
        parse_day("tomorrow", date.max, future=True)
    with pytest.raises(BadDate):
        parse_day("jan 1", date(9999, 12, 30), future=True)
    # dates that far out are refused as such (1900–2200), never computed on
    with pytest.raises(BadDate, match="1900–2200"):
        parse_day("dec 31", date.max, future=True)


# A grammar of near-miss and valid inputs, so properties are checked on real forms too.
_day_words = st.sampled_from(
    ["today", "yesterday", "tomorrow", "friday", "fri", "sun", "nov", "feb", "sept"]
)
_numbers = st.one_of(st.integers(-5, 10**6).map(str), st.sampled_from(["a", "one", "9" * 40]))
_units = st.sampled_from(["day", "days", "week", "weeks", "month", "months", "year", "years"])
_formish = st.one_of(
    _day_words,
    st.builds("{} {}".format, st.sampled_from(["last", "next"]), _day_words),
    st.builds("{} {} ago".format, _numbers, _units),
    st.builds("in {} {}".format, _numbers, _units),
    st.builds("{} {}".format, _day_words, st.integers(-1, 40)),
    st.builds("{} {}".format, st.integers(-1, 40), _day_words),
    st.builds(
        "{}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)
    ),
)
_any_text = st.one_of(st.text(), _formish)


@settings(max_examples=300)
@given(_any_text, st.dates(), st.booleans())
def test_parse_day_raises_only_bad_date(text: str, today: date, future: bool) -> None:
    try:
        result = parse_day(text, today, future=future)
    except BadDate:
        return
    assert isinstance(result, date)
    if future:
        assert result >= today
    else:
        assert result <= today


@given(_formish, st.dates(min_value=date(1910, 1, 1), max_value=date(2100, 1, 1)))
def test_parse_day_never_returns_a_future_day(text: str, today: date) -> None:
    try:
        result = parse_day(text, today)
    except BadDate:
        return
    assert result <= today


# --- parse_moment ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("2026-11-03T14:30", "2026-11-03", time(14, 30)),
        ("2026-11-03 14:30", "2026-11-03", time(14, 30)),
        ("2026-11-03t09:05:07", "2026-11-03", time(9, 5, 7)),
        ("yesterday 3pm", "2026-11-21", time(15, 0)),
        ("yesterday at 3 PM", "2026-11-21", time(15, 0)),
        ("yesterday 12am", "2026-11-21", time(0, 0)),
        ("yesterday 12pm", "2026-11-21", time(12, 0)),
        ("yesterday 11:59 p.m.", "2026-11-21", time(23, 59)),
        ("today 13:30", "2026-11-22", time(13, 30)),
        ("today 14:00", "2026-11-22", time(14, 0)),  # exactly now
        ("friday 9:15am", "2026-11-20", time(9, 15)),
        ("nov 3 3pm", "2026-11-03", time(15, 0)),
        ("3 days ago 08:00", "2026-11-19", time(8, 0)),
        ("9am", "2026-11-22", time(9, 0)),  # a time alone means today
        ("at 0:30", "2026-11-22", time(0, 30)),
        ("yesterday", "2026-11-21", None),
        ("nov 3", "2026-11-03", None),  # the 3 is a day, not a time
        ("2026-11-03", "2026-11-03", None),
    ],
)
def test_parse_moment(text: str, day: str, at: time | None) -> None:
    assert parse_moment(text, NOW) == (d(day), at)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("today 14:01", "is in the future"),
        ("3pm", "is in the future"),
        ("tomorrow 9am", "is in the future"),
        ("2026-11-23T01:00", "is in the future"),
        ("today 25:00", "is not a real time"),
        ("today 12:60", "is not a real time"),
        ("13pm", "is not a real time"),
        ("0am", "is not a real time"),
        ("14:30pm", "is not a real time"),
        ("someday 3pm", "cannot read"),
        ("2026-02-30 10:00", "is not a real date"),
        ("", "cannot be empty"),
    ],
)
def test_parse_moment_errors(text: str, problem: str) -> None:
    with pytest.raises(BadDate, match=problem):
        parse_moment(text, NOW)


def test_parse_moment_with_timezone_aware_now() -> None:
    aware = NOW.replace(tzinfo=UTC)
    assert parse_moment("today 13:00", aware) == (TODAY, time(13, 0))
    with pytest.raises(BadDate, match="is in the future"):
        parse_moment("today 15:00", aware)


@given(_any_text, st.datetimes())
def test_parse_moment_raises_only_bad_date(text: str, now: datetime) -> None:
    try:
        day, at = parse_moment(text, now)
    except BadDate:
        return
    assert datetime.combine(day, at or time(0)) <= now


# --- parse_cadence --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("30", 30),
        ("30d", 30),
        ("1d", 1),
        ("2w", 14),
        ("3m", 90),
        ("1y", 365),
        ("10y", 3650),
        ("3650", 3650),
        ("30 days", 30),
        ("1 day", 1),
        ("2 weeks", 14),
        ("6 months", 180),
        (" 2W ", 14),
        ("every 2 weeks", 14),
        ("every week", 7),
        ("daily", 1),
        ("weekly", 7),
        ("monthly", 30),
        ("quarterly", 91),
        ("yearly", 365),
        ("Monthly", 30),
    ],
)
def test_parse_cadence(text: str, days: int) -> None:
    assert parse_cadence(text) == days


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("0", "at least 1 day"),
        ("0d", "at least 1 day"),
        ("-5", "at least 1 day"),
        ("-2w", "at least 1 day"),
        ("3651", "more than 3650 days"),
        ("11y", "more than 3650 days"),
        ("9" * 60 + "d", "more than 3650 days"),
        ("abc", "cannot read"),
        ("week", "cannot read"),
        ("2 fortnights", "cannot read"),
        ("1.5w", "cannot read"),
        ("30 d ays", "cannot read"),
        ("", "cannot be empty"),
    ],
)
def test_parse_cadence_errors(text: str, problem: str) -> None:
    with pytest.raises(BadInput, match=problem) as err:
        parse_cadence(text)
    assert err.value.hint == CADENCE_HINT


@given(st.one_of(st.text(), st.builds("{}{}".format, st.integers(), st.sampled_from("dwmy"))))
def test_parse_cadence_raises_only_bad_input(text: str) -> None:
    try:
        days = parse_cadence(text)
    except BadInput:
        return
    assert 1 <= days <= 3650


# --- parse_birthday and next_birthday -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04-03", (None, 4, 3)),
        ("4-3", (None, 4, 3)),
        ("--04-03", (None, 4, 3)),
        ("--0403", (None, 4, 3)),
        ("1990-04-03", (1990, 4, 3)),
        ("19900403", (1990, 4, 3)),
        ("02-29", (None, 2, 29)),
        ("1992-02-29", (1992, 2, 29)),
        ("2000-02-29", (2000, 2, 29)),
        ("1900-01-01", (1900, 1, 1)),
        ("2026-11-22", (2026, 11, 22)),  # born today
        ("apr 3", (None, 4, 3)),
        ("3 April 1990", (1990, 4, 3)),
    ],
)
def test_parse_birthday(text: str, expected: tuple[int | None, int, int]) -> None:
    assert parse_birthday(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1991-02-29", "is not a real date"),
        ("1900-02-29", "is not a real date"),
        ("02-30", "is not a real date"),
        ("04-31", "is not a real date"),
        ("13-01", "is not a real date"),
        ("00-10", "is not a real date"),
        ("2026-11-23", "is in the future"),
        ("2030-01-01", "is in the future"),
        ("1899-12-31", "is before 1900"),
        ("0000-01-01", "is before 1900"),
        ("0403", "cannot read"),
        ("04/03", "cannot read"),
        ("april", "cannot read"),
        ("", "cannot be empty"),
    ],
)
def test_parse_birthday_errors(text: str, problem: str) -> None:
    with pytest.raises(BadDate, match=problem) as err:
        parse_birthday(text, today=TODAY)
    assert err.value.hint == BIRTHDAY_HINT


@given(st.text())
def test_parse_birthday_raises_only_bad_date(text: str) -> None:
    try:
        year, month, day = parse_birthday(text, today=TODAY)
    except BadDate:
        return
    assert 1 <= month <= 12
    assert 1 <= day <= 31
    assert year is None or 1900 <= year <= TODAY.year


@pytest.mark.parametrize(
    ("month", "day", "today", "expected"),
    [
        (4, 3, TODAY, "2027-04-03"),
        (11, 22, TODAY, "2026-11-22"),
        (11, 21, TODAY, "2027-11-21"),
        (12, 31, TODAY, "2026-12-31"),
        (1, 1, date(2026, 12, 31), "2027-01-01"),
        (2, 29, TODAY, "2027-02-28"),  # no Feb 29 in 2027
        (2, 29, date(2027, 11, 22), "2028-02-29"),
        (2, 29, date(2028, 2, 29), "2028-02-29"),
        (2, 29, date(2027, 2, 28), "2027-02-28"),
        (2, 29, date(2027, 3, 1), "2028-02-29"),
        (2, 28, date(2028, 2, 29), "2029-02-28"),
    ],
)
def test_next_birthday(month: int, day: int, today: date, expected: str) -> None:
    assert next_birthday(month, day, today) == d(expected)


@pytest.mark.parametrize(("month", "day"), [(2, 30), (13, 1), (0, 5), (4, 31)])
def test_next_birthday_rejects_impossible_days(month: int, day: int) -> None:
    with pytest.raises(BadDate):
        next_birthday(month, day, TODAY)


@given(st.integers(1, 12), st.integers(1, 31), st.dates(max_value=date(9998, 1, 1)))
def test_next_birthday_is_within_a_year(month: int, day: int, today: date) -> None:
    try:
        upcoming = next_birthday(month, day, today)
    except BadDate:
        return
    assert today <= upcoming < today + timedelta(days=367)
    assert upcoming.month == month


# --- ago and weekday_name -------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_before", "text"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (20, "2 weeks ago"),
        (21, "3 weeks ago"),
        (59, "8 weeks ago"),
        (60, "2 months ago"),
        (365, "12 months ago"),
        (729, "24 months ago"),
        (730, "2 years ago"),
        (3650, "10 years ago"),
        (-1, "tomorrow"),
        (-3, "in 3 days"),
        (-14, "in 2 weeks"),
        (-90, "in 3 months"),
        (-800, "in 2 years"),
    ],
)
def test_ago(days_before: int, text: str) -> None:
    assert ago(TODAY - timedelta(days=days_before), TODAY) == text


def test_ago_never_and_datetimes() -> None:
    assert ago(None, TODAY) == "never"
    assert ago(datetime(2026, 11, 21, 23, 59), TODAY) == "yesterday"
    assert ago(FRIDAY, datetime(2026, 11, 22, 8, 0)) == "2 days ago"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        ("2026-11-16", "Monday"),
        ("2026-11-17", "Tuesday"),
        ("2026-11-18", "Wednesday"),
        ("2026-11-19", "Thursday"),
        ("2026-11-20", "Friday"),
        ("2026-11-21", "Saturday"),
        ("2026-11-22", "Sunday"),
    ],
)
def test_weekday_name(day: str, name: str) -> None:
    assert weekday_name(d(day)) == name


def test_last_week_is_seven_days_back_and_next_week_only_in_the_future():
    from datetime import date

    from network.common.dates import parse_day

    today = date(2026, 11, 22)
    assert parse_day("last week", today) == date(2026, 11, 15)
    assert parse_day("next week", today, future=True) == date(2026, 11, 29)
    with pytest.raises(BadDate):
        parse_day("next week", today)


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_dates_outside_1900_to_2200_are_refused(text):
    from network.common.dates import parse_day

    with pytest.raises(BadDate, match="outside the years 1900–2200"):
        parse_day(text, date(2026, 12, 5), future=text > "2026")


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01"])
def test_a_pretend_today_at_the_edges_of_time_is_a_clear_error(cli, today):
    assert cli("add", "Alice Chen").exit_code == 0
    for args in (["due"], ["stats"], ["show", "alice"]):
        result = cli(*args, today=today)
        assert result.exit_code == 1, (args, result)
        assert "outside the years 1900–2200" in result.stderr


def test_a_promise_by_the_end_of_time_is_refused_and_exports_keep_working(cli, tmp_path):
    assert cli("add", "Alice Chen").exit_code == 0
    refused = cli("promise", "alice", "send the deck", "--by", "9999-12-31")
    assert refused.exit_code == 1 and "outside the years" in refused.stderr
    assert cli("export", "ics", "-o", str(tmp_path / "n.ics")).exit_code == 0
