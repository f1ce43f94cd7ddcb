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


# --- undo: the history in the database, as SQLite keeps it (store/undo.py) ----------------
# The rows of the undo tables belong to the role that wrote them: in a team each member has a
# history of their own (row-level security keeps it from the other members; the queries of
# store/undo.py add MINE, since the tables' owner reads past the policies).
# the undo transaction checks foreign keys at commit
DEFER_FOREIGN_KEYS = "SET CONSTRAINTS ALL DEFERRED"
MINE = "owner = current_user"

UNDO_TABLES: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS undo_step ("
    "id SERIAL PRIMARY KEY, "
    "description VARCHAR(500) NOT NULL, "
    # SQLite's CURRENT_TIMESTAMP: UTC, to the second
    "created_at VARCHAR(32) NOT NULL "
    "DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
    "owner NAME NOT NULL DEFAULT current_user)",
    "CREATE TABLE IF NOT EXISTS undo_log ("
    "seq BIGSERIAL PRIMARY KEY, "
    "step INTEGER, "
    "tbl VARCHAR(64) NOT NULL, "
    "op VARCHAR(6) NOT NULL, "
    "row_id BIGINT NOT NULL, "
    "label VARCHAR(1000), "
    "sql TEXT NOT NULL, "
    "owner NAME NOT NULL DEFAULT current_user)",
    "CREATE INDEX IF NOT EXISTS ix_undo_log_step ON undo_log (step)",
    "CREATE INDEX IF NOT EXISTS ix_undo_log_loose ON undo_log (owner) WHERE step IS NULL",
    "CREATE INDEX IF NOT EXISTS ix_undo_step_owner ON undo_step (owner, id)",
    "ALTER TABLE undo_step ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE undo_log ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS own_rows ON undo_step",
    "CREATE POLICY own_rows ON undo_step "
    "USING (owner = current_user) WITH CHECK (owner = current_user)",
    "DROP POLICY IF EXISTS own_rows ON undo_log",
    "CREATE POLICY own_rows ON undo_log "
    "USING (owner = current_user) WITH CHECK (owner = current_user)",
)

# One trigger function for every table: the row goes into the log as JSON inside the inverse
# statement, and jsonb_populate_record turns it back into the table's own types when the
# statement runs. So a column added later (a migration, the team's owner column) is covered
# without rebuilding anything, and a row put back names only the columns it had (a column
# added since takes its default). TG_ARGV[0]: the column that names a row in a description.
UNDO_FUNCTION = r"""
CREATE OR REPLACE FUNCTION undo_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    before jsonb;
    after jsonb;
    cols text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        after := to_jsonb(NEW);
        INSERT INTO undo_log (tbl, op, row_id, label, sql) VALUES (
            TG_TABLE_NAME, 'insert', NEW.id, left(after ->> TG_ARGV[0], 1000),
            format('DELETE FROM %I WHERE id = %s', TG_TABLE_NAME, NEW.id));
        RETURN NULL;
    END IF;
    before := to_jsonb(OLD);
    IF TG_OP = 'UPDATE' THEN
        after := to_jsonb(NEW);
        -- only the columns that changed: a smaller log, and nothing else is touched back
        SELECT string_agg(quote_ident(key), ', ' ORDER BY key) INTO cols
            FROM jsonb_each(before) WHERE value IS DISTINCT FROM after -> key;
        IF cols IS NULL THEN
            RETURN NULL;
        END IF;
        INSERT INTO undo_log (tbl, op, row_id, label, sql) VALUES (
            TG_TABLE_NAME, 'update', OLD.id, left(after ->> TG_ARGV[0], 1000),
            format('UPDATE %I SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, %L)) '
                   'WHERE id = %s', TG_TABLE_NAME, cols, cols, TG_TABLE_NAME, before, NEW.id));
        RETURN NULL;
    END IF;
    SELECT string_agg(quote_ident(key), ', ' ORDER BY key) INTO cols FROM jsonb_each(before);
    INSERT INTO undo_log (tbl, op, row_id, label, sql) VALUES (
        TG_TABLE_NAME, 'delete', OLD.id, left(before ->> TG_ARGV[0], 1000),
        format('INSERT INTO %I (%s) SELECT %s FROM jsonb_populate_record(NULL::%I, %L)',
               TG_TABLE_NAME, cols, cols, TG_TABLE_NAME, before));
    RETURN NULL;
END
$fn$
"""


def undo_triggers(table: str, columns: list[str], label: str | None) -> list[str]:
    """The trigger that logs, for every row `table` changes, the statement that puts it back
    (UNDO_FUNCTION writes it); `label` names the row in a description, or None. Rows are
    found by their `id` (every data table has one; install refuses a table without)."""
    return [
        f'DROP TRIGGER IF EXISTS undo_{table} ON "{table}"',
        f'CREATE TRIGGER undo_{table} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION undo_record('{label or ''}')",
    ]


def undo_prune(depth: int) -> list[str]:
    """SQL forgetting the member's steps beyond the newest `depth`, log rows first (step
    ids are shared by every member, so the bound counts the member's own)."""
    kept = (
        "(SELECT min(id) FROM (SELECT id FROM undo_step WHERE owner = current_user "
        f"ORDER BY id DESC LIMIT {int(depth)}) AS kept)"
    )
    return [
        f"DELETE FROM undo_log WHERE owner = current_user AND step < {kept}",
        f"DELETE FROM undo_step WHERE owner = current_user AND id < {kept}",
    ]
