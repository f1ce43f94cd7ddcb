"""PostgreSQL's SQL fragments: the same functions as sqlite.py, for a team server."""

from __future__ import annotations

from network.store.dialect.sqlite import counts_for_cadence

NAME = "postgresql"

__all__ = [
    "counts_for_cadence",
    "days_between",
    "highest_id",
    "json_text",
    "month_of",
    "topic_pattern",
    "unindexed",
]


def days_between(later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later`: date minus date is an integer on PostgreSQL."""
    return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"


def month_of(day: str) -> str:
    """'YYYY-MM' of a date column."""
    return f"to_char({day}, 'YYYY-MM')"


def topic_pattern(key: str) -> str:
    """topic_search's :match: the words of `key` starting a word of the row, the last one
    as a prefix — FTS5's phrase-prefix query, since both keys are single-spaced words."""
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}%"


# The same rows as SQLite's FTS5 search; the expression indexes of migrations.PG_SEARCH
# (pg_trgm) serve these LIKEs.
def topic_search(facts: str = "") -> str:
    """The search (columns pid, what, detail, key, then `facts`: ", p.col, …" or "")."""
    return (
        "SELECT s.person_id AS pid, s.topic AS what, s.detail AS detail, s.topic_key AS key"
        f"{facts} FROM strength s JOIN person p ON p.id = s.person_id "
        "WHERE (' ' || s.topic_key) LIKE :match AND p.archived = FALSE "
        "UNION ALL "
        f"SELECT p.id, NULL, NULL, p.search_key{facts} FROM person p "
        "WHERE (' ' || p.search_key) LIKE :match AND p.archived = FALSE"
    )


FORMAT = "format"


def json_text(column: str) -> str:
    """A non-null column as JSON text (to_json escapes as Python's json does)."""
    return f"to_json({column})::text"


def highest_id(table: str) -> str:
    """SQL for the highest id `table` has given: its sequence's too, since on a team
    server row-level security hides other members' rows from max(id)."""
    return (
        f"SELECT GREATEST(COALESCE(max(id), 0), "
        f"COALESCE(pg_sequence_last_value(pg_get_serial_sequence('{table}', 'id')), 0)) "
        f"FROM {table}"
    )


def after_explicit_ids(table: str) -> str | None:
    """Move `table`'s id sequence past rows inserted with ids we chose (imports give ids
    from highest_id + 1, which the sequence never saw; the next plain insert would collide)."""
    return f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), ({highest_id(table)}))"


def alias(name: str, expression: str) -> str:
    """A selected column in HAVING: PostgreSQL wants the expression itself."""
    return expression


def unindexed(column: str) -> str:
    """`column` as it is: PostgreSQL's planner weighs the indexes itself."""
    return column
