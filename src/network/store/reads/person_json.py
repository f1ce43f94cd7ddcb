"""A person's row as the JSON object `people --json` prints, written by the database.

Plain SQL text with nothing to open: the listing (store/reads/people.py) selects it, and
migration step 10 indexes it on SQLite (LISTING_INDEX), so this module imports no
connection and the migrations import no read queries.
"""

from __future__ import annotations

from typing import Any

from network.domain import signals

# a person's columns as the listing and `show` read them
PERSON_COLUMNS = (
    "id, name, email, phone, company, title, location, url, met, prefers, notes, tie, "
    "cadence_days, birth_year, birth_month, birth_day, archived, created_on, last_contact, "
    "next_due, balance, nickname, labels, connected_on, via_id"
)


# How `people --json` writes each column, as (printf conversion, SQL argument). Numbers and
# dates need no escaping, so only free text goes through json_quote (the costly part of
# writing 100,000 rows); most optional columns are empty, so NULL skips the call.
_INTEGERS = {"cadence_days", "via_id"}
_BIRTH = ("birth_year", "birth_month", "birth_day")  # written as one key, "birthday"
# "1990-04-03", or "--04-03" without a year (ISO 8601's form), as `show --json` has it
_BIRTHDAY = (
    "CASE WHEN birth_month IS NULL THEN 'null' ELSE printf('\"%s%02d-%02d\"', "
    "CASE WHEN birth_year IS NULL THEN '--' ELSE printf('%04d-', birth_year) END, "
    "birth_month, birth_day) END"
)
_PG_BIRTHDAY = (
    "CASE WHEN birth_month IS NULL THEN 'null' ELSE '\"' || "
    "CASE WHEN birth_year IS NULL THEN '--' ELSE lpad(birth_year::text, 4, '0') || '-' END || "
    "lpad(birth_month::text, 2, '0') || '-' || lpad(birth_day::text, 2, '0') || '\"' END"
)
_DATES = {"last_contact", "next_due", "connected_on"}  # ISO text; the day is the first 10


def _json_value(column: str) -> tuple[str, str]:
    """printf's conversion and argument for one column as JSON text (as Python's json writes)."""
    if column in ("id", "balance"):  # integers, never NULL
        return "%d", column
    if column == "birthday":
        return "%s", _BIRTHDAY
    if column in _INTEGERS:
        return "%s", f"coalesce({column}, 'null')"
    if column == "archived":
        return "%s", "CASE WHEN archived THEN 'true' ELSE 'false' END"
    if column == "created_on":  # never NULL
        return '"%.10s"', column
    if column in _DATES:
        return (
            "%s",
            f"CASE WHEN {column} IS NULL THEN 'null' ELSE '\"' || substr({column}, 1, 10) || '\"' END",
        )
    if column in ("name", "tie"):  # never NULL
        return "%s", f"json_quote({column})"
    return "%s", f"CASE WHEN {column} IS NULL THEN 'null' ELSE json_quote({column}) END"


def _pg_json_value(column: str) -> str:
    """PostgreSQL's format() has %s only: each column as JSON text (to_json escapes as
    Python's json does; dates come out as "YYYY-MM-DD")."""
    if column == "archived":
        return "CASE WHEN archived THEN 'true' ELSE 'false' END"
    if column == "birthday":
        return _PG_BIRTHDAY
    return f"CASE WHEN {column} IS NULL THEN 'null' ELSE to_json({column})::text END"


_COLUMNS = [c.strip() for c in PERSON_COLUMNS.split(",") if c.strip() not in _BIRTH[1:]]
_COLUMNS[_COLUMNS.index(_BIRTH[0])] = "birthday"
_CONVERSIONS = [_json_value(c) for c in _COLUMNS]


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _overdrawn_only() -> str:
    """SQL for the signals of someone who has none but, in debt, overdrawn: the words are
    the domain rule's own (evaluated once here), with the balance put in by SQL."""
    mark = -7654321  # a balance, to find where the rule writes it
    text = signals.to_json(signals.evaluate(signals.Facts(balance=mark)))
    before, after = text.split(str(mark))
    return (
        f"CASE WHEN balance < 0 THEN {_sql_text(before)} || balance || {_sql_text(after)} "
        "ELSE '[]' END"
    )


# A person's row as the JSON object `people --json` prints, written by SQLite with Python's
# compact separators (", " and ": "), with the signals that follow from the row alone (none,
# or overdrawn): the caller replaces what follows SIGNALS_KEY for the few with others.
SIGNALS_KEY = b', "signals": '
_OVERDRAWN = _overdrawn_only()
_JSON_OBJECT = (
    "printf('{"
    + ", ".join(
        f'"{c}": {conversion}' for c, (conversion, _) in zip(_COLUMNS, _CONVERSIONS, strict=True)
    )
    + SIGNALS_KEY.decode()
    + "%s}', "
    + ", ".join(argument for _, argument in _CONVERSIONS)
    + f", {_OVERDRAWN})"
)
_PG_JSON_OBJECT = (
    "format('{"
    + ", ".join(f'"{c}": %s' for c in _COLUMNS)
    + SIGNALS_KEY.decode()
    + "%s}', "
    + ", ".join(_pg_json_value(c) for c in _COLUMNS)
    + f", {_OVERDRAWN})"
)


_SQLITE_JSON = f"CAST({_JSON_OBJECT} AS BLOB)"


def json_object(dialect: Any) -> str:
    """The row's JSON object as UTF-8 bytes: they go to stdout as they are, never decoded
    into a str and encoded back (a third of the time of writing 100,000 people)."""
    if dialect.NAME == "postgresql":
        return f"convert_to({_PG_JSON_OBJECT}, 'UTF8')"
    return _SQLITE_JSON


# On SQLite, each person's object is kept in an index on that very expression, in the
# listing's order: `people --json` (not archived, by name) then reads the index from end to
# end and never computes an object (at 100,000 people ~0.06 s instead of ~0.4 s to read 25
# columns, quote the text and walk the table in name order). SQLite keeps it in step with
# every write to `person`; the planner uses a stored value only where the query's
# expression is the same as the index's, so changing the object above leaves the index
# unused (slower, never different) until a migration step builds it anew
# (tests/test_people_json_index.py says so). About 580 bytes per person. PostgreSQL has
# no such index: its format() and to_json are not immutable.
# Partial (`archived = FALSE`) rather than led by `archived`: without statistics, SQLite
# ranks an index whose first column a query pins with `=` above any other, and so read
# `due`'s queries (which all say `archived = FALSE`) from this one, every unarchived person
# (~110 ms each at 100,000 people), instead of their own partial indexes.
LISTING_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_person_listing ON person "
    f"(name_key, id, tie, balance, {_SQLITE_JSON}) WHERE archived = FALSE"
)
