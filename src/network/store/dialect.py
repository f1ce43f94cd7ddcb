"""SQLite's own SQL, in one place: what a PostgreSQL backend will say differently.

Queries elsewhere in the store are written in the SQL both engines share; a fragment
that only SQLite understands (integers as booleans, FTS5, julianday, PRAGMAs,
BEGIN IMMEDIATE) is built here, so the second engine swaps this module, not the queries.
"""

from __future__ import annotations

from network.domain.cadence import GROUP_EXEMPT_TIES


def counts_for_cadence(tie: str, is_group: str) -> str:
    """domain.cadence.counts_for_cadence as a SQL condition over the given column
    expressions (never user text): a group event does not count for a close tie."""
    ties = ", ".join(f"'{t}'" for t in GROUP_EXEMPT_TIES)
    # SQLite stores booleans as integers
    return f"NOT ({is_group} = 1 AND {tie} IN ({ties}))"


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
