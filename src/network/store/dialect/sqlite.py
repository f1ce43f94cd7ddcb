"""SQLite's own SQL fragments (the default engine); postgres.py has the same functions."""

from __future__ import annotations

from network.domain.cadence import GROUP_EXEMPT_TIES

NAME = "sqlite"


def counts_for_cadence(tie: str, is_group: str) -> str:
    """domain.cadence.counts_for_cadence as a SQL condition over the given column
    expressions (never user text): a group event does not count for a close tie."""
    ties = ", ".join(f"'{t}'" for t in GROUP_EXEMPT_TIES)
    # TRUE is SQLite's 1 and PostgreSQL's true: the same text serves both engines
    return f"NOT ({is_group} = TRUE AND {tie} IN ({ties}))"


def days_between(later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later` (SQL expressions: ISO dates or :params)."""
    return f"(julianday({later}) - julianday({earlier}))"


def month_of(day: str) -> str:
    """'YYYY-MM' of a date column."""
    return f"substr({day}, 1, 7)"


def fts_phrase_prefix(key: str) -> str:
    """An FTS5 query for the words of `key` in a row, the last one as a prefix.

    The whole key goes inside one double-quoted string (quotes doubled), so user text is
    only ever data to the FTS5 parser: `AND`, `NEAR(` or `*` inside it are plain words.
    """
    return '"' + key.replace('"', '""') + '"*'


def topic_pattern(key: str) -> str:
    """topic_search's :match for a topic key."""
    return fts_phrase_prefix(key)


# Strengths and profiles whose folded words hold :match's. CROSS JOIN fixes the order: the
# index finds the few rows, then each is looked up by id. Left to itself (no ANALYZE
# statistics) SQLite may walk every unarchived person and probe the index once for each:
# 4 s instead of 4 ms at 100,000 people.
def topic_search(facts: str = "") -> str:
    """The search (columns pid, what, detail, key, then `facts`: ", p.col, …" or "")."""
    return (
        "SELECT s.person_id AS pid, s.topic AS what, s.detail AS detail, s.topic_key AS key"
        f"{facts} FROM strength_fts f CROSS JOIN strength s ON s.id = f.rowid "
        "CROSS JOIN person p ON p.id = s.person_id "
        "WHERE strength_fts MATCH :match AND p.archived = FALSE "
        "UNION ALL "
        f"SELECT p.id, NULL, NULL, p.search_key{facts} "
        "FROM person_fts f CROSS JOIN person p ON p.id = f.rowid "
        "WHERE person_fts MATCH :match AND p.archived = FALSE"
    )


# people --json: each person's object written by the engine
FORMAT = "printf"


def json_text(column: str) -> str:
    """A non-null column as JSON text, as Python's json.dumps(ensure_ascii=False) writes it."""
    return f"json_quote({column})"


def highest_id(table: str) -> str:
    """SQL for the highest id `table` has given (the next explicit id goes above it)."""
    return f"SELECT COALESCE(max(id), 0) FROM {table}"


def after_explicit_ids(table: str) -> str | None:
    """SQL to run after inserting rows with ids we chose (SQLite needs none: its next id
    is always max(id) + 1)."""
    return None


# undo rows are the file's own: every row is "mine"
# the undo transaction checks foreign keys at commit
DEFER_FOREIGN_KEYS = "PRAGMA defer_foreign_keys = ON"

# The catalog, for a bulk insert that takes a table's triggers and indexes off and puts
# them back as they were (store.writes.contacts): the SQL that made each one
TRIGGER_SQL = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"
# sql IS NULL: the index of a UNIQUE constraint, which cannot be dropped (it stays)
INDEXES_SQL = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
)
MINE = "1 = 1"


def undo_triggers(table: str, columns: list[str], label: str | None) -> list[str]:
    """The three triggers that write, for every row `table` changes, the statement that puts
    it back into `undo_log` (SQLite's documented undo technique: sqlite.org/undoredo.html).

    `quote()` renders each old value as an exact SQL literal; `label` is a column whose
    value names the row in a description (a person's name, an entry's summary), or None.
    """
    cols = ", ".join(f'"{c}"' for c in columns)
    old_values = " || ', ' || ".join(f'quote(old."{c}")' for c in columns)
    old_set = " || ', ' || ".join(f'\'"{c}" = \' || quote(old."{c}")' for c in columns)

    def log(op: str, row: str, sql: str, side: str) -> str:
        named = f'{side}."{label}"' if label else "NULL"
        return (
            "INSERT INTO undo_log (tbl, op, row_id, label, sql) "
            f"VALUES ('{table}', '{op}', {row}, {named}, {sql});"
        )

    return [
        f'CREATE TRIGGER undo_{table}_insert AFTER INSERT ON "{table}" BEGIN '
        + log(
            "insert", "new.rowid", f"'DELETE FROM \"{table}\" WHERE rowid = ' || new.rowid", "new"
        )
        + " END",
        f'CREATE TRIGGER undo_{table}_update AFTER UPDATE ON "{table}" BEGIN '
        + log(
            "update",
            "old.rowid",
            f"'UPDATE \"{table}\" SET ' || {old_set} || ' WHERE rowid = ' || old.rowid",
            "new",
        )
        + " END",
        f'CREATE TRIGGER undo_{table}_delete AFTER DELETE ON "{table}" BEGIN '
        + log(
            "delete",
            "old.rowid",
            f"'INSERT INTO \"{table}\" (rowid, {cols}) VALUES (' || old.rowid || ', ' "
            f"|| {old_values} || ')'",
            "old",
        )
        + " END",
    ]


def alias(name: str, expression: str) -> str:
    """A selected column in HAVING: SQLite takes its alias (no second evaluation)."""
    return name


def unindexed(column: str) -> str:
    """`column` in a condition the planner must not drive an index from (SQLite's unary +)."""
    return f"+{column}"
